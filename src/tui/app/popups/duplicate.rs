//! The duplicate prompt: which slip this one repeats.

use ratatui_textarea::TextArea;

use super::super::*;
use super::*;
use crate::i18n::Msg;
use crate::tui::keymap::Action;

/// The duplicate prompt.
#[derive(Debug)]
pub struct DuplicateForm {
    /// The duplicate slip and its version.
    pub target: (i64, Option<i64>),
    /// The original's number.
    pub input: TextArea<'static>,
    /// Error line.
    pub error: Option<String>,
}

impl App {
    pub(crate) fn update_duplicate(&mut self, action: Action) -> Effect {
        let lang = self.lang;
        let Some(Popup::Duplicate(d)) = &mut self.popup else {
            return Effect::None;
        };
        match action {
            Action::Save => {
                let text = crate::text::nfkc(value(&d.input).trim());
                match text.trim_start_matches('#').parse::<i64>() {
                    Ok(of) => {
                        return Effect::Duplicate {
                            target: d.target,
                            of,
                        };
                    }
                    Err(_) => d.error = Some(Msg::ErrNotNumber.text(lang).into()),
                }
            }
            Action::Back => self.popup = None,
            _ => {}
        }
        Effect::None
    }
}
