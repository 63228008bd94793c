//! Passage alignment: which passages of two articles report the same thing.
//!
//! Each passage becomes a TF-IDF vector (document frequencies over the passages
//! of both articles) of content-word stems, names, numbers, word pairs, shared
//! quotes and, when given, entity ids; two passages match by the cosine of their
//! vectors, when it clears a threshold and they share at least two words.

use foldhash::HashMap;

use rayon::prelude::*;

use super::terms::{Kind, Tok, Vocab, near_pairs};
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
const SHARED_QUOTE: f32 = 3.0;
const ENTITY: f32 = 2.0;
/// Fewer shared words than this is chance, whatever the cosine (passages; and
/// sentences, for the sentence score).
const MIN_SHARED: u32 = 3;
const SENTENCE_MIN_SHARED: u32 = 2;
/// A pair's score: this share of the passages' cosine, the rest from the best
/// pair of sentences (if better): one sentence reporting the same thing inside
/// longer, different paragraphs still shows.
const PASSAGE_SHARE: f32 = 0.5;
/// Sentence scores leave out features found in more than this share of the
/// other article's sentences, once it has more than `COMMON_FLOOR` of them.
const COMMON_SENTENCES: f32 = 0.05;
const COMMON_FLOOR: usize = 40;
/// Below this much text (both articles together) each side's steps run one
/// after the other: on two busy cores, waiting for the other side at every step
/// costs more than splitting saves.
const SPLIT_BYTES: usize = 256_000;

/// Runs `a` and `b` at once when `split`, else one after the other.
pub(super) fn both<A: Send, B: Send>(
    split: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if split { rayon::join(a, b) } else { (a(), b()) }
}

/// Whether two articles are long enough for `both` to split their steps.
pub(super) fn split(a: &Article, b: &Article) -> bool {
    a.text.len() + b.text.len() >= SPLIT_BYTES
}

/// A passage of the other article and how strongly it matches (0..1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub passage: usize,
    pub score: f32,
    /// The best-matching pair of sentences, when one was found: (this side's,
    /// the other side's), each from its first to its last content word. Where to
    /// look in a long passage.
    pub sentences: Option<(Span, Span)>,
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

/// A candidate pair, seen from a passage of A.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    /// The passage of B.
    passage: u32,
    cosine: f32,
    /// Best sentence cosine, and that pair of sentences (global indices).
    sentence: f32,
    pair: (u32, u32),
}

/// Ranges of the sentences of each passage (first to last content word), in the
/// order `bags` numbers them.
fn sentence_spans(toks: &[Vec<Tok>]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for passage in toks {
        let mut prev: Option<&Tok> = None;
        for t in passage {
            match (prev, out.last_mut()) {
                (Some(p), Some(last)) if p.sentence == t.sentence => last.end = t.end,
                _ => out.push(Span {
                    start: t.start,
                    end: t.end,
                }),
            }
            prev = Some(t);
        }
    }
    out
}

/// Raw features of one passage: (feature id, weight of this occurrence).
type Bag = Vec<(u32, f32)>;

/// A bag merged by feature: (id, largest weight, occurrences), sorted by id.
type Runs = Vec<(u32, f32, u32)>;

/// Passages (and their sentences) as tokens and merged feature bags, both
/// articles.
struct Bags {
    vocab: Vocab,
    toks: [Vec<Vec<Tok>>; 2],
    passages: [Vec<Runs>; 2],
    sentences: [Vec<Vec<Runs>>; 2],
    /// Features handed out before the word pairs: the terms.
    terms: usize,
}

fn passage_bags(a: &Article, b: &Article, quotes: (&[Span], &[Span]), split: bool) -> Bags {
    let (mut vocab, mut toks_a, mut toks_b);
    if split {
        // Each article with its own vocabulary, at once; B's ids then renumbered
        // as if it had been tokenised after A with A's.
        let vocab_b;
        ((vocab, toks_a), (vocab_b, toks_b)) =
            rayon::join(|| tokens(Vocab::new(), a), || tokens(Vocab::new(), b));
        let ids = vocab.absorb(&vocab_b);
        for t in toks_b.iter_mut().flatten() {
            t.id = ids[t.id as usize];
        }
    } else {
        (vocab, toks_a) = tokens(Vocab::new(), a);
        (vocab, toks_b) = tokens(vocab, b);
    }
    let mut named = vec![false; vocab.len()];
    for t in toks_a.iter().chain(&toks_b).flatten() {
        if t.kind == Kind::Name {
            named[t.id as usize] = true;
        }
    }
    merge_spellings(&vocab, &named, &mut toks_a, &mut toks_b);
    // Word pairs are numbered after the terms, in order of first use in A then
    // B: each side numbers its own at once, and B's are renumbered after.
    let base = vocab.len() as u32;
    let ((sent_a, pairs_a), (sent_b, pairs_b)) = both(
        split,
        || side_bags(&toks_a, quotes.0, &named, base),
        || side_bags(&toks_b, quotes.1, &named, base),
    );
    let mut next = base + pairs_a.order.len() as u32;
    let renumber: Vec<u32> = pairs_b
        .order
        .iter()
        .map(|key| {
            pairs_a.ids.get(key).copied().unwrap_or_else(|| {
                next += 1;
                next - 1
            })
        })
        .collect();
    while vocab.len() < next as usize {
        vocab.fresh();
    }
    let ((runs_a, sruns_a), (runs_b, sruns_b)) = both(
        split,
        || merge_side(sent_a, base, &[]),
        || merge_side(sent_b, base, &renumber),
    );
    Bags {
        vocab,
        toks: [toks_a, toks_b],
        passages: [runs_a, runs_b],
        sentences: [sruns_a, sruns_b],
        terms: named.len(),
    }
}

/// Word pairs numbered by one side: ids from `base`, in order of first use.
#[derive(Default)]
struct Pairs {
    ids: HashMap<(u32, u32), u32>,
    order: Vec<(u32, u32)>,
}

/// The raw bags of the sentences of one article's passages.
fn side_bags(
    toks: &[Vec<Tok>],
    quotes: &[Span],
    named: &[bool],
    base: u32,
) -> (Vec<Vec<Bag>>, Pairs) {
    let mut pairs = Pairs::default();
    let sents = toks
        .iter()
        .map(|t| bags(t, quotes, named, base, &mut pairs))
        .collect();
    (sents, pairs)
}

/// Merges one side's sentence bags, renumbering its word pairs (ids from
/// `base`) by `renumber` when it is not empty; a passage's runs are the union of
/// its sentences'.
fn merge_side(
    sentences: Vec<Vec<Bag>>,
    base: u32,
    renumber: &[u32],
) -> (Vec<Runs>, Vec<Vec<Runs>>) {
    let fix = |mut bag: Bag| {
        if !renumber.is_empty() {
            for (id, _) in &mut bag {
                if *id >= base {
                    *id = renumber[(*id - base) as usize];
                }
            }
        }
        merge(bag)
    };
    let sentences: Vec<Vec<Runs>> = sentences
        .into_iter()
        .map(|list| list.into_iter().map(fix).collect())
        .collect();
    (sentences.iter().map(|s| union(s)).collect(), sentences)
}

/// Runs of several runs together: the largest weight and the sum of the
/// occurrences of each feature (as `merge` gives for the bags put together).
fn union(lists: &[Runs]) -> Runs {
    // Merged two by two when they are few, sorted together when many.
    if lists.len() <= 4 {
        return union_pairwise(lists);
    }
    union_sorted(lists)
}

/// `union` of many runs, sorted together.
fn union_sorted(lists: &[Runs]) -> Runs {
    let mut all: Runs = lists.concat();
    all.sort_unstable_by_key(|&(id, _, _)| id);
    combine(all.len(), all)
}

/// `union` of a few runs, merging them in turn.
fn union_pairwise(lists: &[Runs]) -> Runs {
    let mut out: Runs = lists.first().cloned().unwrap_or_default();
    let mut next: Runs = Vec::new();
    for r in lists.iter().skip(1) {
        next.clear();
        next.reserve(out.len() + r.len());
        let (mut i, mut j) = (0, 0);
        while i < out.len() && j < r.len() {
            let (x, y) = (out[i], r[j]);
            match x.0.cmp(&y.0) {
                std::cmp::Ordering::Less => {
                    next.push(x);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    next.push(y);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    next.push((x.0, x.1.max(y.1), x.2 + y.2));
                    i += 1;
                    j += 1;
                }
            }
        }
        next.extend_from_slice(&out[i..]);
        next.extend_from_slice(&r[j..]);
        std::mem::swap(&mut out, &mut next);
    }
    out
}

/// Builds the passage vectors of both articles and matches them. The shared
/// quotes (`shared`, which they count as features) are found meanwhile on
/// another thread: on long articles both take a while. With `split` (see
/// `split`), each article's steps run at once too.
#[allow(clippy::too_many_arguments)]
pub(crate) fn align(
    a: &Article,
    b: &Article,
    quotes: (&[Span], &[Span]),
    shared: impl FnOnce() -> Vec<SharedQuote> + Send,
    entities: Option<Entities<'_>>,
    threshold: f32,
    split: bool,
) -> (Alignment, Vec<SharedQuote>) {
    let (shared, made) = rayon::join(shared, || passage_bags(a, b, quotes, split));
    let Bags {
        mut vocab,
        toks: [toks_a, toks_b],
        passages: [mut runs_a, mut runs_b],
        sentences: [mut sruns_a, mut sruns_b],
        terms,
    } = made;
    // Features that count as a shared word: terms (all ids handed out before the
    // word pairs), and entities when given. Shared quotes and entities get ids
    // after every other feature: they go at the end of the (sorted) runs.
    let mut counts = vec![true; terms];
    for q in &shared {
        if a.paragraphs.is_empty() || b.paragraphs.is_empty() {
            break;
        }
        let id = vocab.fresh();
        for (article, toks, runs, sents, at) in [
            (a, &toks_a, &mut runs_a, &mut sruns_a, q.a.start),
            (b, &toks_b, &mut runs_b, &mut sruns_b, q.b.start),
        ] {
            let p = article.paragraph_at(at);
            runs[p].push((id, SHARED_QUOTE, 1));
            if let Some(run) = sentence_at(&toks[p], at).and_then(|k| sents[p].get_mut(k)) {
                run.push((id, SHARED_QUOTE, 1));
            }
        }
    }
    if let Some(e) = entities {
        let mut ids = HashMap::default();
        for (runs, lists) in [(&mut runs_a, e.a), (&mut runs_b, e.b)] {
            for (run, list) in runs.iter_mut().zip(lists) {
                let bag: Bag = list
                    .iter()
                    .map(|entity| (*ids.entry(entity).or_insert_with(|| vocab.fresh()), ENTITY))
                    .collect();
                run.extend(merge(bag));
            }
        }
        counts.resize(vocab.len(), false);
        for &id in ids.values() {
            counts[id as usize] = true;
        }
    }
    counts.resize(vocab.len(), false);

    // Document frequencies over the passages of both articles.
    let mut df = vec![0u32; vocab.len()];
    for runs in runs_a.iter().chain(&runs_b) {
        for &(id, _, _) in runs {
            df[id as usize] += 1;
        }
    }
    let n = (runs_a.len() + runs_b.len()) as f32;
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| (1.0 + n / d.max(1) as f32).ln())
        .collect();
    let vectors =
        |runs: Vec<Runs>| -> Vec<Bag> { runs.into_iter().map(|r| weigh(r, &idf)).collect() };
    // Sentence vectors, and where each passage's start.
    let flatten = |sents: Vec<Vec<Runs>>| -> (Vec<Bag>, Vec<usize>) {
        let mut vectors = Vec::new();
        let mut first = Vec::with_capacity(sents.len() + 1);
        for list in sents {
            first.push(vectors.len());
            vectors.extend(list.into_iter().map(|r| weigh(r, &idf)));
        }
        first.push(vectors.len());
        (vectors, first)
    };
    // A's vectors meanwhile B's vectors and indexes.
    let counts = &counts;
    let ((va, (sa, first_a), spans_a), ((vb, passages_b), (sb, first_b, sentences_b), spans_b)) =
        both(
            split,
            || (vectors(runs_a), flatten(sruns_a), sentence_spans(&toks_a)),
            || {
                let (passages, (sentences, spans)) = both(
                    split,
                    || {
                        let vb = vectors(runs_b);
                        let index = Index::new(&vb, counts);
                        (vb, index)
                    },
                    || {
                        both(
                            split,
                            || {
                                let (sb, first_b) = flatten(sruns_b);
                                let index =
                                    Index::new(&sb, counts).without_common(COMMON_SENTENCES);
                                (sb, first_b, index)
                            },
                            || sentence_spans(&toks_b),
                        )
                    },
                );
                (passages, sentences, spans)
            },
        );
    debug_assert_eq!(spans_a.len(), sa.len());
    let owner_b: Vec<u32> = (0..vb.len())
        .flat_map(|p| std::iter::repeat_n(p as u32, first_b[p + 1] - first_b[p]))
        .collect();

    // Per passage of A, in parallel: (passage of B, passage cosine, best sentence
    // cosine) for the passages of B sharing enough words with it.
    let rows: Vec<Vec<Cell>> = (0..va.len())
        .into_par_iter()
        .map_init(
            || {
                (
                    Scratch::new(vb.len()),
                    Scratch::new(sb.len()),
                    vec![u32::MAX; vb.len()],
                )
            },
            |(sp, ss, slot), i| {
                let mut row = Vec::new();
                passages_b.query(&va[i], MIN_SHARED, sp, |j, x| {
                    row.push(Cell {
                        passage: j,
                        cosine: x,
                        ..Cell::default()
                    })
                });
                for (k, c) in row.iter().enumerate() {
                    slot[c.passage as usize] = k as u32;
                }
                // The best pair of sentences: passages that share one report
                // among others still show.
                for (s, v) in sa.iter().enumerate().take(first_a[i + 1]).skip(first_a[i]) {
                    sentences_b.query(v, SENTENCE_MIN_SHARED, ss, |t, x| {
                        let k = slot[owner_b[t as usize] as usize];
                        if k != u32::MAX {
                            let cell = &mut row[k as usize];
                            if x > cell.sentence {
                                cell.sentence = x;
                                cell.pair = (s as u32, t);
                            }
                        }
                    });
                }
                for c in &row {
                    slot[c.passage as usize] = u32::MAX;
                }
                row
            },
        )
        .collect();

    let mut out = Alignment {
        a: vec![Vec::new(); va.len()],
        b: vec![Vec::new(); vb.len()],
    };
    for (i, row) in rows.iter().enumerate() {
        for c in row {
            let best = c.sentence.max(c.cosine);
            let score = (PASSAGE_SHARE * c.cosine + (1.0 - PASSAGE_SHARE) * best).min(1.0);
            if score >= threshold {
                let j = c.passage as usize;
                let pair = (c.sentence > 0.0)
                    .then(|| (spans_a[c.pair.0 as usize], spans_b[c.pair.1 as usize]));
                out.a[i].push(Match {
                    passage: j,
                    score,
                    sentences: pair,
                });
                out.b[j].push(Match {
                    passage: i,
                    score,
                    sentences: pair.map(|(x, y)| (y, x)),
                });
            }
        }
    }
    for list in out.a.iter_mut().chain(out.b.iter_mut()) {
        list.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.passage.cmp(&y.passage)));
    }
    (out, shared)
}

/// The tokens of each passage, numbered by `vocab` (returned with the article's
/// terms added).
fn tokens(mut vocab: Vocab, article: &Article) -> (Vocab, Vec<Vec<Tok>>) {
    let toks = article
        .paragraphs
        .iter()
        .map(|p| {
            let mut out = Vec::new();
            vocab.tokens(&article.text, p.start, p.end, &mut out);
            out
        })
        .collect();
    (vocab, toks)
}

/// Index (among the passage's sentences, as `bags` numbers them) of the sentence
/// holding byte `at`.
fn sentence_at(toks: &[Tok], at: usize) -> Option<usize> {
    let k = toks
        .partition_point(|t| t.start < at)
        .min(toks.len().checked_sub(1)?);
    Some(
        toks[..=k]
            .windows(2)
            .filter(|w| w[0].sentence != w[1].sentence)
            .count(),
    )
}

/// Names spelt two ways across reports ("Sergei"/"Sergey") become one term: names
/// of six letters or more, one edit apart.
fn merge_spellings(vocab: &Vocab, named: &[bool], a: &mut [Vec<Tok>], b: &mut [Vec<Tok>]) {
    let terms = vocab.terms_by_id();
    let names = terms
        .iter()
        .enumerate()
        .filter(|&(id, _)| named[id])
        .map(|(id, t)| (id as u32, *t));
    let mut to: HashMap<u32, u32> = HashMap::default();
    for (x, y) in near_pairs(names, 6) {
        let x = to.get(&x).copied().unwrap_or(x);
        if x != y && !to.contains_key(&y) {
            to.insert(y, x);
        }
    }
    if to.is_empty() {
        return;
    }
    for t in a.iter_mut().chain(b.iter_mut()).flatten() {
        if let Some(&x) = to.get(&t.id) {
            t.id = x;
        }
    }
}

/// A passage's weighted features (its terms, and each pair of consecutive terms),
/// sentence by sentence.
fn bags(toks: &[Tok], quotes: &[Span], named: &[bool], base: u32, pairs: &mut Pairs) -> Vec<Bag> {
    let mut sentences: Vec<Bag> = Vec::new();
    let mut prev: Option<&Tok> = None;
    // Tokens come in order: the quotes starting at or before one only grow.
    let mut k = quotes.partition_point(|q| q.start <= toks.first().map_or(0, |t| t.start));
    for (n, t) in toks.iter().enumerate() {
        let mut w = match t.kind {
            Kind::Word => WORD,
            Kind::Name => NAME,
            Kind::InitialCap if named[t.id as usize] => NAME,
            Kind::InitialCap => WORD,
            Kind::Number => NUMBER,
        };
        while quotes.get(k).is_some_and(|q| q.start <= t.start) {
            k += 1;
        }
        if k > 0 && quotes[k - 1].end >= t.end {
            w *= QUOTED;
        }
        if prev.is_none_or(|p| p.sentence != t.sentence) {
            // Room for the sentence's terms and pairs.
            let len = toks[n..]
                .iter()
                .take_while(|u| u.sentence == t.sentence)
                .count();
            sentences.push(Vec::with_capacity(2 * len));
        }
        let sentence = sentences.last_mut().expect("pushed above");
        sentence.push((t.id, w));
        if let Some(p) = prev.filter(|p| p.id != t.id && p.sentence == t.sentence) {
            let next = base + pairs.order.len() as u32;
            let id = *pairs.ids.entry((p.id, t.id)).or_insert(next);
            if id == next {
                pairs.order.push((p.id, t.id));
            }
            sentence.push((id, PAIR));
        }
        prev = Some(t);
    }
    sentences
}

fn merge(mut bag: Bag) -> Runs {
    bag.sort_unstable_by_key(|&(id, _)| id);
    combine(bag.len(), bag.into_iter().map(|(id, w)| (id, w, 1)))
}

/// Runs sorted by id, equal ids combined: the largest weight, occurrences summed.
fn combine(len: usize, sorted: impl IntoIterator<Item = (u32, f32, u32)>) -> Runs {
    let mut out: Runs = Vec::with_capacity(len);
    for (id, w, n) in sorted {
        match out.last_mut() {
            Some(last) if last.0 == id => {
                last.1 = last.1.max(w);
                last.2 += n;
            }
            _ => out.push((id, w, n)),
        }
    }
    out
}

/// A unit vector of weight × (1 + ln tf) × idf, sorted by feature id.
fn weigh(runs: Runs, idf: &[f32]) -> Bag {
    let mut v: Bag = runs
        .into_iter()
        .map(|(id, w, tf)| (id, w * (1.0 + (tf as f32).ln()) * idf[id as usize]))
        .collect();
    let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, x)| *x /= norm);
    }
    v
}

/// An inverted index of sparse vectors: feature -> (vector, value), all the
/// postings in one array (feature f's at `start[f]..start[f + 1]`).
struct Index<'a> {
    start: Vec<u32>,
    entries: Vec<(u32, f32)>,
    /// Features with more postings than this are left out (see `without_common`).
    limit: usize,
    counts: &'a [bool],
    /// How many vectors are indexed.
    len: usize,
}

/// Per-thread accumulators for `Index::query`, sized to the indexed vectors.
struct Scratch {
    /// Per indexed vector: (dot product so far, shared counted features).
    acc: Vec<(f32, u32)>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            acc: vec![(0.0, 0); n],
            touched: Vec::with_capacity(n),
        }
    }
}

impl<'a> Index<'a> {
    /// Drops the features found in more than `share` of the indexed vectors (and
    /// in more than a few): they barely tell one sentence from another, and in
    /// long articles their postings make every query touch every sentence.
    fn without_common(mut self, share: f32) -> Index<'a> {
        self.limit = ((self.len as f32 * share) as usize).max(COMMON_FLOOR);
        self
    }

    /// `counts[f]`: whether feature f counts as a shared word.
    fn new(vectors: &[Bag], counts: &'a [bool]) -> Index<'a> {
        // Count the postings of each feature, then place them, vector by vector.
        let mut start = vec![0u32; counts.len() + 1];
        for v in vectors {
            for &(id, _) in v {
                start[id as usize + 1] += 1;
            }
        }
        for f in 0..counts.len() {
            start[f + 1] += start[f];
        }
        let mut next = start.clone();
        let mut entries = vec![(0, 0.0); start[counts.len()] as usize];
        for (j, v) in vectors.iter().enumerate() {
            for &(id, x) in v {
                let at = &mut next[id as usize];
                entries[*at as usize] = (j as u32, x);
                *at += 1;
            }
        }
        Index {
            start,
            entries,
            limit: usize::MAX,
            counts,
            len: vectors.len(),
        }
    }

    /// The postings of feature `f` (none when it is too common).
    fn postings(&self, f: u32) -> &[(u32, f32)] {
        let (s, e) = (
            self.start[f as usize] as usize,
            self.start[f as usize + 1] as usize,
        );
        if e - s > self.limit {
            &[]
        } else {
            &self.entries[s..e]
        }
    }

    /// Calls `found(j, cosine)` for every indexed vector sharing at least
    /// `min_shared` counted features with `v` (unit vectors: the dot product).
    fn query(&self, v: &Bag, min_shared: u32, s: &mut Scratch, mut found: impl FnMut(u32, f32)) {
        let acc = &mut s.acc[..self.len];
        for &(id, x) in v {
            let counted = u32::from(self.counts[id as usize]);
            for &(j, y) in self.postings(id) {
                let acc = &mut acc[j as usize];
                // Values are positive, so a touched sum is never 0 again.
                if acc.0 == 0.0 {
                    s.touched.push(j);
                }
                acc.0 += x * y;
                acc.1 += counted;
            }
        }
        for &j in &s.touched {
            let acc = &mut acc[j as usize];
            if acc.1 >= min_shared {
                found(j, acc.0);
            }
            *acc = (0.0, 0);
        }
        s.touched.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_of_uniting_runs_agree() {
        // Runs of a few ids each, overlapping, from a fixed sequence.
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            seed >> 16
        };
        for lists in 1..=6 {
            let runs: Vec<Runs> = (0..lists)
                .map(|_| {
                    let mut ids: Vec<u32> = (0..next() % 8).map(|_| next() % 12).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids.into_iter()
                        .map(|id| (id, (next() % 5) as f32, 1 + next() % 3))
                        .collect()
                })
                .collect();
            assert_eq!(union_pairwise(&runs), union_sorted(&runs), "{runs:?}");
        }
    }

    #[test]
    fn sentence_index_drops_only_features_common_in_a_long_article() {
        let counts = [true, true];
        // Feature 0 in every one of 100 sentences, feature 1 in two.
        let many: Vec<Bag> = (0..100)
            .map(|j| {
                if j < 2 {
                    vec![(0, 0.5), (1, 0.5)]
                } else {
                    vec![(0, 1.0)]
                }
            })
            .collect();
        let index = Index::new(&many, &counts).without_common(COMMON_SENTENCES);
        assert!(index.postings(0).is_empty());
        assert_eq!(index.postings(1).len(), 2);
        // A short article keeps everything, however common.
        let few: Vec<Bag> = (0..COMMON_FLOOR).map(|_| vec![(0, 1.0)]).collect();
        let index = Index::new(&few, &counts).without_common(COMMON_SENTENCES);
        assert_eq!(index.postings(0).len(), COMMON_FLOOR);
    }
}
