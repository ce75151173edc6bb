//! The title slide's big letters: each character an 8×8 glyph of the
//! public-domain font8x8, drawn four cells wide and four high in quadrant
//! blocks (two by two pixels a cell), as tui-big-text draws them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

/// A cell's four pixels (top left, top right, bottom left, bottom right as
/// bits 0–3) as one character.
const QUADRANTS: [char; 16] = [
    ' ', '▘', '▝', '▀', '▖', '▌', '▞', '▛', '▗', '▚', '▐', '▜', '▄', '▙', '▟', '█',
];

/// How many cells wide and high one letter is.
pub const CELL: u16 = 4;

/// Draws `lines` (already made drawable: ASCII, [`super::deck::big_text`])
/// one below the other from the top of `area`, centred or from the left.
pub fn draw(buf: &mut Buffer, area: Rect, lines: &[String], style: Style, center: bool) {
    for (n, line) in lines.iter().enumerate() {
        let y = area.y + CELL * n as u16;
        if y >= area.bottom() {
            break;
        }
        let letters: Vec<&str> = line.graphemes(true).collect();
        let width = (letters.len() as u16).saturating_mul(CELL);
        let offset = if center {
            (area.width / 2).saturating_sub(width / 2)
        } else {
            0
        };
        for (i, g) in letters.iter().enumerate() {
            let x = area.x + offset + CELL * i as u16;
            if x >= area.right() {
                break;
            }
            let cell = Rect::new(
                x,
                y,
                CELL.min(area.right() - x),
                CELL.min(area.bottom() - y),
            );
            buf.set_style(cell, style);
            let Some(glyph) = g
                .chars()
                .next()
                .filter(char::is_ascii)
                .map(|c| font8x8::legacy::BASIC_LEGACY[c as usize])
            else {
                continue;
            };
            for row in 0..cell.height {
                for col in 0..cell.width {
                    let (r, c) = (2 * row as usize, 2 * col as u32);
                    let bit = |r: usize, c: u32| (glyph[r] >> c) & 1;
                    let q = bit(r, c)
                        | bit(r, c + 1) << 1
                        | bit(r + 1, c) << 2
                        | bit(r + 1, c + 1) << 3;
                    buf[(x + col, y + row)].set_char(QUADRANTS[q as usize]);
                }
            }
        }
    }
}
