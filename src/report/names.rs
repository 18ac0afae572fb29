//! Likely personal names in a visitor's text, found before publication: a common family
//! name (`data/surnames.txt`, 500 of them), perhaps with a given name after it, where the
//! words around it say it is a person: an honorific (さん・様・氏・くん・ちゃん), a
//! self-introduction (と申します・といいます), or a phone number or address right after it.
//! A family name alone in running text (「林の中」「森さんぽ」) is not masked: the context
//! is what makes it a name.

use std::collections::HashSet;
use std::sync::LazyLock;

static SURNAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/surnames.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// The longest family name in the list, in characters.
const MAX_SURNAME: usize = 3;
/// The longest given name taken after a family name, in characters.
const MAX_GIVEN: usize = 3;

/// What follows a person's name: honorifics and self-introductions.
const AFTER_NAME: [&str; 12] = [
    "さん",
    "様",
    "さま",
    "サン",
    "氏",
    "くん",
    "君",
    "ちゃん",
    "殿",
    "と申します",
    "といいます",
    "と言います",
];

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

/// The character ranges (start, end) of likely names in `chars`; `hidden` marks the
/// characters already masked as numbers or addresses (a name right before one is a name).
pub fn likely_names(chars: &[char], hidden: &[bool]) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        match name_at(chars, hidden, i) {
            Some(end) => {
                out.push((i, end));
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The end of a name starting at `i`: a listed family name (the longest that fits),
/// then up to [`MAX_GIVEN`] kanji of a given name (the longest that still leaves the
/// context right), then the context.
fn name_at(chars: &[char], hidden: &[bool], i: usize) -> Option<usize> {
    // A name does not start inside a longer run of kanji (「高津区役所の」 holds no 津).
    if i > 0 && is_han(chars[i - 1]) && !hidden[i - 1] {
        return None;
    }
    for len in (1..=MAX_SURNAME).rev() {
        let Some(surname) = chars.get(i..i + len) else {
            continue;
        };
        let s: String = surname.iter().collect();
        if !SURNAMES.contains(s.as_str()) {
            continue;
        }
        let given_max = (0..MAX_GIVEN)
            .take_while(|k| chars.get(i + len + k).is_some_and(|c| is_han(*c)))
            .count();
        for k in (0..=given_max).rev() {
            let end = i + len + k;
            if context_after(chars, hidden, end) {
                return Some(end);
            }
        }
    }
    None
}

/// Particles and marks that may follow an honorific; another hiragana after 「さん」
/// makes a word (「さんぽ」 is a walk, not 森さん).
const AFTER_HONORIFIC: &str = "がはにのをとへもやでかねよ";

/// Whether what follows position `at` says a name ended there.
fn context_after(chars: &[char], hidden: &[bool], at: usize) -> bool {
    let rest: String = chars[at..].iter().take(6).collect();
    if let Some(w) = AFTER_NAME.iter().find(|w| rest.starts_with(**w)) {
        let next = chars.get(at + w.chars().count());
        let word_goes_on = next.is_some_and(|c| {
            matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FC}')
                && !AFTER_HONORIFIC.contains(*c)
        });
        return !word_goes_on;
    }
    // A phone number or address right after, perhaps in brackets or after a space.
    let mut j = at;
    while j < at + 3
        && chars
            .get(j)
            .is_some_and(|c| matches!(c, ' ' | '　' | '（' | '(' | '：' | ':' | '、'))
    {
        j += 1;
    }
    hidden.get(j) == Some(&true)
}

/// The likely names in `text` as written (for the publish plan and the slip view).
pub fn names_in(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let hidden = super::publish::pattern_hidden(&chars);
    likely_names(&chars, &hidden)
        .into_iter()
        .map(|(s, e)| chars[s..e].iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::names_in;

    #[test]
    fn names_with_their_context_are_found() {
        for (text, want) in [
            ("窓口の山田さんが親切でした", vec!["山田"]),
            ("山本花子と申します。", vec!["山本花子"]),
            ("山本花子（090-1234-5678）まで", vec!["山本花子"]),
            ("担当の佐藤様にお礼を", vec!["佐藤"]),
            ("林さんと森さん", vec!["林", "森"]),
            ("鈴木一郎 044-123-4567", vec!["鈴木一郎"]),
        ] {
            assert_eq!(names_in(text), want, "{text}");
        }
    }

    #[test]
    fn family_names_as_ordinary_words_stay() {
        for text in [
            "林の中の散歩道がきれい",
            "森さんぽの会に参加しました",
            "高津区役所の窓口",
            "中村地区の公園",
            "皆さん親切でした",
            "お医者さんの紹介",
        ] {
            assert!(names_in(text).is_empty(), "{text}: {:?}", names_in(text));
        }
    }
}
