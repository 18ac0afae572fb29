//! The Japanese text index: character bigrams over a slip's text and summary, after one
//! normalisation shared by text and query, kept in an FTS5 table in the same file.
//!
//! SQLite's own tokenizers cannot serve Japanese: there are no spaces between words, and
//! the trigram tokenizer needs three characters where most Japanese search words have two.
//! So Rust splits the text into overlapping bigrams (「駐輪場」 → 「駐輪 輪場」) and FTS5 stores
//! them with its `ascii` tokenizer, which keeps every non-ASCII character inside a token. A
//! query word becomes the phrase of its own bigrams, which matches exactly where the word
//! occurs (the bigrams must stand next to each other), so the index finds what a substring
//! search finds, only without reading every text.

use unicode_normalization::UnicodeNormalization;

/// The form text is indexed and searched in: NFKC (full- and half-width alike, ① → 1),
/// lower case, and katakana as hiragana (カタカナ, ｶﾀｶﾅ and かたかな alike).
pub fn normalize(s: &str) -> String {
    fn fold(chars: impl Iterator<Item = char>) -> String {
        chars
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                // Katakana ァ..ヶ map onto hiragana ぁ..ゖ; ー and the rest stay.
                '\u{30a1}'..='\u{30f6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
                _ => c,
            })
            .collect()
    }
    // Text already in NFKC (most of it) need not be decomposed and composed again.
    match unicode_normalization::is_nfkc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => fold(s.chars()),
        _ => fold(s.nfkc()),
    }
}

/// The token between the parts of a document (text, summary, each reply), so that no
/// word is found across two of them. A private-use character: no query can hold one.
const PART_BREAK: char = '\u{e000}';

/// The letters and digits of normalised text: spaces and punctuation are left out, so
/// 「駐輪場」 is found in 「駐輪、場」 and 「駐 輪 場」 too.
fn letters(s: &str) -> Vec<char> {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Text as the index compares it: normalised, letters and digits only (「引っ越し」 and
/// 「ヒッコシ」 fold alike, 「wi-fi」 to 「wifi」).
pub fn folded(s: &str) -> String {
    letters(&normalize(s)).into_iter().collect()
}

/// The bigrams of `chars`, appended space-separated.
fn grams_into(chars: &[char], out: &mut String) {
    for w in chars.windows(2) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(w[0]);
        out.push(w[1]);
    }
}

/// The index document for `parts` (text, summary, replies …): each part's bigrams,
/// space-separated, then its last character alone, with a break between parts. Every
/// character is thus the first of a token, so a one-character word is a prefix query
/// (`"駐"*`) the index answers instead of reading every text.
pub fn document<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        let chars = letters(&normalize(part));
        let Some(last) = chars.last() else {
            continue;
        };
        if !out.is_empty() {
            out.push(' ');
            out.push(PART_BREAK);
        }
        grams_into(&chars, &mut out);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(*last);
    }
    out
}

/// A search query, parsed: words separated by spaces must all occur; `"…"` keeps what
/// it holds together as one word (spaces and all, an unclosed quote runs to the end).
/// Each word is kept normalised and without punctuation, as the index holds text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Words of two characters or more: found through the index.
    pub indexed: Vec<String>,
    /// Words of one character: found as the first character of a token.
    pub single: Vec<char>,
    /// Words typed past [`Query::MAX_WORDS`], left out.
    pub dropped: usize,
}

impl Query {
    /// The most words a search takes: each adds a condition, and SQLite refuses an
    /// expression deeper than 1,000 ("Expression tree is too large").
    pub const MAX_WORDS: usize = 64;

    /// Parse what was typed in a search box or after `--search` (the first
    /// [`Query::MAX_WORDS`] different words; the rest are counted in `dropped`).
    pub fn parse(typed: &str) -> Query {
        let mut q = Query::default();
        let mut push = |raw: &str| {
            let w: String = letters(&normalize(raw)).into_iter().collect();
            let n = w.chars().count();
            let known = match n {
                1 => q.single.contains(&w.chars().next().unwrap_or(' ')),
                _ => q.indexed.contains(&w),
            };
            if n == 0 || known {
                return;
            }
            if q.single.len() + q.indexed.len() >= Query::MAX_WORDS {
                q.dropped += 1;
                return;
            }
            match n {
                1 => q.single.extend(w.chars()),
                _ => q.indexed.push(w),
            }
        };
        for (i, piece) in typed.split('"').enumerate() {
            if i % 2 == 1 {
                push(piece);
            } else {
                piece.split_whitespace().for_each(&mut push);
            }
        }
        q.indexed.dedup();
        q.single.dedup();
        q
    }

    /// Whether nothing searchable was typed (only spaces, punctuation, emoji …).
    pub fn is_empty(&self) -> bool {
        self.indexed.is_empty() && self.single.is_empty()
    }

    /// The FTS5 `MATCH` expression for the words (each the phrase of its bigrams, a
    /// one-character word the prefix of a token, all required), or `None` when there
    /// are none.
    pub fn match_expr(&self) -> Option<String> {
        let phrases: Vec<String> = self
            .indexed
            .iter()
            .map(|w| {
                let mut grams = String::new();
                grams_into(&w.chars().collect::<Vec<_>>(), &mut grams);
                // Bigrams are letters and digits only, so a quote never needs escaping.
                format!("\"{grams}\"")
            })
            .chain(self.single.iter().map(|c| format!("\"{c}\"*")))
            .collect();
        (!phrases.is_empty()).then(|| phrases.join(" AND "))
    }

    /// Where the words occur in `text`: byte ranges of the original text, in order and
    /// merged, found as the index finds them (normalised, punctuation skipped), for
    /// highlighting.
    pub fn highlights(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        // Each letter of the normalised text, with the bytes of the original it came from.
        let mut chars: Vec<(char, usize, usize)> = vec![];
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            for n in normalize(c.encode_utf8(&mut [0; 4])).chars() {
                // A half-width voiced mark (ﾍﾞ) joins the kana before it, as NFKC does.
                if matches!(n, '\u{3099}' | '\u{309a}')
                    && let Some(last) = chars.last_mut()
                    && let Some(joined) = [last.0, n].into_iter().collect::<String>().nfc().next()
                {
                    last.0 = joined;
                    last.2 = end;
                    continue;
                }
                if n.is_alphanumeric() {
                    chars.push((n, at, end));
                }
            }
        }
        let mut ranges: Vec<std::ops::Range<usize>> = vec![];
        let words = self
            .indexed
            .iter()
            .map(|w| w.chars().collect::<Vec<_>>())
            .chain(self.single.iter().map(|c| vec![*c]));
        for w in words {
            if w.is_empty() || w.len() > chars.len() {
                continue;
            }
            for i in 0..=chars.len() - w.len() {
                if chars[i..i + w.len()]
                    .iter()
                    .map(|x| x.0)
                    .eq(w.iter().copied())
                {
                    ranges.push(chars[i].1..chars[i + w.len() - 1].2);
                }
            }
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<std::ops::Range<usize>> = vec![];
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// How much a bigram says about what a text is about: two kanji (「駐輪」「屋根」) say
/// most, two Latin letters next (「sn」), one kanji beside kana less, kana and digits
/// alone («して», «ほし», «00») least: they are grammar and numbers, in every slip.
pub fn weight(gram: &str) -> u8 {
    let kanji = |c: char| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3400}'..='\u{4dbf}').contains(&c)
            || c == '々'
    };
    let mut cs = gram.chars();
    match (cs.next(), cs.next()) {
        (Some(a), Some(b)) if kanji(a) && kanji(b) => 3,
        (Some(a), Some(b)) if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => 2,
        (Some(a), Some(b)) if kanji(a) || kanji(b) => 1,
        _ => 0,
    }
}

/// The bigrams of an index document that best say what it is about, for finding
/// similar texts: its distinct bigrams of the highest weight there are three of (so
/// «もっと» and «ほしい» are left out whenever the text has content words), at most eight.
/// Fewer, rarer terms keep the lookup fast and the likeness about the subject.
pub fn key_terms(doc: &str) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    let grams: Vec<&str> = doc
        .split(' ')
        .filter(|g| g.chars().nth(1).is_some() && seen.insert(*g))
        .collect();
    let floor = (0..=3u8)
        .rev()
        .find(|w| grams.iter().filter(|g| weight(g) >= *w).count() >= 3)
        .unwrap_or(0);
    let mut terms: Vec<&str> = grams.into_iter().filter(|g| weight(g) >= floor).collect();
    terms.sort_by_key(|g| std::cmp::Reverse(weight(g)));
    terms.truncate(8);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_widths_and_cases_are_alike() {
        assert_eq!(normalize("ｶﾀｶﾅ"), "かたかな");
        assert_eq!(normalize("カタカナ"), "かたかな");
        assert_eq!(normalize("ＡＢＣ１２３"), "abc123");
        assert_eq!(normalize("①"), "1");
        assert_eq!(normalize("デ"), normalize("ﾃﾞ"));
        assert_eq!(normalize("コーヒー"), "こーひー");
    }

    #[test]
    fn documents_are_bigrams_of_each_part() {
        assert_eq!(document(["駐輪場が、狭い"]), "駐輪 輪場 場が が狭 狭い い");
        assert_eq!(document(["", "要旨"]), "要旨 旨");
        assert_eq!(document(["駐輪", "場所"]), "駐輪 輪 \u{e000} 場所 所");
        // A part of one character is that character; punctuation alone is nothing.
        assert_eq!(document(["駐", "。"]), "駐");
        assert_eq!(document(["。", "駐"]), "駐");
    }

    #[test]
    fn queries_parse_into_words_and_phrases() {
        let q = Query::parse("駐輪 ｴﾚﾍﾞｰﾀｰ");
        assert_eq!(q.indexed, ["駐輪", "えれべーたー"]);
        assert_eq!(
            q.match_expr().as_deref(),
            Some("\"駐輪\" AND \"えれ れべ べー ーた たー\"")
        );
        // One character, operators typed as text, nothing at all.
        let q = Query::parse("駐 輪場");
        assert_eq!(
            (q.single.as_slice(), q.indexed.as_slice()),
            (&['駐'][..], &["輪場".to_string()][..])
        );
        assert_eq!(Query::parse("駐輪 AND").indexed, ["駐輪", "and"]);
        assert_eq!(Query::parse("NEAR(\"a* ^b:").indexed, ["near", "ab"]);
        assert!(Query::parse("  。、！ 🎉 \u{7}").is_empty());
        // A phrase keeps its words together; an unclosed quote runs to the end.
        assert_eq!(Query::parse("\"駐輪 場所\" 雨").indexed, ["駐輪場所"]);
        assert_eq!(Query::parse("\"駐輪 場所\" 雨").single, ['雨']);
        assert_eq!(Query::parse("屋根 \"自転 車").indexed, ["屋根", "自転車"]);
    }

    #[test]
    fn highlights_point_into_the_original_text() {
        let text = "ｴﾚﾍﾞｰﾀｰが遅い。駐輪、場が狭い";
        let q = Query::parse("エレベーター 駐輪場");
        let got: Vec<&str> = q.highlights(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["ｴﾚﾍﾞｰﾀｰ", "駐輪、場"]);
        let q = Query::parse("か");
        assert_eq!(q.highlights("カかｶ").len(), 1, "adjacent matches merge");
        assert!(Query::parse("無い").highlights(text).is_empty());
        // A one-character word is the prefix of a token; with a phrase, both required.
        assert_eq!(
            Query::parse("カ 駐輪").match_expr().as_deref(),
            Some("\"駐輪\" AND \"か\"*")
        );
    }

    #[test]
    fn key_terms_are_the_content_words() {
        let doc = document(["駐輪場に屋根をつけてほしい。雨の日に自転車が濡れます。"]);
        assert_eq!(key_terms(&doc), ["駐輪", "輪場", "屋根", "自転", "転車"]);
        // Fewer than three kanji pairs: Latin words, then kana beside kanji count.
        let doc = document(["SNSでお知らせを"]);
        assert_eq!(key_terms(&doc), ["sn", "ns", "お知", "知ら"]);
        // Only kana: what there is.
        let doc = document(["ありがとう"]);
        assert_eq!(key_terms(&doc), ["あり", "りが", "がと", "とう"]);
        assert!(key_terms("").is_empty());
    }
}
