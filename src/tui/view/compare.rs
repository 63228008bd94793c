//! Compare mode: the picker (`c`: the other articles, most related first, with
//! their score) and the two panes, each drawn by the reader's own pane code with
//! the features' overlays and the shared quotes, and the strength of each match
//! of the passage under the cursor in the other pane's gutter.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear};

use super::reader::{self, GutterMark};
use crate::compare::Side;
use crate::tui::app::compare::{band, matches_of_cursor, pane, pane_areas, picker_area};
use crate::tui::app::{Popup, State, overlays_for};
use crate::tui::wrap::{truncate, width};

/// Draws the two panes if compare mode is on; false if it is off.
pub fn draw(frame: &mut Frame<'_>, screen: Rect, state: &State) -> bool {
    let Some(v) = &state.compare.view else {
        return false;
    };
    let Some(panes) = pane_areas(screen.width, screen.height) else {
        return false;
    };
    let theme = &state.theme;
    let matches = matches_of_cursor(state);
    for (side, areas) in [Side::A, Side::B].into_iter().zip(panes) {
        let Some(r) = pane(state, side) else {
            continue;
        };
        let mut overlays = r
            .article
            .map_or_else(Vec::new, |id| overlays_for(state, id));
        overlays.extend(v.quotes(side).iter().cloned());
        overlays.sort_by_key(|o| o.range.start);
        let mark = |(passage, score): (usize, f32)| GutterMark {
            passage,
            glyph: band(score),
            style: theme.strength,
        };
        let marks: Vec<GutterMark> = if side == v.focus {
            // The cursor passage: how well its best match matches.
            matches
                .first()
                .map(|&(_, s)| mark((r.cursor, s)))
                .into_iter()
                .collect()
        } else {
            matches.iter().copied().map(mark).collect()
        };
        let focused = side == v.focus && state.popup.is_none();
        reader::pane(frame, &areas, state, r, focused, &overlays, &marks);
    }
    if v.comparison.is_none() {
        let b = panes[1].reader;
        let note = " comparing… ";
        if b.width > 4 && b.height > 1 {
            frame.buffer_mut().set_stringn(
                b.x + 2,
                b.bottom() - 1,
                note,
                (b.width - 4) as usize,
                theme.dim,
            );
        }
    }
    true
}

/// The `c` popup.
pub fn draw_picker(frame: &mut Frame<'_>, screen: Rect, state: &State) {
    if state.popup != Some(Popup::Compare) {
        return;
    }
    let rows = state.articles.len().saturating_sub(1);
    let (Some(area), Some(p)) = (picker_area(screen, rows), &state.compare.picker) else {
        return;
    };
    let theme = &state.theme;
    let name = state.articles.get(p.article).map_or("", |a| a.id.as_str());
    let title = truncate(name, (area.width as usize).saturating_sub(20)).into_owned();
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border_focused)
        .title(format!(" Compare {title} with "))
        .title_bottom(Line::from(" most related first · Esc closes ").alignment(Alignment::Right));
    let inner = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    let w = inner.width as usize;
    let Some(rows) = &p.rows else {
        buf.set_stringn(
            inner.x,
            inner.y,
            truncate(" ranking the articles…", w),
            w,
            theme.dim,
        );
        return;
    };
    let shown = inner.height as usize;
    // After a resize the stored offset may hide the selection: show it anyway.
    let offset = p
        .offset
        .min(p.selected)
        .max((p.selected + 1).saturating_sub(shown));
    for (slot, &(k, score)) in rows.iter().enumerate().skip(offset).take(shown) {
        let y = inner.y + (slot - offset) as u16;
        let selected = slot == p.selected;
        let base = if selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected);
            theme.selected
        } else {
            Style::new()
        };
        let Some(a) = state.articles.get(k) else {
            continue;
        };
        let score = format!(" {score:.2}  ");
        let room = w.saturating_sub(width(&score));
        let title = truncate(a.display_title(), room).into_owned();
        let id_room = room.saturating_sub(width(&title) + 3);
        let mut spans = vec![
            Span::styled(score, base.patch(theme.meta)),
            Span::styled(title, base.patch(theme.title)),
        ];
        if id_room > 3 {
            spans.push(Span::styled(
                format!("  {}", truncate(&a.id, id_room)),
                base.patch(theme.dim),
            ));
        }
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
    }
}
