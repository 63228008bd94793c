//! The reading pane's movement: the passage cursor, scrolling, and reflow that
//! keeps the reading position when the width or `x` changes.

use super::State;
use crate::tui::action::Action;
use crate::tui::layout::ReaderLayout;

/// Rebuilds the reader layout for the current article, width and `x` setting.
pub(super) fn relayout(state: &mut State) {
    let width = state.areas().reader_text().width as usize;
    let show = state.reader.show_removed;
    state.reader.layout = match state.article() {
        Some(a) => ReaderLayout::build(a, width, show),
        None => ReaderLayout::default(),
    };
}

/// Relayout keeping the reading position: the passage under the cursor stays at
/// the same height on screen, or, if the view starts inside it, the text at the
/// top of the view stays at the top.
pub(super) fn reflow(state: &mut State) {
    let r = &state.reader;
    let Some(rows) = r.layout.passages.get(r.cursor) else {
        relayout(state);
        return;
    };
    let above = rows.start as isize - r.scroll as isize;
    let top_text = r.layout.text_pos_at(r.scroll);
    relayout(state);
    let l = &state.reader.layout;
    let Some(rows) = l.passages.get(state.reader.cursor) else {
        return;
    };
    state.reader.scroll = if above >= 0 {
        rows.start.saturating_sub(above as usize)
    } else {
        top_text
            .and_then(|pos| l.row_of_text_pos(pos))
            .unwrap_or(rows.start)
    };
    clamp_reader(state, false);
}

/// Keeps the cursor passage in view (its start, or its end when `prefer_end` and it
/// is taller than the view) and the scroll within the text.
pub(super) fn clamp_reader(state: &mut State, prefer_end: bool) {
    let n = state.reader.layout.passages.len();
    let h = state.view_rows().max(1);
    state.reader.cursor = state.reader.cursor.min(n.saturating_sub(1));
    if let Some(rows) = state
        .reader
        .layout
        .passages
        .get(state.reader.cursor)
        .cloned()
    {
        let r = &mut state.reader;
        if rows.end > r.scroll + h || rows.start < r.scroll {
            let fits = rows.len() <= h;
            r.scroll = if fits {
                if rows.start < r.scroll {
                    rows.start
                } else {
                    rows.end - h
                }
            } else if prefer_end {
                rows.end - h
            } else if rows.start < r.scroll && rows.end > r.scroll {
                // Already inside a tall passage: stay.
                r.scroll
            } else {
                rows.start
            };
        }
    }
    state.reader.scroll = state.reader.scroll.min(state.max_scroll());
}

pub(super) fn move_in_reader(state: &mut State, action: Action) {
    let n = state.reader.layout.passages.len();
    if n == 0 {
        return;
    }
    let h = state.view_rows().max(1);
    let cur = state.reader.layout.passages[state.reader.cursor.min(n - 1)].clone();
    let step = (h / 2).max(1);
    match action {
        Action::Down => {
            let bottom = state.reader.scroll + h;
            if cur.end > bottom {
                // A passage taller than the view: read on through it first.
                state.reader.scroll = (state.reader.scroll + step).min(cur.end - h);
            } else if state.reader.cursor + 1 < n {
                state.reader.cursor += 1;
                clamp_reader(state, false);
            }
        }
        Action::Up => {
            if cur.start < state.reader.scroll {
                state.reader.scroll = state.reader.scroll.saturating_sub(step).max(cur.start);
            } else if state.reader.cursor > 0 {
                state.reader.cursor -= 1;
                clamp_reader(state, true);
            }
        }
        Action::First => {
            state.reader.cursor = 0;
            state.reader.scroll = 0;
        }
        Action::Last => {
            state.reader.cursor = n - 1;
            state.reader.scroll = state.max_scroll();
        }
        Action::PageDown => page(state, h.saturating_sub(2).max(1) as isize),
        Action::PageUp => page(state, -(h.saturating_sub(2).max(1) as isize)),
        Action::HalfPageDown => page(state, step as isize),
        Action::HalfPageUp => page(state, -(step as isize)),
        _ => {}
    }
}

/// Scrolls by `by` rows; the cursor follows to the first passage starting in view.
/// At either end the cursor goes to the first or last passage.
fn page(state: &mut State, by: isize) {
    let old = state.reader.scroll;
    let max = state.max_scroll();
    let new = old.saturating_add_signed(by).min(max);
    let n = state.reader.layout.passages.len();
    if new == old {
        state.reader.cursor = if by > 0 { n - 1 } else { 0 };
        clamp_reader(state, by > 0);
        return;
    }
    state.reader.scroll = new;
    scroll_cursor_into_view(state);
}

/// After a scroll: if the cursor passage left the view, put it on the first
/// passage that starts in view (or the one filling it).
pub(super) fn scroll_cursor_into_view(state: &mut State) {
    let h = state.view_rows().max(1);
    let r = &mut state.reader;
    let (top, bottom) = (r.scroll, r.scroll + h);
    let passages = &r.layout.passages;
    let Some(cur) = passages.get(r.cursor) else {
        return;
    };
    if cur.start < bottom && cur.end > top {
        return;
    }
    r.cursor = passages
        .iter()
        .position(|p| p.start >= top && p.start < bottom)
        .or_else(|| passages.iter().position(|p| p.end > top))
        .unwrap_or(passages.len().saturating_sub(1));
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::tui::testing::{article, state_with};

    #[test]
    fn cursor_moves_and_stays_in_view() {
        let mut s = state_with(1, 40);
        update(&mut s, Action::Open);
        let h = s.view_rows();
        for k in 1..40 {
            update(&mut s, Action::Down);
            assert_eq!(s.reader.cursor, k);
            let rows = s.reader.layout.passages[k].clone();
            assert!(rows.start >= s.reader.scroll && rows.end <= s.reader.scroll + h);
        }
        update(&mut s, Action::Down);
        assert_eq!(s.reader.cursor, 39);
        update(&mut s, Action::First);
        assert_eq!((s.reader.cursor, s.reader.scroll), (0, 0));
        update(&mut s, Action::PageDown);
        assert!(s.reader.scroll > 0 && s.reader.cursor > 0);
        let rows = s.reader.layout.passages[s.reader.cursor].clone();
        assert!(rows.start >= s.reader.scroll);
        update(&mut s, Action::Last);
        assert_eq!(s.reader.cursor, 39);
        assert_eq!(s.reader.scroll, s.max_scroll());
        update(&mut s, Action::PageDown);
        assert_eq!(s.reader.cursor, 39);
        update(&mut s, Action::HalfPageUp);
        assert!(s.reader.scroll < s.max_scroll());
        update(&mut s, Action::PageUp);
        update(&mut s, Action::PageUp);
        update(&mut s, Action::PageUp);
        update(&mut s, Action::PageUp);
        update(&mut s, Action::PageUp);
        assert_eq!(s.reader.scroll, 0);
        update(&mut s, Action::PageUp);
        assert_eq!(s.reader.cursor, 0);
    }

    #[test]
    fn a_tall_passage_is_read_through_before_the_cursor_moves() {
        let mut s = State::new(KeyMap::default(), Theme::default(), None);
        resize(&mut s, 60, 12);
        let long = "word ".repeat(400);
        receive(
            &mut s,
            Feed::Articles(vec![article(&[long.trim(), "next"], &[])]),
        );
        update(&mut s, Action::Open);
        let tall = s.reader.layout.passages[0].clone();
        let mut presses = 0;
        while s.reader.cursor == 0 {
            update(&mut s, Action::Down);
            presses += 1;
            assert!(presses < 100);
        }
        assert!(presses > 2, "scrolled through the passage first");
        assert!(s.reader.scroll + s.view_rows() >= tall.end);
        update(&mut s, Action::Up);
        assert_eq!(s.reader.cursor, 0);
        assert_eq!(s.reader.scroll + s.view_rows(), tall.end, "its end shows");
    }

    #[test]
    fn resize_keeps_the_cursor_passage_in_view() {
        let mut s = state_with(1, 40);
        update(&mut s, Action::Open);
        for _ in 0..25 {
            update(&mut s, Action::Down);
        }
        for (w, h) in [
            (200, 60),
            (41, 10),
            (45, 11),
            (120, 40),
            (80, 24),
            (30, 5),
            (80, 24),
        ] {
            resize(&mut s, w, h);
            assert_eq!(s.reader.cursor, 25);
            if !s.areas().too_small {
                let rows = s.reader.layout.passages[25].clone();
                let view = s.view_rows();
                assert!(
                    rows.start < s.reader.scroll + view && rows.end > s.reader.scroll,
                    "{w}x{h}: rows {rows:?} scroll {} view {view}",
                    s.reader.scroll
                );
            }
        }
    }

    #[test]
    fn x_toggles_removed_lines_and_keeps_the_cursor() {
        let mut s = state_with(1, 30);
        update(&mut s, Action::Open);
        for _ in 0..10 {
            update(&mut s, Action::Down);
        }
        let before = s.reader.layout.passages[10].start - s.reader.scroll;
        let rows = s.reader.layout.rows.len();
        update(&mut s, Action::ToggleRemoved);
        assert!(s.reader.show_removed);
        assert!(s.reader.layout.rows.len() > rows);
        assert_eq!(s.reader.layout.passages[10].start - s.reader.scroll, before);
        assert!(
            s.message
                .as_ref()
                .unwrap()
                .text
                .contains("1 removed line shown")
        );
        update(&mut s, Action::ToggleRemoved);
        assert_eq!(s.reader.layout.rows.len(), rows);
    }
}
