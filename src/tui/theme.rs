//! Colours and emphasis, as named style classes. Views ask the theme for a class,
//! never for a colour, so a config file (later) or `NO_COLOR` changes everything in
//! one place. Explicit foreground/background pairs only where a background is set,
//! so the defaults read on dark and light terminals alike.

use ratatui::style::{Color, Modifier, Style};

/// Kinds of text a span of an article can be marked as. Overlays (entities, search
/// hits, quotes…) are byte ranges tagged with one of these (see wrap.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Person,
    Place,
    Organization,
    OtherEntity,
    FocusedEntity,
    SearchHit,
    Quote,
}

impl Class {
    /// Where overlays overlap, higher layers are drawn over lower ones: a search
    /// hit shows over a focused entity, which shows over other entities.
    pub fn layer(self) -> u8 {
        match self {
            Class::Person | Class::Place | Class::Organization | Class::OtherEntity => 0,
            Class::Quote => 1,
            Class::FocusedEntity => 2,
            Class::SearchHit => 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub person: Style,
    pub place: Style,
    pub organization: Style,
    pub other_entity: Style,
    pub focused_entity: Style,
    pub search_hit: Style,
    pub quote: Style,
    /// The paragraph under the passage cursor.
    pub cursor: Style,
    /// The bar left of the cursor paragraph.
    pub cursor_bar: Style,
    /// The gutter mark of a bookmarked passage.
    pub bookmark: Style,
    /// Passages selected with `v`.
    pub selection: Style,
    /// Compare: the gutter bar of a matching passage.
    pub strength: Style,
    pub title: Style,
    pub meta: Style,
    pub heading: Style,
    /// Removed boilerplate shown with `x`, and its reason.
    pub removed: Style,
    pub removed_reason: Style,
    /// The selected row of a list (the focused pane's, and the other's).
    pub selected: Style,
    pub selected_unfocused: Style,
    pub border: Style,
    pub border_focused: Style,
    pub status: Style,
    pub status_key: Style,
    pub message: Style,
    pub error: Style,
    pub dim: Style,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::no_color(),
            _ => Theme::default(),
        }
    }

    /// Emphasis only: bold, reverse, underline, dim.
    pub fn no_color() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let underline = plain.add_modifier(Modifier::UNDERLINED);
        let reverse = plain.add_modifier(Modifier::REVERSED);
        let dim = plain.add_modifier(Modifier::DIM);
        let italic = plain.add_modifier(Modifier::ITALIC);
        // Three kinds, three emphases; bold is left out because the cursor
        // paragraph is bold and would swallow it. Other entities stay plain.
        Theme {
            person: underline,
            place: italic,
            organization: underline.add_modifier(Modifier::ITALIC),
            other_entity: plain,
            focused_entity: reverse,
            search_hit: reverse,
            quote: plain.add_modifier(Modifier::ITALIC),
            cursor: bold,
            cursor_bar: bold,
            bookmark: bold,
            selection: reverse,
            strength: bold,
            title: bold,
            meta: dim,
            heading: bold,
            removed: dim,
            removed_reason: dim.add_modifier(Modifier::ITALIC),
            selected: reverse,
            selected_unfocused: bold,
            border: dim,
            border_focused: bold,
            status: reverse,
            status_key: reverse.add_modifier(Modifier::BOLD),
            message: reverse.add_modifier(Modifier::BOLD),
            error: reverse.add_modifier(Modifier::BOLD),
            dim,
        }
    }

    /// The style of an overlay class.
    pub fn class(&self, class: Class) -> Style {
        match class {
            Class::Person => self.person,
            Class::Place => self.place,
            Class::Organization => self.organization,
            Class::OtherEntity => self.other_entity,
            Class::FocusedEntity => self.focused_entity,
            Class::SearchHit => self.search_hit,
            Class::Quote => self.quote,
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        let plain = Style::new();
        let dim = plain.fg(Color::DarkGray);
        Theme {
            person: plain.fg(Color::Yellow),
            place: plain.fg(Color::Cyan),
            organization: plain.fg(Color::Magenta),
            other_entity: plain.add_modifier(Modifier::UNDERLINED),
            focused_entity: plain.fg(Color::Black).bg(Color::Yellow),
            search_hit: plain.fg(Color::Black).bg(Color::LightGreen),
            quote: plain.add_modifier(Modifier::ITALIC),
            cursor: plain.fg(Color::Indexed(255)).bg(Color::Indexed(237)),
            cursor_bar: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            bookmark: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            selection: plain.fg(Color::Indexed(255)).bg(Color::Indexed(24)),
            strength: plain.fg(Color::Green),
            title: plain.add_modifier(Modifier::BOLD),
            meta: plain.add_modifier(Modifier::ITALIC),
            heading: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            removed: dim,
            removed_reason: plain.fg(Color::Red).add_modifier(Modifier::ITALIC),
            selected: plain.fg(Color::Black).bg(Color::Cyan),
            selected_unfocused: plain.add_modifier(Modifier::REVERSED),
            border: dim,
            border_focused: plain.fg(Color::Cyan),
            status: plain.fg(Color::White).bg(Color::Indexed(236)),
            status_key: plain
                .fg(Color::Yellow)
                .bg(Color::Indexed(236))
                .add_modifier(Modifier::BOLD),
            message: plain.fg(Color::Black).bg(Color::Cyan),
            error: plain.fg(Color::White).bg(Color::Red),
            dim,
        }
    }
}
