//! A team on one host: files the whole team can open, the office's day on every stamp,
//! state read where it is decided, and asks and collects that hold when several run at
//! once (on a loaded machine too). Real binary, real SQLite files; the two-staff scenario
//! runs as two real accounts when the tests run as root (as in CI).

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use meyasu::config::Seed;
use meyasu::store::Store;

use common::office::{Office, fill, slip_in};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().mode() & 0o7777
}

/// Two busy loops on the two cores while a test runs, so the runs at once really
/// interleave (idle, a race can hide).
struct Load(Vec<std::process::Child>);

impl Load {
    fn start() -> Load {
        Load(
            (0..2)
                .map(|_| {
                    std::process::Command::new("/bin/sh")
                        .args(["-c", "while :; do :; done"])
                        .spawn()
                        .unwrap()
                })
                .collect(),
        )
    }
}

impl Drop for Load {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

// ---------------------------------------------------------------- the office's day

/// With `MEYASU_TODAY` set (back-dated entry), every history stamp, the reply sheet's
/// name and the dry-run mail's Date header are of that day, never the machine's.
#[test]
fn the_office_day_dates_every_stamp_sheet_and_mail() {
    let o = Office::new();
    o.add(
        "2024-03-20",
        "2024-03-01",
        "児童館の開館時間を延ばしてほしい",
        &["jido"],
        "2024-04-05",
    );
    o.ok(
        "2024-03-20",
        &["sections", "email", "jido", "jido@example.city.jp"],
    );
    let stamps = o.texts("SELECT at FROM event UNION ALL SELECT created_at FROM slip");
    assert!(!stamps.is_empty());
    for at in &stamps {
        assert!(
            at.starts_with("2024-03-20 "),
            "a stamp off the office's day: {at}"
        );
    }
    let sheets = o.dir.join("回答票");
    let eml = o.dir.join("eml");
    o.ok(
        "2024-03-20",
        &[
            "request",
            "--sheets",
            sheets.to_str().unwrap(),
            "--mail",
            "--dry-run",
            eml.to_str().unwrap(),
        ],
    );
    let names: Vec<String> = std::fs::read_dir(&sheets)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["回答票_児童家庭課_2024-03-20.xlsx"]);
    let mail = std::fs::read_to_string(eml.join("requested-jido.eml")).unwrap();
    let date = mail.lines().find(|l| l.starts_with("Date:")).unwrap();
    assert!(date.contains("20 Mar 2024"), "{date}");
}

/// A reminder recorded on the office's day is held back within `remind_days` office days
/// of that day and sent again after: the hold-back compares the office's days, not the
/// machine's date with the office's.
#[test]
fn a_back_dated_reminder_is_held_by_office_days() {
    let o = Office::new();
    o.add(
        "2024-03-01",
        "2024-03-01",
        "駐輪場が狭い",
        &["kumin"],
        "2024-03-08",
    );
    let first = o.ok("2024-03-11", &["remind", "--record"]);
    assert!(first.contains("駐輪場が狭い"), "{first}");
    let reminded = o.texts("SELECT at FROM event WHERE action = 'reminded'");
    assert!(reminded[0].starts_with("2024-03-11 "), "{reminded:?}");
    // Two office days later: held back.
    let held = o.cmd("2024-03-13").args(["remind"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&held.stdout).contains("駐輪場が狭い"));
    // Ten office days later: chased again.
    let later = o.ok("2024-03-25", &["remind"]);
    assert!(later.contains("駐輪場が狭い"), "{later}");
}

// ---------------------------------------------------------------- files for the team

/// A folder meyasu did not create keeps its mode, group and setgid bit; the sheets
/// written into it follow the umask (group-readable under 0007), not 0600.
#[test]
fn sheets_go_into_the_team_folder_without_changing_it() {
    let o = Office::new();
    o.add(
        "2024-03-20",
        "2024-03-01",
        "窓口の案内が分かりにくい",
        &["kumin"],
        "2024-04-05",
    );
    let share = o.dir.join("share");
    std::fs::create_dir(&share).unwrap();
    std::fs::set_permissions(&share, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let out = o.with_umask("0007", &["request", "--sheets", share.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&share), 0o2770, "the team's folder is left as it was");
    let sheet = std::fs::read_dir(&share)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(mode(&sheet), 0o660, "{sheet:?}");
    // A folder meyasu makes inside inherits the setgid bit and the group.
    let deeper = share.join("報告/回答票");
    let out = o.with_umask("0007", &["request", "--sheets", deeper.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for d in [share.join("報告"), deeper.clone()] {
        assert_eq!(mode(&d) & 0o2000, 0o2000, "{d:?} keeps setgid");
        assert_eq!(
            std::fs::metadata(&d).unwrap().gid(),
            std::fs::metadata(&share).unwrap().gid()
        );
    }
}

/// A report follows the umask of whoever writes it: 0664 under 0002, 0600 under 0077.
#[test]
fn reports_follow_the_umask() {
    let o = Office::new();
    o.add(
        "2024-03-20",
        "2024-03-01",
        "受付の番号札が分かりにくい",
        &["kumin"],
        "2024-04-05",
    );
    for (mask, want) in [("0002", 0o664), ("0077", 0o600), ("0007", 0o660)] {
        let f = o.dir.join(format!("report-{mask}.xlsx"));
        let out = o.with_umask(
            mask,
            &["report", "--month", "2024-03", "-o", f.to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(mode(&f), want, "umask {mask}");
    }
}

/// Two staff in one group on one host (as root: two real accounts): one writes a report,
/// sheets and a backup into the team's 2770 folder; the other reads each and writes
/// after. Skipped, said, where accounts cannot be made.
#[test]
fn two_staff_share_one_folder() {
    let Some(team) = Team::create() else {
        eprintln!("skipped: not root, or no useradd/runuser here");
        return;
    };
    let root = &team.dir;
    let db = root.join("meyasu.db");
    let share = root.join("share");
    // The office's layout: the database 0660 and the folders 2770, group of the team.
    team.as_root(&[
        "install",
        "-d",
        "-m",
        "2770",
        "-g",
        &team.group,
        share.to_str().unwrap(),
    ]);
    let init = team.run(&team.users[0], &db, &["init"]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    team.as_root(&["chgrp", &team.group, db.to_str().unwrap()]);
    team.as_root(&["chmod", "0660", db.to_str().unwrap()]);
    let (tanaka, sato) = (&team.users[0], &team.users[1]);
    for args in [
        vec![
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
            "--date",
            "2024-03-01",
            "授乳室がほしい",
        ],
        vec!["assign", "1", "jido", "--due", "2024-04-05"],
    ] {
        let out = team.run(tanaka, &db, &args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let report = share.join("2024-03.xlsx");
    let sheets = share.join("報告/回答票");
    let backup = share.join("backup/meyasu-2024-03-20.db");
    for args in [
        vec![
            "report",
            "--month",
            "2024-03",
            "-o",
            report.to_str().unwrap(),
        ],
        vec!["request", "--sheets", sheets.to_str().unwrap()],
        vec!["backup", backup.to_str().unwrap()],
    ] {
        let out = team.run(tanaka, &db, &args);
        assert!(
            out.status.success(),
            "tanaka {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // sato reads what tanaka wrote, lists the folders, and writes into them after.
    let sheet = std::fs::read_dir(&sheets)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    for f in [&report, &sheet] {
        let out = team.sh(sato, &format!("cat '{}' > /dev/null", f.display()));
        assert!(
            out.status.success(),
            "sato cannot read {f:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = team.sh(sato, &format!("ls '{}' > /dev/null", sheets.display()));
    assert!(out.status.success(), "sato cannot list the sheets folder");
    for args in [
        vec!["request", "--sheets", sheets.to_str().unwrap()],
        vec![
            "report",
            "--month",
            "2024-03",
            "-o",
            share.join("2024-03-sato.xlsx").to_str().unwrap(),
        ],
        vec!["backup", "--force", backup.to_str().unwrap()],
        vec!["list"],
    ] {
        let out = team.run(sato, &db, &args);
        assert!(
            out.status.success(),
            "sato {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        mode(&sheets) & 0o2070,
        0o2070,
        "the sheets folder stays the team's"
    );
    assert_eq!(std::fs::metadata(&report).unwrap().gid(), team.gid());
}

/// Two scratch accounts and a group, removed when dropped.
struct Team {
    users: Vec<String>,
    group: String,
    dir: PathBuf,
    bin: PathBuf,
}

impl Team {
    fn create() -> Option<Team> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0
            || !Path::new("/usr/sbin/useradd").exists()
            || !Path::new("/usr/sbin/runuser").exists()
        {
            return None;
        }
        let tag = format!("{}", std::process::id() % 100_000);
        let group = format!("mtg{tag}");
        let users = vec![format!("mta{tag}"), format!("mtb{tag}")];
        let ok = |args: &[&str]| {
            std::process::Command::new(args[0])
                .args(&args[1..])
                .status()
                .is_ok_and(|s| s.success())
        };
        if !ok(&["/usr/sbin/groupadd", &group]) {
            return None;
        }
        for u in &users {
            ok(&[
                "/usr/sbin/useradd",
                "-M",
                "-N",
                "-g",
                &group,
                "-s",
                "/bin/sh",
                u,
            ]);
        }
        let dir = PathBuf::from(format!("/tmp/meyasu-team-{tag}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2770)).unwrap();
        let mut team = Team {
            users,
            group,
            dir,
            bin: PathBuf::new(),
        };
        team.as_root(&["chgrp", &team.group, team.dir.to_str().unwrap()]);
        // The binary where both accounts may run it.
        let bin = team.dir.join("meyasu");
        std::fs::copy(common::BIN, &bin).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        team.bin = bin;
        Some(team)
    }

    fn gid(&self) -> u32 {
        std::fs::metadata(&self.dir).unwrap().gid()
    }

    fn as_root(&self, args: &[&str]) {
        let s = std::process::Command::new(args[0])
            .args(&args[1..])
            .status()
            .unwrap();
        assert!(s.success(), "{args:?}");
    }

    /// `sh -c SCRIPT` as `user`, umask 0007, in the team's folder.
    fn sh(&self, user: &str, script: &str) -> std::process::Output {
        std::process::Command::new("/usr/sbin/runuser")
            .args(["-u", user, "-g", &self.group, "--", "/usr/bin/env", "-i"])
            .arg("PATH=/usr/bin:/bin")
            .arg(format!("HOME={}", self.dir.display()))
            .args(["/bin/sh", "-c"])
            .arg(format!(
                "umask 0007; cd '{}' && {script}",
                self.dir.display()
            ))
            .output()
            .unwrap()
    }

    /// meyasu ARGS as `user` on `db`, back-dated to 2024-03-20, umask 0007.
    fn run(&self, user: &str, db: &Path, args: &[&str]) -> std::process::Output {
        std::process::Command::new("/usr/sbin/runuser")
            .args(["-u", user, "-g", &self.group, "--", "/usr/bin/env", "-i"])
            .arg("PATH=/usr/bin:/bin")
            .arg(format!("HOME={}", self.dir.display()))
            .arg(format!("MEYASU_DB={}", db.display()))
            .args(["MEYASU_TODAY=2024-03-20", "MEYASU_CONFIG="])
            .args(["/bin/sh", "-c", "umask 0007; exec \"$0\" \"$@\""])
            .arg(&self.bin)
            .args(args)
            .output()
            .unwrap()
    }
}

impl Drop for Team {
    fn drop(&mut self) {
        for u in &self.users {
            let _ = std::process::Command::new("/usr/sbin/userdel")
                .arg(u)
                .status();
        }
        let _ = std::process::Command::new("/usr/sbin/groupdel")
            .arg(&self.group)
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

// ---------------------------------------------------------------- runs at once

/// Five `request --record` at once on a loaded machine record each slip and section
/// once: each run claims what it records in one write transaction.
#[test]
fn requests_recorded_at_once_on_a_busy_machine_are_recorded_once() {
    let o = Office::new();
    for (i, s) in [["jido", "kumin"], ["kumin", "somu"], ["jido", "somu"]]
        .iter()
        .enumerate()
    {
        for k in 0..4 {
            o.add(
                "2024-03-20",
                "2024-03-01",
                &format!("投書 {i}-{k}"),
                s,
                "2024-04-05",
            );
        }
    }
    let pairs = o.count("SELECT count(*) FROM slip_section");
    let _load = Load::start();
    let runs: Vec<std::process::Child> = (0..5)
        .map(|_| {
            let mut c = o.dir.std_cmd();
            c.env("MEYASU_TODAY", "2024-03-20")
                .args(["request", "--record"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null());
            c.spawn().unwrap()
        })
        .collect();
    for mut r in runs {
        assert!(r.wait().unwrap().success());
    }
    assert_eq!(
        o.count("SELECT count(*) FROM event WHERE action = 'requested'"),
        pairs
    );
    assert_eq!(
        o.count(
            "SELECT count(*) FROM (SELECT slip_id, note FROM event WHERE action = 'requested'
             GROUP BY slip_id, note HAVING count(*) > 1)"
        ),
        0
    );
}

// ---------------------------------------------------------------- shared state

/// A colleague changes a section's address and deactivates another while this
/// connection holds its catalogue: the reminder claimed here goes to the new address,
/// the deactivated section cannot be newly asked, and a duty word a colleague added
/// survives this connection's own change of duties.
#[test]
fn decisions_read_the_database_not_an_old_catalogue() {
    let d = common::Dir::new();
    let mut mine = Store::open(d.db(), &Seed::embedded()).unwrap();
    let mut theirs = Store::open(d.db(), &Seed::embedded()).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
    let id = slip_in(&mut mine, day, "窓口の椅子が足りない", &["kumin"]);
    mine.set_section_email("kumin", Some("old@example.city.jp"))
        .unwrap();
    let asks = mine.to_request(None).unwrap();
    theirs
        .set_section_email("kumin", Some("new@example.city.jp"))
        .unwrap();
    let (claimed, _) = mine
        .claim_asked(meyasu::store::AskKind::Request, &asks[0], "mail", 0)
        .unwrap();
    assert_eq!(claimed.email.as_deref(), Some("new@example.city.jp"));
    // Deactivated elsewhere: refused here though this catalogue says active.
    theirs.set_section_active("somu", false).unwrap();
    assert!(mine.section("somu").unwrap().active, "the old catalogue");
    let err = mine.assign(id, &["somu".into()], day, None).unwrap_err();
    assert!(
        matches!(err, meyasu::Error::SectionInactive(ref c) if c == "somu"),
        "{err:?}"
    );
    // Duties: theirs adds one, mine adds another from its old list; both stay.
    theirs
        .change_duties("kumin", &["印鑑登録".into()], &[])
        .unwrap();
    let (_, after, _, _) = mine
        .change_duties("kumin", &["住民票の写し".into()], &[])
        .unwrap();
    assert!(after.iter().any(|w| w == "印鑑登録"), "{after:?}");
    assert!(after.iter().any(|w| w == "住民票の写し"), "{after:?}");
}

/// The TUI left open follows a colleague's change of sections and settings within its
/// poll: the catalogue (an address, an active flag) and the reply period are read again.
#[test]
fn an_open_tui_reads_sections_and_settings_again_when_others_commit() {
    let d = common::Dir::new();
    let mut mine = Store::open(d.db(), &Seed::embedded()).unwrap();
    let mut theirs = Store::open(d.db(), &Seed::embedded()).unwrap();
    let mut app = meyasu::tui::app::App::new(
        meyasu::i18n::Lang::Ja,
        chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap(),
        mine.catalog().clone(),
        mine.settings().unwrap(),
        None,
    );
    let mut seen = mine.data_version().ok();
    theirs
        .set_section_email("kumin", Some("new@example.city.jp"))
        .unwrap();
    theirs.set_section_active("somu", false).unwrap();
    theirs.set_setting("reply_days", "30").unwrap();
    assert!(meyasu::tui::follow_others(&mut mine, &mut app, &mut seen));
    let kumin = app.catalog.section("kumin").unwrap();
    assert_eq!(kumin.email.as_deref(), Some("new@example.city.jp"));
    assert!(!app.catalog.section("somu").unwrap().active);
    assert_eq!(app.settings.reply_days, 30);
}

/// One rule for settings, whatever their source: a seed's `reply_days = 4000000000`
/// is refused when the seed is read (it made `assign` panic on a date overflow), as
/// `settings set` refuses it; a control character in a path is refused too.
#[test]
fn settings_from_a_seed_pass_the_same_check_as_settings_set() {
    let d = common::Dir::new();
    let seed_dir = d.join("seed");
    std::fs::create_dir(&seed_dir).unwrap();
    for f in [
        "sections.toml",
        "floors.toml",
        "kinds.toml",
        "outcomes.toml",
    ] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(f),
            seed_dir.join(f),
        )
        .unwrap();
    }
    let settings =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/settings.toml"))
            .unwrap()
            .replace("reply_days = 14", "reply_days = 4000000000");
    std::fs::write(seed_dir.join("settings.toml"), settings).unwrap();
    let out = d
        .cmd()
        .env("MEYASU_SEED_DIR", &seed_dir)
        .args(["init"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("reply_days") && err.contains("4000000000"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let o = Office::new();
    o.ok("2024-03-20", &["init"]);
    let bad = o
        .cmd("2024-03-20")
        .args(["settings", "set", "reply_days", "4000000000"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let bad = o
        .cmd("2024-03-20")
        .args(["settings", "set", "sheet_inbox", "/srv/受信\u{1b}[2J"])
        .output()
        .unwrap();
    assert!(
        !bad.status.success(),
        "a control character in a path is refused"
    );
}

// ---------------------------------------------------------------- collect as a transaction

/// A plan of one row for `id`, as `plan` would make it from a sheet answered by jido.
fn plan_for(store: &Store, id: i64, text: &str) -> meyasu::io::sheets::Plan {
    let state = store.sheet_row_state(id, "jido").unwrap().unwrap();
    meyasu::io::sheets::Plan {
        file: "回答票_児童家庭課_2024-03-20.xlsx".into(),
        section: "jido".into(),
        issued: "2024-03-20".into(),
        sheet: "0123456789abcdef".into(),
        rows: vec![meyasu::io::sheets::PlanRow {
            id,
            text: text.into(),
            outcome: None,
            by: "山田".into(),
            fate: meyasu::io::sheets::Fate::New,
            version: state.version,
            reply_at: state.reply.map(|r| r.2),
        }],
    }
}

fn slip_for_jido(store: &mut Store, text: &str) -> i64 {
    slip_in(
        store,
        chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
        text,
        &["jido"],
    )
}

/// A reply a colleague writes while the plan is on screen (the TUI's `I` open) is never
/// overwritten by it: the row is said as changed since the plan, and nothing of it is
/// written.
#[test]
fn a_reply_written_after_the_plan_is_not_overwritten() {
    let d = common::Dir::new();
    let mut mine = Store::open(d.db(), &Seed::embedded()).unwrap();
    let mut theirs = Store::open(d.db(), &Seed::embedded()).unwrap();
    let id = slip_for_jido(&mut mine, "児童館の開館時間を延ばしてほしい");
    let plan = plan_for(&mine, id, "来年度から延長します。");
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
    theirs
        .reply(id, "jido", "電話で回答済みです。", day, None)
        .unwrap();
    let done = meyasu::office::collect::record(&mut mine, &[plan], day).unwrap();
    assert_eq!(done.recorded, 0);
    assert_eq!(
        done.changed,
        [("回答票_児童家庭課_2024-03-20.xlsx".to_string(), id)]
    );
    let reply: String = rusqlite::Connection::open(d.db())
        .unwrap()
        .query_row("SELECT text FROM reply WHERE slip_id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(reply, "電話で回答済みです。");
}

/// Five collects of one sheet at once, on a loaded machine, record its reply once:
/// each re-checks its rows inside its one write transaction.
#[test]
fn one_sheet_collected_five_times_at_once_is_recorded_once() {
    let d = common::Dir::new();
    let mut store = Store::open(d.db(), &Seed::embedded()).unwrap();
    let ids: Vec<i64> = (0..20)
        .map(|i| slip_for_jido(&mut store, &format!("投書 {i}")))
        .collect();
    let plans: Vec<_> = ids
        .iter()
        .map(|&id| plan_for(&store, id, "対応します。"))
        .collect();
    let rows: usize = plans.iter().map(|p| p.rows.len()).sum();
    let merged = meyasu::io::sheets::Plan {
        rows: plans.into_iter().flat_map(|p| p.rows).collect(),
        ..plan_for(&store, ids[0], "")
    };
    drop(store);
    let _load = Load::start();
    let recorded: usize = std::thread::scope(|s| {
        let runs: Vec<_> = (0..5)
            .map(|_| {
                let merged = merged.clone();
                let db = d.db().to_path_buf();
                s.spawn(move || {
                    let mut st = Store::open(&db, &Seed::embedded()).unwrap();
                    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
                    meyasu::office::collect::record(&mut st, &[merged], day)
                        .unwrap()
                        .recorded
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).sum()
    });
    assert_eq!(recorded, rows);
    let c = rusqlite::Connection::open(d.db()).unwrap();
    let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        n("SELECT count(*) FROM event WHERE action = 'collected'"),
        rows as i64
    );
    assert_eq!(
        n("SELECT count(*) FROM event WHERE action = 'replied'"),
        rows as i64
    );
}

/// Two saves of one sheet in the inbox (Outlook's 「… (2).xlsx」): the newer one by the
/// time it was saved is read whatever the names' order, the older is said as superseded,
/// and the plan counts the reply once.
#[test]
fn the_newest_copy_of_a_sheet_is_read_and_the_older_is_said() {
    let o = Office::new();
    let id = o.add(
        "2024-03-20",
        "2024-03-01",
        "児童館の開館時間を延ばしてほしい",
        &["jido"],
        "2024-04-05",
    );
    let sheet = o.issue_sheet("2024-03-20", "issued");
    let inbox = o.dir.join("受信");
    std::fs::create_dir(&inbox).unwrap();
    let day =
        |d: u64| std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_711_000_000 + d * 86_400);
    // The correction, saved later, sorts first by name; the first answer after it.
    fill(
        &sheet,
        &inbox.join("回答票 (2).xlsx"),
        id,
        "来年度から開館時間を延長します。",
        day(2),
    );
    fill(
        &sheet,
        &inbox.join("回答票.xlsx"),
        id,
        "検討します。",
        day(1),
    );
    let plan = o.ok(
        "2024-03-25",
        &["--lang", "ja", "collect", inbox.to_str().unwrap()],
    );
    assert!(
        plan.contains("– 回答票.xlsx: 同じ回答票の新しい写し「回答票 (2).xlsx」を読む"),
        "{plan}"
    );
    assert!(
        plan.contains("1件を記録するには"),
        "the reply counted once: {plan}"
    );
    o.ok(
        "2024-03-25",
        &["collect", "--apply", inbox.to_str().unwrap()],
    );
    let reply = o.texts(&format!("SELECT text FROM reply WHERE slip_id = {id}"));
    assert_eq!(reply, ["来年度から開館時間を延長します。"]);
    assert_eq!(
        o.count("SELECT count(*) FROM event WHERE action = 'collected'"),
        1
    );
}

/// A sheet made before a restore answers the slip its number named then: the slip that
/// took the number after the restore (another visitor's) is not answered by it.
#[test]
fn a_sheet_from_before_a_restore_does_not_answer_the_slip_that_reused_its_number() {
    let o = Office::new();
    o.add(
        "2024-03-20",
        "2024-03-01",
        "窓口の椅子が足りない",
        &["jido"],
        "2024-04-05",
    );
    // The office has issued sheets before (its signing key exists in the backup too).
    let early = o.dir.join("early");
    o.ok(
        "2024-03-20",
        &["request", "--sheets", early.to_str().unwrap()],
    );
    let backup = o.dir.join("before.db");
    o.ok("2024-03-20", &["backup", backup.to_str().unwrap()]);
    let id = o.add(
        "2024-03-20",
        "2024-03-02",
        "授乳室の場所が分からない",
        &["jido"],
        "2024-04-05",
    );
    let sheet = o.issue_sheet("2024-03-20", "issued");
    o.ok(
        "2024-03-21",
        &["restore", "--yes", backup.to_str().unwrap()],
    );
    let reused = o.add(
        "2024-03-21",
        "2024-03-05",
        "駐輪場の屋根が壊れている",
        &["jido"],
        "2024-04-05",
    );
    assert_eq!(reused, id, "the restore gives the number again");
    let filled = o.dir.join("filled.xlsx");
    let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_711_000_000);
    fill(
        &sheet,
        &filled,
        id,
        "授乳室は2階です。案内を増やします。",
        now,
    );
    let plan = o.ok(
        "2024-03-25",
        &["--lang", "ja", "collect", filled.to_str().unwrap()],
    );
    assert!(plan.contains(&format!("#{id} 受け付けません")), "{plan}");
    assert!(plan.contains("回答票を作った後に変わりました"), "{plan}");
    o.ok(
        "2024-03-25",
        &["collect", "--apply", filled.to_str().unwrap()],
    );
    assert_eq!(
        o.count(&format!("SELECT count(*) FROM reply WHERE slip_id = {id}")),
        0
    );
}
