//! `request` and `remind`: what each section is asked for (依頼) or chased for (督促),
//! as text, as a printable page, or mailed (with a dry run that writes .eml files);
//! what was mailed or handed over is recorded so that nothing is asked twice.

use std::io::Write;
use std::path::PathBuf;

use super::Ctx;
use crate::i18n::{Msg, lang, tr, trf};
use crate::io::mail;
use crate::store::{AskKind, SectionAsk, Store};

/// What `request` and `remind` take.
#[derive(Debug, clap::Args)]
pub struct AskArgs {
    /// Only this section (code or name)
    #[arg(long = "for", value_name = "SECTION")]
    pub only: Option<String>,
    /// Mail each section its list (sections without an address are listed, not mailed)
    #[arg(long)]
    pub mail: bool,
    /// With --mail: write the messages as .eml files in this folder; send and record nothing
    #[arg(long, value_name = "DIR", requires = "mail")]
    pub dry_run: Option<PathBuf>,
    /// Record the lists as handed over (on paper) without mailing them
    #[arg(long, conflicts_with = "mail")]
    pub record: bool,
    /// A printable page (HTML, one section to a page) instead of text
    #[arg(long)]
    pub html: bool,
    /// With --dry-run: replace .eml files already in the folder
    #[arg(long, requires = "dry_run")]
    pub force: bool,
    /// remind: also the slips reminded within the last `remind_days` office days
    #[arg(long)]
    pub again: bool,
    /// Write each section's reply sheet (回答票_課_日付.xlsx) into this folder; with
    /// --mail, each mail carries its section's sheet
    #[arg(long, value_name = "DIR")]
    pub sheets: Option<PathBuf>,
}

/// `meyasu request` / `meyasu remind`.
pub(super) fn ask(
    cx: &Ctx,
    kind: AskKind,
    a: &AskArgs,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    let l = lang();
    let only = a
        .only
        .as_deref()
        .map(|s| store.resolve_section(s, false))
        .transpose()?;
    let prepared = crate::office::asks::prepare(&store, kind, cx.today, only.as_deref(), a.again)?;
    for (section, n) in &prepared.asked_before {
        let name = store.section_name(section, l);
        say(&trf(Msg::RequestSkipped, &[&name, n]));
    }
    say_held(&store, &prepared.held, prepared.days);
    // What this run has seen: reminders another run sends from now on are not sent again.
    let seen = prepared.seen;
    // On paper: what this run records is claimed first, in one write transaction per
    // section, and only that is printed (runs at once hand over each slip once).
    let asks = if a.record {
        crate::office::asks::record_paper(&mut store, kind, &prepared.send, seen)?
    } else {
        prepared.send
    };
    if asks.is_empty() {
        let msg = match kind {
            AskKind::Request => Msg::NothingToRequest,
            AskKind::Remind => Msg::NothingToRemind,
        };
        writeln!(out, "{}", tr(msg))?;
        return Ok(());
    }
    let sheets = write_sheets(cx, &store, kind, &asks, a.sheets.as_deref())?;
    if a.mail {
        let dry = a.dry_run.as_deref().map(|dir| mail::DryRun {
            dir,
            force: a.force,
            protected: crate::io::write::database_files(store.path()),
        });
        let how = mail::Delivery { dry_run: dry, seen };
        return send(&mut store, kind, &asks, &how, &sheets, out);
    }
    if a.html {
        write!(out, "{}", mail::html(&store, kind, &asks, l))?;
    } else {
        print_lists(&store, kind, &asks, &sheets, out)?;
    }
    if a.record {
        for ask in &asks {
            say(&recorded(&store, kind, ask));
        }
    }
    Ok(())
}

/// Each section's reply sheet (回答票) written into `dir`, for the sections that answer
/// in Excel, each said as written; none without `--sheets`.
fn write_sheets(
    cx: &Ctx,
    store: &Store,
    kind: AskKind,
    asks: &[SectionAsk],
    dir: Option<&std::path::Path>,
) -> anyhow::Result<Vec<crate::io::sheets::SheetFile>> {
    let Some(dir) = dir else {
        return Ok(vec![]);
    };
    let written = crate::io::sheets::write_all(store, kind, asks, dir, cx.clock.now())?;
    for path in written.iter().filter_map(|f| f.path.as_ref()) {
        let shown = crate::text::sanitize(&crate::text::shown_path(path).to_string(), false);
        say(&trf(Msg::SheetWritten, &[&shown]));
    }
    Ok(written)
}

/// Each section's list as text: its mail's subject, a word when it has no address, and
/// the body naming its sheet when one was written.
fn print_lists(
    store: &Store,
    kind: AskKind,
    asks: &[SectionAsk],
    sheets: &[crate::io::sheets::SheetFile],
    out: &mut impl Write,
) -> std::io::Result<()> {
    let l = lang();
    for ask in asks {
        writeln!(out, "{}", mail::subject(store, kind, ask, l))?;
        if ask.email.is_none() {
            writeln!(out, "{}", trf(Msg::NoAddress, &[&ask.section]))?;
        }
        writeln!(out)?;
        let sheet = sheets
            .iter()
            .find(|f| f.section == ask.section)
            .map(|f| f.name.as_str());
        writeln!(out, "{}", mail::body(store, kind, ask, sheet, l))?;
    }
    Ok(())
}

/// A line on stderr, beside the list on stdout (a closed stderr is not an error).
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Say, per slip, which reminders were held back and why, and how to send them anyway.
fn say_held(store: &Store, held: &[SectionAsk], days: u32) {
    let l = lang();
    for ask in held {
        let name = store.section_name(&ask.section, l);
        for it in &ask.items {
            let last = it
                .last_reminded
                .map(|d| crate::domain::date::date_long(d, l))
                .unwrap_or_default();
            say(&trf(Msg::RemindHeld, &[&name, &it.id, &last, &days]));
        }
    }
    if !held.is_empty() {
        say(tr(Msg::RemindHeldHint));
    }
}

fn recorded(store: &Store, kind: AskKind, ask: &SectionAsk) -> String {
    let what = match kind {
        AskKind::Request => Msg::ActRequested,
        AskKind::Remind => Msg::ActReminded,
    };
    trf(
        Msg::AskRecorded,
        &[
            &store.section_name(&ask.section, lang()),
            &tr(what),
            &ask.items.len(),
        ],
    )
}

/// Mail each section with an address its list ([`crate::office::asks::send`], the loop
/// the TUI's `M` runs too), saying what became of each.
fn send(
    store: &mut Store,
    kind: AskKind,
    asks: &[SectionAsk],
    how: &mail::Delivery<'_>,
    sheets: &[crate::io::sheets::SheetFile],
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut said = vec![];
    let result = crate::office::asks::send(
        store,
        kind,
        asks,
        how,
        crate::office::asks::Sheets::Made(sheets),
        lang(),
        crate::office::asks::Progress {
            stop: &|| false,
            sending: &mut |_, _, _| {},
            said: &mut |line| said.push(line),
        },
    );
    for line in said {
        writeln!(out, "{line}")?;
    }
    result?;
    Ok(())
}

/// `meyasu collect FILE|DIR… [--apply]`: each returned sheet's plan, slip by slip, and
/// with `--apply` the new and changed replies recorded. A sheet refused whole is said
/// so (and the command ends with an error), the others go on.
pub(super) fn collect(
    cx: &Ctx,
    paths: &[PathBuf],
    apply: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    use crate::office::collect;
    let mut store = cx.existing()?;
    let l = lang();
    let found = collect::gather(&store, paths, l)?;
    let (mut refused, mut to_record) = (0, 0);
    let mut plans = vec![];
    for f in &found {
        match f {
            collect::Found::Planned(plan) => {
                write_plan(&store, plan, out)?;
                to_record += plan.to_record().count();
                plans.push(plan.clone());
            }
            collect::Found::Refused { why, .. } => {
                writeln!(out, "× {why}")?;
                refused += 1;
            }
            collect::Found::Superseded { file, newer } => {
                let (file, newer) = (
                    crate::text::sanitize(file, false),
                    crate::text::sanitize(newer, false),
                );
                writeln!(out, "{}", trf(Msg::CollectSuperseded, &[&file, &newer]))?;
            }
        }
    }
    let end = match (apply, to_record) {
        (false, 0) => tr(Msg::CollectNothing).to_string(),
        (true, _) => {
            let done = collect::record(&mut store, &plans, cx.today)?;
            for (file, id) in &done.changed {
                let file = crate::text::sanitize(file, false);
                writeln!(out, "{}", trf(Msg::CollectChangedSincePlan, &[id, &file]))?;
            }
            for dir in paths.iter().filter(|p| p.is_dir()) {
                for name in collect::tidy(&store, dir, l)? {
                    let name = crate::text::sanitize(&name, false);
                    writeln!(out, "{}", trf(Msg::CollectFiled, &[&name, &collect::FILED]))?;
                }
            }
            match done.recorded {
                0 => tr(Msg::CollectNothing).to_string(),
                n => trf(Msg::CollectRecorded, &[&n]),
            }
        }
        (false, n) => trf(Msg::CollectApplyHint, &[&n]),
    };
    writeln!(out, "{end}")?;
    if refused > 0 {
        return Err(crate::Error::SheetsRefused(refused).into());
    }
    Ok(())
}

/// One sheet's plan: its file, section and date, then each row's fate.
fn write_plan(
    store: &Store,
    plan: &crate::io::sheets::Plan,
    out: &mut impl Write,
) -> std::io::Result<()> {
    use crate::io::sheets::Fate;
    let l = lang();
    writeln!(
        out,
        "{}",
        trf(
            Msg::CollectHeader,
            &[
                &crate::text::sanitize(&plan.file, false),
                &store.section_name(&plan.section, l),
                &plan.issued,
            ]
        )
    )?;
    for row in &plan.rows {
        let fate = match &row.fate {
            Fate::New => tr(Msg::FateNew).to_string(),
            Fate::Changed => tr(Msg::FateChanged).to_string(),
            Fate::Unchanged => tr(Msg::FateUnchanged).to_string(),
            Fate::Empty => tr(Msg::FateEmpty).to_string(),
            Fate::Refused(why) => trf(Msg::FateRefused, &[why]),
        };
        // first_line sanitises what it returns.
        let text = crate::text::truncate(&crate::text::first_line(&row.text), 40);
        // A reply recorded without a 対応区分 says so, so the team can ask for one.
        let outcome = match (&row.outcome, &row.fate) {
            (Some(o), _) => format!(" [{}]", store.catalog().outcome_name(Some(o), l)),
            (None, Fate::New | Fate::Changed) => format!(" [{}]", tr(Msg::SheetNoOutcome)),
            (None, _) => String::new(),
        };
        if text.is_empty() {
            writeln!(out, "  #{} {fate}", row.id)?;
        } else {
            writeln!(out, "  #{} {fate}: {text}{outcome}", row.id)?;
        }
    }
    Ok(())
}
