//! Colours and styles, in one place. With `NO_COLOR` set (and not empty), no colour is
//! used at all: emphasis comes from bold, dim, underline and reverse video alone.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

/// Whether colours may be used: not when `NO_COLOR` is set to anything but "".
pub fn colour() -> bool {
    static COLOUR: OnceLock<bool> = OnceLock::new();
    *COLOUR.get_or_init(|| std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
}

fn fg(colour_on: Color, or: Modifier) -> Style {
    if colour() {
        Style::default().fg(colour_on)
    } else {
        Style::default().add_modifier(or)
    }
}

/// Title bar and table header.
pub fn header() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}
/// The active tab and focused labels.
pub fn accent() -> Style {
    fg(Color::Cyan, Modifier::empty()).add_modifier(Modifier::BOLD)
}
/// The selected table row.
pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}
/// Overdue rows and error text.
pub fn alert() -> Style {
    fg(Color::Red, Modifier::UNDERLINED).add_modifier(Modifier::BOLD)
}
/// Marked rows.
pub fn marked() -> Style {
    fg(Color::Yellow, Modifier::ITALIC)
}
/// Hints and secondary text.
pub fn dim() -> Style {
    fg(Color::DarkGray, Modifier::DIM)
}
/// Success messages.
pub fn ok() -> Style {
    fg(Color::Green, Modifier::empty())
}
/// Keys in the status bar.
pub fn key() -> Style {
    if colour() {
        Style::default()
            .fg(Color::Black)
            .bg(Color::Gray)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
}
/// The bars of the summary chart.
pub fn bar() -> Style {
    fg(Color::Cyan, Modifier::empty())
}
/// Where a search's words occur in a text.
pub fn found() -> Style {
    fg(Color::Magenta, Modifier::empty()).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}
/// The cursor cell of a focused text input.
pub fn cursor() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}
