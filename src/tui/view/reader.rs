//! The reading pane: the article's rows from the precomputed layout, the passage
//! cursor (a bar in the gutter and the cursor style over the paragraph), removed
//! lines dimmed with their reason when `x` is on.

use ratatui::Frame;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::pane_block;
use crate::corpus::ParagraphKind;
use crate::tui::app::{Pane, ReaderState, State, bookmarks};
use crate::tui::layout::{Areas, ReaderLayout, RowKind, Src};
use crate::tui::wrap::{Overlay, spans, truncate};

/// Left of a bookmarked passage, next to the cursor bar: a different glyph, so
/// it stays distinct without colour.
pub const BOOKMARK_MARK: &str = "▍";

pub fn draw(frame: &mut Frame<'_>, areas: &Areas, state: &State) {
    let focused = state.focus == Pane::Reader && state.popup.is_none();
    pane(
        frame,
        areas,
        state,
        &state.reader,
        focused,
        &state.reader.overlays,
        &[],
    );
}

/// A mark in the gutter, right of the bookmark mark (compare: a match's strength).
pub struct GutterMark {
    pub passage: usize,
    pub glyph: &'static str,
    pub style: Style,
}

/// One reading pane: `r` in `areas.reader`, styled with `overlays` (sorted by
/// start). Bookmark marks and the `v` selection show when `r` is the reader's.
pub fn pane(
    frame: &mut Frame<'_>,
    areas: &Areas,
    state: &State,
    r: &ReaderState,
    focused: bool,
    overlays: &[Overlay],
    marks: &[GutterMark],
) {
    let is_reader = std::ptr::eq(r, &state.reader);
    let article = r.article.and_then(|i| state.articles.get(i));
    let mut block = pane_block(state, focused);
    if let Some(a) = article {
        let id = truncate(&a.id, areas.reader.width.saturating_sub(4) as usize);
        block = block.title(format!(" {id} "));
        if let Some(run) = bookmarks::selection(state).filter(|_| is_reader) {
            block = block.title_bottom(format!(" v: {} selected ", bookmarks::passages(&run)));
        }
        if r.show_removed {
            block = block.title_bottom(
                Line::from(format!(" x: {} removed shown ", a.removed.len()))
                    .alignment(Alignment::Right),
            );
        }
    }
    frame.render_widget(block, areas.reader);
    let text_area = areas.reader_text();
    let Some(article) = article else {
        let msg = if state.loading.is_some() {
            "loading…"
        } else {
            "nothing to read"
        };
        frame.buffer_mut().set_stringn(
            text_area.x,
            text_area.y,
            msg,
            text_area.width as usize,
            state.theme.dim,
        );
        return;
    };
    let theme = &state.theme;
    let layout = &r.layout;
    let inner = Areas::inner(areas.reader);
    let gutter_x = inner.x;
    let (marked, selected) = if is_reader {
        (
            bookmarks::marks_in_view(state, text_area.height as usize),
            bookmarks::selection(state),
        )
    } else {
        (Vec::new(), None)
    };
    let buf = frame.buffer_mut();
    for (y, row) in (text_area.y..text_area.bottom()).zip(layout.rows.iter().skip(r.scroll)) {
        let source = layout.source(article, row.src);
        let line = match row.kind {
            RowKind::Blank => continue,
            RowKind::Title => Line::from(spans(source, row.range.clone(), &[], theme.title, theme)),
            RowKind::Meta => Line::from(spans(source, row.range.clone(), &[], theme.meta, theme)),
            RowKind::Note => Line::from(spans(source, row.range.clone(), &[], theme.dim, theme)),
            RowKind::Removed => removed_line(state, layout, source, row.src, row.range.clone()),
            RowKind::Passage(i, kind) => {
                let mut base = match kind {
                    ParagraphKind::Heading => theme.heading,
                    ParagraphKind::Paragraph => Style::new(),
                };
                if i == r.cursor {
                    base = base.patch(theme.cursor);
                    let row_area = Rect::new(text_area.x, y, text_area.width, 1);
                    buf.set_style(row_area, theme.cursor);
                    buf.set_stringn(gutter_x, y, "▌", 1, theme.cursor_bar);
                }
                if selected.as_ref().is_some_and(|s| s.contains(&i)) {
                    base = base.patch(theme.selection);
                    buf.set_style(
                        Rect::new(text_area.x, y, text_area.width, 1),
                        theme.selection,
                    );
                }
                if marked.iter().any(|m| m.contains(&i)) {
                    buf.set_stringn(gutter_x + 1, y, BOOKMARK_MARK, 1, theme.bookmark);
                }
                if let Some(m) = marks.iter().find(|m| m.passage == i)
                    && gutter_x + 2 < text_area.x
                {
                    buf.set_stringn(gutter_x + 2, y, m.glyph, 1, m.style);
                }
                Line::from(spans(source, row.range.clone(), overlays, base, theme))
            }
        };
        super::put_spans(buf, text_area.x, y, &line.spans, text_area.width);
    }
    let view = text_area.height as usize;
    if layout.rows.len() > view {
        let mut bar = ScrollbarState::new(layout.rows.len() - view).position(r.scroll);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .style(theme.dim),
            areas.reader.inner(Margin::new(0, 1)),
            &mut bar,
        );
    }
}

/// A row of a removed line: its text dimmed, its reason in the reason style.
fn removed_line<'a>(
    state: &'a State,
    layout: &ReaderLayout,
    source: &'a str,
    src: Src,
    range: std::ops::Range<usize>,
) -> Line<'a> {
    let theme = &state.theme;
    let at = match src {
        Src::Extra(i) => layout.extras.get(i).and_then(|e| e.reason_at),
        Src::Text => None,
    }
    .unwrap_or(usize::MAX)
    .clamp(range.start, range.end);
    Line::from(vec![
        Span::styled(&source[range.start..at], theme.removed),
        Span::styled(&source[at..range.end], theme.removed_reason),
    ])
}
