//! TUI state and its one entry point for change, [`App::update`]. No I/O here: what
//! needs the database comes back as an [`Effect`] that the loop performs, and the
//! result is handed back through [`App::apply`].
//!
//! This file holds the shared state; beside it: `keys` (typed keys and pasted text to
//! actions and inputs), `offer` (modes and the actions on offer), `route` (an action to
//! the screen or popup that handles it), `outcome` (what the loop brings back), `live`
//! (another user's change, a new day), and one module per screen and popup.

mod detail;
mod effect;
mod entry;
mod inbox;
mod input;
mod keys;
mod live;
mod offer;
mod outcome;
mod popups;
mod route;
mod summary;

pub use effect::*;
pub use entry::*;
pub use inbox::*;
pub use input::*;
pub use popups::*;
pub use summary::*;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::keymap::{self, Action, Mode};
use crate::config::Settings;
use crate::domain::{Catalog, SlipDetail};
use crate::i18n::{Lang, Msg, fill};
use crate::store::{Filter, SlipRow};

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The slip table.
    Inbox,
    /// One slip.
    Detail,
    /// The entry form.
    Entry,
    /// Monthly tallies.
    Summary,
}

/// The whole TUI state.
#[derive(Debug)]
pub struct App {
    /// UI language.
    pub lang: Lang,
    /// Today (for overdue and default dates).
    pub today: NaiveDate,
    /// Sections, floors and kinds, copied from the store once.
    pub catalog: Catalog,
    /// The office settings (reply period, ward name).
    pub settings: Settings,
    /// Liaison mode: the only section shown.
    pub liaison: Option<String>,
    /// Current screen.
    pub screen: Screen,
    /// Popup over it.
    pub popup: Option<Popup>,
    /// Current tab.
    pub tab: Tab,
    /// Count per tab.
    pub counts: Vec<u64>,
    /// Extra filters.
    pub extra: Extra,
    /// Applied search text.
    pub search: String,
    /// The search line while typing.
    pub search_input: Option<TextArea<'static>>,
    /// The search as it is being typed (each key searches).
    pub live: LiveSearch,
    /// The slip table.
    pub list: ListView,
    /// Marked slips for bulk actions, as they were when marked.
    pub marked: BTreeMap<i64, SlipRow>,
    /// The open slip.
    pub detail: Option<SlipDetail>,
    /// The slips most like the open slip (the office's view only).
    pub similar: Option<(i64, Vec<crate::store::Similar>)>,
    /// Scroll of the detail view.
    pub detail_scroll: u16,
    /// How far the detail view can scroll, as the last frame measured it (the view
    /// sets it: only the view knows how the text wraps).
    pub detail_max_scroll: std::cell::Cell<u16>,
    /// The entry form.
    pub entry: Option<EntryForm>,
    /// A message for the status line: text and whether it is an error.
    pub flash: Option<(String, bool)>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Ctrl-C was pressed once with unsaved input; a second press quits.
    pub quit_armed: bool,
    /// The summary screen.
    pub summary: Option<SummaryState>,
}

/// Where the search being typed stands.
#[derive(Clone, Debug, Default)]
pub struct LiveSearch {
    /// The latest search asked for; results of older ones are dropped.
    pub generation: u64,
    /// The search before `/` was pressed, for Esc to go back to.
    pub before: String,
    /// The tab counts of the latest search have not come yet (the tabs show …).
    pub counting: bool,
}

/// The smallest screen the views draw in (columns, rows).
pub const MIN_SIZE: (u16, u16) = (40, 10);

/// Rows of the screen that are not table rows (tabs, filter line, header, status bar).
pub const INBOX_CHROME: u16 = 4;

impl App {
    /// A new app on the inbox.
    pub fn new(
        lang: Lang,
        today: NaiveDate,
        catalog: Catalog,
        settings: Settings,
        liaison: Option<String>,
    ) -> App {
        let tab = if liaison.is_some() {
            Tab::Assigned
        } else {
            Tab::New
        };
        App {
            lang,
            today,
            catalog,
            settings,
            liaison,
            screen: Screen::Inbox,
            popup: None,
            tab,
            counts: vec![],
            extra: Extra::default(),
            search: String::new(),
            search_input: None,
            live: LiveSearch::default(),
            list: ListView {
                height: 20,
                ..Default::default()
            },
            marked: BTreeMap::new(),
            detail: None,
            similar: None,
            detail_scroll: 0,
            detail_max_scroll: std::cell::Cell::new(u16::MAX),
            entry: None,
            flash: None,
            size: (80, 24),
            quit_armed: false,
            summary: None,
        }
    }

    /// The filter of the current tab.
    pub fn filter(&self) -> Filter {
        self.filter_for(self.tab)
    }

    /// What the popups may read of the app.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            lang: self.lang,
            today: self.today,
            catalog: &self.catalog,
            liaison: self.liaison.as_deref(),
        }
    }

    /// The slips an action is for: the open slip, else the marked ones, else the one
    /// under the cursor (with the version only where the slip is open).
    pub(super) fn targets(&self) -> Vec<(i64, Option<i64>)> {
        if self.screen == Screen::Detail {
            return self
                .detail
                .as_ref()
                .map(|d| vec![(d.slip.id, Some(d.slip.version))])
                .unwrap_or_default();
        }
        if !self.marked.is_empty() {
            return self.marked.keys().map(|id| (*id, None)).collect();
        }
        self.list
            .current()
            .map(|r| vec![(r.id, None)])
            .unwrap_or_default()
    }

    /// Show `text` in the status line (an error if `error`).
    pub(super) fn message(&mut self, text: impl Into<String>, error: bool) {
        self.flash = Some((text.into(), error));
    }
}
