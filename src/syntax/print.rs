//! AST → canonical rule-file text. Printing a parsed file and parsing the
//! result gives the same tree (tested as a property), so the printer is also
//! the formatter: one indicator per block, one row per line, Chinese keywords.

use super::ast::*;
use rust_decimal::Decimal;
use std::fmt::Write;

pub fn print(r: &Rubric) -> String {
    let mut p = Printer { out: String::new() };
    p.header(&r.header);
    for a in &r.allows {
        p.allow(a, 0);
    }
    if !r.units.is_empty() {
        let _ = writeln!(p.out, "{}", units_line(&r.units));
    }
    for b in &r.band_sets {
        let _ = writeln!(p.out, "{}", band_set_line(b));
    }
    if !r.inputs.is_empty() {
        p.out.push('\n');
    }
    for i in &r.inputs {
        let _ = writeln!(p.out, "{}", input_line(i));
    }
    for d in &r.defines {
        let _ = writeln!(p.out, "{}", define_line(d));
    }
    for c in &r.constraints {
        let _ = writeln!(p.out, "{}", constraint_line(c));
    }
    for ind in &r.indicators {
        p.out.push('\n');
        p.indicator(ind, 0);
    }
    if !r.vetoes.is_empty() {
        p.out.push('\n');
    }
    for v in &r.vetoes {
        let _ = writeln!(p.out, "{}", veto_line(v));
    }
    p.out
}

struct Printer {
    out: String,
}

fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A name as it must be written: bare when it is a plain identifier,
/// otherwise between ASCII quotes (an official name such as 发放（缴纳）覆盖率).
pub fn name(s: &str) -> String {
    let mut chars = s.chars();
    let plain = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
        && super::parser::is_plain_name(s);
    if plain {
        s.to_string()
    } else {
        format!("\"{s}\"")
    }
}

fn quote(s: &str) -> String {
    // A name containing `"` cannot be written between ASCII quotes.
    if s.contains('"') {
        format!("“{s}”")
    } else {
        format!("\"{s}\"")
    }
}

// One function per printed line, shared with the comment-keeping formatter
// (super::format), which prints the same lines in source order.

/// `评分表 "名" 年度 2020 满分 100`
pub(super) fn title_line(h: &Header) -> String {
    let mut s = format!("评分表 {}", quote(&h.name.node));
    if let Some(y) = &h.year {
        let _ = write!(s, " 年度 {}", y.node);
    }
    if let Some(f) = &h.full_marks {
        let _ = write!(s, " 满分 {}", num(f.node));
    }
    s
}

/// `保留 2 位小数（四舍五入）`
pub(super) fn rounding_line(r: &Rounding) -> String {
    let mode = match r.mode {
        RoundMode::HalfUp => "四舍五入",
        RoundMode::HalfEven => "四舍六入",
        RoundMode::Truncate => "截断",
        RoundMode::Up => "进一",
    };
    format!("保留 {} 位小数（{mode}）", r.places)
}

/// `等级 优 >= 90，良 >= 80，差` (only called when there are grades).
pub(super) fn grades_line(h: &Header) -> String {
    let bands: Vec<String> = h
        .grades
        .iter()
        .map(|g| {
            let incl = |i: bool| if i { "（含）" } else { "" };
            match (&g.min, &g.max) {
                (Some((lo, li)), Some((hi, hi_))) => {
                    format!(
                        "{} {}{}至 {}{}",
                        g.name.node,
                        num(lo.node),
                        if *li { "（含）" } else { " " },
                        num(hi.node),
                        incl(*hi_)
                    )
                }
                (Some((m, true)), None) => format!("{} >= {}", g.name.node, num(m.node)),
                (Some((m, false)), None) => format!("{} > {}", g.name.node, num(m.node)),
                _ => g.name.node.clone(),
            }
        })
        .collect();
    format!("等级 {}", bands.join("，"))
}

/// `单位 期，场 = 场次`: every declared unit on one line.
pub(super) fn units_line(units: &[UnitDecl]) -> String {
    let units: Vec<String> = units
        .iter()
        .map(|u| match &u.same_as {
            Some(s) => format!("{} = {}", u.name.node, s.node),
            None => u.name.node.clone(),
        })
        .collect();
    format!("单位 {}", units.join("，"))
}

pub(super) fn allow_line(a: &Allow) -> String {
    format!("允许 {} {}", a.code.node, quote(&a.reason.node))
}

pub(super) fn input_line(i: &Input) -> String {
    let ty = match &i.ty.node {
        TypeExpr::Unit(u) => u.clone(),
        TypeExpr::Bool => "是否".into(),
        TypeExpr::Text => "文本".into(),
        TypeExpr::Enum(vs) => format!(
            "{{{}}}",
            vs.iter()
                .map(|v| v.node.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        TypeExpr::Ordered(vs) => format!(
            "{{{}}}",
            vs.iter()
                .map(|v| v.node.as_str())
                .collect::<Vec<_>>()
                .join(" > ")
        ),
    };
    let mut s = format!("输入 {}: {ty}", name(&i.name.node));
    if let Some(d) = &i.direction {
        s.push_str(if d.node == Direction::Higher {
            " 正向"
        } else {
            " 反向"
        });
    }
    if i.positive {
        s.push_str(" 正数");
    }
    if i.nonzero {
        s.push_str(" 非零");
    }
    if let Some(d) = &i.default {
        let v = match &d.node {
            Literal::Number(n, u) => format!("{}{}", num(*n), u.as_deref().unwrap_or("")),
            Literal::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            Literal::Text(t) => quote(t),
            Literal::Name(n) => n.clone(),
        };
        let _ = write!(s, " 默认 {v}");
    }
    s
}

pub(super) fn define_line(d: &Define) -> String {
    format!("定义 {} = {}", name(&d.name.node), expr(&d.expr))
}

pub(super) fn constraint_line(c: &Constraint) -> String {
    format!("约束 {}", expr(&c.expr))
}

pub(super) fn veto_line(v: &Veto) -> String {
    let effect = match &v.effect {
        VetoEffect::GradeCap(g) => format!("等级 不高于 {}", g.node),
        VetoEffect::TotalTo(d) => format!("总分 为 {}", num(d.node)),
    };
    format!("一票否决 如果 {} 则 {effect}", expr(&v.when))
}

/// `指标 名 10`, `加分 名 最高 3`, `减分 名 最多 30` (without the brace).
pub(super) fn indicator_head(ind: &Indicator) -> String {
    let (before, weight) = indicator_head_parts(ind);
    if weight.is_empty() {
        return before;
    }
    format!("{before} {weight}")
}

/// An indicator's head in two: what comes before the weight (`指标 名`,
/// `加分 名 最高`) and the weight, which the formatter may put in a column.
/// An item under its group's shared cap is written without one (no weight).
pub(super) fn indicator_head_parts(ind: &Indicator) -> (String, String) {
    let (keyword, cap) = match ind.kind {
        IndicatorKind::Normal if ind.choice.is_some() => ("择一", ""),
        IndicatorKind::Normal => ("指标", ""),
        IndicatorKind::Bonus => ("加分", " 最高"),
        IndicatorKind::Penalty => ("减分", " 最多"),
    };
    if ind.shared_cap && ind.kind != IndicatorKind::Normal {
        return (format!("{keyword} {}", name(&ind.name.node)), String::new());
    }
    // `75%`: a share of the parent; `按 适用项`: what chooses the alternative.
    let mut weight = num(ind.weight.node);
    if ind.percent {
        weight.push('%');
    }
    if let Some(by) = &ind.choice {
        weight = format!("{weight} 按 {}", name(&by.node));
    }
    (format!("{keyword} {}{cap}", name(&ind.name.node)), weight)
}

pub(super) fn na_line(na: &NotApplicable) -> String {
    let policy = match &na.policy {
        NaPolicy::Full => "满分".to_string(),
        NaPolicy::Exclude => "剔除".to_string(),
        NaPolicy::Transfer(t) => format!(
            "转给 {}",
            t.iter()
                .map(|n| n.node.as_str())
                .collect::<Vec<_>>()
                .join("，")
        ),
    };
    format!("不适用 如果 {} 则 {policy}", expr(&na.when))
}

pub(super) fn row_veto_line(v: &Expr) -> String {
    format!("一票否决 如果 {}", expr(v))
}

/// Row `i` of an indicator's table.
pub(super) fn row_line(row: &Row, i: usize) -> String {
    let result = scoring(&row.result);
    match &row.cond {
        Some(c) => format!("如果 {} 则 {result}", expr(c)),
        // An unconditional first row is the whole rule: `得分 = …`.
        None if i == 0 && matches!(row.result, Scoring::Expr(_)) => format!("得分 = {result}"),
        None if i == 0 => result,
        None => format!("否则 {result}"),
    }
}

impl Printer {
    fn header(&mut self, h: &Header) {
        let _ = writeln!(self.out, "{}", title_line(h));
        if let Some(r) = &h.rounding {
            let _ = writeln!(self.out, "{}", rounding_line(&r.node));
        }
        if !h.grades.is_empty() {
            let _ = writeln!(self.out, "{}", grades_line(h));
        }
    }

    fn allow(&mut self, a: &Allow, depth: usize) {
        let _ = writeln!(self.out, "{}{}", "  ".repeat(depth), allow_line(a));
    }

    fn indicator(&mut self, ind: &Indicator, depth: usize) {
        let pad = "  ".repeat(depth);
        if let Some(t) = &ind.table {
            return self.target_table(ind, t, depth);
        }
        let _ = writeln!(self.out, "{pad}{} {{", indicator_head(ind));
        let inner = "  ".repeat(depth + 1);
        for a in &ind.allows {
            self.allow(a, depth + 1);
        }
        if let Some(na) = &ind.not_applicable {
            let _ = writeln!(self.out, "{inner}{}", na_line(na));
        }
        for v in &ind.vetoes {
            let _ = writeln!(self.out, "{inner}{}", row_veto_line(v));
        }
        for n in &ind.notes {
            let _ = writeln!(self.out, "{inner}{}", note_line(n));
        }
        for c in &ind.children {
            self.indicator(c, depth + 1);
        }
        for (i, row) in ind.rows.iter().enumerate() {
            let _ = writeln!(self.out, "{inner}{}", row_line(row, i));
        }
        let _ = writeln!(self.out, "{pad}}}");
    }
}

/// `说明 偏差原因`
pub(super) fn note_line(n: &Ident) -> String {
    format!("说明 {}", name(&n.node))
}

impl Printer {
    fn target_table(&mut self, ind: &Indicator, t: &TargetTable, depth: usize) {
        let pad = "  ".repeat(depth);
        let inner = "  ".repeat(depth + 1);
        let _ = writeln!(self.out, "{pad}{} {{", table_head(ind));
        for a in &ind.allows {
            self.allow(a, depth + 1);
        }
        if let Some(sh) = &t.shares {
            let _ = writeln!(self.out, "{inner}{}", table_shares_line(sh.node));
        }
        if let Some(e) = &t.eq_miss {
            let _ = writeln!(self.out, "{inner}{}", table_eq_line(e));
        }
        if !t.levels.is_empty() {
            let _ = writeln!(self.out, "{inner}{}", table_levels_line(&t.levels));
        }
        if let Some(u) = &t.uses {
            let _ = writeln!(self.out, "{inner}{}", table_uses_line(u));
        }
        let _ = writeln!(self.out, "{pad}}}");
    }
}

/// `指标表 名 分值` (without the brace).
pub(super) fn table_head(ind: &Indicator) -> String {
    format!("指标表 {} {}", name(&ind.name.node), num(ind.weight.node))
}

pub(super) fn table_shares_line(s: TableShares) -> String {
    match s {
        TableShares::Equal => "分值 均分",
        TableShares::Column => "分值 按列",
    }
    .to_string()
}

pub(super) fn table_eq_line(e: &Expr) -> String {
    format!("等于 未达到 得 {}", expr(e))
}

pub(super) fn table_levels_line(levels: &[TableLevel]) -> String {
    let levels: Vec<String> = levels
        .iter()
        .map(|l| match &l.hi {
            Some(h) => format!("{} {} 至 {}", l.name.node, bound(&l.lo), bound(h)),
            None => format!("{} {}", l.name.node, bound(&l.lo)),
        })
        .collect();
    format!("定性 {}", levels.join("，"))
}

/// `定性 按 三档`.
pub(super) fn table_uses_line(set: &Ident) -> String {
    format!("定性 按 {}", name(&set.node))
}

fn bound(b: &Bound) -> String {
    format!(
        "{}{}",
        expr(&b.expr),
        if b.inclusive { "（含）" } else { "" }
    )
}

/// A bound followed by a word: full-width brackets carry their own space,
/// so `90%（含）和 95%` but `90% 和 95%`.
fn bound_then(b: &Bound) -> String {
    if b.inclusive {
        bound(b)
    } else {
        format!("{} ", bound(b))
    }
}

fn scoring(s: &Scoring) -> String {
    match s {
        Scoring::Range(lo, hi) => format!("{}-{}", num(hi.node), num(lo.node)),
        Scoring::Assessor(_) => "评审打分".to_string(),
        Scoring::Expr(e) => expr(e),
        Scoring::Deduction(d) => {
            let mode = match d.mode.as_ref().map(|m| m.node) {
                Some(StepMode::Proportional) => "按比例",
                Some(StepMode::Ceil) => "不足一步按一步",
                _ => "按整步",
            };
            format!(
                "从 {} 分扣：{} {} {} 的部分 每 {} 扣 {} 分（{mode}）{}",
                expr(&d.base),
                expr(&d.subject),
                if d.over { "超出" } else { "低于" },
                expr(&d.baseline),
                expr(&d.step),
                expr(&d.per_step),
                if d.floor_zero { "，扣完为止" } else { "" }
            )
        }
        Scoring::Ratio {
            direction,
            actual,
            target,
            ..
        } => format!(
            "{} 实际 {} 目标 {}",
            if *direction == Direction::Higher {
                "正向"
            } else {
                "反向"
            },
            expr(actual),
            expr(target)
        ),
        Scoring::Proportional(e) => format!("按比例 {}", expr(e)),
        Scoring::Checklist(c) => format!(
            "清单 每项 {} {} 分：{}{}",
            if c.gain { "得" } else { "扣" },
            expr(&c.points),
            c.items
                .iter()
                .map(|i| name(&i.node))
                .collect::<Vec<_>>()
                .join("，"),
            if c.floor_zero { "，扣完为止" } else { "" }
        ),
        Scoring::Match(m) => format!(
            "对照 {}：{}",
            expr(&m.subject),
            m.arms
                .iter()
                .map(|(k, v)| format!("{} 得 {}", k.node, expr(v)))
                .collect::<Vec<_>>()
                .join("，")
        ),
        Scoring::Qualitative(q) => format!(
            "定性 {} 得分率 {}：{}",
            q.tier.node,
            q.rate.node,
            match &q.uses {
                Some(set) => format!("按 {}", name(&set.node)),
                None => bands_text(&q.bands),
            }
        ),
    }
}

fn bands_text(bands: &[QualBand]) -> String {
    bands
        .iter()
        .map(|b| format!("{} {}至 {}", b.tier.node, bound_then(&b.lo), bound(&b.hi)))
        .collect::<Vec<_>>()
        .join("，")
}

/// `评分档 三档：好 80%（含）至 100%（含），…`
pub(super) fn band_set_line(b: &BandSet) -> String {
    format!("评分档 {}：{}", name(&b.name.node), bands_text(&b.bands))
}

/// Precedence: or < and < not < comparison < additive < multiplicative < unary.
fn prec(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Or(..) => 1,
        ExprKind::And(..) => 2,
        ExprKind::Not(..) => 3,
        ExprKind::Compare(..) | ExprKind::Between { .. } | ExprKind::Beyond { .. } => 4,
        ExprKind::Binary(BinOp::Add | BinOp::Sub, ..) => 5,
        ExprKind::Binary(..) => 6,
        ExprKind::Neg(..) => 7,
        _ => 8,
    }
}

fn sub(e: &Expr, min: u8) -> String {
    if prec(e) < min {
        format!("({})", expr(e))
    } else {
        expr(e)
    }
}

pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Number(n, u) => format!("{}{}", num(*n), u.as_deref().unwrap_or("")),
        ExprKind::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        ExprKind::Text(t) => quote(t),
        ExprKind::Name(n) => name(n),
        ExprKind::Weight => "分值".into(),
        ExprKind::Neg(a) => format!("-{}", sub(a, 7)),
        ExprKind::Binary(op, a, b) => {
            let (sym, p) = (
                op.symbol(),
                if matches!(op, BinOp::Add | BinOp::Sub) {
                    5
                } else {
                    6
                },
            );
            // Left-associative: the right operand needs brackets at equal precedence.
            format!("{} {sym} {}", sub(a, p), sub(b, p + 1))
        }
        ExprKind::Compare(first, chain) => {
            let mut s = sub(first, 5);
            for (op, r) in chain {
                let _ = write!(s, " {} {}", op.symbol(), sub(r, 5));
            }
            s
        }
        ExprKind::Between { subject, lo, hi } => {
            format!(
                "{} 在 {}和 {} 之间",
                sub(subject, 5),
                bound_then(lo),
                bound(hi)
            )
        }
        ExprKind::Beyond {
            subject,
            bound: b,
            above,
        } => {
            format!(
                "{} 在 {} {}",
                sub(subject, 5),
                bound(b),
                if *above { "以上" } else { "以下" }
            )
        }
        ExprKind::And(a, b) => format!("{} 且 {}", sub(a, 2), sub(b, 3)),
        ExprKind::Or(a, b) => format!("{} 或 {}", sub(a, 1), sub(b, 2)),
        ExprKind::Not(a) => format!("非 {}", sub(a, 3)),
        ExprKind::Call(f, args) => {
            let name = match f {
                Func::Abs => "abs",
                Func::Min => "min",
                Func::Max => "max",
                Func::Floor => "floor",
                Func::Ceil => "ceil",
                Func::Round => "round",
                Func::Clamp => "clamp",
            };
            format!(
                "{name}({})",
                args.iter().map(expr).collect::<Vec<_>>().join(", ")
            )
        }
    }
}
