//! The private-text prompt: text to mask when the slip is published.

use super::super::{Effect, input, value};
use super::{Ctx, Form, Step};
use crate::tui::keymap::Action;
use crate::tui::keymap::Mode;
use ratatui_textarea::TextArea;

/// The private-text prompt.
#[derive(Debug)]
pub struct PrivateForm {
    /// The slip and its version.
    pub target: (i64, Option<i64>),
    /// The text to add.
    pub input: TextArea<'static>,
    /// Error line.
    pub error: Option<String>,
}

impl Form for PrivateForm {
    fn mode(&self) -> Mode {
        Mode::Private
    }

    fn input(&mut self) -> Option<&mut TextArea<'static>> {
        Some(&mut self.input)
    }

    fn update(&mut self, action: Action, _cx: &Ctx<'_>) -> Step {
        match action {
            Action::Save => {
                let text = value(&self.input);
                if text.trim().is_empty() {
                    return Step::Stay;
                }
                self.error = None;
                Step::Run(Effect::MarkPrivate {
                    target: self.target,
                    text: Some(text),
                })
            }
            Action::Clear => Step::Run(Effect::MarkPrivate {
                target: self.target,
                text: None,
            }),
            _ => Step::Close,
        }
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

    fn unsaved(&self) -> bool {
        !value(&self.input).trim().is_empty()
    }

    /// The prompt stays open for the next mark.
    fn saved(&mut self) -> bool {
        self.input = input("", false);
        true
    }
}
