//! Keeping the text index ([`crate::search`]) equal to the slips, in the same
//! transaction as each write.

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::search::document;

/// Replace slip `id`'s entry in the index with its text and summary as they are now.
pub(crate) fn reindex(conn: &Connection, id: i64) -> Result<()> {
    let (body, summary): (String, Option<String>) =
        conn.query_row("SELECT body, summary FROM slip WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    conn.execute("DELETE FROM slip_text WHERE rowid = ?1", [id])?;
    add(conn, id, &body, summary.as_deref())
}

/// Add slip `id`'s entry (a new slip).
pub(crate) fn add(conn: &Connection, id: i64, body: &str, summary: Option<&str>) -> Result<()> {
    let doc = document([body, summary.unwrap_or("")]);
    conn.prepare_cached("INSERT INTO slip_text (rowid, grams) VALUES (?1, ?2)")?
        .execute(params![id, doc])?;
    Ok(())
}

/// Build the whole index again from the slips (after the migration that adds it).
pub(crate) fn rebuild(conn: &Connection) -> Result<u64> {
    conn.execute("DELETE FROM slip_text", [])?;
    let mut stmt = conn.prepare("SELECT id, body, summary FROM slip")?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let (id, body, summary): (i64, String, Option<String>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        add(conn, id, &body, summary.as_deref())?;
        n += 1;
    }
    Ok(n)
}

/// A slip like another, found through the text index.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Similar {
    /// Its number (受付番号).
    pub id: i64,
    /// Date collected.
    pub received_on: chrono::NaiveDate,
    /// The first words of its text.
    pub excerpt: String,
    /// Its sections, in table order.
    pub sections: Vec<String>,
    /// How alike (higher is more; FTS5's bm25 turned positive).
    pub score: f64,
}

/// A section suggested for a slip: how many of the most similar slips it was asked for,
/// and which.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Suggestion {
    /// Section code.
    pub section: String,
    /// Weight: the similar slips' scores summed.
    pub weight: f64,
    /// The similar slips that had it.
    pub because: Vec<i64>,
}

/// The bigrams of a slip as an FTS5 `OR` query (distinct, at most 64: a longer text adds
/// little and costs more).
fn or_query(doc: &str) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    let terms: Vec<String> = doc
        .split(' ')
        .filter(|g| !g.is_empty() && seen.insert(*g))
        .take(64)
        .map(|g| format!("\"{g}\""))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" OR "))
}

impl super::Store {
    /// Up to `limit` other slips most like slip `id` by their text (voided ones left out).
    pub fn similar(&self, id: i64, limit: usize) -> Result<Vec<Similar>> {
        let slip = self.slip(id)?;
        let doc = document([slip.body.as_str(), slip.summary.as_deref().unwrap_or("")]);
        let Some(q) = or_query(&doc) else {
            return Ok(vec![]);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.rowid, -m.score, s.received_on, substr(s.body, 1, 40),
                    (SELECT group_concat(ss.section, ',' ORDER BY c.sort, ss.section)
                       FROM slip_section ss LEFT JOIN section c ON c.code = ss.section
                      WHERE ss.slip_id = s.id)
             FROM (SELECT rowid, bm25(slip_text) AS score FROM slip_text
                    WHERE slip_text MATCH ?1 ORDER BY score LIMIT ?3) m
             JOIN slip s ON s.id = m.rowid AND s.voided = 0
             WHERE m.rowid != ?2 ORDER BY m.score LIMIT ?4",
        )?;
        let rows = stmt
            .query_map(params![q, id, (limit + 1) as i64 * 4, limit as i64], |r| {
                let date: String = r.get(2)?;
                let sections: Option<String> = r.get(4)?;
                Ok(Similar {
                    id: r.get(0)?,
                    score: r.get(1)?,
                    received_on: date.parse().unwrap_or_default(),
                    excerpt: r.get::<_, String>(3)?.replace('\n', " "),
                    sections: sections
                        .map(|s| s.split(',').map(String::from).collect())
                        .unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Sections ranked for slip `id`: those asked for its ten most similar slips, each
    /// weighted by how alike that slip is. The clerk chooses; nothing is assigned.
    pub fn suggest(&self, id: i64) -> Result<Vec<Suggestion>> {
        let mut out: Vec<Suggestion> = vec![];
        for s in self.similar(id, 10)? {
            for sec in &s.sections {
                match out.iter_mut().find(|x| &x.section == sec) {
                    Some(x) => {
                        x.weight += s.score;
                        x.because.push(s.id);
                    }
                    None => out.push(Suggestion {
                        section: sec.clone(),
                        weight: s.score,
                        because: vec![s.id],
                    }),
                }
            }
        }
        out.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        Ok(out)
    }
}
