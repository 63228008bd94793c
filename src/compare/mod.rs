//! Comparing two articles: which passages report the same thing (`align`), which
//! quotes both carry (`quotes`), and which articles of a corpus are related to one
//! (`related`). Positions are byte ranges into each article's cleaned `text`;
//! passages are `Article::paragraphs`, by index.

mod align;
mod quotes;
mod related;
mod terms;

use serde::Serialize;

pub use align::{Alignment, Match, Side};
pub use quotes::SharedQuote;
pub use related::{RelatedIndex, related};

use crate::corpus::Article;

/// A byte range into an article's cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Below this cosine two passages are not taken to report the same thing.
pub const THRESHOLD: f32 = 0.2;

/// Extra features per passage, e.g. the ids of the entities each passage
/// mentions (`a[i]`: passage i of article A). Ids are compared across the two
/// articles, so they must come from one corpus-wide index.
#[derive(Debug, Clone, Copy)]
pub struct Entities<'a> {
    pub a: &'a [Vec<u64>],
    pub b: &'a [Vec<u64>],
}

#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Minimum score of a pair (see `THRESHOLD`).
    pub threshold: f32,
    pub entities: Option<Entities<'a>>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            threshold: THRESHOLD,
            entities: None,
        }
    }
}

/// Two articles compared: aligned passages and shared quotes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    pub alignment: Alignment,
    /// In A's order.
    pub shared_quotes: Vec<SharedQuote>,
    /// Every quotation of each article, in order (for highlighting quotes).
    pub quotes_a: Vec<Span>,
    pub quotes_b: Vec<Span>,
}

/// Compares two articles with the default options.
pub fn compare(a: &Article, b: &Article) -> Comparison {
    compare_with(a, b, &Options::default())
}

pub fn compare_with(a: &Article, b: &Article, options: &Options<'_>) -> Comparison {
    let quotes_a = quotes::find(a);
    let quotes_b = quotes::find(b);
    let shared_quotes = quotes::shared(a, &quotes_a, b, &quotes_b);
    let alignment = align::align(
        a,
        b,
        (&quotes_a, &quotes_b),
        &shared_quotes,
        options.entities,
        options.threshold,
    );
    Comparison {
        alignment,
        shared_quotes,
        quotes_a,
        quotes_b,
    }
}

impl Comparison {
    /// The passage range of a pair's passage, for output.
    pub fn span(article: &Article, passage: usize) -> Span {
        let p = &article.paragraphs[passage];
        Span {
            start: p.start,
            end: p.end,
        }
    }
}
