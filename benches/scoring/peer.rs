//! The same rubric in zen-expression (an exact, decimal rules engine): one
//! compiled expression per leaf indicator, the fact set as its context.
//! Rounding, the sum and the grade are done in Rust, as for B.

use rust_decimal::Decimal;
use zen_expression::variable::Variable;
use zen_expression::vm::VM;
use zen_expression::{compile_expression, Expression};

pub const LEAVES: [&str; 10] = [
    "done == 1 ? 10 : (done >= 0.95 ? 9 : (done >= 0.90 ? 8 : (done >= 0.85 ? 7 : (done >= 0.80 ? 6 : (done >= 0.70 ? 4 : 0)))))",
    "abs(adjust) <= 0.05 ? 5 : max([0, 5 - floor((abs(adjust) - 0.05) / 0.001) * 0.1])",
    "half >= 0.45 ? 2 : (half >= 0.40 ? 1 : 0)",
    "threeq >= 0.75 ? 3 : (threeq >= 0.60 ? 2 : 0)",
    "accuracy <= 0.20 ? 5 : (accuracy <= 0.40 ? 3 : 0)",
    "sangong <= 1 ? 5 : max([0, 5 - floor((sangong - 1) / 0.001) * 0.5])",
    "max([0, 5 - 2 * ((a1 ? 0 : 1) + (a2 ? 0 : 1) + (a3 ? 0 : 1))])",
    "5 - 2 * ((f1 ? 0 : 1) + (f2 ? 0 : 1) + (f3 ? 0 : 1) + (f4 ? 0 : 1) + (f5 ? 0 : 1))",
    "otier == 0 ? (orate >= 0.8 and orate <= 1 ? orate * 40 : -1) : (otier == 1 ? (orate >= 0.5 and orate < 0.8 ? orate * 40 : -1) : (orate >= 0.1 and orate < 0.5 ? orate * 40 : -1))",
    "etier == 0 ? (erate >= 0.8 and erate <= 1 ? erate * 20 : -1) : (etier == 1 ? (erate >= 0.5 and erate < 0.8 ? erate * 20 : -1) : (erate >= 0.1 and erate < 0.5 ? erate * 20 : -1))",
];

pub struct Peer {
    exprs: Vec<Expression<zen_expression::expression::Standard>>,
    vm: VM,
}

impl Peer {
    pub fn new() -> Peer {
        let exprs = LEAVES
            .iter()
            .map(|s| compile_expression(s).unwrap_or_else(|e| panic!("{s}: {e:?}")))
            .collect();
        Peer {
            exprs,
            vm: VM::new(),
        }
    }

    /// Leaf scores before rounding; `None` where a rate is outside its band.
    pub fn leaves(&mut self, f: &super::baseline::Facts) -> Option<[Decimal; 10]> {
        let ctx = Variable::empty_object();
        let num = |k: &str, v: Decimal| ctx.dot_insert(k, Variable::Number(v));
        num("done", f.done);
        num("adjust", f.adjust);
        num("half", f.half);
        num("threeq", f.three_q);
        num("accuracy", f.accuracy);
        num("sangong", f.sangong);
        num("orate", f.out_rate);
        num("erate", f.eff_rate);
        num("otier", Decimal::from(f.out_tier));
        num("etier", Decimal::from(f.eff_tier));
        for (k, b) in ["a1", "a2", "a3"].iter().zip(f.assets) {
            ctx.dot_insert(k, Variable::Bool(b));
        }
        for (k, b) in ["f1", "f2", "f3", "f4", "f5"].iter().zip(f.funds) {
            ctx.dot_insert(k, Variable::Bool(b));
        }
        let mut out = [Decimal::ZERO; 10];
        for (i, e) in self.exprs.iter().enumerate() {
            match e.evaluate_with(ctx.clone(), &mut self.vm).ok()? {
                Variable::Number(n) if n >= Decimal::ZERO || i == 7 => out[i] = n,
                _ => return None,
            }
        }
        Some(out)
    }
}
