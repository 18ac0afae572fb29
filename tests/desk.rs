//! What a month at the desk found (issue "the desk"): each finding driven through the
//! real binary, with sheets filled in LibreOffice Calc where a section fills one.

mod common;

use common::office::{Office, fill_with, slip_in};

/// A sheet row with only 対応区分 chosen is said as such (an outcome alone is not a
/// reply), not passed over as 未回答（空欄）.
#[test]
fn a_row_with_only_an_outcome_says_so() {
    let o = Office::new();
    let id = o.add(
        "2024-03-20",
        "2024-03-01",
        "ベビーカー置き場がほしい",
        &["jido"],
        "2024-04-05",
    );
    let sheet = o.issue_sheet("2024-03-20", "issued");
    let filled = o.dir.join("filled.xlsx");
    let edits = serde_json::json!({"rows": [{"key": id, "answer": "", "outcome": "改善した"}]});
    fill_with(
        &sheet,
        &filled,
        &edits,
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_711_000_000),
    );
    let plan = o.ok(
        "2024-03-25",
        &["--lang", "ja", "collect", filled.to_str().unwrap()],
    );
    assert!(plan.contains("対応区分だけが記入されています"), "{plan}");
    assert!(!plan.contains("未回答（空欄）"), "{plan}");
}

/// `publication hide` on a slip already published says it is out already, since when,
/// and what hiding it does and does not do.
#[test]
fn hiding_a_published_slip_says_it_is_out_already() {
    let o = Office::new();
    let id = o.add(
        "2024-03-01",
        "2024-03-01",
        "案内板が見やすくなった",
        &["kumin"],
        "2024-03-15",
    );
    let n = id.to_string();
    o.ok(
        "2024-03-05",
        &["reply", &n, "kumin", "--text", "ありがとうございます。"],
    );
    o.ok("2024-03-08", &["status", &n, "published"]);
    let out = o.ok("2024-03-20", &["--lang", "ja", "publication", &n, "hide"]);
    assert!(out.contains("2024-03-08 に公表済みです"), "{out}");
    assert!(out.contains("手で外してください"), "{out}");
    // A slip not published yet: no such word.
    let other = o.add(
        "2024-03-01",
        "2024-03-01",
        "トイレが遠い",
        &["kumin"],
        "2024-03-15",
    );
    let out = o.ok(
        "2024-03-20",
        &["--lang", "ja", "publication", &other.to_string(), "hide"],
    );
    assert!(!out.contains("公表済みです"), "{out}");
}

/// After `collect --apply`, a file in the inbox whose every row is recorded moves into
/// 受信/処理済 (the next plan lists only what still needs the team); a sheet with a row
/// left empty stays.
#[test]
fn recorded_sheets_leave_the_inbox() {
    let o = Office::new();
    let a = o.add(
        "2024-03-20",
        "2024-03-01",
        "児童館の開館時間を延ばしてほしい",
        &["jido"],
        "2024-04-05",
    );
    let b = o.add(
        "2024-03-20",
        "2024-03-02",
        "授乳室がほしい",
        &["jido"],
        "2024-04-05",
    );
    let first = o.dir.join("first");
    o.ok(
        "2024-03-20",
        &["request", "--sheets", first.to_str().unwrap()],
    );
    let c = o.add(
        "2024-03-21",
        "2024-03-03",
        "ベビーカー置き場がほしい",
        &["jido"],
        "2024-04-05",
    );
    let second = o.dir.join("second");
    o.ok(
        "2024-03-21",
        &["request", "--sheets", second.to_str().unwrap()],
    );
    let sheet = |d: &std::path::Path| {
        std::fs::read_dir(d)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path()
    };
    let inbox = o.dir.join("受信");
    std::fs::create_dir(&inbox).unwrap();
    let at = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_711_000_000);
    let all = serde_json::json!({"rows": [
        {"key": a, "answer": "来年度から延長します。"},
        {"key": b, "answer": "2階に設けました。"}]});
    fill_with(&sheet(&first), &inbox.join("全部.xlsx"), &all, at);
    let part = serde_json::json!({"rows": [{"key": c, "answer": "置き場を設けます。"}]});
    fill_with(&sheet(&second), &inbox.join("一部.xlsx"), &part, at);
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
    assert!(
        out.contains("→ 全部.xlsx: すべて記録済みのため 処理済 フォルダーに移しました"),
        "{out}"
    );
    assert!(!out.contains("→ 一部.xlsx"), "{out}");
    assert!(inbox.join("処理済/全部.xlsx").is_file());
    assert!(
        inbox.join("一部.xlsx").is_file(),
        "a sheet with empty rows stays"
    );
    let again = o.ok(
        "2024-03-26",
        &["--lang", "ja", "collect", inbox.to_str().unwrap()],
    );
    assert!(!again.contains("全部.xlsx"), "{again}");
    assert!(again.contains("一部.xlsx"), "{again}");
    assert_eq!(o.count("SELECT count(*) FROM reply"), 3);
}

fn inbox_app() -> meyasu::tui::app::App {
    meyasu::tui::app::App::new(
        meyasu::i18n::Lang::Ja,
        chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap(),
        meyasu::config::Seed::embedded().catalog,
        meyasu::config::Seed::embedded().settings,
        None,
    )
}

fn alt(c: char) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char(c),
        crossterm::event::KeyModifiers::ALT,
    )
}

fn has_quit(e: &meyasu::tui::app::Effect) -> bool {
    use meyasu::tui::app::Effect;
    match e {
        Effect::Quit => true,
        Effect::Batch(v) => v.iter().any(has_quit),
        _ => false,
    }
}

/// Esc then `q` arriving together (read as Alt-q over SSH) closes the dialog and quits,
/// as the two keys would; where Alt means something (a word move in the text editor) it
/// is left alone.
#[test]
fn esc_and_a_key_together_are_two_keys() {
    use crossterm::event::KeyCode;
    use meyasu::tui::scenes::key;
    let mut app = inbox_app();
    app.handle_key(key(KeyCode::Char('f')));
    assert!(app.popup.is_some(), "the filter dialog is open");
    let effect = app.handle_key(alt('q'));
    assert!(app.popup.is_none(), "Esc closed the dialog");
    assert!(has_quit(&effect), "then q quit: {effect:?}");
    // In the entry form Alt-f moves by a word: not split.
    let mut app = inbox_app();
    app.handle_key(key(KeyCode::Char('n')));
    let screen = app.screen;
    let effect = app.handle_key(alt('f'));
    assert_eq!(app.screen, screen);
    assert!(!has_quit(&effect));
}

/// After a save the entry form offers the earlier slip like it (Ctrl-D marks the saved
/// one a duplicate); once the next slip's text is begun, the offer is gone and Ctrl-D
/// does nothing to the slip no longer on screen.
#[test]
fn ctrl_d_never_acts_on_a_slip_no_longer_on_screen() {
    use crossterm::event::KeyCode;
    use meyasu::tui::app::{Outcome, Popup};
    use meyasu::tui::scenes::{ctrl, key};
    let similar = || meyasu::store::Similar {
        id: 1,
        received_on: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
        excerpt: "ごみ集積所".into(),
        sections: vec![],
        score: 1.0,
        replies: vec![],
    };
    let mut app = inbox_app();
    app.handle_key(key(KeyCode::Char('n')));
    app.apply(Outcome::Similar(8, vec![similar()]));
    app.handle_key(ctrl('d'));
    assert!(
        matches!(app.popup, Some(Popup::Duplicate(_))),
        "offered at once"
    );
    app.handle_key(key(KeyCode::Esc));
    // The next slip begun: the offer is gone.
    let mut app = inbox_app();
    app.handle_key(key(KeyCode::Char('n')));
    app.apply(Outcome::Similar(8, vec![similar()]));
    app.handle_key(key(KeyCode::Char('1')));
    app.handle_key(key(KeyCode::Char('1')));
    for c in "次の投書".chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
    app.handle_key(ctrl('d'));
    assert!(app.popup.is_none(), "Ctrl-D on the slip no longer shown");
}

/// Likely names in visitors' slips, measured on tests/data/names_eval.tsv (slips written
/// for it: names with さん・様・と申します・a number after them, and family names used as
/// ordinary words): how many are caught, and how many ordinary words are masked by
/// mistake. The figures are printed (`cargo test --test desk -- --nocapture names`).
#[test]
fn likely_names_are_caught_and_ordinary_words_kept() {
    let eval = include_str!("data/names_eval.tsv");
    let (mut names, mut caught, mut false_hits) = (0, 0, vec![]);
    for line in eval
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (text, want) = line.split_once('\t').unwrap();
        let want: Vec<&str> = want.split(',').filter(|w| !w.is_empty()).collect();
        let found = meyasu::report::names::names_in(text);
        names += want.len();
        caught += want
            .iter()
            .filter(|w| found.iter().any(|f| f == *w))
            .count();
        false_hits.extend(
            found
                .iter()
                .filter(|f| !want.contains(&f.as_str()))
                .map(|f| format!("{f} in {text}")),
        );
    }
    println!(
        "names caught {caught}/{names}; ordinary words masked by mistake: {} {false_hits:?}",
        false_hits.len()
    );
    assert!(caught * 100 >= names * 90, "caught {caught} of {names}");
    assert!(false_hits.len() <= 1, "{false_hits:?}");
}

/// The public list masks a visitor's name where the words around it say it is one, and
/// the publish plan names what it masked so the clerk can check it.
#[test]
fn publish_masks_likely_names_and_says_which() {
    let o = Office::new();
    let id = o.add(
        "2024-03-01",
        "2024-03-01",
        "山本花子と申します。窓口の田中さんに助けられました。林の中の遊歩道も好きです。",
        &["kumin"],
        "2024-03-15",
    );
    let n = id.to_string();
    o.ok(
        "2024-03-05",
        &["reply", &n, "kumin", "--text", "ありがとうございます。"],
    );
    let out = o
        .cmd("2024-03-20")
        .args(["--lang", "ja", "publish", "--fiscal-year", "2023"])
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let plan = String::from_utf8(out.stderr).unwrap();
    assert!(
        html.contains("●●●と申します。窓口の●●●さんに助けられました。林の中の遊歩道も好きです。"),
        "{html}"
    );
    assert!(
        plan.contains(&format!("#{id}: 名前らしい語を伏せます: 山本花子・田中")),
        "{plan}"
    );
    // The slip's screen (and `show`) says so too.
    let show = o.ok("2024-03-20", &["--lang", "ja", "show", &n]);
    assert!(
        show.contains("名前らしい語（公表時に伏せます）: 山本花子・田中"),
        "{show}"
    );
}

/// In triage, no row is lit while the keys are in the search field: ↓ goes to the
/// first row (the first suggestion), not the second, and Enter picks the row lit.
#[test]
fn triage_down_goes_to_the_first_row() {
    use crossterm::event::KeyCode;
    use meyasu::tui::app::{Outcome, Popup};
    use meyasu::tui::scenes::key;
    let mut app = inbox_app();
    app.apply(Outcome::List {
        total: 1,
        counts: vec![1; 6],
        rows: vec![meyasu::store::SlipRow {
            id: 1,
            received_on: chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap(),
            floor: "1F".into(),
            kind: "request".into(),
            status: meyasu::domain::Status::New,
            due_on: None,
            sections: vec![],
            replied: vec![],
            waiting: vec![],
            returned: vec![],
            excerpt: "防災訓練の案内がほしい".into(),
        }],
    });
    app.handle_key(key(KeyCode::Char('a')));
    let first = {
        let Some(Popup::Triage(t)) = &app.popup else {
            panic!("triage")
        };
        assert_eq!(t.cursor, None, "no row lit in the search field");
        t.matches(&app.catalog)[0].label.code.clone()
    };
    app.handle_key(key(KeyCode::Down));
    app.handle_key(key(KeyCode::Enter));
    let Some(Popup::Triage(t)) = &app.popup else {
        panic!("triage")
    };
    assert_eq!(t.picked, [first], "↓ then Enter picks the first row");
}

/// Review shows, for a reply sent back before and written again, the reason given then
/// and what the liaison changed.
#[test]
fn review_shows_why_a_reply_was_sent_back_and_what_changed() {
    use crossterm::event::KeyCode;
    use meyasu::tui::app::Popup;
    use meyasu::tui::scenes::key;
    let d = common::Dir::new();
    let mut store = meyasu::store::Store::open(d.db(), &meyasu::config::Seed::embedded()).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
    let id = slip_in(&mut store, day, "授乳室の案内がほしい", &["jido"]);
    store.set_liaison(Some("jido".into()));
    store
        .reply(id, "jido", "4月1日から2階に案内を出します。", day, None)
        .unwrap();
    store.set_liaison(None);
    store
        .return_reply(id, "jido", "日付が違います（3月から）", None)
        .unwrap();
    store.set_liaison(Some("jido".into()));
    store
        .reply(id, "jido", "3月1日から2階に案内を出します。", day, None)
        .unwrap();
    store.set_liaison(None);
    let mut app = inbox_app();
    app.detail = Some(store.detail(id).unwrap());
    app.screen = meyasu::tui::app::Screen::Detail;
    let e = app.handle_key(key(KeyCode::Char('v')));
    meyasu::tui::runner::perform(&mut store, &mut app, e);
    let Some(Popup::Review(r)) = &app.popup else {
        panic!("the review: {:?}", app.popup.is_some())
    };
    let back = r.items[0].returned.as_ref().expect("sent back before");
    assert_eq!(back.reason, "日付が違います（3月から）");
    assert!(back.was.contains('4') && back.now.contains('3'), "{back:?}");
    // And the review screen says it.
    app.resize(100, 40);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 40)).unwrap();
    terminal
        .draw(|f| meyasu::tui::views::draw(f, &app))
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .filter(|s| *s != " ")
        .collect();
    assert!(
        screen.contains("前に差し戻した理由:日付が違います（3月から）"),
        "{screen}"
    );
    assert!(screen.contains("書き直したところ"), "{screen}");
}

/// 対応区分 in the reply form: Ctrl-O shows the outcomes numbered and a number picks one
/// (0: none), as the sheet's drop-down does; another key ends it and is typed.
#[test]
fn an_outcome_is_picked_by_its_number() {
    use crossterm::event::KeyCode;
    use meyasu::tui::app::Popup;
    use meyasu::tui::scenes::{ctrl, key};
    let d = common::Dir::new();
    let mut store = meyasu::store::Store::open(d.db(), &meyasu::config::Seed::embedded()).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
    let id = slip_in(&mut store, day, "ロビーの椅子が足りない", &["kumin"]);
    let codes: Vec<String> = store
        .catalog()
        .outcomes
        .iter()
        .map(|o| o.code.clone())
        .collect();
    let mut app = inbox_app();
    app.detail = Some(store.detail(id).unwrap());
    app.screen = meyasu::tui::app::Screen::Detail;
    let mut press = |app: &mut meyasu::tui::app::App, k| {
        let e = app.handle_key(k);
        meyasu::tui::runner::perform(&mut store, app, e);
    };
    press(&mut app, key(KeyCode::Char('r')));
    let outcome = |app: &meyasu::tui::app::App| match &app.popup {
        Some(Popup::Reply(r)) => r.current().outcome.clone(),
        _ => panic!("the reply form"),
    };
    press(&mut app, ctrl('o'));
    press(&mut app, key(KeyCode::Char('3')));
    assert_eq!(outcome(&app), Some(codes[2].clone()), "3 picks the third");
    press(&mut app, ctrl('o'));
    press(&mut app, key(KeyCode::Char('0')));
    assert_eq!(outcome(&app), None, "0: none");
    // A number not right after Ctrl-O is text.
    press(&mut app, key(KeyCode::Char('2')));
    let Some(Popup::Reply(r)) = &app.popup else {
        panic!()
    };
    assert_eq!(r.current().text.lines().join(""), "2");
    assert_eq!(outcome(&app), None);
}

/// The committee's xlsx as LibreOffice Calc prints it (converted to PDF, read back with
/// poppler): a month on two A4 pages with its chart whole beside the table, a year on
/// three with the chart whole on a page of its own, and 平均日数 with one decimal.
#[test]
fn the_month_prints_on_two_pages_and_the_year_on_three() {
    let o = Office::new();
    o.ok("2024-04-15", &["demo"]);
    let out = o.dir.join("pdf");
    let month = o.dir.join("month.xlsx");
    let year = o.dir.join("year.xlsx");
    let m = month.to_str().unwrap();
    let y = year.to_str().unwrap();
    o.ok(
        "2024-04-15",
        &["--lang", "ja", "report", "--month", "2024-02", "-o", m],
    );
    o.ok(
        "2024-04-15",
        &["--lang", "ja", "report", "--fiscal-year", "2023", "-o", y],
    );
    let profile = format!(
        "-env:UserInstallation=file://{}",
        o.dir.join("lo").display()
    );
    let conv = std::process::Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&out)
        .args([&month, &year])
        .output()
        .expect("LibreOffice (tests/setup.sh installs it)");
    assert!(
        conv.status.success(),
        "{}",
        String::from_utf8_lossy(&conv.stderr)
    );
    let pages = |pdf: &std::path::Path| -> Vec<String> {
        let info = std::process::Command::new("pdfinfo")
            .arg(pdf)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&info.stdout).to_string();
        let n: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap();
        (1..=n)
            .map(|p| {
                let t = std::process::Command::new("pdftotext")
                    .args(["-f", &p.to_string(), "-l", &p.to_string()])
                    .arg(pdf)
                    .arg("-")
                    .output()
                    .unwrap();
                String::from_utf8_lossy(&t.stdout)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect()
            })
            .collect()
    };
    // The chart's title: the period, then the series (the table's totals row has the
    // series' name alone).
    let chart = "令和6年2月（2024-02）合計（投書数）";
    let m = pages(&out.join("month.pdf"));
    assert_eq!(m.len(), 2, "the month on two pages: {m:?}");
    assert!(
        m[0].contains(chart) && m[0].contains("年度累計"),
        "chart beside the table: {}",
        m[0]
    );
    assert!(!m[1].contains(chart), "no chart cut onto page 2");
    assert!(
        m[1].contains("平均日数") && m[1].contains("14.0"),
        "one decimal: {}",
        m[1]
    );
    let y = pages(&out.join("year.pdf"));
    let chart = "2023年度（令和5年度）合計（投書数）";
    assert_eq!(y.len(), 3, "the year on three pages");
    assert!(
        y[1].contains(chart) && y[1].contains("4月") && y[1].contains("3月"),
        "{}",
        y[1]
    );
    assert!(
        !y[0].contains(chart) && !y[2].contains(chart),
        "the chart whole, on its own page"
    );
}

/// A status change on several marked slips shows what it does to each first (which move,
/// which cannot and why), as bulk triage does; the second Ctrl-S carries it out.
#[test]
fn a_bulk_status_change_shows_its_plan_first() {
    use crossterm::event::KeyCode;
    use meyasu::domain::Status;
    use meyasu::tui::app::{Outcome, Popup};
    use meyasu::tui::scenes::{ctrl, key};
    let d = common::Dir::new();
    let mut store = meyasu::store::Store::open(d.db(), &meyasu::config::Seed::embedded()).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
    let answered = slip_in(&mut store, day, "答えた投書", &["kumin"]);
    store
        .reply(answered, "kumin", "対応しました。", day, None)
        .unwrap();
    let new = slip_in(&mut store, day, "受け付けたばかりの投書", &[]);
    let asked = slip_in(&mut store, day, "依頼中の投書", &["kumin"]);
    let rows = store
        .list(
            &Default::default(),
            meyasu::store::Order::NewestFirst,
            10,
            0,
        )
        .unwrap();
    let mut app = inbox_app();
    app.apply(Outcome::List {
        total: 3,
        counts: vec![3; 6],
        rows,
    });
    let mut press = |app: &mut meyasu::tui::app::App, k| {
        let e = app.handle_key(k);
        meyasu::tui::runner::perform(&mut store, app, e);
    };
    for _ in 0..3 {
        press(&mut app, key(KeyCode::Char(' ')));
    }
    press(&mut app, key(KeyCode::Char('s')));
    let published = {
        let Some(Popup::Status(s)) = &app.popup else {
            panic!("the status dialog")
        };
        assert!(
            !s.choices.contains(&Status::New),
            "no bulk change back to 受付"
        );
        s.choices
            .iter()
            .position(|c| *c == Status::Published)
            .unwrap()
    };
    for _ in 0..published {
        press(&mut app, key(KeyCode::Down));
    }
    press(&mut app, ctrl('s'));
    let Some(Popup::Status(s)) = &app.popup else {
        panic!("the status dialog")
    };
    let plan = s
        .confirm
        .as_ref()
        .expect("the plan, before anything is written");
    assert_eq!(plan.len(), 3);
    let step = |id| plan.iter().find(|p| p.id == id).unwrap();
    assert!(step(answered).refused.is_none());
    assert!(step(new).refused.is_some() && step(asked).refused.is_some());
    assert_eq!(
        store_status(d.db(), answered),
        "answered",
        "nothing written yet"
    );
    // The dialog lists each slip: the one that moves, and why the others cannot.
    app.resize(100, 30);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| meyasu::tui::views::draw(f, &app))
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .filter(|s| *s != " ")
        .collect();
    assert!(
        screen.contains(&format!("#{answered}回答済→公表済")),
        "{screen}"
    );
    press(&mut app, ctrl('s'));
    assert_eq!(store_status(d.db(), answered), "published");
    assert_eq!(store_status(d.db(), new), "new");
    assert_eq!(store_status(d.db(), asked), "assigned");
}

fn store_status(db: &std::path::Path, id: i64) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT status FROM slip WHERE id = ?1", [id], |r| r.get(0))
        .unwrap()
}

/// Suggestion scores say how sure they are: one weak duty word is not 1.00 but a hint,
/// said as "no clear section"; several duty words of one section make a clear first.
#[test]
fn a_suggestion_from_thin_evidence_says_so() {
    let o = Office::new();
    o.ok(
        "2024-03-20",
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "苦情",
            "道路に散らかっているゴミが気になる",
        ],
    );
    let thin = o.ok("2024-03-20", &["--lang", "ja", "suggest", "1"]);
    assert!(thin.starts_with("はっきりした候補はありません"), "{thin}");
    assert!(!thin.contains("(1.00)"), "{thin}");
    o.ok(
        "2024-03-20",
        &[
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
            "転入届と住民票の写しとマイナンバーカードの手続きを一度にしたい",
        ],
    );
    let clear = o.ok("2024-03-20", &["--lang", "ja", "suggest", "2"]);
    assert!(clear.starts_with("1. 区民課"), "{clear}");
}
