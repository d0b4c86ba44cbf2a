//! `nianbao export FILE --to docx|html|xlsx|csv|json -o OUT`: reads a report in any supported
//! input format, checks it, and writes it (with its findings) in the chosen format.

use std::path::Path;

use nianbao_core::export::{export, Format};
use nianbao_core::Severity;

pub const USAGE: &str = "用法 / usage: nianbao export FILE --to docx|html|xlsx|csv|json -o OUT";

/// Runs the command on its arguments (after `export`). Exit code: 0 written, 2 bad input or
/// usage (a plain sentence on stderr), 1 the output could not be written.
pub fn run(args: &[String]) -> i32 {
    match run_inner(args) {
        Ok(message) => {
            eprintln!("{message}");
            0
        }
        Err((code, message)) => {
            eprintln!("{message}");
            code
        }
    }
}

struct Options {
    input: String,
    format: Format,
    output: String,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let (mut input, mut to, mut output) = (None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--to" | "-t" => to = Some(it.next().ok_or("--to 后面缺少格式 / --to needs a format")?),
            "-o" | "--output" => {
                output = Some(
                    it.next()
                        .ok_or("-o 后面缺少文件名 / -o needs a file name")?,
                )
            }
            s if s.starts_with("--to=") => to = Some(a),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("不认识的选项 {s} / unknown option {s}\n{USAGE}"))
            }
            _ if input.is_none() => input = Some(a),
            _ => return Err(format!("多余的参数 {a} / unexpected argument {a}\n{USAGE}")),
        }
    }
    let input = input.ok_or_else(|| format!("缺少输入文件 / missing input file\n{USAGE}"))?;
    let output = output.ok_or_else(|| format!("缺少 -o 输出文件 / missing -o OUT\n{USAGE}"))?;
    let to = match to {
        Some(t) => t.strip_prefix("--to=").unwrap_or(t).to_string(),
        // Without --to, the output file's extension decides.
        None => Path::new(output)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_string(),
    };
    let format = Format::parse(&to).ok_or_else(|| {
        format!("不支持的输出格式“{to}”：可用 docx、html、xlsx、csv、json / unknown format “{to}”")
    })?;
    Ok(Options {
        input: input.clone(),
        format,
        output: output.clone(),
    })
}

fn run_inner(args: &[String]) -> Result<String, (i32, String)> {
    let o = parse(args).map_err(|m| (2, m))?;
    let bytes = std::fs::read(&o.input).map_err(|e| {
        (
            2,
            format!("无法读取文件 {} / cannot read {}: {e}", o.input, o.input),
        )
    })?;
    let name = Path::new(&o.input).file_name().and_then(|n| n.to_str());
    let imported = nianbao_core::import(&bytes, name);
    if let Some(f) = imported.findings.iter().find(|f| f.rule == "I-04") {
        return Err((
            2,
            format!(
                "无法识别 {} 为年报：{} / cannot read {}: {}",
                o.input, f.message, o.input, f.message_en
            ),
        ));
    }
    let mut findings = imported.findings;
    findings.extend(nianbao_core::check(&imported.report, None));
    let out = export(&imported.report, &findings, o.format).map_err(|e| (2, e.to_string()))?;
    std::fs::write(&o.output, &out).map_err(|e| {
        (
            1,
            format!("无法写入 {} / cannot write {}: {e}", o.output, o.output),
        )
    })?;
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !f.is_not_evaluable())
        .count();
    Ok(format!(
        "已写入 {}（{}，{} 字节，{errors} 处错误）/ wrote {}",
        o.output,
        o.format,
        out.len(),
        o.output
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_and_rejects() {
        let o = parse(&args(&["a.json", "--to", "DOCX", "-o", "b"])).unwrap();
        assert_eq!(
            (o.input.as_str(), o.format, o.output.as_str()),
            ("a.json", Format::Docx, "b")
        );
        let o = parse(&args(&["a.json", "-o", "b.xlsx"])).unwrap();
        assert_eq!(o.format, Format::Xlsx);
        let o = parse(&args(&["--to=csv", "a.json", "-o", "b"])).unwrap();
        assert_eq!(o.format, Format::Csv);
        assert!(parse(&args(&["a.json", "--to", "pptx", "-o", "b"])).is_err());
        assert!(parse(&args(&["a.json", "--to", "csv"])).is_err());
        assert!(parse(&args(&["--to", "csv", "-o", "x"])).is_err());
        assert!(parse(&args(&["a", "b", "-o", "x.csv"])).is_err());
        assert!(parse(&args(&["a", "--bogus", "-o", "x.csv"])).is_err());
        assert_eq!(run(&args(&["/nonexistent/x.json", "-o", "/tmp/x.csv"])), 2);
    }
}
