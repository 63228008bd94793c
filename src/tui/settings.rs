//! The config file applied to the reader: `[keys]` into the key table, `[theme]`
//! into the styles. Parsing and validation are the core's (config.rs); this file
//! knows the reader's action and style names, and writes the defaults back out as
//! a config file (`parallax --print-config`).

use std::fmt::Write as _;
use std::path::Path;

use ratatui::style::{Color, Modifier, Style};

use super::action::Action;
use super::keymap::{KeyChord, KeyMap};
use super::theme::Theme;
use crate::config::{self, Config, NamedColor, StyleSpec, Vocabulary};

/// Every `[theme]` name, with what it styles (for `--print-config`).
pub const STYLES: &[(&str, &str)] = &[
    ("person", "people in the text"),
    ("place", "places"),
    ("organization", "organisations"),
    ("other_entity", "other named things"),
    ("focused_entity", "every mention of the focused entity"),
    ("search_hit", "search hits"),
    ("quote", "quotes"),
    ("cursor", "the passage under the cursor"),
    ("cursor_bar", "the bar left of the cursor passage"),
    ("bookmark", "the gutter mark of a bookmarked passage"),
    ("selection", "passages selected with v"),
    ("title", "an article's title"),
    ("meta", "byline, date and outlet"),
    ("heading", "headings in the text"),
    ("removed", "removed boilerplate shown with x"),
    ("removed_reason", "why it was removed"),
    ("selected", "the selected row of the focused list"),
    (
        "selected_unfocused",
        "the selected row of a list without focus",
    ),
    ("border", "pane borders"),
    ("border_focused", "the focused pane's border"),
    ("status", "the status bar"),
    ("status_key", "keys and figures in the status bar"),
    ("message", "messages"),
    ("error", "errors"),
    ("dim", "secondary text"),
    ("strength", "compare: the gutter bar of a matching passage"),
];

/// The style a `[theme]` name sets.
pub fn slot<'t>(theme: &'t mut Theme, name: &str) -> Option<&'t mut Style> {
    Some(match name {
        "person" => &mut theme.person,
        "place" => &mut theme.place,
        "organization" => &mut theme.organization,
        "other_entity" => &mut theme.other_entity,
        "focused_entity" => &mut theme.focused_entity,
        "search_hit" => &mut theme.search_hit,
        "quote" => &mut theme.quote,
        "cursor" => &mut theme.cursor,
        "cursor_bar" => &mut theme.cursor_bar,
        "bookmark" => &mut theme.bookmark,
        "selection" => &mut theme.selection,
        "title" => &mut theme.title,
        "meta" => &mut theme.meta,
        "heading" => &mut theme.heading,
        "removed" => &mut theme.removed,
        "removed_reason" => &mut theme.removed_reason,
        "selected" => &mut theme.selected,
        "selected_unfocused" => &mut theme.selected_unfocused,
        "border" => &mut theme.border,
        "border_focused" => &mut theme.border_focused,
        "status" => &mut theme.status,
        "status_key" => &mut theme.status_key,
        "message" => &mut theme.message,
        "error" => &mut theme.error,
        "dim" => &mut theme.dim,
        "strength" => &mut theme.strength,
        _ => return None,
    })
}

/// Reads the config file (missing: defaults) and applies it over the default
/// keys and `theme`. The error is one line: `FILE: line N: problem`.
pub fn load(path: &Path, theme: Theme) -> Result<(KeyMap, Theme), String> {
    let actions: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
    let classes: Vec<&str> = STYLES.iter().map(|(n, _)| *n).collect();
    let vocab = Vocabulary {
        actions: &actions,
        classes: &classes,
    };
    let config = Config::load(path, &vocab).map_err(|e| e.0)?;
    Ok(apply(&config, KeyMap::default(), theme))
}

/// A parsed config over a key table and a theme.
pub fn apply(config: &Config, mut keymap: KeyMap, mut theme: Theme) -> (KeyMap, Theme) {
    for (name, keys) in &config.keys {
        if let Some(action) = Action::from_name(name) {
            keymap.set(action, keys.iter().map(|&k| KeyChord::from(k)).collect());
        }
    }
    for (name, spec) in &config.theme {
        if let Some(style) = slot(&mut theme, name) {
            *style = restyle(*style, spec);
        }
    }
    (keymap, theme)
}

/// `base` with what `spec` gives replaced.
pub fn restyle(mut base: Style, spec: &StyleSpec) -> Style {
    if let Some(c) = spec.fg {
        base = base.fg(colour(c));
    }
    if let Some(c) = spec.bg {
        base = base.bg(colour(c));
    }
    for (on, m) in [
        (spec.bold, Modifier::BOLD),
        (spec.italic, Modifier::ITALIC),
        (spec.underline, Modifier::UNDERLINED),
        (spec.reverse, Modifier::REVERSED),
    ] {
        base = match on {
            Some(true) => base.add_modifier(m),
            Some(false) => base.remove_modifier(m),
            None => base,
        };
    }
    base
}

const NAMES: &[(NamedColor, Color, &str)] = &[
    (NamedColor::Black, Color::Black, "black"),
    (NamedColor::Red, Color::Red, "red"),
    (NamedColor::Green, Color::Green, "green"),
    (NamedColor::Yellow, Color::Yellow, "yellow"),
    (NamedColor::Blue, Color::Blue, "blue"),
    (NamedColor::Magenta, Color::Magenta, "magenta"),
    (NamedColor::Cyan, Color::Cyan, "cyan"),
    (NamedColor::Gray, Color::Gray, "gray"),
    (NamedColor::DarkGray, Color::DarkGray, "darkgray"),
    (NamedColor::LightRed, Color::LightRed, "lightred"),
    (NamedColor::LightGreen, Color::LightGreen, "lightgreen"),
    (NamedColor::LightYellow, Color::LightYellow, "lightyellow"),
    (NamedColor::LightBlue, Color::LightBlue, "lightblue"),
    (
        NamedColor::LightMagenta,
        Color::LightMagenta,
        "lightmagenta",
    ),
    (NamedColor::LightCyan, Color::LightCyan, "lightcyan"),
    (NamedColor::White, Color::White, "white"),
];

fn colour(c: config::Color) -> Color {
    match c {
        config::Color::Reset => Color::Reset,
        config::Color::Indexed(i) => Color::Indexed(i),
        config::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
        config::Color::Named(n) => NAMES
            .iter()
            .find(|(m, _, _)| *m == n)
            .map_or(Color::Reset, |(_, c, _)| *c),
    }
}

/// A colour as a config file writes it.
fn colour_name(c: Color) -> String {
    match c {
        Color::Indexed(i) => i.to_string(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Reset => "reset".into(),
        c => NAMES
            .iter()
            .find(|(_, d, _)| *d == c)
            .map_or_else(|| "reset".into(), |(_, _, n)| (*n).to_string()),
    }
}

/// A style as an inline TOML table: `{ fg = "yellow", bold = true }`.
fn style_toml(s: Style) -> String {
    let mut parts = Vec::new();
    if let Some(c) = s.fg {
        parts.push(format!("fg = \"{}\"", colour_name(c)));
    }
    if let Some(c) = s.bg {
        parts.push(format!("bg = \"{}\"", colour_name(c)));
    }
    for (m, name) in [
        (Modifier::BOLD, "bold"),
        (Modifier::ITALIC, "italic"),
        (Modifier::UNDERLINED, "underline"),
        (Modifier::REVERSED, "reverse"),
    ] {
        if s.add_modifier.contains(m) {
            parts.push(format!("{name} = true"));
        }
    }
    format!("{{ {} }}", parts.join(", "))
}

/// A TOML string for a key (quotes and backslashes escaped).
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The defaults as a commented config file (`parallax --print-config`).
pub fn default_config() -> String {
    let keymap = KeyMap::default();
    let theme = Theme::default();
    let mut out = String::from(
        "# parallax config: every action with its default keys, every style.\n\
         # Save as config.toml in the config directory (or pass --config FILE, or set\n\
         # PARALLAX_CONFIG); delete what you don't change.\n\
         #\n\
         # Keys: a character (\"G\" is shift-g), or a name: Enter, Esc, Tab, Shift-Tab,\n\
         # Backspace, Delete, Insert, Up, Down, Left, Right, Home, End, PageUp, PageDown,\n\
         # Space, F1-F24; with Ctrl-, Alt- or Shift- in front (\"Ctrl-n\").\n\
         # An action listed here loses its default keys.\n\
         \n[keys]\n",
    );
    for action in Action::ALL {
        let keys: Vec<String> = keymap
            .keys(action)
            .iter()
            .map(|k| quoted(&k.to_string()))
            .collect();
        let _ = writeln!(out, "# {}", action.description());
        let _ = writeln!(out, "{} = [{}]", action.name(), keys.join(", "));
    }
    out.push_str(
        "\n# Colours: black, red, green, yellow, blue, magenta, cyan, gray, darkgray,\n\
         # lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white,\n\
         # reset, \"#rrggbb\", or a number 0-255. A bare colour (person = \"yellow\") sets\n\
         # the foreground. Only what an entry gives replaces the default.\n\
         \n[theme]\n",
    );
    let mut theme = theme;
    for (name, what) in STYLES {
        let style = slot(&mut theme, name).map_or_else(Style::new, |s| *s);
        let _ = writeln!(out, "# {what}");
        let _ = writeln!(out, "{name} = {}", style_toml(style));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ConfigError;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        let actions: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        let classes: Vec<&str> = STYLES.iter().map(|(n, _)| *n).collect();
        Config::parse(
            text,
            "config.toml",
            &Vocabulary {
                actions: &actions,
                classes: &classes,
            },
        )
    }

    #[test]
    fn every_style_name_has_a_slot() {
        let mut t = Theme::default();
        for (name, _) in STYLES {
            assert!(slot(&mut t, name).is_some(), "{name}");
        }
        assert!(slot(&mut t, "nope").is_none());
        // And every style of the theme has a name: its fields, read off its
        // Debug form (`name: Style {`), are all listed.
        let debug = format!("{t:?}");
        let mut before: Vec<&str> = debug.split(": Style").collect();
        before.pop();
        let fields: Vec<&str> = before
            .iter()
            .filter_map(|b| b.rsplit([' ', '{', ',']).next())
            .collect();
        assert_eq!(fields.len(), STYLES.len(), "{fields:?}");
        for f in fields {
            assert!(STYLES.iter().any(|(n, _)| *n == f), "{f} has no name");
        }
    }

    #[test]
    fn printed_defaults_parse_back_to_the_defaults() {
        let config = parse(&default_config()).unwrap();
        // Every action and style is written out in full: applied over nothing,
        // they give the defaults.
        let keymap = KeyMap::default();
        assert_eq!(config.keys.len(), Action::ALL.len());
        for a in Action::ALL {
            let keys: Vec<KeyChord> = config.keys[a.name()]
                .iter()
                .map(|&k| KeyChord::from(k))
                .collect();
            assert_eq!(keys, keymap.keys(a), "{a:?}");
        }
        let mut defaults = Theme::default();
        assert_eq!(config.theme.len(), STYLES.len());
        for (name, _) in STYLES {
            let want = *slot(&mut defaults, name).unwrap();
            assert_eq!(restyle(Style::new(), &config.theme[*name]), want, "{name}");
        }
        let (k, t) = apply(&config, KeyMap::default(), Theme::no_color());
        assert_eq!(k, KeyMap::default());
        assert_ne!(t, Theme::no_color());
    }

    #[test]
    fn rebinding_and_styles_apply() {
        let config = parse(
            "[keys]\nquit = [\"Q\"]\nsearch = [\"ctrl-f\", \"/\"]\n[theme]\nsearch_hit = { fg = \"white\", bg = \"#102030\", bold = true }\nperson = \"red\"\n",
        )
        .unwrap();
        let (k, t) = apply(&config, KeyMap::default(), Theme::default());
        assert_eq!(k.label(Action::Quit), "Q");
        assert_eq!(k.label(Action::Search), "Ctrl-f, /");
        assert_eq!(
            t.search_hit,
            Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(0x10, 0x20, 0x30))
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(t.person.fg, Some(Color::Red));
        assert_eq!(t.place, Theme::default().place);
    }

    #[test]
    fn unknown_names_are_errors_with_the_line() {
        let e = parse("[keys]\nsearch = [\"/\"]\nteleport = [\"t\"]\n").unwrap_err();
        assert_eq!(e.0, "config.toml: line 3: unknown action \"teleport\"");
        let e = parse("\n[theme]\nsearch_hit = \"mauve\"\n").unwrap_err();
        assert!(
            e.0.starts_with("config.toml: line 3: unknown colour"),
            "{e}"
        );
    }
}
