//! Reply sheets (回答票) through the real binary and a real spreadsheet program: sheets
//! written by `request --sheets`, filled in LibreOffice Calc (headless, through UNO, by
//! `tests/fill_sheet.py`) the way a section would, saved as Calc saves `.xlsx`, and
//! collected back; forged, foreign and stale sheets refused.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

struct Env {
    dir: common::Dir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: common::Dir::new(),
        }
    }
    fn db(&self) -> PathBuf {
        self.dir.path().join("m.db")
    }
    fn cmd(&self, section: Option<&str>) -> Command {
        let mut c = common::meyasu();
        c.env("MEYASU_DB", self.db())
            .env("MEYASU_TODAY", "2024-03-20")
            .env("MEYASU_USER", "tanaka")
            .args(["--lang", "ja"]);
        if let Some(s) = section {
            c.env("MEYASU_SECTION", s);
        }
        c
    }
    fn run(&self, section: Option<&str>, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd(section).args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }
    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(None, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }
    fn add(&self, text: &str, sections: &[&str]) {
        self.ok(&[
            "add",
            "--floor",
            "1",
            "--kind",
            "要望",
            "--date",
            "2024-03-01",
            text,
        ]);
        let n = self.count("SELECT max(id) FROM slip").to_string();
        let mut args = vec!["assign", n.as_str()];
        args.extend(sections);
        args.extend(["--due", "2024-03-29"]);
        self.ok(&args);
    }
    fn count(&self, sql: &str) -> i64 {
        rusqlite::Connection::open(self.db())
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    }
    /// The sheets `request --sheets` wrote, by section name.
    fn sheet(&self, dir: &Path, section_name: &str) -> PathBuf {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("回答票_{section_name}_"))
            })
            .unwrap_or_else(|| panic!("no sheet for {section_name} in {dir:?}"))
    }
}

/// Fill `src` in LibreOffice Calc with `edits` (see tests/fill_sheet.py), saved as `dst`.
fn fill(src: &Path, dst: &Path, edits: serde_json::Value) {
    let json = dst.with_extension("json");
    std::fs::write(&json, edits.to_string()).unwrap();
    let out = std::process::Command::new("/usr/bin/python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fill_sheet.py"))
        .args([src, dst, &json])
        .output()
        .expect("LibreOffice Calc and python3-uno are needed (.ci/run installs them)");
    assert!(
        out.status.success() && dst.exists(),
        "LibreOffice could not fill the sheet: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Four slips: #1 asked of 児童家庭課 and 区民課, #2 and #3 of 児童家庭課, #4 of 区民課.
fn office() -> Env {
    let e = Env::new();
    e.add(
        "保育園の申込書類が多すぎる。減らしてほしい。",
        &["jido", "kumin"],
    );
    e.add("児童館の開館時間を延ばしてほしい", &["jido"]);
    e.add("子育て支援センターの場所が分かりにくい", &["jido"]);
    e.add("住民票の窓口が混んでいる", &["kumin"]);
    e.ok(&[
        "settings",
        "set",
        "contact_name",
        "区政推進課 一言ポスト担当",
    ]);
    e
}

#[test]
fn a_section_fills_its_sheet_in_libreoffice_and_it_comes_back_as_its_reply() {
    let e = office();
    let out_dir = e.dir.path().join("sheets");
    let (code, _, err) = e.run(None, &["request", "--sheets", out_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("回答票_児童家庭課_"), "{err}");
    let sheet = e.sheet(&out_dir, "児童家庭課");
    e.sheet(&out_dir, "区民課");
    // The sheet as written: the table, the how-to, protection with the answer cells
    // unlocked, the outcome drop-down, A4 landscape one page wide, header row repeated.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&sheet).unwrap()).unwrap();
    let mut read = |p: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(p).unwrap(), &mut s).unwrap();
        s
    };
    let ws = read("xl/worksheets/sheet1.xml");
    assert!(ws.contains("<sheetProtection"), "protected");
    assert!(
        ws.contains("insertRows=\"0\"") && ws.contains("sort=\"0\""),
        "rows may move: {ws}"
    );
    assert!(ws.contains("<dataValidation type=\"list\""), "{ws}");
    assert!(ws.contains("\"改善した,改善予定,検討する"), "{ws}");
    assert!(ws.contains("orientation=\"landscape\"") && ws.contains("paperSize=\"9\""));
    assert!(ws.contains("fitToHeight=\"0\""));
    let book = read("xl/workbook.xml");
    assert!(
        book.contains("_xlnm.Print_Titles") && book.contains("state=\"hidden\""),
        "{book}"
    );
    let strings = read("xl/sharedStrings.xml");
    for s in [
        "回答票　児童家庭課",
        "記入のしかた",
        "区民課",
        "保育園の申込書類が多すぎる",
        "対応区分",
        "回答者",
    ] {
        assert!(strings.contains(s), "{s}");
    }
    let styles = read("xl/styles.xml");
    assert!(styles.contains("游ゴシック"), "a Japanese font");
    // #3 is voided after the sheet went out.
    e.ok(&["void", "3", "--reason", "重複していた"]);
    // 児童家庭課 fills it in Calc: sorted last first, a row of its own added.
    let filled = e.dir.path().join("filled.xlsx");
    fill(
        &sheet,
        &filled,
        serde_json::json!({
            "rows": [
                {"key": 1, "answer": "書類を見直し、4月から2枚減らします。\n詳しくは窓口でご案内します。",
                 "outcome": "改善予定", "by": "山田"},
                {"key": 3, "answer": "案内板を増やします。"}
            ],
            "formula": {"key": 2, "text": "=2*3"},
            "sort_descending": true,
            "insert_row_above_first": true
        }),
    );
    let (code, plan, err) = e.run(None, &["collect", filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(plan.contains("filled.xlsx（児童家庭課、"), "{plan}");
    assert!(
        plan.contains("#1 新しい回答: 書類を見直し、4月から2枚減らします。 [改善予定]"),
        "{plan}"
    );
    // A formula is read as the value Calc saved, never evaluated here.
    assert!(plan.contains("#2 新しい回答: 6 [対応区分なし]"), "{plan}");
    assert!(
        plan.contains("#3 受け付けません: 取り消された投書です"),
        "{plan}"
    );
    assert!(plan.contains("2件を記録するには --apply"), "{plan}");
    assert_eq!(
        e.count("SELECT count(*) FROM reply"),
        0,
        "a plan records nothing"
    );
    let out = e.ok(&["collect", filled.to_str().unwrap(), "--apply"]);
    assert!(out.contains("2件の回答を記録しました"), "{out}");
    // The section's replies, by the name on the sheet, waiting for the team's review.
    assert_eq!(
        e.count("SELECT count(*) FROM reply WHERE section = 'jido' AND state = 'draft' AND by = '山田' AND slip_id = 1 AND outcome = 'will_improve'"),
        1
    );
    let show = e.ok(&["show", "1"]);
    assert!(show.contains("詳しくは窓口でご案内します。"), "{show}");
    assert!(
        show.contains("回答票で受領") && show.contains("filled.xlsx"),
        "{show}"
    );
    // Collected again: nothing added, and it says so.
    let again = e.ok(&["collect", filled.to_str().unwrap(), "--apply"]);
    assert!(again.contains("#1 記録済み（変更なし）"), "{again}");
    assert!(again.contains("新しく記録する回答はありません"), "{again}");
    assert_eq!(e.count("SELECT count(*) FROM reply"), 2);
    assert_eq!(
        e.count("SELECT count(*) FROM event WHERE action = 'collected'"),
        2
    );
}

#[test]
fn a_forged_or_foreign_sheet_is_refused_whole() {
    let e = office();
    let out_dir = e.dir.path().join("sheets");
    e.ok(&["request", "--sheets", out_dir.to_str().unwrap()]);
    let sheet = e.sheet(&out_dir, "児童家庭課");
    // Edited to claim 区民課 (the hidden binding changed in Calc).
    let forged = e.dir.path().join("forged.xlsx");
    fill(
        &sheet,
        &forged,
        serde_json::json!({"rows": [{"key": 2, "answer": "対応します。"}], "binding": {"row": 2, "text": "kumin"}}),
    );
    let (code, out, err) = e.run(None, &["collect", forged.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("× forged.xlsx: 署名が合いません"), "{out}");
    assert!(err.contains("1件の回答票を受け付けませんでした"), "{err}");
    // Slip numbers changed: refused too.
    let renumbered = e.dir.path().join("renumbered.xlsx");
    fill(
        &sheet,
        &renumbered,
        serde_json::json!({"binding": {"row": 3, "text": "1,2,3,4"}}),
    );
    let (code, out, _) = e.run(None, &["collect", renumbered.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("署名が合いません"), "{out}");
    // Made by another database: refused, and nothing written there.
    let other = office();
    let (code, out, _) = other.run(None, &["collect", sheet.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("別のデータベースで作られた回答票です"),
        "{out}"
    );
    assert_eq!(other.count("SELECT count(*) FROM reply"), 0);
    // Not a sheet at all; and a folder with one good sheet and one bad goes on past the bad.
    let junk = out_dir.join("メモ.xlsx");
    std::fs::write(&junk, "not a spreadsheet").unwrap();
    let (code, out, _) = e.run(None, &["collect", out_dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("× メモ.xlsx: Excel のファイル（.xlsx）として読めません"),
        "{out}"
    );
    assert!(
        out.contains("回答票_区民課_"),
        "the good ones are still planned: {out}"
    );
    assert_eq!(e.count("SELECT count(*) FROM reply"), 0);
    // Liaisons cannot collect.
    let (code, _, err) = e.run(Some("jido"), &["collect", sheet.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("連絡員モード"), "{err}");
}

#[test]
fn stale_rows_and_bad_cells_are_refused_row_by_row() {
    let e = office();
    let out_dir = e.dir.path().join("sheets");
    e.ok(&["request", "--sheets", out_dir.to_str().unwrap()]);
    let sheet = e.sheet(&out_dir, "児童家庭課");
    // After the sheet went out: the liaison replied to #2 in the terminal, #3 was taken
    // away from 児童家庭課.
    let (code, _, err) = e.run(Some("jido"), &["reply", "2", "--text", "延長します。"]);
    assert_eq!(code, 0, "{err}");
    e.ok(&["assign", "3", "kumin", "--due", "2024-03-29", "--replace"]);
    let filled = e.dir.path().join("filled.xlsx");
    fill(
        &sheet,
        &filled,
        serde_json::json!({"rows": [
            {"key": 1, "answer": "減らします。", "outcome": "すぐやる"},
            {"key": 2, "answer": "土曜日も開けます。"},
            {"key": 3, "answer": "地図を置きます。"}
        ], "delete_instructions": true}),
    );
    let (code, plan, err) = e.run(None, &["collect", filled.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        plan.contains(
            "#1 受け付けません: 対応区分「すぐやる」はありません。使えるもの: 改善した、"
        ),
        "{plan}"
    );
    assert!(
        plan.contains(
            "#2 受け付けません: 回答票の作成後に別の回答が記録されています（上書きしません）"
        ),
        "{plan}"
    );
    assert!(
        plan.contains("#3 受け付けません: この課の担当から外れています"),
        "{plan}"
    );
    assert!(plan.contains("新しく記録する回答はありません"), "{plan}");
    let kept: String = rusqlite::Connection::open(e.db())
        .unwrap()
        .query_row("SELECT text FROM reply WHERE slip_id = 2", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "延長します。", "never overwritten by the older sheet");
}

#[test]
fn a_returned_reply_goes_out_with_its_text_and_reason_and_a_mail_carries_the_sheet() {
    let e = office();
    let (code, _, err) = e.run(Some("jido"), &["reply", "2", "--text", "検討します。"]);
    assert_eq!(code, 0, "{err}");
    e.ok(&[
        "return",
        "2",
        "jido",
        "--reason",
        "いつまでに決めるか書いてください",
    ]);
    e.ok(&["sections", "email", "jido", "jido@city.example.jp"]);
    e.ok(&["settings", "set", "mail_from", "koe@city.example.jp"]);
    let out_dir = e.dir.path().join("sheets");
    let eml_dir = e.dir.path().join("eml");
    let (code, out, err) = e.run(
        None,
        &[
            "remind",
            "--for",
            "jido",
            "--mail",
            "--dry-run",
            eml_dir.to_str().unwrap(),
            "--sheets",
            out_dir.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("reminded-jido.eml"), "{out}");
    let raw = std::fs::read(eml_dir.join("reminded-jido.eml")).unwrap();
    let mail = mailparse::parse_mail(&raw).unwrap();
    let body = mail.subparts[0].get_body().unwrap();
    assert!(body.contains("添付の回答票（回答票_児童家庭課_"), "{body}");
    assert!(!body.contains("meyasu --section"), "{body}");
    let attached = &mail.subparts[1];
    let name = attached.get_content_disposition().params["filename"].clone();
    assert!(name.starts_with("回答票_児童家庭課_"), "{name}");
    // The sheet carries the reply sent back and why.
    let sheet = e.sheet(&out_dir, "児童家庭課");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&sheet).unwrap()).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(
        strings.contains("検討します。") && strings.contains("いつまでに決めるか書いてください")
    );
    // Filled and mailed back: the .eml is collected as the sheet it carries.
    let filled = e.dir.path().join("filled.xlsx");
    fill(
        &sheet,
        &filled,
        serde_json::json!({"rows": [{"key": 2, "answer": "4月末までに決めます。", "outcome": "検討する"}]}),
    );
    let back = lettre::Message::builder()
        .from("jido@city.example.jp".parse().unwrap())
        .to("koe@city.example.jp".parse().unwrap())
        .subject("Re: 回答の督促")
        .multipart(
            lettre::message::MultiPart::mixed()
                .singlepart(lettre::message::SinglePart::plain(
                    "回答します。".to_string(),
                ))
                .singlepart(
                    lettre::message::Attachment::new("回答票_児童家庭課_記入済.xlsx".into()).body(
                        std::fs::read(&filled).unwrap(),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            .parse()
                            .unwrap(),
                    ),
                ),
        )
        .unwrap();
    let reply_mail = e.dir.path().join("返信.eml");
    std::fs::write(&reply_mail, back.formatted()).unwrap();
    let out = e.ok(&["collect", reply_mail.to_str().unwrap(), "--apply"]);
    assert!(
        out.contains("返信.eml: 回答票_児童家庭課_記入済.xlsx（児童家庭課、"),
        "{out}"
    );
    assert!(
        out.contains("#2 変更（記録済みの回答を置き換えます）: 4月末までに決めます。 [検討する]"),
        "{out}"
    );
    assert_eq!(
        e.count("SELECT count(*) FROM reply WHERE slip_id = 2 AND state = 'draft' AND text = '4月末までに決めます。'"),
        1
    );
}

/// In the TUI, `I` reads the filled sheets in the folder `sheet_inbox` names and shows
/// the plan; Enter records it, and the replies wait on the 承認待ち tab. Without the
/// setting it says how to set it.
#[test]
fn the_tui_collects_the_sheets_in_the_teams_folder() {
    use crossterm::event::KeyCode;
    use meyasu::i18n::Lang;
    use meyasu::tui::app::Popup;
    use meyasu::tui::scenes::{buffer_text, key, press, render, start};
    let e = office();
    let out_dir = e.dir.path().join("sheets");
    e.ok(&["request", "--sheets", out_dir.to_str().unwrap()]);
    let inbox = e.dir.path().join("受信");
    std::fs::create_dir(&inbox).unwrap();
    fill(
        &e.sheet(&out_dir, "区民課"),
        &inbox.join("回答票_区民課_記入済.xlsx"),
        serde_json::json!({"rows": [{"key": 4, "answer": "窓口を一つ増やします。", "outcome": "改善予定"}]}),
    );
    let mut store = meyasu::store::Store::open(&e.db(), &meyasu::config::Seed::embedded()).unwrap();
    let mut app = start(&mut store, Lang::Ja, None, 100, 30);
    press(&mut store, &mut app, &[key(KeyCode::Char('I'))]);
    let said = app.flash.as_ref().unwrap().0.clone();
    assert!(said.contains("meyasu settings set sheet_inbox"), "{said}");
    e.ok(&["settings", "set", "sheet_inbox", inbox.to_str().unwrap()]);
    press(&mut store, &mut app, &[key(KeyCode::Char('I'))]);
    assert!(
        matches!(app.popup, Some(Popup::Collect(_))),
        "{:?}",
        app.flash
    );
    let screen = buffer_text(&render(&app, 100, 30).0);
    assert!(
        screen.contains("回答票_区民課_記入済.xlsx（区民課、"),
        "{screen}"
    );
    assert!(
        screen.contains("#4 新しい回答: 窓口を一つ増やします。"),
        "{screen}"
    );
    assert!(screen.contains("#1 未回答（空欄）"), "{screen}");
    assert!(
        screen.contains("Enter で 1件の回答を記録します"),
        "{screen}"
    );
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert!(app.popup.is_none());
    assert!(
        app.flash
            .as_ref()
            .unwrap()
            .0
            .contains("1件の回答を記録しました")
    );
    assert_eq!(
        e.count(
            "SELECT count(*) FROM reply WHERE slip_id = 4 AND section = 'kumin' AND state = 'draft'"
        ),
        1
    );
    let screen = buffer_text(&render(&app, 100, 30).0);
    assert!(screen.contains("承認待ち 1"), "{screen}");
}

/// What a first week with sheets tripped on: a section corrects its filled sheet and sends
/// it again (the reply it gave on that sheet is replaced: 変更); a row with no 回答者 is
/// the section's, never the collecting account's; a request and a reminder on the same
/// day into one folder keep both sheets; a missing file is said as one, not as a database.
#[test]
fn a_corrected_sheet_sent_again_replaces_its_own_reply() {
    let e = office();
    let out_dir = e.dir.path().join("sheets");
    e.ok(&["request", "--sheets", out_dir.to_str().unwrap()]);
    let sheet = e.sheet(&out_dir, "区民課");
    let first = e.dir.path().join("first.xlsx");
    fill(
        &sheet,
        &first,
        serde_json::json!({"rows": [{"key": 4, "answer": "窓口を増やします。"}]}),
    );
    e.ok(&["collect", first.to_str().unwrap(), "--apply"]);
    assert_eq!(
        e.count("SELECT count(*) FROM reply WHERE slip_id = 4 AND by = '区民課（回答票）'"),
        1,
        "unnamed: the section's reply, not the account's"
    );
    let again = e.dir.path().join("again.xlsx");
    fill(
        &sheet,
        &again,
        serde_json::json!({"rows": [{"key": 4, "answer": "4月から窓口を一つ増やします。", "by": "佐藤"}]}),
    );
    let out = e.ok(&["collect", again.to_str().unwrap(), "--apply"]);
    assert!(
        out.contains("#4 変更（記録済みの回答を置き換えます）: 4月から窓口を一つ増やします。"),
        "{out}"
    );
    assert_eq!(
        e.count("SELECT count(*) FROM reply WHERE slip_id = 4 AND text = '4月から窓口を一つ増やします。' AND by = '佐藤'"),
        1
    );
    // Sheets written again the same day into the same folder: new files, the first kept.
    let before = std::fs::read_dir(&out_dir).unwrap().count();
    e.ok(&["request", "--sheets", out_dir.to_str().unwrap()]);
    let names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), 2 * before, "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("回答票_区民課_") && n.ends_with("-2.xlsx")),
        "{names:?}"
    );
    assert!(
        !std::fs::read(&sheet).unwrap().is_empty(),
        "the first sheet kept"
    );
    let (code, out, _) = e.run(
        None,
        &[
            "collect",
            e.dir.path().join("nonexist.xlsx").to_str().unwrap(),
        ],
    );
    assert_ne!(code, 0);
    let (_, _, err) = e.run(None, &["collect", "/nonexistent/受信"]);
    assert!(
        err.contains("そのファイルもフォルダもありません") && !err.contains("データベース"),
        "{out}{err}"
    );
}
