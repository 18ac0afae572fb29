//! Cells for spreadsheets and pages, shared by the import, the export, the reports and
//! the public list: formula escaping, per-section cells, HTML escaping. A leaf: it uses
//! nothing else in the crate.

/// Protect a cell against formula injection in spreadsheet programs.
pub fn escape_formula(cell: &str) -> String {
    // A text that really starts with `'` gets one more, so reading it back gives it whole.
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Undo [`escape_formula`] when reading a file back: `'=SUM` becomes `=SUM`.
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => cell,
    }
}

/// Escape text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Split a per-section cell written as `【区民課】…\n【保険年金課】…` into (name, text)
/// pairs; a cell without such marks is one text for every section.
pub fn split_per_section(cell: &str) -> Vec<(Option<String>, String)> {
    let cell = cell.trim();
    if !cell.starts_with('【') {
        return vec![(None, cell.to_string())];
    }
    let mut out: Vec<(Option<String>, String)> = vec![];
    let mut rest = cell;
    while let Some(start) = rest.find('【') {
        let Some(end) = rest[start..].find('】').map(|e| start + e) else {
            break;
        };
        let name = rest[start + '【'.len_utf8()..end].to_string();
        let after = &rest[end + '】'.len_utf8()..];
        let next = after.find("\n【").map_or(after.len(), |i| i);
        out.push((Some(name), after[..next].trim().to_string()));
        rest = &after[next..];
    }
    out
}

/// Write per-section values as one cell (the inverse of [`split_per_section`]): plain when
/// there is one value or all are the same, else `【name】value` lines.
pub fn join_per_section(pairs: &[(String, String)]) -> String {
    match pairs {
        [] => String::new(),
        [(_, v)] => v.clone(),
        _ if pairs.iter().all(|(_, v)| *v == pairs[0].1) => pairs[0].1.clone(),
        _ => pairs
            .iter()
            .map(|(n, v)| format!("【{n}】{v}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Like [`join_per_section`] for a value only some of `of` sections have (a reply's
/// outcome): one value for all only when every one of them has it, else each named, so
/// that reading the cell back gives the others none.
pub fn join_some_per_section(pairs: &[(String, String)], of: usize) -> String {
    if pairs.len() == of {
        join_per_section(pairs)
    } else {
        pairs
            .iter()
            .map(|(n, v)| format!("【{n}】{v}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Split a section cell: `区民課;保険年金課` (also `、` or `,`).
pub fn split_sections(cell: &str) -> Vec<String> {
    cell.split([';', '、', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_escaped() {
        assert_eq!(escape_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(escape_formula("+81"), "'+81");
        assert_eq!(escape_formula("-1"), "'-1");
        assert_eq!(escape_formula("@SUM"), "'@SUM");
        assert_eq!(escape_formula("区民課"), "区民課");
        assert_eq!(escape_formula("12"), "12");
        for s in ["=1+1", "-3", "plain", "'quoted", "@x", "'=1+1", "''"] {
            assert_eq!(unescape_formula(&escape_formula(s)), s);
        }
    }

    #[test]
    fn per_section_cells_round_trip() {
        let pairs = vec![
            ("区民課".to_string(), "掲示しました。\n二行目".to_string()),
            ("保険年金課".to_string(), "説明会を開きます。".to_string()),
        ];
        let cell = join_per_section(&pairs);
        let back: Vec<(String, String)> = split_per_section(&cell)
            .into_iter()
            .map(|(n, t)| (n.unwrap(), t))
            .collect();
        assert_eq!(back, pairs);
        assert_eq!(
            join_per_section(&[("a".into(), "x".into()), ("b".into(), "x".into())]),
            "x"
        );
        assert_eq!(
            split_per_section("ただの回答"),
            vec![(None, "ただの回答".to_string())]
        );
    }
}
