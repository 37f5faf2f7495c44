//! Command-line interface: argument parsing and the subcommands. Each
//! subcommand returns its exit code: 0 success, 1 errors found, 2 usage.

mod check;
mod common;
mod score;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(name = "jixiao", version, about = "绩效评分表语言工具 — scoring rubrics written as data")]
pub struct Cli {
    /// 提示语言 / message language: zh (default) or en. Also JIXIAO_LANG.
    #[arg(long, global = true)]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub cmd: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 检查规则文件 / check a rule file (names, units, weights, lints)
    Check {
        rules: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Treat warnings as errors (exit 1).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// 计算得分 / score a fact set against a rule file
    Score {
        rules: String,
        #[arg(long)]
        facts: String,
        /// Print the points ledger of every indicator.
        #[arg(long)]
        explain: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 解释错误代码 / explain an error code (e.g. E101)
    Explain { code: String },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(cli: Cli) -> i32 {
    let lang = crate::diag::Lang::from_flag_or_env(cli.lang.as_deref());
    match cli.cmd {
        Command::Check { rules, format, deny_warnings } => check::run(&rules, format, deny_warnings, lang),
        Command::Score { rules, facts, explain, format } => score::run(&rules, &facts, explain, format, lang),
        Command::Explain { code } => match crate::diag::explain_code(&code, lang) {
            Some(text) => {
                println!("{text}");
                0
            }
            None => {
                eprintln!(
                    "{}",
                    if lang == crate::diag::Lang::Zh { format!("未知的错误代码：{code}") } else { format!("unknown error code: {code}") }
                );
                2
            }
        },
    }
}
