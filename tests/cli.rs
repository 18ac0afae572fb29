//! The real binary, end to end, against temp databases.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use unicode_width::UnicodeWidthStr;

struct Env {
    dir: common::Dir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: common::Dir::new(),
        }
    }

    fn cmd(&self, lang: &str) -> Command {
        let mut c = self.dir.cmd();
        c.env("MEYASU_TODAY", "2024-03-01")
            .env("MEYASU_USER", "tanaka")
            .arg("--lang")
            .arg(lang);
        c
    }

    fn run(&self, lang: &str, args: &[&str]) -> String {
        let out = self.cmd(lang).args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn fail(&self, lang: &str, args: &[&str]) -> String {
        let out = self.cmd(lang).args(args).assert().failure();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut a = args.to_vec();
        a.push("--json");
        serde_json::from_str(&self.run("en", &a)).unwrap()
    }
}

#[test]
fn add_assign_reply_publish_then_list_and_show() {
    let e = Env::new();
    let out = e.run(
        "ja",
        &[
            "add",
            "--date",
            "令和6年2月10日",
            "--floor",
            "1",
            "--kind",
            "要望",
            "待合の椅子を増やしてほしい。",
        ],
    );
    assert_eq!(out, "受付番号 1 で登録しました。\n");
    e.cmd("ja")
        .args(["add", "--floor", "2F", "--kind", "thanks"])
        .write_stdin("丁寧な対応でした😊\n二行目")
        .assert()
        .success();
    let out = e.run(
        "ja",
        &["assign", "1", "総務課", "kumin", "--due", "2024-02-24"],
    );
    assert_eq!(
        out,
        "1 を 総務課・区民課 に回答依頼しました（期限 2024-02-24）。\n"
    );
    e.run(
        "ja",
        &[
            "reply",
            "1",
            "somu",
            "--text",
            "椅子を増やしました。",
            "--date",
            "2/20",
        ],
    );
    let out = e.run(
        "ja",
        &["reply", "1", "区民課", "--text", "案内を掲示しました。"],
    );
    assert!(out.contains("回答済になりました"), "{out}");
    let out = e.run("en", &["status", "1", "公表済"]);
    assert_eq!(out, "Slip 1 moved from Answered to Published.\n");

    let list = e.run("ja", &["list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "{list}");
    assert!(lines[0].starts_with("番号"));
    assert!(lines[1].contains("お礼") && lines[1].contains("丁寧な対応でした😊"));
    assert!(lines[2].contains("公表済") && lines[2].contains("総務課・区民課"));
    // Columns line up by terminal cells: the text column starts at the same width everywhere.
    let starts: Vec<usize> = lines
        .iter()
        .zip(["内容", "丁寧", "待合"])
        .map(|(l, key)| l[..l.find(key).unwrap()].width())
        .collect();
    assert!(starts.iter().all(|&s| s == starts[0]), "{starts:?}\n{list}");

    let show = e.run("ja", &["show", "1"]);
    assert!(show.contains("令和6年2月10日（2024-02-10）"), "{show}");
    assert!(show.contains("状況: 公表済"), "{show}");
    assert!(show.contains("椅子を増やしました。"));
    assert!(show.contains("tanaka"));
    assert!(show.contains("回答済 → 公表済"), "{show}");

    let j = e.json(&["show", "1"]);
    assert_eq!(j["status"], "published");
    assert_eq!(j["sections"], serde_json::json!(["somu", "kumin"]));
    assert_eq!(j["replies"][0]["replied_on"], "2024-02-20");
    assert_eq!(j["history"].as_array().unwrap().len(), 7);

    let j = e.json(&["list", "--status", "published", "--section", "区民課"]);
    assert_eq!(j.as_array().unwrap().len(), 1);
    let j = e.json(&["list", "--search", "😊"]);
    assert_eq!(j[0]["id"], 2);
}

#[test]
fn bad_input_is_explained_and_changes_nothing() {
    let e = Env::new();
    e.run("en", &["add", "--floor", "1", "--kind", "苦情", "うるさい"]);
    let before = e.json(&["show", "1"]);

    let err = e.fail("ja", &["assign", "1", "市民課"]);
    assert!(err.contains("課「市民課」はありません"), "{err}");
    assert!(
        err.contains("kumin (区民課)") && err.contains("doro (道路公園センター)"),
        "{err}"
    );

    let err = e.fail(
        "en",
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
            "--date",
            "2024-02-30",
            "x",
        ],
    );
    assert!(
        err.contains("Received \"2024-02-30\" is not a date"),
        "{err}"
    );
    assert!(
        err.contains("2024-02-10") && err.contains("令和6年2月10日"),
        "{err}"
    );

    let err = e.fail("ja", &["assign", "1", "kumin", "--due", "来週"]);
    assert!(err.contains("期限「来週」を日付として読めません"), "{err}");

    e.cmd("en")
        .args(["add", "--floor", "1", "--kind", "要望"])
        .write_stdin("  \n ")
        .assert()
        .failure()
        .stderr(predicate::str::contains("The text is empty"));

    let err = e.fail("en", &["add", "--floor", "屋上", "--kind", "要望", "x"]);
    assert!(err.contains("Known floors: 1階, 2階"), "{err}");
    let err = e.fail("en", &["status", "1", "done"]);
    assert!(err.contains("no_reply"), "{err}");
    let err = e.fail("en", &["status", "1", "published"]);
    assert!(
        err.contains("From New the allowed next states are: Assigned, No reply"),
        "{err}"
    );
    let err = e.fail("en", &["show", "42"]);
    assert!(err.contains("There is no slip 42"), "{err}");

    assert_eq!(e.json(&["show", "1"]), before);
    assert_eq!(e.json(&["list"]).as_array().unwrap().len(), 1);
}

#[test]
fn demo_fills_a_fiscal_year() {
    let e = Env::new();
    let out = e.run("en", &["demo"]);
    assert!(out.starts_with("Loaded 79 demo slips"), "{out}");
    let list = e.run("ja", &["list", "--fiscal-year", "2023"]);
    assert_eq!(list.lines().count(), 80, "header + 79 slips");
    let same = e.run("ja", &["list", "--fiscal-year", "令和5年度"]);
    assert_eq!(list, same);
    assert_eq!(e.run("ja", &["list", "--fiscal-year", "2024"]), "");
    let feb = e.json(&["list", "--month", "令和6年2月"]);
    assert_eq!(feb.as_array().unwrap().len(), 7);
    assert_eq!(e.json(&["list", "--overdue"]).as_array().unwrap().len(), 0);
    let out = e
        .cmd("en")
        .env("MEYASU_TODAY", "2024-04-01")
        .args(["list", "--overdue", "--json"])
        .assert()
        .success();
    let overdue: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        overdue.as_array().unwrap().len(),
        6,
        "assigned and due before 1 April"
    );
    // A second load is refused rather than doubling the data.
    let err = e.fail("en", &["demo"]);
    assert!(err.contains("--temp"), "{err}");
}

#[test]
fn sections_can_be_added_renamed_and_deactivated() {
    let e = Env::new();
    // Listing never creates a database; init does.
    let err = e.fail("ja", &["sections"]);
    assert!(err.contains("がありません"), "{err}");
    assert!(e.run("ja", &["init"]).contains("作りました"));
    let list = e.run("ja", &["sections"]);
    assert!(list.contains("kumin") && list.contains("区民サービス部"));
    e.run(
        "ja",
        &[
            "sections",
            "add",
            "shimin",
            "市民活動推進課",
            "--department",
            "まちづくり推進部",
        ],
    );
    e.run("ja", &["sections", "rename", "shimin", "市民協働推進課"]);
    e.run("en", &["add", "--floor", "1", "--kind", "意見", "x"]);
    e.run("en", &["assign", "1", "市民協働推進課"]);
    e.run("ja", &["sections", "deactivate", "shimin"]);
    let err = e.fail("en", &["assign", "1", "shimin"]);
    assert!(
        err.contains("is deactivated") && err.contains("sections activate shimin"),
        "{err}"
    );
    let err = e.fail("en", &["sections", "add", "kumin", "重複"]);
    assert!(err.contains("already in use"), "{err}");
    let err = e.fail("en", &["sections", "add", "esc", "悪い\u{1b}[31m課"]);
    assert!(err.contains("control characters"), "{err}");
    let err = e.fail("en", &["sections", "add", "Bad Code", "x"]);
    assert!(err.contains("not valid"), "{err}");
}

#[test]
fn newer_database_is_refused_with_exit_code_4() {
    let e = Env::new();
    let path = e.dir.path().join("m.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    e.cmd("en")
        .arg("list")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("newer meyasu"));
}

#[test]
fn help_is_plain_words() {
    let e = Env::new();
    e.cmd("en")
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Enter a slip"))
        .stdout(predicate::str::contains("--db"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let e = Env::new();
    e.run("en", &["gen", "--slips", "3000"]);
    // `meyasu list | head -1`: the reader goes away while 300 KB are still to come.
    let mut child = e
        .dir
        .std_cmd()
        .args(["list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_unknown_liaison_section_is_refused_before_the_tui_starts() {
    let e = Env::new();
    let err = e.fail("en", &["--section", "nosuch"]);
    assert!(
        err.contains("Unknown section \"nosuch\"") && err.contains("kumin"),
        "{err}"
    );
    let out = e
        .cmd("en")
        .env("MEYASU_SECTION", "nosuch")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("Unknown section"));
}

#[test]
fn english_output_uses_english_dates_and_brackets() {
    let e = Env::new();
    e.run(
        "en",
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
            "--date",
            "2024-02-10",
            "椅子",
        ],
    );
    e.run("en", &["assign", "1", "kumin", "--due", "2024-02-26"]);
    let show = e.run("en", &["show", "1"]);
    assert!(show.contains("10 Feb 2024 (令和6年2月10日)"), "{show}");
    assert!(show.contains("2024-02-26 (overdue)"), "{show}");
    assert!(!show.contains('（') && !show.contains('［'), "{show}");
    let ja = e.run("ja", &["show", "1"]);
    assert!(ja.contains("令和6年2月10日（2024-02-10）"), "{ja}");
}

/// With no `$USER` or `$LOGNAME` (cron, a container), the audit log still names the
/// account, from the password database; `MEYASU_USER` still wins.
#[cfg(unix)]
#[test]
fn the_actor_comes_from_the_account_when_the_environment_has_none() {
    let e = Env::new();
    let who = String::from_utf8(
        std::process::Command::new("id")
            .arg("-un")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    e.cmd("en")
        .env_remove("MEYASU_USER")
        .env_remove("USER")
        .env_remove("LOGNAME")
        .env_remove("USERNAME")
        .args(["add", "--floor", "1", "--kind", "要望", "椅子"])
        .assert()
        .success();
    let show = e.run("en", &["show", "1", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(v["history"][0]["actor"], who.as_str(), "{show}");
    assert_ne!(who, "unknown");
}

#[test]
fn completions_and_man_page() {
    let e = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = e.run("en", &["completions", shell]);
        assert!(
            out.contains("unassign") && out.contains("report"),
            "{shell}: {out}"
        );
    }
    // The bash script is valid bash.
    let script = e.run("en", &["completions", "bash"]);
    let path = e.dir.path().join("meyasu.bash");
    std::fs::write(&path, script).unwrap();
    let st = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .unwrap();
    assert!(st.success());
    let man = e.run("en", &["man"]);
    assert!(man.contains(".TH meyasu 1"), "{man}");
    assert!(man.contains("database schema"), "{man}");
    let err = e.fail("en", &["completions", "tcsh"]);
    assert!(err.contains("bash"), "{err}");
    let v = e.run("en", &["--version"]);
    assert_eq!(
        v.trim(),
        format!(
            "meyasu {} (database schema {})",
            env!("CARGO_PKG_VERSION"),
            meyasu::store::schema_version()
        )
    );
}

/// The harness's cleaning, on a made-up inherited environment: every `MEYASU_*` variable
/// in it and the locale go, `MEYASU_CONFIG` is set empty (no host-wide file), anything
/// else is left as it comes.
#[test]
fn the_harness_takes_out_every_meyasu_variable_it_is_given() {
    use std::ffi::OsStr;
    let parent = [
        ("MEYASU_CONFIG", "/home/dev/.meyasu.toml"),
        ("MEYASU_DB", "/home/dev/real.db"),
        ("MEYASU_SOMETHING_NEW", "1"),
        ("LANG", "ja_JP.UTF-8"),
        ("HOME", "/home/dev"),
        ("NOT_MEYASU_DB", "x"),
    ];
    let mut cmd = std::process::Command::new("true");
    common::clean_env(&mut cmd, parent);
    let set: std::collections::BTreeMap<&OsStr, Option<&OsStr>> = cmd.get_envs().collect();
    let none: Option<&OsStr> = None;
    assert_eq!(set[OsStr::new("MEYASU_CONFIG")], Some(OsStr::new("")));
    for gone in [
        "MEYASU_DB",
        "MEYASU_SOMETHING_NEW",
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
    ] {
        assert_eq!(set.get(OsStr::new(gone)), Some(&none), "{gone}: {set:?}");
    }
    for kept in ["HOME", "NOT_MEYASU_DB"] {
        assert!(!set.contains_key(OsStr::new(kept)), "{kept}: {set:?}");
    }
    // The pseudo-terminal command (which copies this process's environment) alike.
    let mut pty = portable_pty::CommandBuilder::new("true");
    pty.env("MEYASU_DB", "/home/dev/real.db");
    pty.env("LC_ALL", "ja_JP.UTF-8");
    common::clean_env(&mut pty, parent);
    assert_eq!(pty.get_env("MEYASU_DB"), None);
    assert_eq!(pty.get_env("LC_ALL"), None);
    assert_eq!(pty.get_env("MEYASU_CONFIG"), Some(OsStr::new("")));
}

/// End to end: `meyasu` started under a parent environment with a host-wide config that
/// does not parse, a `MEYASU_TODAY` that is not a date and a Japanese `LANG` fails as
/// it should, and the same through the harness runs in English as if none were set.
#[test]
fn planted_variables_never_reach_meyasu_through_the_harness() {
    let dir = common::Dir::new();
    let bad = dir.join("planted.toml");
    std::fs::write(&bad, "this is [not toml\n").unwrap();
    let planted = [
        ("MEYASU_CONFIG", bad.as_os_str()),
        ("MEYASU_TODAY", std::ffi::OsStr::new("yesterday")),
        ("LANG", std::ffi::OsStr::new("ja_JP.UTF-8")),
    ];
    let db = dir.db().to_str().unwrap();
    // Without the harness the child inherits them: the planted config is refused.
    let raw = std::process::Command::new(common::BIN)
        .envs(planted)
        .args(["--db", db, "init"])
        .output()
        .unwrap();
    assert_eq!(raw.status.code(), Some(2), "{raw:?}");
    assert!(
        String::from_utf8_lossy(&raw.stderr).contains("planted.toml"),
        "{raw:?}"
    );
    assert!(!dir.db().exists());
    // Through the harness, with the same variables in the parent's environment.
    let parent: Vec<_> = std::env::vars_os()
        .chain(planted.map(|(k, v)| (k.into(), v.to_os_string())))
        .collect();
    let run = |args: &[&str]| {
        let out = common::std_meyasu_under(parent.clone())
            .args(["--db", db])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{args:?}: {stderr}");
        String::from_utf8(out.stdout).unwrap()
    };
    let made = run(&["init"]);
    assert!(
        made.starts_with("Created") && !made.contains("作りました"),
        "English, not the planted LANG: {made}"
    );
    assert!(run(&["settings"]).contains("reply_days = 14"));
}
