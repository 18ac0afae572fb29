//! `--help` in the UI language: Japanese under a Japanese locale (or `--lang ja`), with
//! Japanese headings, for `meyasu` and every command; `--lang en` wins over the locale;
//! the man page and the completions follow the same language.

mod common;

/// What `meyasu ARGS` prints on standard output with `LANG=lang` (successfully).
fn out(lang: &str, args: &[&str]) -> String {
    let o = common::meyasu()
        .env("LANG", lang)
        .args(args)
        .output()
        .expect("meyasu runs");
    assert!(o.status.success(), "{args:?}: {o:?}");
    String::from_utf8(o.stdout).expect("UTF-8")
}

/// Whether `s` has kana or kanji in it.
fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// The commands an (English) help lists under `Commands:`, but `help`.
fn commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn meyasu_help_is_japanese_under_a_japanese_locale() {
    let ja = out("ja_JP.UTF-8", &["--help"]);
    for word in [
        "使い方: meyasu [OPTIONS] [COMMAND]",
        "コマンド:",
        "オプション:",
        "投書の一覧を表示します",
        "ヘルプを表示します",
        "バージョンを表示します",
        "このヘルプ、または指定したコマンドのヘルプを表示します",
        "--db <PATH>",
    ] {
        assert!(ja.contains(word), "{word:?} not in:\n{ja}");
    }
    for word in [
        "Usage:",
        "Commands:",
        "Options:",
        "Print help",
        "List slips",
    ] {
        assert!(!ja.contains(word), "{word:?} in:\n{ja}");
    }
    // `-h` too, and `help COMMAND`, and the flags of `list` keep their names.
    assert!(out("ja_JP.UTF-8", &["-h"]).contains("コマンド:"));
    let list = out("ja_JP.UTF-8", &["help", "list"]);
    assert!(list.contains("本文・要旨・回答を検索する語"), "{list}");
    assert!(list.contains("-s, --search <SEARCH>"), "{list}");
    let show = out("ja_JP.UTF-8", &["show", "--help"]);
    assert!(show.contains("引数:") && show.contains("<ID>"), "{show}");
}

#[test]
fn every_command_has_japanese_help() {
    let top = out("C", &["--help"]);
    let mut paths: Vec<Vec<String>> = commands(&top).into_iter().map(|c| vec![c]).collect();
    assert!(paths.len() > 25, "{paths:?}");
    for parent in ["sections", "templates"] {
        let help = out("C", &[parent, "--help"]);
        let subs = commands(&help);
        assert!(!subs.is_empty(), "{parent}: {help}");
        paths.extend(subs.into_iter().map(|s| vec![parent.to_string(), s]));
    }
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let en = out("C", &args);
        let ja = out("ja_JP.UTF-8", &args);
        assert_ne!(en, ja, "{path:?}: the same in both languages");
        assert!(has_japanese(&ja), "{path:?}:\n{ja}");
        assert!(ja.contains("使い方:") && ja.contains("オプション:"), "{ja}");
        assert!(
            !ja.contains("Usage:") && !ja.contains("Print help") && !ja.contains("[default:"),
            "{path:?}:\n{ja}"
        );
        // Each option's line keeps its flag: every `--flag` of the English is there.
        for flag in en.split_whitespace().filter(|w| w.starts_with("--")) {
            let flag = flag.trim_end_matches([',', ')', '.']);
            if en.lines().any(|l| l.trim_start().starts_with(flag)) {
                assert!(ja.contains(flag), "{path:?}: {flag} missing in\n{ja}");
            }
        }
    }
}

#[test]
fn lang_en_wins_over_a_japanese_locale() {
    let c = out("C", &["--help"]);
    for args in [
        &["--lang", "en", "--help"][..],
        &["--lang=en", "--help"],
        &["list", "--help", "--lang", "en"],
    ] {
        let en = out("ja_JP.UTF-8", args);
        assert!(en.contains("Usage:") && en.contains("Options:"), "{en}");
        assert!(!en.contains("使い方"), "{en}");
    }
    assert_eq!(out("ja_JP.UTF-8", &["--lang", "en", "--help"]), c);
    // And `--lang ja` under an English locale is Japanese.
    assert!(out("en_US.UTF-8", &["--lang", "ja", "--help"]).contains("使い方:"));
    assert!(out("C", &["report", "--lang=ja", "-h"]).contains("年度"));
}

#[test]
fn man_page_and_completions_follow_the_language() {
    let man_ja = out("ja_JP.UTF-8", &["man"]);
    assert!(man_ja.contains("投書の一覧を表示します"), "{man_ja}");
    let man_en = out("C", &["man"]);
    assert!(man_en.contains("List slips") && !has_japanese_help(&man_en));
    let fish = out("ja_JP.UTF-8", &["completions", "fish"]);
    assert!(fish.contains("投書の一覧を表示します"), "{fish}");
    assert!(out("C", &["completions", "fish"]).contains("List slips"));
}

/// Whether `s` has one of the Japanese help texts (the English has Japanese words of
/// its own, 目安箱 or 受付番号, so kana alone says nothing).
fn has_japanese_help(s: &str) -> bool {
    s.contains("投書の一覧を表示します") || s.contains("ヘルプを表示します")
}

#[test]
fn the_host_wide_language_gives_japanese_help() {
    let dir = common::Dir::new();
    let config = dir.join("config.toml");
    std::fs::write(&config, "lang = \"ja\"\n").expect("config written");
    let o = common::meyasu()
        .env("LANG", "C")
        .env("MEYASU_CONFIG", &config)
        .args(["list", "--help"])
        .output()
        .expect("meyasu runs");
    let help = String::from_utf8(o.stdout).expect("UTF-8");
    assert!(
        o.status.success() && help.contains("投書の一覧を表示します"),
        "{help}"
    );
    // `--lang en` still wins over it.
    let o = common::meyasu()
        .env("MEYASU_CONFIG", &config)
        .args(["--lang", "en", "list", "--help"])
        .output()
        .expect("meyasu runs");
    assert!(String::from_utf8_lossy(&o.stdout).contains("List slips"));
}
