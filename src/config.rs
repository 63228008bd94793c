//! The config file: key bindings and theme, in TOML. Parsed into plain data here
//! (no terminal types); the TUI turns it into its key table and styles.
//!
//! ```toml
//! [keys]                 # action = [keys]; replaces that action's defaults
//! quit = ["Q"]
//! next_mention = ["]", "ctrl-n"]
//! [theme]                # named colour or "#rrggbb", or a table
//! person = "yellow"
//! cursor = { bg = "#303030", bold = true }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

/// A key as written in the config (`"Q"`, `"ctrl-n"`, `"]"`, `"PageDown"`). This
/// is the one key grammar: the TUI's key table parses its defaults with it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySpec {
    pub key: Key,
    pub ctrl: bool,
    pub alt: bool,
    /// Only for named keys (`shift-up`): a character carries its own case, and
    /// Shift-Tab is `Key::BackTab`.
    pub shift: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A printable character; case matters (`Q` is shift-q).
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

const NAMED_KEYS: &[(&str, Key)] = &[
    ("enter", Key::Enter),
    ("return", Key::Enter),
    ("esc", Key::Esc),
    ("escape", Key::Esc),
    ("tab", Key::Tab),
    ("backtab", Key::BackTab),
    ("backspace", Key::Backspace),
    ("delete", Key::Delete),
    ("del", Key::Delete),
    ("insert", Key::Insert),
    ("up", Key::Up),
    ("down", Key::Down),
    ("left", Key::Left),
    ("right", Key::Right),
    ("home", Key::Home),
    ("end", Key::End),
    ("pageup", Key::PageUp),
    ("pgup", Key::PageUp),
    ("pagedown", Key::PageDown),
    ("pgdn", Key::PageDown),
    ("space", Key::Char(' ')),
];

impl KeySpec {
    pub const fn plain(key: Key) -> KeySpec {
        KeySpec {
            key,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    pub const fn ctrl(c: char) -> KeySpec {
        KeySpec {
            key: Key::Char(c),
            ctrl: true,
            alt: false,
            shift: false,
        }
    }

    /// Parses `"Q"`, `"ctrl-n"`, `"alt-x"`, `"shift-tab"`, `"]"`, `"-"`, `"F1"`,
    /// `"space"`, `"PageDown"`: modifier and key names are case-insensitive,
    /// single characters not (except under Ctrl, which terminals report lower-case).
    pub fn parse(s: &str) -> Result<KeySpec, String> {
        let mut spec = KeySpec::plain(Key::Esc);
        let mut rest = s;
        // A lone "-" or "ctrl--" names the minus key itself.
        while let Some((m, tail)) = rest
            .split_once('-')
            .filter(|(m, t)| !m.is_empty() && !t.is_empty())
        {
            match m.to_ascii_lowercase().as_str() {
                "ctrl" | "c" | "control" => spec.ctrl = true,
                "alt" | "a" | "meta" | "m" => spec.alt = true,
                "shift" | "s" => spec.shift = true,
                _ => break,
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        spec.key = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                let c = if spec.ctrl {
                    c.to_ascii_lowercase()
                } else if spec.shift {
                    c.to_ascii_uppercase()
                } else {
                    c
                };
                spec.shift = false;
                Key::Char(c)
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, k)) = NAMED_KEYS.iter().find(|(n, _)| *n == lower) {
                    match *k {
                        Key::Tab if spec.shift => {
                            spec.shift = false;
                            Key::BackTab
                        }
                        Key::Char(_) | Key::BackTab => {
                            spec.shift = false;
                            *k
                        }
                        k => k,
                    }
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=24).contains(&n) {
                        return Err(format!("unknown key \"{s}\""));
                    }
                    Key::F(n)
                } else {
                    return Err(format!("unknown key \"{s}\""));
                }
            }
        };
        Ok(spec)
    }
}

/// Written so that `KeySpec::parse` reads it back: `Ctrl-c`, `Shift-Tab`, `Space`.
impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("Space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::BackTab => f.write_str("Shift-Tab"),
            Key::F(n) => write!(f, "F{n}"),
            Key::PageUp => f.write_str("PageUp"),
            Key::PageDown => f.write_str("PageDown"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A colour: a terminal's named colour or RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Reset,
    Named(NamedColor),
    /// One of the 256 indexed colours, written as its number (`"237"`).
    Indexed(u8),
    Rgb(u8, u8, u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedColor {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

const NAMED_COLORS: &[(&str, NamedColor)] = &[
    ("black", NamedColor::Black),
    ("red", NamedColor::Red),
    ("green", NamedColor::Green),
    ("yellow", NamedColor::Yellow),
    ("blue", NamedColor::Blue),
    ("magenta", NamedColor::Magenta),
    ("cyan", NamedColor::Cyan),
    ("gray", NamedColor::Gray),
    ("grey", NamedColor::Gray),
    ("darkgray", NamedColor::DarkGray),
    ("darkgrey", NamedColor::DarkGray),
    ("lightred", NamedColor::LightRed),
    ("lightgreen", NamedColor::LightGreen),
    ("lightyellow", NamedColor::LightYellow),
    ("lightblue", NamedColor::LightBlue),
    ("lightmagenta", NamedColor::LightMagenta),
    ("lightcyan", NamedColor::LightCyan),
    ("white", NamedColor::White),
];

impl Color {
    pub fn parse(s: &str) -> Result<Color, String> {
        let lower: String = s
            .chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        if lower == "reset" || lower == "default" {
            return Ok(Color::Reset);
        }
        if let Some((_, c)) = NAMED_COLORS.iter().find(|(n, _)| *n == lower) {
            return Ok(Color::Named(*c));
        }
        if let Ok(i) = lower.parse::<u8>() {
            return Ok(Color::Indexed(i));
        }
        if let Some(hex) = s.strip_prefix('#').filter(|h| h.len() == 6)
            && let Ok(v) = u32::from_str_radix(hex, 16)
        {
            return Ok(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
        }
        Err(format!(
            "unknown colour \"{s}\" (a named colour, \"#rrggbb\" or 0-255)"
        ))
    }
}

/// A style override from `[theme]`: only what is given replaces the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StyleSpec {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
    pub reverse: Option<bool>,
}

/// A parsed, validated config file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// action name -> the keys that replace its defaults.
    pub keys: BTreeMap<String, Vec<KeySpec>>,
    /// style class -> override.
    pub theme: BTreeMap<String, StyleSpec>,
}

/// A config problem: one line naming the file, the line and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    theme: BTreeMap<Spanned<String>, Spanned<RawStyle>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawStyle {
    Colour(String),
    Table(RawStyleTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyleTable {
    fg: Option<String>,
    bg: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    reverse: Option<bool>,
}

/// What the front end accepts: its action names and style classes.
pub struct Vocabulary<'a> {
    pub actions: &'a [&'a str],
    pub classes: &'a [&'a str],
}

impl Config {
    /// Reads `path`; a missing file means defaults.
    pub fn load(path: &Path, vocab: &Vocabulary<'_>) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, &path.display().to_string(), vocab),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(ConfigError(format!("{}: cannot read: {e}", path.display()))),
        }
    }

    /// Parses config text; `name` is the file name used in errors.
    pub fn parse(text: &str, name: &str, vocab: &Vocabulary<'_>) -> Result<Config, ConfigError> {
        let at = |span: std::ops::Range<usize>, problem: String| {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            ConfigError(format!("{name}: line {line}: {problem}"))
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let mut problem = e.message().trim().replace('\n', " ");
            if problem.contains("untagged enum RawStyle") {
                problem = "a style is a colour (\"yellow\") or a table ({ fg = \"yellow\", bold = true })".into();
            }
            match e.span() {
                Some(span) => at(span, problem),
                None => ConfigError(format!("{name}: {problem}")),
            }
        })?;
        let mut config = Config::default();
        for (action, keys) in raw.keys {
            if !vocab.actions.contains(&action.get_ref().as_str()) {
                return Err(at(
                    action.span(),
                    format!("unknown action \"{}\"", action.get_ref()),
                ));
            }
            let mut specs = Vec::new();
            for k in keys.get_ref() {
                specs.push(KeySpec::parse(k.get_ref()).map_err(|p| at(k.span(), p))?);
            }
            config.keys.insert(action.into_inner(), specs);
        }
        for (class, style) in raw.theme {
            if !vocab.classes.contains(&class.get_ref().as_str()) {
                return Err(at(
                    class.span(),
                    format!(
                        "unknown theme entry \"{}\" (one of: {})",
                        class.get_ref(),
                        vocab.classes.join(", ")
                    ),
                ));
            }
            let span = style.span();
            let colour = |s: &Option<String>| {
                s.as_deref()
                    .map(Color::parse)
                    .transpose()
                    .map_err(|p| at(span.clone(), p))
            };
            let spec = match style.get_ref() {
                RawStyle::Colour(c) => StyleSpec {
                    fg: colour(&Some(c.clone()))?,
                    ..StyleSpec::default()
                },
                RawStyle::Table(t) => StyleSpec {
                    fg: colour(&t.fg)?,
                    bg: colour(&t.bg)?,
                    bold: t.bold,
                    italic: t.italic,
                    underline: t.underline,
                    reverse: t.reverse,
                },
            };
            config.theme.insert(class.into_inner(), spec);
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VOCAB: Vocabulary<'static> = Vocabulary {
        actions: &["quit", "next_mention", "down"],
        classes: &["person", "cursor"],
    };

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, "config.toml", &VOCAB)
    }

    #[test]
    fn keys_parse() {
        assert_eq!(KeySpec::parse("Q").unwrap(), KeySpec::plain(Key::Char('Q')));
        assert_eq!(KeySpec::parse("ctrl-n").unwrap(), KeySpec::ctrl('n'));
        assert_eq!(KeySpec::parse("]").unwrap(), KeySpec::plain(Key::Char(']')));
        assert_eq!(KeySpec::parse("-").unwrap(), KeySpec::plain(Key::Char('-')));
        assert_eq!(KeySpec::parse("ctrl--").unwrap(), KeySpec::ctrl('-'));
        assert_eq!(
            KeySpec::parse("shift-tab").unwrap(),
            KeySpec::plain(Key::BackTab)
        );
        assert_eq!(
            KeySpec::parse("PageDown").unwrap(),
            KeySpec::plain(Key::PageDown)
        );
        assert_eq!(
            KeySpec::parse("space").unwrap(),
            KeySpec::plain(Key::Char(' '))
        );
        assert_eq!(KeySpec::parse("F5").unwrap(), KeySpec::plain(Key::F(5)));
        assert!(KeySpec::parse("hyper-x").is_err());
        assert!(KeySpec::parse("F99").is_err());
        assert!(KeySpec::parse("").is_err());
        assert_eq!(KeySpec::parse("CTRL-N").unwrap(), KeySpec::ctrl('n'));
        assert_eq!(
            KeySpec::parse("shift-a").unwrap(),
            KeySpec::plain(Key::Char('A'))
        );
        let shift_up = KeySpec::parse("shift-up").unwrap();
        assert!(shift_up.shift && shift_up.key == Key::Up);
        assert_eq!(KeySpec::ctrl('n').to_string(), "Ctrl-n");
        for s in [
            "j",
            "G",
            "?",
            "-",
            "Ctrl-c",
            "Ctrl--",
            "Alt-x",
            "Shift-Up",
            "Shift-Tab",
            "Space",
            "PageDown",
            "Enter",
            "Esc",
            "F5",
        ] {
            let k = KeySpec::parse(s).unwrap();
            assert_eq!(k.to_string(), s, "displayed as parsed");
        }
        assert_eq!(KeySpec::plain(Key::BackTab).to_string(), "Shift-Tab");
    }

    #[test]
    fn colours_parse() {
        assert_eq!(
            Color::parse("yellow").unwrap(),
            Color::Named(NamedColor::Yellow)
        );
        assert_eq!(
            Color::parse("Light-Blue").unwrap(),
            Color::Named(NamedColor::LightBlue)
        );
        assert_eq!(Color::parse("#ff8000").unwrap(), Color::Rgb(255, 128, 0));
        assert_eq!(Color::parse("237").unwrap(), Color::Indexed(237));
        assert!(Color::parse("256").is_err());
        assert!(Color::parse("#ff80").is_err());
        assert!(Color::parse("chartreuse").is_err());
    }

    #[test]
    fn full_config() {
        let c = parse(
            "[keys]\nquit = [\"Q\"]\nnext_mention = [\"]\", \"ctrl-n\"]\n\n[theme]\nperson = \"yellow\"\ncursor = { bg = \"#303030\", bold = true }\n",
        )
        .unwrap();
        assert_eq!(c.keys["quit"], vec![KeySpec::plain(Key::Char('Q'))]);
        assert_eq!(c.keys["next_mention"].len(), 2);
        assert_eq!(c.theme["person"].fg, Some(Color::Named(NamedColor::Yellow)));
        assert_eq!(c.theme["cursor"].bg, Some(Color::Rgb(0x30, 0x30, 0x30)));
        assert_eq!(c.theme["cursor"].bold, Some(true));
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn errors_name_file_line_and_problem() {
        let e = parse("[keys]\nquit = [\"Q\"]\nfly = [\"f\"]\n").unwrap_err();
        assert_eq!(e.0, "config.toml: line 3: unknown action \"fly\"");
        let e = parse("[keys]\n\nquit = [\"hyper-q\"]\n").unwrap_err();
        assert_eq!(e.0, "config.toml: line 3: unknown key \"hyper-q\"");
        let e = parse("[theme]\nperson = \"chartreuse\"\n").unwrap_err();
        assert!(
            e.0.starts_with("config.toml: line 2: unknown colour"),
            "{}",
            e.0
        );
        let e = parse("[theme]\nfoo = \"red\"\n").unwrap_err();
        assert!(
            e.0.starts_with("config.toml: line 2: unknown theme entry \"foo\""),
            "{}",
            e.0
        );
        let e = parse("[keys\nquit = 1\n").unwrap_err();
        assert!(e.0.starts_with("config.toml: line 1: "), "{}", e.0);
        let e = parse("[theme]\nperson = 3\n").unwrap_err();
        assert!(
            e.0.starts_with("config.toml: line 2: a style is a colour"),
            "{}",
            e.0
        );
        let e = parse("[colours]\n").unwrap_err();
        assert!(e.0.starts_with("config.toml: line 1: "), "{}", e.0);
    }

    #[test]
    fn missing_file_means_defaults() {
        let c = Config::load(Path::new("/no/such/parallax.toml"), &VOCAB).unwrap();
        assert_eq!(c, Config::default());
    }
}
