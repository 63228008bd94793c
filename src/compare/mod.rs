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
pub const THRESHOLD: f32 = 0.25;

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
    let split = align::split(a, b);
    let (quotes_a, quotes_b) = align::both(split, || quotes::find(a), || quotes::find(b));
    let (alignment, shared_quotes) = align::align(
        a,
        b,
        (&quotes_a, &quotes_b),
        || quotes::shared(a, &quotes_a, b, &quotes_b),
        options.entities,
        options.threshold,
        split,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document, Mode, Source, clean};

    fn seeds() -> Corpus {
        Corpus::open(&[], Mode::Clean)
    }

    fn seed<'a>(c: &'a Corpus, prefix: &str) -> &'a Article {
        c.articles
            .iter()
            .find(|a| a.id.starts_with(prefix))
            .expect("seed")
    }

    /// The passage holding `needle` (by content: the cleaner may move indices).
    fn passage(a: &Article, needle: &str) -> usize {
        (0..a.paragraphs.len())
            .find(|&i| a.paragraph_text(i).contains(needle))
            .unwrap_or_else(|| panic!("no passage with {needle:?} in {}", a.id))
    }

    fn article(id: &str, text: &str) -> Article {
        let doc = Document {
            id: id.into(),
            path: id.into(),
            source: Source::Bundled,
            text: text.into(),
        };
        Article::from_cleaned(doc, clean::raw(text))
    }

    fn assert_pairs(cmp: &Comparison, i: usize, j: usize) {
        let al = &cmp.alignment;
        let m = al.matches(Side::A, i);
        assert!(
            m.iter().any(|m| m.passage == j && m.score >= THRESHOLD),
            "A{i} should match B{j}: {m:?}"
        );
        assert!(al.matches(Side::B, j).iter().any(|m| m.passage == i));
        assert!(al.pairs().iter().any(|&(x, y, _)| (x, y) == (i, j)));
    }

    #[test]
    fn seeds_pair_the_same_report() {
        let c = seeds();
        let (a, b) = (seed(&c, "001_"), seed(&c, "002_"));
        let cmp = compare(a, b);
        // Paraphrase with a shared quote: the best match of A's passage.
        let i = passage(a, "expects to speak to Foreign Minister Sergei Lavrov");
        let j = passage(b, "In the coming days, I expect to speak with Russian FM");
        assert_pairs(&cmp, i, j);
        let best = cmp.alignment.best(Side::A, i).unwrap();
        assert_eq!(best.passage, j);
        // The matching sentences of both passages, for long ones.
        let (x, y) = best.sentences.expect("a sentence pair");
        assert!(a.text[x.start..x.end].contains("expects to speak"));
        assert!(!a.text[x.start..x.end].contains("Ned Price"));
        assert!(b.text[y.start..y.end].contains("I expect to speak"));
        let back = cmp
            .alignment
            .matches(Side::B, j)
            .iter()
            .find(|m| m.passage == i);
        assert_eq!(back.unwrap().sentences, Some((y, x)));
        // A quote with a word added and a tail: the best match both ways.
        let i = passage(
            a,
            "made clear to the Russian Federation that we are seeking",
        );
        let j = passage(
            b,
            "made it clear to the Russian Federation that we are seeking",
        );
        assert_pairs(&cmp, i, j);
        assert_eq!(cmp.alignment.best(Side::A, i).map(|m| m.passage), Some(j));
        assert_eq!(cmp.alignment.best(Side::B, j).map(|m| m.passage), Some(i));
        assert!(cmp.alignment.best(Side::A, i).unwrap().score > 0.5);
    }

    #[test]
    fn paraphrase_without_quotes_pairs() {
        let c = seeds();
        let (a, b) = (seed(&c, "000_"), seed(&c, "001_"));
        let cmp = compare(a, b);
        let i = passage(
            a,
            "swap for Whelan and Griner with convicted Russian arms dealer",
        );
        let j = passage(
            b,
            "exchange Whelan and Griner for the convicted Russian arms trafficker",
        );
        assert_pairs(&cmp, i, j);
        assert_eq!(cmp.alignment.best(Side::A, i).map(|m| m.passage), Some(j));
    }

    #[test]
    fn unrelated_passages_pair_with_nothing() {
        let c = seeds();
        let (a, b) = (seed(&c, "001_"), seed(&c, "002_"));
        let weather = article(
            "w",
            "Heavy rain flooded the coastal towns overnight, and the harbour stayed \
             closed while fishermen waited for the storm to pass.\n\n\
             Blinken spoke to Lavrov about the release of Paul Whelan and Brittney Griner.",
        );
        let cmp = compare(&weather, b);
        assert!(cmp.alignment.matches(Side::A, 0).is_empty());
        assert!(!cmp.alignment.matches(Side::A, 1).is_empty());
        // Background that only A gives (an earlier prisoner exchange).
        let cmp = compare(a, b);
        let k = passage(a, "Reed was freed last April in exchange");
        assert!(
            cmp.alignment.matches(Side::A, k).is_empty(),
            "{:?}",
            cmp.alignment.matches(Side::A, k)
        );
        assert_eq!(compare(&weather, &article("x", "")).alignment.pairs(), []);
    }

    #[test]
    fn synonyms_count_as_close() {
        let a = article(
            "a",
            "The minister made a substantial proposal to free the prisoners.",
        );
        let b = article(
            "b",
            "A substantial offer was made by the minister to release the prisoners.",
        );
        let c = article(
            "c",
            "The minister gave a long speech about the harvest and prices.",
        );
        let ab = compare(&a, &b).alignment.best(Side::A, 0).map(|m| m.score);
        assert!(ab.is_some_and(|s| s > 0.5), "{ab:?}");
        assert!(compare(&a, &c).alignment.best(Side::A, 0).is_none());
    }

    #[test]
    fn shared_quotes_exact_and_near() {
        let c = seeds();
        let (a0, a1, a2) = (seed(&c, "000_"), seed(&c, "001_"), seed(&c, "002_"));
        let q = compare(a0, a1).shared_quotes;
        let sp = q
            .iter()
            .find(|q| q.text == "substantial proposal")
            .expect("“substantial proposal” in 000 and 001");
        assert_eq!(&a0.text[sp.a.start..sp.a.end], "substantial proposal");
        assert_eq!(&a1.text[sp.b.start..sp.b.end], "substantial proposal");

        let q = compare(a1, a2).shared_quotes;
        // Near: a word added in B, and B's quote goes on.
        let near = q
            .iter()
            .find(|q| q.text.starts_with("made clear to the Russian Federation"))
            .expect("near quote");
        assert_eq!(
            &a2.text[near.b.start..near.b.end],
            "made it clear to the Russian Federation that we are seeking a conversation"
        );
        // A short quote inside a longer one.
        assert!(q.iter().any(|q| q.text == "in the coming days"
            && a2.text[q.b.start..q.b.end].eq_ignore_ascii_case("in the coming days")));
    }

    #[test]
    fn near_quote_with_misspelt_word() {
        let a = article(
            "a",
            "He said it was “a frank and direct conversation with Sergei”.",
        );
        let b = article(
            "b",
            "She called it \"a frank and direct conversaton with Sergey\" today.",
        );
        let q = compare(&a, &b).shared_quotes;
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "a frank and direct conversation with Sergei");
        let c = article(
            "c",
            "They called it “a frank exchange of views on the weather”.",
        );
        assert!(compare(&a, &c).shared_quotes.is_empty());
    }

    #[test]
    fn entities_add_evidence() {
        let a = article("a", "The envoy arrived in the capital for talks on grain.");
        let b = article(
            "b",
            "Talks on grain began when the diplomat landed in the city.",
        );
        let plain = compare(&a, &b)
            .alignment
            .best(Side::A, 0)
            .map_or(0.0, |m| m.score);
        let ents = [vec![7u64, 9]];
        let opts = Options {
            entities: Some(Entities { a: &ents, b: &ents }),
            ..Options::default()
        };
        let with = compare_with(&a, &b, &opts)
            .alignment
            .best(Side::A, 0)
            .map_or(0.0, |m| m.score);
        assert!(with > plain, "{with} vs {plain}");
    }

    #[test]
    fn long_and_short_paths_agree() {
        // Long articles split their steps over two threads (each side with its
        // own vocabulary, renumbered after); short ones run them in turn. The
        // ids, hence the scores, must come out the same either way.
        let c = seeds();
        let (a, b) = (seed(&c, "001_"), seed(&c, "002_"));
        let (qa, qb) = (quotes::find(a), quotes::find(b));
        let ents = |x: &Article| -> Vec<Vec<u64>> {
            (0..x.paragraphs.len())
                .map(|i| vec![i as u64 % 3])
                .collect()
        };
        let (ea, eb) = (ents(a), ents(b));
        let run = |split: bool| {
            align::align(
                a,
                b,
                (&qa, &qb),
                || quotes::shared(a, &qa, b, &qb),
                Some(Entities { a: &ea, b: &eb }),
                THRESHOLD,
                split,
            )
        };
        let (one, two) = (run(false), run(true));
        assert!(!one.0.pairs().is_empty() && !one.1.is_empty());
        assert_eq!(one, two);
    }

    #[test]
    fn related_ranks_the_same_story_first() {
        let c = seeds();
        let id = |p: &str| c.articles.iter().position(|a| a.id.starts_with(p)).unwrap();
        let r = related(&c, id("001_"));
        assert_eq!(r.len(), c.articles.len() - 1);
        assert!(r.windows(2).all(|w| w[0].1 >= w[1].1));
        assert!(!r.iter().any(|&(k, _)| k == id("001_")));
        // 000 and 002 report the same week's exchange; 003 and 004 other meetings.
        let rank = |k: usize| r.iter().position(|&(x, _)| x == k).unwrap();
        assert!(
            rank(id("000_")) < rank(id("003_")) && rank(id("002_")) < rank(id("004_")),
            "{r:?}"
        );
    }
}
