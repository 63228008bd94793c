//! The source list: one article per two rows (title; outlet, date, words, removed).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;

use super::pane_block;
use crate::corpus::Article;
use crate::tui::app::{Pane, State, search};
use crate::tui::layout::{Areas, ITEM_ROWS};
use crate::tui::wrap::truncate;

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State) {
    let focused = state.focus == Pane::Sources && state.popup.is_none();
    let n = state.articles.len();
    let count = match &state.search.filter {
        Some(f) => format!("{}/{n}", f.shown.len()),
        None => n.to_string(),
    };
    let mut block = pane_block(state, focused).title(format!(" Sources {count} "));
    if n > 0 {
        block = block.title_bottom(
            Line::from(format!(" {}/{n} ", state.list.selected + 1)).alignment(Alignment::Right),
        );
    }
    frame.render_widget(block, area);
    let inner = Areas::inner(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    let width = inner.width as usize;
    if n == 0 {
        let text = if state.loading.is_some() {
            " loading…"
        } else {
            " no articles"
        };
        buf.set_stringn(inner.x, inner.y, text, width, state.theme.dim);
        return;
    }
    let shown = inner.height as usize / ITEM_ROWS;
    for (slot, i) in search::list_items(state, shown).into_iter().enumerate() {
        let y = inner.y + (slot * ITEM_ROWS) as u16;
        let a = &state.articles[i];
        let (title_style, detail_style) = if i == state.list.selected {
            let s = if focused {
                state.theme.selected
            } else {
                state.theme.selected_unfocused
            };
            buf.set_style(Rect::new(inner.x, y, inner.width, ITEM_ROWS as u16), s);
            (s, s)
        } else {
            (state.theme.title, state.theme.dim)
        };
        let title = format!(" {}", a.display_title());
        buf.set_stringn(inner.x, y, truncate(&title, width), width, title_style);
        let details = format!(
            "   {}",
            details(
                a,
                state
                    .word_counts
                    .get(i)
                    .copied()
                    .unwrap_or_else(|| a.word_count())
            )
        );
        buf.set_stringn(
            inner.x,
            y + 1,
            truncate(&details, width),
            width,
            detail_style,
        );
    }
}

/// `outlet · date · 523 words · 4 removed`, leaving out what isn't known.
pub fn details(a: &Article, words: usize) -> String {
    let mut parts: Vec<String> = [&a.outlet, &a.date]
        .into_iter()
        .filter_map(|m| m.clone())
        .collect();
    parts.push(format!("{words} words"));
    if !a.removed.is_empty() {
        parts.push(format!("{} removed", a.removed.len()));
    }
    parts.join(" · ")
}
