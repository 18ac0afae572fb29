//! Performs the [`Effect`]s that [`App::update`] asks for, against the store, and hands
//! the results back. This is the TUI's only door to the database, so liaison mode is
//! enforced here too: a liaison can read and reply for their own section, nothing else.

use super::app::{App, Effect, Outcome, Screen, Tab};
use crate::i18n::{Msg, fill};
use crate::store::{Order, Store};

/// Perform `effect`. Returns `true` when the app should quit.
pub fn perform(store: &mut Store, app: &mut App, effect: Effect) -> bool {
    let lang = app.lang;
    let mutated = match effect {
        Effect::None => false,
        Effect::Quit => return true,
        // The loop suspends: it owns the terminal.
        Effect::Suspend => false,
        Effect::LoadList => {
            load_list(store, app);
            false
        }
        Effect::LoadPage => {
            load_page(store, app);
            false
        }
        Effect::LoadDetail(id) => {
            load_detail(store, app, id);
            false
        }
        effect if app.liaison.is_some() && !liaison_may(store, app, &effect) => {
            let section = app.liaison.clone().unwrap_or_default();
            app.apply(Outcome::Failed(
                crate::Error::NotInSection { id: 0, section }.screen_message(lang),
            ));
            false
        }
        Effect::LoadSummary => {
            // The first time, open on the latest fiscal year that has slips.
            if let Some(s) = &app.summary
                && s.report.is_none()
                && let Ok(newest) = store.list(&Default::default(), Order::NewestFirst, 1, 0)
                && let Some(row) = newest.first()
            {
                let fy = crate::domain::date::fiscal_year(row.received_on);
                if fy < s.fiscal_year {
                    app.apply(Outcome::SummaryYear(fy));
                }
            }
            if let Some(s) = &app.summary {
                let period = crate::report::Period::FiscalYear(s.fiscal_year);
                match crate::report::build(store, period, s.by, lang, app.today) {
                    Ok(r) => app.apply(Outcome::Summary(Box::new(r))),
                    Err(e) => app.apply(Outcome::Failed(e.screen_message(lang))),
                }
            }
            false
        }
        Effect::Add(new) => match store.add_slip(&new) {
            Ok(id) => {
                app.apply(Outcome::Added(id));
                true
            }
            Err(e) => {
                app.apply(Outcome::Failed(e.screen_message(lang)));
                false
            }
        },
        Effect::Edit(id, edit, version) => {
            match store.edit_slip(id, &edit, Some(version)) {
                Ok(slip) if slip.version == version => {
                    app.apply(Outcome::Done(Msg::EditUnchanged.text(lang).into()))
                }
                Ok(_) => app.apply(Outcome::Done(fill(Msg::EditSaved, lang, &[&id]))),
                Err(e) => app.apply(Outcome::Failed(e.screen_message(lang))),
            }
            true
        }
        Effect::Assign {
            targets,
            change,
            due,
            remove_replied,
        } => {
            let results: Vec<_> = targets
                .iter()
                .map(|(id, v)| {
                    let r = store.change_sections(*id, &change, Some(due), remove_replied, *v);
                    (*id, r.map(|_| ()))
                })
                .collect();
            report(app, results);
            true
        }
        Effect::OpenReply(id) => {
            match store.detail(id) {
                Ok(d)
                    if app
                        .liaison
                        .as_ref()
                        .is_some_and(|m| !d.slip.sections.contains(m)) =>
                {
                    let section = app.liaison.clone().unwrap_or_default();
                    app.apply(Outcome::Failed(
                        crate::Error::NotInSection { id, section }.screen_message(lang),
                    ));
                }
                Ok(d) => app.apply(Outcome::ReplyTo(Box::new(d))),
                Err(e) => app.apply(Outcome::Failed(e.screen_message(lang))),
            }
            false
        }
        Effect::Reply { target, replies } => {
            let today = app.today;
            let mut version = target.1;
            let mut said = vec![];
            let mut failed = None;
            for (section, text, replaces) in &replies {
                match store.reply(target.0, section, text, today, version) {
                    Ok(slip) => {
                        version = Some(slip.version);
                        let name = app.catalog.section_name(section, lang);
                        let msg = if *replaces {
                            Msg::ReplyReplaced
                        } else {
                            Msg::RepliedMsg
                        };
                        said.push(fill(msg, lang, &[&name, &target.0]));
                    }
                    Err(e) => {
                        failed = Some(e.screen_message(lang));
                        break;
                    }
                }
            }
            match failed {
                None => app.apply(Outcome::Done(said.join(" "))),
                Some(e) if said.is_empty() => app.apply(Outcome::Failed(e)),
                // Some replies were saved, one was not: say both, keep the form open.
                Some(e) => app.apply(Outcome::Failed(format!("{} {e}", said.join(" ")))),
            }
            true
        }
        Effect::SetStatus {
            targets,
            to,
            reason,
        } => {
            let results: Vec<_> = targets
                .iter()
                .map(|(id, v)| {
                    (
                        *id,
                        store.set_status(*id, to, reason.as_deref(), *v).map(|_| ()),
                    )
                })
                .collect();
            report(app, results);
            true
        }
        Effect::SetNoPublish { target, hide } => {
            match store.set_no_publish(target.0, hide, target.1) {
                Ok(_) => app.apply(Outcome::Done(
                    if hide { Msg::PubHidden } else { Msg::PubShown }
                        .text(lang)
                        .into(),
                )),
                Err(e) => app.apply(Outcome::Failed(e.screen_message(lang))),
            }
            true
        }
        Effect::MarkPrivate { target, text } => {
            match store.mark_private(target.0, text.as_deref(), text.is_none(), target.1) {
                Ok(_) => app.apply(Outcome::Done(Msg::Saved.text(lang).into())),
                Err(e) => app.apply(Outcome::Failed(e.screen_message(lang))),
            }
            true
        }
        Effect::Void { target, reason } => {
            match store.void_slip(target.0, &reason, target.1) {
                Ok(_) => app.apply(Outcome::Done(fill(Msg::VoidedKey, lang, &[&target.0]))),
                Err(e) => app.apply(Outcome::Failed(e.screen_message(lang))),
            }
            true
        }
        Effect::Restore { target } => {
            match store.restore_slip(target.0, target.1) {
                Ok(slip) => app.apply(Outcome::Done(fill(
                    Msg::RestoredMsg,
                    lang,
                    &[&target.0, &slip.status.label(lang)],
                ))),
                Err(e) => app.apply(Outcome::Failed(e.screen_message(lang))),
            }
            true
        }
        Effect::Duplicate { target, of } => {
            match store.mark_duplicate(target.0, of, target.1) {
                Ok(_) => app.apply(Outcome::Done(Msg::Saved.text(lang).into())),
                Err(e) => app.apply(Outcome::Failed(e.screen_message(lang))),
            }
            true
        }
    };
    if mutated {
        load_list(store, app);
        if let Some(id) = app.open_slip() {
            load_detail(store, app, id);
        }
    }
    false
}

/// Whether a liaison may perform `effect`: only replies for their own section.
fn liaison_may(store: &Store, app: &App, effect: &Effect) -> bool {
    let Some(mine) = &app.liaison else {
        return true;
    };
    match effect {
        Effect::Reply { target, replies } => {
            replies.iter().all(|(section, _, _)| section == mine)
                && store
                    .slip(target.0)
                    .is_ok_and(|s| s.sections.contains(mine))
        }
        _ => false,
    }
}

fn report(app: &mut App, results: Vec<(i64, crate::Result<()>)>) {
    let lang = app.lang;
    let ok = results.iter().filter(|(_, r)| r.is_ok()).count();
    let failed: Vec<(i64, String)> = results
        .into_iter()
        .filter_map(|(id, r)| r.err().map(|e| (id, e.screen_message(lang))))
        .collect();
    if failed.is_empty() {
        app.apply(Outcome::Done(fill(Msg::BulkDone, lang, &[&ok])));
    } else if ok == 0 && failed.len() == 1 {
        app.apply(Outcome::Failed(failed[0].1.clone()));
    } else {
        let list = failed
            .iter()
            .map(|(id, e)| format!("#{id} {e}"))
            .collect::<Vec<_>>()
            .join(" / ");
        let msg = format!(
            "{} {}",
            fill(Msg::BulkDone, lang, &[&ok]),
            fill(Msg::BulkFailed, lang, &[&failed.len(), &list])
        );
        if ok == 0 {
            app.apply(Outcome::Failed(msg));
        } else {
            app.apply(Outcome::Done(msg));
        }
    }
}

fn load_list(store: &Store, app: &mut App) {
    // Every tab's count. A text search has to read the text, so one pass counts all
    // tabs at once; without one, each tab's count is an index range, quicker still.
    let base = app.filter_for(Tab::All);
    let counts = if base.text.is_some() {
        store
            .status_counts(&base, app.today)
            .map(|c| app.tabs().iter().map(|t| t.count(&c)).collect::<Vec<u64>>())
    } else {
        app.tabs()
            .iter()
            .map(|t| store.count(&app.filter_for(*t)))
            .collect::<crate::Result<Vec<u64>>>()
    };
    let result = counts.map(|counts| {
        let total = current_tab_count(app, &counts);
        (counts, total)
    });
    match result {
        Ok((counts, total)) => {
            app.apply(Outcome::List {
                total,
                counts,
                rows: vec![],
            });
            // Keep the selection in view after the count changed.
            let sel = app.list.selected;
            let h = app.list.height.max(1);
            if sel < app.list.offset || sel >= app.list.offset + h {
                app.list.offset = sel.saturating_sub(h - 1);
            }
            app.list.offset = app.list.offset.min((total as usize).saturating_sub(1));
            load_page(store, app);
        }
        Err(e) => app.apply(Outcome::Failed(e.screen_message(app.lang))),
    }
}

fn current_tab_count(app: &App, counts: &[u64]) -> u64 {
    let i = app.tabs().iter().position(|t| *t == app.tab).unwrap_or(0);
    counts.get(i).copied().unwrap_or(0)
}

fn load_page(store: &Store, app: &mut App) {
    let filter = app.filter();
    let h = app.list.height.max(1);
    let total = app.list.total as usize;
    let offset = app.list.offset;
    // Past the middle, read from the other end: OFFSET costs what it skips, so the
    // last page of a million slips is as quick as the first.
    let result = if offset > total / 2 && offset < total {
        let end = (offset + h).min(total);
        store
            .list(&filter, Order::OldestFirst, end - offset, total - end)
            .map(|mut rows| {
                rows.reverse();
                rows
            })
    } else {
        store.list(&filter, Order::NewestFirst, h, offset)
    };
    match result {
        Ok(rows) => app.apply(Outcome::Page(rows)),
        Err(e) => app.apply(Outcome::Failed(e.screen_message(app.lang))),
    }
}

fn load_detail(store: &Store, app: &mut App, id: i64) {
    match store.detail(id) {
        Ok(d) => {
            if let Some(mine) = &app.liaison
                && !d.slip.sections.contains(mine)
            {
                app.screen = Screen::Inbox;
                app.apply(Outcome::Failed(
                    crate::Error::NotInSection {
                        id,
                        section: mine.clone(),
                    }
                    .screen_message(app.lang),
                ));
                return;
            }
            app.apply(Outcome::Detail(Box::new(d)))
        }
        Err(e) => {
            app.screen = Screen::Inbox;
            app.apply(Outcome::Failed(e.screen_message(app.lang)));
        }
    }
}
