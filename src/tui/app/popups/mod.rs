//! Popups drawn over a screen, one module each. Every popup is a [`Form`]: the app asks
//! it for its key table, its focused input and what an action does, and hands it errors
//! and a slip's new version, without knowing which popup it is. Adding a popup is its
//! module, one variant in [`Popup`] (and its two lines in [`Popup::form`] /
//! [`Popup::form_mut`]), its key table in `keymap.rs`, its view, and the key that opens it.

mod collect;
mod duplicate;
mod filter;
mod help;
mod private;
mod remind;
mod reply;
mod review;
mod status;
mod triage;

pub use collect::*;
pub use duplicate::*;
pub use filter::*;
pub use help::*;
pub use private::*;
pub use remind::*;
pub use reply::*;
pub use review::*;
pub use status::*;
pub use triage::*;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::{Effect, Extra};
use crate::domain::Catalog;
use crate::i18n::Lang;
use crate::tui::keymap::{self, Action, Mode};

/// What a popup may read of the app while it handles an action.
#[derive(Clone, Copy, Debug)]
pub struct Ctx<'a> {
    /// UI language.
    pub lang: Lang,
    /// Today.
    pub today: NaiveDate,
    /// Sections, floors and kinds.
    pub catalog: &'a Catalog,
    /// Liaison mode: the section.
    pub liaison: Option<&'a str>,
}

/// What handling an action in a popup asks of the app.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// Nothing more (the popup changed itself, or nothing happened).
    Stay,
    /// Close the popup.
    Close,
    /// Perform this effect (the popup stays open until it succeeds).
    Run(Effect),
    /// Apply these filters to the inbox and close (the filter popup).
    SetFilter(Extra),
}

/// A popup: its keys, its inputs, what its actions do, and how it takes the app's news.
pub trait Form {
    /// The key table that applies while it is open.
    fn mode(&self) -> Mode;
    /// The text input that receives typed keys, if any.
    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        None
    }
    /// Whether the focused input takes several lines (Enter is a new line).
    fn multiline(&self) -> bool {
        false
    }
    /// Handle a bound key's action.
    fn update(&mut self, action: Action, cx: &Ctx<'_>) -> Step;
    /// Show an error that came back from performing its effect; one it does not show
    /// comes back, for the status line.
    fn set_error(&mut self, msg: String) -> Option<String> {
        Some(msg)
    }
    /// The slip `id` was read again at `version`: an open form follows it, so after a
    /// conflict the screen shows the other person's change and saving again is deliberate.
    fn follow(&mut self, _id: i64, _version: i64) {}
    /// The one slip it works on and the version it was opened on, if it has one.
    fn target(&self) -> Option<(i64, Option<i64>)> {
        None
    }
    /// Text was typed or pasted into its input.
    fn typed(&mut self) {}
    /// A key the form takes itself before its input would (a number picking from a list
    /// on show): whether it was taken.
    fn take_key(&mut self, _ev: &KeyEvent) -> bool {
        false
    }
    /// Whether closing it now would lose typed text.
    fn unsaved(&self) -> bool {
        false
    }
    /// Its effect succeeded: whether it stays open for more (and readies itself).
    fn saved(&mut self) -> bool {
        false
    }
}

/// Popups drawn over a screen. Only one exists at a time, so the size of the
/// largest variant costs nothing worth boxing for.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Popup {
    /// Key help.
    Help(HelpPopup),
    /// Triage.
    Triage(TriageForm),
    /// Status change.
    Status(StatusForm),
    /// Reply.
    Reply(ReplyForm),
    /// Filter.
    Filter(FilterForm),
    /// Duplicate.
    Duplicate(DuplicateForm),
    /// Private text.
    Private(PrivateForm),
    /// Review of liaisons' replies.
    Review(ReviewForm),
    /// Reminders prepared, before sending.
    Remind(RemindForm),
    /// Reply sheets collected, before recording.
    Collect(CollectForm),
}

impl Popup {
    /// The popup as a [`Form`].
    pub fn form(&self) -> &dyn Form {
        match self {
            Popup::Help(p) => p,
            Popup::Triage(p) => p,
            Popup::Status(p) => p,
            Popup::Reply(p) => p,
            Popup::Filter(p) => p,
            Popup::Duplicate(p) => p,
            Popup::Private(p) => p,
            Popup::Review(p) => p,
            Popup::Remind(p) => p,
            Popup::Collect(p) => p,
        }
    }

    /// The popup as a mutable [`Form`].
    pub fn form_mut(&mut self) -> &mut dyn Form {
        match self {
            Popup::Help(p) => p,
            Popup::Triage(p) => p,
            Popup::Status(p) => p,
            Popup::Reply(p) => p,
            Popup::Filter(p) => p,
            Popup::Duplicate(p) => p,
            Popup::Private(p) => p,
            Popup::Review(p) => p,
            Popup::Remind(p) => p,
            Popup::Collect(p) => p,
        }
    }
}

/// A key pressed in `form`: its table's action, else typed into its input (Enter only
/// where the input takes several lines; Ctrl and Alt chords never type). What the app
/// does for every popup, and what a test can do for one of its own.
pub fn form_key(form: &mut dyn Form, ev: KeyEvent, cx: &Ctx<'_>) -> Step {
    if let Some(action) = keymap::lookup(form.mode(), &ev) {
        return form.update(action, cx);
    }
    type_into(form, ev);
    Step::Stay
}

/// Whether `ev` would break a line: a one-line input takes none (Enter, Ctrl-M, Ctrl-J).
pub fn breaks_line(ev: &KeyEvent) -> bool {
    ev.code == KeyCode::Enter
        || (ev.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(ev.code, KeyCode::Char('m') | KeyCode::Char('j')))
}

/// Type a key into the form's focused input.
pub fn type_into(form: &mut dyn Form, ev: KeyEvent) {
    if form.take_key(&ev) {
        return;
    }
    if !form.multiline() && breaks_line(&ev) {
        return;
    }
    let multiline = form.multiline();
    if let Some(ta) = form.input() {
        type_key_into(ta, ev, multiline);
        form.typed();
    }
}

/// One key into a text input. In a one-line input `Ctrl-U` clears the line, as in a
/// shell (readline); in a multi-line one it is the text area's undo.
pub fn type_key_into(ta: &mut ratatui_textarea::TextArea<'static>, ev: KeyEvent, multiline: bool) {
    if !multiline && ev.code == KeyCode::Char('u') && ev.modifiers == KeyModifiers::CONTROL {
        ta.move_cursor(ratatui_textarea::CursorMove::End);
        ta.delete_line_by_head();
        return;
    }
    ta.input(ev);
}
