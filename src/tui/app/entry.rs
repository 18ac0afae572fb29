//! The entry (and edit) form: date, floor and kind by one key, the text, a summary.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::*;
use crate::domain::date::parse_date;
use crate::i18n::{Msg, fill};
use crate::store::{NewSlip, SlipEdit};
use crate::tui::keymap::Action;

/// Fields of the entry form, in Tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// 受付日.
    Date,
    /// 階.
    Floor,
    /// 種別.
    Kind,
    /// 内容.
    Body,
    /// 要旨.
    Summary,
}

const FIELDS: [Field; 5] = [
    Field::Date,
    Field::Floor,
    Field::Kind,
    Field::Body,
    Field::Summary,
];

/// The entry (and edit) form.
#[derive(Debug)]
pub struct EntryForm {
    /// Date text.
    pub date: TextArea<'static>,
    /// Floor index.
    pub floor: Option<usize>,
    /// Kind index.
    pub kind: Option<usize>,
    /// The slip's text.
    pub body: TextArea<'static>,
    /// Optional summary.
    pub summary: TextArea<'static>,
    /// Focused field.
    pub focus: Field,
    /// Inline errors per field.
    pub errors: Vec<(Field, String)>,
    /// Editing an existing slip: id and version.
    pub editing: Option<(i64, i64)>,
    /// Esc pressed once with unsaved input.
    pub confirm_discard: bool,
    /// Slips saved since the form opened.
    pub saved: usize,
    /// The date field holds a value not yet typed over: the first character typed
    /// replaces it, as in a spreadsheet cell.
    pub date_fresh: bool,
    /// Ctrl-S was pressed once on a date after today: the next one saves it.
    pub future_ok: bool,
    /// The slip saved last and the earlier slips most like it (Ctrl-D marks it a
    /// duplicate of the first).
    pub after_save: Option<(i64, Vec<crate::store::Similar>)>,
}

impl EntryForm {
    pub(crate) fn new(today: NaiveDate) -> EntryForm {
        EntryForm {
            date: input(&today.to_string(), false),
            floor: None,
            kind: None,
            body: input("", true),
            summary: input("", false),
            focus: Field::Floor,
            errors: vec![],
            editing: None,
            confirm_discard: false,
            saved: 0,
            date_fresh: true,
            future_ok: false,
            after_save: None,
        }
    }

    /// Whether anything was typed that saving would keep.
    pub fn is_dirty(&self) -> bool {
        !value(&self.body).trim().is_empty() || !value(&self.summary).trim().is_empty()
    }

    /// The inline error of `field`, if any.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    pub(crate) fn editor(&mut self) -> Option<&mut TextArea<'static>> {
        match self.focus {
            Field::Date => Some(&mut self.date),
            Field::Body => Some(&mut self.body),
            Field::Summary => Some(&mut self.summary),
            Field::Floor | Field::Kind => None,
        }
    }

    pub(crate) fn step(&mut self, by: isize) {
        let i = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = FIELDS.len() as isize;
        self.focus = FIELDS[((i + by).rem_euclid(n)) as usize];
        if self.focus == Field::Date {
            self.date_fresh = true;
        }
    }
}

impl App {
    pub(crate) fn update_entry(&mut self, action: Action) -> Effect {
        let today = self.today;
        let lang = self.lang;
        let Some(form) = self.entry.as_mut() else {
            self.screen = Screen::Inbox;
            return Effect::None;
        };
        if action != Action::Back {
            form.confirm_discard = false;
        }
        match action {
            Action::NextField => {
                form.step(1);
                Effect::None
            }
            Action::PrevField => {
                form.step(-1);
                Effect::None
            }
            Action::Help => {
                self.popup = Some(Popup::Help(HelpPopup::default()));
                Effect::None
            }
            // The slip saved last repeats an earlier one: the duplicate prompt, on it,
            // with the most similar one's number filled in.
            Action::Duplicate => {
                if let Some((id, list)) = &form.after_save
                    && let Some(first) = list.first()
                {
                    self.popup = Some(Popup::Duplicate(DuplicateForm {
                        target: (*id, None),
                        input: input(&first.id.to_string(), false),
                        error: None,
                    }));
                }
                Effect::None
            }
            Action::Back => {
                if form.is_dirty() && !form.confirm_discard && form.editing.is_none() {
                    form.confirm_discard = true;
                    let msg = Msg::ConfirmDiscard.text(lang);
                    self.message(msg, true);
                    return Effect::None;
                }
                let back_to_detail = form.editing.is_some();
                self.entry = None;
                if back_to_detail {
                    self.screen = Screen::Detail;
                    Effect::None
                } else {
                    self.screen = Screen::Inbox;
                    self.load_list()
                }
            }
            Action::Save => {
                form.errors.clear();
                let date_text = value(&form.date);
                let date = parse_date(&date_text, today);
                // A date after today is a likely typo: the first Ctrl-S says so, the
                // second saves it. One before 1989 is refused.
                let future_ok = std::mem::take(&mut form.future_ok);
                if let Some(d) = date {
                    match crate::domain::date::check_received(d, today, future_ok) {
                        Ok(()) => {}
                        Err(crate::domain::date::DateProblem::Future) => {
                            form.future_ok = true;
                            form.errors
                                .push((Field::Date, fill(Msg::ErrFutureDateKey, lang, &[&d])));
                        }
                        Err(problem) => form.errors.push((
                            Field::Date,
                            crate::Error::DateOutOfRange {
                                field: Msg::ColReceived.text(lang).into(),
                                date: d,
                                today,
                                problem,
                            }
                            .message(lang),
                        )),
                    }
                }
                if date.is_none() {
                    form.errors.push((
                        Field::Date,
                        fill(
                            Msg::ErrBadDate,
                            lang,
                            &[&Msg::ColReceived.text(lang), &date_text],
                        ),
                    ));
                }
                if form.floor.is_none() {
                    form.errors
                        .push((Field::Floor, Msg::ErrPickFloor.text(lang).into()));
                }
                if form.kind.is_none() {
                    form.errors
                        .push((Field::Kind, Msg::ErrPickKind.text(lang).into()));
                }
                let body = value(&form.body);
                if crate::text::is_blank(&body) {
                    form.errors
                        .push((Field::Body, Msg::ErrEmptyText.text(lang).into()));
                }
                if let Some((f, _)) = form.errors.first() {
                    form.focus = *f;
                    return Effect::None;
                }
                let (Some(date), Some(fi), Some(ki)) = (date, form.floor, form.kind) else {
                    return Effect::None;
                };
                let floor = self.catalog.floors[fi].code.clone();
                let kind = self.catalog.kinds[ki].code.clone();
                let summary = value(&form.summary);
                match form.editing {
                    Some((id, version)) => Effect::Edit(
                        id,
                        SlipEdit {
                            received_on: Some(date),
                            floor: Some(floor),
                            kind: Some(kind),
                            body: Some(body),
                            summary: Some(summary),
                            due_on: None,
                        },
                        version,
                    ),
                    None => Effect::Add(NewSlip {
                        received_on: date,
                        floor,
                        kind,
                        body,
                        summary: (!summary.trim().is_empty()).then_some(summary),
                    }),
                }
            }
            _ => Effect::None,
        }
    }
}

impl App {
    /// Keys the entry form takes itself: one-key pick lists for floor and kind, and the
    /// first character typed over the pre-filled date replacing it. Returns whether the
    /// key was used up (else it goes to the focused input).
    pub(crate) fn entry_key(&mut self, ev: KeyEvent) -> bool {
        // One-key pick lists in the entry form.
        if self.popup.is_none() && self.screen == Screen::Entry {
            let floors = self.catalog.floors.len();
            let kinds = self.catalog.kinds.len();
            if let Some(form) = self.entry.as_mut() {
                form.confirm_discard = false;
                form.future_ok = false;
                if matches!(form.focus, Field::Floor | Field::Kind) {
                    let n = if form.focus == Field::Floor {
                        floors
                    } else {
                        kinds
                    };
                    let slot = if form.focus == Field::Floor {
                        &mut form.floor
                    } else {
                        &mut form.kind
                    };
                    match ev.code {
                        KeyCode::Char(c) if c.is_ascii_digit() => {
                            let d = c.to_digit(10).unwrap_or(0) as usize;
                            if (1..=n).contains(&d) {
                                *slot = Some(d - 1);
                                let field = form.focus;
                                form.errors.retain(|(f, _)| *f != field);
                                form.step(1);
                            }
                        }
                        KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => {
                            *slot = Some(slot.map_or(0, |i| (i + 1) % n));
                        }
                        KeyCode::Left | KeyCode::Up => {
                            *slot = Some(slot.map_or(n - 1, |i| (i + n - 1) % n));
                        }
                        KeyCode::Enter => form.step(1),
                        _ => {}
                    }
                    return true;
                }
            }
        }
        // The first character typed into the pre-filled date replaces it.
        if self.popup.is_none()
            && self.screen == Screen::Entry
            && let Some(form) = self.entry.as_mut()
            && form.focus == Field::Date
        {
            let printable = matches!(ev.code, KeyCode::Char(_))
                && !ev
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            if form.date_fresh && printable {
                form.date = input("", false);
            }
            form.date_fresh = false;
        }
        false
    }
}
