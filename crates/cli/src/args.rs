//! Hand-written argument parsing: positional arguments, boolean flags and `--name VALUE` /
//! `--name=VALUE` options. Every mistake is a [`UsageError`] with a Chinese and English sentence.

use std::fmt;

#[derive(Debug)]
pub enum UsageError {
    UnknownCommand(String),
    UnknownOption(String),
    UnknownRule(String),
    MissingValue(String),
    BadValue(String),
    Extra(String),
    Missing(&'static str),
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsageError::UnknownCommand(c) => write!(f, "未知命令 “{c}” / unknown command \"{c}\""),
            UsageError::UnknownOption(o) => write!(f, "未知选项 “{o}” / unknown option \"{o}\""),
            UsageError::UnknownRule(r) => write!(f, "没有规则 “{r}” / no rule \"{r}\""),
            UsageError::MissingValue(o) => {
                write!(f, "选项 {o} 需要一个值 / option {o} needs a value")
            }
            UsageError::BadValue(v) => write!(f, "无效的值 “{v}” / invalid value \"{v}\""),
            UsageError::Extra(v) => write!(f, "多余的参数 “{v}” / unexpected argument \"{v}\""),
            UsageError::Missing(m) => f.write_str(m),
        }
    }
}

/// Parsed arguments of one subcommand.
pub struct Args {
    pub positional: Vec<String>,
    flags: Vec<String>,
    values: Vec<(String, String)>,
}

impl Args {
    /// `flags` take no value; `options` take one.
    pub fn parse(args: &[String], flags: &[&str], options: &[&str]) -> Result<Args, UsageError> {
        let mut a = Args {
            positional: Vec::new(),
            flags: Vec::new(),
            values: Vec::new(),
        };
        let mut it = args.iter();
        let mut only_positional = false;
        while let Some(arg) = it.next() {
            if only_positional || !arg.starts_with('-') || arg == "-" {
                a.positional.push(arg.clone());
            } else if arg == "--" {
                only_positional = true;
            } else if flags.contains(&arg.as_str()) {
                a.flags.push(arg.clone());
            } else if let Some((name, value)) =
                arg.split_once('=').filter(|(n, _)| options.contains(n))
            {
                a.values.push((name.to_string(), value.to_string()));
            } else if options.contains(&arg.as_str()) {
                let value = it
                    .next()
                    .ok_or_else(|| UsageError::MissingValue(arg.clone()))?;
                a.values.push((arg.clone(), value.clone()));
            } else {
                return Err(UsageError::UnknownOption(arg.clone()));
            }
        }
        Ok(a)
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}
