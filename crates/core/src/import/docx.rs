//! Word (.docx): `word/document.xml` read as a stream of paragraphs and tables
//! (`w:tbl`/`w:tr`/`w:tc`, `w:gridSpan`, `w:vMerge`) → [`Grid`]s and prose.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::grid::{Grid, GridCell, MAX_COLS, MAX_ROWS, MAX_TABLES};
use super::Imported;
use crate::finding::Source;

/// Deepest table nesting kept (deeper tables are read as text of the enclosing cell).
const MAX_TABLE_DEPTH: usize = 16;

/// Reads a .docx file.
pub fn import(bytes: &[u8]) -> Imported {
    let mut zip = match super::zip::open(bytes) {
        Ok(z) => z,
        Err(e) => return e.into(),
    };
    let xml = match zip.read_text("word/document.xml") {
        Ok(Some(x)) => x,
        Ok(None) => {
            return Imported::unreadable(
                "不是 Word 文档（缺少 word/document.xml）",
                "not a Word document (no word/document.xml)",
            )
        }
        Err(e) => return e.into(),
    };
    match parse(&xml) {
        Ok((grids, paragraphs)) => super::prose::from_parts(&grids, &paragraphs),
        Err(e) => Imported::unreadable(
            &format!("Word 文档内容无法解析：{e}"),
            &format!("the Word document cannot be parsed: {e}"),
        ),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

struct Cell {
    parts: Vec<String>,
    span: usize,
    vmerge: VMerge,
}

#[derive(Default)]
struct Table {
    index: u32,
    rows: Vec<Vec<GridCell>>,
    row: Option<Vec<Cell>>,
    before: usize,
    cell: Option<Cell>,
}

impl Table {
    fn end_cell(&mut self) {
        if let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) {
            row.push(cell);
        }
    }

    /// Lays the row's cells out on the grid: spans repeated as covered positions, vertical
    /// continuations take the text of the position above.
    fn end_row(&mut self) {
        self.end_cell();
        let Some(cells) = self.row.take() else {
            return;
        };
        let r = self.rows.len();
        if r >= MAX_ROWS {
            return;
        }
        let mut out: Vec<GridCell> = vec![GridCell::default(); self.before.min(MAX_COLS)];
        for cell in cells {
            let c = out.len();
            if c >= MAX_COLS {
                break;
            }
            let above = self.rows.last().and_then(|p| p.get(c));
            let (text, covered) = match (cell.vmerge, above) {
                (VMerge::Continue, Some(a)) => (a.text.clone(), true),
                _ => (cell.parts.iter().map(|p| p.trim()).collect(), false),
            };
            for dc in 0..cell.span.clamp(1, MAX_COLS - c) {
                out.push(GridCell {
                    text: text.clone(),
                    source: source(self.index, r, c + dc),
                    covered: covered || dc > 0,
                });
            }
        }
        self.rows.push(out);
        self.before = 0;
    }
}

fn source(table: u32, row: usize, col: usize) -> Source {
    Source {
        table: Some(table),
        row: u32::try_from(row).ok(),
        col: u32::try_from(col).ok(),
        ..Source::default()
    }
}

fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"val")
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Paragraphs outside tables and the tables as grids, in document order.
pub fn parse(xml: &str) -> Result<(Vec<Grid>, Vec<String>), String> {
    let mut reader = Reader::from_str(xml);
    let mut tables: Vec<Table> = Vec::new();
    let mut grids = Vec::new();
    let mut paragraphs = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
    let mut next_index = 0u32;
    let mut skip = 0usize; // inside mc:Fallback, w:delText, w:instrText
    loop {
        let ev = reader.read_event().map_err(|e| e.to_string())?;
        let (start, empty) = match &ev {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = e.local_name();
            let name = name.as_ref();
            if matches!(name, b"Fallback" | b"delText" | b"instrText") {
                if !empty {
                    skip += 1;
                }
                continue;
            }
            if skip > 0 {
                continue;
            }
            if name == b"tbl"
                && !empty
                && tables.len() < MAX_TABLE_DEPTH
                && (next_index as usize) < MAX_TABLES
            {
                flush(&mut paragraphs, &mut para);
                tables.push(Table {
                    index: next_index,
                    ..Table::default()
                });
                next_index += 1;
                continue;
            }
            match (name, tables.last_mut()) {
                (b"tr", Some(t)) if !empty => {
                    t.end_row();
                    t.row = Some(Vec::new());
                }
                (b"gridBefore", Some(t)) => {
                    t.before = val(e).and_then(|v| v.parse().ok()).unwrap_or(0);
                }
                (b"tc", Some(t)) if !empty => {
                    t.end_cell();
                    t.cell = Some(Cell {
                        parts: vec![String::new()],
                        span: 1,
                        vmerge: VMerge::None,
                    });
                }
                (b"gridSpan", Some(t)) => {
                    if let Some(c) = t.cell.as_mut() {
                        c.span = val(e).and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                (b"vMerge", Some(t)) => {
                    if let Some(c) = t.cell.as_mut() {
                        c.vmerge = match val(e).as_deref() {
                            Some("restart") => VMerge::Restart,
                            _ => VMerge::Continue,
                        };
                    }
                }
                (b"p" | b"br" | b"cr", Some(t)) => {
                    if let Some(c) = t.cell.as_mut() {
                        c.parts.push(String::new());
                    }
                }
                (b"p", None) => flush(&mut paragraphs, &mut para),
                (b"tab", t) => push_text(t, &mut para, " "),
                (b"t", _) => in_text = !empty,
                _ => {}
            }
            continue;
        }
        match ev {
            Event::End(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    b"Fallback" | b"delText" | b"instrText" => skip = skip.saturating_sub(1),
                    _ if skip > 0 => {}
                    b"t" => in_text = false,
                    b"p" if tables.is_empty() => flush(&mut paragraphs, &mut para),
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.end_cell();
                        }
                    }
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.end_row();
                        }
                    }
                    b"tbl" => {
                        if let Some(mut t) = tables.pop() {
                            t.end_row();
                            grids.push(Grid { rows: t.rows });
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(e) if in_text && skip == 0 => {
                let text = e.unescape().map_err(|e| e.to_string())?;
                push_text(tables.last_mut(), &mut para, &text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    flush(&mut paragraphs, &mut para);
    Ok((grids, paragraphs))
}

fn push_text(table: Option<&mut Table>, para: &mut String, text: &str) {
    match table {
        Some(t) => {
            if let Some(part) = t.cell.as_mut().and_then(|c| c.parts.last_mut()) {
                part.push_str(text);
            }
        }
        None => para.push_str(text),
    }
}

fn flush(paragraphs: &mut Vec<String>, para: &mut String) {
    let t = para.trim();
    if !t.is_empty() {
        paragraphs.push(t.to_string());
    }
    para.clear();
}
