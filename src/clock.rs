//! The one clock: the office's day (`MEYASU_TODAY`, else the system's date) with the
//! wall's time of day. Built once at start and handed to the store and the rules; every
//! stamp, file name, mail `Date`, hold-back and retention decision reads it. No other
//! module reads the system time (`clippy.toml` refuses `Local::now` and friends
//! elsewhere), so a back-dated day (entering last March's slips) dates everything alike.

use chrono::{NaiveDate, NaiveDateTime};

/// The variable that sets the office's day (`YYYY-MM-DD`).
pub const ENV_TODAY: &str = "MEYASU_TODAY";

/// Where the office's day and time come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    /// The office's day when it is set (`MEYASU_TODAY`); `None`: the system's date, read
    /// at each call (a TUI left open overnight moves on to the next day).
    day: Option<NaiveDate>,
    /// A fixed moment (demo data, tests); `None`: the wall's time of day.
    fixed: Option<NaiveDateTime>,
}

impl Default for Clock {
    fn default() -> Clock {
        Clock::system()
    }
}

impl Clock {
    /// The office's clock as the environment sets it: `MEYASU_TODAY` when it is a date,
    /// else the system's. (The binary refuses a `MEYASU_TODAY` it cannot read before it
    /// gets here: see [`Clock::bad_env`].)
    pub fn system() -> Clock {
        Clock {
            day: std::env::var(ENV_TODAY)
                .ok()
                .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()),
            fixed: None,
        }
    }

    /// The office's day `day`, with the wall's time of day.
    pub fn on(day: NaiveDate) -> Clock {
        Clock {
            day: Some(day),
            fixed: None,
        }
    }

    /// A clock stopped at `at` (demo data, tests).
    pub fn fixed(at: NaiveDateTime) -> Clock {
        Clock {
            day: Some(at.date()),
            fixed: Some(at),
        }
    }

    /// `MEYASU_TODAY` when it is set but is not a date (`YYYY-MM-DD`), or not text at
    /// all: the binary refuses to run on a day it cannot read rather than quietly using
    /// the real one.
    pub fn bad_env() -> Option<String> {
        let v = std::env::var_os(ENV_TODAY)?;
        match v.to_str() {
            None => Some(v.to_string_lossy().into_owned()),
            Some(s) => (!s.trim().is_empty()
                && NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").is_err())
            .then(|| s.to_string()),
        }
    }

    /// The office's day.
    pub fn today(&self) -> NaiveDate {
        match (self.fixed, self.day) {
            (Some(at), _) => at.date(),
            (None, Some(d)) => d,
            (None, None) => wall().date(),
        }
    }

    /// The office's day at the wall's time of day (or the fixed moment).
    pub fn now(&self) -> NaiveDateTime {
        match self.fixed {
            Some(at) => at,
            None => self.today().and_time(wall().time()),
        }
    }

    /// [`Clock::now`] as the audit log and `created_at` store it (`YYYY-MM-DD HH:MM:SS`).
    pub fn stamp(&self) -> String {
        self.now().format("%Y-%m-%d %H:%M:%S").to_string()
    }

    /// [`Clock::now`] for a file name (`20240320-093000`).
    pub fn file_stamp(&self) -> String {
        self.now().format("%Y%m%d-%H%M%S").to_string()
    }

    /// [`Clock::now`] as a point in time for a mail's `Date` header, in the machine's
    /// time zone.
    pub fn system_time(&self) -> std::time::SystemTime {
        use chrono::TimeZone;
        let now = self.now();
        let at = chrono::Local
            .from_local_datetime(&now)
            .earliest()
            .map(|t| t.timestamp())
            .unwrap_or_else(|| now.and_utc().timestamp());
        let secs = u64::try_from(at).unwrap_or(0);
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)
    }
}

/// The wall: the only read of the system time in the crate.
#[allow(clippy::disallowed_methods)]
fn wall() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_office_day_dates_the_stamp_and_the_wall_gives_the_time() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 20).unwrap();
        let c = Clock::on(d);
        assert_eq!(c.today(), d);
        assert_eq!(c.now().date(), d);
        assert!(c.stamp().starts_with("2024-03-20 "));
        assert!(c.file_stamp().starts_with("20240320-"));
    }

    #[test]
    fn a_fixed_clock_stands_still() {
        let at = NaiveDate::from_ymd_opt(2024, 2, 1)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let c = Clock::fixed(at);
        assert_eq!(c.now(), at);
        assert_eq!(c.stamp(), "2024-02-01 09:30:00");
        let t = c.system_time();
        assert!(t > std::time::UNIX_EPOCH);
    }
}
