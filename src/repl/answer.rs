//! `:goal` in the session: read the target, solve, and say the answer.

use super::goal::{self, GoalAnswer};
use super::{Reply, Session};
use crate::check::show::{quantity, value};
use crate::check::Ty;
use crate::diag::{Msg, Word};
use crate::eval::value::Value;
use crate::syntax::ast::CmpOp;
use std::fmt::Write;

impl Session {
    pub(super) fn goal(&self, arg: &str) -> Reply {
        if let Err(r) = self.need_rubric() {
            return r;
        }
        // `by 表[N].实际完成值`: a row's actual, solved along its own axis.
        if let Some(r) = super::goal_rows::parse(&self.checked, arg) {
            let g = match r {
                Ok(g) => g,
                Err(Msg::UnknownIndicator { name }) => return self.unknown_indicator(&name),
                Err(m) => return self.fact_error(m, arg),
            };
            return match super::goal_rows::solve(&self.checked, &self.facts, &g) {
                Ok((ans, unit)) => {
                    let show = |x: rust_decimal::Decimal| {
                        let n = x.normalize();
                        if unit.is_empty() || unit == "%" {
                            format!("{n}{unit}")
                        } else {
                            format!("{n} {unit}")
                        }
                    };
                    let value = |v: Value| show(v.num());
                    Reply::ok(self.answer_text(&g.target, &ans, &g.name, &show, &value))
                }
                Err(d) => self.fail_diags(&[*d], arg),
            };
        }
        let g = match goal::parse(&self.checked, arg) {
            Ok(g) => g,
            Err(Msg::UnknownIndicator { name }) => return self.unknown_indicator(&name),
            Err(m) => return self.fact_error(m, arg),
        };
        match goal::solve(&self.checked, &self.facts, &g) {
            Ok(ans) => Reply::ok(self.goal_text(&g, &ans)),
            Err(d) => self.fail_diags(&[*d], arg),
        }
    }

    fn goal_text(&self, g: &goal::Goal, a: &GoalAnswer) -> String {
        let c = &self.checked;
        let decl = &c.facts[g.slot as usize];
        let show = |x: rust_decimal::Decimal| match decl.ty {
            Ty::Num(u) => quantity(x, u),
            _ => x.normalize().to_string(),
        };
        let value = |v: Value| value(c, &decl.ty, v);
        self.answer_text(&g.target, a, &decl.name, &show, &value)
    }

    /// The answer to a goal by `name`, its numbers shown by `show` and its
    /// values (the current one, the best) by `value`.
    fn answer_text(
        &self,
        target: &goal::Target,
        a: &GoalAnswer,
        name: &str,
        show: &dyn Fn(rust_decimal::Decimal) -> String,
        value: &dyn Fn(Value) -> String,
    ) -> String {
        let c = &self.checked;
        let (po, pc) = (self.word(Word::ParenOpen), self.word(Word::ParenClose));
        let (comma, semi, colon) = (
            self.word(Word::Comma),
            self.word(Word::Semicolon),
            self.word(Word::Colon),
        );
        let measure = |m: rust_decimal::Decimal| {
            let total = crate::check::show::score(m, c.rounding.places);
            match target {
                goal::Target::Grade(..) => {
                    match crate::eval::grade_of(c, m).and_then(|i| c.grades.get(i)) {
                        Some(grade) => format!("{total}{po}{}{pc}", grade.name),
                        None => total,
                    }
                }
                _ => total,
            }
        };
        let mut out = String::new();
        if let Some(now) = a.now {
            let _ = writeln!(out, "{} {name} = {}", self.word(Word::Now), value(now));
        }
        if !a.affected && a.beyond {
            let _ = writeln!(out, "{}", self.word(Word::GoalBeyond));
            return out;
        }
        if !a.affected {
            let _ = writeln!(
                out,
                "{}{colon}{}",
                self.word(Word::GoalUnreachable),
                self.word(Word::GoalNotAffected)
            );
            return out;
        }
        if !a.values.is_empty() {
            let ok: Vec<String> = a
                .values
                .iter()
                .filter(|v| v.1)
                .map(|v| value(v.0))
                .collect();
            if ok.is_empty() {
                let _ = writeln!(out, "{}", self.word(Word::GoalUnreachable));
            } else {
                let _ = writeln!(
                    out,
                    "{}{colon}{}",
                    self.word(Word::GoalValues),
                    ok.join(comma)
                );
            }
        } else {
            let x0 = a.now.map(|v| v.num());
            let containing = x0.and_then(|x| a.runs.iter().find(|r| r.0 <= x && x <= r.1));
            if let (true, Some(r)) = (a.now_met, containing) {
                let _ = writeln!(
                    out,
                    "{}{semi}{} {} ~ {}",
                    self.word(Word::GoalAlreadyMet),
                    self.word(Word::GoalKeptWithin),
                    show(r.0),
                    show(r.1)
                );
            } else if a.runs.is_empty() && a.beyond {
                let _ = writeln!(out, "{}", self.word(Word::GoalBeyond));
            } else if a.runs.is_empty() {
                let _ = writeln!(out, "{}", self.word(Word::GoalUnreachable));
            } else {
                let x = x0.unwrap_or(a.lo);
                if let Some(r) = a.runs.iter().find(|r| r.0 > x || x0.is_none()) {
                    let _ = writeln!(out, "{} {name} = {}", self.word(Word::GoalLeast), show(r.0));
                }
                if let Some(r) = a.runs.iter().rev().find(|r| r.1 < x && x0.is_some()) {
                    let _ = writeln!(
                        out,
                        "{} {name} = {}",
                        self.word(Word::GoalGreatest),
                        show(r.1)
                    );
                }
            }
            let _ = writeln!(
                out,
                "{}{} {}{comma}{} {} ~ {}{pc}",
                po.trim_start(),
                self.word(Word::GoalPrecision),
                show(a.step),
                self.word(Word::GoalSearched),
                show(a.lo),
                show(a.hi)
            );
        }
        let reached = a.runs.iter().any(|_| true) || a.values.iter().any(|v| v.1);
        // "The best reachable" only means something for a target of the form ≥ / >.
        let upward = matches!(*target, goal::Target::Total(op, _) | goal::Target::Grade(op, _) | goal::Target::Indicator(_, op, _) if matches!(op, CmpOp::Ge | CmpOp::Gt));
        if let (false, true, Some((at, m))) = (reached, upward, a.best) {
            let _ = writeln!(
                out,
                "{} {}{po}{name} = {}{pc}",
                self.word(Word::GoalBest),
                measure(m),
                value(at)
            );
        }
        if a.errors {
            let _ = writeln!(out, "{}", self.word(Word::GoalErrorsCountAsMiss));
        }
        out
    }
}
