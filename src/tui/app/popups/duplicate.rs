//! The duplicate prompt: which slip this one repeats.

use super::{Ctx, Form, Step};
use crate::tui::keymap::Mode;
use ratatui_textarea::TextArea;

use super::super::*;
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

impl App {}

impl Form for DuplicateForm {
    fn mode(&self) -> Mode {
        Mode::Duplicate
    }

    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        Some(&mut self.input)
    }

    fn update(&mut self, action: Action, cx: &Ctx<'_>) -> Step {
        let lang = cx.lang;
        let d = self;
        match action {
            Action::Save => {
                let text = crate::text::nfkc(value(&d.input).trim());
                match text.trim_start_matches('#').parse::<i64>() {
                    Ok(of) => {
                        return Step::Run(Effect::Duplicate {
                            target: d.target,
                            of,
                        });
                    }
                    Err(_) => d.error = Some(Msg::ErrNotNumber.text(lang).into()),
                }
            }
            Action::Back => return Step::Close,
            _ => {}
        }
        Step::Stay
    }

    fn set_error(&mut self, msg: String) -> Option<String> {
        self.error = Some(msg);
        None
    }

    fn target(&self) -> Option<(i64, Option<i64>)> {
        Some(self.target)
    }

    fn follow(&mut self, id: i64, version: i64) {
        if self.target.0 == id {
            self.target.1 = Some(version);
        }
    }
}
