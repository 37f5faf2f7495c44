//! The command line's own words: what each subcommand and argument is for,
//! worked examples, and clap's usage errors, in Chinese and English.
//! `cli::help` applies them to the parser before it runs, so `--help` and
//! usage errors speak the chosen language.

use super::Lang;

/// One sentence in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Said {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Said {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

const fn said(zh: &'static str, en: &'static str) -> Said {
    Said { zh, en }
}

/// What a subcommand does (`""` is the program itself).
pub fn about(command: &str) -> Option<Said> {
    Some(match command {
        "" => said(
            "绩效评分表语言工具：检查评分规则，按事实计算得分并解释每一分",
            "jixiao: check scoring rubrics written as data, score facts exactly and explain every point",
        ),
        "check" => said(
            "检查规则文件：名称、单位、分值合计、分档缺口等；0 通过，1 有错误",
            "check a rule file: names, units, weights that add up, tier gaps; exit 0 clean, 1 errors",
        ),
        "score" => said(
            "按事实文件计算一个单位的得分，可附逐分说明，或写成自评表工作簿",
            "score one unit's facts against a rule file, optionally with the points ledger or as the self-assessment workbook",
        ),
        "explain" => said("解释错误代码（如 E101）", "explain a diagnostic code (e.g. E101)"),
        "batch" => said(
            "批量评分：CSV、JSON Lines 或工作表的每一行一个单位；出错的行成为错误记录，不会丢失",
            "score every row of a CSV, JSON Lines file or sheet; a bad row becomes an error record, never a lost row",
        ),
        "report" => said(
            "生成 HTML 报告（单个文件，可离线打开、打印为 A4）：一个单位（.toml/.json）的评分表、扣分图和计分过程，或多个单位（.csv/.jsonl）的分布、等级、平均扣分和单位列表",
            "write a self-contained HTML report (opens offline, prints to A4): one department's scorecard, points-lost chart and ledger (.toml/.json), or many units' distribution, grades, mean points lost and table (.csv/.jsonl)",
        ),
        "audit" => said(
            "按规则重算公布的自评表，列出每一处不一致；什么也没核对的报告文件是错误",
            "recompute a published scorecard and list every discrepancy; a reported file that compares nothing is an error",
        ),
        "diff" => said(
            "新旧评分表对比：同一批单位在两版规则下的得分、等级变化及其原因",
            "score many units under an old and a new rubric and name the edit behind every change",
        ),
        "test" => said(
            "运行规则旁的测试用例（*.tests.toml）",
            "run the test cases kept beside rule files (*.tests.toml)",
        ),
        "repl" => said(
            "交互环境：查询得分、解释、假设分析（:whatif）与目标求解（:goal）",
            "interactive session: scores, explanations, :whatif and :goal",
        ),
        "template" => said(
            "生成空白事实文件（TOML、CSV 或工作簿），列出每个输入的单位、可选值和约束",
            "write a blank facts file (TOML, CSV or a workbook) with every input's unit, allowed values and constraints",
        ),
        "completions" => said(
            "输出命令行补全脚本",
            "print a shell completion script",
        ),
        "fmt" => said(
            "格式化规则文件：统一缩进、每行一条规则、运算符两侧空格，保留全部注释；--check 只检查不改动",
            "rewrite rule files in one canonical layout (indentation, one row per line, spacing), keeping every comment; --check changes nothing",
        ),
        "man" => said("输出手册页（roff 格式）", "print the manual page (roff)"),
        "lsp" => said(
            "语言服务器（LSP）：供编辑器实时检查、悬停、补全、跳转和试算得分，经标准输入输出通信",
            "a language server (LSP) over stdio: live checks, hover, completion, go to definition and scoring in editors",
        ),
        _ => return None,
    })
}

/// What an argument is for, by subcommand and clap's argument id.
pub fn arg(command: &str, id: &str) -> Option<Said> {
    Some(match (command, id) {
        (_, "lang") => said(
            "提示语言：zh（默认）或 en；也可用环境变量 JIXIAO_LANG",
            "message language: zh (default) or en; also JIXIAO_LANG",
        ),
        (_, "help") => said("显示帮助", "show this help"),
        (_, "version") => said("显示版本", "show the version"),
        ("repl", "rules") => said("先载入的规则文件（可省略）", "a rule file to load first (optional)"),
        (_, "rules") => said("规则文件（.jx）", "the rule file (.jx)"),
        (_, "format") => said("输出格式", "output format"),
        ("check", "facts") => said(
            "同时按 score 的方式读取事实文件（类型、单位、约束），不打分；文件中有未取得的事实时，列出每项填写后可确定的指标、总分和等级及其当前范围",
            "also read a facts file as score does (types, units, constraints) without scoring; for facts marked unknown, list what each would settle (indicators, total, grade) with the current ranges",
        ),
        ("check", "deny_warnings") => said(
            "有警告也视为失败（退出码 1）",
            "treat warnings as errors (exit 1)",
        ),
        ("score", "facts") => said(
            "事实文件（.toml、.json，或工作簿 .xlsx/.xls/.ods：一行表格或“名称/值”两列）",
            "the facts file (.toml, .json, or a workbook .xlsx/.xls/.ods: one table row or two columns of names and values)",
        ),
        ("score" | "batch" | "diff", "sheet") => said(
            "读取工作簿中的这个工作表（默认：第一个表头含输入名称的工作表）",
            "the sheet of the workbook to read (default: the first whose header names an input)",
        ),
        ("score", "rows") => said(
            "指标表的行：表名=文件（CSV 或工作簿；评分表只有一个指标表时可省略“表名=”），可重复",
            "a target table's rows: NAME=FILE (CSV or workbook; NAME= may be left out when the rubric has one table); repeatable",
        ),
        ("report", "rows") => said(
            "指标表的行：表名=文件（CSV 或工作簿），如 --rows 绩效指标=各项目指标.csv；一个单位时同 score，多个单位时文件有“单位”列，同 batch；可重复",
            "a target table's rows: NAME=FILE (CSV or workbook), e.g. `--rows 绩效指标=rows.csv`; for one department as for score, for many units with a `单位` column as for batch; repeatable",
        ),
        ("diff", "rows") => said(
            "各单位的指标表行：表名=文件（有“单位”列，同 batch），如 --rows 绩效指标=各项目指标.csv；新旧评分表中有此表的都读取；可重复",
            "target-table rows of every unit: NAME=FILE with a `单位` column (as for batch), e.g. `--rows 绩效指标=rows.csv`; read for each rubric that has the table; repeatable",
        ),
        ("batch", "rows") => said(
            "各单位的指标表行：表名=文件，文件有“单位”列，按单位对应到事实中的一行；可重复",
            "target-table rows of every unit: NAME=FILE, with a `单位` column joining each row to its unit; repeatable",
        ),
        ("score", "out") | ("template", "out") => said(
            "写入此文件（默认输出到屏幕；xlsx 格式必须指定）",
            "write to this file instead of standard output (required for xlsx)",
        ),
        ("batch", "no_bom") => said(
            "写入文件的 CSV 不加 UTF-8 BOM（默认加上，以便 Excel、WPS 正确打开）",
            "leave the UTF-8 byte-order mark off a CSV file (it is there so that Excel and WPS open it right)",
        ),
        ("audit", "facts") => said(
            "事实文件（.toml 或 .json），如 预算数 = \"7,811.08 万元\"",
            "the facts file (.toml or .json), e.g. `预算数 = \"7,811.08 万元\"`",
        ),
        ("score", "explain") => said("附上每个指标的逐分说明", "print the points ledger of every indicator"),
        ("batch", "facts") => said(
            "批量数据：CSV（UTF-8 或 GBK；表头为输入名称，另有 单位 列）、JSON Lines（每行一个单位）或工作簿（.xlsx/.xls/.ods）",
            "the data: CSV (UTF-8 or GBK; a header of input names and a `单位` or `unit` column), JSON Lines (one unit per line) or a workbook (.xlsx/.xls/.ods)",
        ),
        ("batch", "out") => said("结果写入此文件（默认输出到屏幕）", "write the results to this file instead of standard output"),
        ("batch", "explain") => said("每行附上逐分说明", "add each row's points ledger"),
        ("batch", "jobs") => said(
            "同时评分的线程数（默认：CPU 核数；1 为单线程）",
            "worker threads scoring at once (default: the number of cores; 1 is single-threaded)",
        ),
        ("report", "facts") => said(
            "一个单位的事实文件（.toml/.json），或多个单位的数据（.csv/.jsonl，同 batch）",
            "one department's facts file (.toml/.json), or many units' data (.csv/.jsonl, as for batch)",
        ),
        ("report", "out") => said("报告写入此文件，如 报告.html（默认输出到屏幕）", "write the page to this file, e.g. `报告.html` (default: standard output)"),
        ("diff", "out") => said(
            "结果写入此文件，如 对比.html（默认输出到屏幕；xlsx 格式必须指定）",
            "write the result to this file, e.g. `对比.html` (default: standard output; required for xlsx)",
        ),
        ("audit", "reported") => said(
            "公布的得分（.toml）：各指标得分、总分、等级",
            "the published figures (.toml): indicator scores, `总分`, `等级`",
        ),
        ("audit", "tolerance") => said(
            "容差：与规则相差不超过此数的得分不算不一致，但逐一列出（原文舍入方式不同时，如 0.01）",
            "accept scores within this much of the rules' (e.g. 0.01 when the document rounds differently); each is still listed",
        ),
        ("diff", "old") => said("旧版规则文件", "the old rule file"),
        ("diff", "new") => said("新版规则文件", "the new rule file"),
        ("diff", "facts") => said(
            "各单位的事实：CSV 或工作簿（单位 列加每个输入一列），或事实文件所在的文件夹",
            "the units' facts: a CSV or workbook (a `单位` or `unit` column and one column per input) or a folder of facts files",
        ),
        ("fmt", "paths") => said(
            "规则文件或文件夹（文件夹内全部 .jx 文件）",
            "rule files or folders (every .jx file under them)",
        ),
        ("fmt", "check") => said(
            "不改动文件，只列出需要格式化的文件；有则退出码 1",
            "change nothing; list the files that would change and exit 1 if any",
        ),
        ("test", "paths") => said(
            "用例文件或文件夹（默认 rules/）",
            "case files or folders (default: rules/)",
        ),
        ("test", "coverage") => said(
            "列出每条规则分支被多少用例走到",
            "list every rule branch with how many cases reached it",
        ),
        ("repl", "facts") => said("先载入的事实文件（可省略）", "a facts file to load first (optional)"),
        ("explain", "code") => said("错误代码，如 E101、W203", "a diagnostic code such as E101 or W203"),
        ("completions", "shell") => said(
            "bash、zsh、fish、powershell 或 elvish",
            "bash, zsh, fish, powershell or elvish",
        ),
        ("man", "subcommand") => said(
            "子命令名称（不写则为 jixiao 本身）",
            "a subcommand's page instead of the main one",
        ),
        _ => return None,
    })
}

/// A worked example: what it shows, and the command (run by a test from the
/// project's root, where `rules/` is).
pub struct Example {
    pub what: Said,
    pub command: &'static str,
    /// The exit code the command gives on the bundled files.
    pub exit: i32,
}

const fn ex(what: Said, command: &'static str, exit: i32) -> Example {
    Example {
        what,
        command,
        exit,
    }
}

/// Every example, by subcommand (`""` is the program itself).
static EXAMPLES: &[(&str, Example)] = &[
    ("", ex(
                said("为自带的陕西省评分表打分并解释每一分", "score the bundled Shaanxi rubric and explain every point"),
                "jixiao score rules/shaanxi-2019.jx --facts rules/shaanxi-2019.facts.toml --explain",
                0,
            )),
    ("", ex(said("检查规则文件", "check a rule file"), "jixiao check rules/jinzhong-2020.jx", 0)),
    ("check", ex(said("检查一个规则文件", "check one rule file"), "jixiao check rules/shaanxi-2019.jx", 0)),
    ("check", ex(
                said("检查规则文件并核对一份事实文件（不打分）", "check a rule file and a facts file against it (no scorecard)"),
                "jixiao check rules/shaanxi-2019.jx --facts rules/shaanxi-2019.facts.toml",
                0,
            )),
    ("check", ex(
                said("以 JSON 行输出诊断，供程序读取", "diagnostics as JSON lines for programs"),
                "jixiao check rules/jinzhong-2020.jx --format json",
                0,
            )),
    ("score", ex(
                said("打分并给出逐分说明", "score and explain every point"),
                "jixiao score rules/shaanxi-2019.jx --facts rules/shaanxi-2019.facts.toml --explain",
                0,
            )),
    ("score", ex(
                said("以 JSON 输出得分", "the scorecard as JSON"),
                "jixiao score rules/jinzhong-2020.jx --facts rules/jinzhong-2020.facts.toml --format json",
                0,
            )),
    ("score", ex(
                said("写成《部门整体支出绩效自评表》工作簿", "write the self-assessment form as a workbook"),
                "jixiao score rules/shaanxi-2019.jx --facts rules/shaanxi-2019.facts.toml --format xlsx -o 自评表.xlsx",
                0,
            )),
    ("explain", ex(said("查看 E101 的说明", "what E101 means"), "jixiao explain E101", 0)),
    ("batch", ex(
                said("为 240 个单位打分，结果为 CSV", "score 240 units, results as CSV"),
                "jixiao batch rules/shaanxi-2019.jx --facts rules/shaanxi-synthetic-units.csv",
                0,
            )),
    ("batch", ex(
                said("结果写入文件，每行一个 JSON", "write JSON Lines to a file"),
                "jixiao batch rules/shaanxi-2019.jx --facts rules/shaanxi-synthetic-units.csv --format jsonl -o 结果.jsonl",
                0,
            )),
    ("report", ex(
                said("一个单位的 HTML 报告", "one department's HTML report"),
                "jixiao report rules/jinzhong-2020.jx --facts rules/jinzhong-2020.facts.toml -o 报告.html",
                0,
            )),
    ("report", ex(
                said("240 个单位的汇总报告", "a summary report of 240 units"),
                "jixiao report rules/shaanxi-2019.jx --facts rules/shaanxi-synthetic-units.csv -o 汇总.html",
                0,
            )),
    ("batch", ex(
                said("指标表的行放在单独的 CSV 中，按“单位”列对应（某镇文化站缺行、某社区无事实，退出码 1）", "target-table rows from a CSV of their own, joined by its `单位` column (one unit lacks rows, one has no facts: exit 1)"),
                "jixiao batch rules/project-2020.jx --facts docs/guide/两个项目.csv --rows 绩效指标=docs/guide/各项目指标.csv",
                1,
            )),
    ("report", ex(
                said("指标表的行放在单独的 CSV 中的报告", "a report with a target table's rows from a CSV of their own"),
                "jixiao report rules/project-2020.jx --facts docs/guide/饮水工程.toml --rows 绩效指标=docs/guide/绩效指标.csv -o 报告.html",
                0,
            )),
    ("diff", ex(
                said("带指标表的评分表对比，行按单位从 CSV 读取（退出码 1：有单位缺行）", "compare two rubrics with a target table, its rows joined by unit from a CSV (exit 1: a unit lacks rows)"),
                "jixiao diff rules/project-2020.jx docs/guide/项目-2021草案.jx --facts docs/guide/两个项目.csv --rows 绩效指标=docs/guide/各项目指标.csv",
                1,
            )),
    ("batch", ex(
                said("结果写成工作簿：结果、汇总、错误三张表", "a workbook of results, summary and errors"),
                "jixiao batch rules/shaanxi-2019.jx --facts rules/shaanxi-synthetic-units.csv --format xlsx -o 结果.xlsx",
                0,
            )),
    ("template", ex(
                said("空白事实文件（TOML），填好后交给 score", "a blank TOML facts file to fill in for score"),
                "jixiao template rules/shaanxi-2019.jx",
                0,
            )),
    ("template", ex(
                said("空白工作簿：下拉选项、百分比格式、每列批注", "a blank workbook with drop-downs, percentage formats and notes"),
                "jixiao template rules/shaanxi-2019.jx --format xlsx -o 填报.xlsx",
                0,
            )),
    ("audit", ex(
            said(
                "核对东西湖区 2020 年自评表（会报告文件中的矛盾，退出码 1）",
                "audit the Dongxihu 2020 scorecard (it reports the document's contradictions, exit 1)",
            ),
            "jixiao audit rules/dongxihu-2020.jx --facts rules/dongxihu-2020.facts.toml --reported rules/dongxihu-2020.reported.toml",
            1,
        )),
    ("diff", ex(
            said("2020 年草案对 240 个单位的影响", "what the 2020 draft does to 240 units"),
            "jixiao diff rules/shaanxi-2019.jx rules/shaanxi-2020-draft.jx --facts rules/shaanxi-synthetic-units.csv",
            0,
        )),
    ("diff", ex(
            said("对比结果写成 HTML 报告", "the comparison as an HTML report"),
            "jixiao diff rules/shaanxi-2019.jx rules/shaanxi-2020-draft.jx --facts rules/shaanxi-synthetic-units.csv --format html -o 对比.html",
            0,
        )),
    ("test", ex(said("运行 rules/ 下的全部用例", "run every case under rules/"), "jixiao test", 0)),
    ("test", ex(
                said("并列出分支覆盖情况", "with branch coverage"),
                "jixiao test rules --coverage",
                0,
            )),
    ("fmt", ex(
            said("检查随附的规则文件是否都已格式化", "check that the bundled rule files are formatted"),
            "jixiao fmt --check rules",
            0,
        )),
    ("repl", ex(
            said("载入评分表和事实后交互查询", "load a rubric and its facts, then ask"),
            "jixiao repl rules/shaanxi-2019.jx --facts rules/shaanxi-2019.facts.toml",
            0,
        )),
    ("completions", ex(
            said("为 bash 安装补全", "install completions for bash"),
            "jixiao completions bash",
            0,
        )),
    ("man", ex(said("查看 score 的手册页", "the manual page of score"), "jixiao man score", 0)),
    ("lsp", ex(said("由编辑器启动（如 VS Code 扩展）", "started by an editor (e.g. the VS Code extension)"), "jixiao lsp", 1)),
];

pub fn examples(command: &str) -> impl Iterator<Item = &'static Example> + '_ {
    EXAMPLES
        .iter()
        .filter(move |(c, _)| *c == command)
        .map(|(_, e)| e)
}

/// Headings and fixed phrases of the help screens.
pub fn heading(what: &str, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match (what, zh) {
        ("usage", true) => "用法：",
        ("usage", false) => "Usage: ",
        ("arguments", true) => "参数",
        ("arguments", false) => "Arguments",
        ("options", true) => "选项",
        ("options", false) => "Options",
        ("commands", true) => "命令",
        ("commands", false) => "Commands",
        ("examples", true) => "示例：",
        ("examples", false) => "Examples:",
        ("default", true) => "默认",
        ("default", false) => "default",
        ("choices", true) => "可选",
        ("choices", false) => "one of",
        _ => "",
    }
}

/// A usage error, already sorted by kind by the caller.
pub enum UsageError<'a> {
    Missing(&'a [String]),
    UnknownArg {
        arg: &'a str,
        suggestion: Option<&'a str>,
    },
    UnknownCommand {
        name: &'a str,
        suggestion: Option<&'a str>,
    },
    BadValue {
        arg: &'a str,
        value: &'a str,
        choices: &'a [String],
    },
    BadLang {
        value: &'a str,
    },
    /// A count such as `--jobs` that is 0 or not a whole number.
    NotCount {
        arg: &'a str,
        value: &'a str,
    },
    TooMany {
        arg: &'a str,
    },
    Other {
        detail: &'a str,
    },
}

pub fn usage_error(e: &UsageError, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let join = |items: &[String]| items.join(if zh { "、" } else { ", " });
    match (e, zh) {
        (UsageError::Missing(args), true) => format!("缺少必需的参数：{}", join(args)),
        (UsageError::Missing(args), false) => format!("missing required argument: {}", join(args)),
        (UsageError::UnknownArg { arg, suggestion }, true) => match suggestion {
            Some(s) => format!("未知的选项“{arg}”，是否应为“{s}”？"),
            None => format!("未知的选项或多余的参数“{arg}”"),
        },
        (UsageError::UnknownArg { arg, suggestion }, false) => match suggestion {
            Some(s) => format!("unknown option `{arg}`; did you mean `{s}`?"),
            None => format!("unknown option or unexpected argument `{arg}`"),
        },
        (UsageError::UnknownCommand { name, suggestion }, true) => match suggestion {
            Some(s) => format!("未知的子命令“{name}”，是否应为“{s}”？"),
            None => format!("未知的子命令“{name}”"),
        },
        (UsageError::UnknownCommand { name, suggestion }, false) => match suggestion {
            Some(s) => format!("unknown subcommand `{name}`; did you mean `{s}`?"),
            None => format!("unknown subcommand `{name}`"),
        },
        (
            UsageError::BadValue {
                arg,
                value,
                choices,
            },
            true,
        ) => {
            format!("“{arg}”的值“{value}”无效，可选：{}", join(choices))
        }
        (
            UsageError::BadValue {
                arg,
                value,
                choices,
            },
            false,
        ) => {
            format!(
                "invalid value `{value}` for `{arg}`; expected one of: {}",
                join(choices)
            )
        }
        (UsageError::BadLang { value }, true) => {
            format!("不支持的语言“{value}”：--lang 与 JIXIAO_LANG 只接受 zh 或 en")
        }
        (UsageError::BadLang { value }, false) => {
            format!("unsupported language `{value}`: --lang and JIXIAO_LANG accept zh or en only")
        }
        (UsageError::NotCount { arg, value }, true) => {
            format!("“{arg}”的值“{value}”无效：应为不小于 1 的整数")
        }
        (UsageError::NotCount { arg, value }, false) => {
            format!("invalid value `{value}` for `{arg}`: expected a whole number of at least 1")
        }
        (UsageError::TooMany { arg }, true) => format!("“{arg}”只能给一次"),
        (UsageError::TooMany { arg }, false) => format!("`{arg}` may be given only once"),
        (UsageError::Other { detail }, true) => format!("命令行参数有误：{detail}"),
        (UsageError::Other { detail }, false) => format!("invalid command line: {detail}"),
    }
}

/// The lead of a usage error line, with its separator.
pub fn error_lead(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "错误：",
        Lang::En => "error: ",
    }
}

pub fn more_help(command: &str, lang: Lang) -> String {
    let cmd = if command.is_empty() {
        "jixiao --help".to_string()
    } else {
        format!("jixiao {command} --help")
    };
    match lang {
        Lang::Zh => format!("运行 {cmd} 查看用法和示例"),
        Lang::En => format!("run `{cmd}` for usage and examples"),
    }
}
