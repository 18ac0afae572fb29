//! `--help` in the UI language: the command clap derives from [`Cli`], its texts replaced
//! at run time by the Japanese of [`crate::i18n::help`] when the language is Japanese.
//!
//! English is the derive's own (the doc comments), untouched. In Japanese every command's
//! about, every argument's help, clap's own lines (`-h`, `-V`, the `help` command) and
//! the headings (使い方・コマンド・引数・オプション) are replaced; the defaults, possible
//! values and environment variable clap would append in English are said in the Japanese
//! text instead. The man page and the shell completions are made from the same command.

use clap::{Arg, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::i18n::Lang;
use crate::i18n::help as table;

/// The key of the argument `id` of the command at `path` ("" for `meyasu` itself):
/// `list.search`, or `db` for an argument of `meyasu` itself.
fn arg_key(path: &str, id: &str) -> String {
    if path.is_empty() {
        id.to_string()
    } else {
        format!("{path}.{id}")
    }
}

/// The key of the subcommand `name` of the command at `path`.
fn child_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// A text's short help (its first paragraph) and long help (the whole text, when it has
/// more than one paragraph).
fn split(text: &'static str) -> (&'static str, Option<&'static str>) {
    match text.split_once("\n\n") {
        // The short help, like clap's from a doc comment, has no closing full stop.
        Some((first, _)) => (first.trim_end_matches('。'), Some(text)),
        None => (text, None),
    }
}

/// `cmd` (the command derived from [`Cli`]) with its help in `lang`: unchanged in
/// English; in Japanese, every text from [`crate::i18n::help`], built (clap's own
/// `--help`, `--version` and `help` command exist only once it is).
pub fn localised(cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Ja => {
            let mut cmd = texts(cmd, "");
            cmd.build();
            clap_own(cmd)
        }
    }
}

/// The localised [`Cli`] command in the process-wide language: what `meyasu man` and
/// `meyasu completions` render.
pub fn command() -> Command {
    localised(Cli::command(), crate::i18n::lang())
}

/// Parse the command line with help in `lang` (`--help` prints the localised help as a
/// [`clap::ErrorKind::DisplayHelp`](clap::error::ErrorKind::DisplayHelp) error).
pub fn parse(lang: Lang) -> Result<Cli, clap::Error> {
    let mut cmd = localised(Cli::command(), lang);
    let matches = cmd.try_get_matches_from_mut(std::env::args_os())?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}

/// The language of help and argument errors, found before the arguments are parsed:
/// `--lang ja|en` (or `--lang=…`) anywhere on the command line, else `lang` in the
/// host-wide configuration, else the locale.
pub fn early_lang() -> Lang {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let asked = args
        .iter()
        .position(|a| a == "--lang")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--lang=")))
        .and_then(Lang::parse);
    let site = || crate::config::Site::load().ok().and_then(|s| s.lang());
    asked.or_else(site).unwrap_or_else(Lang::from_env)
}

/// The Japanese texts of the command at `path` and of its arguments and subcommands,
/// before the command is built (so the global arguments carry theirs into every
/// subcommand, and clap's `help` command copies the subcommands' Japanese).
fn texts(cmd: Command, path: &str) -> Command {
    let cmd = match table::ja(path) {
        Some(text) => {
            let (about, long) = split(text);
            cmd.about(about).long_about(long)
        }
        None => cmd,
    };
    cmd.mut_args(|a| match table::ja(&arg_key(path, a.get_id().as_str())) {
        Some(text) => arg_text(a, text),
        None => a,
    })
    .mut_subcommands(|sc| {
        let p = child_path(path, sc.get_name());
        texts(sc, &p)
    })
}

/// `a` with the Japanese `text`, and without the English clap would add after it.
fn arg_text(a: Arg, text: &'static str) -> Arg {
    let (help, long) = split(text);
    let a = a.help(help).long_help(long).hide_env(true);
    // clap allows these only on an argument that takes a value (not on a flag).
    if a.get_action().takes_values() {
        a.hide_default_value(true).hide_possible_values(true)
    } else {
        a
    }
}

/// The parts clap adds when it builds a command, in Japanese: the `-h`/`-V` lines, the
/// `help` command and the headings; through every subcommand.
fn clap_own(cmd: Command) -> Command {
    let is_help = cmd.get_name() == "help";
    let cmd = cmd.mut_args(|a| match a.get_id().as_str() {
        "help" => match a.get_long_help() {
            Some(_) => a
                .help(table::ja(table::HELP_SHORT).unwrap_or_default())
                .long_help(table::ja(table::HELP_LONG).unwrap_or_default()),
            None => a.help(table::ja(table::HELP).unwrap_or_default()),
        },
        "version" => a.help(table::ja(table::VERSION).unwrap_or_default()),
        "subcommand" if is_help => a.help(table::ja(table::HELP_ARG).unwrap_or_default()),
        _ => a,
    });
    let cmd = if is_help {
        cmd.about(table::ja(table::HELP_COMMAND).unwrap_or_default())
    } else {
        cmd
    };
    let template = template(&cmd);
    cmd.help_template(template).mut_subcommands(clap_own)
}

/// clap's help layout with Japanese headings, leaving out a section with nothing in it.
fn template(cmd: &Command) -> String {
    let styles = cmd.get_styles();
    let (u, h) = (styles.get_usage(), styles.get_header());
    let heading = |key: &str| format!("{h}{}:{h:#}\n", table::ja(key).unwrap_or_default());
    let mut parts = Vec::new();
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        parts.push(heading(table::COMMANDS) + "{subcommands}");
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        parts.push(heading(table::ARGUMENTS) + "{positionals}");
    }
    if cmd
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        parts.push(heading(table::OPTIONS) + "{options}");
    }
    let usage = table::ja(table::USAGE).unwrap_or_default();
    let mut t = format!("{{before-help}}{{about-with-newline}}\n{u}{usage}:{u:#} {{usage}}");
    if !parts.is_empty() {
        t.push_str("\n\n");
        t.push_str(&parts.join("\n\n"));
    }
    t.push_str("{after-help}");
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the command needs: each (non-hidden) subcommand's path and each of its
    /// shown arguments (but clap's own help and version).
    fn needed(cmd: &Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if a.is_hide_set() || id == "help" || id == "version" {
                continue;
            }
            out.push(arg_key(path, id));
        }
        for sc in cmd.get_subcommands() {
            needed(sc, &child_path(path, sc.get_name()), out);
        }
    }

    #[test]
    fn every_command_and_argument_has_japanese_help() {
        let mut keys = Vec::new();
        needed(&Cli::command(), "", &mut keys);
        let missing: Vec<_> = keys.iter().filter(|k| table::ja(k).is_none()).collect();
        assert!(missing.is_empty(), "no Japanese help for {missing:?}");
    }

    #[test]
    fn every_japanese_text_is_used() {
        let mut keys = Vec::new();
        needed(&Cli::command(), "", &mut keys);
        for (key, text) in table::JA {
            assert!(
                text.chars().any(|c| c as u32 > 0x3000),
                "{key}: not Japanese"
            );
            // `gen` and `screenshots` exist with `--features dev` only.
            let dev_only = ["gen", "screenshots"].contains(&key.split('.').next().unwrap_or(""));
            assert!(
                key.starts_with('@')
                    || (dev_only && !cfg!(feature = "dev"))
                    || keys.iter().any(|k| k == key),
                "{key}: no such command or argument"
            );
        }
        let mut sorted: Vec<_> = table::JA.iter().map(|(k, _)| *k).collect();
        sorted.sort_unstable();
        let before = sorted.len();
        sorted.dedup();
        assert_eq!(before, sorted.len(), "a key is in the table twice");
    }

    #[test]
    fn no_argument_of_meyasu_is_named_like_a_command() {
        let cmd = Cli::command();
        for a in cmd.get_arguments() {
            assert!(cmd.find_subcommand(a.get_id().as_str()).is_none());
        }
    }

    #[test]
    fn japanese_help_has_japanese_headings_and_english_is_untouched() {
        let mut ja = localised(Cli::command(), Lang::Ja);
        let text = ja.render_help().to_string();
        for word in ["使い方:", "コマンド:", "オプション:", "ヘルプを表示します"]
        {
            assert!(text.contains(word), "{word} not in {text}");
        }
        assert!(!text.contains("Options:") && !text.contains("Print help"));
        let mut en = localised(Cli::command(), Lang::En);
        assert_eq!(
            en.render_help().to_string(),
            Cli::command().render_help().to_string()
        );
        let show = ja.find_subcommand_mut("show").expect("show");
        let text = show.render_help().to_string();
        assert!(text.contains("引数:") && text.contains("<ID>"), "{text}");
    }

    #[test]
    fn the_help_command_keeps_working_in_japanese() {
        let mut cmd = localised(Cli::command(), Lang::Ja);
        let err = cmd
            .try_get_matches_from_mut(["meyasu", "help", "list"])
            .expect_err("help prints");
        let text = err.render().to_string();
        assert!(text.contains("投書の一覧"), "{text}");
    }
}
