//! `App::update` and key handling, driven by actions and key events with no I/O;
//! then liaison mode against a real store.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use meyasu::config::Seed;
use meyasu::domain::{SectionChange, Status};
use meyasu::i18n::Lang;
use meyasu::store::SlipRow;
use meyasu::tui::app::{App, Effect, Field, Outcome, Popup, Screen, Tab};
use meyasu::tui::keymap::Action;
use meyasu::tui::scenes::{self, ctrl, key};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 3, 20).unwrap()
}

fn app() -> App {
    App::new(
        Lang::Ja,
        today(),
        Seed::embedded().catalog,
        Seed::embedded().settings,
        None,
    )
}

fn row(id: i64, status: Status, sections: &[&str]) -> SlipRow {
    SlipRow {
        id,
        received_on: today(),
        floor: "1F".into(),
        kind: "request".into(),
        status,
        due_on: None,
        sections: sections.iter().map(|s| s.to_string()).collect(),
        replied: vec![],
        waiting: vec![],
        returned: vec![],
        excerpt: format!("投書{id}"),
    }
}

fn with_rows(app: &mut App, total: u64, n: usize) {
    let rows = (0..n)
        .map(|i| row(i as i64 + 1, Status::New, &[]))
        .collect();
    app.apply(Outcome::List {
        total,
        counts: vec![total; 6],
        rows,
    });
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
}

#[test]
fn tabs_set_the_filter() {
    let mut a = app();
    assert_eq!(a.tab, Tab::New);
    assert_eq!(a.filter().statuses, [Status::New]);
    assert!(matches!(a.update(Action::Tab(2)), Effect::LoadList(_)));
    assert_eq!(a.tab, Tab::Overdue);
    assert_eq!(a.filter().overdue_on, Some(today()));
    assert!(matches!(a.update(Action::NextTab), Effect::LoadList(_)));
    assert_eq!(a.tab, Tab::Answered);
    a.update(Action::PrevTab);
    a.update(Action::PrevTab);
    a.update(Action::PrevTab);
    assert_eq!(a.tab, Tab::New);
    a.update(Action::PrevTab);
    assert_eq!(a.tab, Tab::Review, "wraps around (replies are reviewed)");
    assert_eq!(
        a.filter().reply_state,
        Some(meyasu::domain::ReplyState::Draft)
    );
    a.update(Action::PrevTab);
    assert_eq!(a.tab, Tab::All);
    assert!(a.filter().statuses.is_empty());
}

#[test]
fn scrolling_pages_from_the_database() {
    let mut a = app();
    a.resize(80, 14); // 10 table rows
    assert_eq!(a.list.height, 10);
    with_rows(&mut a, 1000, 10);
    for _ in 0..9 {
        assert_eq!(a.update(Action::Down), Effect::None, "inside the window");
    }
    assert!(
        matches!(a.update(Action::Down), Effect::LoadPage(_)),
        "window moves"
    );
    assert_eq!((a.list.selected, a.list.offset), (10, 1));
    assert!(matches!(a.update(Action::PageDown), Effect::LoadPage(_)));
    assert_eq!(a.list.selected, 20);
    assert!(matches!(a.update(Action::Bottom), Effect::LoadPage(_)));
    assert_eq!((a.list.selected, a.list.offset), (999, 990));
    a.update(Action::Top);
    assert_eq!((a.list.selected, a.list.offset), (0, 0));
    assert_eq!(a.update(Action::Up), Effect::None, "stays at the top");
}

#[test]
fn entry_form_validates_inline_then_saves_and_continues() {
    let mut a = app();
    assert_eq!(a.handle_key(key(KeyCode::Char('n'))), Effect::None);
    assert_eq!(a.screen, Screen::Entry);
    assert_eq!(a.handle_key(ctrl('s')), Effect::None, "nothing to save yet");
    let form = a.entry.as_ref().unwrap();
    assert!(form.error(Field::Floor).is_some());
    assert!(form.error(Field::Kind).is_some());
    assert!(form.error(Field::Body).is_some());
    assert_eq!(form.focus, Field::Floor, "focus jumps to the first problem");

    a.handle_key(key(KeyCode::Char('3'))); // 3階, then focus moves to kind
    a.handle_key(key(KeyCode::Char('9'))); // no 9th kind: ignored
    a.handle_key(key(KeyCode::Char('2'))); // 要望
    assert_eq!(a.entry.as_ref().unwrap().focus, Field::Body);
    typed(&mut a, "授乳室を");
    a.handle_key(key(KeyCode::Enter));
    typed(&mut a, "増やしてほしい");
    let e = a.handle_key(ctrl('s'));
    let Effect::Add(new) = e else { panic!("{e:?}") };
    assert_eq!(new.floor, "3F");
    assert_eq!(new.kind, "request");
    assert_eq!(new.body, "授乳室を\n増やしてほしい");
    assert_eq!(new.received_on, today());

    a.apply(Outcome::Added(42));
    let form = a.entry.as_ref().unwrap();
    assert_eq!(
        form.floor,
        Some(2),
        "floor kept for the next slip in the stack"
    );
    assert_eq!(form.kind, None);
    assert_eq!(form.focus, Field::Kind);
    assert!(meyasu::tui::app::value(&form.body).is_empty());
    assert!(a.flash.as_ref().unwrap().0.contains("42"));
}

#[test]
fn entry_date_accepts_wareki_and_rejects_nonsense() {
    let mut a = app();
    a.handle_key(key(KeyCode::Char('n')));
    a.handle_key(key(KeyCode::BackTab)); // to the date
    assert_eq!(a.entry.as_ref().unwrap().focus, Field::Date);
    for _ in 0..10 {
        a.handle_key(key(KeyCode::Backspace));
    }
    typed(&mut a, "令和6年2月30日");
    a.handle_key(key(KeyCode::Tab));
    a.handle_key(key(KeyCode::Char('1')));
    a.handle_key(key(KeyCode::Char('1')));
    typed(&mut a, "x");
    assert_eq!(a.handle_key(ctrl('s')), Effect::None);
    let err = a
        .entry
        .as_ref()
        .unwrap()
        .error(Field::Date)
        .unwrap()
        .to_string();
    assert!(err.contains("令和6年2月30日"), "{err}");
    assert_eq!(
        a.entry.as_ref().unwrap().focus,
        Field::Date,
        "focus on the bad field"
    );
    for _ in 0..3 {
        a.handle_key(key(KeyCode::Backspace));
    }
    typed(&mut a, "10日");
    let Effect::Add(new) = a.handle_key(ctrl('s')) else {
        panic!()
    };
    assert_eq!(
        new.received_on,
        NaiveDate::from_ymd_opt(2024, 2, 10).unwrap()
    );
}

#[test]
fn esc_with_unsaved_text_asks_first() {
    let mut a = app();
    a.handle_key(key(KeyCode::Char('n')));
    a.handle_key(key(KeyCode::Char('1')));
    a.handle_key(key(KeyCode::Char('1')));
    typed(&mut a, "書きかけ");
    assert_eq!(a.handle_key(key(KeyCode::Esc)), Effect::None);
    assert_eq!(a.screen, Screen::Entry, "first Esc only warns");
    assert!(a.flash.as_ref().unwrap().1);
    assert!(matches!(
        a.handle_key(key(KeyCode::Esc)),
        Effect::LoadList(_)
    ));
    assert_eq!(a.screen, Screen::Inbox);
}

#[test]
fn triage_searches_sections_and_assigns_with_default_due() {
    let mut a = app();
    with_rows(&mut a, 3, 3);
    a.handle_key(key(KeyCode::Char('a')));
    assert!(matches!(a.popup, Some(Popup::Triage(_))));
    typed(&mut a, "地域みまもり");
    assert_eq!(a.triage_matches("地域みまもり").len(), 6, "by department");
    assert_eq!(a.triage_matches("kumin").len(), 1, "by code");
    assert_eq!(a.triage_matches("Residents").len(), 1, "by English name");
    for _ in 0..6 {
        a.handle_key(key(KeyCode::Backspace));
    }
    typed(&mut a, "保険");
    a.handle_key(key(KeyCode::Enter));
    let e = a.handle_key(ctrl('s'));
    assert_eq!(
        e,
        Effect::Assign {
            targets: vec![(1, None)],
            change: SectionChange::Replace(vec!["hoken".into()]),
            due: NaiveDate::from_ymd_opt(2024, 4, 3).unwrap(),
            remove_replied: true,
        }
    );
    a.apply(Outcome::Done("ok".into()));
    assert!(a.popup.is_none());
}

#[test]
fn bulk_assign_uses_marked_rows() {
    let mut a = app();
    with_rows(&mut a, 3, 3);
    a.handle_key(key(KeyCode::Char(' ')));
    a.handle_key(key(KeyCode::Char(' ')));
    assert_eq!(a.marked.len(), 2);
    a.handle_key(key(KeyCode::Char('a')));
    typed(&mut a, "kumin");
    a.handle_key(key(KeyCode::Enter));
    // The first Ctrl-S shows what will happen to each slip; the second does it.
    assert_eq!(a.handle_key(ctrl('s')), Effect::None);
    let Some(Popup::Triage(t)) = &a.popup else {
        panic!()
    };
    assert_eq!(t.confirm.as_ref().map(Vec::len), Some(2));
    let Effect::Assign {
        targets, change, ..
    } = a.handle_key(ctrl('s'))
    else {
        panic!()
    };
    assert_eq!(targets, vec![(1, None), (2, None)]);
    assert_eq!(change, SectionChange::Add(vec!["kumin".into()]));
}

#[test]
fn reopening_needs_a_reason() {
    let mut a = app();
    a.apply(Outcome::List {
        total: 1,
        counts: vec![],
        rows: vec![row(7, Status::Published, &["kumin"])],
    });
    a.handle_key(key(KeyCode::Char('s')));
    let Some(Popup::Status(s)) = &a.popup else {
        panic!()
    };
    assert_eq!(s.choices, [Status::Assigned]);
    assert_eq!(a.handle_key(key(KeyCode::Enter)), Effect::None);
    let Some(Popup::Status(s)) = &a.popup else {
        panic!()
    };
    assert!(s.error.is_some());
    typed(&mut a, "回答に誤り");
    assert_eq!(
        a.handle_key(key(KeyCode::Enter)),
        Effect::SetStatus {
            targets: vec![(7, None)],
            to: Status::Assigned,
            reason: Some("回答に誤り".into()),
        }
    );
}

/// Each key in the search line searches (the first page, then the counts), unless the
/// words did not change; results of an older search are dropped; Enter keeps the search,
/// Esc goes back to the one before `/`.
#[test]
fn search_runs_as_you_type() {
    use meyasu::tui::app::Counts;
    let mut a = app();
    a.handle_key(key(KeyCode::Char('/')));
    let searched = |e: Effect| match e {
        Effect::Search(r) => {
            assert_eq!(r.page.offset, 0);
            assert_eq!(r.counts.all.text, r.page.filter.text);
            (r.generation, r.page.filter.text)
        }
        other => panic!("{other:?}"),
    };
    let (g1, t1) = searched(a.handle_key(key(KeyCode::Char('駐'))));
    assert_eq!(t1.as_deref(), Some("駐"));
    assert!(a.live.counting);
    let (g2, t2) = searched(a.handle_key(key(KeyCode::Char('輪'))));
    assert_eq!((g2, t2.as_deref()), (g1 + 1, Some("駐輪")));
    // A space changes no word: no search.
    assert_eq!(a.handle_key(key(KeyCode::Char(' '))), Effect::None);
    // The older search's page comes late: dropped. The newer one's is taken.
    a.apply(Outcome::SearchPage(g1, vec![row(1, Status::New, &[])]));
    assert!(a.list.rows.is_empty());
    a.apply(Outcome::SearchPage(
        g2,
        vec![row(2, Status::New, &[]), row(3, Status::New, &[])],
    ));
    assert_eq!(a.list.rows.len(), 2);
    assert_eq!(a.list.total, 2, "until the counts come, what was read");
    a.apply(Outcome::SearchCounts(
        g2,
        Counts::PerTab(vec![5, 0, 0, 0, 0, 9]),
    ));
    assert!(!a.live.counting);
    assert_eq!((a.list.total, a.list.rows.len()), (5, 2), "the rows stay");
    // Enter closes the line; the search stays.
    assert_eq!(a.handle_key(key(KeyCode::Enter)), Effect::None);
    assert_eq!(a.filter().text.as_deref(), Some("駐輪"));
    // `/` again: the query comes back selected; an arrow keeps it to edit.
    a.handle_key(key(KeyCode::Char('/')));
    a.handle_key(key(KeyCode::End));
    searched(a.handle_key(key(KeyCode::Backspace)));
    assert_eq!(a.search, "駐");
    // Esc goes back to the search before `/`.
    let (_, back) = searched(a.handle_key(key(KeyCode::Esc)));
    assert_eq!(back.as_deref(), Some("駐輪"));
    assert!(a.search_input.is_none());
    // A list counted here overtakes a search still out. Typed after `/`, a word
    // replaces the query shown (a fresh search).
    let (g, fresh) = {
        a.handle_key(key(KeyCode::Char('/')));
        searched(a.handle_key(key(KeyCode::Char('場'))))
    };
    assert_eq!(fresh.as_deref(), Some("場"));
    a.apply(Outcome::Counts(Counts::PerTab(vec![1, 0, 0, 0, 0, 1])));
    a.apply(Outcome::SearchCounts(
        g,
        Counts::PerTab(vec![7, 0, 0, 0, 0, 7]),
    ));
    assert_eq!(a.counts[0], 1);
    a.handle_key(key(KeyCode::Enter));
    a.handle_key(key(KeyCode::Char('c')));
    assert_eq!(a.filter().text, None);
}

#[test]
fn paste_strips_controls_and_newlines_in_one_line_inputs() {
    let mut a = app();
    a.handle_key(key(KeyCode::Char('/')));
    a.paste("駐輪\n場\u{1b}[31m");
    a.handle_key(key(KeyCode::Enter));
    assert_eq!(
        a.search, "駐輪 場[31m",
        "control characters never enter an input"
    );
}

#[test]
fn filter_popup_cycles_values() {
    let mut a = app();
    a.handle_key(key(KeyCode::Char('f')));
    a.handle_key(key(KeyCode::Right)); // first section
    a.handle_key(key(KeyCode::Down));
    a.handle_key(key(KeyCode::Right));
    a.handle_key(key(KeyCode::Right)); // 2階
    a.handle_key(key(KeyCode::Down));
    a.handle_key(key(KeyCode::Down));
    a.handle_key(key(KeyCode::Right)); // this fiscal year
    assert!(matches!(
        a.handle_key(key(KeyCode::Enter)),
        Effect::LoadList(_)
    ));
    let f = a.filter();
    assert_eq!(f.section.as_deref(), Some("kiki"));
    assert_eq!(f.floor.as_deref(), Some("2F"));
    assert_eq!(f.from, NaiveDate::from_ymd_opt(2023, 4, 1));
    assert_eq!(f.to, NaiveDate::from_ymd_opt(2024, 3, 31));
}

#[test]
fn ctrl_c_style_keys_do_not_type_into_forms() {
    let mut a = app();
    a.handle_key(key(KeyCode::Char('n')));
    a.handle_key(key(KeyCode::Char('1')));
    a.handle_key(key(KeyCode::Char('1')));
    a.handle_key(KeyEvent::new(KeyCode::F(12), KeyModifiers::NONE));
    // An editor's Alt key (a word move) types nothing; Alt-q would be Esc and q (two keys
    // arriving together), tested in tests/desk.rs.
    a.handle_key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::ALT));
    a.handle_key(key(KeyCode::Char('q')));
    assert_eq!(a.screen, Screen::Entry, "q is text in the form, not quit");
    assert_eq!(
        meyasu::tui::app::value(&a.entry.as_ref().unwrap().body),
        "q"
    );
}

// Liaison mode, against a real store: only their own section, only replies.

#[test]
fn liaison_sees_and_changes_only_their_section() {
    let mut store = scenes::demo_store().unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, Some("jido"), 120, 30);
    assert_eq!(a.tabs(), Tab::LIAISON_REVIEW);
    for t in 0..a.tabs().len() {
        scenes::press(
            &mut store,
            &mut a,
            &[key(KeyCode::Char(char::from(b'1' + t as u8)))],
        );
        assert!(a.list.total > 0 || matches!(a.tab, Tab::Overdue | Tab::Returned));
        for r in &a.list.rows {
            assert!(r.sections.contains(&"jido".to_string()), "{r:?}");
        }
    }
    // Office keys do nothing.
    let before = store.count(&Default::default()).unwrap();
    for k in ['n', 'a', 's', 'e', 'd', ' '] {
        scenes::press(&mut store, &mut a, &[key(KeyCode::Char(k))]);
        assert!(a.popup.is_none(), "{k} opened a popup");
        assert_eq!(a.screen, Screen::Inbox, "{k} left the inbox");
    }
    assert_eq!(store.count(&Default::default()).unwrap(), before);
    // The filter cannot widen the section.
    scenes::press(
        &mut store,
        &mut a,
        &[
            key(KeyCode::Char('f')),
            key(KeyCode::Right),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(a.filter().section.as_deref(), Some("jido"));
    // Search cannot reach other sections' slips either (駐輪場 slips are 区民課/総務課).
    scenes::press(
        &mut store,
        &mut a,
        &[key(KeyCode::Char('4')), key(KeyCode::Char('/'))],
    );
    scenes::type_text(&mut store, &mut a, "駐輪");
    scenes::press(&mut store, &mut a, &[key(KeyCode::Enter)]);
    assert_eq!(a.list.total, 0);

    // The runner refuses anything but a reply for their own section.
    let other = store
        .list(
            &meyasu::store::Filter {
                section: Some("kumin".into()),
                ..Default::default()
            },
            meyasu::store::Order::NewestFirst,
            1,
            0,
        )
        .unwrap()[0]
        .id;
    let v = store.slip(other).unwrap().version;
    for effect in [
        Effect::LoadDetail(other),
        Effect::Reply {
            target: (other, None),
            replies: vec![meyasu::tui::app::ReplyToSave {
                section: "kumin".into(),
                text: "x".into(),
                replaces: false,
                outcome: meyasu::store::OutcomeChoice::Keep,
            }],
        },
        Effect::SetStatus {
            targets: vec![(other, None)],
            to: Status::NoReply,
            reason: None,
        },
    ] {
        meyasu::tui::runner::perform(&mut store, &mut a, effect);
        assert!(a.detail.is_none());
    }
    assert_eq!(store.slip(other).unwrap().version, v, "nothing changed");

    // Their own reply goes through, and the detail shows only their section.
    scenes::press(
        &mut store,
        &mut a,
        &[key(KeyCode::Char('c')), key(KeyCode::Char('1'))],
    );
    let mine = a.list.rows[0].id;
    scenes::press(
        &mut store,
        &mut a,
        &[key(KeyCode::Enter), key(KeyCode::Char('r'))],
    );
    scenes::type_text(&mut store, &mut a, "対応します。");
    scenes::press(&mut store, &mut a, &[ctrl('s')]);
    let d = store.detail(mine).unwrap();
    assert!(
        d.replies
            .iter()
            .any(|r| r.section == "jido" && r.text == "対応します。")
    );
    let (buf, _) = scenes::render(&a, 120, 30);
    let text = scenes::buffer_text(&buf);
    assert!(!text.contains("履歴"), "no history for liaisons:\n{text}");
}

#[test]
fn liaison_detail_hides_other_sections_on_a_shared_slip() {
    let mut store = scenes::demo_store().unwrap();
    // Slip 10 is shared by 地域支援課 and 児童家庭課.
    assert_eq!(store.slip(10).unwrap().sections, ["shien", "jido"]);
    let mut a = scenes::start(&mut store, Lang::Ja, Some("jido"), 100, 30);
    meyasu::tui::runner::perform(&mut store, &mut a, Effect::LoadDetail(10));
    a.screen = Screen::Detail;
    let (buf, _) = scenes::render(&a, 100, 30);
    let text = scenes::buffer_text(&buf);
    assert!(text.contains("児童家庭課"), "{text}");
    // The slip is shared: the other section is named, its reply is not shown.
    assert!(text.contains("担当課 地域支援課・児童家庭課"), "{text}");
    let theirs = store
        .detail(10)
        .unwrap()
        .replies
        .into_iter()
        .find(|r| r.section == "shien");
    if let Some(r) = theirs {
        let first = r
            .text
            .lines()
            .next()
            .unwrap()
            .chars()
            .take(12)
            .collect::<String>();
        let mine = store.detail(10).unwrap().replies;
        let same = mine
            .iter()
            .any(|m| m.section == "jido" && m.text.starts_with(&first));
        assert!(same || !text.contains(&first), "{text}");
    }
    assert!(
        !text.contains("  地域支援課  20"),
        "no reply block of theirs: {text}"
    );
}

#[test]
fn pages_read_from_either_end_show_the_same_rows() {
    let mut store = scenes::demo_store().unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, None, 100, 14); // 10 rows a page
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('6'))]);
    assert_eq!(a.list.total, 79);
    let all = store
        .list(
            &Default::default(),
            meyasu::store::Order::NewestFirst,
            100,
            0,
        )
        .unwrap();
    for keys in [
        vec![key(KeyCode::End)],
        vec![key(KeyCode::PageDown); 5],
        vec![key(KeyCode::Up); 3],
        vec![key(KeyCode::PageUp); 2],
        vec![key(KeyCode::Home)],
    ] {
        scenes::press(&mut store, &mut a, &keys);
        let o = a.list.offset;
        let ids: Vec<i64> = a.list.rows.iter().map(|r| r.id).collect();
        let want: Vec<i64> = all[o..(o + 10).min(79)].iter().map(|r| r.id).collect();
        assert_eq!(ids, want, "offset {o}");
        assert_eq!(a.list.current().unwrap().id, all[a.list.selected].id);
    }
}

#[test]
fn detail_keys_mark_private_text_and_hide_from_the_public_list() {
    let mut store = scenes::demo_store().unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, None, 100, 30);
    scenes::press(
        &mut store,
        &mut a,
        &[key(KeyCode::Char('6')), key(KeyCode::Enter)],
    );
    let id = a.detail.as_ref().unwrap().slip.id;
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('p'))]);
    assert!(store.slip(id).unwrap().no_publish);
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('m'))]);
    scenes::type_text(&mut store, &mut a, "駐輪場");
    scenes::press(&mut store, &mut a, &[key(KeyCode::Enter)]);
    scenes::type_text(&mut store, &mut a, "雨の日");
    scenes::press(&mut store, &mut a, &[key(KeyCode::Enter)]);
    assert_eq!(store.slip(id).unwrap().private, ["駐輪場", "雨の日"]);
    scenes::type_text(&mut store, &mut a, "ない言葉");
    scenes::press(&mut store, &mut a, &[key(KeyCode::Enter)]);
    let Some(Popup::Private(p)) = &a.popup else {
        panic!("the prompt stays open")
    };
    assert!(p.error.as_ref().unwrap().contains("ない言葉"));
    assert_eq!(
        meyasu::tui::app::value(&p.input),
        "ない言葉",
        "kept to correct"
    );
    for _ in 0..4 {
        scenes::press(&mut store, &mut a, &[key(KeyCode::Backspace)]);
    }
    let text = scenes::buffer_text(&scenes::render(&a, 100, 30).0);
    assert!(
        text.contains("非公開箇所") && text.contains("・駐輪場"),
        "{text}"
    );
    scenes::press(
        &mut store,
        &mut a,
        &[ctrl('x'), key(KeyCode::Esc), key(KeyCode::Char('p'))],
    );
    let s = store.slip(id).unwrap();
    assert!(s.private.is_empty() && !s.no_publish);
    assert!(a.popup.is_none());
}

#[test]
fn summary_table_scrolls_on_a_small_terminal() {
    let mut store = scenes::demo_store().unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, None, 80, 24);
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('t'))]);
    let text = scenes::buffer_text(&scenes::render(&a, 80, 24).0);
    assert!(
        text.contains("危機管理担当") && !text.contains("合計（投書数）    "),
        "{text}"
    );
    scenes::press(
        &mut store,
        &mut a,
        &[key(KeyCode::PageDown), key(KeyCode::PageDown)],
    );
    let text = scenes::buffer_text(&scenes::render(&a, 80, 24).0);
    // At 80 columns every month shows, the longest name cut to fit.
    assert!(text.contains("道路公園センタ…"), "{text}");
    assert!(text.contains(" 9月 10月"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("合計（投書数）") && l.trim_end().ends_with("79")),
        "{text}"
    );
    assert!(text.contains("担当課"), "the header stays: {text}");
}

#[test]
fn ctrl_c_quits_and_asks_first_when_text_is_unsaved() {
    let mut a = app();
    assert_eq!(
        a.handle_key(ctrl('c')),
        Effect::Quit,
        "nothing typed: quits"
    );
    a.handle_key(key(KeyCode::Char('n')));
    typed(&mut a, "11待合室が寒い");
    assert_eq!(a.handle_key(ctrl('c')), Effect::None);
    assert!(a.flash.as_ref().is_some_and(|f| f.0.contains("Ctrl-C")));
    assert_eq!(a.handle_key(ctrl('c')), Effect::Quit);
    // Any other key in between disarms it.
    let mut a = app();
    a.handle_key(key(KeyCode::Char('n')));
    typed(&mut a, "11寒い");
    a.handle_key(ctrl('c'));
    typed(&mut a, "。");
    assert_eq!(a.handle_key(ctrl('c')), Effect::None);
}

#[test]
fn keys_do_nothing_below_the_smallest_screen() {
    let mut a = app();
    with_rows(&mut a, 3, 3);
    a.resize(30, 8);
    assert_eq!(a.handle_key(key(KeyCode::Char('n'))), Effect::None);
    assert_eq!(a.screen, Screen::Inbox);
    assert_eq!(a.handle_key(key(KeyCode::Char('q'))), Effect::None);
    a.resize(80, 24);
    a.handle_key(key(KeyCode::Char('n')));
    assert_eq!(a.screen, Screen::Entry);
}

#[test]
fn status_dialog_offers_no_assigned_without_a_section() {
    let mut a = app();
    a.apply(Outcome::List {
        total: 1,
        counts: vec![],
        rows: vec![row(7, Status::NoReply, &[])],
    });
    a.handle_key(key(KeyCode::Char('s')));
    let Some(Popup::Status(s)) = &a.popup else {
        panic!()
    };
    assert_eq!(s.choices, [Status::New]);
}

#[test]
fn detail_jumps_to_the_end_and_back() {
    let mut store = scenes::demo_store().unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, None, 80, 12);
    meyasu::tui::runner::perform(&mut store, &mut a, Effect::LoadDetail(10));
    a.screen = Screen::Detail;
    scenes::render(&a, 80, 12);
    let max = a.detail_max_scroll.get();
    assert!(max > 0);
    a.handle_key(key(KeyCode::End));
    assert_eq!(a.detail_scroll, max);
    a.handle_key(key(KeyCode::Down));
    assert_eq!(a.detail_scroll, max, "no scrolling past the end");
    a.handle_key(key(KeyCode::Up));
    assert_eq!(a.detail_scroll, max - 1, "one step back from the end");
    a.handle_key(key(KeyCode::Char('g')));
    assert_eq!(a.detail_scroll, 0);
}

#[test]
fn typing_over_the_prefilled_date_replaces_it_and_reads_it_back() {
    let mut a = app();
    a.handle_key(key(KeyCode::Char('n')));
    a.handle_key(key(KeyCode::BackTab)); // to the date, which holds today
    typed(&mut a, "2/10");
    let form = a.entry.as_ref().unwrap();
    assert_eq!(meyasu::tui::app::value(&form.date), "2/10");
    let (buf, _) = scenes::render(&a, 100, 24);
    let text = scenes::buffer_text(&buf);
    assert!(text.contains("→ 2024-02-10 令和6年2月10日（土）"), "{text}");
    // Arrow keys first: editing, not replacing.
    a.handle_key(key(KeyCode::Tab));
    a.handle_key(key(KeyCode::BackTab));
    a.handle_key(key(KeyCode::Left));
    typed(&mut a, "1");
    assert_eq!(
        meyasu::tui::app::value(&a.entry.as_ref().unwrap().date),
        "2/110"
    );
}

#[test]
fn compact_list_keeps_the_year_when_rows_come_from_another_year() {
    let mut store = scenes::demo_store().unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, None, 80, 24);
    scenes::press(
        &mut store,
        &mut a,
        &[key(KeyCode::Char('6')), key(KeyCode::End)],
    );
    let text = scenes::buffer_text(&scenes::render(&a, 80, 24).0);
    assert!(
        text.contains(" 23-04-"),
        "2023 rows show their year:\n{text}"
    );
}

#[test]
fn liaison_list_says_who_the_slip_waits_for() {
    let mut store = scenes::demo_store().unwrap();
    // Slip 66 waits for 児童家庭課 and 生涯学習支援課; 児童家庭課 replies.
    let v = store.slip(66).unwrap().version;
    store
        .reply(66, "jido", "検討します。", today(), Some(v))
        .unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, Some("jido"), 120, 30);
    let text = scenes::buffer_text(&scenes::render(&a, 120, 30).0);
    let line = |id: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(id))
            .unwrap_or_else(|| panic!("{id}:\n{text}"))
            .to_string()
    };
    assert!(line("66").contains("他課の回答待ち"), "{text}");
    assert!(line("66").contains("児童家庭課・生涯"), "shared: {text}");
    assert!(line("72").contains("自課の回答待ち"), "{text}");
    scenes::press(&mut store, &mut a, &[]);
}

#[test]
fn summary_opens_on_the_latest_year_with_slips_and_shows_every_month_at_120() {
    let mut store = scenes::demo_store().unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, None, 120, 40);
    a.today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('t'))]);
    assert_eq!(a.summary.as_ref().unwrap().fiscal_year, 2023);
    let text = scenes::buffer_text(&scenes::render(&a, 120, 40).0);
    let header = text
        .lines()
        .find(|l| l.starts_with("担当課"))
        .unwrap_or_else(|| panic!("{text}"));
    for m in ["4月", "9月", "10月", "3月", "計"] {
        assert!(header.contains(m), "{header}");
    }
    assert!(header.contains(" 9月 10月 11月"), "months apart: {header}");
    // Moving to another year and back keeps the choice.
    scenes::press(&mut store, &mut a, &[key(KeyCode::Right)]);
    assert_eq!(a.summary.as_ref().unwrap().fiscal_year, 2024);

    let mut a = scenes::start(&mut store, Lang::En, None, 120, 40);
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('t'))]);
    let text = scenes::buffer_text(&scenes::render(&a, 120, 40).0);
    assert!(text.contains(" Mar Total"), "{text}");
    assert!(text.contains("Assigned Replied Overdue Avg days"), "{text}");
}

/// A popup of a test's own, added through the `Form` trait alone: the same key routing
/// the app uses types into its input, runs its effect, closes it, and hands it errors.
#[test]
fn a_throwaway_popup_needs_only_the_form_trait() {
    use meyasu::tui::app::{Ctx, Form, Step, form_key, input, value};
    use meyasu::tui::keymap::Mode;
    use ratatui_textarea::TextArea;

    struct GoTo {
        number: TextArea<'static>,
        error: Option<String>,
        followed: Option<i64>,
    }
    impl Form for GoTo {
        fn mode(&self) -> Mode {
            Mode::Duplicate // Enter saves, Esc cancels
        }
        fn input(&mut self) -> Option<&mut TextArea<'static>> {
            Some(&mut self.number)
        }
        fn update(&mut self, action: Action, _cx: &Ctx<'_>) -> Step {
            match action {
                Action::Save => match value(&self.number).parse() {
                    Ok(id) => Step::Run(Effect::LoadDetail(id)),
                    Err(_) => {
                        self.error = Some("not a number".into());
                        Step::Stay
                    }
                },
                _ => Step::Close,
            }
        }
        fn set_error(&mut self, msg: String) -> Option<String> {
            self.error = Some(msg);
            None
        }
        fn follow(&mut self, _id: i64, version: i64) {
            self.followed = Some(version);
        }
    }

    let a = app();
    let cx = a.ctx();
    let mut form = GoTo {
        number: input("", false),
        error: None,
        followed: None,
    };
    for c in "4x".chars() {
        assert_eq!(form_key(&mut form, key(KeyCode::Char(c)), &cx), Step::Stay);
    }
    assert_eq!(form_key(&mut form, key(KeyCode::Enter), &cx), Step::Stay);
    assert_eq!(form.error.as_deref(), Some("not a number"));
    form_key(&mut form, key(KeyCode::Backspace), &cx);
    assert_eq!(
        form_key(&mut form, key(KeyCode::Enter), &cx),
        Step::Run(Effect::LoadDetail(4))
    );
    assert_eq!(form.set_error("競合しました".into()), None);
    form.follow(4, 9);
    assert_eq!(form.followed, Some(9));
    assert_eq!(
        form_key(&mut form, ctrl('s'), &cx),
        Step::Stay,
        "not in its table"
    );
    assert_eq!(form_key(&mut form, key(KeyCode::Esc), &cx), Step::Close);
}

/// The search thread on a real file: a request comes back as its first page then its
/// counts; of requests sent back to back, the last one's results are the last to come
/// and none comes for a request overtaken before it started.
#[test]
fn the_search_thread_answers_the_latest_request() {
    use meyasu::tui::runner::Env;
    use meyasu::tui::worker::Worker;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = meyasu::store::Store::open(&path, &Seed::embedded()).unwrap();
    meyasu::io::load_demo(&mut store).unwrap();
    let mut a = app();
    let env = Env::of(&a);
    let worker = Worker::start(&path, env).unwrap();
    a.handle_key(key(KeyCode::Char('6')));
    a.handle_key(key(KeyCode::Char('/')));
    let mut last = 0;
    for c in ['駐', '輪'] {
        let Effect::Search(req) = a.handle_key(key(KeyCode::Char(c))) else {
            panic!()
        };
        last = req.generation;
        worker.send(*req);
    }
    let mut got = vec![];
    let start = std::time::Instant::now();
    while got.len() < 2 && start.elapsed() < std::time::Duration::from_secs(10) {
        match worker.try_recv() {
            Some(o) => got.push(o),
            None => std::thread::sleep(std::time::Duration::from_millis(5)),
        }
    }
    // Wait a little more: nothing else may come.
    std::thread::sleep(std::time::Duration::from_millis(200));
    while let Some(o) = worker.try_recv() {
        got.push(o);
    }
    let tail: Vec<u64> = got
        .iter()
        .map(|o| match o {
            Outcome::SearchPage(g, _) | Outcome::SearchCounts(g, _) => *g,
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(tail.ends_with(&[last, last]), "{tail:?}");
    for o in got {
        a.apply(o);
    }
    let expected = store
        .count(&meyasu::store::Filter {
            text: Some("駐輪".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(a.list.total, expected);
    assert!(!a.live.counting);
    assert!(a.list.rows.iter().any(|r| r.excerpt.contains("駐輪")));
}

/// Another connection's commit (a colleague, a liaison, the CLI) is followed: the
/// counts and the page are read again, the cursor stays on the slip it was on though
/// a new slip pushed it down, and a form being typed in is left alone and told.
#[test]
fn another_users_change_is_followed_without_touching_a_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = meyasu::store::Store::open(&path, &Seed::embedded()).unwrap();
    meyasu::io::load_demo(&mut store).unwrap();
    let mut other = meyasu::store::Store::open(&path, &Seed::embedded()).unwrap();
    other.set_actor("sato");
    let mut a = scenes::start(&mut store, Lang::Ja, None, 120, 30);
    a.handle_key(key(KeyCode::Char('6')));
    let effect = a.load_list();
    meyasu::tui::runner::perform(&mut store, &mut a, effect);
    scenes::press(
        &mut store,
        &mut a,
        &[key(KeyCode::Down), key(KeyCode::Down)],
    );
    let on = a.list.current().unwrap().id;
    let total = a.list.total;
    let version = store.data_version().unwrap();
    // Our own reads leave the version alone; another connection's write changes it.
    assert_eq!(store.data_version().unwrap(), version);
    other
        .add_slip(&meyasu::store::NewSlip {
            received_on: NaiveDate::from_ymd_opt(2099, 1, 1).unwrap(),
            floor: "1F".into(),
            kind: "request".into(),
            body: "新しい投書がほかの端末から".into(),
            summary: None,
        })
        .unwrap();
    assert_ne!(store.data_version().unwrap(), version);
    let effect = a.changed_elsewhere();
    meyasu::tui::runner::perform(&mut store, &mut a, effect);
    assert_eq!(a.list.total, total + 1, "the count follows");
    assert_eq!(
        a.list.current().unwrap().id,
        on,
        "the cursor stays on its slip"
    );
    assert_eq!(a.list.selected, 3);

    // A reply being typed on that slip: the other user replies first. The form keeps
    // its text and its version (saving will check), and says the slip changed.
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('2'))]);
    let on = a.list.current().unwrap().id;
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('r'))]);
    assert!(
        matches!(a.popup, Some(Popup::Reply(_))),
        "{:?} {:?}",
        a.popup,
        a.flash
    );
    scenes::type_text(&mut store, &mut a, "下書きの回答");
    let Some(Popup::Reply(form)) = &a.popup else {
        panic!()
    };
    let opened_on = form.target;
    let section = store.slip(on).unwrap().sections.first().cloned();
    let today = NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
    match section {
        Some(sec) => {
            other
                .reply(on, &sec, "先に回答しました", today, None)
                .unwrap();
        }
        None => {
            other.assign(on, &["kumin".into()], today, None).unwrap();
        }
    }
    let effect = a.changed_elsewhere();
    meyasu::tui::runner::perform(&mut store, &mut a, effect);
    let Some(Popup::Reply(form)) = &a.popup else {
        panic!("the form was closed: {:?}", a.popup)
    };
    assert_eq!(
        form.target, opened_on,
        "the form keeps the version it opened on"
    );
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("他の人が変更しました")),
        "{:?}",
        form.error
    );
    let (buf, _) = scenes::render(&a, 120, 30);
    assert!(scenes::buffer_text(&buf).contains("下書きの回答"));
}

/// Left open past midnight, the TUI works on the new day: what it writes is dated
/// then, and the overdue tab counts as of then.
#[test]
fn a_new_day_is_noticed_while_the_tui_is_open() {
    let mut store = scenes::demo_store().unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, None, 120, 30);
    let day = a.today;
    assert_eq!(a.new_day(day), Effect::None, "the same day changes nothing");
    let overdue = |a: &App| {
        let i = a.tabs().iter().position(|t| *t == Tab::Overdue).unwrap();
        a.counts[i]
    };
    let before = overdue(&a);
    let later = day + chrono::Days::new(60);
    let effect = a.new_day(later);
    assert_ne!(effect, Effect::None);
    meyasu::tui::runner::perform(&mut store, &mut a, effect);
    assert_eq!(a.today, later);
    assert_eq!(meyasu::tui::runner::Env::of(&a).today, later);
    assert!(
        overdue(&a) > before,
        "more slips are overdue 60 days on: {before} → {}",
        overdue(&a)
    );
}

/// The liaison's reply form tells a sent-back reply (with the team's reason) and one
/// waiting for review from an answer: neither says 回答済み.
#[test]
fn the_reply_form_says_returned_or_waiting_not_answered() {
    let mut store = scenes::demo_store().unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 3, 18).unwrap();
    let id = store
        .add_slip(&meyasu::store::NewSlip {
            received_on: day,
            floor: "1F".into(),
            kind: "request".into(),
            body: "子育ての相談窓口が分かりにくい".into(),
            summary: None,
        })
        .unwrap();
    store
        .assign(
            id,
            &["jido".into()],
            NaiveDate::from_ymd_opt(2024, 3, 30).unwrap(),
            None,
        )
        .unwrap();
    store.set_liaison(Some("jido".into()));
    store
        .reply(id, "jido", "確認して連絡します。", day, None)
        .unwrap();
    store.set_liaison(None);
    store
        .return_reply(id, "jido", "いつまでに対応するかを書いてください", None)
        .unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, Some("jido"), 100, 30);
    meyasu::tui::runner::perform(&mut store, &mut a, Effect::OpenReply(id));
    assert!(matches!(a.popup, Some(Popup::Reply(_))), "{:?}", a.flash);
    let text = scenes::buffer_text(&scenes::render(&a, 100, 30).0);
    assert!(text.contains("差し戻し"), "{text}");
    assert!(
        text.contains("いつまでに対応するかを書いてください"),
        "{text}"
    );
    assert!(!text.contains("回答済み"), "{text}");
    // Written again, it waits for review: the form says so.
    store.set_liaison(Some("jido".into()));
    store
        .reply(id, "jido", "3月中に対応します。", day, None)
        .unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, Some("jido"), 100, 30);
    meyasu::tui::runner::perform(&mut store, &mut a, Effect::OpenReply(id));
    let text = scenes::buffer_text(&scenes::render(&a, 100, 30).0);
    assert!(text.contains("承認待ち"), "{text}");
    assert!(!text.contains("回答済み"), "{text}");
}

/// An empty tab says what it holds; the how-to-begin hint is for an empty database
/// only (with review on, the last tab is 承認待ち, not すべて).
#[test]
fn an_empty_tab_says_what_it_holds_and_no_first_run_hint() {
    let mut store = meyasu::store::Store::open_in_memory(&Seed::embedded()).unwrap();
    assert!(store.settings().unwrap().review_replies);
    let empty = scenes::start(&mut store, Lang::Ja, None, 120, 30);
    let text = scenes::buffer_text(&scenes::render(&empty, 120, 30).0);
    assert!(text.contains("最初の投書"), "an empty database: {text}");
    store
        .add_slip(&meyasu::store::NewSlip {
            received_on: today(),
            floor: "1F".into(),
            kind: "request".into(),
            body: "一通目".into(),
            summary: None,
        })
        .unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, None, 120, 30);
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('2'))]);
    let text = scenes::buffer_text(&scenes::render(&a, 120, 30).0);
    assert!(text.contains("依頼中の投書はありません"), "{text}");
    assert!(!text.contains("最初の投書"), "{text}");
}

/// The slip's text is in view while working on it: in the reply form opened from the
/// list, in triage and in the review (at 80×24 too); `v` on a list row opens the review
/// of that slip, which shows the reply's outcome and who wrote it.
#[test]
fn the_slips_text_is_shown_in_reply_triage_and_review() {
    use crossterm::event::KeyCode;
    let mut store = scenes::demo_store().unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
    let id = store
        .add_slip(&meyasu::store::NewSlip {
            received_on: day,
            floor: "1F".into(),
            kind: "request".into(),
            body: "ベビーカーで通れる通路を増やしてほしい".into(),
            summary: None,
        })
        .unwrap();
    let due = NaiveDate::from_ymd_opt(2024, 3, 30).unwrap();
    store.assign(id, &["jido".into()], due, None).unwrap();
    store.set_actor("yamada");
    store.set_liaison(Some("jido".into()));
    store
        .reply_with(
            id,
            "jido",
            "通路の案内を増やします。",
            day,
            &meyasu::store::OutcomeChoice::Set("improved".into()),
            None,
        )
        .unwrap();
    store.set_liaison(None);
    for (w, h) in [(100, 30), (80, 24)] {
        let mut a = scenes::start(&mut store, Lang::Ja, None, w, h);
        // The only slip on 承認待ち.
        scenes::press(&mut store, &mut a, &[scenes::key(KeyCode::Char('7'))]);
        assert_eq!(a.list.current().map(|r| r.id), Some(id));
        for (key, popup) in [('r', "reply"), ('a', "triage"), ('v', "review")] {
            scenes::press(&mut store, &mut a, &[scenes::key(KeyCode::Char(key))]);
            assert!(a.popup.is_some(), "{popup} at {w}×{h}: {:?}", a.flash);
            let text = scenes::buffer_text(&scenes::render(&a, w, h).0);
            assert!(
                text.contains("内容: ベビーカーで通れる通路"),
                "{popup} at {w}×{h}:\n{text}"
            );
            if popup == "review" {
                assert!(text.contains("対応区分: 改善した"), "{text}");
                assert!(text.contains("回答者: yamada"), "{text}");
            }
            a.popup = None;
        }
    }
}

/// `Ctrl-U` clears a one-line field (the search line, triage's section search), as in a
/// shell; in the multi-line reply text it is undo, not a wipe.
#[test]
fn ctrl_u_clears_a_one_line_field() {
    let mut a = app();
    a.handle_key(key(KeyCode::Char('/')));
    for c in "駐輪場".chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
    assert_eq!(a.search, "駐輪場");
    a.handle_key(ctrl('u'));
    assert_eq!(a.search, "");
    let mut store = scenes::demo_store().unwrap();
    let mut b = scenes::start(&mut store, Lang::Ja, None, 100, 30);
    scenes::press(
        &mut store,
        &mut b,
        &[key(KeyCode::Char('1')), key(KeyCode::Char('a'))],
    );
    for c in "こども".chars() {
        scenes::press(&mut store, &mut b, &[key(KeyCode::Char(c))]);
    }
    let search = |b: &App| match &b.popup {
        Some(Popup::Triage(t)) => t.search.lines().join(""),
        other => panic!("{other:?}"),
    };
    assert_eq!(search(&b), "こども");
    scenes::press(&mut store, &mut b, &[ctrl('u')]);
    assert_eq!(search(&b), "");
}
