//! Data safety round two (issue 16, first part): outputs never replace the database,
//! never overwrite without being asked, never leave half a file; kept copies are never
//! overwritten.

use std::path::{Path, PathBuf};
use std::process::{Command as Std, Stdio};

use assert_cmd::Command;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("meyasu")
}

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("m.db");
    Command::cargo_bin("meyasu")
        .unwrap()
        .args(["--db", db.to_str().unwrap(), "demo"])
        .env("MEYASU_TODAY", "2024-03-20")
        .assert()
        .success();
    db
}

fn meyasu(db: &Path, args: &[&str]) -> std::process::Output {
    Std::new(bin())
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
        let mode = std::fs::metadata(&csv).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "slip text for its owner only");
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
        let out = Std::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg("ulimit -f 8; trap '' XFSZ; exec \"$0\" --lang en --db m.db \"$@\"")
            .arg(bin())
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
