//! Secondary labels and notes under a diagnostic.

use super::*;

/// A secondary label or note.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    DidYouMean(String),
    FirstDefinedHere,
    ThisHasUnit(String),
    ExpectedUnit(String),
    ThisRow,
    ChildrenSumTo(String),
    ElseHere,
    Value {
        name: String,
        value: String,
    },
    Declared(String),
    GuardHint,
    InclHint,
    ParenOpened,
    FileEndsHere,
    /// A facts value with a unit or % written without quotes: the line as
    /// it should be.
    QuoteValue(String),
    /// The array or table a facts reader found unclosed starts here.
    ListOpened,
    /// JSON entries on separate lines need a comma between them.
    CommaMissing,
    /// A percentage input is at least 0 unless a 约束 says otherwise.
    PercentFloor(String),
    /// `diff`: the same error under the old and the new rubric, told once.
    BothRubrics,
}

/// What a cell of a target-table row should hold (E342).
#[derive(Clone, Debug, PartialEq)]
pub enum CellExpected {
    /// 指标性质: ≥, ≤, = or 定性.
    Kind,
    /// A number with its unit; the example as the form would print it.
    Quantity {
        example: String,
    },
    NotNegative,
    /// 实际完成值 of a 定性 row: one of these levels (or, `rate`, a rate
    /// within one of their ranges).
    Level {
        levels: Vec<String>,
        rate: bool,
    },
    /// 分值 with `分值 按列`, or a score: a number of points.
    Points,
    /// 分值 given under `分值 均分`: it must be the equal share.
    EqualShare {
        weight: String,
        rows: usize,
    },
    /// 得分 of an assessor's row: within the level's range.
    ScoreIn {
        lo: (String, bool),
        hi: (String, bool),
    },
    /// 实际完成值 left blank.
    Actual,
}

impl CellExpected {
    pub(super) fn text(&self, zh: bool) -> String {
        match self {
            CellExpected::Kind => t(zh, "≥、≤、= 或 定性", "`≥`, `≤`, `=` or `定性`"),
            CellExpected::Quantity { example } => {
                if zh {
                    format!("带单位的数，如“{example}”")
                } else {
                    format!("a number with its unit, such as `{example}`")
                }
            }
            CellExpected::NotNegative => t(zh, "不小于 0 的数", "a number not below 0"),
            CellExpected::Level { levels, rate } => {
                if zh {
                    let or = if *rate {
                        "，或某档范围内的得分率（如 85%）"
                    } else {
                        ""
                    };
                    format!("评分表列出的档次之一：{}{or}", levels.join("、"))
                } else {
                    let or = if *rate {
                        ", or a rate within one of their ranges (such as `85%`)"
                    } else {
                        ""
                    };
                    format!(
                        "one of the rubric's levels: {}{or}",
                        levels
                            .iter()
                            .map(|l| format!("`{l}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            }
            CellExpected::Points => t(zh, "分数", "a number of points"),
            CellExpected::EqualShare { weight, rows } => {
                if zh {
                    format!("均分的分值 {weight} ÷ {rows}（评分表写的是“分值 均分”）")
                } else {
                    format!("the equal share {weight} ÷ {rows} (the rubric says `分值 均分`)")
                }
            }
            CellExpected::ScoreIn { lo, hi } => {
                if zh {
                    format!("{} 至 {} 之间的评审得分", end(lo, zh), end(hi, zh))
                } else {
                    format!(
                        "the assessor's score between {} and {}",
                        end(lo, zh),
                        end(hi, zh)
                    )
                }
            }
            CellExpected::Actual => t(zh, "实际完成值", "the actual value"),
        }
    }
}

/// A range end with its inclusiveness, as the language writes it.
pub(super) fn end(e: &(String, bool), zh: bool) -> String {
    match (e.1, zh) {
        (true, true) => format!("{}（含）", e.0),
        (true, false) => format!("{} (incl.)", e.0),
        (false, _) => e.0.clone(),
    }
}

impl Note {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Note::DidYouMean(s) => {
                if zh {
                    format!("是否应为“{s}”？")
                } else {
                    format!("did you mean `{s}`?")
                }
            }
            Note::FirstDefinedHere => t(zh, "第一次定义在此", "first defined here"),
            Note::ThisHasUnit(u) => {
                if zh {
                    format!("单位为 {u}")
                } else {
                    format!("this is in {u}")
                }
            }
            Note::ExpectedUnit(u) => {
                if zh {
                    format!("应为 {u}")
                } else {
                    format!("expected {u}")
                }
            }
            Note::ThisRow => t(zh, "此规则", "this rule"),
            Note::ChildrenSumTo(s) => {
                if zh {
                    format!("下级合计 {s}")
                } else {
                    format!("children add up to {s}")
                }
            }
            Note::ElseHere => t(zh, "“否则”在此", "`else` is here"),
            Note::Value { name, value } => format!("{name} = {value}"),
            Note::Declared(s) => {
                if zh {
                    format!("声明为 {s}")
                } else {
                    format!("declared as `{s}`")
                }
            }
            Note::GuardHint => t(zh, "此处相除", "divided here"),
            Note::InclHint => t(
                zh,
                "（含）表示该端点包含在内",
                "`（含）` marks an endpoint as included",
            ),
            Note::ParenOpened => t(zh, "括号从这里开始", "opened here"),
            Note::FileEndsHere => t(zh, "文件在此结束", "the file ends here"),
            Note::QuoteValue(line) => {
                if zh {
                    format!("带单位或百分号的值要加引号：{line}")
                } else {
                    format!("a value with a unit or % needs quotes: {line}")
                }
            }
            Note::CommaMissing => t(
                zh,
                "这一行末尾缺少逗号 ,",
                "a comma `,` is missing at the end of this line",
            ),
            Note::ListOpened => t(zh, "从这里开始，没有闭合", "opened here and never closed"),
            Note::BothRubrics => t(
                zh,
                "新旧两版规则读这一单位时都如此",
                "both the old and the new rules find this in this unit",
            ),
            Note::PercentFloor(name) => {
                if zh {
                    format!(
                        "百分比输入默认不小于 0；若“{name}”可以为负，写一行 约束 {name} ≥ -100%"
                    )
                } else {
                    format!("a percentage input is at least 0 unless stated; if `{name}` can be negative, add a line 约束 {name} ≥ -100%")
                }
            }
        }
    }
}
