//! Turn a rendered buffer into an SVG picture of the terminal, for `screenshots/`.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const CELL_W: f32 = 9.0;
const CELL_H: f32 = 19.0;
const FG: &str = "#d8dee9";
const BG: &str = "#1e2430";

fn color(c: Color, default: &str) -> String {
    match c {
        Color::Reset => default.into(),
        Color::Black => "#2e3440".into(),
        Color::Red => "#ff6b6b".into(),
        Color::Green => "#8fd18f".into(),
        Color::Yellow => "#ebcb8b".into(),
        Color::Blue => "#81a1c1".into(),
        Color::Magenta => "#b48ead".into(),
        Color::Cyan => "#66d9e8".into(),
        Color::Gray => "#c0c5ce".into(),
        Color::DarkGray => "#7b8394".into(),
        Color::White => "#eceff4".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        _ => default.into(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An SVG of `buf`, cell by cell, with a cursor block at `cursor` if given.
pub fn to_svg(buf: &Buffer, cursor: Option<(u16, u16)>) -> String {
    let w = buf.area.width as f32 * CELL_W;
    let h = buf.area.height as f32 * CELL_H;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
    );
    let _ = writeln!(
        out,
        r#"<style>text{{font-family:"Noto Sans Mono CJK JP","Source Han Code JP","Osaka-Mono","MS Gothic","DejaVu Sans Mono",monospace;font-size:15px;white-space:pre}}</style>"#
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="{BG}"/>"#);
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let sym = cell.symbol();
            let cw = crate::text::width(sym).max(1) as u16;
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (color(cell.fg, FG), color(cell.bg, BG));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
                if cell.fg == Color::Reset {
                    bg = FG.into();
                }
                if cell.bg == Color::Reset {
                    fg = BG.into();
                }
            }
            let px = x as f32 * CELL_W;
            let py = y as f32 * CELL_H;
            if bg != BG {
                let _ = writeln!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="{}" height="{CELL_H}" fill="{bg}"/>"#,
                    CELL_W * cw as f32
                );
            }
            if !sym.trim().is_empty() {
                let mut weight = if cell.modifier.contains(Modifier::BOLD) {
                    r#" font-weight="bold""#
                } else {
                    ""
                }
                .to_string();
                if cell.modifier.contains(Modifier::UNDERLINED) {
                    weight.push_str(r#" text-decoration="underline""#);
                }
                let _ = writeln!(
                    out,
                    r#"<text x="{px}" y="{}" fill="{fg}"{weight} textLength="{}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
                    py + CELL_H * 0.76,
                    CELL_W * cw as f32,
                    escape(sym)
                );
            }
            x += cw;
        }
    }
    if let Some((cx, cy)) = cursor {
        let _ = writeln!(
            out,
            r##"<rect x="{}" y="{}" width="2" height="{CELL_H}" fill="#ffffff"/>"##,
            cx as f32 * CELL_W,
            cy as f32 * CELL_H
        );
    }
    out.push_str("</svg>\n");
    out
}
