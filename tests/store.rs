//! Store tests on real SQLite files in temp dirs.

use chrono::NaiveDate;
use meyasu::config::Seed;
use meyasu::domain::Status;
use meyasu::store::{Filter, NewSlip, Order, SlipEdit, Store};
use meyasu::{Error, domain::TransitionError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("sub").join("m.db"), &Seed::embedded()).unwrap()
}

fn slip(body: &str) -> NewSlip {
    NewSlip {
        received_on: d(2024, 2, 10),
        floor: "1階".into(),
        kind: "要望".into(),
        body: body.into(),
        summary: None,
    }
}

fn events(store: &Store, id: i64) -> usize {
    store.detail(id).unwrap().history.len()
}

#[test]
fn fresh_database_migrates_seeds_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("m.db");
    {
        let mut s = Store::open(&path, &Seed::embedded()).unwrap();
        assert_eq!(s.sections().len(), 15);
        assert_eq!(s.floors().len(), 5);
        assert_eq!(s.kinds().len(), 6);
        s.add_slip(&slip("一つ目")).unwrap();
        s.rename_section("somu", "総務企画課", None).unwrap();
    }
    let s = Store::open(&path, &Seed::embedded()).unwrap();
    assert_eq!(s.count(&Filter::default()).unwrap(), 1);
    assert_eq!(
        s.section("somu").unwrap().label.name,
        "総務企画課",
        "reopening must not re-seed over changes"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, meyasu::store::schema_version());
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perm = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(perm & 0o777, 0o600);
    }
}

#[test]
fn newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let err = Store::open(&path, &Seed::embedded()).unwrap_err();
    assert!(
        matches!(err, Error::NewerSchema { found: 99, .. }),
        "{err:?}"
    );
    let msg = err.message(meyasu::i18n::Lang::Ja);
    assert!(msg.contains("新しい版"), "{msg}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 1, "nothing was created in the newer database");
}

#[test]
fn japanese_and_emoji_round_trip_and_control_characters_are_taken_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    // Japanese, emoji (with a joiner), half-width kana, newline and tab stay as written;
    // ESC, BEL and a bidi override no slip needs are taken out.
    let body = "待ち時間が長い😢👨\u{200d}👩\n二行目\u{1b}[31m赤\u{7}\u{202e}逆 ｱｲｳ\t終わり";
    let id = s.add_slip(&slip(body)).unwrap();
    assert_eq!(
        s.slip(id).unwrap().body,
        "待ち時間が長い😢👨\u{200d}👩\n二行目[31m赤逆 ｱｲｳ\t終わり"
    );
    // Combining marks are stored composed (NFC).
    let id2 = s.add_slip(&slip("か\u{3099}ん")).unwrap();
    assert_eq!(s.slip(id2).unwrap().body, "がん");
    // Search finds Japanese text and LIKE wildcards are literal.
    let f = Filter {
        text: Some("😢".into()),
        ..Default::default()
    };
    assert_eq!(s.count(&f).unwrap(), 1);
    let f = Filter {
        text: Some("%".into()),
        ..Default::default()
    };
    assert_eq!(s.count(&f).unwrap(), 0);
}

#[test]
fn stale_version_is_refused_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let id = s.add_slip(&slip("古い版")).unwrap();
    let v = s.slip(id).unwrap().version;
    // Someone else edits first.
    s.edit_slip(
        id,
        &SlipEdit {
            body: Some("他の人の修正".into()),
            ..Default::default()
        },
        Some(v),
    )
    .unwrap();
    let err = s
        .edit_slip(
            id,
            &SlipEdit {
                body: Some("私の修正".into()),
                ..Default::default()
            },
            Some(v),
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::Stale { expected, actual, .. } if expected == v && actual == v + 1),
        "{err:?}"
    );
    assert_eq!(s.slip(id).unwrap().body, "他の人の修正");
    let err = s
        .set_status(id, Status::NoReply, None, Some(v))
        .unwrap_err();
    assert!(matches!(err, Error::Stale { .. }));
    assert_eq!(s.slip(id).unwrap().status, Status::New);
}

#[test]
fn full_workflow_with_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let id = s.add_slip(&slip("待合の椅子を増やしてほしい")).unwrap();
    let err = s.set_status(id, Status::Assigned, None, None).unwrap_err();
    assert!(matches!(
        err,
        Error::Transition(TransitionError::NeedSections)
    ));
    let slip1 = s
        .assign(id, &["総務課".into(), "kumin".into()], d(2024, 2, 24), None)
        .unwrap();
    assert_eq!(slip1.status, Status::Assigned);
    assert_eq!(slip1.sections, ["somu", "kumin"]);
    let err = s.set_status(id, Status::Answered, None, None).unwrap_err();
    assert!(
        matches!(&err, Error::Transition(TransitionError::NotAllReplied(v)) if v.len() == 2),
        "{err:?}"
    );
    let after = s
        .reply(id, "somu", "椅子を12脚増やしました。", d(2024, 2, 20), None)
        .unwrap();
    assert_eq!(after.status, Status::Assigned);
    let err = s.reply(id, "hoken", "x", d(2024, 2, 20), None).unwrap_err();
    assert!(matches!(err, Error::NotTagged { .. }));
    let after = s
        .reply(id, "区民課", "案内を掲示しました。", d(2024, 2, 21), None)
        .unwrap();
    assert_eq!(after.status, Status::Answered, "all replied → answered");
    s.set_status(id, Status::Published, None, None).unwrap();
    let err = s.set_status(id, Status::Assigned, None, None).unwrap_err();
    assert!(matches!(
        err,
        Error::Transition(TransitionError::NeedReason)
    ));
    s.set_status(id, Status::Assigned, Some("回答の追記が必要"), None)
        .unwrap();
    let detail = s.detail(id).unwrap();
    let actions: Vec<&str> = detail.history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "created", "assigned", "status", "replied", "replied", "status", "status", "status"
        ]
    );
    assert_eq!(
        detail.history.last().unwrap().note.as_deref(),
        Some("回答の追記が必要")
    );
    assert_eq!(detail.replies.len(), 2);
    assert_eq!(detail.slip.version, 6, "one bump per change");
}

#[test]
fn bad_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let id = s.add_slip(&slip("変更されないこと")).unwrap();
    let before = s.slip(id).unwrap();
    let n = events(&s, id);

    let err = s
        .assign(id, &["kumin".into(), "nosuch".into()], d(2024, 3, 1), None)
        .unwrap_err();
    match &err {
        Error::UnknownSection { given, known } => {
            assert_eq!(given, "nosuch");
            assert!(known.iter().any(|k| k.contains("区民課")), "{known:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.message(meyasu::i18n::Lang::Ja).contains("使える課"));
    let err = s.add_slip(&slip(" \n\t ")).unwrap_err();
    assert!(matches!(err, Error::EmptyText));
    let mut bad_floor = slip("x");
    bad_floor.floor = "屋上".into();
    assert!(matches!(
        s.add_slip(&bad_floor).unwrap_err(),
        Error::UnknownFloor { .. }
    ));
    assert!(matches!(
        s.reply(id, "kumin", "x", d(2024, 3, 1), None).unwrap_err(),
        Error::NotTagged { .. }
    ));
    assert!(matches!(
        s.mark_duplicate(id, id, None).unwrap_err(),
        Error::DuplicateSelf
    ));
    assert!(matches!(
        s.mark_duplicate(id, 999, None).unwrap_err(),
        Error::NotFound(999)
    ));

    assert_eq!(s.slip(id).unwrap(), before);
    assert_eq!(events(&s, id), n);
    assert_eq!(s.count(&Filter::default()).unwrap(), 1);
}

#[test]
fn filters_and_paging() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    let n = meyasu::io::load_demo(&mut s).unwrap();
    assert_eq!(n, 79);
    let all = Filter::default();
    assert_eq!(s.count(&all).unwrap(), 79);
    let page1 = s.list(&all, Order::NewestFirst, 10, 0).unwrap();
    let page2 = s.list(&all, Order::NewestFirst, 10, 10).unwrap();
    assert_eq!(page1.len(), 10);
    assert!(page1.last().unwrap().received_on >= page2[0].received_on);
    let kumin = Filter {
        section: Some("kumin".into()),
        ..Default::default()
    };
    let rows = s.list(&kumin, Order::OldestFirst, 100, 0).unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.sections.contains(&"kumin".to_string()))
    );
    let overdue = Filter {
        overdue_on: Some(d(2024, 4, 1)),
        ..Default::default()
    };
    let rows = s.list(&overdue, Order::NewestFirst, 100, 0).unwrap();
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().all(|r| r.is_overdue(d(2024, 4, 1))));
    let feb = Filter {
        from: Some(d(2024, 2, 1)),
        to: Some(d(2024, 2, 29)),
        ..Default::default()
    };
    assert_eq!(s.count(&feb).unwrap(), 7);
}

#[test]
fn text_search_matches_a_plain_scan() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    meyasu::io::load_demo(&mut s).unwrap();
    let id = s.add_slip(&slip("エレベーターの案内表示")).unwrap();
    let conn = rusqlite::Connection::open(s.path()).unwrap();
    let scan = |q: &str| -> u64 {
        conn.query_row(
            "SELECT count(*) FROM slip WHERE instr(body, ?1) > 0 OR instr(coalesce(summary, ''), ?1) > 0
             OR EXISTS (SELECT 1 FROM reply r WHERE r.slip_id = slip.id AND instr(r.text, ?1) > 0)",
            [q],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as u64
    };
    let count = |s: &Store, q: &str| {
        s.count(&Filter {
            text: Some(q.into()),
            ..Default::default()
        })
        .unwrap()
    };
    for q in [
        "駐輪",
        "駐輪場",
        "待ち時間",
        "エレベーター",
        "ありがとう",
        "Wi-Fi",
        "窓口",
        "\"引用\"",
        "ない言葉です",
    ] {
        assert_eq!(count(&s, q), scan(q), "{q}");
    }
    // Searches see edits at once.
    s.edit_slip(
        id,
        &SlipEdit {
            body: Some("階段の手すりがぐらぐらする".into()),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert_eq!(count(&s, "エレベーター案内"), 0);
    assert_eq!(count(&s, "手すりが"), 1);
    assert_eq!(count(&s, "エレベーター"), scan("エレベーター"));
}

#[test]
fn status_counts_in_one_pass_match_separate_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir);
    meyasu::io::load_demo(&mut s).unwrap();
    let today = d(2024, 3, 20);
    for base in [
        Filter::default(),
        Filter {
            section: Some("kumin".into()),
            ..Default::default()
        },
        Filter {
            text: Some("窓口".into()),
            ..Default::default()
        },
    ] {
        let c = s.status_counts(&base, today).unwrap();
        assert_eq!(c.total, s.count(&base).unwrap());
        for st in Status::ALL {
            let f = Filter {
                statuses: vec![st],
                ..base.clone()
            };
            assert_eq!(c.of(&[st]), s.count(&f).unwrap(), "{st:?}");
        }
        let f = Filter {
            overdue_on: Some(today),
            ..base.clone()
        };
        assert_eq!(c.overdue, s.count(&f).unwrap());
    }
}

#[test]
fn a_due_date_on_a_closed_day_moves_to_the_next_office_day() {
    use meyasu::domain::date::due_after;
    // Calendar days: Saturday 24 February 2024 → Monday the 26th.
    assert_eq!(due_after(d(2024, 2, 10), 14, false), d(2024, 2, 26));
    // A Thursday stays; Friday 23 February is 天皇誕生日 and moves.
    assert_eq!(due_after(d(2024, 2, 8), 14, false), d(2024, 2, 22));
    assert_eq!(due_after(d(2024, 2, 9), 14, false), d(2024, 2, 26));
    // Golden Week: 3 May 2024 (憲法記念日, a Friday) → Tuesday 7 May (6 May is 振替休日).
    assert_eq!(due_after(d(2024, 4, 19), 14, false), d(2024, 5, 7));
    // The year-end break: 30 December → 4 January.
    assert_eq!(due_after(d(2024, 12, 16), 14, false), d(2025, 1, 6));
}
