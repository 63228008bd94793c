//! `?`: every action with its keys and what it does, straight from the key table.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear};

use crate::tui::app::{Popup, State};
use crate::tui::layout::help_area;
use crate::tui::wrap::truncate;

pub fn draw(frame: &mut Frame<'_>, screen: Rect, state: &State) {
    let Some(Popup::Help { scroll }) = state.popup else {
        return;
    };
    let theme = &state.theme;
    let rows = state.keymap.help();
    let Some(area) = help_area(screen, rows.len()) else {
        return;
    };
    let (w, h) = (area.width, area.height);
    let inner_h = (h - 2) as usize;
    let top = scroll.min(rows.len().saturating_sub(inner_h));
    let mut block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.border_focused)
        .title(" Keys ")
        .title_bottom(Line::from(" Esc closes ").alignment(Alignment::Right));
    if rows.len() > inner_h {
        block = block.title_bottom(Line::from(format!(
            " {}-{} of {} ",
            top + 1,
            top + inner_h,
            rows.len()
        )));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let inner = Rect::new(area.x + 1, area.y + 1, w - 2, h - 2);
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(22);
    let buf = frame.buffer_mut();
    for (y, (keys, desc)) in (inner.y..inner.bottom()).zip(rows.iter().skip(top)) {
        let key = truncate(keys, key_w);
        let pad = key_w.saturating_sub(crate::tui::wrap::width(&key));
        let line = Line::from(vec![
            Span::styled(
                format!(" {key}{} ", " ".repeat(pad)),
                theme.status_key.patch(theme.title),
            ),
            Span::raw(format!(" {desc}")),
        ]);
        buf.set_line(inner.x, y, &line, inner.width);
    }
}
