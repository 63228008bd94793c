//! The status bar: position in the article, then a message or the hints for the
//! focused pane (from the key table), then loading progress on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::{Level, State, search};
use crate::tui::wrap::{truncate, width};

/// `passage 3/12 · 25%`: the cursor passage, and how far through the text its end is.
pub fn position(state: &State) -> Option<String> {
    let a = state.article()?;
    let n = a.paragraphs.len();
    if n == 0 {
        return Some("passage 0/0".into());
    }
    let k = state.reader.cursor.min(n - 1);
    let pct = a.paragraphs[k].end * 100 / a.text.len().max(1);
    Some(format!("passage {}/{n} · {pct}%", k + 1))
}

/// The right-hand side: loading progress, else the article count.
fn progress(state: &State) -> String {
    match &state.loading {
        Some(p) if p.total > 0 && p.done == 0 => format!("{} ({})…", p.stage, p.total),
        Some(p) if p.total > 0 => format!("{} {}/{}…", p.stage, p.done, p.total),
        Some(p) => format!("{}…", p.stage),
        None => String::new(),
    }
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State) {
    let theme = &state.theme;
    let buf = frame.buffer_mut();
    buf.set_style(area, theme.status);
    let total = area.width as usize;
    let right = progress(state);
    let right_w = if right.is_empty() {
        0
    } else {
        width(&right) + 2
    };
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(pos) = position(state) {
        let s = format!(" {pos} ");
        used += width(&s);
        spans.push(Span::styled(s, theme.status_key));
    }
    let mut cursor = None;
    if let Some((text, typing)) = search::status(state) {
        let query_end = text.rfind(' ').unwrap_or(text.len());
        cursor = typing.then(|| used + 1 + width(&text[..query_end]));
        let s = format!(" {text} ");
        used += width(&s);
        spans.push(Span::styled(s, theme.status_key));
    }
    if let Some(focused) = crate::tui::app::entities::status(state) {
        let s = format!(" {focused} ");
        used += width(&s);
        spans.push(Span::styled(s, theme.message));
    }
    if let Some(c) = crate::tui::app::compare::status(state) {
        let s = format!(" {c} ");
        used += width(&s);
        spans.push(Span::styled(s, theme.status));
    }
    let room = total.saturating_sub(used + right_w + 1);
    if let Some(m) = &state.message {
        let style = match m.level {
            Level::Info => theme.message,
            Level::Error => theme.error,
        };
        let text = format!(" {} ", m.text);
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            truncate(&text, room.saturating_sub(1)).into_owned(),
            style,
        ));
    } else {
        let hints = state.keymap.hints(state.context());
        // Keep the help hint if anything has to go.
        let (help, rest): (Vec<_>, Vec<_>) = hints.into_iter().partition(|(_, l)| *l == "help");
        let cost = |(k, l): &(String, &str)| width(k) + width(l) + 3;
        let mut budget = room.saturating_sub(help.iter().map(cost).sum());
        let mut shown = Vec::new();
        for h in rest {
            if cost(&h) > budget {
                break;
            }
            budget -= cost(&h);
            shown.push(h);
        }
        shown.extend(help.into_iter().filter(|h| cost(h) <= room));
        for (keys, label) in shown {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(keys, theme.status_key));
            spans.push(Span::styled(format!(" {label}"), theme.status));
        }
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    if !right.is_empty() && right_w <= total {
        let x = area.x + (total - right_w) as u16 + 1;
        buf.set_stringn(x, area.y, &right, right_w, theme.status_key);
    }
    // The prompt's cursor, at the end of the query.
    if let Some(x) = cursor.filter(|&x| x < total) {
        frame.set_cursor_position((area.x + x as u16, area.y));
    }
}
