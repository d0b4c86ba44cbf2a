//! `nianbao export` run as a binary on corpus reports: every format is written and starts as
//! it should; bad input gives a plain sentence and exit code 2.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn corpus(file: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/../../../shared/corpus/public/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
}

fn out_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("nianbao-cli-export-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn writes_every_format() {
    let input = corpus("002_huaian_szf_2024.json");
    if !input.exists() {
        eprintln!("corpus not found: {}; skipped", input.display());
        return;
    }
    let dir = out_dir();
    let magic: [(&str, &[u8]); 5] = [
        ("docx", b"PK"),
        ("xlsx", b"PK"),
        ("html", b"<!doctype html"),
        ("csv", b""),
        ("json", b"{"),
    ];
    for (fmt, start) in magic {
        let out = dir.join(format!("r.{fmt}"));
        let o = bin()
            .arg("export")
            .arg(&input)
            .args(["--to", fmt, "-o"])
            .arg(&out)
            .output()
            .expect("run nianbao");
        assert!(
            o.status.success(),
            "{fmt}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let bytes = std::fs::read(&out).expect("output written");
        assert!(bytes.len() > 100, "{fmt}: {} bytes", bytes.len());
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(20)]).to_lowercase();
        assert!(
            bytes.starts_with(start)
                || head.starts_with(&String::from_utf8_lossy(start).to_string()),
            "{fmt} starts with {head:?}"
        );
    }
    let csv = std::fs::read_to_string(dir.join("r.csv")).expect("csv");
    assert!(
        csv.contains("s3.r1.natural") || csv.contains("自然人"),
        "{csv:.200}"
    );
    let json = std::fs::read_to_string(dir.join("r.json")).expect("json");
    assert!(json.contains("\"template\""));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_input_is_a_sentence_and_exit_2() {
    let dir = out_dir().join("bad");
    std::fs::create_dir_all(&dir).expect("dir");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let cases: Vec<Vec<String>> = vec![
        vec![
            empty.display().to_string(),
            "--to".into(),
            "csv".into(),
            "-o".into(),
            dir.join("x.csv").display().to_string(),
        ],
        vec![
            corpus("002_huaian_szf_2024.json").display().to_string(),
            "--to".into(),
            "pptx".into(),
            "-o".into(),
            "x".into(),
        ],
        vec!["/nonexistent/file.json".into(), "-o".into(), "x.csv".into()],
        vec![],
    ];
    for args in cases {
        let o = bin().arg("export").args(&args).output().expect("run");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.trim().is_empty() && !err.contains("panicked"), "{err}");
    }
    assert!(!dir.join("x.csv").exists());
}
