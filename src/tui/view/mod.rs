//! Drawing: `draw(frame, &State)` reads the state and never changes it. One file
//! per widget.

pub mod bookmarks;
pub mod compare;
pub mod entities;
pub mod help;
pub mod reader;
pub mod sources;
pub mod status;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType};

use super::app::State;
use super::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use super::wrap::truncate;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, state: &State) {
    let area = frame.area();
    let areas = Areas::new(area.width, area.height);
    if areas.too_small {
        too_small(frame, area, state);
        return;
    }
    if !compare::draw(frame, area, state) {
        sources::draw(frame, areas.sources, state);
        reader::draw(frame, &areas, state);
    }
    status::draw(frame, areas.status, state);
    if state.popup.is_some() {
        help::draw(frame, area, state);
        bookmarks::draw(frame, area, state);
        entities::draw(frame, area, state);
        compare::draw_picker(frame, area, state);
    }
}

/// One line saying the terminal is too small; the reader comes back when it grows.
fn too_small(frame: &mut Frame<'_>, area: Rect, state: &State) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!(
        "too small: {}×{}, need {MIN_WIDTH}×{MIN_HEIGHT}",
        area.width, area.height
    );
    let shown = truncate(&text, area.width as usize);
    frame
        .buffer_mut()
        .set_stringn(area.x, area.y, shown, area.width as usize, state.theme.dim);
}

/// A pane's frame, highlighted when it has the focus.
fn pane_block<'a>(state: &State, focused: bool) -> Block<'a> {
    let style: Style = if focused {
        state.theme.border_focused
    } else {
        state.theme.border
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(style)
}

/// `Buffer::set_line` for the reader's hot path: runs of plain ASCII go straight
/// into cells, everything else (wide characters, combining marks, emoji) through
/// ratatui's grapheme-aware `set_stringn`. Returns the column after the text.
pub fn put_spans(buf: &mut Buffer, mut x: u16, y: u16, spans: &[Span<'_>], width: u16) -> u16 {
    let right = x.saturating_add(width).min(buf.area.right());
    for span in spans {
        let s: &str = &span.content;
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() && x < right {
            let b = bytes[i];
            // An ASCII character followed by another (or the end) is one cell;
            // one followed by a combining mark is not, so it takes the slow path.
            if (b == b' ' || b.is_ascii_graphic()) && bytes.get(i + 1).is_none_or(u8::is_ascii) {
                buf[(x, y)].set_char(b as char).set_style(span.style);
                x += 1;
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < bytes.len()
                && !(s.is_char_boundary(j)
                    && bytes[j].is_ascii()
                    && bytes.get(j + 1).is_none_or(u8::is_ascii))
            {
                j += 1;
            }
            let chunk = &s[i..j];
            let end = buf
                .set_stringn(x, y, chunk, (right - x) as usize, span.style)
                .0;
            if usize::from(end - x) < super::wrap::width(chunk) {
                // Cut at the edge, as `set_line` would: nothing after it.
                return end;
            }
            x = end;
            i = j;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Stylize};
    use ratatui::text::Line;

    #[test]
    fn put_spans_draws_what_set_line_draws() {
        let texts = [
            "plain ascii text",
            "cafe\u{301} naïve “quotes” — dash",
            "日本語のテキスト and ascii",
            "emoji 🎉 and ❤\u{fe0f} and 👩\u{200d}💻 end",
            "a\u{301}\u{302}b e\u{301}",
            "",
        ];
        for text in texts {
            for width in [0u16, 1, 3, 7, 12, 40] {
                let spans = vec![
                    Span::styled(text, Style::new().fg(Color::Yellow)),
                    Span::raw(" tail"),
                    Span::raw(text).bold(),
                ];
                let area = Rect::new(0, 0, 45, 1);
                let mut want = Buffer::empty(area);
                want.set_line(2, 0, &Line::from(spans.clone()), width);
                let mut got = Buffer::empty(area);
                put_spans(&mut got, 2, 0, &spans, width);
                assert_eq!(got, want, "{text:?} at width {width}");
            }
        }
    }
}
