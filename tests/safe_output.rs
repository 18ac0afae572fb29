//! Data safety round two (issue 16, first part): outputs never replace the database,
//! never overwrite without being asked, never leave half a file; kept copies are never
//! overwritten.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as Std, Stdio};

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("m.db");
    common::meyasu()
        .args(["--db", db.to_str().unwrap(), "demo"])
        .env("MEYASU_TODAY", "2024-03-20")
        .assert()
        .success();
    db
}

fn meyasu(db: &Path, args: &[&str]) -> std::process::Output {
    common::std_meyasu()
        .args(["--lang", "en", "--db", db.to_str().unwrap()])
        .args(args)
        .env("MEYASU_TODAY", "2024-03-20")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn export_never_replaces_the_database_or_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::read(&db).unwrap();
    for target in [
        db.clone(),
        dir.path().join("m.db-wal"),
        dir.path().join("./m.db"),
    ] {
        let out = meyasu(
            &db,
            &[
                "export",
                "--format",
                "csv",
                "-o",
                target.to_str().unwrap(),
                "--force",
            ],
        );
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("one of the database's own files"), "{err}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database untouched"
    );
    let csv = dir.path().join("all.csv");
    std::fs::write(&csv, "大事な表").unwrap();
    let out = meyasu(&db, &["export", "-o", csv.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --force"));
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "大事な表");
    let out = meyasu(&db, &["export", "-o", csv.to_str().unwrap(), "--force"]);
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&csv).unwrap().contains("受付日"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // An output is the team's: it follows the umask of whoever wrote it (the team's
        // folder is the boundary; tests/team.rs checks 0660 under 0007).
        let mode = std::fs::metadata(&csv).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !meyasu::files::umask(), "the umask's mode");
    }
}

/// No room for the file (a file-size limit, as a full disk would be): exit 6, and nothing
/// left behind to block the retry.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_no_half_export_or_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    for args in [
        vec!["export", "-o", "out/all.csv"],
        vec!["export", "-o", "out/all.xlsx"],
        vec!["backup", "out/nightly.db"],
    ] {
        let out = common::clean(Std::new("sh"))
            .current_dir(dir.path())
            .arg("-c")
            .arg("ulimit -f 8; trap '' XFSZ; exec \"$0\" --lang en --db m.db \"$@\"")
            .arg(common::BIN)
            .args(&args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(6), "{args:?}: {err}");
        assert!(
            files_in(&out_dir).is_empty(),
            "{args:?}: {:?}",
            files_in(&out_dir)
        );
    }
    let out = meyasu(
        &db,
        &["backup", out_dir.join("nightly.db").to_str().unwrap()],
    );
    assert!(out.status.success(), "the retry works");
    assert_eq!(files_in(&out_dir), ["nightly.db"]);
}

#[test]
fn two_restores_in_one_second_keep_both_copies() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let backup = dir.path().join("b.db");
    assert!(
        meyasu(&db, &["backup", backup.to_str().unwrap()])
            .status
            .success()
    );
    for _ in 0..3 {
        let out = meyasu(&db, &["restore", "--yes", backup.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let kept: Vec<String> = files_in(dir.path())
        .into_iter()
        .filter(|f| f.contains("before-restore"))
        .collect();
    assert_eq!(kept.len(), 3, "{kept:?}");
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('x');")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    let out = meyasu(&other, &["add", "--floor", "1", "--kind", "要望", "椅子"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a meyasu database"));
    assert_eq!(std::fs::read(&other).unwrap(), before, "no table added");
    // A meyasu database says so in its header.
    let ours = demo(dir.path());
    let id: i64 = rusqlite::Connection::open(&ours)
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, meyasu::store::APPLICATION_ID);
}

#[test]
fn commands_that_read_never_create_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("meyasy.db");
    for args in [
        &["list"][..],
        &["show", "1"],
        &["report"],
        &["export"],
        &["sections"],
        &["status", "1", "no_reply"],
    ] {
        let out = meyasu(&typo, args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("does not exist"),
            "{args:?}"
        );
    }
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "受付日,階,種別,内容\n2024-02-01,1階,要望,椅子\n").unwrap();
    let out = meyasu(&typo, &["import", "--dry-run", csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!typo.exists(), "nothing created");
    // A --db ending in / is a folder: the database goes inside it.
    let folder = dir.path().join("newdir");
    let out = common::std_meyasu()
        .args(["--db", &format!("{}/", folder.display()), "init"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(folder.join("meyasu.db").is_file());
}

#[cfg(unix)]
#[test]
fn demo_temp_makes_its_own_private_folder() {
    use std::os::unix::fs::PermissionsExt;
    // Twice: each run's folder is new, and its name is not one a planter could guess from
    // the process (its own pid, which is what a predictable name would use).
    let mut names = vec![];
    for _ in 0..2 {
        let child = common::std_meyasu()
            .args(["--lang", "en", "demo", "--temp"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        let path = text
            .split_whitespace()
            .find(|w| w.contains("meyasu-demo-"))
            .unwrap()
            .trim_end_matches(['.', ')']);
        let folder = Path::new(path).parent().unwrap().to_path_buf();
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.contains(&pid.to_string()),
            "{name} holds the pid {pid}"
        );
        assert!(
            name.len() >= "meyasu-demo-".len() + 6,
            "{name}: too short to be unguessable"
        );
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{folder:?}");
        std::fs::remove_dir_all(&folder).unwrap();
        names.push(name);
    }
    assert_ne!(names[0], names[1]);
}

#[test]
fn a_leading_quote_survives_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    for text in ["'=1+1", "'quoted", "=SUM(A1)"] {
        let out = meyasu(
            &a,
            &[
                "add",
                "--floor",
                "1",
                "--kind",
                "要望",
                "--text",
                text,
                "--date",
                "2024-02-01",
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let csv = dir.path().join("x.csv");
    assert!(
        meyasu(&a, &["export", "-o", csv.to_str().unwrap()])
            .status
            .success()
    );
    let out = meyasu(&b, &["import", csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8_lossy(&meyasu(&b, &["list", "--json"]).stdout).to_string();
    let v: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    let mut texts: Vec<String> = v
        .iter()
        .map(|s| s["excerpt"].as_str().unwrap().to_string())
        .collect();
    texts.sort();
    assert_eq!(texts, ["'=1+1", "'quoted", "=SUM(A1)"]);
}

#[test]
fn the_record_stays_whole_names_and_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let err = |args: &[&str]| {
        let out = meyasu(&db, args);
        assert!(!out.status.success(), "{args:?}");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    // Two sections cannot share a name (else names resolve to the first, silently).
    assert!(err(&["sections", "add", "kumin2", "区民課"]).contains("already exists (kumin)"));
    assert!(err(&["sections", "rename", "hoken", "区民課"]).contains("already exists"));
    assert!(
        meyasu(&db, &["sections", "rename", "hoken", "保険年金課"])
            .status
            .success(),
        "its own name"
    );
    assert!(
        meyasu(&db, &["sections", "add", "shimin", "市民活動推進課"])
            .status
            .success()
    );
    assert!(
        meyasu(&db, &["sections", "deactivate", "shimin"])
            .status
            .success()
    );
    let history =
        String::from_utf8_lossy(&meyasu(&db, &["sections", "history"]).stdout).to_string();
    for want in [
        "added",
        "renamed",
        "deactivated",
        "shimin",
        "市民活動推進課",
    ] {
        assert!(history.contains(want), "{want}: {history}");
    }
    // Duplicates cannot go round in a circle.
    assert!(meyasu(&db, &["duplicate", "1", "2"]).status.success());
    assert!(err(&["duplicate", "2", "1"]).contains("already repeats"));
    // Unmarking private text is in the history too.
    assert!(meyasu(&db, &["mask", "3", "子ども"]).status.success());
    assert!(
        meyasu(&db, &["mask", "3", "--remove", "子ども"])
            .status
            .success()
    );
    let show = String::from_utf8_lossy(&meyasu(&db, &["show", "3", "--json"]).stdout).to_string();
    let v: serde_json::Value = serde_json::from_str(&show).unwrap();
    let private_events = v["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "private")
        .count();
    assert_eq!(private_events, 2, "{show}");
}

#[test]
fn nothing_printed_can_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // Text written before controls were taken out on input (or by another program).
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE slip SET body = '駐輪\u{202e}場\u{9b}31m' WHERE id = 1",
            [],
        )
        .unwrap();
    let raw = |out: &std::process::Output| {
        let s = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        s.chars()
            .any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{9b}' | '\u{202e}'))
    };
    for args in [
        &["list", "--json"][..],
        &["show", "1", "--json"],
        &["export", "--format", "json"],
    ] {
        let out = meyasu(&db, args);
        assert!(out.status.success());
        assert!(!raw(&out), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("\\u202e"),
            "{args:?}: escaped, still the same JSON"
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(v.to_string().contains('\u{202e}'), "the value is unchanged");
    }
    // A file name with an escape sequence, in a message and in an error.
    let evil = dir.path().join("a\u{1b}]0;X\u{7}.csv");
    std::fs::write(&evil, "受付日,階,種別,内容\n2024-02-01,1階,要望,椅子\n").unwrap();
    let out = meyasu(&db, &["import", "--dry-run", evil.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(!raw(&out));
    let out = meyasu(
        &db,
        &[
            "import",
            dir.path().join("b\u{1b}[2J.csv").to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(!raw(&out), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Errors that say what happened, in the user's language.
#[test]
fn clear_errors_for_odd_requests() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let run = |lang: &str, args: &[&str]| {
        common::std_meyasu()
            .args(["--lang", lang, "--db", db.to_str().unwrap()])
            .args(args)
            .env("MEYASU_TODAY", "2024-03-20")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let err = |lang: &str, args: &[&str]| {
        let out = run(lang, args);
        assert!(!out.status.success(), "{args:?}");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    // A closed slip: the way forward, not a list of states that includes the refused one.
    let shown = String::from_utf8_lossy(&run("en", &["show", "2"]).stdout).to_string();
    assert!(
        shown.contains("Published") || shown.contains("No reply"),
        "slip 2 is closed: {shown}"
    );
    let e = err("en", &["assign", "2", "kumin"]);
    assert!(e.contains("reopen it first"), "{e}");
    assert!(!e.contains("allowed next states"), "{e}");
    let e = err("ja", &["sections", "rename", "kumin", ""]);
    assert!(e.contains("名前が空です"), "{e}");
    assert!(!e.contains("投書"), "not about a slip: {e}");
    // A device as the database.
    let out = common::std_meyasu()
        .args(["--lang", "en", "--db", "/dev/null", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    assert!(!Path::new("/dev/null-journal").exists());
    // An unreadable MEYASU_TODAY is refused, not ignored.
    let out = common::std_meyasu()
        .args(["--db", db.to_str().unwrap(), "list"])
        .env("MEYASU_TODAY", "yesterday")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("MEYASU_TODAY"));
    // The same column twice; UTF-16 named as such (read, in fact); Shift_JIS on stdin.
    let two = dir.path().join("two.csv");
    std::fs::write(&two, "受付日,階,種別,内容,内容\n2024-02-01,1階,要望,a,b\n").unwrap();
    let e = err("ja", &["import", "--dry-run", two.to_str().unwrap()]);
    assert!(e.contains("「内容」の列が二つあります"), "{e}");
    let utf16 = dir.path().join("u16.csv");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "受付日,階,種別,内容\n2024-02-01,1階,要望,ユニコード\n".encode_utf16()
    {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(&utf16, bytes).unwrap();
    let out = run("ja", &["import", "--dry-run", utf16.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("UTF-16LE"));
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("窓口が混んでいる");
    let out = common::meyasu()
        .args([
            "--lang",
            "ja",
            "--db",
            db.to_str().unwrap(),
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
        ])
        .env("MEYASU_TODAY", "2024-03-20")
        .write_stdin(sjis.into_owned())
        .assert()
        .success();
    assert!(!String::from_utf8_lossy(&out.get_output().stderr).contains("UTF-8"));
    let list = String::from_utf8_lossy(&run("ja", &["list", "--search", "窓口が混んで"]).stdout)
        .to_string();
    assert!(list.contains("窓口が混んでいる"), "{list}");
    // A text that starts with a dash is text.
    assert!(
        run(
            "ja",
            &[
                "add",
                "--floor",
                "1",
                "--kind",
                "要望",
                "--text",
                "-x で始まる"
            ]
        )
        .status
        .success()
    );
}

#[test]
fn masking_finds_what_a_first_pass_missed() {
    use meyasu::report::publish::{MASK, mask};
    for (text, gone) in [
        ("電話は044.123.4567です", "4567"),
        ("電話は044 - 123 - 4567です", "4567"),
        ("電話は044\u{ad}123\u{ad}4567です", "4567"),
        ("〒2130001 の者です", "2130001"),
        ("〒213-\n0001 の者です", "0001"),
        ("メールは taro@exa\n.jp まで", "taro"),
        ("メールは taro\n@example.jp まで", "example"),
        ("下作延二丁目八番一号に住んでいます", "八番一号"),
        ("住所は八番一号です", "八番"),
        ("マンションの305号室です", "305"),
    ] {
        let m = mask(text, &[]);
        assert!(m.contains(MASK), "{text:?} → {m:?}");
        assert!(!m.contains(gone), "{text:?} → {m:?}");
    }
    // Ordinary numbers stay.
    for text in [
        "待ち時間は30分でした",
        "2024年2月10日に来ました",
        "3階の窓口",
    ] {
        assert_eq!(mask(text, &[]), text);
    }
}
