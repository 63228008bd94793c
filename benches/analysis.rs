//! The whole analysis pipeline (read, line statistics, clean + recognise, resolve)
//! as `parallax entities` runs it, in MB of input per second: without the cache,
//! and with a warm cache (a second start).
//!
//! Corpora: /tmp/corpus_small and, when present, /tmp/corpus10k, made by
//! `python3 ../shared/tools/make_corpus.py /tmp/corpus_small -n 300 --seed 1`
//! (and `/tmp/corpus10k -n 10000`); the bundled seeds when neither is there.
//!
//! cargo bench --bench analysis

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parallax::analysis::{self, Options, Quiet};
use parallax::store::cache::{Cache, DEFAULT_LIMIT};

fn bytes_under(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => bytes_under(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn pipeline(c: &mut Criterion) {
    let mut corpora: Vec<(String, Vec<PathBuf>, u64)> = ["/tmp/corpus_small", "/tmp/corpus10k"]
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .map(|p| (p.display().to_string(), vec![p.clone()], bytes_under(&p)))
        .collect();
    if corpora.is_empty() {
        eprintln!("no /tmp/corpus_small or /tmp/corpus10k: benchmarking the seeds");
        let bytes = analysis::open(&[], Options::default(), None, &mut Quiet)
            .corpus
            .articles
            .iter()
            .map(|a| a.text.len() as u64)
            .sum();
        corpora.push(("seeds".into(), Vec::new(), bytes));
    }
    for (label, paths, bytes) in corpora {
        let mut group = c.benchmark_group(format!("analysis {label}"));
        group.sample_size(10);
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function("no cache", |b| {
            b.iter(|| analysis::open(&paths, Options::default(), None, &mut Quiet))
        });
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), DEFAULT_LIMIT);
        analysis::open(&paths, Options::default(), Some(&cache), &mut Quiet);
        group.bench_function("warm cache", |b| {
            b.iter(|| analysis::open(&paths, Options::default(), Some(&cache), &mut Quiet))
        });
        group.finish();
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
