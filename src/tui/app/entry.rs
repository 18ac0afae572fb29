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
    /// The slip saved last and the earlier ones like it, while they are on screen: until
    /// the next slip's text is begun. A key (Ctrl-D) never acts on a slip no longer shown.
    pub fn similar_on_screen(&self) -> Option<&(i64, Vec<crate::store::Similar>)> {
        let begun = self.body.lines().iter().any(|l| !l.is_empty());
        self.after_save.as_ref().filter(|_| !begun)
    }

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
    /// The entry form's actions: move between fields, help, mark the slip saved last as
    /// a duplicate, leave (asking first over unsaved text), save.
    pub(crate) fn update_entry(&mut self, action: Action) -> Effect {
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
            Action::Duplicate => self.duplicate_of_similar(),
            Action::Back => self.leave_entry(),
            Action::Save => self.save_entry(),
            _ => Effect::None,
        }
    }

    /// The slip saved last repeats an earlier one: the duplicate prompt, on it, with the
    /// most similar one's number filled in.
    fn duplicate_of_similar(&mut self) -> Effect {
        if let Some(form) = &self.entry
            && let Some((id, list)) = form.similar_on_screen()
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

    /// Esc: a new slip with text typed asks first; an edit goes back to the slip, a new
    /// slip to the inbox.
    fn leave_entry(&mut self) -> Effect {
        let lang = self.lang;
        let Some(form) = self.entry.as_mut() else {
            return Effect::None;
        };
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

    /// Ctrl-S: the form checked (the focus goes to the first bad field), then the slip
    /// added or the edit saved.
    fn save_entry(&mut self) -> Effect {
        let (today, lang) = (self.today, self.lang);
        let Some(form) = self.entry.as_mut() else {
            return Effect::None;
        };
        let date = form.check(today, lang);
        if let Some((f, _)) = form.errors.first() {
            form.focus = *f;
            return Effect::None;
        }
        let (Some(date), Some(fi), Some(ki)) = (date, form.floor, form.kind) else {
            return Effect::None;
        };
        let floor = self.catalog.floors[fi].code.clone();
        let kind = self.catalog.kinds[ki].code.clone();
        form.to_save(date, floor, kind)
    }
}

impl EntryForm {
    /// The checks before saving, each problem noted at its field: the date read and in
    /// range, a floor and a kind picked, some text. The date, if it could be read.
    fn check(&mut self, today: NaiveDate, lang: Lang) -> Option<NaiveDate> {
        self.errors.clear();
        let date_text = value(&self.date);
        let date = parse_date(&date_text, today);
        let future_ok = std::mem::take(&mut self.future_ok);
        if let Some(d) = date {
            self.check_received(d, today, future_ok, lang);
        }
        if date.is_none() {
            self.errors.push((
                Field::Date,
                fill(
                    Msg::ErrBadDate,
                    lang,
                    &[&Msg::ColReceived.text(lang), &date_text],
                ),
            ));
        }
        if self.floor.is_none() {
            self.errors
                .push((Field::Floor, Msg::ErrPickFloor.text(lang).into()));
        }
        if self.kind.is_none() {
            self.errors
                .push((Field::Kind, Msg::ErrPickKind.text(lang).into()));
        }
        if crate::text::is_blank(&value(&self.body)) {
            self.errors
                .push((Field::Body, Msg::ErrEmptyText.text(lang).into()));
        }
        date
    }

    /// A date after today is a likely typo: the first Ctrl-S says so, the second saves
    /// it (`future_ok`). One before 1989 is refused.
    fn check_received(&mut self, d: NaiveDate, today: NaiveDate, future_ok: bool, lang: Lang) {
        match crate::domain::date::check_received(d, today, future_ok) {
            Ok(()) => {}
            Err(crate::domain::date::DateProblem::Future) => {
                self.future_ok = true;
                self.errors
                    .push((Field::Date, fill(Msg::ErrFutureDateKey, lang, &[&d])));
            }
            Err(problem) => self.errors.push((
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

    /// What saving does: the slip being edited changed (at the version it was opened
    /// on), or a new slip added.
    fn to_save(&self, date: NaiveDate, floor: String, kind: String) -> Effect {
        let body = value(&self.body);
        let summary = value(&self.summary);
        match self.editing {
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
