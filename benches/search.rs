//! Searching one word over a whole corpus, as each key of an incremental search
//! does: caseless (a lower-case word) and exact (a capital), and one article.
//!
//! Corpus: the folder in `PARALLAX_BENCH_CORPUS`, else `/tmp/corpus_small` (make
//! it with `python3 ../shared/tools/make_corpus.py /tmp/corpus_small -n 300 --seed 1`);
//! skipped, with a note, when there is none.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parallax::corpus::{Corpus, Mode};
use parallax::search::{Hits, Query};

fn bench(c: &mut Criterion) {
    let dir = std::env::var_os("PARALLAX_BENCH_CORPUS")
        .map_or_else(|| PathBuf::from("/tmp/corpus_small"), PathBuf::from);
    if !dir.is_dir() {
        eprintln!(
            "search bench skipped: no corpus at {} (set PARALLAX_BENCH_CORPUS or run make_corpus.py)",
            dir.display()
        );
        return;
    }
    let corpus = Corpus::open(&[dir], Mode::Clean);
    if corpus.articles.is_empty() {
        eprintln!("search bench skipped: no readable articles in the corpus");
        return;
    }
    let articles = &corpus.articles;
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

criterion_group!(benches, bench);
criterion_main!(benches);
