//! The hot queries use their indexes (EXPLAIN QUERY PLAN), so a million slips stay quick.

use chrono::NaiveDate;
use meyasu::config::Seed;
use meyasu::domain::Status;
use meyasu::store::{Filter, Order, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("p.db"), &Seed::embedded()).unwrap();
    s.generate(3000, 3, NaiveDate::from_ymd_opt(2024, 3, 1).unwrap())
        .unwrap();
    (dir, s)
}

fn plan(s: &Store, f: &Filter) -> String {
    s.explain_list(f, Order::NewestFirst).unwrap().join(" | ")
}

#[test]
fn inbox_pages_walk_an_index_without_sorting() {
    let (_d, s) = store();
    let p = plan(&s, &Filter::default());
    assert!(p.contains("slip_by_received"), "{p}");
    assert!(
        !p.contains("TEMP B-TREE"),
        "no sort of the whole table: {p}"
    );

    let p = plan(
        &s,
        &Filter {
            statuses: vec![Status::Assigned],
            ..Default::default()
        },
    );
    assert!(p.contains("slip_by_status (status=?)"), "{p}");
    assert!(!p.contains("TEMP B-TREE"), "{p}");

    let p = plan(
        &s,
        &Filter {
            overdue_on: NaiveDate::from_ymd_opt(2024, 3, 1),
            ..Default::default()
        },
    );
    assert!(
        p.contains("USING INDEX slip_by_due") || p.contains("USING INDEX slip_by_status"),
        "{p}"
    );

    let p = plan(
        &s,
        &Filter {
            from: NaiveDate::from_ymd_opt(2023, 4, 1),
            to: NaiveDate::from_ymd_opt(2024, 3, 31),
            ..Default::default()
        },
    );
    assert!(
        p.contains("slip_by_received (received_on>? AND received_on<?)"),
        "{p}"
    );

    let p = plan(
        &s,
        &Filter {
            section: Some("kumin".into()),
            ..Default::default()
        },
    );
    assert!(
        p.contains("SEARCH ss EXISTS USING PRIMARY KEY (slip_id=? AND section=?)"),
        "the section test is an index lookup: {p}"
    );
    assert!(!p.contains("SCAN ss"), "{p}");
}

#[test]
fn tallies_read_the_date_range_from_an_index() {
    // The product's own queries (the tally of every dimension and the totals), not SQL
    // written here: each must read the fiscal year through the received-date index.
    let (_d, s) = store();
    let c = rusqlite::Connection::open(s.path()).unwrap();
    for dim in meyasu::domain::Dimension::ALL {
        for sql in &meyasu::store::report_sql(dim)[..2] {
            let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let args = ["2023-04-01", "2024-03-31", "2024-03-20"];
            let n = stmt.parameter_count();
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(&args[..n]), |r| r.get(3))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert!(
                plan.iter().any(|l| l.contains("slip_by_received")),
                "{dim:?}: {plan:?}\n{sql}"
            );
        }
    }
}

/// A one-character search is answered by the text index (a token prefix), not by reading
/// every text with LIKE: 0.6 s for the counts at a million slips before.
#[test]
fn a_one_character_search_uses_the_text_index() {
    let (_d, s) = store();
    for text in ["駐", "カ", "駐 輪"] {
        let f = Filter {
            text: Some(text.into()),
            ..Default::default()
        };
        let p = plan(&s, &f);
        assert!(p.contains("slip_text"), "{text}: {p}");
        // And it finds slips (the generated texts hold 駐輪 and カ).
        assert!(s.count(&f).unwrap() > 0, "{text}");
    }
}
