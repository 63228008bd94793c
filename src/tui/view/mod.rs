//! Drawing: `draw(frame, &State)` reads the state and never changes it. One file
//! per widget.

pub mod help;
pub mod reader;
pub mod sources;
pub mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
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
    sources::draw(frame, areas.sources, state);
    reader::draw(frame, &areas, state);
    status::draw(frame, areas.status, state);
    if state.popup.is_some() {
        help::draw(frame, area, state);
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
