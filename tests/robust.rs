//! Bad days: a damaged file, a read-only file, a folder that cannot be made, a disk
//! that fills up, another writer holding the lock, and the process killed mid-write.
//! Each gets a clear message and exit code, and nothing is half-changed.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as Std, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

fn cmd(db: &Path) -> Command {
    let mut c = common::meyasu();
    c.env("MEYASU_DB", db)
        .env("MEYASU_TODAY", "2024-03-01")
        .args(["--lang", "en"]);
    c
}

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("m.db");
    cmd(&db).arg("demo").assert().success();
    db
}

fn integrity(db: &Path) -> (String, i64) {
    let c = rusqlite::Connection::open(db).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM slip", [], |r| r.get(0))
        .unwrap();
    (ok, n)
}

fn stderr_of(c: &mut Command, code: i32) -> String {
    let o = c.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stderr).unwrap()
}

#[test]
fn a_damaged_file_is_named_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("broken.db");
    let junk = b"SQLite format 2\0this is not what it claims to be at all........".repeat(20);
    std::fs::write(&db, &junk).unwrap();
    let err = stderr_of(cmd(&db).arg("list"), 4);
    assert!(
        err.contains("broken.db") && err.contains("meyasu restore"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), junk, "not touched");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_can_be_read_but_not_changed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // Fold the WAL in so the file alone is the database.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = cmd(&db).args(["list", "--limit", "1"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = stderr_of(
        cmd(&db).args(["add", "--floor", "1", "--kind", "要望", "x"]),
        6,
    );
    assert!(err.contains("read-only"), "{err}");
    let err = stderr_of(cmd(&db).args(["status", "75", "no_reply"]), 6);
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "not a byte changed");
}

#[test]
fn a_folder_that_cannot_be_made() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("notes.txt");
    std::fs::write(&blocker, "a file where the folder should be").unwrap();
    let err = stderr_of(cmd(&blocker.join("meyasu.db")).arg("init"), 4);
    assert!(err.contains("notes.txt") && err.contains("--db"), "{err}");
}

#[test]
fn another_writer_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("BEGIN IMMEDIATE; INSERT INTO setting VALUES ('x', 'y');")
        .unwrap();
    let t = Instant::now();
    let err = stderr_of(
        cmd(&db).args(["add", "--floor", "1", "--kind", "要望", "x"]),
        5,
    );
    assert!(
        t.elapsed() >= Duration::from_secs(4),
        "it waited for the lock first"
    );
    assert!(err.contains("busy") && err.contains("try again"), "{err}");
    c.execute_batch("ROLLBACK").unwrap();
    // Reading is never blocked by a writer (WAL).
    cmd(&db).args(["list", "--limit", "1"]).assert().success();
    assert_eq!(integrity(&db), ("ok".into(), 79));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let csv = dir.path().join("big.csv");
    let mut text = String::from("受付日,階,種別,内容\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "2024-02-01,1階,意見,ディスクを埋めるための長い投書の本文です {i}\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    // No file may grow past 256 KiB; SIGXFSZ is ignored so the write fails instead.
    let out = common::clean(Std::new("sh"))
        .arg("-c")
        .arg("ulimit -f 256; trap '' XFSZ; exec \"$0\" --lang en import \"$1\"")
        .arg(common::BIN)
        .arg(&csv)
        .env("MEYASU_DB", &db)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(err.contains("Nothing was changed"), "{err}");
    assert_eq!(integrity(&db), ("ok".into(), 79), "all or nothing");
}

#[cfg(unix)]
#[test]
fn killed_in_the_middle_of_an_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let csv = dir.path().join("big.csv");
    let mut text = String::from("受付日,階,種別,担当課,内容\n");
    for i in 0..60_000 {
        text.push_str(&format!(
            "2024-02-01,2階,要望,区民課,途中で止められる取り込み {i}\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    // All or nothing, whenever the kill lands; and at least one kill must land before
    // the import finished, or the test would prove nothing.
    let mut landed_mid_way = 0;
    for delay_ms in [40, 150, 400] {
        let mut child = common::std_meyasu()
            .args(["import", csv.to_str().unwrap()])
            .env("MEYASU_DB", &db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let (ok, n) = integrity(&db);
        assert_eq!(ok, "ok");
        match n {
            79 => landed_mid_way += 1,
            // The kill came after the commit: the whole file, and nothing more to try.
            60_079 => break,
            n => panic!("killed after {delay_ms} ms: {n} slips, neither none nor all"),
        }
    }
    assert!(
        landed_mid_way > 0,
        "no kill landed before the import finished"
    );
}

#[cfg(unix)]
#[test]
fn killed_in_the_middle_of_edits() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // Slip 75 is new; take it round the workflow again and again, killing at random points.
    let script = r#"
        i=0
        while [ $i -lt 40 ]; do
          "$0" assign 75 kumin hoken --due 2024-03-30 >/dev/null 2>&1
          "$0" status 75 no_reply >/dev/null 2>&1
          "$0" status 75 new --reason again >/dev/null 2>&1
          i=$((i+1))
        done"#;
    let mut child = common::clean(Std::new("sh"))
        .arg("-c")
        .arg(script)
        .arg(common::BIN)
        .env("MEYASU_DB", &db)
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut kills = 0;
    while start.elapsed() < Duration::from_secs(4) && child.try_wait().unwrap().is_none() {
        std::thread::sleep(Duration::from_millis(37));
        // SIGKILL whichever meyasu this test's loop is running now: the children of its
        // own shell, never another run's on the same machine.
        // Counted only when pkill found a meyasu to kill (exit 0), so the test knows it
        // killed writes part way rather than counting its own attempts.
        let killed = Std::new("pkill")
            .args(["-9", "-P", &child.id().to_string()])
            .status()
            .expect("pkill runs");
        if killed.success() {
            kills += 1;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(kills > 3, "only {kills} meyasu processes were killed");
    let (ok, n) = integrity(&db);
    assert_eq!((ok.as_str(), n), ("ok", 79));
    // Every change is whole: the slip's status is what its last status event says,
    // and its version counts the changes that were committed.
    let c = rusqlite::Connection::open(&db).unwrap();
    let (status, version): (String, i64) = c
        .query_row("SELECT status, version FROM slip WHERE id = 75", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let last: String = c
        .query_row(
            "SELECT new FROM event WHERE slip_id = 75 AND action IN ('status', 'created') ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, last);
    let changes: i64 = c
        .query_row(
            "SELECT count(*) FROM event WHERE slip_id = 75 AND action IN ('created', 'assigned')
               OR (slip_id = 75 AND action = 'status' AND note IS NOT NULL)
               OR (slip_id = 75 AND action = 'status' AND new = 'no_reply')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(version, changes, "one version per committed command");
}
