//! Text in terminal cells: display width, truncation, padding, sanitising and normalising.
//!
//! Every width in meyasu is measured here, in terminal cells (East Asian wide
//! characters count two), never in bytes or `char`s.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of `s` in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Width of one grapheme cluster, at least 1 cell for anything printable.
fn grapheme_width(g: &str) -> usize {
    width(g)
}

/// Cut `s` so that it fits in `cells` terminal cells, ending with `…` when cut.
///
/// Grapheme clusters are never split, so combining marks stay with their base.
pub fn truncate(s: &str, cells: usize) -> String {
    if width(s) <= cells {
        return s.to_string();
    }
    if cells == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > cells - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Whether `s` shows nothing: only Unicode's White_Space and Default_Ignorable_Code_Point
/// characters (zero-width joiners, U+2060, the soft hyphen, U+180E, the Hangul fillers …),
/// and the blank braille pattern. Such a text is empty, whatever its length.
pub fn is_blank(s: &str) -> bool {
    static BLANK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[\p{White_Space}\p{Default_Ignorable_Code_Point}\x{2800}]*$")
            .expect("blank pattern")
    });
    BLANK.is_match(s)
}

/// Characters a wrapped line may not start with (行頭禁則): closing brackets, the
/// Japanese comma and full stop, the middle dot, the long-vowel mark, small kana.
const NO_LINE_START: &str = "、。，．・：；？！ー～…‥）」』】〕〉》］｝〙〗’”ゝゞヽヾ々〻\
    ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.)]}:;?!%";
/// Characters a wrapped line may not end with (行末禁則): opening brackets.
const NO_LINE_END: &str = "（「『【〔〈《［｛〘〖‘“([{";

fn starts_with_any(g: &str, set: &str) -> bool {
    g.chars().next().is_some_and(|c| set.contains(c))
}

/// Break one line of text into lines of at most `cells` cells, each continuation line
/// starting with `indent`. Japanese breaks between any two characters, following 禁則処理:
/// no line starts with 。、」）・ー or a small kana and none ends with 「（ (the character
/// before is carried down to the next line instead, 追い出し); text with spaces breaks at
/// the last space when one is near the end. Grapheme clusters stay whole. Every wrap in
/// the TUI, the text report and the mail goes through here.
pub fn wrap(s: &str, cells: usize, indent: &str) -> Vec<String> {
    let cells = cells.max(width(indent) + 2);
    let mut out = vec![];
    let mut line = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > cells && !line.trim().is_empty() {
            // Prefer the last space in the final third of the line (English words).
            let cut = line
                .rfind(' ')
                .filter(|&i| width(&line[..i]) * 3 >= cells * 2 && !line[..i].trim().is_empty());
            let rest = match cut {
                Some(i) => {
                    let rest = line[i + 1..].to_string();
                    line.truncate(i);
                    rest
                }
                None => match number_carry(&mut line, g, width(indent)) {
                    Some(run) => run,
                    None => kinsoku_carry(&mut line, g, width(indent)),
                },
            };
            out.push(std::mem::take(&mut line));
            line = format!("{indent}{rest}");
            used = width(&line);
        }
        line.push_str(g);
        used += w;
    }
    out.push(line);
    out
}

/// A character of a number, an address's house number or a mail address, which a line
/// should not break inside (「044-123-」「4567」 is two numbers to a reader).
fn numberish(g: &str) -> bool {
    g.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
            || "-－‐−ー().（）@＠._+".contains(c)
    })
}

/// When the line would break inside a number (a phone number, 2-8-1, an address), the
/// number's start on this line is carried whole to the next (at most 24 characters, and
/// never the whole line).
fn number_carry(line: &mut String, next: &str, indent_cells: usize) -> Option<String> {
    if !numberish(next) {
        return None;
    }
    let run: Vec<&str> = line
        .graphemes(true)
        .rev()
        .take_while(|g| numberish(g))
        .collect();
    let has_digit = run.iter().any(|g| {
        g.chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '０'..='９'))
    }) || next
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '０'..='９'));
    if run.is_empty() || run.len() > 24 || !has_digit {
        return None;
    }
    let bytes: usize = run.iter().map(|g| g.len()).sum();
    let keep = line.len() - bytes;
    if width(&line[..keep]) <= indent_cells || line[..keep].trim().is_empty() {
        return None;
    }
    let carried = line[keep..].to_string();
    line.truncate(keep);
    Some(carried)
}

/// The graphemes to carry from the end of a full `line` to the next one, so that the
/// next does not start with `next` when that may not start a line, and this one does not
/// end with an opening bracket. Three at most, and never the whole line (past the
/// `indent_cells` of a continuation line).
fn kinsoku_carry(line: &mut String, next: &str, indent_cells: usize) -> String {
    let mut carried: Vec<String> = vec![];
    let body_len = |l: &str| width(l).saturating_sub(indent_cells);
    let mut need_start = starts_with_any(next, NO_LINE_START);
    while let Some(last) = line.graphemes(true).next_back().map(str::to_string) {
        let ends_open = starts_with_any(&last, NO_LINE_END);
        if !(need_start || ends_open) || carried.len() >= 3 {
            break;
        }
        if body_len(line) <= grapheme_width(&last) {
            break;
        }
        line.truncate(line.len() - last.len());
        // The carried grapheme now starts the next line: it too must be allowed there.
        need_start = starts_with_any(&last, NO_LINE_START);
        carried.insert(0, last);
    }
    if line.trim().is_empty() {
        // Nothing would be left: break where it falls instead.
        line.push_str(&carried.concat());
        return String::new();
    }
    carried.concat()
}

/// Pad `s` with spaces on the right to exactly `cells` cells (truncating first if wider).
pub fn pad(s: &str, cells: usize) -> String {
    let mut out = truncate(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Pad `s` with spaces on the left to `cells` cells (for numbers).
pub fn pad_left(s: &str, cells: usize) -> String {
    let t = truncate(s, cells);
    let w = width(&t);
    let mut out: String = std::iter::repeat_n(' ', cells.saturating_sub(w)).collect();
    out.push_str(&t);
    out
}

/// Replace everything that could drive a terminal with a visible symbol.
///
/// C0 controls become the Control Pictures block (ESC → `␛`), DEL becomes `␡`,
/// C1 controls and bidirectional overrides/isolates become `⍰` (not `�`, whose width
/// is ambiguous and so differs between Japanese and other terminals). Newlines are
/// kept only when `keep_newlines` is set; otherwise they become `↵`. Tabs
/// become a single space so widths stay predictable.
pub fn sanitize(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let s = &*compose_halfwidth_marks(s);
    for c in s.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\n' => out.push('↵'),
            '\t' => out.push(' '),
            '\r' => {}
            '\u{0}'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('⍰'));
            }
            '\u{7f}' => out.push('␡'),
            '\u{80}'..='\u{9f}' => out.push('⍰'),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
                out.push('⍰')
            }
            _ => out.push(c),
        }
    }
    out
}

/// JSON that no terminal or reader will take for control: control, C1, bidi and
/// zero-width characters inside its strings written as `\uXXXX` escapes (serde escapes only
/// the C0 ones). The value is the same JSON.
pub fn json_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_stray_control(c) || ('\u{80}'..='\u{9f}').contains(&c) {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A path as it may be printed: its control characters shown as symbols.
pub fn shown_path(p: &std::path::Path) -> String {
    sanitize(&p.display().to_string(), false)
}

/// Half-width katakana with a half-width voiced mark (ﾃﾞ, ﾊﾟ) as the full-width letter
/// (デ, パ). Terminals and the screen's cells disagree about such a pair (one cluster, two
/// cells, drawn as two characters), which left a blank column after it; the composed
/// letter takes two cells everywhere. Text without the marks is returned as it is.
pub fn compose_halfwidth_marks(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\u{ff9e}', '\u{ff9f}']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        out.push_str(&run.nfkc().collect::<String>());
        run.clear();
    };
    for c in s.chars() {
        if ('\u{ff66}'..='\u{ff9f}').contains(&c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    std::borrow::Cow::Owned(out)
}

/// First line of `s`, sanitised, for one-line table cells.
pub fn first_line(s: &str) -> String {
    sanitize(s.trim_start().lines().next().unwrap_or(""), false)
}

/// Normalise text as stored: NFC, with `\r\n` turned into `\n` and trailing blanks trimmed.
pub fn normalize_body(s: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    // Most text is already so (a file meyasu exported, what a keyboard types): a check
    // that reads it once is a third of what composing it again costs.
    if !s.contains('\r')
        && !s.chars().any(is_stray_control)
        && is_nfc_quick(s.chars()) == IsNormalized::Yes
    {
        return s.trim_end().to_string();
    }
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let s = strip_controls(&s).0;
    s.nfc().collect::<String>().trim_end().to_string()
}

/// Whether `c` is a control or formatting character no slip needs: C0 controls but
/// newline and tab, DEL, C1 controls, bidirectional overrides and isolates, the zero-width
/// space and the byte-order mark. (The zero-width joiner stays: emoji need it.)
pub fn is_stray_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'
        | '\u{200b}' | '\u{feff}' | '\u{61c}')
}

/// `s` without the characters [`is_stray_control`] names, and how many were taken out.
pub fn strip_controls(s: &str) -> (String, usize) {
    let mut removed = 0;
    let out = s
        .chars()
        .filter(|c| {
            let stray = is_stray_control(*c);
            removed += usize::from(stray);
            !stray
        })
        .collect();
    (out, removed)
}

/// NFKC form, used for parsing user input (full-width digits, 　 spaces, ｱ kana).
pub fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// Render rows as a plain-text table aligned by terminal cells.
///
/// `right` marks the columns to align right (numbers). The last column is not padded.
pub fn table(headers: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let cols = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, cell) in r.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            if right.contains(&i) {
                out.push_str(&pad_left(cell, widths[i]));
            } else if i + 1 == cols {
                out.push_str(cell);
            } else {
                out.push_str(&pad(cell, widths[i]));
            }
        }
        out.trim_end().to_string()
    };
    let mut out = line(headers.to_vec());
    out.push('\n');
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {

    /// A phone number or a house number is never split across lines.
    #[test]
    fn numbers_are_not_broken_across_lines() {
        let lines = super::wrap(
            "予約は区民課までお電話ください（電話 044-123-4567、平日）",
            40,
            "",
        );
        assert!(
            lines.iter().any(|l| l.contains("044-123-4567")),
            "{lines:?}"
        );
        let lines = super::wrap("住所は下作延２－８－１－３０５です。よろしく", 20, "  ");
        assert!(
            lines.iter().any(|l| l.contains("２－８－１－３０５")),
            "{lines:?}"
        );
    }

    /// 禁則処理: no wrapped line starts with 。、」）・ー or a small kana, none ends with
    /// 「（, at every width, and nothing is lost or added.
    #[test]
    fn wrapping_follows_kinsoku() {
        let texts = [
            "駐輪場に屋根をつけてほしい。雨の日に自転車が濡れます、困っています。",
            "「子ども110番」の表示がどこにあるか分からない（小さい）ので、大きくしてほしい。",
            "ちょっとした段差でベビーカーが止まってしまう・ゆっくり通れる通路がほしいです。",
            "窓口の番号札（整理券）の表示「受付中」が見えにくい。コーヒーメーカーを置いてください。",
        ];
        for t in texts {
            for w in 6..40 {
                let lines = super::wrap(t, w, "");
                assert_eq!(lines.concat(), t, "{w}: {lines:?}");
                for (i, l) in lines.iter().enumerate() {
                    assert!(super::width(l) <= w, "{w}: {l:?} too wide");
                    if i > 0 {
                        let first = l.chars().next().unwrap();
                        assert!(
                            !super::NO_LINE_START.contains(first),
                            "{w}: line starts with {first}: {lines:?}"
                        );
                    }
                    if i + 1 < lines.len() {
                        let last = l.chars().last().unwrap();
                        assert!(
                            !super::NO_LINE_END.contains(last),
                            "{w}: line ends with {last}: {lines:?}"
                        );
                    }
                }
            }
        }
        // With an indent, carried characters follow it.
        let lines = super::wrap("あいうえおかきくけ。こさし", 10, "  ");
        assert_eq!(lines, vec!["あいうえお", "  かきく", "  け。こさ", "  し"]);
    }

    #[test]
    fn halfwidth_voiced_marks_compose() {
        assert_eq!(super::sanitize("ﾃﾞｽﾞｸﾊﾟﾝ end", false), "デズクパン end");
        assert_eq!(
            super::sanitize("ｶﾀｶﾅ", false),
            "ｶﾀｶﾅ",
            "untouched without marks"
        );
    }

    #[test]
    fn wrapped_lines_keep_their_indent() {
        let lines = super::wrap("    一二三四五六七八九十一二三", 14, "    ");
        assert_eq!(lines, ["    一二三四五", "    六七八九十", "    一二三"]);
        assert!(lines.iter().all(|l| super::width(l) <= 14));
        let en = super::wrap("  the lift near the main door is slow", 20, "  ");
        assert_eq!(en, ["  the lift near the", "  main door is slow"]);
    }

    use super::*;

    #[test]
    fn widths_count_cells() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("目安箱"), 6);
        assert_eq!(width("ｱｲｳ"), 3, "half-width kana are one cell");
        assert_eq!(width("👍"), 2);
        assert_eq!(width("が"), 2);
        assert_eq!(
            width("か\u{3099}"),
            2,
            "combining voiced mark adds no width"
        );
    }

    #[test]
    fn truncate_never_splits_wide_or_combined() {
        assert_eq!(truncate("目安箱です", 5), "目安…");
        assert_eq!(width(&truncate("目安箱です", 5)), 5);
        assert_eq!(truncate("目安箱です", 4), "目…");
        assert_eq!(truncate("ab", 2), "ab");
        assert_eq!(truncate("か\u{3099}き", 3), "か\u{3099}…");
        assert_eq!(truncate("👍👍👍", 4), "👍…");
        assert_eq!(truncate("ｱｲｳｴｵ", 3), "ｱｲ…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn pad_fills_to_exact_cells() {
        for s in ["目安", "ｱｲ", "a👍", "か\u{3099}", "長い長い長い文章"] {
            assert_eq!(width(&pad(s, 7)), 7, "{s}");
            assert_eq!(width(&pad_left(s, 7)), 7, "{s}");
        }
        assert_eq!(pad("目安", 5), "目安 ");
    }

    #[test]
    fn sanitize_makes_controls_visible() {
        assert_eq!(sanitize("a\u{1b}[31mb", false), "a␛[31mb");
        assert_eq!(sanitize("x\u{7}y", false), "x␇y");
        assert_eq!(sanitize("\u{9b}2J", false), "⍰2J");
        assert_eq!(sanitize("ab\u{202e}cd", false), "ab⍰cd");
        assert_eq!(sanitize("一\n二", false), "一↵二");
        assert_eq!(sanitize("一\n二", true), "一\n二");
        assert_eq!(sanitize("\u{1b}]52;c;aGk=\u{7}", false), "␛]52;c;aGk=␇");
    }

    #[test]
    fn normalize_body_is_nfc_and_trims() {
        assert_eq!(normalize_body("か\u{3099}\r\n次  \n"), "が\n次");
        assert_eq!(nfkc("２０２４"), "2024");
    }

    #[test]
    fn table_aligns_japanese() {
        let t = table(
            &["ID", "階", "内容"],
            &[
                vec!["1".into(), "1階".into(), "ありがとう".into()],
                vec!["12".into(), "B1".into(), "x".into()],
            ],
            &[0],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "ID  階   内容");
        assert_eq!(lines[1], " 1  1階  ありがとう");
        assert_eq!(lines[2], "12  B1   x");
    }
}
