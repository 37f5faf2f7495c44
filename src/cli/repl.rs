//! `jixiao repl [RULES.jx] [--facts FACTS]`

use crate::diag::Lang;
use crate::repl::{frontend, Session};
use std::io::IsTerminal;

pub fn run(rules: Option<&str>, facts: Option<&str>, lang: Lang) -> i32 {
    let mut session = Session::new(lang);
    let tty = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    session.color = tty && std::env::var_os("NO_COLOR").is_none();
    // Startup files go through the same commands, so their errors read the same.
    let mut failed = false;
    for (cmd, arg) in [(":load", rules), (":facts", facts)] {
        if let Some(a) = arg {
            let r = session.handle(&format!("{cmd} {a}"));
            failed |= r.failed;
            crate::say!("{}", r.text);
        }
    }
    let code = if tty {
        frontend::interactive(session)
    } else {
        frontend::piped(session, std::io::stdin().lock())
    };
    code.max(i32::from(failed))
}
