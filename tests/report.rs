//! Tallies on a hand-built database whose expected counts are written out here, and
//! the same figures read back from the text, CSV, xlsx and HTML renderings.

mod common;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use meyasu::config::Seed;
use meyasu::domain::Dimension;
use meyasu::domain::Status;
use meyasu::i18n::Lang;
use meyasu::report::{Period, build, render, xlsx};
use meyasu::store::{NewSlip, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// FY2023 holds four slips: two in April (one tagged to two sections), one in June with
/// no section, one on 31 March. One slip falls on each side of the year.
fn hand_built(dir: &tempfile::TempDir) -> Store {
    let mut s = Store::open(&dir.path().join("r.db"), &Seed::embedded()).unwrap();
    let mut add = |date: NaiveDate, floor: &str, kind: &str| {
        s.add_slip(&NewSlip {
            received_on: date,
            floor: floor.into(),
            kind: kind.into(),
            body: "テスト".into(),
            summary: None,
        })
        .unwrap()
    };
    let before = add(d(2023, 3, 31), "1F", "opinion"); // FY2022
    let a = add(d(2023, 4, 1), "1F", "request");
    let b = add(d(2023, 4, 15), "2F", "complaint");
    let c = add(d(2023, 6, 10), "1F", "thanks");
    let e = add(d(2024, 3, 31), "3F", "inquiry");
    let after = add(d(2024, 4, 1), "1F", "request"); // FY2024
    s.assign(a, &["kumin".into(), "hoken".into()], d(2023, 4, 15), None)
        .unwrap();
    s.reply(a, "kumin", "対応しました", d(2023, 4, 10), None)
        .unwrap();
    s.reply(a, "hoken", "対応しました", d(2023, 4, 20), None)
        .unwrap();
    s.assign(b, &["kumin".into()], d(2023, 4, 29), None)
        .unwrap();
    s.set_status(c, Status::NoReply, None, None).unwrap();
    s.assign(e, &["somu".into()], d(2024, 4, 14), None).unwrap();
    s.assign(before, &["somu".into()], d(2023, 4, 14), None)
        .unwrap();
    s.assign(after, &["somu".into()], d(2024, 4, 15), None)
        .unwrap();
    s
}

const AS_OF: (i32, u32, u32) = (2024, 5, 1);

fn as_of() -> NaiveDate {
    d(AS_OF.0, AS_OF.1, AS_OF.2)
}

/// The FY2023 report of the hand-built database, grouped by `by`.
fn fy2023(s: &Store, by: Dimension, lang: Lang) -> meyasu::report::Report {
    build(s, Period::FiscalYear(2023), by, lang, as_of()).unwrap()
}

fn row<'a>(r: &'a meyasu::report::Report, key: &str) -> &'a meyasu::report::Row {
    r.rows
        .iter()
        .find(|x| x.key == key)
        .unwrap_or_else(|| panic!("no row {key}"))
}

#[test]
fn section_tally_counts_slips_and_items() {
    let dir = tempfile::tempdir().unwrap();
    let s = hand_built(&dir);
    let r = fy2023(&s, Dimension::Section, Lang::Ja);
    assert_eq!(r.columns.len(), 12);
    assert_eq!(
        row(&r, "kumin").counts,
        [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(row(&r, "hoken").total, 1);
    assert_eq!(row(&r, "somu").counts[11], 1, "31 March is in FY2023");
    assert_eq!(
        row(&r, "somu").total,
        1,
        "31 March 2023 and 1 April 2024 are not"
    );
    assert_eq!(row(&r, "").label, "（担当課なし）");
    assert_eq!(row(&r, "").counts[2], 1);
    assert_eq!(
        row(&r, "kiki").total,
        0,
        "sections with no slips still get a row"
    );
    assert_eq!(r.slips.counts, [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(r.slips.total, 4);
    assert_eq!(r.items.counts, [3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(r.items.total, 5);
    assert!(r.items_differ());
    assert_eq!(r.cumulative, [2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4]);
    let sum_rows: u64 = r.rows.iter().map(|x| x.total).sum();
    assert_eq!(sum_rows, r.items.total, "section rows add up to the items");
    assert_eq!(
        meyasu::report::cumulative_sentence(&r).unwrap(),
        "令和6年3月末までの累計 4 件"
    );

    // Replies: kumin replied on 4/10 to a slip of 4/1 (9 days) and has one open past due.
    let kumin = r.replies.iter().find(|x| x.section == "kumin").unwrap();
    assert_eq!((kumin.assigned, kumin.replied, kumin.overdue), (2, 1, 1));
    assert_eq!(kumin.avg_days, Some(9.0));
    let hoken = r.replies.iter().find(|x| x.section == "hoken").unwrap();
    assert_eq!(hoken.max_days, Some(19));
    // Due in April 2023: kumin+hoken of slip a (hoken late: replied 4/20 after 4/15),
    // kumin of slip b (never replied), somu of the FY2022 slip (never replied).
    let april = r.due.iter().find(|x| x.month == "2023-04").unwrap();
    assert_eq!((april.due, april.answered, april.late), (4, 2, 3));
}

#[test]
fn department_floor_kind_status() {
    let dir = tempfile::tempdir().unwrap();
    let s = hand_built(&dir);
    let r = fy2023(&s, Dimension::Department, Lang::Ja);
    let ku = r.rows.iter().find(|x| x.label == "区民サービス部").unwrap();
    assert_eq!(ku.counts[0], 2, "slip a counts once for the department");
    assert_eq!(
        r.rows
            .iter()
            .find(|x| x.label == "まちづくり推進部")
            .unwrap()
            .total,
        1
    );
    let r = fy2023(&s, Dimension::Floor, Lang::Ja);
    assert_eq!(row(&r, "1F").counts, [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(row(&r, "3F").total, 1);
    assert_eq!(row(&r, "5F").total, 0);
    assert!(!r.items_differ());
    let r = fy2023(&s, Dimension::Kind, Lang::En);
    assert_eq!(row(&r, "thanks").label, "Thanks");
    assert_eq!(row(&r, "thanks").counts[2], 1);
    let r = fy2023(&s, Dimension::Status, Lang::Ja);
    assert_eq!(row(&r, "answered").total, 1);
    assert_eq!(row(&r, "assigned").total, 2);
    assert_eq!(row(&r, "no_reply").total, 1);
    assert_eq!(row(&r, "new").total, 0);
}

#[test]
fn month_report_has_the_month_and_the_year_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let s = hand_built(&dir);
    let r = build(
        &s,
        Period::Month(2024, 3),
        Dimension::Section,
        Lang::Ja,
        as_of(),
    )
    .unwrap();
    assert_eq!(r.columns.len(), 2);
    assert_eq!(row(&r, "somu").counts, [1, 1]);
    assert_eq!(row(&r, "kumin").counts, [0, 2]);
    assert_eq!(r.slips.counts, [1, 4]);
    let r = build(
        &s,
        Period::Month(2023, 5),
        Dimension::Floor,
        Lang::Ja,
        as_of(),
    )
    .unwrap();
    assert_eq!(r.slips.counts, [0, 2], "a month with no slips");
}

fn numbers(cells: &[String]) -> Vec<u64> {
    cells.iter().filter_map(|c| c.trim().parse().ok()).collect()
}

#[test]
fn every_format_shows_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let s = hand_built(&dir);
    let r = fy2023(&s, Dimension::Section, Lang::Ja);
    let name = |c: &str| s.section_name(c, Lang::Ja);
    let kumin_want: Vec<u64> = vec![2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
    let slips_want: Vec<u64> = vec![2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 4];

    // Text: aligned by cells, no line wider than 80.
    let text = render::text(&r, name);
    let line = |label: &str| -> Vec<u64> {
        let l = text.lines().find(|l| l.starts_with(label)).unwrap();
        numbers(
            &l[label.len()..]
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(line("区民課"), kumin_want);
    assert_eq!(line("合計（投書数）"), slips_want);
    for l in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(l) <= 80, "{l}");
    }
    assert!(text.contains("2023年度（令和5年度）"));

    // CSV: BOM, then the same rows.
    let csv_text = render::csv(&r, true, name);
    assert!(csv_text.starts_with('\u{feff}'));
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> = rd
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let find = |label: &str| rows.iter().find(|r| r[0] == label).unwrap().clone();
    assert_eq!(numbers(&find("区民課")[1..]), kumin_want);
    assert_eq!(numbers(&find("合計（投書数）")[1..]), slips_want);
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| c == "2024-01 令和6年1月"))
    );
    assert!(!render::csv(&r, false, name).starts_with('\u{feff}'));

    // xlsx: read back with calamine.
    let bytes = xlsx::xlsx(&r, name).unwrap();
    let path = dir.path().join("t.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
    let cell_text = |c: &Data| match c {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        _ => String::new(),
    };
    let xrows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    assert!(xrows[0][0].contains("高津区役所"));
    let xfind = |label: &str| xrows.iter().find(|r| r[0] == label).unwrap().clone();
    assert_eq!(numbers(&xfind("区民課")[1..]), kumin_want);
    assert_eq!(numbers(&xfind("合計（投書数）")[1..]), slips_want);

    // HTML: self-contained, print CSS, the same row.
    let html = render::html(&r, name);
    assert!(html.contains("@page") && html.contains("A4"));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
    assert!(html.contains("<title>高津区役所　目安箱 投書集計 2023年度（令和5年度）</title>"));
    let tr = html.lines().find(|l| l.contains(">区民課</th>")).unwrap();
    let cells: Vec<String> = tr
        .split("<td")
        .skip(1)
        .map(|c| {
            c.split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(numbers(&cells), kumin_want);
}

#[test]
fn section_names_that_look_like_formulas_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = hand_built(&dir);
    s.rename_section("kumin", "=HYPERLINK(\"http://x\")", None)
        .unwrap();
    let r = fy2023(&s, Dimension::Section, Lang::Ja);
    let name = |c: &str| s.section_name(c, Lang::Ja);
    let csv_text = render::csv(&r, false, name);
    assert!(csv_text.contains("'=HYPERLINK"), "{csv_text}");
    assert!(
        !csv_text
            .lines()
            .any(|l| l.starts_with("=") || l.starts_with("\"="))
    );
    let html = render::html(&r, name);
    assert!(html.contains("=HYPERLINK(&quot;http://x&quot;)"));
}

fn cli(db: &std::path::Path) -> Command {
    let mut c = common::meyasu();
    c.env("MEYASU_DB", db)
        .env("MEYASU_TODAY", "2024-04-15")
        .arg("--lang")
        .arg("ja");
    c
}

#[test]
fn report_totals_match_the_list_on_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    cli(&db).arg("demo").assert().success();
    let list = cli(&db)
        .args(["list", "--fiscal-year", "2023"])
        .output()
        .unwrap();
    let listed = String::from_utf8(list.stdout).unwrap().lines().count() - 1;
    let out = cli(&db)
        .args(["report", "--fiscal-year", "2023", "--by", "section"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let total_line = text
        .lines()
        .find(|l| l.starts_with("合計（投書数）"))
        .unwrap();
    let total: usize = total_line
        .split_whitespace()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(total, listed, "{text}");
    assert_eq!(total, 79);
    for by in ["floor", "kind", "status", "department"] {
        let out = cli(&db)
            .args(["report", "--fy", "令和5年度", "--by", by])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let l = text
            .lines()
            .find(|l| l.starts_with("合計（投書数）"))
            .unwrap();
        assert!(l.ends_with(" 79"), "{by}: {l}");
    }
    // Files by extension; unknown format and grouping are explained.
    let html = dir.path().join("集計.html");
    cli(&db)
        .args(["report", "--fy", "2023", "-o"])
        .arg(&html)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("<!DOCTYPE html>")
    );
    let xl = dir.path().join("t.xlsx");
    cli(&db)
        .args(["report", "--month", "2024-02", "-o"])
        .arg(&xl)
        .assert()
        .success();
    assert!(std::fs::read(&xl).unwrap().starts_with(b"PK"));
    let bad = cli(&db).args(["report", "--by", "color"]).output().unwrap();
    assert!(String::from_utf8_lossy(&bad.stderr).contains("section・department"));
    let bad = cli(&db)
        .args(["report", "--format", "pdf"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&bad.stderr).contains("text・csv・xlsx・html"));
}

/// A finished year runs to the end of March, whatever month its last slip came in;
/// a year still running counts to today and leaves the months to come blank.
#[test]
fn running_total_is_labelled_by_the_year_not_by_its_last_slip() {
    let dir = tempfile::tempdir().unwrap();
    let s = hand_built(&dir);
    // FY2024's only slip came on 1 April 2024; the year ended on 31 March 2025.
    let r = build(
        &s,
        Period::FiscalYear(2024),
        Dimension::Section,
        Lang::Ja,
        d(2026, 11, 23),
    )
    .unwrap();
    assert_eq!(
        meyasu::report::cumulative_sentence(&r).unwrap(),
        "令和7年3月末までの累計 1 件"
    );
    let en = build(
        &s,
        Period::FiscalYear(2024),
        Dimension::Section,
        Lang::En,
        d(2026, 11, 23),
    )
    .unwrap();
    assert_eq!(
        meyasu::report::cumulative_sentence(&en).unwrap(),
        "1 slip to the end of March 2025"
    );
    // In the middle of FY2023: to today, and no running total for months to come.
    let r = build(
        &s,
        Period::FiscalYear(2023),
        Dimension::Section,
        Lang::Ja,
        d(2023, 6, 20),
    )
    .unwrap();
    assert_eq!(
        meyasu::report::cumulative_sentence(&r).unwrap(),
        "令和5年6月20日現在の累計 3 件"
    );
    let grid = render::tally_grid(&r);
    let cumulative = grid.footer.last().unwrap();
    assert_eq!(cumulative[1..4], ["2", "2", "3"]);
    assert!(
        cumulative[4..13].iter().all(String::is_empty),
        "{cumulative:?}"
    );
    // A year that has not begun has no running total.
    let r = build(
        &s,
        Period::FiscalYear(2030),
        Dimension::Section,
        Lang::Ja,
        d(2026, 11, 23),
    )
    .unwrap();
    assert_eq!(meyasu::report::cumulative_sentence(&r), None);
}

/// The CSV report has the sections the text report has, a blank line between them and
/// a final newline; the xlsx prints on A4 landscape, each sheet on one page while it fits.
#[test]
fn csv_has_every_section_and_xlsx_prints_on_a4_landscape() {
    let dir = tempfile::tempdir().unwrap();
    let s = hand_built(&dir);
    let r = fy2023(&s, Dimension::Section, Lang::Ja);
    let name = |c: &str| s.section_name(c, Lang::Ja);
    let text = render::text(&r, name);
    let csv_text = render::csv(&r, false, name);
    for heading in ["課別の回答状況", "月別の回答期限"] {
        if text.contains(heading) {
            assert!(csv_text.contains(heading), "{heading} missing:\n{csv_text}");
        }
    }
    assert!(
        csv_text.contains("令和6年3月末までの累計 4 件"),
        "{csv_text}"
    );
    assert!(csv_text.ends_with('\n') && !csv_text.ends_with("\n\n"));
    assert!(
        !csv_text.contains("\"\""),
        "blank lines are empty: {csv_text}"
    );
    let blanks = csv_text.lines().filter(|l| l.is_empty()).count();
    let sections = 1 + text.matches("\n\n").count().min(3);
    assert!(blanks >= 2 && blanks <= sections, "{blanks}:\n{csv_text}");

    let bytes = xlsx::xlsx(&r, name).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |path: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(path).unwrap(), &mut s).unwrap();
        s
    };
    let sheet = read("xl/worksheets/sheet1.xml");
    assert!(sheet.contains("paperSize=\"9\""), "A4: {sheet}");
    assert!(sheet.contains("orientation=\"landscape\""));
    // A table that fits a page is printed on one (tests/desk.rs counts the pages Calc
    // prints); only a longer one runs on with its header row repeated.
    assert!(sheet.contains("fitToPage=\"1\"") && !sheet.contains("fitToHeight=\"0\""));
    assert!(
        sheet.contains("2024-05-01"),
        "as-of date in the page header"
    );
    let book = read("xl/workbook.xml");
    // The year's chart on a sheet of its own (never cut by a page break); the replies by
    // section and those due by month share a page when they fit one, with no header row
    // repeated over the other table.
    assert!(
        book.contains("name=\"グラフ\"") && book.contains("name=\"課別の回答状況\""),
        "{book}"
    );
    assert_eq!(book.matches("_xlnm.Print_Titles").count(), 0, "{book}");
    for n in 2..=3 {
        let sheet = read(&format!("xl/worksheets/sheet{n}.xml"));
        assert!(sheet.contains("orientation=\"landscape\""), "sheet {n}");
    }
    // Short month heads (4月 … 3月), the fiscal year in the title; the as-of date in a cell.
    let strings = read("xl/sharedStrings.xml");
    assert!(
        strings.contains("<t>4月</t>") && strings.contains("<t>3月</t>"),
        "{strings}"
    );
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(xlsx::xlsx(&r, name).unwrap())).unwrap();
    let first = calamine::Reader::worksheet_range_at(&mut wb, 0)
        .unwrap()
        .unwrap();
    let head: Vec<String> = first
        .rows()
        .nth(3)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        head[1], "4月",
        "short heads: long ones shrink the table to 6 pt: {head:?}"
    );
    assert!(strings.contains("2024-05-01"), "{strings}");
}

/// The English text report fits 80 columns too, whatever the rows.
#[test]
fn english_text_report_fits_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let s = hand_built(&dir);
    for by in Dimension::ALL {
        let r = fy2023(&s, by, Lang::En);
        let text = render::text(&r, |c: &str| s.section_name(c, Lang::En));
        for l in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(l) <= 80,
                "{by:?}: {} cells: {l}",
                unicode_width::UnicodeWidthStr::width(l)
            );
        }
    }
}
