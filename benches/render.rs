//! Reader speed: one full frame at 200×60 (the state is laid out already, as it is
//! between key presses), and the reflow of a 2 MB article (what a resize or `x`
//! costs on a huge file).
//!
//! Also bookmarks: a frame with 1,000 gutter marks, and `m`.
//!
//! And keypress to redraw with the whole 10,000-file corpus loaded.
//!
//! cargo bench --bench render

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::corpus::Article;
use parallax::tui::action::Action;
use parallax::tui::app::{self, State};
use parallax::tui::keymap::KeyMap;
use parallax::tui::layout::ReaderLayout;
use parallax::tui::theme::Theme;
use parallax::tui::view;
use parallax::tui::worker::{self, Feed};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn seeds() -> Vec<Article> {
    let (tx, rx) = std::sync::mpsc::channel();
    worker::run(&[], &move |f| tx.send(f).is_ok());
    rx.try_iter()
        .flat_map(|f| match f {
            Feed::Articles(a) => a,
            _ => Vec::new(),
        })
        .collect()
}

/// A 2 MB article made of the seeds' paragraphs, repeated.
fn big_article() -> Article {
    let seeds = seeds();
    let paras: Vec<&str> = seeds
        .iter()
        .flat_map(|a| (0..a.paragraphs.len()).map(move |i| a.paragraph_text(i)))
        .collect();
    let mut chosen = Vec::new();
    let mut size = 0;
    while size < 2_000_000 {
        for p in &paras {
            chosen.push(*p);
            size += p.len() + 2;
        }
    }
    parallax::tui::testing::article(&chosen, &[])
}

fn render(c: &mut Criterion) {
    let mut state = State::new(KeyMap::default(), Theme::default(), None);
    app::resize(&mut state, 200, 60);
    app::receive(&mut state, Feed::Articles(seeds()));
    app::receive(&mut state, Feed::Done);
    app::update(&mut state, Action::Down);
    app::update(&mut state, Action::Open);
    for _ in 0..3 {
        app::update(&mut state, Action::Down);
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("reader frame 200x60", |b| {
        b.iter(|| {
            // A fresh buffer each time: the whole frame is drawn and diffed.
            terminal.clear().unwrap();
            terminal.draw(|f| view::draw(f, black_box(&state))).unwrap();
        })
    });

    c.bench_function("reader frame 200x60, nothing changed", |b| {
        b.iter(|| {
            terminal.draw(|f| view::draw(f, black_box(&state))).unwrap();
        })
    });

    // For scale: ratatui's own cost of a frame that draws nothing (buffer reset
    // and diff of 12,000 cells).
    c.bench_function("empty frame 200x60", |b| {
        b.iter(|| {
            terminal.draw(|_| {}).unwrap();
        })
    });

    let big = big_article();
    let mut group = c.benchmark_group("reflow");
    group.sample_size(10);
    group.bench_function(
        format!("{} MB article at 120 columns", big.text.len() / 1_000_000),
        |b| b.iter(|| ReaderLayout::build(black_box(&big), 120, false)),
    );
    group.finish();
}

/// Bookmarks in the reader: a frame of the 2 MB article with 1,000 bookmarked
/// passages (gutter marks are worked out per frame), and what `m` costs the UI
/// thread (the write itself is on the bookmarks thread).
fn bookmarks(c: &mut Criterion) {
    let big = big_article();
    let n = big.paragraphs.len();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut state = State::new(KeyMap::default(), Theme::default(), None);
    for marks in [0, 1000] {
        state = State::new(KeyMap::default(), Theme::default(), None);
        app::resize(&mut state, 200, 60);
        app::receive(&mut state, Feed::Articles(vec![big.clone()]));
        app::update(&mut state, Action::Open);
        for k in 0..marks {
            state.reader.cursor = k * n / marks;
            app::update(&mut state, Action::Bookmark);
        }
        state.reader.cursor = n / 2;
        app::update(&mut state, Action::Down);
        c.bench_function(
            &format!("reader frame 200x60, 2 MB article, {marks} bookmarks"),
            |b| {
                b.iter(|| {
                    terminal.clear().unwrap();
                    terminal.draw(|f| view::draw(f, black_box(&state))).unwrap();
                })
            },
        );
    }
    // At start the loaded articles are copied for the bookmarks thread to
    // place bookmarks in: the one bulk copy on the UI thread.
    let articles = vec![big.clone()];
    c.bench_function("copy of a 2 MB corpus for the bookmarks thread", |b| {
        b.iter(|| black_box(&articles).to_vec())
    });
    // `m` on a bookmarked passage: the check against every bookmark placed.
    state.reader.cursor = 500 * n / 1000;
    c.bench_function("m on a bookmarked passage, 1000 bookmarks", |b| {
        b.iter(|| app::update(black_box(&mut state), Action::Bookmark))
    });
    // `m` on a new passage: the bookmark made (quote, context, id).
    let article = state.article().unwrap().clone();
    c.bench_function("new bookmark in a 2 MB article", |b| {
        b.iter(|| {
            parallax::store::bookmarks::Bookmark::for_paragraphs(
                black_box(&article),
                &[],
                n / 3,
                n / 3 + 1,
                None,
            )
        })
    });
}

/// Keypress to redraw with the whole 10,000-file corpus loaded (made by
/// `python3 ../shared/tools/make_corpus.py /tmp/corpus10k -n 10000 --seed 1`;
/// skipped with a note when absent): update + a full frame for Down in the
/// source list, PageDown in a 2 MB article, the next article opened, and `]`.
fn whole_corpus(c: &mut Criterion) {
    let dir = std::path::PathBuf::from(
        std::env::var_os("PARALLAX_BENCH_CORPUS10K").unwrap_or_else(|| "/tmp/corpus10k".into()),
    );
    if !dir.is_dir() {
        eprintln!(
            "skipping the whole-corpus benches: {} is absent",
            dir.display()
        );
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    worker::run(&[dir], &move |f| tx.send(f).is_ok());
    let mut state = State::new(KeyMap::default(), Theme::default(), None);
    app::resize(&mut state, 200, 60);
    for feed in rx.try_iter() {
        app::receive(&mut state, feed);
    }
    let n = state.articles.len();
    let biggest = (0..n)
        .max_by_key(|&i| state.articles[i].text.len())
        .expect("articles");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut group = c.benchmark_group(format!("keypress + frame, {n} articles loaded"));
    group.sample_size(20);
    // Down in the source list (wrapping back to the top near the end).
    group.bench_function("Down in the source list", |b| {
        b.iter(|| {
            if state.list.selected + 1 >= n {
                app::update(&mut state, Action::First);
            }
            app::update(&mut state, Action::Down);
            terminal.draw(|f| view::draw(f, black_box(&state))).unwrap();
        })
    });
    // Into the biggest article, then page through it.
    app::update(&mut state, Action::First);
    for _ in 0..biggest {
        app::update(&mut state, Action::Down);
    }
    app::update(&mut state, Action::Open);
    group.bench_function("PageDown in a 2 MB article", |b| {
        b.iter(|| {
            app::update(&mut state, Action::PageDown);
            terminal.draw(|f| view::draw(f, black_box(&state))).unwrap();
        })
    });
    // Back to the list, the next article selected and opened.
    group.bench_function("next article opened", |b| {
        b.iter(|| {
            app::update(&mut state, Action::PrevPane);
            if state.list.selected + 1 >= n {
                app::update(&mut state, Action::First);
            }
            app::update(&mut state, Action::Down);
            app::update(&mut state, Action::Open);
            terminal.draw(|f| view::draw(f, black_box(&state))).unwrap();
        })
    });
    // `]` through the mentions of the most mentioned person (entity 0: people
    // come first, most mentioned first), across articles.
    state.entities.focused = Some(0);
    group.bench_function("] next mention of the most mentioned person", |b| {
        b.iter(|| {
            app::update(&mut state, Action::NextMention);
            terminal.draw(|f| view::draw(f, black_box(&state))).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, render, bookmarks, whole_corpus);
criterion_main!(benches);
