//! `parallax clean`: cleaned articles, as text or JSON.

use serde::Serialize;

use super::{Outcome, print_json, print_text};
use crate::corpus::{Article, Corpus};

#[derive(Serialize)]
struct Output<'a> {
    articles: &'a [Article],
}

pub fn run(corpus: &Corpus, json: bool) -> Outcome {
    if json {
        return print_json(&Output {
            articles: &corpus.articles,
        });
    }
    let mut out = String::new();
    for (i, a) in corpus.articles.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(a.display_title());
        out.push_str("\n\n");
        out.push_str(&a.text);
        out.push('\n');
    }
    print_text(&out)
}
