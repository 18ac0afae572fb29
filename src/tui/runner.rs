//! Performs the [`Effect`]s that [`App::update`] asks for, against the store. This is
//! the TUI's only door to the database, so liaison mode is enforced here too: a liaison
//! can read and reply for their own section, nothing else.
//!
//! [`interpret`] turns one effect into store calls and [`Outcome`]s; it never touches the
//! app. Each effect carries what the store needs (filters, order, limit, offset). The app
//! takes the outcomes in through [`App::apply`], which may ask for a follow-up effect (the
//! page after the counts, the list after a change); [`perform`] runs that exchange.

use std::collections::VecDeque;

use chrono::NaiveDate;

use super::app::{App, CountRequest, Counts, Effect, Outcome, PageRequest, SummaryRequest};
use crate::error::Error;
use crate::i18n::{Lang, Msg, fill};
use crate::store::{Order, Store};

/// What the interpreter needs to know of the session: the language of its messages,
/// today, and the liaison's section.
#[derive(Clone, Debug)]
pub struct Env {
    /// UI language.
    pub lang: Lang,
    /// Today.
    pub today: NaiveDate,
    /// Liaison mode: the only section that may be read and replied for.
    pub liaison: Option<String>,
}

impl Env {
    /// The session of `app`.
    pub fn of(app: &App) -> Env {
        Env {
            lang: app.lang,
            today: app.today,
            liaison: app.liaison.clone(),
        }
    }
}

/// Perform `effect` and every follow-up the app asks for. Returns `true` when the app
/// should quit. The app changes only through [`App::apply`].
pub fn perform(store: &mut Store, app: &mut App, effect: Effect) -> bool {
    let env = Env::of(app);
    let mut queue = VecDeque::from([effect]);
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::None | Effect::Suspend => {}
            Effect::Quit => return true,
            Effect::Batch(effects) => queue.extend(effects),
            effect => {
                for outcome in interpret(store, &env, effect) {
                    match app.apply(outcome) {
                        Effect::None => {}
                        next => queue.push_back(next),
                    }
                }
            }
        }
    }
    false
}

/// The templates (a liaison's section's; else every section's) and the replies to the
/// slips most like `id` (a liaison sees only their own section's) the reply form offers.
fn reply_aids(store: &Store, env: &Env, id: i64) -> crate::Result<Vec<super::app::ReplyAid>> {
    use super::app::{AidSource, ReplyAid};
    let mine = env.liaison.as_deref();
    let mut out: Vec<ReplyAid> = store
        .templates(mine)?
        .into_iter()
        .map(|t| ReplyAid {
            section: t.section,
            source: AidSource::Template(t.title, t.id),
            text: t.text,
        })
        .collect();
    for s in store.similar(id, 5)? {
        for r in s.replies {
            if mine.is_none_or(|m| m == r.section) {
                out.push(ReplyAid {
                    section: r.section,
                    source: AidSource::Past(s.id),
                    text: r.text,
                });
            }
        }
    }
    Ok(out)
}

/// Take in one outcome that came from elsewhere (the search thread), and perform what
/// the app asks for next.
pub fn take(store: &mut Store, app: &mut App, outcome: Outcome) {
    match app.apply(outcome) {
        Effect::None => {}
        next => {
            perform(store, app, next);
        }
    }
}

/// Turn one effect into store calls, and their results into outcomes.
pub fn interpret(store: &mut Store, env: &Env, effect: Effect) -> Vec<Outcome> {
    let lang = env.lang;
    let failed = |e: Error| Outcome::Failed(e.screen_message(lang));
    match effect {
        Effect::None | Effect::Quit | Effect::Suspend | Effect::Batch(_) => vec![],
        Effect::LoadList(req) => vec![count(store, env, &req).unwrap_or_else(failed)],
        Effect::LoadPage(req) => vec![page(store, &req).unwrap_or_else(failed)],
        Effect::Search(req) => {
            let g = req.generation;
            let mut out = vec![match page(store, &req.page) {
                Ok(Outcome::Page(rows)) => Outcome::SearchPage(g, rows),
                Ok(o) => o,
                Err(e) => failed(e),
            }];
            out.extend(search_counts(store, env, &req));
            out
        }
        Effect::LoadDetailElsewhere(id) => vec![match detail(store, env, id) {
            Outcome::Detail(d) => Outcome::DetailElsewhere(d),
            // Gone from a liaison's section, or unreadable: say so as on opening it.
            other => other,
        }],
        Effect::LoadDetail(id) => {
            let mut out = vec![detail(store, env, id)];
            // Similar slips may belong to other sections: not for a liaison.
            if env.liaison.is_none() && matches!(out[0], Outcome::Detail(_)) {
                out.push(match store.similar(id, 5) {
                    Ok(similar) => Outcome::Similar(id, similar),
                    Err(e) => failed(e),
                });
            }
            out
        }
        // A database error says so: it is never shown as "nothing like it" or "no
        // templates".
        Effect::LoadSimilar(id) if env.liaison.is_none() => vec![match store.similar(id, 3) {
            Ok(similar) => Outcome::Similar(id, similar),
            Err(e) => failed(e),
        }],
        Effect::LoadSuggestions(id) if env.liaison.is_none() => vec![match store.suggest(id) {
            Ok(suggested) => Outcome::Suggestions(id, suggested),
            Err(e) => failed(e),
        }],
        Effect::LoadSimilar(_) | Effect::LoadSuggestions(_) => vec![],
        Effect::LoadReplyAids(id) => vec![match reply_aids(store, env, id) {
            Ok(aids) => Outcome::ReplyAids(id, aids),
            Err(e) => failed(e),
        }],
        effect if env.liaison.is_some() => match liaison_may(store, env, &effect) {
            Ok(true) => interpret_as_team(store, env, effect),
            Ok(false) => {
                let section = env.liaison.clone().unwrap_or_default();
                vec![failed(Error::NotInSection { id: 0, section })]
            }
            Err(e) => vec![failed(e)],
        },
        effect => interpret_as_team(store, env, effect),
    }
}

/// The effects that change things or read the summary, once a liaison is known to be
/// allowed them.
fn interpret_as_team(store: &mut Store, env: &Env, effect: Effect) -> Vec<Outcome> {
    let lang = env.lang;
    let failed = |e: Error| Outcome::Failed(e.screen_message(lang));
    // A write is followed by a fresh list (and slip), whether it went through or not:
    // after a conflict the screen shows the other person's change.
    let written = |o: Outcome| vec![o, Outcome::Changed];
    match effect {
        Effect::OpenReply(id) => vec![match detail(store, env, id) {
            Outcome::Detail(d) => Outcome::ReplyTo(d),
            Outcome::DetailFailed(msg) => Outcome::Failed(msg),
            other => other,
        }],
        Effect::OpenReview(id) => vec![match detail(store, env, id) {
            Outcome::Detail(d) => Outcome::ReviewOf(d),
            Outcome::DetailFailed(msg) => Outcome::Failed(msg),
            other => other,
        }],
        Effect::LoadSummary(req) => summary(store, env, req).unwrap_or_else(|e| vec![failed(e)]),
        Effect::Add(new) => match store.add_slip(&new) {
            Ok(id) => written(Outcome::Added(id)),
            Err(e) => vec![failed(e)],
        },
        Effect::Edit(id, edit, version) => {
            written(match store.edit_slip(id, &edit, Some(version)) {
                Ok(slip) if slip.version == version => {
                    Outcome::Done(Msg::EditUnchanged.text(lang).into())
                }
                Ok(_) => Outcome::Done(fill(Msg::EditSaved, lang, &[&id])),
                Err(e) => failed(e),
            })
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
            written(report(lang, results))
        }
        Effect::Reply { target, replies } => {
            let mut version = target.1;
            let mut said = vec![];
            let mut failure = None;
            for r in &replies {
                let (section, replaces) = (&r.section, &r.replaces);
                match store.reply_with(target.0, section, &r.text, env.today, &r.outcome, version) {
                    Ok(slip) => {
                        version = Some(slip.version);
                        let name = store.section_name(section, lang);
                        let msg = if *replaces {
                            Msg::ReplyReplaced
                        } else {
                            Msg::RepliedMsg
                        };
                        said.push(fill(msg, lang, &[&name, &target.0]));
                    }
                    Err(e) => {
                        failure = Some(e.screen_message(lang));
                        break;
                    }
                }
            }
            written(match failure {
                None => Outcome::Done(said.join(" ")),
                Some(e) if said.is_empty() => Outcome::Failed(e),
                // Some replies were saved, one was not: say both, keep the form open.
                Some(e) => Outcome::Failed(format!("{} {e}", said.join(" "))),
            })
        }
        Effect::PlanStatus {
            ids,
            to,
            has_reason,
        } => vec![match store.status_plan(&ids, to, has_reason, lang) {
            Ok(plan) => Outcome::StatusPlan(plan),
            Err(e) => failed(e),
        }],
        Effect::SetStatus {
            targets,
            to,
            reason,
        } => {
            let results: Vec<_> = targets
                .iter()
                .map(|(id, v)| {
                    let r = store.set_status(*id, to, reason.as_deref(), *v);
                    (*id, r.map(|_| ()))
                })
                .collect();
            written(report(lang, results))
        }
        Effect::SetNoPublish { target, hide } => {
            written(match store.set_no_publish(target.0, hide, target.1) {
                Ok(_) => Outcome::Done(
                    if hide { Msg::PubHidden } else { Msg::PubShown }
                        .text(lang)
                        .into(),
                ),
                Err(e) => failed(e),
            })
        }
        Effect::MarkPrivate { target, text } => written(
            match store.mark_private(target.0, text.as_deref(), text.is_none(), target.1) {
                Ok(_) => Outcome::Done(Msg::Saved.text(lang).into()),
                Err(e) => failed(e),
            },
        ),
        Effect::Void { target, reason } => {
            written(match store.void_slip(target.0, &reason, target.1) {
                Ok(_) => Outcome::Done(fill(Msg::VoidedKey, lang, &[&target.0])),
                Err(e) => failed(e),
            })
        }
        Effect::AddTemplate {
            section,
            text,
            for_slip,
        } => match store.add_template(&section, None, &text) {
            Ok(n) => vec![
                Outcome::Note(fill(Msg::TemplateAdded, lang, &[&n])),
                match reply_aids(store, env, for_slip) {
                    Ok(aids) => Outcome::ReplyAids(for_slip, aids),
                    Err(e) => failed(e),
                },
            ],
            Err(e) => vec![failed(e)],
        },
        Effect::RemoveTemplate { id, for_slip } => match store.remove_template(id) {
            Ok(()) => vec![
                Outcome::Note(fill(Msg::TemplateRemoved, lang, &[&id])),
                match reply_aids(store, env, for_slip) {
                    Ok(aids) => Outcome::ReplyAids(for_slip, aids),
                    Err(e) => failed(e),
                },
            ],
            Err(e) => vec![failed(e)],
        },
        Effect::PrepareAsks(kind) => match prepare_asks(store, env, kind) {
            Ok(p) => vec![Outcome::Asks(Box::new(p))],
            Err(e) => vec![failed(e)],
        },
        Effect::SendAsks(out) => {
            super::courier::send_all(store, &out, lang, &|| false, &mut |_| {})
        }
        Effect::StopMail => vec![],
        Effect::MailReport(req) => vec![match mail_report(store, env, req) {
            Ok(msg) => Outcome::Note(msg),
            Err(e) => failed(e),
        }],
        Effect::PlanCollect => match plan_collect(store, lang) {
            Ok(c) => vec![Outcome::Collected(Box::new(c))],
            Err(e) => vec![failed(e)],
        },
        Effect::ApplyCollect(plans) => written(apply_collect(store, env, &plans, lang)),
        Effect::ApproveReply { target, section } => {
            let name = store.section_name(&section, lang);
            written(match store.approve_reply(target.0, &section, target.1) {
                Ok(_) => Outcome::Done(fill(Msg::ApprovedMsg, lang, &[&target.0, &name])),
                Err(e) => failed(e),
            })
        }
        Effect::ReturnReply {
            target,
            section,
            reason,
        } => {
            let name = store.section_name(&section, lang);
            written(
                match store.return_reply(target.0, &section, &reason, target.1) {
                    Ok(_) => Outcome::Done(fill(Msg::ReturnedMsg, lang, &[&target.0, &name])),
                    Err(e) => failed(e),
                },
            )
        }
        Effect::Restore { target } => written(match store.restore_slip(target.0, target.1) {
            Ok(slip) => Outcome::Done(fill(
                Msg::RestoredMsg,
                lang,
                &[&target.0, &slip.status.label(lang)],
            )),
            Err(e) => failed(e),
        }),
        Effect::Duplicate { target, of } => {
            written(match store.mark_duplicate(target.0, of, target.1) {
                Ok(_) => Outcome::Done(Msg::Saved.text(lang).into()),
                Err(e) => failed(e),
            })
        }
        // Read effects are answered by `interpret` before it comes here.
        _ => vec![],
    }
}

/// The summary's report as xlsx, mailed to `report_to` (the desk that prints it).
fn mail_report(store: &Store, env: &Env, req: SummaryRequest) -> crate::Result<String> {
    let to = store.setting("report_to")?.unwrap_or_default();
    if to.is_empty() {
        return Err(Error::NoReportTo);
    }
    let period = req.per.period(req.fiscal_year);
    let r = crate::report::build(store, period, req.by, env.lang, env.today)?;
    let name = |c: &str| store.section_name(c, env.lang);
    let bytes = crate::report::xlsx::xlsx(&r, name).map_err(|e| Error::Open {
        path: std::path::PathBuf::from("report.xlsx"),
        reason: e.to_string(),
        hint: None,
    })?;
    let title = format!("{}　{}", Msg::ReportTitle.text(env.lang), r.period_label);
    let file = format!("{}.xlsx", title.replace(['　', ' ', '/', '\\'], "_"));
    crate::io::mail::send_file(store, &to, &title, &file, &bytes, "xlsx", env.lang)?;
    Ok(fill(Msg::FileMailed, env.lang, &[&file, &to]))
}

/// `I`'s Enter: the plans recorded, one transaction a sheet; what was recorded, the rows a
/// colleague changed since the plan was shown, and the files moved into 処理済.
fn apply_collect(
    store: &mut Store,
    env: &Env,
    plans: &[crate::io::sheets::Plan],
    lang: Lang,
) -> Outcome {
    let done = match crate::office::collect::record(store, plans, env.today) {
        Ok(done) => done,
        Err(e) => return Outcome::Failed(e.screen_message(lang)),
    };
    let recorded = fill(Msg::CollectRecorded, lang, &[&done.recorded]);
    if done.changed.is_empty() {
        return Outcome::Done(format!("{recorded}{}", tidy_inbox(store, lang)));
    }
    let ids: Vec<String> = done
        .changed
        .iter()
        .map(|(_, id)| format!("#{id}"))
        .collect();
    Outcome::Done(format!(
        "{recorded} {}",
        fill(Msg::CollectChangedSinceShown, lang, &[&ids.join(" ")])
    ))
}

/// After `I` recorded: the inbox's files whose every row is recorded moved into 処理済,
/// said in a few words (nothing when none moved; a failure said, never fatal).
fn tidy_inbox(store: &Store, lang: Lang) -> String {
    let Ok(Some(folder)) = store.setting("sheet_inbox") else {
        return String::new();
    };
    match crate::office::collect::tidy(store, std::path::Path::new(&folder), lang) {
        Ok(moved) if moved.is_empty() => String::new(),
        Ok(moved) => format!(
            " {}",
            fill(
                Msg::CollectFiledCount,
                lang,
                &[&moved.len(), &crate::office::collect::FILED]
            )
        ),
        Err(e) => format!(" {}", e.screen_message(lang)),
    }
}

/// The sheets in the inbox folder, planned ([`crate::office::collect::gather_inbox`]):
/// the folder, the plans, and the files refused whole (why, in the UI language).
fn plan_collect(
    store: &Store,
    lang: Lang,
) -> crate::Result<(String, Vec<crate::io::sheets::Plan>, Vec<String>)> {
    let (folder, found) = crate::office::collect::gather_inbox(store, lang)?;
    let (mut plans, mut refused) = (vec![], vec![]);
    for f in found {
        match f {
            crate::office::collect::Found::Planned(p) => plans.push(p),
            crate::office::collect::Found::Refused { why, .. } => refused.push(why),
            crate::office::collect::Found::Superseded { file, newer } => {
                let (file, newer) = (
                    crate::text::sanitize(&file, false),
                    crate::text::sanitize(&newer, false),
                );
                refused.push(fill(Msg::CollectSuperseded, lang, &[&file, &newer]));
            }
        }
    }
    Ok((folder, plans, refused))
}

/// What `M` would send: the sections' requests (with what was asked before and so left
/// out), or their reminders (with those held back as recent), as the CLI works them out.
fn prepare_asks(
    store: &Store,
    env: &Env,
    kind: crate::store::AskKind,
) -> crate::Result<super::app::PreparedAsks> {
    crate::office::asks::prepare(store, kind, env.today, None, false)
}

/// Whether a liaison may perform `effect`: reads, and replies for their own section on
/// a slip assigned to it.
/// Whether a liaison may have `effect` performed; a failed read of the slip is an
/// error, never "not your section".
fn liaison_may(store: &Store, env: &Env, effect: &Effect) -> crate::Result<bool> {
    let Some(mine) = &env.liaison else {
        return Ok(true);
    };
    Ok(match effect {
        // Reading a slip to reply to it: `detail` refuses a slip not assigned to them.
        Effect::OpenReply(_) | Effect::LoadReplyAids(_) => true,
        Effect::AddTemplate { section, .. } => section == mine,
        // The store refuses another section's template.
        Effect::RemoveTemplate { .. } => true,
        Effect::Reply { target, replies } => {
            replies.iter().all(|r| &r.section == mine)
                && store.slip(target.0)?.sections.contains(mine)
        }
        _ => false,
    })
}

/// One message for a change made to several slips.
fn report(lang: Lang, results: Vec<(i64, crate::Result<()>)>) -> Outcome {
    let ok = results.iter().filter(|(_, r)| r.is_ok()).count();
    let failed: Vec<(i64, String)> = results
        .into_iter()
        .filter_map(|(id, r)| r.err().map(|e| (id, e.screen_message(lang))))
        .collect();
    if failed.is_empty() {
        return Outcome::Done(fill(Msg::BulkDone, lang, &[&ok]));
    }
    if ok == 0 && failed.len() == 1 {
        return Outcome::Failed(failed[0].1.clone());
    }
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
        Outcome::Failed(msg)
    } else {
        Outcome::Done(msg)
    }
}

/// Every tab's count. A text search has to read the text, so one pass counts all tabs
/// at once; without one, each tab's count is an index range, quicker still.
pub(crate) fn count(store: &Store, env: &Env, req: &CountRequest) -> crate::Result<Outcome> {
    let counts = if req.all.text.is_some() {
        // Tabs that a reply's review state decides are counted on their own.
        let own = req
            .tabs
            .iter()
            .enumerate()
            .filter(|(_, f)| f.reply_state.is_some())
            .map(|(i, f)| Ok((i, store.count(f)?)))
            .collect::<crate::Result<Vec<(usize, u64)>>>()?;
        Counts::ByStatus(store.status_counts(&req.all, env.today)?, own)
    } else {
        Counts::PerTab(
            req.tabs
                .iter()
                .map(|f| store.count(f))
                .collect::<crate::Result<Vec<u64>>>()?,
        )
    };
    Ok(Outcome::Counts(counts))
}

/// The tab counts of a search, as [`Outcome::SearchCounts`].
pub(crate) fn search_counts(
    store: &Store,
    env: &Env,
    req: &super::app::SearchRequest,
) -> Option<Outcome> {
    match count(store, env, &req.counts) {
        Ok(Outcome::Counts(c)) => Some(Outcome::SearchCounts(req.generation, c)),
        Ok(_) => None,
        Err(e) => Some(Outcome::SearchFailed(
            req.generation,
            e.screen_message(env.lang),
        )),
    }
}

pub(crate) fn page(store: &Store, req: &PageRequest) -> crate::Result<Outcome> {
    let mut rows = store.list(&req.filter, req.order, req.limit, req.offset)?;
    if req.reverse {
        rows.reverse();
    }
    Ok(Outcome::Page(rows))
}

fn detail(store: &Store, env: &Env, id: i64) -> Outcome {
    match crate::office::detail::read(store, id, env.liaison.as_deref()) {
        Ok(d) => Outcome::Detail(Box::new(d)),
        Err(e) => Outcome::DetailFailed(e.screen_message(env.lang)),
    }
}

/// The summary's report; the first time, for the latest fiscal year that has slips.
fn summary(store: &Store, env: &Env, req: SummaryRequest) -> crate::Result<Vec<Outcome>> {
    let mut out = vec![];
    let mut fy = req.fiscal_year;
    if req.first
        && let Some(row) = store
            .list(&Default::default(), Order::NewestFirst, 1, 0)?
            .first()
    {
        let newest = crate::domain::date::fiscal_year(row.received_on);
        if newest < fy {
            fy = newest;
            out.push(Outcome::SummaryYear(fy));
        }
    }
    let period = req.per.period(fy);
    let report = crate::report::build(store, period, req.by, env.lang, env.today)?;
    out.push(Outcome::Summary(Box::new(report)));
    Ok(out)
}
