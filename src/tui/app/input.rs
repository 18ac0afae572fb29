//! Text inputs: one line or several, and their text.

use ratatui_textarea::TextArea;

use super::*;

/// A single-line or multi-line text input.
pub fn input(initial: &str, multiline: bool) -> TextArea<'static> {
    let lines: Vec<String> = if initial.is_empty() {
        vec![String::new()]
    } else {
        initial.lines().map(str::to_string).collect()
    };
    let mut ta = TextArea::new(lines);
    ta.set_cursor_line_style(ratatui::style::Style::default());
    ta.set_cursor_style(crate::tui::theme::cursor());
    if multiline {
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    ta.move_cursor(CursorMove::Bottom);
    ta.move_cursor(CursorMove::End);
    ta
}

/// The text of an input, lines joined with `\n`.
pub fn value(ta: &TextArea<'_>) -> String {
    ta.lines().join("\n")
}
