//! Requests and reminders mailed from the TUI go out here, off the UI thread, on a connection of their
//! own: a relay may take its whole `mail_timeout` per section, and the screen keeps
//! drawing meanwhile (a progress line; Esc stops after the section being sent). Each
//! section is recorded as reminded only once its mail went out.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::thread::JoinHandle;

use super::app::{Outcome, Outgoing};
use crate::i18n::{Lang, Msg, fill};
use crate::io::mail;
use crate::store::Store;

/// The thread sending one batch of reminders, and what it reports.
pub struct Courier {
    reports: Receiver<Outcome>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Courier {
    /// Start mailing `asks` on a new connection to `path`, as `actor`.
    pub fn start(path: &Path, actor: &str, out: Outgoing, lang: Lang) -> crate::Result<Courier> {
        let mut store = Store::open(path, &crate::config::Seed::embedded())?;
        store.set_actor(actor);
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, reports) = channel();
        let asked = stop.clone();
        let thread = std::thread::Builder::new()
            .name("meyasu-mail".into())
            .spawn(move || {
                let progress_tx = tx.clone();
                let outcomes = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    send_all(
                        &mut store,
                        &out,
                        lang,
                        &|| asked.load(Ordering::SeqCst),
                        &mut |line| {
                            let _ = progress_tx.send(Outcome::MailProgress(line));
                        },
                    )
                }))
                .unwrap_or_else(|_| {
                    vec![
                        Outcome::Failed(Msg::MailBroke.text(lang).to_string()),
                        Outcome::Changed,
                    ]
                });
                for o in outcomes {
                    let _ = tx.send(o);
                }
            })
            .map_err(|e| crate::error::Error::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
                hint: None,
            })?;
        Ok(Courier {
            reports,
            stop,
            thread: Some(thread),
        })
    }

    /// Send no more sections after the one going out now.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// A report that has come, if any (never waits). The last one is `Outcome::Changed`.
    pub fn try_recv(&self) -> Option<Outcome> {
        self.reports.try_recv().ok()
    }
}

impl Drop for Courier {
    fn drop(&mut self) {
        // Quitting while mail goes out: finish the section being sent (so what was
        // sent is recorded), send no more.
        self.stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Mail `asks` one section at a time, telling `progress` which is going out and asking
/// `stop` before each; then what became of them (`Done` or `Failed`, then `Changed`).
pub fn send_all(
    store: &mut Store,
    out: &Outgoing,
    lang: Lang,
    stop: &dyn Fn() -> bool,
    progress: &mut dyn FnMut(String),
) -> Vec<Outcome> {
    let how = mail::Delivery {
        dry_run: None,
        seen: out.seen,
    };
    let mut said = vec![];
    let sheets = if out.sheets {
        crate::office::asks::Sheets::MakeEach
    } else {
        crate::office::asks::Sheets::None
    };
    let result = crate::office::asks::send(
        store,
        out.kind,
        &out.asks,
        &how,
        sheets,
        lang,
        crate::office::asks::Progress {
            stop,
            sending: &mut |i, n, name| progress(fill(Msg::MailSending, lang, &[&i, &n, &name])),
            said: &mut |l| said.push(l),
        },
    );
    let failure = result.err().map(|e| e.screen_message(lang));
    let told = said.join(" ");
    let last = match failure {
        None => Outcome::Done(told),
        Some(msg) if told.is_empty() => Outcome::Failed(msg),
        Some(msg) => Outcome::Failed(format!("{told} {msg}")),
    };
    vec![last, Outcome::Changed]
}
