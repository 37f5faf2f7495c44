//! The terminal side of the REPL: rustyline with history, completion of
//! Chinese names, and multi-line input while a bracket is open. Without a
//! terminal it reads one input per line and prints replies bare, for scripts.

use super::exprs::is_definition;
use super::{complete, needs_more, open_brackets, Session};
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

/// The history file, unless it is a symlink: saving rewrites the file in
/// rustyline's format and keeps 100 entries, which must never happen to
/// whatever a link points at (F20). A link is left alone, with a note.
pub fn usable_history(
    path: Option<std::path::PathBuf>,
) -> Result<Option<std::path::PathBuf>, std::path::PathBuf> {
    match path {
        Some(p) if std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink()) => {
            Err(p)
        }
        other => Ok(other),
    }
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
    crate::sayln!("{}", session.word(Word::ReplBanner));
    let history = match usable_history(history_path()) {
        Ok(h) => h,
        Err(link) => {
            eprintln!("{}{}", session.word(Word::HistoryIsLink), link.display());
            None
        }
    };
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    loop {
        match rl.readline(PROMPT) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = rl.add_history_entry(line.as_str());
                }
                let reply = session.handle(&line);
                crate::say!("{}", reply.text);
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
    // Checked again: the link may have appeared during the session.
    if let Ok(Some(h)) = usable_history(history) {
        let _ = rl.save_history(&h);
    }
    0
}

/// Run over lines from a pipe or file: no prompt, no colour. Exit code 1 if
/// any input failed, so scripts notice.
pub fn piped(mut session: Session, mut input: impl BufRead) -> i32 {
    let mut failed = false;
    let mut pending = String::new();
    // Brackets left open by `pending`, counted line by line as lines come:
    // rescanning the whole block for every line made a pasted block of
    // 20,000 lines quadratic (F16). `open_brackets` adds up over lines.
    let mut depth = 0i32;
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
            depth = 0;
            failed |= reply.failed;
            crate::say!("{}", reply.text);
        }
        pending.push_str(&line);
        pending.push('\n');
        depth += open_brackets(&line);
        if depth > 0 && is_definition(&pending) {
            continue;
        }
        depth = 0;
        let reply = session.handle(&std::mem::take(&mut pending));
        failed |= reply.failed;
        crate::files::stdout::write_bytes(reply.text.as_bytes());
        let _ = stdout.lock().flush();
        if !reply.go_on {
            return i32::from(failed);
        }
    }
    if !pending.trim().is_empty() {
        let reply = session.handle(&pending);
        failed |= reply.failed;
        crate::say!("{}", reply.text);
    }
    i32::from(failed)
}

#[cfg(all(test, unix))]
mod tests {
    use super::usable_history;

    #[test]
    fn a_history_symlink_is_not_used() {
        let dir = std::env::temp_dir().join(format!("jixiao-hist-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let target = dir.join("precious.txt");
        std::fs::write(&target, "keep\n").unwrap();
        let link = dir.join("history");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(usable_history(Some(link.clone())), Err(link));
        assert_eq!(usable_history(Some(target.clone())), Ok(Some(target)));
        assert_eq!(usable_history(None), Ok(None));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
