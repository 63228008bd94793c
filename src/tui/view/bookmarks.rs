//! `'`: every bookmark, newest first, two rows each: the quote (shortened) with
//! its status, then the article's title, the note and the date. The note being
//! typed (`a`) replaces the second row of the selected bookmark.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear};

use crate::store::anchor::Status;
use crate::tui::app::bookmarks::{LIST_ROWS, Row, list_area};
use crate::tui::app::{Popup, State};
use crate::tui::theme::Theme;
use crate::tui::wrap::{truncate, width};

pub fn draw(frame: &mut Frame<'_>, screen: Rect, state: &State) {
    if state.popup != Some(Popup::Bookmarks) {
        return;
    }
    let Some(area) = list_area(screen) else {
        return;
    };
    let theme = &state.theme;
    let list = &state.bookmarks.list;
    let mut block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border_focused)
        .title_bottom(Line::from(" Esc closes ").alignment(Alignment::Right));
    block = match &list.rows {
        Some(rows) => block.title(format!(" Bookmarks {} ", rows.len())),
        None => block.title(" Bookmarks "),
    };
    let inner = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    let w = inner.width as usize;
    let say = |buf: &mut ratatui::buffer::Buffer, text: &str, style: Style| {
        buf.set_stringn(inner.x, inner.y, truncate(text, w), w, style);
    };
    let rows = match (&list.rows, &list.error) {
        (_, Some(e)) => return say(buf, &format!(" {e}"), theme.error),
        (None, _) => return say(buf, " re-anchoring bookmarks…", theme.dim),
        (Some(rows), _) if rows.is_empty() => {
            let key = state
                .keymap
                .keys(crate::tui::action::Action::Bookmark)
                .first()
                .map_or(String::new(), |k| format!("{k} "));
            let text = format!(" no bookmarks yet: {key}in the reader bookmarks a passage");
            return say(buf, &text, theme.dim);
        }
        (Some(rows), _) => rows,
    };
    let shown = (inner.height as usize / LIST_ROWS).max(1);
    // After a resize the stored offset may hide the selection: show it anyway.
    let offset = list
        .offset
        .min(list.selected)
        .max((list.selected + 1).saturating_sub(shown));
    for (slot, i) in (offset..rows.len()).take(shown).enumerate() {
        let y = inner.y + (slot * LIST_ROWS) as u16;
        let selected = i == list.selected;
        if selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 2), theme.selected);
        }
        let base = if selected {
            theme.selected
        } else {
            Style::new()
        };
        let note = if selected { list.note.as_deref() } else { None };
        for (dy, line) in item(&rows[i], w, note, base, theme).into_iter().enumerate() {
            buf.set_line(inner.x, y + dy as u16, &line, inner.width);
        }
    }
}

/// The two rows of a bookmark, `w` cells wide.
fn item<'a>(
    row: &'a Row,
    w: usize,
    editing: Option<&'a str>,
    base: Style,
    theme: &Theme,
) -> [Line<'a>; 2] {
    let b = &row.bookmark;
    let status = row.resolved.status;
    let status_style = match status {
        Status::Anchored => theme.dim,
        Status::Moved => theme.title,
        Status::Orphaned => theme.error,
    };
    let tag = format!(" {} ", status.as_str());
    let quote = format!(" “{}”", one_line(&b.quote));
    let room = w.saturating_sub(width(&tag));
    let quote = truncate(&quote, room).into_owned();
    let pad = " ".repeat(room.saturating_sub(width(&quote)));
    let first = Line::from(vec![
        Span::styled(quote, base),
        Span::styled(pad, base),
        Span::styled(tag, base.patch(status_style)),
    ]);
    if let Some(text) = editing {
        // The end of what is typed stays in view, the cursor after it.
        let label = "   note: ";
        let room = w.saturating_sub(width(label) + 1);
        let chars: Vec<char> = text.chars().collect();
        let mut start = chars.len();
        let mut used = 0;
        while start > 0 {
            let cw = width(&chars[start - 1].to_string());
            if used + cw > room {
                break;
            }
            used += cw;
            start -= 1;
        }
        let tail: String = chars[start..].iter().collect();
        let second = Line::from(vec![
            Span::styled(label, base.patch(theme.title)),
            Span::styled(tail, base),
            Span::styled("▏", base.patch(theme.cursor_bar)),
        ]);
        return [first, second];
    }
    let title = row
        .resolved
        .title
        .as_deref()
        .or(b.title.as_deref())
        .unwrap_or(&b.article);
    let date = format!(" {} ", b.created.get(..10).unwrap_or(&b.created));
    let mut details = format!("   {title}");
    if let Some(note) = &b.note {
        details.push_str(&format!(" · note: {}", one_line(note)));
    }
    let room = w.saturating_sub(width(&date));
    let details = truncate(&details, room).into_owned();
    let pad = " ".repeat(room.saturating_sub(width(&details)));
    let second = Line::from(vec![
        Span::styled(details, base),
        Span::styled(pad, base),
        Span::styled(date, base.patch(theme.dim)),
    ]);
    [first, second]
}

/// Whitespace folded to single spaces (quotes can span paragraphs).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
