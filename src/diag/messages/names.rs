//! Wording of the E1xx: names, types, units messages, Chinese and English side by side.

use super::*;

pub(super) fn text(msg: &Msg, zh: bool) -> String {
    use Msg::*;
    match msg {
        UnknownName { name } => {
            if zh {
                format!("未定义的名称“{name}”")
            } else {
                format!("unknown name `{name}`")
            }
        }
        DuplicateName { name } => {
            if zh {
                format!("名称“{name}”重复定义")
            } else {
                format!("`{name}` is defined more than once")
            }
        }
        UnitMismatch { op, left, right } => {
            if zh {
                format!("单位不匹配：{left} {op} {right}")
            } else {
                format!("unit mismatch: `{left}` {op} `{right}`")
            }
        }
        NotAScore { found } => {
            if zh {
                format!("评分规则必须得出分数，这里得出的是{found}")
            } else {
                format!("a scoring rule must yield points, this yields `{found}`")
            }
        }
        DefinitionCycle { cycle } => {
            let c = cycle.join(" → ");
            if zh {
                format!("定义之间存在循环：{c}")
            } else {
                format!("definitions depend on each other in a cycle: {c}")
            }
        }
        WeightsDoNotAddUp { parent, declared, sum } => {
            if zh {
                format!("“{parent}”的分值为 {declared}，但其下级指标分值合计 {sum}")
            } else {
                format!("`{parent}` has weight {declared} but its children add up to {sum}")
            }
        }
        ConstantAboveWeight { value, weight } => {
            if zh {
                format!("此分支得 {value} 分，超过指标分值 {weight}")
            } else {
                format!("this branch gives {value} points, more than the weight {weight}")
            }
        }
        ConstantBelowZero { value } => {
            if zh {
                format!("此分支得 {value} 分，低于 0")
            } else {
                format!("this branch gives {value} points, below zero")
            }
        }
        NotACondition { found } => {
            if zh {
                format!("条件必须是真假值，这里是{found}")
            } else {
                format!("a condition must be true or false, this is `{found}`")
            }
        }
        UnknownUnit { unit } => {
            if zh {
                format!("未知的单位或类型“{unit}”")
            } else {
                format!("unknown unit or type `{unit}`")
            }
        }
        UnknownVariant { name, ty } => {
            if zh {
                format!("“{name}”不是 {ty} 的取值")
            } else {
                format!("`{name}` is not a value of `{ty}`")
            }
        }
        UnknownGrade { name } => {
            if zh {
                format!("未定义的等级“{name}”")
            } else {
                format!("unknown grade `{name}`")
            }
        }
        DuplicateIndicator { name } => {
            if zh {
                format!("指标“{name}”重复")
            } else {
                format!("indicator `{name}` appears more than once")
            }
        }
        EmptyIndicator { name } => {
            if zh {
                format!("指标“{name}”既没有下级指标也没有评分规则")
            } else {
                format!("indicator `{name}` has neither children nor a scoring rule")
            }
        }
        ChildrenAndRules { name } => {
            if zh {
                format!("指标“{name}”同时有下级指标和评分规则；上级指标的得分是下级之和")
            } else {
                format!("indicator `{name}` has both children and scoring rules; a parent scores the sum of its children")
            }
        }
        TransferNotSibling { name } => {
            if zh {
                format!("“{name}”不是同级指标，无法转入分值")
            } else {
                format!("`{name}` is not a sibling indicator, its weight cannot be transferred there")
            }
        }
        MatchNotExhaustive { missing } => {
            let m = missing.join("、");
            if zh {
                format!("对照表没有覆盖所有取值，缺少：{m}")
            } else {
                format!("the match does not cover every value; missing: {}", backticked(missing))
            }
        }
        RowAfterElse => t(zh, "“否则”之后的规则永远不会执行", "rows after `否则`/`else` can never fire"),
        BadDefault { name, expected } => {
            if zh {
                format!("“{name}”的默认值不符合类型，应为{expected}")
            } else {
                format!("the default of `{name}` does not fit its type; expected `{expected}`")
            }
        }
        WrongArity { func, expected, found } => {
            if zh {
                format!("函数 {func} 需要 {expected} 个参数，实际给了 {found} 个")
            } else {
                format!("function {func} takes {expected} arguments, {found} given")
            }
        }
        GradeBandsOrder => t(
            zh,
            "等级须按分数从高到低排列，最后一档可以不写下限",
            "grade bands must go from the highest threshold down; only the last may omit its threshold",
        ),
        TextNotAllowed { name } => {
            if zh {
                format!("文本“{name}”不能参与计算或比较")
            } else {
                format!("the text `{name}` cannot be used in arithmetic or comparisons")
            }
        }
        TooManyUnits { name } => {
            if zh {
                format!("声明的单位太多，无法再声明“{name}”（最多 16 个）")
            } else {
                format!("too many declared units to declare `{name}` (16 at most)")
            }
        }
        TableRate { table, found } => {
            if zh {
                format!("指标表“{table}”中的得分率“{found}”应为 0% 至 100% 之间的百分数")
            } else {
                format!("the rate `{found}` in target table `{table}` must be a percentage from 0% to 100%")
            }
        }
        QualitativeTypes { tier, rate } => {
            if zh {
                format!("定性评分需要档次为枚举、得分率为百分比：{tier}、{rate}")
            } else {
                format!("a qualitative rule needs an enumeration tier and a percent rate: `{tier}`, `{rate}`")
            }
        }
        NotApplicableOnParentOnly => t(
            zh,
            "“不适用”只能写在末级指标中",
            "`不适用`/`na` may only appear in a leaf indicator",
        ),
        AllowNotALint { code } => {
            if zh {
                format!("“{code}”不是可以允许的警告代码")
            } else {
                format!("`{code}` is not a warning code that can be allowed")
            }
        }
        GradeRangeGap { from, to } => {
            if zh {
                format!("等级区间之间有缺口：总分在 {from} 与 {to} 之间时没有等级")
            } else {
                format!("the grade ranges leave a gap: totals between {from} and {to} get no grade")
            }
        }
        BareNumberWithPercent { number, .. } => {
            if zh && number.is_empty() {
                "百分比不能与不带 % 的数比较".to_string()
            } else if zh {
                format!("百分比不能与不带 % 的数 {number} 比较")
            } else if number.is_empty() {
                "a percentage is compared with a number that has no %".to_string()
            } else {
                format!("a percentage is compared with the bare number {number}, which has no %")
            }
        }
        PercentAsPoints => t(zh, "得分不能是百分比：百分比按比例存放，例如 30% 会记为 0.3 分", "points cannot be a percentage: percentages are stored as fractions, so 30% would count as 0.3 points"),
        RatioTargetNotPositive { target } => {
            if zh {
                format!("正向/反向计分的目标必须大于 0，这里是 {target}")
            } else {
                format!("the target of `正向`/`反向` scoring must be above 0, here it is `{target}`")
            }
        }
        NoteNotText { name } => {
            if zh {
                format!("“说明”后只能写文本输入，“{name}”不是文本输入")
            } else {
                format!("`说明` (note) takes a text (`文本`) input, and `{name}` is not one")
            }
        }
        VetoOnParent { name } => {
            if zh {
                format!("“{name}”有下级指标，一票否决不能写在这里：它只作用于末级指标或整张评分表")
            } else {
                format!("`{name}` has child indicators, so it cannot hold a `一票否决`: a veto applies to a leaf indicator or to the whole rubric")
            }
        }
        MixedKindChildren { parent, child } => {
            if zh {
                format!("“{child}”与上级“{parent}”的种类不同（指标、加分、减分不能互相嵌套）")
            } else {
                format!("`{child}` is not of the same kind as its parent `{parent}` (`指标`, `加分` and `减分` do not nest in one another)")
            }
        }
        CapMissing { name, bonus } => {
            let (zh_kind, en_kind) = if *bonus { ("加分", "bonus") } else { ("减分", "penalty") };
            if zh {
                format!("{zh_kind}项“{name}”没有写上限，也不在共用上限的{zh_kind}组中")
            } else {
                format!("the {en_kind} item `{name}` has no cap and is not in a {en_kind} group whose cap it could share")
            }
        }
        UnknownBandSet { name } => {
            if zh {
                format!("没有名为“{name}”的评分档")
            } else {
                format!("no band set (`评分档`) is named `{name}`")
            }
        }
        UnorderedComparison { op, ty } => {
            if zh {
                format!("{ty} 的取值没有先后顺序，不能用 {op} 比较")
            } else {
                format!("the values of `{ty}` have no order and cannot be compared with `{op}`")
            }
        }
        PercentsDoNotAddUp { parent, sum } => {
            if zh {
                format!("“{parent}”的下级指标按百分比分配分值，合计 {sum}%，应为 100%")
            } else {
                format!("the children of `{parent}` are weighted in percent and add up to {sum}%, not 100%")
            }
        }
        PercentMixedWithPoints { parent, child } => {
            if zh {
                format!("“{parent}”的下级指标有的按百分比、有的按分值，“{child}”与其他同级指标写法不同")
            } else {
                format!("the children of `{parent}` mix percentages and points: `{child}` is written unlike its siblings")
            }
        }
        AlternativeWeight {
            group,
            child,
            weight,
            expected,
        } => {
            if zh {
                format!("“{child}”是择一项“{group}”的备选指标，分值应为 {expected}（共用一个分值），这里是 {weight}")
            } else {
                format!("`{child}` is an alternative of `{group}` and must carry its weight {expected} (they share it), not {weight}")
            }
        }
        ChoiceSelectorType { name, found } => {
            if zh {
                format!("择一项依据的“{name}”必须是枚举输入（取值为各备选指标的名称），这里是{found}")
            } else {
                format!("`{name}`, which a `择一` group is chosen by, must be an enumeration input (its values the alternatives' names), not `{found}`")
            }
        }
        AlternativeNotAVariant { child, ty } => {
            if zh {
                format!("备选指标“{child}”不是 {ty} 的取值，无法被选中")
            } else {
                format!("the alternative `{child}` is not a value of `{ty}`, so it can never be chosen")
            }
        }
        VariantWithoutAlternative { variant, group } => {
            if zh {
                format!("取值“{variant}”在择一项“{group}”中没有对应的备选指标")
            } else {
                format!("the value `{variant}` names no alternative of the `择一` group `{group}`")
            }
        }
        AlternativeNotApplicable { child } => {
            if zh {
                format!("“{child}”属于择一项，不能再写“不适用”：未选中的备选指标已按不适用处理")
            } else {
                format!("`{child}` belongs to a `择一` group and cannot have its own `不适用`: the alternatives not chosen are already not applicable")
            }
        }
        ChoiceTooFew { group } => {
            if zh {
                format!("择一项“{group}”至少要有两个备选指标（普通指标）")
            } else {
                format!("the `择一` group `{group}` needs at least two alternatives (plain `指标`)")
            }
        }
        _ => unreachable!("{} is not a names message", msg.code()),
    }
}

pub(super) fn help(msg: &Msg, zh: bool) -> Option<String> {
    use Msg::*;
    let s = match msg {
        UnknownName { .. } => t(zh, "先用“输入”或“定义”声明这个名称", "declare it first with `输入` (input) or `定义` (define)"),
        DuplicateName { .. } | DuplicateIndicator { .. } => t(zh, "换一个名称，或删除其中一处", "rename or remove one of them"),
        UnitMismatch { .. } => t(
            zh,
            "只有相同量纲才能相加、相减或比较；比率请用同单位相除得到",
            "only like quantities can be added, subtracted or compared; get a rate by dividing like units",
        ),
        NotAScore { .. } => t(zh, "“则”之后写分数或算式，例如：则 8", "write points or a formula after `则`, e.g. `则 8`"),
        DefinitionCycle { .. } => t(zh, "让其中一个定义改用输入值", "make one of the definitions use inputs instead"),
        WeightsDoNotAddUp { .. } => t(zh, "调整上级或下级指标的分值使其一致", "make the parent's weight equal the sum of its children"),
        ConstantAboveWeight { .. } | ConstantBelowZero { .. } => {
            t(zh, "分支得分应在 0 到指标分值之间", "a branch should give between 0 and the indicator's weight")
        }
        NotACondition { .. } => t(zh, "用比较写条件，例如：预算完成率 ≥ 95%", "write a comparison, e.g. `预算完成率 ≥ 95%`"),
        UnknownUnit { .. } => t(
            zh,
            "可用：元、万元、亿元、百分比、百分点、人、家、次、个、项、件、天、月、年、数、分、是否、文本、{甲, 乙}；原表自己的单位先声明，例如：单位 期，工作日",
            "available: `元`, `万元`, `亿元`, `百分比`, `百分点`, `人`, `家`, `次`, `个`, `项`, `件`, `天`, `月`, `年`, `数`, `分`, `是否`, `文本`, `{a, b}`; declare the form's own units first, e.g. `单位 期，工作日`",
        ),
        EmptyIndicator { .. } => t(zh, "加上评分规则，例如：如果 条件 则 分数", "add a scoring rule, e.g. `如果 condition 则 points`"),
        ChildrenAndRules { .. } => t(zh, "把评分规则移到一个下级指标中", "move the rule into a child indicator"),
        MatchNotExhaustive { .. } => t(zh, "补上缺少的取值", "add the missing values"),
        RowAfterElse => t(zh, "把“否则”放在最后", "put `否则`/`else` last"),
        GradeBandsOrder => t(zh, "例如：等级 优 >= 90，良 >= 80，中 >= 60，差", "e.g. `等级 优 >= 90，良 >= 80，中 >= 60，差`"),
        AllowNotALint { .. } => t(zh, "删除这条“允许”，或改为确实出现的警告代码", "remove the allow, or name a warning that actually occurs here"),
        TooManyUnits { .. } => t(zh, "合并同义的单位，例如：单位 场 = 场次", "merge units that mean the same, e.g. `单位 场 = 场次`"),
        TableRate { .. } => t(zh, "写成常数百分比，例如：等于 未达到 得 0%", "write a constant percentage, e.g. `等于 未达到 得 0%`"),
        BareNumberWithPercent {
            number,
            fraction: Some(f),
        } if !number.is_empty() => {
            if zh {
                format!("写成 {f}%（{number} 作比例时）或 {number}%；百分比一律带 %")
            } else {
                format!("write {f}% ({number} as a fraction) or {number}%: percentages always carry %")
            }
        }
        BareNumberWithPercent { number, .. } if !number.is_empty() => {
            if zh {
                format!("写成 {number}%；百分比一律带 %")
            } else {
                format!("write {number}%: percentages always carry %")
            }
        }
        BareNumberWithPercent { .. } => t(zh, "百分比一律带 %，例如 95%", "percentages always carry %, e.g. 95%"),
        PercentAsPoints => t(zh, "写成分数，例如 则 3；要按分值的比例计分，写 则 分值 × 30%", "write points, e.g. `则 3`; for a share of the weight write `则 分值 × 30%`"),
        RatioTargetNotPositive { .. } => t(zh, "目标为 0 或负数时按比值计分没有意义：改用分档（如果 … 则 …）写出得分", "a ratio to a target of 0 or below has no meaning: write the scores as tiers (`如果 … 则 …`)"),
        NoteNotText { name, .. } => {
            if zh {
                format!("说明 放的是原因、备注等文字；声明一个文本输入，例如 输入 {name}说明: 文本，再写 说明 {name}说明")
            } else {
                format!("a note holds words such as a reason; declare a text input, e.g. `输入 {name}说明: 文本`, and write `说明 {name}说明`")
            }
        }
        VetoOnParent { .. } => t(zh, "把一票否决写进每个下级指标，或写在顶层：一票否决 如果 … 则 总分 为 0", "write the `一票否决` in each child indicator, or at top level: `一票否决 如果 … 则 总分 为 0`"),
        CapMissing { name, bonus } => {
            let (kw, cap) = if *bonus { ("加分", "最高") } else { ("减分", "最多") };
            if zh {
                format!("写出上限：{kw} {name} {cap} 5 {{…}}，或把它放进 {kw} 组中共用组的上限：{kw} 合计 {cap} 30 {{ {kw} {name} {{…}} … }}")
            } else {
                format!("give it a cap (`{kw} {name} {cap} 5 {{…}}`), or put it in a group that shares one (`{kw} 合计 {cap} 30 {{ {kw} {name} {{…}} … }}`)")
            }
        }
        MixedKindChildren { .. } => t(zh, "把加分、减分项写在顶层，或写在同种的加分、减分项中（共用上级的上限）", "put `加分`/`减分` items at top level or inside a group of the same kind (sharing its cap)"),
        UnknownBandSet { .. } => t(zh, "先在顶层声明，例如：评分档 三档：好 80%（含）至 100%（含），中 60%（含）至 80%，差 0%（含）至 60%", "declare it at top level first, e.g. `评分档 三档：好 80%（含）至 100%（含），中 60%（含）至 80%，差 0%（含）至 60%`"),
        UnorderedComparison { .. } => t(zh, "在输入中写明顺序（由高到低），例如：输入 等级: {高 > 中 > 低}；或改用 = 逐个比较", "declare the order in the input, best first, e.g. `输入 等级: {高 > 中 > 低}`; or compare with `=` value by value"),
        PercentsDoNotAddUp { .. } => t(zh, "调整百分比使同级合计 100%，或改按分值写", "make the sibling percentages add up to 100%, or write points instead"),
        PercentMixedWithPoints { .. } => t(zh, "同级指标要么全部写百分比（指标 甲 75%），要么全部写分值", "write every sibling in percent (`指标 甲 75%`) or every sibling in points"),
        AlternativeWeight { .. } => t(zh, "把各备选指标的分值写成择一项的分值（或写 100%）", "give each alternative the group's weight (or write `100%`)"),
        ChoiceSelectorType { .. } => t(zh, "声明一个枚举输入，例如：输入 适用项: {甲, 乙}，再写 择一 名 10 按 适用项", "declare an enumeration input, e.g. `输入 适用项: {甲, 乙}`, then `择一 名 10 按 适用项`"),
        AlternativeNotAVariant { .. } | VariantWithoutAlternative { .. } => t(zh, "让枚举的取值与备选指标的名称一一对应", "make the enumeration's values and the alternatives' names match one to one"),
        AlternativeNotApplicable { .. } => t(zh, "删去此“不适用”，或把该指标移出择一项", "remove this `不适用`, or move the indicator out of the group"),
        ChoiceTooFew { .. } => t(zh, "写两个或更多“指标 … { … }”作为备选；只有一个时直接写成普通指标", "write two or more `指标 … { … }` alternatives; with only one, write a plain indicator"),
        GradeRangeGap { .. } => t(zh, "让相邻等级首尾相接，例如：良 80（含）至 90，优 90（含）至 100（含）", "make neighbouring grades meet, e.g. `良 80（含）至 90，优 90（含）至 100（含）`"),
        _ => return None,
    };
    Some(s)
}
