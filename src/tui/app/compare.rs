//! Compare mode: `c` opens a picker of the other articles, most related first;
//! Enter shows the current and the chosen article side by side (stacked on a
//! narrow screen), each pane with its own passage cursor. Tab moves the focus,
//! `s` toggles synchronised scrolling (the other pane follows to the best match of
//! the passage under the cursor), Esc goes back to the reader as it was.
//!
//! The focused pane *is* `State::reader` (swapped on Tab), so everything the
//! reader does (moving, bookmarks, entity walking) works in it unchanged; the
//! other pane waits in `CompareView::other`. `State::areas` gives the focused
//! pane's geometry while comparing. Nothing slow runs on the UI thread: the
//! loader builds the related index, and ranking the picker and comparing are
//! `Job`s for the compare thread (tui/compare_worker.rs).

use std::ops::ControlFlow;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::reading::{clamp_reader, move_in_reader, reflow, relayout};
use super::{Effect, Pane, Popup, ReaderState, State};
use crate::compare::{Comparison, RelatedIndex, Side, compare};
use crate::corpus::{Article, ArticleId};
use crate::tui::action::Action;
use crate::tui::layout::{Areas, GUTTER, MIN_HEIGHT, MIN_WIDTH};
use crate::tui::theme::Class;
use crate::tui::wrap::Overlay;

/// Below this width the two panes are stacked, one above the other.
pub const SIDE_BY_SIDE_WIDTH: u16 = 90;

/// Work for the compare thread: ranking the other articles for the picker
/// (linear in the corpus), or comparing two articles (tens of milliseconds for
/// long ones).
#[derive(Debug, Clone)]
pub enum Job {
    Rank(ArticleId, Arc<RelatedIndex>),
    Compare { a: ArticleId, b: ArticleId },
}

impl PartialEq for Job {
    fn eq(&self, other: &Job) -> bool {
        match (self, other) {
            (Job::Rank(a, i), Job::Rank(b, j)) => a == b && Arc::ptr_eq(i, j),
            (Job::Compare { a, b }, Job::Compare { a: c, b: d }) => (a, b) == (c, d),
            _ => false,
        }
    }
}

impl Eq for Job {}

/// Results for compare mode.
#[derive(Debug, Clone)]
pub enum CompareFeed {
    /// The ranking of related articles, for the picker (built once per corpus).
    Related(Arc<RelatedIndex>),
    /// The other articles for the picker, most related first.
    Ranked {
        article: ArticleId,
        rows: Vec<(ArticleId, f32)>,
    },
    Compared {
        a: ArticleId,
        b: ArticleId,
        comparison: Box<Comparison>,
    },
}

/// Carries out a job (on the compare thread; tests call it directly). None if
/// its articles are not in `articles`.
pub fn carry_out(job: &Job, articles: &[Article]) -> Option<CompareFeed> {
    Some(match job {
        Job::Rank(article, index) => CompareFeed::Ranked {
            article: *article,
            rows: index.related(*article),
        },
        Job::Compare { a, b } => compared(*a, *b, articles.get(*a)?, articles.get(*b)?),
    })
}

/// The result of comparing articles `a` and `b`.
pub fn compared(a: ArticleId, b: ArticleId, x: &Article, y: &Article) -> CompareFeed {
    CompareFeed::Compared {
        a,
        b,
        comparison: Box::new(compare(x, y)),
    }
}

#[derive(Debug, Clone)]
pub struct CompareState {
    /// Synchronised scrolling (`s`), on by default.
    pub sync: bool,
    pub index: Option<Arc<RelatedIndex>>,
    pub picker: Option<Picker>,
    pub view: Option<CompareView>,
}

impl Default for CompareState {
    fn default() -> Self {
        CompareState {
            sync: true,
            index: None,
            picker: None,
            view: None,
        }
    }
}

/// The `c` popup: the other articles, most related first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Picker {
    /// The article to compare.
    pub article: ArticleId,
    /// (article, score), best first; None while the ranking is being built.
    pub rows: Option<Vec<(ArticleId, f32)>>,
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

/// Two articles side by side: A (the one that was in the reader) left or on
/// top, B right or below.
#[derive(Debug, Clone)]
pub struct CompareView {
    pub a: ArticleId,
    pub b: ArticleId,
    /// Which pane is `State::reader`.
    pub focus: Side,
    /// The pane without the focus.
    pub other: ReaderState,
    /// None while it is being computed.
    pub comparison: Option<Comparison>,
    /// The shared quotes of each side (A, B), as `Class::Quote` overlays: a
    /// layer of its own, drawn over the features' overlays.
    pub quotes: [Vec<Overlay>; 2],
    /// The reader as it was, restored on Esc.
    saved: ReaderState,
    saved_focus: Pane,
}

impl CompareView {
    /// The article of a side.
    pub fn article(&self, side: Side) -> ArticleId {
        match side {
            Side::A => self.a,
            Side::B => self.b,
        }
    }

    pub fn quotes(&self, side: Side) -> &[Overlay] {
        &self.quotes[side as usize]
    }
}

/// Whether compare mode is on (the two panes are shown).
pub fn active(state: &State) -> bool {
    state.compare.view.is_some()
}

/// The pane of `side` while comparing: `State::reader` if it has the focus.
pub fn pane(state: &State, side: Side) -> Option<&ReaderState> {
    let v = state.compare.view.as_ref()?;
    Some(if v.focus == side {
        &state.reader
    } else {
        &v.other
    })
}

/// The geometry of the two panes (A, B) on a screen: side by side from
/// `SIDE_BY_SIDE_WIDTH` columns, stacked below; None if too small to draw.
pub fn pane_areas(width: u16, height: u16) -> Option<[Areas; 2]> {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return None;
    }
    let body = height - 1;
    let (a, b) = if width >= SIDE_BY_SIDE_WIDTH {
        let left = width / 2;
        (
            Rect::new(0, 0, left, body),
            Rect::new(left, 0, width - left, body),
        )
    } else {
        let top = body / 2;
        (
            Rect::new(0, 0, width, top),
            Rect::new(0, top, width, body - top),
        )
    };
    let areas = |reader| Areas {
        too_small: false,
        sources: Rect::default(),
        reader,
        status: Rect::new(0, body, width, 1),
        // One more column, for the strength of a match.
        gutter: GUTTER + 1,
    };
    Some([areas(a), areas(b)])
}

/// `State::areas` while comparing: the focused pane is the reader.
pub fn areas(state: &State) -> Option<Areas> {
    let v = state.compare.view.as_ref()?;
    let [a, b] = pane_areas(state.width, state.height)?;
    Some(if v.focus == Side::A { a } else { b })
}

/// A match's strength as a gutter glyph: strong, medium, weak (scores start at
/// `compare::THRESHOLD`, 0.25; a near-verbatim report scores above 0.5).
pub fn band(score: f32) -> &'static str {
    if score >= 0.5 {
        "█"
    } else if score >= 0.35 {
        "▒"
    } else {
        "░"
    }
}

/// Passages of the unfocused pane matching the passage under the cursor, with
/// their scores (best first).
pub fn matches_of_cursor(state: &State) -> Vec<(usize, f32)> {
    let Some(v) = &state.compare.view else {
        return Vec::new();
    };
    let Some(c) = &v.comparison else {
        return Vec::new();
    };
    c.alignment
        .matches(v.focus, state.reader.cursor)
        .iter()
        .map(|m| (m.passage, m.score))
        .collect()
}

/// The status-bar text in compare mode: the focused pane, sync, and the match
/// of the passage under the cursor.
pub fn status(state: &State) -> Option<String> {
    let v = state.compare.view.as_ref()?;
    let wide = state.width >= SIDE_BY_SIDE_WIDTH;
    let pane = match (v.focus, wide) {
        (Side::A, true) => "left",
        (Side::B, true) => "right",
        (Side::A, false) => "top",
        (Side::B, false) => "bottom",
    };
    let sync = if state.compare.sync {
        "sync on"
    } else {
        "sync off"
    };
    let strength = match &v.comparison {
        None => "comparing…".to_string(),
        Some(_) => match matches_of_cursor(state).first() {
            Some(&(p, s)) => format!("match {} {:.2} → passage {}", band(s), s, p + 1),
            None => "no match".to_string(),
        },
    };
    Some(format!("{pane} · {sync} · {strength}"))
}

/// Compare's part of a key's action. `Break` when it was handled here.
pub fn update(state: &mut State, action: Action) -> ControlFlow<Option<Effect>> {
    if state.popup == Some(Popup::Compare) {
        return ControlFlow::Break(in_picker(state, action));
    }
    // A `v` selection takes the moves and Esc until it ends.
    if active(state) && super::bookmarks::selection(state).is_none() {
        return in_compare(state, action);
    }
    if active(state) {
        return ControlFlow::Continue(());
    }
    match action {
        Action::Compare => ControlFlow::Break(open_picker(state)),
        Action::ToggleSync => {
            let c = key_of(state, Action::Compare);
            state.say(format!("synchronised scrolling is for compare mode ({c})"));
            ControlFlow::Break(None)
        }
        _ => ControlFlow::Continue(()),
    }
}

fn key_of(state: &State, action: Action) -> String {
    state
        .keymap
        .keys(action)
        .first()
        .map_or_else(|| action.name().to_string(), ToString::to_string)
}

fn open_picker(state: &mut State) -> Option<Effect> {
    let Some(article) = state.reader.article else {
        state.say("no article to compare");
        return None;
    };
    if state.articles.len() < 2 {
        state.say("nothing to compare with: this is the only article");
        return None;
    }
    state.compare.picker = Some(Picker {
        article,
        ..Picker::default()
    });
    state.popup = Some(Popup::Compare);
    rank(state, article)
}

/// Asks for the ranking of the other articles, once the index has come and
/// covers them all.
fn rank(state: &State, article: ArticleId) -> Option<Effect> {
    let index = state.compare.index.as_ref()?;
    (index.len() == state.articles.len())
        .then(|| Effect::Compare(Job::Rank(article, Arc::clone(index))))
}

/// Rows of the picker that fit (one per article).
pub fn picker_page(state: &State) -> usize {
    let rows = state.articles.len().saturating_sub(1);
    picker_area(Rect::new(0, 0, state.width, state.height), rows)
        .map_or(1, |a| usize::from(a.height.saturating_sub(2)).max(1))
}

/// The picker popup for `rows` articles on a screen, centred; None if it
/// doesn't fit.
pub fn picker_area(screen: Rect, rows: usize) -> Option<Rect> {
    let w = screen.width.saturating_sub(4).min(100);
    let rows = u16::try_from(rows.max(1)).unwrap_or(u16::MAX);
    let h = screen.height.saturating_sub(2).min(rows.saturating_add(2));
    (w >= 20 && h >= 3).then(|| {
        Rect::new(
            screen.x + (screen.width - w) / 2,
            screen.y + (screen.height - h) / 2,
            w,
            h,
        )
    })
}

fn in_picker(state: &mut State, action: Action) -> Option<Effect> {
    let page = picker_page(state);
    let Some(p) = state.compare.picker.as_mut() else {
        state.popup = None;
        return None;
    };
    let n = p.rows.as_ref().map_or(0, Vec::len);
    let cur = p.selected;
    match action {
        Action::Back | Action::Compare => {
            state.popup = None;
            state.compare.picker = None;
            return None;
        }
        Action::Open => {
            let chosen = p.rows.as_ref().and_then(|r| r.get(cur)).map(|r| r.0);
            let a = p.article;
            return chosen.and_then(|b| start(state, a, b));
        }
        _ => {
            super::move_selection(action, &mut p.selected, &mut p.offset, n, page);
        }
    }
    None
}

/// Enters compare mode on articles `a` (the reader's) and `b`; the comparison
/// is computed off the UI thread.
fn start(state: &mut State, a: ArticleId, b: ArticleId) -> Option<Effect> {
    state.popup = None;
    state.compare.picker = None;
    if a == b || b >= state.articles.len() || state.reader.article != Some(a) {
        return None;
    }
    let (cursor, scroll) = state.positions[b];
    let other = ReaderState {
        article: Some(b),
        cursor,
        scroll,
        show_removed: state.reader.show_removed,
        ..ReaderState::default()
    };
    state.compare.view = Some(CompareView {
        a,
        b,
        focus: Side::A,
        other,
        comparison: None,
        quotes: [Vec::new(), Vec::new()],
        saved: state.reader.clone(),
        saved_focus: state.focus,
    });
    state.focus = Pane::Reader;
    reflow(state);
    with_other(state, |s| {
        relayout(s);
        clamp_reader(s, false);
    });
    state.say("comparing…");
    Some(Effect::Compare(Job::Compare { a, b }))
}

/// Runs `f` with the unfocused pane as `State::reader` (and its geometry).
fn with_other<R>(state: &mut State, f: impl FnOnce(&mut State) -> R) -> R {
    swap(state);
    let out = f(state);
    swap(state);
    out
}

fn swap(state: &mut State) {
    if let Some(v) = state.compare.view.as_mut() {
        std::mem::swap(&mut state.reader, &mut v.other);
        v.focus = v.focus.other();
    }
}

fn in_compare(state: &mut State, action: Action) -> ControlFlow<Option<Effect>> {
    match action {
        Action::Back => leave(state),
        Action::NextPane | Action::PrevPane => swap(state),
        Action::ToggleSync => {
            state.compare.sync = !state.compare.sync;
            follow(state);
            state.say(if state.compare.sync {
                "sync on: the other pane follows the best match"
            } else {
                "sync off"
            });
        }
        Action::Compare => {
            let esc = key_of(state, Action::Back);
            state.say(format!("already comparing; {esc} goes back to the reader"));
        }
        a if a.is_move() => {
            move_in_reader(state, action);
            follow(state);
        }
        Action::Open => {}
        // The list may open another article in the reader: leave first.
        Action::Bookmarks => {
            leave(state);
            return ControlFlow::Continue(());
        }
        _ => return ControlFlow::Continue(()),
    }
    ControlFlow::Break(None)
}

/// Back to the reader as it was before `c`.
pub fn leave(state: &mut State) {
    if let Some(v) = state.compare.view.take() {
        state.reader = v.saved;
        state.focus = v.saved_focus;
        // The screen may have changed size meanwhile.
        reflow(state);
    }
}

/// With sync on, moves the other pane's cursor to the best match of the passage
/// under the cursor, at the same height on screen when it fits.
pub fn follow(state: &mut State) {
    if !state.compare.sync {
        return;
    }
    let Some(&(target, _)) = matches_of_cursor(state).first() else {
        return;
    };
    let r = &state.reader;
    let above = r
        .layout
        .passages
        .get(r.cursor)
        .map_or(0, |p| p.start.saturating_sub(r.scroll));
    with_other(state, |s| {
        s.reader.cursor = target;
        if let Some(rows) = s.reader.layout.passages.get(target) {
            s.reader.scroll = rows.start.saturating_sub(above);
        }
        clamp_reader(s, false);
    });
}

/// A left click while comparing: focuses the pane clicked and puts its cursor
/// on the passage there. True if it was a click on a pane.
pub fn click(state: &mut State, col: u16, row: u16) -> bool {
    let Some(v) = &state.compare.view else {
        return false;
    };
    let Some(panes) = pane_areas(state.width, state.height) else {
        return false;
    };
    let at = ratatui::layout::Position::new(col, row);
    let Some(side) = [Side::A, Side::B]
        .into_iter()
        .find(|&s| Areas::inner(panes[s as usize].reader).contains(at))
    else {
        return false;
    };
    if side != v.focus {
        swap(state);
    }
    let text = panes[side as usize].reader_text();
    let line = state.reader.scroll + usize::from(row.saturating_sub(text.y));
    if let Some(p) = state.reader.layout.passage_at(line) {
        state.reader.cursor = p;
        clamp_reader(state, false);
        follow(state);
    }
    true
}

/// The screen changed size: the unfocused pane reflows too.
pub fn resize(state: &mut State) {
    if active(state) {
        with_other(state, reflow);
    }
}

/// Compare's messages from the workers.
pub fn receive(state: &mut State, feed: CompareFeed) -> Option<Effect> {
    match feed {
        CompareFeed::Related(index) => {
            state.compare.index = Some(index);
            if let Some(article) = state.compare.picker.as_ref().map(|p| p.article) {
                return rank(state, article);
            }
        }
        CompareFeed::Ranked { article, rows } => {
            if let Some(p) = state.compare.picker.as_mut()
                && p.article == article
            {
                p.rows = Some(rows);
            }
        }
        CompareFeed::Compared { a, b, comparison } => {
            let v = state.compare.view.as_mut()?;
            if (v.a, v.b) != (a, b) {
                return None;
            }
            let quote = |range| Overlay {
                range,
                class: Class::Quote,
            };
            let qa = comparison.shared_quotes.iter();
            v.quotes[0] = qa.clone().map(|q| quote(q.a.start..q.a.end)).collect();
            v.quotes[1] = qa.map(|q| quote(q.b.start..q.b.end)).collect();
            v.quotes[1].sort_by_key(|o| o.range.start);
            let pairs = comparison.alignment.pairs().len();
            let quotes = comparison.shared_quotes.len();
            v.comparison = Some(*comparison);
            state.say(format!(
                "{pairs} matching passage pair{}, {quotes} shared quote{}",
                if pairs == 1 { "" } else { "s" },
                if quotes == 1 { "" } else { "s" },
            ));
            follow(state);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::{receive as feed, resize, update};
    use super::*;
    use crate::tui::keymap::Context;
    use crate::tui::testing::{seed_id, seed_passage};
    use crate::tui::worker::Feed;

    fn seeds(w: u16, h: u16) -> State {
        crate::tui::testing::seeds(Default::default(), w, h)
    }

    /// Opens article `a` in the reader and compares it with `b`, carrying out
    /// the job as the event loop would.
    fn compare_pair(s: &mut State, a: ArticleId, b: ArticleId) {
        super::super::select(s, a);
        update(s, Action::Open);
        open(s);
        let rows = s.compare.picker.as_ref().unwrap().rows.clone().unwrap();
        let k = rows.iter().position(|r| r.0 == b).unwrap();
        for _ in 0..k {
            update(s, Action::Down);
        }
        let Some(Effect::Compare(job)) = update(s, Action::Open) else {
            panic!("Enter should ask for the comparison")
        };
        assert_eq!(job, Job::Compare { a, b });
        run(s, &job);
    }

    /// A job carried out, its result received, as the event loop would.
    fn run(s: &mut State, job: &Job) -> Option<Effect> {
        let done = carry_out(job, &s.articles).expect("its articles");
        feed(s, Feed::Compare(done))
    }

    /// `c`, and the ranking carried out.
    fn open(s: &mut State) {
        let Some(Effect::Compare(job)) = update(s, Action::Compare) else {
            panic!("c asks for the ranking")
        };
        assert!(matches!(job, Job::Rank(..)));
        run(s, &job);
    }

    #[test]
    fn the_picker_lists_the_others_most_related_first() {
        let mut s = seeds(120, 40);
        let a = seed_id(&s, "001_");
        super::super::select(&mut s, a);
        open(&mut s);
        assert_eq!(s.popup, Some(Popup::Compare));
        assert_eq!(s.context(), Context::Picker);
        let p = s.compare.picker.clone().unwrap();
        let rows = p.rows.unwrap();
        assert_eq!(rows.len(), s.articles.len() - 1);
        assert!(!rows.iter().any(|r| r.0 == a));
        assert!(rows.windows(2).all(|w| w[0].1 >= w[1].1), "{rows:?}");
        // Same week's exchange before other meetings.
        let rank = |p| rows.iter().position(|r| r.0 == seed_id(&s, p)).unwrap();
        assert!(rank("000_") < rank("003_") && rank("002_") < rank("004_"));
        update(&mut s, Action::Last);
        assert_eq!(s.compare.picker.as_ref().unwrap().selected, rows.len() - 1);
        update(&mut s, Action::Back);
        assert_eq!(s.popup, None);
        assert!(!active(&s));
    }

    #[test]
    fn the_picker_waits_for_the_ranking() {
        let mut s = crate::tui::testing::state_with(3, 5);
        assert_eq!(update(&mut s, Action::Compare), None, "no index yet");
        assert_eq!(s.compare.picker.as_ref().unwrap().rows, None);
        let index = RelatedIndex::from_articles(&s.articles, None);
        let asked = feed(&mut s, Feed::Compare(CompareFeed::Related(Arc::new(index))));
        let Some(Effect::Compare(job)) = asked else {
            panic!("the index asks for the ranking of the open picker")
        };
        // A ranking for another article (the picker was reopened) is dropped.
        let stale = CompareFeed::Ranked {
            article: 2,
            rows: vec![(0, 1.0)],
        };
        feed(&mut s, Feed::Compare(stale));
        assert_eq!(s.compare.picker.as_ref().unwrap().rows, None);
        run(&mut s, &job);
        let rows = s.compare.picker.as_ref().unwrap().rows.clone().unwrap();
        assert_eq!(rows.len(), 2);
        // One article: nothing to compare with.
        let mut one = crate::tui::testing::state_with(1, 5);
        update(&mut one, Action::Compare);
        assert_eq!(one.popup, None);
        assert!(one.message.unwrap().text.contains("nothing to compare"));
    }

    #[test]
    fn sync_follows_the_best_match_and_tab_moves_the_focus() {
        let mut s = seeds(120, 40);
        let (a, b) = (seed_id(&s, "001_"), seed_id(&s, "002_"));
        compare_pair(&mut s, a, b);
        assert_eq!(s.context(), Context::Compare);
        assert_eq!(s.reader.article, Some(a));
        assert_eq!(pane(&s, Side::B).unwrap().article, Some(b));
        // Down to the passage where Blinken expects to speak to Lavrov.
        let i = seed_passage(&s, a, "expects to speak to Foreign Minister Sergei Lavrov");
        let j = seed_passage(
            &s,
            b,
            "In the coming days, I expect to speak with Russian FM",
        );
        while s.reader.cursor < i {
            update(&mut s, Action::Down);
        }
        assert_eq!(s.reader.cursor, i);
        assert_eq!(
            pane(&s, Side::B).unwrap().cursor,
            j,
            "the other pane follows"
        );
        let st = status(&s).unwrap();
        assert!(st.starts_with("left · sync on · match "), "{st}");
        // Same height on screen when it fits.
        let other = pane(&s, Side::B).unwrap();
        let rows = &other.layout.passages[j];
        assert!(rows.start >= other.scroll && rows.start < other.scroll + 36);
        // Tab: the right pane takes the keys, and the left follows it.
        update(&mut s, Action::NextPane);
        assert_eq!(s.compare.view.as_ref().unwrap().focus, Side::B);
        assert_eq!(s.reader.article, Some(b));
        assert_eq!(s.reader.cursor, j);
        assert!(status(&s).unwrap().starts_with("right"));
        update(&mut s, Action::First);
        assert_eq!(s.reader.cursor, 0);
        assert_eq!(pane(&s, Side::A).unwrap().article, Some(a));
        // Sync off: the other pane stays.
        update(&mut s, Action::ToggleSync);
        assert!(!s.compare.sync);
        assert!(status(&s).unwrap().contains("sync off"));
        let before = pane(&s, Side::A).unwrap().cursor;
        update(&mut s, Action::NextPane);
        update(&mut s, Action::PrevPane);
        for _ in 0..5 {
            update(&mut s, Action::Down);
        }
        assert_eq!(pane(&s, Side::A).unwrap().cursor, before);
    }

    #[test]
    fn esc_restores_the_reader_as_it_was() {
        let mut s = seeds(120, 40);
        let (a, b) = (seed_id(&s, "001_"), seed_id(&s, "000_"));
        super::super::select(&mut s, a);
        update(&mut s, Action::Open);
        for _ in 0..6 {
            update(&mut s, Action::Down);
        }
        let (cursor, scroll, width) = (s.reader.cursor, s.reader.scroll, s.reader.layout.width);
        compare_pair(&mut s, a, b);
        assert!(s.reader.layout.width < width, "a pane is narrower");
        update(&mut s, Action::NextPane);
        update(&mut s, Action::Last);
        // Quitting now would remember the left pane's article, where it is.
        let left = pane(&s, Side::A).unwrap().cursor;
        let remembered = s.position().unwrap();
        assert_eq!(remembered.article, s.articles[a].id);
        assert_eq!(remembered.passage, left);
        update(&mut s, Action::Back);
        assert!(!active(&s));
        assert_eq!(s.context(), Context::Reader);
        assert_eq!(s.reader.article, Some(a));
        assert_eq!((s.reader.cursor, s.reader.scroll), (cursor, scroll));
        assert_eq!(s.reader.layout.width, width);
        assert_eq!(s.areas(), Areas::new(120, 40));
    }

    #[test]
    fn narrow_screens_stack_the_panes_and_resizing_keeps_both() {
        let mut s = seeds(120, 40);
        let (a, b) = (seed_id(&s, "001_"), seed_id(&s, "002_"));
        compare_pair(&mut s, a, b);
        let [pa, pb] = pane_areas(80, 24).unwrap();
        assert_eq!(pa.reader.x, pb.reader.x);
        assert!(pb.reader.y >= pa.reader.bottom());
        for (w, h) in [(80, 24), (30, 5), (1, 1), (200, 60), (89, 30), (90, 30)] {
            resize(&mut s, w, h);
            for side in [Side::A, Side::B] {
                let r = pane(&s, side).unwrap();
                assert!(r.cursor < s.articles[r.article.unwrap()].paragraphs.len());
            }
            update(&mut s, Action::Down);
            update(&mut s, Action::NextPane);
        }
        assert_eq!(status(&s).unwrap().split(' ').next(), Some("left"));
    }

    #[test]
    fn a_click_focuses_the_pane_and_its_passage() {
        let mut s = seeds(120, 40);
        let (a, b) = (seed_id(&s, "001_"), seed_id(&s, "002_"));
        compare_pair(&mut s, a, b);
        let [_, pb] = pane_areas(120, 40).unwrap();
        let other = pane(&s, Side::B).unwrap();
        let target = (other.cursor + 1..other.layout.passages.len())
            .find(|&k| {
                let rows = &other.layout.passages[k];
                rows.start >= other.scroll && rows.start < other.scroll + 30
            })
            .unwrap();
        let row = pb.reader_text().y + (other.layout.passages[target].start - other.scroll) as u16;
        super::super::click(&mut s, pb.reader_text().x + 3, row);
        assert_eq!(s.compare.view.as_ref().unwrap().focus, Side::B);
        assert_eq!((s.reader.article, s.reader.cursor), (Some(b), target));
        // Outside both panes (the status bar): nothing.
        super::super::click(&mut s, 1, 39);
        assert_eq!(s.reader.cursor, target);
    }

    #[test]
    fn a_selection_in_a_pane_takes_esc_first() {
        let mut s = seeds(120, 40);
        let (a, b) = (seed_id(&s, "001_"), seed_id(&s, "002_"));
        compare_pair(&mut s, a, b);
        update(&mut s, Action::Select);
        update(&mut s, Action::Down);
        assert!(super::super::bookmarks::selection(&s).is_some());
        update(&mut s, Action::Back);
        assert!(active(&s), "Esc ends the selection, not compare mode");
        assert!(super::super::bookmarks::selection(&s).is_none());
        update(&mut s, Action::Back);
        assert!(!active(&s));
    }

    #[test]
    fn a_stale_comparison_is_dropped() {
        let mut s = seeds(120, 40);
        let (a, b) = (seed_id(&s, "001_"), seed_id(&s, "002_"));
        compare_pair(&mut s, a, b);
        let before = s.compare.view.as_ref().unwrap().comparison.clone();
        let other = seed_id(&s, "003_");
        let stale = compared(a, other, &s.articles[a], &s.articles[other]);
        feed(&mut s, Feed::Compare(stale.clone()));
        let v = s.compare.view.as_ref().unwrap();
        assert_eq!((v.b, &v.comparison), (b, &before));
        update(&mut s, Action::Back);
        feed(&mut s, Feed::Compare(stale));
        assert!(!active(&s));
    }
}
