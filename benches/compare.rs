//! Comparing two long articles (about 200 KB each), ranking related articles, and
//! compare mode in the reader (a frame, and a move with sync on).
//!
//! The articles are built from the bundled seeds: their sentences recombined into
//! paragraphs of two to six sentences, differently for each article, with words
//! varied (paraphrase) or verbatim (the worst case: each of the seeds' few hundred
//! sentences recurs a dozen times in each article, so nearly every pair of
//! passages is a candidate and hundreds of quotes match). With
//! `PARALLAX_BENCH_CORPUS=DIR` (e.g. from `make_corpus.py`), its two largest
//! articles of at most 250 KB are compared too.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::compare::{RelatedIndex, compare};
use parallax::corpus::{Article, Corpus, Document, Mode, Source, clean};

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn seed_sentences() -> Vec<String> {
    let corpus = Corpus::open(&[], Mode::Clean);
    let mut out = Vec::new();
    for a in &corpus.articles {
        for i in 0..a.paragraphs.len() {
            for s in a.paragraph_text(i).split_inclusive(". ") {
                if s.split_whitespace().count() >= 4 {
                    out.push(s.trim().to_string());
                }
            }
        }
    }
    out
}

fn article(id: &str, text: String) -> Article {
    let doc = Document {
        id: id.into(),
        path: id.into(),
        source: Source::Bundled,
        text: text.clone(),
    };
    Article::from_cleaned(doc, clean::raw(&text))
}

/// An article of about `bytes` bytes of recombined seed sentences; with `vary`,
/// about one word in three of each sentence is swapped for another seed word, so
/// sentences recur as paraphrases rather than verbatim.
fn generated(id: &str, sentences: &[String], bytes: usize, seed: u64, vary: bool) -> Article {
    // Words to swap in, without quote marks: swapping must not unbalance quotes.
    let words: Vec<&str> = sentences
        .iter()
        .flat_map(|s| s.split_whitespace())
        .filter(|w| !w.contains(['“', '”', '"', '‘', '’', '\'']))
        .collect();
    let mut rng = Rng(seed);
    let mut text = String::new();
    while text.len() < bytes {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let n = 2 + rng.below(5);
        for k in 0..n {
            let sentence = &sentences[rng.below(sentences.len())];
            for (w, word) in sentence.split_whitespace().enumerate() {
                if k > 0 || w > 0 {
                    text.push(' ');
                }
                let marks = word.contains(['“', '”', '"', '‘', '’']);
                let swap = vary && !marks && rng.below(3) == 0;
                text.push_str(if swap {
                    words[rng.below(words.len())]
                } else {
                    word
                });
            }
        }
    }
    article(id, text)
}

fn bench(c: &mut Criterion) {
    let sentences = seed_sentences();
    for (name, vary) in [
        ("compare 2 x 200 KB (seed sentences, varied)", true),
        (
            "compare 2 x 200 KB (seed sentences verbatim: worst case)",
            false,
        ),
    ] {
        let a = generated("a", &sentences, 200_000, 0x9e37_79b9_7f4a_7c15, vary);
        let b = generated("b", &sentences, 200_000, 0xd1b5_4a32_d192_ed03, vary);
        c.bench_function(name, |bench| {
            bench.iter(|| compare(black_box(&a), black_box(&b)))
        });
    }

    if let Some(dir) = std::env::var_os("PARALLAX_BENCH_CORPUS") {
        let corpus = Corpus::open(&[PathBuf::from(dir)], Mode::Clean);
        // The two largest of at most 250 KB (the ~2 MB outliers are another case).
        let mut by_size: Vec<&Article> = corpus
            .articles
            .iter()
            .filter(|a| a.text.len() <= 250_000)
            .collect();
        by_size.sort_by_key(|a| std::cmp::Reverse(a.text.len()));
        if let [x, y, ..] = by_size[..] {
            let name = format!(
                "compare {} KB x {} KB (corpus)",
                x.text.len() / 1000,
                y.text.len() / 1000
            );
            c.bench_function(&name, |bench| {
                bench.iter(|| compare(black_box(x), black_box(y)))
            });
        }
        // The reader's picker: the index is built on the loader thread, the
        // query runs on the UI thread when `c` is pressed.
        let n = corpus.articles.len();
        c.bench_function(&format!("related index, corpus of {n}"), |bench| {
            bench.iter(|| RelatedIndex::from_articles(black_box(&corpus.articles), None))
        });
        let index = RelatedIndex::from_articles(&corpus.articles, None);
        c.bench_function(&format!("related query (c), corpus of {n}"), |bench| {
            bench.iter(|| index.related(black_box(n / 2)))
        });
    }

    // The picker: index 500 articles of about 4 KB, then rank for one.
    let small: Vec<Article> = (0..500)
        .map(|k| {
            generated(
                &format!("s{k}"),
                &sentences,
                4_000,
                0x2545_f491_4f6c_dd1d + k,
                true,
            )
        })
        .collect();
    let corpus = Corpus {
        articles: small,
        problems: Vec::new(),
    };
    c.bench_function("related index, 500 x 4 KB", |bench| {
        bench.iter(|| RelatedIndex::new(black_box(&corpus), None))
    });
    let index = RelatedIndex::new(&corpus, None);
    c.bench_function("related query, 500 articles", |bench| {
        bench.iter(|| index.related(black_box(7)))
    });
}

/// The reader in compare mode on seeds 001 and 002 at 200x60: a frame (both
/// panes, quotes, strength bars), and `j` with sync on (the other pane follows).
fn reader(c: &mut Criterion) {
    use parallax::tui::action::Action;
    use parallax::tui::app::{self, Effect, State, compare::carry_out};
    use parallax::tui::keymap::KeyMap;
    use parallax::tui::theme::Theme;
    use parallax::tui::{view, worker};
    use ratatui::{Terminal, backend::TestBackend};

    let (tx, rx) = std::sync::mpsc::channel();
    worker::run(&[], &move |f| tx.send(f).is_ok());
    let mut state = State::new(KeyMap::default(), Theme::default(), None);
    app::resize(&mut state, 200, 60);
    for f in rx.try_iter() {
        app::receive(&mut state, f);
    }
    let carry = |state: &mut State, effect: Option<Effect>| {
        if let Some(Effect::Compare(job)) = effect
            && let Some(done) = carry_out(&job, &state.articles)
        {
            app::receive(state, worker::Feed::Compare(done));
        }
    };
    app::select(&mut state, 1);
    let rank = app::update(&mut state, Action::Compare);
    carry(&mut state, rank);
    let open = app::update(&mut state, Action::Open);
    carry(&mut state, open);
    app::update(&mut state, Action::Down);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("compare frame 200x60", |b| {
        b.iter(|| {
            terminal.clear().unwrap();
            terminal.draw(|f| view::draw(f, black_box(&state))).unwrap();
        })
    });
    c.bench_function("compare j/k with sync on", |b| {
        b.iter(|| {
            app::update(&mut state, Action::Down);
            app::update(&mut state, Action::Up);
        })
    });
}

criterion_group!(benches, bench, reader);
criterion_main!(benches);
