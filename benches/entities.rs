//! Recognition + resolution throughput on one core, over cleaned text (what the
//! recogniser reads in parallax: boilerplate is gone before it runs).
//!
//! Corpus: the folder in `PARALLAX_BENCH_CORPUS` (e.g. one made by
//! `python3 ../shared/tools/make_corpus.py /tmp/corpus_small -n 300 --seed 1`);
//! else the bundled seeds repeated to a similar size.

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parallax::corpus::{Corpus, Mode};
use parallax::entities::EntityIndex;

fn texts() -> (String, Vec<String>) {
    if let Some(dir) = std::env::var_os("PARALLAX_BENCH_CORPUS") {
        let corpus = Corpus::open(&[PathBuf::from(&dir)], Mode::Clean);
        if !corpus.articles.is_empty() {
            let label = format!(
                "{} articles from {}",
                corpus.articles.len(),
                dir.to_string_lossy()
            );
            return (label, corpus.articles.into_iter().map(|a| a.text).collect());
        }
    }
    let seeds = Corpus::open(&[], Mode::Clean);
    let texts: Vec<String> = seeds.articles.iter().map(|a| a.text.clone()).collect();
    let mut out = Vec::new();
    while out.iter().map(String::len).sum::<usize>() < 2_000_000 {
        out.extend(texts.iter().cloned());
    }
    ("seeds repeated".to_string(), out)
}

fn bench(c: &mut Criterion) {
    let (label, texts) = texts();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let bytes: usize = refs.iter().map(|t| t.len()).sum();
    // Load the gazetteers outside the timing: a one-off cost per process.
    EntityIndex::from_texts_sequential(&refs[..1]);
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    // Resolution runs on rayon's threads where it can: one thread here.
    let one_core = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    group.bench_function(format!("recognise+resolve, one core ({label})"), |b| {
        b.iter(|| one_core.install(|| EntityIndex::from_texts_sequential(&refs)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
