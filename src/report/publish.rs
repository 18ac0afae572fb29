//! The public reply list (for the notice board or the web page): answered slips with
//! their replies, the summary where there is one, and personal data masked. The
//! database keeps the text as written; only this output is masked.

use std::fmt::Write;
use std::sync::LazyLock;

use regex::Regex;

use crate::domain::date::wareki_month;
use crate::domain::{Reply, Slip};
use crate::error::Result;
use crate::i18n::{Lang, Msg};
use crate::sheet::{escape_formula, html_escape as esc};
use crate::store::{Filter, Order, Store};

/// What masked text is replaced with.
pub const MASK: &str = "●●●";

/// A separator inside a number: a dash, a dot or a space, with spaces (or a line break)
/// around it.
const SEP: &str = r"\s*[\-.\s]\s*";
/// A number in digits or kanji numerals (二丁目八番一号).
const NUM: &str = r"(?:\d+|[一二三四五六七八九十百〇]+)";

static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // E-mail addresses, also broken across a line at the @ or a dot.
        r"[A-Za-z0-9._%+\-]+\s*@\s*[A-Za-z0-9\-]+(?:\s*\.\s*[A-Za-z0-9\-]+)+".to_string(),
        // Phone numbers: 044-123-4567, 044.123.4567, 044 - 123 - 4567, (044)123-4567,
        // 090 1234 5678, +81-44-…, 0441234567.
        format!(r"\+81{SEP}?\d{{1,4}}{SEP}?\d{{1,4}}{SEP}?\d{{3,4}}"),
        format!(r"\(?0\d{{1,4}}\)?{SEP}\d{{1,4}}{SEP}\d{{3,4}}"),
        format!(r"\(0\d{{1,4}}\)\s*\d{{1,4}}{SEP}?\d{{3,4}}"),
        // The exchange in brackets: 044(123)4567, ０４４（１２３）４５６７.
        r"0\d{1,4}\s*\(\s*\d{1,4}\s*\)\s*\d{3,4}".to_string(),
        r"(?-u:\b)0\d{9,10}(?-u:\b)".to_string(),
        // Postal codes: 〒213-0001, 213-0001, 〒2130001, 〒213-\n0001.
        r"〒?\s?\d{3}\s*-\s*\d{4}".to_string(),
        r"〒\s*\d{7}".to_string(),
        // Addresses: 下作延2丁目8番1号, 下作延二丁目八番一号, 溝口1-2-3, 123番地, 八番一号.
        format!(
            r"[\p{{Han}}\p{{Katakana}}ヶ]{{1,12}}?{NUM}丁目(?:{NUM}番地?)?(?:の?{NUM}号?)?(?:-?\d+)*"
        ),
        // (house numbers never start with 0; phone numbers do)
        // Every part after the first, so 下作延2-8-1-305 leaves no -305.
        r"[\p{Han}\p{Katakana}ヶ]{2,12}?[1-9]\d{0,3}-\d{1,4}(?:-\d{1,4})*".to_string(),
        format!(r"{NUM}番地?(?:の?{NUM}号?)?"),
        // Room numbers: 305号室.
        format!(r"{NUM}号室"),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("mask pattern"))
    .collect()
});

/// Map full-width digits, letters and dash-like marks to ASCII, one char for one char,
/// so patterns written for `044-123-4567` also find `０４４－１２３－４５６７`.
fn shadow_char(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '－' | '−' | '‐' | '‑' | '–' | '—' | '―' | 'ー' | '─' | '\u{ad}' => '-',
        // Invisible characters between digits must not hide a number from the patterns.
        '\u{200b}' | '\u{2060}' | '\u{feff}' => '-',
        '（' => '(',
        '）' => ')',
        '＠' => '@',
        '．' => '.',
        '＋' => '+',
        '＿' => '_',
        '　' => ' ',
        _ => c,
    }
}

/// Mask phone numbers, e-mail addresses, postal codes, addresses, likely personal names
/// ([`super::names`]) and every `private` string in `text`.
pub fn mask(text: &str, private: &[String]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut hidden = pattern_hidden(&chars);
    // Likely names: a family name where the words around it say it is a person.
    for (s, e) in super::names::likely_names(&chars, &hidden) {
        for h in &mut hidden[s..e] {
            *h = true;
        }
    }
    hide_marks(&chars, private, &mut hidden);
    join_masked(&chars, &hidden)
}

/// Which characters of `chars` the patterns hide (numbers, addresses, mail addresses).
pub fn pattern_hidden(chars: &[char]) -> Vec<bool> {
    let shadow: String = chars.iter().map(|&c| shadow_char(c)).collect();
    // Byte offset in `shadow` of each char, to turn matches back into char ranges.
    let starts: Vec<usize> = shadow.char_indices().map(|(i, _)| i).collect();
    let char_at = |byte: usize| starts.partition_point(|&s| s < byte);
    let mut hidden = vec![false; chars.len()];
    for re in PATTERNS.iter() {
        for m in re.find_iter(&shadow) {
            let (start, end) = balanced(m.as_str(), m.start(), m.end());
            for h in &mut hidden[char_at(start)..char_at(end)] {
                *h = true;
            }
        }
    }
    hidden
}

/// Mask only the spans the clerk marked (`private`): for the office's own words (a
/// section's reply), which are published as written.
pub fn mask_marks(text: &str, private: &[String]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut hidden = vec![false; chars.len()];
    hide_marks(&chars, private, &mut hidden);
    join_masked(&chars, &hidden)
}

/// A match's byte range without a bracket it opens or closes alone: 「（090-1234-5678）」
/// masks the number and keeps both brackets.
fn balanced(m: &str, start: usize, end: usize) -> (usize, usize) {
    let (mut start, mut end) = (start, end);
    if m.starts_with('(') && !m[1..].contains(')') {
        start += 1;
    }
    if m.ends_with(')') && !m[..m.len() - 1].contains('(') {
        end -= 1;
    }
    (start, end.max(start))
}

/// Mark every occurrence of each `private` string in `chars` as hidden.
fn hide_marks(chars: &[char], private: &[String], hidden: &mut [bool]) {
    for p in private.iter().filter(|p| !p.is_empty()) {
        let pc: Vec<char> = p.chars().collect();
        let mut i = 0;
        while i + pc.len() <= chars.len() {
            if chars[i..i + pc.len()] == pc[..] {
                for h in &mut hidden[i..i + pc.len()] {
                    *h = true;
                }
                i += pc.len();
            } else {
                i += 1;
            }
        }
    }
}

/// `chars` with each run of hidden characters replaced by one [`MASK`].
fn join_masked(chars: &[char], hidden: &[bool]) -> String {
    let mut out = String::with_capacity(chars.len() * 3);
    let mut in_mask = false;
    for (c, h) in chars.iter().zip(hidden) {
        match (h, in_mask) {
            (true, false) => {
                out.push_str(MASK);
                in_mask = true;
            }
            (true, true) => {}
            (false, _) => {
                out.push(*c);
                in_mask = false;
            }
        }
    }
    out
}

/// One entry of the public list, already masked.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// 受付番号.
    pub id: i64,
    /// `令和6年2月`.
    pub month: String,
    /// Kind's name.
    pub kind: String,
    /// Summary, else the text; masked.
    pub text: String,
    /// (section name, masked reply) pairs.
    pub replies: Vec<(String, String)>,
    /// (section name, outcome name) of the replies that recorded one (対応区分).
    pub outcomes: Vec<(String, String)>,
    /// Likely personal names masked in the text ([`super::names`]), as written: said in
    /// the publish plan, so the clerk can check them.
    pub names: Vec<String>,
}

/// The publishable slips received in `from..=to`: answered or published, not kept
/// off the list, masked.
pub fn entries(
    store: &Store,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    lang: Lang,
) -> Result<Vec<Entry>> {
    let filter = Filter {
        statuses: vec![
            crate::domain::Status::Answered,
            crate::domain::Status::Published,
        ],
        from: Some(from),
        to: Some(to),
        ..Default::default()
    };
    let mut out = vec![];
    for row in store.list(&filter, Order::OldestFirst, usize::MAX >> 1, 0)? {
        let d = store.detail(row.id)?;
        if d.slip.no_publish {
            continue;
        }
        // Marks that cannot be read: masking fails closed, the slip stays off the list.
        if d.slip.private_unreadable {
            let said = crate::i18n::fill(Msg::MaskUnreadableLeftOut, lang, &[&d.slip.id]);
            let _ =
                std::io::Write::write_all(&mut std::io::stderr(), format!("{said}\n").as_bytes());
            continue;
        }
        out.push(entry(store, &d.slip, &d.replies, lang));
    }
    Ok(out)
}

fn entry(store: &Store, s: &Slip, replies: &[Reply], lang: Lang) -> Entry {
    use chrono::Datelike;
    let text = s.summary.as_deref().unwrap_or(&s.body);
    Entry {
        id: s.id,
        month: wareki_month(s.received_on.year(), s.received_on.month()),
        kind: store.kind_name(&s.kind, lang),
        // Masked as written, then made safe to read: no control or bidi character
        // reaches the notice board, the web page or a spreadsheet.
        text: crate::text::sanitize(&mask(text, &s.private), true),
        names: super::names::names_in(text)
            .into_iter()
            .map(|n| crate::text::sanitize(&n, false))
            .collect(),
        replies: s
            .sections
            .iter()
            .filter_map(|c| replies.iter().find(|r| &r.section == c))
            .map(|r| {
                (
                    store.section_name(&r.section, lang),
                    // The office's own words, published as written (but what the clerk
                    // marked): its phone number is there to be called.
                    crate::text::sanitize(&mask_marks(&r.text, &s.private), true),
                )
            })
            .collect(),
        outcomes: s
            .sections
            .iter()
            .filter_map(|c| replies.iter().find(|r| &r.section == c))
            .filter_map(|r| {
                r.outcome.as_deref().map(|o| {
                    (
                        store.section_name(&r.section, lang),
                        store.catalog().outcome_name(Some(o), lang),
                    )
                })
            })
            .collect(),
    }
}

/// The list as CSV (BOM when `bom`; formula cells escaped).
pub fn csv(entries: &[Entry], bom: bool, lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(if bom { vec![0xEF, 0xBB, 0xBF] } else { vec![] });
    let header = [
        Msg::ColId.text(lang),
        Msg::FieldMonth.text(lang),
        Msg::ColKind.text(lang),
        Msg::ColText.text(lang),
        Msg::ColSections.text(lang),
        Msg::ColReply.text(lang),
        Msg::ColOutcome.text(lang),
    ];
    let _ = w.write_record(header);
    for e in entries {
        let secs: Vec<&str> = e.replies.iter().map(|(s, _)| s.as_str()).collect();
        let replies = crate::sheet::join_per_section(&e.replies);
        let row = [
            e.id.to_string(),
            e.month.clone(),
            e.kind.clone(),
            e.text.clone(),
            secs.join("、"),
            replies,
            crate::sheet::join_some_per_section(&e.outcomes, e.replies.len()),
        ];
        let row: Vec<String> = row.iter().map(|c| escape_formula(c)).collect();
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

fn paragraphs(s: &str) -> String {
    s.lines().map(esc).collect::<Vec<_>>().join("<br>")
}

/// The list as one self-contained page to print (A4 portrait) or post.
pub fn html(entries: &[Entry], ward: &str, period: &str, lang: Lang) -> String {
    let (title, voice, answer) = match lang {
        Lang::Ja => ("目安箱（一言ポスト）へのご意見と回答", "ご意見", "回答"),
        Lang::En => (
            "Suggestion box: what you told us and our replies",
            "Suggestion",
            "Reply",
        ),
    };
    let mut out = format!(
        r#"<!DOCTYPE html>
<html lang="{l}">
<head>
<meta charset="utf-8">
<title>{ward} {title} {period}</title>
<style>
@page {{ size: A4; margin: 15mm; }}
body {{ font-family: "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo", sans-serif; font-size: 11pt; line-height: 1.6; color: #111; max-width: 180mm; margin: 0 auto; }}
h1 {{ font-size: 16pt; margin: 0 0 1mm; }}
p.sub {{ margin: 0 0 6mm; color: #333; }}
article {{ border: 0.3mm solid #999; border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 4mm; page-break-inside: avoid; }}
.meta {{ font-size: 9pt; color: #555; }}
h2 {{ font-size: 10pt; margin: 2mm 0 0; color: #333; }}
p {{ margin: 0.5mm 0 0; }}
.reply {{ background: #f4f4f4; padding: 1.5mm 3mm; margin-top: 1.5mm; }}
.outcome {{ font-weight: normal; border: 0.3mm solid #555; padding: 0 1.5mm; margin-left: 2mm; }}
</style>
</head>
<body>
<h1>{ward_e}　{title_e}</h1>
<p class="sub">{period_e}</p>
"#,
        l = if lang == Lang::Ja { "ja" } else { "en" },
        ward = esc(ward),
        title = esc(title),
        period = esc(period),
        ward_e = esc(ward),
        title_e = esc(title),
        period_e = esc(period),
    );
    for e in entries {
        let _ = write!(
            out,
            "<article>\n<div class=\"meta\">No.{} ・ {} ・ {}</div>\n<h2>{voice}</h2>\n<p>{}</p>\n",
            e.id,
            esc(&e.month),
            esc(&e.kind),
            paragraphs(&e.text)
        );
        for (sec, text) in &e.replies {
            // What the reply led to, where the section recorded it.
            let outcome = e
                .outcomes
                .iter()
                .find(|(s, _)| s == sec)
                .map(|(_, o)| format!(" <span class=\"outcome\">{}</span>", esc(o)))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<div class=\"reply\"><h2>{answer}{}{outcome}</h2>\n<p>{}</p></div>\n",
                esc(&crate::i18n::paren(lang, sec)),
                paragraphs(text)
            );
        }
        out.push_str("</article>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_in_every_form() {
        for (input, want) in [
            ("電話は044-123-4567です", "電話は●●●です"),
            ("電話は０４４－１２３－４５６７です", "電話は●●●です"),
            ("電話０４４－１２３－４５６７", "電話●●●"),
            ("０４４ー１２３ー４５６７まで", "●●●まで"),
            ("(044)123-4567", "●●●"),
            ("携帯 090 1234 5678 に", "携帯 ●●● に"),
            ("09012345678", "●●●"),
            ("電話09012345678です", "電話●●●です"),
            ("+81-44-123-4567", "●●●"),
            // The forms tried in the third security round: brackets around the exchange.
            ("044(123)4567", "●●●"),
            ("０４４（１２３）４５６７", "●●●"),
            ("電話は044 (123) 4567まで", "電話は●●●まで"),
            ("下作延2-8-1-305", "●●●"),
            ("下作延２－８－１－３０５に住む", "●●●に住む"),
        ] {
            assert_eq!(mask(input, &[]), want, "{input}");
        }
    }

    /// A number in brackets is masked and both brackets stay: 「山本花子（●●●）」, not
    /// 「山本花子●●●）」.
    #[test]
    fn brackets_around_a_number_stay_balanced() {
        assert_eq!(mask("連絡先（090-1234-5678）", &[]), "連絡先（●●●）");
        // The name before the number is a likely name, masked too (report::names).
        assert_eq!(mask("山本花子（090-1234-5678）", &[]), "●●●（●●●）");
        assert_eq!(
            mask("（電話 044-123-4567、平日）", &[]),
            "（電話 ●●●、平日）"
        );
        assert_eq!(mask("(044)123-4567", &[]), "●●●");
    }

    /// A section's reply is the office's words: its phone number and hours are
    /// published as written; only what the clerk marked is masked.
    #[test]
    fn replies_are_published_as_written_but_marks() {
        let reply = "予約は区民課までお電話ください（電話 044-123-4567、平日9時～17時）";
        assert_eq!(mask_marks(reply, &[]), reply);
        assert_eq!(
            mask_marks("担当の山田がご説明します", &["山田".to_string()]),
            "担当の●●●がご説明します"
        );
    }

    #[test]
    fn mail_postal_codes_and_addresses() {
        assert_eq!(
            mask("連絡は yamada.taro+x@example.co.jp へ", &[]),
            "連絡は ●●● へ"
        );
        assert_eq!(mask("ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", &[]), "●●●");
        assert_eq!(mask("〒213-0001 高津区溝口1-2-3", &[]), "●●● ●●●");
        assert_eq!(mask("〒２１３－０００１", &[]), "●●●");
        assert_eq!(
            mask("私は下作延二丁目に住んでいます", &[]),
            "私は●●●に住んでいます"
        );
        assert_eq!(mask("高津区下作延2丁目8番1号の前", &[]), "●●●の前");
        assert_eq!(mask("123番地の角", &[]), "●●●の角");
    }

    #[test]
    fn ordinary_text_and_numbers_stay() {
        for s in [
            "2時間待ちました。",
            "椅子を12脚増やしました。",
            "3階の窓口",
            "令和6年2月10日に来ました",
            "2024-02-10",
            "番号札 123 番",
            "受付番号12345678901234",
        ] {
            assert_eq!(mask(s, &[]), s);
        }
    }

    #[test]
    fn private_spans_are_masked_everywhere() {
        let private = vec!["山田さん".to_string()];
        assert_eq!(
            mask("窓口の山田さんが親切でした。山田さんにお礼を", &private),
            "窓口の●●●が親切でした。●●●にお礼を"
        );
    }
}
