//! Wording of the E5xx: files and tools (test, audit, diff) messages, Chinese and English side by side.

use super::*;

pub(super) fn text(msg: &Msg, zh: bool) -> String {
    use Msg::*;
    match msg {
        NotUtf8 { path } => {
            if zh {
                format!("“{path}”不是 UTF-8 编码的文本")
            } else {
                format!("`{path}` is not UTF-8 text")
            }
        }
        CannotRead { path, reason } => {
            let reason = io_reason(reason, zh);
            if zh {
                format!("无法读取“{path}”：{reason}")
            } else {
                format!("cannot read `{path}`: {reason}")
            }
        }
        CannotWrite { path, reason } => {
            let reason = io_write_reason(reason, zh);
            match (path, zh) {
                (Some(path), true) => format!("无法写入“{path}”：{reason}"),
                (Some(path), false) => format!("cannot write `{path}`: {reason}"),
                (None, true) => format!("无法写入标准输出：{reason}"),
                (None, false) => format!("cannot write to standard output: {reason}"),
            }
        }
        OutputIsInput { path, input } => match (path == input, zh) {
            (true, true) => format!("输出文件“{path}”也是本命令要读取的文件，写入会毁掉它；未改动任何文件"),
            (false, true) => format!("输出文件“{path}”与本命令要读取的“{input}”是同一个文件，写入会毁掉它；未改动任何文件"),
            (true, false) => format!("the output `{path}` is also a file this command reads; writing it would destroy it, so nothing was changed"),
            (false, false) => format!("the output `{path}` is the same file as `{input}`, which this command reads; writing it would destroy it, so nothing was changed"),
        },
        InputTooLarge { path, limit } => {
            let mib = limit / (1 << 20);
            if zh {
                format!("“{path}”超过 {mib} MiB 的上限，未读取")
            } else {
                format!("`{path}` is larger than the limit of {mib} MiB; it was not read")
            }
        }
        CaseFileSyntax { detail } => {
            if zh {
                format!("测试用例文件格式错误：{}", library_detail_zh(detail))
            } else {
                format!("malformed test-case file: {detail}")
            }
        }
        CaseUnknownIndicator { name } => {
            if zh {
                format!("测试用例期望的指标“{name}”不在评分表中")
            } else {
                format!("the test case expects an indicator `{name}` the rubric does not have")
            }
        }
        CaseFailed { case, what, expected, got } => {
            if zh {
                format!("用例“{case}”：{what} 应为 {expected}，实际为 {got}")
            } else {
                format!("case `{case}`: `{what}` should be `{expected}`, got {got}")
            }
        }
        AuditMismatch { what, reported, computed } => {
            if zh {
                format!("{what}：报告为 {reported}，按规则计算为 {computed}")
            } else {
                format!("`{what}`: reported `{reported}`, the rules give `{computed}`")
            }
        }
        NoCases { path } => {
            if zh {
                format!("没有找到测试用例：{path}")
            } else {
                format!("no test cases found: {path}")
            }
        }
        DiffMissingFacts { unit, names } => {
            if zh {
                format!("单位“{unit}”缺少评分表需要的事实：{names}")
            } else {
                format!("unit `{unit}` lacks facts the rubric needs: `{names}`")
            }
        }
        DataUnclosedQuote => t(zh, "数据文件格式错误：引号未闭合", "malformed data file: a quote is not closed"),
        DataRowWidth { row, found, expected } => {
            if zh {
                format!("数据文件格式错误：第 {row} 行有 {found} 列，表头有 {expected} 列")
            } else {
                format!("malformed data file: row {row} has {found} fields, the header has {expected}")
            }
        }
        DataEmpty { path } => {
            if zh {
                format!("“{path}”中没有任何单位的数据")
            } else {
                format!("`{path}` holds no unit's data")
            }
        }
        CaseUnknownKey { key, .. } => {
            if zh {
                format!("用例文件中有未知的项“{key}”，它不会被读取")
            } else {
                format!("the case file has an unknown key `{key}`, which would be ignored")
            }
        }
        KeyWrongShape { key, expected } => {
            let (a, b) = match expected {
                Shape::CaseList(k) => (format!("[[{k}]]（用例的数组）"), format!("`[[{k}]]` (a list of cases)")),
                Shape::ExpectTable => ("一张表，例如 { 总分 = 90 }".into(), "a table, e.g. `{ 总分 = 90 }`".into()),
                Shape::FactsTable => ("一张表，例如 [事实]".into(), "a table, e.g. `[事实]`".into()),
                Shape::Number => ("一个数，例如 96.85".into(), "a number, e.g. 96.85".into()),
                Shape::Quoted => ("带引号的文字".into(), "quoted text".into()),
                Shape::OneValue => ("一个值，例如 \"85%\"".into(), "one value, e.g. \"85%\"".into()),
                Shape::ScoreOrGrade => ("一个数或等级名".into(), "a number or a grade name".into()),
            };
            if zh {
                format!("“{key}”应写成{a}")
            } else {
                format!("`{key}` should be {b}")
            }
        }
        CaseNoExpectation { case } => {
            if zh {
                format!("用例“{case}”没有写任何期望，它什么也不检查")
            } else {
                format!("case `{case}` has no expectation, so it checks nothing")
            }
        }
        CasePathOutside { path } => {
            if zh {
                format!("用例文件只能引用它所在文件夹中的文件，不能引用“{path}”")
            } else {
                format!("a case file may only name files in its own folder, not `{path}`")
            }
        }
        AuditNothingCompared { path } => {
            if zh {
                format!("报告文件“{path}”中没有可以核对的数字")
            } else {
                format!("the reported file `{path}` holds no figure to compare")
            }
        }
        ReportedUnknown { name } => {
            if zh {
                format!("报告文件中的“{name}”不是评分表的指标、总分、等级或 [事实] 表")
            } else {
                format!("`{name}` in the reported file is no indicator, total, grade or `[事实]` table of the rubric")
            }
        }
        ReportedNotAGrade { name, grades } => {
            if zh {
                format!("报告的等级“{name}”不是评分表的等级（{}）", list(grades, zh))
            } else {
                format!(
                    "the reported grade `{name}` is not a grade of the rubric ({})",
                    list(&grades.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>(), zh)
                )
            }
        }
        _ => unreachable!("{} is not a tools message", msg.code()),
    }
}

pub(super) fn help(msg: &Msg, zh: bool) -> Option<String> {
    use Msg::*;
    let s = match msg {
        CannotRead { reason, .. } => {
            // Only a missing file is a matter of the path.
            if reason.contains("No such file") || reason.contains("cannot find the file") {
                t(zh, "检查文件路径和名称是否正确", "check the path and the file name")
            } else if reason.contains("Permission denied") {
                t(zh, "检查该文件的读取权限", "check the permissions of the file")
            } else {
                return None;
            }
        }
        CannotWrite { reason, .. } => {
            if reason.contains("No space left") || reason.contains("quota") {
                t(zh, "腾出磁盘空间，或把输出写到另一个磁盘", "free some disk space, or write the output to another disk")
            } else if reason.contains("No such file") || reason.contains("Not a directory") {
                t(zh, "输出文件所在的目录须已存在", "the output's folder must already exist")
            } else if reason.contains("Permission denied") || reason.contains("not permitted") || reason.contains("Read-only") {
                t(zh, "换一个有写入权限的位置", "write to a place where you have write permission")
            } else if reason.contains("Is a directory") {
                t(zh, "-o 后写文件名，而不是目录名", "give -o a file name, not a folder")
            } else {
                return None;
            }
        }
        OutputIsInput { .. } => t(zh, "给 -o 换一个新的文件名，例如“结果.csv”", "give -o a new file name, e.g. `results.csv`"),
        InputTooLarge { .. } => t(zh, "检查是否选错了文件（规则文件最多 1 MiB，其他文件最多 64 MiB；大批数据请用 jixiao batch 逐行读取）", "check that this is the right file (rule files hold at most 1 MiB, other files 64 MiB; for much data use jixiao batch, which reads row by row)"),
        NotUtf8 { path } if path.to_ascii_lowercase().ends_with(".csv") => t(zh, "用 UTF-8 编码另存该文件（Excel：另存为“CSV UTF-8”）", "save the file as UTF-8 (Excel: Save As \"CSV UTF-8\")"),
        NotUtf8 { .. } => t(zh, "用 UTF-8 编码另存该文件（记事本：另存为时编码选“UTF-8”）", "save the file as UTF-8 (Notepad: choose UTF-8 as the encoding in Save As)"),
        CaseFailed { .. } => t(zh, "核对评分表或用例中的期望值", "check the rubric or the expected value in the case"),
        NoCases { .. } => t(
            zh,
            "把用例写成 [[用例]] 表，放在规则文件旁的“名称.tests.toml”中",
            "write cases as `[[用例]]` (or `[[case]]`) tables in a NAME.tests.toml beside the rule file",
        ),
        CaseUnknownKey { allowed, .. } => {
            if zh {
                format!("这里可写的项：{}", list(allowed, zh))
            } else {
                let quoted: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
                format!("the keys read here: {}", list(&quoted, zh))
            }
        }
        CaseNoExpectation { .. } => t(
            zh,
            "加上期望，例如：期望 = { 总分 = 90, 等级 = \"优\" }",
            "add what it expects, e.g. `期望 = { 总分 = 90, 等级 = \"优\" }`",
        ),
        CasePathOutside { .. } => t(
            zh,
            "把规则文件和事实文件放在用例文件的文件夹（或其子文件夹）中，写相对路径",
            "keep the rule and facts files in the case file's folder (or below it) and name them by relative path",
        ),
        AuditNothingCompared { .. } => t(
            zh,
            "按指标名写出报告的得分，例如：预算执行 = 16.85、总分 = 96.85、等级 = \"优\"",
            "write the reported scores by indicator name, e.g. `预算执行 = 16.85`, `总分 = 96.85`, `等级 = \"优\"`",
        ),
        ReportedUnknown { .. } => t(
            zh,
            "检查名称是否写错；报告中引用的事实请放在 [事实] 表中",
            "check the spelling; facts the document quotes go in a `[事实]` table",
        ),
        ReportedNotAGrade { .. } => t(zh, "写评分表中的等级名称", "write one of the rubric's grade names"),
        DiffMissingFacts { .. } => t(zh, "在数据中补上这些事实，或在新评分表中给出默认值", "add these facts to the data or give them a `默认` in the new rubric"),
        _ => return None,
    };
    Some(s)
}
