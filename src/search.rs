//! Finding a word or phrase in articles: smart case (case-insensitive unless the
//! query has a capital), byte ranges into the cleaned text, corpus-wide hit order
//! (source-list order, then position) for `n`/`N` and `/QUERY k/N`.

use std::ops::Range;

use crate::corpus::{Article, ArticleId};

/// A compiled query.
#[derive(Debug, Clone)]
pub struct Query {
    text: String,
    /// Case-folded needle, or the query itself when case matters.
    needle: String,
    case_sensitive: bool,
    /// The query as a literal (case-insensitive unless it has a capital): the
    /// regex crate's literal and DFA searchers beat `match_indices` and folding
    /// the whole text first (20× slower caseless; benches/search.rs).
    literal: Option<regex::Regex>,
}

impl PartialEq for Query {
    fn eq(&self, other: &Query) -> bool {
        self.text == other.text
    }
}

impl Eq for Query {}

impl Query {
    /// None for an empty query.
    pub fn new(query: &str) -> Option<Query> {
        if query.is_empty() {
            return None;
        }
        let case_sensitive = query.chars().any(char::is_uppercase);
        Some(Query {
            text: query.to_string(),
            needle: if case_sensitive {
                query.to_string()
            } else {
                fold(query)
            },
            case_sensitive,
            literal: regex::RegexBuilder::new(&regex::escape(query))
                .case_insensitive(!case_sensitive)
                .build()
                .ok(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Every non-overlapping hit in `haystack`, in order.
    pub fn find_all(&self, haystack: &str) -> Vec<Range<usize>> {
        // Only 'İ' lowercases to more than one character, which simple case
        // folding (the regex's) does not match; elsewhere the regex agrees.
        if let Some(re) = &self.literal
            && (self.case_sensitive || !haystack.contains('İ'))
        {
            return re.find_iter(haystack).map(|m| m.range()).collect();
        }
        if self.case_sensitive {
            return haystack
                .match_indices(&self.needle)
                .map(|(i, m)| i..i + m.len())
                .collect();
        }
        // Folding can change byte lengths (e.g. 'İ'), so keep a map from folded
        // byte offsets back to the original ones.
        let mut folded = String::with_capacity(haystack.len());
        let mut origin = Vec::with_capacity(haystack.len() + 1);
        for (i, c) in haystack.char_indices() {
            for f in c.to_lowercase() {
                for _ in 0..f.len_utf8() {
                    origin.push(i);
                }
                folded.push(f);
            }
        }
        origin.push(haystack.len());
        folded
            .match_indices(&self.needle)
            .map(|(i, m)| {
                let start = origin[i];
                // The end is the start of the char after the last folded byte.
                let last = origin[i + m.len() - 1];
                let end = last + haystack[last..].chars().next().map_or(0, char::len_utf8);
                start..end
            })
            .collect()
    }
}

fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// One hit somewhere in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub article: ArticleId,
    pub range: Range<usize>,
}

/// All hits of a query over the corpus, in source-list order. Removed
/// boilerplate is not in an article's text, so it is never counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub hits: Vec<Hit>,
}

/// What a search reads in an article: its cleaned text. The reader's search
/// thread keeps copies of the texts alone, so it searches those too.
pub trait Searched: Sync {
    fn text(&self) -> &str;
}

impl Searched for Article {
    fn text(&self) -> &str {
        &self.text
    }
}

impl Searched for String {
    fn text(&self) -> &str {
        self
    }
}

/// Never stop: for searches nobody cancels.
fn never() -> bool {
    false
}

impl Hits {
    pub fn search<T: Searched>(query: &Query, articles: &[T]) -> Hits {
        Hits::search_in(query, articles, 0..articles.len(), &never).unwrap_or_default()
    }

    /// The hits in the articles numbered `ids`, or None as soon as `stop` says
    /// so (checked before each article: a newer query makes this one useless).
    pub fn search_in<T: Searched>(
        query: &Query,
        articles: &[T],
        ids: Range<ArticleId>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Hits> {
        let ids: Vec<ArticleId> = ids.collect();
        Hits::search_ids(query, articles, &ids, stop)
    }

    /// The hits of `query`, a longer version of the query that found `self`
    /// (typed on): only articles that had hits can have them, so only those
    /// are searched. After the first few keys that is a small part of the corpus.
    pub fn refine<T: Searched>(&self, query: &Query, articles: &[T]) -> Hits {
        self.refine_until(query, articles, &never)
            .unwrap_or_default()
    }

    /// `refine`, or None as soon as `stop` says so.
    pub fn refine_until<T: Searched>(
        &self,
        query: &Query,
        articles: &[T],
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Hits> {
        let mut had: Vec<ArticleId> = self.hits.iter().map(|h| h.article).collect();
        had.dedup();
        Hits::search_ids(query, articles, &had, stop)
    }

    fn search_ids<T: Searched>(
        query: &Query,
        articles: &[T],
        ids: &[ArticleId],
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Hits> {
        use rayon::prelude::*;
        let per: Option<Vec<Vec<Hit>>> = ids
            .par_iter()
            .filter_map(|&a| articles.get(a).map(|art| (a, art)))
            .map(|(a, art)| {
                if stop() {
                    return None;
                }
                Some(
                    query
                        .find_all(art.text())
                        .into_iter()
                        .map(|range| Hit { article: a, range })
                        .collect(),
                )
            })
            .collect();
        Some(Hits {
            hits: per?.into_iter().flatten().collect(),
        })
    }

    /// Adds the hits of later articles (articles arrived since `self` was found).
    pub fn append(&mut self, later: Hits) {
        self.hits.extend(later.hits);
    }

    /// Index of the hit at (article, start), if there is one.
    pub fn position(&self, article: ArticleId, start: usize) -> Option<usize> {
        let i = self
            .hits
            .partition_point(|h| (h.article, h.range.start) < (article, start));
        let h = self.hits.get(i)?;
        (h.article == article && h.range.start == start).then_some(i)
    }

    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// Index of the first hit at or after (article, pos), wrapping to the first.
    pub fn at_or_after(&self, article: ArticleId, pos: usize) -> Option<usize> {
        if self.hits.is_empty() {
            return None;
        }
        let i = self
            .hits
            .partition_point(|h| (h.article, h.range.start) < (article, pos));
        Some(if i == self.hits.len() { 0 } else { i })
    }

    /// Index of the last hit strictly before (article, pos), wrapping to the last.
    pub fn before(&self, article: ArticleId, pos: usize) -> Option<usize> {
        if self.hits.is_empty() {
            return None;
        }
        let i = self
            .hits
            .partition_point(|h| (h.article, h.range.start) < (article, pos));
        Some(if i == 0 { self.hits.len() - 1 } else { i - 1 })
    }

    /// Hits within one article.
    pub fn in_article(&self, article: ArticleId) -> &[Hit] {
        let lo = self.hits.partition_point(|h| h.article < article);
        let hi = self.hits.partition_point(|h| h.article <= article);
        &self.hits[lo..hi]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document, Mode, Source};

    fn q(s: &str) -> Query {
        Query::new(s).unwrap()
    }

    #[test]
    fn smart_case() {
        let text = "Lavrov met lavrov; LAVROV";
        assert_eq!(q("lavrov").find_all(text).len(), 3);
        assert_eq!(q("Lavrov").find_all(text), vec![0..6]);
        assert!(Query::new("").is_none());
    }

    #[test]
    fn unicode_folding_keeps_original_offsets() {
        let text = "Le maire de MONTRÉAL, İstanbul et 東京";
        let hits = q("montréal").find_all(text);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].clone()], "MONTRÉAL");
        let hits = q("stanbul").find_all(text);
        assert_eq!(&text[hits[0].clone()], "stanbul");
        let hits = q("i̇stanbul").find_all(text);
        assert_eq!(&text[hits[0].clone()], "İstanbul");
        let hits = q("東京").find_all(text);
        assert_eq!(&text[hits[0].clone()], "東京");
        // Without 'İ' in the text, the same through the regex.
        let text = "Le maire de MONTRÉAL — «Montréal» — à 東京; montréal.";
        let hits = q("montréal").find_all(text);
        let found: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["MONTRÉAL", "Montréal", "montréal"]);
        assert_eq!(q("Montréal").find_all(text).len(), 1);
        assert_eq!(q("à 東京;").find_all(text).len(), 1);
        assert_eq!(
            q("a+b").find_all("A+B é a+b ab"),
            vec![0..3, 7..10],
            "literal"
        );
    }

    #[test]
    fn corpus_order_and_wrapping() {
        let doc = |id: &str, text: &str| Document {
            id: id.into(),
            path: id.into(),
            source: Source::Bundled,
            text: text.into(),
        };
        let corpus = Corpus::from_documents(
            vec![doc("a", "x one x"), doc("b", "nothing"), doc("c", "x")],
            Mode::Raw,
        );
        let hits = Hits::search(&q("x"), &corpus.articles);
        assert_eq!(hits.len(), 3);
        assert_eq!(hits.in_article(0).len(), 2);
        assert!(hits.in_article(1).is_empty());
        assert_eq!(hits.at_or_after(0, 1), Some(1));
        assert_eq!(hits.at_or_after(1, 0), Some(2));
        assert_eq!(hits.at_or_after(2, 1), Some(0), "wraps to the first");
        assert_eq!(hits.before(0, 0), Some(2), "wraps to the last");
        assert_eq!(hits.before(2, 0), Some(1));
        assert_eq!(hits.position(0, 6), Some(1));
        assert_eq!(hits.position(0, 5), None, "not a hit's start");
        assert_eq!(hits.position(1, 0), None);
        // Searched in two parts, the same hits.
        let never = || false;
        let mut parts = Hits::search_in(&q("x"), &corpus.articles, 0..1, &never).unwrap();
        parts.append(Hits::search_in(&q("x"), &corpus.articles, 1..3, &never).unwrap());
        assert_eq!(parts, hits);
        assert!(Hits::search_in(&q("x"), &corpus.articles, 0..3, &|| true).is_none());
        // Typing on narrows to the articles that had hits, with the same result
        // as a fresh search.
        for longer in ["x o", "x", "X"] {
            assert_eq!(
                hits.refine(&q(longer), &corpus.articles),
                Hits::search(&q(longer), &corpus.articles)
            );
        }
    }
}
