//! `nianbao`: check 政府信息公开工作年度报告 from the command line.
//!
//! Each subcommand is one function taking its arguments and returning an exit code, so adding
//! one (e.g. `export`) is one arm in [`run`]. Argument parsing is hand-written: no clap, a small
//! binary. Nothing here panics on input: bad arguments and unreadable files are a sentence on
//! stderr and exit code 2.

mod args;
mod export_cmd;
mod render;

use std::io::Write;
use std::process::ExitCode;

use nianbao_core::{Finding, Report, Severity, TemplateId};

use args::{Args, UsageError};

const HELP: &str = "\
nianbao — 政府信息公开工作年度报告检查工具 / checks Chinese government information disclosure annual reports

用法 / Usage:
  nianbao check FILE… [--previous FILE] [--json]
      检查报告（按内容识别格式），列出勾稽关系等问题。
      Check reports (format detected by content) and list the findings.
      --previous FILE  同一机关上一年的报告，用于跨年规则（Y-01…）/ last year's report
      --json           每个文件输出一行 JSON：{\"file\", \"report\", \"findings\"}
  nianbao rules [ID] [--json]
      列出全部规则（或一条）的级别、标题和说明 / list every rule with its doc
  nianbao export FILE --to docx|html|xlsx|csv|json -o OUT
      检查后导出为 Word、网页、Excel、CSV 或 JSON / check and write the report in a format
  nianbao template 2021|2019
      输出该模板的空白报告文档（JSON）/ print an empty report document
  nianbao --help | --version

退出码 / Exit status: 0 没有错误级问题 / no error; 1 有错误 / an error was found;
  2 输入无法读取或用法错误 / an input could not be read, or bad usage.
";

#[global_allocator]
static ALLOC: nianbao_alloc::MiMalloc = nianbao_alloc::MiMalloc;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(&argv) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("nianbao: {e}");
            eprintln!("运行 nianbao --help 查看用法 / run nianbao --help for usage");
            ExitCode::from(2)
        }
    }
}

fn run(argv: &[String]) -> Result<ExitCode, UsageError> {
    let Some((cmd, rest)) = argv.split_first() else {
        print!("{HELP}");
        return Ok(ExitCode::from(2));
    };
    match cmd.as_str() {
        "check" => cmd_check(rest),
        "rules" => cmd_rules(rest),
        "template" => cmd_template(rest),
        "export" => Ok(ExitCode::from(
            u8::try_from(export_cmd::run(rest)).unwrap_or(2),
        )),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        "--version" | "-V" | "version" => {
            println!("nianbao {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        other if other.starts_with('-') => Err(UsageError::UnknownOption(other.to_string())),
        other => Err(UsageError::UnknownCommand(other.to_string())),
    }
}

/// Reads and imports one file; `Err` with a sentence when it cannot be read at all.
fn load(path: &str) -> Result<(Report, Vec<Finding>), String> {
    let bytes = std::fs::read(path).map_err(|e| {
        let zh = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在",
            std::io::ErrorKind::PermissionDenied => "没有读取权限",
            _ => "无法读取",
        };
        format!("{path}：{zh} / cannot read {path}: {e}")
    })?;
    let name = std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path);
    let imported = nianbao_core::import(&bytes, Some(name));
    Ok((imported.report, imported.findings))
}

fn cmd_check(rest: &[String]) -> Result<ExitCode, UsageError> {
    let a = Args::parse(rest, &["--json"], &["--previous"])?;
    if a.positional.is_empty() {
        return Err(UsageError::Missing(
            "check 需要至少一个文件 / check needs at least one FILE",
        ));
    }
    let json = a.flag("--json");
    let mut unreadable = false;
    let previous = match a.value("--previous") {
        None => None,
        Some(p) => match load(p) {
            Ok((r, f)) if !has_i04(&f) => Some(r),
            Ok((_, f)) => {
                eprintln!("nianbao: --previous {p}：{}", first_message(&f));
                return Ok(ExitCode::from(2));
            }
            Err(msg) => {
                eprintln!("nianbao: --previous {msg}");
                return Ok(ExitCode::from(2));
            }
        },
    };
    let mut any_error = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in &a.positional {
        let (report, mut findings) = match load(path) {
            Ok(x) => x,
            Err(msg) => {
                eprintln!("nianbao: {msg}");
                unreadable = true;
                continue;
            }
        };
        if has_i04(&findings) {
            unreadable = true;
        } else {
            findings.extend(nianbao_core::check(&report, previous.as_ref()));
        }
        any_error |= findings.iter().any(|f| f.severity == Severity::Error);
        let text = if json {
            render::json_line(path, &report, &findings)
        } else {
            render::table(path, &report, &findings)
        };
        // A closed pipe (`| head`) is not an error worth a panic.
        if writeln!(out, "{text}").is_err() {
            break;
        }
    }
    Ok(ExitCode::from(if unreadable {
        2
    } else if any_error {
        1
    } else {
        0
    }))
}

fn has_i04(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.rule == "I-04")
}

fn first_message(findings: &[Finding]) -> String {
    findings
        .iter()
        .find(|f| f.rule == "I-04")
        .map(|f| format!("{} / {}", f.message, f.message_en))
        .unwrap_or_default()
}

fn cmd_rules(rest: &[String]) -> Result<ExitCode, UsageError> {
    let a = Args::parse(rest, &["--json"], &[])?;
    let rules: Vec<&nianbao_core::rules::Rule> = match a.positional.as_slice() {
        [] => nianbao_core::rules::all().iter().collect(),
        [id] => match nianbao_core::rules::find(&id.to_uppercase()) {
            Some(r) => vec![r],
            None => return Err(UsageError::UnknownRule(id.clone())),
        },
        _ => {
            return Err(UsageError::Extra(
                a.positional.get(1).cloned().unwrap_or_default(),
            ))
        }
    };
    let text = if a.flag("--json") {
        render::rules_json(&rules)
    } else {
        render::rules_table(&rules)
    };
    let _ = writeln!(std::io::stdout().lock(), "{text}");
    Ok(ExitCode::SUCCESS)
}

fn cmd_template(rest: &[String]) -> Result<ExitCode, UsageError> {
    let a = Args::parse(rest, &[], &[])?;
    let id = match a.positional.as_slice() {
        [id] => TemplateId::parse(id).ok_or_else(|| UsageError::BadValue(id.clone()))?,
        [] => {
            return Err(UsageError::Missing(
                "template 需要 2021 或 2019 / template needs 2021 or 2019",
            ))
        }
        [_, extra, ..] => return Err(UsageError::Extra(extra.clone())),
    };
    let _ = writeln!(std::io::stdout().lock(), "{}", Report::empty(id).to_json());
    Ok(ExitCode::SUCCESS)
}
