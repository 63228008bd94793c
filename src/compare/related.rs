//! Articles related to one, for the compare picker: TF-IDF cosine of the whole
//! texts (document frequencies over the corpus) blended with the overlap of the
//! names they mention (capitalised words, or entity ids when given).

use foldhash::HashMap;

use rayon::prelude::*;

use super::terms::{Kind, Tok, Vocab};
use crate::corpus::{Article, ArticleId, Corpus};

/// Share of the score that comes from text similarity; the rest from names.
const TEXT_SHARE: f32 = 0.6;
const NAME: f32 = 2.0;
const NUMBER: f32 = 1.5;

/// Per-article vectors of a corpus, built once and queried per article.
#[derive(Debug, Clone, Default)]
pub struct RelatedIndex {
    /// Unit TF-IDF vectors of the texts, sorted by term id.
    text: Vec<Vec<(u32, f32)>>,
    /// Unit idf-weighted vectors of the names (or entities), sorted by id.
    names: Vec<Vec<(u32, f32)>>,
}

/// Articles of `corpus` other than `a`, most related first, with a score in 0..1.
/// Builds a `RelatedIndex`: keep one instead to ask about several articles.
pub fn related(corpus: &Corpus, a: ArticleId) -> Vec<(ArticleId, f32)> {
    RelatedIndex::new(corpus, None).related(a)
}

/// Distinct terms of one article: (term, weight, occurrences, is a name).
type Terms = Vec<(String, f32, u32, bool)>;

impl RelatedIndex {
    /// `entities[k]`: ids of the entities article k mentions, used in place of
    /// capitalised words as its names.
    pub fn new(corpus: &Corpus, entities: Option<&[Vec<u64>]>) -> RelatedIndex {
        RelatedIndex::from_articles(&corpus.articles, entities)
    }

    /// `new` on articles not held in a `Corpus` (the reader's).
    pub fn from_articles(articles: &[Article], entities: Option<&[Vec<u64>]>) -> RelatedIndex {
        let per_article: Vec<Terms> = articles
            .par_iter()
            .map_init(
                || (Vocab::new(), Vec::new(), HashMap::default()),
                |(vocab, toks, seen): &mut (Vocab, Vec<Tok>, HashMap<u32, usize>), a| {
                    // Stems are cached across the articles a thread handles.
                    toks.clear();
                    seen.clear();
                    vocab.tokens(&a.text, 0, a.text.len(), toks);
                    let mut terms: Terms = Vec::new();
                    for t in toks.iter() {
                        let w = match t.kind {
                            Kind::Name | Kind::InitialCap => NAME,
                            Kind::Number => NUMBER,
                            Kind::Word => 1.0,
                        };
                        let k = *seen.entry(t.id).or_insert_with(|| {
                            terms.push((vocab.term(t.id).to_string(), 1.0, 0, false));
                            terms.len() - 1
                        });
                        let term = &mut terms[k];
                        term.2 += 1;
                        term.3 |= t.kind == Kind::Name;
                        // Capitalised at a sentence start counts as a name only
                        // if the word is capitalised mid-sentence too.
                        if w > term.1 && (t.kind != Kind::InitialCap || term.3) {
                            term.1 = w;
                        }
                    }
                    terms
                },
            )
            .collect();
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut bags = Vec::with_capacity(per_article.len());
        let mut name_sets = Vec::with_capacity(per_article.len());
        for terms in per_article {
            let mut bag = Vec::with_capacity(terms.len());
            let mut names = Vec::new();
            for (term, w, count, name) in terms {
                let next = ids.len() as u32;
                let id = *ids.entry(term).or_insert(next);
                bag.push((id, w, count));
                if name {
                    names.push(id);
                }
            }
            bags.push(bag);
            name_sets.push(names);
        }
        let mut features = ids.len();
        if let Some(entities) = entities {
            let mut eids: HashMap<u64, u32> = HashMap::default();
            name_sets = (0..bags.len())
                .map(|k| {
                    let list = entities.get(k).map_or(&[][..], Vec::as_slice);
                    list.iter()
                        .map(|e| {
                            let next = eids.len() as u32;
                            *eids.entry(*e).or_insert(next)
                        })
                        .collect()
                })
                .collect();
            features = features.max(eids.len());
        }
        let text = tf_idf(bags, features, true);
        let names = tf_idf(
            name_sets
                .into_iter()
                .map(|s| s.into_iter().map(|id| (id, 1.0, 1)).collect())
                .collect(),
            features,
            false,
        );
        RelatedIndex { text, names }
    }

    /// The other articles, most related first (ties in corpus order).
    pub fn related(&self, a: ArticleId) -> Vec<(ArticleId, f32)> {
        let Some(ta) = self.text.get(a) else {
            return Vec::new();
        };
        let mut out: Vec<(ArticleId, f32)> = (0..self.text.len())
            .filter(|&k| k != a)
            .map(|k| {
                let t = dot(ta, &self.text[k]);
                let n = dot(&self.names[a], &self.names[k]);
                (k, (TEXT_SHARE * t + (1.0 - TEXT_SHARE) * n).min(1.0))
            })
            .collect();
        out.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        out
    }

    /// Number of articles indexed.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Score of one pair (0..1).
    pub fn score(&self, a: ArticleId, b: ArticleId) -> f32 {
        match (self.text.get(a), self.text.get(b)) {
            (Some(ta), Some(tb)) => {
                TEXT_SHARE * dot(ta, tb) + (1.0 - TEXT_SHARE) * dot(&self.names[a], &self.names[b])
            }
            _ => 0.0,
        }
    }
}

/// Unit vectors of weight × tf' × idf (input: (id, weight, occurrences)), with tf' = 1 + ln tf when `counts` (else
/// 1: a set) and idf = ln(1 + N / df) over the articles.
fn tf_idf(bags: Vec<Vec<(u32, f32, u32)>>, features: usize, counts: bool) -> Vec<Vec<(u32, f32)>> {
    let n = bags.len() as f32;
    let mut df = vec![0u32; features];
    let runs: Vec<Vec<(u32, f32, u32)>> = bags
        .into_iter()
        .map(|mut bag| {
            bag.sort_unstable_by_key(|&(id, _, _)| id);
            let mut out: Vec<(u32, f32, u32)> = Vec::with_capacity(bag.len());
            for (id, w, tf) in bag {
                match out.last_mut() {
                    Some(last) if last.0 == id => {
                        last.1 = last.1.max(w);
                        last.2 += tf;
                    }
                    _ => {
                        df[id as usize] += 1;
                        out.push((id, w, tf));
                    }
                }
            }
            out
        })
        .collect();
    runs.into_iter()
        .map(|r| {
            let mut v: Vec<(u32, f32)> = r
                .into_iter()
                .map(|(id, w, tf)| {
                    let tf = if counts { 1.0 + (tf as f32).ln() } else { 1.0 };
                    (id, w * tf * (1.0 + n / df[id as usize] as f32).ln())
                })
                .collect();
            let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, x)| *x /= norm);
            }
            v
        })
        .collect()
}

/// Dot product of two sparse vectors sorted by id.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}
