//! Wording of the E0xx: syntax messages, Chinese and English side by side.

use super::*;

pub(super) fn text(msg: &Msg, zh: bool) -> String {
    use Msg::*;
    match msg {
        ReservedWord { word, meaning } => match (zh, word == meaning) {
            (true, true) => format!("“{word}”是保留字，不能用作名称"),
            (true, false) => format!("“{word}”是保留字（即“{meaning}”），不能用作名称"),
            (false, true) => format!("`{word}` is a reserved word and cannot be a name"),
            (false, false) => format!("`{word}` is a reserved word (it means `{meaning}`) and cannot be a name"),
        },
        Syntax { expected, found, .. } => {
            let words: Vec<String> = expected.iter().map(|w| expected_word(w, zh)).collect();
            let exp = list(&words, zh);
            if zh {
                format!("语法错误：此处应为{exp}，却遇到“{found}”")
            } else {
                format!("syntax error: expected {exp}, found `{found}`")
            }
        }
        MissingThen => t(zh, "条件后缺少“则”", "missing `则`/`then` after the condition"),
        UnclosedParen { open } => {
            if zh {
                format!("括号“{open}”未闭合")
            } else {
                format!("unclosed bracket `{open}`")
            }
        }
        InclNotAfterNumber => t(zh, "（含）必须紧跟在数字后面", "`（含）` must stand next to a number"),
        UnknownKeyword { found, suggestion } => {
            if zh {
                format!("未知的关键字“{found}”，是否应为“{suggestion}”？")
            } else {
                format!("unknown keyword `{found}`; did you mean `{suggestion}`?")
            }
        }
        StrayChar { ch } => {
            if zh {
                format!("无法识别的字符“{ch}”（U+{:04X}）", *ch as u32)
            } else {
                format!("unexpected character `{ch}` (U+{:04X})", *ch as u32)
            }
        }
        MissingStepMode => t(
            zh,
            "扣分规则缺少步进方式：（按整步）、（按比例）或（不足一步按一步）",
            "the deduction does not say how partial steps count: `（按整步）`, `（按比例）` or `（不足一步按一步）`",
        ),
        TooDeep { limit } => {
            if zh {
                format!("括号或指标嵌套超过 {limit} 层")
            } else {
                format!("brackets or indicators nested deeper than {limit} levels")
            }
        }
        FileTooLarge { bytes, limit } => {
            if zh {
                format!("文件过大：{bytes} 字节，上限为 {limit} 字节")
            } else {
                format!("file too large: {bytes} bytes, the limit is {limit}")
            }
        }
        TooManyPlaces { text, limit } => {
            if zh {
                format!("“保留 {text} 位小数”超出上限：最多保留 {limit} 位小数")
            } else {
                format!("`保留 {text} 位小数` keeps too many places: at most {limit} decimal places")
            }
        }
        NumberTooLarge { text } => {
            if zh {
                format!("数字“{text}”超出可精确表示的范围（最多 28 位有效数字）")
            } else {
                format!("the number `{text}` is too large to represent exactly (28 significant digits at most)")
            }
        }
        MissingHeader => t(
            zh,
            "规则文件必须以表头开始：评分表 \"名称\" 年度 2020 满分 100",
            "a rule file must start with a header: `评分表 \"name\" 年度 2020 满分 100`",
        ),
        UnexpectedEnd => t(zh, "文件意外结束", "unexpected end of file"),
        ExprTooLong { limit } => {
            if zh {
                format!("表达式过长（超过 {limit} 个成分）")
            } else {
                format!("expression too long (more than {limit} parts)")
            }
        }
        PercentWithoutNumber => t(zh, "百分号前需要数字", "a percent sign needs a number before it"),
        NameNeedsQuotes { name, ch } => {
            let c = match (ch, zh) {
                (' ' | '\u{3000}', true) => "空格".to_string(),
                (' ' | '\u{3000}', false) => "a space".to_string(),
                (c, true) => format!("“{c}”"),
                (c, false) => format!("`{c}`"),
            };
            if zh {
                format!("名称“{name}”含有{c}：不加引号的名称只能由文字、数字和 _ 组成")
            } else {
                format!("the name `{name}` contains {c}: a name without quotes holds only letters, digits and _")
            }
        }
        RangeWithDash { lo, hi, dash } => {
            if zh {
                format!("区间不能用“{dash}”连接两个数：“{lo}{dash}{hi}”")
            } else {
                format!("a range is not written with `{dash}` between two numbers: `{lo}{dash}{hi}`")
            }
        }
        DanglingOperator { op } => {
            if zh {
                format!("算式不完整：运算符“{op}”后面缺少数值")
            } else {
                format!("unfinished formula: nothing follows the operator `{op}`")
            }
        }
        NumberOutOfRange { text, limit } => {
            if zh {
                format!("数字“{text}”过大：规则文件中的数必须小于 {limit}")
            } else {
                format!("the number `{text}` is too large: numbers in a rule file must be below {limit}")
            }
        }
        UnclosedBrace { open } => {
            if zh {
                format!("花括号“{open}”未闭合，文件已结束")
            } else {
                format!("the brace `{open}` is never closed before the end of the file")
            }
        }
        UnmatchedClose { close } => {
            if zh {
                format!("多余的右括号“{close}”，前面没有与之对应的左括号")
            } else {
                format!("`{close}` closes nothing: there is no matching opening bracket")
            }
        }
        OddSpace { code } => {
            if zh {
                format!("特殊空白字符 U+{code:04X}，看起来像空格但不是")
            } else {
                format!("the special blank U+{code:04X} looks like a space but is not one")
            }
        }
        _ => unreachable!("{} is not a syntax message", msg.code()),
    }
}

pub(super) fn help(msg: &Msg, zh: bool) -> Option<String> {
    use Msg::*;
    let s = match msg {
        MissingThen => t(zh, "写成：如果 条件 则 分数", "write: `如果 condition 则 points` (or: `if … then …`)"),
        UnclosedParen { .. } => t(zh, "补上对应的右括号", "add the matching closing bracket"),
        InclNotAfterNumber => t(zh, "例如：在 90%（含）和 95% 之间", "for example: `在 90%（含）和 95% 之间`"),
        MissingStepMode => t(
            zh,
            "例如：每 0.1个百分点 扣 0.1 分（按整步），扣完为止",
            "for example: `每 0.1个百分点 扣 0.1 分（按整步），扣完为止`",
        ),
        TooDeep { .. } | ExprTooLong { .. } => {
            t(zh, "拆分表达式，或用“定义”给中间值命名", "split the expression or name intermediate values with `定义`")
        }
        PercentWithoutNumber => t(zh, "写成数字加百分号，例如 95%", "write a number before it, e.g. 95%"),
        FileTooLarge { .. } => t(zh, "每个评分表单独保存为一个规则文件", "keep one rubric per rule file"),
        NumberTooLarge { .. } => t(zh, "检查是否多写了数字；小数位数过多时请四舍五入", "check for extra digits, or round away surplus decimal places"),
        TooManyPlaces { limit, .. } => {
            if zh {
                format!("写 0 到 {limit} 之间的位数，例如：保留 2 位小数")
            } else {
                format!("write a number of places from 0 to {limit}, e.g. `保留 2 位小数`")
            }
        }
        MissingHeader => t(zh, "在文件第一行写表头", "put the header on the first line"),
        UnexpectedEnd => t(zh, "把最后一个语句写完整，并检查每个“{”都有对应的“}”", "finish the last statement and check that every `{` has its `}`"),
        UnknownKeyword { found, suggestion } => {
            if zh {
                format!("把“{found}”改为“{suggestion}”；若“{found}”是名称，请先用“输入”或“定义”声明它")
            } else {
                format!("write `{suggestion}` instead of `{found}`; if `{found}` is a name, declare it first with `输入` or `定义`")
            }
        }
        NameNeedsQuotes { name, .. } => {
            if zh {
                format!("照原表写名称时加英文双引号：\"{name}\"，声明与引用处都要加")
            } else {
                format!("write the official name in ASCII double quotes, \"{name}\", where it is declared and where it is used")
            }
        }
        RangeWithDash { lo, hi, dash } => {
            let strip = |x: &str| {
                let n = x.trim_end_matches("（含）").trim_end_matches("(含)");
                (n.to_string(), n.len() != x.len())
            };
            let ((lo, lo_in), (hi, hi_in)) = (strip(lo), strip(hi));
            let lo = if lo_in { format!("{lo}（含）") } else { format!("{lo} ") };
            let hi = if hi_in { format!("{hi}（含）") } else { hi };
            if zh {
                format!("写成“在 {lo}和 {hi} 之间”：写（含）的一端包含该值，不写的一端不含；“{dash}”在规则中是减号")
            } else {
                format!("write `在 {lo}和 {hi} 之间`: an end marked `（含）` is included, an end without it is not; `{dash}` is a minus sign in a rule")
            }
        }
        DanglingOperator { .. } => t(zh, "补上运算符后面的数值或名称，或删除多余的运算符", "finish the formula after the operator, or delete the operator"),
        NumberOutOfRange { .. } => t(zh, "检查是否多写了几位数字；很大的金额请改用万元或亿元", "check for extra digits; write large amounts in `万元` or `亿元`"),
        UnclosedBrace { .. } => t(zh, "在指标末尾补上“}”", "add the closing `}` at the end of the indicator"),
        UnmatchedClose { .. } => t(zh, "删除多余的括号，或在前面补上左括号", "delete it, or add the opening bracket it belongs to"),
        OddSpace { .. } => t(zh, "删除它，换成普通空格（常见于从网页或 Word 复制的文字）", "replace it with an ordinary space (it often comes from text copied from a web page or Word)"),
        StrayChar { .. } => t(zh, "删除该字符，或检查是否误用了全角/半角符号", "delete it, or check full-width vs half-width punctuation"),
        Syntax { expected, glued, .. } => {
            let has = |w: &str| expected.iter().any(|x| x == w);
            if has("colon") {
                t(zh, "名称与单位之间用冒号，例如：输入 预算数: 万元", "put a colon between a name and its unit, e.g. `输入 预算数: 万元`")
            } else if has("equals") {
                t(zh, "例如：定义 预算完成率 = 预算完成数 / 预算数", "for example: 定义 预算完成率 = 预算完成数 / 预算数")
            } else if has("lbrace") {
                t(zh, "指标的写法：指标 名称 分值 { 评分规则 }", "an indicator is written 指标 name weight { rows }")
            } else if has("statement") {
                t(
                    zh,
                    "每个语句以 输入、定义、指标、加分、减分、一票否决 开头；评分规则要写在指标的花括号里",
                    "every statement starts with 输入, 定义, 指标, 加分, 减分 or 一票否决; scoring rows belong inside an indicator's braces",
                )
            } else if let Some(kw) = glued {
                if zh {
                    format!("“{kw}”与名称之间需要空格，例如“预算完成率 在 90% 和 95% 之间”")
                } else {
                    format!("put a space between `{kw}` and the name next to it, e.g. `预算完成率 在 90% 和 95% 之间`")
                }
            } else {
                return None;
            }
        }
        ReservedWord { word, .. } => {
            if zh {
                format!("换一个名称；保留字可以是名称的一部分，例如“{word}项”")
            } else {
                format!("choose another name; a reserved word may be part of one, e.g. `{word}_item`")
            }
        }
        _ => return None,
    };
    Some(s)
}
