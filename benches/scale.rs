//! `cargo bench`: meyasu at 10k, 100k and 1M slips.
//!
//! Builds (once, cached under `target/bench-data/`) a generated database per size,
//! then times, each in a fresh process so peak memory is per size:
//! open + first inbox frame, one page down, a text filter, a tab switch, the
//! fiscal-year tally, a monthly report, and the same GROUP BY run by the `sqlite3`
//! command-line shell on the same file, side by side.
//!
//! `MEYASU_BENCH_SIZES=10000,100000` picks sizes; the default is all three.

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
}

/// Import a generated 100k-row CSV into an empty database; rows per second.
fn import_bench() {
    let n = 100_000;
    let dir = data_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let csv_path = dir.join("import-100k.csv");
    if !csv_path.exists() {
        let mut w = csv::Writer::from_path(&csv_path).unwrap();
        w.write_record([
            "受付日",
            "階",
            "種別",
            "担当課",
            "状況",
            "内容",
            "回答",
            "回答日",
        ])
        .unwrap();
        let kinds = ["意見", "要望", "苦情", "お礼", "問合せ", "その他"];
        let sections = [
            "区民課",
            "保険年金課",
            "総務課",
            "児童家庭課",
            "道路公園センター",
        ];
        for i in 0..n {
            let day = NaiveDate::from_ymd_opt(2015, 4, 1).unwrap()
                + chrono::Duration::days((i / 30) as i64);
            let answered = i % 3 == 0;
            w.write_record([
                day.to_string(),
                format!("{}階", i % 5 + 1),
                kinds[i % 6].to_string(),
                sections[i % 5].to_string(),
                if answered {
                    "回答済"
                } else {
                    "回答依頼中"
                }
                .to_string(),
                format!("待ち時間が長いので改善してほしい。番号札{i}番でした。"),
                if answered {
                    "改善しました。".to_string()
                } else {
                    String::new()
                },
                if answered {
                    (day + chrono::Duration::days(7)).to_string()
                } else {
                    String::new()
                },
            ])
            .unwrap();
        }
        w.flush().unwrap();
    }
    let db = dir.join("import-target.db");
    let mut best = Duration::MAX;
    for _ in 0..3 {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
        let mut store = Store::open(&db, &Seed::embedded()).unwrap();
        let t = Instant::now();
        let r = meyasu::io::import::import_file(
            &mut store,
            &csv_path,
            false,
            false,
            today(),
            |_, _| {},
        )
        .unwrap();
        best = best.min(t.elapsed());
        assert_eq!(r.slips.len(), n);
    }
    println!("\nimport of {n} CSV rows into an empty database");
    println!(
        "  {} {}   ({:.0} rows/s)",
        meyasu::text::pad("validate + insert (one transaction)", 46),
        ms(best),
        n as f64 / best.as_secs_f64()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--size") {
        run_one(args[i + 1].parse().unwrap());
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
    for n in sizes {
        db_for(n);
        let status = Command::new(&args[0])
            .arg("--size")
            .arg(n.to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }
    import_bench();
}
