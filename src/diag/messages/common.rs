//! Wording helpers shared by the message files.

use super::*;

/// E405/E406: blame the data when the score is a fact as it stands; name
/// the facts when it is computed from them; else the rule's fix only.
pub(super) fn score_out_of_range_help(
    zh: bool,
    facts: &[String],
    direct: bool,
    weight: Option<&String>,
) -> String {
    let range = match (weight, zh) {
        (Some(w), true) => format!("应在 0 到 {w} 之间"),
        (Some(w), false) => format!("between 0 and {w}"),
        (None, true) => "应不小于 0".to_string(),
        (None, false) => "at least 0".to_string(),
    };
    let rule_fix = match (weight.is_some(), zh) {
        (true, true) => "用 min(…, 分值) 封顶",
        (true, false) => "cap it with `min(…, 分值)`",
        (false, true) => "加上“扣完为止”或用 max(…, 0)",
        (false, false) => "add `扣完为止` or use `max(…, 0)`",
    };
    match (facts.first(), direct, zh) {
        (Some(f), true, true) => format!("得分直接取自事实 {f}：核对事实文件中的这个值，它{range}"),
        (Some(f), true, false) => format!("the score is the fact `{f}` as it stands: check that value in the facts file; it should be {range}"),
        (Some(_), false, true) => format!("得分由事实 {} 算出：先核对这些事实；若事实无误，{rule_fix}", facts.join("，")),
        (Some(_), false, false) => format!("the score is computed from {}: check those facts first; if they are right, {rule_fix}", backticked(facts)),
        (None, _, _) => rule_fix.to_string(),
    }
}

/// Items each in backticks, for English: user names and values stay quoted.
pub(super) fn backticked(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn t(zh: bool, a: &str, b: &str) -> String {
    if zh { a } else { b }.to_string()
}

/// The operating system's reason for a failed read arrives as English text
/// (`io::Error`'s display); the common ones are said in the reader's language.
pub(super) fn io_reason(reason: &str, zh: bool) -> String {
    let known = [
        ("No such file or directory", "文件不存在", "no such file"),
        ("cannot find the file", "文件不存在", "no such file"),
        ("Permission denied", "没有读取权限", "permission denied"),
        (
            "Is a directory",
            "这是一个目录，不是文件",
            "it is a directory, not a file",
        ),
        (
            "not UTF-8",
            "不是 UTF-8 编码的文本（请用 UTF-8 保存）",
            "not UTF-8 text (save it as UTF-8)",
        ),
        (
            "valid UTF-8",
            "不是 UTF-8 编码的文本（请用 UTF-8 保存）",
            "not UTF-8 text (save it as UTF-8)",
        ),
        (
            "no line break in",
            "连续 64 MiB 没有换行，不像是数据文件（是否选错了文件或设备？）",
            "no line break in 64 MiB: this does not look like a data file (wrong file or device?)",
        ),
        (
            "not permitted",
            "不允许读取（文件可能被锁定）",
            "not permitted (the file may be locked)",
        ),
        ("out of memory", "内存不足", "out of memory"),
        ("Input/output error", "读取磁盘时出错", "input/output error"),
        ("Interrupted", "读取被中断", "interrupted"),
        ("timed out", "读取超时", "timed out"),
    ];
    match known.iter().find(|(k, _, _)| reason.contains(k)) {
        Some((_, a, b)) => t(zh, a, b),
        // The system's own words, marked as such, rather than English
        // passed off as a sentence of the message.
        None if zh => format!("系统原因：{reason}"),
        None => reason.to_string(),
    }
}

/// An OS error while creating or writing a file, in the chosen language.
pub(super) fn io_write_reason(reason: &str, zh: bool) -> String {
    let known = [
        ("No space left", "磁盘空间已满", "no space left on the disk"),
        ("quota", "超出磁盘配额", "disk quota exceeded"),
        (
            "No such file or directory",
            "所在目录不存在",
            "no such folder",
        ),
        (
            "Not a directory",
            "路径中有一段不是目录",
            "part of the path is not a folder",
        ),
        ("Permission denied", "没有写入权限", "permission denied"),
        (
            "not permitted",
            "不允许写入（文件可能被锁定）",
            "not permitted (the file may be locked)",
        ),
        (
            "Read-only file system",
            "该磁盘只读",
            "the disk is read-only",
        ),
        (
            "Is a directory",
            "这是一个目录，不是文件",
            "it is a directory, not a file",
        ),
        (
            "File too large",
            "文件超过系统允许的大小",
            "the file exceeds the system's size limit",
        ),
        (
            "stopped by a signal",
            "运行被中断",
            "the run was interrupted",
        ),
    ];
    match known.iter().find(|(k, _, _)| reason.contains(k)) {
        Some((_, a, b)) => t(zh, a, b),
        None if zh => format!("系统原因：{reason}"),
        None => reason.to_string(),
    }
}

/// The words `syntax::errors` uses for what the grammar expected.
pub(super) fn expected_word(w: &str, zh: bool) -> String {
    let (a, b) = match w {
        "then" => ("“则”", "`则`/`then`"),
        "if" => ("“如果”", "`如果`/`if`"),
        "else" => ("“否则”", "`否则`/`else`"),
        "expression" => ("数值或条件", "a value or condition"),
        "number" => ("数字", "a number"),
        "name" => ("名称", "a name"),
        "rbrace" => ("“}”", "`}`"),
        "lbrace" => ("“{”", "`{`"),
        "type" => ("单位或类型", "a unit or type"),
        "string" => ("带引号的文字", "quoted text"),
        "statement" => (
            "声明（输入、定义、指标……）",
            "a statement (输入, 定义, 指标 …)",
        ),
        "row" => ("评分规则", "a scoring row"),
        "comparison" => ("比较符号（如 >=）", "a comparison (such as >=)"),
        "colon" => ("冒号", "a colon"),
        "comma" => ("逗号", "a comma"),
        "step_mode" => ("步进方式（按整步）", "a step mode such as （按整步）"),
        "deduct" => ("“扣”", "`扣`"),
        "per" => ("“每”", "`每`"),
        "excess" => ("“超出”或“低于”", "`超出` or `低于`"),
        "eof" => ("文件结尾", "the end of the file"),
        "equals" => ("“=”", "`=`"),
        "target" => ("“目标”", "`目标`"),
        "cap" => ("“最高”", "`最高`"),
        "na_policy" => ("满分、剔除或转给", "满分, 剔除 or 转给"),
        "veto_effect" => (
            "否决的后果（等级 不高于 …／总分 为 0）",
            "the veto's effect (等级 不高于 … / 总分 为 0)",
        ),
        "round_mode" => ("舍入方式（四舍五入）", "a rounding mode (四舍五入)"),
        other => (other, other),
    };
    t(zh, a, b)
}

pub(super) fn list(items: &[String], zh: bool) -> String {
    let mut s = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(if zh { "、" } else { ", " });
        }
        let _ = write!(s, "{it}");
    }
    if items.is_empty() {
        s.push_str(if zh { "其他内容" } else { "something else" });
    }
    s
}
