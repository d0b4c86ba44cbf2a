//! DOCX in the style of Chinese official documents (GB/T 9704): A4, margins 37/35/28/26 mm,
//! title 方正小标宋简体 二号 centred, body 仿宋_GB2312 三号 at 22 lines a page, first-level
//! headings 黑体, second-level 楷体_GB2312, page numbers "— 1 —" (odd right, even left), the
//! three tables as in the official Word template, the 落款 right-aligned.

use std::fmt::Write;

use super::layout::{self, Content, Grid};
use super::{esc, paragraphs, zip};
use crate::model::Report;
use crate::template::SECTION_HEADINGS;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
/// Text width in twips: 210 mm − 28 mm − 26 mm.
const TEXT_W: u32 = 8845;

pub fn write(report: &Report) -> Vec<u8> {
    let title = super::title_of(report);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", ROOT_RELS.into()),
        ("docProps/core.xml", core(&title).into_bytes()),
        ("word/_rels/document.xml.rels", DOC_RELS.into()),
        ("word/document.xml", document(report, &title).into_bytes()),
        ("word/styles.xml", STYLES.into()),
        ("word/settings.xml", SETTINGS.into()),
        ("word/fontTable.xml", FONTS.into()),
        ("word/footer1.xml", footer("right", "w:right").into_bytes()),
        ("word/footer2.xml", footer("left", "w:left").into_bytes()),
    ];
    zip::write(&files)
}

fn document(report: &Report, title: &str) -> String {
    let mut b = String::new();
    title_para(&mut b, title, report.year);
    let grids = layout::grids(super::template_of(report), report);
    for (i, heading) in SECTION_HEADINGS.iter().enumerate() {
        let n = i + 1;
        para(&mut b, "H1", heading);
        for line in paragraphs(report.section(n as u8)) {
            body_para(&mut b, line);
        }
        for g in grids.iter().filter(|g| usize::from(g.section) == n) {
            table(&mut b, g, report);
            for note in super::extra_notes(report, g.id) {
                para(&mut b, "TableText", &note);
            }
            b.push_str(r#"<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>"#);
        }
    }
    if let Some((agency, date)) = super::signature(report) {
        b.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Sign"/></w:pPr></w:p>"#);
        for line in [agency, date.as_str()] {
            if !line.is_empty() {
                para(&mut b, "Sign", line);
            }
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{b}<w:sectPr><w:footerReference w:type="default" r:id="rIdF1"/><w:footerReference w:type="even" r:id="rIdF2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1247" w:gutter="0"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="0"/></w:sectPr></w:body></w:document>"#
    )
}

/// The title, broken before the year when it is too long for one line (`淮安市人民政府` /
/// `2024年政府信息公开工作年度报告`).
fn title_para(b: &mut String, title: &str, year: Option<i32>) {
    b.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>"#);
    let at = year
        .and_then(|y| title.find(&format!("{y}年")))
        .filter(|&i| i > 0 && title.chars().count() > 20);
    match at {
        Some(i) => {
            run(b, &title[..i], None);
            b.push_str("<w:r><w:br/></w:r>");
            run(b, &title[i..], None);
        }
        None => run(b, title, None),
    }
    b.push_str("</w:p>");
}

fn run(b: &mut String, text: &str, font: Option<&str>) {
    b.push_str("<w:r>");
    if let Some(f) = font {
        let _ = write!(
            b,
            r#"<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}"/></w:rPr>"#
        );
    }
    let _ = write!(b, r#"<w:t xml:space="preserve">{}</w:t></w:r>"#, esc(text));
}

fn para(b: &mut String, style: &str, text: &str) {
    let _ = write!(b, r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#);
    run(b, text, None);
    b.push_str("</w:p>");
}

/// A narrative paragraph; a leading `（一）…。` second-level heading is set in 楷体.
fn body_para(b: &mut String, line: &str) {
    b.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Body"/></w:pPr>"#);
    match second_level(line) {
        Some(end) => {
            run(b, &line[..end], Some("楷体_GB2312"));
            if end < line.len() {
                run(b, &line[end..], None);
            }
        }
        None => run(b, line, None),
    }
    b.push_str("</w:p>");
}

/// The byte length of a second-level heading at the start of a line (`（一）主动公开。`).
fn second_level(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('（')?;
    let close = rest.find('）')?;
    let numeral = &rest[..close];
    if numeral.is_empty() || !numeral.chars().all(|c| "一二三四五六七八九十".contains(c))
    {
        return None;
    }
    Some(match line.find('。') {
        Some(i) => i + '。'.len_utf8(),
        None => line.len(),
    })
}

fn table(b: &mut String, g: &Grid, report: &Report) {
    let total: u32 = g.widths.iter().sum::<u32>().max(1);
    let widths: Vec<u32> = g.widths.iter().map(|w| w * TEXT_W / total).collect();
    let _ = write!(
        b,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="40" w:type="dxa"/><w:right w:w="40" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#
    );
    for w in &widths {
        let _ = write!(b, r#"<w:gridCol w:w="{w}"/>"#);
    }
    b.push_str("</w:tblGrid>");
    for r in 0..g.rows {
        b.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if r < g.header_rows {
            b.push_str("<w:tblHeader/>");
        }
        b.push_str(r#"<w:trHeight w:val="340"/><w:jc w:val="center"/></w:trPr>"#);
        let mut c = 0;
        while c < widths.len() {
            let Some(cell) = g.covering(r, c) else {
                let _ = write!(
                    b,
                    r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr><w:p/></w:tc>"#,
                    widths[c]
                );
                c += 1;
                continue;
            };
            let span = cell.colspan.min(widths.len() - c).max(1);
            let w: u32 = widths[c..c + span].iter().sum();
            let _ = write!(b, r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>"#);
            if span > 1 {
                let _ = write!(b, r#"<w:gridSpan w:val="{span}"/>"#);
            }
            if cell.rowspan > 1 {
                b.push_str(if cell.row == r {
                    r#"<w:vMerge w:val="restart"/>"#
                } else {
                    "<w:vMerge/>"
                });
            }
            let (text, jc, fill) = match &cell.content {
                Content::Caption(t) => (t.clone(), "left", Some("C6D9F1")),
                Content::Header(t) => (t.clone(), "center", None),
                Content::Label(t) => (t.clone(), "left", None),
                Content::Value(k) => (
                    report.cells.get(k).map(|v| v.display()).unwrap_or_default(),
                    "center",
                    None,
                ),
            };
            if let Some(f) = fill {
                let _ = write!(b, r#"<w:shd w:val="clear" w:color="auto" w:fill="{f}"/>"#);
            }
            b.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
            let _ = write!(
                b,
                r#"<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{jc}"/></w:pPr>"#
            );
            if cell.row == r && !text.is_empty() {
                run(b, &text, None);
            }
            b.push_str("</w:p></w:tc>");
            c += span;
        }
        b.push_str("</w:tr>");
    }
    b.push_str("</w:tbl>");
}

fn core(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>nianbao</dc:creator></cp:coreProperties>"#,
        esc(title)
    )
}

/// A footer with the page number as `— 1 —`, one character in from the edge.
fn footer(jc: &str, side: &str) -> String {
    let r = r#"<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr>"#;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {NS}><w:p><w:pPr><w:ind {side}="280"/><w:jc w:val="{jc}"/></w:pPr><w:r>{r}<w:t xml:space="preserve">— </w:t></w:r><w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{r}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{r}<w:t>1</w:t></w:r><w:r>{r}<w:fldChar w:fldCharType="end"/></w:r><w:r>{r}<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdF1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdF2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>"#;

/// The official fonts with their common alternatives and families, so that a machine without
/// them falls back to a serif (仿宋, 宋体, 楷体) or sans (黑体) face, not any face.
const FONTS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="fixed"/></w:font><w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="fixed"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/></w:settings>"#;

/// Styles: Body (仿宋_GB2312 三号, 28.95 pt lines, two-character indent), Title, H1, Sign,
/// TableText (宋体 10 pt).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:spacing w:line="579" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Body"><w:name w:val="Normal"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:pPr><w:spacing w:before="0" w:after="579" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:hAnsi="方正小标宋简体" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Sign"><w:name w:val="Signature"/><w:pPr><w:ind w:right="640"/><w:jc w:val="right"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:kern w:val="0"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style></w:styles>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_level_headings() {
        assert_eq!(
            second_level("（一）主动公开情况。正文"),
            Some("（一）主动公开情况。".len())
        );
        assert_eq!(second_level("（十二）标题"), Some("（十二）标题".len()));
        assert_eq!(second_level("（注）不是标题"), None);
        assert_eq!(second_level("正文（一）"), None);
    }

    #[test]
    fn title_breaks_before_the_year() {
        let mut b = String::new();
        title_para(
            &mut b,
            "淮安市人民政府2024年政府信息公开工作年度报告",
            Some(2024),
        );
        assert!(b.contains("淮安市人民政府</w:t></w:r><w:r><w:br/></w:r>"));
        let mut b = String::new();
        title_para(&mut b, "2024年报告", Some(2024));
        assert!(!b.contains("<w:br/>"));
    }
}
