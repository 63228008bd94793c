//! Geometry shared by drawing and by the update function (clicks, page sizes), and
//! the reader's wrapped layout: every screen row of an article, computed in update
//! when the article, the width or `x` changes, so drawing a frame never wraps.

use std::ops::Range;

use ratatui::layout::Rect;

use super::wrap;
use crate::corpus::{Article, ParagraphKind};

/// Below this the reader says so in one line instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Rows per source-list item (title; details).
pub const ITEM_ROWS: usize = 2;
/// Columns left of the reader text (cursor bar and a space), and right of it
/// (a margin before the scrollbar).
pub const GUTTER: u16 = 2;
pub const MARGIN: u16 = 1;

/// Where everything goes on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub too_small: bool,
    pub sources: Rect,
    pub reader: Rect,
    pub status: Rect,
    /// Columns left of the reader text (`GUTTER`; compare panes take one more).
    pub gutter: u16,
}

impl Areas {
    pub fn new(width: u16, height: u16) -> Areas {
        let screen = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Areas {
                too_small: true,
                status: screen,
                ..Areas::default()
            };
        }
        let body = height - 1;
        let list = (width * 3 / 10).clamp(16, 42);
        Areas {
            too_small: false,
            sources: Rect::new(0, 0, list, body),
            reader: Rect::new(list, 0, width - list, body),
            status: Rect::new(0, body, width, 1),
            gutter: GUTTER,
        }
    }

    /// Inside a pane's border.
    pub fn inner(pane: Rect) -> Rect {
        Rect::new(
            pane.x.saturating_add(1),
            pane.y.saturating_add(1),
            pane.width.saturating_sub(2),
            pane.height.saturating_sub(2),
        )
    }

    /// The reader's text area (inside the border, right of the gutter).
    pub fn reader_text(&self) -> Rect {
        let inner = Areas::inner(self.reader);
        Rect::new(
            inner.x + self.gutter.min(inner.width),
            inner.y,
            inner.width.saturating_sub(self.gutter + MARGIN),
            inner.height,
        )
    }

    /// Source-list items that fit.
    pub fn list_items(&self) -> usize {
        (Areas::inner(self.sources).height as usize / ITEM_ROWS).max(1)
    }
}

/// The help popup for `rows` lines, centred; None if the screen is too small.
pub fn help_area(screen: Rect, rows: usize) -> Option<Rect> {
    let w = screen.width.saturating_sub(4).min(72);
    let h = screen
        .height
        .saturating_sub(2)
        .min(u16::try_from(rows + 2).unwrap_or(u16::MAX));
    (w >= 4 && h >= 3).then(|| {
        Rect::new(
            screen.x + (screen.width - w) / 2,
            screen.y + (screen.height - h) / 2,
            w,
            h,
        )
    })
}

/// Which string a row's byte range points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Src {
    /// The article's cleaned `text` (where overlays apply).
    Text,
    /// `ReaderLayout::extras[i]`: title, byline line, removed lines.
    Extra(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Title,
    Meta,
    /// A row of paragraph `i` (a passage).
    Passage(usize, ParagraphKind),
    /// A row of removed boilerplate shown with `x`.
    Removed,
    /// A remark of the reader's own (e.g. that nothing was left after cleaning).
    Note,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub src: Src,
    pub range: Range<usize>,
}

/// Text shown that is not in the article's `text`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extra {
    pub text: String,
    /// Where the removal reason starts in `text`, for removed lines.
    pub reason_at: Option<usize>,
}

/// An article laid out for a width: every row, and where each passage is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderLayout {
    pub width: usize,
    pub show_removed: bool,
    pub rows: Vec<Row>,
    pub extras: Vec<Extra>,
    /// Rows of each paragraph (blank separators excluded).
    pub passages: Vec<Range<usize>>,
}

impl ReaderLayout {
    pub fn build(article: &Article, width: usize, show_removed: bool) -> ReaderLayout {
        let mut l = ReaderLayout {
            width,
            show_removed,
            ..ReaderLayout::default()
        };
        l.extra(RowKind::Title, article.display_title().to_string(), None);
        let meta: Vec<&str> = [&article.byline, &article.date, &article.outlet]
            .into_iter()
            .filter_map(|m| m.as_deref())
            .collect();
        if !meta.is_empty() {
            l.extra(RowKind::Meta, meta.join(" · "), None);
        }
        l.blank();
        let removed_before = |i: usize| article.removed.iter().filter(move |r| r.before == i);
        for (i, p) in article.paragraphs.iter().enumerate() {
            if show_removed && removed_before(i).next().is_some() {
                for r in removed_before(i) {
                    l.removed(&r.text, &r.reason);
                }
                l.blank();
            }
            let first = l.rows.len();
            let mut ranges = Vec::new();
            wrap::wrap_into(&article.text[p.start..p.end], width, &mut ranges);
            l.rows.extend(ranges.into_iter().map(|r| Row {
                kind: RowKind::Passage(i, p.kind),
                src: Src::Text,
                range: p.start + r.start..p.start + r.end,
            }));
            l.passages.push(first..l.rows.len());
            l.blank();
        }
        let n = article.paragraphs.len();
        if n == 0 && !show_removed {
            let note = match article.removed.len() {
                0 => "(no text)".to_string(),
                r => format!("(nothing left after cleaning; x shows the {r} removed lines)"),
            };
            l.extra(RowKind::Note, note, None);
        }
        if show_removed {
            for r in article.removed.iter().filter(|r| r.before >= n) {
                l.removed(&r.text, &r.reason);
            }
        }
        while l.rows.last().is_some_and(|r| r.kind == RowKind::Blank) {
            l.rows.pop();
        }
        l
    }

    fn extra(&mut self, kind: RowKind, text: String, reason_at: Option<usize>) {
        let i = self.extras.len();
        for r in wrap::wrap(&text, self.width) {
            self.rows.push(Row {
                kind,
                src: Src::Extra(i),
                range: r,
            });
        }
        self.extras.push(Extra { text, reason_at });
    }

    fn removed(&mut self, text: &str, reason: &str) {
        let shown = format!("{text}  [{reason}]");
        let at = text.len() + 2;
        self.extra(RowKind::Removed, shown, Some(at));
    }

    fn blank(&mut self) {
        self.rows.push(Row {
            kind: RowKind::Blank,
            src: Src::Text,
            range: 0..0,
        });
    }

    /// The string a row's range points into.
    pub fn source<'a>(&'a self, article: &'a Article, src: Src) -> &'a str {
        match src {
            Src::Text => &article.text,
            Src::Extra(i) => self.extras.get(i).map_or("", |e| e.text.as_str()),
        }
    }

    /// The passage shown on row `row`, if any.
    pub fn passage_at(&self, row: usize) -> Option<usize> {
        match self.rows.get(row)?.kind {
            RowKind::Passage(i, _) => Some(i),
            _ => None,
        }
    }

    /// The first byte of the article text shown at or after `row`.
    pub fn text_pos_at(&self, row: usize) -> Option<usize> {
        self.rows[row.min(self.rows.len())..]
            .iter()
            .find(|r| r.src == Src::Text && matches!(r.kind, RowKind::Passage(..)))
            .map(|r| r.range.start)
    }

    /// The row showing byte `pos` of the article text.
    pub fn row_of_text_pos(&self, pos: usize) -> Option<usize> {
        self.rows
            .iter()
            .rposition(|r| matches!(r.kind, RowKind::Passage(..)) && r.range.start <= pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::article;

    #[test]
    fn layout_rows_and_passages() {
        let a = article(
            &["one two three four", "five"],
            &[(0, "Menu"), (2, "Share this")],
        );
        let l = ReaderLayout::build(&a, 9, false);
        let shown: Vec<&str> = l
            .rows
            .iter()
            .map(|r| &l.source(&a, r.src)[r.range.clone()])
            .collect();
        assert_eq!(
            shown,
            [
                "A title", "By", "Someone", "", "one two", "three", "four", "", "five"
            ]
        );
        assert_eq!(l.passages, vec![4..7, 8..9]);
        assert_eq!(l.passage_at(5), Some(0));
        assert_eq!(l.passage_at(7), None);
        let l = ReaderLayout::build(&a, 40, true);
        let shown: Vec<&str> = l
            .rows
            .iter()
            .map(|r| &l.source(&a, r.src)[r.range.clone()])
            .collect();
        assert_eq!(
            shown,
            [
                "A title",
                "By Someone",
                "",
                "Menu  [site navigation]",
                "",
                "one two three four",
                "",
                "five",
                "",
                "Share this  [site navigation]"
            ]
        );
        assert_eq!(l.passages, vec![5..6, 7..8]);
        assert_eq!(l.row_of_text_pos(a.paragraphs[1].start), Some(7));
    }

    #[test]
    fn areas_cover_the_screen() {
        let a = Areas::new(80, 24);
        assert!(!a.too_small);
        assert_eq!(a.sources.width + a.reader.width, 80);
        assert_eq!(a.status.y, 23);
        assert!(Areas::new(39, 24).too_small);
        assert!(Areas::new(80, 9).too_small);
        assert!(Areas::new(1, 1).too_small);
    }
}
