//! Search and the config on a TestBackend: the help screen with a custom
//! binding (snapshot), search hits drawn in the theme's SearchHit style, the
//! prompt and `/QUERY k/N` in the status bar.

use parallax::config::{Config, KeySpec, StyleSpec};
use parallax::tui::action::Action;
use parallax::tui::app::{self, State};
use parallax::tui::keymap::KeyMap;
use parallax::tui::settings;
use parallax::tui::testing::{settle_search, state_with};
use parallax::tui::theme::Theme;
use parallax::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

fn render(s: &State) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).unwrap();
    t.draw(|f| view::draw(f, s)).unwrap();
    t
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn custom() -> Config {
    let key = |s: &str| KeySpec::parse(s).unwrap();
    Config {
        keys: [
            ("search".to_string(), vec![key("ctrl-f")]),
            ("next_hit".to_string(), vec![key("F3"), key("=")]),
            ("quit".to_string(), vec![key("Q")]),
        ]
        .into(),
        theme: [(
            "search_hit".to_string(),
            StyleSpec {
                fg: Some(parallax::config::Color::Rgb(1, 2, 3)),
                bg: Some(parallax::config::Color::Rgb(250, 240, 10)),
                ..StyleSpec::default()
            },
        )]
        .into(),
    }
}

fn configured(w: u16, h: u16) -> State {
    let mut s = state_with(3, 12);
    let (keymap, theme) = settings::apply(&custom(), KeyMap::default(), Theme::default());
    s.keymap = keymap;
    s.theme = theme;
    app::resize(&mut s, w, h);
    s
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        let effect = app::key(s, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        settle_search(s, effect);
    }
}

#[test]
fn help_shows_the_users_bindings() {
    let mut s = configured(100, 44);
    app::update(&mut s, Action::Help);
    let t = render(&s);
    let buf = t.backend().buffer();
    let text: Vec<String> = (0..buf.area.height).map(|y| row(buf, y)).collect();
    assert!(
        text.iter()
            .any(|r| r.contains("Ctrl-f") && r.contains("search in the article"))
    );
    assert!(
        text.iter()
            .any(|r| r.contains("F3, =") && r.contains("next search hit"))
    );
    insta::assert_snapshot!("help_custom_keys_100x44", t.backend());
}

#[test]
fn hits_are_drawn_in_the_search_hit_style_and_counted_in_the_status_bar() {
    let mut s = configured(80, 24);
    app::update(&mut s, Action::Open);
    app::key(
        &mut s,
        &KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL),
    );
    typed(&mut s, "words");
    let t = render(&s);
    let buf = t.backend().buffer();
    let status = row(buf, 23);
    assert!(status.contains("/words 1/36"), "{status}");
    // Every "words" in the reader is in the hit style, and nothing else is.
    let text = s.areas().reader_text();
    let mut hits = 0;
    for y in text.y..text.bottom() {
        let r: String = (text.x..text.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        for (x, _) in r.match_indices("words") {
            for dx in 0..5 {
                let cell = &buf[(text.x + x as u16 + dx, y)];
                assert_eq!(cell.fg, Color::Rgb(1, 2, 3), "row {y}: {r}");
                assert_eq!(cell.bg, Color::Rgb(250, 240, 10), "row {y}: {r}");
            }
            hits += 1;
        }
        let painted = (text.x..text.right())
            .filter(|&x| buf[(x, y)].bg == Color::Rgb(250, 240, 10))
            .count();
        assert_eq!(painted, 5 * r.matches("words").count(), "row {y}: {r}");
    }
    assert!(hits > 5, "{hits} hits on screen");
    // The prompt's cursor sits after the query.
    let effect = app::key(&mut s, &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    settle_search(&mut s, effect);
    typed(&mut s, "=");
    let status = row(render(&s).backend().buffer(), 23);
    assert!(status.contains("/words 2/36"), "{status}");
}

#[test]
fn until_the_count_comes_the_status_bar_says_searching_and_the_article_is_lit() {
    let mut s = configured(80, 24);
    app::update(&mut s, Action::Open);
    app::update(&mut s, Action::Search);
    let mut job = None;
    for c in "words".chars() {
        app::key(&mut s, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        if let Some(app::Effect::Search(j)) = app::search::settle(&mut s) {
            job = Some(j);
        }
    }
    let t = render(&s);
    let buf = t.backend().buffer();
    assert!(
        row(buf, 23).contains("/words searching…"),
        "{}",
        row(buf, 23)
    );
    let lit = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&p| buf[p].bg == Color::Rgb(250, 240, 10))
        .count();
    assert!(lit >= 5 && lit % 5 == 0, "{lit} cells lit");
    // The search thread's answer.
    let found = app::search::carry_out(&job.unwrap(), &s.articles);
    app::receive(&mut s, parallax::tui::worker::Feed::Search(found));
    let status = row(render(&s).backend().buffer(), 23);
    assert!(status.contains("/words 1/36"), "{status}");
}
