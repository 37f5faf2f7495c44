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

/// What a key of a case or reported file should hold (E519).
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// `[[key]]`, not `[key]`.
    CaseList(String),
    ExpectTable,
    FactsTable,
    Number,
    Quoted,
    OneValue,
    ScoreOrGrade,
}

/// The main message of a diagnostic. The variant fixes the code and severity.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    // ---- E0xx: syntax
    Syntax {
        expected: Vec<String>,
        found: String,
        /// A keyword the found word runs into (`预算完成率在90`), when
        /// spacing is the likely cause.
        glued: Option<String>,
    },
    MissingThen,
    UnclosedParen {
        open: char,
    },
    InclNotAfterNumber,
    UnknownKeyword {
        found: String,
        suggestion: String,
    },
    StrayChar {
        ch: char,
    },
    MissingStepMode,
    TooDeep {
        limit: usize,
    },
    FileTooLarge {
        bytes: usize,
        limit: usize,
    },
    NumberTooLarge {
        text: String,
    },
    /// `保留 11 位小数`: more places than scores are kept to.
    TooManyPlaces {
        text: String,
        limit: u32,
    },
    MissingHeader,
    UnexpectedEnd,
    ExprTooLong {
        limit: usize,
    },
    PercentWithoutNumber,
    UnclosedBrace {
        open: char,
    },
    UnmatchedClose {
        close: char,
    },
    OddSpace {
        code: u32,
    },
    NumberOutOfRange {
        text: String,
        limit: i64,
    },
    DanglingOperator {
        op: char,
    },
    /// A reserved word where a name belongs, with the Chinese word it means.
    ReservedWord {
        word: String,
        meaning: String,
    },
    NameNeedsQuotes {
        name: String,
        ch: char,
    },
    // ---- E1xx: names, types, units
    UnknownName {
        name: String,
    },
    DuplicateName {
        name: String,
    },
    UnitMismatch {
        op: String,
        left: String,
        right: String,
    },
    NotAScore {
        found: String,
    },
    DefinitionCycle {
        cycle: Vec<String>,
    },
    WeightsDoNotAddUp {
        parent: String,
        declared: String,
        sum: String,
    },
    ConstantAboveWeight {
        value: String,
        weight: String,
    },
    ConstantBelowZero {
        value: String,
    },
    NotACondition {
        found: String,
    },
    UnknownUnit {
        unit: String,
    },
    UnknownVariant {
        name: String,
        ty: String,
    },
    UnknownGrade {
        name: String,
    },
    DuplicateIndicator {
        name: String,
    },
    EmptyIndicator {
        name: String,
    },
    ChildrenAndRules {
        name: String,
    },
    TransferNotSibling {
        name: String,
    },
    MatchNotExhaustive {
        missing: Vec<String>,
    },
    RowAfterElse,
    BadDefault {
        name: String,
        expected: String,
    },
    WrongArity {
        func: String,
        expected: String,
        found: usize,
    },
    GradeBandsOrder,
    TextNotAllowed {
        name: String,
    },
    TableRate {
        table: String,
        found: String,
    },
    TooManyUnits {
        name: String,
    },
    QualitativeTypes {
        tier: String,
        rate: String,
    },
    NotApplicableOnParentOnly,
    MissingGrades,
    AllowNotALint {
        code: String,
    },
    GradeRangeGap {
        from: String,
        to: String,
    },
    BareNumberWithPercent {
        /// The bare number as written, empty when it is not one literal.
        number: String,
        /// For a number up to 1 (`0.95`): the percentage it is as a
        /// fraction (`95`), the other reading the author may have meant.
        fraction: Option<String>,
    },
    PercentAsPoints,
    RatioTargetNotPositive {
        target: String,
    },
    VetoOnParent {
        name: String,
    },
    MixedKindChildren {
        parent: String,
        child: String,
    },
    // ---- W2xx: lints
    DivisionByMaybeZero {
        divisor: String,
    },
    UnusedInput {
        name: String,
    },
    TierGap {
        indicator: String,
        range: String,
        witness: String,
    },
    /// A gap in rows over yes/no and enumeration conditions (W203 too).
    CaseGap {
        indicator: String,
        /// The uncovered case: `地区 = 东部 且 比例 < 100%`.
        case: String,
    },
    RowNeverApplies {
        indicator: String,
        row: usize,
    },
    TierOverlap {
        indicator: String,
        value: String,
        first: usize,
        second: usize,
    },
    NotMonotone {
        indicator: String,
        fact: String,
        higher: bool,
        a: String,
        sa: String,
        b: String,
        sb: String,
    },
    MayExceedWeight {
        indicator: String,
        witness: String,
        score: String,
        weight: String,
    },
    MayGoNegative {
        indicator: String,
        witness: String,
        score: String,
    },
    GradeGap {
        from: String,
        to: String,
    },
    EndpointUnassigned {
        indicator: String,
        value: String,
    },
    GradeUnreachable {
        grade: String,
        min: String,
        full: String,
    },
    AllowUnused {
        code: String,
    },
    BandsOverlap {
        indicator: String,
        first: String,
        second: String,
        value: String,
    },
    BandsGap {
        indicator: String,
        range: String,
    },
    GradeRangeOverlap {
        value: String,
        higher: String,
        lower: String,
    },
    // ---- E3xx: facts
    MissingFact {
        name: String,
        expected: String,
    },
    UnknownFact {
        name: String,
    },
    FactWrongUnit {
        name: String,
        expected: String,
        found: String,
    },
    FactNotNumber {
        name: String,
        value: String,
        expected: String,
    },
    /// A bare number for a percentage: `100` for `100%`.
    FactMissingPercent {
        name: String,
        value: String,
    },
    /// More significant digits than can be held exactly, or too large.
    FactNumberRange {
        name: String,
        value: String,
    },
    /// `1e3`, `1E3万元` in a written value.
    FactExponent {
        name: String,
        value: String,
    },
    /// Thousands separators not in groups of three: `1,5`.
    FactSeparator {
        name: String,
        value: String,
    },
    /// A fraction or a negative number for a count (人, 家, 次 …).
    FactNotCount {
        name: String,
        value: String,
        unit: String,
    },
    FactNotBool {
        name: String,
        value: String,
    },
    FactNotVariant {
        name: String,
        value: String,
        variants: Vec<String>,
    },
    FactsSyntax {
        format: String,
        detail: String,
    },
    FactNotPositive {
        name: String,
        value: String,
    },
    FactZero {
        name: String,
    },
    FactsFormat {
        path: String,
    },
    FactWrongType {
        name: String,
        expected: String,
    },
    // ---- E340–E349: target-table rows (指标表) in a facts file
    TableNotRows {
        table: String,
    },
    TableUnknownColumn {
        table: String,
        row: usize,
        column: String,
    },
    TableCell {
        table: String,
        row: usize,
        name: String,
        column: String,
        value: String,
        expected: CellExpected,
    },
    TableRowUnits {
        table: String,
        row: usize,
        name: String,
        target: String,
        actual: String,
    },
    TableWeights {
        table: String,
        declared: String,
        sum: String,
    },
    TableNoRule {
        table: String,
        row: usize,
        name: String,
        kind: String,
    },
    TableScoreOutsideRange {
        table: String,
        row: usize,
        name: String,
        score: String,
        lo: (String, bool),
        hi: (String, bool),
    },
    AssessorNotAnIndicator {
        name: String,
    },
    // ---- E320–E339: batch scoring (one error record per bad row)
    BatchRowWidth {
        found: usize,
        expected: usize,
    },
    BatchBadRecord {
        detail: String,
    },
    BatchUnknownColumn {
        name: String,
        suggestion: String,
    },
    BatchDuplicateColumn {
        name: String,
    },
    BatchInputFormat {
        path: String,
    },
    /// Inputs without a default that no column of the header gives.
    BatchMissingColumns {
        names: Vec<String>,
    },
    /// A column close to an input's name: read past, with a warning.
    BatchColumnMisspelt {
        name: String,
        suggestion: String,
    },
    SheetNotFound {
        sheet: String,
        available: Vec<String>,
    },
    SheetUnreadable {
        path: String,
        detail: String,
    },
    /// `score` reads one unit; the sheet holds another number of rows.
    SheetNotOneUnit {
        sheet: String,
        rows: usize,
    },
    ConstraintViolated {
        values: Vec<String>,
    },
    BoundSplits {
        fact: String,
        bound: String,
        split: String,
        a: String,
        sa: String,
        b: String,
        sb: String,
    },
    BoundNotExact {
        fact: String,
        bound: String,
        indicator: String,
    },
    BoundNotNumeric {
        fact: String,
    },
    BoundEmpty {
        fact: String,
        bound: String,
    },
    BoundTooMany {
        count: usize,
    },
    // ---- E4xx: evaluation
    DivisionByZero {
        indicator: String,
        left: String,
        right: String,
    },
    NoRowMatched {
        indicator: String,
    },
    RateOutsideBand {
        indicator: String,
        tier: String,
        rate: String,
        lo: String,
        hi: String,
    },
    Overflow {
        indicator: String,
    },
    /// `facts`: the inputs a `得分 = …` row computed it from (`name = value`);
    /// `direct`: the score is one of them as it stands (then the data is wrong).
    ScoreAboveWeight {
        indicator: String,
        score: String,
        weight: String,
        facts: Vec<String>,
        direct: bool,
    },
    ScoreNegative {
        indicator: String,
        score: String,
        facts: Vec<String>,
        direct: bool,
    },
    NoGrade {
        total: String,
    },
    AssessorPickMissing {
        indicator: String,
        lo: String,
        hi: String,
    },
    AssessorPickOutside {
        indicator: String,
        pick: String,
        lo: String,
        hi: String,
    },
    TierHasNoBand {
        indicator: String,
        tier: String,
    },
    // ---- E5xx: files and usage
    CannotRead {
        path: String,
        reason: String,
    },
    NotUtf8 {
        path: String,
    },
    /// An output could not be created or written; `None` is standard output.
    CannotWrite {
        path: Option<String>,
        reason: String,
    },
    /// `-o` names, directly or through a link, a file the command reads.
    OutputIsInput {
        path: String,
        input: String,
    },
    /// A file read whole is larger than its limit (or endless, `/dev/zero`).
    InputTooLarge {
        path: String,
        limit: u64,
    },
    /// A batch row whose bytes are not UTF-8 (same code as any unreadable row).
    BatchRowNotUtf8,
    /// A CSV record or JSON line longer than the limit.
    BatchRowTooLong {
        limit_mib: u64,
    },
    CaseFileSyntax {
        detail: String,
    },
    CaseUnknownIndicator {
        name: String,
    },
    CaseFailed {
        case: String,
        what: String,
        expected: String,
        got: String,
    },
    AuditMismatch {
        what: String,
        reported: String,
        computed: String,
    },
    NoCases {
        path: String,
    },
    DiffMissingFacts {
        unit: String,
        names: String,
    },
    DataUnclosedQuote,
    DataRowWidth {
        row: usize,
        found: usize,
        expected: usize,
    },
    DataEmpty {
        path: String,
    },
    /// A key of a case file that jixiao does not read.
    CaseUnknownKey {
        key: String,
        allowed: Vec<String>,
    },
    /// A key of a case or reported file holding the wrong kind of value.
    KeyWrongShape {
        key: String,
        expected: Shape,
    },
    CaseNoExpectation {
        case: String,
    },
    /// A case file naming a file outside its own folder.
    CasePathOutside {
        path: String,
    },
    /// A reported file in which no figure could be compared.
    AuditNothingCompared {
        path: String,
    },
    /// A key of a reported file that is no indicator, total, grade or facts table.
    ReportedUnknown {
        name: String,
    },
    ReportedNotAGrade {
        name: String,
        grades: Vec<String>,
    },
    // ---- E6xx: the REPL
    UnknownCommand {
        name: String,
    },
    CommandUsage {
        usage: String,
    },
    NoRubric,
    UnknownIndicator {
        name: String,
    },
    BadGoal {
        target: String,
    },
    NotAnInput {
        name: String,
    },
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
    Value {
        name: String,
        value: String,
    },
    Declared(String),
    GuardHint,
    InclHint,
    ParenOpened,
    FileEndsHere,
    /// A percentage input is at least 0 unless a 约束 says otherwise.
    PercentFloor(String),
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
    /// 实际完成值 of a 定性 row: one of these levels.
    Level {
        levels: Vec<String>,
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
    fn text(&self, zh: bool) -> String {
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
            CellExpected::Level { levels } => {
                if zh {
                    format!("评分表列出的档次之一：{}", levels.join("、"))
                } else {
                    format!(
                        "one of the rubric's levels: {}",
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
fn end(e: &(String, bool), zh: bool) -> String {
    match (e.1, zh) {
        (true, true) => format!("{}（含）", e.0),
        (true, false) => format!("{} (incl.)", e.0),
        (false, _) => e.0.clone(),
    }
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
            NumberTooLarge { .. } | TooManyPlaces { .. } => "E010",
            MissingHeader => "E011",
            UnexpectedEnd => "E012",
            ExprTooLong { .. } => "E013",
            PercentWithoutNumber => "E014",
            UnclosedBrace { .. } => "E015",
            UnmatchedClose { .. } => "E016",
            OddSpace { .. } => "E017",
            NumberOutOfRange { .. } => "E018",
            DanglingOperator { .. } => "E019",
            ReservedWord { .. } => "E020",
            NameNeedsQuotes { .. } => "E021",
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
            TableRate { .. } => "E127",
            TooManyUnits { .. } => "E128",
            NotApplicableOnParentOnly => "E124",
            AllowNotALint { .. } => "E125",
            GradeRangeGap { .. } => "E126",
            BareNumberWithPercent { .. } => "E131",
            PercentAsPoints => "E132",
            RatioTargetNotPositive { .. } => "E133",
            VetoOnParent { .. } => "E134",
            MixedKindChildren { .. } => "E135",
            MissingGrades => "W240",
            DivisionByMaybeZero { .. } => "W201",
            UnusedInput { .. } => "W202",
            TierGap { .. } | CaseGap { .. } => "W203",
            RowNeverApplies { .. } => "W204",
            TierOverlap { .. } => "W205",
            NotMonotone { .. } => "W206",
            MayExceedWeight { .. } => "W207",
            MayGoNegative { .. } => "W208",
            GradeGap { .. } => "W209",
            EndpointUnassigned { .. } => "W210",
            GradeUnreachable { .. } => "W211",
            AllowUnused { .. } => "W212",
            BandsOverlap { .. } => "W213",
            BandsGap { .. } => "W214",
            GradeRangeOverlap { .. } => "W215",
            MissingFact { .. } => "E301",
            UnknownFact { .. } => "E302",
            FactWrongUnit { .. } => "E303",
            FactNotNumber { .. } => "E304",
            FactMissingPercent { .. } => "E303",
            FactNumberRange { .. } | FactExponent { .. } => "E318",
            FactSeparator { .. } => "E319",
            FactNotCount { .. } => "E325",
            FactNotBool { .. } => "E305",
            FactNotVariant { .. } => "E306",
            FactsSyntax { .. } => "E307",
            FactNotPositive { .. } => "E308",
            FactZero { .. } => "E309",
            FactsFormat { .. } => "E310",
            FactWrongType { .. } => "E311",
            TableNotRows { .. } => "E340",
            TableUnknownColumn { .. } => "E341",
            TableCell { .. } => "E342",
            TableRowUnits { .. } => "E343",
            TableWeights { .. } => "E344",
            TableNoRule { .. } => "E345",
            TableScoreOutsideRange { .. } => "E346",
            AssessorNotAnIndicator { .. } => "E347",
            BatchRowWidth { .. } => "E320",
            BatchBadRecord { .. } | BatchRowNotUtf8 | BatchRowTooLong { .. } => "E321",
            BatchUnknownColumn { .. } => "E322",
            BatchDuplicateColumn { .. } => "E323",
            BatchInputFormat { .. } => "E324",
            BatchMissingColumns { .. } => "E330",
            BatchColumnMisspelt { .. } => "W326",
            SheetNotFound { .. } => "E327",
            SheetUnreadable { .. } => "E328",
            SheetNotOneUnit { .. } => "E329",
            ConstraintViolated { .. } => "E312",
            BoundSplits { .. } => "E313",
            BoundNotExact { .. } => "E314",
            BoundNotNumeric { .. } => "E315",
            BoundTooMany { .. } => "E316",
            BoundEmpty { .. } => "E317",
            DivisionByZero { .. } => "E401",
            NoRowMatched { .. } => "E402",
            RateOutsideBand { .. } => "E403",
            Overflow { .. } => "E404",
            ScoreAboveWeight { .. } => "E405",
            ScoreNegative { .. } => "E406",
            NoGrade { .. } => "E407",
            TierHasNoBand { .. } => "E408",
            AssessorPickMissing { .. } => "E409",
            AssessorPickOutside { .. } => "E410",
            CannotRead { .. } => "E501",
            NotUtf8 { .. } => "E502",
            CannotWrite { .. } => "E503",
            OutputIsInput { .. } => "E504",
            InputTooLarge { .. } => "E505",
            CaseFileSyntax { .. } => "E510",
            CaseUnknownIndicator { .. } | ReportedUnknown { .. } => "E511",
            CaseFailed { .. } => "E512",
            AuditMismatch { .. } => "E513",
            NoCases { .. } => "E514",
            DiffMissingFacts { .. } => "E515",
            DataUnclosedQuote | DataRowWidth { .. } => "E516",
            DataEmpty { .. } => "E517",
            CaseUnknownKey { .. } => "E518",
            KeyWrongShape { .. } => "E519",
            CaseNoExpectation { .. } => "E520",
            CasePathOutside { .. } => "E521",
            AuditNothingCompared { .. } => "E522",
            ReportedNotAGrade { .. } => "E523",
            UnknownCommand { .. } => "E601",
            CommandUsage { .. } => "E602",
            NoRubric => "E603",
            UnknownIndicator { .. } => "E604",
            BadGoal { .. } => "E605",
            NotAnInput { .. } => "E606",
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        use Msg::*;
        let zh = lang == Lang::Zh;
        match self {
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
            MissingGrades => t(zh, "评分表没有等级划分，得分将不评等级", "the rubric declares no grade bands; scores will have no grade"),
            DivisionByMaybeZero { divisor } => {
                if zh {
                    format!("除数“{divisor}”可能为 0")
                } else {
                    format!("the divisor `{divisor}` may be zero")
                }
            }
            AllowNotALint { code } => {
                if zh {
                    format!("“{code}”不是可以允许的警告代码")
                } else {
                    format!("`{code}` is not a warning code that can be allowed")
                }
            }
            UnusedInput { name } => {
                if zh {
                    format!("输入“{name}”从未被使用")
                } else {
                    format!("input `{name}` is never used")
                }
            }
            TierGap { indicator, range, witness } => {
                if zh {
                    format!("“{indicator}”的分档有缺口：{range} 内的值（例如 {witness}）没有任何一行适用")
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
            TierOverlap { indicator, value, first, second } => {
                if zh {
                    format!("“{indicator}”的第 {first} 行与第 {second} 行重叠：{value} 两行都适用，按先后取第 {first} 行")
                } else {
                    format!("rows {first} and {second} of `{indicator}` overlap: both apply at {value}; the earlier row {first} wins")
                }
            }
            NotMonotone { indicator, fact, higher, a, sa, b, sb } => {
                if zh {
                    let dir = if *higher { "正向（越高越好）" } else { "反向（越低越好）" };
                    format!("“{fact}”声明为{dir}，但“{indicator}”的得分不单调：{a} → {sa} 分，{b} → {sb} 分")
                } else {
                    let dir = if *higher { "higher-is-better (`正向`)" } else { "lower-is-better (`反向`)" };
                    format!("`{fact}` is declared {dir} but `{indicator}` does not score monotonically: {a} → {sa}, {b} → {sb}")
                }
            }
            MayExceedWeight { indicator, witness, score, weight } => {
                if zh {
                    format!("“{indicator}”可能得分超过分值 {weight}：{witness} 时得 {score} 分")
                } else {
                    format!("`{indicator}` can score more than its weight {weight}: `{witness}` gives {score}")
                }
            }
            MayGoNegative { indicator, witness, score } => {
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
            BandsOverlap { indicator, first, second, value } => {
                if zh {
                    format!("“{indicator}”的“{first}”档与“{second}”档的得分率范围重叠：{value} 两档都可以")
                } else {
                    format!("the rate bands of `{first}` and `{second}` in `{indicator}` overlap: {value} fits both")
                }
            }
            BandsGap { indicator, range } => {
                if zh {
                    format!("“{indicator}”的得分率范围有缺口：{range} 不属于任何一档")
                } else {
                    format!("the rate bands of `{indicator}` leave a gap: {range} fits no tier")
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
            GradeRangeOverlap { value, higher, lower } => {
                if zh {
                    format!("等级“{higher}”与“{lower}”的区间重叠：总分 {value} 两个等级都包含，取较高的“{higher}”")
                } else {
                    format!("the grades `{higher}` and `{lower}` overlap: a total of {value} is in both; the higher `{higher}` is given")
                }
            }
            MissingFact { name, expected } => {
                if zh {
                    format!("缺少事实“{name}”（应为{expected}）")
                } else {
                    format!("missing fact `{name}` (expected `{expected}`)")
                }
            }
            UnknownFact { name } => {
                if zh {
                    format!("评分表没有声明输入“{name}”")
                } else {
                    format!("the rubric declares no input `{name}`")
                }
            }
            AssessorNotAnIndicator { name } => {
                if zh {
                    format!("[评审打分] 中的“{name}”不是由评审打分的指标")
                } else {
                    format!("`{name}` in `[评审打分]` is not an indicator the assessor scores")
                }
            }
            AssessorPickMissing { indicator, lo, hi } => {
                if zh {
                    format!("“{indicator}”适用的档次由评审在 {lo} 至 {hi} 分之间打分，但事实文件的 [评审打分] 中没有给出")
                } else {
                    format!("the row of `{indicator}` that applies is scored by the assessor within {lo}–{hi}, but `[评审打分]` in the facts gives no score")
                }
            }
            AssessorPickOutside { indicator, pick, lo, hi } => {
                if zh {
                    format!("“{indicator}”的评审打分 {pick} 不在该档的 {lo} 至 {hi} 分之间")
                } else {
                    format!("the assessor's score {pick} for `{indicator}` is not within its row's {lo}–{hi}")
                }
            }
            TableNotRows { table } => {
                if zh {
                    format!("指标表“{table}”的行应写成一组表格：TOML 用 [[{table}]]，JSON 用 [ {{…}}, … ]，且至少一行")
                } else {
                    format!("the rows of target table `{table}` must be a list of tables: `[[{table}]]` in TOML, `[ {{…}}, … ]` in JSON, at least one")
                }
            }
            TableUnknownColumn { table, row, column } => {
                if zh {
                    format!("指标表“{table}”第 {row} 行有未知的列“{column}”")
                } else {
                    format!("row {row} of target table `{table}` has an unknown column `{column}`")
                }
            }
            TableCell { table, row, name, column, value, expected } => {
                let expected = expected.text(zh);
                if zh {
                    format!("指标表“{table}”第 {row} 行（{name}）的“{column}”为“{value}”，应为{expected}")
                } else {
                    format!("row {row} (`{name}`) of target table `{table}`: `{column}` is `{value}`, expected {expected}")
                }
            }
            TableRowUnits { table, row, name, target, actual } => {
                if zh {
                    format!("指标表“{table}”第 {row} 行（{name}）的指标值单位“{target}”与实际完成值单位“{actual}”不同")
                } else {
                    format!("row {row} (`{name}`) of target table `{table}`: the target is in `{target}` but the actual is in `{actual}`")
                }
            }
            TableWeights { table, declared, sum } => {
                if zh {
                    format!("指标表“{table}”的分值为 {declared}，但各行分值合计 {sum}")
                } else {
                    format!("target table `{table}` has weight {declared} but its rows' weights add up to {sum}")
                }
            }
            TableNoRule { table, row, name, kind } => {
                if zh {
                    format!("指标表“{table}”第 {row} 行（{name}）的指标性质为“{kind}”，但评分表没有规定这类行如何计分")
                } else {
                    format!("row {row} (`{name}`) of target table `{table}` is of kind `{kind}`, but the rubric states no rule for such rows")
                }
            }
            TableScoreOutsideRange { table, row, name, score, lo, hi } => {
                let (lo, hi) = (end(lo, zh), end(hi, zh));
                if zh {
                    format!("指标表“{table}”第 {row} 行（{name}）的评审得分 {score} 不在 {lo} 至 {hi} 之间")
                } else {
                    format!("row {row} (`{name}`) of target table `{table}`: the assessor's score {score} is not between {lo} and {hi}")
                }
            }
            FactWrongUnit { name, expected, found } => {
                if zh {
                    format!("“{name}”的单位应为{expected}，却是{found}")
                } else {
                    format!("`{name}` should be in `{expected}`, found `{found}`")
                }
            }
            FactNotNumber { name, value, expected } => {
                if zh {
                    format!("“{name}”的值“{value}”不是数字（应为{expected}）")
                } else {
                    format!("the value `{value}` of `{name}` is not a number (expected `{expected}`)")
                }
            }
            FactMissingPercent { name, value } => {
                if zh {
                    format!("“{name}”的值“{value}”缺少 %：写成 \"{value}%\"")
                } else {
                    format!("the value `{value}` of `{name}` lacks %: write \"{value}%\"")
                }
            }
            FactNumberRange { name, value } => {
                if zh {
                    format!("“{name}”的值“{value}”超出可精确表示的范围（最多 28 位有效数字），不能四舍五入后再用")
                } else {
                    format!("the value `{value}` of `{name}` cannot be held exactly (at most 28 significant digits) and is not rounded")
                }
            }
            FactExponent { name, value } => {
                if zh {
                    format!("“{name}”的值“{value}”用了科学计数法（e 表示 10 的幂）")
                } else {
                    format!("the value `{value}` of `{name}` is in scientific notation (e for a power of 10)")
                }
            }
            FactSeparator { name, value } => {
                if zh {
                    format!("“{name}”的值“{value}”中的千位分隔符“,”不是每三位一组")
                } else {
                    format!("the thousands separators in the value `{value}` of `{name}` are not in groups of three")
                }
            }
            FactNotCount { name, value, unit } => {
                if zh {
                    format!("“{name}”是计数（{unit}），值“{value}”却是小数或负数")
                } else {
                    format!("`{name}` is a count (`{unit}`), but the value `{value}` is a fraction or negative")
                }
            }
            FactNotBool { name, value } => {
                if zh {
                    format!("“{name}”的值“{value}”应为 是 或 否")
                } else {
                    format!("the value `{value}` of `{name}` should be `是` (yes) or `否` (no)")
                }
            }
            FactNotVariant { name, value, variants } => {
                let v = variants.join("、");
                if zh {
                    format!("“{name}”的值“{value}”不在可选值中：{v}")
                } else {
                    format!("the value `{value}` of `{name}` is not one of: {}", backticked(variants))
                }
            }
            FactsSyntax { format, detail } => {
                if zh {
                    format!("{format} 格式错误：{}", library_detail_zh(detail))
                } else {
                    format!("malformed {format}: {detail}")
                }
            }
            FactNotPositive { name, value } => {
                if zh {
                    format!("“{name}”必须大于 0，却是 {value}")
                } else {
                    format!("`{name}` must be greater than 0, found `{value}`")
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
                    format!("无法识别事实文件“{path}”的格式（支持 .toml、.json、.xlsx、.xlsm、.xls、.xlsb、.ods）")
                } else {
                    format!("cannot tell the format of facts file `{path}` (.toml, .json, .xlsx, .xlsm, .xls, .xlsb and .ods are supported)")
                }
            }
            FactWrongType { name, expected } => {
                if zh {
                    format!("“{name}”的值类型不对，应为{expected}")
                } else {
                    format!("the value of `{name}` has the wrong type; expected `{expected}`")
                }
            }
            BatchRowWidth { found, expected } => {
                if zh {
                    format!("这一行有 {found} 列，表头有 {expected} 列")
                } else {
                    format!("this row has {found} fields, the header has {expected}")
                }
            }
            BatchBadRecord { detail } => {
                if zh {
                    format!("这一行无法读取：{detail}")
                } else {
                    format!("this row cannot be read: {detail}")
                }
            }
            BatchRowNotUtf8 => t(zh, "这一行无法读取：不是 UTF-8 编码", "this row cannot be read: it is not UTF-8"),
            BatchRowTooLong { limit_mib } => {
                if zh {
                    format!("这一行超过 {limit_mib} MiB，未读取")
                } else {
                    format!("this row is longer than {limit_mib} MiB and was not read")
                }
            }
            BatchUnknownColumn { name, suggestion } => {
                let hint = if suggestion.is_empty() { String::new() } else if zh { format!("（是否应为“{suggestion}”？）") } else { format!(" (did you mean `{suggestion}`?)") };
                if zh {
                    format!("表头中的“{name}”不是评分表声明的输入{hint}")
                } else {
                    format!("column `{name}` is not an input of the rubric{hint}")
                }
            }
            BatchDuplicateColumn { name } => {
                if zh {
                    format!("表头中“{name}”出现了不止一次")
                } else {
                    format!("column `{name}` appears more than once in the header")
                }
            }
            BatchInputFormat { path } => {
                if zh {
                    format!("无法识别批量数据文件“{path}”的格式（支持 .csv、.jsonl、.xlsx、.xlsm、.xls、.xlsb、.ods）")
                } else {
                    format!("cannot tell the format of batch data file `{path}` (.csv, .jsonl, .xlsx, .xlsm, .xls, .xlsb and .ods are supported)")
                }
            }
            BatchMissingColumns { names } => {
                if zh {
                    format!("表头中没有输入{}的列，每一行都无法评分", quoted(names, zh))
                } else {
                    format!("the header has no column for {}, so no row can be scored", quoted(names, zh))
                }
            }
            BatchColumnMisspelt { name, suggestion } => {
                if zh {
                    format!("表头中的“{name}”不是评分表声明的输入（是否应为“{suggestion}”？），已跳过这一列")
                } else {
                    format!("column `{name}` is not an input of the rubric (did you mean `{suggestion}`?); the column is skipped")
                }
            }
            SheetNotFound { sheet, available } => {
                if zh {
                    format!("工作簿中没有名为“{sheet}”的工作表（有：{}）", available.join("、"))
                } else {
                    format!("the workbook has no sheet named `{sheet}` (it has: {})", quoted(available, zh))
                }
            }
            SheetUnreadable { path, detail } => {
                if zh {
                    format!("无法读取工作簿“{path}”：{detail}")
                } else {
                    format!("cannot read workbook `{path}`: {detail}")
                }
            }
            SheetNotOneUnit { sheet, rows } => {
                if zh {
                    format!("工作表“{sheet}”有 {rows} 行数据，评分一个单位需要正好一行（或“名称/值”两列）")
                } else {
                    format!("sheet `{sheet}` has {rows} data rows; scoring one unit needs exactly one (or two columns of name and value)")
                }
            }
            ConstraintViolated { values } => {
                if zh {
                    format!("事实不满足评分表的约束：{}", values.join("，"))
                } else {
                    format!("the facts break a constraint of the rubric: {}", backticked(values))
                }
            }
            BoundSplits { fact, bound, split, a, sa, b, sb } => {
                if zh {
                    format!("“{fact}”只知道 {bound}，而得分在 {split} 处分开：取 {a} 时总分 {sa}，取 {b} 时总分 {sb}")
                } else {
                    format!("`{fact}` is only known as `{bound}`, and the score splits at `{split}`: `{a}` gives a total of {sa}, `{b}` gives {sb}")
                }
            }
            BoundNotExact { fact, bound, indicator } => {
                if zh {
                    format!("“{fact}”只知道 {bound}，但“{indicator}”在这个范围内按确切值计分")
                } else {
                    format!("`{fact}` is only known as `{bound}`, but `{indicator}` scores its exact value within that range")
                }
            }
            BoundEmpty { fact, bound } => {
                if zh {
                    format!("“{fact}”给出的范围 {bound} 内没有它可以取的值")
                } else {
                    format!("the range `{bound}` given for `{fact}` contains no value it may take")
                }
            }
            BoundNotNumeric { fact } => {
                if zh {
                    format!("“{fact}”不是数值，不能只给出范围")
                } else {
                    format!("`{fact}` is not a number, so it cannot be given as a bound")
                }
            }
            BoundTooMany { count } => {
                if zh {
                    format!("只知道范围的事实太多（{count} 项），无法逐一核对所有组合")
                } else {
                    format!("too many facts are given only as bounds ({count}) to check every combination")
                }
            }
            DivisionByZero { indicator, left, right } => {
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
            RateOutsideBand { indicator, tier, rate, lo, hi } => {
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
            ScoreAboveWeight { indicator, score, weight, .. } => {
                if zh {
                    format!("“{indicator}”得分 {score} 超过分值 {weight}")
                } else {
                    format!("`{indicator}` scores {score}, more than its weight {weight}")
                }
            }
            ScoreNegative { indicator, score, .. } => {
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
            UnknownCommand { name } => {
                if zh {
                    format!("未知的命令“{name}”")
                } else {
                    format!("unknown command `{name}`")
                }
            }
            CommandUsage { usage } => {
                if zh {
                    format!("命令写法不对，应为：{usage}")
                } else {
                    format!("wrong use of the command; write: `{usage}`")
                }
            }
            NoRubric => t(zh, "尚未载入评分表", "no rubric is loaded"),
            UnknownIndicator { name } => {
                if zh {
                    format!("未定义的指标“{name}”")
                } else {
                    format!("unknown indicator `{name}`")
                }
            }
            BadGoal { target } => {
                if zh {
                    format!("无法理解的目标“{target}”")
                } else {
                    format!("cannot understand the target `{target}`")
                }
            }
            NotAnInput { name } => {
                if zh {
                    format!("“{name}”不是输入项，只能设定或求解输入的值")
                } else {
                    format!("`{name}` is not an input; only inputs can be set or solved for")
                }
            }
        }
    }

    /// A line telling the user how to fix it.
    pub fn help(&self, lang: Lang) -> Option<String> {
        use Msg::*;
        let zh = lang == Lang::Zh;
        let s = match self {
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
            Overflow { .. } => t(
                zh,
                "结果超出 28 位有效数字；检查事实中的数是否多写了位数，或单位是否用错（元与万元）",
                "the result exceeds 28 significant digits; check the facts for extra digits or a wrong unit (`元` vs `万元`)",
            ),
            TierHasNoBand { .. } => t(zh, "在定性评分中为每一档写出得分率范围", "give every tier a rate band in the qualitative rule"),
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
            FactNotVariant { .. } => t(zh, "改为列出的取值之一，或在规则文件的类型中加上这个取值", "use one of the listed values, or add this value to the type in the rubric"),
            FactsFormat { .. } => t(zh, "事实文件以 .toml、.json 或 .xlsx 结尾", "name the facts file with .toml, .json or .xlsx"),
            BatchMissingColumns { .. } => t(zh, "在表头加上这些列（列名与评分表中“输入”的名称相同），或在评分表中给这些输入默认值", "add these columns to the header, named as the rubric's inputs, or give the inputs a default in the rubric"),
            BatchColumnMisspelt { suggestion, .. } => {
                if zh {
                    format!("若这一列是“{suggestion}”，把表头改为“{suggestion}”")
                } else {
                    format!("if the column is `{suggestion}`, rename the header to `{suggestion}`")
                }
            }
            SheetNotFound { .. } => t(zh, "用 --sheet 指定列出的工作表之一", "pass one of the listed sheets with --sheet"),
            SheetUnreadable { .. } => t(zh, "用 Excel 或 WPS 打开后另存为 .xlsx 再试", "open it in Excel or WPS, save it as .xlsx and try again"),
            SheetNotOneUnit { .. } => t(zh, "多个单位请用 jixiao batch；或用 --sheet 选择只有一个单位的工作表", "use jixiao batch for many units, or pick a sheet with one unit with --sheet"),
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
            MissingGrades => t(zh, "在表头后加一行，例如：等级 优 >= 90，良 >= 80，中 >= 60，差", "add a line after the header, e.g. `等级 优 >= 90，良 >= 80，中 >= 60，差`"),
            GradeBandsOrder => t(zh, "例如：等级 优 >= 90，良 >= 80，中 >= 60，差", "e.g. `等级 优 >= 90，良 >= 80，中 >= 60，差`"),
            DivisionByMaybeZero { .. } => t(
                zh,
                "在输入声明中加“正数”或“非零”，或先写一行处理为 0 的情况",
                "mark the input `正数` (positive) or `非零` (nonzero), or handle 0 in an earlier row",
            ),
            UnusedInput { .. } => t(zh, "删除该输入，或在规则中使用它", "remove the input or use it in a rule"),
            MissingFact { .. } => t(zh, "在事实文件中补上该项，或在规则中用“默认”给出默认值", "add it to the facts file, or give it a `默认` (default) in the rubric"),
            UnknownFact { .. } => t(zh, "检查名称是否写错，或在评分表中声明该输入", "check the spelling, or declare the input in the rubric"),
            FactWrongUnit { .. } => t(zh, "写成带单位的字符串，例如 \"6,702 万元\"", "write it with its unit, e.g. \"6,702 万元\""),
            FactNotNumber { .. } => t(zh, "例如：6702、\"6,702 万元\"、\"85.8%\"", "e.g. 6702, \"6,702 万元\", \"85.8%\""),
            FactMissingPercent { .. } => t(zh, "百分比要写出 %：不带 % 的 0.858 和 85.8 都可能指 85.8%", "write the % sign: without it, 0.858 and 85.8 could both mean 85.8%"),
            FactNumberRange { .. } => t(zh, "核对原始数据，去掉多余的位数（或换用更大的单位，如 万元、亿元）", "check the source figure and drop the surplus digits (or use a larger unit such as `万元` or `亿元`)"),
            FactExponent { .. } => t(zh, "写出完整的数字，如 1000 而不是 1e3（Excel：把单元格格式设为“数值”后再导出）", "write the number out, e.g. 1000 rather than 1e3 (Excel: format the cells as Number before exporting)"),
            FactSeparator { .. } => t(zh, "小数点用“.”，如 1.5；千位分隔每三位一组，如 1,500", "use `.` for a decimal point, e.g. 1.5; thousands separators go every three digits, e.g. 1,500"),
            FactNotCount { .. } => t(zh, "计数须为不小于 0 的整数；声明中没有允许小数或负数的写法，确需时把该输入声明为“数”", "a count is a whole number of at least 0; no declaration allows fractions or negatives, so declare the input as `数` (number) if it needs them"),
            FactNotBool { .. } => t(zh, "写“是”或“否”（或 true/false）", "write `是` or `否` (or `true`/`false`)"),
            NotUtf8 { path } if path.to_ascii_lowercase().ends_with(".csv") => t(zh, "用 UTF-8 编码另存该文件（Excel：另存为“CSV UTF-8”）", "save the file as UTF-8 (Excel: Save As \"CSV UTF-8\")"),
            NotUtf8 { .. } => t(zh, "用 UTF-8 编码另存该文件（记事本：另存为时编码选“UTF-8”）", "save the file as UTF-8 (Notepad: choose UTF-8 as the encoding in Save As)"),
            DivisionByZero { .. } => t(zh, "检查事实是否为 0，或在规则中先处理为 0 的情况", "check the facts, or handle 0 in an earlier row"),
            NoRowMatched { .. } => t(zh, "补上“否则”一行，或检查分档是否有缺口", "add an `否则`/`else` row or close the gap between tiers"),
            RateOutsideBand { .. } => t(zh, "选择与得分率相符的档次", "pick the tier that matches the rate"),
            ScoreAboveWeight { facts, direct, weight, .. } => score_out_of_range_help(zh, facts, *direct, Some(weight)),
            ScoreNegative { facts, direct, .. } => score_out_of_range_help(zh, facts, *direct, None),
            NoGrade { .. } => t(zh, "让最后一个等级不设下限", "leave the last grade band without a threshold"),
            UnknownCommand { .. } => t(zh, "输入 :help 查看全部命令", "type :help to list the commands"),
            NoRubric => t(zh, "先用 :load 文件.jx 载入评分表", "load one first with :load FILE.jx"),
            UnknownIndicator { .. } => t(zh, "输入 :tree 查看全部指标", "type :tree to list the indicators"),
            BadGoal { .. } => t(
                zh,
                "写成 总分 >= 90、等级 = 优 或 指标名 >= 分数，再写 by 输入名",
                "write `总分 >= 90`, `等级 = 优` or `INDICATOR >= points`, then `by INPUT`",
            ),
            NotAnInput { .. } => t(zh, "“定义”的值由输入算出；请设定它所依据的输入", "a `定义` value is computed from inputs; set those inputs instead"),
            CaseGap { .. } => t(zh, "补上这种情况的一行，或写“否则”", "add a row for that case, or an `否则` row"),
            TierGap { .. } | EndpointUnassigned { .. } => t(zh, "补上缺少的一档，或用（含）把端点归入一档", "add the missing tier, or mark the endpoint with `（含）` so one tier includes it"),
            RowNeverApplies { .. } => t(zh, "删除该行，或调整前面各行的范围", "delete the row or narrow the rows above it"),
            TierOverlap { .. } => t(zh, "让各档范围互不重叠，例如把“≥ 95%”改为“在 95%（含）和 100% 之间”", "make the tiers disjoint, e.g. `在 95%（含）和 100% 之间` instead of `≥ 95%`"),
            NotMonotone { .. } => t(zh, "检查分档是否与指标方向一致；若原文如此，可写 允许 W206 \"理由\"", "check the tiers against the declared direction; if the document says so, write `允许 W206 \"reason\"`"),
            MayExceedWeight { .. } => t(zh, "用 min(…, 分值) 封顶，或调整每项分数", "cap it with `min(…, 分值)` or lower the points per item"),
            MayGoNegative { .. } => t(zh, "加上“扣完为止”，或在前面写一行处理这些值；若原文如此，可写 允许 W208 \"理由\"", "add `扣完为止`, or handle those values in an earlier row; if the document says so, write `允许 W208 \"reason\"`"),
            GradeGap { .. } => t(zh, "让最后一个等级不设下限，例如：等级 优 >= 90，良 >= 80，中 >= 60，差", "leave the last grade without a threshold, e.g. `等级 优 >= 90，良 >= 80，中 >= 60，差`"),
            AllowUnused { .. } | AllowNotALint { .. } => t(zh, "删除这条“允许”，或改为确实出现的警告代码", "remove the allow, or name a warning that actually occurs here"),
            ConstraintViolated { .. } => t(zh, "核对事实文件中这些数字的出处", "check where these figures come from"),
            TooManyUnits { .. } => t(zh, "合并同义的单位，例如：单位 场 = 场次", "merge units that mean the same, e.g. `单位 场 = 场次`"),
            AssessorNotAnIndicator { .. } => t(zh, "只列出写了“评审打分”或分数区间（如 则 9-8）的指标", "list only indicators with `评审打分` or a score range such as `则 9-8`"),
            AssessorPickMissing { indicator, .. } => {
                if zh {
                    format!("在事实文件中写：[评审打分] 换行 {indicator} = 分数")
                } else {
                    format!("add to the facts: `[评审打分]` then `{indicator} = points`")
                }
            }
            AssessorPickOutside { .. } => t(zh, "给出该档范围内的分数，或核对适用的档次", "give a score within the row's range, or check which row applies"),
            TableRate { .. } => t(zh, "写成常数百分比，例如：等于 未达到 得 0%", "write a constant percentage, e.g. `等于 未达到 得 0%`"),
            TableNotRows { table } => {
                if zh {
                    format!("每行写成一个 [[{table}]] 表，含 指标名称、指标性质、年度指标值、实际完成值")
                } else {
                    format!("write each row as a `[[{table}]]` table with `指标名称`, `指标性质`, `年度指标值`, `实际完成值`")
                }
            }
            TableUnknownColumn { .. } => t(zh, "可用的列：一级指标、二级指标、指标名称、指标性质、年度指标值、实际完成值、分值、得分、偏差原因", "the columns are `一级指标`, `二级指标`, `指标名称`, `指标性质`, `年度指标值`, `实际完成值`, `分值`, `得分`, `偏差原因`"),
            TableCell { .. } => t(zh, "按原表填写该格，例如 年度指标值 = \"4000 人\"、指标性质 = \"≥\"", "fill the cell as the form prints it, e.g. `年度指标值 = \"4000 人\"`, `指标性质 = \"≥\"`"),
            TableRowUnits { .. } => t(zh, "指标值与实际完成值须用同一单位（万元与元可换算）", "write the target and the actual in the same unit (`万元` and `元` convert)"),
            TableWeights { .. } => t(zh, "核对各行分值；或在评分表中写“分值 均分”", "check the rows' weights, or write `分值 均分` in the rubric"),
            TableNoRule { .. } => t(zh, "在指标表中写明规则，例如：等于 未达到 得 0%；定性 达成 100%，未达成 0%", "state the rule in the table, e.g. `等于 未达到 得 0%`; `定性 达成 100%，未达成 0%`"),
            TableScoreOutsideRange { .. } => t(zh, "在该行的“得分”中填入所选档次范围内的分数", "enter a score within the level's range in the row's `得分`"),
            BoundSplits { .. } | BoundNotExact { .. } => t(zh, "给出确切值，或给出更窄的范围", "give the exact value or a narrower bound"),
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
            VetoOnParent { .. } => t(zh, "把一票否决写进每个下级指标，或写在顶层：一票否决 如果 … 则 总分 为 0", "write the `一票否决` in each child indicator, or at top level: `一票否决 如果 … 则 总分 为 0`"),
            MixedKindChildren { .. } => t(zh, "把加分、减分项写在顶层，或写在同种的加分、减分项中（共用上级的上限）", "put `加分`/`减分` items at top level or inside a group of the same kind (sharing its cap)"),
            GradeRangeGap { .. } => t(zh, "让相邻等级首尾相接，例如：良 80（含）至 90，优 90（含）至 100（含）", "make neighbouring grades meet, e.g. `良 80（含）至 90，优 90（含）至 100（含）`"),
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

/// The TOML/JSON readers' own messages are English; the common ones are
/// said in Chinese, the rest are kept as the library wrote them.
fn library_detail_zh(detail: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("invalid basic string", "字符串缺少右引号 \""),
        ("invalid literal string", "字符串缺少右引号 '"),
        (
            "invalid string; expected `\"`, `'`",
            "这里应是一个值（带引号的文字或数字）",
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
        ("trailing comma", "多余的逗号"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "字符串缺少右引号（字符串不能跨行）",
        ),
        ("EOF while parsing a value", "文件意外结束，缺少一个值"),
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
        (
            "invalid escape",
            "字符串中的 \\ 转义无效：写成 \\\\ 或去掉反斜杠",
        ),
    ];
    if let Some(key) = detail.strip_prefix("duplicate key `") {
        let name = key.split('`').next().unwrap_or("");
        return format!("名称“{name}”重复");
    }
    KNOWN
        .iter()
        .find(|(en, _)| detail.starts_with(en))
        .map(|(_, zh)| zh.to_string())
        .unwrap_or_else(|| detail.to_string())
}

/// E405/E406: blame the data when the score is a fact as it stands; name
/// the facts when it is computed from them; else the rule's fix only.
fn score_out_of_range_help(
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
fn backticked(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn t(zh: bool, a: &str, b: &str) -> String {
    if zh { a } else { b }.to_string()
}

/// The operating system's reason for a failed read arrives as English text
/// (`io::Error`'s display); the common ones are said in the reader's language.
fn io_reason(reason: &str, zh: bool) -> String {
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
    ];
    match known.iter().find(|(k, _, _)| reason.contains(k)) {
        Some((_, a, b)) => t(zh, a, b),
        None => reason.to_string(),
    }
}

/// An OS error while creating or writing a file, in the chosen language.
fn io_write_reason(reason: &str, zh: bool) -> String {
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
        None => reason.to_string(),
    }
}

/// The words `syntax::errors` uses for what the grammar expected.
fn expected_word(w: &str, zh: bool) -> String {
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
    "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "E009", "E010", "E011", "E012",
    "E013", "E014", "E015", "E016", "E017", "E018", "E019", "E020", "E021", "E101", "E102", "E103",
    "E104", "E105", "E106", "E107", "E108", "E109", "E110", "E111", "E112", "E113", "E114", "E115",
    "E116", "E117", "E118", "E119", "E120", "E121", "E122", "E123", "E124", "E125", "E126", "E127",
    "E128", "E131", "E132", "E133", "E134", "E135", "W201", "W202", "W203", "W204", "W205", "W206",
    "W207", "W208", "W209", "W210", "W211", "W212", "W213", "W214", "W215", "W240", "E301", "E302",
    "E303", "E304", "E305", "E306", "E307", "E308", "E309", "E310", "E311", "E312", "E313", "E314",
    "E315", "E316", "E317", "E318", "E319", "E320", "E321", "E322", "E323", "E324", "E325", "W326",
    "E327", "E328", "E329", "E330", "E340", "E341", "E342", "E343", "E344", "E345", "E346", "E347",
    "E401", "E402", "E403", "E404", "E405", "E406", "E407", "E408", "E409", "E410", "E501", "E502",
    "E503", "E504", "E505", "E510", "E511", "E512", "E513", "E514", "E515", "E516", "E517", "E518",
    "E519", "E520", "E521", "E522", "E523", "E601", "E602", "E603", "E604", "E605", "E606",
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
    /// Before the facts that made a veto's condition true.
    Because,
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
    BatchRow,
    BatchUnit,
    BatchError,
    BatchExplain,
    Failures,
    Coverage,
    Hits,
    NotHit,
    Reported,
    Computed,
    /// Target tables: the columns as the scorecard and ledger show them.
    TableRow,
    TargetValue,
    ActualValue,
    DeviationReason,
    AssessorGiven,
    NoDiscrepancies,
    HowComputed,
    /// `jixiao fmt`: a file rewritten / a file `--check` would rewrite.
    Reformatted,
    WouldReformat,
    /// `jixiao fmt` found that its result would not keep the rubric intact.
    FormatRefused,
    Old,
    New,
    GradeFlips,
    Mean,
    Min,
    Max,
    Units,
    Cause,
    WeightChanged,
    RulesChanged,
    IndicatorAdded,
    IndicatorRemoved,
    Changed,
    Unexplained,
    DefinitionChanged,
    GradesChanged,
    UnitName,
    /// Workbook output: the 自评表 and the batch workbook.
    Level1,
    Level2,
    Level3,
    Level4,
    Criteria,
    Actual,
    LossReason,
    GradeResult,
    SelfAssessment,
    UnitLabel,
    SheetResults,
    SheetSummary,
    SheetErrors,
    MeanLost,
    ErrorCode,
    ErrorCell,
    TotalNotSum,
    FailedItems,
    /// Templates: hints beside each input.
    HintPercent,
    HintBool,
    HintEnum,
    Higher,
    Lower,
    Positive,
    NonZero,
    NotNegative,
    Default,
    TemplateHint,
    SheetFill,
    SheetInputs,
    Input,
    ReplBanner,
    HistoryIsLink,
    ReplHelp,
    ReplLoaded,
    ReplAdded,
    ReplSet,
    ReplUnset,
    ReplNotGiven,
    ReplNoChange,
    GoalLeast,
    GoalGreatest,
    GoalAlreadyMet,
    GoalKeptWithin,
    GoalUnreachable,
    GoalNotAffected,
    GoalBeyond,
    GoalBest,
    GoalPrecision,
    GoalSearched,
    GoalValues,
    GoalErrorsCountAsMiss,
    Now,
    ParenOpen,
    ParenClose,
    Comma,
    Semicolon,
    Colon,
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
            Because => ("因为 ", "because "),
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
            TableRow => ("行", "row"),
            TargetValue => ("年度指标值", "target"),
            ActualValue => ("实际完成值", "actual"),
            DeviationReason => ("偏差原因", "reason for deviation"),
            AssessorGiven => ("评审打分", "given by the assessor"),
            Excluded => ("剔除", "excluded"),
            FullMarks => ("满分", "full marks"),
            Points => ("分", " points"),
            Year => ("年度", "year"),
            Warnings => ("警告", "warnings"),
            Clean => ("检查通过", "no problems found"),
            ErrorsFound => ("发现错误", "errors found"),
            BatchRow => ("行", "row"),
            BatchUnit => ("单位", "unit"),
            BatchError => ("错误", "error"),
            BatchExplain => ("说明", "explanation"),
            Failures => ("失败详情：", "failures:"),
            Coverage => ("分支覆盖", "branch coverage"),
            Hits => ("命中", "hits"),
            NotHit => ("没有用例命中的分支", "branches no case hit"),
            Reported => ("报告值", "reported"),
            Computed => ("计算值", "computed"),
            NoDiscrepancies => ("报告值与重新计算一致", "the reported figures match the rules"),
            HowComputed => ("按规则计算的过程", "how the rules compute it"),
            Reformatted => ("已格式化", "formatted"),
            WouldReformat => ("需要格式化", "would reformat"),
            FormatRefused => (
                "内部错误：格式化结果与原文的评分规则或注释不一致，文件未改动（请报告此问题）",
                "internal error: the formatted text would not keep the rules or comments intact; the file is left as it was (please report this)",
            ),
            Old => ("旧", "old"),
            New => ("新", "new"),
            GradeFlips => ("等级变化", "grade changes"),
            Mean => ("平均", "mean"),
            Min => ("最低", "min"),
            Max => ("最高", "max"),
            Units => ("单位数", "units"),
            Cause => ("原因", "cause"),
            WeightChanged => ("分值改变", "weight changed"),
            RulesChanged => ("评分规则改变", "rules changed"),
            IndicatorAdded => ("新增指标", "indicator added"),
            IndicatorRemoved => ("删除指标", "indicator removed"),
            Changed => ("得分改变", "scores changed"),
            Unexplained => ("无法归因", "unexplained"),
            DefinitionChanged => ("定义改变", "definition changed"),
            GradesChanged => ("等级划分改变", "grade bands changed"),
            UnitName => ("单位", "unit"),
            HistoryIsLink => ("注意：历史文件是符号链接，为免改写它指向的文件，本次不读取也不保存历史：", "note: the history file is a symbolic link; to avoid rewriting what it points to, history is neither read nor saved this time:"),
            Level1 => ("一级指标", "level 1"),
            Level2 => ("二级指标", "level 2"),
            Level3 => ("三级指标", "level 3"),
            Level4 => ("四级指标", "level 4"),
            Criteria => ("评分标准", "scoring rule"),
            Actual => ("实际完成值", "actual values"),
            LossReason => ("扣分原因", "points lost because"),
            GradeResult => ("评价等级", "grade"),
            SelfAssessment => ("绩效自评表", "performance self-assessment"),
            UnitLabel => ("单位：", "Unit: "),
            SheetResults => ("结果", "results"),
            SheetSummary => ("汇总", "summary"),
            SheetErrors => ("错误", "errors"),
            MeanLost => ("平均失分", "mean points lost"),
            ErrorCode => ("代码", "code"),
            ErrorCell => ("单元格或列", "cell or column"),
            TotalNotSum => ("总分按评分表规则计算（剔除、封顶或否决），不是各项得分之和", "the total follows the rubric (exclusions, caps or vetoes), not the sum of the scores"),
            FailedItems => ("未满足", "not met"),
            HintPercent => ("填百分数，如 95%", "a percentage, e.g. 95%"),
            HintBool => ("填 是 或 否", "是 (yes) or 否 (no)"),
            HintEnum => ("填其中之一", "one of these"),
            Higher => ("正向（越高越好）", "higher is better"),
            Lower => ("反向（越低越好）", "lower is better"),
            Positive => ("须为正数", "must be positive"),
            NonZero => ("不能为 0", "must not be 0"),
            NotNegative => ("不小于 0%", "at least 0%"),
            Default => ("不填时取默认值", "default when left empty:"),
            TemplateHint => ("在引号中填写各项的值，然后运行 jixiao score 评分表.jx --facts 本文件", "fill in each value between the quotes, then run jixiao score RULES.jx --facts THIS_FILE"),
            SheetFill => ("填报", "facts"),
            SheetInputs => ("输入说明", "inputs"),
            Input => ("输入", "input"),
            ReplBanner => ("绩效评分表交互环境。输入 :help 查看命令，:quit 退出。", "jixiao REPL. Type :help for the commands, :quit to leave."),
            ReplHelp => (
                "命令（冒号后可写中文别名）：
  表达式                        按当前评分表和事实求值，带单位输出，如 预算完成率
  定义 名 = 表达式 / 指标 名 分值 { … }   加入会话；同名的定义或指标被替换
  :load 文件.jx      :载入     载入评分表（清空事实）
  :reload            :重载     重新读取评分表，保留事实
  :facts [文件]      :事实     载入事实文件；不带文件名时列出当前事实
  :set 名 = 值       :设       设定一个输入的值，如 :set 预算完成率 = 95%
  :unset 名          :清除     撤销设定的值
  :score [指标]      :得分     计分表，或一个指标及其下级
  :explain [指标]    :解释     逐项列出得分的来历
  :tree              :树       指标树及各指标读取的输入
  :type 表达式       :类型     表达式的类型与单位
  :whatif 名 = 值, …   :假如   假设这些值，列出变化的指标、总分和等级（不改变会话）
  :goal 目标 by 名   :目标     求输入“名”达到目标的最小（或最大）值；目标如 总分 >= 90、等级 = 优、预算完成率 >= 9
  :help              :帮助     本说明
  :quit              :退出     退出",
                "Commands (each also has a Chinese alias):
  EXPRESSION                    evaluate against the rubric and facts, printed with its unit
  定义 name = expr / 指标 name weight { … }   add to the session; a definition or indicator of the same name is replaced
  :load FILE.jx      :载入     load a rubric (clears the facts)
  :reload            :重载     re-read the rubric, keeping the facts
  :facts [FILE]      :事实     load a facts file; without a file, list the facts
  :set NAME = VALUE  :设       set one input, e.g. :set 预算完成率 = 95%
  :unset NAME        :清除     remove a value set by hand
  :score [INDICATOR] :得分     the scorecard, or one indicator and its children
  :explain [IND]     :解释     the points ledger
  :tree              :树       the indicator tree and the inputs each indicator reads
  :type EXPRESSION   :类型     the type and unit of an expression
  :whatif NAME = VALUE, …  :假如  indicators, total and grade before → after (the session is unchanged)
  :goal TARGET by NAME :目标   least (or greatest) value of input NAME reaching TARGET: 总分 >= 90, 等级 = 优, 预算完成率 >= 9
  :help              :帮助     this text
  :quit              :退出     leave",
            ),
            ReplLoaded => ("已载入", "loaded"),
            ReplAdded => ("已加入会话", "added to the session"),
            ReplSet => ("已设定", "set"),
            ReplUnset => ("已清除", "unset"),
            ReplNotGiven => ("未给出", "not given"),
            ReplNoChange => ("没有指标得分变化", "no indicator score changes"),
            GoalLeast => ("最小值", "least value"),
            GoalGreatest => ("最大值", "greatest value"),
            GoalAlreadyMet => ("当前已达到目标", "the target is already met"),
            GoalKeptWithin => ("保持达标的取值范围", "values that keep it"),
            GoalUnreachable => ("无法达到", "unreachable"),
            GoalNotAffected => ("该输入不影响这一目标", "this input does not affect the target"),
            GoalBeyond => ("答案可能在搜索范围之外，可用“精度”放大步长再试", "the answer may lie outside the searched range; try a coarser `精度` (precision)"),
            GoalBest => ("在搜索范围内最好只能达到", "the best reachable in the searched range is"),
            GoalPrecision => ("精度", "precision"),
            GoalSearched => ("搜索范围", "searched range"),
            GoalValues => ("达到目标的取值", "values reaching the target"),
            GoalErrorsCountAsMiss => ("部分取值评分出错，按未达到计", "some values fail to score and count as misses"),
            Now => ("当前", "now"),
            ParenOpen => ("（", " ("),
            ParenClose => ("）", ")"),
            Comma => ("，", ", "),
            Semicolon => ("；", "; "),
            Colon => ("：", ": "),
        };
        if lang == Lang::Zh {
            zh
        } else {
            en
        }
    }
}

impl Word {
    /// `jixiao man NAME` for a NAME that is not a subcommand.
    pub fn unknown_subcommand(lang: Lang, name: &str, known: &str) -> String {
        if lang == Lang::Zh {
            format!("没有名为“{name}”的子命令（可用：{known}）")
        } else {
            format!("there is no subcommand `{name}` (available: {known})")
        }
    }
}

/// The line `jixiao test` prints before the cases of one file.
pub fn test_file_header(lang: Lang, cases: usize, path: &str) -> String {
    if lang == Lang::Zh {
        format!("运行 {cases} 个用例（{path}）")
    } else {
        let s = if cases == 1 { "" } else { "s" };
        format!("running {cases} case{s} ({path})")
    }
}

/// One case's outcome in `jixiao test` (`stem` is the case file's name).
pub fn test_case_line(lang: Lang, stem: &str, case: &str, ok: bool) -> String {
    match (lang, ok) {
        (Lang::Zh, true) => format!("用例“{case}”…… 通过"),
        (Lang::Zh, false) => format!("用例“{case}”…… 失败"),
        (Lang::En, true) => format!("test {stem}::{case} ... ok"),
        (Lang::En, false) => format!("test {stem}::{case} ... FAILED"),
    }
}

/// The closing lines of `jixiao test`: the verdict, then the counts.
pub fn test_summary(lang: Lang, passed: usize, failed: usize) -> String {
    let ok = failed == 0;
    match lang {
        Lang::Zh => format!(
            "测试结果：{}\n{passed} 通过，{failed} 失败",
            if ok { "通过" } else { "失败" }
        ),
        Lang::En => format!(
            "test result: {}\n{passed} passed, {failed} failed",
            if ok { "ok" } else { "FAILED" }
        ),
    }
}

/// A reported figure that differs from the rules' by no more than the
/// tolerance: said, so that a rounding difference is never hidden.
pub fn audit_within_tolerance(
    lang: Lang,
    what: &str,
    reported: &str,
    computed: &str,
    tolerance: &str,
) -> String {
    if lang == Lang::Zh {
        format!("{what}：报告为 {reported}，按规则计算为 {computed}，差额在容差 {tolerance} 以内")
    } else {
        format!("`{what}`: reported `{reported}`, the rules give `{computed}`; within the tolerance {tolerance}")
    }
}

/// The closing line of `jixiao audit`.
pub fn audit_summary(lang: Lang, compared: usize, tolerated: usize, problems: usize) -> String {
    match lang {
        Lang::Zh => {
            let mut s = format!("核对了 {compared} 个数字，发现 {problems} 个问题");
            if tolerated > 0 {
                s += &format!("，{tolerated} 个差额在容差以内");
            }
            s
        }
        Lang::En => {
            let figures = if compared == 1 { "figure" } else { "figures" };
            let d = if problems == 1 { "problem" } else { "problems" };
            let mut s = format!("{compared} {figures} compared, {problems} {d} found");
            if tolerated > 0 {
                s += &format!(", {tolerated} within the tolerance");
            }
            s
        }
    }
}

/// What `jixiao batch` says when SIGINT/SIGTERM stopped it: the output
/// was not written (a temporary file is removed), `rows` had been done.
pub fn batch_stopped(lang: Lang, rows: u64, output: Option<&str>) -> String {
    match (output, lang) {
        (Some(o), Lang::Zh) => {
            format!("运行被中断：已完成 {rows} 行，未写入“{o}”（原文件保持不变）")
        }
        (Some(o), Lang::En) => {
            format!("stopped: {rows} rows done, `{o}` was not written (any old file is unchanged)")
        }
        (None, Lang::Zh) => format!("运行被中断：已输出 {rows} 行，结果不完整"),
        (None, Lang::En) => format!("stopped: {rows} rows written, the results are incomplete"),
    }
}

/// A remark about how a data file was read: printed once, never an error.
#[derive(Clone, Debug, PartialEq)]
pub enum DataNote {
    /// Columns such as 序号 or 备注, read past.
    Ignored { names: Vec<String> },
    /// The file was GBK/GB18030, not UTF-8.
    Gbk { path: String },
    /// The sheet read and the row its header is on (0: names and values
    /// in two columns).
    Sheet { sheet: String, header_line: u32 },
    /// A number cell read as displayed rather than as stored.
    Shown {
        cell: String,
        stored: String,
        shown: String,
    },
    /// More such cells than were named.
    MoreShown { count: usize },
}

impl DataNote {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let body = match self {
            DataNote::Ignored { names } => {
                if zh {
                    format!("{}列不是评分表的输入，已跳过", quoted(names, zh))
                } else {
                    format!(
                        "columns {} are not inputs of the rubric; skipped",
                        quoted(names, zh)
                    )
                }
            }
            DataNote::Gbk { path } => {
                if zh {
                    format!("“{path}”不是 UTF-8 编码，已按 GBK（GB18030）读取")
                } else {
                    format!("`{path}` is not UTF-8; read as GBK (GB18030)")
                }
            }
            DataNote::Sheet {
                sheet,
                header_line: 0,
            } => {
                if zh {
                    format!("读取工作表“{sheet}”，按“名称/值”两列")
                } else {
                    format!("reading sheet `{sheet}` as two columns of names and values")
                }
            }
            DataNote::Sheet { sheet, header_line } => {
                if zh {
                    format!("读取工作表“{sheet}”，表头在第 {header_line} 行")
                } else {
                    format!("reading sheet `{sheet}`, header on row {header_line}")
                }
            }
            DataNote::Shown {
                cell,
                stored,
                shown,
            } => {
                if zh {
                    format!("{cell} 存储的值是 {stored}，显示为 {shown}，按显示的值读取")
                } else {
                    format!("{cell} holds {stored} but shows {shown}; read as shown")
                }
            }
            DataNote::MoreShown { count } => {
                if zh {
                    format!("另有 {count} 个单元格按显示的值读取")
                } else {
                    format!("{count} more cells read as shown")
                }
            }
        };
        if zh {
            format!("注：{body}")
        } else {
            format!("note: {body}")
        }
    }
}

/// `“a”、“b”` or `` `a`, `b` ``.
fn quoted(names: &[String], zh: bool) -> String {
    if zh {
        names
            .iter()
            .map(|n| format!("“{n}”"))
            .collect::<Vec<_>>()
            .join("、")
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The name given to a target-table row whose 指标名称 cell is blank in the
/// form: visible, and the same in every language so cases can name it.
pub fn blank_row_name(row: usize) -> String {
    format!("（第{row}行，未填名称）")
}

/// The closing line of `jixiao batch`: every row read is either scored or failed.
pub fn batch_summary(lang: Lang, read: u64, scored: u64, failed: u64) -> String {
    if lang == Lang::Zh {
        format!("共读取 {read} 行：评分 {scored} 行，出错 {failed} 行")
    } else {
        format!("{read} rows read: {scored} scored, {failed} failed")
    }
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
        assert_eq!(library_detail_zh("something new"), "something new");
    }
}
