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
    s.nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // Katakana ァ..ヶ map onto hiragana ぁ..ゖ; ー and the rest stay.
            '\u{30a1}'..='\u{30f6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Runs of letters and digits in normalised text: punctuation and spaces end a run.
fn runs(s: &str) -> impl Iterator<Item = Vec<char>> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|r| !r.is_empty())
        .map(|r| r.chars().collect())
}

/// The bigrams of one run, space-separated.
fn run_grams(run: &[char], out: &mut String) {
    for w in run.windows(2) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(w[0]);
        out.push(w[1]);
    }
}

/// The index document for `parts` (text, summary …): their bigrams, space-separated.
pub fn document<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        for run in runs(&normalize(part)) {
            run_grams(&run, &mut out);
        }
    }
    out
}

/// The FTS5 `MATCH` expression for a query: every word must occur (each word is the
/// phrase of its bigrams). `None` when some word has a run of a single character, which
/// bigrams cannot find: the caller searches the text itself then.
pub fn match_expr(query: &str) -> Option<String> {
    let norm = normalize(query);
    let mut phrases = vec![];
    for run in runs(&norm) {
        if run.len() < 2 {
            return None;
        }
        let mut grams = String::new();
        run_grams(&run, &mut grams);
        // Bigrams are letters and digits only, so a quote never needs escaping.
        phrases.push(format!("\"{grams}\""));
    }
    (!phrases.is_empty()).then(|| phrases.join(" AND "))
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
    fn documents_and_queries_are_bigrams() {
        assert_eq!(document(["駐輪場が、狭い"]), "駐輪 輪場 場が 狭い");
        assert_eq!(document(["", "要旨"]), "要旨");
        assert_eq!(
            match_expr("駐輪 ｴﾚﾍﾞｰﾀｰ").as_deref(),
            Some("\"駐輪\" AND \"えれ れべ べー ーた たー\"")
        );
        // One character, operators typed as text, nothing at all.
        assert_eq!(match_expr("駐"), None);
        assert_eq!(
            match_expr("駐輪 AND"),
            Some("\"駐輪\" AND \"an nd\"".into())
        );
        assert_eq!(match_expr("NEAR(\"a* ^b:"), None);
        assert_eq!(match_expr("  。、！ "), None);
    }
}
