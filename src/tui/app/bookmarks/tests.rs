use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::{Effect, Level, Pane, Popup, State, click, key, receive, update, wheel};
use super::{
    Bookmark, BookmarkFeed, Job, Placement, Resolved, Snapshot, Status, Stored, list_page, marked,
    marks_in_view, selection,
};
use crate::store::bookmarks::source_key;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::testing::state_with;
use crate::tui::worker::Feed;

fn added(effect: Option<Effect>) -> Bookmark {
    match effect {
        Some(Effect::Bookmarks(Job::Add(b))) => *b,
        other => panic!("expected an Add job, got {other:?}"),
    }
}

fn snapshot(bookmarks: Vec<Bookmark>) -> Snapshot {
    Snapshot {
        bookmarks,
        warning: None,
    }
}

/// Per passage of the article shown, whether it has a gutter mark.
fn marks(s: &State) -> Vec<bool> {
    let n = s.article().unwrap().paragraphs.len();
    let runs = marked(s, 0..=n - 1);
    (0..n)
        .map(|i| runs.iter().any(|r| r.contains(&i)))
        .collect()
}

fn message(s: &State) -> &str {
    s.message.as_ref().map_or("", |m| m.text.as_str())
}

/// A reader on 3 articles of 8 passages, the bookmarks thread's start-up
/// answer received (no bookmarks yet).
fn reader() -> State {
    let mut s = state_with(3, 8);
    let sources = s.articles.iter().map(source_key).collect();
    let effect = receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Loaded {
            sources,
            placed: Vec::new(),
            file: Ok(Snapshot::default()),
        }),
    );
    assert_eq!(effect, None);
    update(&mut s, Action::Open);
    s
}

#[test]
fn done_loading_asks_for_the_bookmarks() {
    let mut s = state_with(1, 2);
    assert_eq!(
        receive(&mut s, Feed::Done),
        Some(Effect::Bookmarks(Job::Load))
    );
}

#[test]
fn m_bookmarks_the_cursor_passage_at_once() {
    let mut s = reader();
    update(&mut s, Action::Down);
    let b = added(update(&mut s, Action::Bookmark));
    let p = s.article().unwrap().paragraphs[1].clone();
    assert_eq!((b.start, b.end), (p.start, p.end));
    assert_eq!(b.article, "a0");
    assert!(
        message(&s).starts_with("bookmarked passage 2"),
        "{}",
        message(&s)
    );
    assert_eq!(
        marks(&s),
        [false, true, false, false, false, false, false, false]
    );
    // Twice on the same passage: said, not doubled.
    assert_eq!(update(&mut s, Action::Bookmark), None);
    assert!(message(&s).contains("already bookmarked"));
    // The file confirms: the mark stays.
    receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Stored(
            Stored::Added(b.id.clone()),
            Ok(snapshot(vec![b.clone()])),
        )),
    );
    assert!(marks(&s)[1]);
    // Only bookmarks touching the passages on screen are placed for a frame.
    assert_eq!(marked(&s, 2..=7), []);
    assert_eq!(marked(&s, 0..=0), []);
    assert_eq!(marked(&s, 0..=1), [1..=1]);
    assert_eq!(marked(&s, 1..=5), [1..=1]);
    // Marks are per article.
    update(&mut s, Action::PrevPane);
    update(&mut s, Action::Down);
    assert!(marks(&s).iter().all(|m| !m));
}

#[test]
fn only_marks_in_view_are_worked_out_for_a_frame() {
    let mut s = state_with(1, 40);
    update(&mut s, Action::Open);
    update(&mut s, Action::Bookmark);
    s.reader.cursor = 30;
    update(&mut s, Action::Bookmark);
    update(&mut s, Action::First);
    let rows = s.view_rows();
    assert_eq!(marks_in_view(&s, rows), [0..=0]);
    update(&mut s, Action::Last);
    assert_eq!(marks_in_view(&s, rows), [30..=30]);
    assert_eq!(marks_in_view(&s, 0), []);
}

#[test]
fn a_bookmark_the_file_refused_is_taken_back() {
    let mut s = reader();
    let b = added(update(&mut s, Action::Bookmark));
    assert!(marks(&s)[0]);
    receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Stored(
            Stored::Added(b.id),
            Err("cannot write /x/bookmarks.json: denied".into()),
        )),
    );
    assert!(!marks(&s)[0]);
    let m = s.message.as_ref().unwrap();
    assert_eq!(m.level, Level::Error);
    assert!(m.text.contains("not saved: cannot write"));
}

#[test]
fn v_then_j_then_m_bookmarks_a_run_as_one() {
    let mut s = reader();
    update(&mut s, Action::Down);
    assert_eq!(update(&mut s, Action::Select), None);
    assert_eq!(s.context(), Context::Select);
    update(&mut s, Action::Down);
    update(&mut s, Action::Down);
    assert_eq!(selection(&s), Some(1..=3));
    let b = added(update(&mut s, Action::Bookmark));
    let a = s.article().unwrap();
    assert_eq!(
        (b.start, b.end),
        (a.paragraphs[1].start, a.paragraphs[3].end)
    );
    assert_eq!(selection(&s), None);
    assert_eq!(s.context(), Context::Reader);
    assert!(message(&s).starts_with("bookmarked passages 2–4"));
    assert_eq!(&marks(&s)[..5], [false, true, true, true, false]);
    // Upwards, and Enter finishes too.
    update(&mut s, Action::Last);
    update(&mut s, Action::Select);
    update(&mut s, Action::Up);
    let b = added(update(&mut s, Action::Open));
    let a = s.article().unwrap();
    assert_eq!(
        (b.start, b.end),
        (a.paragraphs[6].start, a.paragraphs[7].end)
    );
}

#[test]
fn esc_cancels_a_selection_and_other_keys_end_it() {
    let mut s = reader();
    update(&mut s, Action::Select);
    update(&mut s, Action::Down);
    assert_eq!(update(&mut s, Action::Back), None);
    assert_eq!(selection(&s), None);
    assert_eq!(s.focus, Pane::Reader, "Esc only left the selection");
    assert_eq!(s.reader.cursor, 1);
    assert!(marks(&s).iter().all(|m| !m));
    // From the list pane, v starts in the reader; Tab ends it.
    update(&mut s, Action::NextPane);
    update(&mut s, Action::Select);
    assert_eq!(s.focus, Pane::Reader);
    assert_eq!(selection(&s), Some(1..=1));
    update(&mut s, Action::NextPane);
    assert_eq!(s.focus, Pane::Sources);
    assert_eq!(selection(&s), None);
    // A click on the list ends it too, for good.
    update(&mut s, Action::Select);
    let a = s.areas();
    click(&mut s, a.sources.x + 2, a.sources.y + 1);
    update(&mut s, Action::First);
    assert_eq!(s.reader.article, Some(0), "the same article");
    let text = s.areas().reader_text();
    click(&mut s, text.x + 1, text.y + 4);
    assert_eq!(s.focus, Pane::Reader);
    assert_eq!(selection(&s), None);
}

/// Opens the list and answers it with `bookmarks` (newest first), all anchored.
fn open_list(s: &mut State, bookmarks: &[Bookmark]) {
    assert!(matches!(
        update(s, Action::Bookmarks),
        Some(Effect::Bookmarks(Job::List(_)))
    ));
    assert_eq!(s.context(), Context::Bookmarks);
    assert_eq!(s.bookmarks.list.rows, None, "loading");
    let rows = bookmarks
        .iter()
        .map(|b| {
            let resolved = Resolved {
                range: Some(b.start..b.end),
                status: Status::Anchored,
                title: b.title.clone(),
            };
            (b.clone(), resolved)
        })
        .collect();
    receive(s, Feed::Bookmarks(BookmarkFeed::Listed(Ok(rows))));
}

fn ids(s: &State) -> Vec<String> {
    s.bookmarks
        .list
        .rows
        .as_ref()
        .unwrap()
        .iter()
        .map(|r| r.bookmark.id.clone())
        .collect()
}

#[test]
fn d_deletes_and_u_undoes_in_the_list() {
    let mut s = reader();
    let b1 = added(update(&mut s, Action::Bookmark));
    update(&mut s, Action::Down);
    let b2 = added(update(&mut s, Action::Bookmark));
    let Some(Effect::Bookmarks(Job::List(known))) = update(&mut s, Action::Bookmarks) else {
        panic!("the list is asked for")
    };
    let mut want = vec![b1.id.clone(), b2.id.clone()];
    want.sort();
    let got: Vec<&str> = known.iter().map(|k| k.0.as_str()).collect();
    assert_eq!(got, want, "with the bookmarks placed here");
    assert_eq!(known[0].1.status, Status::Anchored);
    assert_eq!(known[0].1.title.as_deref(), Some("A title"));
    update(&mut s, Action::Back);
    open_list(&mut s, &[b2.clone(), b1.clone()]);
    assert_eq!(ids(&s), [b2.id.clone(), b1.id.clone()]);
    update(&mut s, Action::Down);
    assert_eq!(
        update(&mut s, Action::DeleteBookmark),
        Some(Effect::Bookmarks(Job::Delete(b1.id.clone())))
    );
    assert_eq!(ids(&s), std::slice::from_ref(&b2.id));
    assert_eq!(s.bookmarks.list.selected, 0);
    assert!(!marks(&s)[0], "the mark goes at once");
    assert!(message(&s).contains("u undoes"));
    assert_eq!(
        update(&mut s, Action::DeleteBookmark),
        Some(Effect::Bookmarks(Job::Delete(b2.id.clone())))
    );
    assert!(ids(&s).is_empty());
    assert_eq!(update(&mut s, Action::DeleteBookmark), None);
    // The file confirms the deletes; undo brings them back, last first.
    receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Stored(
            Stored::Deleted(b2.id.clone()),
            Ok(snapshot(Vec::new())),
        )),
    );
    assert_eq!(
        update(&mut s, Action::UndoDelete),
        Some(Effect::Bookmarks(Job::Restore(Box::new(b2.clone()))))
    );
    assert_eq!(
        update(&mut s, Action::UndoDelete),
        Some(Effect::Bookmarks(Job::Restore(Box::new(b1.clone()))))
    );
    assert_eq!(ids(&s), [b2.id.clone(), b1.id.clone()], "each in its place");
    assert_eq!(s.bookmarks.list.selected, 1);
    assert_eq!(update(&mut s, Action::UndoDelete), None);
    assert_eq!(message(&s), "nothing to undo");
    assert_eq!(&marks(&s)[..2], [true, true]);
    // Undo is for while the list is open.
    update(&mut s, Action::DeleteBookmark);
    update(&mut s, Action::Back);
    assert_eq!(s.popup, None);
    open_list(&mut s, std::slice::from_ref(&b2));
    assert_eq!(update(&mut s, Action::UndoDelete), None);
}

#[test]
fn a_delete_the_file_refused_is_put_back() {
    let mut s = reader();
    let b = added(update(&mut s, Action::Bookmark));
    open_list(&mut s, std::slice::from_ref(&b));
    update(&mut s, Action::DeleteBookmark);
    receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Stored(
            Stored::Deleted(b.id.clone()),
            Err("cannot lock".into()),
        )),
    );
    assert_eq!(ids(&s), std::slice::from_ref(&b.id));
    assert!(marks(&s)[0]);
    assert!(message(&s).contains("not deleted"));
    assert_eq!(update(&mut s, Action::UndoDelete), None);
}

fn type_keys(s: &mut State, keys: &[KeyCode]) -> Option<Effect> {
    let mut last = None;
    for &k in keys {
        last = key(s, &KeyEvent::new(k, KeyModifiers::NONE));
    }
    last
}

#[test]
fn a_adds_or_edits_the_note() {
    let mut s = reader();
    let b = added(update(&mut s, Action::Bookmark));
    open_list(&mut s, std::slice::from_ref(&b));
    update(&mut s, Action::EditNote);
    assert_eq!(s.bookmarks.list.note.as_deref(), Some(""));
    // Keys are text now: `q` and `d` type, they don't quit or delete.
    let effect = type_keys(
        &mut s,
        &[
            KeyCode::Char('q'),
            KeyCode::Char('d'),
            KeyCode::Char('x'),
            KeyCode::Backspace,
            KeyCode::Char(' '),
            KeyCode::Char('é'),
        ],
    );
    assert_eq!(effect, None);
    assert_eq!(s.bookmarks.list.note.as_deref(), Some("qd é"));
    assert_eq!(ids(&s).len(), 1);
    assert_eq!(
        type_keys(&mut s, &[KeyCode::Enter]),
        Some(Effect::Bookmarks(Job::SetNote(
            b.id.clone(),
            Some("qd é".into())
        )))
    );
    assert_eq!(s.bookmarks.list.note, None);
    let row = &s.bookmarks.list.rows.as_ref().unwrap()[0];
    assert_eq!(row.bookmark.note.as_deref(), Some("qd é"));
    // Editing starts from the note; Esc leaves it as it was.
    update(&mut s, Action::EditNote);
    assert_eq!(s.bookmarks.list.note.as_deref(), Some("qd é"));
    assert_eq!(type_keys(&mut s, &[KeyCode::Backspace, KeyCode::Esc]), None);
    assert_eq!(s.bookmarks.list.note, None);
    assert_eq!(message(&s), "note unchanged");
    // Cleared to nothing: the note is removed.
    update(&mut s, Action::EditNote);
    let mut keys = vec![KeyCode::Backspace; 4];
    keys.push(KeyCode::Enter);
    assert_eq!(
        type_keys(&mut s, &keys),
        Some(Effect::Bookmarks(Job::SetNote(b.id.clone(), None)))
    );
    assert_eq!(message(&s), "note removed");
    // Ctrl-c still quits while typing.
    update(&mut s, Action::EditNote);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(key(&mut s, &ctrl_c), Some(Effect::Quit));
}

#[test]
fn enter_goes_to_the_passage_opening_its_article() {
    let mut s = reader();
    // A bookmark on passages 6–7 of the third article, placed at start.
    let third = &s.articles[2];
    let b = Bookmark::for_paragraphs(third, &[], 5, 6, Some("see".into())).unwrap();
    let placed = Placement {
        article: 2,
        range: Some(b.start..b.end),
        status: Status::Moved,
    };
    receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Placed(vec![(b.id.clone(), placed)])),
    );
    let mut other = b.clone();
    other.id = "elsewhere".into();
    other.source = "/nowhere/x.txt".into();
    other.corpus = vec!["/nowhere".into()];
    open_list(&mut s, &[other, b.clone()]);
    update(&mut s, Action::Open);
    assert_eq!(s.popup, Some(Popup::Bookmarks), "another corpus: stays");
    assert!(message(&s).contains("another corpus; run parallax /nowhere"));
    update(&mut s, Action::Down);
    assert_eq!(update(&mut s, Action::Open), None);
    assert_eq!(s.popup, None);
    assert_eq!(s.focus, Pane::Reader);
    assert_eq!((s.reader.article, s.list.selected), (Some(2), 2));
    assert_eq!(s.reader.cursor, 5);
    let rows = s.reader.layout.passages[5].clone();
    assert!(rows.start >= s.reader.scroll && rows.end <= s.reader.scroll + s.view_rows());
    assert_eq!(
        message(&s),
        "bookmark: passages 6–7 (moved since it was bookmarked)"
    );
    assert_eq!(&marks(&s)[4..8], [false, true, true, false]);
}

#[test]
fn an_orphan_opens_its_article_and_says_so() {
    let mut s = reader();
    let b = Bookmark::for_paragraphs(&s.articles[1], &[], 0, 0, None).unwrap();
    let orphan = Placement {
        article: 1,
        range: None,
        status: Status::Orphaned,
    };
    receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Placed(vec![(b.id.clone(), orphan)])),
    );
    assert!(marks(&s).iter().all(|m| !m), "no mark for an orphan");
    open_list(&mut s, std::slice::from_ref(&b));
    update(&mut s, Action::Open);
    assert_eq!(s.reader.article, Some(1));
    assert!(message(&s).starts_with("orphaned"));
}

#[test]
fn the_list_moves_and_closes() {
    let mut s = reader();
    let bs: Vec<Bookmark> = (0..8)
        .map(|i| Bookmark::for_paragraphs(&s.articles[0], &[], i, i, None).unwrap())
        .collect();
    open_list(&mut s, &bs);
    update(&mut s, Action::Last);
    assert_eq!(s.bookmarks.list.selected, 7);
    let page = list_page(&s);
    assert!(s.bookmarks.list.offset + page > 7);
    wheel(&mut s, 40, 10, false);
    assert_eq!(s.bookmarks.list.selected, 6, "the wheel moves in the list");
    update(&mut s, Action::First);
    assert_eq!((s.bookmarks.list.selected, s.bookmarks.list.offset), (0, 0));
    assert_eq!(s.reader.cursor, 0, "keys went to the list");
    update(&mut s, Action::Bookmarks);
    assert_eq!(s.popup, None, "' closes it too");
}

#[test]
fn the_file_changed_by_another_instance() {
    let mut s = reader();
    let mine = added(update(&mut s, Action::Bookmark));
    let theirs = Bookmark::for_paragraphs(&s.articles[0], &[], 3, 3, None).unwrap();
    let far = {
        let mut b = theirs.clone();
        b.id = "far".into();
        b.source = "/elsewhere/a.txt".into();
        b
    };
    // Theirs is placed (off the UI thread); mine, deleted elsewhere, loses its mark.
    let effect = receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Stored(
            Stored::Added(mine.id.clone()),
            Ok(snapshot(vec![mine.clone(), theirs.clone(), far])),
        )),
    );
    assert_eq!(
        effect,
        Some(Effect::Bookmarks(Job::Place(vec![(theirs.clone(), 0)])))
    );
    let warned = receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Stored(
            Stored::Read,
            Ok(Snapshot {
                bookmarks: vec![theirs.clone()],
                warning: Some("bookmarks.json could not be read; kept as …".into()),
            }),
        )),
    );
    assert!(
        matches!(&warned, Some(Effect::Bookmarks(Job::Place(v))) if v.len() == 1),
        "still to be placed: {warned:?}"
    );
    assert!(!marks(&s)[0]);
    assert_eq!(s.message.as_ref().unwrap().level, Level::Error);
    let placed = Placement {
        article: 0,
        range: Some(theirs.start..theirs.end),
        status: Status::Anchored,
    };
    receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Placed(vec![(theirs.id, placed)])),
    );
    assert_eq!(&marks(&s)[..4], [false, false, false, true]);
}
