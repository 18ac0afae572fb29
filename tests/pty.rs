//! The real binary in a pseudo-terminal: type a Japanese slip, save it, quit, then
//! check the database and that the terminal was given back in cooked mode; and the
//! same after a panic.

mod common;

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::{Running, Screen};
use portable_pty::{Child, CommandBuilder, ExitStatus, PtyPair};

/// Start meyasu in a new 100×30 pseudo-terminal, in the harness's clean environment
/// with `TERM` and `env` on top, reading its output into a vt100 screen.
fn start(env: &[(&str, &OsStr)]) -> Running {
    let mut cmd = common::pty_meyasu();
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    common::spawn_in_pty(cmd, 30, 100)
}

/// Wait for the child to exit (20 s at most).
fn wait_exit(child: &mut Box<dyn Child + Send + Sync>) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            // Deliberate: the reader thread may still be taking the last bytes meyasu
            // wrote. No end of file says when it is done (the slave end stays open here
            // for `stty`), so give it a moment.
            std::thread::sleep(Duration::from_millis(200));
            return s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "meyasu did not exit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Check the terminal was handed back: main screen, no bracketed paste, cursor shown,
/// and cooked mode (`stty -a` run on the same terminal says icanon and echo).
fn assert_restored(pair: &PtyPair, screen: &Screen) {
    {
        let p = screen.parser.lock().unwrap();
        assert!(!p.screen().alternate_screen(), "left the alternate screen");
        assert!(!p.screen().bracketed_paste(), "bracketed paste turned off");
        assert!(!p.screen().hide_cursor(), "cursor shown again");
    }
    let before = screen.raw_len();
    let mut stty = CommandBuilder::new("stty");
    stty.arg("-a");
    pair.slave.spawn_command(stty).unwrap().wait().unwrap();
    // The local modes line (`isig icanon iexten echo …`, each `-` when off), whole.
    let modes = || -> Option<Vec<String>> {
        let out = screen.raw_since(before);
        let line = out
            .split_inclusive('\n')
            .find(|l| l.ends_with('\n') && l.split_whitespace().any(|w| w.ends_with("icanon")))?;
        Some(line.split_whitespace().map(str::to_string).collect())
    };
    let start = Instant::now();
    let words = loop {
        if let Some(words) = modes() {
            break words;
        }
        assert!(
            start.elapsed() < common::SCREEN_TIMEOUT,
            "no `stty -a` modes line: {:?}",
            screen.raw_since(before)
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        words.iter().any(|w| w == "icanon") && words.iter().any(|w| w == "echo"),
        "terminal left in raw mode: {words:?}"
    );
}

#[test]
fn type_a_japanese_slip_save_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TODAY", OsStr::new("2024-02-10")),
        ("MEYASU_USER", OsStr::new("sato")),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
    ]);
    let mut send = typer(&pair);
    screen.wait_for("未処理 0");
    assert!(
        screen.parser.lock().unwrap().screen().alternate_screen(),
        "the TUI runs on the alternate screen"
    );
    send(b"n");
    screen.wait_for("投書の入力");
    send(b"2"); // floor: 2階
    send(b"4"); // kind: お礼
    send("窓口の方が親切でした。ありがとう😊".as_bytes());
    screen.wait_for("ありがとう😊");
    // The real cursor sits right after the text, counted in cells.
    let (row, col) = screen.parser.lock().unwrap().screen().cursor_position();
    let line = screen
        .text()
        .lines()
        .nth(row as usize)
        .unwrap_or("")
        .to_string();
    assert!(line.contains("ありがとう😊"), "cursor row {row}: {line:?}");
    assert_eq!(
        col,
        1 + 34,
        "cursor column after 17 wide characters: {line:?}"
    );
    send(b"\x13"); // Ctrl-S: save and next
    screen.wait_for("受付番号 1 で登録しました");
    send(b"\x1b"); // Esc: back to the inbox
    screen.wait_for("未処理 1");
    send(b"q");

    let status = wait_exit(&mut child);
    assert!(status.success(), "{status:?}");
    let raw = String::from_utf8_lossy(&screen.raw.lock().unwrap()).to_string();
    assert!(
        raw.contains("\u{1b}[?1049l"),
        "leave-alternate-screen sequence sent"
    );
    assert!(
        !raw.contains("\u{1b}[?1000h"),
        "mouse capture stays off by default"
    );
    assert_restored(&pair, &screen);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (body, floor, kind, status): (String, String, String, String) = conn
        .query_row(
            "SELECT body, floor, kind, status FROM slip WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(body, "窓口の方が親切でした。ありがとう😊");
    assert_eq!(
        (floor.as_str(), kind.as_str(), status.as_str()),
        ("2F", "thanks", "new")
    );
    let actor: String = conn
        .query_row("SELECT actor FROM event WHERE slip_id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(actor, "sato");
}

#[test]
fn a_panic_still_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TEST_PANIC", OsStr::new("1")),
        ("LANG", OsStr::new("en_US.UTF-8")),
    ]);
    let status = wait_exit(&mut child);
    assert!(!status.success(), "a panic is a failure exit");
    assert!(
        screen.text().contains("MEYASU_TEST_PANIC"),
        "{}",
        screen.text()
    );
    assert_restored(&pair, &screen);
}

fn cli(db: &std::path::Path, args: &[&str]) {
    let out = common::std_meyasu()
        .env("MEYASU_DB", db)
        .env("MEYASU_TODAY", "2024-03-20")
        .env("MEYASU_USER", "cli-user")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Type into the terminal as a person does: each call one write, then a pause.
/// Deliberate: the pause keeps separate calls separate keystrokes (one read each, not a
/// burst that looks like a paste), and gives the key time to act before the next; what
/// a test then expects on the screen it waits for with [`Screen::wait_for`].
fn typer(pair: &PtyPair) -> impl FnMut(&[u8]) {
    let mut w = pair.master.take_writer().unwrap();
    move |bytes: &[u8]| {
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }
}

#[test]
fn a_second_editor_gets_a_conflict_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    cli(&db, &["demo"]);
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TODAY", OsStr::new("2024-03-20")),
        ("MEYASU_USER", OsStr::new("tui-user")),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
    ]);
    let mut send = typer(&pair);
    screen.wait_for("依頼中 6");
    send(b"2"); // 依頼中: slip 73 first
    send(b"\r");
    screen.wait_for("投書 73");
    // Meanwhile someone else replies from the shell.
    cli(
        &db,
        &["reply", "73", "doro", "--text", "白線を引き直しました。"],
    );
    send(b"r");
    screen.wait_for("回答の入力");
    send("来週確認します。".as_bytes());
    send(b"\x13"); // Ctrl-S: refused, the slip changed meanwhile
    screen.wait_for("他の人が先に変更しました");
    screen.wait_for("状況 回答済"); // the screen behind now shows their change
    send(b"\x13"); // saving again is a deliberate choice
    screen.wait_for("回答を登録しました");
    send(b"\x1b");
    send(b"q");
    assert!(wait_exit(&mut child).success());
    assert_restored(&pair, &screen);
    let c = rusqlite::Connection::open(&db).unwrap();
    let reply: String = c
        .query_row(
            "SELECT text FROM reply WHERE slip_id = 73 AND section = 'doro'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reply, "来週確認します。");
    // The first reply is not lost: the audit log holds it as the old value.
    let (old, actor): (String, String) = c
        .query_row(
            "SELECT old, actor FROM event WHERE slip_id = 73 AND action = 'replied' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (old.as_str(), actor.as_str()),
        ("白線を引き直しました。", "tui-user")
    );
}

#[test]
fn escape_sequences_in_a_slip_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let evil =
        "こんにちは\u{1b}]52;c;SGVsbG8=\u{7}\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}逆さ";
    cli(
        &db,
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "その他",
            "--date",
            "2024-03-19",
            evil,
        ],
    );
    // meyasu takes control characters out on input now; a database written before (or by
    // another program) may still hold them, and the screen must still be safe.
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute("UPDATE slip SET body = ?1", [evil]).unwrap();
    drop(c);
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TODAY", OsStr::new("2024-03-20")),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
    ]);
    let mut send = typer(&pair);
    screen.wait_for("こんにちは␛]52;c;SGVsbG8=");
    send(b"\r");
    screen.wait_for("␛[2J␛]0;pwned␇⍰31m⍰逆さ");
    send(b"\x1b");
    send(b"q");
    assert!(wait_exit(&mut child).success());
    let raw = String::from_utf8_lossy(&screen.raw.lock().unwrap()).to_string();
    for bad in ["\u{1b}]52", "\u{1b}]0;pwned", "\u{202e}", "\u{9b}"] {
        assert!(!raw.contains(bad), "{bad:?} reached the terminal");
    }
    assert_restored(&pair, &screen);
}

/// Colour-setting SGR codes in what meyasu wrote: foreground/background 30–37, 40–47,
/// 90–97, 100–107, and 38;…/48;… (resets such as 39 and 49 are not colours).
fn colour_codes(raw: &[u8]) -> usize {
    let re = regex::bytes::Regex::new(
        r"\x1b\[(?:[0-9]*;)*(?:3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)(?:;[0-9;]*)?m",
    )
    .unwrap();
    re.find_iter(raw).count()
}

#[test]
fn no_color_means_no_colour() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let st = common::std_meyasu()
        .args(["--db", db.to_str().unwrap(), "demo"])
        .env("MEYASU_TODAY", "2024-03-20")
        .output()
        .unwrap();
    assert!(st.status.success());
    let due_passed = regex::Regex::new(r"\d{4}-\d{2}-\d{2}!").unwrap();
    let mut counts = vec![];
    for no_color in ["", "1"] {
        let (mut child, screen, pair) = start(&[
            ("MEYASU_DB", db.as_os_str()),
            ("MEYASU_TODAY", OsStr::new("2024-03-20")),
            ("LANG", OsStr::new("ja_JP.UTF-8")),
            ("NO_COLOR", OsStr::new(no_color)),
        ]);
        let mut w = pair.master.take_writer().unwrap();
        screen.wait_for("期限超過");
        w.write_all(b"3").unwrap(); // the overdue tab: red rows when colours are on
        screen.wait_until("the overdue rows (a due date with !)", |s| {
            due_passed.is_match(s)
        });
        w.write_all(b"q").unwrap();
        wait_exit(&mut child);
        counts.push(colour_codes(&screen.raw.lock().unwrap()));
    }
    assert!(counts[0] > 0, "colours without NO_COLOR: {counts:?}");
    assert_eq!(counts[1], 0, "none with NO_COLOR=1: {counts:?}");
}

/// `kill -TERM` (a shutdown) gives the terminal back as `q` does.
#[cfg(unix)]
#[test]
fn sigterm_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TODAY", OsStr::new("2024-03-20")),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
    ]);
    screen.wait_for("未処理");
    let pid = child.process_id().expect("a pid");
    assert!(
        std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
    wait_exit(&mut child);
    assert_restored(&pair, &screen);
}

/// How many slips of the file `db` a search finds (the library's count, for the test to
/// wait for on the screen).
fn found(db: &std::path::Path, q: &str) -> u64 {
    let s = meyasu::store::Store::open(db, &meyasu::config::Seed::embedded()).unwrap();
    s.count(&meyasu::store::Filter {
        text: Some(q.into()),
        ..Default::default()
    })
    .unwrap()
}

/// A search typed one character at a time in the real binary: each key shows its
/// matches and counts (from the search thread), a burst of keys typed at once ends on
/// the last word's, Enter keeps it, and Esc after `/` goes back.
#[test]
fn a_search_typed_key_by_key_shows_its_matches_as_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    cli(&db, &["demo"]);
    let (one, two, word) = (
        found(&db, "駐"),
        found(&db, "駐輪"),
        found(&db, "エレベーター"),
    );
    assert!(one >= two && two > 0 && word > 0, "{one} {two} {word}");
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TODAY", OsStr::new("2024-03-20")),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
    ]);
    let mut send = typer(&pair);
    screen.wait_for("すべて 79");
    send(b"6/");
    send("駐".as_bytes());
    screen.wait_for(&format!("すべて {one}"));
    send("輪".as_bytes());
    screen.wait_for(&format!("すべて {two}"));
    screen.wait_for("駐輪場に屋根を");
    // Backspace twice, then a whole word at once: only its result stays.
    send(b"\x7f\x7f");
    screen.wait_for("すべて 79");
    send("えれべーたー".as_bytes()); // one write: the keys come in a burst
    screen.wait_for(&format!("すべて {word}"));
    screen.wait_for("エレベーター");
    send(b"\r");
    screen.wait_for("検索「えれべーたー」");
    // `/` then Esc after changing it: back to the search there was.
    send(b"/x");
    send(b"\x1b");
    screen.wait_for("検索「えれべーたー」");
    screen.wait_for(&format!("すべて {word}"));
    send(b"q");
    assert!(wait_exit(&mut child).success());
    assert_restored(&pair, &screen);
}

/// A liaison in the real binary: sees the reply the team sent back, with the reason,
/// writes it again with a template (Ctrl-T), and cannot approve it (no review key).
#[test]
fn a_liaison_rewrites_a_returned_reply_with_a_template() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    cli(&db, &["demo"]);
    let as_liaison = |args: &[&str]| {
        let out = common::std_meyasu()
            .env("MEYASU_DB", &db)
            .env("MEYASU_TODAY", "2024-03-20")
            .env("MEYASU_SECTION", "jido")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    as_liaison(&["reply", "72", "jido", "--text", "検討します。"]);
    cli(
        &db,
        &[
            "return",
            "72",
            "jido",
            "--reason",
            "いつまでに決めるか書いてください",
        ],
    );
    as_liaison(&[
        "templates",
        "add",
        "jido",
        "--title",
        "書類の見直し",
        "--text",
        "来年度の申込みから書類を減らします。",
    ]);
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TODAY", OsStr::new("2024-03-20")),
        ("MEYASU_SECTION", OsStr::new("jido")),
        ("MEYASU_USER", OsStr::new("liaison-jido")),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
    ]);
    let mut send = typer(&pair);
    screen.wait_for("差し戻し 1");
    send(b"5");
    send(b"\r");
    screen.wait_for("差し戻す理由: いつまでに決めるか書いてください");
    send(b"v"); // the team's review key: nothing for a liaison
    assert!(!screen.text().contains("回答の確認"), "{}", screen.text());
    send(b"r");
    screen.wait_for("書類の見直し");
    send(b"\x14"); // Ctrl-T: insert the template chosen (its own are offered first)
    send(b"\x13"); // Ctrl-S
    screen.wait_for("回答を");
    screen.wait_for("承認待ち");
    send(b"\x1b");
    send(b"q");
    assert!(wait_exit(&mut child).success());
    assert_restored(&pair, &screen);
    let c = rusqlite::Connection::open(&db).unwrap();
    let (text, state): (String, String) = c
        .query_row(
            "SELECT text, state FROM reply WHERE slip_id = 72 AND section = 'jido'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(
        text.contains("来年度の申込みから書類を減らします。"),
        "{text}"
    );
    assert_eq!(state, "draft", "written again, it waits for the team");
}

/// A terminal that goes away (an SSH link dropping, a window closed) ends meyasu within
/// a few seconds instead of leaving it spinning on the dead terminal. meyasu runs here
/// in a session of its own without a controlling terminal, so no SIGHUP comes: only the
/// hung-up terminal itself tells it.
#[cfg(unix)]
#[test]
fn a_terminal_that_goes_away_ends_meyasu() {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::{CommandExt, ExitStatusExt};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: two out-pointers to ints and a winsize that outlive the call.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: fcntl on a descriptor just opened. Without close-on-exec meyasu would
    // inherit the master and hold its own terminal open.
    unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
    // SAFETY: openpty gave two fresh descriptors that nothing else owns.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut cmd = common::std_meyasu();
    cmd.env("TERM", "xterm-256color")
        .env("MEYASU_DB", &db)
        .env("MEYASU_TODAY", "2024-03-20")
        .env("LANG", "ja_JP.UTF-8")
        .stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave.try_clone().unwrap());
    // SAFETY: setsid is async-signal-safe; a new session has no controlling terminal.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    drop(slave);
    // Read the screen until the inbox is drawn, then close the only master descriptor.
    let mut tty = std::fs::File::from(master);
    let mut seen = vt100::Parser::new(30, 100, 0);
    let start = Instant::now();
    while !seen.screen().contents().contains("未処理") {
        assert!(start.elapsed() < Duration::from_secs(20), "no inbox drawn");
        let mut buf = [0u8; 8192];
        let n = tty.read(&mut buf).unwrap();
        seen.process(&buf[..n]);
    }
    drop(tty);
    let closed = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if closed.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("meyasu still running 10 s after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        closed.elapsed() < Duration::from_secs(5),
        "took {:?} to notice",
        closed.elapsed()
    );
    assert_eq!(status.signal(), None, "ended by a signal: {status:?}");
    assert_eq!(status.code(), Some(129), "{status:?}");
    // The database is whole and opens again.
    cli(&db, &["list"]);
}

/// SIGHUP (the SSH link dropped while the shell forwards the hang-up) gives the terminal
/// back and ends meyasu, with the status a shell reports for it.
#[cfg(unix)]
#[test]
fn sighup_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TODAY", OsStr::new("2024-03-20")),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
    ]);
    screen.wait_for("未処理");
    let pid = child.process_id().expect("a pid");
    assert!(
        std::process::Command::new("kill")
            .args(["-HUP", &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
    let status = wait_exit(&mut child);
    assert_eq!(status.exit_code(), 129);
    assert_restored(&pair, &screen);
}

/// A panic on the search thread stays there: the screen says the search stopped, the
/// UI keeps its terminal (still the alternate screen, keys still work) and quits
/// normally.
#[test]
fn a_panic_in_the_search_thread_is_reported_and_the_ui_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    cli(&db, &["demo"]);
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TODAY", OsStr::new("2024-03-20")),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
        ("MEYASU_TEST_SEARCH_PANIC", OsStr::new("1")),
    ]);
    let mut send = typer(&pair);
    screen.wait_for("すべて 79");
    send(b"6/");
    send("駐".as_bytes());
    screen.wait_for("検索が内部エラーで止まりました");
    assert!(
        screen.parser.lock().unwrap().screen().alternate_screen(),
        "the terminal was restored under the live UI"
    );
    // The counting mark is gone: the tab shows a number again, not "…".
    assert!(!screen.text().contains("すべて …"), "{}", screen.text());
    send(b"\x1b");
    send(b"q");
    assert!(wait_exit(&mut child).success());
    assert_restored(&pair, &screen);
}

/// Two staff at once: a slip entered elsewhere (here the CLI) shows in the open TUI's
/// counts within a couple of seconds, with no key pressed.
#[test]
fn a_slip_entered_elsewhere_shows_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    cli(&db, &["demo"]);
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TODAY", OsStr::new("2024-03-20")),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
    ]);
    let mut send = typer(&pair);
    screen.wait_for("すべて 79");
    cli(
        &db,
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
            "--date",
            "2024-03-19",
            "ほかの端末から",
        ],
    );
    screen.wait_for("すべて 80");
    send(b"q");
    assert!(wait_exit(&mut child).success());
}

/// `ssh host meyasu` without `-t`: no terminal at all. meyasu says in the UI's language
/// that `ssh -t` is needed, instead of "cannot switch the terminal to raw mode".
#[cfg(unix)]
#[test]
fn no_terminal_says_to_use_ssh_t() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = common::std_meyasu();
    cmd.env("MEYASU_DB", dir.path().join("m.db"))
        .env("LANG", "ja_JP.UTF-8")
        .stdin(std::process::Stdio::null());
    // SAFETY: setsid is async-signal-safe; the new session has no controlling terminal.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("ssh では -t を付けて"), "{err}");
    assert!(!err.contains("raw mode"), "{err}");
}

/// Reminders from the TUI go out off the UI thread: with a relay that takes the
/// connection and never answers, the screen shows which section is being sent and
/// still takes keys (Esc: stop after it); the wait ends at `mail_timeout`, the relay is
/// named with the time waited, and nothing is recorded as reminded.
#[test]
fn a_relay_that_never_answers_does_not_freeze_the_tui() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = vec![];
        for conn in silent.incoming() {
            held.push(conn);
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    for text in ["保育園の申込書類が多すぎる", "窓口が混んでいる"] {
        cli(
            &db,
            &[
                "add",
                "--floor",
                "1",
                "--kind",
                "要望",
                "--date",
                "2024-03-01",
                text,
            ],
        );
    }
    cli(&db, &["assign", "1", "jido", "--due", "2024-03-15"]);
    cli(&db, &["assign", "2", "kumin", "--due", "2024-03-15"]);
    cli(&db, &["sections", "email", "jido", "jido@city.example.jp"]);
    cli(
        &db,
        &["sections", "email", "kumin", "kumin@city.example.jp"],
    );
    cli(
        &db,
        &["settings", "set", "mail_from", "koe@city.example.jp"],
    );
    let relay = format!("smtp://127.0.0.1:{port}");
    cli(&db, &["settings", "set", "mail_relay", &relay]);
    cli(&db, &["settings", "set", "mail_timeout", "3"]);
    let (mut child, screen, pair) = start(&[
        ("MEYASU_DB", db.as_os_str()),
        ("MEYASU_TODAY", OsStr::new("2024-03-20")),
        ("LANG", OsStr::new("ja_JP.UTF-8")),
    ]);
    let mut send = typer(&pair);
    screen.wait_for("期限超過 2");
    send(b"3");
    send(b"M");
    screen.wait_for("児童家庭課 1件");
    send(b"\r");
    screen.wait_for("送信中 1/2");
    send(b"\x1b");
    screen.wait_for("この課を送り終えたら止めます");
    screen.wait_for("3秒以内に応答しませんでした");
    let reminded: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM event WHERE action = 'reminded'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reminded, 0, "nothing was sent, nothing recorded");
    send(b"\x1b");
    send(b"q");
    assert!(wait_exit(&mut child).success());
    assert_restored(&pair, &screen);
}
