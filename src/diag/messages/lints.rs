//! Wording of the W2xx: lints messages, Chinese and English side by side.

use super::*;

pub(super) fn text(msg: &Msg, zh: bool) -> String {
    use Msg::*;
    match msg {
        MissingGrades => t(
            zh,
            "评分表没有等级划分，得分将不评等级",
            "the rubric declares no grade bands; scores will have no grade",
        ),
        DivisionByMaybeZero { divisor } => {
            if zh {
                format!("除数“{divisor}”可能为 0")
            } else {
                format!("the divisor `{divisor}` may be zero")
            }
        }
        UnusedInput { name } => {
            if zh {
                format!("输入“{name}”从未被使用")
            } else {
                format!("input `{name}` is never used")
            }
        }
        BandSetUnused { name } => {
            if zh {
                format!("评分档“{name}”没有被任何定性规则使用")
            } else {
                format!("the band set `{name}` is used by no qualitative row")
            }
        }
        TierGap {
            indicator,
            range,
            witness,
        } => {
            if zh {
                format!(
                    "“{indicator}”的分档有缺口：{range} 内的值（例如 {witness}）没有任何一行适用"
                )
            } else {
                format!("the tiers of `{indicator}` leave a gap: values in {range} (e.g. {witness}) match no row")
            }
        }
        CaseGap { indicator, case } => {
            if zh {
                format!("“{indicator}”的条件有缺口：{case} 时没有任何一行适用")
            } else {
                format!("the rows of `{indicator}` leave a gap: no row applies when {case}")
            }
        }
        RowNeverApplies { indicator, row } => {
            if zh {
                format!("“{indicator}”的第 {row} 行永远不会适用：它覆盖的取值都已被前面的行取走")
            } else {
                format!("row {row} of `{indicator}` can never apply: earlier rows take every value it covers")
            }
        }
        TierOverlap {
            indicator,
            value,
            first,
            second,
        } => {
            if zh {
                format!("“{indicator}”的第 {first} 行与第 {second} 行重叠：{value} 两行都适用，按先后取第 {first} 行")
            } else {
                format!("rows {first} and {second} of `{indicator}` overlap: both apply at {value}; the earlier row {first} wins")
            }
        }
        NotMonotone {
            indicator,
            fact,
            higher,
            a,
            sa,
            b,
            sb,
        } => {
            if zh {
                let dir = if *higher {
                    "正向（越高越好）"
                } else {
                    "反向（越低越好）"
                };
                format!("“{fact}”声明为{dir}，但“{indicator}”的得分不单调：{a} → {sa} 分，{b} → {sb} 分")
            } else {
                let dir = if *higher {
                    "higher-is-better (`正向`)"
                } else {
                    "lower-is-better (`反向`)"
                };
                format!("`{fact}` is declared {dir} but `{indicator}` does not score monotonically: {a} → {sa}, {b} → {sb}")
            }
        }
        MayExceedWeight {
            indicator,
            witness,
            score,
            weight,
        } => {
            if zh {
                format!("“{indicator}”可能得分超过分值 {weight}：{witness} 时得 {score} 分")
            } else {
                format!("`{indicator}` can score more than its weight {weight}: `{witness}` gives {score}")
            }
        }
        MayGoNegative {
            indicator,
            witness,
            score,
        } => {
            if zh {
                format!("“{indicator}”可能得负分：{witness} 时得 {score} 分")
            } else {
                format!("`{indicator}` can score below zero: `{witness}` gives {score}")
            }
        }
        GradeGap { from, to } => {
            if zh {
                format!("等级划分有缺口：总分在 {from}～{to} 之间时没有等级")
            } else {
                format!("the grade bands leave a gap: totals from {from} to {to} get no grade")
            }
        }
        EndpointUnassigned { indicator, value } => {
            if zh {
                format!("“{indicator}”的端点 {value} 没有归属：相邻两档都不含这个值")
            } else {
                format!("the endpoint {value} of `{indicator}` belongs to no tier: neither neighbouring tier includes it")
            }
        }
        GradeUnreachable { grade, min, full } => {
            if zh {
                format!("等级“{grade}”的下限 {min} 不低于满分 {full}，永远达不到")
            } else {
                format!("the grade `{grade}` starts at {min}, not below the full marks {full}; no total can reach it")
            }
        }
        AllowUnused { code } => {
            if zh {
                format!("“允许 {code}”没有压下任何警告")
            } else {
                format!("`allow {code}` silences nothing here")
            }
        }
        BandsOverlap {
            indicator,
            first,
            second,
            value,
        } => {
            if zh {
                format!(
                    "“{indicator}”的“{first}”档与“{second}”档的得分率范围重叠：{value} 两档都可以"
                )
            } else {
                format!("the rate bands of `{first}` and `{second}` in `{indicator}` overlap: {value} fits both")
            }
        }
        BandsGap {
            indicator,
            range,
            witness: None,
        } => {
            if zh {
                format!("“{indicator}”的得分率范围有缺口：{range} 不属于任何一档")
            } else {
                format!("the rate bands of `{indicator}` leave a gap: {range} fits no tier")
            }
        }
        BandsGap {
            indicator,
            range,
            witness: Some(witness),
        } => {
            if zh {
                format!("“{indicator}”的得分率范围有缺口：{range} 内的得分率（例如 {witness}）不属于任何一档")
            } else {
                format!("the rate bands of `{indicator}` leave a gap: rates in {range} (e.g. {witness}) fit no tier")
            }
        }
        GradeRangeOverlap {
            value,
            higher,
            lower,
        } => {
            if zh {
                format!("等级“{higher}”与“{lower}”的区间重叠：总分 {value} 两个等级都包含，取较高的“{higher}”")
            } else {
                format!("the grades `{higher}` and `{lower}` overlap: a total of {value} is in both; the higher `{higher}` is given")
            }
        }
        _ => unreachable!("{} is not a lints message", msg.code()),
    }
}

pub(super) fn help(msg: &Msg, zh: bool) -> Option<String> {
    use Msg::*;
    let s = match msg {
        MissingGrades => t(zh, "在表头后加一行，例如：等级 优 >= 90，良 >= 80，中 >= 60，差", "add a line after the header, e.g. `等级 优 >= 90，良 >= 80，中 >= 60，差`"),
        DivisionByMaybeZero { .. } => t(
            zh,
            "在输入声明中加“正数”或“非零”，或先写一行处理为 0 的情况",
            "mark the input `正数` (positive) or `非零` (nonzero), or handle 0 in an earlier row",
        ),
        UnusedInput { .. } => t(zh, "删除该输入，或在规则中使用它", "remove the input or use it in a rule"),
        BandSetUnused { .. } => t(zh, "删除该评分档，或在定性规则中写：按 名称", "remove the band set, or use it in a qualitative row: `按 name`"),
        CaseGap { .. } => t(zh, "补上这种情况的一行，或写“否则”", "add a row for that case, or an `否则` row"),
        TierGap { .. } | EndpointUnassigned { .. } => t(zh, "补上缺少的一档，或用（含）把端点归入一档", "add the missing tier, or mark the endpoint with `（含）` so one tier includes it"),
        RowNeverApplies { .. } => t(zh, "删除该行，或调整前面各行的范围", "delete the row or narrow the rows above it"),
        TierOverlap { .. } => t(zh, "让各档范围互不重叠，例如把“≥ 95%”改为“在 95%（含）和 100% 之间”", "make the tiers disjoint, e.g. `在 95%（含）和 100% 之间` instead of `≥ 95%`"),
        NotMonotone { .. } => t(zh, "检查分档是否与指标方向一致；若原文如此，可写 允许 W206 \"理由\"", "check the tiers against the declared direction; if the document says so, write `允许 W206 \"reason\"`"),
        MayExceedWeight { .. } => t(zh, "用 min(…, 分值) 封顶，或调整每项分数", "cap it with `min(…, 分值)` or lower the points per item"),
        MayGoNegative { .. } => t(zh, "加上“扣完为止”，或在前面写一行处理这些值；若原文如此，可写 允许 W208 \"理由\"", "add `扣完为止`, or handle those values in an earlier row; if the document says so, write `允许 W208 \"reason\"`"),
        GradeGap { .. } => t(zh, "让最后一个等级不设下限，例如：等级 优 >= 90，良 >= 80，中 >= 60，差", "leave the last grade without a threshold, e.g. `等级 优 >= 90，良 >= 80，中 >= 60，差`"),
        AllowUnused { .. } => t(zh, "删除这条“允许”，或改为确实出现的警告代码", "remove the allow, or name a warning that actually occurs here"),
        _ => return None,
    };
    Some(s)
}
