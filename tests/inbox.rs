//! Hostile and odd input from outside (reliability round four): files in the shared
//! inbox (受信), each judged alone, said with why when not read, never stopping the others;
//! arguments that are not text.

mod common;

use common::office::{Office, fill};

/// A mail too large, a mail with no sheet, a FIFO and a link among good sheets: each is
/// named with why, the good sheet is planned and recorded, and the run ends with exit 1.
#[test]
fn each_file_in_the_inbox_is_judged_alone() {
    let o = Office::new();
    let id = o.add(
        "2024-03-20",
        "2024-03-01",
        "授乳室がほしい",
        &["jido"],
        "2024-04-05",
    );
    let sheet = o.issue_sheet("2024-03-20", "issued");
    let inbox = o.dir.join("受信");
    std::fs::create_dir(&inbox).unwrap();
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_711_000_000);
    fill(
        &sheet,
        &inbox.join("良い.xlsx"),
        id,
        "2階に設けました。",
        at,
    );
    // 21 MiB of mail: refused before it is read whole.
    std::fs::write(inbox.join("大きい.eml"), vec![b'a'; 21 * 1024 * 1024]).unwrap();
    std::fs::write(
        inbox.join("添付なし.eml"),
        "From: a@example.jp\r\nSubject: test\r\n\r\nno attachment\r\n",
    )
    .unwrap();
    let fifo = inbox.join("fifo.xlsx");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    std::os::unix::fs::symlink("/etc/passwd", inbox.join("link.xlsx")).unwrap();
    std::fs::write(inbox.join("古い.xls"), b"\xd0\xcf\x11\xe0").unwrap();
    let out = o
        .cmd("2024-03-25")
        .args([
            "--lang",
            "ja",
            "collect",
            "--apply",
            inbox.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for (file, why) in [
        ("大きい.eml", "KiB を超えています"),
        ("添付なし.eml", "添付されていません"),
        ("fifo.xlsx", "通常のファイルではありません"),
        ("link.xlsx", "リンクなので読みません"),
        ("古い.xls", ".xlsx（Excel ブック）で保存し直して"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with("×") && l.contains(file) && l.contains(why)),
            "{file}: {text}"
        );
    }
    assert!(text.contains("良い.xlsx"), "{text}");
    assert_eq!(
        o.count("SELECT count(*) FROM reply"),
        1,
        "the good sheet recorded"
    );
}

/// The inbox setting: a folder not there yet is set and said; a control character stored
/// by hand never reaches the terminal when the settings are listed.
#[test]
fn the_inbox_setting_warns_and_never_prints_a_control_character() {
    let o = Office::new();
    o.ok("2024-03-20", &["init"]);
    let out = o
        .cmd("2024-03-20")
        .args([
            "--lang",
            "ja",
            "settings",
            "set",
            "sheet_inbox",
            "/nonexistent/受信",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("フォルダー /nonexistent/受信 はまだありません"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    rusqlite::Connection::open(o.dir.db())
        .unwrap()
        .execute(
            "UPDATE setting SET value = ?1 WHERE key = 'sheet_inbox'",
            ["/srv/受信\u{1b}[2J"],
        )
        .unwrap();
    let listed = o.ok("2024-03-20", &["settings"]);
    assert!(!listed.contains('\u{1b}'), "{listed:?}");
    assert!(listed.contains("sheet_inbox = /srv/受信"), "{listed}");
}

/// An argument that is not UTF-8, anywhere, is an argument error in the UI's language
/// (exit 2), never a panic; `MEYASU_TODAY` that is not text is refused like one that is
/// not a date.
#[test]
fn arguments_that_are_not_text_are_refused_in_words() {
    use std::os::unix::ffi::OsStrExt;
    let o = Office::new();
    o.ok("2024-03-20", &["init"]);
    let bad = std::ffi::OsStr::from_bytes(b"\xff");
    for args in [
        vec!["list", "--search"],
        vec!["show"],
        vec!["settings", "set", "ward"],
        vec![],
    ] {
        let out = o
            .cmd("2024-03-20")
            .env("LANG", "ja_JP.UTF-8")
            .args(&args)
            .arg(bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let out = o
        .cmd("2024-03-20")
        .env("LANG", "ja_JP.UTF-8")
        .args(["list", "--search"])
        .arg(bad)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("UTF-8 として読めない"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = o
        .cmd("2024-03-20")
        .env("MEYASU_TODAY", bad)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A workbook of a few kilobytes with one cell at XFD1048576: `import` and `collect`
/// refuse it in words (a dense range from A1 to it asked for 549 GB and aborted the
/// process, exit 134, stopping every later collect); the inbox's other files still go.
#[test]
fn a_cell_at_the_far_corner_is_refused_not_allocated() {
    let o = Office::new();
    o.ok("2024-03-20", &["init"]);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "受付日").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let bomb = o.dir.join("far.xlsx");
    wb.save(&bomb).unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 10_000);
    let out = o
        .cmd("2024-03-20")
        .args(["--lang", "ja", "import"])
        .arg(&bomb)
        .output()
        .unwrap();
    assert_eq!(out.status.code().map(|c| c != 134 && c != 0), Some(true));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1048576 行目・16384 列目"), "{err}");
    let inbox = o.dir.join("受信");
    std::fs::create_dir(&inbox).unwrap();
    std::fs::copy(&bomb, inbox.join("far.xlsx")).unwrap();
    let out = o
        .cmd("2024-03-20")
        .args(["--lang", "ja", "collect"])
        .arg(&inbox)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("× ") && text.contains("far.xlsx"), "{text}");
}

/// A sheet that unpacks to far more than it weighs is refused by collect before it is
/// unpacked, on the same bound as import (MEYASU_MAX_FILE_MB), said in words.
#[test]
fn a_sheet_that_inflates_is_refused_before_it_is_unpacked() {
    let o = Office::new();
    o.ok("2024-03-20", &["init"]);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let long = "あ".repeat(30_000);
    for r in 0..100 {
        // Each different, so they are not shared as one string.
        ws.write_string(r, 0, format!("{r}{long}")).unwrap();
    }
    let inbox = o.dir.join("受信");
    std::fs::create_dir(&inbox).unwrap();
    let bomb = inbox.join("回答票.xlsx");
    wb.save(&bomb).unwrap();
    assert!(
        std::fs::metadata(&bomb).unwrap().len() < 512 * 1024,
        "small on disk"
    );
    let out = o
        .cmd("2024-03-20")
        .env("MEYASU_MAX_FILE_MB", "1")
        .args(["--lang", "ja", "collect"])
        .arg(&inbox)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("展開すると大きすぎます"), "{text}");
}

/// A signing key damaged in the database (edited by hand: not hex, not ASCII) is said as
/// damaged when a sheet is made or read, never a panic.
#[test]
fn a_damaged_signing_key_is_said_not_a_panic() {
    let o = Office::new();
    o.add(
        "2024-03-20",
        "2024-03-01",
        "授乳室がほしい",
        &["jido"],
        "2024-04-05",
    );
    o.issue_sheet("2024-03-20", "first");
    rusqlite::Connection::open(o.dir.db())
        .unwrap()
        .execute(
            "UPDATE setting SET value = ?1 WHERE key = 'sheet_secret'",
            ["あ".repeat(32)],
        )
        .unwrap();
    let out = o
        .cmd("2024-03-20")
        .args(["request", "--sheets"])
        .arg(o.dir.join("second"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "{err}");
    assert!(!out.status.success() && err.contains("damaged"), "{err}");
}

/// A section that forwards the reply mail sends the sheet inside a forwarded message
/// (`message/rfc822`): collect looks inside it and reads the sheet.
#[test]
fn a_sheet_inside_a_forwarded_mail_is_read() {
    use lettre::message::header::{ContentDisposition, ContentType};
    use lettre::message::{Attachment, Message, MultiPart, SinglePart};
    let o = Office::new();
    let id = o.add(
        "2024-03-20",
        "2024-03-01",
        "授乳室がほしい",
        &["jido"],
        "2024-04-05",
    );
    let sheet = o.issue_sheet("2024-03-20", "issued");
    let filled = o.dir.join("filled.xlsx");
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_711_000_000);
    fill(&sheet, &filled, id, "2階に設けました。", at);
    let xlsx =
        ContentType::parse("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .unwrap();
    let inner = Message::builder()
        .from("jido@example.city.jp".parse().unwrap())
        .to("team@example.city.jp".parse().unwrap())
        .subject("回答票")
        .multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain("回答票を送ります。".to_string()))
                .singlepart(
                    Attachment::new("回答票_児童家庭課.xlsx".into())
                        .body(std::fs::read(&filled).unwrap(), xlsx),
                ),
        )
        .unwrap();
    let outer = Message::builder()
        .from("kacho@example.city.jp".parse().unwrap())
        .to("team@example.city.jp".parse().unwrap())
        .subject("Fw: 回答票")
        .multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain("転送します。".to_string()))
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::parse("message/rfc822").unwrap())
                        .header(ContentDisposition::attachment("回答.eml"))
                        .body(inner.formatted()),
                ),
        )
        .unwrap();
    let inbox = o.dir.join("受信");
    std::fs::create_dir(&inbox).unwrap();
    std::fs::write(inbox.join("転送.eml"), outer.formatted()).unwrap();
    let out = o.ok(
        "2024-03-25",
        &[
            "--lang",
            "ja",
            "collect",
            "--apply",
            inbox.to_str().unwrap(),
        ],
    );
    assert!(out.contains("転送.eml: 回答票_児童家庭課.xlsx"), "{out}");
    assert_eq!(o.count("SELECT count(*) FROM reply"), 1, "{out}");
}
