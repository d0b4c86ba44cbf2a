//! The digit splitter on every crawler row of the corpus (public/008–014, 033 and the html/*.txt
//! beside the HTML pages) and on hostile input. Row texts are copied verbatim from the corpus
//! files (what the text importer hands over after the label); expected values and the flagged
//! cells are the ground truth (`cells`, `ambiguous`).

use std::time::{Duration, Instant};

use nianbao_core::import::split::{split_table, split_table_with, Hint, RawRow, SplitOptions};
use nianbao_core::template::Kind;
use nianbao_core::CellValue;

type S2Row = (&'static str, &'static str, &'static [f64], &'static [usize]);
type S3Row = (&'static str, &'static str, &'static [i64], &'static [usize]);

struct Case {
    name: &'static str,
    template: &'static str,
    /// Figures the prose fixes (the importer passes them as hints).
    hints: &'static [(&'static str, usize, f64)],
    unit: &'static str,
    s2: &'static [S2Row],
    s3: &'static [S3Row],
    s4: (&'static str, &'static [i64], &'static [usize]),
}

fn s2_kinds(template: &str, row: &str) -> Vec<Kind> {
    use Kind::*;
    match (template, row) {
        (_, "rules" | "normative") => vec![Count, Count, Count],
        ("2019", "fees") => vec![Count, Signed],
        ("2019", "procurement") => vec![Count, Money],
        ("2019", _) => vec![Count, Signed, Count],
        (_, "fees") => vec![Money],
        _ => vec![Count],
    }
}

fn raw(row: &'static str, text: &str, kinds: Vec<Kind>) -> RawRow {
    RawRow {
        row,
        text: text.to_string(),
        kinds,
    }
}

fn num(v: &CellValue) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

const CASES: &[Case] = &[
    Case {
        name: "public_008_pingtan_gwh_2019",
        template: "2019",
        hints: &[],
        unit: "元",
        s2: &[
            ("rules", "000", &[0.0, 0.0, 0.0], &[]),
            ("normative", "898989", &[89.0, 89.0, 89.0], &[0, 1, 2]),
            ("licensing", "3960181", &[396.0, 0.0, 181.0], &[0, 1, 2]),
            ("other_services", "100153", &[10.0, 0.0, 153.0], &[0, 1, 2]),
            ("penalty", "26480430", &[2648.0, 0.0, 430.0], &[0, 1, 2]),
            ("coercion", "126025", &[126.0, 0.0, 25.0], &[0, 1, 2]),
            ("fees", "350", &[35.0, 0.0], &[0, 1]),
            (
                "procurement",
                "13575394432.52",
                &[135.0, 75394432.52],
                &[0, 1],
            ),
        ],
        s3: &[
            ("r1", "230 000023", &[23, 0, 0, 0, 0, 0, 23], &[]),
            ("r2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_1", "7000007", &[7, 0, 0, 0, 0, 0, 7], &[]),
            ("r3_2", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_3_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_6", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_7", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_8", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_1", "7000007", &[7, 0, 0, 0, 0, 0, 7], &[]),
            ("r3_4_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_3", "5000005", &[5, 0, 0, 0, 0, 0, 5], &[]),
            ("r3_5_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_2", "3000003", &[3, 0, 0, 0, 0, 0, 3], &[]),
            ("r3_5_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6", "0 0 0 0 0 00", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_7", "23 0 00 0 023", &[23, 0, 0, 0, 0, 0, 23], &[]),
            ("r4", "0 0 00 00 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
        ],
        s4: (
            "000000000000000",
            &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            &[],
        ),
    },
    Case {
        name: "public_010_pingtan_gwh_2021",
        template: "2021",
        hints: &[],
        unit: "元",
        s2: &[
            ("rules", "000", &[0.0, 0.0, 0.0], &[]),
            ("normative", "693665", &[69.0, 3.0, 665.0], &[0, 1, 2]),
            ("licensing", "2293", &[2293.0], &[]),
            ("penalty", "1282", &[1282.0], &[]),
            ("coercion", "42", &[42.0], &[]),
            ("fees", "24252.311082", &[24252.311082], &[]),
        ],
        s3: &[
            ("r1", "640020470", &[64, 0, 0, 2, 0, 4, 70], &[]),
            ("r2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_1", "270020130", &[27, 0, 0, 2, 0, 1, 30], &[]),
            ("r3_2", "500000 5", &[5, 0, 0, 0, 0, 0, 5], &[]),
            ("r3_3_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_5", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_3_6", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_7", "6000006", &[6, 0, 0, 0, 0, 0, 6], &[]),
            ("r3_3_8", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_4_1", "220000325", &[22, 0, 0, 0, 0, 3, 25], &[]),
            ("r3_4_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_3", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_7", "630020469", &[63, 0, 0, 2, 0, 4, 69], &[]),
            ("r4", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
        ],
        s4: (
            "10203120001200000",
            &[1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0],
            &[],
        ),
    },
    Case {
        name: "public_012_pingtan_gwh_2023",
        template: "2021",
        hints: &[("normative", 0, 77.0)],
        unit: "元",
        s2: &[
            ("rules", "000", &[0.0, 0.0, 0.0], &[]),
            ("normative", "77132470", &[77.0, 132.0, 470.0], &[1, 2]),
            ("licensing", "2629", &[2629.0], &[]),
            ("penalty", "1330", &[1330.0], &[]),
            ("coercion", "54", &[54.0], &[]),
            ("fees", "5949.088667", &[5949.088667], &[]),
        ],
        s3: &[
            ("r1", "801000081", &[80, 1, 0, 0, 0, 0, 81], &[]),
            ("r2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_1", "220000022", &[22, 0, 0, 0, 0, 0, 22], &[]),
            ("r3_2", "191000020", &[19, 1, 0, 0, 0, 0, 20], &[]),
            ("r3_3_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_4", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_3_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_6", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_3_7", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_3_8", "2000002", &[2, 0, 0, 0, 0, 0, 2], &[]),
            ("r3_4_1", "310000031", &[31, 0, 0, 0, 0, 0, 31], &[]),
            ("r3_4_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_2", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_5_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_1", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_6_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_3", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_7", "801000081", &[80, 1, 0, 0, 0, 0, 81], &[]),
            ("r4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
        ],
        s4: (
            "110024001510102",
            &[1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2],
            &[],
        ),
    },
    Case {
        name: "public_014_pingtan_gwh_2025",
        template: "2021",
        hints: &[],
        unit: "元",
        s2: &[
            ("rules", "000", &[0.0, 0.0, 0.0], &[]),
            ("normative", "5845546", &[58.0, 45.0, 546.0], &[0, 1, 2]),
            ("licensing", "2418", &[2418.0], &[]),
            ("penalty", "644", &[644.0], &[]),
            ("coercion", "64", &[64.0], &[]),
            ("fees", "4166.241619", &[4166.241619], &[]),
        ],
        s3: &[
            ("r1", "15130000154", &[151, 3, 0, 0, 0, 0, 154], &[]),
            ("r2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_1", "330000033", &[33, 0, 0, 0, 0, 0, 33], &[]),
            ("r3_2", "380000038", &[38, 0, 0, 0, 0, 0, 38], &[]),
            ("r3_3_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_5", "3000003", &[3, 0, 0, 0, 0, 0, 3], &[]),
            ("r3_3_6", "2000002", &[2, 0, 0, 0, 0, 0, 2], &[]),
            ("r3_3_7", "3000003", &[3, 0, 0, 0, 0, 0, 3], &[]),
            ("r3_3_8", "3000003", &[3, 0, 0, 0, 0, 0, 3], &[]),
            ("r3_4_1", "491000050", &[49, 1, 0, 0, 0, 0, 50], &[]),
            ("r3_4_2", "3000003", &[3, 0, 0, 0, 0, 0, 3], &[]),
            ("r3_4_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_1", "2000002", &[2, 0, 0, 0, 0, 0, 2], &[]),
            ("r3_5_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_1", "8000008", &[8, 0, 0, 0, 0, 0, 8], &[]),
            ("r3_6_2", "2000002", &[2, 0, 0, 0, 0, 0, 2], &[]),
            ("r3_6_3", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_7", "14710000148", &[147, 1, 0, 0, 0, 0, 148], &[]),
            ("r4", "4200006", &[4, 2, 0, 0, 0, 0, 6], &[]),
        ],
        s4: (
            "25380363300630003",
            &[25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3],
            &[],
        ),
    },
    Case {
        name: "public_033_pingtan_junshanpianqu_2022",
        template: "2021",
        hints: &[],
        unit: "元",
        s2: &[
            ("rules", "000", &[0.0, 0.0, 0.0], &[]),
            ("normative", "0011", &[0.0, 0.0, 11.0], &[]),
            ("licensing", "0", &[0.0], &[]),
            ("penalty", "0", &[0.0], &[]),
            ("coercion", "0", &[0.0], &[]),
            ("fees", "0", &[0.0], &[]),
        ],
        s3: &[
            ("r1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_6", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_7", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_8", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_1", "3000025", &[3, 0, 0, 0, 0, 2, 5], &[]),
            ("r3_4_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_7", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
        ],
        s4: (
            "000000000000000",
            &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            &[],
        ),
    },
    Case {
        name: "html_002_pingtan_gwh_2025",
        template: "2021",
        hints: &[],
        unit: "元",
        s2: &[
            ("rules", "000", &[0.0, 0.0, 0.0], &[]),
            ("normative", "5845546", &[58.0, 45.0, 546.0], &[0, 1, 2]),
            ("licensing", "2418", &[2418.0], &[]),
            ("penalty", "644", &[644.0], &[]),
            ("coercion", "64", &[64.0], &[]),
            ("fees", "4166.241619", &[4166.241619], &[]),
        ],
        s3: &[
            ("r1", "15130000154", &[151, 3, 0, 0, 0, 0, 154], &[]),
            ("r2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_1", "330000033", &[33, 0, 0, 0, 0, 0, 33], &[]),
            ("r3_2", "380000038", &[38, 0, 0, 0, 0, 0, 38], &[]),
            ("r3_3_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_5", "3000003", &[3, 0, 0, 0, 0, 0, 3], &[]),
            ("r3_3_6", "2000002", &[2, 0, 0, 0, 0, 0, 2], &[]),
            ("r3_3_7", "3000003", &[3, 0, 0, 0, 0, 0, 3], &[]),
            ("r3_3_8", "3000003", &[3, 0, 0, 0, 0, 0, 3], &[]),
            ("r3_4_1", "491000050", &[49, 1, 0, 0, 0, 0, 50], &[]),
            ("r3_4_2", "3000003", &[3, 0, 0, 0, 0, 0, 3], &[]),
            ("r3_4_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_1", "2000002", &[2, 0, 0, 0, 0, 0, 2], &[]),
            ("r3_5_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_1", "8000008", &[8, 0, 0, 0, 0, 0, 8], &[]),
            ("r3_6_2", "2000002", &[2, 0, 0, 0, 0, 0, 2], &[]),
            ("r3_6_3", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_7", "14710000148", &[147, 1, 0, 0, 0, 0, 148], &[]),
            ("r4", "4200006", &[4, 2, 0, 0, 0, 0, 6], &[]),
        ],
        s4: (
            "25380363300630003",
            &[25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3],
            &[],
        ),
    },
    Case {
        name: "html_004_pingtan_jjpq_2020",
        template: "2019",
        hints: &[],
        unit: "元",
        s2: &[
            ("rules", "000", &[0.0, 0.0, 0.0], &[]),
            ("normative", "555", &[5.0, 5.0, 5.0], &[]),
            ("licensing", "00 0", &[0.0, 0.0, 0.0], &[]),
            ("other_services", "00 0", &[0.0, 0.0, 0.0], &[]),
            ("penalty", "000", &[0.0, 0.0, 0.0], &[]),
            ("coercion", "000", &[0.0, 0.0, 0.0], &[]),
            ("fees", "00", &[0.0, 0.0], &[]),
            ("procurement", "178810055", &[17.0, 8810055.0], &[0, 1]),
        ],
        s3: &[
            ("r1", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r2", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_1", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_2", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_1", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_2", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_3", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_4", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_5", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_6", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_7", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_8", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_1", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_2", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_3", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_1", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_2", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_3", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_4", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_5", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_7", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r4", "0 0 00 0 0 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
        ],
        s4: (
            "00 00 0 0 0 000 00 0 00",
            &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            &[],
        ),
    },
    Case {
        name: "html_005_pingtan_jtjsj_2024",
        template: "2021",
        hints: &[],
        unit: "元",
        s2: &[
            ("rules", "000", &[0.0, 0.0, 0.0], &[]),
            ("normative", "3123", &[3.0, 1.0, 23.0], &[0, 1, 2]),
            ("licensing", "0", &[0.0], &[]),
            ("penalty", "0", &[0.0], &[]),
            ("coercion", "0", &[0.0], &[]),
            ("fees", "0", &[0.0], &[]),
        ],
        s3: &[
            ("r1", "5800000 58", &[58, 0, 0, 0, 0, 0, 58], &[]),
            ("r2", "000000 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_1", "9000009", &[9, 0, 0, 0, 0, 0, 9], &[]),
            ("r3_2", "3000003", &[3, 0, 0, 0, 0, 0, 3], &[]),
            ("r3_3_1", "4000004", &[4, 0, 0, 0, 0, 0, 4], &[]),
            ("r3_3_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_5", "320000032", &[32, 0, 0, 0, 0, 0, 32], &[]),
            ("r3_3_6", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_7", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_8", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_1", "100000010", &[10, 0, 0, 0, 0, 0, 10], &[]),
            ("r3_4_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_2", "000000 0", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_7", "580000058", &[58, 0, 0, 0, 0, 0, 58], &[]),
            ("r4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
        ],
        s4: (
            "000000000000000",
            &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            &[],
        ),
    },
    Case {
        name: "html_008_pingtan_xzspj_2023",
        template: "2021",
        hints: &[("normative", 0, 5.0), ("normative", 2, 16.0)],
        unit: "元",
        s2: &[
            ("rules", "000", &[0.0, 0.0, 0.0], &[]),
            ("normative", "5416", &[5.0, 4.0, 16.0], &[]),
            ("licensing", "3", &[3.0], &[]),
            ("penalty", "0", &[0.0], &[]),
            ("coercion", "0", &[0.0], &[]),
            ("fees", "0", &[0.0], &[]),
        ],
        s3: &[
            ("r1", "7000007", &[7, 0, 0, 0, 0, 0, 7], &[]),
            ("r2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_2", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_3_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_6", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_7", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_8", "2000002", &[2, 0, 0, 0, 0, 0, 2], &[]),
            ("r3_4_1", "4000004", &[4, 0, 0, 0, 0, 0, 4], &[]),
            ("r3_4_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_7", "7000007", &[7, 0, 0, 0, 0, 0, 7], &[]),
            ("r4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
        ],
        s4: (
            "100010000000101",
            &[1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1],
            &[],
        ),
    },
    Case {
        name: "html_009_pingtan_gwh_2023",
        template: "2021",
        hints: &[("normative", 0, 77.0)],
        unit: "元",
        s2: &[
            ("rules", "000", &[0.0, 0.0, 0.0], &[]),
            ("normative", "77132470", &[77.0, 132.0, 470.0], &[1, 2]),
            ("licensing", "2629", &[2629.0], &[]),
            ("penalty", "1330", &[1330.0], &[]),
            ("coercion", "54", &[54.0], &[]),
            ("fees", "5949.088667", &[5949.088667], &[]),
        ],
        s3: &[
            ("r1", "801000081", &[80, 1, 0, 0, 0, 0, 81], &[]),
            ("r2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_1", "220000022", &[22, 0, 0, 0, 0, 0, 22], &[]),
            ("r3_2", "191000020", &[19, 1, 0, 0, 0, 0, 20], &[]),
            ("r3_3_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_4", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_3_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_3_6", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_3_7", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_3_8", "2000002", &[2, 0, 0, 0, 0, 0, 2], &[]),
            ("r3_4_1", "310000031", &[31, 0, 0, 0, 0, 0, 31], &[]),
            ("r3_4_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_4_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_1", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_2", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_5_3", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_5_5", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_1", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_6_2", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
            ("r3_6_3", "1000001", &[1, 0, 0, 0, 0, 0, 1], &[]),
            ("r3_7", "801000081", &[80, 1, 0, 0, 0, 0, 81], &[]),
            ("r4", "0000000", &[0, 0, 0, 0, 0, 0, 0], &[]),
        ],
        s4: (
            "110024001510102",
            &[1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2],
            &[],
        ),
    },
];

#[test]
fn corpus_section2_rows() {
    let mut failures = Vec::new();
    for case in CASES {
        let rows: Vec<RawRow> = case
            .s2
            .iter()
            .map(|(k, t, _, _)| raw(k, t, s2_kinds(case.template, k)))
            .collect();
        let opts = SplitOptions {
            hints: case
                .hints
                .iter()
                .map(|&(row, col, value)| Hint {
                    row: row.to_string(),
                    col,
                    value,
                })
                .collect(),
            money_unit: Some(case.unit.to_string()),
        };
        let got = split_table_with("s2", &rows, &opts);
        assert_eq!(got.len(), rows.len());
        for ((key, text, want, amb), r) in case.s2.iter().zip(&got) {
            let Some(r) = r else {
                failures.push(format!("{} {key} {text:?}: no reading", case.name));
                continue;
            };
            let vals: Vec<f64> = r.values.iter().map(num).collect();
            if vals != *want || r.uncertain_cells() != *amb {
                failures.push(format!(
                    "{} {key} {text:?}: got {vals:?} uncertain {:?}, want {want:?} uncertain {amb:?}",
                    case.name,
                    r.uncertain_cells()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn corpus_section3_tables() {
    let mut failures = Vec::new();
    for case in CASES {
        let rows: Vec<RawRow> = case
            .s3
            .iter()
            .map(|(k, t, _, _)| raw(k, t, vec![Kind::Count; 7]))
            .collect();
        let start = Instant::now();
        let got = split_table("s3", &rows);
        assert!(start.elapsed() < Duration::from_secs(1), "{}", case.name);
        for ((key, text, want, amb), r) in case.s3.iter().zip(&got) {
            let Some(r) = r else {
                failures.push(format!("{} {key} {text:?}: no reading", case.name));
                continue;
            };
            let vals: Vec<i64> = r.values.iter().filter_map(CellValue::as_i64).collect();
            if vals != *want || r.uncertain_cells() != *amb {
                failures.push(format!(
                    "{} {key} {text:?}: got {vals:?} uncertain {:?}, want {want:?} uncertain {amb:?}",
                    case.name,
                    r.uncertain_cells()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn corpus_section4_rows() {
    let mut failures = Vec::new();
    for case in CASES {
        let (text, want, amb) = case.s4;
        let got = split_table("s4", &[raw("review", text, vec![Kind::Count; 15])]);
        let Some(Some(r)) = got.first() else {
            failures.push(format!("{} s4 {text:?}: no reading", case.name));
            continue;
        };
        let vals: Vec<i64> = r.values.iter().filter_map(CellValue::as_i64).collect();
        if vals != want || r.uncertain_cells() != amb {
            failures.push(format!(
                "{} s4 {text:?}: got {vals:?} uncertain {:?}",
                case.name,
                r.uncertain_cells()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- Synthetic cases ----------------------------------------------------------------------

const S3_KEYS_2021: [&str; 25] = [
    "r1", "r2", "r3_1", "r3_2", "r3_3_1", "r3_3_2", "r3_3_3", "r3_3_4", "r3_3_5", "r3_3_6",
    "r3_3_7", "r3_3_8", "r3_4_1", "r3_4_2", "r3_4_3", "r3_5_1", "r3_5_2", "r3_5_3", "r3_5_4",
    "r3_5_5", "r3_6_1", "r3_6_2", "r3_6_3", "r3_7", "r4",
];

/// A V2021 section-3 table with every row `0000000` except the given ones.
fn s3_table(set: &[(&str, &str)]) -> Vec<RawRow> {
    S3_KEYS_2021
        .iter()
        .map(|&k| {
            let text = set
                .iter()
                .find(|(key, _)| *key == k)
                .map_or("0000000", |(_, t)| t);
            raw(k, text, vec![Kind::Count; 7])
        })
        .collect()
}

fn ints(r: &Option<nianbao_core::import::split::Reading>) -> Vec<i64> {
    r.as_ref()
        .map(|r| r.values.iter().filter_map(CellValue::as_i64).collect())
        .unwrap_or_default()
}

#[test]
fn certain_rows_have_no_alternatives() {
    let got = split_table("s2", &[raw("rules", "000", vec![Kind::Count; 3])]);
    let r = got[0].as_ref().expect("reading");
    assert!(r.is_certain());
    assert!(r.uncertain_cells().is_empty());
}

#[test]
fn section2_alternatives_are_listed() {
    let kinds = vec![Kind::Count, Kind::Signed, Kind::Count];
    let got = split_table("s2", &[raw("licensing", "3960181", kinds)]);
    let r = got[0].as_ref().expect("reading");
    assert_eq!(ints(&got[0]), vec![396, 0, 181]);
    let alt = |v: [i64; 3]| v.iter().map(|&i| CellValue::Int(i)).collect::<Vec<_>>();
    assert!(r.alternatives.contains(&alt([39, 60, 181])));
    assert!(r.alternatives.contains(&alt([3960, 18, 1])));
    assert!(!r.alternatives.contains(&alt([396, 0, 181])));
}

#[test]
fn signs_and_decimal_points_are_boundaries() {
    let kinds = vec![Kind::Count, Kind::Signed, Kind::Count];
    let got = split_table("s2", &[raw("penalty", "2648-18538", kinds.clone())]);
    let v = ints(&got[0]);
    assert_eq!(v[0], 2648);
    assert!(v[1] < 0);
    assert_eq!(
        got[0].as_ref().map(|r| r.uncertain_cells()),
        Some(vec![1, 2])
    );
    let got = split_table(
        "s2",
        &[raw("fees", "35-15", vec![Kind::Count, Kind::Signed])],
    );
    assert_eq!(ints(&got[0]), vec![35, -15]);
    assert!(got[0].as_ref().is_some_and(|r| r.is_certain()));
    let got = split_table("s2", &[raw("coercion", "10 +44 5", kinds)]);
    assert_eq!(ints(&got[0]), vec![10, 44, 5]);
    // Money keeps its decimals; the count before it cannot take the point.
    let got = split_table("s2", &[raw("fees", "96171.6", vec![Kind::Money])]);
    assert_eq!(
        got[0].as_ref().map(|r| r.values.clone()),
        Some(vec![CellValue::Dec(96171.6)])
    );
    // 元 vs 万元 changes the typical project size.
    let k = vec![Kind::Count, Kind::Money];
    let yuan = split_table("s2", &[raw("procurement", "178810055", k.clone())]);
    assert_eq!(ints(&yuan[0]), vec![17, 8810055]);
    let opts = SplitOptions {
        money_unit: Some("万元".into()),
        ..SplitOptions::default()
    };
    let wan = split_table_with("s2", &[raw("procurement", "178810055", k)], &opts);
    assert_eq!(ints(&wan[0]), vec![1788, 10055]);
}

#[test]
fn hints_fix_cells_and_wrong_hints_are_ignored() {
    let rows = [raw("normative", "5416", vec![Kind::Count; 3])];
    let hint = |col, value| Hint {
        row: "normative".into(),
        col,
        value,
    };
    let opts = SplitOptions {
        hints: vec![hint(0, 5.0), hint(2, 16.0)],
        ..SplitOptions::default()
    };
    let got = split_table_with("s2", &rows, &opts);
    assert_eq!(ints(&got[0]), vec![5, 4, 16]);
    assert!(got[0].as_ref().is_some_and(|r| r.is_certain()));
    let opts = SplitOptions {
        hints: vec![hint(2, 393.0)],
        ..SplitOptions::default()
    };
    let got = split_table_with("s2", &rows, &opts);
    assert_eq!(ints(&got[0]), vec![5, 4, 16]);
    assert!(got[0].as_ref().is_some_and(|r| !r.is_certain()));
}

#[test]
fn section3_joint_ambiguity_is_flagged() {
    // r1, r3_1 and r3_7 read 11/0/…/11 or 1/10/…/11 together: both satisfy every identity.
    let rows = s3_table(&[
        ("r1", "110000011"),
        ("r3_1", "110000011"),
        ("r3_7", "110000011"),
    ]);
    let got = split_table("s3", &rows);
    for i in [0, 2, 23] {
        assert_eq!(ints(&got[i]), vec![11, 0, 0, 0, 0, 0, 11]);
        assert_eq!(
            got[i].as_ref().map(|r| r.uncertain_cells()),
            Some(vec![0, 1])
        );
    }
    assert!(got[1].as_ref().is_some_and(|r| r.is_certain()));
}

#[test]
fn section3_identities_decide_between_row_consistent_splits() {
    // r3_1 alone could be 11/0/…/11 or 1/10/…/11; r1 = r3_7 = 1/10 decides.
    let rows = s3_table(&[
        ("r1", "1 10 0 0 0 0 11"),
        ("r3_1", "110000011"),
        ("r3_7", "1 10 0000 11"),
    ]);
    let got = split_table("s3", &rows);
    assert_eq!(ints(&got[2]), vec![1, 10, 0, 0, 0, 0, 11]);
    assert!(got
        .iter()
        .all(|r| r.as_ref().is_some_and(|r| r.is_certain())));
}

#[test]
fn section3_report_errors_never_fail() {
    // 033: T3-03 fails (a result row without any application); the rows are read as printed.
    let rows = s3_table(&[("r3_4_1", "3000025")]);
    let got = split_table("s3", &rows);
    assert_eq!(ints(&got[12]), vec![3, 0, 0, 0, 0, 2, 5]);
    // A row whose own total is wrong (no split has 总计 = sum): still read, identities choose.
    let rows = s3_table(&[
        ("r1", "120000013"),
        ("r3_1", "120000013"),
        ("r3_7", "130000013"),
    ]);
    let got = split_table("s3", &rows);
    assert!(got.iter().all(Option::is_some));
    // Marks and text are taken as written, outside the identities.
    let rows = s3_table(&[("r2", "/ / / / / / /")]);
    let got = split_table("s3", &rows);
    assert_eq!(got[1].as_ref().map(|r| r.values.len()), Some(7));
    assert!(got[1].as_ref().is_some_and(|r| r.values[0].is_mark()));
}

#[test]
fn section4_groups_and_broken_totals() {
    let three = [
        raw("review", "12003", vec![Kind::Count; 5]),
        raw("suit_direct", "1200012", vec![Kind::Count; 5]),
        raw("suit_after_review", "00000", vec![Kind::Count; 5]),
    ];
    let got = split_table("s4", &three);
    assert_eq!(ints(&got[0]), vec![1, 2, 0, 0, 3]);
    // 1200012 → 12/0/0/0/12.
    assert_eq!(ints(&got[1])[4], 12);
    // A long run (23 digits) still finds its one consistent split within the search budget.
    let got = split_table(
        "s4",
        &[raw(
            "review",
            "12035810173123052030003",
            vec![Kind::Count; 15],
        )],
    );
    assert_eq!(
        ints(&got[0]),
        vec![120, 35, 8, 10, 173, 12, 3, 0, 5, 20, 3, 0, 0, 0, 3]
    );
    let rows = s3_table(&[
        ("r1", "1234567890121407"),
        ("r3_1", "1234567890121407"),
        ("r3_7", "1234567890121407"),
    ]);
    let got = split_table("s3", &rows);
    let want: Vec<CellValue> = [1234, 56, 7, 8, 90, 12, 1407]
        .iter()
        .map(|&i| CellValue::Int(i))
        .collect();
    let r = got[0].as_ref().expect("reading");
    assert!(r.values == want || r.alternatives.contains(&want));
    // Totals that never add up: still a reading, splits breaking the fewest groups.
    let got = split_table(
        "s4",
        &[raw("review", "1111111111111119", vec![Kind::Count; 15])],
    );
    assert!(got[0].is_some());
}

#[test]
fn hostile_input_is_bounded() {
    // Empty and garbage.
    assert_eq!(
        split_table("s2", &[raw("licensing", "", vec![Kind::Count])]),
        vec![None]
    );
    assert_eq!(
        split_table("s2", &[raw("licensing", "abc", vec![Kind::Count])]),
        vec![None]
    );
    assert_eq!(
        split_table("s3", &[raw("r1", "１２x", vec![Kind::Count; 7])]),
        vec![None]
    );
    assert_eq!(split_table("s2", &[]), Vec::new());
    // 40 digits: no cell holds more than 15 digits, never an overflow.
    let forty = "9".repeat(40);
    for kinds in [vec![Kind::Count], vec![Kind::Money], vec![Kind::Count; 2]] {
        let got = split_table("s2", &[raw("licensing", &forty, kinds)]);
        assert!(got[0]
            .as_ref()
            .is_none_or(|r| r.values.iter().all(|v| !v.is_number())));
    }
    let got = split_table("s3", &[raw("r1", &forty, vec![Kind::Count; 7])]);
    assert!(got[0].as_ref().is_none_or(|r| r.values.len() == 7));
    // 1 MB of digits, and every row of a table at the longest splittable length.
    let start = Instant::now();
    let mega = "7".repeat(1 << 20);
    assert_eq!(
        split_table("s2", &[raw("licensing", &mega, vec![Kind::Count])]),
        vec![None]
    );
    let rows = s3_table(&[("r1", &mega)]);
    let _ = split_table("s3", &rows);
    let _ = split_table("s4", &[raw("review", &mega, vec![Kind::Count; 15])]);
    let long = "1234567890".repeat(10);
    let texts: Vec<(&str, &str)> = S3_KEYS_2021.iter().map(|&k| (k, long.as_str())).collect();
    let _ = split_table("s3", &s3_table(&texts));
    let _ = split_table("s4", &[raw("review", &long[..60], vec![Kind::Count; 15])]);
    let spaced = "1 ".repeat(1 << 19);
    let _ = split_table("s3", &s3_table(&[("r1", &spaced)]));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn hints_from_the_prose() {
    use nianbao_core::import::split::prose_hints;
    use nianbao_core::TemplateId;
    let cols = |text: &str, t| {
        prose_hints(text, t)
            .into_iter()
            .map(|h| (h.col, h.value))
            .collect::<Vec<_>>()
    };
    // 012 / html 009.
    assert_eq!(
        cols(
            "清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。",
            TemplateId::V2021
        ),
        vec![(2, 393.0), (0, 77.0)]
    );
    // html 008.
    assert_eq!(
        cols(
            "全面梳理了我局现行有效的规范性文件16件，在“行政规范性文件”栏目下公开。2023年，我局制定规范性文件5件。",
            TemplateId::V2021
        ),
        vec![(2, 16.0), (0, 5.0)]
    );
    // 000 weihai (2019: no 废止 column).
    assert_eq!(
        cols(
            "2020年制发规范性文件4件，废止2件，现行有效14件，并根据",
            TemplateId::V2019
        ),
        vec![(0, 4.0), (2, 14.0)]
    );
    assert_eq!(
        cols(
            "2020年制发规范性文件4件，废止2件，现行有效14件，并根据",
            TemplateId::V2021
        ),
        vec![(0, 4.0), (1, 2.0), (2, 14.0)]
    );
    // Not the row's figures.
    assert!(cols(
        "全年公开行政规范性文件3件、行政许可处理决定46209件",
        TemplateId::V2021
    )
    .is_empty());
    assert!(cols("规范性文件类信息5条", TemplateId::V2021).is_empty());
    assert!(cols("", TemplateId::V2021).is_empty());
}

#[test]
fn random_input_never_panics() {
    use nianbao_core::import::split::prose_hints;
    use nianbao_core::TemplateId;
    let alphabet: Vec<char> = "0000123456789   +-.．１件，规范性文件制发现行有效废止x/"
        .chars()
        .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let kind_sets = [
        vec![Kind::Count; 3],
        vec![Kind::Count, Kind::Signed, Kind::Count],
        vec![Kind::Count, Kind::Signed],
        vec![Kind::Count, Kind::Money],
        vec![Kind::Money],
        vec![Kind::Count; 15],
    ];
    for _ in 0..300 {
        let len = (next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        for kinds in &kind_sets {
            for table in ["s2", "s4"] {
                let got = split_table(table, &[raw("normative", &text, kinds.clone())]);
                if let Some(Some(r)) = got.first() {
                    assert_eq!(r.values.len(), kinds.len());
                    assert!(r.alternatives.iter().all(|a| a.len() == kinds.len()));
                }
            }
        }
        let _ = split_table("s3", &s3_table(&[("r1", &text), ("r3_7", &text)]));
        let _ = prose_hints(&text, TemplateId::V2021);
    }
}
