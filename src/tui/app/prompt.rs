//! A line being typed: the search prompt, the list filter, the entity panel's
//! filter, a bookmark's note. Their keys are text, not actions; this is how a
//! key edits the line, in one place.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edit {
    /// A character typed or Backspace: the line changed.
    Changed,
    Enter,
    Esc,
    /// Ctrl-c: quit, even while typing.
    Quit,
    /// Anything else (arrows, other Ctrl keys): left to the caller.
    Other,
}

/// Applies `ev` to `text`.
pub(super) fn edit(text: &mut String, ev: &KeyEvent) -> Edit {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    match ev.code {
        KeyCode::Char('c') if ctrl => Edit::Quit,
        KeyCode::Char(c) if !ctrl && !alt => {
            text.push(c);
            Edit::Changed
        }
        KeyCode::Backspace => {
            text.pop();
            Edit::Changed
        }
        KeyCode::Enter => Edit::Enter,
        KeyCode::Esc => Edit::Esc,
        _ => Edit::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_and_backspace_edit_the_rest_is_named() {
        let key = |code, mods| KeyEvent::new(code, mods);
        let none = KeyModifiers::NONE;
        let mut t = String::new();
        assert_eq!(edit(&mut t, &key(KeyCode::Char('é'), none)), Edit::Changed);
        assert_eq!(
            edit(&mut t, &key(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            Edit::Changed
        );
        assert_eq!(t, "éQ");
        assert_eq!(edit(&mut t, &key(KeyCode::Backspace, none)), Edit::Changed);
        assert_eq!(t, "é");
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(edit(&mut t, &key(KeyCode::Char('c'), ctrl)), Edit::Quit);
        assert_eq!(edit(&mut t, &key(KeyCode::Char('n'), ctrl)), Edit::Other);
        assert_eq!(
            edit(&mut t, &key(KeyCode::Char('x'), KeyModifiers::ALT)),
            Edit::Other
        );
        assert_eq!(edit(&mut t, &key(KeyCode::Enter, none)), Edit::Enter);
        assert_eq!(edit(&mut t, &key(KeyCode::Esc, none)), Edit::Esc);
        assert_eq!(edit(&mut t, &key(KeyCode::Down, none)), Edit::Other);
        assert_eq!(t, "é", "only characters and Backspace change it");
    }
}
