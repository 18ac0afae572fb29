//! The one harness every integration test starts `meyasu` through, as ripgrep's
//! `tests/util.rs` is for rg: a scratch folder with the database path in it, and the
//! real binary in a clean environment.
//!
//! Clean means: no `MEYASU_*` variable of whoever runs the tests (their `MEYASU_DB`,
//! `MEYASU_SECTION`, `MEYASU_SEED_DIR`, …) and no locale (`LANG`, `LC_ALL`,
//! `LC_MESSAGES`) reaches the child, and `MEYASU_CONFIG` is set empty, which the binary
//! reads as "no host-wide configuration", so `/etc/meyasu/config.toml` on a developer's
//! machine is never read either. (Not a path that does not exist: `Site::load` in
//! src/config.rs refuses a `MEYASU_CONFIG` it cannot read, exit 2; empty is its "none".)
//! A test then sets what it means to test (`MEYASU_TODAY`, `--lang`, …) on top.
//!
//! Each test file takes it with `mod common;`; not every file uses every helper.
#![allow(dead_code)]

pub mod office;

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtyPair, PtySize, native_pty_system};

/// The `meyasu` binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_meyasu");

/// The locale variables the binary picks its language from; the harness removes them so
/// the language is English unless a test asks (`--lang`, `LANG=…`).
pub const LOCALE: [&str; 3] = ["LANG", "LC_ALL", "LC_MESSAGES"];

/// The variable naming the host-wide configuration file; empty means none.
pub const CONFIG: &str = "MEYASU_CONFIG";

/// Whether the harness takes the variable `name` away from the child: every `MEYASU_*`
/// variable and the locale ones.
pub fn is_cleared(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b"MEYASU_") || LOCALE.iter().any(|l| name == OsStr::new(l))
}

/// A command whose environment the harness can change: the three kinds the tests start
/// `meyasu` with (`assert_cmd::Command` is made from a `std::process::Command`).
pub trait EnvCmd {
    /// Set `key` to `value` in the child's environment.
    fn set_var(&mut self, key: &OsStr, value: &OsStr);
    /// Take `key` out of the child's environment.
    fn remove_var(&mut self, key: &OsStr);
}

impl EnvCmd for std::process::Command {
    fn set_var(&mut self, key: &OsStr, value: &OsStr) {
        self.env(key, value);
    }
    fn remove_var(&mut self, key: &OsStr) {
        self.env_remove(key);
    }
}

impl EnvCmd for CommandBuilder {
    fn set_var(&mut self, key: &OsStr, value: &OsStr) {
        self.env(key, value);
    }
    fn remove_var(&mut self, key: &OsStr) {
        self.env_remove(key);
    }
}

/// Clean `cmd`'s environment, given the environment it would inherit (`vars`, in the
/// harness `std::env::vars_os()`): remove every `MEYASU_*` variable found there and the
/// locale variables, then set `MEYASU_CONFIG` empty (no host-wide configuration).
pub fn clean_env<C, K, V>(cmd: &mut C, vars: impl IntoIterator<Item = (K, V)>) -> &mut C
where
    C: EnvCmd,
    K: AsRef<OsStr>,
{
    for (name, _) in vars {
        if is_cleared(name.as_ref()) {
            cmd.remove_var(name.as_ref());
        }
    }
    for name in LOCALE {
        cmd.remove_var(OsStr::new(name));
    }
    cmd.set_var(OsStr::new(CONFIG), OsStr::new(""));
    cmd
}

/// `meyasu` as a `std::process::Command` (to spawn it, pipe it, or give it a terminal),
/// its environment this process's with the `MEYASU_*` and locale variables cleaned out.
pub fn std_meyasu() -> std::process::Command {
    std_meyasu_under(std::env::vars_os())
}

/// `meyasu` as [`std_meyasu`] makes it, but as if this process's environment were
/// `parent`: the child is given `parent`, then [`clean_env`] takes out what it must.
/// [`std_meyasu`] is this with the real environment; a test plants variables here.
pub fn std_meyasu_under<K, V>(parent: impl IntoIterator<Item = (K, V)>) -> std::process::Command
where
    K: AsRef<OsStr>,
    V: AsRef<OsStr>,
{
    let parent: Vec<(K, V)> = parent.into_iter().collect();
    let mut cmd = std::process::Command::new(BIN);
    cmd.env_clear()
        .envs(parent.iter().map(|(k, v)| (k.as_ref(), v.as_ref())));
    clean_env(&mut cmd, parent);
    cmd
}

/// `cmd` (a shell, say, that runs `meyasu` in turn) with its environment cleaned as
/// [`std_meyasu`]'s, so what it starts inherits none of this process's `MEYASU_*` or
/// locale variables either.
pub fn clean(mut cmd: std::process::Command) -> std::process::Command {
    clean_env(&mut cmd, std::env::vars_os());
    cmd
}

/// `meyasu` as an `assert_cmd::Command`, its environment cleaned as [`std_meyasu`]'s.
pub fn meyasu() -> assert_cmd::Command {
    assert_cmd::Command::from_std(std_meyasu())
}

/// `meyasu` for a pseudo-terminal (`portable_pty`), its environment cleaned as
/// [`std_meyasu`]'s. `CommandBuilder::new` copies this process's environment, so the
/// same variables are taken out of it.
pub fn pty_meyasu() -> CommandBuilder {
    let mut cmd = CommandBuilder::new(BIN);
    clean_env(&mut cmd, std::env::vars_os());
    cmd
}

/// A scratch folder for one test, removed when dropped, and the database path in it
/// (`m.db`, not created until a command does).
pub struct Dir {
    /// The folder.
    pub dir: tempfile::TempDir,
    /// `m.db` in it.
    pub db: PathBuf,
}

/// [`Dir::new`].
impl Default for Dir {
    fn default() -> Dir {
        Dir::new()
    }
}

impl Dir {
    /// A new empty folder.
    pub fn new() -> Dir {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        Dir { dir, db }
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `name` in the folder.
    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The database path (`m.db` in the folder).
    pub fn db(&self) -> &Path {
        &self.db
    }

    /// [`meyasu`] on this folder's database (`MEYASU_DB`), nothing else set.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = meyasu();
        c.env("MEYASU_DB", &self.db);
        c
    }

    /// [`std_meyasu`] on this folder's database (`MEYASU_DB`), nothing else set.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std_meyasu();
        c.env("MEYASU_DB", &self.db);
        c
    }
}

/// How long [`Screen::wait_for`] waits for its text before failing the test.
pub const SCREEN_TIMEOUT: Duration = Duration::from_secs(10);

/// What a program in a pseudo-terminal drew: its output, as a vt100 terminal shows it
/// and as the bytes it wrote, kept up to date by a reader thread.
pub struct Screen {
    /// The terminal the output was played into.
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, in order.
    pub raw: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    /// A blank `rows`×`cols` screen with nothing written yet.
    pub fn new(rows: u16, cols: u16) -> Screen {
        Screen {
            parser: Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0))),
            raw: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// Feed what `reader` gives, until it ends, into this screen, on a thread of its own.
    pub fn follow(&self, mut reader: Box<dyn Read + Send>) {
        let (parser, raw) = (self.parser.clone(), self.raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                parser.lock().unwrap().process(&buf[..n]);
                raw.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
    }

    /// The text on the screen now, row by row.
    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything written from byte `from` on, as text (invalid UTF-8 replaced).
    pub fn raw_since(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()[from..]).into_owned()
    }

    /// How many bytes were written so far (a mark for [`Screen::raw_since`]).
    pub fn raw_len(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// Wait until `needle` is on the screen; after [`SCREEN_TIMEOUT`], fail the test
    /// naming it and showing the screen.
    pub fn wait_for(&self, needle: &str) {
        self.wait_until(&format!("{needle:?} on the screen"), |s| s.contains(needle));
    }

    /// Wait until `done` holds for the screen's text; after [`SCREEN_TIMEOUT`], fail the
    /// test with `what` and the screen.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let text = self.text();
            if done(&text) {
                return;
            }
            if start.elapsed() > SCREEN_TIMEOUT {
                panic!("waited {SCREEN_TIMEOUT:?} for {what}; the screen:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A program started in a pseudo-terminal: the child, its screen, and the terminal (the
/// master to type into; the slave still open, for `stty` and such).
pub type Running = (Box<dyn Child + Send + Sync>, Screen, PtyPair);

/// Start `cmd` in a new `rows`×`cols` pseudo-terminal, following its output on a
/// [`Screen`].
pub fn spawn_in_pty(cmd: CommandBuilder, rows: u16, cols: u16) -> Running {
    let size = PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system().openpty(size).unwrap();
    let child = pair.slave.spawn_command(cmd).unwrap();
    let screen = Screen::new(rows, cols);
    screen.follow(pair.master.try_clone_reader().unwrap());
    (child, screen, pair)
}
