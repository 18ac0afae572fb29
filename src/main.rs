//! The meyasu binary: parse arguments, pick the language, run a command or the TUI.

use meyasu::cli;
use meyasu::i18n::{self, Lang};

fn main() -> std::process::ExitCode {
    // Help in the UI language: found before the arguments are parsed.
    let cli = match cli::help::parse(cli::help::early_lang()) {
        Ok(c) => c,
        Err(e) => return cli_error(e),
    };
    // The host-wide configuration (/etc/meyasu/config.toml) names the database and the
    // language for every account, cron job and service.
    let site = match meyasu::config::Site::load() {
        Ok(s) => s,
        Err(e) => {
            i18n::set_lang(cli.lang.unwrap_or_else(Lang::from_env));
            say(&format!(
                "meyasu: {}: {}",
                i18n::tr(i18n::Msg::ErrorPrefix),
                meyasu::text::sanitize(&e.to_string(), false)
            ));
            return std::process::ExitCode::from(2);
        }
    };
    i18n::set_lang(
        cli.lang
            .or_else(|| site.lang())
            .unwrap_or_else(Lang::from_env),
    );
    if let Some(v) = meyasu::config::bad_today() {
        say(&format!(
            "meyasu: {}: {}",
            i18n::tr(i18n::Msg::ErrorPrefix),
            meyasu::text::sanitize(&i18n::trf(i18n::Msg::ErrBadToday, &[&v]), false)
        ));
        return std::process::ExitCode::from(2);
    }
    let result = match &cli.command {
        #[cfg(feature = "dev")]
        Some(cli::Command::Screenshots { dir }) => meyasu::tui::scenes::write_svgs(dir),
        Some(cmd) => cli::run(&cli, cmd),
        None => meyasu::tui::run(&meyasu::tui::TuiOptions {
            db: cli.db.clone(),
            section: cli.section.clone(),
            mouse: cli.mouse,
        }),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // A closed pipe (`meyasu list | head`) is the reader's choice, not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            let prefix = i18n::tr(i18n::Msg::ErrorPrefix);
            // meyasu's own errors already say what and where; others get their causes.
            match e.downcast_ref::<meyasu::Error>() {
                // A file name, a section or a slip's words in a message never drive the
                // terminal.
                Some(own) => say(&format!(
                    "meyasu: {prefix}: {}",
                    meyasu::text::sanitize(&own.to_string(), true)
                )),
                None => say(&format!(
                    "meyasu: {prefix}: {}",
                    meyasu::text::sanitize(&format!("{e:#}"), true)
                )),
            }
            std::process::ExitCode::from(
                e.downcast_ref::<meyasu::Error>()
                    .map_or(1, meyasu::Error::exit_code),
            )
        }
    }
}

/// Write a line to standard error; a standard error that is gone (its terminal closed)
/// is no reason to panic (`eprintln!` would, and exit 101).
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// An argument error in the UI's language: with `ja` (from `--lang`, the host-wide
/// configuration or the locale), a Japanese sentence naming the argument or value, the
/// suggestion clap has, and where help is; help and the version print as clap prints them.
fn cli_error(e: clap::Error) -> std::process::ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let lang = cli::help::early_lang();
    if lang != Lang::Ja
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        e.exit();
    }
    i18n::set_lang(lang);
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    use i18n::Msg;
    let value = ctx(ContextKind::InvalidValue);
    let (msg, subject) = match e.kind() {
        ErrorKind::UnknownArgument => (Msg::ClapUnknownArgument, ctx(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            (Msg::ClapUnknownCommand, ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => (Msg::ClapMissing, ctx(ContextKind::InvalidArg)),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => {
            (Msg::ClapNoValue, ctx(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            (Msg::ClapBadValue, ctx(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => (Msg::ClapConflict, ctx(ContextKind::InvalidArg)),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            (Msg::ClapValues, ctx(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => (Msg::ClapMissingCommand, String::new()),
        ErrorKind::InvalidUtf8 => (Msg::ClapInvalidUtf8, String::new()),
        _ => e.exit(),
    };
    let mut line = format!(
        "meyasu: {}: {}",
        i18n::tr(Msg::ErrorPrefix),
        meyasu::text::sanitize(&i18n::trf(msg, &[&subject, &value]), false)
    );
    for k in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let s = ctx(k);
        if !s.is_empty() {
            line.push_str(&i18n::trf(
                Msg::ClapDidYouMean,
                &[&meyasu::text::sanitize(&s, false)],
            ));
        }
    }
    say(&line);
    say(i18n::tr(Msg::ClapSeeHelp));
    std::process::ExitCode::from(2)
}
