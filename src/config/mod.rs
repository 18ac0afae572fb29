//! Where things live and what the office starts with: database path, seed data, language, user.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::{Catalog, Label, Section};
use crate::error::{Error, Result};

/// Environment variable naming the database file.
pub const ENV_DB: &str = "MEYASU_DB";
/// Environment variable naming a folder with seed files to use instead of the built-in ones.
pub const ENV_SEED_DIR: &str = "MEYASU_SEED_DIR";
/// Environment variable naming the person recorded in the audit log.
pub const ENV_USER: &str = "MEYASU_USER";
/// Environment variable fixing "today" (YYYY-MM-DD), for back-dated entry and tests.
pub use crate::clock::ENV_TODAY;
/// Environment variable naming the host-wide configuration file (instead of
/// [`SITE_CONFIG`]); empty: none.
pub const ENV_CONFIG: &str = "MEYASU_CONFIG";
/// The host-wide configuration every account, cron job and service reads.
pub const SITE_CONFIG: &str = "/etc/meyasu/config.toml";

/// What the host-wide configuration (`/etc/meyasu/config.toml`) may set: the database
/// every account opens, and the language of the UI and reports. `--db`, `MEYASU_DB` and
/// `--lang` still win over it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// The database file.
    pub db: Option<PathBuf>,
    /// `ja` or `en`.
    pub lang: Option<String>,
}

static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();

impl Site {
    /// Read the host-wide configuration (`MEYASU_CONFIG`, else [`SITE_CONFIG`] if it
    /// exists) once for the process; a file that cannot be read or parsed is an error
    /// naming it, and its line.
    pub fn load() -> Result<&'static Site> {
        if let Some(s) = SITE.get() {
            return Ok(s);
        }
        let path = match std::env::var_os(ENV_CONFIG) {
            Some(p) if p.is_empty() => None,
            Some(p) => Some(PathBuf::from(p)),
            None => Some(PathBuf::from(SITE_CONFIG)).filter(|p| p.exists()),
        };
        let site = match path {
            None => Site::default(),
            Some(path) => Site::read(&path)?,
        };
        Ok(SITE.get_or_init(|| site))
    }

    /// The configuration loaded, or none (before [`Site::load`], or in tests).
    pub fn get() -> Site {
        SITE.get().cloned().unwrap_or_default()
    }

    fn read(path: &Path) -> Result<Site> {
        let bad = |reason: String| Error::Open {
            path: path.to_path_buf(),
            reason,
            hint: None,
        };
        let text = crate::files::read_bounded(path, 64 * 1024).map_err(|e| bad(e.to_string()))?;
        let site: Site = toml::from_str(&text).map_err(|e| bad(e.to_string()))?;
        if let Some(l) = &site.lang
            && crate::i18n::Lang::parse(l).is_none()
        {
            return Err(bad(format!("lang = \"{l}\": ja or en")));
        }
        Ok(site)
    }

    /// The language it sets, if any.
    pub fn lang(&self) -> Option<crate::i18n::Lang> {
        self.lang.as_deref().and_then(crate::i18n::Lang::parse)
    }
}

/// The built-in seed files, from `data/` at build time.
pub mod embedded {
    /// `data/sections.toml`
    pub const SECTIONS: &str = include_str!("../../data/sections.toml");
    /// `data/floors.toml`
    pub const FLOORS: &str = include_str!("../../data/floors.toml");
    /// `data/kinds.toml`
    pub const KINDS: &str = include_str!("../../data/kinds.toml");
    /// `data/outcomes.toml`
    pub const OUTCOMES: &str = include_str!("../../data/outcomes.toml");
    /// `data/settings.toml`
    pub const SETTINGS: &str = include_str!("../../data/settings.toml");
    /// `data/demo.csv`
    pub const DEMO: &str = include_str!("../../data/demo.csv");
}

/// The database path: `--db`, else `MEYASU_DB`, else `db` in `/etc/meyasu/config.toml`,
/// else `<data dir>/meyasu/meyasu.db` (`~/.local/share/meyasu/meyasu.db` on Linux).
pub fn db_path(flag: Option<&Path>) -> PathBuf {
    // A path ending in `/`, or a folder that exists, means `meyasu.db` inside it.
    let in_folder = |p: PathBuf| {
        let s = p.as_os_str().to_string_lossy();
        if s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR) || p.is_dir() {
            p.join("meyasu.db")
        } else {
            p
        }
    };
    if let Some(p) = flag {
        return in_folder(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(ENV_DB).filter(|p| !p.is_empty()) {
        return in_folder(PathBuf::from(p));
    }
    if let Some(p) = Site::get().db {
        return in_folder(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("meyasu")
        .join("meyasu.db")
}

/// The person recorded in the audit log: `MEYASU_USER`, else the name the password
/// database gives the process's user (right under cron, a service account or a container,
/// where `$USER` is often unset), else `$USER` / `$LOGNAME` / `%USERNAME%`, else `unknown`.
pub fn actor() -> String {
    let var = |v: &str| std::env::var(v).ok().filter(|s| !s.trim().is_empty());
    var("MEYASU_USER")
        .or_else(account_name)
        .or_else(|| ["USER", "LOGNAME", "USERNAME"].iter().find_map(|v| var(v)))
        .unwrap_or_else(|| "unknown".into())
}

/// The login name of the process's real user, from the password database.
#[cfg(unix)]
fn account_name() -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: `passwd` is plain data filled by getpwuid_r; `buf` outlives every pointer
    // it receives, and `result` is either null or points at `passwd`.
    unsafe {
        let mut passwd: libc::passwd = std::mem::zeroed();
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(
            libc::getuid(),
            &mut passwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        );
        if rc != 0 || result.is_null() || passwd.pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr(passwd.pw_name).to_string_lossy();
        (!name.trim().is_empty()).then(|| name.into_owned())
    }
}

/// No password database to ask.
#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

/// `MEYASU_TODAY` when it is set but not a date (`YYYY-MM-DD`): the binary refuses to run
/// on a day it cannot read rather than quietly using the real one.
pub fn bad_today() -> Option<String> {
    crate::clock::Clock::bad_env()
}

/// A character that shows nothing (zero-width spaces and joiners, the word joiner, the
/// soft hyphen, the BOM, format controls), so a name holding one looks like another.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
}

mod settings;
pub use settings::{Relay, Settings, check_address, check_setting};

/// Everything a new database is seeded with.
#[derive(Clone, Debug)]
pub struct Seed {
    /// Sections, floors and kinds, in order.
    pub catalog: Catalog,
    /// Settings.
    pub settings: Settings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionRow {
    code: String,
    name: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    department_en: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    duties: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelRow {
    code: String,
    name: String,
    #[serde(default)]
    name_en: String,
}

#[derive(Deserialize)]
struct SectionsFile {
    section: Vec<SectionRow>,
}
#[derive(Deserialize)]
struct FloorsFile {
    floor: Vec<LabelRow>,
}
#[derive(Deserialize)]
struct KindsFile {
    kind: Vec<LabelRow>,
}
#[derive(Deserialize)]
struct OutcomesFile {
    outcome: Vec<LabelRow>,
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| Error::Seed {
        file: file.into(),
        reason: e.to_string(),
    })
}

fn labels(rows: Vec<LabelRow>) -> Vec<Label> {
    rows.into_iter()
        .map(|r| Label {
            code: r.code,
            name: r.name,
            name_en: r.name_en,
        })
        .collect()
}

/// Whether `code` is a valid code: 1–20 of `a-z 0-9 _ -` (floors may use upper case).
pub fn valid_code(code: &str) -> bool {
    (1..=20).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl Seed {
    /// Parse the four seed texts.
    pub fn parse(sections: &str, floors: &str, kinds: &str, settings: &str) -> Result<Seed> {
        let s: SectionsFile = parse("sections.toml", sections)?;
        let f: FloorsFile = parse("floors.toml", floors)?;
        let k: KindsFile = parse("kinds.toml", kinds)?;
        let settings: Settings = parse("settings.toml", settings)?;
        let sections: Vec<Section> = s
            .section
            .into_iter()
            .map(|r| Section {
                label: Label {
                    code: r.code,
                    name: r.name,
                    name_en: r.name_en,
                },
                department: r.department,
                department_en: r.department_en,
                active: true,
                email: r.email,
                duties: crate::domain::clean_duties(&r.duties),
            })
            .collect();
        let seed = Seed {
            catalog: Catalog {
                sections,
                floors: labels(f.floor),
                kinds: labels(k.kind),
                outcomes: vec![],
            },
            settings,
        };
        seed.check()?;
        Ok(seed)
    }

    /// The same seed with the outcomes (対応区分) of `outcomes.toml`.
    pub fn with_outcomes(mut self, text: &str) -> Result<Seed> {
        let o: OutcomesFile = parse("outcomes.toml", text)?;
        self.catalog.outcomes = labels(o.outcome);
        self.check()?;
        Ok(self)
    }

    /// The seed checked as `settings set` and `sections` would check it, in steps: the
    /// settings, the names (no controls; present, short, visible, each once), the outcome
    /// codes, no encoded word in a name, the codes (valid, each once). The first problem
    /// is the error, naming the file.
    fn check(&self) -> Result<()> {
        if let Err((key, value)) = self.settings.check() {
            return Err(Error::Seed {
                file: "settings.toml".into(),
                reason: format!("{key} = {value:?} is not a value {key} takes"),
            });
        }
        self.check_controls()?;
        self.check_labels()?;
        self.check_outcome_codes()?;
        self.check_encoded_words()?;
        self.check_codes()
    }

    /// No name of any list holds a control character.
    fn check_controls(&self) -> Result<()> {
        let c = &self.catalog;
        let names = c
            .sections
            .iter()
            .flat_map(|s| {
                [
                    &s.label.name,
                    &s.label.name_en,
                    &s.department,
                    &s.department_en,
                ]
            })
            .chain(
                c.floors
                    .iter()
                    .chain(&c.kinds)
                    .chain(&c.outcomes)
                    .flat_map(|l| [&l.name, &l.name_en]),
            );
        for n in names {
            if crate::text::sanitize(n, false) != *n {
                return Err(Error::Seed {
                    file: "data/".into(),
                    reason: format!("name {n:?} contains control characters"),
                });
            }
        }
        Ok(())
    }

    /// Names people pick from: present, short, visible, and each once in its list.
    fn check_labels(&self) -> Result<()> {
        let c = &self.catalog;
        // Each once: `--outcome 同じ` must not pick the first of two.
        let named: [(&str, Vec<&Label>); 4] = [
            (
                "sections.toml",
                c.sections.iter().map(|s| &s.label).collect(),
            ),
            ("floors.toml", c.floors.iter().collect()),
            ("kinds.toml", c.kinds.iter().collect()),
            ("outcomes.toml", c.outcomes.iter().collect()),
        ];
        for (file, labels) in named {
            let mut seen = std::collections::HashSet::new();
            for l in labels {
                let bad = |reason: String| Error::Seed {
                    file: file.into(),
                    reason,
                };
                for n in [&l.name, &l.name_en] {
                    if n.chars().any(invisible) {
                        return Err(bad(format!(
                            "name {:?} holds an invisible character",
                            n.escape_debug().to_string()
                        )));
                    }
                    if n.chars().count() > crate::domain::limits::NAME {
                        return Err(bad(format!(
                            "name {n:?} is longer than {} characters",
                            crate::domain::limits::NAME
                        )));
                    }
                }
                if l.name.trim().is_empty() {
                    return Err(bad(format!("code {:?} has no name", l.code)));
                }
                if !seen.insert(crate::text::nfkc(&l.name).to_lowercase()) {
                    return Err(bad(format!("name {:?} appears twice", l.name)));
                }
            }
        }
        Ok(())
    }

    /// No outcome's code is one that means "no outcome".
    fn check_outcome_codes(&self) -> Result<()> {
        let c = &self.catalog;
        if c.outcomes
            .iter()
            .any(|o| crate::domain::Catalog::names_no_outcome(&o.code))
        {
            return Err(Error::Seed {
                file: "outcomes.toml".into(),
                reason: "the code \"none\" means no outcome: use another".into(),
            });
        }
        Ok(())
    }

    /// No section name holds `=?`, which a mail's Subject would read as an encoded word.
    fn check_encoded_words(&self) -> Result<()> {
        let c = &self.catalog;
        if let Some(s) = c
            .sections
            .iter()
            .find(|s| s.label.name.contains("=?") || s.label.name_en.contains("=?"))
        {
            return Err(Error::Seed {
                file: "sections.toml".into(),
                reason: format!(
                    "name {:?}: \"=?\" cannot be in a name (mail reads it as an encoded word)",
                    s.label.name
                ),
            });
        }
        Ok(())
    }

    /// Every list but the outcomes has entries; every code is valid and appears once.
    fn check_codes(&self) -> Result<()> {
        let c = &self.catalog;
        let lists: [(&str, Vec<&str>); 4] = [
            (
                "sections.toml",
                c.sections.iter().map(|s| s.label.code.as_str()).collect(),
            ),
            (
                "floors.toml",
                c.floors.iter().map(|s| s.code.as_str()).collect(),
            ),
            (
                "kinds.toml",
                c.kinds.iter().map(|s| s.code.as_str()).collect(),
            ),
            (
                "outcomes.toml",
                c.outcomes.iter().map(|s| s.code.as_str()).collect(),
            ),
        ];
        for (file, codes) in lists {
            // Outcomes come in a step of their own (`with_outcomes`).
            if codes.is_empty() && file != "outcomes.toml" {
                return Err(Error::Seed {
                    file: file.into(),
                    reason: "no entries".into(),
                });
            }
            let mut seen = std::collections::HashSet::new();
            for c in codes {
                if !valid_code(c) {
                    return Err(Error::Seed {
                        file: file.into(),
                        reason: format!("code {c:?}: use 1–20 letters, digits, _ or -"),
                    });
                }
                if !seen.insert(c) {
                    return Err(Error::Seed {
                        file: file.into(),
                        reason: format!("code {c:?} appears twice"),
                    });
                }
            }
        }
        Ok(())
    }

    /// The seed built into the binary (from `data/`).
    pub fn embedded() -> Seed {
        Seed::parse(
            embedded::SECTIONS,
            embedded::FLOORS,
            embedded::KINDS,
            embedded::SETTINGS,
        )
        .and_then(|s| s.with_outcomes(embedded::OUTCOMES))
        .expect("the built-in data/ files are valid")
    }

    /// Read the seed from a folder holding `sections.toml`, `floors.toml`, `kinds.toml`,
    /// `outcomes.toml` and `settings.toml`; a missing file falls back to the built-in one.
    pub fn from_dir(dir: &Path) -> Result<Seed> {
        if !dir.is_dir() {
            return Err(Error::Seed {
                file: dir.display().to_string(),
                reason: crate::i18n::tr(crate::i18n::Msg::ErrNoSeedDir).into(),
            });
        }
        let read = |name: &str, fallback: &str| -> Result<String> {
            let p = dir.join(name);
            if p.exists() {
                // Bounded: a seed file is a few kilobytes, never /dev/zero.
                crate::files::read_bounded(&p, 1024 * 1024).map_err(|e| Error::Seed {
                    file: p.display().to_string(),
                    reason: e.to_string(),
                })
            } else {
                Ok(fallback.to_string())
            }
        };
        Seed::parse(
            &read("sections.toml", embedded::SECTIONS)?,
            &read("floors.toml", embedded::FLOORS)?,
            &read("kinds.toml", embedded::KINDS)?,
            &read("settings.toml", embedded::SETTINGS)?,
        )?
        .with_outcomes(&read("outcomes.toml", embedded::OUTCOMES)?)
    }

    /// `MEYASU_SEED_DIR` if set, else the built-in seed.
    pub fn from_env() -> Result<Seed> {
        match std::env::var_os(ENV_SEED_DIR).filter(|p| !p.is_empty()) {
            Some(dir) => Seed::from_dir(Path::new(&dir)),
            None => Ok(Seed::embedded()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_seed_is_the_takatsu_office() {
        let s = Seed::embedded();
        assert_eq!(s.catalog.sections.len(), 15);
        assert_eq!(s.catalog.sections[1].label.name, "総務課");
        assert_eq!(s.catalog.sections[1].department, "まちづくり推進部");
        assert_eq!(s.catalog.floors.len(), 5);
        assert_eq!(
            s.catalog
                .kinds
                .iter()
                .map(|k| k.name.as_str())
                .collect::<Vec<_>>(),
            ["意見", "要望", "苦情", "お礼", "問合せ", "その他"]
        );
        assert_eq!(s.settings.reply_days, 14);
    }

    #[test]
    fn bad_seed_names_the_file() {
        let e = Seed::parse(
            "[[section]]\ncode='A B'\nname='x'",
            embedded::FLOORS,
            embedded::KINDS,
            embedded::SETTINGS,
        )
        .unwrap_err();
        assert!(e.message(crate::i18n::Lang::En).contains("sections.toml"));
        let dup = "[[section]]\ncode='a'\nname='x'\n[[section]]\ncode='a'\nname='y'";
        let e =
            Seed::parse(dup, embedded::FLOORS, embedded::KINDS, embedded::SETTINGS).unwrap_err();
        assert!(e.message(crate::i18n::Lang::En).contains("twice"), "{e:?}");
        let esc = "[[section]]\ncode='a'\nname=\"悪\\u001b[2J\"";
        let e =
            Seed::parse(esc, embedded::FLOORS, embedded::KINDS, embedded::SETTINGS).unwrap_err();
        assert!(
            e.message(crate::i18n::Lang::En)
                .contains("control characters"),
            "{e:?}"
        );
    }
}
