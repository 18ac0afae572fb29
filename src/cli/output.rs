//! Output helpers of the shell commands: formats, files, standard input, progress.

use std::io::{IsTerminal, Read, Write};

use anyhow::Context;

use crate::domain::{SectionPlan, Status};
use crate::i18n::{Msg, lang, tr, trf};
use crate::store::Store;

pub(super) fn progress_bar() -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    })
}

/// The output format: `--format`, else the output file's extension, else `default`.
pub(super) fn format_for(
    format: Option<&str>,
    output: Option<&std::path::Path>,
    default: &str,
) -> String {
    match (format, output) {
        (Some(f), _) => f.to_lowercase(),
        (None, Some(p)) => {
            p.extension()
                .and_then(|e| e.to_str())
                .map_or(default.into(), |e| match e.to_lowercase().as_str() {
                    "txt" => "text".into(),
                    "htm" => "html".into(),
                    other => other.to_string(),
                })
        }
        (None, None) => default.into(),
    }
}

pub(super) fn unknown_format(got: &str, known: &[&'static str]) -> crate::Error {
    crate::Error::UnknownFormat {
        given: got.to_string(),
        known: known.to_vec(),
    }
}

/// Write to `-o FILE`, or to standard output (never binary to a terminal).
pub(super) fn write_output(
    cx: &super::Ctx,
    o: &super::args::OutputArgs,
    bytes: &[u8],
    format: &str,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match o.output.as_deref() {
        Some(path) => {
            let db = crate::config::db_path(cx.db.as_deref());
            crate::io::write::write_file(
                path,
                bytes,
                &crate::io::write::database_files(&db),
                o.force,
                crate::io::write::Access::Team,
            )?;
            let shown = crate::text::sanitize(&path.display().to_string(), false);
            eprintln!("{}", trf(Msg::ReportWritten, &[&shown]));
        }
        None if format == "xlsx" && std::io::stdout().is_terminal() => {
            return Err(crate::Error::BinaryToTerminal.into());
        }
        None => out.write_all(bytes)?,
    }
    Ok(())
}

pub(super) fn read_stdin() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("{}", tr(Msg::PromptText));
    }
    // Read as a file is read: bounded, and UTF-8, UTF-16 or Shift_JIS alike.
    let limit = crate::io::table::max_file_bytes();
    let mut bytes = vec![];
    stdin
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .context("reading standard input")?;
    let name = tr(Msg::StandardInput).to_string();
    if bytes.len() as u64 > limit {
        return Err(crate::Error::File {
            file: name,
            problem: crate::error::FileProblem::TooLarge {
                size: bytes.len() as u64,
                limit,
            },
        }
        .into());
    }
    match crate::io::table::decode(&bytes) {
        Some((text, _)) => Ok(text),
        None => Err(crate::Error::File {
            file: name,
            problem: crate::error::FileProblem::Encoding,
        }
        .into()),
    }
}

/// Say what a section change did beyond the list of sections: replies kept from
/// removed sections, and a change of status.
pub(super) fn print_plan(
    store: &Store,
    id: i64,
    plan: &SectionPlan,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if !plan.removed_replied.is_empty() {
        let names = section_names(store, &plan.removed_replied);
        writeln!(out, "{}", trf(Msg::RepliesKept, &[&names]))?;
    }
    // New → assigned is what assigning means; other moves are worth a line.
    if plan.from != plan.to && plan.from != Status::New {
        writeln!(
            out,
            "{}",
            trf(Msg::StatusChanged, &[&id, &plan.from, &plan.to])
        )?;
    }
    Ok(())
}

pub(super) fn section_names(store: &Store, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| store.section_name(c, lang()))
        .collect::<Vec<_>>()
        .join("・")
}
