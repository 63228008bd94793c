//! Passage alignment: which passages of two articles report the same thing.
//!
//! Each passage becomes a TF-IDF vector (document frequencies over the passages
//! of both articles) of content-word stems, names, numbers, word pairs, shared
//! quotes and, when given, entity ids; two passages match by the cosine of their
//! vectors, when it clears a threshold and they share at least two words.

use std::collections::HashMap;

use super::terms::{Kind, Tok, Vocab};
use super::{Entities, SharedQuote, Span};
use crate::corpus::Article;

/// Weights of an occurrence by what it is: names and numbers tell one report
/// from another better than common words.
const WORD: f32 = 1.0;
const NAME: f32 = 2.0;
const NUMBER: f32 = 1.5;
/// Words inside quotation marks: the same quote is strong evidence.
const QUOTED: f32 = 1.5;
/// Two content words in a row ("coming days"): phrasing shared, not just words.
const PAIR: f32 = 0.5;
/// A quote both passages share, and an entity both mention.
const SHARED_QUOTE: f32 = 2.0;
const ENTITY: f32 = 2.0;
/// Fewer shared words than this is chance, whatever the cosine.
const MIN_SHARED: u32 = 2;

/// A passage of the other article and how strongly it matches (cosine, 0..1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub passage: usize,
    pub score: f32,
}

/// One of the two articles compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

/// For every passage (an index into `Article::paragraphs`) of either article, the
/// passages of the other that report the same thing, best first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    a: Vec<Vec<Match>>,
    b: Vec<Vec<Match>>,
}

impl Alignment {
    /// Matches in the other article for passage `passage` of `side`, best first
    /// (empty when none clears the threshold, or the index is out of range).
    pub fn matches(&self, side: Side, passage: usize) -> &[Match] {
        let lists = match side {
            Side::A => &self.a,
            Side::B => &self.b,
        };
        lists.get(passage).map_or(&[], Vec::as_slice)
    }

    /// The best match of a passage, if any: where synchronised scrolling goes.
    pub fn best(&self, side: Side, passage: usize) -> Option<Match> {
        self.matches(side, passage).first().copied()
    }

    /// Number of passages of `side`.
    pub fn passages(&self, side: Side) -> usize {
        match side {
            Side::A => self.a.len(),
            Side::B => self.b.len(),
        }
    }

    /// Every matching pair (passage of A, passage of B, score), in A's order and
    /// best first within a passage.
    pub fn pairs(&self) -> Vec<(usize, usize, f32)> {
        self.a
            .iter()
            .enumerate()
            .flat_map(|(i, ms)| ms.iter().map(move |m| (i, m.passage, m.score)))
            .collect()
    }

    /// The strongest score of any pair (0 when nothing matches).
    pub fn max_score(&self) -> f32 {
        self.a
            .iter()
            .filter_map(|ms| ms.first())
            .map(|m| m.score)
            .fold(0.0, f32::max)
    }
}

/// Raw features of one passage: (feature id, weight of this occurrence).
type Bag = Vec<(u32, f32)>;

/// Builds the passage vectors of both articles and matches them.
pub(crate) fn align(
    a: &Article,
    b: &Article,
    quotes: (&[Span], &[Span]),
    shared: &[SharedQuote],
    entities: Option<Entities<'_>>,
    threshold: f32,
) -> Alignment {
    let mut vocab = Vocab::new();
    let toks_a = tokens(&mut vocab, a);
    let toks_b = tokens(&mut vocab, b);
    let mut named = vec![false; vocab.len()];
    for t in toks_a.iter().chain(&toks_b).flatten() {
        if t.kind == Kind::Name {
            named[t.id as usize] = true;
        }
    }
    let mut pairs = HashMap::new();
    let mut bags_a: Vec<Bag> = toks_a
        .iter()
        .map(|t| bag(t, quotes.0, &named, &mut pairs, &mut vocab))
        .collect();
    let mut bags_b: Vec<Bag> = toks_b
        .iter()
        .map(|t| bag(t, quotes.1, &named, &mut pairs, &mut vocab))
        .collect();
    // Features that count as a shared word: terms, and entities when given.
    let mut counts = vec![true; named.len()];
    for q in shared {
        if a.paragraphs.is_empty() || b.paragraphs.is_empty() {
            break;
        }
        let id = vocab.fresh();
        bags_a[a.paragraph_at(q.a.start)].push((id, SHARED_QUOTE));
        bags_b[b.paragraph_at(q.b.start)].push((id, SHARED_QUOTE));
    }
    if let Some(e) = entities {
        let mut ids = HashMap::new();
        for (bags, lists) in [(&mut bags_a, e.a), (&mut bags_b, e.b)] {
            for (bag, list) in bags.iter_mut().zip(lists) {
                for &entity in list {
                    let id = *ids.entry(entity).or_insert_with(|| vocab.fresh());
                    bag.push((id, ENTITY));
                }
            }
        }
        counts.resize(vocab.len(), false);
        for &id in ids.values() {
            counts[id as usize] = true;
        }
    }
    counts.resize(vocab.len(), false);
    let (va, vb) = tf_idf(bags_a, bags_b, vocab.len());
    score(&va, &vb, &counts, threshold)
}

fn tokens(vocab: &mut Vocab, article: &Article) -> Vec<Vec<Tok>> {
    article
        .paragraphs
        .iter()
        .map(|p| {
            let mut out = Vec::new();
            vocab.tokens(&article.text, p.start, p.end, &mut out);
            out
        })
        .collect()
}

/// A passage's weighted features: its terms, and each pair of consecutive terms.
fn bag(
    toks: &[Tok],
    quotes: &[Span],
    named: &[bool],
    pairs: &mut HashMap<(u32, u32), u32>,
    vocab: &mut Vocab,
) -> Bag {
    let mut out = Vec::with_capacity(toks.len() * 2);
    let mut prev: Option<u32> = None;
    for t in toks {
        let mut w = match t.kind {
            Kind::Word => WORD,
            Kind::Name => NAME,
            Kind::InitialCap if named[t.id as usize] => NAME,
            Kind::InitialCap => WORD,
            Kind::Number => NUMBER,
        };
        let k = quotes.partition_point(|q| q.start <= t.start);
        if k > 0 && quotes[k - 1].end >= t.end {
            w *= QUOTED;
        }
        out.push((t.id, w));
        if let Some(p) = prev.filter(|&p| p != t.id) {
            let id = *pairs.entry((p, t.id)).or_insert_with(|| vocab.fresh());
            out.push((id, PAIR));
        }
        prev = Some(t.id);
    }
    out
}

/// Sparse unit vectors: weight × (1 + ln tf) × idf, sorted by feature id, with
/// idf = ln(1 + N / df) over the N passages of both articles.
fn tf_idf(a: Vec<Bag>, b: Vec<Bag>, features: usize) -> (Vec<Bag>, Vec<Bag>) {
    let mut df = vec![0u32; features];
    let merge = |mut bag: Bag, df: &mut [u32]| -> Vec<(u32, f32, u32)> {
        bag.sort_unstable_by_key(|&(id, _)| id);
        let mut out: Vec<(u32, f32, u32)> = Vec::with_capacity(bag.len());
        for (id, w) in bag {
            match out.last_mut() {
                Some(last) if last.0 == id => {
                    last.1 = last.1.max(w);
                    last.2 += 1;
                }
                _ => {
                    df[id as usize] += 1;
                    out.push((id, w, 1));
                }
            }
        }
        out
    };
    let a: Vec<_> = a.into_iter().map(|bag| merge(bag, &mut df)).collect();
    let b: Vec<_> = b.into_iter().map(|bag| merge(bag, &mut df)).collect();
    let n = (a.len() + b.len()) as f32;
    let weigh = |runs: Vec<(u32, f32, u32)>| -> Bag {
        let mut v: Bag = runs
            .into_iter()
            .map(|(id, w, tf)| {
                let idf = (1.0 + n / df[id as usize] as f32).ln();
                (id, w * (1.0 + (tf as f32).ln()) * idf)
            })
            .collect();
        let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        v
    };
    (
        a.into_iter().map(weigh).collect(),
        b.into_iter().map(weigh).collect(),
    )
}

/// Cosine of every pair of passages sharing a feature, through an inverted index
/// of B's passages; pairs below `threshold` or sharing too few words are dropped.
fn score(a: &[Bag], b: &[Bag], counts: &[bool], threshold: f32) -> Alignment {
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); counts.len()];
    for (j, v) in b.iter().enumerate() {
        for &(id, x) in v {
            postings[id as usize].push((j as u32, x));
        }
    }
    let mut dot = vec![0f32; b.len()];
    let mut shared = vec![0u32; b.len()];
    let mut touched = Vec::new();
    let mut seen = vec![usize::MAX; b.len()];
    let mut out = Alignment {
        a: vec![Vec::new(); a.len()],
        b: vec![Vec::new(); b.len()],
    };
    for (i, v) in a.iter().enumerate() {
        for &(id, x) in v {
            for &(j, y) in &postings[id as usize] {
                let j = j as usize;
                if seen[j] != i {
                    seen[j] = i;
                    touched.push(j);
                }
                dot[j] += x * y;
                shared[j] += u32::from(counts[id as usize]);
            }
        }
        for &j in &touched {
            if dot[j] >= threshold && shared[j] >= MIN_SHARED {
                let score = dot[j].min(1.0);
                out.a[i].push(Match { passage: j, score });
                out.b[j].push(Match { passage: i, score });
            }
            dot[j] = 0.0;
            shared[j] = 0;
        }
        touched.clear();
    }
    for list in out.a.iter_mut().chain(out.b.iter_mut()) {
        list.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.passage.cmp(&y.passage)));
    }
    out
}

#[cfg(test)]
mod debug {
    use super::*;
    use crate::corpus::{Corpus, Mode};

    #[test]
    #[ignore]
    fn dump() {
        let c = Corpus::open(&[], Mode::Clean);
        let (a, b) = (&c.articles[1], &c.articles[2]);
        let qa = crate::compare::quotes::find(a);
        let qb = crate::compare::quotes::find(b);
        let shared = crate::compare::quotes::shared(a, &qa, b, &qb);
        let mut vocab = Vocab::new();
        let toks_a = tokens(&mut vocab, a);
        let toks_b = tokens(&mut vocab, b);
        let mut named = vec![false; vocab.len()];
        for t in toks_a.iter().chain(&toks_b).flatten() {
            if t.kind == Kind::Name {
                named[t.id as usize] = true;
            }
        }
        let words = vocab
            .terms_by_id()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>();
        let mut pairs = HashMap::new();
        let bags_a: Vec<Bag> = toks_a
            .iter()
            .map(|t| bag(t, &qa, &named, &mut pairs, &mut vocab))
            .collect();
        let bags_b: Vec<Bag> = toks_b
            .iter()
            .map(|t| bag(t, &qb, &named, &mut pairs, &mut vocab))
            .collect();
        let _ = shared;
        let (va, vb) = tf_idf(bags_a, bags_b, vocab.len());
        let name = |id: u32| {
            words
                .get(id as usize)
                .cloned()
                .filter(|s| !s.is_empty())
                .unwrap_or(format!("<{id}>"))
        };
        for (i, j) in [(1usize, 1usize), (1, 3), (4, 1)] {
            println!("A{} B{}", i + 1, j + 1);
            for &(id, x) in &va[i] {
                if let Some(&(_, y)) = vb[j].iter().find(|&&(k, _)| k == id) {
                    println!("  {:>12} {:.3} {:.3} -> {:.3}", name(id), x, y, x * y);
                }
            }
        }
    }
}
