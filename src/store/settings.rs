//! The office settings as the database holds them, each read and written through the
//! one check ([`crate::config::check_setting`]), and the default due date they give.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::Store;
use crate::config::Settings;
use crate::error::{Error, Result};

impl Store {
    /// A setting's value as stored, if it passes [`crate::config::check_setting`] (a value
    /// written by hand or by an older meyasu that no longer does reads as not set).
    fn checked_setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .setting(key)?
            .and_then(|v| crate::config::check_setting(key, &v)))
    }

    /// A setting's value.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The office settings as stored.
    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings {
            ward: self.checked_setting("ward")?.unwrap_or_default(),
            ward_en: self.checked_setting("ward_en")?.unwrap_or_default(),
            reply_days: self.reply_days()?,
            business_days: self.setting("business_days")?.as_deref() == Some("true"),
            review_replies: self.setting("review_replies")?.as_deref() == Some("true"),
            mail_from: self.checked_setting("mail_from")?.unwrap_or_default(),
            mail_relay: self.checked_setting("mail_relay")?.unwrap_or_default(),
            remind_days: self.number_setting("remind_days", 5)?,
            mail_timeout: self.number_setting("mail_timeout", 20)?,
            contact_name: self.setting("contact_name")?.unwrap_or_default(),
            contact_ext: self.setting("contact_ext")?.unwrap_or_default(),
            contact_mail: self.setting("contact_mail")?.unwrap_or_default(),
        })
    }

    /// A numeric setting, or `default` when it is not set (a database from before it).
    fn number_setting(&self, key: &str, default: u32) -> Result<u32> {
        Ok(self
            .checked_setting(key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    }

    /// Change one office setting, checked by [`crate::config::check_setting`] (the one
    /// rule for the seed and the database too). Anything else is refused, naming what can
    /// be set.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<String> {
        let stored = crate::config::check_setting(key, value).ok_or_else(|| Error::BadSetting {
            key: key.to_string(),
            value: value.to_string(),
        })?;
        let (at, actor) = (self.now(), self.actor().to_string());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let old: Option<String> = tx
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        tx.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?1, ?2)",
            rusqlite::params![key, stored],
        )?;
        // Every change is audited, in the same transaction: turning review off, a new
        // relay, a new contact.
        if old.as_deref() != Some(stored.as_str()) {
            Self::section_event(
                &tx,
                &actor,
                &at,
                "setting",
                key,
                old.as_deref(),
                Some(&stored),
            )?;
        }
        tx.commit()?;
        Ok(stored)
    }

    /// Default reply period in days.
    pub fn reply_days(&self) -> Result<u32> {
        Ok(self
            .checked_setting("reply_days")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(14))
    }

    /// The default due date for a slip assigned on `today`.
    pub fn default_due(&self, today: NaiveDate) -> Result<NaiveDate> {
        Ok(self.settings()?.default_due(today))
    }
}
