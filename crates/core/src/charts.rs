//! Charts as SVG strings of our own (no chart library): horizontal bars, stacked or grouped,
//! with Chinese labels, `<title>`/`<desc>`, `role="img"` and `aria-labelledby`, and a table of
//! the same numbers ([`chart_table_html`]) for readers who cannot see the picture.
//!
//! A blank or non-numeric cell is not a zero: it is drawn as no bar and labelled "未填".

use std::fmt::Write;

use crate::model::Report;
use crate::present::{esc, template_of};
use crate::template::{self, Kind};

/// A chart: rows of bars, one value per series (`None`: not filled in).
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Unique within a page; used for the `<title>`/`<desc>` ids.
    pub id: &'static str,
    pub title: String,
    /// One sentence of context (what is counted, what was left out).
    pub note: String,
    pub series: Vec<String>,
    /// Series drawn end to end (true) or one under another (false).
    pub stacked: bool,
    pub rows: Vec<ChartRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartRow {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

const COLORS: [&str; 8] = [
    "#1d4ed8", "#067647", "#b54708", "#7c3aed", "#b42318", "#667085", "#0e7490", "#a16207",
];
const NOT_FILLED: &str = "未填";

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn show(v: Option<f64>) -> String {
    v.map(num).unwrap_or_else(|| NOT_FILLED.to_string())
}

fn sum(values: &[Option<f64>]) -> Option<f64> {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    (!present.is_empty()).then(|| present.iter().sum())
}

/// Estimated width of text at 12 px: CJK full width, the rest about half.
fn text_w(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 7.0 } else { 12.0 })
        .sum()
}

/// Cuts a label to `n` characters with an ellipsis.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut o: String = s.chars().take(n - 1).collect();
        o.push('…');
        o
    }
}

impl Chart {
    /// The text of `<desc>`: every number, and what "未填" means.
    pub fn description(&self) -> String {
        let mut d = String::new();
        for row in &self.rows {
            let parts: Vec<String> = if self.series.len() == 1 {
                vec![show(row.values.first().copied().flatten())]
            } else {
                self.series
                    .iter()
                    .zip(&row.values)
                    .map(|(s, v)| format!("{s} {}", show(*v)))
                    .collect()
            };
            let _ = write!(d, "{}：{}；", row.label, parts.join("，"));
        }
        let _ = write!(d, "{}空白单元格标为“未填”，不计为 0。", self.note);
        d
    }

    /// Whether the chart has any number to draw.
    pub fn has_data(&self) -> bool {
        self.rows
            .iter()
            .any(|r| r.values.iter().any(Option::is_some))
    }

    /// Legend entries (x, baseline y, text), wrapped to the width; none for one series.
    fn legend(&self, x0: f64, w: f64) -> Vec<(f64, f64, String)> {
        if self.series.len() < 2 {
            return Vec::new();
        }
        let (mut x, mut y) = (x0, 17.0);
        let mut out = Vec::new();
        for (i, name) in self.series.iter().enumerate() {
            let label = if self.stacked && self.rows.len() == 1 {
                format!(
                    "{name} {}",
                    show(self.rows[0].values.get(i).copied().flatten())
                )
            } else {
                name.clone()
            };
            let lw = 14.0 + text_w(&label) + 14.0;
            if x + lw > w && x > x0 {
                x = x0;
                y += 18.0;
            }
            out.push((x, y, label));
            x += lw;
        }
        out
    }

    /// The chart as an SVG element (inline in HTML, or a file with the xmlns).
    pub fn svg(&self) -> String {
        let (w, label_w, row_h) = (640.0, 210.0, 24.0);
        let x0 = label_w + 8.0;
        let legend = self.legend(x0, w);
        let top = legend.last().map_or(8.0, |(_, y, _)| y + 16.0);
        let bar_w = w - x0 - 90.0;
        let per_row = if self.stacked {
            1
        } else {
            self.series.len().max(1)
        };
        let row_total = row_h * per_row as f64 + 6.0;
        let h = top + row_total * self.rows.len() as f64 + 8.0;
        let max = self
            .rows
            .iter()
            .flat_map(|r| {
                if self.stacked {
                    vec![sum(&r.values).unwrap_or(0.0)]
                } else {
                    r.values.iter().map(|v| v.unwrap_or(0.0)).collect()
                }
            })
            .fold(0.0f64, f64::max);
        let scale = if max > 0.0 { bar_w / max } else { 0.0 };
        let mut s = String::new();
        let _ = write!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="nb-chart" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {w} {h:.0}" width="{w}" height="{h:.0}" font-family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif" font-size="12"><title id="{id}-t">{t}</title><desc id="{id}-d">{d}</desc>"#,
            id = self.id,
            t = esc(&self.title),
            d = esc(&self.description()),
        );
        for (i, (x, y, label)) in legend.iter().enumerate() {
            let _ = write!(
                s,
                r##"<rect x="{x:.1}" y="{ry:.1}" width="10" height="10" fill="{c}"/><text x="{tx:.1}" y="{y:.1}" fill="#1f2328">{l}</text>"##,
                ry = y - 9.0,
                c = COLORS[i % COLORS.len()],
                tx = x + 14.0,
                l = esc(label),
            );
        }
        for (i, row) in self.rows.iter().enumerate() {
            let y = top + row_total * i as f64;
            let _ = write!(
                s,
                r##"<text x="{lx:.1}" y="{ty:.1}" text-anchor="end" fill="#1f2328"><title>{full}</title>{l}</text>"##,
                lx = label_w,
                ty = y + row_total / 2.0 + 1.0,
                full = esc(&row.label),
                l = esc(&cut(&row.label, 17)),
            );
            let mut x = x0;
            for (j, v) in row.values.iter().enumerate() {
                let by = if self.stacked {
                    y + 3.0
                } else {
                    y + 3.0 + row_h * j as f64
                };
                let bw = v.unwrap_or(0.0).max(0.0) * scale;
                if bw > 0.0 {
                    let _ = write!(
                        s,
                        r#"<rect x="{x:.1}" y="{by:.1}" width="{bw:.1}" height="{bh:.1}" fill="{c}"><title>{t}</title></rect>"#,
                        bh = row_h - 4.0,
                        c = COLORS[j % COLORS.len()],
                        t = esc(&format!(
                            "{} {} {}",
                            row.label,
                            self.series.get(j).map_or("", String::as_str),
                            show(*v)
                        )),
                    );
                }
                if self.stacked {
                    x += bw;
                } else {
                    let _ = write!(
                        s,
                        r##"<text x="{tx:.1}" y="{ty:.1}" fill="#1f2328">{l}</text>"##,
                        tx = x0 + bw + 4.0,
                        ty = by + row_h / 2.0 + 2.0,
                        l = esc(&show(*v)),
                    );
                }
            }
            if self.stacked {
                let total = sum(&row.values);
                let missing = row.values.iter().any(Option::is_none);
                let label = match (total, missing) {
                    (Some(t), true) => format!("{}（部分未填）", num(t)),
                    (t, _) => show(t),
                };
                let _ = write!(
                    s,
                    r##"<text x="{tx:.1}" y="{ty:.1}" fill="#1f2328">{l}</text>"##,
                    tx = x + 4.0,
                    ty = y + row_h / 2.0 + 5.0,
                    l = esc(&label),
                );
            }
        }
        s.push_str("</svg>");
        s
    }
}

/// The numbers of a chart as an HTML table (the accessible fallback).
pub fn chart_table_html(c: &Chart) -> String {
    let mut s = format!(
        r#"<table class="nb-chart-data"><caption>{}（数据）</caption><thead><tr><th scope="col">项目</th>"#,
        esc(&c.title)
    );
    for name in &c.series {
        let _ = write!(s, r#"<th scope="col">{}</th>"#, esc(name));
    }
    s.push_str("</tr></thead><tbody>");
    for row in &c.rows {
        let _ = write!(s, r#"<tr><th scope="row">{}</th>"#, esc(&row.label));
        for v in &row.values {
            let _ = write!(s, "<td>{}</td>", esc(&show(*v)));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

fn val(r: &Report, key: &str) -> Option<f64> {
    r.num(key)
}

const APPLICANTS: [(&str, &str); 6] = [
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
];

/// 本年新收申请 by applicant type (自然人 and the five kinds of 法人或其他组织).
pub fn applicants(r: &Report) -> Chart {
    Chart {
        id: "nb-chart-applicants",
        title: "本年新收政府信息公开申请（按申请人）".into(),
        note: "数据取自表三第一行。".into(),
        series: vec!["申请数".into()],
        stacked: true,
        rows: APPLICANTS
            .iter()
            .map(|(k, l)| ChartRow {
                label: (*l).into(),
                values: vec![val(r, &format!("s3.r1.{k}"))],
            })
            .collect(),
    }
}

/// The result groups of 表三 (（一）…（六）), each the sum of its rows' 总计.
fn result_groups(r: &Report) -> Vec<(&'static str, Vec<String>)> {
    let t = template::get(template_of(r));
    let mut groups: Vec<(&'static str, Vec<String>)> = vec![
        ("予以公开", vec!["r3_1".into()]),
        ("部分公开", vec!["r3_2".into()]),
        ("不予公开", vec![]),
        ("无法提供", vec![]),
        ("不予处理", vec![]),
        ("其他处理", vec![]),
    ];
    for row in t.s3_rows() {
        let idx = match row.key.get(..4) {
            Some("r3_3") => 2,
            Some("r3_4") => 3,
            Some("r3_5") => 4,
            Some("r3_6") => 5,
            _ => continue,
        };
        groups[idx].1.push(row.key.into());
    }
    groups
}

/// 办理结果 as one stacked bar (（一）予以公开 … （六）其他处理).
pub fn results(r: &Report) -> Chart {
    let groups = result_groups(r);
    Chart {
        id: "nb-chart-results",
        title: "本年度办理结果".into(),
        note: "各类为表三相应各行“总计”之和，部分未填时只加已填的。".into(),
        series: groups.iter().map(|(l, _)| (*l).to_string()).collect(),
        stacked: true,
        rows: vec![ChartRow {
            label: "办理结果".into(),
            values: groups
                .iter()
                .map(|(_, rows)| {
                    sum(&rows
                        .iter()
                        .map(|k| val(r, &format!("s3.{k}.total")))
                        .collect::<Vec<_>>())
                })
                .collect(),
        }],
    }
}

/// The sub-reasons of 不予公开, 无法提供, 不予处理 and 其他处理 (总计 column).
pub fn reasons(r: &Report) -> Chart {
    let t = template::get(template_of(r));
    let rows = t
        .s3_rows()
        .iter()
        .filter(|row| row.key.len() > 4 || row.key == "r3_6")
        .filter(|row| row.key.starts_with("r3_"))
        .map(|row| ChartRow {
            label: match row.group {
                Some(g) => format!(
                    "{}·{}",
                    g.trim_start_matches(|c| c != '）').trim_start_matches('）'),
                    row.label
                ),
                None => row
                    .label
                    .trim_start_matches(|c| c != '）')
                    .trim_start_matches('）')
                    .to_string(),
            },
            values: vec![val(r, &format!("s3.{}.total", row.key))],
        })
        .collect();
    Chart {
        id: "nb-chart-reasons",
        title: "不予公开、无法提供、不予处理及其他处理的原因".into(),
        note: "数据取自表三各行“总计”列。".into(),
        series: vec!["件数".into()],
        stacked: true,
        rows,
    }
}

/// 行政复议 and 行政诉讼 outcomes, one stacked bar per group.
pub fn appeals(r: &Report) -> Chart {
    let cols = [
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
    ];
    let groups = [
        ("review", "行政复议"),
        ("suit_direct", "行政诉讼·未经复议直接起诉"),
        ("suit_after_review", "行政诉讼·复议后起诉"),
    ];
    Chart {
        id: "nb-chart-appeals",
        title: "政府信息公开行政复议、行政诉讼结果".into(),
        note: "数据取自表四。".into(),
        series: cols.iter().map(|(_, l)| (*l).to_string()).collect(),
        stacked: true,
        rows: groups
            .iter()
            .map(|(g, l)| ChartRow {
                label: (*l).into(),
                values: cols
                    .iter()
                    .map(|(c, _)| val(r, &format!("s4.{g}.{c}")))
                    .collect(),
            })
            .collect(),
    }
}

/// The counts of section 2 (amounts of money and signed changes left out).
pub fn section2(r: &Report) -> Chart {
    let t = template::get(template_of(r));
    let rows = t
        .cells()
        .iter()
        .filter(|c| c.key.starts_with("s2.") && c.kind() == Kind::Count)
        .map(|c| ChartRow {
            label: format!("{}·{}", c.row.label, c.col.label),
            values: vec![val(r, &c.key)],
        })
        .collect();
    Chart {
        id: "nb-chart-s2",
        title: "主动公开政府信息情况".into(),
        note: "数据取自表二的件数和数量（金额及增减数不在图中）。".into(),
        series: vec!["数量".into()],
        stacked: true,
        rows,
    }
}

/// Key figures of this year against the previous report.
pub fn year_over_year(r: &Report, previous: &Report) -> Chart {
    let figures: [(&str, &[&str]); 5] = [
        ("本年新收申请", &["s3.r1.total"]),
        ("予以公开", &["s3.r3_1.total"]),
        ("办理结果总计", &["s3.r3_7.total"]),
        ("行政复议", &["s4.review.total"]),
        (
            "行政诉讼",
            &["s4.suit_direct.total", "s4.suit_after_review.total"],
        ),
    ];
    let year =
        |rep: &Report, fallback: &str| rep.year.map_or(fallback.to_string(), |y| format!("{y}年"));
    let pick = |rep: &Report, keys: &[&str]| {
        let vals: Vec<Option<f64>> = keys.iter().map(|k| val(rep, k)).collect();
        if vals.iter().all(Option::is_some) {
            sum(&vals)
        } else {
            None
        }
    };
    Chart {
        id: "nb-chart-yoy",
        title: "与上一年度比较".into(),
        note: String::new(),
        series: vec![year(previous, "上一年度"), year(r, "本年度")],
        stacked: false,
        rows: figures
            .iter()
            .map(|(l, keys)| ChartRow {
                label: (*l).into(),
                values: vec![pick(previous, keys), pick(r, keys)],
            })
            .collect(),
    }
}

/// Every chart of a report, in reading order.
pub fn all(r: &Report, previous: Option<&Report>) -> Vec<Chart> {
    let mut v = vec![
        section2(r),
        applicants(r),
        results(r),
        reasons(r),
        appeals(r),
    ];
    if let Some(p) = previous {
        v.push(year_over_year(r, p));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CellValue, TemplateId};

    #[test]
    fn blank_is_not_zero_and_text_is_escaped() {
        let mut r = Report::empty(TemplateId::V2021);
        r.cells.insert("s3.r1.natural", CellValue::Int(5));
        let c = applicants(&r);
        let svg = c.svg();
        assert!(svg.contains("未填"));
        assert!(svg.contains(r#"role="img""#));
        assert_eq!(svg, applicants(&r).svg());
        let mut c2 = c.clone();
        c2.rows[0].label = "<script>".into();
        assert!(!c2.svg().contains("<script>"));
        assert!(!chart_table_html(&c2).contains("<script>"));
    }
}
