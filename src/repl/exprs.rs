//! Expressions and definitions typed at the prompt. Both go through the
//! real parser and checker: an expression is compiled as a temporary
//! `定义 __repl = …` appended to the rule text, a definition is spliced into
//! the rule text (replacing one of the same name) and kept if it checks.

use super::env;
use super::state::{to_input, Session};
use super::Reply;
use crate::check::show::value;
use crate::check::{Checked, Slot};
use crate::diag::Word;
use crate::syntax::ast::{Indicator, Rubric};

const TEMP: &str = "__repl";
const WORDS: [&str; 12] = [
    "定义",
    "define",
    "指标",
    "indicator",
    "加分",
    "bonus",
    "减分",
    "penalty",
    "输入",
    "input",
    "一票否决",
    "veto",
];

/// Whether an input is a definition (a statement of the rule language)
/// rather than an expression.
pub fn is_definition(input: &str) -> bool {
    let first: String = input
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    WORDS.contains(&first.as_str())
}

impl Session {
    /// Compile `input` as an expression; the temporary rubric and its slot.
    fn compile_expr(&self, input: &str) -> Result<(Checked, Slot), Reply> {
        let mut text = self.text.clone();
        text.push_str(&format!("\n定义 {TEMP} = "));
        let start = text.len();
        text.push_str(input);
        let end = text.len();
        text.push('\n');
        match self.compile(&text) {
            Ok((_, out)) => {
                let slot = out
                    .checked
                    .slot_named(TEMP)
                    .ok_or_else(|| Reply::fail(String::new()))?;
                Ok((out.checked, slot))
            }
            Err(mut d) => {
                d.0.retain(|d| d.is_error());
                to_input(&mut d.0, start..end);
                Err(Reply::fail(self.render(&d.0, &text, input)))
            }
        }
    }

    /// An expression's value, printed with its unit.
    pub(super) fn expression(&self, input: &str) -> Reply {
        // An indicator is not a value of the language, but its score is what people mean.
        if self.checked.indicator_named(input).is_some() && self.checked.slot_named(input).is_none()
        {
            return self.score(input, false);
        }
        let (c, slot) = match self.compile_expr(input) {
            Ok(x) => x,
            Err(r) => return r,
        };
        let e = env::slot_expr(slot, c.derived[slot as usize - c.facts.len()].span);
        // The temporary rubric has the same inputs in the same slots.
        match env::eval(&c, &self.facts, &e) {
            Ok(v) => Reply::ok(format!("{}\n", value(&c, c.slot_ty(slot), v))),
            Err(d) => Reply::fail(self.render(&[*d], &self.text, input)),
        }
    }

    /// `:type 表达式`
    pub(super) fn type_of(&self, input: &str) -> Reply {
        match self.compile_expr(input) {
            Ok((c, slot)) => Reply::ok(format!(
                "{}\n",
                crate::facts::type_name(c.slot_ty(slot), &c)
            )),
            Err(r) => r,
        }
    }

    /// A definition, input, veto or indicator block: replaces the one of the
    /// same name, or is added at the end.
    pub(super) fn define(&mut self, input: &str) -> Reply {
        let input = input.trim();
        let (text, range) = match self.replaced_span(input) {
            Some((s, e)) => {
                let text = format!("{}{input}{}", &self.text[..s], &self.text[e..]);
                (text, s..s + input.len())
            }
            None => {
                let text = format!("{}\n{input}\n", self.text);
                let start = self.text.len() + 1;
                let range = start..start + input.len();
                if let Some(r) = self.define_new(&text, range.clone(), input) {
                    return r;
                }
                (text, range)
            }
        };
        match self.retext(text.clone()) {
            Ok(out) => {
                let mut warnings = out.warnings.0;
                to_input(&mut warnings, range);
                warnings.retain(|d| d.span.is_some_and(|s| s.file == super::state::INPUT));
                let mut r = Reply::ok(format!("{}\n", self.word(Word::ReplAdded)));
                if !warnings.is_empty() {
                    r.text.push_str(&self.render(&warnings, &self.text, input));
                }
                r
            }
            Err(mut d) => {
                to_input(&mut d.0, range);
                // The file's own lints are not news; only what was typed is.
                d.0.retain(|d| {
                    d.is_error() || d.span.is_some_and(|s| s.file == super::state::INPUT)
                });
                Reply::fail(self.render(&d.0, &text, input))
            }
        }
    }

    /// A new `定义` appended: parsed alone and checked alone against the
    /// session's rubric, so that many definitions cost linear time. `None`
    /// when that does not apply (another kind of item, or one that could
    /// change how the rest is checked): the caller checks the whole text.
    fn define_new(
        &mut self,
        text: &str,
        range: std::ops::Range<usize>,
        input: &str,
    ) -> Option<Reply> {
        let more =
            crate::syntax::parse_delta(&self.ast, text, self.text.len(), super::state::RULES)
                .ok()?;
        // Exactly one definition and nothing else (the delta is one item:
        // cloning it is cheap).
        let mut rest = more.clone();
        rest.defines.clear();
        if more.defines.len() != 1 || !rest.is_empty() {
            return None;
        }
        let define = &more.defines[0];
        let ext = self
            .extender
            .get_or_insert_with(|| crate::check::Extender::new(&self.checked));
        match ext.add(&mut self.checked, define)? {
            Ok(mut warnings) => {
                to_input(&mut warnings.0, range);
                warnings
                    .0
                    .retain(|d| d.span.is_some_and(|s| s.file == super::state::INPUT));
                self.ast.append(more);
                self.text = text.to_string();
                let mut r = Reply::ok(format!("{}\n", self.word(Word::ReplAdded)));
                if !warnings.0.is_empty() {
                    r.text
                        .push_str(&self.render(&warnings.0, &self.text, input));
                }
                Some(r)
            }
            Err(mut d) => {
                to_input(&mut d.0, range);
                Some(Reply::fail(self.render(&d.0, text, input)))
            }
        }
    }

    /// The byte range of the session's item that `input` redefines, if it
    /// is one item named like an existing one.
    fn replaced_span(&self, input: &str) -> Option<(usize, usize)> {
        let header = "评分表 \"x\" 满分 100\n";
        let typed =
            crate::syntax::parse(&format!("{header}{input}\n"), super::state::INPUT).ok()?;
        let ours = &self.ast;
        let items =
            typed.defines.len() + typed.indicators.len() + typed.inputs.len() + typed.vetoes.len();
        if items != 1 {
            return None;
        }
        let span = if let Some(d) = typed.defines.first() {
            ours.defines
                .iter()
                .find(|o| o.name.node == d.name.node)
                .map(|o| o.span)
        } else if let Some(i) = typed.inputs.first() {
            ours.inputs
                .iter()
                .find(|o| o.name.node == i.name.node)
                .map(|o| o.span)
        } else if let Some(i) = typed.indicators.first() {
            find_indicator(ours, &i.name.node).map(|o| o.span)
        } else {
            None
        }?;
        Some((span.start as usize, span.end as usize))
    }
}

fn find_indicator<'a>(r: &'a Rubric, name: &str) -> Option<&'a Indicator> {
    fn go<'a>(list: &'a [Indicator], name: &str) -> Option<&'a Indicator> {
        for i in list {
            if i.name.node == name {
                return Some(i);
            }
            if let Some(f) = go(&i.children, name) {
                return Some(f);
            }
        }
        None
    }
    go(&r.indicators, name)
}
