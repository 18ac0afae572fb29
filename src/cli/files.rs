//! Files in and out: `import`, `export`, `publish` and `report`.

use std::io::Write;

use super::Ctx;
use super::args::{ListArgs, OutputArgs, PeriodArgs, ReportArgs, period_from, report_period};
use super::filter_from;
use super::output::{format_for, progress_bar, unknown_format, write_output};
use crate::i18n::{Lang, Msg, lang, trf};

/// `meyasu import`.
pub(super) fn import(
    cx: &Ctx,
    file: &std::path::Path,
    dry_run: &bool,
    allow_future: &bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let today = cx.today;
    // A dry run only reads: it never creates a database. Without one yet, the file is
    // checked against the seed's sections, floors and kinds, in memory.
    let db = crate::config::db_path(cx.db.as_deref());
    let mut store = match (*dry_run, db.exists()) {
        (true, false) => crate::store::Store::open_in_memory(&crate::config::Seed::from_env()?)?,
        (true, true) => cx.existing()?,
        (false, _) => cx.store()?,
    };
    let bar = progress_bar();
    let report = crate::io::import::import_file(
        &mut store,
        file,
        *dry_run,
        *allow_future,
        today,
        |n, total| {
            if let Some(b) = &bar {
                b.set_length(total as u64);
                b.set_position(n as u64);
            }
        },
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    writeln!(
        out,
        "{}",
        crate::io::import::summary(&report, &crate::text::shown_path(file), *dry_run)
    )?;
    Ok(())
}

/// `meyasu export`.
pub(super) fn export(
    cx: &Ctx,
    o: &OutputArgs,
    filter: &ListArgs,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let today = cx.today;
    let store = cx.existing()?;
    let f = filter_from(&store, filter, today)?;
    let items = crate::io::export::collect(&store, &f)?;
    let format = format_for(o.format.as_deref(), o.output.as_deref(), "csv");
    let bytes = match format.as_str() {
        "csv" => crate::io::export::csv(&store, &items, !o.no_bom)?,
        "xlsx" => crate::io::export::xlsx(&store, &items)?,
        "json" => crate::io::export::json(&items)?,
        other => return Err(unknown_format(other, &["csv", "xlsx", "json"]).into()),
    };
    write_output(cx, o, &bytes, &format, out)?;
    Ok(())
}

/// `meyasu publish`.
pub(super) fn publish(
    cx: &Ctx,
    period: &PeriodArgs,
    o: &OutputArgs,
    mail: &[String],
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let today = cx.today;
    let store = cx.existing()?;
    let period = period_from(period, today)?;
    let (from, to) = period.received();
    let entries = crate::report::publish::entries(&store, from, to, lang())?;
    // The plan: each slip whose likely names are masked, with the names, so the clerk
    // can check them (a false hit is kept readable by giving the slip a 要旨).
    for e in entries.iter().filter(|e| !e.names.is_empty()) {
        eprintln!("{}", trf(Msg::PublishNames, &[&e.id, &e.names.join("・")]));
    }
    let format = format_for(o.format.as_deref(), o.output.as_deref(), "html");
    let ward = store.settings()?;
    let ward = match lang() {
        Lang::En if !ward.ward_en.is_empty() => ward.ward_en,
        _ => ward.ward,
    };
    let bytes = match format.as_str() {
        "html" => crate::report::publish::html(&entries, &ward, &period.label(lang()), lang())
            .into_bytes(),
        "csv" => crate::report::publish::csv(&entries, !o.no_bom, lang()),
        other => return Err(unknown_format(other, &["html", "csv"]).into()),
    };
    let title = format!(
        "{}　{}",
        Msg::PublishTitle.text(lang()),
        period.label(lang())
    );
    deliver_output(cx, &store, o, mail, &bytes, &format, &title, out)
}

/// `meyasu report`.
pub(super) fn report(cx: &Ctx, a: &ReportArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let today = cx.today;
    use crate::report::{build, render, xlsx};
    let store = cx.existing()?;
    let period = report_period(a, today)?;
    let by = crate::domain::Dimension::parse(&a.by)
        .ok_or_else(|| crate::Error::UnknownDimension(a.by.clone()))?;
    if a.summary {
        let text = crate::report::sentence::annual_paragraph(&store, period, lang(), today)?;
        return write_output(cx, &a.out, text.as_bytes(), "text", out);
    }
    let format = format_for(a.out.format.as_deref(), a.out.output.as_deref(), "text");
    let mut r = build(&store, period, by, lang(), today)?;
    if a.compare {
        r = crate::report::with_previous(r, &store)?;
    }
    let name = |c: &str| store.section_name(c, lang());
    let bytes: Vec<u8> = match format.as_str() {
        "text" => render::text(&r, name).into_bytes(),
        "csv" => render::csv(&r, !a.out.no_bom, name).into_bytes(),
        "html" => render::html(&r, name).into_bytes(),
        "xlsx" => xlsx::xlsx(&r, name)?,
        other => return Err(unknown_format(other, &["text", "csv", "xlsx", "html"]).into()),
    };
    let title = format!("{}　{}", Msg::ReportTitle.text(lang()), r.period_label);
    deliver_output(cx, &store, &a.out, &a.mail, &bytes, &format, &title, out)
}

/// Write the output (to `-o`, or standard output unless it is mailed), then mail it as an
/// attachment named after `-o`'s file or `title` to each of `mail`.
#[allow(clippy::too_many_arguments)]
fn deliver_output(
    cx: &Ctx,
    store: &crate::store::Store,
    o: &OutputArgs,
    mail: &[String],
    bytes: &[u8],
    format: &str,
    title: &str,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if o.output.is_some() || mail.is_empty() {
        write_output(cx, o, bytes, format, out)?;
    }
    if mail.is_empty() {
        return Ok(());
    }
    let ext = if format == "text" { "txt" } else { format };
    let file = match o.output.as_deref().and_then(|p| p.file_name()) {
        Some(n) => n.to_string_lossy().to_string(),
        None => format!("{}.{ext}", title.replace(['　', ' ', '/', '\\'], "_")),
    };
    for to in mail {
        crate::io::mail::send_file(store, to, title, &file, bytes, format, lang())?;
        writeln!(out, "{}", trf(Msg::FileMailed, &[&file, to]))?;
    }
    Ok(())
}
