//! `[评审打分]`: the scores an assessor gives, by indicator name. An
//! indicator written `评审打分` must have one, within [0, 分值], checked
//! here on load; a range row (`则 9-8`) is checked when it fires.

use super::value::{half_width, split_number};
use super::{Builder, Entry, Item, RawValue};
use crate::diag::{did_you_mean, Diagnostic, Msg, Note};
use rust_decimal::Decimal;

impl Builder<'_> {
    pub(super) fn picks(&mut self, e: &Entry) {
        let Item::Table(inner) = &e.item else {
            let msg = Msg::FactWrongType {
                name: e.key.clone(),
                expected: "{ 指标 = 分数 }".to_string(),
            };
            self.diags.push(Diagnostic::new(msg).at(self.span(&e.span)));
            return;
        };
        for p in inner {
            let id = self
                .checked
                .indicator_named(&p.key)
                .filter(|&id| self.checked.has_pick(id));
            let Some(id) = id else {
                let names = (0..self.checked.indicators.len() as u32)
                    .filter(|&i| self.checked.has_pick(i))
                    .map(|i| self.checked.ind(i).name.as_str());
                let mut d = Diagnostic::new(Msg::AssessorNotAnIndicator {
                    name: p.key.clone(),
                })
                .at(self.span(&p.key_span));
                if let Some(s) = did_you_mean(&p.key, names) {
                    d = d.note(Note::DidYouMean(s));
                }
                self.diags.push(d);
                continue;
            };
            let span = self.span(&p.span);
            let value = match &p.item {
                Item::Value(RawValue::Number(d)) => Some(*d),
                Item::Value(RawValue::Text(t)) => {
                    let t = half_width(t);
                    split_number(&t)
                        .ok()
                        .filter(|(_, u)| u.is_empty() || *u == "分")
                        .map(|(d, _)| d)
                }
                _ => None,
            };
            let Some(v) = value else {
                let raw = match &p.item {
                    Item::Value(v) => v.to_text(),
                    _ => String::new(),
                };
                let msg = Msg::FactNotNumber {
                    name: format!("评审打分.{}", p.key),
                    value: raw,
                    expected: "分".to_string(),
                };
                self.diags.push(Diagnostic::new(msg).at(span));
                continue;
            };
            // 评审打分 (the indicator's only row): its range is known now.
            if let Some(range) = self.sole_pick(id) {
                let row = self.checked.ind(id).rows[0].span;
                let name = &self.checked.ind(id).name;
                if let Err(d) =
                    crate::eval::targets::check_pick(name, range, Some((v, Some(span))), row)
                {
                    self.diags.push(*d);
                    continue;
                }
            }
            self.set.picks[id as usize] = Some((v, Some(span)));
        }
    }

    /// An indicator whose only row is the assessor's: its range.
    fn sole_pick(&self, id: u32) -> Option<(Decimal, Decimal)> {
        match self.checked.ind(id).rows.as_slice() {
            [r] if r.cond.is_none() => r.pick,
            _ => None,
        }
    }

    /// Indicators the assessor scores outright must have a score.
    pub(super) fn missing_picks(&mut self) {
        for id in 0..self.checked.indicators.len() as u32 {
            let Some(range) = self.sole_pick(id) else {
                continue;
            };
            if self.set.picks[id as usize].is_some() {
                continue;
            }
            // Under a 择一 alternative not chosen: excluded, never scored.
            let values = &self.set.values;
            if self
                .checked
                .not_chosen(id, |s| self.checked.given_or_default(values, s))
            {
                continue;
            }
            let ind = self.checked.ind(id);
            // A score that was given but bad has been reported already.
            let key = format!("评审打分.{}", ind.name);
            if self.diags.0.iter().any(|d| match &d.msg {
                Msg::AssessorPickOutside { indicator, .. } => *indicator == ind.name,
                Msg::FactNotNumber { name, .. } => *name == key,
                _ => false,
            }) {
                continue;
            }
            if let Err(d) =
                crate::eval::targets::check_pick(&ind.name, range, None, ind.rows[0].span)
            {
                self.diags.push(*d);
            }
        }
    }
}
