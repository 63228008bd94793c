//! Load + clean throughput. Corpus: the folder in PARALLAX_BENCH_CORPUS (make it
//! with `python3 ../shared/tools/make_corpus.py /tmp/corpus_small -n 300 --seed 1`),
//! else the bundled seeds repeated.

use std::hint::black_box;
use std::path::PathBuf;

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

criterion_group!(benches, bench);
criterion_main!(benches);
