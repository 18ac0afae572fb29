//! `cargo bench`: meyasu at 10k, 100k and 1M slips.
//!
//! Builds (once, cached under `target/bench-data/`) a generated database per size,
//! then times, each in a fresh process so peak memory is per size:
//! open + first inbox frame, one page down, a text filter, a tab switch, the
//! fiscal-year tally, a monthly report, and the same GROUP BY run by the `sqlite3`
//! command-line shell on the same file, side by side; the office's paths (a month's
//! report as xlsx, every section's request mail with its reply sheet, a returned
//! 500-row sheet read and recorded); and the import of a fiscal year's export, beside
//! the sqlite3 shell's `.import` of the same file.
//!
//! `MEYASU_BENCH_SIZES=10000,100000` picks sizes; the default is all three.
//! `MEYASU_BENCH_ONLY=collect` times only the collect of a filled 500-row reply sheet.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use meyasu::config::Seed;
use meyasu::domain::Dimension;
use meyasu::i18n::Lang;
use meyasu::report::{Period, build};
use meyasu::store::Store;
use meyasu::tui::app::{App, Effect, Outcome};
use meyasu::tui::scenes::{key, start};
use meyasu::tui::worker::Worker;
use meyasu::tui::{runner, views};

const W: u16 = 120;
const H: u16 = 40;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-data")
}

fn db_for(n: usize) -> PathBuf {
    let path = data_dir().join(format!("meyasu-{n}.db"));
    if !path.exists() {
        std::fs::create_dir_all(data_dir()).unwrap();
        let tmp = path.with_extension("tmp");
        let _ = std::fs::remove_file(&tmp);
        let t = Instant::now();
        let mut s = Store::open(&tmp, &Seed::embedded()).unwrap();
        s.generate(n, 10, today()).unwrap();
        drop(s);
        // Fold the WAL back so the file stands alone.
        let c = rusqlite::Connection::open(&tmp).unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
            .unwrap();
        drop(c);
        std::fs::rename(&tmp, &path).unwrap();
        eprintln!("generated {n} slips in {:.1} s", t.elapsed().as_secs_f64());
    }
    path
}

/// Median of `runs` timings of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:8.2} ms", d.as_secs_f64() * 1000.0)
}

fn frame(app: &App) {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(W, H)).unwrap();
    t.draw(|f| views::draw(f, app)).unwrap();
}

fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Type `last` after `before` in the search line, `runs` times; the median times from the
/// key to its frame, to the first page drawn and to the counts drawn.
fn search_timing(
    store: &mut Store,
    app: &mut App,
    worker: &Worker,
    before: &str,
    last: char,
    runs: usize,
) -> (Duration, Duration, Duration) {
    let settle = |app: &mut App, store: &mut Store| {
        while app.live.counting {
            match worker.try_recv() {
                Some(o) => runner::take(store, app, o),
                None => std::thread::sleep(Duration::from_micros(200)),
            }
        }
    };
    let (mut a, mut b, mut c) = (vec![], vec![], vec![]);
    for _ in 0..runs {
        // Start from `before` typed and its results in.
        app.search_input = None;
        app.search.clear();
        let e = app.handle_key(key(KeyCode::Char('/')));
        runner::perform(store, app, e);
        for ch in before.chars() {
            if let Effect::Search(r) = app.handle_key(key(KeyCode::Char(ch))) {
                worker.send(*r);
            }
        }
        settle(app, store);
        let t = Instant::now();
        if let Effect::Search(r) = app.handle_key(key(KeyCode::Char(last))) {
            worker.send(*r);
        }
        frame(app);
        a.push(t.elapsed());
        let mut page_at = None;
        while app.live.counting {
            match worker.try_recv() {
                Some(o) => {
                    let is_page = matches!(o, Outcome::SearchPage(..));
                    runner::take(store, app, o);
                    frame(app);
                    if is_page {
                        page_at = Some(t.elapsed());
                    }
                }
                None => std::thread::sleep(Duration::from_micros(200)),
            }
        }
        let done = t.elapsed();
        b.push(page_at.unwrap_or(done));
        c.push(done);
        let e = app.handle_key(key(KeyCode::Esc));
        if let Effect::Search(r) = e {
            worker.send(*r);
        }
        settle(app, store);
    }
    let med = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    (med(a), med(b), med(c))
}

fn run_one(n: usize) {
    let path = db_for(n);
    if only_collect() {
        let store = Store::open(&path, &Seed::embedded()).unwrap();
        let asks = store.to_request(None).unwrap();
        collect_bench(n, &asks);
        return;
    }
    let runs = if n >= 1_000_000 { 5 } else { 11 };
    let mut rows: Vec<(&str, Duration)> = vec![];

    let first = time(runs, || {
        let mut store = Store::open(&path, &Seed::embedded()).unwrap();
        let app = start(&mut store, Lang::Ja, None, W, H);
        frame(&app);
    });
    rows.push(("open + first inbox frame", first));

    let mut store = Store::open(&path, &Seed::embedded()).unwrap();
    let mut app = start(&mut store, Lang::Ja, None, W, H);
    let e = app.handle_key(key(KeyCode::Char('6')));
    runner::perform(&mut store, &mut app, e);

    rows.push((
        "key: page down + redraw",
        time(runs, || {
            let e = app.handle_key(key(KeyCode::PageDown));
            runner::perform(&mut store, &mut app, e);
            frame(&app);
        }),
    ));
    rows.push((
        "key: jump to last row + redraw",
        time(runs, || {
            let e = app.handle_key(key(KeyCode::End));
            runner::perform(&mut store, &mut app, e);
            frame(&app);
            let e = app.handle_key(key(KeyCode::Home));
            runner::perform(&mut store, &mut app, e);
        }),
    ));
    rows.push((
        "key: switch tab + redraw",
        time(runs, || {
            for c in ['2', '6'] {
                let e = app.handle_key(key(KeyCode::Char(c)));
                runner::perform(&mut store, &mut app, e);
                frame(&app);
            }
        }) / 2,
    ));
    rows.push((
        "text filter 「駐輪」 (count + page)",
        time(runs, || {
            app.search = "駐輪".into();
            let e = app.load_list();
            runner::perform(&mut store, &mut app, e);
            frame(&app);
        }),
    ));
    app.search.clear();
    // Search as you type, through the search thread as the TUI runs it: the frame right
    // after the key (the UI thread's whole cost), then the first page drawn, then the
    // tab counts drawn, each from the key press.
    let worker = Worker::start(&path, runner::Env::of(&app)).unwrap();
    for (before, last, label) in [
        (
            "駐",
            '輪',
            [
                "search key 「駐輪」: frame after the key",
                "  first page drawn",
                "  tab counts drawn",
            ],
        ),
        (
            "",
            '駐',
            [
                "search key 「駐」 (one character): frame",
                "  first page drawn",
                "  tab counts drawn",
            ],
        ),
        (
            "エレベータ",
            'ー',
            [
                "search key 「エレベーター」: frame",
                "  first page drawn",
                "  tab counts drawn",
            ],
        ),
    ] {
        let (key_frame, page, counts) =
            search_timing(&mut store, &mut app, &worker, before, last, runs);
        rows.push((label[0], key_frame));
        rows.push((label[1], page));
        rows.push((label[2], counts));
    }
    drop(worker);
    let fy = 2025;
    let tally = time(runs, || {
        build(
            &store,
            Period::FiscalYear(fy),
            Dimension::Section,
            Lang::Ja,
            today(),
        )
        .unwrap()
    });
    rows.push(("fiscal-year tally by section (report::build)", tally));
    let (from, to) = Period::FiscalYear(fy).range();
    let counts = time(runs, || store.tally(from, to, Dimension::Section).unwrap());
    rows.push(("  of which the GROUP BY (Store::tally)", counts));
    // Similar slips and suggested sections for a slip in the middle of the range.
    let probe = (n / 2).max(1) as i64;
    rows.push((
        "similar slips (5, through the text index)",
        time(runs, || store.similar(probe, 5).unwrap()),
    ));
    rows.push((
        "suggested sections (from the 10 most similar)",
        time(runs, || store.suggest(probe).unwrap()),
    ));
    rows.push((
        "monthly report (2026-02, by floor)",
        time(runs, || {
            build(
                &store,
                Period::Month(2026, 2),
                Dimension::Floor,
                Lang::Ja,
                today(),
            )
            .unwrap()
        }),
    ));
    let sqlite_sql = format!(
        "SELECT substr(s.received_on, 1, 7) AS m, ss.section, count(DISTINCT s.id), count(*) \
         FROM slip s LEFT JOIN slip_section ss ON ss.slip_id = s.id \
         WHERE s.received_on BETWEEN '{from}' AND '{to}' AND s.voided = 0 GROUP BY m, ss.section;"
    );
    let sqlite = Command::new("sqlite3")
        .arg("-version")
        .output()
        .is_ok()
        .then(|| {
            // The shell's own start-up is timed apart and taken off.
            let empty = time(runs, || {
                Command::new("sqlite3")
                    .arg(&path)
                    .arg("SELECT 1;")
                    .output()
                    .unwrap()
            });
            let full = time(runs, || {
                Command::new("sqlite3")
                    .arg(&path)
                    .arg(&sqlite_sql)
                    .output()
                    .unwrap()
            });
            // The whole report: every query `report::build` runs, the very same SQL,
            // with the same parameters bound in the shell.
            let mut script = format!(
                ".parameter set ?1 \"'{from}'\"\n.parameter set ?2 \"'{to}'\"\n\
                 .parameter set ?3 \"'{}'\"\n",
                today()
            );
            for q in meyasu::store::report_sql(Dimension::Section) {
                script.push_str(q);
                script.push_str(";\n");
            }
            let script_path = path.with_extension("report.sql");
            std::fs::write(&script_path, &script).unwrap();
            let whole = time(runs, || {
                Command::new("sqlite3")
                    .arg(&path)
                    .arg(format!(".read {}", script_path.display()))
                    .output()
                    .unwrap()
            });
            (full.saturating_sub(empty), whole.saturating_sub(empty))
        });

    println!(
        "\n{n} slips ({:.0} MB file)",
        std::fs::metadata(&path).unwrap().len() as f64 / 1e6
    );
    for (name, d) in &rows {
        println!("  {} {}", meyasu::text::pad(name, 46), ms(*d));
    }
    match sqlite {
        Some((d, whole)) => {
            println!(
                "  {} {}   (tally / sqlite3 = {:.2}×)",
                meyasu::text::pad("same GROUP BY in the sqlite3 shell", 46),
                ms(d),
                counts.as_secs_f64() / d.as_secs_f64().max(1e-9)
            );
            println!(
                "  {} {}   (report / sqlite3 = {:.2}×)",
                meyasu::text::pad("the report's queries in the sqlite3 shell", 46),
                ms(whole),
                tally.as_secs_f64() / whole.as_secs_f64().max(1e-9)
            );
        }
        None => println!("  sqlite3 shell not installed: no side-by-side figure"),
    }
    if let Some(kb) = peak_rss_kb() {
        println!(
            "  {} {:8.1} MB",
            meyasu::text::pad("peak memory (VmHWM)", 46),
            kb as f64 / 1024.0
        );
    }
    let store = Store::open(&path, &Seed::embedded()).unwrap();
    office_paths(&store, n, runs);
}

/// One bench line: label, time and a note after it.
fn line(label: &str, d: Duration, note: &str) {
    println!("  {} {}{note}", meyasu::text::pad(label, 46), ms(d));
}

/// The paths to the office's desks: a month's report as xlsx, every section's request
/// mail with its reply sheet, and a returned 500-row sheet read and recorded.
fn office_paths(store: &Store, n: usize, runs: usize) {
    use meyasu::io::{mail, sheets};
    use meyasu::store::AskKind;
    let xlsx = time(runs, || {
        let r = build(
            store,
            Period::Month(2026, 2),
            Dimension::Floor,
            Lang::Ja,
            today(),
        )
        .unwrap();
        meyasu::report::xlsx::xlsx(&r, |c| store.section_name(c, Lang::Ja)).unwrap()
    });
    line("monthly report as xlsx (build + write)", xlsx, "");
    let mut asks = store.to_request(None).unwrap();
    for a in &mut asks {
        a.email
            .get_or_insert_with(|| format!("{}@city.example.jp", a.section));
    }
    let rows: usize = asks.iter().map(|a| a.items.len()).sum();
    let issued = today().and_hms_opt(9, 0, 0).unwrap();
    let mails = time(1, || {
        let sheets = sheets::make_all(store, AskKind::Request, &asks, issued).unwrap();
        asks.iter()
            .zip(sheets)
            .map(|(a, s)| {
                let sheet = Some((s.name.as_str(), s.bytes));
                let m = mail::message(
                    store,
                    AskKind::Request,
                    a,
                    "meyasu@city.example.jp",
                    sheet,
                    Lang::Ja,
                );
                m.unwrap().formatted().len()
            })
            .sum::<usize>()
    });
    let note = format!("   ({} sections, {rows} rows)", asks.len());
    line("request mails with reply sheets, built", mails, &note);
    collect_bench(n, &asks);
}

/// A section's reply sheet of (at most) 500 rows, filled in LibreOffice Calc as a
/// section would (tests/fill_sheet.py), then read and checked (`sheets::plan`) and
/// recorded (`office::collect::record`: one transaction, every row re-checked) on a copy
/// of the database.
fn collect_bench(n: usize, asks: &[meyasu::store::SectionAsk]) {
    use meyasu::io::sheets;
    use meyasu::store::AskKind;
    let Some(ask) = asks.iter().max_by_key(|a| a.items.len()) else {
        return;
    };
    let mut ask = ask.clone();
    ask.items.truncate(500);
    let dir = data_dir();
    let copy = dir.join(format!("collect-{n}.db"));
    std::fs::copy(db_for(n), &copy).unwrap();
    let mut store = Store::open(&copy, &Seed::embedded()).unwrap();
    let issued = today().and_hms_opt(9, 0, 0).unwrap();
    let blank = dir.join(format!("collect-{n}-blank.xlsx"));
    let filled = dir.join(format!("collect-{n}-filled.xlsx"));
    let edits = dir.join(format!("collect-{n}.json"));
    std::fs::write(
        &blank,
        sheets::sheet(&store, AskKind::Request, &ask, issued).unwrap(),
    )
    .unwrap();
    let rows: Vec<serde_json::Value> = ask
        .items
        .iter()
        .map(|it| serde_json::json!({"key": it.id, "answer": "掲示を増やしました。", "by": "山田"}))
        .collect();
    std::fs::write(&edits, serde_json::json!({ "rows": rows }).to_string()).unwrap();
    let fill = Command::new("/usr/bin/python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fill_sheet.py"))
        .args([&blank, &filled, &edits])
        .output();
    if fill.as_ref().is_ok_and(|o| o.status.success()) {
        let bytes = std::fs::read(&filled).unwrap();
        let t = Instant::now();
        let plan = sheets::plan(&store, "filled.xlsx", &bytes, Lang::Ja).unwrap();
        let read = t.elapsed();
        let t = Instant::now();
        let recorded = meyasu::office::collect::record(&mut store, &[plan], today())
            .unwrap()
            .recorded;
        let wrote = t.elapsed();
        let note = format!("   ({} rows)", ask.items.len());
        line("collect a filled reply sheet: read + check", read, &note);
        line(
            "  record its replies",
            wrote,
            &format!("   ({recorded} recorded)"),
        );
    } else {
        let why = fill.map_or_else(
            |e| e.to_string(),
            |o| {
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
                    .to_string()
            },
        );
        println!("  the sheet could not be filled in LibreOffice Calc ({why}): no collect figure");
    }
    drop(store);
    for f in [blank, filled, edits] {
        let _ = std::fs::remove_file(f);
    }
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", copy.display()));
    }
}

/// The file the import bench reads: fiscal year 2024 exported (by the real `meyasu
/// export`) from the largest database benchmarked, cached beside it.
fn import_source(largest: usize) -> PathBuf {
    let csv_path = data_dir().join(format!("import-fy2024-of-{largest}.csv"));
    if !csv_path.exists() {
        let status = Command::new(env!("CARGO_BIN_EXE_meyasu"))
            .arg("--db")
            .arg(db_for(largest))
            .args(["export", "--fiscal-year", "2024", "-o"])
            .arg(&csv_path)
            .env("MEYASU_TODAY", today().to_string())
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }
    csv_path
}

/// `--import FILE`: import FILE into a new database in this (fresh) process, then print
/// the seconds it took, the rows imported and the process's peak memory in KiB.
fn import_once(csv_path: &Path) {
    let db = data_dir().join(format!("import-target-{}.db", std::process::id()));
    let remove = || {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
    };
    remove();
    let mut store = Store::open(&db, &Seed::embedded()).unwrap();
    let t = Instant::now();
    let r = meyasu::io::import::import_file(&mut store, csv_path, false, false, today(), |_, _| {})
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    drop(store);
    remove();
    println!("{secs} {} {}", r.imported, peak_rss_kb().unwrap_or(0));
}

/// Import the fiscal-year export into an empty database, three times, each in a fresh
/// process (so its peak memory is its own); the sqlite3 shell's `.import` of the same
/// file into a plain table, side by side.
fn import_bench(largest: usize) {
    let csv_path = import_source(largest);
    let mb = std::fs::metadata(&csv_path).map_or(0, |m| m.len()) as f64 / 1e6;
    let mut runs: Vec<(f64, usize, u64)> = (0..3)
        .map(|_| {
            let out = Command::new(std::env::args().next().unwrap())
                .arg("--import")
                .arg(&csv_path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8(out.stdout).unwrap();
            let v: Vec<&str> = text.split_whitespace().collect();
            (
                v[0].parse().unwrap(),
                v[1].parse().unwrap(),
                v[2].parse().unwrap(),
            )
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (secs, n, _) = runs[1];
    let peak = runs.iter().map(|r| r.2).max().unwrap_or(0);
    println!(
        "\nimport of fiscal year 2024 from the {largest}-slip database ({n} slips, {mb:.1} MB CSV)"
    );
    println!(
        "  {} {}   ({:.0} rows/s)",
        meyasu::text::pad("into an empty database (one transaction)", 46),
        ms(Duration::from_secs_f64(secs)),
        n as f64 / secs
    );
    println!(
        "  {} {:8.1} MB",
        meyasu::text::pad("peak memory of that process (VmHWM)", 46),
        peak as f64 / 1024.0
    );
    let plain = data_dir().join("import-plain.db");
    let shell = time(3, || {
        let _ = std::fs::remove_file(&plain);
        Command::new("sqlite3")
            .arg(&plain)
            .args([".mode csv", &format!(".import '{}' t", csv_path.display())])
            .status()
            .map(|s| s.success())
    });
    let _ = std::fs::remove_file(&plain);
    if Command::new("sqlite3").arg("-version").output().is_ok() {
        println!(
            "  {} {}   (meyasu / sqlite3 = {:.1}×)",
            meyasu::text::pad("sqlite3 shell .import into a plain table", 46),
            ms(shell),
            secs / shell.as_secs_f64().max(1e-9)
        );
    }
}

/// `MEYASU_BENCH_ONLY=collect`: only the 500-row reply sheet's collect, per size.
fn only_collect() -> bool {
    std::env::var("MEYASU_BENCH_ONLY").is_ok_and(|v| v == "collect")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--size") {
        run_one(args[i + 1].parse().unwrap());
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--import") {
        import_once(Path::new(&args[i + 1]));
        return;
    }
    if args.iter().any(|a| a == "--list" || a == "--test") {
        return; // `cargo test --benches` and `cargo bench -- --list` run nothing heavy
    }
    let sizes: Vec<usize> = std::env::var("MEYASU_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    println!(
        "meyasu benchmarks, {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    for &n in &sizes {
        db_for(n);
        let status = Command::new(&args[0])
            .arg("--size")
            .arg(n.to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }
    if let Some(&largest) = sizes.iter().max().filter(|_| !only_collect()) {
        import_bench(largest);
    }
}
