//! Suggested sections for a slip, from two kinds of evidence in one ranking: the duties
//! (事務分掌) its text names, and the sections asked for the slips most like it. A ward
//! with no history is served by the duties alone; as triaged slips accumulate, history
//! takes over. The clerk decides: nothing is ticked.

use std::collections::HashMap;

use crate::error::Result;
use crate::i18n::{Lang, Msg};
use crate::search::{document, folded, key_terms};

/// The triaged slips at which history weighs as much as the duties: a ward's first
/// year leans on the duties, a city's archive on what the office did before. Measured
/// (`tests/suggest.rs`): at 40, a demo year's 71 slips pulled the first choice on the
/// evaluation slips from 82 % (duties alone) down to 73 %; at 150 it rose to 85 %.
const HISTORY_HALF: f64 = 150.0;

/// How many triaged slips are counted for that weight (beyond this it no longer moves,
/// and the count stays an index read of at most this many rows at a million slips).
const HISTORY_CAP: i64 = 2000;

/// How many similar slips history reads.
const SIMILAR_SLIPS: usize = 10;

/// A section suggested for a slip, with why.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Suggestion {
    /// Section code.
    pub section: String,
    /// Its score, 0–1: the share of the duties' evidence and of history's, weighted.
    pub weight: f64,
    /// The duty words found in the slip.
    pub duties: Vec<String>,
    /// The similar slips that had this section.
    pub because: Vec<i64>,
}

impl Suggestion {
    /// Why, in `lang`: 「事務分掌「転入」「住民票」、似た投書 #12 #31」.
    pub fn reason(&self, lang: Lang, most: usize) -> String {
        let mut parts = vec![];
        if !self.duties.is_empty() {
            let words: Vec<String> = self
                .duties
                .iter()
                .take(most)
                .map(|w| format!("「{w}」"))
                .collect();
            parts.push(format!(
                "{}{}",
                Msg::SuggestDuties.text(lang),
                words.concat()
            ));
        }
        if !self.because.is_empty() {
            let ids: Vec<String> = self
                .because
                .iter()
                .take(most)
                .map(|id| format!("#{id}"))
                .collect();
            parts.push(format!(
                "{} {}",
                Msg::SuggestBecause.text(lang),
                ids.join(" ")
            ));
        }
        parts.join(Msg::SuggestSep.text(lang))
    }
}

/// A duty word found in a slip, and what it counted for.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DutyHit {
    /// Section code.
    pub section: String,
    /// The word, as the section's duties write it.
    pub word: String,
    /// What it counted: its length (up to 4) over the sections that list it.
    pub weight: f64,
}

/// A word of the slip that similar slips were looked for by.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct KeyTerm {
    /// The bigram.
    pub term: String,
    /// Its weight ([`crate::search::weight`]: 3 for two kanji … 0 for kana).
    pub weight: u8,
}

/// A similar slip and the sections it gave.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SimilarHit {
    /// Its number.
    pub id: i64,
    /// How alike (bm25, positive).
    pub score: f64,
    /// Its sections.
    pub sections: Vec<String>,
}

/// Every term that counted for a slip's suggestions, with its weight: what
/// `meyasu suggest --explain` shows, so a ward can see why and mend its duties.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Explanation {
    /// The slip.
    pub slip: i64,
    /// Triaged slips counted (at most [`HISTORY_CAP`]).
    pub triaged: i64,
    /// History's weight against the duties', 0–1.
    pub history_weight: f64,
    /// Duty words found.
    pub duties: Vec<DutyHit>,
    /// The slip's key words for likeness.
    pub key_terms: Vec<KeyTerm>,
    /// The similar slips read.
    pub similar: Vec<SimilarHit>,
    /// The ranking.
    pub ranking: Vec<Suggestion>,
    /// Whether the first suggestion stands on enough evidence ([`CLEAR`]); else the
    /// ranking is a hint only and is said so ("no clear section").
    pub clear: bool,
}

/// The score a first suggestion needs to be called clear: one long duty word alone, or
/// one short word with a similar slip that section answered, is not enough.
pub const CLEAR: f64 = 0.5;

/// How sure the evidence makes a ranking, 0–1 (never 1): the duty words' weight (a
/// four-character word weighs 4) and the similar triaged slips, each turned into
/// `1 - e^(-evidence / scale)` and mixed as the ranking mixes them. One two-character
/// word gives 0.28; three four-character words 0.86.
fn confidence(duty_total: f64, similar_with_sections: usize, history_weight: f64) -> f64 {
    let from_duties = 1.0 - (-duty_total / 6.0).exp();
    let from_history = 1.0 - (-(similar_with_sections as f64) / 3.0).exp();
    match (duty_total > 0.0, similar_with_sections > 0) {
        (true, true) => (1.0 - history_weight) * from_duties + history_weight * from_history,
        (true, false) => from_duties,
        (false, true) => from_history,
        (false, false) => 0.0,
    }
}

/// The duty words of `sections` found in `text`, each weighted by its length (up to
/// four characters: 「マイナンバーカード」 says no more than 「マイナ」) over the number of
/// sections that list it (a word two sections share tells less).
pub fn duty_hits(text: &str, sections: &[crate::domain::Section]) -> Vec<DutyHit> {
    let text = folded(text);
    let mut owners: HashMap<String, usize> = HashMap::new();
    let folded_duties: Vec<Vec<(String, &str)>> = sections
        .iter()
        .map(|s| {
            s.duties
                .iter()
                .map(|w| (folded(w), w.as_str()))
                .filter(|(f, _)| !f.is_empty())
                .collect()
        })
        .collect();
    for list in &folded_duties {
        for (f, _) in list {
            *owners.entry(f.clone()).or_default() += 1;
        }
    }
    let mut out = vec![];
    for (s, list) in sections.iter().zip(&folded_duties) {
        for (f, word) in list {
            if text.contains(f.as_str()) {
                let len = f.chars().count().min(4) as f64;
                out.push(DutyHit {
                    section: s.label.code.clone(),
                    word: (*word).to_string(),
                    weight: len / owners[f] as f64,
                });
            }
        }
    }
    out
}

impl super::Store {
    /// Sections ranked for slip `id` (active ones), best first.
    pub fn suggest(&self, id: i64) -> Result<Vec<Suggestion>> {
        Ok(self.explain_suggestions(id)?.ranking)
    }

    /// The ranking for slip `id` with every term that counted.
    pub fn explain_suggestions(&self, id: i64) -> Result<Explanation> {
        let slip = self.slip(id)?;
        self.explain_text(&slip.body, slip.summary.as_deref().unwrap_or(""), id)
    }

    /// The ranking for a text not yet saved (as if it were the next slip).
    pub fn suggest_for_text(&self, body: &str) -> Result<Explanation> {
        let next: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) + 1 FROM slip", [], |r| {
                    r.get(0)
                })?;
        self.explain_text(body, "", next)
    }

    /// The ranking for `body` and `summary`, as slip `id` (itself never its own reason).
    fn explain_text(&self, body: &str, summary: &str, id: i64) -> Result<Explanation> {
        let text = format!("{body}\n{summary}");
        let active: Vec<crate::domain::Section> = self
            .sections()
            .iter()
            .filter(|s| s.active)
            .cloned()
            .collect();
        let duties = duty_hits(&text, &active);
        let doc = document([body, summary]);
        let key_terms: Vec<KeyTerm> = key_terms(&doc)
            .into_iter()
            .map(|t| KeyTerm {
                term: t.to_string(),
                weight: crate::search::weight(t),
            })
            .collect();
        let similar: Vec<SimilarHit> = self
            .alike(&doc, id, SIMILAR_SLIPS, 0, true)?
            .into_iter()
            .map(|s| SimilarHit {
                id: s.id,
                score: s.score,
                sections: s.sections,
            })
            .collect();
        let triaged: i64 = self.conn.prepare_cached(
            "SELECT count(*) FROM (SELECT DISTINCT slip_id FROM slip_section WHERE slip_id != ?1 LIMIT ?2)",
        )?
        .query_row(rusqlite::params![id, HISTORY_CAP], |r| r.get(0))?;
        let history_weight = triaged as f64 / (triaged as f64 + HISTORY_HALF);
        let ranking = rank(&active, &duties, &similar, history_weight);
        let clear = ranking.first().is_some_and(|s| s.weight >= CLEAR);
        Ok(Explanation {
            clear,
            slip: id,
            triaged,
            history_weight,
            duties,
            key_terms,
            similar,
            ranking,
        })
    }
}

/// One ranking from both: each section's share of the duties' weight and of the similar
/// slips' likeness, mixed by `history_weight`; ties in the sections' own order.
fn rank(
    sections: &[crate::domain::Section],
    duties: &[DutyHit],
    similar: &[SimilarHit],
    history_weight: f64,
) -> Vec<Suggestion> {
    let duty_total: f64 = duties.iter().map(|d| d.weight).sum();
    let history_total: f64 = similar
        .iter()
        .filter(|s| !s.sections.is_empty())
        .map(|s| s.score)
        .sum();
    let sure = confidence(
        duty_total,
        similar.iter().filter(|s| !s.sections.is_empty()).count(),
        history_weight,
    );
    let mut out = vec![];
    for s in sections {
        let code = &s.label.code;
        let mine: Vec<&DutyHit> = duties.iter().filter(|d| &d.section == code).collect();
        let from_duties: f64 = mine.iter().map(|d| d.weight).sum();
        let from_history: f64 = similar
            .iter()
            .filter(|x| x.sections.contains(code))
            .map(|x| x.score)
            .sum();
        if from_duties == 0.0 && from_history == 0.0 {
            continue;
        }
        let share = |part: f64, total: f64| if total > 0.0 { part / total } else { 0.0 };
        // Only one kind of evidence: it is the whole of the score.
        let (wd, wh) = match (duty_total > 0.0, history_total > 0.0) {
            (true, true) => (1.0 - history_weight, history_weight),
            (true, false) => (1.0, 0.0),
            _ => (0.0, 1.0),
        };
        let mut words: Vec<&DutyHit> = mine;
        words.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        out.push(Suggestion {
            section: code.clone(),
            // Each section's share of the evidence, times how sure the evidence is: a
            // single weak word no longer makes 1.00.
            weight: sure
                * (wd * share(from_duties, duty_total) + wh * share(from_history, history_total)),
            duties: words.into_iter().map(|d| d.word.clone()).collect(),
            because: similar
                .iter()
                .filter(|x| x.sections.contains(code))
                .map(|x| x.id)
                .collect(),
        });
    }
    // A stable sort: equal scores keep the sections' order.
    out.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    out
}
