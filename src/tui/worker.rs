//! The searches typed in the inbox run here, off the UI thread, on a second connection
//! to the same file (WAL lets it read while the first one writes), the way gitui runs
//! its slow git work in `asyncgit`: the UI sends a request and goes on drawing; the
//! first page and then the tab counts come back on a channel and are drawn when they
//! come. A newer request interrupts an older one still reading (`sqlite3_interrupt`), so
//! typing fast never queues work up, and results of an older request are dropped.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use super::app::{Outcome, SearchRequest};
use super::runner::{Env, page, search_counts};
use crate::store::Store;

/// The search thread and its two channels.
pub struct Worker {
    jobs: Option<Sender<SearchRequest>>,
    results: Receiver<Outcome>,
    interrupt: crate::store::Interrupt,
    latest: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Start the thread on its own read-only connection to `path`.
    pub fn start(path: &Path, env: Env) -> crate::Result<Worker> {
        let store = Store::open_reader(path)?;
        let interrupt = store.interrupt_handle();
        let latest = Arc::new(AtomicU64::new(0));
        let (jobs, inbox) = channel::<SearchRequest>();
        let (outbox, results) = channel();
        let seen = latest.clone();
        let thread = std::thread::Builder::new()
            .name("meyasu-search".into())
            .spawn(move || serve(&store, &env, &inbox, &outbox, &seen))
            .map_err(|e| crate::error::Error::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
                hint: None,
            })?;
        Ok(Worker {
            jobs: Some(jobs),
            results,
            interrupt,
            latest,
            thread: Some(thread),
        })
    }

    /// Search this instead of whatever is being searched now.
    pub fn send(&self, req: SearchRequest) {
        self.latest.store(req.generation, Ordering::SeqCst);
        self.interrupt.interrupt();
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(req);
        }
    }

    /// A result that has come, if any (never waits).
    pub fn try_recv(&self) -> Option<Outcome> {
        self.results.try_recv().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop; a query still running is stopped.
        self.jobs = None;
        self.interrupt.interrupt();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(
    store: &Store,
    env: &Env,
    inbox: &Receiver<SearchRequest>,
    outbox: &Sender<Outcome>,
    latest: &AtomicU64,
) {
    while let Ok(mut req) = inbox.recv() {
        // Only the newest request matters.
        while let Ok(newer) = inbox.try_recv() {
            req = newer;
        }
        let generation = req.generation;
        // A panic here stays here: the UI is told, stops counting, and the thread goes on
        // serving the next request (the panic hook leaves the terminal alone off the UI
        // thread).
        let served = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            answer(store, env, &req, outbox, latest)
        }));
        match served {
            Ok(Ok(())) => {}
            Ok(Err(())) => return,
            Err(panic) => {
                let why = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let msg = format!("{} {why}", crate::i18n::Msg::SearchBroke.text(env.lang));
                if outbox.send(Outcome::SearchFailed(generation, msg)).is_err() {
                    return;
                }
            }
        }
    }
}

/// Answer one request: its first page, then its tab counts, each only while it is still
/// the newest. `Err` when the UI has gone.
fn answer(
    store: &Store,
    env: &Env,
    req: &SearchRequest,
    outbox: &Sender<Outcome>,
    latest: &AtomicU64,
) -> Result<(), ()> {
    let stale = || latest.load(Ordering::SeqCst) != req.generation;
    if stale() {
        return Ok(());
    }
    #[cfg(feature = "dev")]
    if std::env::var_os("MEYASU_TEST_SEARCH_PANIC").is_some() {
        panic!("MEYASU_TEST_SEARCH_PANIC: the search thread panics, as asked");
    }
    let first = match page(store, &req.page) {
        Ok(Outcome::Page(rows)) => Outcome::SearchPage(req.generation, rows),
        Ok(other) => other,
        Err(e) => Outcome::SearchFailed(req.generation, e.screen_message(env.lang)),
    };
    let failed = matches!(first, Outcome::SearchFailed(..));
    if stale() {
        return Ok(());
    }
    outbox.send(first).map_err(|_| ())?;
    if failed {
        return Ok(());
    }
    match search_counts(store, env, req) {
        Some(counts) if !stale() => outbox.send(counts).map_err(|_| ()),
        _ => Ok(()),
    }
}
