//! `e`: the entity panel. The filter line, then one row per entity: its name in
//! its kind's highlight, the kind, its mentions in the article shown and in all.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear};

use crate::tui::app::entities::{class_of, panel_area, rows};
use crate::tui::app::{Popup, State};
use crate::tui::wrap::{truncate, width};

pub fn draw(frame: &mut Frame<'_>, screen: Rect, state: &State) {
    if state.popup != Some(Popup::Entities) {
        return;
    }
    let Some(area) = panel_area(screen) else {
        return;
    };
    let Some(index) = &state.entities.index else {
        return;
    };
    let theme = &state.theme;
    let panel = &state.entities.panel;
    let rows = rows(state);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border_focused)
        .title(format!(
            " People, places, organisations {}/{} ",
            rows.len(),
            index.entities().len()
        ))
        .title_bottom(
            Line::from(" type to filter · ↑↓ Ctrl-n/p move · Enter focus · Esc closes ")
                .alignment(Alignment::Right),
        );
    let inner = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    let w = inner.width as usize;
    let filter = Line::from(vec![
        Span::styled(" filter: ", theme.title),
        Span::raw(panel.filter.as_str()),
        Span::styled("▏", theme.cursor_bar),
    ]);
    buf.set_line(inner.x, inner.y, &filter, inner.width);
    let shown = (inner.height as usize).saturating_sub(1);
    if rows.is_empty() {
        let text = if panel.filter.is_empty() {
            " no people, places or organisations found"
        } else {
            " nothing matches the filter"
        };
        if shown > 0 {
            buf.set_stringn(inner.x, inner.y + 1, truncate(text, w), w, theme.dim);
        }
        return;
    }
    // After a resize the stored offset may hide the selection: show it anyway.
    let offset = panel
        .offset
        .min(panel.selected)
        .max((panel.selected + 1).saturating_sub(shown.max(1)));
    let article = state.reader.article;
    for (slot, &e) in rows.iter().enumerate().skip(offset).take(shown) {
        let y = inner.y + 1 + (slot - offset) as u16;
        let entity = index.entity(e);
        let selected = slot == panel.selected;
        let base = if selected {
            theme.selected
        } else {
            Style::new()
        };
        if selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected);
        }
        let here = article.map_or(0, |a| entity.mentions_in(a).len());
        let counts = format!(
            " {:<12} {:>3} here {:>4} in all ",
            entity.kind.as_str(),
            here,
            entity.mentions.len()
        );
        let focused = if state.entities.focused == Some(e) {
            "▸ "
        } else {
            "  "
        };
        let kind_style = theme.class(class_of(entity.kind));
        let room = w.saturating_sub(width(&counts) + width(focused));
        let name = truncate(&entity.name, room).into_owned();
        let pad = " ".repeat(room.saturating_sub(width(&name)));
        let line = Line::from(vec![
            Span::styled(focused, base),
            Span::styled(name, if selected { base } else { kind_style }),
            Span::styled(pad, base),
            Span::styled(counts, if selected { base } else { theme.dim }),
        ]);
        buf.set_line(inner.x, y, &line, inner.width);
    }
}
