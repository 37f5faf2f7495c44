//! `jixiao completions SHELL` and `jixiao man`: both generated from the same
//! clap definitions as the parser, so they can never disagree with it.

use std::io::Write;

use clap_complete::Shell;

use super::help::localized;
use super::Exit;
use crate::diag::Lang;

pub fn completions(shell: Shell, lang: Lang) -> Exit {
    let mut cmd = localized(lang);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "jixiao", &mut out);
    write_stdout(&out)
}

/// The page of `jixiao` itself, or of one subcommand (`jixiao man score`
/// gives the page `jixiao-score`, as `git help` does).
pub fn man(subcommand: Option<&str>, lang: Lang) -> Exit {
    let cmd = localized(lang);
    let page = match subcommand {
        None => clap_mangen::Man::new(cmd),
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => {
                let sub = sub
                    .clone()
                    .display_name(format!("jixiao-{name}"))
                    .bin_name(format!("jixiao {name}"));
                clap_mangen::Man::new(sub)
            }
            None => {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                eprintln!(
                    "{}",
                    crate::diag::Word::unknown_subcommand(lang, name, &names.join(", "))
                );
                return Exit::USAGE;
            }
        },
    };
    let mut out = Vec::new();
    if page.render(&mut out).is_err() {
        return Exit(1);
    }
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> Exit {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Ok(()) => Exit::OK,
        Err(_) => Exit(1),
    }
}
