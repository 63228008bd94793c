//! The reader's state and its pure update functions: an `Action` (or a click, a
//! resize, a message from the worker) goes in, the state changes, and an `Effect`
//! may come out for the event loop to carry out. Nothing here touches the
//! terminal, so all of it is tested as plain functions.

use std::ops::ControlFlow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::action::Action;
use super::keymap::{Context, KeyMap};
use super::layout::{Areas, ITEM_ROWS, ReaderLayout, help_area};
use super::theme::Theme;
use super::worker::Feed;
use super::wrap::Overlay;
use crate::corpus::{Article, ArticleId};
pub use crate::store::state::Position;
use bookmarks::{BookmarkState, Job};
use compare::CompareState;
use entities::EntityState;
use reading::{clamp_reader, move_in_reader, reflow, relayout, scroll_cursor_into_view};
use search::SearchState;

pub mod bookmarks;
pub mod compare;
pub mod entities;
mod prompt;
mod reading;
pub mod search;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sources,
    Reader,
}

/// Something drawn over the panes that takes the keys while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help { scroll: usize },
    Bookmarks, // `'`: the list is in `State::bookmarks.list`
    Entities,  // `e`: the panel is in `State::entities.panel`
    Compare,   // `c`: the picker is in `State::compare.picker`
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Bookmarks disk work, done off the UI thread.
    Bookmarks(Job),
    /// A comparison to compute off the UI thread.
    Compare(compare::Job),
    /// A search of the whole corpus, on the search thread.
    Search(search::Job),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
}

/// Loading progress, shown in the status bar until `done`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    /// First item shown.
    pub offset: usize,
}

/// The reading pane.
#[derive(Debug, Clone, Default)]
pub struct ReaderState {
    pub article: Option<ArticleId>,
    /// The passage cursor: index of a paragraph of the article.
    pub cursor: usize,
    /// First layout row shown.
    pub scroll: usize,
    pub show_removed: bool,
    pub layout: ReaderLayout,
    /// Styled byte ranges of the article's text, sorted by start (entities,
    /// search hits…; empty for now). Set with `set_overlays`.
    pub overlays: Vec<Overlay>,
}

impl ReaderState {
    /// Replaces the overlays of the article shown (kept sorted by start, as
    /// drawing expects; where they overlap, `Class::layer` decides what's on top).
    pub fn set_overlays(&mut self, mut overlays: Vec<Overlay>) {
        overlays.sort_by_key(|o| o.range.start);
        self.overlays = overlays;
    }
}

pub struct State {
    pub articles: Vec<Article>,
    /// Per article, the cursor and scroll it was left at in this session.
    pub positions: Vec<(usize, usize)>,
    /// Per article, its word count (counted once, not per frame).
    pub word_counts: Vec<usize>,
    pub loading: Option<Progress>,
    /// Files skipped or read with a fallback, one line each (printed on exit).
    pub problems: Vec<String>,
    pub focus: Pane,
    pub popup: Option<Popup>,
    pub list: ListState,
    pub reader: ReaderState,
    pub message: Option<Message>,
    pub keymap: KeyMap,
    pub theme: Theme,
    pub width: u16,
    pub height: u16,
    /// Where to go when that article arrives, unless the person has moved first.
    pub remembered: Option<Position>,
    pub bookmarks: BookmarkState,
    pub entities: EntityState,
    pub search: SearchState,
    pub compare: CompareState,
    touched: bool,
}

impl State {
    pub fn new(keymap: KeyMap, theme: Theme, remembered: Option<Position>) -> State {
        State {
            articles: Vec::new(),
            positions: Vec::new(),
            word_counts: Vec::new(),
            loading: Some(Progress {
                stage: "loading",
                done: 0,
                total: 0,
            }),
            problems: Vec::new(),
            focus: Pane::Sources,
            popup: None,
            list: ListState::default(),
            reader: ReaderState::default(),
            message: None,
            keymap,
            theme,
            width: 0,
            height: 0,
            remembered,
            bookmarks: BookmarkState::default(),
            entities: EntityState::default(),
            search: SearchState::default(),
            compare: CompareState::default(),
            touched: false,
        }
    }

    pub fn areas(&self) -> Areas {
        compare::areas(self).unwrap_or_else(|| Areas::new(self.width, self.height))
    }

    pub fn article(&self) -> Option<&Article> {
        self.articles.get(self.reader.article?)
    }

    /// Where the keys go, for hints.
    pub fn context(&self) -> Context {
        match (&self.popup, self.focus) {
            (Some(Popup::Help { .. }), _) => Context::Help,
            (Some(Popup::Bookmarks), _) => Context::Bookmarks,
            (Some(Popup::Entities), _) => Context::Entities,
            (Some(Popup::Compare), _) => Context::Picker,
            (None, Pane::Sources) => Context::Sources,
            (None, Pane::Reader) if bookmarks::selection(self).is_some() => Context::Select,
            (None, Pane::Reader) if compare::active(self) => Context::Compare,
            (None, Pane::Reader) => Context::Reader,
        }
    }

    /// The position to remember on exit.
    pub fn position(&self) -> Option<Position> {
        // While comparing: the article compare mode was opened from.
        let r = compare::pane(self, crate::compare::Side::A).unwrap_or(&self.reader);
        let a = self.articles.get(r.article?)?;
        Some(Position {
            article: a.id.clone(),
            passage: r.cursor,
        })
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            level: Level::Info,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            level: Level::Error,
        });
    }

    fn view_rows(&self) -> usize {
        self.areas().reader_text().height as usize
    }

    fn max_scroll(&self) -> usize {
        self.reader
            .layout
            .rows
            .len()
            .saturating_sub(self.view_rows())
    }
}

/// A key press: the key table turns it into an action.
pub fn key(state: &mut State, ev: &KeyEvent) -> Option<Effect> {
    // Terminals that report releases report the press too.
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    if let ControlFlow::Break(effect) = search::key(state, ev) {
        return effect;
    }
    if let ControlFlow::Break(effect) = bookmarks::key(state, ev) {
        return effect;
    }
    if let ControlFlow::Break(effect) = entities::key(state, ev) {
        return effect;
    }
    match state.keymap.action_in(state.context(), ev) {
        Some(action) => update(state, action),
        None => {
            if !matches!(ev.code, KeyCode::Modifier(_)) {
                let key = super::keymap::KeyChord::from_event(ev);
                let help = state
                    .keymap
                    .keys(Action::Help)
                    .first()
                    .map(ToString::to_string);
                state.say(match help {
                    Some(h) => format!("{key} does nothing here; {h} lists the keys"),
                    None => format!("{key} does nothing here"),
                });
            }
            None
        }
    }
}

/// Applies an action.
pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    state.message = None;
    if action == Action::Quit {
        return Some(Effect::Quit);
    }
    if let Some(Popup::Help { scroll }) = state.popup {
        let max = help_max_scroll(state);
        let page = help_page(state);
        if matches!(action, Action::Back | Action::Help) {
            state.popup = None;
            return None;
        }
        let to = step(action, scroll, max + 1, page).unwrap_or(scroll);
        state.popup = Some(Popup::Help { scroll: to });
        return None;
    }
    if let ControlFlow::Break(effect) = entities::update(state, action) {
        return effect;
    }
    if let ControlFlow::Break(effect) = compare::update(state, action) {
        return effect;
    }
    if let ControlFlow::Break(effect) = bookmarks::update(state, action) {
        return effect;
    }
    if let ControlFlow::Break(effect) = search::update(state, action) {
        return effect;
    }
    match action {
        Action::Help => state.popup = Some(Popup::Help { scroll: 0 }),
        Action::NextPane | Action::PrevPane => {
            state.focus = match state.focus {
                Pane::Sources => Pane::Reader,
                Pane::Reader => Pane::Sources,
            }
        }
        Action::Back => state.focus = Pane::Sources,
        Action::ToggleRemoved => {
            state.reader.show_removed = !state.reader.show_removed;
            reflow(state);
            if let Some(a) = state.article() {
                let n = a.removed.len();
                let text = match (state.reader.show_removed, n) {
                    (false, _) => "removed lines hidden".to_string(),
                    (true, 1) => "1 removed line shown, dimmed, with its reason".to_string(),
                    (true, n) => format!("{n} removed lines shown, dimmed, with their reasons"),
                };
                state.say(text);
            }
        }
        Action::Open => {
            if state.focus == Pane::Sources && state.reader.article.is_some() {
                state.focus = Pane::Reader;
            }
        }
        _ if state.focus == Pane::Sources => move_in_list(state, action),
        _ => move_in_reader(state, action),
    }
    None
}

/// Rows of help that fit in its popup.
fn help_page(state: &State) -> usize {
    let screen = ratatui::layout::Rect::new(0, 0, state.width, state.height);
    help_area(screen, state.keymap.help().len())
        .map_or(1, |a| usize::from(a.height.saturating_sub(2)).max(1))
}

fn help_max_scroll(state: &State) -> usize {
    state.keymap.help().len().saturating_sub(help_page(state))
}

fn move_in_list(state: &mut State, action: Action) {
    if search::move_in_filter(state, action) {
        return;
    }
    let page = state.areas().list_items();
    if let Some(to) = step(action, state.list.selected, state.articles.len(), page) {
        select(state, to);
    }
}

/// Where a move from item `cur` of `n` lands, with `page` items on screen; None
/// for an action that isn't a move (or an empty list).
pub(super) fn step(action: Action, cur: usize, n: usize, page: usize) -> Option<usize> {
    let to = match action {
        Action::Down => cur + 1,
        Action::Up => cur.saturating_sub(1),
        Action::First => 0,
        Action::Last => n.checked_sub(1)?,
        Action::PageDown => cur + page,
        Action::PageUp => cur.saturating_sub(page),
        Action::HalfPageDown => cur + page.div_ceil(2),
        Action::HalfPageUp => cur.saturating_sub(page.div_ceil(2)),
        _ => return None,
    };
    Some(to.min(n.checked_sub(1)?))
}

/// Selects an article in the list and shows it in the reader.
pub fn select(state: &mut State, index: ArticleId) {
    if index >= state.articles.len() {
        return;
    }
    state.touched = true;
    search::reveal(state, index);
    state.list.selected = index;
    fix_list_offset(state);
    show(state, index);
}

/// Shows an article in the reader at the position it was left at.
fn show(state: &mut State, index: ArticleId) {
    if compare::active(state) && state.reader.article != Some(index) {
        compare::leave(state);
    }
    if let Some(old) = state.reader.article {
        state.positions[old] = (state.reader.cursor, state.reader.scroll);
    }
    state.reader.article = Some(index);
    let (cursor, scroll) = state.positions[index];
    state.reader.cursor = cursor;
    state.reader.scroll = scroll;
    refresh_overlays(state);
    relayout(state);
    clamp_reader(state, false);
}

/// The reader's overlays anew, after what they show changed (the article, the
/// focused entity, the search).
pub(super) fn refresh_overlays(state: &mut State) {
    if let Some(a) = state.reader.article {
        let overlays = overlays_for(state, a);
        state.reader.set_overlays(overlays);
    }
}

/// Every feature's overlays for an article, for the reader.
pub fn overlays_for(state: &State, article: ArticleId) -> Vec<Overlay> {
    [
        search::overlays(state, article),
        entities::overlays(state, article),
    ]
    .concat()
}

fn fix_list_offset(state: &mut State) {
    let page = state.areas().list_items();
    let l = &mut state.list;
    keep_in_view(&mut l.selected, &mut l.offset, state.articles.len(), page);
}

/// Every list and popup: clamps `selected` to the `n` items and scrolls
/// (`offset`: the first shown) so that it shows among `page` rows.
pub(super) fn keep_in_view(selected: &mut usize, offset: &mut usize, n: usize, page: usize) {
    *selected = (*selected).min(n.saturating_sub(1));
    if *selected < *offset {
        *offset = *selected;
    } else if *selected >= *offset + page {
        *offset = *selected + 1 - page;
    }
    *offset = (*offset).min(n.saturating_sub(page));
}

/// A move in a popup list (picker, panel, bookmarks): true if `action` was one.
pub(super) fn move_selection(
    action: Action,
    selected: &mut usize,
    offset: &mut usize,
    n: usize,
    page: usize,
) -> bool {
    let Some(to) = step(action, *selected, n, page) else {
        return false;
    };
    *selected = to;
    keep_in_view(selected, offset, n, page);
    true
}

/// The terminal changed size: reflow, keeping the reading position.
pub fn resize(state: &mut State, width: u16, height: u16) {
    if (width, height) == (state.width, state.height) {
        return;
    }
    state.width = width;
    state.height = height;
    fix_list_offset(state);
    reflow(state);
    compare::resize(state);
}

/// A left click at a screen cell: selects an article, or a passage.
pub fn click(state: &mut State, col: u16, row: u16) {
    let areas = state.areas();
    if areas.too_small || state.popup.is_some() {
        return;
    }
    if compare::active(state) {
        state.message = None;
        compare::click(state, col, row);
        return;
    }
    let at = ratatui::layout::Position::new(col, row);
    let list = Areas::inner(areas.sources);
    let text = areas.reader_text();
    let reader = Areas::inner(areas.reader);
    if list.contains(at) {
        state.message = None;
        let slot = (row - list.y) as usize / ITEM_ROWS;
        if let Some(&i) = search::list_items(state, areas.list_items()).get(slot) {
            state.focus = Pane::Sources;
            select(state, i);
        }
    } else if reader.contains(at) {
        state.message = None;
        state.focus = Pane::Reader;
        let line = state.reader.scroll + (row - text.y) as usize;
        if let Some(p) = state.reader.layout.passage_at(line) {
            state.reader.cursor = p;
            clamp_reader(state, false);
        }
    }
}

/// The mouse wheel over a pane: moves the list selection, or scrolls the reader
/// by three rows (the cursor follows).
pub fn wheel(state: &mut State, col: u16, row: u16, down: bool) {
    let areas = state.areas();
    let at = ratatui::layout::Position::new(col, row);
    if areas.too_small {
        return;
    }
    if let Some(Popup::Help { scroll }) = state.popup {
        let to = if down {
            scroll + 3
        } else {
            scroll.saturating_sub(3)
        };
        state.popup = Some(Popup::Help {
            scroll: to.min(help_max_scroll(state)),
        });
    } else if matches!(state.popup, Some(Popup::Bookmarks | Popup::Entities)) {
        update(state, if down { Action::Down } else { Action::Up });
    } else if areas.sources.contains(at) {
        let saved = state.focus;
        state.focus = Pane::Sources;
        move_in_list(state, if down { Action::Down } else { Action::Up });
        state.focus = saved;
    } else if areas.reader.contains(at) {
        let max = state.max_scroll();
        let r = &mut state.reader;
        r.scroll = if down {
            (r.scroll + 3).min(max)
        } else {
            r.scroll.saturating_sub(3)
        };
        scroll_cursor_into_view(state);
    }
}

/// A message from a worker.
pub fn receive(state: &mut State, feed: Feed) -> Option<Effect> {
    match feed {
        Feed::Progress(p) => state.loading = Some(p),
        Feed::Problem(p) => state.problems.push(p),
        Feed::Articles(batch) => {
            let first = state.articles.len();
            state.positions.extend(batch.iter().map(|_| (0, 0)));
            state
                .word_counts
                .extend(batch.iter().map(Article::word_count));
            state.articles.extend(batch);
            restore_or_open_first(state, first);
            fix_list_offset(state);
            search::arrived(state);
        }
        Feed::Done => {
            state.loading = None;
            state.remembered = None;
            if state.articles.is_empty() {
                state.warn("no readable articles in the paths given");
            } else if !state.problems.is_empty() {
                let n = state.problems.len();
                state.warn(format!(
                    "{n} file{} skipped or read with a fallback (listed on exit)",
                    if n == 1 { "" } else { "s" }
                ));
            }
            return Some(Effect::Bookmarks(Job::Load));
        }
        Feed::Bookmarks(feed) => return bookmarks::receive(state, feed),
        Feed::Entities(index) => entities::receive(state, index),
        Feed::Compare(feed) => return compare::receive(state, feed),
        Feed::Search(found) => search::receive(state, found),
    }
    None
}

/// Opens the remembered article once it arrives, else the first one.
fn restore_or_open_first(state: &mut State, first_new: usize) {
    if !state.touched
        && let Some(pos) = &state.remembered
        && let Some(i) = state.articles[first_new..]
            .iter()
            .position(|a| a.id == pos.article)
    {
        let i = first_new + i;
        let passage = pos.passage;
        state.remembered = None;
        state.list.selected = i;
        state.positions[i] = (passage, 0);
        show(state, i);
        // Put the remembered passage near the top, with a row of context.
        if let Some(rows) = state.reader.layout.passages.get(state.reader.cursor) {
            state.reader.scroll = rows.start.saturating_sub(1).min(state.max_scroll());
        }
        return;
    }
    if state.reader.article.is_none() && !state.articles.is_empty() {
        show(state, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::{article, state_with};

    #[test]
    fn starts_on_the_list_with_the_first_article_open() {
        let s = state_with(3, 5);
        assert_eq!(s.focus, Pane::Sources);
        assert_eq!(s.reader.article, Some(0));
        assert_eq!(s.reader.cursor, 0);
        assert!(s.loading.is_none());
    }

    #[test]
    fn moving_in_the_list_shows_the_article_and_enter_focuses_the_reader() {
        let mut s = state_with(3, 5);
        update(&mut s, Action::Down);
        assert_eq!((s.list.selected, s.reader.article), (1, Some(1)));
        update(&mut s, Action::Last);
        assert_eq!(s.reader.article, Some(2));
        update(&mut s, Action::Down);
        assert_eq!(s.list.selected, 2, "stays on the last");
        update(&mut s, Action::Open);
        assert_eq!(s.focus, Pane::Reader);
        update(&mut s, Action::Down);
        assert_eq!(s.reader.cursor, 1);
        update(&mut s, Action::Back);
        assert_eq!(s.focus, Pane::Sources);
        update(&mut s, Action::First);
        update(&mut s, Action::Last);
        assert_eq!(s.reader.cursor, 1, "each article keeps its position");
        update(&mut s, Action::NextPane);
        assert_eq!(s.focus, Pane::Reader);
        update(&mut s, Action::PrevPane);
        assert_eq!(s.focus, Pane::Sources);
    }

    #[test]
    fn help_opens_scrolls_and_closes() {
        let mut s = state_with(2, 3);
        update(&mut s, Action::Help);
        assert_eq!(s.context(), Context::Help);
        update(&mut s, Action::Down);
        assert_eq!(s.popup, Some(Popup::Help { scroll: 1 }));
        update(&mut s, Action::Last);
        let Some(Popup::Help { scroll: max }) = s.popup else {
            panic!()
        };
        assert!(max > 1, "the help is longer than 24 rows");
        update(&mut s, Action::Down);
        assert_eq!(
            s.popup,
            Some(Popup::Help { scroll: max }),
            "stops at the end"
        );
        update(&mut s, Action::Up);
        assert_eq!(
            s.popup,
            Some(Popup::Help { scroll: max - 1 }),
            "and moves back at once"
        );
        assert_eq!(s.list.selected, 0, "keys go to the popup");
        update(&mut s, Action::Back);
        assert_eq!(s.popup, None);
        update(&mut s, Action::Help);
        update(&mut s, Action::Help);
        assert_eq!(s.popup, None);
        assert_eq!(update(&mut s, Action::Quit), Some(Effect::Quit));
    }

    #[test]
    fn clicks_and_wheel() {
        let mut s = state_with(3, 20);
        let a = s.areas();
        // Second item of the list.
        click(&mut s, a.sources.x + 2, a.sources.y + 1 + ITEM_ROWS as u16);
        assert_eq!((s.list.selected, s.reader.article), (1, Some(1)));
        // A passage in the reader: find the row of passage 2.
        let row = s.reader.layout.passages[2].start - s.reader.scroll;
        let text = a.reader_text();
        click(&mut s, text.x + 1, text.y + row as u16);
        assert_eq!((s.focus, s.reader.cursor), (Pane::Reader, 2));
        wheel(&mut s, text.x, text.y, true);
        assert_eq!(s.reader.scroll, 3);
        wheel(&mut s, a.sources.x + 1, a.sources.y + 1, true);
        assert_eq!(s.list.selected, 2);
        assert_eq!(s.focus, Pane::Reader, "the wheel doesn't move focus");
        // Clicks outside anything, or on a tiny screen, do nothing.
        click(&mut s, 0, a.status.y);
        resize(&mut s, 10, 3);
        click(&mut s, 1, 1);
        wheel(&mut s, 1, 1, true);
    }

    #[test]
    fn keys_go_through_the_table() {
        use ratatui::crossterm::event::{KeyEventKind, KeyModifiers};
        let mut s = state_with(3, 5);
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        key(&mut s, &press('j'));
        assert_eq!(s.list.selected, 1);
        let mut release = press('j');
        release.kind = KeyEventKind::Release;
        key(&mut s, &release);
        assert_eq!(s.list.selected, 1, "releases are ignored");
        key(&mut s, &press('z'));
        assert_eq!(
            s.message.as_ref().unwrap().text,
            "z does nothing here; ? lists the keys"
        );
        assert_eq!(key(&mut s, &press('q')), Some(Effect::Quit));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(key(&mut s, &ctrl_c), Some(Effect::Quit));
    }

    #[test]
    fn an_empty_article_says_why() {
        let mut s = State::new(KeyMap::default(), Theme::default(), None);
        resize(&mut s, 80, 24);
        receive(
            &mut s,
            Feed::Articles(vec![article(&[], &[(0, "Menu"), (0, "Login")])]),
        );
        update(&mut s, Action::Open);
        update(&mut s, Action::Down);
        update(&mut s, Action::PageDown);
        assert_eq!(s.reader.cursor, 0);
        assert!(
            s.reader
                .layout
                .rows
                .iter()
                .any(|r| r.kind == crate::tui::layout::RowKind::Note)
        );
        update(&mut s, Action::ToggleRemoved);
        assert!(
            s.reader
                .layout
                .rows
                .iter()
                .all(|r| r.kind != crate::tui::layout::RowKind::Note)
        );
    }

    #[test]
    fn remembered_position_is_restored_when_its_article_arrives() {
        let remembered = Position {
            article: "a2".into(),
            passage: 15,
        };
        let mut s = State::new(
            KeyMap::default(),
            Theme::default(),
            Some(remembered.clone()),
        );
        resize(&mut s, 80, 24);
        let paras: Vec<String> = (0..20).map(|i| format!("Paragraph {i}.")).collect();
        let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
        for i in 0..4 {
            let mut a = article(&refs, &[]);
            a.id = format!("a{i}");
            receive(&mut s, Feed::Articles(vec![a]));
        }
        assert_eq!(s.reader.article, Some(2));
        assert_eq!(s.list.selected, 2);
        assert_eq!(s.reader.cursor, 15);
        assert_eq!(s.focus, Pane::Sources);
        assert_eq!(s.position(), Some(remembered));
        let rows = s.reader.layout.passages[15].clone();
        assert!(rows.start >= s.reader.scroll);
        assert!(rows.end <= s.reader.scroll + s.view_rows());
    }

    #[test]
    fn a_remembered_passage_past_the_end_is_clamped() {
        let mut s = State::new(
            KeyMap::default(),
            Theme::default(),
            Some(Position {
                article: "a".into(),
                passage: 99,
            }),
        );
        resize(&mut s, 80, 24);
        receive(&mut s, Feed::Articles(vec![article(&["one", "two"], &[])]));
        assert_eq!(s.reader.cursor, 1);
    }
}
