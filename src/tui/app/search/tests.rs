use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::*;
use crate::tui::testing::{article, settle_search, state_with};
use crate::tui::theme::Class;

/// A key, then what the event loop does before drawing, the corpus searched
/// at once.
fn press(s: &mut State, code: KeyCode) {
    let effect = key(s, &KeyEvent::new(code, KeyModifiers::NONE));
    settle_search(s, effect);
}

/// A key, then what the event loop does before drawing, the corpus search left
/// running: its job is returned.
fn press_only(s: &mut State, code: KeyCode) -> Option<search::Job> {
    let mut job = None;
    let effect = key(s, &KeyEvent::new(code, KeyModifiers::NONE));
    for effect in [effect, search::settle(s)] {
        if let Some(Effect::Search(j)) = effect {
            job = Some(j);
        }
    }
    job
}

fn count(s: &State) -> usize {
    s.search.hits.as_ref().expect("the corpus hits").len()
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c));
    }
}

fn status(s: &State) -> String {
    search::status(s).map(|(t, _)| t).unwrap_or_default()
}

/// Articles with long wrapped paragraphs and CJK text, at 80×24.
fn wide_state() -> State {
    let mut s = State::new(KeyMap::default(), Theme::default(), None);
    resize(&mut s, 80, 24);
    let filler = "Filler words that wrap across several rows of the reader pane. ".repeat(6);
    let mut batch = Vec::new();
    for i in 0..3 {
        let mut paras: Vec<String> = (0..12).map(|_| filler.clone()).collect();
        paras[3] = format!("{filler}東京の記者会見で市長は東京について話した。 Tokyo");
        paras[9] = format!("The mayor of Tokyo spoke. {filler} tokyo again.");
        let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
        let mut a = article(&refs, &[(2, "Tokyo newsletter signup")]);
        a.id = format!("a{i}");
        batch.push(a);
    }
    receive(&mut s, Feed::Articles(batch));
    receive(&mut s, Feed::Done);
    update(&mut s, Action::Open);
    s
}

/// The hit's row is on screen.
/// Where the person is: list selection, article, cursor, scroll.
fn view(s: &State) -> (usize, Option<usize>, usize, usize) {
    (
        s.list.selected,
        s.reader.article,
        s.reader.cursor,
        s.reader.scroll,
    )
}

fn hit_in_view(s: &State) -> bool {
    let hit = s.search.current.as_ref().unwrap();
    assert_eq!(s.reader.article, Some(hit.article));
    let row = s.reader.layout.row_of_text_pos(hit.range.start).unwrap();
    row >= s.reader.scroll && row < s.reader.scroll + s.view_rows()
}

#[test]
fn typing_searches_the_corpus_and_moves_to_the_first_hit() {
    let mut s = wide_state();
    update(&mut s, Action::Search);
    assert_eq!(status(&s), "/ 0/0");
    typed(&mut s, "東京");
    // Two per article, three articles; removed lines are not counted.
    assert_eq!(count(&s), 6);
    assert_eq!(status(&s), "/東京 1/6");
    assert_eq!(s.reader.cursor, 3);
    assert!(hit_in_view(&s));
    let text = &s.articles[0].text;
    assert!(
        s.reader
            .overlays
            .iter()
            .all(|o| &text[o.range.clone()] == "東京" && o.class == Class::SearchHit)
    );
    assert_eq!(s.reader.overlays.len(), 2);
    // Backspace and a new word search again, from where the view was.
    press(&mut s, KeyCode::Backspace);
    press(&mut s, KeyCode::Backspace);
    typed(&mut s, "tokyo");
    assert_eq!(count(&s), 9, "smart case: any case");
    assert_eq!(s.reader.cursor, 3);
    press(&mut s, KeyCode::Backspace);
    press(&mut s, KeyCode::Backspace);
    press(&mut s, KeyCode::Backspace);
    press(&mut s, KeyCode::Backspace);
    press(&mut s, KeyCode::Backspace);
    typed(&mut s, "Tokyo");
    assert_eq!(count(&s), 6, "a capital: exact case");
    press(&mut s, KeyCode::Enter);
    assert_eq!(status(&s), "/Tokyo 1/6");
    assert!(search::status(&s).is_some_and(|(_, typing)| !typing));
    // Esc over a kept search clears it, highlights too.
    press(&mut s, KeyCode::Esc);
    assert_eq!(status(&s), "");
    assert!(s.reader.overlays.is_empty());
    assert_eq!(s.focus, Pane::Reader);
}

#[test]
fn keys_typed_together_cost_one_search() {
    let mut s = wide_state();
    update(&mut s, Action::Search);
    for c in "mayor".chars() {
        key(&mut s, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    assert_eq!(count(&s), 0, "not searched yet");
    assert_eq!(s.reader.cursor, 0);
    settle_search(&mut s, None);
    assert_eq!(count(&s), 3);
    assert_eq!(s.reader.cursor, 9);
    // Keys that cancel out search nothing again.
    for code in [KeyCode::Char('x'), KeyCode::Backspace] {
        key(&mut s, &KeyEvent::new(code, KeyModifiers::NONE));
    }
    assert!(search::settle(&mut s).is_none());
    assert_eq!(status(&s), "/mayor 1/3");
    // Enter searches what is pending before keeping it.
    key(
        &mut s,
        &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
    );
    let effect = key(&mut s, &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(status(&s), "/mayo searching…");
    settle_search(&mut s, effect);
    assert_eq!(status(&s), "/mayo 1/3");
}

#[test]
fn hits_in_removed_boilerplate_are_not_counted() {
    let mut s = state_with(3, 5);
    update(&mut s, Action::Open);
    update(&mut s, Action::ToggleRemoved);
    update(&mut s, Action::Search);
    typed(&mut s, "advertisement");
    assert_eq!(count(&s), 0);
    assert_eq!(status(&s), "/advertisement 0/0");
}

#[test]
fn esc_puts_the_view_back() {
    let mut s = wide_state();
    for _ in 0..5 {
        update(&mut s, Action::Down);
    }
    let before = view(&s);
    assert!(before.3 > 0);
    update(&mut s, Action::Search);
    typed(&mut s, "mayor");
    // Passage 9 of the same article comes first after the cursor.
    assert_eq!((s.reader.article, s.reader.cursor), (Some(0), 9));
    press(&mut s, KeyCode::Esc);
    let after = view(&s);
    assert_eq!(after, before);
    assert!(s.search.query.is_none() && s.reader.overlays.is_empty());
    // Also after the search went to another article.
    update(&mut s, Action::Last);
    let before = view(&s);
    update(&mut s, Action::Search);
    typed(&mut s, "mayor");
    assert_eq!((s.reader.article, s.list.selected), (Some(1), 1));
    press(&mut s, KeyCode::Esc);
    let after = view(&s);
    assert_eq!(after, before);
}

#[test]
fn n_and_shift_n_cross_articles_and_wrap() {
    let mut s = wide_state();
    update(&mut s, Action::Search);
    typed(&mut s, "mayor");
    press(&mut s, KeyCode::Enter);
    assert_eq!(status(&s), "/mayor 1/3");
    let mut seen = Vec::new();
    for _ in 0..3 {
        update(&mut s, Action::NextHit);
        assert!(hit_in_view(&s));
        assert_eq!(s.list.selected, s.reader.article.unwrap(), "list follows");
        seen.push((s.reader.article.unwrap(), s.reader.cursor));
    }
    assert_eq!(seen, vec![(1, 9), (2, 9), (0, 9)]);
    assert_eq!(status(&s), "/mayor 1/3");
    assert!(s.message.as_ref().unwrap().text.contains("wrapped"));
    update(&mut s, Action::PrevHit);
    assert_eq!((s.reader.article, s.reader.cursor), (Some(2), 9));
    assert_eq!(status(&s), "/mayor 3/3");
    update(&mut s, Action::PrevHit);
    assert_eq!((s.reader.article, s.reader.cursor), (Some(1), 9));
    // Moved away, n goes on from the cursor.
    update(&mut s, Action::First);
    update(&mut s, Action::NextHit);
    assert_eq!((s.reader.article, s.reader.cursor), (Some(1), 9));
    update(&mut s, Action::First);
    update(&mut s, Action::PrevHit);
    assert_eq!((s.reader.article, s.reader.cursor), (Some(0), 9));
}

#[test]
fn n_without_a_search_says_how() {
    let mut s = state_with(2, 3);
    update(&mut s, Action::NextHit);
    assert_eq!(s.message.as_ref().unwrap().text, "no search; / searches");
}

#[test]
fn a_rebound_search_key_works_and_the_old_one_does_not() {
    let mut s = state_with(2, 3);
    update(&mut s, Action::Open);
    let config = crate::config::Config {
        keys: [(
            "search".to_string(),
            vec![crate::config::KeySpec::ctrl('f')],
        )]
        .into(),
        ..Default::default()
    };
    let (keymap, theme) = crate::tui::settings::apply(&config, KeyMap::default(), Theme::default());
    s.keymap = keymap;
    s.theme = theme;
    press(&mut s, KeyCode::Char('/'));
    assert!(s.search.prompt.is_none());
    key(
        &mut s,
        &KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL),
    );
    assert_eq!(s.search.prompt.as_deref(), Some(""));
}

#[test]
fn the_list_filter_matches_title_and_outlet() {
    let mut s = state_with(4, 3);
    for (i, a) in s.articles.iter_mut().enumerate() {
        a.title = Some(
            [
                "Budget vote",
                "Storm warning",
                "Budget cuts",
                "Match report",
            ][i]
                .into(),
        );
        a.outlet = Some(["Herald", "Times", "Post", "The Budget Daily"][i].into());
    }
    assert_eq!(s.focus, Pane::Sources);
    update(&mut s, Action::Search);
    typed(&mut s, "budget");
    assert_eq!(s.search.filter.as_ref().unwrap().shown, vec![0, 2, 3]);
    assert_eq!(status(&s), "/budget 3/4 articles");
    press(&mut s, KeyCode::Enter);
    // A click on the second row picks the second match.
    let a = s.areas();
    click(
        &mut s,
        a.sources.x + 2,
        a.sources.y + 1 + crate::tui::layout::ITEM_ROWS as u16,
    );
    assert_eq!((s.list.selected, s.reader.article), (2, Some(2)));
    update(&mut s, Action::First);
    update(&mut s, Action::Down);
    assert_eq!((s.list.selected, s.reader.article), (2, Some(2)));
    update(&mut s, Action::Down);
    assert_eq!(s.list.selected, 3);
    update(&mut s, Action::Down);
    assert_eq!(s.list.selected, 3, "stays on the last match");
    assert_eq!(search::list_items(&s, 10), vec![0, 2, 3]);
    update(&mut s, Action::Open);
    assert_eq!(s.focus, Pane::Reader);
    update(&mut s, Action::Back);
    update(&mut s, Action::Back);
    assert!(s.search.filter.is_none(), "Esc clears it");
    assert_eq!(search::list_items(&s, 10), vec![0, 1, 2, 3]);
    // Esc while typing puts the selection back.
    update(&mut s, Action::Search);
    typed(&mut s, "storm");
    assert_eq!(s.list.selected, 1);
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.list.selected, 3);
    assert!(s.search.filter.is_none());
    // Going to an article the filter hides (a mention, a bookmark) drops it.
    update(&mut s, Action::Search);
    typed(&mut s, "budget");
    press(&mut s, KeyCode::Enter);
    crate::tui::app::select(&mut s, 2);
    assert!(
        s.search.filter.is_some(),
        "a shown article keeps the filter"
    );
    crate::tui::app::select(&mut s, 1);
    assert!(s.search.filter.is_none());
    assert_eq!(search::list_items(&s, 10), vec![0, 1, 2, 3]);
}

fn answer(s: &mut State, job: &search::Job) {
    let found = search::carry_out(job, &s.articles);
    receive(s, Feed::Search(found));
}

#[test]
fn the_article_is_searched_at_once_and_the_corpus_count_comes_later() {
    let mut s = wide_state();
    update(&mut s, Action::Search);
    let jobs: Vec<search::Job> = "mayor"
        .chars()
        .filter_map(|c| press_only(&mut s, KeyCode::Char(c)))
        .collect();
    assert_eq!(jobs.len(), 5, "one corpus search per key");
    assert_eq!(status(&s), "/mayor searching…");
    // The view is on the article's hit, highlighted, before the count.
    assert_eq!((s.reader.article, s.reader.cursor), (Some(0), 9));
    assert_eq!(s.reader.overlays.len(), 1);
    // An answer to an older query is dropped.
    answer(&mut s, &jobs[0]);
    assert_eq!(status(&s), "/mayor searching…");
    answer(&mut s, &jobs[4]);
    assert_eq!(status(&s), "/mayor 1/3");
    // Esc: an answer still on its way is dropped too.
    let job = press_only(&mut s, KeyCode::Backspace).unwrap();
    press(&mut s, KeyCode::Esc);
    answer(&mut s, &job);
    assert_eq!(status(&s), "");
    assert!(s.search.hits.is_none() && s.reader.overlays.is_empty());
}

#[test]
fn n_before_the_count_moves_in_the_article_or_waits_for_it() {
    let mut s = wide_state();
    update(&mut s, Action::Search);
    let job = "tokyo"
        .chars()
        .filter_map(|c| press_only(&mut s, KeyCode::Char(c)))
        .last()
        .unwrap();
    assert!(press_only(&mut s, KeyCode::Enter).is_none());
    // Three hits in the article: passage 3, then two in passage 9.
    assert_eq!(s.reader.cursor, 3);
    update(&mut s, Action::NextHit);
    assert_eq!(s.reader.cursor, 9);
    update(&mut s, Action::NextHit);
    let last_here = s.search.current.clone().unwrap();
    assert_eq!((last_here.article, s.reader.cursor), (0, 9));
    assert!(last_here.range.start > s.articles[0].paragraphs[9].start + 20);
    // The next hit is in another article: n waits for the corpus hits.
    update(&mut s, Action::NextHit);
    assert_eq!(s.reader.article, Some(0));
    assert_eq!(s.search.current, Some(last_here));
    assert!(s.message.as_ref().unwrap().text.contains("searching"));
    answer(&mut s, &job);
    assert_eq!((s.reader.article, s.reader.cursor), (Some(1), 3));
    assert_eq!(status(&s), "/tokyo 4/9");
    assert!(hit_in_view(&s));
}

#[test]
fn with_no_hit_after_the_cursor_the_count_moves_the_view_unless_it_moved() {
    let mut s = wide_state();
    update(&mut s, Action::Last);
    update(&mut s, Action::Search);
    let job = "mayor"
        .chars()
        .filter_map(|c| press_only(&mut s, KeyCode::Char(c)))
        .last()
        .unwrap();
    // Nothing after passage 11 here: the view stays until the count comes.
    assert_eq!((s.reader.article, s.reader.cursor), (Some(0), 11));
    answer(&mut s, &job);
    assert_eq!((s.reader.article, s.reader.cursor), (Some(1), 9));
    assert_eq!(status(&s), "/mayor 2/3");
    // Kept, then moved before the count came: the view is left alone.
    press(&mut s, KeyCode::Esc);
    update(&mut s, Action::Last);
    update(&mut s, Action::Search);
    let job = "mayor"
        .chars()
        .filter_map(|c| press_only(&mut s, KeyCode::Char(c)))
        .last()
        .unwrap();
    press_only(&mut s, KeyCode::Enter);
    update(&mut s, Action::Up);
    answer(&mut s, &job);
    assert_eq!((s.reader.article, s.reader.cursor), (Some(0), 10));
    assert_eq!(status(&s), "/mayor 0/3");
}

#[test]
fn articles_arriving_are_searched_too() {
    let mut s = wide_state();
    update(&mut s, Action::Search);
    typed(&mut s, "mayor");
    press(&mut s, KeyCode::Enter);
    let mut more = article(&["Another mayor.", "And the mayor."], &[]);
    more.id = "late".into();
    receive(&mut s, Feed::Articles(vec![more]));
    assert_eq!(status(&s), "/mayor 1/3", "the hits so far stay");
    let Some(Effect::Search(job)) = search::settle(&mut s) else {
        panic!("no corpus search asked for")
    };
    assert_eq!(job.articles, 4);
    answer(&mut s, &job);
    assert_eq!(status(&s), "/mayor 1/5");
}
