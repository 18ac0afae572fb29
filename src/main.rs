//! The meyasu binary: parse arguments, pick the language, run a command or the TUI.

use clap::Parser;
use meyasu::cli::{self, Cli};
use meyasu::i18n::{self, Lang};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    i18n::set_lang(cli.lang.unwrap_or_else(Lang::from_env));
    let result = match &cli.command {
        Some(cmd) => cli::run(&cli, cmd),
        None => meyasu::tui::run(&cli),
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
            let prefix = match i18n::lang() {
                Lang::Ja => "エラー",
                Lang::En => "error",
            };
            eprintln!("meyasu: {prefix}: {e:#}");
            std::process::ExitCode::from(match e.downcast_ref::<meyasu::Error>() {
                Some(meyasu::Error::Stale { .. }) => 3,
                Some(meyasu::Error::Open { .. } | meyasu::Error::NewerSchema { .. }) => 4,
                _ => 1,
            })
        }
    }
}
