//! Committee reports over quarters, halves and several years, and the comparison with the
//! year before, on a hand-built database whose expected figures are written out here.

mod common;

use assert_cmd::Command;
use calamine::Reader;
use chrono::NaiveDate;
use meyasu::config::Seed;
use meyasu::domain::Dimension;
use meyasu::i18n::Lang;
use meyasu::report::{Period, build, render, with_previous};
use meyasu::store::{NewSlip, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Slips over three fiscal years, each on the edge of its quarter where it can be:
/// FY2022 has 2, FY2023 has 7 (quarters 2, 2, 1, 2), FY2024 has 1; and three around the
/// change of era: 平成30年度 has 1, 令和元年度 (which began as 平成31年4月) has 2.
/// In FY2023 区民課 is asked twice and 保険年金課 once; one reply is given.
fn three_years(dir: &tempfile::TempDir) -> (Store, std::path::PathBuf) {
    let path = dir.path().join("c.db");
    let mut s = Store::open(&path, &Seed::embedded()).unwrap();
    let mut ids = vec![];
    for (date, kind) in [
        (d(2019, 3, 31), "opinion"),
        (d(2019, 4, 30), "opinion"),
        (d(2019, 5, 1), "request"),
        (d(2022, 5, 10), "request"),
        (d(2022, 11, 2), "complaint"),
        (d(2023, 4, 1), "request"),
        (d(2023, 6, 30), "opinion"),
        (d(2023, 7, 1), "complaint"),
        (d(2023, 9, 30), "request"),
        (d(2023, 10, 1), "thanks"),
        (d(2024, 1, 5), "request"),
        (d(2024, 3, 31), "inquiry"),
        (d(2024, 4, 1), "request"),
    ] {
        ids.push(
            s.add_slip(&NewSlip {
                received_on: date,
                floor: "1F".into(),
                kind: kind.into(),
                body: "テスト".into(),
                summary: None,
            })
            .unwrap(),
        );
    }
    let (april, july) = (ids[5], ids[7]);
    s.assign(
        april,
        &["kumin".into(), "hoken".into()],
        d(2023, 4, 15),
        None,
    )
    .unwrap();
    s.assign(july, &["kumin".into()], d(2023, 7, 15), None)
        .unwrap();
    s.reply(april, "kumin", "対応しました", d(2023, 4, 10), None)
        .unwrap();
    (s, path)
}

fn as_of() -> NaiveDate {
    d(2024, 5, 1)
}

fn kind_row<'a>(r: &'a meyasu::report::Report, key: &str) -> &'a meyasu::report::Row {
    r.rows.iter().find(|x| x.key == key).unwrap()
}

#[test]
fn quarters_and_halves_split_the_fiscal_year_at_its_edges() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = three_years(&dir);
    let q = build(
        &s,
        Period::Quarters(2023),
        Dimension::Kind,
        Lang::Ja,
        as_of(),
    )
    .unwrap();
    let labels: Vec<&str> = q.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["第1四半期", "第2四半期", "第3四半期", "第4四半期"]);
    assert_eq!(q.columns[3].long_label, "第4四半期 2024-01〜2024-03");
    assert_eq!(q.slips.counts, [2, 2, 1, 2]);
    assert_eq!(q.slips.total, 7);
    assert_eq!(kind_row(&q, "request").counts, [1, 1, 0, 1]);
    assert_eq!(kind_row(&q, "request").total, 3);

    let h = build(&s, Period::Halves(2023), Dimension::Kind, Lang::En, as_of()).unwrap();
    let labels: Vec<&str> = h.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["H1", "H2"]);
    assert_eq!(h.slips.counts, [4, 3]);
    assert_eq!(kind_row(&h, "complaint").counts, [1, 0]);
}

#[test]
fn a_trend_crosses_the_change_of_era() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = three_years(&dir);
    let y = build(
        &s,
        Period::Years(2018, 2020),
        Dimension::Kind,
        Lang::Ja,
        as_of(),
    )
    .unwrap();
    let labels: Vec<&str> = y.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["平成30年度", "令和元年度", "令和2年度"]);
    assert_eq!(y.slips.counts, [1, 2, 0]);
    assert_eq!(kind_row(&y, "opinion").counts, [1, 1, 0]);
    assert_eq!(
        y.period_label,
        "2018〜2020年度（平成30年度〜令和2年度） 年度別推移"
    );
}

#[test]
fn the_annual_report_paragraph_has_the_tables_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (s, db) = three_years(&dir);
    drop(s);
    let ja = cli(&db)
        .args(["report", "--fy", "2023", "--summary"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(ja.stdout).unwrap(),
        "2023年度（令和5年度）に高津区役所の目安箱に寄せられた意見・要望等は7件でした\
         （令和6年3月末日時点）。担当課別では区民課（2件）、保険年金課（1件）が多く、\
         種別では要望（3件）、意見（1件）、苦情（1件）の順でした。\
         投書2件について担当課へ延べ3件の回答を依頼し、1件に回答がありました。\n"
    );
    let en = common::meyasu()
        .env("MEYASU_DB", &db)
        .env("MEYASU_TODAY", "2024-05-01")
        .args(["--lang", "en", "report", "--fy", "2023", "--summary"])
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("received 7 opinions") && en.contains("(as of 31 March 2024)"),
        "{en}"
    );
    assert!(
        en.contains("For 2 slips, sections were asked for 3 replies in all and have given 1."),
        "{en}"
    );
    // A year with nothing says so and names nothing.
    let none = cli(&db)
        .args(["report", "--fy", "2020", "--summary"])
        .output()
        .unwrap();
    let none = String::from_utf8(none.stdout).unwrap();
    assert!(
        none.contains("0件でした") && !none.contains("担当課別"),
        "{none}"
    );
}

#[test]
fn years_side_by_side_and_compared_with_the_year_before() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = three_years(&dir);
    let y = build(
        &s,
        Period::Years(2022, 2024),
        Dimension::Kind,
        Lang::Ja,
        as_of(),
    )
    .unwrap();
    let labels: Vec<&str> = y.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["令和4年度", "令和5年度", "令和6年度"]);
    assert_eq!(y.slips.counts, [2, 7, 1]);
    assert_eq!(y.slips.total, 10);
    assert_eq!(kind_row(&y, "request").counts, [1, 3, 1]);
    // No running total over several years: the total column says it.
    let g = render::tally_grid(&y);
    assert!(g.footer.iter().all(|r| r[0] != "累計"), "{:?}", g.footer);

    let r = build(
        &s,
        Period::FiscalYear(2023),
        Dimension::Kind,
        Lang::Ja,
        as_of(),
    )
    .unwrap();
    let r = with_previous(r, &s).unwrap();
    let g = render::tally_grid(&r);
    assert_eq!(&g.header[13..], ["計", "前年同期", "増減"]);
    let line = |label: &str| {
        g.body
            .iter()
            .chain(&g.footer)
            .find(|r| r[0] == label)
            .unwrap()[13..]
            .to_vec()
    };
    assert_eq!(line("要望"), ["3", "1", "+2"]);
    assert_eq!(line("苦情"), ["1", "1", "±0"]);
    assert_eq!(line("意見"), ["1", "0", "+1"]);
    assert_eq!(line("合計（投書数）"), ["7", "2", "+5"]);

    // A month compares its year to date with the same months a year earlier.
    let m = build(
        &s,
        Period::Month(2024, 4),
        Dimension::Kind,
        Lang::Ja,
        as_of(),
    )
    .unwrap();
    let g = render::tally_grid(&with_previous(m, &s).unwrap());
    let slips = g.footer.iter().find(|r| r[0] == "合計（投書数）").unwrap();
    assert_eq!(slips[1..], ["1", "1", "1", "±0"]);
}

fn cli(db: &std::path::Path) -> Command {
    let mut c = common::meyasu();
    c.env("MEYASU_DB", db)
        .env("MEYASU_TODAY", "2024-05-01")
        .arg("--lang")
        .arg("ja");
    c
}

#[test]
fn cli_quarter_report_in_every_format_with_its_chart() {
    let dir = tempfile::tempdir().unwrap();
    let (s, db) = three_years(&dir);
    drop(s);
    let out = cli(&db)
        .args([
            "report",
            "--fy",
            "令和5年度",
            "--per",
            "quarter",
            "--by",
            "kind",
        ])
        .args(["--compare"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2023年度（令和5年度） 四半期別"), "{text}");
    let slips = text
        .lines()
        .find(|l| l.starts_with("合計（投書数）"))
        .unwrap();
    let cells: Vec<&str> = slips.split_whitespace().collect();
    assert_eq!(
        cells,
        ["合計（投書数）", "2", "2", "1", "2", "7", "2", "+5"]
    );

    // The printed page draws one bar per quarter, each with its figure.
    let html = dir.path().join("q.html");
    cli(&db)
        .args(["report", "--fy", "2023", "--per", "quarter", "-o"])
        .arg(&html)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    assert_eq!(svg.matches("<rect").count(), 4);
    for label in ["第1四半期", "第4四半期"] {
        assert!(svg.contains(label), "{svg}");
    }
    let figures: Vec<&str> = svg
        .split("font-size=\"14\">")
        .skip(1)
        .step_by(2)
        .map(|t| &t[..t.find('<').unwrap()])
        .collect();
    assert_eq!(figures, ["2", "2", "1", "2"]);

    // The rows' chart: one bar per kind with its total, and the year before under it.
    let html = dir.path().join("k.html");
    cli(&db)
        .args(["report", "--fy", "2023", "--by", "kind", "--compare", "-o"])
        .arg(&html)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    let rows = &page[page.find("chart rows").unwrap()..];
    let rows = &rows[..rows.find("</svg>").unwrap()];
    let totals: Vec<&str> = rows
        .split("font-size=\"18\">")
        .skip(1)
        .map(|t| &t[..t.find('<').unwrap()])
        .collect();
    assert_eq!(
        totals,
        [
            "意見",
            "1",
            "要望",
            "3",
            "苦情",
            "1",
            "お礼",
            "1",
            "問合せ",
            "1",
            "その他",
            "0"
        ]
    );
    // Six bars, six for the year before, one in the legend.
    assert_eq!(rows.matches("<rect").count(), 13);
    assert!(rows.contains("前年同期（2022年度（令和4年度））"), "{rows}");

    // The spreadsheet carries a native chart over the totals row.
    let xlsx = dir.path().join("y.xlsx");
    cli(&db)
        .args(["report", "--years", "2022..令和6年度", "-o"])
        .arg(&xlsx)
        .assert()
        .success();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut chart = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/charts/chart1.xml").unwrap(),
        &mut chart,
    )
    .unwrap();
    assert!(chart.contains("<c:barChart>"), "{chart}");
    assert!(chart.contains("$B$4:$D$4"), "categories: {chart}");

    // The quarter figures read back from a spreadsheet the way Excel would.
    let qx = dir.path().join("q.xlsx");
    cli(&db)
        .args([
            "report",
            "--fy",
            "2023",
            "--per",
            "quarter",
            "--compare",
            "-o",
        ])
        .arg(&qx)
        .assert()
        .success();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&qx).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let slips: Vec<String> = sheet
        .rows()
        .find(|r| r[0] == "合計（投書数）")
        .unwrap()
        .iter()
        .skip(1)
        .map(|c| c.to_string())
        .collect();
    assert_eq!(slips, ["2", "2", "1", "2", "7", "2", "5"]);

    let csv = cli(&db)
        .args(["report", "--fy", "2023", "--per", "half", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.contains("上半期 2023-04〜2023-09,下半期 2023-10〜2024-03"),
        "{csv}"
    );
}

#[test]
fn bad_periods_name_what_would_do() {
    let dir = tempfile::tempdir().unwrap();
    let (s, db) = three_years(&dir);
    drop(s);
    let out = cli(&db).args(["report", "--per", "week"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("「week」") && err.contains("quarter"), "{err}");

    for bad in ["2024..2022", "2000..2024", "2023", "令和5年..x"] {
        let out = cli(&db).args(["report", "--years", bad]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(&format!("「{bad}」")), "{err}");
    }
    // Era names on both sides, across the change of era.
    let out = cli(&db)
        .args(["report", "--years", "平成30年度..令和2年度", "--by", "kind"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().find(|l| l.starts_with("種別")).unwrap();
    let cells: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        cells,
        ["種別", "平成30年度", "令和元年度", "令和2年度", "計"]
    );
    // --years with --fy is a usage error, not a silent choice.
    cli(&db)
        .args(["report", "--years", "2022..2023", "--fy", "2023"])
        .assert()
        .code(2);
}

/// The summary screen steps by quarter and half (`p`) and shows a five-year trend (`y`);
/// its chart and table follow, and picking a column wraps at the last one.
#[test]
fn summary_screen_by_quarter_half_and_trend() {
    use crossterm::event::KeyCode;
    use meyasu::report::Per;
    use meyasu::tui::scenes::{self, key};
    let mut store = scenes::demo_store().unwrap();
    let mut a = scenes::start(&mut store, Lang::Ja, None, 100, 30);
    a.today = d(2024, 4, 15);
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('t'))]);
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('p'))]);
    let s = a.summary.as_ref().unwrap();
    assert_eq!(s.per, Per::Quarter);
    let r = s.report.as_ref().unwrap();
    assert_eq!(r.slips.counts, [18, 18, 19, 24]);
    let text = scenes::buffer_text(&scenes::render(&a, 100, 30).0);
    insta::assert_snapshot!("summary_quarters_ja", text);

    // Down picks quarters one by one, and after the fourth, none.
    for want in [Some(0), Some(1), Some(2), Some(3), None] {
        scenes::press(&mut store, &mut a, &[key(KeyCode::Down)]);
        assert_eq!(a.summary.as_ref().unwrap().month, want);
    }
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('p'))]);
    let s = a.summary.as_ref().unwrap();
    assert_eq!(s.report.as_ref().unwrap().slips.counts, [36, 43]);

    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('y'))]);
    let s = a.summary.as_ref().unwrap();
    assert_eq!(s.per, Per::Year);
    let r = s.report.as_ref().unwrap();
    assert_eq!(r.slips.counts, [0, 0, 0, 0, 79]);
    let text = scenes::buffer_text(&scenes::render(&a, 100, 30).0);
    assert!(
        text.contains("令和元年度") && text.contains("令和5年度"),
        "{text}"
    );
    scenes::press(&mut store, &mut a, &[key(KeyCode::Char('y'))]);
    assert_eq!(a.summary.as_ref().unwrap().per, Per::Month);
    assert_eq!(a.summary.as_ref().unwrap().columns(), 12);
}

/// The five-year text report's title fits 80 columns (it took 84 with both years spelt
/// out in full).
#[test]
fn the_per_year_title_fits_80_columns() {
    use meyasu::domain::date::fiscal_span_label;
    assert_eq!(
        fiscal_span_label(2020, 2024, Lang::Ja),
        "2020〜2024年度（令和2〜6年度）"
    );
    assert_eq!(
        fiscal_span_label(2020, 2024, Lang::En),
        "FY2020–2024 (令和2〜6年度)"
    );
    let title = format!(
        "{}　担当課　（2024-04-15 現在）",
        Period::Years(2020, 2024).label(Lang::Ja)
    );
    assert!(
        unicode_width::UnicodeWidthStr::width(title.as_str()) <= 80,
        "{title}"
    );
}
