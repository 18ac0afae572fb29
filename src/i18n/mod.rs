//! One message table for every piece of UI text, in Japanese and English.
//!
//! The language is chosen once at start-up ([`set_lang`]): `--lang` if given,
//! else Japanese when `LC_ALL`/`LC_MESSAGES`/`LANG` starts with `ja`, else English.

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 日本語
    Ja,
    /// English
    En,
}

impl Lang {
    /// Parse `ja`/`en` (also `japanese`, `english`, `日本語`).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "japanese" | "日本語" => Some(Lang::Ja),
            "en" | "english" | "英語" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`, in that order).
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                return if v.to_ascii_lowercase().starts_with("ja") {
                    Lang::Ja
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }
}

static LANG: AtomicU8 = AtomicU8::new(1);

/// Set the process-wide UI language.
pub fn set_lang(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Ja => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The process-wide UI language.
pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == 0 {
        Lang::Ja
    } else {
        Lang::En
    }
}

macro_rules! messages {
    ($($key:ident => $ja:expr, $en:expr;)*) => {
        /// A key into the message table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Msg { $($key),* }

        impl Msg {
            /// The text of this message in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Ja) => $ja, (Msg::$key, Lang::En) => $en,)*
                }
            }

            /// Every message, for checking the table.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];
        }
    };
}

pub mod help;
mod table;
pub use table::Msg;

/// `s` in parentheses as `lang` writes them: `（s）` in Japanese, ` (s)` in English.
pub fn paren(lang: Lang, s: impl Display) -> String {
    match lang {
        Lang::Ja => format!("（{s}）"),
        Lang::En => format!(" ({s})"),
    }
}

/// `s` in square brackets as `lang` writes them: `［s］` or `[s]`.
pub fn bracket(lang: Lang, s: impl Display) -> String {
    match lang {
        Lang::Ja => format!("［{s}］"),
        Lang::En => format!("[{s}]"),
    }
}

/// The text of `msg` in the process-wide language.
pub fn tr(msg: Msg) -> &'static str {
    msg.text(lang())
}

/// Fill the placeholders of `msg` (in `lang`) with `args`: `{}` takes the next argument
/// in order, `{0}`, `{1}`… a given one, so a translation can put them in its own order
/// or use one twice.
pub fn fill(msg: Msg, lang: Lang, args: &[&dyn Display]) -> String {
    let template = msg.text(lang);
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some(pos) = rest.find('{') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if after[digits.len()..].starts_with('}') {
            let i = if digits.is_empty() {
                next += 1;
                next - 1
            } else {
                digits.parse().unwrap_or(usize::MAX)
            };
            match args.get(i) {
                Some(a) => out.push_str(&a.to_string()),
                None => out.push_str(&rest[pos..pos + digits.len() + 2]),
            }
            rest = &after[digits.len() + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of a template: `{}` numbered in order, `{N}` as written.
#[cfg(test)]
fn placeholders(template: &str) -> std::collections::BTreeSet<usize> {
    let mut out = std::collections::BTreeSet::new();
    let mut next = 0;
    let mut rest = template;
    while let Some(pos) = rest.find('{') {
        let after = &rest[pos + 1..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if after[digits.len()..].starts_with('}') {
            out.insert(if digits.is_empty() {
                next += 1;
                next - 1
            } else {
                digits.parse().unwrap_or(usize::MAX)
            });
        }
        rest = after;
    }
    out
}

/// [`fill`] in the process-wide language.
pub fn trf(msg: Msg, args: &[&dyn Display]) -> String {
    fill(msg, lang(), args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_with_the_same_placeholders() {
        for m in Msg::ALL {
            let ja = m.text(Lang::Ja);
            let en = m.text(Lang::En);
            assert!(!ja.is_empty() && !en.is_empty(), "{m:?}");
            assert_eq!(
                placeholders(ja),
                placeholders(en),
                "{m:?} has different placeholders"
            );
        }
    }

    #[test]
    fn fill_replaces_in_order() {
        assert_eq!(
            fill(Msg::AssignedTo, Lang::Ja, &[&12, &"区民課", &"2024-02-24"]),
            "12 を 区民課 に回答依頼しました（期限 2024-02-24）。"
        );
        assert_eq!(fill(Msg::Added, Lang::En, &[&3]), "Added slip 3.");
    }

    #[test]
    fn numbered_placeholders_can_repeat_and_reorder() {
        assert_eq!(
            fill(
                Msg::ErrTransition,
                Lang::Ja,
                &[&"受付", &"公表済", &"回答依頼中"]
            ),
            "受付 から 公表済 には変更できません。受付 から変更できる状況: 回答依頼中"
        );
        assert_eq!(placeholders("{1} and {0}, {}"), [0, 1].into());
    }

    #[test]
    fn parse_lang() {
        assert_eq!(Lang::parse("JA"), Some(Lang::Ja));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
