//! Every user-facing sentence of jixiao, in Chinese (default) and English.
//! Code elsewhere builds a [`Msg`] with typed fields and never formats user
//! text itself.

use std::fmt::Write;

mod common;
mod eval;
mod facts;
mod library;
mod lints;
mod names;
mod notes;
mod syntax;
mod words;

use common::*;
use library::library_detail_zh;
pub use notes::*;
pub use words::*;
mod repl;
mod tools;

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

/// Why a rule's use of an unknown fact x has no exact range (E348): what
/// it does with x that is not a fraction of two affine functions of x.
#[derive(Clone, Debug, PartialEq)]
pub enum UnknownUse {
    /// Only comparisons were followed (a bound, a constraint among facts).
    Computes,
    /// x × x, or x times another expression of x.
    Product,
    /// A sum or quotient of two quotients of x (degree two).
    Quotients,
    /// A divisor that is zero whatever x is, or zero where x is probed.
    Divisor,
    /// floor/ceil/round (or a function) of an expression of x.
    Rounding,
    /// The same rule reads another fact that is unknown too.
    OtherUnknown(String),
    /// A value that is not a number where a number is computed.
    NotNumber,
    /// A deduction whose steps are not bounded (no 扣完为止, or its base or
    /// points per step depend on facts).
    Deduction,
    /// A row kind whose points are not followed through x (a checklist, a
    /// 定性 band, a 匹配 subject).
    RowKind,
    /// A 转给 policy rescales the points of a row that computes with x.
    Transfer,
    /// More score steps than can be scored one by one.
    Steps(usize),
    /// Beyond exact arithmetic.
    Overflow,
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
    /// `90%（含）-95%`: a document's range written with a dash between two
    /// numbers, where the language writes `在 90%（含）和 95% 之间` (E022).
    RangeWithDash {
        lo: String,
        hi: String,
        dash: char,
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
    /// A 加分/减分 item without a cap outside a group of its kind (E146).
    CapMissing {
        name: String,
        bonus: bool,
    },
    /// `说明 X` where X is not a 文本 input.
    NoteNotText {
        name: String,
    },
    /// `定性 …：按 名` naming no declared 评分档.
    UnknownBandSet {
        name: String,
    },
    /// `≥`/`<` between levels of an enumeration declared without an order.
    UnorderedComparison {
        op: String,
        ty: String,
    },
    /// Sibling weights written as percentages do not add up to 100%.
    PercentsDoNotAddUp {
        parent: String,
        sum: String,
    },
    /// Some siblings weighted in percent, others in points.
    PercentMixedWithPoints {
        parent: String,
        child: String,
    },
    /// An alternative of a 择一 group whose weight is not the group's.
    AlternativeWeight {
        group: String,
        child: String,
        weight: String,
        expected: String,
    },
    /// The selector of a 择一 group is not an enumeration input.
    ChoiceSelectorType {
        name: String,
        found: String,
    },
    /// An alternative whose name is not a value of the selector.
    AlternativeNotAVariant {
        child: String,
        ty: String,
    },
    /// A value of the selector that names no alternative.
    VariantWithoutAlternative {
        variant: String,
        group: String,
    },
    /// An alternative (or a leaf under one) with its own 不适用.
    AlternativeNotApplicable {
        child: String,
    },
    /// A 择一 group with fewer than two alternatives, or with a 加分/减分 one.
    ChoiceTooFew {
        group: String,
    },
    // ---- W2xx: lints
    DivisionByMaybeZero {
        divisor: String,
    },
    UnusedInput {
        name: String,
    },
    /// A 评分档 no 定性 row uses.
    BandSetUnused {
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
    /// W214; `indicator` is the 定性 indicator or the 评分档 the bands are
    /// declared in. `witness` names a rate inside a gap wider than one point.
    BandsGap {
        indicator: String,
        range: String,
        witness: Option<String>,
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
    // ---- E350–E359: target-table rows from a CSV or sheet of their own
    /// No row among the first 50 names a column of the table.
    RowsNoHeader {
        table: String,
    },
    /// `--rows NAME=FILE` names no declared table (or names none and the
    /// rubric has not exactly one).
    RowsUnknownTable {
        name: String,
        tables: Vec<String>,
    },
    /// A batch rows file names a unit no facts row has.
    RowsUnknownUnit {
        table: String,
        unit: String,
        /// `rows.csv:5`, where the unit's first row is.
        place: String,
    },
    /// A batch rows file row (or the whole file) does not say whose it is.
    RowsNoUnit {
        table: String,
    },
    /// Two facts rows of one batch name the same unit, so its rows cannot be joined.
    RowsDuplicateUnit {
        unit: String,
    },
    /// A unit's facts write a table's rows (a JSON Lines array, a facts
    /// file's `[[表名]]`) and a `--rows` file gives that unit's rows too.
    RowsGivenTwice {
        table: String,
        unit: String,
        /// `rows.csv:5`, where the unit's first row in the rows file is.
        place: String,
    },
    /// The REPL's `:set 表[N]` names a row the table does not have.
    TableNoSuchRow {
        table: String,
        row: usize,
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
    /// A fact marked unknown (`"未取得"`) that a rule computes with, so no
    /// exact range can be given (E348).
    UnknownInexact {
        fact: String,
        indicator: String,
        why: UnknownUse,
    },
    /// Too many value combinations of unknown facts to score them all (E349).
    UnknownTooMany {
        count: usize,
        combinations: String,
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
    /// A partial document (facts marked unknown) asked for in an output
    /// that has no place for ranges (E413).
    PartialNoRanges {
        output: String,
    },
    /// A fact marked unknown reached a path that scores exact values only
    /// (E414): it would otherwise be read as its default or as missing.
    UnknownNotScored {
        fact: String,
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
    /// `:goal … by 表[N].列`: only the 实际完成值 of a ≥ or ≤ row is solved for.
    GoalRowKind {
        name: String,
        kind: String,
    },
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
            RangeWithDash { .. } => "E022",
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
            CapMissing { .. } => "E146",
            NoteNotText { .. } => "E156",
            UnknownBandSet { .. } => "E136",
            UnorderedComparison { .. } => "E137",
            PercentsDoNotAddUp { .. } => "E138",
            PercentMixedWithPoints { .. } => "E139",
            AlternativeWeight { .. } => "E140",
            ChoiceSelectorType { .. } => "E141",
            AlternativeNotAVariant { .. } => "E142",
            VariantWithoutAlternative { .. } => "E143",
            AlternativeNotApplicable { .. } => "E144",
            ChoiceTooFew { .. } => "E145",
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
            BandSetUnused { .. } => "W216",
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
            UnknownInexact { .. } => "E348",
            UnknownTooMany { .. } => "E349",
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
            RowsNoHeader { .. } => "E350",
            RowsUnknownTable { .. } => "E351",
            RowsUnknownUnit { .. } => "E352",
            RowsNoUnit { .. } => "E353",
            RowsDuplicateUnit { .. } => "E354",
            TableNoSuchRow { .. } => "E355",
            RowsGivenTwice { .. } => "E359",
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
            PartialNoRanges { .. } => "E413",
            UnknownNotScored { .. } => "E414",
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
            GoalRowKind { .. } => "E607",
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self.phase() {
            "0" => syntax::text(self, zh),
            "1" => names::text(self, zh),
            "2" => lints::text(self, zh),
            "3" => facts::text(self, zh),
            "4" => eval::text(self, zh),
            "5" => tools::text(self, zh),
            "6" => repl::text(self, zh),
            _ => unreachable!("code {} has no phase", self.code()),
        }
    }

    /// The code range (the first digit: `E0xx`, `E1xx`, `W2xx`, …) whose file holds the wording.
    fn phase(&self) -> &'static str {
        &self.code()[1..2]
    }

    /// A line telling the user how to fix it.
    pub fn help(&self, lang: Lang) -> Option<String> {
        let zh = lang == Lang::Zh;
        match self.phase() {
            "0" => syntax::help(self, zh),
            "1" => names::help(self, zh),
            "2" => lints::help(self, zh),
            "3" => facts::help(self, zh),
            "4" => eval::help(self, zh),
            "5" => tools::help(self, zh),
            "6" => repl::help(self, zh),
            _ => unreachable!("code {} has no phase", self.code()),
        }
    }
}

/// Every code with its one-line title, in order.
pub const ALL_CODES: &[&str] = &[
    "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "E009", "E010", "E011", "E012",
    "E013", "E014", "E015", "E016", "E017", "E018", "E019", "E020", "E021", "E022", "E101", "E102",
    "E103", "E104", "E105", "E106", "E107", "E108", "E109", "E110", "E111", "E112", "E113", "E114",
    "E115", "E116", "E117", "E118", "E119", "E120", "E121", "E122", "E123", "E124", "E125", "E126",
    "E127", "E128", "E131", "E132", "E133", "E134", "E135", "E136", "E137", "E138", "E139", "E140",
    "E141", "E142", "E143", "E144", "E145", "E146", "E156", "W201", "W202", "W203", "W204", "W205",
    "W206", "W207", "W208", "W209", "W210", "W211", "W212", "W213", "W214", "W215", "W216", "W240",
    "E301", "E302", "E303", "E304", "E305", "E306", "E307", "E308", "E309", "E310", "E311", "E312",
    "E313", "E314", "E315", "E316", "E317", "E318", "E319", "E320", "E321", "E322", "E323", "E324",
    "E325", "W326", "E327", "E328", "E329", "E330", "E340", "E341", "E342", "E343", "E344", "E345",
    "E346", "E347", "E348", "E349", "E350", "E351", "E352", "E353", "E354", "E355", "E359", "E401",
    "E402", "E403", "E404", "E405", "E406", "E407", "E408", "E409", "E410", "E413", "E414", "E501",
    "E502", "E503", "E504", "E505", "E510", "E511", "E512", "E513", "E514", "E515", "E516", "E517",
    "E518", "E519", "E520", "E521", "E522", "E523", "E601", "E602", "E603", "E604", "E605", "E606",
    "E607",
];

/// The long explanation of a code for `jixiao explain`, taken from the error
/// index so that the two never disagree.
pub fn explain_code(code: &str, lang: Lang) -> Option<String> {
    let index = include_str!("../../../docs/errors.md");
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
