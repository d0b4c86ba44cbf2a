//! The two official templates (SPEC.md §3–§5, DATA.md cell keys), defined once, as data.
//! Importers match labels against this, rules name cells by it, the UI lays tables out from it
//! and the exporters write from it.

use std::sync::OnceLock;

use crate::model::TemplateId;

/// What a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A non-negative integer.
    Count,
    /// A signed integer (`本年增/减`).
    Signed,
    /// A non-negative decimal.
    Money,
}

/// How a table is drawn in the official template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A section-2 block: caption `第二十条第（X）项`, a header row starting `信息内容`, rows below.
    Section2,
    /// The section-3 table: three header rows, 7 numeric columns, 23/25 rows.
    Section3,
    /// The section-4 table: one row of 15 numbers under a two-level header; `rows` are its three
    /// column groups.
    Section4,
}

/// A column of a table.
#[derive(Debug)]
pub struct ColDef {
    /// The key part (`issued`, `natural`, `upheld` …).
    pub key: &'static str,
    /// The official label.
    pub label: &'static str,
    /// Other labels seen in real reports.
    pub aliases: &'static [&'static str],
    pub kind: Kind,
}

/// A row of a table (for section 4: a column group).
#[derive(Debug)]
pub struct RowDef {
    /// The key part (`rules`, `r3_3_1`, `review` …).
    pub key: &'static str,
    /// The official label of the row itself (`1.属于国家秘密`).
    pub label: &'static str,
    /// The merged group label the row sits under (`（三）不予公开`), if any.
    pub group: Option<&'static str>,
    /// Other labels seen in real reports (typos, old wording).
    pub aliases: &'static [&'static str],
}

/// One table of the template.
#[derive(Debug)]
pub struct TableDef {
    /// `s2.1`, `s2.5`, `s2.6`, `s2.8`, `s2.9`, `s3`, `s4`.
    pub id: &'static str,
    /// The key prefix of its cells: `s2`, `s3` or `s4`.
    pub prefix: &'static str,
    /// The section it belongs to (2, 3 or 4).
    pub section: u8,
    /// The caption (`第二十条第（一）项`) or table title.
    pub caption: &'static str,
    pub layout: Layout,
    pub rows: &'static [RowDef],
    pub columns: &'static [ColDef],
}

/// One cell of a template, with everything needed to name it.
#[derive(Debug)]
pub struct CellDef {
    /// The DATA.md key, `s3.r3_3_1.natural`.
    pub key: String,
    pub table: &'static TableDef,
    pub row: &'static RowDef,
    pub col: &'static ColDef,
}

impl CellDef {
    pub fn kind(&self) -> Kind {
        self.col.kind
    }

    /// A short Chinese name for messages: `（三）不予公开 1.属于国家秘密·自然人`,
    /// `第二十条第（一）项 规章·本年制发件数`, `行政复议·总计`.
    pub fn name(&self) -> String {
        match self.table.layout {
            Layout::Section2 => format!(
                "{} {}·{}",
                self.table.caption, self.row.label, self.col.label
            ),
            Layout::Section3 => match self.row.group {
                Some(g) => format!("{g} {}·{}", self.row.label, self.col.label),
                None => format!("{}·{}", self.row.label, self.col.label),
            },
            Layout::Section4 => match self.row.key {
                "review" => format!("行政复议·{}", self.col.label),
                _ => format!("行政诉讼{}·{}", self.row.label, self.col.label),
            },
        }
    }

    /// English name for `message_en`.
    pub fn name_en(&self) -> String {
        self.key.clone()
    }
}

/// A whole template: its tables and, derived from them, every cell in template order.
#[derive(Debug)]
pub struct Template {
    pub id: TemplateId,
    pub tables: &'static [TableDef],
    cells: Vec<CellDef>,
}

impl Template {
    /// Every cell of the template, in the template's reading order.
    pub fn cells(&self) -> &[CellDef] {
        &self.cells
    }

    /// The cell with this key, if the template has it.
    pub fn cell(&self, key: &str) -> Option<&CellDef> {
        self.cells.iter().find(|c| c.key == key)
    }

    pub fn table(&self, id: &str) -> Option<&'static TableDef> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// Tables of one section, in order.
    pub fn section_tables(&self, section: u8) -> impl Iterator<Item = &'static TableDef> {
        self.tables.iter().filter(move |t| t.section == section)
    }

    /// The section-3 rows of this template.
    pub fn s3_rows(&self) -> &'static [RowDef] {
        match self.id {
            TemplateId::V2019 => S3_ROWS_2019,
            TemplateId::V2021 => S3_ROWS_2021,
        }
    }
}

/// The template with this id.
pub fn get(id: TemplateId) -> &'static Template {
    static TEMPLATES: PerTemplate<Template> = PerTemplate::new();
    TEMPLATES.get(id, |id| match id {
        TemplateId::V2019 => build(id, TABLES_2019),
        TemplateId::V2021 => build(id, TABLES_2021),
    })
}

/// A value built once per program for each template (the template itself, and the tables,
/// indexes and layouts that the importers and rules derive from it): a `static` of this type
/// holds both.
pub(crate) struct PerTemplate<T>([OnceLock<T>; 2]);

impl<T> PerTemplate<T> {
    pub(crate) const fn new() -> PerTemplate<T> {
        PerTemplate([OnceLock::new(), OnceLock::new()])
    }

    /// The value for `t`, made by `build` the first time it is asked for.
    pub(crate) fn get(&self, t: TemplateId, build: impl FnOnce(TemplateId) -> T) -> &T {
        let cell = match t {
            TemplateId::V2019 => &self.0[0],
            TemplateId::V2021 => &self.0[1],
        };
        cell.get_or_init(|| build(t))
    }
}

/// The keys of a template's cells in byte order, each with its cell's index in `cells()`; made
/// once per template (the importers hand cells over in this order, the rules merge with it).
pub(crate) fn sorted_keys(t: TemplateId) -> &'static [(&'static str, usize)] {
    static KEYS: PerTemplate<Vec<(&'static str, usize)>> = PerTemplate::new();
    KEYS.get(t, |t| {
        let mut v: Vec<(&'static str, usize)> = get(t)
            .cells()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key.as_str(), i))
            .collect();
        v.sort_unstable();
        v
    })
}

/// The cell definition of a key in either template (2021 first).
pub fn find_cell(key: &str) -> Option<&'static CellDef> {
    get(TemplateId::V2021)
        .cell(key)
        .or_else(|| get(TemplateId::V2019).cell(key))
}

fn build(id: TemplateId, tables: &'static [TableDef]) -> Template {
    let mut cells = Vec::new();
    for table in tables {
        for row in table.rows {
            for col in table.columns {
                cells.push(CellDef {
                    key: format!("{}.{}.{}", table.prefix, row.key, col.key),
                    table,
                    row,
                    col,
                });
            }
        }
    }
    Template { id, tables, cells }
}

const fn col(
    key: &'static str,
    label: &'static str,
    aliases: &'static [&'static str],
    kind: Kind,
) -> ColDef {
    ColDef {
        key,
        label,
        aliases,
        kind,
    }
}

const fn row(
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    aliases: &'static [&'static str],
) -> RowDef {
    RowDef {
        key,
        label,
        group,
        aliases,
    }
}

// ---- Section 2 -------------------------------------------------------------------------

const S2_DECISIONS_2021: &[ColDef] = &[col(
    "decisions",
    "本年处理决定数量",
    &["本年处理决定数", "处理决定数量"],
    Kind::Count,
)];

const S2_2021_RULES: &[RowDef] = &[
    row("rules", "规章", None, &[]),
    row("normative", "行政规范性文件", None, &["规范性文件"]),
];

const S2_2019_RULES: &[RowDef] = &[
    row("rules", "规章", None, &[]),
    row("normative", "规范性文件", None, &["行政规范性文件"]),
];

const S2_2019_PROJECT_COLS: &[ColDef] = &[
    col(
        "prev",
        "上一年项目数量",
        &["上年项目数量", "上一年度项目数量"],
        Kind::Count,
    ),
    col(
        "delta",
        "本年增/减",
        &["本年增减", "本年增/减数量", "本年新增/减少"],
        Kind::Signed,
    ),
    col(
        "decisions",
        "处理决定数量",
        &["本年处理决定数量"],
        Kind::Count,
    ),
];

const TABLES_2021: &[TableDef] = &[
    TableDef {
        id: "s2.1",
        prefix: "s2",
        section: 2,
        caption: "第二十条第（一）项",
        layout: Layout::Section2,
        rows: S2_2021_RULES,
        columns: &[
            col(
                "issued",
                "本年制发件数",
                &["本年制发数量", "本年新制发件数"],
                Kind::Count,
            ),
            col("repealed", "本年废止件数", &["本年废止数量"], Kind::Count),
            col("in_force", "现行有效件数", &["现行有效数量"], Kind::Count),
        ],
    },
    TableDef {
        id: "s2.5",
        prefix: "s2",
        section: 2,
        caption: "第二十条第（五）项",
        layout: Layout::Section2,
        rows: &[row("licensing", "行政许可", None, &[])],
        columns: S2_DECISIONS_2021,
    },
    TableDef {
        id: "s2.6",
        prefix: "s2",
        section: 2,
        caption: "第二十条第（六）项",
        layout: Layout::Section2,
        rows: &[
            row("penalty", "行政处罚", None, &[]),
            row("coercion", "行政强制", None, &[]),
        ],
        columns: S2_DECISIONS_2021,
    },
    TableDef {
        id: "s2.8",
        prefix: "s2",
        section: 2,
        caption: "第二十条第（八）项",
        layout: Layout::Section2,
        rows: &[row("fees", "行政事业性收费", None, &[])],
        columns: &[col(
            "amount",
            "本年收费金额（单位：万元）",
            &[
                "本年收费金额",
                "本年收费金额(单位:万元)",
                "收费金额（万元）",
                "本年收费金额（万元）",
            ],
            Kind::Money,
        )],
    },
    S3_2021,
    S4,
];

const TABLES_2019: &[TableDef] = &[
    TableDef {
        id: "s2.1",
        prefix: "s2",
        section: 2,
        caption: "第二十条第（一）项",
        layout: Layout::Section2,
        rows: S2_2019_RULES,
        columns: &[
            col("made", "本年新制作数量", &["本年新制作"], Kind::Count),
            col("published", "本年新公开数量", &["本年新公开"], Kind::Count),
            col("total", "对外公开总数量", &["对外公开总数"], Kind::Count),
        ],
    },
    TableDef {
        id: "s2.5",
        prefix: "s2",
        section: 2,
        caption: "第二十条第（五）项",
        layout: Layout::Section2,
        rows: &[
            row("licensing", "行政许可", None, &[]),
            row(
                "other_services",
                "其他对外管理服务事项",
                None,
                &["其他对外管理服务"],
            ),
        ],
        columns: S2_2019_PROJECT_COLS,
    },
    TableDef {
        id: "s2.6",
        prefix: "s2",
        section: 2,
        caption: "第二十条第（六）项",
        layout: Layout::Section2,
        rows: &[
            row("penalty", "行政处罚", None, &[]),
            row("coercion", "行政强制", None, &[]),
        ],
        columns: S2_2019_PROJECT_COLS,
    },
    TableDef {
        id: "s2.8",
        prefix: "s2",
        section: 2,
        caption: "第二十条第（八）项",
        layout: Layout::Section2,
        rows: &[row("fees", "行政事业性收费", None, &[])],
        columns: &[
            col(
                "prev",
                "上一年项目数量",
                &["上年项目数量", "上一年度项目数量"],
                Kind::Count,
            ),
            col("delta", "本年增/减", &["本年增减"], Kind::Signed),
        ],
    },
    TableDef {
        id: "s2.9",
        prefix: "s2",
        section: 2,
        caption: "第二十条第（九）项",
        layout: Layout::Section2,
        rows: &[row("procurement", "政府集中采购", None, &[])],
        columns: &[
            col("projects", "采购项目数量", &[], Kind::Count),
            col(
                "amount",
                "采购总金额",
                &[
                    "采购总金额（元）",
                    "采购总金额（万元）",
                    "采购总金额(元)",
                    "采购总金额(万元)",
                ],
                Kind::Money,
            ),
        ],
    },
    S3_2019,
    S4,
];

// ---- Section 3 -------------------------------------------------------------------------

/// The section-3 header note (SPEC.md §4.1, rule S-06).
pub const S3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// Section 3's columns in order (C1 自然人 … C7 总计).
pub const S3_COLUMNS: &[ColDef] = &[
    col("natural", "自然人", &[], Kind::Count),
    col("commercial", "商业企业", &[], Kind::Count),
    col("research", "科研机构", &[], Kind::Count),
    col("nonprofit", "社会公益组织", &[], Kind::Count),
    col("legal", "法律服务机构", &[], Kind::Count),
    col("other", "其他", &[], Kind::Count),
    col("total", "总计", &["合计"], Kind::Count),
];

const G3: Option<&str> = Some("（三）不予公开");
const G4: Option<&str> = Some("（四）无法提供");
const G5: Option<&str> = Some("（五）不予处理");
const G6: Option<&str> = Some("（六）其他处理");

macro_rules! s3_rows {
    ($($sixth:expr),* $(,)?) => {
        &[
            row("r1", "一、本年新收政府信息公开申请数量", None, &["本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请"]),
            row("r2", "二、上年结转政府信息公开申请数量", None, &["上年结转政府信息公开申请数量", "二、上年结转政府信息公开申请"]),
            row("r3_1", "（一）予以公开", None, &["三、本年度办理结果（一）予以公开"]),
            row("r3_2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, &["（二）部分公开"]),
            row("r3_3_1", "1.属于国家秘密", G3, &["1.属于国际秘密"]),
            row("r3_3_2", "2.其他法律行政法规禁止公开", G3, &[]),
            row("r3_3_3", "3.危及“三安全一稳定”", G3, &["3.危及三安全一稳定"]),
            row("r3_3_4", "4.保护第三方合法权益", G3, &[]),
            row("r3_3_5", "5.属于三类内部事务信息", G3, &[]),
            row("r3_3_6", "6.属于四类过程性信息", G3, &[]),
            row("r3_3_7", "7.属于行政执法案卷", G3, &[]),
            row("r3_3_8", "8.属于行政查询事项", G3, &[]),
            row("r3_4_1", "1.本机关不掌握相关政府信息", G4, &[]),
            row("r3_4_2", "2.没有现成信息需要另行制作", G4, &[]),
            row("r3_4_3", "3.补正后申请内容仍不明确", G4, &[]),
            row("r3_5_1", "1.信访举报投诉类申请", G5, &[]),
            row("r3_5_2", "2.重复申请", G5, &[]),
            row("r3_5_3", "3.要求提供公开出版物", G5, &[]),
            row("r3_5_4", "4.无正当理由大量反复申请", G5, &[]),
            row("r3_5_5", "5.要求行政机关确认或重新出具已获取信息", G5, &[]),
            $($sixth,)*
            row("r3_7", "（七）总计", None, &[]),
            row("r4", "四、结转下年度继续办理", None, &["结转下年度继续办理"]),
        ]
    };
}

const S3_ROWS_2019: &[RowDef] = s3_rows!(row("r3_6", "（六）其他处理", None, &[]));
const S3_ROWS_2021: &[RowDef] = s3_rows!(
    row(
        "r3_6_1",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        G6,
        &[]
    ),
    row(
        "r3_6_2",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        G6,
        &[]
    ),
    row("r3_6_3", "3.其他", G6, &[]),
);

/// The header of the row-label column of every section-2 block.
pub const S2_CONTENT_HEADER: &str = "信息内容";

/// The section-3 header over the seven applicant columns.
pub const S3_APPLICANT_HEADER: &str = "申请人情况";

/// The section-3 header over the five organisation columns (商业企业 … 其他).
pub const S3_ORG_HEADER: &str = "法人或其他组织";

/// The merged label over rows （一）–（七） (no numbers of its own).
pub const S3_RESULTS_GROUP: &str = "三、本年度办理结果";

const S3_2019: TableDef = TableDef {
    id: "s3",
    prefix: "s3",
    section: 3,
    caption: "收到和处理政府信息公开申请情况",
    layout: Layout::Section3,
    rows: S3_ROWS_2019,
    columns: S3_COLUMNS,
};

const S3_2021: TableDef = TableDef {
    rows: S3_ROWS_2021,
    ..S3_2019
};

// ---- Section 4 -------------------------------------------------------------------------

const S4: TableDef = TableDef {
    id: "s4",
    prefix: "s4",
    section: 4,
    caption: "政府信息公开行政复议、行政诉讼情况",
    layout: Layout::Section4,
    rows: &[
        row("review", "行政复议", None, &[]),
        row("suit_direct", "未经复议直接起诉", Some("行政诉讼"), &[]),
        row("suit_after_review", "复议后起诉", Some("行政诉讼"), &[]),
    ],
    columns: &[
        col("upheld", "结果维持", &[], Kind::Count),
        col("corrected", "结果纠正", &[], Kind::Count),
        col("other", "其他结果", &[], Kind::Count),
        col("pending", "尚未审结", &[], Kind::Count),
        col("total", "总计", &["合计"], Kind::Count),
    ],
};

/// Canonical section headings (SPEC.md §2), index 0 = section 1.
pub const SECTION_HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// Accepted alternative headings (SPEC.md §2), without their numbering.
pub const SECTION_ALIASES: [&[&str]; 6] = [
    &["总体情况", "概述"],
    &["主动公开政府信息情况", "行政机关主动公开政府信息情况"],
    &[
        "收到和处理政府信息公开申请情况",
        "行政机关收到和处理政府信息公开申请情况",
    ],
    &[
        "政府信息公开行政复议、行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "政府信息公开行政复议及行政诉讼情况",
    ],
    &[
        "存在的主要问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题和改进措施",
        "存在问题及改进情况",
    ],
    &["其他需要报告的事项"],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_counts_match_data_md() {
        // DATA.md: 2021 has 10 + 175 + 15 = 200 cells; 2019 has 22 + 161 + 15 = 198.
        assert_eq!(get(TemplateId::V2021).cells().len(), 200);
        assert_eq!(get(TemplateId::V2019).cells().len(), 198);
        assert_eq!(
            get(TemplateId::V2021)
                .cells()
                .iter()
                .filter(|c| c.key.starts_with("s2."))
                .count(),
            10
        );
        assert_eq!(
            get(TemplateId::V2019)
                .cells()
                .iter()
                .filter(|c| c.key.starts_with("s2."))
                .count(),
            22
        );
    }

    #[test]
    fn keys_match_the_ground_truth() {
        for (file, id) in [
            ("public/002_huaian_szf_2024.json", TemplateId::V2021),
            ("public/000_weihai_gxj_2020.json", TemplateId::V2019),
        ] {
            let path = format!(
                "{}/../../../shared/corpus/{file}",
                env!("CARGO_MANIFEST_DIR")
            );
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let v: serde_json::Value = serde_json::from_str(&text).expect("ground truth is JSON");
            let truth: Vec<&String> = v["cells"].as_object().expect("cells").keys().collect();
            let t = get(id);
            for k in &truth {
                assert!(t.cell(k).is_some(), "{file}: {k} not in template {id}");
            }
            assert_eq!(truth.len(), t.cells().len(), "{file}");
        }
    }

    #[test]
    fn names_read_well() {
        let t = get(TemplateId::V2021);
        assert_eq!(
            t.cell("s4.review.total").map(CellDef::name).as_deref(),
            Some("行政复议·总计")
        );
        assert_eq!(
            t.cell("s3.r3_3_1.natural").map(CellDef::name).as_deref(),
            Some("（三）不予公开 1.属于国家秘密·自然人")
        );
    }
}
