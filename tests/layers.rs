//! The house's layers, kept by a test (DESIGN.md, "Layers, enforced"): every
//! `crate::…` path in the library's non-test code may point only down the arrows below,
//! SQLite is named only in the store, and no source file is over 700 lines.
//!
//! One crate and a test rather than a workspace of crates (as ripgrep has): the layers
//! are many and small, they move as the code grows, and a table here says them in one
//! place; a wrong import fails `cargo test` with the file and the arrow it breaks.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each top-level module and what it may import from the crate. Leaves first; every
/// other layer may take everything of the layers above it in this list.
const LAYERS: &[(&str, &[&str])] = &[
    // Leaves: pure, no I/O but the file-system leaf's.
    ("i18n", &[]),
    ("text", &[]),
    ("search", &[]),
    ("sheet", &[]),
    ("clock", &[]),
    ("files", &["i18n"]),
    ("domain", &["i18n", "text", "search"]),
    // The crate's error, then paths, settings and the seed.
    ("error", LEAVES),
    ("config", &[LEAVES_AND_ERROR]),
    // All SQL.
    ("store", &["config", LEAVES_AND_ERROR]),
    // The formats, and the office's rules (which use the formats).
    ("report", &["store", "config", LEAVES_AND_ERROR]),
    ("io", &["store", "config", LEAVES_AND_ERROR]),
    (
        "office",
        &["io", "report", "store", "config", LEAVES_AND_ERROR],
    ),
    // The two front ends, side by side, never each other.
    (
        "cli",
        &[
            "office",
            "io",
            "report",
            "store",
            "config",
            LEAVES_AND_ERROR,
        ],
    ),
    (
        "tui",
        &[
            "office",
            "io",
            "report",
            "store",
            "config",
            LEAVES_AND_ERROR,
        ],
    ),
];

const LEAVES: &[&str] = &[
    "i18n", "text", "search", "sheet", "clock", "files", "domain",
];

/// Stands for [`LEAVES`] and `error` in [`LAYERS`].
const LEAVES_AND_ERROR: &str = "*";

fn allowed(module: &str) -> Option<BTreeSet<&'static str>> {
    let (_, deps) = LAYERS.iter().find(|(m, _)| *m == module)?;
    let mut out = BTreeSet::new();
    for d in deps.iter() {
        if *d == LEAVES_AND_ERROR {
            out.extend(LEAVES.iter().copied());
            out.insert("error");
        } else {
            out.insert(*d);
        }
    }
    Some(out)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The file's code without its test module and its comments.
fn code(text: &str) -> String {
    let body = match text.find("#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    };
    body.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The crate's top-level modules that `code` names: `crate::x…` and each name of a
/// `crate::{x, y::…}` group.
fn named(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut at_name = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => at_name = true,
                    c if at_name && (c.is_ascii_alphanumeric() || c == '_') => {
                        out.insert(ident(&group[j..]));
                        at_name = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn files() -> Vec<(PathBuf, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = vec![];
    sources(&src, &mut all);
    all.sort();
    all.into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap().to_path_buf();
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            let text = std::fs::read_to_string(&p).unwrap();
            (rel, top, text)
        })
        .collect()
}

#[test]
fn every_import_points_down_the_layers() {
    let mut wrong = vec![];
    for (rel, top, text) in files() {
        if matches!(top.as_str(), "lib" | "main") {
            continue;
        }
        let Some(ok) = allowed(&top) else {
            wrong.push(format!(
                "{}: module {top} has no place in LAYERS",
                rel.display()
            ));
            continue;
        };
        for m in named(&code(&text)) {
            // The crate root's re-exports (`crate::Error`, `crate::Result`) are the error layer's.
            let root = matches!(m.as_str(), "Error" | "Result" | "VERSION");
            let fine = m == top || ok.contains(m.as_str()) || (root && ok.contains("error"));
            if !fine {
                wrong.push(format!("{}: {top} → {m}", rel.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn sqlite_is_named_only_in_the_store() {
    let mut wrong = vec![];
    for (rel, top, text) in files() {
        if top != "store" && code(&text).contains("rusqlite") {
            wrong.push(rel.display().to_string());
        }
    }
    assert!(wrong.is_empty(), "rusqlite outside src/store: {wrong:?}");
}

#[test]
fn no_source_file_is_over_700_lines() {
    let long: Vec<String> = files()
        .into_iter()
        .filter(|(_, _, t)| t.lines().count() > 700)
        .map(|(r, _, t)| format!("{} ({} lines)", r.display(), t.lines().count()))
        .collect();
    assert!(long.is_empty(), "split by reason to change: {long:?}");
}

/// The checker itself finds what it must: a grouped import, a path in an expression,
/// and nothing in a comment.
#[test]
fn the_checker_reads_grouped_imports_and_skips_comments() {
    let found = named(&code(
        "use crate::{tui::App, store::{Store, Filter}};\nlet x = crate::cli::run();\n// crate::report\n",
    ));
    assert_eq!(
        found,
        ["cli", "store", "tui"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
    assert!(!allowed("store").unwrap().contains("tui"));
    assert!(allowed("tui").unwrap().contains("store"));
    assert!(!allowed("cli").unwrap().contains("tui"));
}
