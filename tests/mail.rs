//! Requests and reminders through a real SMTP server on 127.0.0.1 (mailin-embedded, in
//! this test), driven through the real binary: five slips, three sections with
//! addresses and one without; the messages parsed back with their Japanese subjects
//! decoded; two replies (one sent back and written again), both approved; a reminder
//! that mails only the section still missing; the outcomes counted. A relay that
//! refuses or cannot be reached records nothing.

mod common;

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use assert_cmd::Command;
use mailin_embedded::{Handler, Response, Server, SslConfig, response};

/// Every message the server accepted, raw.
type Inbox = Arc<Mutex<Vec<Vec<u8>>>>;

#[derive(Clone)]
struct Collect {
    inbox: Inbox,
    buf: Vec<u8>,
    refuse: bool,
}

impl Handler for Collect {
    fn rcpt(&mut self, to: &str) -> Response {
        // `nobody@…` has no mailbox here: one section refused while the others go.
        if self.refuse || to.contains("nobody@") {
            response::NO_MAILBOX
        } else {
            response::OK
        }
    }
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> Response {
        self.buf.clear();
        response::OK
    }
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(buf);
        Ok(())
    }
    fn data_end(&mut self) -> Response {
        self.inbox
            .lock()
            .unwrap()
            .push(std::mem::take(&mut self.buf));
        response::OK
    }
}

/// A real SMTP server on a free port of 127.0.0.1; its port and what it received.
fn smtp_server(refuse: bool) -> (u16, Inbox) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox: Inbox = Arc::default();
    let handler = Collect {
        inbox: inbox.clone(),
        buf: vec![],
        refuse,
    };
    let mut server = Server::new(handler);
    server
        .with_name("test.invalid")
        .with_ssl(SslConfig::None)
        .unwrap()
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (port, inbox)
}

/// Subject (decoded) and body (decoded) of each message, sorted by subject.
fn parsed(inbox: &Inbox) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = inbox
        .lock()
        .unwrap()
        .iter()
        .map(|raw| {
            let m = mailparse::parse_mail(raw).unwrap();
            let subject = m
                .headers
                .iter()
                .find(|h| h.get_key() == "Subject")
                .unwrap()
                .get_value();
            let to = m
                .headers
                .iter()
                .find(|h| h.get_key() == "To")
                .unwrap()
                .get_value();
            (subject, to, m.get_body().unwrap())
        })
        .collect();
    out.sort();
    out
}

struct Env {
    dir: common::Dir,
}

impl Env {
    fn cmd(&self, today: &str) -> Command {
        let mut c = common::meyasu();
        c.env("MEYASU_DB", self.dir.path().join("m.db"))
            .env("MEYASU_TODAY", today)
            .env("MEYASU_USER", "tanaka")
            .args(["--lang", "ja"]);
        c
    }
    fn run(&self, today: &str, section: Option<&str>, args: &[&str]) -> (i32, String, String) {
        let mut c = self.cmd(today);
        if let Some(s) = section {
            c.env("MEYASU_SECTION", s);
        }
        let out = c.args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }
    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run("2024-03-05", None, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }
    /// The database as the TUI opens it, for the scenes' key presses.
    fn store(&self) -> meyasu::store::Store {
        meyasu::store::Store::open(
            &self.dir.path().join("m.db"),
            &meyasu::config::Seed::embedded(),
        )
        .unwrap()
    }
    fn events(&self, action: &str) -> i64 {
        rusqlite::Connection::open(self.dir.path().join("m.db"))
            .unwrap()
            .query_row(
                "SELECT count(*) FROM event WHERE action = ?1",
                [action],
                |r| r.get(0),
            )
            .unwrap()
    }
}

fn setup() -> Env {
    let e = Env {
        dir: common::Dir::new(),
    };
    for t in [
        "窓口の番号札の表示が見えにくい",
        "子ども向けの図書コーナーがほしい",
        "保育園の申込書類が多すぎる",
        "児童館の開館時間を延ばしてほしい",
        "国民健康保険の窓口が分かりにくい",
    ] {
        e.ok(&[
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
            "--date",
            "2024-03-01",
            t,
        ]);
    }
    e.ok(&["assign", "1", "kumin", "somu", "--due", "2024-03-15"]);
    for id in ["2", "3", "4"] {
        e.ok(&["assign", id, "jido", "--due", "2024-03-15"]);
    }
    e.ok(&["assign", "5", "hoken", "--due", "2024-03-15"]);
    e.ok(&["sections", "email", "kumin", "kumin@city.example.jp"]);
    e.ok(&["sections", "email", "somu", "somu@city.example.jp"]);
    e.ok(&["sections", "email", "jido", "jido@city.example.jp"]);
    e.ok(&["settings", "set", "mail_from", "koe@city.example.jp"]);
    e
}

/// [`setup`], and a real SMTP server (refusing every recipient with `refuse`) as the relay.
fn setup_with_server(refuse: bool) -> (Env, u16, Inbox) {
    let e = setup();
    let (port, inbox) = smtp_server(refuse);
    e.ok(&[
        "settings",
        "set",
        "mail_relay",
        &format!("smtp://127.0.0.1:{port}"),
    ]);
    (e, port, inbox)
}

#[test]
fn requests_and_reminders_go_through_a_real_smtp_server() {
    let (e, _, inbox) = setup_with_server(false);
    // Request: three sections mailed, the one without an address listed.
    let out = e.ok(&["request", "--mail"]);
    assert!(out.contains("区民課 に送信しました（1件）"), "{out}");
    assert!(out.contains("児童家庭課 に送信しました（3件）"), "{out}");
    assert!(out.contains("保険年金課 には送っていません"), "{out}");
    let got = parsed(&inbox);
    assert_eq!(got.len(), 3, "{got:?}");
    let subjects: Vec<&str> = got.iter().map(|m| m.0.as_str()).collect();
    assert!(
        subjects.contains(&"【目安箱】回答のお願い 児童家庭課 3件"),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&"【目安箱】回答のお願い 区民課 1件"),
        "{subjects:?}"
    );
    let jido = got.iter().find(|m| m.0.contains("児童家庭課")).unwrap();
    // 区民課's mail says 総務課 was asked about the same slip too.
    let kumin = got.iter().find(|m| m.0.contains("区民課")).unwrap();
    assert!(
        kumin.2.contains("この投書は 総務課 にも依頼しています"),
        "{}",
        kumin.2
    );
    let raw = String::from_utf8_lossy(&inbox.lock().unwrap()[0]).to_string();
    assert!(raw.contains("\r\nMessage-ID: <"), "{raw}");
    assert!(raw.contains("\r\nDate: "), "{raw}");
    assert!(jido.1.contains("jido@city.example.jp"), "{jido:?}");
    for text in [
        "■ 受付番号 2",
        "■ 受付番号 3",
        "■ 受付番号 4",
        "保育園の申込書類が多すぎる",
        "受付日 令和6年3月1日（金）　階 1階　種別 要望　期限 令和6年3月15日（金）",
        "回答は一言ポスト担当が確認してから確定します",
        "回答には対応区分（改善した、",
    ] {
        assert!(jido.2.contains(text), "{text}: {}", jido.2);
    }
    assert_eq!(e.events("requested"), 5, "one per slip and section mailed");
    // Asked once: a second request has only the section without an address.
    let out = e.ok(&["request", "--mail"]);
    assert!(out.contains("保険年金課 には送っていません"), "{out}");
    assert!(!out.contains("送信しました"), "{out}");
    assert_eq!(parsed(&inbox).len(), 3);
    // Two replies to slip 1; 区民課's is sent back and written again; both approved.
    let t = "2024-03-08";
    e.run(
        t,
        Some("kumin"),
        &[
            "reply",
            "1",
            "kumin",
            "--text",
            "表示を大きくします。",
            "--outcome",
            "improved",
        ],
    );
    e.run(
        t,
        Some("somu"),
        &[
            "reply",
            "1",
            "somu",
            "--text",
            "案内を見直します。",
            "--outcome",
            "consider",
        ],
    );
    e.ok(&[
        "return",
        "1",
        "kumin",
        "--reason",
        "いつまでに直すか書いてください",
    ]);
    e.run(
        t,
        Some("kumin"),
        &[
            "reply",
            "1",
            "kumin",
            "--text",
            "3月中に表示を大きくします。",
        ],
    );
    e.ok(&["approve", "1", "kumin"]);
    let out = e.ok(&["approve", "1", "somu"]);
    assert!(out.contains("回答済"), "{out}");
    // Past due: only 児童家庭課 is mailed a reminder; 保険年金課 is listed.
    let (code, out, err) = e.run("2024-03-20", None, &["remind", "--mail"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("児童家庭課 に送信しました（3件）"), "{out}");
    assert!(out.contains("保険年金課 には送っていません"), "{out}");
    let got = parsed(&inbox);
    assert_eq!(got.len(), 4);
    assert!(
        got.iter()
            .any(|m| m.0 == "【目安箱】回答の督促 児童家庭課 3件"),
        "{got:?}"
    );
    assert_eq!(e.events("reminded"), 3);
    // What the replies led to, counted.
    let report = e.ok(&[
        "report", "--fy", "2023", "--by", "outcome", "--format", "csv",
    ]);
    let row = |name: &str| {
        report
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("改善した").ends_with(",1"), "{report}");
    assert!(row("検討する").ends_with(",1"), "{report}");
}

#[test]
fn a_relay_that_refuses_or_is_not_there_records_nothing() {
    let (e, port, inbox) = setup_with_server(true);
    let (code, _, err) = e.run("2024-03-05", None, &["request", "--mail"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("総務課へのメールを送れませんでした"), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(inbox.lock().unwrap().is_empty());
    assert_eq!(e.events("requested"), 0);
    // Nothing listening there.
    let free = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    e.ok(&[
        "settings",
        "set",
        "mail_relay",
        &format!("smtp://127.0.0.1:{free}"),
    ]);
    let (code, _, err) = e.run("2024-03-05", None, &["request", "--mail"]);
    assert_eq!(code, 1);
    assert!(err.contains("送れませんでした"), "{err}");
    assert_eq!(e.events("requested"), 0);
    // A dry run writes the messages and records nothing.
    let dir = e.dir.path().join("eml");
    let out = e.ok(&["request", "--mail", "--dry-run", dir.to_str().unwrap()]);
    assert!(out.contains("requested-jido.eml"), "{out}");
    let raw = std::fs::read(dir.join("requested-jido.eml")).unwrap();
    let m = mailparse::parse_mail(&raw).unwrap();
    let subject = m
        .headers
        .iter()
        .find(|h| h.get_key() == "Subject")
        .unwrap()
        .get_value();
    assert_eq!(subject, "【目安箱】回答のお願い 児童家庭課 3件");
    assert_eq!(e.events("requested"), 0);
    // Bad input: not an address, a relay that is not one, mail not set up.
    let (_, _, err) = e.run(
        "2024-03-05",
        None,
        &["sections", "email", "somu", "somu at city"],
    );
    assert!(err.contains("メールアドレスではありません"), "{err}");
    let (_, _, err) = e.run(
        "2024-03-05",
        None,
        &["settings", "set", "mail_relay", "ftp://x"],
    );
    assert!(err.contains("mail_relay"), "{err}");
    let fresh = Env {
        dir: common::Dir::new(),
    };
    fresh.ok(&["add", "--floor", "1", "--kind", "要望", "椅子がほしい"]);
    fresh.ok(&["assign", "1", "kumin"]);
    let (code, _, err) = fresh.run("2024-03-05", None, &["request", "--mail"]);
    assert_eq!(code, 1);
    assert!(err.contains("meyasu settings set mail_from"), "{err}");
}

/// In the TUI, M on the 期限超過 tab shows each section's reminder (where it goes, or
/// that it has no address) before anything is sent; Enter mails them.
#[test]
fn reminders_from_the_overdue_tab_are_shown_before_sending() {
    use crossterm::event::KeyCode;
    use meyasu::i18n::Lang;
    use meyasu::tui::app::Popup;
    use meyasu::tui::scenes::{buffer_text, key, press, render, start};
    let (e, _, inbox) = setup_with_server(false);
    let mut store = e.store();
    // The scenes' today is 2024-03-20: every slip is past its due date.
    let mut app = start(&mut store, Lang::Ja, None, 100, 30);
    press(&mut store, &mut app, &[key(KeyCode::Char('M'))]);
    assert!(app.popup.is_none(), "not on this tab");
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('M'))],
    );
    assert!(matches!(app.popup, Some(Popup::Remind(_))));
    let screen = buffer_text(&render(&app, 100, 30).0);
    assert!(
        screen.contains("児童家庭課 3件 → jido@city.example.jp"),
        "{screen}"
    );
    assert!(
        screen.contains("保険年金課 1件 メールアドレス未登録"),
        "{screen}"
    );
    assert!(
        inbox.lock().unwrap().is_empty(),
        "nothing sent before Enter"
    );
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert!(app.popup.is_none());
    assert_eq!(parsed(&inbox).len(), 3, "区民課, 総務課, 児童家庭課");
    assert!(
        app.flash
            .as_ref()
            .unwrap()
            .0
            .contains("保険年金課 には送っていません")
    );
    // M again at once: what was just mailed is held back and says so; Enter sends only
    // what is left (保険年金課, listed); a twice includes the rest, Enter sends it again.
    press(&mut store, &mut app, &[key(KeyCode::Char('M'))]);
    let screen = buffer_text(&render(&app, 100, 30).0);
    assert!(screen.contains("最近督促したため送らないもの"), "{screen}");
    assert!(screen.contains("最近督促したものも含める"), "{screen}");
    assert!(screen.contains("（前回の督促 "), "{screen}");
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert!(app.popup.is_none());
    assert_eq!(parsed(&inbox).len(), 3, "nothing sent twice");
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('M')), key(KeyCode::Char('a'))],
    );
    let screen = buffer_text(&render(&app, 100, 30).0);
    assert!(screen.contains("もう一度 a で含めます"), "{screen}");
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('a')), key(KeyCode::Enter)],
    );
    assert!(app.popup.is_none());
    assert_eq!(parsed(&inbox).len(), 6, "sent again when asked twice");
}

/// A reminder is not sent again within `remind_days` office days, by anyone: the second
/// `remind --mail` says which slips it held back, when they were reminded and how to send
/// them anyway; `--again` sends them. `request` says what it left out and why. The
/// slip's history reads 「督促 メールで 児童家庭課」.
#[test]
fn a_reminder_is_not_sent_twice_within_the_interval() {
    let (e, _, inbox) = setup_with_server(false);
    e.ok(&["request", "--mail"]);
    let (code, _, err) = e.run("2024-03-05", None, &["request"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("児童家庭課: 依頼済みで回答待ちの 3件は依頼しません"),
        "{err}"
    );
    let sent = parsed(&inbox).len();
    let (code, out, err) = e.run("2024-03-20", None, &["remind", "--mail"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("児童家庭課 に送信しました（3件）"), "{out}");
    assert_eq!(parsed(&inbox).len(), sent + 3);
    let reminded = e.events("reminded");
    // A minute later, from another account: held back, and said so.
    let (code, out, err) = e.run("2024-03-20", None, &["remind", "--mail"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("送信しました"), "{out}");
    assert!(err.contains("児童家庭課 #2:"), "{err}");
    assert!(
        err.contains("に督促済み（5開庁日以内）のため送りません"),
        "{err}"
    );
    assert!(err.contains("--again"), "{err}");
    assert_eq!(parsed(&inbox).len(), sent + 3, "nothing mailed twice");
    assert_eq!(e.events("reminded"), reminded);
    // The listing shows when each was last reminded.
    let (_, out, _) = e.run("2024-03-20", None, &["remind", "--again", "--for", "jido"]);
    assert!(out.contains("（前回の督促 "), "{out}");
    // Asked for: sent again.
    let (_, out, _) = e.run(
        "2024-03-20",
        None,
        &["remind", "--mail", "--again", "--for", "jido"],
    );
    assert!(out.contains("児童家庭課 に送信しました（3件）"), "{out}");
    assert_eq!(e.events("reminded"), reminded + 3);
    let history = e.ok(&["show", "2"]);
    assert!(history.contains("督促"), "{history}");
    assert!(history.contains("メールで"), "{history}");
    assert!(!history.contains(" mail"), "{history}");
    assert!(!history.contains("jido"), "{history}");
}

/// The interval counts office days (2024-03-20 is 春分の日) and starts again when the
/// team sends the reply back after the reminder.
#[test]
fn the_reminder_interval_counts_office_days_and_a_return_starts_it_again() {
    use chrono::NaiveDate;
    use meyasu::store::{AskKind, Store};
    let e = setup();
    let mut store = e.store();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    store.set_now(d("2024-03-19").and_hms_opt(10, 0, 0));
    for ask in store.to_remind(d("2024-03-19"), Some("jido")).unwrap() {
        store.record_asked(AskKind::Remind, &ask, "mail").unwrap();
    }
    let held = |store: &Store, today: &str| -> usize {
        let asks = store.to_remind(d(today), Some("jido")).unwrap();
        let (_, held) = Store::hold_recent(asks, d(today), 5);
        held.iter().map(|a| a.items.len()).sum()
    };
    // 20 (holiday), 21, 22, 25, 26: four office days on.
    assert_eq!(held(&store, "2024-03-26"), 3);
    // 27: the fifth.
    assert_eq!(held(&store, "2024-03-27"), 0);
    // A reply sent back after the reminder is a new matter for the section.
    store.set_now(d("2024-03-21").and_hms_opt(9, 0, 0));
    store.set_liaison(Some("jido".into()));
    store
        .reply(2, "jido", "確認します。", d("2024-03-21"), None)
        .unwrap();
    store.set_liaison(None);
    store.set_now(d("2024-03-21").and_hms_opt(10, 0, 0));
    store.return_reply(2, "jido", "具体的に", None).unwrap();
    assert_eq!(
        held(&store, "2024-03-22"),
        2,
        "#2 goes again, #3 and #4 wait"
    );
}

/// Sending reminders stops after the section going out when asked to: the sections
/// after it are not mailed and not recorded.
#[test]
fn stopping_reminders_sends_no_more_sections() {
    use meyasu::i18n::Lang;
    let (e, _, inbox) = setup_with_server(false);
    let mut store = e.store();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
    let asks = store.to_remind(today, None).unwrap();
    let mailed: Vec<_> = asks.into_iter().filter(|a| a.email.is_some()).collect();
    assert!(mailed.len() >= 2, "{mailed:?}");
    let calls = std::cell::Cell::new(0);
    let mut progress = vec![];
    let batch = meyasu::tui::app::Outgoing {
        kind: meyasu::store::AskKind::Remind,
        asks: mailed.clone(),
        sheets: false,
        seen: store.last_event_id().unwrap(),
    };
    let out = meyasu::tui::courier::send_all(
        &mut store,
        &batch,
        Lang::Ja,
        &|| {
            calls.set(calls.get() + 1);
            calls.get() > 1
        },
        &mut |l| progress.push(l),
    );
    assert_eq!(progress.len(), 1, "{progress:?}");
    assert!(progress[0].starts_with("送信中 1/"), "{progress:?}");
    assert_eq!(parsed(&inbox).len(), 1);
    assert_eq!(e.events("reminded") as usize, mailed[0].items.len());
    let said = format!("{:?}", out);
    assert!(said.contains("中止しました。送っていません"), "{said}");
}

/// `M` on the 依頼中 tab shows the requests before sending, as `meyasu request` would
/// (a section without an address listed); Enter mails and records them; `M` again has
/// nothing new to ask, and says so. On a tab where `M` does nothing, it says where it works.
#[test]
fn requests_from_the_assigned_tab_are_shown_before_sending() {
    use crossterm::event::KeyCode;
    use meyasu::i18n::Lang;
    use meyasu::tui::app::Popup;
    use meyasu::tui::scenes::{buffer_text, key, press, render, start};
    let (e, _, inbox) = setup_with_server(false);
    let mut store = e.store();
    let mut app = start(&mut store, Lang::Ja, None, 100, 30);
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('1')), key(KeyCode::Char('M'))],
    );
    assert!(app.popup.is_none());
    let said = app.flash.as_ref().unwrap().0.clone();
    assert!(said.contains("依頼中 のタブでは回答の依頼"), "{said}");
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('2')), key(KeyCode::Char('M'))],
    );
    assert!(matches!(app.popup, Some(Popup::Remind(_))));
    let screen = buffer_text(&render(&app, 100, 30).0);
    assert!(
        screen.contains("回答依頼メール（送信前の確認）"),
        "{screen}"
    );
    assert!(
        screen.contains("児童家庭課 3件 → jido@city.example.jp"),
        "{screen}"
    );
    assert!(screen.contains("#2 [期限 2024-03-15]"), "{screen}");
    // Each mail carries its section's reply sheet unless x turns it off.
    assert!(screen.contains("回答票（Excel）を添付します"), "{screen}");
    assert!(
        !screen.contains("最近督促したものも含める"),
        "nothing held: no a key\n{screen}"
    );
    press(&mut store, &mut app, &[key(KeyCode::Char('x'))]);
    let screen = buffer_text(&render(&app, 100, 30).0);
    assert!(screen.contains("回答票は添付しません"), "{screen}");
    press(&mut store, &mut app, &[key(KeyCode::Char('x'))]);
    assert!(
        inbox.lock().unwrap().is_empty(),
        "nothing sent before Enter"
    );
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert!(app.popup.is_none());
    for raw in inbox.lock().unwrap().iter() {
        let m = mailparse::parse_mail(raw).unwrap();
        let name = m.subparts[1].get_content_disposition().params["filename"].clone();
        assert!(name.starts_with("回答票_"), "{name}");
        assert!(m.subparts[0].get_body().unwrap().contains("添付の回答票"));
    }
    let got = parsed(&inbox);
    assert_eq!(got.len(), 3, "区民課, 総務課, 児童家庭課");
    assert!(
        got.iter()
            .all(|m| m.0.starts_with("【目安箱】回答のお願い")),
        "{got:?}"
    );
    assert_eq!(e.events("requested"), 5);
    press(&mut store, &mut app, &[key(KeyCode::Char('M'))]);
    let screen = buffer_text(&render(&app, 100, 30).0);
    assert!(
        app.popup.is_some(),
        "保険年金課 is still to be asked (no address)"
    );
    assert!(
        screen.contains("依頼済みで回答待ちの 3件は依頼しません"),
        "{screen}"
    );
}

/// A report reaches the desk by mail: `report --mail` sends the file (here an .xlsx the
/// committee prints) as an attachment through the relay, `publish --mail` the public
/// list; nothing is printed unless -o is given too. An address that is not one is refused.
#[test]
fn reports_and_the_public_list_go_out_by_mail() {
    let (e, _, inbox) = setup_with_server(false);
    let (code, out, err) = e.run(
        "2024-03-20",
        None,
        &[
            "report",
            "--fy",
            "2023",
            "--format",
            "xlsx",
            "--mail",
            "iinkai@city.example.jp",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("を iinkai@city.example.jp に送信しました"),
        "{out}"
    );
    let raw = inbox.lock().unwrap()[0].clone();
    let m = mailparse::parse_mail(&raw).unwrap();
    let subject = m
        .headers
        .iter()
        .find(|h| h.get_key() == "Subject")
        .unwrap()
        .get_value();
    assert_eq!(subject, "【目安箱】目安箱 投書集計　2023年度（令和5年度）");
    let part = &m.subparts[1];
    let name = part.get_content_disposition().params["filename"].clone();
    assert!(name.ends_with(".xlsx"), "{name}");
    let bytes = part.get_body_raw().unwrap();
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let first = calamine::Reader::worksheet_range_at(&mut wb, 0)
        .unwrap()
        .unwrap();
    assert!(
        first
            .get_value((0, 0))
            .unwrap()
            .to_string()
            .contains("高津区役所")
    );
    // With -o as well: written there and mailed under that name.
    let file = e.dir.path().join("公表.html");
    let (code, _, err) = e.run(
        "2024-03-20",
        None,
        &[
            "publish",
            "--fy",
            "2023",
            "-o",
            file.to_str().unwrap(),
            "--mail",
            "koho@city.example.jp",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(file.exists());
    let raw = inbox.lock().unwrap()[1].clone();
    let m = mailparse::parse_mail(&raw).unwrap();
    assert_eq!(
        m.subparts[1].get_content_disposition().params["filename"],
        "公表.html"
    );
    let (code, _, err) = e.run("2024-03-20", None, &["report", "--mail", "not an address"]);
    assert_eq!(code, 1);
    assert!(err.contains("メールアドレスではありません"), "{err}");
}

/// A relay that refuses one section's address: that section is said, named with the
/// relay, and not recorded; the other sections are still mailed and recorded.
#[test]
fn one_refused_section_does_not_stop_the_others() {
    let (e, port, inbox) = setup_with_server(false);
    e.ok(&["sections", "email", "kumin", "nobody@city.example.jp"]);
    let (code, out, err) = e.run("2024-03-05", None, &["request", "--mail"]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("区民課へのメールを送れませんでした"), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(
        out.contains("総務課 に送信しました") && out.contains("児童家庭課 に送信しました"),
        "{out}"
    );
    assert_eq!(parsed(&inbox).len(), 2);
    assert_eq!(
        e.events("requested"),
        4,
        "総務課 1 and 児童家庭課 3; 区民課 not recorded"
    );
}

/// Five `request --mail` at once (and five `remind --mail`) mail each section once and
/// record each slip once: what a run is about to send is claimed in a write transaction.
#[test]
fn five_runs_at_once_mail_each_section_once() {
    let (e, _, inbox) = setup_with_server(false);
    let run_five = |today: &str, what: &str| {
        let children: Vec<_> = (0..5)
            .map(|_| {
                common::std_meyasu()
                    .env("MEYASU_DB", e.dir.path().join("m.db"))
                    .env("MEYASU_TODAY", today)
                    .env("MEYASU_USER", "tanaka")
                    .args(["--lang", "ja", what, "--mail"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    };
    run_five("2024-03-05", "request");
    assert_eq!(
        parsed(&inbox).len(),
        3,
        "区民課, 総務課, 児童家庭課 once each"
    );
    assert_eq!(e.events("requested"), 5);
    run_five("2024-03-20", "remind");
    assert_eq!(parsed(&inbox).len(), 6);
    assert_eq!(e.events("reminded"), 5);
}

/// `M` shown in the TUI, then `remind --mail` run from a shell before Enter: Enter does
/// not send those reminders again, and says another run sent them.
#[test]
fn a_reminder_sent_elsewhere_after_the_preview_is_not_sent_again() {
    use crossterm::event::KeyCode;
    use meyasu::i18n::Lang;
    use meyasu::tui::scenes::{key, press, start};
    let (e, _, inbox) = setup_with_server(false);
    let mut store = e.store();
    let mut app = start(&mut store, Lang::Ja, None, 100, 30);
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('M'))],
    );
    let (code, _, err) = e.run("2024-03-20", None, &["remind", "--mail"]);
    assert_eq!(code, 0, "{err}");
    let sent = parsed(&inbox).len();
    assert_eq!(sent, 3);
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert_eq!(parsed(&inbox).len(), sent, "nothing twice");
    let said = app.flash.as_ref().unwrap().0.clone();
    assert!(
        said.contains("同時に動いている別の送信が送りました"),
        "{said}"
    );
    assert_eq!(e.events("reminded"), 5);
}

/// The summary screen's `m` mails the report on screen, as the xlsx the committee prints,
/// to `report_to`; without it, it says how to set it.
#[test]
fn the_summary_screen_mails_its_report() {
    use crossterm::event::KeyCode;
    use meyasu::i18n::Lang;
    use meyasu::tui::scenes::{key, press, start};
    let (e, _, inbox) = setup_with_server(false);
    let mut store = e.store();
    let mut app = start(&mut store, Lang::Ja, None, 120, 40);
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('t')), key(KeyCode::Char('m'))],
    );
    let said = app.flash.as_ref().unwrap().0.clone();
    assert!(said.contains("meyasu settings set report_to"), "{said}");
    e.ok(&["settings", "set", "report_to", "iinkai@city.example.jp"]);
    press(&mut store, &mut app, &[key(KeyCode::Char('m'))]);
    let said = app.flash.as_ref().unwrap().0.clone();
    assert!(
        said.contains("iinkai@city.example.jp に送信しました"),
        "{said}"
    );
    let raw = inbox.lock().unwrap()[0].clone();
    let m = mailparse::parse_mail(&raw).unwrap();
    let name = m.subparts[1].get_content_disposition().params["filename"].clone();
    assert!(
        name.ends_with(".xlsx") && name.contains("投書集計"),
        "{name}"
    );
}
