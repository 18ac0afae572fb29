//! Prepared screens over the demo data: the same scenes feed the snapshot tests and
//! the screenshots in `screenshots/` (`cargo run --example screenshots`).

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;

use super::app::App;
use super::{runner, views};
use crate::config::Seed;
use crate::i18n::Lang;
use crate::store::Store;

/// The "today" of every scene, so overdue marks and dates are stable.
pub fn scene_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 3, 20).expect("date")
}

/// An in-memory store holding the demo slips.
pub fn demo_store() -> crate::Result<Store> {
    let mut store = Store::open_in_memory(&Seed::embedded())?;
    store.set_actor("demo");
    crate::io::load_demo(&mut store)?;
    store.set_now(scene_today().and_hms_opt(10, 30, 0));
    store.set_actor("suzuki");
    Ok(store)
}

/// A new app on `store`, sized and loaded as the TUI would be at start.
pub fn start(store: &mut Store, lang: Lang, liaison: Option<&str>, w: u16, h: u16) -> App {
    let settings = store.settings().expect("settings");
    let mut app = App::new(
        lang,
        scene_today(),
        store.catalog().clone(),
        settings,
        liaison.map(str::to_string),
    );
    store.set_liaison(app.liaison.clone());
    let e = app.resize(w, h);
    runner::perform(store, &mut app, e);
    let first = app.load_list();
    runner::perform(store, &mut app, first);
    app
}

/// A key press with no modifiers.
pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Ctrl + a letter.
pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Press keys, performing each effect as the loop would.
pub fn press(store: &mut Store, app: &mut App, keys: &[KeyEvent]) {
    for k in keys {
        let e = app.handle_key(*k);
        runner::perform(store, app, e);
    }
}

/// Type text one character at a time (newlines as Enter).
pub fn type_text(store: &mut Store, app: &mut App, text: &str) {
    for c in text.chars() {
        let k = if c == '\n' {
            key(KeyCode::Enter)
        } else {
            key(KeyCode::Char(c))
        };
        press(store, app, &[k]);
    }
}

/// Draw `app` into a `w`×`h` test terminal. Returns what reached the terminal and
/// where the real cursor went; panics if any cell the views drew was lost on the way
/// (a cell hidden behind a wide character never reaches a real terminal either).
pub fn render(app: &App, w: u16, h: u16) -> (Buffer, Option<Position>) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let intended = terminal
        .draw(|f| views::draw(f, app))
        .expect("draw")
        .buffer
        .clone();
    let shown = terminal.backend().buffer().clone();
    for y in 0..h {
        for x in 0..w {
            assert_eq!(
                intended[(x, y)].symbol(),
                shown[(x, y)].symbol(),
                "cell ({x}, {y}) was drawn but does not reach the terminal"
            );
        }
    }
    let pos = terminal.get_cursor_position().expect("test cursor");
    let cursor = terminal.backend().cursor_visible().then_some(pos);
    (shown, cursor)
}

/// The buffer as text lines (wide characters once, trailing spaces kept).
pub fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = crate::text::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// One prepared scene.
pub struct Scene {
    /// File name without extension.
    pub name: &'static str,
    /// Terminal width.
    pub width: u16,
    /// Terminal height.
    pub height: u16,
    /// The app, ready to draw.
    pub app: App,
}

/// Render every scene as an SVG file in `dir` (`meyasu screenshots`), printing each path.
pub fn write_svgs(dir: &std::path::Path) -> anyhow::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let mut out = std::io::stdout().lock();
    for scene in all(crate::i18n::lang())? {
        let (buf, cursor) = render(&scene.app, scene.width, scene.height);
        let svg = super::svg::to_svg(&buf, cursor.map(|p| (p.x, p.y)));
        let path = dir.join(format!("{}.svg", scene.name));
        std::fs::write(&path, svg)?;
        writeln!(out, "{}", path.display())?;
    }
    Ok(())
}

/// Every scene shown in the README, in Japanese.
pub fn all(lang: Lang) -> crate::Result<Vec<Scene>> {
    let mut out = vec![];
    let mut scene = |name: &'static str,
                     width: u16,
                     height: u16,
                     liaison: Option<&str>,
                     steps: &dyn Fn(&mut Store, &mut App)|
     -> crate::Result<()> {
        let mut store = demo_store()?;
        let mut app = start(&mut store, lang, liaison, width, height);
        steps(&mut store, &mut app);
        out.push(Scene {
            name,
            width,
            height,
            app,
        });
        Ok(())
    };
    scene("inbox", 120, 34, None, &|s, a| {
        press(
            s,
            a,
            &[
                key(KeyCode::Char('6')),
                key(KeyCode::Down),
                key(KeyCode::Down),
            ],
        );
    })?;
    scene("inbox-80x24", 80, 24, None, &|s, a| {
        press(s, a, &[key(KeyCode::Char('2'))]);
    })?;
    scene("entry", 100, 28, None, &|s, a| {
        press(
            s,
            a,
            &[
                key(KeyCode::Char('n')),
                key(KeyCode::Char('1')),
                key(KeyCode::Char('3')),
            ],
        );
        type_text(
            s,
            a,
            "エレベーターの前にベビーカー置き場がなく、\n通路がふさがっていました。案内してほしいです。",
        );
    })?;
    scene("search", 100, 28, None, &|s, a| {
        // A search typed into the all tab, its words marked in each row.
        press(s, a, &[key(KeyCode::Char('6')), key(KeyCode::Char('/'))]);
        type_text(s, a, "手続き");
    })?;
    scene("entry-similar", 100, 28, None, &|s, a| {
        // A slip just saved that repeats slip 7: the earlier ones like it, Ctrl-D away.
        press(
            s,
            a,
            &[
                key(KeyCode::Char('n')),
                key(KeyCode::Char('1')),
                key(KeyCode::Char('3')),
            ],
        );
        type_text(s, a, "自動ドアの前に自転車が止められていて通れません。");
        press(s, a, &[ctrl('s')]);
    })?;
    scene("triage", 100, 28, None, &|s, a| {
        press(s, a, &[key(KeyCode::Char('a'))]);
        type_text(s, a, "区民");
        press(s, a, &[key(KeyCode::Enter)]);
        let backspace = [key(KeyCode::Backspace), key(KeyCode::Backspace)];
        press(s, a, &backspace);
        type_text(s, a, "保険");
        press(s, a, &[key(KeyCode::Enter)]);
        press(s, a, &backspace);
    })?;
    scene("triage-plan", 100, 28, None, &|s, a| {
        // Two slips marked on the 回答済 tab, 保険年金課 added to both: the plan first.
        press(
            s,
            a,
            &[
                key(KeyCode::Char('4')),
                key(KeyCode::Char(' ')),
                key(KeyCode::Char(' ')),
                key(KeyCode::Char('a')),
            ],
        );
        type_text(s, a, "保険");
        press(s, a, &[key(KeyCode::Enter), ctrl('s')]);
    })?;
    scene("reply", 100, 28, None, &|s, a| {
        // An answered slip: its reply pre-filled (✓), being added to before saving.
        press(s, a, &[key(KeyCode::Char('4')), key(KeyCode::Char('r'))]);
        type_text(s, a, "第2・第4日曜日の開庁日にも受け付けます。");
    })?;
    scene("detail", 100, 30, None, &|s, a| {
        press(s, a, &[key(KeyCode::Char('6'))]);
        for _ in 0..69 {
            press(s, a, &[key(KeyCode::Down)]);
        }
        press(s, a, &[key(KeyCode::Enter)]);
    })?;
    scene("status", 100, 30, None, &|s, a| {
        press(
            s,
            a,
            &[
                key(KeyCode::Char('3')),
                key(KeyCode::Enter),
                key(KeyCode::Char('s')),
            ],
        );
    })?;
    scene("liaison", 110, 26, Some("jido"), &|s, a| {
        press(s, a, &[key(KeyCode::Char('4'))]);
    })?;
    scene("liaison-reply", 110, 26, Some("jido"), &|s, a| {
        press(s, a, &[key(KeyCode::Enter), key(KeyCode::Char('r'))]);
        type_text(
            s,
            a,
            "ご意見ありがとうございます。申込書類の見直しを進めており、\n来年度から提出書類を減らす予定です。",
        );
    })?;
    scene("review", 110, 30, None, &|s, a| {
        // 児童家庭課's liaison replied to slip 72; the team reviews it and sends it back.
        liaison_replies(s, 72, "jido", "書類を減らせるか検討します。");
        press(
            s,
            a,
            &[
                key(KeyCode::Char('7')),
                key(KeyCode::Enter),
                key(KeyCode::Char('v')),
                key(KeyCode::Char('x')),
            ],
        );
        type_text(s, a, "いつまでに決めるか書いてください");
    })?;
    scene("liaison-returned", 110, 26, Some("jido"), &|s, a| {
        // The team sent the liaison's reply back: the 差し戻し tab, then the slip and why.
        liaison_replies(s, 72, "jido", "書類を減らせるか検討します。");
        s.set_liaison(None);
        let _ = s.return_reply(72, "jido", "いつまでに決めるか書いてください", None);
        s.set_liaison(Some("jido".into()));
        press(s, a, &[key(KeyCode::Char('5')), key(KeyCode::Enter)]);
    })?;
    scene("reply-aids", 110, 32, None, &|s, a| {
        // A new slip like slip 7: 総務課's template and its reply to slip 7 on offer.
        let _ = s.add_template(
            "somu",
            Some("巡回の強化"),
            "警備員の巡回を増やし、掲示で注意を呼びかけます。",
        );
        let on = scene_today();
        if let Ok(id) = s.add_slip(&crate::store::NewSlip {
            received_on: on,
            floor: "1F".into(),
            kind: "complaint".into(),
            body: "玄関の前に自転車が止められていて通りにくいです。".into(),
            summary: None,
        }) {
            let _ = s.assign(
                id,
                &["somu".to_string()],
                on + chrono::Duration::days(14),
                None,
            );
        }
        press(s, a, &[key(KeyCode::Char('2')), key(KeyCode::Char('r'))]);
        press(s, a, &[ctrl('n')]);
    })?;
    scene("filter", 100, 28, None, &|s, a| {
        press(
            s,
            a,
            &[
                key(KeyCode::Char('6')),
                key(KeyCode::Char('f')),
                key(KeyCode::Right),
                key(KeyCode::Right),
                key(KeyCode::Right),
                key(KeyCode::Right),
                key(KeyCode::Right),
                key(KeyCode::Right),
            ],
        );
    })?;
    scene("summary", 120, 34, None, &|s, a| {
        press(
            s,
            a,
            &[key(KeyCode::Char('t')), key(KeyCode::Up), key(KeyCode::Up)],
        );
    })?;
    scene("help", 100, 30, None, &|s, a| {
        press(s, a, &[key(KeyCode::Char('?'))]);
    })?;
    Ok(out)
}

/// `section`'s liaison replies to slip `id` (for the review scenes): with review on, the
/// reply waits for the team.
fn liaison_replies(s: &mut Store, id: i64, section: &str, text: &str) {
    s.set_liaison(Some(section.to_string()));
    let _ = s.reply(id, section, text, scene_today(), None);
    s.set_liaison(None);
}
