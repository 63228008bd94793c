//! Search. In the reader, `/` opens a prompt in the status bar: each key searches
//! the article shown at once (smart case, core `search`), highlights its hits and
//! moves to the first at or after where the view was; the whole corpus is searched
//! on the search thread (search_worker.rs), which sends back the count for
//! `/QUERY k/N` and the hits `n`/`N` follow into other articles. Enter keeps the
//! search, Esc puts the view back. In the source list, `/` filters the articles
//! by title and outlet instead.

use std::ops::ControlFlow;
use std::sync::Arc;

use ratatui::crossterm::event::KeyEvent;

use super::prompt::Edit;

use super::{Effect, Pane, State, clamp_reader, select};
use crate::corpus::{Article, ArticleId};
use crate::search::{Hit, Hits, Query, Searched};
use crate::tui::action::Action;
use crate::tui::theme::Class;
use crate::tui::wrap::Overlay;

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The query being typed, while the prompt is open.
    pub prompt: Option<String>,
    /// The search shown (typed or kept).
    pub query: Option<Query>,
    /// Its hits over the corpus, once the search thread has sent them.
    pub hits: Option<Arc<Hits>>,
    /// The hit last moved to.
    pub current: Option<Hit>,
    /// Where the view was when `/` was pressed.
    saved: Option<Saved>,
    /// The source-list filter.
    pub filter: Option<Filter>,
    /// The prompt changed since the last search (see `settle`).
    pending: bool,
    /// The corpus must be searched (again): the query changed or articles arrived.
    ask: bool,
    /// Numbers the corpus searches asked for; a result for an older one is dropped.
    generation: u64,
    /// The first corpus result for the query may move the view on from here.
    placed: Option<Placed>,
    /// `n`/`N` pressed while the corpus hits were on their way: done when they come.
    queued: Vec<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Saved {
    selected: usize,
    article: Option<ArticleId>,
    cursor: usize,
    scroll: usize,
}

/// Where the search of one article left the view, and the position searched from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Placed {
    from: (ArticleId, usize),
    view: (Option<ArticleId>, usize, usize),
}

/// A corpus search for the search thread: `query` over the first `articles`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub generation: u64,
    pub query: Query,
    pub articles: usize,
}

/// What the search thread sends back.
#[derive(Debug)]
pub struct Found {
    pub generation: u64,
    pub hits: Arc<Hits>,
}

/// A job done here and now (tests, headless use): the search thread does the
/// same, with what it kept from the last job.
pub fn carry_out<T: Searched>(job: &Job, articles: &[T]) -> Found {
    let n = job.articles.min(articles.len());
    Found {
        generation: job.generation,
        hits: Arc::new(Hits::search(&job.query, &articles[..n])),
    }
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

/// Search hits in `article` as overlays (while a search is shown). One article
/// is searched here, at once, rather than waiting for the corpus hits.
pub fn overlays(state: &State, article: ArticleId) -> Vec<Overlay> {
    let (Some(q), Some(a)) = (&state.search.query, state.articles.get(article)) else {
        return Vec::new();
    };
    q.find_all(&a.text)
        .into_iter()
        .map(|range| Overlay {
            range,
            class: Class::SearchHit,
        })
        .collect()
}

/// The status-bar text: `/QUERY k/N` for a search (`/QUERY searching…` until
/// the corpus is searched), `/TEXT k/N articles` while the list is filtered; the
/// bool says whether the prompt is open.
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
    let count = match (&s.hits, &s.query) {
        (Some(hits), _) => format!(
            "{}/{}",
            index_of_current(state).map_or(0, |i| i + 1),
            hits.len()
        ),
        (None, None) => "0/0".into(),
        (None, Some(_)) => "searching…".into(),
    };
    Some((format!("/{text} {count}"), s.prompt.is_some()))
}

impl SearchState {
    /// Numbers the search: a corpus search for an older number is useless.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

/// The current hit's place among the corpus hits.
fn index_of_current(state: &State) -> Option<usize> {
    let (hits, c) = (state.search.hits.as_ref()?, state.search.current.as_ref()?);
    hits.position(c.article, c.range.start)
}

/// Keys while a prompt is open: they are text, not actions.
pub(super) fn key(state: &mut State, ev: &KeyEvent) -> ControlFlow<Option<Effect>> {
    let typing_filter = state.search.filter.as_ref().is_some_and(|f| f.typing);
    if state.search.prompt.is_none() && !typing_filter {
        return ControlFlow::Continue(());
    }
    state.message = None;
    let mut text = if typing_filter {
        state.search.filter.as_ref().map(|f| f.text.clone())
    } else {
        state.search.prompt.clone()
    }
    .unwrap_or_default();
    match super::prompt::edit(&mut text, ev) {
        Edit::Quit => return ControlFlow::Break(Some(Effect::Quit)),
        Edit::Changed => {}
        Edit::Enter => {
            if typing_filter {
                keep_filter(state);
                return ControlFlow::Break(None);
            }
            let effect = settle(state);
            keep_search(state);
            return ControlFlow::Break(effect);
        }
        Edit::Esc => {
            if typing_filter {
                clear_filter(state);
            } else {
                cancel_search(state);
            }
            return ControlFlow::Break(None);
        }
        Edit::Other => return ControlFlow::Break(None),
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
    let saved = Some(Saved {
        selected: state.list.selected,
        article: r.article,
        cursor: r.cursor,
        scroll: r.scroll,
    });
    clear_search(state);
    state.focus = Pane::Reader;
    state.search.saved = saved;
    state.search.prompt = Some(String::new());
    state.search.hits = Some(Arc::default());
}

/// Searches for what was typed, in the article shown, and asks for the corpus
/// search. The event loop calls this once after the keys that were waiting,
/// before drawing, and hands the effect to the search thread.
pub fn settle(state: &mut State) -> Option<Effect> {
    if std::mem::take(&mut state.search.pending) {
        run(state);
    }
    if !std::mem::take(&mut state.search.ask) {
        return None;
    }
    let query = state.search.query.clone()?;
    Some(Effect::Search(Job {
        generation: state.search.generation,
        query,
        articles: state.articles.len(),
    }))
}

/// Searches the article where the view was when `/` was pressed, and moves to
/// its first hit at or after the cursor; with none there, the view goes back
/// and waits for the corpus hits (`receive`) to go on to a later article.
fn run(state: &mut State) {
    let query = state.search.prompt.as_deref().and_then(Query::new);
    if query == state.search.query {
        return; // keys that cancel out (a letter, then Backspace)
    }
    let s = &mut state.search;
    s.generation += 1;
    s.queued.clear();
    s.current = None;
    s.placed = None;
    s.ask = query.is_some();
    s.hits = if query.is_some() {
        None
    } else {
        Some(Arc::default())
    };
    s.query = query;
    let Some(saved) = s.saved else {
        return;
    };
    let from = saved
        .article
        .map(|a| (a, passage_start(state, a, saved.cursor)));
    let first = match (&state.search.query, from) {
        (Some(q), Some((a, pos))) => {
            let hits = q.find_all(&state.articles[a].text);
            hits.into_iter()
                .find(|r| r.start >= pos)
                .map(|range| Hit { article: a, range })
        }
        _ => None,
    };
    match first {
        Some(hit) => go_to(state, hit),
        None => {
            restore(state, saved);
            super::refresh_overlays(state);
        }
    }
    if let (Some(from), Some(_)) = (from, &state.search.query) {
        state.search.placed = Some(Placed {
            from,
            view: view(state),
        });
    }
}

fn view(state: &State) -> (Option<ArticleId>, usize, usize) {
    let r = &state.reader;
    (r.article, r.cursor, r.scroll)
}

/// The corpus hits from the search thread.
pub(super) fn receive(state: &mut State, found: Found) {
    if found.generation != state.search.generation || state.search.query.is_none() {
        return; // the query changed since
    }
    let hits = found.hits;
    state.search.hits = Some(Arc::clone(&hits));
    // The first result for a query: with no hit after the cursor in the
    // article, the view goes on to the next hit in the corpus, unless the
    // person has moved it meanwhile.
    if let Some(placed) = state.search.placed.take() {
        if state.search.current.is_none()
            && view(state) == placed.view
            && let Some(i) = hits.at_or_after(placed.from.0, placed.from.1)
        {
            go_to(state, hits.hits[i].clone());
        }
        if state.search.prompt.is_none() && hits.is_empty() {
            state.say("no hits");
        }
    }
    for forward in std::mem::take(&mut state.search.queued) {
        step(state, forward);
    }
}

fn keep_search(state: &mut State) {
    state.search.prompt = None;
    state.search.saved = None;
    if state.search.query.is_some() && state.search.hits.as_ref().is_some_and(|h| h.is_empty()) {
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
    s.ask = false;
    // A corpus search still running is for nothing now.
    s.generation += 1;
    s.prompt = None;
    s.query = None;
    s.hits = None;
    s.current = None;
    s.saved = None;
    s.placed = None;
    s.queued.clear();
    super::refresh_overlays(state);
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
/// Before the corpus hits arrive, within the article shown; a step that would
/// leave it waits for them.
fn step(state: &mut State, forward: bool) {
    let Some(query) = state.search.query.clone() else {
        let key = state
            .keymap
            .keys(Action::Search)
            .first()
            .map_or_else(|| "search".into(), ToString::to_string);
        state.say(format!("no search; {key} searches"));
        return;
    };
    let Some(article) = state.reader.article else {
        return;
    };
    let cursor = state.reader.cursor;
    // From the current hit if the cursor is still on it, else from the cursor.
    let here = state.search.current.clone().filter(|h| {
        h.article == article && passage_of(&state.articles[article], h.range.start) == cursor
    });
    let pos = passage_start(state, article, cursor);
    let Some(hits) = state.search.hits.clone() else {
        let queued = &mut state.search.queued;
        let local = if queued.is_empty() {
            let found = query.find_all(&state.articles[article].text);
            let at = here.as_ref().map(|h| h.range.start);
            if forward {
                found.into_iter().find(|r| match at {
                    Some(at) => r.start > at,
                    None => r.start >= pos,
                })
            } else {
                let at = at.unwrap_or(pos);
                found.into_iter().rev().find(|r| r.start < at)
            }
        } else {
            None
        };
        match local {
            Some(range) => go_to(state, Hit { article, range }),
            None => {
                queued.push(forward);
                state.say("searching the other articles…");
            }
        }
        return;
    };
    if hits.is_empty() {
        state.say("no hits");
        return;
    }
    let here = here.and_then(|h| hits.position(h.article, h.range.start));
    let next = match (here, forward) {
        (Some(i), true) => (i + 1) % hits.len(),
        (Some(i), false) => (i + hits.len() - 1) % hits.len(),
        (None, true) => hits.at_or_after(article, pos).unwrap_or(0),
        (None, false) => hits.before(article, pos).unwrap_or(0),
    };
    let wrapped = match here {
        Some(i) => (forward && next <= i) || (!forward && next >= i),
        None => false,
    };
    go_to(state, hits.hits[next].clone());
    if wrapped {
        state.say(if forward {
            "search wrapped to the first hit"
        } else {
            "search wrapped to the last hit"
        });
    }
}

/// Shows `hit`: its article (the list selection follows), the cursor on its
/// passage, its row in view.
fn go_to(state: &mut State, hit: Hit) {
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
    state.search.current = Some(hit);
    super::refresh_overlays(state);
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

/// More articles arrived: the corpus is searched again (the hits so far stay
/// until then: they are right for the articles they cover).
pub(super) fn arrived(state: &mut State) {
    if state.search.query.is_some() {
        state.search.generation += 1;
        state.search.ask = true;
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
