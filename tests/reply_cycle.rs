//! The reply cycle (issue 11): what each reply led to (対応区分), through the real binary
//! on a real SQLite file, and the upgrade of a database whose replies had no outcome.

mod common;

use assert_cmd::Command;
use meyasu::config::Seed;
use meyasu::store::Store;

struct Env {
    dir: common::Dir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: common::Dir::new(),
        }
    }
    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("m.db")
    }
    fn cmd(&self) -> Command {
        let mut c = common::meyasu();
        c.env("MEYASU_DB", self.db())
            .env("MEYASU_TODAY", "2024-03-20")
            .env("MEYASU_USER", "tanaka")
            .args(["--lang", "ja"]);
        c
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn fail(&self, args: &[&str]) -> (i32, String) {
        let out = self.cmd().args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stderr).unwrap(),
        )
    }
}

/// A new slip asked of 区民課 and 総務課; its number.
fn slip(e: &Env, text: &str) -> String {
    let out = e.ok(&[
        "add",
        "--floor",
        "1",
        "--kind",
        "要望",
        "--date",
        "2024-03-01",
        text,
    ]);
    let id: String = out
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    e.ok(&["assign", &id, "kumin", "somu", "--due", "2024-03-15"]);
    id
}

#[test]
fn a_reply_records_its_outcome_by_code_or_name_and_keeps_it() {
    let e = Env::new();
    let id = slip(&e, "窓口の番号札の表示が見えにくい");
    e.ok(&[
        "reply",
        &id,
        "kumin",
        "--text",
        "表示を大きくしました。",
        "--outcome",
        "改善した",
    ]);
    e.ok(&[
        "reply",
        &id,
        "somu",
        "--text",
        "検討します。",
        "--outcome",
        "Will consider",
    ]);
    let shown = e.ok(&["show", &id]);
    assert!(shown.contains("対応区分 改善した"), "{shown}");
    assert!(shown.contains("対応区分 検討する"), "{shown}");
    // Writing the text again without --outcome keeps the outcome on record.
    e.ok(&[
        "reply",
        &id,
        "kumin",
        "--text",
        "表示を大きくし、色も変えました。",
    ]);
    assert!(e.ok(&["show", &id]).contains("対応区分 改善した"));
    // list --outcome finds it by either; report --by outcome counts each reply once.
    assert!(e.ok(&["list", "--outcome", "improved"]).contains("番号札"));
    assert!(!e.ok(&["list", "--outcome", "対応困難"]).contains("番号札"));
    let report = e.ok(&[
        "report", "--fy", "2023", "--by", "outcome", "--format", "csv",
    ]);
    let row = |name: &str| {
        report
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row:\n{report}"))
            .to_string()
    };
    assert!(row("改善した").ends_with(",1"), "{report}");
    assert!(row("検討する").ends_with(",1"), "{report}");
}

#[test]
fn an_unknown_outcome_lists_the_known_ones_and_changes_nothing() {
    let e = Env::new();
    let id = slip(&e, "ベンチを増やしてほしい");
    let (code, err) = e.fail(&[
        "reply",
        &id,
        "kumin",
        "--text",
        "増やします。",
        "--outcome",
        "やった",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("対応区分「やった」はありません"), "{err}");
    assert!(
        err.contains("改善した (improved)") && err.contains("参考 (noted)"),
        "{err}"
    );
    let s = Store::open(&e.db(), &Seed::embedded()).unwrap();
    assert!(
        s.detail(id.parse().unwrap()).unwrap().replies.is_empty(),
        "nothing written"
    );
    drop(s);
    let (_, err) = e.fail(&["list", "--outcome", "やった"]);
    assert!(err.contains("使える対応区分"), "{err}");
}

#[test]
fn replies_written_before_outcomes_keep_none() {
    let e = Env::new();
    let id = slip(&e, "傘立てを置いてほしい");
    e.ok(&["reply", &id, "kumin", "--text", "置きました。"]);
    // Make the file what schema 7 wrote: no outcome table, no column.
    let c = rusqlite::Connection::open(e.db()).unwrap();
    c.execute_batch(
        "PRAGMA foreign_keys = OFF; DROP INDEX reply_by_state;
         ALTER TABLE reply DROP COLUMN outcome; ALTER TABLE reply DROP COLUMN state; ALTER TABLE reply DROP COLUMN return_reason; ALTER TABLE section DROP COLUMN email; ALTER TABLE section DROP COLUMN duties; DROP TABLE template;
         DROP TABLE outcome;
         PRAGMA user_version = 7;",
    )
    .unwrap();
    drop(c);
    let s = Store::open(&e.db(), &Seed::embedded()).unwrap();
    let d = s.detail(id.parse().unwrap()).unwrap();
    assert_eq!(d.replies[0].outcome, None, "none is invented");
    assert_eq!(
        s.catalog().outcomes.len(),
        6,
        "the list is seeded on the upgrade"
    );
    drop(s);
    assert!(e.ok(&["show", &id]).contains("対応区分 未設定"));
    assert!(e.ok(&["list", "--outcome", "未設定"]).contains("傘立て"));
}

/// In the reply form, Ctrl-O steps through the outcomes; saving records the one shown,
/// and changing only the outcome of a reply on record is a change to save.
#[test]
fn the_reply_form_chooses_an_outcome_with_one_key() {
    use crossterm::event::KeyCode;
    use meyasu::i18n::Lang;
    use meyasu::tui::scenes::{ctrl, demo_store, key, press, start, type_text};
    let mut store = demo_store().unwrap();
    let mut app = start(&mut store, Lang::Ja, None, 100, 30);
    // 依頼中 tab, the first slip: waiting for a reply.
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('2')), key(KeyCode::Char('r'))],
    );
    let Some(meyasu::tui::app::Popup::Reply(r)) = &app.popup else {
        panic!("no reply form")
    };
    let (id, section) = (r.target.0, r.current().section.clone());
    type_text(&mut store, &mut app, "来月から改めます。");
    press(&mut store, &mut app, &[ctrl('o'), ctrl('o'), ctrl('s')]);
    assert!(app.popup.is_none());
    let d = store.detail(id).unwrap();
    let reply = d.replies.iter().find(|x| x.section == section).unwrap();
    assert_eq!(reply.outcome.as_deref(), Some("will_improve"));
    // Only the outcome changed: saved too; stepping past the last goes back to none.
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    let target = store
        .list(
            &Default::default(),
            meyasu::store::Order::NewestFirst,
            1000,
            0,
        )
        .unwrap()
        .iter()
        .position(|r| r.id == id);
    assert!(target.is_some());
    app.detail = Some(store.detail(id).unwrap());
    app.screen = meyasu::tui::app::Screen::Detail;
    press(&mut store, &mut app, &[key(KeyCode::Char('r'))]);
    let outcomes = store.catalog().outcomes.len();
    for _ in 0..outcomes - 1 {
        press(&mut store, &mut app, &[ctrl('o')]);
    }
    press(&mut store, &mut app, &[ctrl('s')]);
    let d = store.detail(id).unwrap();
    let reply = d.replies.iter().find(|x| x.section == section).unwrap();
    assert_eq!(reply.text, "来月から改めます。");
    assert_eq!(
        reply.outcome, None,
        "past the last: none again, and kept so"
    );
}

/// Export writes each reply's outcome in 対応区分 (per section when they differ or one is
/// missing); importing the file gives every reply its own outcome back and invents none.
/// An unknown outcome in a row names its line and column, and nothing is imported.
#[test]
fn outcomes_go_out_and_come_back_in_the_spreadsheet() {
    let e = Env::new();
    let id = slip(&e, "ロビーの椅子が足りない");
    e.ok(&[
        "reply",
        &id,
        "kumin",
        "--text",
        "増やしました。",
        "--outcome",
        "improved",
    ]);
    e.ok(&["reply", &id, "somu", "--text", "承知しました。"]);
    let file = e.dir.path().join("out.csv");
    e.ok(&["export", "-o", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("対応区分"), "{text}");
    assert!(text.contains("【区民課】改善した"), "{text}");
    let other = Env::new();
    other.ok(&["import", file.to_str().unwrap()]);
    let s = Store::open(&other.db(), &Seed::embedded()).unwrap();
    let d = s.detail(1).unwrap();
    let of = |sec: &str| {
        d.replies
            .iter()
            .find(|r| r.section == sec)
            .unwrap()
            .outcome
            .clone()
    };
    assert_eq!(of("kumin").as_deref(), Some("improved"));
    assert_eq!(of("somu"), None, "none is invented");
    drop(s);
    // A bad outcome: line and column named, nothing imported.
    let bad = e.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "受付日,階,種別,担当課,内容,回答,回答日,対応区分\n\
         2024-03-01,1階,要望,区民課,傘立てがほしい,置きました,2024-03-05,改善した\n\
         2024-03-02,1階,要望,区民課,時計がほしい,付けました,2024-03-05,やりました\n",
    )
    .unwrap();
    let third = Env::new();
    let (_, err) = third.fail(&["import", bad.to_str().unwrap()]);
    assert!(err.contains("3 行目 8 列（対応区分）"), "{err}");
    assert!(err.contains("使える対応区分"), "{err}");
    let s = Store::open(&third.db(), &Seed::embedded()).unwrap();
    assert_eq!(s.count(&Default::default()).unwrap(), 0, "nothing imported");
}

/// The public reply list shows what each reply led to, where the section recorded it.
#[test]
fn the_public_list_shows_the_outcome() {
    let e = Env::new();
    let id = slip(&e, "授乳室の案内を増やしてほしい");
    e.ok(&[
        "reply",
        &id,
        "kumin",
        "--text",
        "案内板を増やしました。",
        "--outcome",
        "improved",
    ]);
    e.ok(&["reply", &id, "somu", "--text", "承知しました。"]);
    let csv = e.ok(&["publish", "--fy", "2023", "--format", "csv"]);
    assert!(csv.lines().next().unwrap().ends_with("対応区分"), "{csv}");
    assert!(csv.contains("【区民課】改善した"), "{csv}");
    let html = e.ok(&["publish", "--fy", "2023", "--format", "html"]);
    assert!(
        html.contains("<span class=\"outcome\">改善した</span>"),
        "{html}"
    );
    assert_eq!(
        html.matches("class=\"outcome\">").count(),
        1,
        "none for the other"
    );
}

/// Review: a liaison's reply waits for the team; returned with a reason it is flagged to
/// the liaison, who writes it again; only when every section's reply is approved is the
/// slip 回答済. Approving what is not there, returning without a reason and a liaison
/// approving are refused and change nothing. With review off, a liaison's reply counts.
#[test]
fn a_liaisons_reply_waits_for_review_and_can_be_sent_back() {
    let e = Env::new();
    let id = slip(&e, "エレベーターの案内表示が分かりにくい");
    let liaison = |sec: &str, args: &[&str]| {
        let out = e
            .cmd()
            .env("MEYASU_SECTION", sec)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, out, _) = liaison(
        "kumin",
        &["reply", &id, "kumin", "--text", "表示を直します。"],
    );
    assert_eq!(code, 0);
    assert!(out.contains("承認待ち"), "{out}");
    assert!(e.ok(&["list", "--review"]).contains("案内表示"));
    assert!(e.ok(&["list"]).contains("回答依頼中（承認待ち）"));
    // Nothing to approve for 総務課 yet; no reason, no return; a liaison cannot approve.
    let (_, err) = e.fail(&["approve", &id, "somu"]);
    assert!(err.contains("総務課の回答はありません"), "{err}");
    let (_, err) = e.fail(&["return", &id, "kumin"]);
    assert!(err.contains("理由が必要"), "{err}");
    let (code, _, err) = liaison("kumin", &["approve", &id, "kumin"]);
    assert_ne!(code, 0, "{err}");
    // Sent back with a reason: the liaison sees it in list and show.
    e.ok(&[
        "return",
        &id,
        "kumin",
        "--reason",
        "いつまでに直すか書いてください",
    ]);
    let (_, out, _) = liaison("kumin", &["list", "--returned"]);
    assert!(out.contains("差し戻し"), "{out}");
    let (_, out, _) = liaison("kumin", &["show", &id]);
    assert!(
        out.contains("[差し戻し] いつまでに直すか書いてください"),
        "{out}"
    );
    // Written again: waiting again; approving it (and 総務課's) answers the slip.
    liaison(
        "kumin",
        &[
            "reply",
            &id,
            "kumin",
            "--text",
            "4月末までに表示を直します。",
        ],
    );
    let (_, out, _) = liaison("somu", &["reply", &id, "somu", "--text", "承知しました。"]);
    assert!(out.contains("承認待ち"), "{out}");
    let out = e.ok(&["approve", &id, "kumin"]);
    assert!(out.contains("承認しました"), "{out}");
    assert!(!out.contains("回答済"), "one section still waits: {out}");
    let out = e.ok(&["approve", &id, "somu"]);
    assert!(out.contains("回答済"), "{out}");
    let (_, err) = e.fail(&["approve", &id, "somu"]);
    assert!(err.contains("承認待ちではありません（承認済）"), "{err}");
    // The history has each step.
    let shown = e.ok(&["show", &id]);
    for step in ["差し戻し", "回答承認", "回答済"] {
        assert!(shown.contains(step), "{step}: {shown}");
    }
    // With review off, a liaison's reply counts at once.
    e.ok(&["settings", "set", "review_replies", "false"]);
    let other = slip(&e, "駐輪場の照明が暗い");
    liaison(
        "kumin",
        &["reply", &other, "kumin", "--text", "照明を替えます。"],
    );
    let (_, out, _) = liaison("somu", &["reply", &other, "somu", "--text", "了解です。"]);
    assert!(out.contains("回答済"), "{out}");
    let (_, err) = e.fail(&["settings", "set", "review_replies", "maybe"]);
    assert!(err.contains("review_replies true|false"), "{err}");
}

/// The TUI: a liaison's reply shows in the team's 承認待ち tab; the team sends it back
/// from the slip's review popup with a reason; the liaison's 差し戻し tab and the slip
/// show it with the reason; written again and approved, the slip is 回答済.
#[test]
fn review_in_the_tui_from_both_sides() {
    use crossterm::event::KeyCode;
    use meyasu::domain::{ReplyState, Status};
    use meyasu::i18n::Lang;
    use meyasu::tui::scenes::{
        buffer_text, ctrl, demo_store, key, press, render, start, type_text,
    };
    let mut store = demo_store().unwrap();
    // Slip 72 waits for 児童家庭課 alone; its liaison replies.
    store.set_liaison(Some("jido".into()));
    store
        .reply(
            72,
            "jido",
            "書類を減らせるか検討します。",
            chrono::NaiveDate::from_ymd_opt(2024, 3, 18).unwrap(),
            None,
        )
        .unwrap();
    store.set_liaison(None);
    assert_eq!(store.slip(72).unwrap().status, Status::Assigned);
    let mut team = start(&mut store, Lang::Ja, None, 110, 30);
    press(&mut store, &mut team, &[key(KeyCode::Char('7'))]);
    let screen = buffer_text(&render(&team, 110, 30).0);
    assert!(screen.contains("承認待ち 1"), "{screen}");
    assert!(screen.contains("保育園の申込書類"), "{screen}");
    press(&mut store, &mut team, &[key(KeyCode::Enter)]);
    let screen = buffer_text(&render(&team, 110, 30).0);
    assert!(screen.contains("[承認待ち]"), "{screen}");
    press(
        &mut store,
        &mut team,
        &[key(KeyCode::Char('v')), key(KeyCode::Char('x'))],
    );
    // No reason, no return.
    press(&mut store, &mut team, &[key(KeyCode::Enter)]);
    let screen = buffer_text(&render(&team, 110, 30).0);
    assert!(screen.contains("理由が必要"), "{screen}");
    type_text(&mut store, &mut team, "いつまでに決めるか書いてください");
    press(&mut store, &mut team, &[key(KeyCode::Enter)]);
    assert!(team.popup.is_none());
    let r = store
        .detail(72)
        .unwrap()
        .replies
        .into_iter()
        .find(|r| r.section == "jido")
        .unwrap();
    assert_eq!(r.state, ReplyState::Returned);
    // The liaison: the 差し戻し tab, the mark, the reason; writes it again.
    let mut liaison = start(&mut store, Lang::Ja, Some("jido"), 110, 30);
    let screen = buffer_text(&render(&liaison, 110, 30).0);
    assert!(screen.contains("差し戻し 1"), "{screen}");
    press(&mut store, &mut liaison, &[key(KeyCode::Char('5'))]);
    press(&mut store, &mut liaison, &[key(KeyCode::Enter)]);
    let screen = buffer_text(&render(&liaison, 110, 30).0);
    assert!(
        screen.contains("差し戻す理由: いつまでに決めるか書いてください"),
        "{screen}"
    );
    assert!(!screen.contains("── 履歴"), "a liaison sees no history");
    press(
        &mut store,
        &mut liaison,
        &[key(KeyCode::Char('r')), ctrl('e')],
    );
    type_text(&mut store, &mut liaison, "4月中に決めます。");
    press(&mut store, &mut liaison, &[ctrl('s')]);
    let r = store
        .detail(72)
        .unwrap()
        .replies
        .into_iter()
        .find(|r| r.section == "jido")
        .unwrap();
    assert_eq!(r.state, ReplyState::Draft);
    assert!(r.text.ends_with("4月中に決めます。"), "{}", r.text);
    // A liaison has no review key.
    press(&mut store, &mut liaison, &[key(KeyCode::Char('v'))]);
    assert!(liaison.popup.is_none());
    // The team approves it: 回答済. (One store stands for both terminals here: it
    // writes as the team again.)
    store.set_liaison(None);
    press(
        &mut store,
        &mut team,
        &[
            key(KeyCode::Esc),
            key(KeyCode::Char('7')),
            key(KeyCode::Enter),
        ],
    );
    press(
        &mut store,
        &mut team,
        &[key(KeyCode::Char('v')), key(KeyCode::Char('a'))],
    );
    assert_eq!(
        store.slip(72).unwrap().status,
        Status::Answered,
        "{}",
        buffer_text(&render(&team, 110, 30).0)
    );
}

/// Templates: added, listed, changed and removed from the shell; a liaison sees and
/// changes only their own section's; a number that does not exist is named.
#[test]
fn templates_from_the_shell() {
    let e = Env::new();
    e.ok(&["init"]);
    let out = e.ok(&[
        "templates",
        "add",
        "kumin",
        "--text",
        "ご意見ありがとうございます。窓口で案内します。",
        "--title",
        "窓口案内",
    ]);
    assert!(out.contains("定型文 1 を登録しました"), "{out}");
    e.ok(&[
        "templates",
        "add",
        "somu",
        "--text",
        "施設の改修を検討します。",
    ]);
    let all = e.ok(&["templates"]);
    assert!(
        all.contains("窓口案内") && all.contains("施設の改修を検討します"),
        "{all}"
    );
    let out = e
        .cmd()
        .env("MEYASU_SECTION", "kumin")
        .args(["templates"])
        .output()
        .unwrap();
    let mine = String::from_utf8(out.stdout).unwrap();
    assert!(
        mine.contains("窓口案内") && !mine.contains("施設の改修"),
        "{mine}"
    );
    let out = e
        .cmd()
        .env("MEYASU_SECTION", "kumin")
        .args(["templates", "remove", "2"])
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "a liaison cannot remove another section's"
    );
    e.ok(&[
        "templates",
        "edit",
        "1",
        "--text",
        "窓口で詳しく案内します。",
    ]);
    assert!(
        e.ok(&["templates", "--for", "区民課"])
            .contains("窓口で詳しく案内します")
    );
    e.ok(&["templates", "remove", "1"]);
    let (_, err) = e.fail(&["templates", "remove", "1"]);
    assert!(err.contains("定型文 1 はありません"), "{err}");
}

/// The reply form offers the section's templates and the replies given to similar slips:
/// Ctrl-N steps, Ctrl-T inserts; Ctrl-K keeps the draft as a template.
#[test]
fn the_reply_form_inserts_templates_and_past_replies() {
    use crossterm::event::KeyCode;
    use meyasu::i18n::Lang;
    use meyasu::tui::app::{AidSource, Popup};
    use meyasu::tui::scenes::{ctrl, demo_store, key, press, start, type_text};
    let mut store = demo_store().unwrap();
    store
        .add_template("somu", Some("巡回"), "警備員の巡回を増やします。")
        .unwrap();
    // A new slip like slip 7 (自転車が止められて…), which 総務課 answered.
    let id = store
        .add_slip(&meyasu::store::NewSlip {
            received_on: chrono::NaiveDate::from_ymd_opt(2024, 3, 19).unwrap(),
            floor: "1F".into(),
            kind: "complaint".into(),
            body: "玄関の前に自転車が止められていて通りにくい".into(),
            summary: None,
        })
        .unwrap();
    store
        .assign(
            id,
            &["somu".to_string()],
            chrono::NaiveDate::from_ymd_opt(2024, 4, 2).unwrap(),
            None,
        )
        .unwrap();
    let mut app = start(&mut store, Lang::Ja, None, 110, 34);
    app.detail = Some(store.detail(id).unwrap());
    app.screen = meyasu::tui::app::Screen::Detail;
    press(&mut store, &mut app, &[key(KeyCode::Char('r'))]);
    let Some(Popup::Reply(r)) = &app.popup else {
        panic!("no reply form")
    };
    let shown = r.aids_shown();
    assert!(
        matches!(&shown[0].source, AidSource::Template(t, _) if t == "巡回"),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|a| a.source == AidSource::Past(7) && a.text.contains("巡回を強化")),
        "{shown:?}"
    );
    // Insert the template, then the past reply after it.
    press(&mut store, &mut app, &[ctrl('t')]);
    type_text(&mut store, &mut app, "\n");
    let past = {
        let Some(Popup::Reply(r)) = &app.popup else {
            panic!()
        };
        r.aids_shown()
            .iter()
            .position(|a| a.source == AidSource::Past(7))
            .unwrap()
    };
    for _ in 0..past {
        press(&mut store, &mut app, &[ctrl('n')]);
    }
    press(&mut store, &mut app, &[ctrl('t'), ctrl('s')]);
    let reply = store.detail(id).unwrap().replies.remove(0);
    assert!(
        reply.text.starts_with("警備員の巡回を増やします。\n"),
        "{}",
        reply.text
    );
    assert!(reply.text.contains("巡回を強化"), "{}", reply.text);
    // Ctrl-K keeps a draft as a template of its section.
    let before = store.templates(Some("somu")).unwrap().len();
    press(&mut store, &mut app, &[key(KeyCode::Char('r')), ctrl('k')]);
    assert_eq!(store.templates(Some("somu")).unwrap().len(), before + 1);
    assert!(app.popup.is_some(), "the form stays open");
    // Ctrl-X on the template chosen asks first, then removes it.
    press(&mut store, &mut app, &[ctrl('x')]);
    assert_eq!(
        store.templates(Some("somu")).unwrap().len(),
        before + 1,
        "asked first"
    );
    press(&mut store, &mut app, &[ctrl('x')]);
    assert_eq!(store.templates(Some("somu")).unwrap().len(), before);
}
