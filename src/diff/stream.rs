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
use rust_decimal::Decimal;
use std::collections::BTreeMap;
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
    pairs: Vec<Pair>,
    /// `diff --rows`: target-table rows joined by unit, for each rubric.
    rows: (super::data::Rows, super::data::Rows),
}

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
            old: (self.k_old.scratch(), Env::new(self.old.slot_count())),
            new: (self.k_new.scratch(), Env::new(self.new.slot_count())),
        }
    }

    /// Score one unit under both rubrics.
    fn unit(&self, u: &super::data::Unit, w: &mut Work) -> UnitDiff {
        let (o, oc) = side(self.old, &self.k_old, u, &self.rows.0, &mut w.old);
        let (n, nc) = side(self.new, &self.k_new, u, &self.rows.1, &mut w.new);
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
    old: (Scratch, Env),
    new: (Scratch, Env),
}

/// One rubric's outcome for a unit. The compiled evaluator scores; a unit it
/// cannot score is scored again by the reference evaluator on the fact set
/// itself, so the error names the cells it came from.
fn side(
    c: &Checked,
    k: &Compiled,
    u: &super::data::Unit,
    rows: &super::data::Rows,
    (s, env): &mut (Scratch, Env),
) -> (Outcome, Option<Scorecard>) {
    let set = match super::data::fact_set(c, u, rows) {
        Err(Ok(missing)) => return (Outcome::Missing(missing), None),
        Err(Err(d)) => return (Outcome::Failed(d), None),
        Ok(set) => set,
    };
    let card = match k.score(&set, s) {
        Ok(card) => Ok(card),
        Err(_) => crate::eval::score_in(c, &set, env),
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
