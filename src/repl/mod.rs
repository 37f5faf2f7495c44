//! The REPL: a [`Session`] that takes one input (a command, an expression or
//! a definition) and returns its output as text, with no terminal code, and
//! a rustyline front end ([`frontend`]) that feeds it lines.
//!
//! The session keeps the rule text (the file plus what was typed at the
//! prompt), re-parses and re-checks it after every change and rolls back
//! when the change does not check, so the loaded rubric is always a checked
//! one. Facts are kept as the facts file plus the values set by hand, and
//! are rebuilt against each new rubric.

mod answer;
mod commands;
pub mod complete;
mod env;
mod exprs;
pub mod frontend;
pub mod goal;
mod goal_rows;
mod pivots;
mod rows;
mod show;
mod state;
mod target;
mod whatif;

pub use goal::{solve, Goal, GoalAnswer, Target};
pub use state::Session;

/// What the session says back to one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub text: String,
    /// Whether the input failed (diagnostics were printed); the session goes on either way.
    pub failed: bool,
    /// False after `:quit`.
    pub go_on: bool,
}

impl Reply {
    fn ok(text: impl Into<String>) -> Reply {
        Reply {
            text: text.into(),
            failed: false,
            go_on: true,
        }
    }
    fn fail(text: impl Into<String>) -> Reply {
        Reply {
            text: text.into(),
            failed: true,
            go_on: true,
        }
    }
}

/// Whether the front end should read another line before handling `text`:
/// a definition (`指标 名 10 {`…) with a bracket still open. Commands and
/// expressions are always one line, so a stray `(` cannot swallow a script.
pub fn needs_more(text: &str) -> bool {
    exprs::is_definition(text) && open_brackets(text) > 0
}

/// How many brackets an input leaves open: the front ends keep reading lines
/// while this is positive, so a block `指标 名 10 {` can span several lines.
pub fn open_brackets(text: &str) -> i32 {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for line in text.lines() {
        for ch in line.chars() {
            if let Some(q) = quote {
                if ch == q {
                    quote = None;
                }
                continue;
            }
            match ch {
                '"' => quote = Some('"'),
                '“' => quote = Some('”'),
                '「' => quote = Some('」'),
                '#' => break,
                '{' | '｛' | '(' | '（' => depth += 1,
                '}' | '｝' | ')' | '）' => depth -= 1,
                _ => {}
            }
        }
        // A string never spans lines.
        quote = None;
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::open_brackets;

    #[test]
    fn brackets_count_both_widths_and_ignore_strings_and_comments() {
        assert_eq!(open_brackets("指标 甲 10 {"), 1);
        assert_eq!(open_brackets("指标 甲 10 ｛\n 如果 （x"), 2);
        assert_eq!(open_brackets("指标 甲 10 { 5 }"), 0);
        assert_eq!(open_brackets("\"{\" # {"), 0);
    }

    #[test]
    fn only_definitions_continue_on_the_next_line() {
        assert!(super::needs_more("指标 甲 10 {"));
        assert!(!super::needs_more("(1 + 2"));
        assert!(!super::needs_more(":type (1"));
    }
}
