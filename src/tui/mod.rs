//! The terminal UI: inbox, entry form, triage, detail, liaison mode.
//!
//! The loop is synchronous: draw → read one event → keys go to [`app::App::handle_key`]
//! → the returned [`app::Effect`] is performed against the store by
//! [`runner::perform`] → draw again. The terminal is restored on every exit path,
//! panics included.

pub mod app;
pub mod courier;
pub mod keymap;
pub mod runner;
#[cfg(feature = "dev")]
pub mod scenes;
#[cfg(feature = "dev")]
pub mod svg;
pub mod theme;
pub mod views;
pub mod watch;
pub mod worker;

use std::io::{Stdout, stdout};

use anyhow::Context;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::i18n;
use app::{App, Effect, Outcome};

/// Restores the terminal when dropped, so every return path (and unwinding) leaves it usable.
struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    fn enter(mouse: bool) -> anyhow::Result<TerminalGuard> {
        use std::io::IsTerminal;
        // `ssh host meyasu` without -t has no terminal: say what to do, in the UI's
        // language, rather than "cannot switch the terminal to raw mode".
        if !std::io::stdin().is_terminal() && std::fs::File::open("/dev/tty").is_err() {
            anyhow::bail!(i18n::tr(i18n::Msg::NeedTerminal));
        }
        enable_raw_mode().context(i18n::tr(i18n::Msg::NeedTerminal))?;
        let guard = TerminalGuard { mouse };
        execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        if mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        Ok(guard)
    }
}

/// Put the terminal back as it was: cooked mode, main screen, no paste or mouse capture.
pub fn restore_terminal(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal(self.mouse);
    }
}

/// What the TUI is opened with (built by the binary from its arguments).
#[derive(Clone, Debug, Default)]
pub struct TuiOptions {
    /// The database (`--db`), else `MEYASU_DB`, else the default path.
    pub db: Option<std::path::PathBuf>,
    /// Liaison mode: the section (code or name) whose slips alone are shown.
    pub section: Option<String>,
    /// Let the mouse scroll (off by default so the terminal's own copy works).
    pub mouse: bool,
}

/// Build the app for `store`: the language, today, the catalogue, the settings and, in
/// liaison mode, the section (an unknown one is refused before the screen changes).
fn new_app(opts: &TuiOptions, store: &crate::store::Store) -> anyhow::Result<App> {
    let liaison = match &opts.section {
        Some(s) => Some(store.resolve_section(s, false)?),
        None => None,
    };
    Ok(App::new(
        i18n::lang(),
        store.clock().today(),
        store.catalog().clone(),
        store.settings()?,
        liaison,
    ))
}

/// Follow other people's commits and the day. When another connection has committed
/// (`data_version` moved), the sections and settings are read again first (an address,
/// an active flag or the reply period a colleague changed), then the page and the open
/// slip; left open past midnight, meyasu dates replies and counts overdue slips for the
/// new day. Returns whether anything changed on screen.
pub fn follow_others(
    store: &mut crate::store::Store,
    app: &mut App,
    seen_version: &mut Option<i64>,
) -> bool {
    let now = store.data_version().ok();
    let changed = now != *seen_version;
    *seen_version = now;
    if changed {
        refresh_shared(store, app);
    }
    let effect = match app.new_day(store.clock().today()) {
        Effect::None if changed => app.changed_elsewhere(),
        effect => effect,
    };
    if effect == Effect::None {
        return changed;
    }
    runner::perform(store, app, effect);
    true
}

/// The catalogue and settings the app shows and decides with, read again from the
/// database (a read that fails keeps what the app had).
fn refresh_shared(store: &mut crate::store::Store, app: &mut App) {
    if store.refresh_catalog().is_ok() {
        app.catalog = store.catalog().clone();
    }
    if let Ok(settings) = store.settings() {
        app.settings = settings;
    }
}

/// Open the TUI.
pub fn run(opts: &TuiOptions) -> anyhow::Result<()> {
    let mut store = crate::store::Store::open_default(opts.db.as_deref())?;
    let mut app = new_app(opts, &store)?;
    // A liaison's replies wait for the team's review when the office has it on.
    store.set_liaison(app.liaison.clone());
    let mouse = opts.mouse;
    let default_hook = std::panic::take_hook();
    let ui_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        // Only the UI thread's panic ends the UI. Another thread's (the search) is
        // caught there and shown on the message line; restoring the terminal or
        // printing under the live screen would break it.
        if std::thread::current().id() == ui_thread {
            restore_terminal(mouse);
            default_hook(info);
        }
    }));
    let _guard = TerminalGuard::enter(mouse)?;
    // A lost terminal or SIGTERM/SIGHUP ends meyasu even while crossterm spins.
    watch::start(mouse);
    // Clear with a plain escape sequence: ratatui's `clear` asks the terminal for the
    // cursor position, and a terminal that never answers would stop meyasu from starting.
    execute!(
        stdout(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let result = event_loop(&mut terminal, &mut store, &mut app, mouse);
    if result.is_err() {
        // A read that failed because the terminal went away ends as the watcher does.
        watch::end_if_lost();
    }
    result
}

/// Take what the courier reports (progress, then what became of the mail); it is done
/// once it reports `Changed`. Whether anything came (the screen is to be drawn).
fn courier_reports(
    courier: &mut Option<courier::Courier>,
    store: &mut crate::store::Store,
    app: &mut App,
) -> bool {
    let Some(c) = courier.as_ref() else {
        return false;
    };
    let (mut came, mut finished) = (false, false);
    while let Some(outcome) = c.try_recv() {
        finished |= matches!(outcome, Outcome::Changed);
        runner::take(store, app, outcome);
        came = true;
    }
    if finished {
        *courier = None;
    }
    came
}

/// Hand mail to the courier thread (or stop it): `None` when it took the effect, else
/// the effect for the runner (mail sent here when the file cannot be opened twice).
fn to_courier(
    courier: &mut Option<courier::Courier>,
    store: &crate::store::Store,
    app: &App,
    effect: Effect,
) -> Option<Effect> {
    match effect {
        Effect::StopMail => {
            if let Some(c) = courier.as_ref() {
                c.stop();
            }
            None
        }
        Effect::SendAsks(out) if courier.is_none() => {
            match courier::Courier::start(store.path(), store.actor(), (*out).clone(), app.lang) {
                Ok(c) => {
                    *courier = Some(c);
                    None
                }
                Err(_) => Some(Effect::SendAsks(out)),
            }
        }
        effect => Some(effect),
    }
}

/// Ctrl-Z: give the terminal back, stop until the shell's `fg`, then take it again and
/// draw everything anew.
#[cfg(unix)]
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>, mouse: bool) -> anyhow::Result<()> {
    restore_terminal(mouse);
    // SAFETY: raise only sends a signal to this process; SIGTSTP's default action stops
    // it until SIGCONT, and no Rust state is touched by the signal.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    terminal.clear()?;
    Ok(())
}

/// Ctrl-Z does nothing where there is no job control.
#[cfg(not(unix))]
fn suspend(_terminal: &mut Terminal<CrosstermBackend<Stdout>>, _mouse: bool) -> anyhow::Result<()> {
    Ok(())
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    store: &mut crate::store::Store,
    app: &mut App,
    mouse: bool,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let first = app.load_list();
    runner::perform(store, app, first);
    // For the test that the terminal comes back after a panic (tests/pty.rs); only in a
    // build with the `dev` feature, never in the release binary.
    let panic_for_test = cfg!(feature = "dev") && std::env::var_os("MEYASU_TEST_PANIC").is_some();
    let mut side = Sides::start(store, app);
    loop {
        terminal.draw(|f| views::draw(f, app))?;
        if panic_for_test {
            panic!("MEYASU_TEST_PANIC: panicking after the first frame, as asked");
        }
        if side.wait(store, app)? {
            continue;
        }
        drop(side.busy.take());
        let event = event::read();
        side.busy = Some(watch::busy());
        let effect = effect_of(event?, app);
        if effect == Effect::Suspend {
            suspend(terminal, mouse)?;
            continue;
        }
        if let (Effect::Search(req), Some(w)) = (&effect, &side.worker) {
            w.send((**req).clone());
            continue;
        }
        let Some(effect) = to_courier(&mut side.courier, store, app, effect) else {
            continue;
        };
        if runner::perform(store, app, effect) {
            return Ok(());
        }
    }
}

/// What runs beside the screen: the search thread, the mail courier, the watch on other
/// people's commits, and the busy mark the stop signals wait on.
struct Sides {
    /// Searches as they are typed run off this thread; without a second connection (a
    /// file that cannot be opened twice) they run here, as everything else does.
    worker: Option<worker::Worker>,
    /// Reminders being mailed, off this thread (see `courier`).
    courier: Option<courier::Courier>,
    /// Other people's commits (a colleague, a liaison, the CLI) are followed within
    /// about a second: `data_version` changes only for them.
    seen_version: Option<i64>,
    version_checked: std::time::Instant,
    /// Held while working; let go only while waiting for input (see `watch`).
    busy: Option<watch::Busy>,
}

impl Sides {
    fn start(store: &crate::store::Store, app: &App) -> Sides {
        Sides {
            worker: worker::Worker::start(store.path(), runner::Env::of(app)).ok(),
            courier: None,
            seen_version: store.data_version().ok(),
            version_checked: std::time::Instant::now(),
            busy: Some(watch::busy()),
        }
    }

    /// Wait for a key, a search result, mail news or others' commits: a little at a
    /// time, and only a few milliseconds while a search is out, so its result is drawn
    /// at once. True when something came that needs a redraw; false when input waits.
    fn wait(&mut self, store: &mut crate::store::Store, app: &mut App) -> anyhow::Result<bool> {
        loop {
            let mut redraw = false;
            if let Some(w) = &self.worker {
                while let Some(outcome) = w.try_recv() {
                    runner::take(store, app, outcome);
                    redraw = true;
                }
            }
            redraw |= courier_reports(&mut self.courier, store, app);
            if self.version_checked.elapsed() >= std::time::Duration::from_secs(1) {
                self.version_checked = std::time::Instant::now();
                redraw |= follow_others(store, app, &mut self.seen_version);
            }
            if redraw {
                return Ok(true);
            }
            let wait = if app.live.counting {
                4
            } else if self.courier.is_some() {
                50
            } else {
                200
            };
            drop(self.busy.take());
            let ready = event::poll(std::time::Duration::from_millis(wait));
            self.busy = Some(watch::busy());
            if ready? {
                return Ok(false);
            }
        }
    }
}

/// What a terminal event asks of the app (a key pressed, a paste, a resize, the wheel).
fn effect_of(event: Event, app: &mut App) -> Effect {
    match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => app.handle_key(k),
        Event::Paste(s) => app.paste(&s),
        Event::Resize(w, h) => app.resize(w, h),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => app.update(keymap::Action::Down),
            MouseEventKind::ScrollUp => app.update(keymap::Action::Up),
            _ => Effect::None,
        },
        _ => Effect::None,
    }
}
