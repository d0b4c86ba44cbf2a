//! A safe zip reader for DOCX and XLSX: limits on entry size and compression ratio are
//! checked from the central directory before anything is inflated, and inflation is capped.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::{Imported, Unreadable};

/// Largest uncompressed part read (bytes).
pub const MAX_ENTRY_SIZE: u64 = 50 << 20;
/// Largest compression ratio accepted for parts over [`RATIO_FLOOR`] bytes.
pub const MAX_RATIO: u64 = 200;
/// Parts smaller than this are read whatever their ratio.
pub const RATIO_FLOOR: u64 = 1 << 20;
/// Most entries accepted in one archive.
pub const MAX_ENTRIES: usize = 10_000;

/// An opened archive.
pub struct Zip<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
}

fn corrupt(what: &str) -> Unreadable {
    Unreadable::new(
        &format!("文件已损坏或不完整，无法读取（{what}）"),
        &format!("the file is corrupt or truncated ({what})"),
    )
}

/// Opens an archive (reads its central directory only).
pub fn open(bytes: &[u8]) -> Result<Zip<'_>, Unreadable> {
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(&e.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(Unreadable::new(
            "压缩包内文件过多",
            "too many entries in the archive",
        ));
    }
    Ok(Zip { archive })
}

impl Zip<'_> {
    /// Entry names.
    pub fn names(&self) -> Vec<String> {
        self.archive.file_names().map(String::from).collect()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Reads one part; `Ok(None)` when the archive has no such part. Size and ratio limits
    /// are checked before inflating; inflation stops at the declared size.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Unreadable> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let file = self
            .archive
            .by_index(index)
            .map_err(|e| corrupt(&e.to_string()))?;
        let (size, packed) = (file.size(), file.compressed_size());
        if size > MAX_ENTRY_SIZE {
            return Err(Unreadable::new(
                &format!("文件内的 {name} 解压后过大（{size} 字节），拒绝读取"),
                &format!("part {name} is too large when inflated ({size} bytes)"),
            ));
        }
        if size > RATIO_FLOOR && size / packed.max(1) > MAX_RATIO {
            return Err(Unreadable::new(
                &format!(
                    "文件内的 {name} 压缩比异常（{}:1），疑为压缩炸弹",
                    size / packed.max(1)
                ),
                &format!("part {name} has a suspicious compression ratio (zip bomb?)"),
            ));
        }
        let mut out = Vec::new();
        let mut limited = file.take(size + 1);
        limited
            .read_to_end(&mut out)
            .map_err(|e| corrupt(&e.to_string()))?;
        if out.len() as u64 > size {
            return Err(corrupt("declared size is wrong"));
        }
        Ok(Some(out))
    }

    /// Reads a part as UTF-8 text (XML parts).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, Unreadable> {
        match self.read(name)? {
            None => Ok(None),
            Some(b) => String::from_utf8(b)
                .map(Some)
                .map_err(|_| corrupt(&format!("{name} is not UTF-8"))),
        }
    }
}

/// True when the bytes start like a zip archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Reads an Office archive: DOCX or XLSX by its parts.
pub fn import(bytes: &[u8]) -> Imported {
    let zip = match open(bytes) {
        Ok(z) => z,
        Err(e) => return e.into(),
    };
    if zip.contains("word/document.xml") {
        super::docx::import(bytes)
    } else if zip.contains("xl/workbook.xml") {
        super::xlsx::import(bytes)
    } else {
        Imported::unreadable(
            "压缩包不是 Word（.docx）或 Excel（.xlsx）文件",
            "the archive is neither a .docx nor an .xlsx file",
        )
    }
}
