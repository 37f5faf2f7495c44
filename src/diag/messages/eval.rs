//! Wording of the E4xx: evaluation messages, Chinese and English side by side.

use super::*;

pub(super) fn text(msg: &Msg, zh: bool) -> String {
    use Msg::*;
    match msg {
        AssessorPickMissing { indicator, lo, hi } => {
            if zh {
                format!("“{indicator}”适用的档次由评审在 {lo} 至 {hi} 分之间打分，但事实文件的 [评审打分] 中没有给出")
            } else {
                format!("the row of `{indicator}` that applies is scored by the assessor within {lo}–{hi}, but `[评审打分]` in the facts gives no score")
            }
        }
        AssessorPickOutside {
            indicator,
            pick,
            lo,
            hi,
        } => {
            if zh {
                format!("“{indicator}”的评审打分 {pick} 不在该档的 {lo} 至 {hi} 分之间")
            } else {
                format!("the assessor's score {pick} for `{indicator}` is not within its row's {lo}–{hi}")
            }
        }
        DivisionByZero {
            indicator,
            left,
            right,
        } => {
            if zh {
                format!("计算“{indicator}”时除以 0：{left} ÷ {right}")
            } else {
                format!("division by zero while scoring `{indicator}`: `{left}` ÷ `{right}`")
            }
        }
        NoRowMatched { indicator } => {
            if zh {
                format!("“{indicator}”没有任何一条规则适用于这组事实")
            } else {
                format!("no row of `{indicator}` applies to these facts")
            }
        }
        RateOutsideBand {
            indicator,
            tier,
            rate,
            lo,
            hi,
        } => {
            if zh {
                format!("“{indicator}”评为“{tier}”档，得分率 {rate} 不在该档范围 {lo}～{hi} 内")
            } else {
                format!("`{indicator}` is rated `{tier}` but the rate {rate} is outside that band `{lo}–{hi}`")
            }
        }
        Overflow { indicator } => {
            if zh {
                format!("计算“{indicator}”时数值溢出")
            } else {
                format!("arithmetic overflow while scoring `{indicator}`")
            }
        }
        ScoreAboveWeight {
            indicator,
            score,
            weight,
            ..
        } => {
            if zh {
                format!("“{indicator}”得分 {score} 超过分值 {weight}")
            } else {
                format!("`{indicator}` scores {score}, more than its weight {weight}")
            }
        }
        ScoreNegative {
            indicator, score, ..
        } => {
            if zh {
                format!("“{indicator}”得分 {score} 为负")
            } else {
                format!("`{indicator}` scores {score}, below zero")
            }
        }
        NoGrade { total } => {
            if zh {
                format!("总分 {total} 不属于任何等级")
            } else {
                format!("the total {total} falls in no grade band")
            }
        }
        TierHasNoBand { indicator, tier } => {
            if zh {
                format!("“{indicator}”的定性评分没有为“{tier}”档规定得分率范围")
            } else {
                format!("the qualitative rule of `{indicator}` gives no rate band for `{tier}`")
            }
        }
        PartialNoRanges { output } => {
            if zh {
                format!("事实中有未取得的项，得分是一个范围，而 {output} 只能写确定的得分")
            } else {
                format!("some facts are marked unknown, so the scores are ranges, which {output} cannot show")
            }
        }
        UnknownNotScored { fact } => {
            if zh {
                format!("“{fact}”未取得，而这里只能按确定的事实计分")
            } else {
                format!("`{fact}` is marked unknown, but this command scores exact facts only")
            }
        }
        _ => unreachable!("{} is not a eval message", msg.code()),
    }
}

pub(super) fn help(msg: &Msg, zh: bool) -> Option<String> {
    use Msg::*;
    let s = match msg {
        Overflow { .. } => t(
            zh,
            "结果超出 28 位有效数字；检查事实中的数是否多写了位数，或单位是否用错（元与万元）",
            "the result exceeds 28 significant digits; check the facts for extra digits or a wrong unit (`元` vs `万元`)",
        ),
        TierHasNoBand { .. } => t(zh, "在定性评分中为每一档写出得分率范围", "give every tier a rate band in the qualitative rule"),
        DivisionByZero { .. } => t(zh, "检查事实是否为 0，或在规则中先处理为 0 的情况", "check the facts, or handle 0 in an earlier row"),
        NoRowMatched { .. } => t(zh, "补上“否则”一行，或检查分档是否有缺口", "add an `否则`/`else` row or close the gap between tiers"),
        RateOutsideBand { .. } => t(zh, "选择与得分率相符的档次", "pick the tier that matches the rate"),
        ScoreAboveWeight { facts, direct, weight, .. } => score_out_of_range_help(zh, facts, *direct, Some(weight)),
        ScoreNegative { facts, direct, .. } => score_out_of_range_help(zh, facts, *direct, None),
        NoGrade { .. } => t(zh, "让最后一个等级不设下限", "leave the last grade band without a threshold"),
        AssessorPickMissing { indicator, .. } => {
            if zh {
                format!("在事实文件中写：[评审打分] 换行 {indicator} = 分数")
            } else {
                format!("add to the facts: `[评审打分]` then `{indicator} = points`")
            }
        }
        UnknownNotScored { .. } => t(zh, "填写这个事实的值；jixiao score 和 batch 能给出未取得时的得分范围", "give the fact's value; jixiao score and batch give score ranges while it is unknown"),
        PartialNoRanges { .. } => t(zh, "改用文本或 JSON 输出（--format text 或 json），或先填写未取得的事实", "use text or JSON output (--format text or json), or give the facts marked unknown first"),
        AssessorPickOutside { .. } => t(zh, "给出该档范围内的分数，或核对适用的档次", "give a score within the row's range, or check which row applies"),
        _ => return None,
    };
    Some(s)
}
