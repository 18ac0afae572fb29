//! Looking after the database and the program: `demo`, `backup`, `restore`, `gen`,
//! `completions` and `man`.

use std::io::{IsTerminal, Write};

use anyhow::bail;

use super::Ctx;
use crate::config::{self, Seed};
use crate::i18n::{Msg, tr, trf};
use crate::store::{Filter, Store};

/// `meyasu demo`.
pub(super) fn demo(
    cx: &Ctx,
    temp: &bool,
    force: &bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let path = if *temp {
        // A new folder made securely (not a predictable name another user could plant a
        // link at); it is kept for the user to open.
        let dir = tempfile::Builder::new()
            .prefix("meyasu-demo-")
            .tempdir()?
            .keep();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        }
        dir.join("meyasu.db")
    } else {
        config::db_path(cx.db.as_deref())
    };
    let mut store = Store::open(&path, &Seed::from_env()?)?;
    if !force && store.count(&Filter::default())? > 0 {
        return Err(crate::Error::DemoNotEmpty(path).into());
    }
    let n = crate::io::load_demo(&mut store)?;
    writeln!(
        out,
        "{}",
        trf(Msg::DemoLoaded, &[&n, &crate::text::shown_path(&path)])
    )?;
    Ok(())
}

/// `meyasu backup`.
pub(super) fn backup(
    cx: &Ctx,
    file: &std::path::Path,
    force: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let store = cx.existing()?;
    let info = crate::store::backup::backup(&store, file, force)?;
    writeln!(
        out,
        "{}",
        trf(
            Msg::BackupDone,
            &[&crate::text::shown_path(file), &info.slips]
        )
    )?;
    Ok(())
}

/// `meyasu restore`.
pub(super) fn restore(
    cx: &Ctx,
    file: &std::path::Path,
    yes: &bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let db = config::db_path(cx.db.as_deref());
    let info = crate::store::backup::inspect(file)?;
    if !yes {
        if !std::io::stdin().is_terminal() {
            bail!(tr(Msg::RestoreNeedsYes));
        }
        eprint!(
            "{}",
            trf(
                Msg::RestoreConfirm,
                &[
                    &crate::text::shown_path(&db),
                    &crate::text::shown_path(file),
                    &info.slips
                ]
            )
        );
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim().to_lowercase().as_str(), "y" | "yes" | "はい") {
            bail!(tr(Msg::RestoreCancelled));
        }
    }
    let aside = crate::store::backup::restore(&db, file, &cx.clock)?;
    // Reopen to bring an older backup up to this schema.
    super::open_store(Some(&db))?;
    writeln!(
        out,
        "{}",
        trf(
            Msg::RestoreDone,
            &[
                &crate::text::shown_path(file),
                &info.slips,
                &crate::text::shown_path(&aside)
            ]
        )
    )?;
    Ok(())
}

/// `meyasu gen`.
#[cfg(feature = "dev")]
pub(super) fn generate(
    cx: &Ctx,
    slips: &usize,
    years: &u32,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let today = cx.today;
    let mut store = cx.store()?;
    store.generate(*slips, *years, today)?;
    writeln!(out, "{}", trf(Msg::Count, &[slips]))?;
    Ok(())
}

/// `meyasu completions`.
pub(super) fn completions(
    _cx: &Ctx,
    shell: &clap_complete::Shell,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    // In the UI language, as `--help` is.
    let mut cmd = super::help::command();
    clap_complete::generate(*shell, &mut cmd, "meyasu", out);
    Ok(())
}

/// `meyasu man`.
pub(super) fn man(_cx: &Ctx, out: &mut impl Write) -> anyhow::Result<()> {
    let cmd = super::help::command();
    clap_mangen::Man::new(cmd).render(out)?;
    Ok(())
}

/// `meyasu init`: create the database (seeded from `data/` or `MEYASU_SEED_DIR`) if it
/// does not exist yet, and say where it is and what it holds.
pub(super) fn init(cx: &Ctx, out: &mut impl Write) -> anyhow::Result<()> {
    let path = config::db_path(cx.db.as_deref());
    let existed = path.exists();
    let store = cx.store()?;
    let slips = store.count(&Filter::default())?;
    let msg = if existed {
        Msg::InitExists
    } else {
        Msg::InitCreated
    };
    let shown = crate::text::sanitize(&crate::text::shown_path(&path).to_string(), false);
    writeln!(out, "{}", trf(msg, &[&shown, &slips]))?;
    Ok(())
}

/// `meyasu settings` (list) and `meyasu settings set KEY VALUE`.
pub(super) fn settings(cx: &Ctx, args: &[String], out: &mut impl Write) -> anyhow::Result<()> {
    let mut store = cx.existing()?;
    match args {
        [] => {
            let s = store.settings()?;
            // Paths and addresses as stored, made safe to print: a control character stored
            // by hand shows as a visible symbol, never reaches the terminal.
            let raw = |k: &str| -> anyhow::Result<String> {
                let v = store.setting(k)?.unwrap_or_default();
                Ok(crate::text::sanitize(&v, false))
            };
            writeln!(out, "ward = {}", s.ward)?;
            writeln!(out, "ward_en = {}", s.ward_en)?;
            writeln!(out, "reply_days = {}", s.reply_days)?;
            writeln!(out, "business_days = {}", s.business_days)?;
            writeln!(out, "review_replies = {}", s.review_replies)?;
            writeln!(out, "mail_from = {}", s.mail_from)?;
            writeln!(out, "mail_relay = {}", s.mail_relay)?;
            writeln!(out, "mail_timeout = {}", s.mail_timeout)?;
            writeln!(out, "remind_days = {}", s.remind_days)?;
            writeln!(out, "contact_name = {}", s.contact_name)?;
            writeln!(out, "contact_ext = {}", s.contact_ext)?;
            writeln!(out, "contact_mail = {}", s.contact_mail)?;
            writeln!(out, "sheet_inbox = {}", raw("sheet_inbox")?)?;
            writeln!(out, "report_to = {}", raw("report_to")?)?;
            Ok(())
        }
        [history] if history == "history" => {
            // The office's log: settings and templates (sections: `sections history`).
            for e in store.section_history()? {
                if e.action == "setting" || e.action.starts_with("template_") {
                    let change = match (&e.old, &e.new) {
                        (Some(o), Some(n)) => format!("{o} → {n}"),
                        (None, Some(n)) => format!("→ {n}"),
                        (Some(o), None) => format!("{o} →"),
                        (None, None) => String::new(),
                    };
                    writeln!(
                        out,
                        "{}  {}  {}  {}  {}",
                        e.at,
                        crate::text::sanitize(&e.actor, false),
                        e.action,
                        e.code,
                        crate::text::sanitize(&change, false)
                    )?;
                }
            }
            Ok(())
        }
        [set, key, value] if set == "set" => {
            let stored = store.set_setting(key, value)?;
            writeln!(out, "{key} = {}", crate::text::sanitize(&stored, false))?;
            // A folder that is not there yet is set (it may be mounted later), and said.
            if key == "sheet_inbox" && !std::path::Path::new(&stored).is_dir() {
                eprintln!(
                    "{}",
                    crate::i18n::trf(
                        Msg::SettingFolderMissing,
                        &[&crate::text::sanitize(&stored, false)]
                    )
                );
            }
            Ok(())
        }
        _ => Err(crate::Error::BadSetting {
            key: args.join(" "),
            value: String::new(),
        }
        .into()),
    }
}
