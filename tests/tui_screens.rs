//! The reader's screens on a TestBackend: insta snapshots of the main screens at
//! 80×24 and 120×40, built from small fixed articles (so cleaner changes don't
//! move them), one snapshot on the bundled seeds, style checks where colour
//! carries meaning, and no panic at any size.

use parallax::corpus::{Article, ParagraphKind};
use parallax::tui::action::Action;
use parallax::tui::app::{self, Pane, State};
use parallax::tui::keymap::KeyMap;
use parallax::tui::layout::Areas;
use parallax::tui::testing::article;
use parallax::tui::theme::{Class, Theme};
use parallax::tui::view;
use parallax::tui::worker::{self, Feed};
use parallax::tui::wrap::Overlay;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

fn fixtures() -> Vec<Article> {
    let mut a = article(
        &[
            "The city council voted on Tuesday to close the old river bridge to cars, after engineers found cracks in two of its supports.",
            "Mayor Ana Souza said the closure would last at least six months. “We will not take chances with people’s safety,” she told reporters.",
            "What happens next",
            "Buses will be rerouted over the northern bridge. Cyclists and pedestrians can still cross, and the ferry will run every twenty minutes.",
            "日本語の記事も正しく折り返されます。全角文字は二つのセルを使います。",
        ],
        &[
            (0, "Skip to content"),
            (0, "Subscribe now"),
            (5, "Share this article"),
        ],
    );
    a.id = "local/bridge".into();
    a.title = Some("River bridge closes to cars for repairs".into());
    a.outlet = Some("The Riverside Post".into());
    a.date = Some("2024-03-05".into());
    a.paragraphs[2].kind = ParagraphKind::Heading;
    let mut b = article(
        &[
            "Engineers say the cracks were found during a routine inspection. 🚧 Repairs will cost an estimated 4 million.",
            "Residents were divided: some welcomed the caution, others worried about traffic.",
        ],
        &[],
    );
    b.id = "wire/bridge-repairs".into();
    b.title = Some("Cracks found in bridge supports; repairs could take months".into());
    b.byline = None;
    let mut c = article(
        &["Short item with no outlet or date."],
        &[(1, "Advertisement")],
    );
    c.id = "brief".into();
    c.title = Some("In brief".into());
    vec![a, b, c]
}

fn state(articles: Vec<Article>, theme: Theme, w: u16, h: u16) -> State {
    let mut s = State::new(KeyMap::default(), theme, None);
    app::resize(&mut s, w, h);
    app::receive(&mut s, Feed::Articles(articles));
    app::receive(&mut s, Feed::Done);
    s
}

fn render(s: &State) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).unwrap();
    t.draw(|f| view::draw(f, s)).unwrap();
    t
}

fn buffer(s: &State) -> Buffer {
    render(s).backend().buffer().clone()
}

/// A screen row as text (the cell hidden behind a wide character left out).
fn row_text(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let s = buf[(x, y)].symbol();
        skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
        out.push_str(s);
    }
    out
}

/// The screen row whose text contains `needle`.
fn find_row(buf: &Buffer, needle: &str) -> u16 {
    (0..buf.area.height)
        .find(|&y| row_text(buf, y).contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen"))
}

fn apply(s: &mut State, actions: &[Action]) {
    for &a in actions {
        app::update(s, a);
    }
}

#[test]
fn list_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let s = state(fixtures(), Theme::default(), w, h);
        insta::assert_snapshot!(format!("list_{w}x{h}"), render(&s).backend());
    }
}

#[test]
fn reader_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = state(fixtures(), Theme::default(), w, h);
        apply(&mut s, &[Action::Open, Action::Down]);
        insta::assert_snapshot!(format!("reader_{w}x{h}"), render(&s).backend());
    }
}

#[test]
fn help_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = state(fixtures(), Theme::default(), w, h);
        apply(&mut s, &[Action::Help]);
        insta::assert_snapshot!(format!("help_{w}x{h}"), render(&s).backend());
    }
}

#[test]
fn removed_lines_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = state(fixtures(), Theme::default(), w, h);
        apply(&mut s, &[Action::Open, Action::ToggleRemoved]);
        insta::assert_snapshot!(format!("removed_{w}x{h}"), render(&s).backend());
    }
}

#[test]
fn tiny_screen() {
    let s = state(fixtures(), Theme::default(), 30, 8);
    insta::assert_snapshot!("tiny_30x8", render(&s).backend());
}

#[test]
fn seeds_screen() {
    let (tx, rx) = std::sync::mpsc::channel();
    worker::run(&[], &move |f| tx.send(f).is_ok());
    let mut s = State::new(KeyMap::default(), Theme::default(), None);
    app::resize(&mut s, 120, 40);
    for feed in rx.try_iter() {
        app::receive(&mut s, feed);
    }
    assert_eq!(s.articles.len(), 5);
    insta::assert_snapshot!("seeds_120x40", render(&s).backend());
}

#[test]
fn cursor_paragraph_is_highlighted_and_moves() {
    let mut s = state(fixtures(), Theme::default(), 80, 24);
    let theme = Theme::default();
    apply(&mut s, &[Action::Open, Action::Down]);
    let buf = buffer(&s);
    let text = s.areas().reader_text();
    let y = find_row(&buf, "Mayor Ana Souza");
    let cell = &buf[(text.x, y)];
    assert_eq!(
        cell.bg,
        theme.cursor.bg.unwrap(),
        "cursor paragraph background"
    );
    assert_eq!(cell.fg, theme.cursor.fg.unwrap());
    // The whole row, to the edge, and the gutter bar.
    assert_eq!(buf[(text.right() - 2, y)].bg, theme.cursor.bg.unwrap());
    assert_eq!(buf[(text.x - 2, y)].symbol(), "▌");
    // The first paragraph is no longer highlighted.
    let y0 = find_row(&buf, "The city council");
    assert_ne!(buf[(text.x, y0)].bg, theme.cursor.bg.unwrap());
    assert_eq!(buf[(text.x - 2, y0)].symbol(), " ");
    // The focused pane's border stands out.
    let reader = s.areas().reader;
    assert_eq!(
        buf[(reader.x, reader.y)].fg,
        theme.border_focused.fg.unwrap()
    );
    assert_eq!(buf[(0, 0)].fg, theme.border.fg.unwrap());
}

#[test]
fn no_color_uses_emphasis_only() {
    let mut s = state(fixtures(), Theme::no_color(), 80, 24);
    apply(&mut s, &[Action::Open, Action::ToggleRemoved]);
    let buf = buffer(&s);
    for cell in buf.content() {
        assert!(
            cell.fg == ratatui::style::Color::Reset && cell.bg == ratatui::style::Color::Reset,
            "a colour under NO_COLOR: {cell:?}"
        );
    }
    let text = s.areas().reader_text();
    let y = find_row(&buf, "The city council");
    assert!(
        buf[(text.x, y)].modifier.contains(Modifier::BOLD),
        "cursor is bold"
    );
    // The selected article is reversed.
    assert!(
        buf[(2, 1)]
            .modifier
            .contains(Modifier::BOLD | Modifier::REVERSED)
            || buf[(2, 1)].modifier.contains(Modifier::BOLD)
    );
    let y = find_row(&buf, "Skip to content");
    assert!(
        buf[(text.x, y)].modifier.contains(Modifier::DIM),
        "removed lines dim"
    );
}

#[test]
fn removed_lines_are_dimmed_with_their_reason() {
    let mut s = state(fixtures(), Theme::default(), 120, 40);
    let theme = Theme::default();
    apply(&mut s, &[Action::ToggleRemoved]);
    let buf = buffer(&s);
    let text = s.areas().reader_text();
    let y = find_row(&buf, "Subscribe now");
    let row = row_text(&buf, y);
    assert!(row.contains("[site navigation]"));
    assert_eq!(buf[(text.x, y)].fg, theme.removed.fg.unwrap());
    let reason_x = (text.x..text.right())
        .find(|&x| buf[(x, y)].symbol() == "[")
        .unwrap();
    assert_eq!(buf[(reason_x, y)].fg, theme.removed_reason.fg.unwrap());
    // Removed lines sit where they were: the two header lines before the first
    // paragraph, the share line after the last.
    assert!(y < find_row(&buf, "The city council"));
    assert!(find_row(&buf, "Share this article") > find_row(&buf, "日本語"));
    apply(&mut s, &[Action::ToggleRemoved]);
    let buf = buffer(&s);
    assert!((0..buf.area.height).all(|y| !row_text(&buf, y).contains("Subscribe now")));
}

#[test]
fn status_bar_shows_position_and_hints_from_the_key_table() {
    let mut s = state(fixtures(), Theme::default(), 120, 40);
    let buf = buffer(&s);
    let status = row_text(&buf, 39);
    assert!(status.contains("passage 1/5 · "), "{status}");
    assert!(status.contains("Enter open"), "{status}");
    assert!(status.contains("? help"), "{status}");
    apply(&mut s, &[Action::Open, Action::Last]);
    let status = row_text(&buffer(&s), 39);
    assert!(status.contains("passage 5/5 · 100%"), "{status}");
    assert!(status.contains("Esc back"), "{status}");
    assert!(
        !status.contains("Enter open"),
        "hints follow the focused pane"
    );
    // A rebinding shows up in the hints and in help.
    s.keymap.set(
        Action::Quit,
        vec![parallax::tui::keymap::KeyChord::parse("Q").unwrap()],
    );
    let status = row_text(&buffer(&s), 39);
    assert!(status.contains("Q quit"), "{status}");
    apply(&mut s, &[Action::Help]);
    let buf = buffer(&s);
    let y = find_row(&buf, "quit");
    assert!(row_text(&buf, y).contains(" Q "));
}

#[test]
fn loading_shows_progress_and_an_empty_list() {
    let mut s = State::new(KeyMap::default(), Theme::default(), None);
    app::resize(&mut s, 80, 24);
    app::receive(
        &mut s,
        Feed::Progress(app::Progress {
            stage: "cleaning articles",
            done: 0,
            total: 12,
        }),
    );
    let buf = buffer(&s);
    assert!(row_text(&buf, 23).contains("cleaning articles (12)…"));
    assert!(row_text(&buf, 1).contains("loading…"));
}

#[test]
fn no_panic_at_any_size() {
    let mut s = state(fixtures(), Theme::default(), 80, 24);
    apply(&mut s, &[Action::Open, Action::Down, Action::ToggleRemoved]);
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in 1..=70 {
        for h in 1..=16 {
            sizes.push((w, h));
        }
    }
    sizes.extend([
        (200, 60),
        (300, 100),
        (41, 200),
        (500, 12),
        (u16::MAX / 256, 3),
    ]);
    for (w, h) in sizes {
        app::resize(&mut s, w, h);
        let buf = buffer(&s);
        if Areas::new(w, h).too_small && w >= 30 {
            let line = row_text(&buf, 0);
            assert!(line.starts_with(&format!("too small: {w}×{h}")), "{line}");
        }
        app::update(&mut s, Action::Help);
        buffer(&s);
        app::update(&mut s, Action::Help);
        app::update(&mut s, Action::Bookmarks);
        let rows = listed(&s.articles);
        app::receive(&mut s, Feed::Bookmarks(BookmarkFeed::Listed(Ok(rows))));
        app::update(&mut s, Action::Last);
        app::update(&mut s, Action::EditNote);
        app::key(
            &mut s,
            &ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(
                '日',
            )),
        );
        buffer(&s);
        app::key(
            &mut s,
            &ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Esc),
        );
        app::update(&mut s, Action::Back);
    }
    // It comes back when the terminal grows.
    app::resize(&mut s, 80, 24);
    assert_eq!(s.focus, Pane::Reader);
    assert!(row_text(&buffer(&s), 23).contains("passage 2/5"));
}

#[test]
fn overlays_colour_byte_ranges_across_wrapped_lines() {
    let mut s = state(fixtures(), Theme::default(), 80, 24);
    let theme = Theme::default();
    apply(&mut s, &[Action::Open, Action::Down]);
    let text = s.article().unwrap().text.clone();
    let start = text.find("Ana Souza").unwrap();
    // "people’s safety" wraps across two lines at 80 columns.
    let quote = text.find("“We will").unwrap();
    let quote_end = text.find("she told").unwrap();
    s.reader.set_overlays(vec![
        Overlay {
            range: quote..quote_end,
            class: Class::Quote,
        },
        Overlay {
            range: start..start + "Ana Souza".len(),
            class: Class::Person,
        },
    ]);
    let buf = buffer(&s);
    let y = find_row(&buf, "Mayor Ana Souza");
    let x = (0..buf.area.width)
        .find(|&x| buf[(x, y)].symbol() == "A")
        .unwrap();
    assert_eq!(buf[(x, y)].fg, theme.person.fg.unwrap());
    assert_eq!(
        buf[(x, y)].bg,
        theme.cursor.bg.unwrap(),
        "on the cursor's background"
    );
    assert_ne!(
        buf[(x - 2, y)].fg,
        theme.person.fg.unwrap(),
        "only the name"
    );
    // The quote is italic on both of its lines.
    let y2 = find_row(&buf, "she told reporters");
    let x2 = Areas::new(80, 24).reader_text().x;
    assert!(buf[(x2, y2)].modifier.contains(Modifier::ITALIC));
    assert!(!buf[(x2, y2 + 2)].modifier.contains(Modifier::ITALIC));
}

// Bookmarks: the list (`'`), the note prompt, the gutter mark, the `v` selection.

use parallax::store::anchor::Status;
use parallax::store::bookmarks::{Bookmark, Resolved};
use parallax::tui::app::bookmarks::BookmarkFeed;
use parallax::tui::view::reader::BOOKMARK_MARK;

/// Three bookmarks with fixed ids and times (newest first): one anchored with a
/// note, one moved, one orphaned from another folder.
fn listed(articles: &[Article]) -> Vec<(Bookmark, Resolved)> {
    let mut run = Bookmark::for_paragraphs(&articles[0], &[], 0, 1, None).unwrap();
    run.id = "b1".into();
    run.created = "2026-11-20T09:00:00.000Z".into();
    run.note = Some("closure length: check against the wire story".into());
    let mut one = Bookmark::for_paragraphs(&articles[1], &[], 1, 1, None).unwrap();
    one.id = "b2".into();
    one.created = "2026-11-19T18:30:00.000Z".into();
    let mut gone = Bookmark::for_paragraphs(&articles[2], &[], 0, 0, None).unwrap();
    gone.id = "b3".into();
    gone.created = "2026-11-02T07:15:00.000Z".into();
    gone.source = "/home/me/news/old.txt".into();
    gone.corpus = vec!["/home/me/news".into()];
    gone.title = Some("An article since deleted".into());
    let resolved = |b: &Bookmark, status| Resolved {
        range: (status != Status::Orphaned).then_some(b.start..b.end),
        status,
        title: b.title.clone(),
    };
    vec![
        (run.clone(), resolved(&run, Status::Anchored)),
        (one.clone(), resolved(&one, Status::Moved)),
        (gone.clone(), resolved(&gone, Status::Orphaned)),
    ]
}

fn with_list(w: u16, h: u16) -> State {
    let articles = fixtures();
    let rows = listed(&articles);
    let mut s = state(articles, Theme::default(), w, h);
    apply(&mut s, &[Action::Bookmarks]);
    app::receive(&mut s, Feed::Bookmarks(BookmarkFeed::Listed(Ok(rows))));
    s
}

#[test]
fn bookmarks_list_screen() {
    let mut s = with_list(80, 24);
    insta::assert_snapshot!("bookmarks_80x24", render(&s).backend());
    let buf = buffer(&s);
    let status = row_text(&buf, 23);
    assert!(
        status.contains("Enter open  a note  d delete  u undo"),
        "{status}"
    );
    // The orphan's status stands out.
    let y = find_row(&buf, "orphaned");
    let row = row_text(&buf, y);
    let x = row[..row.find("orphaned").unwrap()].chars().count() as u16;
    assert_eq!(buf[(x, y)].bg, Theme::default().error.bg.unwrap());
    assert_ne!(buf[(x - 2, y)].bg, Theme::default().error.bg.unwrap());
    // Typing a note: the prompt takes the selected item's second row.
    apply(&mut s, &[Action::Down, Action::EditNote]);
    for c in "wire says 4 months".chars() {
        app::key(
            &mut s,
            &ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c)),
        );
    }
    insta::assert_snapshot!("bookmarks_note_80x24", render(&s).backend());
    // Loading, and empty.
    let mut s = state(fixtures(), Theme::default(), 80, 24);
    apply(&mut s, &[Action::Bookmarks]);
    assert!(row_text(&buffer(&s), 2).contains("re-anchoring bookmarks…"));
    app::receive(
        &mut s,
        Feed::Bookmarks(BookmarkFeed::Listed(Ok(Vec::new()))),
    );
    let row = row_text(&buffer(&s), 2);
    assert!(row.contains("no bookmarks yet: m in the reader"), "{row}");
}

#[test]
fn gutter_marks_bookmarked_passages() {
    let mut s = state(fixtures(), Theme::default(), 80, 24);
    // Passage 2 with m; passages 4–5 as one with v j m; the cursor back on 1.
    apply(
        &mut s,
        &[
            Action::Open,
            Action::Down,
            Action::Bookmark,
            Action::Down,
            Action::Down,
            Action::Select,
            Action::Down,
            Action::Bookmark,
            Action::First,
        ],
    );
    insta::assert_snapshot!("gutter_80x24", render(&s).backend());
    let theme = Theme::default();
    let buf = buffer(&s);
    let mark_x = s.areas().reader_text().x - 1;
    let marked = |buf: &Buffer, needle: &str| buf[(mark_x, find_row(buf, needle))].clone();
    for needle in [
        "Mayor Ana Souza",
        "she told reporters",
        "Buses will be",
        "日本語",
    ] {
        let cell = marked(&buf, needle);
        assert_eq!(cell.symbol(), BOOKMARK_MARK, "{needle}");
        assert_eq!(cell.fg, theme.bookmark.fg.unwrap());
    }
    for needle in ["The city council", "What happens next"] {
        assert_eq!(marked(&buf, needle).symbol(), " ", "{needle}");
    }
    // The cursor bar is another glyph, in another column.
    let y = find_row(&buf, "The city council");
    assert_eq!(buf[(mark_x - 1, y)].symbol(), "▌");
    assert_ne!(BOOKMARK_MARK, "▌");
    // Without colour: the same glyph, emphasised, and no colour anywhere.
    let mut s = state(fixtures(), Theme::no_color(), 80, 24);
    apply(&mut s, &[Action::Open, Action::Down, Action::Bookmark]);
    let buf = buffer(&s);
    let cell = marked(&buf, "Mayor Ana Souza");
    assert_eq!(cell.symbol(), BOOKMARK_MARK);
    assert!(cell.modifier.contains(Modifier::BOLD));
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
}

#[test]
fn a_selection_is_highlighted() {
    for theme in [Theme::default(), Theme::no_color()] {
        let mut s = state(fixtures(), theme.clone(), 80, 24);
        apply(&mut s, &[Action::Open, Action::Select, Action::Down]);
        let buf = buffer(&s);
        let x = s.areas().reader_text().x;
        for needle in ["The city council", "Mayor Ana Souza"] {
            let cell = &buf[(x, find_row(&buf, needle))];
            match theme.selection.bg {
                Some(bg) => assert_eq!(cell.bg, bg, "{needle}"),
                None => assert!(cell.modifier.contains(Modifier::REVERSED), "{needle}"),
            }
        }
        let cell = &buf[(x, find_row(&buf, "Buses will be"))];
        assert!(!cell.modifier.contains(Modifier::REVERSED));
        assert_ne!(Some(cell.bg), theme.selection.bg);
        assert!(row_text(&buf, 22).contains("v: passages 1–2 selected"));
        let status = row_text(&buf, 23);
        assert!(
            status.contains("j/k move  m bookmark  Esc back"),
            "{status}"
        );
    }
}

// Entities: highlights by kind, the focused entity, the `e` panel.

use parallax::tui::app::entities;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The reader on the bundled seeds, with their entities.
fn seeds(theme: Theme, w: u16, h: u16) -> State {
    let s = parallax::tui::testing::seeds(theme, w, h);
    assert!(s.entities.index.is_some());
    s
}

fn type_keys(s: &mut State, keys: &[KeyCode]) {
    for &k in keys {
        app::key(s, &KeyEvent::new(k, KeyModifiers::NONE));
    }
}

fn chars(text: &str) -> Vec<KeyCode> {
    text.chars().map(KeyCode::Char).collect()
}

/// The cell where `needle` starts on the screen (rows of one-cell characters).
fn cell_of(buf: &Buffer, needle: &str) -> (u16, u16) {
    let y = find_row(buf, needle);
    let row = row_text(buf, y);
    let x = row[..row.find(needle).unwrap()].chars().count();
    (x as u16, y)
}

#[test]
fn entity_mentions_are_styled_by_kind_and_focus() {
    let theme = Theme::default();
    let mut s = seeds(theme.clone(), 120, 40);
    let buf = buffer(&s);
    let fg = |buf: &Buffer, needle| buf[cell_of(buf, needle)].fg;
    assert_eq!(fg(&buf, "Antony Blinken said"), theme.person.fg.unwrap());
    assert_eq!(fg(&buf, "Sergey Lavrov by"), theme.person.fg.unwrap());
    assert_eq!(fg(&buf, "Moscow to"), theme.place.fg.unwrap());
    assert_eq!(fg(&buf, "Associated Press"), theme.organization.fg.unwrap());
    assert_ne!(fg(&buf, "said on Friday"), theme.person.fg.unwrap());
    // Focus Lavrov from the panel: his mentions stand out, Blinken's don't.
    type_keys(&mut s, &chars("e"));
    type_keys(&mut s, &chars("lavrov"));
    type_keys(&mut s, &[KeyCode::Enter]);
    let buf = buffer(&s);
    let lavrov = buf[cell_of(&buf, "Sergey Lavrov by")].style();
    assert_eq!(
        (lavrov.fg, lavrov.bg),
        (theme.focused_entity.fg, theme.focused_entity.bg)
    );
    assert_eq!(fg(&buf, "Antony Blinken said"), theme.person.fg.unwrap());
    let status = row_text(&buf, 39);
    assert!(status.contains("Sergey Lavrov 1/"), "{status}");
    insta::assert_snapshot!("entities_reader_120x40", render(&s).backend());
}

#[test]
fn without_colour_the_kinds_keep_distinct_emphasis() {
    let mut s = seeds(Theme::no_color(), 120, 40);
    type_keys(&mut s, &chars("*"));
    let buf = buffer(&s);
    let m = |needle| buf[cell_of(&buf, needle)].modifier;
    let (person, focused, place, org) = (
        m("Sergey Lavrov by"),
        m("Antony Blinken said"),
        m("Moscow to"),
        m("Associated Press"),
    );
    let plain = m("said on Friday");
    let kinds = [person, place, org];
    for (i, a) in kinds.iter().enumerate() {
        assert_ne!(*a, plain, "kind {i} is marked");
        for b in &kinds[i + 1..] {
            assert_ne!(a, b, "{kinds:?}");
        }
    }
    assert!(focused.contains(Modifier::REVERSED), "* focused Blinken");
    assert!(!person.contains(Modifier::REVERSED));
}

#[test]
fn the_entity_panel_lists_the_seeds_people_first() {
    let mut s = seeds(Theme::default(), 120, 40);
    type_keys(&mut s, &chars("e"));
    let buf = buffer(&s);
    let index = s.entities.index.as_ref().unwrap();
    let people: Vec<&str> = entities::rows(&s)
        .into_iter()
        .map(|e| index.entity(e))
        .take_while(|e| e.kind == parallax::entities::EntityKind::Person)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(people.len(), 16, "{people:?}");
    for surname in parallax::entities::SEED_PEOPLE {
        assert!(people.iter().any(|p| p.ends_with(surname)), "{surname}");
        find_row(&buf, surname);
    }
    // Rows other than the selected one show the name styled by its kind.
    let y = find_row(&buf, people[1]);
    let x = cell_of(&buf, people[1]).0;
    assert_eq!(buf[(x, y)].fg, Theme::default().person.fg.unwrap());
    insta::assert_snapshot!("entities_panel_120x40", render(&s).backend());
    type_keys(&mut s, &chars("moscow"));
    insta::assert_snapshot!("entities_panel_filtered_120x40", render(&s).backend());
}

#[test]
fn the_entity_panel_never_panics_at_any_size() {
    let mut s = seeds(Theme::default(), 120, 40);
    type_keys(&mut s, &chars("e"));
    for (w, h) in [
        (1, 1),
        (5, 3),
        (20, 6),
        (24, 7),
        (40, 8),
        (60, 12),
        (300, 100),
    ] {
        app::resize(&mut s, w, h);
        for _ in 0..3 {
            type_keys(&mut s, &[KeyCode::Down]);
        }
        buffer(&s);
    }
}

// Compare mode: the picker (`c`), the two panes (side by side, stacked), shared
// quotes, the strength of matches, and sync on the seeds.

use parallax::compare::Side;
use parallax::tui::app::compare::{self as cmp, Job, carry_out};
use parallax::tui::testing::{seed_id, seed_passage};

/// Carries out what an update asked of the compare thread, as the event loop
/// would, and receives the result.
fn carry(s: &mut State, effect: Option<app::Effect>) -> Job {
    let Some(app::Effect::Compare(job)) = effect else {
        panic!("expected a compare job, got {effect:?}")
    };
    let done = carry_out(&job, &s.articles).unwrap();
    app::receive(s, Feed::Compare(done));
    job
}

/// Seed 001 in the reader, `c` pressed: the picker open.
fn picker(w: u16, h: u16) -> State {
    let mut s = seeds(Theme::default(), w, h);
    let a = seed_id(&s, "001_");
    app::select(&mut s, a);
    app::update(&mut s, Action::Open);
    let rank = app::update(&mut s, Action::Compare);
    carry(&mut s, rank);
    s
}

/// Seeds 001 and 002 compared (the job carried out as the event loop would),
/// the cursor on the passage where Blinken expects to speak to Lavrov.
fn compared(w: u16, h: u16) -> State {
    let mut s = picker(w, h);
    let (a, b) = (seed_id(&s, "001_"), seed_id(&s, "002_"));
    let rows = s.compare.picker.as_ref().unwrap().rows.clone().unwrap();
    for _ in 0..rows.iter().position(|r| r.0 == b).unwrap() {
        app::update(&mut s, Action::Down);
    }
    let open = app::update(&mut s, Action::Open);
    assert_eq!(carry(&mut s, open), Job::Compare { a, b });
    let i = seed_passage(&s, a, "expects to speak to Foreign Minister Sergei Lavrov");
    while s.reader.cursor < i {
        app::update(&mut s, Action::Down);
    }
    s
}

#[test]
fn compare_picker_screen() {
    for (w, h) in [(120, 40), (80, 24)] {
        let s = picker(w, h);
        insta::assert_snapshot!(format!("compare_picker_{w}x{h}"), render(&s).backend());
    }
}

#[test]
fn compare_screen() {
    for (w, h) in [(120, 40), (80, 24)] {
        let s = compared(w, h);
        insta::assert_snapshot!(format!("compare_{w}x{h}"), render(&s).backend());
    }
}

#[test]
fn compare_follows_the_same_report_in_the_other_pane() {
    for (w, h) in [(120, 40), (80, 24)] {
        let s = compared(w, h);
        let b = seed_id(&s, "002_");
        let j = seed_passage(
            &s,
            b,
            "In the coming days, I expect to speak with Russian FM",
        );
        let other = cmp::pane(&s, Side::B).unwrap();
        assert_eq!(other.cursor, j, "{w}x{h}");
        // And it is on screen, in the other pane.
        let buf = buffer(&s);
        let [_, pb] = cmp::pane_areas(w, h).unwrap();
        let y = find_row(&buf, "I expect to speak with");
        assert!(
            pb.reader
                .contains(ratatui::layout::Position::new(pb.reader_text().x, y))
        );
        assert!(row_text(&buf, h - 1).contains("sync on · match "));
    }
}

#[test]
fn shared_quotes_and_match_strength_are_drawn() {
    let s = compared(120, 40);
    let theme = Theme::default();
    let buf = buffer(&s);
    let [pa, pb] = cmp::pane_areas(120, 40).unwrap();
    // “in the coming days” is quoted by both: italic (the Quote style) in both panes.
    for (pane, needle) in [(pa, "the coming days.”"), (pb, "In the coming days, I")] {
        let text = pane.reader_text();
        let (y, col) = (text.y..text.bottom())
            .find_map(|y| {
                let line = row_text(&buf, y);
                let at = line.find(needle)?;
                let col = unicode_width::UnicodeWidthStr::width(&line[..at]) as u16;
                (col >= text.x && col < text.right()).then_some((y, col))
            })
            .unwrap_or_else(|| panic!("{needle:?} not in its pane"));
        // The first letter after the opening mark (or the first letter).
        let cell = &buf[(col + 1, y)];
        assert!(
            cell.modifier.contains(theme.quote.add_modifier),
            "{needle:?}: {cell:?}"
        );
        // Text outside the quote is not.
        let plain = &buf[(text.x, text.y)];
        assert!(!plain.modifier.contains(theme.quote.add_modifier));
    }
    // The other pane's gutter shows the strength of each match of the cursor
    // passage, in the strength style; the best one on its cursor passage.
    let matches = cmp::matches_of_cursor(&s);
    assert!(!matches.is_empty());
    let other = cmp::pane(&s, Side::B).unwrap();
    let (best, score) = matches[0];
    let row = other.layout.passages[best].start - other.scroll;
    let gutter = parallax::tui::layout::Areas::inner(pb.reader).x + 2;
    let cell = &buf[(gutter, pb.reader_text().y + row as u16)];
    assert_eq!(cell.symbol(), cmp::band(score));
    assert_eq!(cell.fg, theme.strength.fg.unwrap());
    // A passage of B that matches nothing has no bar.
    let b = &s.articles[seed_id(&s, "002_")];
    if let Some(k) = (0..b.paragraphs.len()).find(|k| {
        !matches.iter().any(|m| m.0 == *k)
            && other.layout.passages[*k].start >= other.scroll
            && other.layout.passages[*k].start < other.scroll + pb.reader_text().height as usize
    }) {
        let row = other.layout.passages[k].start - other.scroll;
        assert_eq!(buf[(gutter, pb.reader_text().y + row as u16)].symbol(), " ");
    }
}

#[test]
fn compare_never_panics_at_any_size() {
    let mut s = compared(120, 40);
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in (1..=120).step_by(7) {
        for h in 1..=30 {
            sizes.push((w, h));
        }
    }
    sizes.extend([(89, 24), (90, 24), (300, 100), (40, 10)]);
    for (w, h) in sizes {
        app::resize(&mut s, w, h);
        buffer(&s);
        apply(&mut s, &[Action::Down, Action::NextPane, Action::PageDown]);
        buffer(&s);
        app::update(&mut s, Action::Back);
        app::update(&mut s, Action::Compare);
        buffer(&s);
        apply(&mut s, &[Action::Last, Action::Open]);
        // The comparison may not have come: the note shows meanwhile.
        buffer(&s);
    }
}

#[test]
fn brackets_walk_the_focused_entity_inside_the_focused_pane() {
    let mut s = compared(120, 40);
    let left = s.reader.article.unwrap();
    let index = s.entities.index.as_ref().unwrap();
    let lavrov = index.find("person:sergey-lavrov").unwrap();
    let here = index.entity(lavrov).mentions_in(left).len();
    assert!(here > 1, "Lavrov is mentioned more than once in 001");
    s.entities.focused = Some(lavrov);
    let mut wrapped = 0;
    for _ in 0..=here {
        app::update(&mut s, Action::NextMention);
        assert!(cmp::active(&s), "still comparing");
        assert_eq!(s.reader.article, Some(left), "the walk stays in the pane");
        wrapped += usize::from(
            s.message
                .as_ref()
                .is_some_and(|m| m.text.contains("wrapped")),
        );
    }
    assert_eq!(wrapped, 1, "one lap of the article's mentions wraps once");
    // The other pane walks its own article.
    app::update(&mut s, Action::NextPane);
    let right = s.reader.article.unwrap();
    assert_ne!(right, left);
    app::update(&mut s, Action::NextMention);
    let status = entities::status(&s).unwrap();
    assert!(status.starts_with("Sergey Lavrov "), "{status}");
    assert_eq!(s.reader.article, Some(right));
    assert!(cmp::active(&s));
}
