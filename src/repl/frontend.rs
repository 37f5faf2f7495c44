//! The terminal side of the REPL: rustyline with history, completion of
//! Chinese names, and multi-line input while a bracket is open. Without a
//! terminal it reads one input per line and prints replies bare, for scripts.

use super::{complete, needs_more, Session};
use crate::diag::Word;
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Editor, Helper};
use std::cell::RefCell;
use std::io::{BufRead, Write};
use std::rc::Rc;

const PROMPT: &str = "jx> ";

struct ReplHelper {
    names: Rc<RefCell<Vec<String>>>,
}

impl Completer for ReplHelper {
    type Candidate = String;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(complete::candidates(line, pos, &self.names.borrow()))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if needs_more(ctx.input()) {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
        })
    }
}

impl Helper for ReplHelper {}

/// Where history is kept: `JIXIAO_HISTORY`, else `~/.jixiao_history`.
fn history_path() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("JIXIAO_HISTORY") {
        return Some(p.into());
    }
    std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".jixiao_history"))
}

/// Run on a terminal. Returns the exit code.
pub fn interactive(mut session: Session) -> i32 {
    let mut rl = match Editor::<ReplHelper, DefaultHistory>::new() {
        Ok(rl) => rl,
        Err(_) => return piped(session, std::io::stdin().lock()),
    };
    let names = Rc::new(RefCell::new(session.names()));
    rl.set_helper(Some(ReplHelper {
        names: names.clone(),
    }));
    let history = history_path();
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    println!("{}", session.word(Word::ReplBanner));
    loop {
        match rl.readline(PROMPT) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = rl.add_history_entry(line.as_str());
                }
                let reply = session.handle(&line);
                print!("{}", reply.text);
                let _ = std::io::stdout().flush();
                *names.borrow_mut() = session.names();
                if !reply.go_on {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(_) => break,
        }
    }
    if let Some(h) = &history {
        let _ = rl.save_history(h);
    }
    0
}

/// Run over lines from a pipe or file: no prompt, no colour. Exit code 1 if
/// any input failed, so scripts notice.
pub fn piped(mut session: Session, mut input: impl BufRead) -> i32 {
    let mut failed = false;
    let mut pending = String::new();
    let stdout = std::io::stdout();
    loop {
        // A line that is not UTF-8 or over 1 MiB fails alone; the script goes on.
        let line = match crate::batch::next_line(&mut input) {
            Ok(Some((crate::batch::Line::Text(t), _))) => t,
            Ok(Some((bad, _))) => {
                let msg = match bad {
                    crate::batch::Line::TooLong => crate::diag::Msg::BatchRowTooLong {
                        limit_mib: crate::batch::LINE_LIMIT >> 20,
                    },
                    _ => crate::diag::Msg::BatchRowNotUtf8,
                };
                failed = true;
                print!("{}", session.fail_msg(msg, "").text);
                continue;
            }
            Ok(None) => break,
            Err(_) => {
                failed = true;
                break;
            }
        };
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line).to_string();
        // A command cannot belong to a block: an unclosed block ends before it.
        if !pending.is_empty() && line.trim_start().starts_with([':', '：']) {
            let reply = session.handle(&std::mem::take(&mut pending));
            failed |= reply.failed;
            print!("{}", reply.text);
        }
        pending.push_str(&line);
        pending.push('\n');
        if needs_more(&pending) {
            continue;
        }
        let reply = session.handle(&std::mem::take(&mut pending));
        failed |= reply.failed;
        let mut out = stdout.lock();
        let _ = out.write_all(reply.text.as_bytes());
        let _ = out.flush();
        if !reply.go_on {
            return i32::from(failed);
        }
    }
    if !pending.trim().is_empty() {
        let reply = session.handle(&pending);
        failed |= reply.failed;
        print!("{}", reply.text);
    }
    i32::from(failed)
}
