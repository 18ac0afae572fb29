//! Colours and styles, in one place.

use ratatui::style::{Color, Modifier, Style};

/// Title bar and table header.
pub fn header() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}
/// The active tab and focused labels.
pub fn accent() -> Style {
    Style::default()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}
/// The selected table row.
pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}
/// Overdue rows and error text.
pub fn alert() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}
/// Marked rows.
pub fn marked() -> Style {
    Style::default().fg(Color::Yellow)
}
/// Hints and secondary text.
pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}
/// Success messages.
pub fn ok() -> Style {
    Style::default().fg(Color::Green)
}
/// Keys in the status bar.
pub fn key() -> Style {
    Style::default()
        .fg(Color::Black)
        .bg(Color::Gray)
        .add_modifier(Modifier::BOLD)
}
/// The cursor cell of a focused text input.
pub fn cursor() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}
