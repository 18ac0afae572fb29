//! The key table: every binding of every mode in one place. The status bar and the
//! help overlay are generated from it, so they cannot drift from what keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::{Lang, Msg};

/// What the user asked for, independent of the key that asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Move the cursor up one row.
    Up,
    /// Move down one row.
    Down,
    /// Up one page.
    PageUp,
    /// Down one page.
    PageDown,
    /// To the first row.
    Top,
    /// To the last row.
    Bottom,
    /// Open the selected slip / confirm.
    Open,
    /// Leave the current screen or popup.
    Back,
    /// Quit meyasu.
    Quit,
    /// Next inbox tab.
    NextTab,
    /// Previous inbox tab.
    PrevTab,
    /// Jump to tab N (0-based).
    Tab(u8),
    /// Enter a new slip.
    NewSlip,
    /// Edit the slip.
    Edit,
    /// Search the text.
    Search,
    /// Step the reply's outcome (対応区分).
    Outcome,
    /// Open the review of the slip's replies.
    Review,
    /// Prepare the reminders (督促) to mail.
    Remind,
    /// Include the reminders held back as recent (a second press confirms).
    Again,
    /// Read the filled reply sheets in the team's folder.
    Collect,
    /// Attach the reply sheets to the mails, or not.
    ToggleSheets,
    /// Mail the report on screen.
    MailReport,
    /// Insert the template or past reply chosen.
    InsertAid,
    /// Choose the next template or past reply.
    NextAid,
    /// Keep the draft as a template.
    SaveTemplate,
    /// Remove the template chosen (a second press confirms).
    RemoveTemplate,
    /// Approve the reply chosen.
    Approve,
    /// Send the reply chosen back.
    ReturnReply,
    /// Open the filter popup.
    Filter,
    /// Clear filters and search.
    ClearFilter,
    /// Mark/unmark the row for a bulk action.
    Mark,
    /// Triage: tag sections and set the due date.
    Assign,
    /// Write a section's reply.
    Reply,
    /// Change the status.
    Status,
    /// Mark as duplicate of another slip.
    Duplicate,
    /// Show the key help.
    Help,
    /// Save the form.
    Save,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Toggle the item under the cursor (pick lists).
    Toggle,
    /// Next value (filter rows).
    Right,
    /// Previous value (filter rows).
    Left,
    /// Clear the value (filter rows).
    Clear,
    /// Reload from the database.
    Refresh,
    /// Open the monthly summary.
    Summary,
    /// Step the summary by month, quarter or half.
    Period,
    /// The summary as a trend of five fiscal years, or back to months.
    Trend,
    /// Keep off / put back on the public list.
    Publication,
    /// Mark text as private.
    Private,
}

/// Which keys apply: one mode per screen or popup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The slip table.
    Inbox,
    /// Typing a search.
    Search,
    /// One slip.
    Detail,
    /// The entry form.
    Entry,
    /// The section pick list.
    Triage,
    /// Status change.
    Status,
    /// Reply form.
    Reply,
    /// Filter popup.
    Filter,
    /// Duplicate-of prompt.
    Duplicate,
    /// Monthly summary.
    Summary,
    /// Private-text prompt.
    Private,
    /// Help overlay.
    Help,
    /// Review of replies.
    Review,
    /// The reason for sending a reply back.
    ReviewReason,
    /// Reminders prepared.
    Remind,
    /// Reply sheets collected.
    Collect,
}

impl Mode {
    /// Every mode (the key-table tests walk them all).
    pub const ALL: [Mode; 16] = [
        Mode::Inbox,
        Mode::Search,
        Mode::Detail,
        Mode::Entry,
        Mode::Triage,
        Mode::Status,
        Mode::Reply,
        Mode::Filter,
        Mode::Duplicate,
        Mode::Summary,
        Mode::Private,
        Mode::Help,
        Mode::Review,
        Mode::ReviewReason,
        Mode::Remind,
        Mode::Collect,
    ];

    /// Whether typed characters are text here (no plain character may be a key).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Search
                | Mode::Entry
                | Mode::Triage
                | Mode::Status
                | Mode::Reply
                | Mode::Duplicate
                | Mode::Private
                | Mode::ReviewReason
        )
    }
}

/// A key with modifiers, as written in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl/Alt/Shift.
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn code(c: KeyCode) -> Key {
    Key {
        code: c,
        mods: KeyModifiers::NONE,
    }
}
impl Key {
    /// How the key is written in help: `Ctrl-S`, `Enter`, `j`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "BS".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".into(),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }

    fn matches(&self, ev: &KeyEvent) -> bool {
        let mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (self.code, ev.code) {
            // Letters: Shift is part of the character; compare case-insensitively with Ctrl.
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                let want = self.mods & (KeyModifiers::CONTROL | KeyModifiers::ALT);
                if want.is_empty() {
                    a == b && mods.is_empty()
                } else {
                    a.eq_ignore_ascii_case(&b) && mods == want
                }
            }
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (KeyCode::Tab, KeyCode::Tab) => !ev.modifiers.contains(KeyModifiers::SHIFT),
            (a, b) => a == b && mods == (self.mods & (KeyModifiers::CONTROL | KeyModifiers::ALT)),
        }
    }
}

/// One row of the key table.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// Where it applies.
    pub mode: Mode,
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// Its description.
    pub help: Msg,
    /// Whether the status bar shows it.
    pub bar: bool,
}

const fn b(mode: Mode, keys: &'static [Key], action: Action, help: Msg, bar: bool) -> Binding {
    Binding {
        mode,
        keys,
        action,
        help,
        bar,
    }
}

use Action as A;
use Mode as M;

/// The key table.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Inbox
    b(M::Inbox, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyDown, false),
    b(M::Inbox, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyUp, false),
    b(M::Inbox, &[code(KeyCode::PageDown), ctrl('f')], A::PageDown, Msg::KeyPageDown, false),
    b(M::Inbox, &[code(KeyCode::PageUp), ctrl('b')], A::PageUp, Msg::KeyPageUp, false),
    b(M::Inbox, &[k('g'), code(KeyCode::Home)], A::Top, Msg::KeyTop, false),
    b(M::Inbox, &[k('G'), code(KeyCode::End)], A::Bottom, Msg::KeyBottom, false),
    b(M::Inbox, &[code(KeyCode::Enter)], A::Open, Msg::KeyOpen, true),
    b(M::Inbox, &[code(KeyCode::Tab), k('l')], A::NextTab, Msg::KeyNextTab, true),
    b(M::Inbox, &[code(KeyCode::BackTab), k('h')], A::PrevTab, Msg::KeyPrevTab, false),
    b(M::Inbox, &[k('1')], A::Tab(0), Msg::KeyTab1, false),
    b(M::Inbox, &[k('2')], A::Tab(1), Msg::KeyTab2, false),
    b(M::Inbox, &[k('3')], A::Tab(2), Msg::KeyTab3, false),
    b(M::Inbox, &[k('4')], A::Tab(3), Msg::KeyTab4, false),
    b(M::Inbox, &[k('5')], A::Tab(4), Msg::KeyTab5, false),
    b(M::Inbox, &[k('6')], A::Tab(5), Msg::KeyTab6, false),
    b(M::Inbox, &[k('7')], A::Tab(6), Msg::KeyTab7, false),
    b(M::Inbox, &[k('n')], A::NewSlip, Msg::KeyNew, true),
    b(M::Inbox, &[k('/')], A::Search, Msg::KeySearch, true),
    b(M::Inbox, &[k('f')], A::Filter, Msg::KeyFilter, true),
    b(M::Inbox, &[k('c')], A::ClearFilter, Msg::KeyClearFilter, false),
    b(M::Inbox, &[k('a')], A::Assign, Msg::KeyAssign, true),
    b(M::Inbox, &[k('r')], A::Reply, Msg::KeyReply, true),
    b(M::Inbox, &[k('s')], A::Status, Msg::KeyStatus, false),
    b(M::Inbox, &[ctrl('r'), code(KeyCode::F(5))], A::Refresh, Msg::KeyRefresh, false),
    b(M::Inbox, &[k('t')], A::Summary, Msg::KeySummary, true),
    b(M::Inbox, &[k('M')], A::Remind, Msg::KeyRemind, false),
    b(M::Inbox, &[k('v')], A::Review, Msg::KeyReview, false),
    b(M::Inbox, &[k('I')], A::Collect, Msg::KeyCollect, false),
    b(M::Collect, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyScrollDown, false),
    b(M::Collect, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyScrollUp, false),
    b(M::Collect, &[code(KeyCode::Enter)], A::Save, Msg::KeyRecord, true),
    b(M::Collect, &[code(KeyCode::Esc)], A::Back, Msg::KeyCancel, true),
    b(M::Remind, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyScrollDown, false),
    b(M::Remind, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyScrollUp, false),
    b(M::Remind, &[k('a')], A::Again, Msg::KeyRemindAgain, true),
    b(M::Remind, &[k('x')], A::ToggleSheets, Msg::KeyToggleSheets, true),
    b(M::Remind, &[code(KeyCode::Enter)], A::Save, Msg::KeySendMail, true),
    b(M::Remind, &[code(KeyCode::Esc)], A::Back, Msg::KeyCancel, true),
    b(M::Inbox, &[k(' ')], A::Mark, Msg::KeyMark, true),
    b(M::Inbox, &[k('?')], A::Help, Msg::KeyHelp, true),
    b(M::Inbox, &[k('q')], A::Quit, Msg::KeyQuit, true),
    // Search line
    b(M::Search, &[code(KeyCode::Enter)], A::Open, Msg::KeyApplySearch, true),
    b(M::Search, &[code(KeyCode::Esc)], A::Back, Msg::KeySearchBack, true),
    // Detail
    b(M::Detail, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyScrollDown, false),
    b(M::Detail, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyScrollUp, false),
    b(M::Detail, &[code(KeyCode::PageDown), ctrl('f'), k(' ')], A::PageDown, Msg::KeyPageDown, false),
    b(M::Detail, &[code(KeyCode::PageUp), ctrl('b')], A::PageUp, Msg::KeyPageUp, false),
    b(M::Detail, &[k('g'), code(KeyCode::Home)], A::Top, Msg::KeyTop, false),
    b(M::Detail, &[k('G'), code(KeyCode::End)], A::Bottom, Msg::KeyBottom, false),
    b(M::Detail, &[k('a')], A::Assign, Msg::KeyAssign, true),
    b(M::Detail, &[k('r')], A::Reply, Msg::KeyReply, true),
    b(M::Detail, &[k('s')], A::Status, Msg::KeyStatus, true),
    b(M::Detail, &[k('e')], A::Edit, Msg::KeyEdit, true),
    b(M::Detail, &[k('d')], A::Duplicate, Msg::KeyDuplicate, true),
    b(M::Detail, &[k('p')], A::Publication, Msg::KeyPublication, true),
    b(M::Detail, &[k('m')], A::Private, Msg::KeyPrivate, true),
    b(M::Detail, &[code(KeyCode::Esc), k('q'), code(KeyCode::Backspace)], A::Back, Msg::KeyBack, true),
    b(M::Detail, &[ctrl('r'), code(KeyCode::F(5))], A::Refresh, Msg::KeyRefresh, false),
    b(M::Detail, &[k('?')], A::Help, Msg::KeyHelp, true),
    // Entry form
    b(M::Entry, &[ctrl('s')], A::Save, Msg::KeySaveNext, true),
    b(M::Entry, &[code(KeyCode::Tab)], A::NextField, Msg::KeyNextField, true),
    b(M::Entry, &[code(KeyCode::BackTab)], A::PrevField, Msg::KeyPrevField, false),
    b(M::Entry, &[code(KeyCode::Esc)], A::Back, Msg::KeyBack, true),
    b(M::Entry, &[code(KeyCode::F(1))], A::Help, Msg::KeyHelp, true),
    b(M::Entry, &[ctrl('d')], A::Duplicate, Msg::KeyDuplicateLast, true),
    // Triage popup
    b(M::Triage, &[code(KeyCode::Down)], A::Down, Msg::KeyDown, false),
    b(M::Triage, &[code(KeyCode::Up)], A::Up, Msg::KeyUp, false),
    b(M::Triage, &[code(KeyCode::Enter)], A::Toggle, Msg::KeyToggle, true),
    b(M::Triage, &[code(KeyCode::Tab)], A::NextField, Msg::KeyNextField, true),
    b(M::Triage, &[code(KeyCode::BackTab)], A::PrevField, Msg::KeyPrevField, false),
    b(M::Triage, &[ctrl('s')], A::Save, Msg::KeySave, true),
    b(M::Triage, &[code(KeyCode::Esc)], A::Back, Msg::KeyCancel, true),
    // Status popup
    b(M::Status, &[code(KeyCode::Down)], A::Down, Msg::KeyDown, false),
    b(M::Status, &[code(KeyCode::Up)], A::Up, Msg::KeyUp, false),
    b(M::Status, &[code(KeyCode::Enter), ctrl('s')], A::Save, Msg::KeySave, true),
    b(M::Status, &[code(KeyCode::Esc)], A::Back, Msg::KeyCancel, true),
    // Reply popup
    b(M::Reply, &[code(KeyCode::Tab)], A::NextField, Msg::KeyNextSection, true),
    b(M::Reply, &[code(KeyCode::BackTab)], A::PrevField, Msg::KeyPrevSection, false),
    b(M::Reply, &[ctrl('o')], A::Outcome, Msg::KeyOutcome, true),
    b(M::Reply, &[ctrl('t')], A::InsertAid, Msg::KeyInsertAid, true),
    b(M::Reply, &[ctrl('n')], A::NextAid, Msg::KeyNextAid, false),
    b(M::Reply, &[ctrl('k')], A::SaveTemplate, Msg::KeySaveTemplate, false),
    b(M::Reply, &[ctrl('x')], A::RemoveTemplate, Msg::KeyRemoveTemplate, false),
    b(M::Reply, &[ctrl('s')], A::Save, Msg::KeySave, true),
    b(M::Reply, &[code(KeyCode::Esc)], A::Back, Msg::KeyCancel, true),
    // Filter popup
    b(M::Filter, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyDown, false),
    b(M::Filter, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyUp, false),
    b(M::Filter, &[k('l'), code(KeyCode::Right)], A::Right, Msg::KeyNextValue, true),
    b(M::Filter, &[k('h'), code(KeyCode::Left)], A::Left, Msg::KeyPrevValue, true),
    b(M::Filter, &[k('x'), code(KeyCode::Backspace), code(KeyCode::Delete)], A::Clear, Msg::KeyClearValue, true),
    b(M::Filter, &[code(KeyCode::Enter)], A::Save, Msg::KeyApply, true),
    b(M::Filter, &[code(KeyCode::Esc)], A::Back, Msg::KeyCancel, true),
    // Duplicate prompt
    b(M::Review, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyDown, false),
    b(M::Review, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyUp, false),
    b(M::Review, &[k('a'), code(KeyCode::Enter)], A::Approve, Msg::KeyApprove, true),
    b(M::Review, &[k('x')], A::ReturnReply, Msg::KeyReturnReply, true),
    b(M::Review, &[code(KeyCode::Esc)], A::Back, Msg::KeyBack, true),
    b(M::ReviewReason, &[code(KeyCode::Enter), ctrl('s')], A::Save, Msg::KeyReturnReply, true),
    b(M::ReviewReason, &[code(KeyCode::Esc)], A::Back, Msg::KeyCancel, true),
    b(M::Detail, &[k('v')], A::Review, Msg::KeyReview, true),
    b(M::Duplicate, &[code(KeyCode::Enter)], A::Save, Msg::KeySave, true),
    b(M::Duplicate, &[code(KeyCode::Esc)], A::Back, Msg::KeyCancel, true),
    // Private-text prompt
    b(M::Private, &[code(KeyCode::Enter)], A::Save, Msg::KeyAddPrivate, true),
    b(M::Private, &[ctrl('x')], A::Clear, Msg::KeyClearPrivate, true),
    b(M::Private, &[code(KeyCode::Esc)], A::Back, Msg::KeyClose, true),
    // Summary
    b(M::Summary, &[k('h'), code(KeyCode::Left)], A::Left, Msg::KeyPrevYear, true),
    b(M::Summary, &[k('l'), code(KeyCode::Right)], A::Right, Msg::KeyNextYear, true),
    b(M::Summary, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyMonth, true),
    b(M::Summary, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyMonth, false),
    b(M::Summary, &[code(KeyCode::Tab)], A::NextField, Msg::KeyDimension, true),
    b(M::Summary, &[code(KeyCode::BackTab)], A::PrevField, Msg::KeyDimension, false),
    b(M::Summary, &[k('u')], A::Toggle, Msg::KeyUnit, true),
    b(M::Summary, &[k('p')], A::Period, Msg::KeyPeriod, true),
    b(M::Summary, &[k('y')], A::Trend, Msg::KeyTrend, true),
    b(M::Summary, &[k('m')], A::MailReport, Msg::KeyMailReport, true),
    b(M::Summary, &[code(KeyCode::PageDown), k(' ')], A::PageDown, Msg::KeyScrollDown, false),
    b(M::Summary, &[code(KeyCode::PageUp)], A::PageUp, Msg::KeyScrollUp, false),
    b(M::Summary, &[ctrl('r'), code(KeyCode::F(5))], A::Refresh, Msg::KeyRefresh, false),
    b(M::Summary, &[code(KeyCode::Esc), k('q')], A::Back, Msg::KeyBack, true),
    b(M::Summary, &[k('?')], A::Help, Msg::KeyHelp, true),
    // Help
    b(M::Help, &[code(KeyCode::Esc), k('?'), k('q'), code(KeyCode::F(1))], A::Back, Msg::KeyClose, true),
    b(M::Help, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyScrollDown, false),
    b(M::Help, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyScrollUp, false),
];

/// The action bound to `ev` in `mode`, if any.
pub fn lookup(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

/// The bindings of `mode`, in table order.
pub fn bindings(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.mode == mode)
}

/// Keys of a binding joined for display: `j/↓`.
pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

/// The status bar hints for `mode`: `Enter 開く  n 新規 …`.
pub fn bar(mode: Mode, lang: Lang, hidden: &[Action]) -> Vec<(String, &'static str)> {
    bar_items(mode, hidden)
        .map(|b| (b.keys[0].label(), b.help.text(lang)))
        .collect()
}

fn bar_items(mode: Mode, hidden: &[Action]) -> impl Iterator<Item = &'static Binding> {
    bindings(mode).filter(move |b| b.bar && !hidden.contains(&b.action))
}

/// The status bar hints that fit in `width` cells, each taking its key and help plus
/// three cells. When not all fit, the way out and the help (`Esc`, `q`, `?`) stay and
/// the others go from the end.
pub fn bar_fit(
    mode: Mode,
    lang: Lang,
    hidden: &[Action],
    width: usize,
) -> Vec<(String, &'static str)> {
    let essential = |a: Action| matches!(a, Action::Help | Action::Quit | Action::Back);
    let cost = |b: &Binding| {
        crate::text::width(&b.keys[0].label()) + crate::text::width(b.help.text(lang)) + 3
    };
    let mut items: Vec<&Binding> = bar_items(mode, hidden).collect();
    while items.iter().map(|b| cost(b)).sum::<usize>() > width {
        match items.iter().rposition(|b| !essential(b.action)) {
            Some(i) => {
                items.remove(i);
            }
            None => {
                items.pop();
            }
        }
    }
    items
        .into_iter()
        .map(|b| (b.keys[0].label(), b.help.text(lang)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_resolve_per_mode() {
        let j = ev(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(lookup(Mode::Inbox, &j), Some(Action::Down));
        assert_eq!(
            lookup(Mode::Entry, &j),
            None,
            "typing j in the form is text"
        );
        let ctrl_s = ev(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Mode::Entry, &ctrl_s), Some(Action::Save));
        assert_eq!(lookup(Mode::Inbox, &ctrl_s), None);
        let big_g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Mode::Inbox, &big_g), Some(Action::Bottom));
        let backtab = ev(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(Mode::Inbox, &backtab), Some(Action::PrevTab));
    }

    #[test]
    fn every_mode_has_keys_and_a_way_out() {
        for mode in Mode::ALL {
            let actions: Vec<Action> = bindings(mode).map(|b| b.action).collect();
            assert!(
                actions.contains(&Action::Back) || actions.contains(&Action::Quit),
                "{mode:?} has no way out"
            );
            assert!(
                !bar(mode, Lang::Ja, &[]).is_empty(),
                "{mode:?} shows no keys"
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for a in BINDINGS {
            for b in BINDINGS {
                if std::ptr::eq(a, b) || a.mode != b.mode {
                    continue;
                }
                for ka in a.keys {
                    assert!(
                        !b.keys.contains(ka),
                        "{:?} {} is bound to {:?} and {:?}",
                        a.mode,
                        ka.label(),
                        a.action,
                        b.action
                    );
                }
            }
        }
    }

    #[test]
    fn text_modes_bind_no_plain_characters() {
        for b in BINDINGS {
            if b.mode.takes_text() {
                for key in b.keys {
                    let plain_char =
                        matches!(key.code, KeyCode::Char(_)) && key.mods == KeyModifiers::NONE;
                    assert!(
                        !plain_char,
                        "{:?} binds {} which is text",
                        b.mode,
                        key.label()
                    );
                }
            }
        }
    }
}
