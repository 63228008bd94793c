//! `parallax compare A B`: aligned passages and shared quotes of two articles,
//! each given as a file or as the id of a bundled seed.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Failure, Outcome, print_json, print_text};
use crate::compare::{self, Comparison, Match, SharedQuote, Side, Span};
use crate::corpus::{Article, Corpus, Mode};

/// Width of the plain output, and how much of a passage it shows.
const WIDTH: usize = 78;
const EXCERPT: usize = 280;

#[derive(Serialize)]
struct Output<'a> {
    a: &'a str,
    b: &'a str,
    pairs: Vec<Pair>,
    shared_quotes: &'a [SharedQuote],
}

#[derive(Serialize)]
struct Pair {
    a: Span,
    b: Span,
    score: f64,
}

pub fn run(a: &str, b: &str, json: bool) -> Outcome {
    let (a, b) = load(a, b)?;
    let cmp = compare::compare(&a, &b);
    if json {
        let pairs = cmp
            .alignment
            .pairs()
            .into_iter()
            .map(|(i, j, score)| Pair {
                a: Comparison::span(&a, i),
                b: Comparison::span(&b, j),
                score: (f64::from(score) * 1000.0).round() / 1000.0,
            })
            .collect();
        return print_json(&Output {
            a: &a.id,
            b: &b.id,
            pairs,
            shared_quotes: &cmp.shared_quotes,
        });
    }
    print_text(&plain(&a, &b, &cmp))
}

/// The two articles: each key is a file if such a path exists, else a seed id.
fn load(a: &str, b: &str) -> Result<(Article, Article), Failure> {
    let keys = [a, b];
    let mut files: Vec<PathBuf> = Vec::new();
    for k in keys {
        let path = Path::new(k);
        if path.is_dir() {
            return Err(Failure(format!(
                "{k} is a folder: compare takes two articles (files or ids)"
            )));
        }
        if path.exists() && !files.iter().any(|f| f == path) {
            files.push(path.to_path_buf());
        }
    }
    let from_files = (!files.is_empty()).then(|| Corpus::open(&files, Mode::Clean));
    let seeds = keys
        .iter()
        .any(|k| !Path::new(k).exists())
        .then(|| Corpus::open(&[], Mode::Clean));
    let mut found = Vec::with_capacity(2);
    for k in keys {
        let article = if Path::new(k).exists() {
            let corpus = from_files.as_ref().expect("opened for existing paths");
            match corpus.find(k) {
                Some(id) => corpus.articles[id].clone(),
                None => {
                    let why = corpus
                        .problems
                        .iter()
                        .find(|p| p.path == Path::new(k))
                        .map_or_else(|| "not an article".to_string(), |p| p.message.clone());
                    return Err(Failure(format!("{k}: {why}")));
                }
            }
        } else {
            let corpus = seeds.as_ref().expect("opened for ids");
            match corpus.find(k) {
                Some(id) => corpus.articles[id].clone(),
                None => {
                    return Err(Failure(format!(
                        "unknown article {k:?}: neither a file nor a bundled article id"
                    )));
                }
            }
        };
        found.push(article);
    }
    if let Some(corpus) = &from_files {
        for p in corpus.problems.iter().filter(|p| !p.skipped) {
            eprintln!("parallax: {p}");
        }
    }
    let b = found.pop().expect("two articles");
    let a = found.pop().expect("two articles");
    Ok((a, b))
}

/// Human-readable comparison: both articles, every aligned pair with its score
/// and both passages (shortened and wrapped), then the shared quotes.
fn plain(a: &Article, b: &Article, cmp: &Comparison) -> String {
    let mut out = String::new();
    let pairs: Vec<(usize, Match)> = (0..a.paragraphs.len())
        .flat_map(|i| {
            cmp.alignment
                .matches(Side::A, i)
                .iter()
                .map(move |m| (i, *m))
        })
        .collect();
    out.push_str(&format!("A  {}  {}\n", a.id, a.display_title()));
    out.push_str(&format!("B  {}  {}\n", b.id, b.display_title()));
    out.push_str(&format!(
        "{} aligned passage pair{}, {} shared quote{}\n",
        pairs.len(),
        plural(pairs.len()),
        cmp.shared_quotes.len(),
        plural(cmp.shared_quotes.len())
    ));
    for (i, m) in pairs {
        let j = m.passage;
        out.push_str(&format!(
            "\n{:.2}  A ¶{}  ~  B ¶{}\n",
            m.score,
            i + 1,
            j + 1
        ));
        let focus = m.sentences.unzip();
        for (side, article, k, at) in [("A", a, i, focus.0), ("B", b, j, focus.1)] {
            let excerpt = excerpt(article, k, at);
            let lines = textwrap::wrap(&excerpt, WIDTH - 6);
            for (n, line) in lines.iter().enumerate() {
                let label = if n == 0 { side } else { " " };
                out.push_str(&format!("  {label} │ {line}\n"));
            }
        }
    }
    if !cmp.shared_quotes.is_empty() {
        out.push_str("\nShared quotes\n");
        for q in &cmp.shared_quotes {
            let text = shorten(
                &q.text.split_whitespace().collect::<Vec<_>>().join(" "),
                200,
            );
            out.push_str(&format!(
                "  “{text}”  A ¶{}  B ¶{}\n",
                a.paragraph_at(q.a.start) + 1,
                b.paragraph_at(q.b.start) + 1
            ));
        }
    }
    out
}

/// A long passage shortened, starting at the matching sentence when known.
fn excerpt(article: &Article, passage: usize, focus: Option<Span>) -> String {
    let p = &article.paragraphs[passage];
    let text = &article.text[p.start..p.end];
    match focus {
        Some(f) if text.len() > EXCERPT && f.start > p.start && f.start < p.end => {
            format!("…{}", shorten(&article.text[f.start..p.end], EXCERPT))
        }
        _ => shorten(text, EXCERPT),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// At most about `max` bytes of `text`, cut at a word boundary, with "…".
fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let cut = crate::corpus::text::floor_boundary(text, max);
    let cut = text[..cut].rfind(char::is_whitespace).unwrap_or(cut);
    format!("{}…", text[..cut].trim_end())
}
