//! Generated databases for benchmarks: realistic slips over many fiscal years,
//! written in one transaction with prepared statements.

use chrono::{Duration, NaiveDate};
use rusqlite::params;

use super::Store;
use crate::error::Result;

/// A small deterministic generator (xorshift64*), so every run builds the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

impl Store {
    /// Add `n` generated slips received over the `years` fiscal years before `today`,
    /// with sections, replies, statuses and a creation event each, as a busy city would have.
    pub fn generate(&mut self, n: usize, years: u32, today: NaiveDate) -> Result<()> {
        let bodies: Vec<String> =
            csv::Reader::from_reader(crate::config::embedded::DEMO.as_bytes())
                .records()
                .filter_map(|r| r.ok().and_then(|r| r.get(6).map(str::to_string)))
                .collect();
        let floors: Vec<String> = self.catalog.floors.iter().map(|f| f.code.clone()).collect();
        let kinds: Vec<String> = self.catalog.kinds.iter().map(|k| k.code.clone()).collect();
        let sections: Vec<String> = self
            .catalog
            .sections
            .iter()
            .map(|s| s.label.code.clone())
            .collect();
        let days_span = i64::from(years.max(1)) * 365;
        let start = today - Duration::days(days_span);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let now = self.now();
        let tx = self.conn.transaction()?;
        {
            let mut slip = tx.prepare(
                "INSERT INTO slip (received_on, floor, kind, body, status, due_on, created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1)",
            )?;
            let mut tag = tx
                .prepare("INSERT OR IGNORE INTO slip_section (slip_id, section) VALUES (?1, ?2)")?;
            let mut reply = tx.prepare(
                "INSERT OR IGNORE INTO reply (slip_id, section, text, replied_on, by, created_at)
                 VALUES (?1, ?2, ?3, ?4, 'gen', ?5)",
            )?;
            let mut event = tx.prepare(
                "INSERT INTO event (slip_id, at, actor, action, new) VALUES (?1, ?2, 'gen', 'created', 'new')",
            )?;
            for i in 0..n {
                // Dates spread over the span, in order, with a little jitter.
                let base = (i as i64 * days_span) / n.max(1) as i64;
                let received = start + Duration::days(base);
                let age = (today - received).num_days();
                let n_sections = match rng.below(10) {
                    0 => 0,
                    1 | 2 => 2,
                    _ => 1,
                };
                let due = received + Duration::days(14);
                let status = if n_sections == 0 {
                    if age > 7 { "no_reply" } else { "new" }
                } else if age < 10 || rng.below(50) == 0 {
                    "assigned"
                } else if rng.below(3) == 0 {
                    "answered"
                } else {
                    "published"
                };
                let body = format!(
                    "{}（{}）",
                    bodies[rng.below(bodies.len() as u64) as usize],
                    i + 1
                );
                slip.execute(params![
                    received.to_string(),
                    floors[rng.below(floors.len() as u64) as usize],
                    kinds[rng.below(kinds.len() as u64) as usize],
                    body,
                    status,
                    (n_sections > 0).then(|| due.to_string()),
                    now
                ])?;
                let id = tx.last_insert_rowid();

                event.execute(params![id, now])?;
                let mut replies = vec![];
                for _ in 0..n_sections {
                    let sec = &sections[rng.below(sections.len() as u64) as usize];
                    tag.execute(params![id, sec])?;
                    if matches!(status, "answered" | "published") {
                        let on = received + Duration::days(3 + rng.below(20) as i64);
                        if reply.execute(params![id, sec, REPLY, on.to_string(), now])? == 1 {
                            replies.push(REPLY.to_string());
                        }
                    }
                }
                super::text_index::add(&tx, id, &body, None, &replies)?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// The reply the generator writes for a section.
const REPLY: &str = "対応しました。";
