//! The TOML and JSON readers' own messages are English. A Chinese reader
//! must never see them: the common ones have a hand-written sentence that
//! says what to fix; the rest are built from their parts (`invalid LABEL`,
//! `expected A, B`, `unexpected X`); anything else gets a plain Chinese
//! sentence, the caret showing where.

/// Whole messages (by prefix) that deserve their own sentence.
const KNOWN: &[(&str, &str)] = &[
    ("invalid basic string", "字符串缺少右引号 \""),
    ("invalid literal string", "字符串缺少右引号 '"),
    (
        "invalid string; expected `\"`, `'`",
        "这里应是一个值（带引号的文字或数字）",
    ),
    (
        "invalid table header; expected `.`, `]]`",
        "表名缺少右方括号 ]]",
    ),
    (
        "invalid table header; expected `.`, `]`",
        "表名缺少右方括号 ]",
    ),
    ("invalid inline table; expected `}`", "内联表缺少右花括号 }"),
    ("invalid array; expected `]`", "数组缺少右方括号 ]"),
    ("expected `.`, `=`", "名称后应是等号 ="),
    ("expected newline, `#`", "一行只能写一项，值后面多出了内容"),
    ("EOF while parsing a string", "字符串缺少右引号"),
    ("EOF while parsing an object", "缺少右花括号 }"),
    ("EOF while parsing a list", "数组缺少右方括号 ]"),
    ("EOF while parsing a value", "文件意外结束，缺少一个值"),
    ("EOF while parsing", "文件意外结束"),
    ("trailing comma", "多余的逗号"),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "字符串缺少右引号（字符串不能跨行）",
    ),
    ("expected value", "这里应是一个值"),
    (
        "the top level must be an object",
        "最外层必须是 { 名称: 值 } 形式的对象",
    ),
    (
        "invalid table header; recursion limit exceeded",
        "表名嵌套太深",
    ),
    ("recursion limit exceeded", "嵌套太深"),
    (
        "invalid key",
        "名称写法不对：名称中有空格、#、全角等号或冒号等字符时要加引号，名称后用半角 = 连接值",
    ),
    (
        "invalid type: string",
        "名称中不能有“.”（TOML 中点号表示嵌套的表）：把整个名称加上引号，或去掉点号",
    ),
    ("trailing characters", "值后面多出了内容"),
    ("number out of range", "数字超出范围"),
    ("number too large to fit in target type", "数字超出范围"),
    ("value is out of range", "数值超出范围"),
    (
        "invalid floating-point number",
        "数字写法不对或超出范围（如 1e400）：写出完整的数字，或加引号",
    ),
    ("invalid number", "数字写法不对"),
    ("key must be a string", "名称必须用双引号括起来"),
    (
        "unexpected end of hex escape",
        "\\u 转义不完整：应为 4 位十六进制数字",
    ),
    ("invalid unicode 4-digit hex code", "\\u 转义的编码超出范围"),
    ("invalid unicode 8-digit hex code", "\\U 转义的编码超出范围"),
    ("invalid unicode code point", "\\u 转义的编码无效"),
    (
        "lone leading surrogate in hex escape",
        "\\u 转义的编码无效（单独的代理项）",
    ),
    (
        "invalid escape",
        "字符串中的 \\ 转义无效：写成 \\\\ 或去掉反斜杠",
    ),
];

/// What the readers call the parts of a file.
const LABELS: &[(&str, &str)] = &[
    ("table header", "表名"),
    ("inline table", "内联表"),
    ("array", "数组"),
    ("multiline basic string", "多行字符串"),
    ("multiline literal string", "多行字符串"),
    ("basic string", "字符串"),
    ("literal string", "字符串"),
    ("string", "字符串"),
    ("key", "名称"),
    ("hexadecimal integer", "十六进制整数"),
    ("octal integer", "八进制整数"),
    ("binary integer", "二进制整数"),
    ("integer", "整数"),
    ("floating-point number", "数字"),
    ("date-time", "日期时间"),
    ("time offset", "时区"),
    ("time", "时间"),
    ("escape sequence", "转义"),
    ("unicode 4-digit hex code", "\\u 转义"),
    ("unicode 8-digit hex code", "\\U 转义"),
];

/// What a reader may say it expected, besides literal characters.
const WORDS: &[(&str, &str)] = &[
    ("newline", "换行"),
    ("leading digit", "数字"),
    ("digit", "数字"),
    ("whitespace", "空格"),
    ("end of input", "文件结尾"),
    ("value", "值"),
];

pub(super) fn library_detail_zh(detail: &str) -> String {
    if let Some(key) = detail.strip_prefix("duplicate key `") {
        let name = key.split('`').next().unwrap_or("");
        return format!("名称“{name}”重复");
    }
    if let Some(rest) = detail.strip_prefix("dotted key `") {
        let name = rest.split('`').next().unwrap_or("");
        return format!(
            "名称“{name}”中的点号表示嵌套的表，但前一段已经是一个值：把整个名称加上引号"
        );
    }
    if let Some((_, zh)) = KNOWN.iter().find(|(en, _)| detail.starts_with(en)) {
        return zh.to_string();
    }
    composed(detail).unwrap_or_else(|| "这里的写法不对".to_string())
}

/// `invalid LABEL; expected A, B` and its parts, or None if any part is
/// not understood (a half-translated sentence is worse than a plain one).
fn composed(detail: &str) -> Option<String> {
    let mut what = None;
    let mut expected = None;
    let mut unexpected = None;
    for part in detail.split("; ") {
        if let Some(label) = part.strip_prefix("invalid ") {
            what = Some(label_zh(label)?);
        } else if let Some(items) = part.strip_prefix("expected ") {
            expected = Some(items_zh(items)?);
        } else if let Some(item) = part.strip_prefix("unexpected ") {
            unexpected = Some(item_zh(item)?);
        } else {
            return None;
        }
    }
    let mut s = match what {
        Some(w) => format!("{w}写法不对"),
        None => String::new(),
    };
    for (sep, text) in [("：这里应是 ", expected), ("：这里不应出现 ", unexpected)] {
        if let Some(t) = text {
            if s.is_empty() {
                s.push_str(&sep["：".len()..]);
            } else {
                s.push_str(sep);
            }
            s.push_str(&t);
        }
    }
    (!s.is_empty()).then_some(s)
}

fn label_zh(label: &str) -> Option<String> {
    LABELS
        .iter()
        .find(|(en, _)| *en == label)
        .map(|(_, zh)| zh.to_string())
}

fn items_zh(items: &str) -> Option<String> {
    let parts: Option<Vec<String>> = items
        .split(", ")
        .flat_map(|p| p.split(" or "))
        .map(item_zh)
        .collect();
    Some(parts?.join(" 或 "))
}

/// A literal in backticks stays as written; a word is translated.
fn item_zh(item: &str) -> Option<String> {
    let item = item.trim();
    if item.len() >= 2 && item.starts_with('`') && item.ends_with('`') {
        return Some(item.to_string());
    }
    WORDS
        .iter()
        .find(|(en, _)| *en == item)
        .map(|(_, zh)| zh.to_string())
}

#[cfg(test)]
mod tests {
    use super::library_detail_zh;

    #[test]
    fn common_toml_and_json_messages_are_said_in_chinese() {
        assert_eq!(
            library_detail_zh("invalid basic string"),
            "字符串缺少右引号 \""
        );
        assert_eq!(
            library_detail_zh("duplicate key `预算数` in document root"),
            "名称“预算数”重复"
        );
        assert_eq!(
            library_detail_zh("control character (\\u0000-\\u001F) found while parsing a string at line 1 column 9"),
            "字符串缺少右引号（字符串不能跨行）"
        );
        assert_eq!(
            library_detail_zh("invalid table header; expected `.`, `]]`"),
            "表名缺少右方括号 ]]"
        );
    }

    #[test]
    fn other_messages_are_composed_from_their_parts_or_said_plainly() {
        assert_eq!(
            library_detail_zh("invalid inline table; expected `,`, `}`"),
            "内联表写法不对：这里应是 `,` 或 `}`"
        );
        assert_eq!(
            library_detail_zh("expected `,` or `]`"),
            "这里应是 `,` 或 `]`"
        );
        assert_eq!(
            library_detail_zh("invalid time; expected digit"),
            "时间写法不对：这里应是 数字"
        );
        assert_eq!(
            library_detail_zh("dotted key `预算.数` attempted to extend non-table type (integer)"),
            "名称“预算.数”中的点号表示嵌套的表，但前一段已经是一个值：把整个名称加上引号"
        );
        // Never English in Chinese output, even for a message not seen yet.
        assert_eq!(library_detail_zh("something new"), "这里的写法不对");
        assert_eq!(
            library_detail_zh("invalid frobnicator; expected `]`"),
            "这里的写法不对"
        );
    }
}
