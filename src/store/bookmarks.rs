//! Bookmarks: a passage of an article kept with enough to find it again after
//! the article changes (see `anchor`), and placed against the articles as they
//! are now. Storage is in `bookmark_file`.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::anchor::{self, Selector, Status};
use super::time;
use crate::corpus::text::{fnv1a, normalize};
use crate::corpus::{Article, ArticleId, Corpus, Mode, Source};

/// One bookmark as stored in `bookmarks.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: String,
    /// The article id (path relative to the folder given, without extension).
    pub article: String,
    /// The article's file as an absolute path, or `bundled:ID`.
    pub source: String,
    /// The paths the corpus was opened with (absolute); empty for the bundled
    /// seeds. Cleaning depends on the whole folder, so re-anchoring reopens it.
    #[serde(default)]
    pub corpus: Vec<String>,
    /// The article's title when bookmarked (shown even if the article is gone).
    #[serde(default)]
    pub title: Option<String>,
    /// FNV-1a of the article's text when bookmarked.
    #[serde(with = "hex_u64")]
    pub hash: u64,
    /// Byte range into that text.
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    #[serde(default)]
    pub note: Option<String>,
    /// ISO 8601, UTC, with milliseconds.
    pub created: String,
}

impl Bookmark {
    /// A bookmark on `range` of `article` (one passage or a run of them), for a
    /// corpus opened with `corpus` (see `corpus_key`).
    pub fn new(
        article: &Article,
        corpus: &[String],
        range: Range<usize>,
        note: Option<String>,
    ) -> Result<Bookmark, String> {
        let text = &article.text;
        if range.start >= range.end
            || range.end > text.len()
            || !text.is_char_boundary(range.start)
            || !text.is_char_boundary(range.end)
        {
            return Err(format!(
                "bad range {}..{} for article {} ({} bytes)",
                range.start,
                range.end,
                article.id,
                text.len()
            ));
        }
        let (prefix, suffix) = anchor::context(text, &range);
        Ok(Bookmark {
            id: new_id(&article.id, range.start),
            article: article.id.clone(),
            source: source_key(article),
            corpus: corpus.to_vec(),
            title: article.title.clone(),
            hash: article.hash,
            start: range.start,
            end: range.end,
            quote: text[range].to_string(),
            prefix,
            suffix,
            note: note.filter(|n| !n.trim().is_empty()),
            created: time::now_iso8601(),
        })
    }

    /// A bookmark on paragraphs `first..=last` of `article` (the reader's `m`, or
    /// a `v` selection).
    pub fn for_paragraphs(
        article: &Article,
        corpus: &[String],
        first: usize,
        last: usize,
        note: Option<String>,
    ) -> Result<Bookmark, String> {
        match (article.paragraphs.get(first), article.paragraphs.get(last)) {
            (Some(a), Some(b)) if first <= last => {
                Bookmark::new(article, corpus, a.start..b.end, note)
            }
            _ => Err(format!(
                "no paragraphs {first}..={last} in article {} ({} paragraphs)",
                article.id,
                article.paragraphs.len()
            )),
        }
    }

    fn selector(&self) -> Selector<'_> {
        Selector {
            quote: &self.quote,
            prefix: &self.prefix,
            suffix: &self.suffix,
            start: self.start,
            end: self.end,
            hash: self.hash,
        }
    }

    /// Where this bookmark is in `article` now (None: orphaned).
    pub fn locate(&self, article: &Article) -> Option<(Range<usize>, Status)> {
        anchor::locate(&article.text, article.hash, &self.selector())
    }
}

/// Unique without coordination between processes: time, process id, a counter.
fn new_id(article: &str, start: usize) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let seed = format!(
        "{nanos}:{}:{}:{article}:{start}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    format!("{:012x}", fnv1a(seed.as_bytes()) >> 16)
}

/// Hashes are stored as 16 hex digits: JSON numbers above 2^53 are not safe.
mod hex_u64 {
    use super::*;

    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:016x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let s = String::deserialize(d)?;
        u64::from_str_radix(&s, 16).map_err(serde::de::Error::custom)
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .or_else(|_| std::path::absolute(p))
        .unwrap_or_else(|_| p.to_path_buf())
}

/// How a corpus opened with `paths` is recorded in its bookmarks.
pub fn corpus_key(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| absolute(p).display().to_string())
        .collect()
}

/// The article's file as an absolute path, or `bundled:ID`.
pub fn source_key(article: &Article) -> String {
    match &article.source {
        Source::File(p) => absolute(p).display().to_string(),
        Source::Bundled => format!("bundled:{}", article.id),
    }
}

/// The range of `quote` in `text`: exactly, else with any run of whitespace in
/// the quote matching any run in the text (a quote typed or pasted on the
/// command line rarely keeps the line breaks).
pub fn find_quote(text: &str, quote: &str) -> Option<Range<usize>> {
    if quote.trim().is_empty() {
        return None;
    }
    if let Some(i) = text.find(quote) {
        return Some(i..i + quote.len());
    }
    let quote = normalize(quote);
    let words: Vec<&str> = quote.split_whitespace().collect();
    let (first, rest) = words.split_first()?;
    'start: for (i, _) in text.match_indices(first) {
        let mut pos = i + first.len();
        for w in rest {
            let after = &text[pos..];
            let gap = after.len() - after.trim_start().len();
            if gap == 0 || !after[gap..].starts_with(w) {
                continue 'start;
            }
            pos += gap + w.len();
        }
        return Some(i..pos);
    }
    None
}

/// Bookmarks newest first (ties by id, so the order is the same everywhere).
pub fn newest_first(bookmarks: &[Bookmark]) -> Vec<&Bookmark> {
    let mut out: Vec<&Bookmark> = bookmarks.iter().collect();
    out.sort_by(|a, b| (&b.created, &b.id).cmp(&(&a.created, &a.id)));
    out
}

/// A bookmark placed in a loaded corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub article: ArticleId,
    /// The passage's current range (None when orphaned).
    pub range: Option<Range<usize>>,
    pub status: Status,
}

impl Placement {
    /// The paragraphs the passage covers now (for gutter marks).
    pub fn paragraphs(&self, article: &Article) -> Option<std::ops::RangeInclusive<usize>> {
        let r = self.range.as_ref()?;
        let first = article.paragraph_at(r.start);
        let last = article.paragraph_at(r.end.saturating_sub(1).max(r.start));
        Some(first..=last)
    }
}

/// Articles of a corpus by source (computed once: it canonicalises paths).
pub struct SourceIndex {
    by_source: HashMap<String, ArticleId>,
}

impl SourceIndex {
    pub fn new(corpus: &Corpus) -> SourceIndex {
        SourceIndex {
            by_source: corpus
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| (source_key(a), i))
                .collect(),
        }
    }

    /// The article a bookmark belongs to, if it is in this corpus.
    pub fn article(&self, bookmark: &Bookmark) -> Option<ArticleId> {
        self.by_source.get(&bookmark.source).copied()
    }

    /// Re-anchors a bookmark; None if its article is not in this corpus.
    pub fn place(&self, corpus: &Corpus, bookmark: &Bookmark) -> Option<Placement> {
        let article = self.article(bookmark)?;
        let found = bookmark.locate(&corpus.articles[article]);
        Some(Placement {
            article,
            status: found.as_ref().map_or(Status::Orphaned, |f| f.1),
            range: found.map(|f| f.0),
        })
    }
}

/// Re-anchors bookmarks against a loaded corpus (for gutter marks and jumping):
/// one entry per bookmark, None for those whose article is not in it.
pub fn reanchor(bookmarks: &[Bookmark], corpus: &Corpus) -> Vec<Option<Placement>> {
    let index = SourceIndex::new(corpus);
    bookmarks.iter().map(|b| index.place(corpus, b)).collect()
}

/// A bookmark checked against its article as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub range: Option<Range<usize>>,
    pub status: Status,
    /// The article's current title, else the one stored.
    pub title: Option<String>,
}

/// Re-anchors bookmarks from any corpus, reopening each corpus (its paths as
/// recorded; the bundled seeds for none) once. An article or folder that is gone
/// leaves its bookmarks orphaned, never dropped. Slow for big folders: the TUI
/// should call it off the UI thread.
pub fn resolve_everywhere(bookmarks: &[Bookmark]) -> Vec<Resolved> {
    let mut out: Vec<Resolved> = bookmarks
        .iter()
        .map(|b| Resolved {
            range: None,
            status: Status::Orphaned,
            title: b.title.clone(),
        })
        .collect();
    let mut groups: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (i, b) in bookmarks.iter().enumerate() {
        groups.entry(b.corpus.as_slice()).or_default().push(i);
    }
    for (key, members) in groups {
        let paths: Vec<PathBuf> = key.iter().map(PathBuf::from).collect();
        if !paths.is_empty() && !paths.iter().any(|p| p.exists()) {
            continue;
        }
        let corpus = Corpus::open(&paths, Mode::Clean);
        let index = SourceIndex::new(&corpus);
        for i in members {
            if let Some(p) = index.place(&corpus, &bookmarks[i]) {
                let article = &corpus.articles[p.article];
                out[i] = Resolved {
                    range: p.range,
                    status: p.status,
                    title: article.title.clone().or_else(|| out[i].title.take()),
                };
            }
        }
    }
    out
}

/// Every bookmark newest first, each re-anchored where its corpus is now (the
/// bookmarks list: the CLI's and the reader's `'`).
pub fn listing(bookmarks: &[Bookmark]) -> Vec<(Bookmark, Resolved)> {
    let ordered: Vec<Bookmark> = newest_first(bookmarks).into_iter().cloned().collect();
    let resolved = resolve_everywhere(&ordered);
    ordered.into_iter().zip(resolved).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        let docs = vec![crate::corpus::Document {
            id: "a".into(),
            path: "bundled:a".into(),
            source: Source::Bundled,
            text: text.into(),
        }];
        Corpus::from_documents(docs, Mode::Raw).articles.remove(0)
    }

    #[test]
    fn new_bookmark_keeps_quote_context_and_hash() {
        let a = article("First paragraph here.\n\nSecond paragraph, the one we keep.\n\nThird.");
        let r = find_quote(&a.text, "the one we keep").unwrap();
        let b = Bookmark::new(&a, &[], r.clone(), Some("why".into())).unwrap();
        assert_eq!(b.quote, "the one we keep");
        assert_eq!(b.prefix, "agraph here.\n\nSecond paragraph, ");
        assert!(a.text[..r.start].ends_with(&b.prefix));
        assert_eq!(b.suffix, ".\n\nThird.");
        assert_eq!(b.source, "bundled:a");
        assert_eq!(b.hash, a.hash);
        assert_eq!(b.id.len(), 12);
        assert_eq!(b.locate(&a), Some((r, Status::Anchored)));
    }

    #[test]
    fn bad_ranges_are_errors() {
        let a = article("héllo world");
        assert!(Bookmark::new(&a, &[], 2..4, None).is_err()); // inside 'é'
        assert!(Bookmark::new(&a, &[], 3..3, None).is_err());
        assert!(Bookmark::new(&a, &[], 0..99, None).is_err());
    }

    #[test]
    fn json_round_trip() {
        let a = article("Some text with a passage in it.");
        let b = Bookmark::new(&a, &["/x".into()], 5..9, None).unwrap();
        let json = serde_json::to_string(&b).unwrap();
        assert!(json.contains(&format!("\"hash\":\"{:016x}\"", a.hash)));
        let back: Bookmark = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
    }

    #[test]
    fn quotes_match_across_whitespace() {
        let text = "one two\n\nthree  four";
        assert_eq!(find_quote(text, "two three four"), Some(4..20));
        assert_eq!(find_quote(text, "two\u{a0}three"), Some(4..14));
        assert_eq!(find_quote(text, "two four"), None);
        assert_eq!(find_quote(text, ""), None);
        assert_eq!(find_quote(text, "  "), None);
    }

    #[test]
    fn ids_are_unique() {
        let ids: std::collections::HashSet<_> = (0..1000).map(|_| new_id("a", 0)).collect();
        assert_eq!(ids.len(), 1000);
    }

    #[test]
    fn newest_first_orders_by_time_then_id() {
        let a = article("Some text with a passage in it.");
        let mut b1 = Bookmark::new(&a, &[], 0..4, None).unwrap();
        let mut b2 = b1.clone();
        let mut b3 = b1.clone();
        b1.created = "2026-01-01T00:00:00.000Z".into();
        b2.created = "2026-01-02T00:00:00.000Z".into();
        b3.created = b1.created.clone();
        b1.id = "1".into();
        b2.id = "2".into();
        b3.id = "3".into();
        let all = [b1, b2, b3];
        let order: Vec<&str> = newest_first(&all).iter().map(|b| b.id.as_str()).collect();
        assert_eq!(order, ["2", "3", "1"]);
    }

    #[test]
    fn reanchor_places_only_this_corpus() {
        let corpus = Corpus::open(&[], Mode::Clean);
        let a = &corpus.articles[1];
        let r = a.paragraphs[1].start..a.paragraphs[2].end;
        let mine = Bookmark::for_paragraphs(a, &[], 1, 2, None).unwrap();
        assert_eq!(mine.start..mine.end, r);
        assert!(Bookmark::for_paragraphs(a, &[], 2, 1, None).is_err());
        assert!(Bookmark::for_paragraphs(a, &[], 0, 9999, None).is_err());
        let mut elsewhere = mine.clone();
        elsewhere.source = "/nowhere/x.txt".into();
        let placed = reanchor(&[mine, elsewhere], &corpus);
        assert_eq!(
            placed,
            vec![
                Some(Placement {
                    article: 1,
                    range: Some(r),
                    status: Status::Anchored
                }),
                None
            ]
        );
        let placed = placed[0].as_ref().unwrap();
        assert_eq!(placed.paragraphs(a), Some(1..=2));
    }
}
