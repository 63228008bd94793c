//! The one key table: key -> `Action`. Key handling, the help screen and the
//! status-bar hints all read it, so they cannot drift apart; a config file replaces
//! an action's keys with `KeyMap::set` and everything follows.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use crate::config::{Key, KeySpec};

/// One key with its modifiers, normalised so that `G` is `G` whether or not the
/// terminal also reports Shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeyChord {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> KeyChord {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        // The character already carries the shift; BackTab is Shift-Tab by name.
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        KeyChord { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> KeyChord {
        KeyChord::new(ev.code, ev.modifiers)
    }

    /// Parses a key in the config grammar (`config::KeySpec`): `j`, `G`, `?`,
    /// `ctrl-c`, `shift-tab`, `space`, `pagedown`, `f1`…
    pub fn parse(s: &str) -> Result<KeyChord, String> {
        KeySpec::parse(s).map(KeyChord::from)
    }

    /// The same key in the config grammar; None for keys it has no name for.
    pub fn spec(&self) -> Option<KeySpec> {
        let key = match self.code {
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab => Key::BackTab,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            KeyCode::Insert => Key::Insert,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::F(n) => Key::F(n),
            _ => return None,
        };
        Some(KeySpec {
            key,
            ctrl: self.mods.contains(KeyModifiers::CONTROL),
            alt: self.mods.contains(KeyModifiers::ALT),
            shift: self.mods.contains(KeyModifiers::SHIFT),
        })
    }
}

impl From<KeySpec> for KeyChord {
    fn from(k: KeySpec) -> KeyChord {
        let code = match k.key {
            Key::Char(c) => KeyCode::Char(c),
            Key::Enter => KeyCode::Enter,
            Key::Esc => KeyCode::Esc,
            Key::Tab => KeyCode::Tab,
            Key::BackTab => KeyCode::BackTab,
            Key::Backspace => KeyCode::Backspace,
            Key::Delete => KeyCode::Delete,
            Key::Insert => KeyCode::Insert,
            Key::Up => KeyCode::Up,
            Key::Down => KeyCode::Down,
            Key::Left => KeyCode::Left,
            Key::Right => KeyCode::Right,
            Key::Home => KeyCode::Home,
            Key::End => KeyCode::End,
            Key::PageUp => KeyCode::PageUp,
            Key::PageDown => KeyCode::PageDown,
            Key::F(n) => KeyCode::F(n),
        };
        let mut mods = KeyModifiers::NONE;
        mods.set(KeyModifiers::CONTROL, k.ctrl);
        mods.set(KeyModifiers::ALT, k.alt);
        mods.set(KeyModifiers::SHIFT, k.shift);
        KeyChord::new(code, mods)
    }
}

/// In the config grammar, so help and messages name keys as a config file does.
impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.spec() {
            Some(spec) => spec.fmt(f),
            None => write!(f, "{:?}", self.code),
        }
    }
}

/// The default bindings (DESIGN.md's key table, plus Home/End).
const DEFAULTS: &[(Action, &[&str])] = &[
    (Action::Quit, &["q", "ctrl-c"]),
    (Action::Down, &["j", "down"]),
    (Action::Up, &["k", "up"]),
    (Action::First, &["g", "home"]),
    (Action::Last, &["G", "end"]),
    (Action::PageDown, &["space", "pagedown"]),
    (Action::PageUp, &["b", "pageup"]),
    (Action::HalfPageDown, &["d"]),
    (Action::HalfPageUp, &["u"]),
    (Action::NextPane, &["tab"]),
    (Action::PrevPane, &["shift-tab"]),
    (Action::Open, &["enter"]),
    (Action::Back, &["esc"]),
    (Action::Search, &["/"]),
    (Action::NextHit, &["n"]),
    (Action::PrevHit, &["N"]),
    (Action::Entities, &["e"]),
    (Action::NextMention, &["]"]),
    (Action::PrevMention, &["["]),
    (Action::FocusPerson, &["*"]),
    (Action::Compare, &["c"]),
    (Action::ToggleSync, &["s"]),
    (Action::Bookmark, &["m"]),
    (Action::Bookmarks, &["'"]),
    (Action::ToggleRemoved, &["x"]),
    (Action::Help, &["?"]),
    (Action::Select, &["v"]),
    (Action::DeleteBookmark, &["d"]),
    (Action::UndoDelete, &["u"]),
    (Action::EditNote, &["a"]),
];

/// Where the keys are going, for the hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Sources,
    Reader,
    Help,
    /// The bookmarks list (`'`).
    Bookmarks,
    /// Selecting passages to bookmark (`v`).
    Select,
    /// The entity panel (`e`): letters type into its filter.
    Entities,
    /// The compare picker (`c`).
    Picker,
    /// Two articles side by side.
    Compare,
}

/// Where an action's keys apply: everywhere (None), or only in one context,
/// where they win over the global bindings (`d` deletes in the bookmarks list
/// and pages elsewhere).
pub fn scope(action: Action) -> Option<Context> {
    match action {
        Action::DeleteBookmark | Action::UndoDelete | Action::EditNote => Some(Context::Bookmarks),
        _ => None,
    }
}

/// Hints per context: groups of actions shown as `j/k move`.
fn hint_groups(ctx: Context) -> &'static [&'static [Action]] {
    match ctx {
        Context::Sources => &[
            &[Action::Down, Action::Up],
            &[Action::Open],
            &[Action::NextPane],
            &[Action::Search],
            &[Action::Entities],
            &[Action::ToggleRemoved],
            &[Action::Help],
            &[Action::Quit],
        ],
        Context::Reader => &[
            &[Action::Down, Action::Up],
            &[Action::PageDown, Action::PageUp],
            &[Action::Back],
            &[Action::Search],
            &[Action::Entities],
            &[Action::Compare],
            &[Action::Quit],
            &[Action::ToggleRemoved],
            &[Action::Bookmark],
            &[Action::Bookmarks],
            &[Action::Help],
        ],
        Context::Help => &[&[Action::Down, Action::Up], &[Action::Back]],
        Context::Picker => &[
            &[Action::Down, Action::Up],
            &[Action::Open],
            &[Action::Back],
        ],
        Context::Compare => &[
            &[Action::Down, Action::Up],
            &[Action::NextPane],
            &[Action::ToggleSync],
            &[Action::Back],
            &[Action::Help],
        ],
        Context::Bookmarks => &[
            &[Action::Down, Action::Up],
            &[Action::Open],
            &[Action::EditNote],
            &[Action::DeleteBookmark],
            &[Action::UndoDelete],
            &[Action::Back],
        ],
        Context::Select => &[
            &[Action::Down, Action::Up],
            &[Action::Bookmark],
            &[Action::Back],
        ],
        // Letters type into the filter: only keys that aren't text move.
        Context::Entities => &[&[Action::Back]],
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    /// Every action, in `Action::ALL` order, with its keys (possibly none).
    bindings: Vec<(Action, Vec<KeyChord>)>,
}

impl Default for KeyMap {
    fn default() -> Self {
        let mut map = KeyMap {
            bindings: Action::ALL.iter().map(|&a| (a, Vec::new())).collect(),
        };
        for (action, keys) in DEFAULTS {
            let keys = keys
                .iter()
                .map(|k| KeyChord::parse(k).expect("default keys parse"))
                .collect();
            map.set(*action, keys);
        }
        map
    }
}

impl KeyMap {
    /// Replaces an action's keys; a key taken from another action of the same
    /// scope leaves it.
    pub fn set(&mut self, action: Action, keys: Vec<KeyChord>) {
        for (a, ks) in &mut self.bindings {
            if *a != action && scope(*a) == scope(action) {
                ks.retain(|k| !keys.contains(k));
            }
        }
        if let Some((_, ks)) = self.bindings.iter_mut().find(|(a, _)| *a == action) {
            *ks = keys;
        }
    }

    pub fn keys(&self, action: Action) -> &[KeyChord] {
        self.bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map_or(&[], |(_, ks)| ks.as_slice())
    }

    /// The action bound to a key press (releases and repeats of other kinds are
    /// ignored, as Windows reports them).
    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        self.find(ev, None)
    }

    /// The action bound to a key press in a context: its own actions first,
    /// then the global ones.
    pub fn action_in(&self, ctx: Context, ev: &KeyEvent) -> Option<Action> {
        self.find(ev, Some(ctx)).or_else(|| self.find(ev, None))
    }

    fn find(&self, ev: &KeyEvent, ctx: Option<Context>) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let chord = KeyChord::from_event(ev);
        self.bindings
            .iter()
            .find(|(a, ks)| scope(*a) == ctx && ks.contains(&chord))
            .map(|(a, _)| *a)
    }

    /// All keys of an action, as shown in help: `j, Down`.
    pub fn label(&self, action: Action) -> String {
        let keys: Vec<String> = self.keys(action).iter().map(ToString::to_string).collect();
        keys.join(", ")
    }

    /// Every action with its keys and description, for the help screen.
    pub fn rows(&self) -> impl Iterator<Item = (Action, String)> + '_ {
        self.bindings.iter().map(|(a, _)| (*a, self.label(*a)))
    }

    /// The help screen's lines: keys, and what they do.
    pub fn help(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .rows()
            .map(|(a, keys)| (keys, a.description().to_string()))
            .collect();
        out.push(("click".into(), "select an article or a passage".into()));
        out.push(("wheel".into(), "scroll".into()));
        out
    }

    /// Status-bar hints for a context: (`j/k`, `move`); actions without keys are
    /// left out.
    pub fn hints(&self, ctx: Context) -> Vec<(String, &'static str)> {
        let typing = match ctx {
            Context::Entities => self.typing_hints(),
            _ => Vec::new(),
        };
        let table = hint_groups(ctx).iter().filter_map(|group| {
            let keys: Vec<String> = group
                .iter()
                .filter_map(|&a| self.keys(a).first().map(ToString::to_string))
                .collect();
            (!keys.is_empty()).then(|| (keys.join("/"), group[0].hint()))
        });
        typing.into_iter().chain(table).collect()
    }

    /// Where letters are text (the entity panel's filter): say so, and which
    /// keys still move (those of `down`/`up` that aren't characters, and
    /// Ctrl-n/p) and focus (`open`'s).
    fn typing_hints(&self) -> Vec<(String, &'static str)> {
        let moving = |a| {
            self.keys(a)
                .iter()
                .find(|k| !matches!(k.code, KeyCode::Char(_)))
                .map(ToString::to_string)
        };
        let mut keys: Vec<String> = [moving(Action::Down), moving(Action::Up)]
            .into_iter()
            .flatten()
            .collect();
        keys.push("Ctrl-n/p".into());
        let mut out = vec![("type".into(), "filter"), (keys.join("/"), "move")];
        out.extend(moving(Action::Open).map(|k| (k, "focus")));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_follow_the_contract() {
        let map = KeyMap::default();
        let cases = [
            (KeyCode::Char('q'), KeyModifiers::NONE, Action::Quit),
            (KeyCode::Char('c'), KeyModifiers::CONTROL, Action::Quit),
            (KeyCode::Char('j'), KeyModifiers::NONE, Action::Down),
            (KeyCode::Down, KeyModifiers::NONE, Action::Down),
            (KeyCode::Char('G'), KeyModifiers::SHIFT, Action::Last),
            (KeyCode::Char('G'), KeyModifiers::NONE, Action::Last),
            (KeyCode::Char(' '), KeyModifiers::NONE, Action::PageDown),
            (KeyCode::PageUp, KeyModifiers::NONE, Action::PageUp),
            (KeyCode::Char('d'), KeyModifiers::NONE, Action::HalfPageDown),
            (KeyCode::BackTab, KeyModifiers::SHIFT, Action::PrevPane),
            (KeyCode::Enter, KeyModifiers::NONE, Action::Open),
            (KeyCode::Esc, KeyModifiers::NONE, Action::Back),
            (KeyCode::Char('?'), KeyModifiers::SHIFT, Action::Help),
            (
                KeyCode::Char('x'),
                KeyModifiers::NONE,
                Action::ToggleRemoved,
            ),
            (KeyCode::Char('\''), KeyModifiers::NONE, Action::Bookmarks),
        ];
        for (code, mods, want) in cases {
            assert_eq!(map.action(&press(code, mods)), Some(want), "{code:?}");
        }
        assert_eq!(
            map.action(&press(KeyCode::Char('z'), KeyModifiers::NONE)),
            None
        );
        // Every action has a default key.
        for a in Action::ALL {
            assert!(!map.keys(a).is_empty(), "{a:?}");
        }
    }

    #[test]
    fn parse_and_display_round_trip() {
        for s in [
            "j",
            "G",
            "?",
            "Ctrl-c",
            "Shift-Tab",
            "Space",
            "PageDown",
            "Enter",
            "F5",
        ] {
            let k = KeyChord::parse(s).unwrap();
            assert_eq!(k.to_string(), s);
            assert_eq!(KeyChord::parse(&k.to_string()).unwrap(), k);
        }
        assert_eq!(
            KeyChord::parse("CTRL-N").unwrap(),
            KeyChord::new(KeyCode::Char('n'), KeyModifiers::CONTROL)
        );
        assert!(KeyChord::parse("hyper-x").is_err());
        assert!(KeyChord::parse("").is_err());
    }

    #[test]
    fn list_keys_apply_in_the_list_only() {
        let mut map = KeyMap::default();
        let d = press(KeyCode::Char('d'), KeyModifiers::NONE);
        let v = press(KeyCode::Char('v'), KeyModifiers::NONE);
        assert_eq!(map.action(&d), Some(Action::HalfPageDown));
        assert_eq!(
            map.action_in(Context::Reader, &d),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            map.action_in(Context::Bookmarks, &d),
            Some(Action::DeleteBookmark)
        );
        // Global keys still work in the list; `v` everywhere.
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(map.action_in(Context::Bookmarks, &j), Some(Action::Down));
        assert_eq!(map.action_in(Context::Reader, &v), Some(Action::Select));
        // Rebinding a list key takes it from no global action, and back.
        map.set(Action::DeleteBookmark, vec![KeyChord::parse("x").unwrap()]);
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(map.action(&x), Some(Action::ToggleRemoved));
        assert_eq!(
            map.action_in(Context::Bookmarks, &x),
            Some(Action::DeleteBookmark)
        );
        assert_eq!(
            map.action_in(Context::Bookmarks, &d),
            Some(Action::HalfPageDown)
        );
        let hints = map.hints(Context::Bookmarks);
        assert!(hints.contains(&("x".to_string(), "delete")), "{hints:?}");
        assert!(hints.contains(&("u".to_string(), "undo")), "{hints:?}");
    }

    #[test]
    fn rebinding_replaces_and_steals() {
        let mut map = KeyMap::default();
        map.set(Action::Quit, vec![KeyChord::parse("Q").unwrap()]);
        map.set(Action::NextMention, vec![KeyChord::parse("j").unwrap()]);
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.action(&q), None);
        let shift_q = press(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(map.action(&shift_q), Some(Action::Quit));
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(map.action(&j), Some(Action::NextMention));
        assert_eq!(map.label(Action::Down), "Down");
        // Hints follow the table.
        let hints = map.hints(Context::Sources);
        assert!(hints.contains(&("Down/k".to_string(), "move")));
        assert!(hints.contains(&("Q".to_string(), "quit")));
    }
}
