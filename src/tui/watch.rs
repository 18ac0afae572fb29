//! Ending meyasu when its terminal goes away or it is told to stop, from outside the
//! input loop.
//!
//! crossterm 0.29's Unix event source re-reads a hung-up terminal forever (`read` gives
//! 0 or `EIO` and it tries again), so `event::poll` never returns, timeout or not, and a
//! flag the loop would check is never read (crossterm issue #793, fixed by PR #1067,
//! not yet released). So two small threads watch instead: one polls the terminal for
//! `POLLHUP`/`POLLERR`/`POLLNVAL` (an SSH link dropped, a window closed), one waits for
//! SIGTERM and SIGHUP. Either ends the process the way Ctrl-C twice does: the terminal
//! is given back where it still exists, text not yet saved is dropped, nothing is half
//! written. The UI thread holds [`Busy`] while it works (draws, performs an effect) and
//! lets go while it waits for a key, so the watcher ends the process between two
//! store transactions; should the UI be stuck in a long piece of work, it waits
//! [`GRACE`] and ends it anyway, which SQLite's journal makes safe.
//!
//! Keep this until crossterm ships the fix; then the loop's own checks are enough.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Held by the UI thread while it is not waiting for input.
static BUSY: Mutex<()> = Mutex::new(());

/// Whether the mouse was captured (so the watcher undoes that too).
static MOUSE: AtomicBool = AtomicBool::new(false);

/// The terminal watched (-1: none), found once at start: a hung-up terminal may no
/// longer pass `isatty`.
static TTY: AtomicI32 = AtomicI32::new(-1);

/// How long the watcher waits for the UI thread to finish what it is doing.
pub const GRACE: Duration = Duration::from_secs(3);

/// The exit status after the terminal went away (as a shell reports SIGHUP: 128 + 1).
pub const EXIT_HANGUP: i32 = 129;

/// Proof that the UI thread is working; the watcher does not end the process meanwhile.
pub struct Busy(#[allow(dead_code)] MutexGuard<'static, ()>);

/// Mark the UI thread as working until the returned guard is dropped.
pub fn busy() -> Busy {
    Busy(BUSY.lock().unwrap_or_else(|e| e.into_inner()))
}

/// Start watching the terminal and the stop signals (once, when the TUI opens).
pub fn start(mouse: bool) {
    MOUSE.store(mouse, Ordering::SeqCst);
    #[cfg(unix)]
    unix::start();
}

/// If the terminal has gone away (for the UI thread, whose read failed): end as the
/// watcher would, so a lost terminal always ends with [`EXIT_HANGUP`], whichever
/// thread saw it first. Returns when the terminal is still there.
pub fn end_if_lost() {
    #[cfg(unix)]
    if let fd @ 0.. = TTY.load(Ordering::SeqCst)
        && unix::hung_up(fd)
    {
        // The UI thread holds `BUSY` no longer once it is here.
        end(EXIT_HANGUP);
    }
}

/// Give the terminal back (where it can still be reached) and end the process with
/// `code`, after the UI thread has finished its current piece of work.
fn end(code: i32) -> ! {
    let start = Instant::now();
    let _held = loop {
        match BUSY.try_lock() {
            Ok(g) => break Some(g),
            Err(std::sync::TryLockError::Poisoned(e)) => break Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) if start.elapsed() < GRACE => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::sync::TryLockError::WouldBlock) => break None,
        }
    };
    // A terminal that stopped reading could block the restoring writes: give them a
    // moment on their own thread and go regardless.
    let (done, wait) = std::sync::mpsc::channel();
    let mouse = MOUSE.load(Ordering::SeqCst);
    std::thread::spawn(move || {
        super::restore_terminal(mouse);
        let _ = done.send(());
    });
    let _ = wait.recv_timeout(Duration::from_millis(500));
    std::process::exit(code);
}

#[cfg(unix)]
mod unix {
    use std::os::fd::RawFd;

    use signal_hook::consts::{SIGHUP, SIGTERM};

    pub(super) fn start() {
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) {
            let _ = std::thread::Builder::new()
                .name("meyasu-signals".into())
                .spawn(move || {
                    if let Some(sig) = signals.forever().next() {
                        super::end(128 + sig);
                    }
                });
        }
        if let Some(fd) = tty_fd() {
            super::TTY.store(fd, std::sync::atomic::Ordering::SeqCst);
            let _ = std::thread::Builder::new()
                .name("meyasu-tty".into())
                .spawn(move || {
                    wait_for_hangup(fd);
                    super::end(super::EXIT_HANGUP);
                });
        }
    }

    /// The terminal crossterm reads: standard input when it is one, else `/dev/tty`
    /// (opened here and kept open for the life of the process).
    fn tty_fd() -> Option<RawFd> {
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return Some(libc::STDIN_FILENO);
        }
        let tty = std::fs::File::open("/dev/tty").ok()?;
        Some(std::os::fd::IntoRawFd::into_raw_fd(tty))
    }

    /// Whether `fd` reports a hang-up or an error now.
    pub(super) fn hung_up(fd: RawFd) -> bool {
        let mut p = libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        };
        // SAFETY: one valid pollfd, for the length given.
        let n = unsafe { libc::poll(&mut p, 1, 0) };
        n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }

    /// Block until `fd` reports a hang-up or an error. No events are asked for, so
    /// poll wakes only for the three it always reports; a wake-up without them (a
    /// signal) polls again.
    fn wait_for_hangup(fd: RawFd) {
        loop {
            let mut p = libc::pollfd {
                fd,
                events: 0,
                revents: 0,
            };
            // SAFETY: one valid pollfd, for the length given.
            let n = unsafe { libc::poll(&mut p, 1, 1000) };
            if n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                return;
            }
        }
    }
}
