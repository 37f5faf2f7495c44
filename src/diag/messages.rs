//! Every user-facing sentence of jixiao, in Chinese (default) and English.
//! Code elsewhere builds a [`Msg`] with typed fields and never formats user
//! text itself.

use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `--lang` beats `JIXIAO_LANG`; anything but `en…` means Chinese.
    pub fn from_flag_or_env(flag: Option<&str>) -> Lang {
        let env = std::env::var("JIXIAO_LANG").ok();
        match flag.or(env.as_deref()) {
            Some(s) if s.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Zh,
        }
    }
}

/// The main message of a diagnostic. The variant fixes the code and severity.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    // ---- E0xx: syntax
    Syntax { expected: Vec<String>, found: String },
    MissingThen,
    UnclosedParen { open: char },
    InclNotAfterNumber,
    UnknownKeyword { found: String, suggestion: String },
    StrayChar { ch: char },
    MissingStepMode,
    TooDeep { limit: usize },
    FileTooLarge { bytes: usize, limit: usize },
    NumberTooLarge { text: String },
    MissingHeader,
    UnexpectedEnd,
    // ---- E1xx: names, types, units
    UnknownName { name: String },
    DuplicateName { name: String },
    UnitMismatch { op: String, left: String, right: String },
    NotAScore { found: String },
    DefinitionCycle { cycle: Vec<String> },
    WeightsDoNotAddUp { parent: String, declared: String, sum: String },
    ConstantAboveWeight { value: String, weight: String },
    ConstantBelowZero { value: String },
    NotACondition { found: String },
    UnknownUnit { unit: String },
    UnknownVariant { name: String, ty: String },
    UnknownGrade { name: String },
    DuplicateIndicator { name: String },
    EmptyIndicator { name: String },
    ChildrenAndRules { name: String },
    TransferNotSibling { name: String },
    MatchNotExhaustive { missing: Vec<String> },
    RowAfterElse,
    BadDefault { name: String, expected: String },
    WrongArity { func: String, expected: String, found: usize },
    GradeBandsOrder,
    TextNotAllowed { name: String },
    QualitativeTypes { tier: String, rate: String },
    NotApplicableOnParentOnly,
    MissingGrades,
    // ---- W2xx: lints
    DivisionByMaybeZero { divisor: String },
    UnusedInput { name: String },
    // ---- E3xx: facts
    MissingFact { name: String, expected: String },
    UnknownFact { name: String },
    FactWrongUnit { name: String, expected: String, found: String },
    FactNotNumber { name: String, value: String, expected: String },
    FactNotBool { name: String, value: String },
    FactNotVariant { name: String, value: String, variants: Vec<String> },
    FactsSyntax { format: String, detail: String },
    FactNotPositive { name: String, value: String },
    FactZero { name: String },
    FactsFormat { path: String },
    FactWrongType { name: String, expected: String },
    // ---- E4xx: evaluation
    DivisionByZero { indicator: String, left: String, right: String },
    NoRowMatched { indicator: String },
    RateOutsideBand { indicator: String, tier: String, rate: String, lo: String, hi: String },
    Overflow { indicator: String },
    ScoreAboveWeight { indicator: String, score: String, weight: String },
    ScoreNegative { indicator: String, score: String },
    NoGrade { total: String },
    TierHasNoBand { indicator: String, tier: String },
    // ---- E5xx: files and usage
    CannotRead { path: String, reason: String },
}

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
    Value { name: String, value: String },
    Declared(String),
    GuardHint,
    InclHint,
    ParenOpened,
}

impl Msg {
    pub fn code(&self) -> &'static str {
        use Msg::*;
        match self {
            Syntax { .. } => "E001",
            MissingThen => "E002",
            UnclosedParen { .. } => "E003",
            InclNotAfterNumber => "E004",
            UnknownKeyword { .. } => "E005",
            StrayChar { .. } => "E006",
            MissingStepMode => "E007",
            TooDeep { .. } => "E008",
            FileTooLarge { .. } => "E009",
            NumberTooLarge { .. } => "E010",
            MissingHeader => "E011",
            UnexpectedEnd => "E012",
            UnknownName { .. } => "E101",
            DuplicateName { .. } => "E102",
            UnitMismatch { .. } => "E103",
            NotAScore { .. } => "E104",
            DefinitionCycle { .. } => "E105",
            WeightsDoNotAddUp { .. } => "E106",
            ConstantAboveWeight { .. } => "E107",
            ConstantBelowZero { .. } => "E108",
            NotACondition { .. } => "E109",
            UnknownUnit { .. } => "E110",
            UnknownVariant { .. } => "E111",
            UnknownGrade { .. } => "E112",
            DuplicateIndicator { .. } => "E113",
            EmptyIndicator { .. } => "E114",
            ChildrenAndRules { .. } => "E115",
            TransferNotSibling { .. } => "E116",
            MatchNotExhaustive { .. } => "E117",
            RowAfterElse => "E118",
            BadDefault { .. } => "E119",
            WrongArity { .. } => "E120",
            GradeBandsOrder => "E121",
            TextNotAllowed { .. } => "E122",
            QualitativeTypes { .. } => "E123",
            NotApplicableOnParentOnly => "E124",
            MissingGrades => "W240",
            DivisionByMaybeZero { .. } => "W201",
            UnusedInput { .. } => "W202",
            MissingFact { .. } => "E301",
            UnknownFact { .. } => "E302",
            FactWrongUnit { .. } => "E303",
            FactNotNumber { .. } => "E304",
            FactNotBool { .. } => "E305",
            FactNotVariant { .. } => "E306",
            FactsSyntax { .. } => "E307",
            FactNotPositive { .. } => "E308",
            FactZero { .. } => "E309",
            FactsFormat { .. } => "E310",
            FactWrongType { .. } => "E311",
            DivisionByZero { .. } => "E401",
            NoRowMatched { .. } => "E402",
            RateOutsideBand { .. } => "E403",
            Overflow { .. } => "E404",
            ScoreAboveWeight { .. } => "E405",
            ScoreNegative { .. } => "E406",
            NoGrade { .. } => "E407",
            TierHasNoBand { .. } => "E408",
            CannotRead { .. } => "E501",
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        use Msg::*;
        let zh = lang == Lang::Zh;
        match self {
            Syntax { expected, found } => {
                let exp = list(expected, zh);
                if zh {
                    format!("语法错误：此处应为{exp}，却遇到{found}")
                } else {
                    format!("syntax error: expected {exp}, found {found}")
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
                "the deduction does not say how partial steps count: (按整步), (按比例) or (不足一步按一步)",
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
                "a rule file must start with a header: 评分表 \"name\" 年度 2020 满分 100",
            ),
            UnexpectedEnd => t(zh, "文件意外结束", "unexpected end of file"),
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
                    format!("unit mismatch: {left} {op} {right}")
                }
            }
            NotAScore { found } => {
                if zh {
                    format!("评分规则必须得出分数，这里得出的是{found}")
                } else {
                    format!("a scoring rule must yield points, this yields {found}")
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
                    format!("a condition must be true or false, this is {found}")
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
                    format!("`{name}` is not a value of {ty}")
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
                    format!("the match does not cover every value; missing: {m}")
                }
            }
            RowAfterElse => t(zh, "“否则”之后的规则永远不会执行", "rows after `否则`/`else` can never fire"),
            BadDefault { name, expected } => {
                if zh {
                    format!("“{name}”的默认值不符合类型，应为{expected}")
                } else {
                    format!("the default of `{name}` does not fit its type; expected {expected}")
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
            QualitativeTypes { tier, rate } => {
                if zh {
                    format!("定性评分需要档次为枚举、得分率为百分比：{tier}、{rate}")
                } else {
                    format!("a qualitative rule needs an enumeration tier and a percent rate: {tier}, {rate}")
                }
            }
            NotApplicableOnParentOnly => t(
                zh,
                "“不适用”只能写在末级指标中",
                "`不适用`/`na` may only appear in a leaf indicator",
            ),
            MissingGrades => t(zh, "评分表没有等级划分，得分将不评等级", "the rubric declares no grade bands; scores will have no grade"),
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
            MissingFact { name, expected } => {
                if zh {
                    format!("缺少事实“{name}”（应为{expected}）")
                } else {
                    format!("missing fact `{name}` (expected {expected})")
                }
            }
            UnknownFact { name } => {
                if zh {
                    format!("评分表没有声明输入“{name}”")
                } else {
                    format!("the rubric declares no input `{name}`")
                }
            }
            FactWrongUnit { name, expected, found } => {
                if zh {
                    format!("“{name}”的单位应为{expected}，却是{found}")
                } else {
                    format!("`{name}` should be in {expected}, found {found}")
                }
            }
            FactNotNumber { name, value, expected } => {
                if zh {
                    format!("“{name}”的值“{value}”不是数字（应为{expected}）")
                } else {
                    format!("the value `{value}` of `{name}` is not a number (expected {expected})")
                }
            }
            FactNotBool { name, value } => {
                if zh {
                    format!("“{name}”的值“{value}”应为 是 或 否")
                } else {
                    format!("the value `{value}` of `{name}` should be 是 (yes) or 否 (no)")
                }
            }
            FactNotVariant { name, value, variants } => {
                let v = variants.join("、");
                if zh {
                    format!("“{name}”的值“{value}”不在可选值中：{v}")
                } else {
                    format!("the value `{value}` of `{name}` is not one of: {v}")
                }
            }
            FactsSyntax { format, detail } => {
                if zh {
                    format!("{format} 格式错误：{detail}")
                } else {
                    format!("malformed {format}: {detail}")
                }
            }
            FactNotPositive { name, value } => {
                if zh {
                    format!("“{name}”必须大于 0，却是 {value}")
                } else {
                    format!("`{name}` must be greater than 0, found {value}")
                }
            }
            FactZero { name } => {
                if zh {
                    format!("“{name}”不能为 0")
                } else {
                    format!("`{name}` must not be 0")
                }
            }
            FactsFormat { path } => {
                if zh {
                    format!("无法识别事实文件“{path}”的格式（支持 .toml、.json）")
                } else {
                    format!("cannot tell the format of facts file `{path}` (.toml and .json are supported)")
                }
            }
            FactWrongType { name, expected } => {
                if zh {
                    format!("“{name}”的值类型不对，应为{expected}")
                } else {
                    format!("the value of `{name}` has the wrong type; expected {expected}")
                }
            }
            DivisionByZero { indicator, left, right } => {
                if zh {
                    format!("计算“{indicator}”时除以 0：{left} ÷ {right}")
                } else {
                    format!("division by zero while scoring `{indicator}`: {left} ÷ {right}")
                }
            }
            NoRowMatched { indicator } => {
                if zh {
                    format!("“{indicator}”没有任何一条规则适用于这组事实")
                } else {
                    format!("no row of `{indicator}` applies to these facts")
                }
            }
            RateOutsideBand { indicator, tier, rate, lo, hi } => {
                if zh {
                    format!("“{indicator}”评为“{tier}”档，得分率 {rate} 不在该档范围 {lo}～{hi} 内")
                } else {
                    format!("`{indicator}` is rated `{tier}` but the rate {rate} is outside that band {lo}–{hi}")
                }
            }
            Overflow { indicator } => {
                if zh {
                    format!("计算“{indicator}”时数值溢出")
                } else {
                    format!("arithmetic overflow while scoring `{indicator}`")
                }
            }
            ScoreAboveWeight { indicator, score, weight } => {
                if zh {
                    format!("“{indicator}”得分 {score} 超过分值 {weight}")
                } else {
                    format!("`{indicator}` scores {score}, more than its weight {weight}")
                }
            }
            ScoreNegative { indicator, score } => {
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
            CannotRead { path, reason } => {
                if zh {
                    format!("无法读取“{path}”：{reason}")
                } else {
                    format!("cannot read `{path}`: {reason}")
                }
            }
        }
    }

    /// A line telling the user how to fix it.
    pub fn help(&self, lang: Lang) -> Option<String> {
        use Msg::*;
        let zh = lang == Lang::Zh;
        let s = match self {
            MissingThen => t(zh, "写成：如果 条件 则 分数", "write: 如果 condition 则 points (or: if … then …)"),
            UnclosedParen { .. } => t(zh, "补上对应的右括号", "add the matching closing bracket"),
            InclNotAfterNumber => t(zh, "例如：在 90%（含）和 95% 之间", "for example: 在 90%（含）和 95% 之间"),
            MissingStepMode => t(
                zh,
                "例如：每 0.1个百分点 扣 0.1 分（按整步），扣完为止",
                "for example: 每 0.1个百分点 扣 0.1 分（按整步），扣完为止",
            ),
            TooDeep { .. } => t(zh, "拆分表达式，或用“定义”给中间值命名", "split the expression or name intermediate values with 定义"),
            StrayChar { .. } => t(zh, "删除该字符，或检查是否误用了全角/半角符号", "delete it, or check full-width vs half-width punctuation"),
            Syntax { .. } => t(
                zh,
                "关键字与名称之间需要空格，例如“预算完成率 在 90% 和 95% 之间”",
                "keywords need a space or punctuation between them and names, e.g. `预算完成率 在 90% 和 95% 之间`",
            ),
            UnknownName { .. } => t(zh, "先用“输入”或“定义”声明这个名称", "declare it first with 输入 (input) or 定义 (define)"),
            DuplicateName { .. } | DuplicateIndicator { .. } => t(zh, "换一个名称，或删除其中一处", "rename or remove one of them"),
            UnitMismatch { .. } => t(
                zh,
                "只有相同量纲才能相加、相减或比较；比率请用同单位相除得到",
                "only like quantities can be added, subtracted or compared; get a rate by dividing like units",
            ),
            NotAScore { .. } => t(zh, "“则”之后写分数或算式，例如：则 8", "write points or a formula after 则, e.g. 则 8"),
            DefinitionCycle { .. } => t(zh, "让其中一个定义改用输入值", "make one of the definitions use inputs instead"),
            WeightsDoNotAddUp { .. } => t(zh, "调整上级或下级指标的分值使其一致", "make the parent's weight equal the sum of its children"),
            ConstantAboveWeight { .. } | ConstantBelowZero { .. } => {
                t(zh, "分支得分应在 0 到指标分值之间", "a branch should give between 0 and the indicator's weight")
            }
            NotACondition { .. } => t(zh, "用比较写条件，例如：预算完成率 ≥ 95%", "write a comparison, e.g. 预算完成率 ≥ 95%"),
            UnknownUnit { .. } => t(
                zh,
                "可用：元、万元、亿元、百分比、百分点、人、家、次、个、项、件、天、月、年、数、分、是否、文本、{甲, 乙}",
                "available: 元, 万元, 亿元, 百分比, 百分点, 人, 家, 次, 个, 项, 件, 天, 月, 年, 数, 分, 是否, 文本, {a, b}",
            ),
            EmptyIndicator { .. } => t(zh, "加上评分规则，例如：如果 条件 则 分数", "add a scoring rule, e.g. 如果 condition 则 points"),
            ChildrenAndRules { .. } => t(zh, "把评分规则移到一个下级指标中", "move the rule into a child indicator"),
            MatchNotExhaustive { .. } => t(zh, "补上缺少的取值", "add the missing values"),
            RowAfterElse => t(zh, "把“否则”放在最后", "put 否则/else last"),
            MissingGrades => t(zh, "在表头后加一行，例如：等级 优 >= 90，良 >= 80，中 >= 60，差", "add a line after the header, e.g. 等级 优 >= 90，良 >= 80，中 >= 60，差"),
            GradeBandsOrder => t(zh, "例如：等级 优 >= 90，良 >= 80，中 >= 60，差", "e.g. 等级 优 >= 90，良 >= 80，中 >= 60，差"),
            DivisionByMaybeZero { .. } => t(
                zh,
                "在输入声明中加“正数”或“非零”，或先写一行处理为 0 的情况",
                "mark the input 正数 (positive) or 非零 (nonzero), or handle 0 in an earlier row",
            ),
            UnusedInput { .. } => t(zh, "删除该输入，或在规则中使用它", "remove the input or use it in a rule"),
            MissingFact { .. } => t(zh, "在事实文件中补上该项，或在规则中用“默认”给出默认值", "add it to the facts file, or give it a 默认 (default) in the rubric"),
            UnknownFact { .. } => t(zh, "检查名称是否写错，或在评分表中声明该输入", "check the spelling, or declare the input in the rubric"),
            FactWrongUnit { .. } => t(zh, "写成带单位的字符串，例如 \"6,702 万元\"", "write it with its unit, e.g. \"6,702 万元\""),
            FactNotNumber { .. } => t(zh, "例如：6702、\"6,702 万元\"、\"85.8%\"", "e.g. 6702, \"6,702 万元\", \"85.8%\""),
            FactNotBool { .. } => t(zh, "写“是”或“否”（或 true/false）", "write 是 or 否 (or true/false)"),
            DivisionByZero { .. } => t(zh, "检查事实是否为 0，或在规则中先处理为 0 的情况", "check the facts, or handle 0 in an earlier row"),
            NoRowMatched { .. } => t(zh, "补上“否则”一行，或检查分档是否有缺口", "add an 否则/else row or close the gap between tiers"),
            RateOutsideBand { .. } => t(zh, "选择与得分率相符的档次", "pick the tier that matches the rate"),
            ScoreAboveWeight { .. } => t(zh, "用 min(…, 分值) 封顶", "cap it with min(…, 分值)"),
            ScoreNegative { .. } => t(zh, "加上“扣完为止”或用 max(…, 0)", "add 扣完为止 or use max(…, 0)"),
            NoGrade { .. } => t(zh, "让最后一个等级不设下限", "leave the last grade band without a threshold"),
            _ => return None,
        };
        Some(s)
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
                    format!("declared as {s}")
                }
            }
            Note::GuardHint => t(zh, "此处相除", "divided here"),
            Note::InclHint => t(zh, "（含）表示该端点包含在内", "（含） marks an endpoint as included"),
            Note::ParenOpened => t(zh, "括号从这里开始", "opened here"),
        }
    }
}

fn t(zh: bool, a: &str, b: &str) -> String {
    if zh { a } else { b }.to_string()
}

fn list(items: &[String], zh: bool) -> String {
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

/// Every code with its one-line title, in order.
pub const ALL_CODES: &[&str] = &[
    "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "E009", "E010", "E011", "E012", "E101", "E102",
    "E103", "E104", "E105", "E106", "E107", "E108", "E109", "E110", "E111", "E112", "E113", "E114", "E115", "E116",
    "E117", "E118", "E119", "E120", "E121", "E122", "E123", "E124", "W201", "W202", "W240", "E301", "E302", "E303", "E304",
    "E305", "E306", "E307", "E308", "E309", "E310", "E311", "E401", "E402", "E403", "E404", "E405", "E406", "E407",
    "E408", "E501",
];

/// The long explanation of a code for `jixiao explain`, taken from the error
/// index so that the two never disagree.
pub fn explain_code(code: &str, lang: Lang) -> Option<String> {
    let index = include_str!("../../docs/errors.md");
    let code = code.trim().to_ascii_uppercase();
    let heading = format!("## {code}");
    let start = index.find(&heading)?;
    let rest = &index[start..];
    let end = rest[3..].find("\n## ").map(|e| e + 3).unwrap_or(rest.len());
    let section = &rest[..end];
    // Sections hold a Chinese part and an English part separated by a line `---`.
    let mut parts = section.splitn(2, "\n---\n");
    let zh = parts.next().unwrap_or("").trim_end().to_string();
    let en = parts.next().map(|s| format!("{heading}\n{}", s.trim_end()));
    Some(match lang {
        Lang::Zh => zh,
        Lang::En => en.unwrap_or(zh),
    })
}

/// Words used by reports and the REPL (column heads, ledger labels).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    Indicator,
    Weight,
    Score,
    Rate,
    Total,
    Grade,
    Bonus,
    Penalty,
    Renormalised,
    VetoFired,
    RowFired,
    RowSkipped,
    Fact,
    Derived,
    NotApplicable,
    Vetoed,
    Base,
    Excess,
    Steps,
    Deducted,
    RateStep,
    Items,
    FloorAtZero,
    Raw,
    Rounded,
    Transferred,
    Capped,
    Excluded,
    FullMarks,
    Points,
    Year,
    Warnings,
    Clean,
    ErrorsFound,
}

impl Word {
    pub fn text(self, lang: Lang) -> &'static str {
        use Word::*;
        let (zh, en) = match self {
            Indicator => ("指标", "indicator"),
            Weight => ("分值", "weight"),
            Score => ("得分", "score"),
            Rate => ("得分率", "rate"),
            Total => ("总分", "total"),
            Grade => ("等级", "grade"),
            Bonus => ("加分", "bonus"),
            Penalty => ("减分", "penalty"),
            Renormalised => ("剔除不适用指标后折算", "renormalised after excluding n/a indicators"),
            VetoFired => ("一票否决", "veto"),
            RowFired => ("适用规则", "rule applied"),
            RowSkipped => ("条件未满足", "condition not met"),
            Fact => ("事实", "fact"),
            Derived => ("计算", "derived"),
            NotApplicable => ("不适用指标", "not applicable"),
            Vetoed => ("否决，得 0 分", "vetoed, scores 0"),
            Base => ("起始分", "starting points"),
            Excess => ("超出部分", "excess"),
            Steps => ("扣分步数", "steps"),
            Deducted => ("扣分", "deducted"),
            RateStep => ("得分比例", "rate"),
            Items => ("计数项", "items counted"),
            FloorAtZero => ("扣完为止，得分不低于 0", "floored at 0"),
            Raw => ("未舍入得分", "unrounded"),
            Rounded => ("舍入后得分", "rounded"),
            Transferred => ("转入分值后", "after transferred weight"),
            Capped => ("封顶", "capped at"),
            Excluded => ("剔除", "excluded"),
            FullMarks => ("满分", "full marks"),
            Points => ("分", " points"),
            Year => ("年度", "year"),
            Warnings => ("警告", "warnings"),
            Clean => ("检查通过", "no problems found"),
            ErrorsFound => ("发现错误", "errors found"),
        };
        if lang == Lang::Zh {
            zh
        } else {
            en
        }
    }
}
