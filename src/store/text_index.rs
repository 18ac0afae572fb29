//! Keeping the text index ([`crate::search`]) equal to the slips, in the same
//! transaction as each write.

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::search::document;

/// Replace slip `id`'s entry in the index with its text, summary and replies as they
/// are now (after an edit or a reply).
pub(crate) fn reindex(conn: &Connection, id: i64) -> Result<()> {
    let (body, summary): (String, Option<String>) = conn
        .prepare_cached("SELECT body, summary FROM slip WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let replies = replies_of(conn, id)?;
    conn.prepare_cached("DELETE FROM slip_text WHERE rowid = ?1")?
        .execute([id])?;
    add(conn, id, &body, summary.as_deref(), &replies)
}

fn replies_of(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT text FROM reply WHERE slip_id = ?1 ORDER BY section")?;
    let rows = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Add slip `id`'s entry (a new slip, or one just removed from the index).
pub(crate) fn add(
    conn: &Connection,
    id: i64,
    body: &str,
    summary: Option<&str>,
    replies: &[String],
) -> Result<()> {
    let own = document([body, summary.unwrap_or("")]);
    let replies = document(replies.iter().map(String::as_str));
    conn.prepare_cached("INSERT INTO slip_text (rowid, grams, replies) VALUES (?1, ?2, ?3)")?
        .execute(params![id, own, replies])?;
    Ok(())
}

/// Build the whole index again from the slips (after a migration that changes what it
/// holds), telling `progress` how many of how many are done every 10,000.
pub(crate) fn rebuild(conn: &Connection, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
    conn.execute("DELETE FROM slip_text", [])?;
    add_from(conn, 0, progress)
}

/// Add the entries of the slips numbered `first` and up, which the index does not hold
/// yet (those a bulk load has just written), telling `progress` how many of how many are
/// done every 10,000.
///
/// A load writes the index after its rows, not beside them: FTS5 writes its pending
/// terms out at every statement savepoint, so an index row between each slip's other
/// rows would make a segment per slip and merge them without end (7 s of 12 for 100,000
/// slips, measured).
pub(crate) fn add_from(
    conn: &Connection,
    first: i64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<u64> {
    let total: i64 = conn.query_row("SELECT count(*) FROM slip WHERE id >= ?1", [first], |r| {
        r.get(0)
    })?;
    let total = total as u64;
    let mut stmt = conn.prepare(
        "SELECT s.id, s.body, s.summary,
                (SELECT json_group_array(text) FROM
                   (SELECT text FROM reply r WHERE r.slip_id = s.id ORDER BY section))
           FROM slip s WHERE s.id >= ?1",
    )?;
    let mut rows = stmt.query([first])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let (id, body, summary, replies): (i64, String, Option<String>, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let replies: Vec<String> = serde_json::from_str(&replies).unwrap_or_default();
        add(conn, id, &body, summary.as_deref(), &replies)?;
        n += 1;
        if n % 10_000 == 0 {
            progress(n, total);
        }
    }
    progress(n, total);
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
    /// Its replies: how the office answered it.
    pub replies: Vec<crate::domain::Reply>,
}

/// How far either side of a slip (in slip numbers) similar slips are looked for: at a
/// ward's 70–400 slips a year that is every slip there is; in a city's million it is the
/// 200,000 nearest in time, which keeps the lookup under 15 ms (BENCHMARKS.md).
const SIMILAR_WINDOW: i64 = 100_000;

/// How much of a slip's key words ([`crate::search::weight`] summed) another slip must
/// share to be named similar: a kanji pair (「自転」), or three kanji-and-kana pairs. One
/// shared 「使え」 is grammar, not a subject.
const MIN_SHARED: u32 = 3;

/// A slip's key bigrams ([`crate::search::key_terms`]) as an FTS5 `OR` query.
fn or_query(doc: &str) -> Option<String> {
    let terms: Vec<String> = crate::search::key_terms(doc)
        .into_iter()
        .map(|g| format!("\"{g}\""))
        .collect();
    // The slip's own words only: a reply's stock phrases would make every answered
    // slip alike.
    (!terms.is_empty()).then(|| format!("grams : ({})", terms.join(" OR ")))
}

impl super::Store {
    /// Up to `limit` other slips most like slip `id` by their text (voided ones left out).
    pub fn similar(&self, id: i64, limit: usize) -> Result<Vec<Similar>> {
        let slip = self.slip(id)?;
        let doc = document([slip.body.as_str(), slip.summary.as_deref().unwrap_or("")]);
        self.alike(&doc, id, limit, MIN_SHARED, false)
    }

    /// Up to `limit` slips other than `id` most like the index document `doc`, looked
    /// for around slip number `id`, each sharing key words that weigh `min_shared` or
    /// more; with `triaged`, only slips that have sections.
    pub(super) fn alike(
        &self,
        doc: &str,
        id: i64,
        limit: usize,
        min_shared: u32,
        triaged: bool,
    ) -> Result<Vec<Similar>> {
        let Some(q) = or_query(doc) else {
            return Ok(vec![]);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.rowid, -m.score, s.received_on, s.body, coalesce(s.summary, ''),
                    (SELECT group_concat(ss.section, ',' ORDER BY c.sort, ss.section)
                       FROM slip_section ss LEFT JOIN section c ON c.code = ss.section
                      WHERE ss.slip_id = s.id)
             FROM (SELECT rowid, bm25(slip_text) AS score FROM slip_text
                    WHERE slip_text MATCH ?1 AND rowid BETWEEN ?2 - ?4 AND ?2 + ?4
                    ORDER BY score LIMIT ?3) m
             JOIN slip s ON s.id = m.rowid AND s.voided = 0 AND s.id != ?2
             WHERE ?5 = 0 OR EXISTS (SELECT 1 FROM slip_section x WHERE x.slip_id = s.id)
             ORDER BY m.score",
        )?;
        // A slip that shares only a word of grammar with this one is not like it.
        let key = crate::search::key_terms(doc);
        let shared = |body: &str, summary: &str| -> u32 {
            let theirs = document([body, summary]);
            let theirs: std::collections::HashSet<&str> = theirs.split(' ').collect();
            key.iter()
                .filter(|t| theirs.contains(*t))
                .map(|t| u32::from(crate::search::weight(t)))
                .sum()
        };
        let mut rows = vec![];
        let mut found = stmt.query(params![
            q,
            id,
            (limit + 1) as i64 * if triaged { 8 } else { 4 },
            SIMILAR_WINDOW,
            triaged
        ])?;
        while let Some(r) = found.next()? {
            let (body, summary): (String, String) = (r.get(3)?, r.get(4)?);
            if shared(&body, &summary) < min_shared {
                continue;
            }
            let date: String = r.get(2)?;
            let sections: Option<String> = r.get(5)?;
            rows.push(Similar {
                id: r.get(0)?,
                score: r.get(1)?,
                received_on: date.parse().unwrap_or_default(),
                excerpt: body.chars().take(40).collect::<String>().replace('\n', " "),
                sections: sections
                    .map(|s| s.split(',').map(String::from).collect())
                    .unwrap_or_default(),
                replies: vec![],
            });
            if rows.len() == limit {
                break;
            }
        }
        drop(found);
        for s in &mut rows {
            s.replies = super::query::load_replies(&self.conn, s.id)?;
        }
        Ok(rows)
    }
}
