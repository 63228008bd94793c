//! Load + clean throughput. Corpus: the folder in PARALLAX_BENCH_CORPUS (make it
//! with `python3 ../shared/tools/make_corpus.py /tmp/corpus_small -n 300 --seed 1`),
//! else the bundled seeds repeated.
//!
//! `load_clean` is wall-clock time; `load_clean_cpu` the same cleaning in CPU
//! time of every thread (MiB/s per CPU-second: per core), which holds still on a
//! machine busy with other work where wall-clock figures swing by half.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parallax::corpus::{Corpus, Document, Mode, load};

fn documents() -> Vec<Document> {
    if let Some(dir) = std::env::var_os("PARALLAX_BENCH_CORPUS") {
        let loaded = load::load(&[PathBuf::from(dir)]);
        if !loaded.documents.is_empty() {
            return loaded.documents;
        }
    }
    (0..60)
        .flat_map(|i| {
            load::bundled().into_iter().map(move |mut d| {
                d.id = format!("{i}/{}", d.id);
                d
            })
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut g = c.benchmark_group("load_clean");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("clean {} articles", docs.len()), |b| {
        b.iter(|| Corpus::from_documents(black_box(docs.clone()), Mode::Clean))
    });
    if let Some(dir) = std::env::var_os("PARALLAX_BENCH_CORPUS") {
        let paths = [PathBuf::from(dir)];
        g.bench_function("load + clean from disk", |b| {
            b.iter(|| Corpus::open(black_box(&paths), Mode::Clean))
        });
    }
    // One 6 MB line: nothing in loading or cleaning may be quadratic.
    let line = "The council voted on Tuesday to extend the night bus service, the mayor said. "
        .repeat(6_000_000 / 79);
    let raw = line.as_bytes().to_vec();
    g.throughput(Throughput::Bytes(raw.len() as u64));
    g.bench_function("decode + clean one 6 MB line", |b| {
        b.iter(|| {
            let (text, _) = load::decode(black_box(&raw)).unwrap();
            let doc = Document {
                id: "big".into(),
                path: "big".into(),
                source: load::Source::Bundled,
                text,
            };
            Corpus::from_documents(vec![doc], Mode::Clean)
        })
    });
    g.finish();
}

/// CPU time of the whole process in nanoseconds: every thread's (rayon's pool
/// included), from /proc/self/task/*/schedstat. Shown as durations are.
struct CpuTime(WallTime);

/// None without /proc (the CPU group is then skipped); a thread gone while
/// they are read counts for nothing.
fn cpu_ns() -> Option<u64> {
    let tasks = std::fs::read_dir("/proc/self/task").ok()?;
    let per_thread = tasks.filter_map(|task| {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        stat.split_whitespace().next()?.parse::<u64>().ok()
    });
    Some(per_thread.sum::<u64>()).filter(|&ns| ns > 0)
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        cpu_ns().unwrap_or(0)
    }
    fn end(&self, start: u64) -> u64 {
        cpu_ns().unwrap_or(0).saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.0.formatter()
    }
}

fn bench_cpu(c: &mut Criterion<CpuTime>) {
    if cpu_ns().is_none() {
        return;
    }
    let docs = documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut g = c.benchmark_group("load_clean_cpu");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("clean {} articles", docs.len()), |b| {
        b.iter(|| Corpus::from_documents(black_box(docs.clone()), Mode::Clean))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime(WallTime));
    targets = bench_cpu
}
criterion_main!(benches, cpu);
