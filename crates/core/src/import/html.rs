//! HTML from a file or the clipboard: a small tolerant tokenizer (no recursion, no DOM) that
//! collects tables as [`Grid`]s and the prose as paragraphs. Markup is never interpreted
//! beyond table structure: `<script>`/`<style>` contents are skipped, everything else that
//! is not a tag is text.

use super::grid::{Grid, SpanCell, MAX_TABLES};
use super::Imported;
use crate::finding::Source;

/// Deepest table nesting kept; deeper tables are read as text of the enclosing cell.
const MAX_TABLE_DEPTH: usize = 32;
/// Largest input accepted (bytes).
pub const MAX_HTML_BYTES: usize = 32 << 20;

/// Reads an HTML page.
pub fn import(bytes: &[u8]) -> Imported {
    if bytes.len() > MAX_HTML_BYTES {
        return Imported::unreadable("HTML 文件过大", "HTML input too large");
    }
    let Some(text) = decode(bytes) else {
        return Imported::unreadable("无法识别 HTML 的文字编码", "unknown HTML text encoding");
    };
    let doc = parse(&text);
    let mut imported = super::prose::from_parts(&doc.grids, &doc.paragraphs);
    if imported.report.title.is_none() {
        imported.report.title = doc.title.filter(|t| t.contains("年度报告"));
    }
    imported
}

/// True when the bytes look like an HTML page or clipboard fragment (a `<table`, `<html`,
/// `<body`, `<p` or `<div` tag near the start, or `<table` anywhere).
pub fn is_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<table",
        "<p",
        "<div",
        "<meta",
        "<h1",
        "<!--",
    ]
    .iter()
    .any(|m| t.starts_with(m))
        || head.contains("<table")
        || find_ci(&String::from_utf8_lossy(bytes), "<table").is_some()
}

/// UTF-8 (with or without BOM), else GB18030 when it decodes without errors.
fn decode(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    super::gb18030::decode(bytes)
}

/// What the tokenizer collected from a page.
#[derive(Debug, Default)]
pub struct HtmlDoc {
    pub grids: Vec<Grid>,
    /// Prose outside tables, one entry per block.
    pub paragraphs: Vec<String>,
    /// The `<title>` text.
    pub title: Option<String>,
}

#[derive(Default)]
struct TableBuilder {
    index: u32,
    /// A page-layout table: it holds another table, so its cells are prose, not data.
    layout: bool,
    /// The blocks of every cell, in order (the prose of a layout table).
    blocks: Vec<String>,
    rows: Vec<Vec<SpanCell>>,
    row_open: bool,
    cell: Option<(SpanCell, Vec<String>)>,
}

impl TableBuilder {
    fn close_cell(&mut self) {
        if let Some((mut cell, parts)) = self.cell.take() {
            cell.text = join_parts(&parts);
            self.blocks.extend(
                parts
                    .iter()
                    .map(|p| p.trim())
                    .filter(|p| !p.is_empty())
                    .map(String::from),
            );
            if !self.row_open {
                self.rows.push(Vec::new());
                self.row_open = true;
            }
            if let Some(row) = self.rows.last_mut() {
                row.push(cell);
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        self.row_open = false;
    }

    fn start_row(&mut self) {
        self.close_row();
        self.rows.push(Vec::new());
        self.row_open = true;
    }

    fn start_cell(&mut self, attrs: &[(String, String)]) {
        self.close_cell();
        let span = |name: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 1000)
        };
        let source = Source {
            table: Some(self.index),
            ..Source::default()
        };
        let cell = SpanCell {
            text: String::new(),
            rowspan: span("rowspan"),
            colspan: span("colspan"),
            source,
        };
        self.cell = Some((cell, vec![String::new()]));
    }

    fn finish(mut self) -> Grid {
        self.close_row();
        let index = self.index;
        let mut grid = Grid::from_spans(self.rows);
        for (r, row) in grid.rows.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                cell.source.table = Some(index);
                cell.source.row = u32::try_from(r).ok();
                cell.source.col = u32::try_from(c).ok();
            }
        }
        grid
    }
}

/// Cell text: each block trimmed, empty blocks dropped, blocks joined without separator
/// (`商业</p><p>企业` reads `商业企业`).
fn join_parts(parts: &[String]) -> String {
    parts.iter().map(|p| p.trim()).collect::<Vec<_>>().concat()
}

const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "header",
    "footer",
    "body",
    "center",
];

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "head",
];

/// Tokenizes a page into tables and prose paragraphs. Linear time, constant stack.
pub fn parse(src: &str) -> HtmlDoc {
    let mut doc = HtmlDoc::default();
    let mut tables: Vec<TableBuilder> = Vec::new();
    let mut next_index = 0u32;
    let mut para = String::new();
    let mut in_title = false;
    let mut title = String::new();
    let mut pos = 0usize;
    while pos < src.len() {
        let rest = &src[pos..];
        let Some(lt) = rest.find('<') else {
            text_to(&mut tables, &mut para, in_title, &mut title, rest);
            break;
        };
        if lt > 0 {
            text_to(&mut tables, &mut para, in_title, &mut title, &rest[..lt]);
        }
        let tag_src = &rest[lt..];
        let Some((tag, len)) = read_tag(tag_src) else {
            text_to(&mut tables, &mut para, in_title, &mut title, "<");
            pos += lt + 1;
            continue;
        };
        pos += lt + len;
        let (Tag::Open(name, attrs) | Tag::Close(name, attrs)) = &tag else {
            continue;
        };
        let open = matches!(tag, Tag::Open(..));
        let name = name.as_str();
        if open && name == "head" {
            // Only the title is read from the head.
            let end = [
                find_ci(&src[pos..], "</head"),
                find_ci(&src[pos..], "<body"),
            ]
            .into_iter()
            .flatten()
            .min()
            .map_or(src.len(), |i| pos + i);
            let head = &src[pos..end];
            if let Some(t) = find_ci(head, "<title") {
                let after = &head[t..];
                if let (Some(gt), Some(close)) = (after.find('>'), find_ci(after, "</title")) {
                    if gt < close {
                        doc.title = Some(decode_entities(after[gt + 1..close].trim()));
                    }
                }
            }
            pos = end;
            continue;
        }
        if open && SKIP.contains(&name) {
            let close = format!("</{name}");
            pos = find_ci(&src[pos..], &close).map_or(src.len(), |i| pos + i);
            continue;
        }
        if name == "title" {
            in_title = open;
            continue;
        }
        match (name, open) {
            ("table", true)
                if tables.len() < MAX_TABLE_DEPTH && (next_index as usize) < MAX_TABLES =>
            {
                flush(&mut doc.paragraphs, &mut para);
                if let Some(parent) = tables.last_mut() {
                    parent.layout = true;
                    if let Some((_, parts)) = parent.cell.as_mut() {
                        parts.push(String::new());
                    }
                }
                tables.push(TableBuilder {
                    index: next_index,
                    ..TableBuilder::default()
                });
                next_index += 1;
            }
            ("table", false) if !tables.is_empty() => {
                if let Some(t) = tables.pop() {
                    finish(&mut doc, t);
                }
            }
            ("tr", true) => with_table(&mut tables, TableBuilder::start_row),
            ("tr", false) => with_table(&mut tables, TableBuilder::close_row),
            ("td" | "th", true) => {
                if let Some(t) = tables.last_mut() {
                    t.start_cell(attrs);
                }
            }
            ("td" | "th", false) => with_table(&mut tables, TableBuilder::close_cell),
            (n, _) if BLOCK.contains(&n) => match tables.last_mut() {
                Some(t) => {
                    if let Some((_, parts)) = t.cell.as_mut() {
                        parts.push(String::new());
                    }
                }
                None => flush(&mut doc.paragraphs, &mut para),
            },
            _ => {}
        }
    }
    flush(&mut doc.paragraphs, &mut para);
    while let Some(t) = tables.pop() {
        finish(&mut doc, t);
    }
    doc.grids.sort_by_key(|g| {
        g.rows
            .first()
            .and_then(|r| r.first())
            .and_then(|c| c.source.table)
    });
    if doc.title.is_none() && !title.trim().is_empty() {
        doc.title = Some(title.trim().to_string());
    }
    doc
}

/// A data table becomes a grid; a layout table gives its blocks as prose.
fn finish(doc: &mut HtmlDoc, mut t: TableBuilder) {
    if t.layout {
        t.close_row();
        doc.paragraphs.append(&mut t.blocks);
    } else {
        doc.grids.push(t.finish());
    }
}

fn with_table(tables: &mut [TableBuilder], f: fn(&mut TableBuilder)) {
    if let Some(t) = tables.last_mut() {
        f(t);
    }
}

fn flush(paragraphs: &mut Vec<String>, para: &mut String) {
    let t = para.trim();
    if !t.is_empty() {
        paragraphs.push(t.to_string());
    }
    para.clear();
}

fn text_to(
    tables: &mut [TableBuilder],
    para: &mut String,
    in_title: bool,
    title: &mut String,
    raw: &str,
) {
    let text = collapse(&decode_entities(raw));
    if in_title {
        title.push_str(&text);
        return;
    }
    match tables.last_mut() {
        Some(t) => {
            if let Some(part) = t.cell.as_mut().and_then(|(_, parts)| parts.last_mut()) {
                part.push_str(&text);
            }
        }
        None => para.push_str(&text),
    }
}

/// HTML white space (not NBSP or U+3000) collapsed to one space.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

enum Tag {
    Open(String, Vec<(String, String)>),
    Close(String, Vec<(String, String)>),
    Other,
}

/// Reads one tag, comment or declaration at the start of `s` (which starts with `<`).
/// Returns the tag and its length in bytes; `None` when `<` does not start markup.
fn read_tag(s: &str) -> Option<(Tag, usize)> {
    let b = s.as_bytes();
    if let Some(body) = s.strip_prefix("<!--") {
        let end = body.find("-->").map_or(s.len(), |i| i + 7);
        return Some((Tag::Other, end));
    }
    if s.starts_with("<!") || s.starts_with("<?") {
        return Some((Tag::Other, s.find('>').map_or(s.len(), |i| i + 1)));
    }
    let (close, start) = if b.get(1) == Some(&b'/') {
        (true, 2)
    } else {
        (false, 1)
    };
    if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut i = start;
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
    {
        i += 1;
    }
    let name = s[start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            i += 1;
        }
        match b.get(i) {
            None => break,
            Some(b'>') => {
                i += 1;
                break;
            }
            _ => {}
        }
        let k0 = i;
        while b
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/'))
        {
            i += 1;
        }
        if i == k0 {
            i += 1;
            continue;
        }
        let key = s[k0..i].to_ascii_lowercase();
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            match b.get(i) {
                Some(q @ (b'"' | b'\'')) => {
                    let end = s[i + 1..].find(*q as char).map_or(s.len(), |e| i + 1 + e);
                    value = decode_entities(&s[i + 1..end]);
                    i = (end + 1).min(s.len());
                }
                _ => {
                    let v0 = i;
                    while b
                        .get(i)
                        .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
                    {
                        i += 1;
                    }
                    value = decode_entities(&s[v0..i]);
                }
            }
        }
        attrs.push((key, value));
    }
    let tag = if close {
        Tag::Close(name, attrs)
    } else {
        Tag::Open(name, attrs)
    };
    Some((tag, i.min(s.len())))
}

/// ASCII-case-insensitive search.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Decodes character references; unknown ones stay as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(e, _)| e);
        let decoded = end.and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "nbsp" => '\u{A0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "mdash" => '—',
        "ndash" => '–',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "middot" => '·',
        "hellip" => '…',
        "times" => '×',
        "yen" => '¥',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_entities_and_scripts() {
        let doc = parse(
            "<p>a&amp;b</p><table><tr><td rowspan=2>x</td><td>&#49;<script>1</script></td></tr>\
             <tr><td>&lt;b&gt;</td></tr></table>",
        );
        assert_eq!(doc.paragraphs, vec!["a&b".to_string()]);
        let g = &doc.grids[0];
        assert_eq!(g.rows[1][0].text, "x");
        assert!(g.rows[1][0].covered);
        assert_eq!(g.rows[0][1].text, "1");
        assert_eq!(g.rows[1][1].text, "<b>");
    }

    #[test]
    fn layout_tables_are_prose() {
        let doc = parse(
            "<head><title>t</title><body><table><tr><td><p>一、总体情况</p><p>text</p>\
             <table><tr><td>1</td></tr></table><p>after</p></td></tr></table>",
        );
        assert_eq!(doc.paragraphs, ["一、总体情况", "text", "after"]);
        assert_eq!(doc.grids.len(), 1);
        assert_eq!(doc.title.as_deref(), Some("t"));
    }

    #[test]
    fn deep_nesting_is_flat() {
        let s = "<div>".repeat(200_000) + "hi" + &"</div>".repeat(200_000);
        assert_eq!(parse(&s).paragraphs, vec!["hi".to_string()]);
    }
}
