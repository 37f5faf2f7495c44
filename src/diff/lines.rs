//! The streamed outputs' per-unit lines (text, CSV, JSON), written into a
//! buffer with each edit's wording worked out once. They say byte for byte
//! what [`super::output::text_unit`], [`super::output::csv_row`] and
//! [`super::output::json_next`] say (those stay the plain statement of the
//! format, which the tests hold these to); these are what `jixiao diff`
//! runs for every unit, where formatting each change's causes afresh (a
//! `format!` per edit, strings joined and copied per field) cost more than
//! scoring the unit under both rubrics.

use super::edits::Edit;
use super::output::edit_text;
use super::{Outcome, UnitDiff};
use crate::check::show;
use crate::diag::{Lang, Word};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::borrow::Cow;

/// What every unit's lines share: the edits' wording, the places, the words.
pub struct Lines {
    edits: Vec<String>,
    places: u32,
    lang: Lang,
    /// Between two causes of one change.
    join: &'static str,
    unexplained: &'static str,
    cause: &'static str,
}

impl Lines {
    pub fn new(edits: &[Edit], places: u32, lang: Lang) -> Lines {
        Lines {
            edits: edits.iter().map(|e| edit_text(e, lang)).collect(),
            places,
            lang,
            join: if lang == Lang::Zh { "；" } else { "; " },
            unexplained: Word::Unexplained.text(lang),
            cause: Word::Cause.text(lang),
        }
    }

    fn causes(&self, out: &mut String, causes: &[usize]) {
        if causes.is_empty() {
            out.push_str(self.unexplained);
        }
        for (k, &i) in causes.iter().enumerate() {
            if k > 0 {
                out.push_str(self.join);
            }
            out.push_str(&self.edits[i]);
        }
    }

    fn score_opt(&self, out: &mut String, d: Option<Decimal>) {
        match d {
            Some(d) => push_score(out, d, self.places),
            None => out.push('-'),
        }
    }

    fn total(&self, out: &mut String, o: &Outcome) {
        match o {
            Outcome::Scored { total, .. } => push_score(out, *total, self.places),
            _ => out.push('-'),
        }
    }

    fn grade(o: &Outcome) -> &str {
        match o {
            Outcome::Scored { grade, .. } => grade,
            _ => "-",
        }
    }

    /// One unit's CSV row, as [`super::output::csv_row`].
    pub fn csv_row(&self, u: &UnitDiff, out: &mut String) {
        // Each field is written raw, then defused and quoted in place if it
        // must be (nearly never: the common row is copied once).
        let cell = |out: &mut String, start: usize| {
            // What `cell` looks for is ASCII: a byte scan says it is absent.
            let f = &out.as_bytes()[start..];
            let risky = matches!(f.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
            if !risky && !f.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
                return;
            }
            let fixed = match crate::report::csv::cell(&out[start..]) {
                Cow::Owned(s) => Some(s),
                Cow::Borrowed(_) => None,
            };
            if let Some(s) = fixed {
                out.truncate(start);
                out.push_str(&s);
            }
        };
        let mut start = out.len();
        out.push_str(&u.label);
        cell(out, start);
        for o in [&u.old, &u.new] {
            out.push(',');
            start = out.len();
            self.total(out, o);
            cell(out, start);
            out.push(',');
            start = out.len();
            out.push_str(Self::grade(o));
            cell(out, start);
        }
        out.push_str(if u.flipped() { ",true," } else { ",false," });
        start = out.len();
        for (k, c) in u.changes.iter().enumerate() {
            if k > 0 {
                out.push_str("; ");
            }
            out.push_str(&c.indicator);
            out.push(' ');
            self.score_opt(out, c.old);
            out.push('→');
            self.score_opt(out, c.new);
            out.push_str(" (");
            self.causes(out, &c.causes);
            out.push(')');
        }
        cell(out, start);
        out.push('\n');
    }

    /// One unit's text lines, as [`super::output::text_unit`].
    pub fn text_unit(&self, u: &UnitDiff, out: &mut String) {
        out.push_str(&crate::diag::visible_line(&u.label));
        for o in [&u.old, &u.new] {
            out.push('\t');
            self.total(out, o);
            out.push('\t');
            out.push_str(Self::grade(o));
        }
        if u.flipped() {
            out.push_str("  ←");
        }
        out.push('\n');
        for c in &u.changes {
            out.push_str("    ");
            out.push_str(&c.indicator);
            out.push(' ');
            self.score_opt(out, c.old);
            out.push_str(" → ");
            self.score_opt(out, c.new);
            out.push_str("  ");
            out.push_str(self.cause);
            out.push('：');
            self.causes(out, &c.causes);
            out.push('\n');
        }
    }

    /// One unit of the streamed JSON, as [`super::output::json_next`].
    pub fn json_next(&self, u: &UnitDiff, first: bool, out: &mut String) {
        let p = self.places;
        let side = |o: &Outcome| match o {
            Outcome::Scored { total, grade } => {
                json!({ "total": show::score(*total, p), "grade": grade })
            }
            Outcome::Missing(names) => json!({ "missing_facts": names }),
            Outcome::Failed(e) => json!({ "error": e.code(), "message": e.msg.text(self.lang) }),
        };
        let opt = |d: Option<Decimal>| {
            let mut s = String::new();
            self.score_opt(&mut s, d);
            s
        };
        let changes: Vec<Value> = u
            .changes
            .iter()
            .map(|c| {
                let causes: Vec<&str> = c.causes.iter().map(|&i| self.edits[i].as_str()).collect();
                json!({ "indicator": c.indicator, "old": opt(c.old), "new": opt(c.new), "causes": causes })
            })
            .collect();
        let v = json!({ "unit": u.label, "old": side(&u.old), "new": side(&u.new), "grade_changed": u.flipped(), "changes": changes });
        out.push_str(if first { "\n    " } else { ",\n    " });
        out.push_str(&super::output::nested(&v, 2));
    }
}

/// `d` shown with `places` decimals, as [`show::score`] shows it, without
/// its allocation and general formatting for the scores a diff writes
/// (a mantissa that fits 64 bits at a scale up to `places`).
pub fn push_score(out: &mut String, d: Decimal, places: u32) {
    let fits = (d.scale() <= places && places <= 28 && !(d.is_zero() && d.is_sign_negative()))
        .then(|| {
            let m = u64::try_from(d.mantissa().unsigned_abs()).ok()?;
            m.checked_mul(10u64.checked_pow(places - d.scale())?)
        })
        .flatten();
    let Some(mut m) = fits else {
        out.push_str(&show::score(d, places));
        return;
    };
    // Digits last to first, at least one before the point (places ≤ 28: Decimal's scale).
    let mut buf = [0u8; 40];
    let mut i = buf.len();
    let mut n = 0;
    while m > 0 || n <= places {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        n += 1;
    }
    if d.is_sign_negative() {
        out.push('-');
    }
    let digits = &buf[i..];
    let (int, frac) = digits.split_at(digits.len() - places as usize);
    out.extend(int.iter().map(|&b| b as char));
    if places > 0 {
        out.push('.');
        out.extend(frac.iter().map(|&b| b as char));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Msg};
    use crate::diff::edits::EditKind;
    use crate::diff::output;
    use crate::diff::Change;
    use std::str::FromStr;

    #[test]
    fn scores_are_shown_as_show_shows_them() {
        let cases = [
            "0",
            "-0",
            "0.00",
            "-0.00",
            "5",
            "0.05",
            "-0.05",
            "65.00",
            "61.85",
            "-1.5",
            "100",
            "0.5",
            "12.345",
            "0.001",
            "-12.3456",
            "99.999",
            "1e-10",
            "7922816251426433759354395033",
            "18446744073709551615",
            "18446744073709551616",
            "-18446744073709551616",
            "1844674407370955.1615",
            "0.0000000000000000000000000001",
        ];
        for text in cases {
            let mut d = Decimal::from_str(text)
                .or_else(|_| Decimal::from_scientific(text))
                .unwrap();
            for _ in 0..2 {
                for places in [0, 1, 2, 3, 4, 6, 19, 20, 28] {
                    let mut s = String::from("x");
                    push_score(&mut s, d, places);
                    assert_eq!(s[1..], show::score(d, places), "{d:?} at {places}");
                }
                d = -d;
            }
        }
    }

    fn edit(name: &str, kind: EditKind) -> Edit {
        Edit {
            name: name.into(),
            kind,
        }
    }

    /// Units of every kind the lines must say alike: changes with one,
    /// two and no causes, an indicator on one side only, a flipped grade,
    /// labels a spreadsheet would run or must quote, missing facts, an error.
    #[test]
    fn lines_say_what_the_output_functions_say() {
        let edits = vec![
            edit("甲", EditKind::Rules),
            edit(
                "乙",
                EditKind::Weight {
                    old: Decimal::from(40),
                    new: Decimal::from(35),
                    old_percent: Some(Decimal::from(40)),
                    new_percent: None,
                },
            ),
            edit("丙", EditKind::Added),
        ];
        let d = |s: &str| Decimal::from_str(s).unwrap();
        let change =
            |name: &str, old: Option<&str>, new: Option<&str>, causes: Vec<usize>| Change {
                indicator: name.into(),
                old: old.map(d),
                new: new.map(d),
                causes,
            };
        let scored = |t: &str, g: &str| Outcome::Scored {
            total: d(t),
            grade: g.into(),
        };
        let units = [
            UnitDiff {
                label: "单位001".into(),
                old: scored("65.00", "中"),
                new: scored("61.85", "中"),
                changes: vec![
                    change("甲", Some("11.00"), Some("10"), vec![0]),
                    change("乙", Some("34.4"), Some("30.10"), vec![0, 1]),
                    change("丙", None, Some("-1.5"), vec![2]),
                    change("丁", Some("0"), None, vec![]),
                ],
            },
            UnitDiff {
                label: "=1+2,\"x\"".into(),
                old: scored("89.995", "良"),
                new: scored("90", "优"),
                changes: vec![change("=甲", Some("1"), Some("2"), vec![])],
            },
            UnitDiff {
                label: "两行\n名称".into(),
                old: Outcome::Missing(vec!["a".into(), "b".into()]),
                new: Outcome::Failed(Box::new(Diagnostic::new(Msg::DataUnclosedQuote))),
                changes: vec![],
            },
            UnitDiff {
                label: "-".into(),
                old: scored("-0.00", "差"),
                new: scored("0", "差"),
                changes: vec![],
            },
        ];
        for lang in [Lang::Zh, Lang::En] {
            for places in [0, 2, 3] {
                let l = Lines::new(&edits, places, lang);
                for (i, u) in units.iter().enumerate() {
                    let mut s = String::new();
                    l.csv_row(u, &mut s);
                    assert_eq!(s, output::csv_row(&edits, u, places, lang), "csv {i}");
                    s.clear();
                    l.text_unit(u, &mut s);
                    assert_eq!(s, output::text_unit(&edits, u, places, lang), "text {i}");
                    for first in [true, false] {
                        s.clear();
                        l.json_next(u, first, &mut s);
                        let json = output::json_next(&edits, u, places, lang, first);
                        assert_eq!(s, json, "json {i}");
                    }
                }
            }
        }
    }
}
