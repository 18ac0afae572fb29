//! The catalogue of sections, floors and kinds: one type, held by the seed, the store and
//! the TUI alike, with the name look-ups each of them needs.

use serde::Serialize;

use super::{Label, Names, Section, label_name};
use crate::i18n::Lang;

/// Sections (課), floors and kinds of slip, in their table order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Catalog {
    /// Sections, active or not.
    pub sections: Vec<Section>,
    /// Floors with a box.
    pub floors: Vec<Label>,
    /// Kinds of slip.
    pub kinds: Vec<Label>,
    /// Outcomes (対応区分) a section's reply can record.
    pub outcomes: Vec<Label>,
}

impl Catalog {
    /// The section with this code.
    pub fn section(&self, code: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.label.code == code)
    }

    /// The code of the section `given` names (code or either name); with `active_only`,
    /// deactivated sections are not found.
    pub fn find_section(&self, given: &str, active_only: bool) -> Option<&Section> {
        self.sections
            .iter()
            .filter(|s| s.active || !active_only)
            .find(|s| s.label.matches(given))
    }

    /// The code of the floor `given` names; `1` also finds `1F` / `1階`.
    pub fn find_floor(&self, given: &str) -> Option<String> {
        find_label(&self.floors, given, &["F", "階"])
    }

    /// The code of the kind `given` names.
    pub fn find_kind(&self, given: &str) -> Option<String> {
        find_label(&self.kinds, given, &[])
    }

    /// Whether `given` means "no outcome" (`none`, `unset`, 未設定) on the command line.
    pub fn names_no_outcome(given: &str) -> bool {
        let g = crate::text::nfkc(given.trim()).to_lowercase();
        matches!(g.as_str(), "none" | "未設定" | "unset")
    }

    /// The code of the outcome `given` names (code, Japanese or English name).
    pub fn find_outcome(&self, given: &str) -> Option<String> {
        find_label(&self.outcomes, given, &[])
    }
}

impl Catalog {
    /// A section's name in `lang` (the code itself if unknown).
    pub fn section_name(&self, code: &str, lang: Lang) -> String {
        label_name(self.sections.iter().map(|s| &s.label), code, lang)
    }

    /// A floor's name in `lang`.
    pub fn floor_name(&self, code: &str, lang: Lang) -> String {
        label_name(&self.floors, code, lang)
    }

    /// A kind's name in `lang`.
    pub fn kind_name(&self, code: &str, lang: Lang) -> String {
        label_name(&self.kinds, code, lang)
    }

    /// An outcome's name in `lang`; no outcome is 未設定 / "not set".
    pub fn outcome_name(&self, code: Option<&str>, lang: Lang) -> String {
        match code {
            Some(c) => label_name(&self.outcomes, c, lang),
            None => crate::i18n::Msg::OutcomeNotSet.text(lang).to_string(),
        }
    }
}

/// A name the catalogue does not hold, with the ones it does (the domain's own error;
/// the crate's error takes it as its Unknown… kinds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnknownName {
    /// No such section (known: codes with names).
    Section {
        /// What was given.
        given: String,
        /// The known ones.
        known: Vec<String>,
    },
    /// No such floor.
    Floor {
        /// What was given.
        given: String,
        /// The known ones.
        known: Vec<String>,
    },
    /// No such kind.
    Kind {
        /// What was given.
        given: String,
        /// The known ones.
        known: Vec<String>,
    },
    /// No such outcome (known: `name (code)`, joined).
    Outcome {
        /// What was given.
        given: String,
        /// The known ones.
        known: String,
    },
}

/// Names to codes, an unknown name an error that lists the known ones.
impl Catalog {
    /// The code of the section `given` names; with `active_only`, inactive ones are unknown.
    pub fn resolve_section(&self, given: &str, active_only: bool) -> Result<String, UnknownName> {
        if let Some(s) = self.find_section(given, active_only) {
            return Ok(s.label.code.clone());
        }
        Err(UnknownName::Section {
            given: given.to_string(),
            known: self
                .sections
                .iter()
                .filter(|s| s.active || !active_only)
                .map(|s| format!("{} ({})", s.label.code, s.label.name))
                .collect(),
        })
    }

    /// The code of the floor `given` names; `1` also finds `1F`/`1階`.
    pub fn resolve_floor(&self, given: &str) -> Result<String, UnknownName> {
        self.find_floor(given).ok_or_else(|| UnknownName::Floor {
            given: given.into(),
            known: self.floors.iter().map(|l| l.name.clone()).collect(),
        })
    }

    /// The code of the kind `given` names.
    pub fn resolve_kind(&self, given: &str) -> Result<String, UnknownName> {
        self.find_kind(given).ok_or_else(|| UnknownName::Kind {
            given: given.into(),
            known: self.kinds.iter().map(|l| l.name.clone()).collect(),
        })
    }

    /// The code of the outcome `given` names (code, Japanese or English name).
    pub fn resolve_outcome(&self, given: &str) -> Result<String, UnknownName> {
        self.find_outcome(given)
            .ok_or_else(|| UnknownName::Outcome {
                given: given.to_string(),
                known: self
                    .outcomes
                    .iter()
                    .map(|o| format!("{} ({})", o.name, o.code))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

impl Names for Catalog {
    fn section_name(&self, code: &str, lang: Lang) -> String {
        Catalog::section_name(self, code, lang)
    }
    fn floor_name(&self, code: &str, lang: Lang) -> String {
        Catalog::floor_name(self, code, lang)
    }
    fn kind_name(&self, code: &str, lang: Lang) -> String {
        Catalog::kind_name(self, code, lang)
    }
}

fn find_label(list: &[Label], given: &str, suffixes: &[&str]) -> Option<String> {
    let found = list.iter().find(|l| l.matches(given)).or_else(|| {
        suffixes.iter().find_map(|suf| {
            let g = format!("{}{suf}", crate::text::nfkc(given.trim()));
            list.iter().find(|l| l.matches(&g))
        })
    });
    found.map(|l| l.code.clone())
}
