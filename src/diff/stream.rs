//! Scoring units under both rubrics as a stream: the caller's thread reads
//! units in chunks, workers score them (each with both rubrics compiled and
//! a scratch per rubric), and the results come back to the caller in input
//! order, one at a time. Nothing is kept per unit, so memory stays flat
//! however many units there are; [`Totals`] keeps what the summaries need.

use super::edits::{self, Edit};
use super::{Change, Outcome, Summary, UnitDiff};
use crate::check::{Checked, IndId};
use crate::compiled::{Compiled, Scratch};
use crate::diag::Diagnostic;
use crate::eval::{Env, Scorecard};
use crate::facts::RawValue;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc::sync_channel;
use std::sync::Mutex;

const CHUNK: usize = 256;

/// One indicator compared between the rubrics, worked out once: where it
/// is in each scorecard and which edits explain a change in its score.
struct Pair {
    name: String,
    old: Option<IndId>,
    new: Option<IndId>,
    causes: Vec<usize>,
}

/// What scores a unit under both rubrics; shared by the workers.
pub struct Plan<'c> {
    old: &'c Checked,
    new: &'c Checked,
    k_old: Compiled<'c>,
    k_new: Compiled<'c>,
    q_old: Quick<'c>,
    q_new: Quick<'c>,
    pairs: Vec<Pair>,
    /// `diff --rows`: target-table rows joined by unit, for each rubric.
    rows: (super::data::Rows, super::data::Rows),
}

/// A rubric's short way from a unit's cells to its input slots: the batch
/// reader's exact fast path for plainly written cells, by fact name. Any
/// cell it does not take, a fact the unit lacks without a default, or a
/// constraint it cannot decide sends the unit the whole way (the facts
/// reader, then the reference evaluator if scoring fails), so every error
/// is worded, and located, as before.
struct Quick<'c> {
    /// `None` for a rubric with target tables or assessors' scores (the
    /// compiled evaluator does not score them).
    cols: Option<crate::batch::Columns<'c>>,
    slot_of: HashMap<&'c str, usize>,
}

impl<'c> Quick<'c> {
    fn new(c: &'c Checked) -> Quick<'c> {
        // No header to map: each cell is found by its fact's name.
        let cols = crate::batch::Columns::new(c, &[]).ok();
        Quick {
            cols: cols.filter(|_| !c.needs_more_than_slots()),
            slot_of: c
                .facts
                .iter()
                .enumerate()
                .map(|(i, f)| (f.name.as_str(), i))
                .collect(),
        }
    }

    /// Fill `s` from the unit's cells and score it on the fast path; `None`
    /// when anything needs the whole way.
    fn score<'s>(
        &self,
        k: &Compiled,
        u: &super::data::Unit,
        s: &'s mut Scratch,
        filled: &mut Vec<bool>,
        seen: &mut Seen,
    ) -> Option<&'s Scorecard> {
        let cols = self.cols.as_ref()?;
        let c = k.checked();
        filled.clear();
        filled.resize(c.facts.len(), false);
        let vals = s.facts_mut();
        for (i, (name, raw, _)) in u.values.iter().enumerate() {
            let Some(slot) = self.slot(seen, i, name) else {
                continue;
            };
            let RawValue::Text(t) = raw else { return None };
            // The facts reader takes a fact's first value; a repeated one goes that way.
            if std::mem::replace(&mut filled[slot], true) {
                return None;
            }
            vals[slot] = cols.fast(slot, crate::batch::row::trim(t))?;
        }
        for (slot, decl) in c.facts.iter().enumerate() {
            if !filled[slot] {
                vals[slot] = decl.default?;
            }
        }
        if !c.constraints.is_empty() && !cols.keeps_constraints(vals) {
            return None;
        }
        k.run_fast(s).ok()
    }

    /// The slot of a unit's `i`-th cell, named `name`. Every unit of a CSV
    /// names its cells alike, so the answer is remembered by position and
    /// checked with one comparison of names rather than a hash per cell.
    fn slot(&self, seen: &mut Seen, i: usize, name: &str) -> Option<usize> {
        if let Some((n, slot)) = seen.get(i) {
            if n == name {
                return *slot;
            }
        }
        let slot = self.slot_of.get(name).copied();
        seen.truncate(i);
        seen.push((name.to_string(), slot));
        slot
    }
}

/// A rubric's slots by the position of a unit's cells, as last seen.
type Seen = Vec<(String, Option<usize>)>;

impl<'c> Plan<'c> {
    pub fn new(old: &'c Checked, new: &'c Checked, edits: &[Edit]) -> Plan<'c> {
        // Old indicators in order, then those only the new rubric has.
        let names = old.indicators.iter().map(|i| &i.name).chain(
            new.indicators
                .iter()
                .map(|i| &i.name)
                .filter(|n| old.indicator_named(n).is_none()),
        );
        let pairs = names
            .map(|name| Pair {
                name: name.clone(),
                old: old.indicator_named(name),
                new: new.indicator_named(name),
                causes: edits::causes(name, old, new, edits),
            })
            .collect();
        Plan {
            old,
            new,
            k_old: Compiled::new(old),
            k_new: Compiled::new(new),
            q_old: Quick::new(old),
            q_new: Quick::new(new),
            pairs,
            rows: Default::default(),
        }
    }

    /// The same plan, joining these rows files' rows to each unit (old, new).
    pub fn with_rows(mut self, old: super::data::Rows, new: super::data::Rows) -> Self {
        self.rows = (old, new);
        self
    }

    fn scratch(&self) -> Work {
        Work {
            old: (
                self.k_old.scratch(),
                Env::new(self.old.slot_count()),
                Seen::new(),
            ),
            new: (
                self.k_new.scratch(),
                Env::new(self.new.slot_count()),
                Seen::new(),
            ),
            filled: Vec::new(),
        }
    }

    /// Score one unit under both rubrics.
    fn unit(&self, u: &super::data::Unit, w: &mut Work) -> UnitDiff {
        let (o, oc) = side(
            self.old,
            &self.k_old,
            &self.q_old,
            u,
            &self.rows.0,
            &mut w.old,
            &mut w.filled,
        );
        let (n, nc) = side(
            self.new,
            &self.k_new,
            &self.q_new,
            u,
            &self.rows.1,
            &mut w.new,
            &mut w.filled,
        );
        let mut changes = Vec::new();
        if let (Some(oc), Some(nc)) = (&oc, &nc) {
            for p in &self.pairs {
                let a = p.old.map(|id| oc.indicators[id as usize].score);
                let b = p.new.map(|id| nc.indicators[id as usize].score);
                if a != b {
                    changes.push(Change {
                        indicator: p.name.clone(),
                        old: a,
                        new: b,
                        causes: p.causes.clone(),
                    });
                }
            }
        }
        UnitDiff {
            label: u.label.clone(),
            old: o,
            new: n,
            changes,
        }
    }
}

struct Work {
    /// Each rubric's scratch, the reference's environment, and the slots
    /// of the last unit's cells.
    old: (Scratch, Env, Seen),
    new: (Scratch, Env, Seen),
    /// Which slots a unit's cells filled (reused).
    filled: Vec<bool>,
}

/// One rubric's outcome for a unit. The compiled evaluator scores; a unit it
/// cannot score is scored again by the reference evaluator on the fact set
/// itself, so the error names the cells it came from.
fn side<'s>(
    c: &Checked,
    k: &Compiled,
    q: &Quick,
    u: &super::data::Unit,
    rows: &super::data::Rows,
    (s, env, seen): &'s mut (Scratch, Env, Seen),
    filled: &mut Vec<bool>,
) -> (Outcome, Option<Cow<'s, Scorecard>>) {
    // Nearly every unit: its cells straight into slots, scored, the
    // scorecard read where it lies. (A rubric with target tables never
    // takes this path, so the rows are read only the whole way.)
    let quick = q.score(k, u, s, filled, seen).is_some();
    let card = if quick {
        Ok(Cow::Borrowed(s.card()))
    } else {
        let set = match super::data::fact_set(c, u, rows) {
            Err(Ok(missing)) => return (Outcome::Missing(missing), None),
            Err(Err(d)) => return (Outcome::Failed(d), None),
            Ok(set) => set,
        };
        match k.score(&set, s) {
            Ok(card) => Ok(Cow::Owned(card)),
            Err(_) => crate::eval::score_in(c, &set, env).map(Cow::Owned),
        }
    };
    match card {
        Ok(card) => {
            let grade = c
                .grades
                .get(card.grade)
                .map(|g| g.name.clone())
                .unwrap_or_default();
            (
                Outcome::Scored {
                    total: card.total,
                    grade,
                },
                Some(card),
            )
        }
        Err(d) => (Outcome::Failed(d), None),
    }
}

/// Score every unit of `units` with `workers` threads (0: one per core),
/// handing each result to `each` in input order. An item the source could
/// not read stops the run: `each` has then seen every unit before it, and
/// the error is returned.
#[allow(clippy::type_complexity)]
pub fn run<T, K, E>(
    plan: &Plan,
    units: impl Iterator<Item = Result<T, E>> + Send,
    unit_of: impl Fn(&T) -> &super::data::Unit + Sync,
    // Run by the worker once a unit is scored (formatting its output, say),
    // so that the thread handing results out does as little as it can.
    finish: impl Fn(T, &UnitDiff) -> K + Sync,
    workers: usize,
    mut each: impl FnMut(K, UnitDiff) -> std::io::Result<()>,
) -> Result<Result<(), E>, std::io::Error>
where
    T: Send,
    K: Send,
    E: Send,
{
    let workers = if workers == 0 {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    } else {
        workers
    };
    let mut units = units;
    let mut take = || -> (Vec<T>, Option<E>) {
        let mut chunk = Vec::with_capacity(CHUNK);
        while chunk.len() < CHUNK {
            match units.next() {
                Some(Ok(t)) => chunk.push(t),
                Some(Err(e)) => return (chunk, Some(e)),
                None => break,
            }
        }
        (chunk, None)
    };
    if workers == 1 {
        let mut w = plan.scratch();
        loop {
            let (chunk, err) = take();
            let last = chunk.len() < CHUNK || err.is_some();
            for t in chunk {
                let d = plan.unit(unit_of(&t), &mut w);
                each(finish(t, &d), d)?;
            }
            if let Some(e) = err {
                return Ok(Err(e));
            }
            if last {
                return Ok(Ok(()));
            }
        }
    }
    let (work_tx, work_rx) = sync_channel::<(usize, Vec<T>)>(workers);
    let work_rx = Mutex::new(work_rx);
    type Scored<K> = (usize, Vec<(K, UnitDiff)>);
    let (done_tx, done_rx) = sync_channel::<Scored<K>>(workers);
    std::thread::scope(|sc| {
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let (work_rx, unit_of, finish) = (&work_rx, &unit_of, &finish);
            sc.spawn(move || {
                let mut w = plan.scratch();
                loop {
                    let next = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((idx, chunk)) = next else { return };
                    let scored = chunk
                        .into_iter()
                        .map(|t| {
                            let d = plan.unit(unit_of(&t), &mut w);
                            (finish(t, &d), d)
                        })
                        .collect();
                    if done_tx.send((idx, scored)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        // The reader, in its own thread; results are handed out here.
        let reader = sc.spawn(move || {
            let mut idx = 0;
            loop {
                let (chunk, err) = take();
                let last = chunk.len() < CHUNK || err.is_some();
                if !chunk.is_empty() && work_tx.send((idx, chunk)).is_err() {
                    return None;
                }
                idx += 1;
                if err.is_some() || last {
                    return err;
                }
            }
        });
        let mut pending = BTreeMap::new();
        let mut want = 0;
        let mut failed = None;
        for (idx, scored) in done_rx.iter() {
            if failed.is_some() {
                continue;
            }
            pending.insert(idx, scored);
            while let Some(scored) = pending.remove(&want) {
                for (t, d) in scored {
                    if let Err(e) = each(t, d) {
                        failed = Some(e);
                        break;
                    }
                }
                want += 1;
            }
        }
        let err = reader.join().unwrap_or(None);
        match (failed, err) {
            (Some(e), _) => Err(e),
            (None, Some(e)) => Ok(Err(e)),
            (None, None) => Ok(Ok(())),
        }
    })
}

/// One side's running totals, as [`super::summary`] adds them up.
#[derive(Clone, Debug)]
pub struct Side {
    count: usize,
    /// `None` once the sum overflows: no mean rather than a wrong one.
    sum: Option<Decimal>,
    min: Option<Decimal>,
    max: Option<Decimal>,
    grades: Vec<(String, usize)>,
    places: u32,
}

impl Side {
    pub fn new(c: &Checked) -> Side {
        Side {
            count: 0,
            sum: Some(Decimal::ZERO),
            min: None,
            max: None,
            grades: c.grades.iter().map(|g| (g.name.clone(), 0)).collect(),
            places: c.rounding.places,
        }
    }

    pub fn add(&mut self, o: &Outcome) {
        let Outcome::Scored { total, grade } = o else {
            return;
        };
        self.count += 1;
        self.sum = self.sum.and_then(|s| s.checked_add(*total));
        self.min = Some(self.min.map_or(*total, |m| m.min(*total)));
        self.max = Some(self.max.map_or(*total, |m| m.max(*total)));
        if let Some(g) = self.grades.iter_mut().find(|g| &g.0 == grade) {
            g.1 += 1;
        }
    }

    pub fn summary(&self) -> Summary {
        let mean = (self.count > 0)
            .then(|| {
                self.sum
                    .and_then(|x| x.checked_div(Decimal::from(self.count)))
                    .map(|m| m.round_dp(self.places))
            })
            .flatten();
        Summary {
            count: self.count,
            mean,
            min: self.min,
            max: self.max,
            grades: self.grades.clone(),
        }
    }
}

/// What the text, JSON and CSV outputs say after the units.
#[derive(Clone, Debug)]
pub struct Totals {
    pub units: usize,
    pub flips: usize,
    pub old: Side,
    pub new: Side,
    /// Some unit could not be scored under one of the rubrics.
    pub problems: bool,
}

impl Totals {
    pub fn new(old: &Checked, new: &Checked) -> Totals {
        Totals {
            units: 0,
            flips: 0,
            old: Side::new(old),
            new: Side::new(new),
            problems: false,
        }
    }

    pub fn add(&mut self, u: &UnitDiff) {
        self.units += 1;
        self.flips += usize::from(u.flipped());
        self.old.add(&u.old);
        self.new.add(&u.new);
        self.problems |= !matches!(
            (&u.old, &u.new),
            (Outcome::Scored { .. }, Outcome::Scored { .. })
        );
    }
}

/// Problems of a unit as diagnostics (missing facts, errors), as
/// [`super::output::problems`] gives them.
pub fn problems(u: &UnitDiff) -> Vec<Diagnostic> {
    super::output::problems(u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceMap;

    fn rubric(map: &mut SourceMap, text: &str) -> Checked {
        let id = map.add("r.jx", text.to_string());
        crate::compile(map, id)
            .ok()
            .expect("bundled rubric")
            .checked
    }

    /// Every plainly written unit takes the quick path, and its scorecard
    /// is the whole way's, decimal scale included (`Debug` shows it); a
    /// unit with a cell the facts reader must word goes the whole way.
    /// Plain units after those, and one with its cells in another order
    /// (as a facts file may write them), find their slots again though the
    /// slots remembered by position no longer fit.
    #[test]
    fn the_quick_path_scores_as_the_whole_way() {
        let mut map = SourceMap::new();
        let old = rubric(&mut map, include_str!("../../rules/shaanxi-2019.jx"));
        let new = rubric(&mut map, include_str!("../../rules/shaanxi-2020-draft.jx"));
        let csv = include_str!("../../rules/shaanxi-synthetic-units.csv");
        let mut units = super::super::data::read_csv(csv, 9).expect("bundled units");
        let plain = units.len();
        // A negative rate (E312), a word for a number, a bound, a missing fact.
        for (i, v) in ["-5%", "很多", "＜40%", ""].into_iter().enumerate() {
            let mut u = units[i].clone();
            u.values[0].1 = RawValue::Text(v.into());
            if v.is_empty() {
                u.values.remove(0);
            }
            units.push(u);
        }
        let planted = plain..units.len();
        let mut turned = units[1].clone();
        turned.values.reverse();
        units.push(turned);
        units.extend(units[..8].to_vec());
        let plan = Plan::new(&old, &new, &[]);
        let mut w = plan.scratch();
        let sides = [
            (&old, &plan.k_old, &plan.q_old),
            (&new, &plan.k_new, &plan.q_new),
        ];
        for (c, k, q) in sides {
            let (mut s, mut qs, mut seen) = (k.scratch(), k.scratch(), Seen::new());
            for (i, u) in units.iter().enumerate() {
                let quick = q.score(k, u, &mut qs, &mut w.filled, &mut seen).cloned();
                let whole = super::super::data::fact_set(c, u, &Default::default())
                    .ok()
                    .and_then(|set| k.score(&set, &mut s).ok());
                match &quick {
                    Some(card) => assert_eq!(
                        format!("{card:?}"),
                        format!("{:?}", whole.expect("the whole way scores it too")),
                        "unit {i}"
                    ),
                    None => assert!(planted.contains(&i), "plain unit {i} took the whole way"),
                }
                if planted.contains(&i) {
                    assert!(quick.is_none(), "unit {i} must be read the whole way");
                }
            }
        }
    }
}
