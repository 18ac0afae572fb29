//! Security and data safety, round three (issue 22), through the real binary on real
//! files: links to the database, planted links and old files in a mail dry run, masking of
//! bracketed phone numbers and long house numbers, encoded words in names, searches of
//! hundreds of words, absurd years. Each failed before its fix.

mod common;

use std::path::PathBuf;

struct Env {
    dir: common::Dir,
}

impl Env {
    fn new() -> Env {
        let e = Env {
            dir: common::Dir::new(),
        };
        e.ok(&[
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
            "--date",
            "2024-03-01",
            "椅子を増やしてほしい",
        ]);
        e.ok(&["assign", "1", "kumin", "--due", "2024-03-15"]);
        e
    }
    fn db(&self) -> PathBuf {
        self.dir.path().join("y.db")
    }
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = common::meyasu()
            .env("MEYASU_DB", self.db())
            .env("MEYASU_TODAY", "2024-03-20")
            .args(["--lang", "ja"])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }
    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }
    fn slips(&self) -> i64 {
        rusqlite::Connection::open(self.db())
            .unwrap()
            .query_row("SELECT count(*) FROM slip", [], |r| r.get(0))
            .unwrap()
    }
}

/// Item 1: `export --force` (and `report`, `backup`) onto the database through a symbolic or
/// a hard link is refused: the real file is compared, not its name.
#[cfg(unix)]
#[test]
fn no_output_replaces_the_database_through_a_link() {
    let e = Env::new();
    let sym = e.dir.path().join("ylink.db");
    std::os::unix::fs::symlink(e.db(), &sym).unwrap();
    let hard = e.dir.path().join("yhard.db");
    std::fs::hard_link(e.db(), &hard).unwrap();
    for target in [&sym, &hard] {
        let t = target.to_str().unwrap();
        for args in [
            vec!["export", "-o", t, "--force"],
            vec!["report", "--format", "csv", "-o", t, "--force"],
            vec!["backup", "--force", t],
        ] {
            let (code, _, err) = e.run(&args);
            assert_ne!(code, 0, "{args:?} went through");
            assert!(!err.is_empty(), "{args:?}");
            assert_eq!(e.slips(), 1, "{args:?}: the database is whole");
        }
    }
}

/// Item 2: a mail dry run writes its .eml files as every output is: a planted link is replaced,
/// never followed; an .eml already there stays unless --force; 0600 in a 0700 folder.
#[cfg(unix)]
#[test]
fn a_mail_dry_run_follows_no_link_and_replaces_nothing_unasked() {
    use std::os::unix::fs::PermissionsExt;
    let e = Env::new();
    e.ok(&["sections", "email", "kumin", "kumin@city.example.jp"]);
    let dir = e.dir.path().join("eml");
    let d = dir.to_str().unwrap();
    e.ok(&["request", "--mail", "--dry-run", d]);
    let eml = dir.join("requested-kumin.eml");
    assert_eq!(
        std::fs::metadata(&eml).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    // Again: the file is there, so it is refused without --force.
    let (code, _, err) = e.run(&["request", "--mail", "--dry-run", d]);
    assert_ne!(code, 0);
    assert!(err.contains("requested-kumin.eml"), "{err}");
    // A link planted in its place: replaced by the .eml, its target untouched.
    let target = e.dir.path().join("precious.txt");
    std::fs::write(&target, "大切なファイル").unwrap();
    std::fs::remove_file(&eml).unwrap();
    std::os::unix::fs::symlink(&target, &eml).unwrap();
    e.ok(&["request", "--mail", "--dry-run", d, "--force"]);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "大切なファイル");
    assert!(
        !std::fs::symlink_metadata(&eml)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// Item 3: phone numbers with the exchange in brackets and house numbers of four parts are
/// masked in the public list, in both widths.
#[test]
fn bracketed_phone_numbers_and_room_numbers_are_masked_when_published() {
    let e = Env::new();
    e.ok(&[
        "add",
        "--floor",
        "1",
        "--kind",
        "要望",
        "--date",
        "2024-03-02",
        "連絡は044(123)4567か０４４（１２３）４５６７へ。下作延2-8-1-305に住んでいます。",
    ]);
    e.ok(&["assign", "2", "kumin", "--due", "2024-03-15"]);
    e.ok(&["reply", "2", "kumin", "--text", "ご連絡します。"]);
    e.ok(&["status", "2", "published"]);
    let page = e.ok(&["publish", "--fy", "2023", "--format", "csv"]);
    for leak in ["4567", "４５６７", "305", "2-8-1"] {
        assert!(!page.contains(leak), "{leak} published: {page}");
    }
    assert!(
        page.contains("連絡は●●●か●●●へ。●●●に住んでいます。"),
        "{page}"
    );
}

/// Item 4: a section name holding an RFC 2047 encoded word is refused (a mail's Subject would
/// show another name).
#[test]
fn an_encoded_word_in_a_section_name_is_refused() {
    let e = Env::new();
    let (code, _, err) = e.run(&["sections", "add", "evil", "=?utf-8?b?ZXZpbA==?= 区民課"]);
    assert_ne!(code, 0);
    assert!(err.contains("「=?」は使えません"), "{err}");
    let (code, _, err) = e.run(&["sections", "rename", "kumin", "=?utf-8?q?x?="]);
    assert_ne!(code, 0);
    assert!(err.contains("「=?」は使えません"), "{err}");
}

/// Item 7: a search of 999 different one-character words: at most 64 are used, said so, and
/// never SQLite's "Expression tree is too large".
#[test]
fn a_search_of_999_words_is_bounded_and_says_so() {
    let e = Env::new();
    let q: Vec<String> = (0..999)
        .map(|i| char::from_u32(0x4e00 + i).unwrap().to_string())
        .collect();
    let (code, _, err) = e.run(&["list", "--search", &q.join(" ")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("検索語は64語までです。残りの935語は使っていません"),
        "{err}"
    );
    assert!(!err.contains("Expression tree"), "{err}");
}

/// Item 15: absurd era and month years are refused with the field named, never a panic
/// (exit 101 before).
#[test]
fn absurd_years_are_refused_not_panicked() {
    let e = Env::new();
    for args in [
        vec!["report", "--fiscal-year", "R99999999"],
        vec!["report", "--years", "R99999998..R99999999"],
        vec!["list", "--month", "300000-01"],
        vec!["list", "--month", "R300000.1"],
    ] {
        let (code, _, err) = e.run(&args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("読めません"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// Item 8: addresses the relay cannot take are refused when they are set, the way the
/// sender uses them; a UTF-8 address says it needs SMTPUTF8.
#[test]
fn addresses_a_relay_cannot_take_are_refused_when_set() {
    let e = Env::new();
    for bad in [
        "\"quoted local\"@example.jp",
        "a@[127.0.0.1]",
        "a..b@example.jp",
        "a@localhost",
        "a@-x.jp",
    ] {
        let (code, _, err) = e.run(&["sections", "email", "kumin", bad]);
        assert_ne!(code, 0, "{bad} accepted");
        assert!(err.contains("メールアドレスではありません"), "{bad}: {err}");
    }
    let (code, _, err) = e.run(&["sections", "email", "kumin", "山田@例え.jp"]);
    assert_ne!(code, 0);
    assert!(err.contains("SMTPUTF8"), "{err}");
    e.ok(&[
        "sections",
        "email",
        "kumin",
        "kumin.madoguchi+koe@city.kawasaki.jp",
    ]);
}

/// Item 9: a relay that takes the connection and never answers: the run ends after
/// `mail_timeout` seconds, naming the relay and the time waited; nothing recorded.
#[test]
fn a_relay_that_never_answers_is_named_with_the_time_waited() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = vec![];
        for c in silent.incoming() {
            held.push(c);
        }
    });
    let e = Env::new();
    e.ok(&["sections", "email", "kumin", "kumin@city.example.jp"]);
    e.ok(&["settings", "set", "mail_from", "koe@city.example.jp"]);
    e.ok(&[
        "settings",
        "set",
        "mail_relay",
        &format!("smtp://127.0.0.1:{port}"),
    ]);
    e.ok(&["settings", "set", "mail_timeout", "2"]);
    let started = std::time::Instant::now();
    let (code, _, err) = e.run(&["request", "--mail"]);
    assert_eq!(code, 1);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    assert!(
        err.contains(&format!("127.0.0.1:{port} が 2秒以内に応答しませんでした")),
        "{err}"
    );
    let n: i64 = rusqlite::Connection::open(e.db())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM event WHERE action = 'requested'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
}

/// Item 10: outcomes.toml is checked as sections.toml is (a name twice, an invisible
/// character, 500 characters, the code `none`); a seed file that is `/dev/zero` is refused,
/// not read without end; a `MEYASU_SEED_DIR` that does not exist says so.
#[cfg(unix)]
#[test]
fn seed_files_are_checked_and_read_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("seed");
    std::fs::create_dir(&seed).unwrap();
    let init = |seed_dir: &std::path::Path| {
        let out = common::meyasu()
            .env("MEYASU_DB", dir.path().join("n.db"))
            .env("MEYASU_SEED_DIR", seed_dir)
            .args(["--lang", "ja", "init"])
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let outcome = |code: &str, name: &str| {
        format!("[[outcome]]\ncode = \"{code}\"\nname = \"{name}\"\nname_en = \"x\"\n\n")
    };
    for (text, says) in [
        (
            outcome("a", "同じ") + &outcome("b", "同じ"),
            "appears twice",
        ),
        (outcome("a", "改善\u{200B}した"), "invisible"),
        (outcome("a", &"長".repeat(500)), "longer than"),
        (outcome("none", "なし"), "\"none\""),
    ] {
        std::fs::write(seed.join("outcomes.toml"), text).unwrap();
        let (code, err) = init(&seed);
        assert_ne!(code, 0, "{says}: accepted");
        assert!(
            err.contains("outcomes.toml") && err.contains(says),
            "{says}: {err}"
        );
        assert!(!dir.path().join("n.db").exists(), "nothing created");
    }
    std::fs::remove_file(seed.join("outcomes.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", seed.join("sections.toml")).unwrap();
    let (code, err) = init(&seed);
    assert_ne!(code, 0);
    assert!(err.contains("通常のファイルではありません"), "{err}");
    let (code, err) = init(&dir.path().join("no-such-folder"));
    assert_ne!(code, 0);
    assert!(
        err.contains("MEYASU_SEED_DIR のフォルダがありません"),
        "{err}"
    );
}

/// Item 13: `similar --limit 0` prints none; `--outcome NONE` is `none`; `--search -駐輪`
/// is a search, not an option; a full-width ０７９ finds 受付番号 79 as 79 does.
#[test]
fn small_inconsistencies_of_the_shell_are_gone() {
    let e = Env::new();
    e.ok(&[
        "add",
        "--floor",
        "1",
        "--kind",
        "要望",
        "--date",
        "2024-03-02",
        "駐輪場が狭い",
    ]);
    let out = e.ok(&["similar", "2", "--limit", "0", "--json"]);
    assert_eq!(out.trim(), "[]", "{out}");
    assert_eq!(
        e.ok(&["list", "--outcome", "NONE", "--json"]),
        e.ok(&["list", "--outcome", "none", "--json"])
    );
    let (code, out, err) = e.run(&["list", "--search", "-駐輪", "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("駐輪場が狭い"), "{out}");
    let wide = e.ok(&["list", "--search", "０２", "--json"]);
    assert_eq!(wide, e.ok(&["list", "--search", "2", "--json"]));
    assert!(wide.contains("駐輪場が狭い"), "{wide}");
}

/// Item 14: errors name the path in the UI language with the OS reason in words, never
/// a temporary file's path; a device given as the database is not told to be a CSV.
#[test]
fn errors_name_the_path_in_words() {
    let e = Env::new();
    e.ok(&["sections", "email", "kumin", "kumin@city.example.jp"]);
    let file = e.dir.path().join("afile");
    std::fs::write(&file, "x").unwrap();
    let (code, _, err) = e.run(&["request", "--mail", "--dry-run", file.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("afile/requested-kumin.eml を書き出せませんでした: 途中の名前がフォルダではなくファイルです"), "{err}");
    assert!(!err.contains(".part") && !err.contains("os error"), "{err}");
    let out = common::meyasu()
        .args(["--lang", "ja", "--db", "/dev/null", "list"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/null") && err.contains("データベースのファイルを指定してください"),
        "{err}"
    );
    assert!(!err.contains("CSV"), "{err}");
}

/// Item 11: a slip of only invisible characters (U+2060 U+00AD U+180E, the Hangul fillers
/// U+3164 U+115F, the blank braille pattern U+2800, with spaces) is empty: refused by
/// `add` and by an import, which names the line.
#[test]
fn a_slip_of_invisible_characters_is_empty() {
    let e = Env::new();
    for blank in [
        "\u{2060}\u{ad}\u{180e}",
        "\u{3164}\u{115f}",
        "\u{2800}\u{3000}\u{200b}",
        "\u{feff} \u{2063}",
    ] {
        let (code, _, err) = e.run(&["add", "--floor", "1", "--kind", "要望", blank]);
        assert_ne!(code, 0, "{:?} saved", blank.escape_unicode().to_string());
        assert!(err.contains("内容"), "{err}");
    }
    let csv = e.dir.path().join("blank.csv");
    std::fs::write(
        &csv,
        "受付日,階,種別,内容\n2024-03-01,1F,要望,普通の投書\n2024-03-02,1F,要望,\u{3164}\u{2060}\n",
    )
    .unwrap();
    let (code, _, err) = e.run(&["import", csv.to_str().unwrap()]);
    assert_ne!(code, 0, "{err}");
    assert!(
        err.contains("3 行目 4 列（内容）"),
        "the line is named: {err}"
    );
    assert_eq!(e.slips(), 1, "nothing imported from that file");
}

/// Item 16: a slip whose private-text marks cannot be read stays off the public list and
/// it is said; marking text then is refused (the lost marks are not written over) until
/// the marks are cleared.
#[test]
fn unreadable_private_marks_fail_closed() {
    let e = Env::new();
    e.ok(&["reply", "1", "kumin", "--text", "増やします。"]);
    e.ok(&["status", "1", "published"]);
    e.ok(&["mask", "1", "椅子"]);
    let page = e.ok(&["publish", "--fy", "2023", "--format", "csv"]);
    assert!(page.contains("●●●を増やしてほしい"), "{page}");
    rusqlite::Connection::open(e.db())
        .unwrap()
        .execute(
            "UPDATE slip SET private_spans = '[\"椅子\",' WHERE id = 1",
            [],
        )
        .unwrap();
    let (code, page, err) = e.run(&["publish", "--fy", "2023", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !page.contains("椅子") && !page.contains("増やしてほしい"),
        "{page}"
    );
    assert!(
        err.contains("投書 1 の非公開の指定が読めないため、公表する一覧から外しました"),
        "{err}"
    );
    let (code, _, err) = e.run(&["mask", "1", "増やして"]);
    assert_ne!(code, 0);
    assert!(err.contains("meyasu mask 1 --remove"), "{err}");
    e.ok(&["mask", "1", "--remove"]);
    e.ok(&["mask", "1", "椅子"]);
    let page = e.ok(&["publish", "--fy", "2023", "--format", "csv"]);
    assert!(page.contains("●●●を増やしてほしい"), "{page}");
}

/// Item 17: settings and templates are audited like every other change: who, when, what
/// it was and what it became (`meyasu settings history`), turning review off included.
#[test]
fn settings_and_templates_changes_are_audited() {
    let e = Env::new();
    e.ok(&["settings", "set", "review_replies", "false"]);
    e.ok(&["settings", "set", "reply_days", "10"]);
    e.ok(&["templates", "add", "kumin", "--text", "窓口で案内します。"]);
    e.ok(&["templates", "edit", "1", "--text", "2番窓口で案内します。"]);
    e.ok(&["templates", "remove", "1"]);
    let log = e.ok(&["settings", "history"]);
    for want in [
        "setting  review_replies  true → false",
        "setting  reply_days  14 → 10",
        "template_added  kumin  → #1 窓口で案内します。",
        "template_edited  kumin",
        "template_removed  kumin  #1",
    ] {
        assert!(log.contains(want), "{want}: {log}");
    }
    assert_eq!(log.lines().count(), 5, "one line per change: {log}");
}

/// Item 6: a colleague's database (0644) in a folder this user may not write (0555) is
/// listed read-only, and a change is refused in the UI's language, never with SQLite's
/// "attempt to write a readonly database".
#[cfg(unix)]
#[test]
fn a_database_one_may_not_write_is_read_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("m.db");
    let made = common::meyasu()
        .args(["--db", db.to_str().unwrap(), "demo"])
        .output()
        .unwrap();
    assert!(made.status.success());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    // As another user: root may write anywhere, so run as nobody when root.
    let as_other = |args: &[&str]| {
        let mut c = if unsafe { libc::geteuid() } == 0 {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "nobody", "--"]).arg(common::BIN);
            c
        } else {
            std::process::Command::new(common::BIN)
        };
        c.env_clear()
            .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .env("HOME", dir.path())
            .args(["--lang", "ja", "--db", db.to_str().unwrap()])
            .args(args);
        let out = c.output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, out, err) = as_other(&["list", "--limit", "3"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("駐輪場"), "{out}");
    let (code, _, err) = as_other(&["add", "--floor", "1", "--kind", "要望", "椅子"]);
    assert_ne!(code, 0);
    assert!(
        !err.contains("readonly database") && !err.contains("attempt to write"),
        "{err}"
    );
    assert!(err.contains("読み取り専用"), "{err}");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}
