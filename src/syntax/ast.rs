//! The abstract syntax tree of a rule file. Every node carries a [`Span`].
//! Nothing here is resolved: names are strings and units are as written.

use super::span::{Span, Spanned};
use rust_decimal::Decimal;

pub type Ident = Spanned<String>;

#[derive(Clone, Debug)]
pub struct Rubric {
    pub header: Header,
    pub inputs: Vec<Input>,
    pub defines: Vec<Define>,
    pub indicators: Vec<Indicator>,
    pub vetoes: Vec<Veto>,
    /// `约束 …`: identities and bounds among facts.
    pub constraints: Vec<Constraint>,
    /// `允许 W… "理由"` written outside any indicator.
    pub allows: Vec<Allow>,
    /// `单位 期，场次，个月 = 月`: the form's own units.
    pub units: Vec<UnitDecl>,
    /// Names declared in quotes because they are not plain (`"培训（期）"`),
    /// for the hint when one is later written without them.
    pub quoted: Vec<String>,
    /// `评分档 名：…`: qualitative band sets used by name.
    pub band_sets: Vec<BandSet>,
}

/// `评分档 三档：好 80%（含）至 100%（含），…`: bands declared once, used by
/// many 定性 rows (`定性 档次 得分率 评分率：按 三档`).
#[derive(Clone, Debug)]
pub struct BandSet {
    pub name: Ident,
    pub bands: Vec<QualBand>,
    pub span: Span,
}

impl Rubric {
    /// The same header and no items: what [`crate::syntax::parse_delta`]
    /// fills with the items of an appended text.
    pub fn empty_like(&self) -> Rubric {
        Rubric {
            header: self.header.clone(),
            inputs: Vec::new(),
            defines: Vec::new(),
            indicators: Vec::new(),
            vetoes: Vec::new(),
            constraints: Vec::new(),
            allows: Vec::new(),
            units: Vec::new(),
            quoted: Vec::new(),
            band_sets: Vec::new(),
        }
    }

    /// Append the items of `more` (parsed after this one), moving them.
    pub fn append(&mut self, more: Rubric) {
        // Exhaustive on purpose: a new kind of item must be appended too.
        let Rubric {
            header: _,
            inputs,
            defines,
            indicators,
            vetoes,
            constraints,
            allows,
            units,
            quoted,
            band_sets,
        } = more;
        self.inputs.extend(inputs);
        self.defines.extend(defines);
        self.indicators.extend(indicators);
        self.vetoes.extend(vetoes);
        self.constraints.extend(constraints);
        self.allows.extend(allows);
        self.units.extend(units);
        self.quoted.extend(quoted);
        self.band_sets.extend(band_sets);
    }

    /// Whether it holds no item at all.
    pub fn is_empty(&self) -> bool {
        let Rubric {
            header: _,
            inputs,
            defines,
            indicators,
            vetoes,
            constraints,
            allows,
            units,
            quoted: _,
            band_sets,
        } = self;
        inputs.is_empty()
            && defines.is_empty()
            && indicators.is_empty()
            && vetoes.is_empty()
            && constraints.is_empty()
            && allows.is_empty()
            && units.is_empty()
            && band_sets.is_empty()
    }
}

/// One declared unit: its own dimension, or equal to another unit.
#[derive(Clone, Debug)]
pub struct UnitDecl {
    pub name: Ident,
    pub same_as: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Constraint {
    pub expr: Expr,
    pub span: Span,
}

/// A lint silenced at one site, with the reason the author gave.
#[derive(Clone, Debug)]
pub struct Allow {
    pub code: Spanned<String>,
    pub reason: Spanned<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Header {
    pub name: Spanned<String>,
    pub year: Option<Spanned<u32>>,
    pub full_marks: Option<Spanned<Decimal>>,
    pub rounding: Option<Spanned<Rounding>>,
    pub grades: Vec<GradeBand>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rounding {
    pub places: u32,
    pub mode: RoundMode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundMode {
    /// 四舍五入: half away from zero.
    HalfUp,
    /// 四舍六入五成双: half to even.
    HalfEven,
    /// 截断: toward zero.
    Truncate,
    /// 进一: away from zero.
    Up,
}

#[derive(Clone, Debug)]
pub struct GradeBand {
    pub name: Ident,
    /// `None` for the catch-all last band.
    pub min: Option<(Spanned<Decimal>, bool /* inclusive */)>,
    /// The upper end of a band written as a range (`良 80（含）至 90`).
    pub max: Option<(Spanned<Decimal>, bool /* inclusive */)>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Input {
    pub name: Ident,
    pub ty: Spanned<TypeExpr>,
    pub direction: Option<Spanned<Direction>>,
    pub positive: bool,
    pub nonzero: bool,
    pub default: Option<Spanned<Literal>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr {
    /// A unit or scalar type name as written (`万元`, `百分比`, `人`, `数`, `分`).
    Unit(String),
    Bool,
    Text,
    Enum(Vec<Ident>),
    /// `{高 > 中 > 低}`: an enumeration whose levels are ordered, best first.
    Ordered(Vec<Ident>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// 正向: higher is better.
    Higher,
    /// 反向: lower is better.
    Lower,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Number(Decimal, Option<String>),
    Bool(bool),
    Text(String),
    Name(String),
}

#[derive(Clone, Debug)]
pub struct Define {
    pub name: Ident,
    pub expr: Expr,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndicatorKind {
    Normal,
    /// 加分: points added outside the full marks, capped.
    Bonus,
    /// 减分: points taken off the total, capped.
    Penalty,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub kind: IndicatorKind,
    pub name: Ident,
    /// The weight (分值) or, for bonus/penalty, the cap.
    pub weight: Spanned<Decimal>,
    /// `指标 甲 75%`: `weight` is a percentage of the parent's points.
    pub percent: bool,
    /// `择一 名 10 按 适用项`: the children are alternatives sharing the
    /// weight; the named enumeration input says which one applies.
    pub choice: Option<Ident>,
    pub children: Vec<Indicator>,
    pub rows: Vec<Row>,
    pub vetoes: Vec<Expr>,
    pub not_applicable: Option<NotApplicable>,
    pub span: Span,
    /// Span of the header line (`指标 名 10`), for messages about the whole row.
    pub head_span: Span,
    /// Lints silenced inside this indicator.
    pub allows: Vec<Allow>,
    /// `指标表 …`: a target table, whose rows come from the facts. Such an
    /// indicator has no children and no rows of its own.
    pub table: Option<Box<TargetTable>>,
    /// `说明 偏差原因`: 文本 inputs shown beside this indicator.
    pub notes: Vec<Ident>,
    /// A 加分/减分 item written without its own cap (`减分 数据作假 { … }`):
    /// only its group's shared cap limits it, and `weight` is that cap.
    pub shared_cap: bool,
}

/// `指标表 名 分值 { … }`: one row per target, supplied by the facts.
#[derive(Clone, Debug)]
pub struct TargetTable {
    pub shares: Option<Spanned<TableShares>>,
    /// `等于 未达到 得 R`: the rate of a `=` row whose actual misses the target.
    pub eq_miss: Option<Expr>,
    /// `定性 …`: the levels a 定性 row may name.
    pub levels: Vec<TableLevel>,
    /// `定性 按 三档`: the levels are the bands of the 评分档 of that name.
    pub uses: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableShares {
    /// 均分: each of n rows is worth weight / n, the table rounded once.
    Equal,
    /// 按列: each row's 分值 column.
    Column,
}

/// One level of a 定性 row: a fixed rate (`达成 100%`), or a range within
/// which the assessor's score must lie (`部分达成 60%（含）至 80%`).
#[derive(Clone, Debug)]
pub struct TableLevel {
    pub name: Ident,
    pub lo: Bound,
    pub hi: Option<Bound>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct NotApplicable {
    pub when: Expr,
    pub policy: NaPolicy,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum NaPolicy {
    /// 满分: the indicator gets its full weight.
    Full,
    /// 剔除: excluded; the total is renormalised to the full marks.
    Exclude,
    /// 转给: the weight moves to the named siblings, in proportion to their weights.
    Transfer(Vec<Ident>),
}

/// One row of a scoring table: `如果 cond 则 result`, or `否则 result` (no condition).
#[derive(Clone, Debug)]
pub struct Row {
    pub cond: Option<Expr>,
    pub result: Scoring,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Scoring {
    Expr(Expr),
    Deduction(Box<Deduction>),
    /// `正向 实际 X 目标 Y`: weight × min(X/Y, 1); `反向`: weight × min(Y/X, 1).
    Ratio {
        direction: Direction,
        actual: Expr,
        target: Expr,
        span: Span,
    },
    /// `按比例 rate`: weight × min(rate, 1).
    Proportional(Expr),
    Checklist(Box<Checklist>),
    Match(Box<MatchTable>),
    Qualitative(Box<Qualitative>),
    /// `9-8`: the assessor picks a score within the range (lo ≤ hi).
    Range(Spanned<Decimal>, Spanned<Decimal>),
    /// `评审打分`: the assessor enters the score, within [0, 分值].
    Assessor(Span),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepMode {
    /// 按整步: only whole steps count (floor).
    Floor,
    /// 按比例: the excess is divided by the step exactly.
    Proportional,
    /// 不足一步按一步: any part of a step counts as a step (ceil).
    Ceil,
}

#[derive(Clone, Debug)]
pub struct Deduction {
    pub base: Expr,
    pub subject: Expr,
    /// `true` for 超出 (excess above the baseline), `false` for 低于 (shortfall below it).
    pub over: bool,
    pub baseline: Expr,
    pub step: Expr,
    pub per_step: Expr,
    pub mode: Option<Spanned<StepMode>>,
    pub floor_zero: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Checklist {
    /// `true`: points per satisfied item; `false`: deduction per failed item or per incident.
    pub gain: bool,
    pub points: Expr,
    pub items: Vec<Ident>,
    pub floor_zero: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct MatchTable {
    pub subject: Expr,
    pub arms: Vec<(Ident, Expr)>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Qualitative {
    pub tier: Ident,
    pub rate: Ident,
    /// Empty when the row uses a declared band set (`uses`).
    pub bands: Vec<QualBand>,
    /// `：按 三档`: the bands of the 评分档 of that name.
    pub uses: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct QualBand {
    pub tier: Ident,
    pub lo: Bound,
    pub hi: Bound,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Bound {
    pub expr: Expr,
    pub inclusive: bool,
}

#[derive(Clone, Debug)]
pub struct Veto {
    pub when: Expr,
    pub effect: VetoEffect,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum VetoEffect {
    GradeCap(Ident),
    TotalTo(Spanned<Decimal>),
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl BinOp {
    /// The operator as jixiao prints it.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "×",
            BinOp::Div => "/",
        }
    }
}

impl CmpOp {
    /// The operator as jixiao prints it.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "≠",
            CmpOp::Lt => "<",
            CmpOp::Le => "≤",
            CmpOp::Gt => ">",
            CmpOp::Ge => "≥",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Abs,
    Min,
    Max,
    Floor,
    Ceil,
    Round,
    Clamp,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A number with the unit written beside it (`95%`, `0.1个百分点`, `3 人`).
    Number(Decimal, Option<String>),
    Bool(bool),
    Text(String),
    Name(String),
    /// `分值`: the weight of the enclosing indicator.
    Weight,
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `a < b <= c`: each adjacent pair is compared, all must hold.
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `x 在 lo 和 hi 之间`, each end inclusive only when marked （含）.
    Between {
        subject: Box<Expr>,
        lo: Box<Bound>,
        hi: Box<Bound>,
    },
    /// `x 在 b 以上` (above: true) / `以下`.
    Beyond {
        subject: Box<Expr>,
        bound: Box<Bound>,
        above: bool,
    },
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Call(Func, Vec<Expr>),
}
