//! Searching one word over a whole corpus, as the search thread does for each
//! key of an incremental search: caseless (a lower-case word) and exact (a
//! capital), and one article.
//!
//! And what a key typed at the `/` prompt costs the UI thread with the whole
//! corpus loaded: the state updated (the article shown searched, the corpus
//! search handed to the search thread) and a frame drawn; beside it, the same
//! with the corpus searched on the UI thread, as before the search thread.
//!
//! Corpus: the folder in `PARALLAX_BENCH_CORPUS`, else `/tmp/corpus_small` (make
//! it with `python3 ../shared/tools/make_corpus.py /tmp/corpus_small -n 300 --seed 1`);
//! skipped, with a note, when there is none.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parallax::corpus::{Article, Corpus, Mode};
use parallax::search::{Hits, Query};
use parallax::tui::action::Action;
use parallax::tui::app::{self, Effect, State, search};
use parallax::tui::keymap::KeyMap;
use parallax::tui::search_worker::SearchWorker;
use parallax::tui::theme::Theme;
use parallax::tui::view;
use parallax::tui::worker::Feed;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The corpus, or None (with a note) when there is none.
fn corpus() -> Option<Vec<Article>> {
    let dir = std::env::var_os("PARALLAX_BENCH_CORPUS")
        .map_or_else(|| PathBuf::from("/tmp/corpus_small"), PathBuf::from);
    if !dir.is_dir() {
        eprintln!(
            "search bench skipped: no corpus at {} (set PARALLAX_BENCH_CORPUS or run make_corpus.py)",
            dir.display()
        );
        return None;
    }
    let corpus = Corpus::open(&[dir], Mode::Clean);
    if corpus.articles.is_empty() {
        eprintln!("search bench skipped: no readable articles in the corpus");
        return None;
    }
    Some(corpus.articles)
}

fn bench(c: &mut Criterion) {
    let Some(articles) = corpus() else { return };
    core(c, &articles);
    prompt(c, articles);
}

fn core(c: &mut Criterion, articles: &[Article]) {
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let n = articles.len();
    let mut g = c.benchmark_group("search");
    g.throughput(Throughput::Bytes(bytes as u64));
    for word in ["minister", "Minister", "m"] {
        let q = Query::new(word).unwrap();
        let found = Hits::search(&q, articles).len();
        g.bench_function(format!("{word:?} over {n} articles ({found} hits)"), |b| {
            b.iter(|| Hits::search(black_box(&q), articles))
        });
    }
    // What the prompt does while "minister" is typed: the first key searches
    // everything, each next one only the articles that still have hits.
    g.bench_function("typing \"minister\" key by key (8 searches)", |b| {
        b.iter(|| {
            let word = "minister";
            let mut hits = Hits::search(&Query::new(&word[..1]).unwrap(), articles);
            for end in 2..=word.len() {
                hits = hits.refine(&Query::new(&word[..end]).unwrap(), articles);
            }
            hits
        })
    });
    let longest = articles.iter().max_by_key(|a| a.text.len()).unwrap();
    g.throughput(Throughput::Bytes(longest.text.len() as u64));
    let q = Query::new("minister").unwrap();
    g.bench_function("\"minister\" in the longest article", |b| {
        b.iter(|| q.find_all(black_box(&longest.text)))
    });
    g.finish();
}

/// One key at the prompt, then what the event loop does before drawing, and the
/// frame: the last letter of a word (the search narrows), a Backspace (a new
/// search) and a first letter (the most hits). Each iteration first undoes the
/// key, untimed.
fn prompt(c: &mut Criterion, articles: Vec<Article>) {
    let n = articles.len();
    let mut state = State::new(KeyMap::default(), Theme::default(), None);
    app::resize(&mut state, 200, 60);
    app::receive(&mut state, Feed::Articles(articles));
    app::receive(&mut state, Feed::Done);
    app::update(&mut state, Action::Open);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    // The search thread, as in the reader; its answers are taken in as the
    // event loop does, when they have arrived.
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = SearchWorker::spawn(move |f| tx.send(f).is_ok());
    worker.sync(&state.articles, 0);
    let threaded = |state: &mut State, code: KeyCode| {
        let effect = app::key(state, &KeyEvent::new(code, KeyModifiers::NONE));
        for effect in [effect, search::settle(state)] {
            if let Some(Effect::Search(job)) = effect {
                worker.submit(job, &state.articles);
            }
        }
        for feed in rx.try_iter() {
            app::receive(state, feed);
        }
    };
    // Before the search thread: the corpus searched there and then (narrowed
    // to the articles that had hits when typing on, as it was).
    let mut last: Option<(Query, Hits)> = None;
    let mut inline = |state: &mut State, code: KeyCode| {
        let effect = app::key(state, &KeyEvent::new(code, KeyModifiers::NONE));
        for effect in [effect, search::settle(state)] {
            if let Some(Effect::Search(job)) = effect {
                let hits = match &last {
                    Some((q, h)) if job.query.as_str().starts_with(q.as_str()) => {
                        h.refine(&job.query, &state.articles)
                    }
                    _ => Hits::search(&job.query, &state.articles),
                };
                last = Some((job.query.clone(), hits.clone()));
                let found = search::Found {
                    generation: job.generation,
                    hits: std::sync::Arc::new(hits),
                };
                app::receive(state, Feed::Search(found));
            }
        }
    };
    let mut g = c.benchmark_group(format!("key at the prompt + frame, {n} articles loaded"));
    g.sample_size(20);
    // `typed`, then `undo` and `key` in turn: `key` and the frame are timed.
    let mut time = |g: &mut criterion::BenchmarkGroup<_>,
                    name: String,
                    typed: &str,
                    (undo, key): (KeyCode, KeyCode),
                    press: &mut dyn FnMut(&mut State, KeyCode)| {
        app::update(&mut state, Action::Search);
        for k in typed.chars() {
            press(&mut state, KeyCode::Char(k));
        }
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    press(&mut state, undo);
                    let t = Instant::now();
                    press(&mut state, key);
                    terminal.draw(|f| view::draw(f, black_box(&state))).unwrap();
                    spent += t.elapsed();
                }
                spent
            })
        });
        // Esc at the prompt: the search cancelled, the view put back.
        app::key(&mut state, &KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert!(state.search.query.is_none());
    };
    let (back, ch) = (KeyCode::Backspace, KeyCode::Char);
    for (name, typed, keys) in [
        ("'r' typed after \"ministe\"", "minister", (back, ch('r'))),
        ("Backspace after \"minister\"", "minister", (ch('r'), back)),
        ("'m' typed first", "m", (back, ch('m'))),
    ] {
        time(&mut g, name.into(), typed, keys, &mut |s, k| threaded(s, k));
        let name = format!("{name}, corpus searched on the UI thread (before)");
        time(&mut g, name, typed, keys, &mut |s, k| inline(s, k));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
