//! Search. In the reader, `/` opens a prompt in the status bar: each key searches
//! the whole corpus again (smart case, core `search`), highlights the hits and
//! moves to the first at or after where the view was; Enter keeps the search, Esc
//! puts the view back. `n`/`N` go to the next/previous hit, into other articles.
//! In the source list, `/` filters the articles by title and outlet instead.

use std::ops::ControlFlow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Effect, Pane, State, clamp_reader, overlays_for, select};
use crate::corpus::{Article, ArticleId};
use crate::search::{Hits, Query};
use crate::tui::action::Action;
use crate::tui::theme::Class;
use crate::tui::wrap::Overlay;

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The query being typed, while the prompt is open.
    pub prompt: Option<String>,
    /// The search shown (typed or kept).
    pub query: Option<Query>,
    pub hits: Hits,
    /// The hit last moved to.
    pub current: Option<usize>,
    /// Where the view was when `/` was pressed.
    saved: Option<Saved>,
    /// The source-list filter.
    pub filter: Option<Filter>,
    /// The prompt changed since the last search (see `settle`).
    pending: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Saved {
    selected: usize,
    article: Option<ArticleId>,
    cursor: usize,
    scroll: usize,
}

/// Articles whose title or outlet matches, in list order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub text: String,
    /// Still typing (the prompt is open).
    pub typing: bool,
    pub shown: Vec<ArticleId>,
    /// The selection before the filter, for Esc.
    before: usize,
}

/// Search hits in `article` as overlays (while a search is shown).
pub fn overlays(state: &State, article: ArticleId) -> Vec<Overlay> {
    if state.search.query.is_none() {
        return Vec::new();
    }
    state
        .search
        .hits
        .in_article(article)
        .iter()
        .map(|h| Overlay {
            range: h.range.clone(),
            class: Class::SearchHit,
        })
        .collect()
}

/// The status-bar text: `/QUERY k/N` for a search, `/TEXT k/N articles` while the
/// list is filtered; the bool says whether the prompt is open.
pub fn status(state: &State) -> Option<(String, bool)> {
    let s = &state.search;
    if let Some(f) = &s.filter {
        return Some((
            format!(
                "/{} {}/{} articles",
                f.text,
                f.shown.len(),
                state.articles.len()
            ),
            f.typing,
        ));
    }
    let text = s
        .prompt
        .as_deref()
        .or(s.query.as_ref().map(Query::as_str))?;
    let k = s.current.map_or(0, |i| i + 1);
    Some((format!("/{text} {k}/{}", s.hits.len()), s.prompt.is_some()))
}

/// Keys while a prompt is open: they are text, not actions.
pub(super) fn key(state: &mut State, ev: &KeyEvent) -> ControlFlow<Option<Effect>> {
    let typing_filter = state.search.filter.as_ref().is_some_and(|f| f.typing);
    if state.search.prompt.is_none() && !typing_filter {
        return ControlFlow::Continue(());
    }
    if ev.kind == KeyEventKind::Release {
        return ControlFlow::Break(None);
    }
    state.message = None;
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let mut text = if typing_filter {
        state.search.filter.as_ref().map(|f| f.text.clone())
    } else {
        state.search.prompt.clone()
    }
    .unwrap_or_default();
    match ev.code {
        KeyCode::Char('c') if ctrl => return ControlFlow::Break(Some(Effect::Quit)),
        KeyCode::Char(c) if !ctrl && !ev.modifiers.contains(KeyModifiers::ALT) => text.push(c),
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Enter => {
            if typing_filter {
                keep_filter(state);
            } else {
                settle(state);
                keep_search(state);
            }
            return ControlFlow::Break(None);
        }
        KeyCode::Esc => {
            if typing_filter {
                clear_filter(state);
            } else {
                cancel_search(state);
            }
            return ControlFlow::Break(None);
        }
        _ => return ControlFlow::Break(None),
    }
    if typing_filter {
        set_filter(state, text);
    } else {
        state.search.prompt = Some(text);
        state.search.pending = true;
    }
    ControlFlow::Break(None)
}

/// Takes `/`, `n`, `N`, Esc over a kept search or filter, and moves in a
/// filtered list; lets the rest through.
pub(super) fn update(state: &mut State, action: Action) -> ControlFlow<Option<Effect>> {
    match action {
        Action::Search if state.focus == Pane::Sources => start_filter(state),
        Action::Search => start_search(state),
        Action::NextHit | Action::PrevHit => step(state, action == Action::NextHit),
        Action::Back if state.focus == Pane::Sources && state.search.filter.is_some() => {
            clear_filter(state);
        }
        Action::Back if state.search.query.is_some() => {
            clear_search(state);
            state.say("search cleared");
        }
        _ => return ControlFlow::Continue(()),
    }
    ControlFlow::Break(None)
}

fn start_search(state: &mut State) {
    let r = &state.reader;
    state.search.saved = Some(Saved {
        selected: state.list.selected,
        article: r.article,
        cursor: r.cursor,
        scroll: r.scroll,
    });
    state.focus = Pane::Reader;
    state.search.prompt = Some(String::new());
    state.search.query = None;
    state.search.hits = Hits::default();
    state.search.current = None;
    refresh(state);
}

/// Runs the search for what was typed. The event loop calls this once after
/// the keys that were waiting, before drawing: keys typed during a slow search
/// (a large corpus) then cost one search, not one each.
pub fn settle(state: &mut State) {
    if std::mem::take(&mut state.search.pending) {
        run(state);
    }
}

/// Searches for the prompt's text and moves to the first hit at or after where
/// the view was when `/` was pressed (or back there when nothing matches).
fn run(state: &mut State) {
    let query = state.search.prompt.as_deref().and_then(Query::new);
    let typed_on = match (&state.search.query, &query) {
        (Some(old), Some(new)) => new.as_str().starts_with(old.as_str()),
        _ => false,
    };
    state.search.hits = match &query {
        Some(q) if typed_on => state.search.hits.refine(q, &state.articles),
        Some(q) => Hits::search(q, &state.articles),
        None => Hits::default(),
    };
    state.search.query = query;
    let Some(saved) = state.search.saved else {
        return;
    };
    let from = saved
        .article
        .map(|a| (a, passage_start(state, a, saved.cursor)));
    let first = from.and_then(|(a, pos)| state.search.hits.at_or_after(a, pos));
    state.search.current = first;
    match first {
        Some(i) => go_to(state, i),
        None => {
            restore(state, saved);
            refresh(state);
        }
    }
}

fn keep_search(state: &mut State) {
    state.search.prompt = None;
    state.search.saved = None;
    if state.search.query.is_some() && state.search.hits.is_empty() {
        state.say("no hits");
    }
}

fn cancel_search(state: &mut State) {
    if let Some(saved) = state.search.saved.take() {
        restore(state, saved);
    }
    clear_search(state);
}

fn clear_search(state: &mut State) {
    let s = &mut state.search;
    s.pending = false;
    s.prompt = None;
    s.query = None;
    s.hits = Hits::default();
    s.current = None;
    s.saved = None;
    refresh(state);
}

/// The view as it was: article, list selection, cursor and scroll.
fn restore(state: &mut State, saved: Saved) {
    if let Some(a) = saved.article
        && state.reader.article != Some(a)
    {
        select(state, a);
    }
    state.list.selected = saved.selected;
    state.reader.cursor = saved.cursor;
    state.reader.scroll = saved.scroll;
    clamp_reader(state, false);
}

/// `n`/`N`: the next or previous hit after the cursor, wrapping at the ends.
fn step(state: &mut State, forward: bool) {
    let hits = &state.search.hits;
    if state.search.query.is_none() || hits.is_empty() {
        let key = state
            .keymap
            .keys(Action::Search)
            .first()
            .map_or_else(|| "search".into(), ToString::to_string);
        state.say(if state.search.query.is_some() {
            "no hits".to_string()
        } else {
            format!("no search; {key} searches")
        });
        return;
    }
    let Some(article) = state.reader.article else {
        return;
    };
    let cursor = state.reader.cursor;
    // From the current hit if the cursor is still on it, else from the cursor.
    let here = state.search.current.and_then(|i| {
        let h = &hits.hits[i];
        (h.article == article && passage_of(&state.articles[article], h.range.start) == cursor)
            .then_some(i)
    });
    let next = match (here, forward) {
        (Some(i), true) => (i + 1) % hits.len(),
        (Some(i), false) => (i + hits.len() - 1) % hits.len(),
        (None, true) => hits
            .at_or_after(article, passage_start(state, article, cursor))
            .unwrap_or(0),
        (None, false) => hits
            .before(article, passage_start(state, article, cursor))
            .unwrap_or(0),
    };
    let wrapped = match here {
        Some(i) => (forward && next <= i) || (!forward && next >= i),
        None => false,
    };
    state.search.current = Some(next);
    go_to(state, next);
    if wrapped {
        state.say(if forward {
            "search wrapped to the first hit"
        } else {
            "search wrapped to the last hit"
        });
    }
}

/// Shows hit `i`: its article (the list selection follows), the cursor on its
/// passage, its row in view.
fn go_to(state: &mut State, i: usize) {
    let hit = state.search.hits.hits[i].clone();
    if state.reader.article != Some(hit.article) {
        select(state, hit.article);
    }
    state.reader.cursor = passage_of(&state.articles[hit.article], hit.range.start);
    if let Some(row) = state.reader.layout.row_of_text_pos(hit.range.start) {
        let h = state.view_rows().max(1);
        let r = &mut state.reader;
        if row < r.scroll || row >= r.scroll + h {
            // A third of the way down, so the context above shows too.
            r.scroll = row.saturating_sub(h / 3);
        }
    }
    clamp_reader(state, false);
    refresh(state);
}

/// The paragraph holding byte `pos` (the last one starting at or before it).
fn passage_of(article: &Article, pos: usize) -> usize {
    article
        .paragraphs
        .partition_point(|p| p.start <= pos)
        .saturating_sub(1)
}

fn passage_start(state: &State, article: ArticleId, passage: usize) -> usize {
    state.articles[article]
        .paragraphs
        .get(passage)
        .map_or(0, |p| p.start)
}

/// New overlays for the article shown.
fn refresh(state: &mut State) {
    if let Some(a) = state.reader.article {
        let o = overlays_for(state, a);
        state.reader.set_overlays(o);
    }
}

/// More articles arrived: search them too, keeping the current hit.
pub(super) fn arrived(state: &mut State) {
    if let Some(q) = &state.search.query {
        let current = state
            .search
            .current
            .map(|i| state.search.hits.hits[i].clone());
        state.search.hits = Hits::search(q, &state.articles);
        state.search.current =
            current.and_then(|c| state.search.hits.hits.iter().position(|h| *h == c));
        refresh(state);
    }
    if let Some(text) = state.search.filter.as_ref().map(|f| f.text.clone()) {
        set_filter(state, text);
    }
}

// The source-list filter.

fn start_filter(state: &mut State) {
    let before = state
        .search
        .filter
        .as_ref()
        .map_or(state.list.selected, |f| f.before);
    state.search.filter = Some(Filter {
        text: String::new(),
        typing: true,
        shown: (0..state.articles.len()).collect(),
        before,
    });
}

fn set_filter(state: &mut State, text: String) {
    let shown: Vec<ArticleId> = match Query::new(&text) {
        Some(q) => state
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                !q.find_all(a.display_title()).is_empty()
                    || a.outlet
                        .as_deref()
                        .is_some_and(|o| !q.find_all(o).is_empty())
            })
            .map(|(i, _)| i)
            .collect(),
        None => (0..state.articles.len()).collect(),
    };
    let Some(f) = state.search.filter.as_mut() else {
        return;
    };
    f.text = text;
    f.shown = shown;
    // Keep the selection among the matches: the first match otherwise.
    if !f.shown.contains(&state.list.selected)
        && let Some(&first) = f.shown.first()
    {
        select(state, first);
    }
}

fn keep_filter(state: &mut State) {
    let Some(f) = state.search.filter.as_mut() else {
        return;
    };
    if f.text.is_empty() {
        state.search.filter = None;
        return;
    }
    f.typing = false;
    if f.shown.is_empty() {
        state.say("no article matches");
    }
}

fn clear_filter(state: &mut State) {
    if let Some(f) = state.search.filter.take()
        && f.typing
        && state.list.selected != f.before
    {
        select(state, f.before);
    }
}

/// An article chosen elsewhere (a mention, a bookmark) that the filter hides:
/// the filter goes, so that the list shows what the reader does.
pub(super) fn reveal(state: &mut State, article: ArticleId) {
    if (state.search.filter.as_ref()).is_some_and(|f| !f.shown.contains(&article)) {
        state.search.filter = None;
    }
}

/// Moves in the filtered list; false when there is no filter.
pub(super) fn move_in_filter(state: &mut State, action: Action) -> bool {
    let Some(f) = &state.search.filter else {
        return false;
    };
    let page = state.areas().list_items();
    let cur = f
        .shown
        .iter()
        .position(|&i| i == state.list.selected)
        .unwrap_or(0);
    if let Some(id) = super::step(action, cur, f.shown.len(), page).map(|to| f.shown[to]) {
        select(state, id);
    }
    true
}

/// The articles the list shows, from the first on screen, for `rows` items.
pub fn list_items(state: &State, rows: usize) -> Vec<ArticleId> {
    match &state.search.filter {
        None => (state.list.offset..state.articles.len())
            .take(rows)
            .collect(),
        Some(f) => {
            // Scrolled just enough to keep the selection in view.
            let pos = f
                .shown
                .iter()
                .position(|&i| i == state.list.selected)
                .unwrap_or(0);
            let first = (pos + 1).saturating_sub(rows.max(1));
            f.shown.iter().skip(first).take(rows).copied().collect()
        }
    }
}

#[cfg(test)]
mod tests;
