//! Bookmarks in the reader: `m` bookmarks the passage under the cursor, `v`
//! selects a run of passages to bookmark as one, `'` lists every bookmark (Enter
//! goes to it, `d` deletes, `u` undoes, `a` edits the note), and the gutter marks
//! bookmarked passages. Disk work goes out as `Job`s, carried out off the UI
//! thread (tui/bookmark_worker.rs); results come back as `BookmarkFeed`s.
//!
//! Changes show at once (the mark, the list row); the file follows. A change
//! the file refused is taken back, with a warning.

use std::collections::{HashMap, HashSet};
use std::ops::{ControlFlow, RangeInclusive};

use ratatui::crossterm::event::KeyEvent;

use super::prompt::Edit;
use ratatui::layout::Rect;

use super::{Effect, Pane, Popup, State, clamp_reader, move_in_reader, select};
use crate::corpus::ArticleId;
use crate::store::anchor::Status;
use crate::store::bookmark_file::Snapshot;
use crate::store::bookmarks::{Bookmark, Placement, Resolved};
use crate::tui::action::Action;
use crate::tui::layout::RowKind;

/// Disk work for the bookmarks thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Read the file and place its bookmarks in the loaded articles.
    Load,
    Add(Box<Bookmark>),
    Delete(String),
    /// Undo a delete.
    Restore(Box<Bookmark>),
    SetNote(String, Option<String>),
    /// Every bookmark, re-anchored where its corpus is now (the list); those
    /// of this corpus as already placed in the loaded articles, by id.
    List(Vec<(String, Resolved)>),
    /// Place bookmarks (written by another instance) in these loaded articles.
    Place(Vec<(Bookmark, ArticleId)>),
}

/// Which change of the file a result is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Read,
    Added(String),
    Deleted(String),
    Restored(String),
    /// And whether the bookmark was still there.
    Noted(String, bool),
}

/// Results from the bookmarks thread.
#[derive(Debug)]
pub enum BookmarkFeed {
    /// After loading: each article's source key, the file's bookmarks placed in
    /// the articles (by id), and the file as read.
    Loaded {
        sources: Vec<String>,
        placed: Vec<(String, Placement)>,
        file: Result<Snapshot, String>,
    },
    /// A change written (the file as it is now), or why not.
    Stored(Stored, Result<Snapshot, String>),
    Placed(Vec<(String, Placement)>),
    /// The list: every bookmark newest first, re-anchored.
    Listed(Result<Vec<(Bookmark, Resolved)>, String>),
}

/// The bookmarks part of the reader's state.
#[derive(Debug, Clone, Default)]
pub struct BookmarkState {
    /// How this corpus is recorded in new bookmarks (`bookmarks::corpus_key`).
    pub corpus: Vec<String>,
    /// Whether `Loaded` has come.
    loaded: bool,
    /// Articles by source key.
    sources: HashMap<String, ArticleId>,
    /// The bookmarks of this corpus by id, placed in its articles (orphans too).
    placed: HashMap<String, Placement>,
    /// Added or restored here and not yet in a snapshot of the file.
    pending: HashSet<String>,
    /// `v`: the article and the passage the selection started at.
    selection: Option<(ArticleId, usize)>,
    pub list: BookmarkList,
}

/// The `'` popup.
#[derive(Debug, Clone, Default)]
pub struct BookmarkList {
    /// None while the bookmarks are being re-anchored.
    pub rows: Option<Vec<Row>>,
    pub error: Option<String>,
    pub selected: usize,
    /// First item shown.
    pub offset: usize,
    /// The note being typed (`a`), for the selected row.
    pub note: Option<String>,
    /// Deleted while the list is open, the last on top (`u`).
    undo: Vec<Undo>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub bookmark: Bookmark,
    pub resolved: Resolved,
}

#[derive(Debug, Clone)]
struct Undo {
    index: usize,
    row: Row,
    placement: Option<Placement>,
}

/// Rows per item of the list (quote and status; title, note and date).
pub const LIST_ROWS: usize = 2;

/// The list popup on a screen; None if it doesn't fit.
pub fn list_area(screen: Rect) -> Option<Rect> {
    let w = screen.width.saturating_sub(4).min(100);
    let h = screen.height.saturating_sub(2);
    (w >= 20 && h >= 2 + LIST_ROWS as u16).then(|| {
        Rect::new(
            screen.x + (screen.width - w) / 2,
            screen.y + (screen.height - h) / 2,
            w,
            h,
        )
    })
}

/// Items that fit in the list popup.
fn list_page(state: &State) -> usize {
    list_area(Rect::new(0, 0, state.width, state.height))
        .map_or(1, |a| (usize::from(a.height - 2) / LIST_ROWS).max(1))
}

/// `passage 3` or `passages 3–5` (counted from 1).
pub fn passages(range: &RangeInclusive<usize>) -> String {
    if range.start() == range.end() {
        format!("passage {}", range.start() + 1)
    } else {
        format!("passages {}–{}", range.start() + 1, range.end() + 1)
    }
}

/// The live `v` selection: its passages, while its article is shown and the
/// reader has the focus.
pub fn selection(state: &State) -> Option<RangeInclusive<usize>> {
    let (article, anchor) = state.bookmarks.selection?;
    let cursor = state.reader.cursor;
    (state.reader.article == Some(article) && state.focus == Pane::Reader && state.popup.is_none())
        .then(|| anchor.min(cursor)..=anchor.max(cursor))
}

/// The runs of bookmarked passages among `passages` of the article shown (the
/// gutter marks). Bookmarks outside them cost one comparison each, so a frame
/// stays as fast with a thousand bookmarks as with none.
pub fn marked(state: &State, passages: RangeInclusive<usize>) -> Vec<RangeInclusive<usize>> {
    let (Some(id), Some(article)) = (state.reader.article, state.article()) else {
        return Vec::new();
    };
    let (Some(first), Some(last)) = (
        article.paragraphs.get(*passages.start()),
        article.paragraphs.get(*passages.end()),
    ) else {
        return Vec::new();
    };
    let (lo, hi) = (first.start, last.end);
    state
        .bookmarks
        .placed
        .values()
        .filter(|p| p.article == id)
        .filter(|p| p.range.as_ref().is_some_and(|r| r.start < hi && r.end > lo))
        .filter_map(|p| p.paragraphs(article))
        .collect()
}

/// The gutter marks of the passages in view, `rows` rows from the scroll.
pub fn marks_in_view(state: &State, rows: usize) -> Vec<RangeInclusive<usize>> {
    let r = &state.reader;
    let shown = r.layout.rows.iter().skip(r.scroll).take(rows);
    let mut passages = shown.filter_map(|row| match row.kind {
        RowKind::Passage(i, _) => Some(i),
        _ => None,
    });
    match (passages.next(), passages.next_back()) {
        (Some(a), b) => marked(state, a..=b.unwrap_or(a)),
        (None, _) => Vec::new(),
    }
}

/// The first key of an action, for messages.
pub(super) fn key_of(state: &State, action: Action) -> String {
    state
        .keymap
        .keys(action)
        .first()
        .map_or_else(|| action.name().to_string(), ToString::to_string)
}

/// Takes the action if bookmarks own it now (the list, a selection, `m`, `v`,
/// `'`); otherwise lets it through.
pub(super) fn update(state: &mut State, action: Action) -> ControlFlow<Option<Effect>> {
    if state.popup == Some(Popup::Bookmarks) {
        return ControlFlow::Break(in_list(state, action));
    }
    if selection(state).is_none() {
        // Left by a click elsewhere: it must not come back on a click back.
        state.bookmarks.selection = None;
    }
    if let Some(run) = selection(state) {
        match action {
            Action::Bookmark | Action::Open => {
                state.bookmarks.selection = None;
                return ControlFlow::Break(bookmark(state, run));
            }
            Action::Back | Action::Select => {
                state.bookmarks.selection = None;
                state.say("selection cancelled");
                return ControlFlow::Break(None);
            }
            a if a.is_move() => {
                move_in_reader(state, action);
                return ControlFlow::Break(None);
            }
            // Anything else ends the selection and does what it does.
            _ => state.bookmarks.selection = None,
        }
    }
    ControlFlow::Break(match action {
        Action::Bookmark => {
            let c = state.reader.cursor;
            bookmark(state, c..=c)
        }
        Action::Select => {
            match state.reader.article {
                Some(a) if !state.reader.layout.passages.is_empty() => {
                    state.focus = Pane::Reader;
                    state.bookmarks.selection = Some((a, state.reader.cursor));
                }
                _ => state.say("nothing to select here"),
            }
            None
        }
        Action::Bookmarks => {
            state.bookmarks.list = BookmarkList::default();
            state.popup = Some(Popup::Bookmarks);
            Some(Effect::Bookmarks(Job::List(known(state))))
        }
        _ => return ControlFlow::Continue(()),
    })
}

/// The bookmarks of this corpus as placed in the loaded articles: the list
/// takes them as they are (the text being read), and reopens only other corpora.
fn known(state: &State) -> Vec<(String, Resolved)> {
    let mut known: Vec<(String, Resolved)> = state
        .bookmarks
        .placed
        .iter()
        .map(|(id, p)| {
            let resolved = Resolved {
                range: p.range.clone(),
                status: p.status,
                title: state.articles.get(p.article).and_then(|a| a.title.clone()),
            };
            (id.clone(), resolved)
        })
        .collect();
    known.sort_by(|a, b| a.0.cmp(&b.0));
    known
}

/// Bookmarks passages of the article shown, at once.
fn bookmark(state: &mut State, run: RangeInclusive<usize>) -> Option<Effect> {
    let id = state.reader.article?;
    let article = &state.articles[id];
    let (first, last) = (*run.start(), *run.end());
    let list_key = key_of(state, Action::Bookmarks);
    if marked(state, run.clone()).contains(&run) {
        state.say(format!(
            "{} is already bookmarked ({list_key} lists bookmarks)",
            passages(&run)
        ));
        return None;
    }
    let b = &mut state.bookmarks;
    let Ok(new) = Bookmark::for_paragraphs(article, &b.corpus, first, last, None) else {
        state.say("nothing to bookmark here");
        return None;
    };
    b.placed.insert(
        new.id.clone(),
        Placement {
            article: id,
            range: Some(new.start..new.end),
            status: Status::Anchored,
        },
    );
    b.pending.insert(new.id.clone());
    state.say(format!(
        "bookmarked {} ({list_key} lists bookmarks)",
        passages(&run)
    ));
    Some(Effect::Bookmarks(Job::Add(Box::new(new))))
}

/// Keys while a note is being typed: they are text, not actions.
pub(super) fn key(state: &mut State, ev: &KeyEvent) -> ControlFlow<Option<Effect>> {
    if state.popup != Some(Popup::Bookmarks) || state.bookmarks.list.note.is_none() {
        return ControlFlow::Continue(());
    }
    let list = &mut state.bookmarks.list;
    let Some(note) = list.note.as_mut() else {
        return ControlFlow::Continue(());
    };
    match super::prompt::edit(note, ev) {
        Edit::Quit => return ControlFlow::Break(Some(Effect::Quit)),
        Edit::Esc => {
            list.note = None;
            state.say("note unchanged");
        }
        Edit::Enter => return ControlFlow::Break(save_note(state)),
        Edit::Changed | Edit::Other => {}
    }
    ControlFlow::Break(None)
}

fn save_note(state: &mut State) -> Option<Effect> {
    let list = &mut state.bookmarks.list;
    let text = list.note.take()?;
    let row = list.rows.as_mut()?.get_mut(list.selected)?;
    let note = Some(text.trim().to_string()).filter(|n| !n.is_empty());
    if row.bookmark.note == note {
        state.say("note unchanged");
        return None;
    }
    row.bookmark.note.clone_from(&note);
    let id = row.bookmark.id.clone();
    state.say(if note.is_some() {
        "note saved"
    } else {
        "note removed"
    });
    Some(Effect::Bookmarks(Job::SetNote(id, note)))
}

fn in_list(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Back | Action::Bookmarks => close_list(state),
        Action::Help => {
            close_list(state);
            state.popup = Some(Popup::Help { scroll: 0 });
        }
        a if a.is_move() => move_in_list(state, action),
        Action::Open => go_to(state),
        Action::DeleteBookmark => return delete(state),
        Action::UndoDelete => return undo(state),
        Action::EditNote => {
            let list = &mut state.bookmarks.list;
            if let Some(row) = list.rows.as_ref().and_then(|r| r.get(list.selected)) {
                list.note = Some(row.bookmark.note.clone().unwrap_or_default());
                state.say("note: type it; Enter saves, Esc cancels");
            }
        }
        _ => {}
    }
    None
}

fn close_list(state: &mut State) {
    state.popup = None;
    state.bookmarks.list = BookmarkList::default();
}

fn move_in_list(state: &mut State, action: Action) {
    let page = list_page(state);
    let list = &mut state.bookmarks.list;
    let n = list.rows.as_ref().map_or(0, Vec::len);
    super::move_selection(action, &mut list.selected, &mut list.offset, n, page);
}

/// Keeps the selected item in view (and the selection within the rows).
fn fix_offset(state: &mut State) {
    let page = list_page(state);
    let list = &mut state.bookmarks.list;
    let n = list.rows.as_ref().map_or(0, Vec::len);
    super::keep_in_view(&mut list.selected, &mut list.offset, n, page);
}

/// Where a bookmark of another corpus can be read.
fn elsewhere(b: &Bookmark) -> String {
    if b.corpus.is_empty() {
        "the bundled articles: run parallax with no paths".into()
    } else {
        format!("run parallax {}", b.corpus.join(" "))
    }
}

/// Enter: opens the bookmark's article at its passage.
fn go_to(state: &mut State) {
    let list = &state.bookmarks.list;
    let Some(row) = list.rows.as_ref().and_then(|r| r.get(list.selected)) else {
        return;
    };
    let b = &row.bookmark;
    let placed = state.bookmarks.placed.get(&b.id).cloned();
    let article = placed
        .as_ref()
        .map(|p| p.article)
        .or_else(|| state.bookmarks.sources.get(&b.source).copied());
    let Some(article) = article else {
        let text = if state.bookmarks.loaded {
            format!("that bookmark is in another corpus; {}", elsewhere(b))
        } else {
            "bookmarks are still being placed; try again in a moment".into()
        };
        state.say(text);
        return;
    };
    close_list(state);
    state.focus = Pane::Reader;
    select(state, article);
    let run = placed
        .as_ref()
        .and_then(|p| p.paragraphs(&state.articles[article]));
    let Some(run) = run else {
        state.warn("orphaned: its passage is no longer in this article (the bookmark is kept)");
        return;
    };
    state.reader.cursor = *run.start();
    // The passage near the top, with a row of context.
    if let Some(rows) = state.reader.layout.passages.get(*run.start()) {
        state.reader.scroll = rows.start.saturating_sub(1).min(state.max_scroll());
    }
    clamp_reader(state, false);
    let moved = match placed.map(|p| p.status) {
        Some(Status::Moved) => " (moved since it was bookmarked)",
        _ => "",
    };
    state.say(format!("bookmark: {}{moved}", passages(&run)));
}

fn delete(state: &mut State) -> Option<Effect> {
    let undo_key = key_of(state, Action::UndoDelete);
    let b = &mut state.bookmarks;
    let rows = b.list.rows.as_mut()?;
    if rows.is_empty() {
        return None;
    }
    let index = b.list.selected.min(rows.len() - 1);
    let row = rows.remove(index);
    let id = row.bookmark.id.clone();
    b.pending.remove(&id);
    let placement = b.placed.remove(&id);
    b.list.undo.push(Undo {
        index,
        row,
        placement,
    });
    fix_offset(state);
    state.say(format!("bookmark deleted ({undo_key} undoes)"));
    Some(Effect::Bookmarks(Job::Delete(id)))
}

fn undo(state: &mut State) -> Option<Effect> {
    let Some(u) = state.bookmarks.list.undo.pop() else {
        state.say("nothing to undo");
        return None;
    };
    let bookmark = u.row.bookmark.clone();
    state.bookmarks.pending.insert(bookmark.id.clone());
    put_back(state, u);
    state.say("bookmark restored");
    Some(Effect::Bookmarks(Job::Restore(Box::new(bookmark))))
}

/// Puts a deleted row (and its mark) back where it was.
fn put_back(state: &mut State, u: Undo) {
    let b = &mut state.bookmarks;
    let id = u.row.bookmark.id.clone();
    if let Some(rows) = b.list.rows.as_mut() {
        let at = u.index.min(rows.len());
        rows.insert(at, u.row);
        b.list.selected = at;
    }
    if let Some(p) = u.placement {
        b.placed.insert(id, p);
    }
    fix_offset(state);
}

/// A result from the bookmarks thread.
pub(super) fn receive(state: &mut State, feed: BookmarkFeed) -> Option<Effect> {
    match feed {
        BookmarkFeed::Loaded {
            sources,
            placed,
            file,
        } => {
            let b = &mut state.bookmarks;
            b.loaded = true;
            b.sources = sources
                .into_iter()
                .enumerate()
                .map(|(i, s)| (s, i))
                .collect();
            for (id, p) in placed {
                b.placed.entry(id).or_insert(p);
            }
            match file {
                Ok(snap) => apply(state, snap),
                Err(e) => {
                    state.warn(format!("bookmarks: {e}"));
                    None
                }
            }
        }
        BookmarkFeed::Stored(op, Ok(snap)) => {
            let effect = apply(state, snap);
            match op {
                Stored::Added(id) | Stored::Restored(id) => {
                    state.bookmarks.pending.remove(&id);
                }
                Stored::Noted(_, false) => state.warn("that bookmark was deleted meanwhile"),
                _ => {}
            }
            effect
        }
        BookmarkFeed::Stored(op, Err(e)) => {
            refused(state, op, &e);
            None
        }
        BookmarkFeed::Placed(placed) => {
            state.bookmarks.placed.extend(placed);
            None
        }
        BookmarkFeed::Listed(listed) => {
            if state.popup == Some(Popup::Bookmarks) {
                let list = &mut state.bookmarks.list;
                match listed {
                    Ok(rows) => {
                        list.rows = Some(
                            rows.into_iter()
                                .map(|(bookmark, resolved)| Row { bookmark, resolved })
                                .collect(),
                        );
                        list.error = None;
                    }
                    Err(e) => {
                        list.rows = Some(Vec::new());
                        list.error = Some(e);
                    }
                }
                fix_offset(state);
            }
            None
        }
    }
}

/// The file as it is now: marks follow it (another instance may have added or
/// deleted bookmarks); bookmarks of this corpus not yet placed are sent to be.
fn apply(state: &mut State, snap: Snapshot) -> Option<Effect> {
    if let Some(w) = snap.warning {
        state.warn(w);
    }
    let b = &mut state.bookmarks;
    let ids: HashSet<&str> = snap.bookmarks.iter().map(|x| x.id.as_str()).collect();
    let pending = &b.pending;
    b.placed
        .retain(|id, _| ids.contains(id.as_str()) || pending.contains(id));
    let todo: Vec<(Bookmark, ArticleId)> = snap
        .bookmarks
        .into_iter()
        .filter(|x| !b.placed.contains_key(&x.id))
        .filter_map(|x| {
            let a = *b.sources.get(&x.source)?;
            Some((x, a))
        })
        .collect();
    (!todo.is_empty()).then_some(Effect::Bookmarks(Job::Place(todo)))
}

/// A change the file refused: taken back, and said.
fn refused(state: &mut State, op: Stored, error: &str) {
    let b = &mut state.bookmarks;
    match op {
        Stored::Added(id) => {
            b.pending.remove(&id);
            b.placed.remove(&id);
            state.warn(format!("bookmark not saved: {error}"));
        }
        Stored::Restored(id) => {
            b.pending.remove(&id);
            b.placed.remove(&id);
            if let Some(rows) = b.list.rows.as_mut() {
                rows.retain(|r| r.bookmark.id != id);
            }
            fix_offset(state);
            state.warn(format!("bookmark not restored: {error}"));
        }
        Stored::Deleted(id) => {
            if let Some(i) = b.list.undo.iter().rposition(|u| u.row.bookmark.id == id) {
                let u = b.list.undo.remove(i);
                put_back(state, u);
            }
            state.warn(format!("bookmark not deleted: {error}"));
        }
        Stored::Noted(..) => state.warn(format!("note not saved: {error}")),
        Stored::Read => state.warn(format!("bookmarks: {error}")),
    }
}

#[cfg(test)]
mod tests;
