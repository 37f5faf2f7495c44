//! The session's state: the rule text, the checked rubric and the facts, and
//! how each is rebuilt when the others change.

use super::Reply;
use crate::check::{CheckOutput, Checked};
use crate::diag::{render_text, Diagnostic, Diagnostics, Lang, Msg, SourceMap, Word};
use crate::eval::FactSet;
use crate::facts::{self, RawValue};
use crate::syntax::ast::Rubric;
use crate::syntax::{FileId, Span};

/// File ids used in the session's source maps.
pub(super) const RULES: FileId = 0;
pub(super) const FACTS: FileId = 1;
pub(super) const INPUT: FileId = 2;

/// The rubric of a session with no rule file: expressions still work.
const EMPTY_RUBRIC: &str = "评分表 \"repl\" 满分 100\n等级 A\n";

pub struct Session {
    pub lang: Lang,
    /// Colour diagnostics (terminals only).
    pub color: bool,
    pub(super) path: Option<String>,
    /// The rule text: the file, with the definitions typed at the prompt.
    pub(super) text: String,
    /// `text` parsed: what is typed is appended, and only that is parsed.
    pub(super) ast: Rubric,
    pub(super) checked: Checked,
    /// The checker's state for `checked`, to add definitions one by one;
    /// dropped whenever `checked` is replaced (made again when needed).
    pub(super) extender: Option<crate::check::Extender>,
    pub(super) facts_file: Option<(String, String)>,
    /// Values set by hand, in order; `None` is an `:unset`.
    pub(super) overrides: Vec<(String, Option<String>)>,
    pub(super) facts: FactSet,
}

impl Session {
    pub fn new(lang: Lang) -> Session {
        let (ast, out) = compile(EMPTY_RUBRIC).expect("the empty rubric checks");
        let checked = out.checked;
        let facts = FactSet::empty(&checked);
        Session {
            lang,
            color: false,
            path: None,
            text: EMPTY_RUBRIC.to_string(),
            ast,
            checked,
            extender: None,
            facts_file: None,
            overrides: Vec::new(),
            facts,
        }
    }

    /// The checked rubric of the session.
    pub fn checked(&self) -> &Checked {
        &self.checked
    }

    /// The facts as they stand (file, then values set by hand).
    pub fn facts(&self) -> &FactSet {
        &self.facts
    }

    /// Names worth completing: inputs, derived values, indicators, grades.
    pub fn names(&self) -> Vec<String> {
        let c = &self.checked;
        let mut out: Vec<String> = c.facts.iter().map(|f| f.name.clone()).collect();
        out.extend(
            c.derived
                .iter()
                .filter(|d| !d.name.starts_with("__"))
                .map(|d| d.name.clone()),
        );
        out.extend(c.indicators.iter().map(|i| i.name.clone()));
        out.extend(c.grades.iter().map(|g| g.name.clone()));
        out.sort();
        out.dedup();
        out
    }

    pub(super) fn need_rubric(&self) -> Result<(), Reply> {
        if self.path.is_none() && self.checked.indicators.is_empty() {
            return Err(self.fail_msg(Msg::NoRubric, ""));
        }
        Ok(())
    }

    pub(super) fn word(&self, w: Word) -> &'static str {
        w.text(self.lang)
    }

    /// Render diagnostics against a rule text, the facts file and the input.
    pub(super) fn render(&self, diags: &[Diagnostic], rules_text: &str, input: &str) -> String {
        let mut map = SourceMap::new();
        map.add(
            self.path.clone().unwrap_or_else(|| "<repl>".into()),
            rules_text.to_string(),
        );
        match &self.facts_file {
            Some((p, t)) => map.add(p.clone(), t.clone()),
            None => map.add("<facts>", String::new()),
        };
        map.add("<输入>", input.to_string());
        render_text(diags, &map, self.lang, self.color)
    }

    pub(super) fn fail_msg(&self, msg: Msg, input: &str) -> Reply {
        self.fail_diags(&[Diagnostic::new(msg)], input)
    }

    pub(super) fn fail_diags(&self, diags: &[Diagnostic], input: &str) -> Reply {
        Reply::fail(self.render(diags, &self.text, input))
    }

    /// `:load FILE`: a new rubric; the facts are cleared.
    pub fn load(&mut self, path: &str) -> Reply {
        let text = match read(path, crate::files::RULES_LIMIT) {
            Ok(t) => t,
            Err(d) => return self.fail_diags(&[d], ""),
        };
        match compile(&text) {
            Ok((ast, out)) => {
                self.path = Some(path.to_string());
                self.text = text;
                self.ast = ast;
                self.checked = out.checked;
                self.extender = None;
                self.facts_file = None;
                self.overrides.clear();
                self.facts = FactSet::empty(&self.checked);
                // Like `jixiao score`, loading does not repeat the lints; `jixiao check` shows them.
                Reply::ok(format!("{} {path}\n", self.word(Word::ReplLoaded)))
            }
            Err(d) => {
                let mut map = SourceMap::new();
                map.add(path, text);
                Reply::fail(render_text(&d.0, &map, self.lang, self.color))
            }
        }
    }

    /// `:reload`: the file again, keeping the facts.
    pub fn reload(&mut self) -> Reply {
        let Some(path) = self.path.clone() else {
            return self.fail_msg(Msg::NoRubric, "");
        };
        let facts_file = self.facts_file.take();
        let overrides = std::mem::take(&mut self.overrides);
        let r = self.load(&path);
        if r.failed {
            self.facts_file = facts_file;
            self.overrides = overrides;
            return r;
        }
        self.facts_file = facts_file;
        self.overrides = overrides;
        let errs = self.rebuild_facts();
        if errs.is_empty() {
            r
        } else {
            Reply::fail(format!("{}{}", r.text, self.render(&errs, &self.text, "")))
        }
    }

    /// `:facts FILE`: replaces the facts file and drops values set by hand.
    pub fn load_facts(&mut self, path: &str) -> Reply {
        if let Err(r) = self.need_rubric() {
            return r;
        }
        let Some(fmt) = facts::Format::from_path(path) else {
            return self.fail_msg(Msg::FactsFormat { path: path.into() }, "");
        };
        let text = match read(path, crate::files::DATA_LIMIT) {
            Ok(t) => t,
            Err(d) => return self.fail_diags(&[d], ""),
        };
        let old = self.facts_file.replace((path.to_string(), text.clone()));
        match load_partial(&text, fmt, &self.checked) {
            Ok(set) => {
                self.overrides.clear();
                self.facts = set;
                Reply::ok(format!("{} {path}\n", self.word(Word::ReplLoaded)))
            }
            Err(d) => {
                let out = self.render(&d.0, &self.text, "");
                self.facts_file = old;
                Reply::fail(out)
            }
        }
    }

    /// Rebuild the fact set against the current rubric; returns the problems.
    pub(super) fn rebuild_facts(&mut self) -> Vec<Diagnostic> {
        let mut errs = Vec::new();
        let mut set = FactSet::empty(&self.checked);
        if let Some((path, text)) = &self.facts_file {
            match facts::Format::from_path(path).map(|f| load_partial(text, f, &self.checked)) {
                Some(Ok(s)) => set = s,
                Some(Err(d)) => errs.extend(d.0),
                None => errs.push(Diagnostic::new(Msg::FactsFormat { path: path.clone() })),
            }
        }
        let mut kept = Vec::new();
        let mut bounds = Vec::new();
        for (name, value) in std::mem::take(&mut self.overrides) {
            match apply(
                &self.checked,
                &mut set,
                &mut bounds,
                &name,
                value.as_deref(),
            ) {
                Ok(()) => kept.push((name, value)),
                Err(m) => errs.push(Diagnostic::new(m)),
            }
        }
        if errs.is_empty() {
            if let Err(d) = settled(&self.checked, &mut set, &bounds) {
                errs.extend(d.0);
            }
        }
        self.overrides = kept;
        self.facts = set;
        errs
    }

    /// Replace the rule text with `text` if it checks; otherwise keep the old
    /// one and return the diagnostics (with their spans in `text`).
    pub(super) fn retext(&mut self, text: String) -> Result<CheckOutput, Diagnostics> {
        let (ast, out) = self.compile(&text)?;
        let old_ast = std::mem::replace(&mut self.ast, ast);
        let old_text = std::mem::replace(&mut self.text, text);
        let old_checked = std::mem::replace(&mut self.checked, out.checked.clone());
        self.extender = None;
        let old_facts = self.facts.clone();
        let old_overrides = self.overrides.clone();
        let errs = self.rebuild_facts();
        if !errs.is_empty() {
            self.text = old_text;
            self.ast = old_ast;
            self.checked = old_checked;
            self.extender = None;
            self.facts = old_facts;
            self.overrides = old_overrides;
            return Err(Diagnostics(errs));
        }
        Ok(out)
    }

    /// Parse and check `text`. When it only appends to the session's text
    /// (a new definition, an expression's temporary one) the session's parse
    /// is reused and only the new part is parsed.
    pub(super) fn compile(&self, text: &str) -> Result<(Rubric, CheckOutput), Diagnostics> {
        let ast = match text.strip_prefix(self.text.as_str()) {
            Some(rest) if !rest.is_empty() => {
                crate::syntax::parse_appended(&self.ast, text, self.text.len(), RULES)?
            }
            _ => crate::syntax::parse(text, RULES)?,
        };
        let out = crate::check::check(&ast)?;
        Ok((ast, out))
    }
}

/// Set (or with `None`, unset) one input by name in `set`, read as every
/// facts source reads it; a bound (`＜40%`) is kept in `bounds` for [`settled`].
#[allow(clippy::result_large_err)] // Msg is the crate's one message type.
pub(super) fn apply(
    c: &Checked,
    set: &mut FactSet,
    bounds: &mut Vec<facts::Bound>,
    name: &str,
    value: Option<&str>,
) -> Result<(), Msg> {
    if let Some(r) = super::rows::apply(c, set, name, value) {
        return r;
    }
    let Some(slot) = c.fact_slot(name) else {
        return Err(if c.slot_named(name).is_some() {
            Msg::NotAnInput { name: name.into() }
        } else {
            Msg::UnknownFact { name: name.into() }
        });
    };
    bounds.retain(|b| b.slot != slot);
    match value {
        Some(v) => facts::put(c, set, bounds, slot, &RawValue::Text(v.to_string()), None)?,
        None => {
            set.values[slot as usize] = None;
            set.texts[slot as usize] = None;
        }
    }
    Ok(())
}

/// Check `set` as a facts file is checked (constraints, defaults, bounds).
/// The session keeps unset inputs unset, so only the values settled for
/// bounds are copied back.
pub(super) fn settled(
    c: &Checked,
    set: &mut FactSet,
    bounds: &[facts::Bound],
) -> Result<(), Diagnostics> {
    let mut full = set.clone();
    facts::settle(c, &mut full, bounds)?;
    for b in bounds {
        set.values[b.slot as usize] = full.values[b.slot as usize];
    }
    Ok(())
}

pub(super) fn compile(text: &str) -> Result<(Rubric, CheckOutput), Diagnostics> {
    let ast = crate::syntax::parse(text, RULES)?;
    let out = crate::check::check(&ast)?;
    Ok((ast, out))
}

#[allow(clippy::result_large_err)] // Diagnostic is the crate's one error type.
fn read(path: &str, limit: u64) -> Result<String, Diagnostic> {
    // Bounded while reading: `:load /dev/zero` is E505, not an exhausted memory.
    crate::files::read_text(path, limit)
}

/// Load a facts file that may leave inputs out: in a session they can be set
/// by hand later, and scoring reports any still missing (E301).
fn load_partial(text: &str, fmt: facts::Format, c: &Checked) -> Result<FactSet, Diagnostics> {
    facts::load_partial(text, FACTS, fmt, c)
}

/// Move spans that fall in `range` of the rule text to the input file, so
/// that errors in what was typed point at what was typed.
pub(super) fn to_input(diags: &mut [Diagnostic], range: std::ops::Range<usize>) {
    let fix = |s: &mut Span| {
        if s.file == RULES && (s.start as usize) >= range.start && (s.start as usize) <= range.end {
            let len = range.end - range.start;
            let start = (s.start as usize - range.start).min(len);
            let end = (s.end as usize)
                .saturating_sub(range.start)
                .clamp(start, len);
            *s = Span::new(INPUT, start, end);
        }
    };
    for d in diags {
        if let Some(s) = d.span.as_mut() {
            fix(s);
        }
        for (s, _) in d.labels.iter_mut() {
            fix(s);
        }
    }
}
