//! Command-line interface: argument parsing and the subcommands. Each
//! subcommand returns its exit code: 0 success, 1 errors found, 2 usage.

mod audit;
mod batch;
mod batch_xlsx;
mod check;
mod common;
mod completions;
mod data;
mod diff;
mod fmt;
mod help;
pub mod output;
mod repl;
mod report;
mod score;
mod template;
mod test;

use clap::{Parser, Subcommand, ValueEnum};

pub use help::{parse, Parsed};

#[derive(Parser, Debug)]
#[command(
    name = "jixiao",
    version,
    about = "绩效评分表语言工具 — scoring rubrics written as data"
)]
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
        /// TOML, JSON, or a workbook (.xlsx .xlsm .xls .xlsb .ods).
        #[arg(long)]
        facts: String,
        /// 工作表 / the sheet to read from a workbook.
        #[arg(long)]
        sheet: Option<String>,
        /// Print the points ledger of every indicator.
        #[arg(long)]
        explain: bool,
        /// text, json, or xlsx (the 自评表 workbook; needs -o).
        #[arg(long, value_enum, default_value_t = score::ScoreFormat::Text)]
        format: score::ScoreFormat,
        /// Write the result here instead of standard output.
        #[arg(short = 'o', long = "output", required_if_eq("format", "xlsx"))]
        out: Option<String>,
    },
    /// 解释错误代码 / explain an error code (e.g. E101)
    Explain { code: String },
    /// 批量评分 / score every row of a CSV or JSON Lines file
    Batch {
        rules: String,
        /// CSV (header of input names, a 单位/unit column), JSON Lines, or a
        /// workbook (.xlsx .xlsm .xls .xlsb .ods).
        #[arg(long)]
        facts: String,
        /// 工作表 / the sheet to read from a workbook (default: the first with a header).
        #[arg(long)]
        sheet: Option<String>,
        /// Write a CSV file without the UTF-8 byte-order mark Excel needs.
        #[arg(long)]
        no_bom: bool,
        /// Write results here instead of standard output.
        #[arg(short = 'o', long = "output", required_if_eq("format", "xlsx"))]
        out: Option<String>,
        /// csv, jsonl, json, or xlsx (结果, 汇总 and 错误 sheets; needs -o).
        #[arg(long, value_enum, default_value_t = batch::BatchFormat::Csv)]
        format: batch::BatchFormat,
        /// Add each scored row's points ledger.
        #[arg(long)]
        explain: bool,
    },
    /// 核对公布的得分 / audit published scores against the rules
    Audit {
        rules: String,
        #[arg(long)]
        facts: String,
        /// The published figures: indicator scores, 总分, 等级, [事实].
        #[arg(long)]
        reported: String,
        /// 容差 / accept scores that differ by at most this much (e.g. 0.01
        /// for documents that round differently); each such figure is listed.
        #[arg(long)]
        tolerance: Option<rust_decimal::Decimal>,
    },
    /// 新旧评分表对比 / score many units under an old and a new rubric and explain every change
    Diff {
        old: String,
        new: String,
        /// A CSV with a 单位/unit column and one column per fact, or a directory of facts files.
        #[arg(long)]
        facts: String,
        /// 工作表 / the sheet to read from a workbook.
        #[arg(long)]
        sheet: Option<String>,
        #[arg(long, value_enum, default_value_t = diff::DiffFormat::Text)]
        format: diff::DiffFormat,
        /// Write the result here (e.g. 对比.html) instead of standard output.
        #[arg(short = 'o', long = "output", required_if_eq("format", "xlsx"))]
        out: Option<String>,
    },
    /// 生成 HTML 报告 / a self-contained HTML report: one department (.toml/.json) or many units (.csv/.jsonl)
    Report {
        rules: String,
        #[arg(long)]
        facts: String,
        /// Write the page here (e.g. 报告.html) instead of standard output.
        #[arg(short = 'o', long = "output")]
        out: Option<String>,
    },
    /// 生成空白事实文件 / write a blank facts file with every input, to fill in
    Template {
        rules: String,
        /// toml (for score), csv (for batch), or xlsx (a workbook for either; needs -o).
        #[arg(long, value_enum, default_value_t = template::TemplateFormat::Toml)]
        format: template::TemplateFormat,
        /// Write the template here instead of standard output.
        #[arg(short = 'o', long = "output", required_if_eq("format", "xlsx"))]
        out: Option<String>,
    },
    /// 运行测试用例 / run the test cases (*.tests.toml) beside rule files
    Test {
        /// Case files or directories (default: rules/).
        paths: Vec<String>,
        /// List every rule branch with how many cases reached it.
        #[arg(long)]
        coverage: bool,
    },
    /// 格式化规则文件 / rewrite rule files in the canonical layout, keeping every comment
    Fmt {
        /// Rule files or folders (every .jx under them).
        #[arg(required = true)]
        paths: Vec<String>,
        /// Change nothing; list the files that would change and exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// 交互环境 / a REPL: evaluate expressions, score, explain, what-if and goals
    Repl {
        rules: Option<String>,
        #[arg(long)]
        facts: Option<String>,
    },
    /// 生成命令行补全脚本 / print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        /// bash、zsh、fish、powershell 或 elvish
        shell: clap_complete::Shell,
    },
    /// 语言服务器（LSP，经标准输入输出）/ a language server over stdio for editors
    Lsp,
    /// 生成手册页 / print the manual page (roff), e.g. `jixiao man | man -l -`
    Man {
        /// 子命令名称（不写则为 jixiao 本身）/ a subcommand's page instead of the main one
        subcommand: Option<String>,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(cli: Cli) -> i32 {
    let lang = crate::diag::Lang::from_flag_or_env(cli.lang.as_deref());
    let code = run_command(cli.cmd, lang);
    // Everything printed went through `say!`: did it arrive?
    match crate::files::stdout::take_error() {
        Some(e) => {
            let d = output::cannot_write(None, &e);
            let map = crate::diag::SourceMap::new();
            common::emit(&[d], &map, lang, Format::Text);
            code.max(1)
        }
        None => code,
    }
}

fn run_command(cmd: Command, lang: crate::diag::Lang) -> i32 {
    match cmd {
        Command::Check {
            rules,
            format,
            deny_warnings,
        } => check::run(&rules, format, deny_warnings, lang),
        Command::Score {
            rules,
            facts,
            sheet,
            explain,
            format,
            out,
        } => score::run(&score::Args {
            rules: &rules,
            facts: &facts,
            sheet: sheet.as_deref(),
            explain,
            format,
            out: out.as_deref(),
            lang,
        }),
        Command::Batch {
            rules,
            facts,
            out,
            format,
            explain,
            sheet,
            no_bom,
        } => batch::run(&batch::Args {
            rules: &rules,
            facts: &facts,
            out: out.as_deref(),
            format,
            explain,
            lang,
            sheet: sheet.as_deref(),
            no_bom,
        }),
        Command::Repl { rules, facts } => repl::run(rules.as_deref(), facts.as_deref(), lang),
        Command::Audit {
            rules,
            facts,
            reported,
            tolerance,
        } => audit::run(&rules, &facts, &reported, tolerance, lang),
        Command::Diff {
            old,
            new,
            facts,
            sheet,
            format,
            out,
        } => diff::run(
            &old,
            &new,
            &facts,
            sheet.as_deref(),
            format,
            out.as_deref(),
            lang,
        ),
        Command::Report { rules, facts, out } => report::run(&report::Args {
            rules: &rules,
            facts: &facts,
            out: out.as_deref(),
            lang,
        }),
        Command::Test { paths, coverage } => test::run(&paths, coverage, lang),
        Command::Fmt { paths, check } => fmt::run(&paths, check, lang),
        Command::Lsp => crate::lsp::run(lang),
        Command::Completions { shell } => completions::completions(shell, lang),
        Command::Man { subcommand } => completions::man(subcommand.as_deref(), lang),
        Command::Template { rules, format, out } => {
            template::run(&rules, format, out.as_deref(), lang)
        }
        Command::Explain { code } => match crate::diag::explain_code(&code, lang) {
            Some(text) => {
                crate::sayln!("{text}");
                0
            }
            None => {
                eprintln!(
                    "{}",
                    if lang == crate::diag::Lang::Zh {
                        format!("未知的错误代码：{code}")
                    } else {
                        format!("unknown error code: {code}")
                    }
                );
                2
            }
        },
    }
}
