//! Files in and out: import (CSV, xlsx), export, and the demo data set (`data/demo.csv`).

pub mod bounded;
mod columns;
pub mod export;
pub mod import;
pub mod mail;
pub mod sheets;
pub mod table;
pub mod write;

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::domain::Status;
use crate::domain::date::parse_date;
use crate::error::{Error, Result};
use crate::i18n::{Msg, tr};
use crate::store::{NewSlip, Store};

pub use crate::files::read_bounded;

/// One row of a slip table file (the demo CSV's columns).
#[derive(Clone, Debug, serde::Deserialize)]
struct Row {
    #[serde(rename = "受付日")]
    received_on: String,
    #[serde(rename = "階")]
    floor: String,
    #[serde(rename = "種別")]
    kind: String,
    #[serde(rename = "担当課")]
    sections: String,
    #[serde(rename = "状況")]
    status: String,
    #[serde(rename = "回答日")]
    replied_on: String,
    #[serde(rename = "内容")]
    body: String,
    #[serde(rename = "回答")]
    reply: String,
}

fn at(date: NaiveDate, hour: u32) -> Option<chrono::NaiveDateTime> {
    Some(date.and_time(NaiveTime::from_hms_opt(hour, 0, 0)?))
}

/// Load the built-in demo slips into `store`, replaying their history with the dates
/// in the file (received, assigned the same day, replied, published). Returns the count.
pub fn load_demo(store: &mut Store) -> Result<usize> {
    load_table(store, crate::config::embedded::DEMO, "demo.csv")
}

fn load_table(store: &mut Store, text: &str, file: &str) -> Result<usize> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = vec![];
    for (i, rec) in reader.deserialize::<Row>().enumerate() {
        let row = rec.map_err(|e| Error::Input {
            file: file.into(),
            line: e.position().map_or(i as u64 + 2, |p| p.line()),
            column: 1,
            field: String::new(),
            reason: e.to_string(),
        })?;
        rows.push(row);
    }
    let actor = store.actor().to_string();
    store.set_actor("demo");
    let bad_date = |field: Msg, input: &str| Error::BadDate {
        field: tr(field).into(),
        input: input.into(),
    };
    let clock = *store.clock();
    let today = clock.today();
    for row in &rows {
        let received = parse_date(&row.received_on, today)
            .ok_or_else(|| bad_date(Msg::ColReceived, &row.received_on))?;
        store.set_now(at(received, 9));
        let id = store.add_slip(&NewSlip {
            received_on: received,
            floor: row.floor.clone(),
            kind: row.kind.clone(),
            body: row.body.clone(),
            summary: None,
        })?;
        let status =
            Status::parse(&row.status).ok_or_else(|| Error::UnknownStatus(row.status.clone()))?;
        let sections = crate::sheet::split_sections(&row.sections);
        if !sections.is_empty() && status != Status::New {
            store.set_now(at(received, 11));
            let due = store.default_due(received)?;
            store.assign(id, &sections, due, None)?;
        }
        if !row.reply.trim().is_empty() && matches!(status, Status::Answered | Status::Published) {
            let on = parse_date(&row.replied_on, today)
                .ok_or_else(|| bad_date(Msg::ColRepliedOn, &row.replied_on))?;
            store.set_now(at(on, 15));
            for s in &sections {
                store.reply(id, s, &row.reply, on, None)?;
            }
            if status == Status::Published {
                store.set_now(at(on + Duration::days(3), 10));
                store.set_status(id, Status::Published, None, None)?;
            }
        }
        if status == Status::NoReply {
            store.set_now(at(received, 11));
            store.set_status(id, Status::NoReply, None, None)?;
        }
    }
    store.set_clock(clock);
    store.set_actor(&actor);
    Ok(rows.len())
}
