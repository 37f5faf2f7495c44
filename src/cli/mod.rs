//! Command-line interface: argument parsing and the subcommands.
//!
//! Each subcommand returns an [`Outcome`]: `Ok(Exit)` when it ran to the
//! end (0 all well; 1 when it found and already reported problems such as
//! failed rows; 130 stopped by a signal), or `Err(Failure)` when it stopped
//! on diagnostics. [`run`] owns the source map every subcommand loads its
//! files into, so it alone renders a failure (in the chosen language, with
//! the sources, as text on stderr or JSON lines on stdout) and sets the
//! exit code; [`emit`] is the one renderer, also for warnings printed
//! along the way.

mod audit;
mod batch;
mod batch_rows;
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

use crate::diag::{render_json, render_text, Diagnostic, Diagnostics, Lang, SourceMap};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;

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
        /// Also read a facts file as `score` would, and say which unknown facts would settle what.
        #[arg(long)]
        facts: Option<String>,
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
        /// 指标表的行 / a target table's rows: `表名=rows.csv` (or .xlsx); repeatable.
        #[arg(long = "rows", value_name = "[TABLE=]FILE")]
        rows: Vec<String>,
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
        /// 指标表的行 / a target table's rows for every unit, keyed by a 单位 column:
        /// `表名=rows.csv` (or .xlsx); repeatable.
        #[arg(long = "rows", value_name = "[TABLE=]FILE")]
        rows: Vec<String>,
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
        /// Worker threads (default: the available cores; 1 = single-threaded).
        #[arg(long, short = 'j', value_name = "N", value_parser = help::count)]
        jobs: Option<usize>,
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
        /// 指标表的行 / target-table rows of every unit, keyed by a 单位 column:
        /// `表名=rows.csv` (or .xlsx); repeatable.
        #[arg(long = "rows", value_name = "[TABLE=]FILE")]
        rows: Vec<String>,
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
        /// 指标表的行 / a target table's rows: `表名=rows.csv` (or .xlsx); repeatable.
        /// For many units the file is keyed by a 单位 column, as for batch.
        #[arg(long = "rows", value_name = "[TABLE=]FILE")]
        rows: Vec<String>,
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

/// How a subcommand ended when it ran to the end.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Exit(pub i32);

impl Exit {
    pub const OK: Exit = Exit(0);
    /// Problems found and already reported by the command (a failed row, a
    /// figure that disagrees, a failing case, a file that would change).
    pub const FOUND: Exit = Exit(1);
    /// A usage error already printed (an unknown error code or subcommand).
    pub const USAGE: Exit = Exit(2);
    /// Stopped by SIGINT/SIGTERM, after saying how far it got.
    pub const STOPPED: Exit = Exit(130);

    /// [`Exit::FOUND`] when `found`, else [`Exit::OK`].
    pub fn found_if(found: bool) -> Exit {
        Exit(i32::from(found))
    }
}

/// A subcommand that stopped on diagnostics: what to print and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub diags: Vec<Diagnostic>,
    pub code: i32,
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diags: Vec<Diagnostic>) -> Self {
        Failure { diags, code: 1 }
    }
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        d.0.into()
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        vec![d].into()
    }
}

impl From<Box<Diagnostic>> for Failure {
    fn from(d: Box<Diagnostic>) -> Self {
        (*d).into()
    }
}

pub type Outcome = Result<Exit, Failure>;

/// Print diagnostics: JSON lines on stdout, or text on stderr (coloured on
/// a terminal unless NO_COLOR is set).
pub fn emit(diags: &[Diagnostic], map: &SourceMap, lang: Lang, format: Format) {
    if diags.is_empty() {
        return;
    }
    match format {
        Format::Json => crate::say!("{}", render_json(diags, map, lang)),
        Format::Text => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", render_text(diags, map, lang, color));
        }
    }
}

/// Run a parsed command line and return the process's exit code.
pub fn run(cli: Cli) -> i32 {
    let lang = Lang::from_flag_or_env(cli.lang.as_deref());
    let format = diag_format(&cli.cmd);
    let mut map = SourceMap::new();
    let code = match run_command(cli.cmd, &mut map, lang) {
        Ok(exit) => exit.0,
        Err(f) => {
            emit(&f.diags, &map, lang, format);
            f.code
        }
    };
    // Everything printed went through `say!`: did it arrive?
    match crate::files::stdout::take_error() {
        Some(e) => {
            let d = output::cannot_write(None, &e);
            emit(&[d], &SourceMap::new(), lang, Format::Text);
            code.max(1)
        }
        None => code,
    }
}

/// How a command's diagnostics are printed: JSON lines where its output is
/// JSON, else text.
fn diag_format(cmd: &Command) -> Format {
    match cmd {
        Command::Check { format, .. } => *format,
        Command::Score { format, .. } => score::diag_format(*format),
        _ => Format::Text,
    }
}

fn run_command(cmd: Command, map: &mut SourceMap, lang: Lang) -> Outcome {
    match cmd {
        Command::Check {
            rules,
            facts,
            format,
            deny_warnings,
        } => check::run(
            &check::Args {
                rules: &rules,
                facts: facts.as_deref(),
                format,
                deny_warnings,
            },
            map,
            lang,
        ),
        Command::Score {
            rules,
            facts,
            sheet,
            rows,
            explain,
            format,
            out,
        } => score::run(
            &score::Args {
                rules: &rules,
                facts: &facts,
                sheet: sheet.as_deref(),
                rows: &rows,
                explain,
                format,
                out: out.as_deref(),
                lang,
            },
            map,
        ),
        Command::Batch {
            rules,
            facts,
            out,
            format,
            explain,
            sheet,
            rows,
            no_bom,
            jobs,
        } => batch::run(
            &batch::Args {
                rules: &rules,
                facts: &facts,
                out: out.as_deref(),
                format,
                explain,
                lang,
                sheet: sheet.as_deref(),
                rows: &rows,
                no_bom,
                jobs: jobs.unwrap_or(0),
            },
            map,
        ),
        Command::Repl { rules, facts } => {
            Ok(Exit(repl::run(rules.as_deref(), facts.as_deref(), lang)))
        }
        Command::Audit {
            rules,
            facts,
            reported,
            tolerance,
        } => audit::run(&rules, &facts, &reported, tolerance, map, lang),
        Command::Diff {
            old,
            new,
            facts,
            sheet,
            rows,
            format,
            out,
        } => diff::run(
            &old,
            &new,
            &facts,
            sheet.as_deref(),
            &rows,
            format,
            out.as_deref(),
            map,
            lang,
        ),
        Command::Report {
            rules,
            facts,
            rows,
            out,
        } => report::run(
            &report::Args {
                rules: &rules,
                facts: &facts,
                rows: &rows,
                out: out.as_deref(),
                lang,
            },
            map,
        ),
        Command::Test { paths, coverage } => test::run(&paths, coverage, map, lang),
        Command::Fmt { paths, check } => fmt::run(&paths, check, map, lang),
        Command::Lsp => Ok(Exit(crate::lsp::run(lang))),
        Command::Completions { shell } => Ok(completions::completions(shell, lang)),
        Command::Man { subcommand } => Ok(completions::man(subcommand.as_deref(), lang)),
        Command::Template { rules, format, out } => {
            template::run(&rules, format, out.as_deref(), map, lang)
        }
        Command::Explain { code } => match crate::diag::explain_code(&code, lang) {
            Some(text) => {
                crate::sayln!("{text}");
                Ok(Exit::OK)
            }
            None => {
                eprintln!(
                    "{}",
                    if lang == Lang::Zh {
                        format!("未知的错误代码：{code}")
                    } else {
                        format!("unknown error code: {code}")
                    }
                );
                Ok(Exit::USAGE)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Msg;

    fn parsed(args: &[&str]) -> Command {
        match parse(args.iter().map(Into::into).collect()) {
            Parsed::Run(cli, _) => cli.cmd,
            Parsed::Exit(code) => panic!("{args:?} did not parse (exit {code})"),
        }
    }

    #[test]
    fn failures_keep_every_diagnostic_and_exit_1() {
        let d = |path: &str| Diagnostic::new(Msg::FactsFormat { path: path.into() });
        let f = Failure::from(Diagnostics(vec![d("a"), d("b")]));
        assert_eq!((f.diags.len(), f.code), (2, 1));
        let f = Failure::from(Box::new(d("c")));
        assert_eq!((f.diags[0].code(), f.code), ("E310", 1));
        assert_eq!(Exit::found_if(true), Exit::FOUND);
        assert_eq!(Exit::found_if(false), Exit::OK);
    }

    #[test]
    fn failures_print_as_json_only_beside_json_output() {
        let f = |args: &[&str]| diag_format(&parsed(args));
        assert_eq!(
            f(&["jixiao", "check", "a.jx", "--format", "json"]),
            Format::Json
        );
        assert_eq!(f(&["jixiao", "check", "a.jx"]), Format::Text);
        let score = ["jixiao", "score", "a.jx", "--facts", "f.toml", "--format"];
        assert_eq!(f(&[&score[..], &["json"]].concat()), Format::Json);
        assert_eq!(f(&[&score[..], &["text"]].concat()), Format::Text);
        let batch = [
            "jixiao", "batch", "a.jx", "--facts", "f.csv", "--format", "json",
        ];
        assert_eq!(f(&batch), Format::Text);
        let diff = [
            "jixiao", "diff", "a.jx", "b.jx", "--facts", "d", "--format", "json",
        ];
        assert_eq!(f(&diff), Format::Text);
    }
}
