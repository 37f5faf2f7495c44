//! The parser in the user's language. The language is decided from the raw
//! arguments and `JIXIAO_LANG` before clap runs, then every about line,
//! argument description, heading and example is set from `diag::help_text`,
//! and clap's usage errors are re-worded from their typed context. The clap
//! definitions in `cli/mod.rs` stay the one source of flags and commands.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::diag::help_text::{self as words, UsageError};
use crate::diag::Lang;

/// What the command line asks for: a command to run, or an exit code once
/// help, the version or a usage error has been printed.
pub enum Parsed {
    Run(Cli, Lang),
    Exit(i32),
}

pub fn parse(mut args: Vec<OsString>) -> Parsed {
    let lang = match lang_of(&args) {
        Ok(lang) => lang,
        Err(value) => {
            let msg = words::usage_error(&UsageError::BadLang { value: &value }, Lang::Zh);
            let en = words::usage_error(&UsageError::BadLang { value: &value }, Lang::En);
            // The language itself is what is wrong, so say it in both.
            eprintln!(
                "{}{msg}\n{}{en}",
                words::error_lead(Lang::Zh),
                words::error_lead(Lang::En)
            );
            return Parsed::Exit(2);
        }
    };
    // `jixiao help score` reads as `jixiao score --help`.
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    let cmd = localized(lang);
    match cmd.clone().try_get_matches_from(&args) {
        Ok(matches) => match Cli::from_arg_matches(&matches) {
            Ok(cli) => Parsed::Run(cli, lang),
            Err(e) => Parsed::Exit(report(&e, &cmd, &args, lang)),
        },
        Err(e) => Parsed::Exit(report(&e, &cmd, &args, lang)),
    }
}

/// `--lang X`, `--lang=X` or `JIXIAO_LANG`; only zh and en are languages.
fn lang_of(args: &[OsString]) -> Result<Lang, String> {
    let mut flag = None;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let a = a.to_string_lossy();
        if a == "--" {
            break;
        }
        if a == "--lang" {
            flag = Some(
                it.next()
                    .map(|v| v.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
        } else if let Some(v) = a.strip_prefix("--lang=") {
            flag = Some(v.to_string());
        }
    }
    let env = std::env::var("JIXIAO_LANG").ok().filter(|v| !v.is_empty());
    match flag.or(env) {
        None => Ok(Lang::Zh),
        Some(v) => match v.as_str() {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            _ => Err(v),
        },
    }
}

/// The whole command tree with its words in `lang`.
pub fn localized(lang: Lang) -> Command {
    let root = Cli::command()
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version),
        )
        .subcommand_help_heading(words::heading("commands", lang));
    localize(root, "", lang)
}

fn localize(mut cmd: Command, name: &str, lang: Lang) -> Command {
    if let Some(about) = words::about(name) {
        cmd = cmd.about(about.get(lang)).long_about(None);
    }
    cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help),
        )
        .help_template(template(lang))
        .after_help(examples(name, lang));
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| localize_arg(a, name, lang));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |c| localize(c, &sub, lang));
    }
    cmd
}

fn localize_arg(a: Arg, command: &str, lang: Lang) -> Arg {
    let mut help = words::arg(command, a.get_id().as_str())
        .map(|s| s.get(lang).to_string())
        .unwrap_or_default();
    let takes_values = a.get_action().takes_values();
    if takes_values {
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let choices: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        help.push_str(&choice_note(&defaults, &choices, lang));
    }
    let heading = if a.is_positional() {
        "arguments"
    } else {
        "options"
    };
    let a = a.help(help).help_heading(words::heading(heading, lang));
    if takes_values {
        // Said in `help` above, in the user's language.
        a.hide_default_value(true).hide_possible_values(true)
    } else {
        a
    }
}

fn choice_note(defaults: &[String], choices: &[String], lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut parts = Vec::new();
    if !defaults.is_empty() {
        parts.push(format!(
            "{} {}",
            words::heading("default", lang),
            defaults.join(",")
        ));
    }
    if !choices.is_empty() {
        let list = choices.join(if zh { "、" } else { ", " });
        parts.push(format!(
            "{}{}{list}",
            words::heading("choices", lang),
            if zh { " " } else { ": " }
        ));
    }
    match (parts.is_empty(), zh) {
        (true, _) => String::new(),
        (false, true) => format!("（{}）", parts.join("；")),
        (false, false) => format!(" ({})", parts.join("; ")),
    }
}

fn template(lang: Lang) -> String {
    format!(
        "{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
        words::heading("usage", lang)
    )
}

fn examples(name: &str, lang: Lang) -> String {
    let list: Vec<_> = words::examples(name).collect();
    if list.is_empty() {
        return String::new();
    }
    let mut s = format!("{}\n", words::heading("examples", lang));
    for e in list {
        s.push_str(&format!("  # {}\n  {}\n", e.what.get(lang), e.command));
    }
    s
}

/// A count argument (`--jobs`) that is 0 or not a whole number; worded by
/// [`report`] in the chosen language.
#[derive(Debug)]
pub struct NotCount;

impl std::fmt::Display for NotCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a whole number of at least 1")
    }
}

impl std::error::Error for NotCount {}

/// clap's parser for a count of at least 1.
pub fn count(s: &str) -> Result<usize, NotCount> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(NotCount),
    }
}

/// Prints help, the version or a usage error; returns the exit code.
fn report(e: &clap::Error, cmd: &Command, args: &[OsString], lang: Lang) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return 0;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return 2;
        }
        _ => {}
    }
    let strings = |k: ContextKind| -> Vec<String> {
        match e.get(k) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) => v.clone(),
            _ => Vec::new(),
        }
    };
    let first = |k: ContextKind| strings(k).into_iter().next();
    let invalid = strings(ContextKind::InvalidArg);
    let arg = invalid.first().cloned().unwrap_or_default();
    let value = first(ContextKind::InvalidValue).unwrap_or_default();
    let choices = strings(ContextKind::ValidValue);
    let sub_name = first(ContextKind::InvalidSubcommand).unwrap_or_default();
    let suggested_sub = first(ContextKind::SuggestedSubcommand);
    let suggested_arg = first(ContextKind::SuggestedArg);
    let detail = e.to_string();
    let detail = detail
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches("error: ");
    let kind = match e.kind() {
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            UsageError::Missing(&invalid)
        }
        ErrorKind::UnknownArgument => UsageError::UnknownArg {
            arg: &arg,
            suggestion: suggested_arg.as_deref(),
        },
        ErrorKind::InvalidSubcommand => UsageError::UnknownCommand {
            name: &sub_name,
            suggestion: suggested_sub.as_deref(),
        },
        ErrorKind::InvalidValue => UsageError::BadValue {
            arg: &arg,
            value: &value,
            choices: &choices,
        },
        ErrorKind::ValueValidation
            if std::error::Error::source(e).is_some_and(|s| s.is::<NotCount>()) =>
        {
            UsageError::NotCount {
                arg: &arg,
                value: &value,
            }
        }
        ErrorKind::ArgumentConflict if !arg.is_empty() => UsageError::TooMany { arg: &arg },
        _ => UsageError::Other { detail },
    };
    let command = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy())
        .find(|a| cmd.find_subcommand(a.as_ref()).is_some())
        .map(|a| a.into_owned())
        .unwrap_or_default();
    let mut built = cmd.clone();
    built.build();
    let target = if command.is_empty() {
        &mut built
    } else {
        built.find_subcommand_mut(&command).expect("found above")
    };
    let usage = target.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ").trim();
    eprintln!(
        "{}{}\n\n{}{usage}\n\n{}",
        words::error_lead(lang),
        words::usage_error(&kind, lang),
        words::heading("usage", lang),
        words::more_help(&command, lang)
    );
    2
}
