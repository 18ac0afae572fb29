//! Triage and replies never hide or overwrite what a section wrote (issue 15): the store,
//! the shell commands and the TUI, each against a real SQLite file.

mod common;

use assert_cmd::Command;
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use meyasu::config::Seed;
use meyasu::domain::{SectionChange, Status};
use meyasu::i18n::Lang;
use meyasu::store::{NewSlip, SlipEdit, Store};
use meyasu::tui::app::{Effect, Outcome, Popup, Screen};
use meyasu::tui::runner::perform;
use meyasu::tui::scenes::{self, ctrl, key};
use meyasu::{Error, domain::TransitionError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn v(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

/// A slip answered by 区民課 and 児童家庭課.
fn answered(s: &mut Store) -> i64 {
    s.set_actor("tanaka");
    let id = s
        .add_slip(&NewSlip {
            received_on: d(2024, 2, 10),
            floor: "1階".into(),
            kind: "要望".into(),
            body: "保育園の申込みと転入の手続きを一度にできるようにしてほしい。".into(),
            summary: None,
        })
        .unwrap();
    s.assign(id, &v(&["kumin", "jido"]), d(2024, 2, 24), None)
        .unwrap();
    s.reply(id, "kumin", "窓口で案内します。", d(2024, 2, 12), None)
        .unwrap();
    let slip = s
        .reply(id, "jido", "申込書を見直します。", d(2024, 2, 13), None)
        .unwrap();
    assert_eq!(slip.status, Status::Answered);
    id
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("m.db"), &Seed::embedded()).unwrap()
}

// ---- Bug 1: assigning adds; removing a section that replied is explicit --------------

#[test]
fn assigning_adds_a_section_and_keeps_the_replies() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let id = answered(&mut s);
    let slip = s.assign(id, &v(&["hoken"]), d(2024, 3, 1), None).unwrap();
    assert_eq!(slip.sections, ["kumin", "hoken", "jido"], "table order");
    assert_eq!(slip.status, Status::Assigned, "保険年金課 has yet to reply");
    let detail = s.detail(id).unwrap();
    assert_eq!(detail.replies.len(), 2, "both replies still there");
}

#[test]
fn removing_a_section_that_replied_needs_confirmation_and_keeps_its_reply() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let id = answered(&mut s);
    let before = s.slip(id).unwrap();
    let replace = SectionChange::Replace(v(&["hoken"]));
    let err = s
        .change_sections(id, &replace, None, false, None)
        .unwrap_err();
    match &err {
        Error::RemovesReplied { sections, .. } => assert_eq!(sections, &v(&["kumin", "jido"])),
        other => panic!("{other:?}"),
    }
    assert!(err.message(Lang::Ja).contains("--even-if-replied"));
    assert_eq!(s.slip(id).unwrap(), before, "nothing changed");

    let (slip, plan) = s.change_sections(id, &replace, None, true, None).unwrap();
    assert_eq!(slip.sections, ["hoken"]);
    assert_eq!(plan.removed_replied, v(&["kumin", "jido"]));
    let detail = s.detail(id).unwrap();
    assert_eq!(detail.replies.len(), 2, "the replies stay on record");
    assert!(
        detail.history.iter().any(|e| e.action == "unassigned"),
        "{:?}",
        detail.history
    );
}

// ---- Bug 5: removing the last unreplied section answers the slip ---------------------

#[test]
fn removing_the_last_unreplied_section_makes_the_slip_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let id = answered(&mut s);
    s.assign(id, &v(&["hoken"]), d(2024, 3, 1), None).unwrap();
    let (slip, _) = s
        .change_sections(id, &SectionChange::Remove(v(&["hoken"])), None, false, None)
        .unwrap();
    assert_eq!(slip.status, Status::Answered);
    let err = s
        .change_sections(id, &SectionChange::Remove(v(&["somu"])), None, false, None)
        .unwrap_err();
    assert!(matches!(err, Error::NotTagged { .. }), "{err:?}");
    let err = s
        .change_sections(
            id,
            &SectionChange::Remove(v(&["kumin", "jido"])),
            None,
            true,
            None,
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::Transition(TransitionError::NeedSections)),
        "{err:?}"
    );
}

// ---- Bugs 1, 5 and 8 through the binary ------------------------------------------------

struct Bin {
    dir: common::Dir,
}

impl Bin {
    fn new() -> Bin {
        let b = Bin {
            dir: common::Dir::new(),
        };
        let mut s = Store::open(&b.dir.path().join("m.db"), &Seed::embedded()).unwrap();
        answered(&mut s);
        b
    }

    fn cmd(&self) -> Command {
        let mut c = common::meyasu();
        c.env("MEYASU_DB", self.dir.path().join("m.db"))
            .env("MEYASU_TODAY", "2024-03-01")
            .env("MEYASU_USER", "tanaka")
            .args(["--lang", "ja"]);
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn fail(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().failure();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }
}

#[test]
fn cli_assign_adds_and_unassign_is_explicit() {
    let b = Bin::new();
    let out = b.ok(&["assign", "1", "hoken"]);
    assert!(out.contains("回答済 → 回答依頼中"), "{out}");
    assert!(out.contains("区民課・保険年金課・児童家庭課"), "{out}");
    let show = b.ok(&["show", "1"]);
    assert!(show.contains("窓口で案内します。"), "{show}");
    assert!(show.contains("申込書を見直します。"), "{show}");

    // Removing hoken (no reply) answers the slip again.
    let out = b.ok(&["unassign", "1", "hoken"]);
    assert!(out.contains("回答依頼中 → 回答済"), "{out}");

    // Removing a section that replied is refused without the flag, and changes nothing.
    let err = b.fail(&["unassign", "1", "kumin"]);
    assert!(err.contains("--even-if-replied"), "{err}");
    let err = b.fail(&["assign", "1", "hoken", "--replace"]);
    assert!(err.contains("区民課") || err.contains("kumin"), "{err}");
    assert!(b.ok(&["show", "1"]).contains("担当課: 区民課・児童家庭課"));

    let out = b.ok(&["unassign", "1", "kumin", "--even-if-replied"]);
    assert!(out.contains("残してあります"), "{out}");
    let show = b.ok(&["show", "1"]);
    assert!(show.contains("担当課: 児童家庭課"), "{show}");
    assert!(
        show.contains("区民課（2024-02-12 tanaka）［担当から外れた課の回答］"),
        "{show}"
    );
    assert!(show.contains("窓口で案内します。"), "{show}");
}

#[test]
fn cli_in_liaison_mode_reads_and_replies_for_that_section_only() {
    let b = Bin::new();
    b.ok(&["assign", "1", "hoken"]);
    let liaison = |args: &[&str]| {
        let mut c = b.cmd();
        c.env("MEYASU_SECTION", "hoken").args(args);
        c
    };
    for args in [
        &["assign", "1", "somu"][..],
        &["status", "1", "no_reply"],
        &["export"],
        &["list", "--section", "kumin"],
        &["reply", "1", "kumin", "--text", "x"],
    ] {
        let out = liaison(args).assert().failure();
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains("連絡員モード"), "{args:?}: {err}");
    }
    assert!(
        !b.ok(&["show", "1"]).contains("somu"),
        "the refused assign changed nothing"
    );
    let out = liaison(&["show", "1"]).assert().success();
    let show = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!show.contains("窓口で案内します。"), "{show}");
    assert!(!show.contains("履歴"), "{show}");
    liaison(&["reply", "1", "hoken", "--text", "保険の窓口も案内します。"])
        .assert()
        .success();
    let out = liaison(&["list"]).assert().success();
    let list = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(list.lines().count(), 2, "{list}");
    // A second database without the section's slips lists none.
    let out = liaison(&["list", "--section", "hoken"]).assert().success();
    assert_eq!(String::from_utf8_lossy(&out.get_output().stdout), list);
}

// ---- The TUI ------------------------------------------------------------------------

fn tui_store() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let id = answered(&mut s);
    (dir, s, id)
}

#[test]
fn tui_bulk_assign_says_what_it_will_do_first() {
    let (_dir, mut s, id) = tui_store();
    let other = s
        .add_slip(&NewSlip {
            received_on: d(2024, 2, 11),
            floor: "2階".into(),
            kind: "苦情".into(),
            body: "駐輪場が狭い".into(),
            summary: None,
        })
        .unwrap();
    let mut a = scenes::start(&mut s, Lang::Ja, None, 120, 30);
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('6'))]);
    scenes::press(
        &mut s,
        &mut a,
        &[key(KeyCode::Char(' ')), key(KeyCode::Char(' '))],
    );
    assert_eq!(a.marked.len(), 2);
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('a'))]);
    let text = scenes::buffer_text(&scenes::render(&a, 120, 30).0);
    assert!(text.contains("各投書に追加"), "{text}");
    scenes::type_text(&mut s, &mut a, "hoken");
    scenes::press(&mut s, &mut a, &[key(KeyCode::Enter), ctrl('s')]);
    // Nothing written yet: the plan is on screen.
    assert_eq!(s.slip(id).unwrap().status, Status::Answered);
    let text = scenes::buffer_text(&scenes::render(&a, 120, 30).0);
    assert!(text.contains(&format!("#{id}")), "{text}");
    assert!(text.contains("回答済 → 回答依頼中"), "{text}");
    assert!(text.contains("受付 → 回答依頼中"), "{text}");
    scenes::press(&mut s, &mut a, &[ctrl('s')]);
    assert!(a.popup.is_none());
    assert_eq!(s.slip(id).unwrap().sections, ["kumin", "hoken", "jido"]);
    assert_eq!(s.slip(other).unwrap().sections, ["hoken"]);
    assert_eq!(s.detail(id).unwrap().replies.len(), 2);
}

#[test]
fn tui_removing_a_section_that_replied_asks_and_keeps_the_reply_in_view() {
    let (_dir, mut s, id) = tui_store();
    let mut a = scenes::start(&mut s, Lang::Ja, None, 120, 30);
    perform(&mut s, &mut a, Effect::LoadDetail(id));
    a.screen = Screen::Detail;
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('a'))]);
    scenes::type_text(&mut s, &mut a, "kumin");
    // Untick 区民課, save: the dialog asks first.
    scenes::press(&mut s, &mut a, &[key(KeyCode::Enter), ctrl('s')]);
    let Some(Popup::Triage(t)) = &a.popup else {
        panic!("{:?}", a.popup)
    };
    assert!(t.confirm.is_some());
    let text = scenes::buffer_text(&scenes::render(&a, 120, 30).0);
    assert!(text.contains("区民課 を外す"), "{text}");
    assert_eq!(s.slip(id).unwrap().sections, ["kumin", "jido"], "not yet");
    // Esc goes back to editing, not away.
    scenes::press(&mut s, &mut a, &[key(KeyCode::Esc)]);
    assert!(matches!(&a.popup, Some(Popup::Triage(t)) if t.confirm.is_none()));
    scenes::press(&mut s, &mut a, &[ctrl('s'), ctrl('s')]);
    assert_eq!(s.slip(id).unwrap().sections, ["jido"]);
    let text = scenes::buffer_text(&scenes::render(&a, 120, 40).0);
    assert!(text.contains("担当から外れた課の回答"), "{text}");
    assert!(text.contains("窓口で案内します。"), "{text}");
}

// ---- Bug 2: r from the inbox opens the same pre-filled form as from the detail ---------

#[test]
fn tui_reply_from_the_inbox_is_prefilled_and_says_it_replaces() {
    let (_dir, mut s, id) = tui_store();
    let mut a = scenes::start(&mut s, Lang::Ja, None, 120, 30);
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('4'))]);
    assert_eq!(a.list.current().map(|r| r.id), Some(id));
    let e = a.handle_key(key(KeyCode::Char('r')));
    assert_eq!(e, Effect::OpenReply(id));
    perform(&mut s, &mut a, e);
    let Some(Popup::Reply(r)) = &a.popup else {
        panic!("{:?}", a.popup)
    };
    assert!(r.drafts.iter().all(|d| d.existing.is_some()));
    let text = scenes::buffer_text(&scenes::render(&a, 120, 30).0);
    assert!(text.contains("区民課 ✓"), "{text}");
    assert!(text.contains("窓口で案内します。"), "{text}");
    assert!(text.contains("置き換えます"), "{text}");
    scenes::type_text(&mut s, &mut a, "電話でも案内します。");
    scenes::press(&mut s, &mut a, &[ctrl('s')]);
    let flash = a.flash.clone().unwrap().0;
    assert!(flash.contains("書き換えました"), "{flash}");
    let r = s.detail(id).unwrap().replies;
    assert_eq!(r[0].text, "窓口で案内します。電話でも案内します。");
}

// ---- Bug 3: the reply dialog keeps every draft ---------------------------------------

#[test]
fn tui_reply_drafts_survive_tab_and_esc_asks_first() {
    let (_dir, mut s, id) = tui_store();
    s.assign(id, &v(&["hoken", "somu"]), d(2024, 3, 1), None)
        .unwrap();
    let mut a = scenes::start(&mut s, Lang::Ja, None, 120, 30);
    perform(&mut s, &mut a, Effect::LoadDetail(id));
    a.screen = Screen::Detail;
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('r'))]);
    // Sections still to reply come first.
    let order: Vec<String> = match &a.popup {
        Some(Popup::Reply(r)) => r.drafts.iter().map(|d| d.section.clone()).collect(),
        other => panic!("{other:?}"),
    };
    let mut last: Vec<&str> = order[2..].iter().map(String::as_str).collect();
    last.sort();
    assert_eq!(last, ["jido", "kumin"], "replied ones last: {order:?}");
    scenes::type_text(&mut s, &mut a, "一つ目の課の下書き");
    scenes::press(&mut s, &mut a, &[key(KeyCode::Tab)]);
    scenes::type_text(&mut s, &mut a, "二つ目");
    scenes::press(&mut s, &mut a, &[key(KeyCode::BackTab)]);
    let Some(Popup::Reply(r)) = &a.popup else {
        panic!()
    };
    assert_eq!(r.cursor, 0, "Shift-Tab goes back");
    assert_eq!(
        meyasu::tui::app::value(&r.drafts[0].text),
        "一つ目の課の下書き"
    );
    assert_eq!(meyasu::tui::app::value(&r.drafts[1].text), "二つ目");
    // Esc asks before throwing drafts away.
    scenes::press(&mut s, &mut a, &[key(KeyCode::Esc)]);
    assert!(matches!(a.popup, Some(Popup::Reply(_))));
    // Saving keeps both drafts.
    scenes::press(&mut s, &mut a, &[ctrl('s')]);
    assert!(a.popup.is_none(), "{:?}", a.flash);
    let replies = s.detail(id).unwrap().replies;
    assert!(replies.iter().any(|r| r.text == "一つ目の課の下書き"));
    assert!(replies.iter().any(|r| r.text == "二つ目"));
    assert_eq!(s.slip(id).unwrap().status, Status::Answered);
}

#[test]
fn tui_reply_esc_twice_discards() {
    let (_dir, mut s, id) = tui_store();
    let mut a = scenes::start(&mut s, Lang::Ja, None, 120, 30);
    perform(&mut s, &mut a, Effect::LoadDetail(id));
    a.screen = Screen::Detail;
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('r'))]);
    scenes::type_text(&mut s, &mut a, "追記");
    scenes::press(&mut s, &mut a, &[key(KeyCode::Esc)]);
    assert!(a.popup.is_some());
    let text = scenes::buffer_text(&scenes::render(&a, 120, 30).0);
    assert!(text.contains("もう一度 Esc"), "{text}");
    scenes::press(&mut s, &mut a, &[key(KeyCode::Esc)]);
    assert!(a.popup.is_none());
    assert_eq!(s.detail(id).unwrap().replies[0].text, "窓口で案内します。");
}

// ---- Bug 4: liaison help names the liaison's tabs --------------------------------------

#[test]
fn liaison_help_names_the_tabs_shown() {
    let mut s = scenes::demo_store().unwrap();
    let mut a = scenes::start(&mut s, Lang::Ja, Some("jido"), 100, 40);
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('?'))]);
    let text = scenes::buffer_text(&scenes::render(&a, 100, 40).0);
    let line = |k: &str| {
        text.lines()
            .find(|l| l.contains(&format!("│ {k} ")))
            .unwrap_or_else(|| panic!("no line for {k}:\n{text}"))
            .to_string()
    };
    assert!(line("1").contains("依頼中タブ"), "{text}");
    assert!(line("2").contains("期限超過タブ"), "{text}");
    assert!(line("4").contains("すべてタブ"), "{text}");
    assert!(!text.contains("未処理タブ"), "{text}");
    // With review on (the default), the fifth is the liaison's 差し戻し tab.
    assert!(line("5").contains("差し戻しタブ"), "{text}");
    assert!(!text.contains("│ 6 "), "{text}");
}

// ---- Bug 6: c counts again ---------------------------------------------------------

#[test]
fn clearing_the_filter_counts_again() {
    for liaison in [None, Some("jido")] {
        let mut s = scenes::demo_store().unwrap();
        let mut a = scenes::start(&mut s, Lang::Ja, liaison, 120, 30);
        let all_tab = a.tabs().len() as u8;
        scenes::press(
            &mut s,
            &mut a,
            &[key(KeyCode::Char(char::from(b'0' + all_tab)))],
        );
        let before = (a.counts.clone(), a.list.total);
        scenes::press(&mut s, &mut a, &[key(KeyCode::Char('/'))]);
        scenes::type_text(&mut s, &mut a, "保育");
        scenes::press(&mut s, &mut a, &[key(KeyCode::Enter)]);
        assert_ne!((a.counts.clone(), a.list.total), before, "{liaison:?}");
        assert!(
            matches!(a.handle_key(key(KeyCode::Char('c'))), Effect::LoadList(_)),
            "{liaison:?}"
        );
        scenes::press(&mut s, &mut a, &[key(KeyCode::Char('c'))]);
        assert_eq!((a.counts.clone(), a.list.total), before, "{liaison:?}");
    }
}

// ---- Bug 7: editing without a change writes nothing; a change shows where ----------

#[test]
fn editing_without_a_change_writes_no_history() {
    let (_dir, mut s, id) = tui_store();
    let mut a = scenes::start(&mut s, Lang::Ja, None, 120, 30);
    perform(&mut s, &mut a, Effect::LoadDetail(id));
    a.screen = Screen::Detail;
    let events = s.detail(id).unwrap().history.len();
    let version = s.slip(id).unwrap().version;
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('e')), ctrl('s')]);
    assert_eq!(s.detail(id).unwrap().history.len(), events);
    assert_eq!(s.slip(id).unwrap().version, version);
    let flash = a.flash.clone().unwrap().0;
    assert!(flash.contains("変更はありません"), "{flash}");

    let long = "保育園の申込みと転入の手続きを一度にできるようにしてほしい。";
    let fixed = "保育園の申込みと転居の手続きを一度にできるようにしてほしい。";
    s.edit_slip(
        id,
        &SlipEdit {
            body: Some(fixed.into()),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert_eq!(s.detail(id).unwrap().history.len(), events + 1);
    assert_ne!(long, fixed);
    perform(&mut s, &mut a, Effect::LoadDetail(id));
    let text = scenes::buffer_text(&scenes::render(&a, 120, 40).0);
    let line = text
        .lines()
        .find(|l| l.contains("修正"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("転入") && line.contains("転居"), "{line}");
    assert!(line.contains("内容"), "field named in Japanese: {line}");
    assert!(!line.contains("body"), "{line}");
}

// ---- Bug 10: no reply on a closed slip, in words of the screen ------------------------

#[test]
fn liaison_is_not_offered_a_reply_on_a_closed_slip() {
    let (_dir, mut s, id) = tui_store();
    s.set_status(id, Status::Published, None, None).unwrap();
    let mut a = scenes::start(&mut s, Lang::Ja, Some("kumin"), 120, 30);
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('4'))]);
    assert_eq!(a.list.current().map(|r| r.id), Some(id));
    let text = scenes::buffer_text(&scenes::render(&a, 120, 30).0);
    let footer = text.lines().last().unwrap();
    assert!(!footer.contains("回答入力"), "{footer}");
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('r'))]);
    assert!(a.popup.is_none());
    let flash = a.flash.clone().unwrap().0;
    assert!(flash.contains("公表済のため"), "{flash}");
    assert!(!flash.contains("→"), "no transition talk: {flash}");
    // The store says it in plain words too.
    let err = s
        .reply(id, "kumin", "x", d(2024, 3, 1), None)
        .unwrap_err()
        .message(Lang::Ja);
    assert!(err.contains("回答を書けません"), "{err}");
    a.apply(Outcome::Done(String::new()));
}

// ---- Voiding a slip entered by mistake ---------------------------------------------------

#[test]
fn a_voided_slip_leaves_every_list_and_count_and_comes_back() {
    let (_dir, mut s, id) = tui_store();
    let all = meyasu::store::Filter::default();
    assert_eq!(s.count(&all).unwrap(), 1);
    let err = s.void_slip(id, " ", None).unwrap_err();
    assert!(matches!(
        err,
        Error::Transition(TransitionError::NeedReason)
    ));
    s.void_slip(id, "同じ投書を二度入力した", None).unwrap();
    assert_eq!(s.count(&all).unwrap(), 0);
    let voided = meyasu::store::Filter {
        voided: true,
        ..Default::default()
    };
    assert_eq!(s.count(&voided).unwrap(), 1);
    let r = meyasu::report::build(
        &s,
        meyasu::report::Period::FiscalYear(2023),
        meyasu::domain::Dimension::Section,
        Lang::Ja,
        d(2024, 3, 1),
    )
    .unwrap();
    assert_eq!(r.slips.total, 0, "not counted");
    assert!(r.replies.is_empty(), "no reply figures either");
    assert!(r.due.iter().all(|x| x.answered == 0 && x.due == 0));
    // Nothing else changes a voided slip.
    let err = s
        .assign(id, &v(&["hoken"]), d(2024, 3, 1), None)
        .unwrap_err();
    assert!(matches!(err, Error::Voided(_)), "{err:?}");
    let slip = s.restore_slip(id, None).unwrap();
    assert_eq!(slip.status, Status::Answered, "back as it was");
    assert_eq!(s.count(&all).unwrap(), 1);
    let actions: Vec<String> = s
        .detail(id)
        .unwrap()
        .history
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.ends_with(&["voided".into(), "unvoided".into()]));
}

#[test]
fn cli_void_and_undo() {
    let b = Bin::new();
    let err = b.fail(&["void", "1"]);
    assert!(err.contains("--reason"), "{err}");
    b.ok(&["void", "1", "--reason", "入力の誤り"]);
    assert!(b.ok(&["list"]).is_empty());
    let voided = b.ok(&["list", "--voided"]);
    assert!(voided.contains("保育園"), "{voided}");
    assert!(b.ok(&["show", "1"]).contains("［取消］ 入力の誤り"));
    let err = b.fail(&["reply", "1", "kumin", "--text", "x"]);
    assert!(err.contains("取消"), "{err}");
    b.ok(&["void", "1", "--undo"]);
    assert!(b.ok(&["list"]).contains("保育園"));
}

#[test]
fn tui_voids_from_the_status_dialog_and_the_filter_shows_voided_slips() {
    let (_dir, mut s, id) = tui_store();
    let mut a = scenes::start(&mut s, Lang::Ja, None, 120, 30);
    perform(&mut s, &mut a, Effect::LoadDetail(id));
    a.screen = Screen::Detail;
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('s'))]);
    // The last row voids; it needs a reason.
    scenes::press(&mut s, &mut a, &[key(KeyCode::End)]);
    for _ in 0..5 {
        scenes::press(&mut s, &mut a, &[key(KeyCode::Down)]);
    }
    scenes::press(&mut s, &mut a, &[key(KeyCode::Enter)]);
    assert!(!s.slip(id).unwrap().voided, "no reason, nothing done");
    scenes::type_text(&mut s, &mut a, "二重入力");
    scenes::press(&mut s, &mut a, &[key(KeyCode::Enter)]);
    assert!(s.slip(id).unwrap().voided);
    let text = scenes::buffer_text(&scenes::render(&a, 120, 30).0);
    assert!(text.contains("［取消］ 二重入力"), "{text}");
    scenes::press(
        &mut s,
        &mut a,
        &[key(KeyCode::Esc), key(KeyCode::Char('6'))],
    );
    assert_eq!(a.list.total, 0, "gone from the lists");
    // The filter's last row shows the voided slips.
    scenes::press(&mut s, &mut a, &[key(KeyCode::Char('f'))]);
    for _ in 0..5 {
        scenes::press(&mut s, &mut a, &[key(KeyCode::Down)]);
    }
    scenes::press(&mut s, &mut a, &[key(KeyCode::Right), key(KeyCode::Enter)]);
    assert_eq!(a.list.total, 1);
    // Restore from there.
    scenes::press(
        &mut s,
        &mut a,
        &[key(KeyCode::Char('s')), key(KeyCode::Enter)],
    );
    assert!(!s.slip(id).unwrap().voided);
}
