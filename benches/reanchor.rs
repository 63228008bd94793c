//! Re-anchoring a bookmark in a ~2 MB article: unchanged, shifted, edited (short
//! and long quotes) and gone (the worst case: every candidate window is tried).
//! `cargo bench --bench reanchor`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::corpus::text::fnv1a;
use parallax::store::anchor::{Selector, context, locate};

fn para(i: usize) -> String {
    const WORDS: [&str; 16] = [
        "council", "budget", "minister", "said", "on", "Tuesday", "that", "the", "talks", "would",
        "resume", "after", "a", "long", "pause", "again",
    ];
    let n = 30 + i % 40;
    let words: Vec<&str> = (0..n)
        .map(|k| WORDS[(i * 7 + k * 13 + k * k) % WORDS.len()])
        .collect();
    format!("{i}. {}.", words.join(" "))
}

struct Case {
    quote: String,
    prefix: String,
    suffix: String,
    start: usize,
    end: usize,
    hash: u64,
}

fn case(text: &str, quote: &str) -> Case {
    let start = text.find(quote).unwrap();
    let end = start + quote.len();
    let (prefix, suffix) = context(text, &(start..end));
    Case {
        quote: quote.into(),
        prefix,
        suffix,
        start,
        end,
        hash: fnv1a(text.as_bytes()),
    }
}

fn run(text: &str, hash: u64, c: &Case) -> bool {
    let sel = Selector {
        quote: &c.quote,
        prefix: &c.prefix,
        suffix: &c.suffix,
        start: c.start,
        end: c.end,
        hash: c.hash,
    };
    locate(text, hash, &sel).is_some()
}

fn bench(cr: &mut Criterion) {
    let mut paras: Vec<String> = (0..8000).map(para).collect();
    let text = paras.join("\n\n");
    assert!(text.len() > 2_000_000, "{}", text.len());
    let long_quote = format!("{}\n\n{}\n\n{}", paras[6000], paras[6001], paras[6002]);
    let short_quote = paras[6000][..60].to_string();
    assert!(short_quote.contains("council") || short_quote.contains(" said "));
    let long = case(&text, &long_quote);
    let short = case(&text, &short_quote);
    let gone = case(&text, &paras[7000]);

    // The edited article: paragraphs 6000 and 6001 (both quotes) edited,
    // paragraph 7000 removed, then a paragraph inserted near the top.
    paras[6000] = paras[6000].replacen("council", "city council", 1).replacen(
        " said ",
        " told reporters ",
        1,
    );
    paras[6001] = paras[6001].replacen("budget", "budgets", 1);
    paras.remove(7000);
    paras.insert(
        5,
        "A paragraph inserted near the top of the article.".into(),
    );
    let edited = paras.join("\n\n");
    let edited_hash = fnv1a(edited.as_bytes());
    let original_hash = fnv1a(text.as_bytes());

    let mut g = cr.benchmark_group("reanchor_2MB");
    g.bench_function("unchanged", |b| {
        b.iter(|| assert!(run(black_box(&text), original_hash, &long)))
    });
    g.bench_function("shifted_exact", |b| {
        let shifted = format!("Inserted.\n\n{text}");
        let h = fnv1a(shifted.as_bytes());
        b.iter(|| assert!(run(black_box(&shifted), h, &short)))
    });
    g.bench_function("edited_short_quote", |b| {
        b.iter(|| assert!(run(black_box(&edited), edited_hash, &short)))
    });
    g.bench_function("edited_long_quote", |b| {
        b.iter(|| assert!(run(black_box(&edited), edited_hash, &long)))
    });
    g.bench_function("gone", |b| {
        b.iter(|| run(black_box(&edited), edited_hash, &gone))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
