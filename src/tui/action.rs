//! `Action`: the one currency of the reader. Keys map to actions (keymap.rs), the
//! update function consumes them (app.rs), a config file names them (snake_case).

use serde::{Deserialize, Serialize};

/// Everything a person can ask the reader to do. The serde names are the contract
/// (DESIGN.md): a config file's `[keys]` table uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Down,
    Up,
    First,
    Last,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    NextPane,
    PrevPane,
    Open,
    Back,
    Search,
    NextHit,
    PrevHit,
    Entities,
    NextMention,
    PrevMention,
    FocusPerson,
    Compare,
    ToggleSync,
    Bookmark,
    Bookmarks,
    ToggleRemoved,
    Help,
    /// Start (or cancel) a selection of passages to bookmark as one.
    Select,
    /// In the bookmarks list.
    DeleteBookmark,
    UndoDelete,
    EditNote,
}

impl Action {
    /// Every action, in the order the help screen lists them.
    pub const ALL: [Action; 30] = [
        Action::Down,
        Action::Up,
        Action::First,
        Action::Last,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::NextPane,
        Action::PrevPane,
        Action::Open,
        Action::Back,
        Action::ToggleRemoved,
        Action::Search,
        Action::NextHit,
        Action::PrevHit,
        Action::Entities,
        Action::NextMention,
        Action::PrevMention,
        Action::FocusPerson,
        Action::Compare,
        Action::ToggleSync,
        Action::Bookmark,
        Action::Select,
        Action::Bookmarks,
        Action::EditNote,
        Action::DeleteBookmark,
        Action::UndoDelete,
        Action::Help,
        Action::Quit,
    ];

    /// The snake_case name, as in a config file.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Down => "down",
            Action::Up => "up",
            Action::First => "first",
            Action::Last => "last",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::Open => "open",
            Action::Back => "back",
            Action::Search => "search",
            Action::NextHit => "next_hit",
            Action::PrevHit => "prev_hit",
            Action::Entities => "entities",
            Action::NextMention => "next_mention",
            Action::PrevMention => "prev_mention",
            Action::FocusPerson => "focus_person",
            Action::Compare => "compare",
            Action::ToggleSync => "toggle_sync",
            Action::Bookmark => "bookmark",
            Action::Bookmarks => "bookmarks",
            Action::ToggleRemoved => "toggle_removed",
            Action::Help => "help",
            Action::Select => "select",
            Action::DeleteBookmark => "delete_bookmark",
            Action::UndoDelete => "undo_delete",
            Action::EditNote => "edit_note",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// What the action does, for the help screen.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Down => "next item, or next passage in the reader",
            Action::Up => "previous item, or previous passage",
            Action::First => "first item or passage",
            Action::Last => "last item or passage",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Open => "open the selected article, or go to the bookmark",
            Action::Back => "close the popup, or back to the list",
            Action::Search => "search in the article",
            Action::NextHit => "next search hit",
            Action::PrevHit => "previous search hit",
            Action::Entities => "entity panel",
            Action::NextMention => "next mention of the focused entity",
            Action::PrevMention => "previous mention of the focused entity",
            Action::FocusPerson => "focus the first person in the passage",
            Action::Compare => "compare with a second article",
            Action::ToggleSync => "compare: synchronised scrolling",
            Action::Bookmark => "bookmark the passage under the cursor",
            Action::Bookmarks => "bookmarks list",
            Action::ToggleRemoved => "show/hide removed boilerplate",
            Action::Help => "this help",
            Action::Select => "select passages (j/k extend) to bookmark as one",
            Action::DeleteBookmark => "bookmarks list: delete",
            Action::UndoDelete => "bookmarks list: undo the delete",
            Action::EditNote => "bookmarks list: add or edit the note",
        }
    }

    /// Moves of a cursor or a selection: j/k, g/G and paging.
    pub fn is_move(self) -> bool {
        matches!(
            self,
            Action::Down
                | Action::Up
                | Action::First
                | Action::Last
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
        )
    }

    /// A word or two for the status-bar hints.
    pub fn hint(self) -> &'static str {
        match self {
            Action::Down | Action::Up => "move",
            Action::PageDown | Action::PageUp => "page",
            Action::Open => "open",
            Action::Back => "back",
            Action::NextPane | Action::PrevPane => "pane",
            Action::ToggleRemoved => "removed",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Select => "select",
            Action::DeleteBookmark => "delete",
            Action::UndoDelete => "undo",
            Action::EditNote => "note",
            Action::ToggleSync => "sync",
            _ => self.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde_and_the_contract() {
        let contract = "quit, down, up, first, last, page_down, page_up, half_page_down, \
            half_page_up, next_pane, prev_pane, open, back, search, next_hit, prev_hit, \
            entities, next_mention, prev_mention, focus_person, compare, toggle_sync, \
            bookmark, bookmarks, toggle_removed, help";
        // Added since (DESIGN.md allows additions).
        let added = "select, delete_bookmark, undo_delete, edit_note";
        let mut names: Vec<&str> = contract.split(", ").chain(added.split(", ")).collect();
        let mut ours: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort_unstable();
        ours.sort_unstable();
        assert_eq!(names, ours);
        for a in Action::ALL {
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                format!("\"{}\"", a.name())
            );
            assert_eq!(Action::from_name(a.name()), Some(a));
            let back: Action = serde_json::from_str(&format!("\"{}\"", a.name())).unwrap();
            assert_eq!(back, a);
        }
        assert_eq!(Action::from_name("nope"), None);
    }
}
