//! One input line → one [`Reply`]: commands (`:score`, `:goal` …, each with a
//! Chinese alias), definitions and expressions. An error is a reply like any
//! other; nothing here ends the session but `:quit`.

use super::exprs::is_definition;
use super::state::{apply, settled, Session};
use super::{show, Reply};
use crate::diag::{did_you_mean, Diagnostic, Msg, Note, Word};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmd {
    Load,
    Reload,
    Facts,
    Set,
    Unset,
    Score,
    Explain,
    Tree,
    Type,
    WhatIf,
    Goal,
    Help,
    Quit,
}

/// Every command name and alias, for lookup and completion.
pub const COMMANDS: [(&str, Cmd); 30] = [
    ("load", Cmd::Load),
    ("载入", Cmd::Load),
    ("reload", Cmd::Reload),
    ("重载", Cmd::Reload),
    ("facts", Cmd::Facts),
    ("事实", Cmd::Facts),
    ("set", Cmd::Set),
    ("设", Cmd::Set),
    ("unset", Cmd::Unset),
    ("清除", Cmd::Unset),
    ("score", Cmd::Score),
    ("得分", Cmd::Score),
    ("explain", Cmd::Explain),
    ("解释", Cmd::Explain),
    ("tree", Cmd::Tree),
    ("树", Cmd::Tree),
    ("type", Cmd::Type),
    ("类型", Cmd::Type),
    ("whatif", Cmd::WhatIf),
    ("假如", Cmd::WhatIf),
    ("goal", Cmd::Goal),
    ("目标", Cmd::Goal),
    ("help", Cmd::Help),
    ("帮助", Cmd::Help),
    ("h", Cmd::Help),
    ("quit", Cmd::Quit),
    ("退出", Cmd::Quit),
    ("q", Cmd::Quit),
    ("exit", Cmd::Quit),
    ("?", Cmd::Help),
];

fn usage(cmd: Cmd) -> &'static str {
    match cmd {
        Cmd::Load => ":load 文件.jx",
        Cmd::Facts => ":facts [文件.toml]",
        Cmd::Set => ":set 名 = 值",
        Cmd::Unset => ":unset 名",
        Cmd::Type => ":type 表达式",
        Cmd::WhatIf => ":whatif 名 = 值, 表[N].列 = 值, 表[N] = 列=值; 列=值",
        Cmd::Goal => ":goal 总分 >= 90 by 名",
        _ => ":help",
    }
}

impl Session {
    /// Handle one input (several lines when a bracket was open).
    pub fn handle(&mut self, input: &str) -> Reply {
        let line = input.trim();
        if line.is_empty() || line.starts_with('#') {
            return Reply::ok("");
        }
        let Some(rest) = line.strip_prefix(':').or_else(|| line.strip_prefix('：')) else {
            return if is_definition(line) {
                self.define(line)
            } else {
                self.expression(line)
            };
        };
        let (name, arg) = match rest.find(char::is_whitespace) {
            Some(i) => (&rest[..i], rest[i..].trim()),
            None => (rest, ""),
        };
        let Some(cmd) = COMMANDS.iter().find(|(n, _)| *n == name).map(|c| c.1) else {
            let mut d = Diagnostic::new(Msg::UnknownCommand {
                name: format!(":{name}"),
            });
            if let Some(s) = did_you_mean(name, COMMANDS.iter().map(|c| c.0)) {
                d = d.note(Note::DidYouMean(format!(":{s}")));
            }
            return self.fail_diags(&[d], line);
        };
        let needs_arg = matches!(
            cmd,
            Cmd::Load | Cmd::Set | Cmd::Unset | Cmd::Type | Cmd::WhatIf | Cmd::Goal
        );
        if needs_arg && arg.is_empty() {
            return self.fail_msg(
                Msg::CommandUsage {
                    usage: usage(cmd).into(),
                },
                line,
            );
        }
        match cmd {
            Cmd::Load => self.load(arg),
            Cmd::Reload => self.reload(),
            Cmd::Facts if arg.is_empty() => match self.need_rubric() {
                Ok(()) => Reply::ok(show::facts(&self.checked, &self.facts, self.lang)),
                Err(r) => r,
            },
            Cmd::Facts => self.load_facts(arg),
            Cmd::Set => self.set(arg, cmd),
            Cmd::Unset => self.set(arg, cmd),
            Cmd::Score | Cmd::Explain => self.score(arg, cmd == Cmd::Explain),
            Cmd::Tree => match self.need_rubric() {
                Ok(()) => Reply::ok(show::tree(&self.checked)),
                Err(r) => r,
            },
            Cmd::Type => self.type_of(arg),
            Cmd::WhatIf => self.what_if(arg),
            Cmd::Goal => self.goal(arg),
            Cmd::Help => Reply::ok(format!("{}\n", self.word(Word::ReplHelp))),
            Cmd::Quit => Reply {
                text: String::new(),
                failed: false,
                go_on: false,
            },
        }
    }

    fn set(&mut self, arg: &str, cmd: Cmd) -> Reply {
        if let Err(r) = self.need_rubric() {
            return r;
        }
        let (name, value) = match (cmd, split_eq(arg)) {
            (Cmd::Set, Some((n, v))) if !v.is_empty() => (n, Some(v.to_string())),
            (Cmd::Unset, None) => (arg, None),
            _ => {
                return self.fail_msg(
                    Msg::CommandUsage {
                        usage: usage(cmd).into(),
                    },
                    arg,
                )
            }
        };
        let mut set = self.facts.clone();
        let mut bounds = Vec::new();
        if let Err(m) = apply(&self.checked, &mut set, &mut bounds, name, value.as_deref()) {
            return self.fact_error(m, arg);
        }
        // A value that breaks a constraint is refused; the session is unchanged.
        if let Err(d) = settled(&self.checked, &mut set, &bounds) {
            return self.fail_diags(&d.0, arg);
        }
        self.facts = set;
        self.overrides.push((name.to_string(), value));
        let w = if cmd == Cmd::Set {
            Word::ReplSet
        } else {
            Word::ReplUnset
        };
        Reply::ok(format!("{} {name}\n", self.word(w)))
    }

    pub(super) fn score(&self, arg: &str, explain: bool) -> Reply {
        if let Err(r) = self.need_rubric() {
            return r;
        }
        let c = &self.checked;
        let only = match arg {
            "" => None,
            name => match c.indicator_named(name) {
                Some(id) => Some(id),
                None => return self.unknown_indicator(name),
            },
        };
        let result = crate::eval::score_explained(c, &self.facts);
        let (card, ledger) = match result {
            Ok(x) => x,
            Err(d) => return self.fail_diags(&[*d], arg),
        };
        let text = if explain {
            let mut map = crate::diag::SourceMap::new();
            map.add(
                self.path.clone().unwrap_or_else(|| "<repl>".into()),
                self.text.clone(),
            );
            crate::report::explain(c, &card, &ledger, &map, self.lang, only)
        } else {
            match only {
                Some(id) => show::subtree(c, &card, id, self.lang),
                None => {
                    let mut map = crate::diag::SourceMap::new();
                    map.add(
                        self.path.clone().unwrap_or_else(|| "<repl>".into()),
                        self.text.clone(),
                    );
                    let notes = crate::report::notes(c, &card, &self.facts, &map);
                    crate::report::scorecard_text_with(c, &card, Some(&notes), self.lang)
                }
            }
        };
        Reply::ok(text)
    }

    /// A problem with a fact named at the prompt, with "did you mean" for a misspelt input.
    pub(super) fn fact_error(&self, m: Msg, input: &str) -> Reply {
        let hint = match &m {
            Msg::UnknownFact { name } => {
                did_you_mean(name, self.checked.facts.iter().map(|f| f.name.as_str()))
            }
            _ => None,
        };
        let d = Diagnostic::new(m);
        let d = match hint {
            Some(h) => d.note(Note::DidYouMean(h)),
            None => d,
        };
        self.fail_diags(&[d], input)
    }

    pub(super) fn unknown_indicator(&self, name: &str) -> Reply {
        let mut d = Diagnostic::new(Msg::UnknownIndicator { name: name.into() });
        if let Some(s) = did_you_mean(
            name,
            self.checked.indicators.iter().map(|i| i.name.as_str()),
        ) {
            d = d.note(Note::DidYouMean(s));
        }
        self.fail_diags(&[d], name)
    }

    fn what_if(&self, arg: &str) -> Reply {
        if let Err(r) = self.need_rubric() {
            return r;
        }
        let mut set = self.facts.clone();
        let mut bounds = Vec::new();
        let whole_row = |n: &str| super::rows::is_whole_row(&self.checked, n);
        let parts = super::whatif::assignments(arg, whole_row, crate::facts::is_row_column);
        for part in parts {
            let Some((name, value)) = split_eq(&part).filter(|(_, v)| !v.is_empty()) else {
                return self.fail_msg(
                    Msg::CommandUsage {
                        usage: usage(Cmd::WhatIf).into(),
                    },
                    arg,
                );
            };
            if let Err(m) = apply(&self.checked, &mut set, &mut bounds, name, Some(value)) {
                return self.fact_error(m, arg);
            }
        }
        if let Err(d) = settled(&self.checked, &mut set, &bounds) {
            return self.fail_diags(&d.0, arg);
        }
        let before = crate::eval::score(&self.checked, &self.facts);
        let after = crate::eval::score(&self.checked, &set);
        match (before, after) {
            (Ok(b), Ok(a)) => Reply::ok(show::compare(&self.checked, &b, &a, self.lang)),
            (Err(d), _) | (_, Err(d)) => self.fail_diags(&[*d], arg),
        }
    }
}

/// `名 = 值` split at the first `=` or `＝`.
fn split_eq(s: &str) -> Option<(&str, &str)> {
    let i = s.find(['=', '＝'])?;
    let eq_len = s[i..].chars().next().map_or(1, char::len_utf8);
    Some((s[..i].trim(), s[i + eq_len..].trim()))
}
