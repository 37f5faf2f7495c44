//! The compiled evaluator: a [`Checked`] rubric turned once into closures
//! over slots, for scoring many fact sets fast. It gives the same
//! [`Scorecard`] as [`crate::eval::score`], decimal for decimal; when a fact
//! set fails (division by zero, no row matched…) it re-runs the reference
//! evaluator, so the diagnostic is the reference's, span and all. The
//! explaining path (ledger) stays in `crate::eval` and costs nothing here.
//!
//! ```text
//! let k = Compiled::new(&checked);
//! let mut s = k.scratch();
//! s.facts_mut()[slot] = value;            // fill every input slot
//! let card = k.run(&mut s)?;              // &Scorecard, reused
//! let q = k.run_quick(&mut s)?;           // total and grade only; the
//! let card = k.card(&mut s);              // card is built when read
//! ```

mod card;
mod expr;
mod fixed;
pub mod sample;
mod shape;
mod steps;
mod tally;
mod tiers;
mod tree;

use crate::check::Checked;
use crate::diag::Diagnostic;
use crate::eval::{Env, FactSet, IndScore, Scorecard, Status};
use crate::num::{Exact, Value, Q};
use expr::{Compiler, Cx, ValFn};
use rust_decimal::Decimal;

pub use expr::Fail;

pub struct Compiled<'c> {
    checked: &'c Checked,
    /// Target tables or assessors' scores: see [`Checked::needs_more_than_slots`].
    more_than_slots: bool,
    derived: Vec<ValFn>,
    tree: tree::Tree,
}

/// Per-thread working memory, allocated once and reused for every fact set.
pub struct Scratch {
    vals: Vec<Value>,
    /// Derived values, exact (indexed by slot; inputs' entries unused).
    xs: Vec<Exact>,
    ready: Vec<bool>,
    n_facts: usize,
    card: Scorecard,
    /// The hot path's integer results, from which `card` is built.
    work: tree::Work,
    /// `card` shows `work` (it is built lazily after [`Compiled::run_quick`]).
    shown: bool,
    /// `work` holds the last fact set's scores (its `run_quick` succeeded).
    marked: bool,
    /// For the reference evaluator when a fact set fails.
    env: Env,
}

impl Scratch {
    /// The input slots, to be filled before [`Compiled::run`].
    pub fn facts_mut(&mut self) -> &mut [Value] {
        &mut self.vals[..self.n_facts]
    }

    pub fn facts(&self) -> &[Value] {
        &self.vals[..self.n_facts]
    }

    /// The scorecard of the last [`Compiled::run`] or [`Compiled::run_fast`]
    /// (after [`Compiled::run_quick`], read it with [`Compiled::card`]).
    pub fn card(&self) -> &Scorecard {
        debug_assert!(self.shown, "read after run_quick: use Compiled::card");
        &self.card
    }
}

/// What [`Compiled::run_quick`] gives: the rounded total and the grade (an
/// index into `checked.grades`). Every indicator was scored exactly; the
/// scorecard that shows them is built on demand by [`Compiled::card`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quick {
    pub total: Decimal,
    pub grade: usize,
}

impl<'c> Compiled<'c> {
    pub fn new(c: &'c Checked) -> Compiled<'c> {
        let k = Compiler { c };
        let derived = c.derived.iter().map(|d| k.val(&d.expr)).collect();
        Compiled {
            checked: c,
            more_than_slots: c.needs_more_than_slots(),
            derived,
            tree: tree::compile(&k),
        }
    }

    pub fn checked(&self) -> &'c Checked {
        self.checked
    }

    pub fn scratch(&self) -> Scratch {
        let c = self.checked;
        let blank = IndScore {
            raw: Decimal::ZERO,
            score: Decimal::ZERO,
            weight: Decimal::ZERO,
            status: Status::Scored(None),
        };
        let card = Scorecard {
            indicators: vec![blank; c.indicators.len()],
            base: Decimal::ZERO,
            effective_full: Decimal::ZERO,
            bonus: Decimal::ZERO,
            penalty: Decimal::ZERO,
            total: Decimal::ZERO,
            grade: 0,
            vetoes: Vec::with_capacity(c.vetoes.len()),
            tables: Vec::new(),
        };
        Scratch {
            vals: vec![Value::Num(Decimal::ZERO); c.facts.len()],
            xs: vec![Exact::Num(Q::ZERO); c.slot_count()],
            ready: vec![false; c.slot_count()],
            n_facts: c.facts.len(),
            card,
            work: self.tree.work(),
            shown: false,
            marked: false,
            env: Env::new(c.slot_count()),
        }
    }

    /// Score the input slots of `s` on the fast path: every indicator, the
    /// total and the grade, without building the scorecard's decimals
    /// (read them with [`Compiled::card`]). `Err(Fail)` means the fact set
    /// does not score and [`Compiled::run`] would explain why.
    pub fn run_quick(&self, s: &mut Scratch) -> Result<Quick, Fail> {
        let vals = std::mem::take(&mut s.vals);
        let q = self.quick(s, &vals[..s.n_facts]);
        s.vals = vals;
        q
    }

    /// [`Compiled::run_quick`] on input slots the caller holds (one value
    /// per fact, in slot order), read in place rather than copied into the
    /// scratch. [`Compiled::card`] then shows the result as usual; to have
    /// a failure explained, fill the scratch and call [`Compiled::run`].
    pub fn run_quick_on(&self, s: &mut Scratch, facts: &[Value]) -> Result<Quick, Fail> {
        assert_eq!(facts.len(), s.n_facts, "one value per input slot");
        self.quick(s, facts)
    }

    /// [`Compiled::run_quick_on`] for fact sets laid out one after another
    /// in `rows` (one value per input each, in slot order): `each` gets every
    /// fact set's index, the scratch (for [`Compiled::card`]) and its result.
    ///
    /// The row two ahead is fetched into the cache while a row is scored:
    /// the sweep reads a row's values in the tree's order, not the row's,
    /// which the hardware prefetcher does not follow, so a large slab of
    /// rows otherwise waits on memory for most of its inputs.
    pub fn run_quick_rows(
        &self,
        s: &mut Scratch,
        rows: &[Value],
        mut each: impl FnMut(usize, &mut Scratch, Result<Quick, Fail>),
    ) {
        let n = s.n_facts.max(1);
        assert_eq!(rows.len() % n, 0, "one value per input slot in every row");
        for (i, row) in rows.chunks_exact(n).enumerate() {
            if let Some(ahead) = rows.get((i + 2) * n..(i + 3) * n) {
                prefetch(ahead);
            }
            let q = self.quick(s, row);
            each(i, s, q);
        }
    }

    #[inline(always)]
    fn quick(&self, s: &mut Scratch, vals: &[Value]) -> Result<Quick, Fail> {
        s.shown = false;
        s.marked = false;
        if self.more_than_slots {
            return Err(Fail);
        }
        for r in &mut s.ready[s.n_facts..] {
            *r = false;
        }
        let mut cx = Cx {
            vals,
            xs: &mut s.xs,
            ready: &mut s.ready,
            derived: &self.derived,
            n_facts: s.n_facts,
        };
        let grade = self
            .tree
            .score(&mut cx, &mut s.work, &mut s.card.total, &mut s.card.vetoes)?;
        s.card.grade = grade;
        s.marked = true;
        Ok(Quick {
            total: s.card.total,
            grade,
        })
    }

    /// The scorecard of the last successful [`Compiled::run_quick`], built now.
    pub fn card<'s>(&self, s: &'s mut Scratch) -> &'s Scorecard {
        if !s.shown {
            self.tree.fill(&s.work, &mut s.card);
            s.shown = true;
        }
        &s.card
    }

    /// The scores of the last successful [`Compiled::run_quick`], each as a
    /// mantissa at the rubric's places (what the card would show, rounded
    /// to them), into `out`, without building the card. `false` when there
    /// is no such run or some score is not whole at the places: read the
    /// card then.
    pub fn scores_at_places(&self, s: &Scratch, out: &mut Vec<i128>) -> bool {
        s.marked && self.tree.shown_at_places(&s.work, out)
    }

    /// Score the input slots of `s` on the fast path only, scorecard and
    /// all; `Err(Fail)` means the fact set does not score and
    /// [`Compiled::run`] would explain why.
    pub fn run_fast<'s>(&self, s: &'s mut Scratch) -> Result<&'s Scorecard, Fail> {
        self.run_quick(s)?;
        Ok(self.card(s))
    }

    /// Score the input slots of `s`. On failure the reference evaluator
    /// re-scores them to say where and why.
    pub fn run<'s>(&self, s: &'s mut Scratch) -> Result<&'s Scorecard, Box<Diagnostic>> {
        if self.run_fast(s).is_ok() {
            return Ok(&s.card);
        }
        self.run_reference(s)
    }

    /// Score the input slots of `s` with the reference evaluator, into the
    /// scratch's card: after [`Compiled::run_quick`] failed, to say where and why.
    pub fn run_reference<'s>(&self, s: &'s mut Scratch) -> Result<&'s Scorecard, Box<Diagnostic>> {
        s.marked = false;
        let mut fs = FactSet::empty(self.checked);
        for (i, v) in s.facts().iter().enumerate() {
            fs.values[i] = Some(*v);
        }
        let card = crate::eval::score_in(self.checked, &fs, &mut s.env)?;
        // The fast path failed where the reference did not: trust the reference.
        s.card = card;
        s.shown = true;
        Ok(&s.card)
    }

    /// Score a whole fact set (target-table rows, assessors' scores) with
    /// the reference evaluator, into the scratch's card.
    pub fn run_set<'s>(
        &self,
        facts: &FactSet,
        s: &'s mut Scratch,
    ) -> Result<&'s Scorecard, Box<Diagnostic>> {
        s.marked = false;
        s.card = crate::eval::score_in(self.checked, facts, &mut s.env)?;
        s.shown = true;
        Ok(&s.card)
    }

    /// Score a fact set (defaults filled as the reference does).
    pub fn score(&self, facts: &FactSet, s: &mut Scratch) -> Result<Scorecard, Box<Diagnostic>> {
        // Target tables' rows and assessors' scores live beside the slots,
        // which are all the fast path reads: the reference scores them.
        // Facts marked unknown: the reference says so (E414) rather than
        // the fast path reading the input's default.
        if self.more_than_slots || !facts.unknown.is_empty() {
            return crate::eval::score_in(self.checked, facts, &mut s.env);
        }
        for (i, decl) in self.checked.facts.iter().enumerate() {
            match facts.values.get(i).copied().flatten().or(decl.default) {
                Some(v) => s.vals[i] = v,
                // The reference names the missing fact.
                None => return crate::eval::score_in(self.checked, facts, &mut s.env),
            }
        }
        self.run(s).cloned()
    }
}

/// Ask for every cache line of `vals` without waiting for them.
#[inline(always)]
fn prefetch(vals: &[Value]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let p = vals.as_ptr() as *const i8;
        let bytes = std::mem::size_of_val(vals);
        for off in (0..bytes).step_by(64) {
            // SAFETY: a prefetch is only a hint; it never faults or reads
            // into the program, and every address is inside `vals`.
            unsafe { _mm_prefetch(p.add(off), _MM_HINT_T0) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = vals;
}
