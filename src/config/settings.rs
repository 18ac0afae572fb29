//! The office's settings: what each means, and the one check every value passes
//! through, whether it comes from the seed's `settings.toml`, `meyasu settings set`, or
//! the database (a value that fails is refused where it is given, and read as the
//! default where it is found).

use serde::Deserialize;

use crate::error::{Error, Result};

/// Office-wide settings from `settings.toml`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Settings {
    /// Ward office name (Japanese).
    pub ward: String,
    /// Ward office name (English).
    #[serde(default)]
    pub ward_en: String,
    /// Default reply period in days.
    pub reply_days: u32,
    /// Count the reply period in office days (skipping weekends, holidays and 年末年始).
    #[serde(default)]
    pub business_days: bool,
    /// A liaison's reply waits for the team's approval before it counts (on for new
    /// databases; a database from before keeps working as it did until it is turned on).
    #[serde(default)]
    pub review_replies: bool,
    /// The address requests and reminders are mailed from (empty: not set up).
    #[serde(default)]
    pub mail_from: String,
    /// How mail is sent: `sendmail`, `smtp://host[:port]` or `smtps://host[:port]`.
    #[serde(default)]
    pub mail_relay: String,
    /// A slip and section reminded less than this many office days ago are not
    /// reminded again without `--again` (0: no holding back).
    #[serde(default = "default_remind_days")]
    pub remind_days: u32,
    /// Seconds to wait for the relay (or sendmail) before giving up on a message.
    #[serde(default = "default_mail_timeout")]
    pub mail_timeout: u32,
    /// Who sections ask about a request: the team's name (「区政推進課 一言ポスト担当」).
    #[serde(default)]
    pub contact_name: String,
    /// The team's extension (内線).
    #[serde(default)]
    pub contact_ext: String,
    /// The team's mail address for questions (else `mail_from`).
    #[serde(default)]
    pub contact_mail: String,
}

fn default_remind_days() -> u32 {
    5
}

fn default_mail_timeout() -> u32 {
    20
}

/// Where mail goes: the host's sendmail, or an SMTP relay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relay {
    /// `sendmail` on this host.
    Sendmail,
    /// An SMTP relay: `smtp://host[:port]` (plain, port 25 by default) or
    /// `smtps://host[:port]` (TLS, port 465 by default).
    Smtp {
        /// Host name or address.
        host: String,
        /// Port.
        port: u16,
        /// TLS from the start.
        tls: bool,
    },
}

impl Relay {
    /// Read the `mail_relay` setting: `sendmail`, `smtp://host[:port]`, `smtps://host[:port]`.
    pub fn parse(s: &str) -> Option<Relay> {
        let s = s.trim();
        if s == "sendmail" {
            return Some(Relay::Sendmail);
        }
        let (tls, rest) = if let Some(r) = s.strip_prefix("smtps://") {
            (true, r)
        } else {
            (false, s.strip_prefix("smtp://")?)
        };
        let rest = rest.trim_end_matches('/');
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) => (h, p.parse().ok()?),
            None => (rest, if tls { 465 } else { 25 }),
        };
        (!host.is_empty() && !host.contains(['/', ' '])).then(|| Relay::Smtp {
            host: host.to_string(),
            port,
            tls,
        })
    }

    /// How the relay is named in messages.
    pub fn name(&self) -> String {
        match self {
            Relay::Sendmail => "sendmail".into(),
            Relay::Smtp { host, port, .. } => format!("{host}:{port}"),
        }
    }
}

/// The stored form of setting `key` given as `value`, or `None` when the value is not
/// one the setting takes (or no such setting may be set): `review_replies` or
/// `business_days` (true/false, on/off, はい/いいえ), `reply_days` (1–365),
/// `remind_days` (0–60), `mail_timeout` (1–300 s), `ward`/`ward_en`/`contact_name`/
/// `contact_ext` (a short name), `mail_from`/`report_to`/`contact_mail` (an address a
/// relay takes), `mail_relay`, `sheet_inbox` (a path). The one rule for every source.
pub fn check_setting(key: &str, value: &str) -> Option<String> {
    let v = crate::text::nfkc(value.trim()).to_lowercase();
    let number = |range: std::ops::RangeInclusive<u32>| {
        v.parse::<u32>()
            .ok()
            .filter(|n| range.contains(n))
            .map(|n| n.to_string())
    };
    let name = |empty_ok: bool| {
        let name = crate::text::normalize_body(value.trim());
        (name.chars().count() <= crate::domain::limits::NAME
            && !name.contains('\n')
            && crate::text::sanitize(&name, false) == name
            && (empty_ok || !name.is_empty()))
        .then_some(name)
    };
    match key {
        "review_replies" | "business_days" => match v.as_str() {
            "true" | "on" | "yes" | "はい" | "1" => Some("true".into()),
            "false" | "off" | "no" | "いいえ" | "0" => Some("false".into()),
            _ => None,
        },
        "reply_days" => number(1..=365),
        "remind_days" => number(0..=60),
        "mail_timeout" => number(1..=300),
        "sheet_inbox" => {
            let path = value.trim();
            (!path.is_empty()
                && crate::text::sanitize(path, false) == path
                && path.chars().count() <= 1000)
                .then(|| path.to_string())
        }
        "report_to" | "contact_mail" | "mail_from" => check_address(value.trim())
            .ok()
            .map(|()| value.trim().to_string()),
        "contact_name" | "contact_ext" => name(true),
        "mail_relay" => Relay::parse(value).map(|_| value.trim().to_string()),
        "ward" | "ward_en" => name(false),
        _ => None,
    }
}

/// Refuse what is not a mail address a relay takes (`kumin@example.city.jp`), the way the
/// sender uses it: a plain local part (no quotes, no spaces), a host name for a domain (no
/// `[127.0.0.1]` literal), ASCII only (a UTF-8 address needs SMTPUTF8, which relays of
/// offices rarely offer).
pub fn check_address(s: &str) -> Result<()> {
    let bad = || Error::BadAddress(s.to_string());
    s.parse::<lettre::Address>().map_err(|_| bad())?;
    let Some((local, domain)) = s.rsplit_once('@') else {
        return Err(bad());
    };
    let atom = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    let local_ok = !local.is_empty()
        && local.chars().all(atom)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let domain_ok = domain.contains('.') && domain.split('.').all(label_ok);
    if !s.is_ascii() {
        return Err(Error::UnicodeAddress(s.to_string()));
    }
    if local_ok && domain_ok {
        Ok(())
    } else {
        Err(bad())
    }
}

impl Settings {
    /// The due date a slip asked on `today` gets by default: `reply_days` later, counted
    /// in office days or calendar days as `business_days` says (a calendar due date on a
    /// weekend, holiday or 年末年始 moves to the next office day).
    pub fn default_due(&self, today: chrono::NaiveDate) -> chrono::NaiveDate {
        crate::domain::date::due_after(today, self.reply_days, self.business_days)
    }

    /// The due date triage proposes for a slip whose due date is `current`: that date
    /// while it is still ahead, else [`Settings::default_due`]. The one rule the CLI's
    /// `assign`, the TUI's triage and the store share.
    pub fn due_for(
        &self,
        current: Option<chrono::NaiveDate>,
        today: chrono::NaiveDate,
    ) -> chrono::NaiveDate {
        current
            .filter(|d| *d >= today)
            .unwrap_or_else(|| self.default_due(today))
    }

    /// Each setting the seed sets, as `settings set` would store it: the first refused
    /// is named with its value (a `reply_days = 4000000000` would overflow every due date).
    pub fn check(&self) -> std::result::Result<(), (String, String)> {
        let pairs = [
            ("ward", self.ward.clone()),
            ("reply_days", self.reply_days.to_string()),
            ("remind_days", self.remind_days.to_string()),
            ("mail_timeout", self.mail_timeout.to_string()),
        ];
        let optional = [
            ("ward_en", &self.ward_en),
            ("mail_from", &self.mail_from),
            ("mail_relay", &self.mail_relay),
            ("contact_name", &self.contact_name),
            ("contact_ext", &self.contact_ext),
            ("contact_mail", &self.contact_mail),
        ];
        let given = optional
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k, v.clone()));
        for (k, v) in pairs.into_iter().chain(given) {
            if check_setting(k, &v).is_none() {
                return Err((k.to_string(), v));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    /// The one due rule triage, `assign` and the import share: a due date still ahead is
    /// kept; else the reply period from today, moved off a weekend or holiday.
    #[test]
    fn the_due_date_proposed_keeps_one_ahead_else_counts_the_period() {
        let s = crate::config::Seed::embedded().settings;
        let today = day(3, 20);
        assert_eq!(s.due_for(Some(day(3, 29)), today), day(3, 29));
        assert_eq!(s.due_for(Some(day(3, 1)), today), s.default_due(today));
        assert_eq!(s.due_for(None, today), s.default_due(today));
        // 14 days after 2024-03-20 is 2024-04-03, a Wednesday.
        assert_eq!(s.default_due(today), day(4, 3));
    }

    #[test]
    fn one_check_for_every_setting() {
        assert_eq!(super::check_setting("reply_days", "4000000000"), None);
        assert_eq!(
            super::check_setting("reply_days", "３０"),
            Some("30".into())
        );
        assert_eq!(
            super::check_setting("sheet_inbox", "/srv/受信\u{1b}[2J"),
            None
        );
        assert_eq!(
            super::check_setting("review_replies", "はい"),
            Some("true".into())
        );
        assert_eq!(super::check_setting("no_such_key", "1"), None);
    }
}
