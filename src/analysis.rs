//! The analysis pipeline shared by the CLI and the reader's worker thread:
//! list -> read and decode -> line statistics -> clean + recognise (per article,
//! in parallel, handed out in batches in source-list order) -> corpus-wide
//! resolution.
//!
//! Each batch of articles is handed out as soon as it is ready, so the reader can
//! show the first articles long before the last are analysed. Cleaning depends on
//! corpus-wide line repetition, so every file is read (and its lines counted)
//! before the first article is cleaned; that pass is cheap next to cleaning.
//!
//! With a `Cache`, each article's cleaning and recognition is looked up first
//! and stored after (see `cached` for what the key covers); resolution always
//! runs, since it depends on the whole corpus.
//!
//! `PARALLAX_TIMINGS=1` logs the time of each stage to stderr.

mod cached;
pub(crate) mod in_order;
mod memory;

use std::path::PathBuf;
use std::time::Instant;

use crate::corpus::clean::Cleaned;
use crate::corpus::{Article, Corpus, Document, LineStats, Mode, Problem, clean, load};
use crate::entities::gazetteer::Gazetteer;
use crate::entities::{self, Entity, EntityIndex, recognize};
use crate::store::cache::Cache;

/// Where the pipeline is: shown in the reader's status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
}

pub const READING: &str = "reading files";
pub const ANALYSING: &str = "cleaning and recognising";
pub const RESOLVING: &str = "resolving entities";

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub mode: Mode,
    /// Recognise and resolve entities (false for `clean`).
    pub entities: bool,
    /// Articles per batch handed out.
    pub batch: usize,
    /// Resolve entities across the corpus before returning (false: the
    /// recognised mentions are left in `Analysis::found` for `resolve`, so the
    /// caller can overlap resolution with other work).
    pub resolve: bool,
    /// Stage timings on stderr when PARALLAX_TIMINGS is set (off in the reader,
    /// whose screen stderr would scribble over; it logs its own on exit).
    pub timings: bool,
    /// Keep each article's removed lines (the reader and `clean` show them;
    /// `entities` never reads them, and they cost memory on a large corpus).
    /// The cache holds them either way.
    pub keep_removed: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mode: Mode::Clean,
            entities: true,
            batch: 256,
            resolve: true,
            timings: true,
            keep_removed: true,
        }
    }
}

/// Everything the pipeline produced.
#[derive(Debug, Default)]
pub struct Analysis {
    pub corpus: Corpus,
    /// None when `Options::entities` or `Options::resolve` is false.
    pub index: Option<EntityIndex>,
    /// The mentions recognised per article, when resolution was deferred.
    pub found: Option<Vec<Vec<recognize::Found>>>,
}

impl Analysis {
    /// The entities alone, resolved now if resolution was deferred.
    pub fn take_entities(&mut self) -> Vec<Entity> {
        entities_of(&self.corpus, self.index.take(), self.found.take())
    }
}

/// The corpus-wide resolution of mentions recognised per article.
pub fn resolve(corpus: &Corpus, found: Vec<Vec<recognize::Found>>) -> EntityIndex {
    EntityIndex::from_recognised(&texts(corpus), found)
}

/// The entities of an analysis' `index` or, when resolution was deferred, of its
/// `found` mentions, without building an index by article: for callers that
/// only list them (the CLI, which resolves beside writing the articles).
pub fn entities_of(
    corpus: &Corpus,
    index: Option<EntityIndex>,
    found: Option<Vec<Vec<recognize::Found>>>,
) -> Vec<Entity> {
    match (index, found) {
        (Some(index), _) => index.into_entities(),
        (None, Some(found)) => entities::resolve_entities(&texts(corpus), found),
        (None, None) => Vec::new(),
    }
}

fn texts(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.text.as_str()).collect()
}

/// What the caller hears while the pipeline runs. Returning false from either
/// callback stops the pipeline early (the reader has gone); the analysis returned
/// is then partial.
pub trait Sink {
    fn progress(&mut self, _p: Progress) -> bool {
        true
    }
    fn problem(&mut self, _p: &Problem) -> bool {
        true
    }
    /// A batch of analysed articles, in source-list order.
    fn articles(&mut self, _batch: &[Article]) -> bool {
        true
    }
}

/// A sink that hears nothing.
pub struct Quiet;
impl Sink for Quiet {}

/// Stage timings on stderr when PARALLAX_TIMINGS is set.
pub(crate) struct Timer {
    on: bool,
    start: Instant,
    last: Instant,
}

impl Timer {
    pub(crate) fn new(wanted: bool) -> Timer {
        let now = Instant::now();
        Timer {
            on: wanted && std::env::var_os("PARALLAX_TIMINGS").is_some(),
            start: now,
            last: now,
        }
    }

    pub(crate) fn lap(&mut self, what: &str) {
        let now = Instant::now();
        if self.on {
            eprintln!(
                "parallax timing: {what}: {:.1} ms (total {:.1} ms)",
                (now - self.last).as_secs_f64() * 1e3,
                (now - self.start).as_secs_f64() * 1e3
            );
        }
        self.last = now;
    }
}

/// Runs the whole pipeline over `paths` (none: the bundled seeds).
pub fn open(
    paths: &[PathBuf],
    options: Options,
    cache: Option<&Cache>,
    sink: &mut dyn Sink,
) -> Analysis {
    let mut timer = Timer::new(options.timings);
    let mut out = Analysis::default();
    if options.entities {
        // The gazetteer loads while the files are read, not on the first
        // article while the other cleaning threads wait for it.
        std::thread::spawn(Gazetteer::get);
    }
    let Some(docs) = read(paths, &mut out.corpus.problems, sink) else {
        return out;
    };
    timer.lap("list + read + decode");
    let stats = match options.mode {
        Mode::Clean => {
            let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
            LineStats::from_texts_parallel(&texts)
        }
        Mode::Raw => LineStats::default(),
    };
    timer.lap("line statistics");
    if let Some(cache) = cache {
        cache.read_index();
        timer.lap("cache index");
    }
    let total = docs.len();
    let mut found = Vec::with_capacity(total);
    out.corpus.articles.reserve(total);
    let finished = in_order::in_order(
        docs,
        options.batch,
        |doc| analyse(doc, &stats, options, cache),
        |done| {
            let first = out.corpus.articles.len();
            for (article, f) in done {
                out.corpus.articles.push(article);
                found.push(f);
            }
            let n = out.corpus.articles.len();
            sink.articles(&out.corpus.articles[first..])
                && sink.progress(Progress {
                    stage: ANALYSING,
                    done: n,
                    total,
                })
        },
    );
    if !finished {
        return out;
    }
    drop(stats);
    memory::release_free();
    timer.lap("clean + recognise");
    if let Some(cache) = cache {
        // The last pack completed, bad ones removed, the size kept in bounds
        // (a failure costs only entries to rebuild).
        let _ = cache.finish();
        timer.lap("cache finish");
    }
    if options.entities && !options.resolve {
        out.found = Some(found);
    } else if options.entities {
        if !sink.progress(Progress {
            stage: RESOLVING,
            done: 0,
            total: 1,
        }) {
            return out;
        }
        out.index = Some(resolve(&out.corpus, found));
        timer.lap("resolve");
    }
    out
}

/// One article: cleaned (or raw) and, if wanted, its mentions recognised; from
/// the cache when it holds a sound entry, stored there when not.
fn analyse(
    doc: Document,
    stats: &LineStats,
    options: Options,
    cache: Option<&Cache>,
) -> (Article, Vec<recognize::Found>) {
    let key = cache.map(|_| cached::key(&doc.text, options));
    if let (Some(cache), Some(key)) = (cache, key)
        && let Some((cleaned, found)) = cache
            .get::<cached::Entry>(key)
            .and_then(|entry| entry.into_parts(stats))
    {
        return (article(doc, cleaned, options), found);
    }
    let (cleaned, answers) = match options.mode {
        Mode::Clean => clean::clean_noting(&doc.text, stats),
        Mode::Raw => (clean::raw(&doc.text), Vec::new()),
    };
    let found = if options.entities {
        recognize::recognize(&cleaned.text)
    } else {
        Vec::new()
    };
    if let (Some(cache), Some(key)) = (cache, key) {
        // A failed write costs only the entry.
        let _ = cache.put(key, &cached::Entry::new(&cleaned, &found, &answers));
    }
    (article(doc, cleaned, options), found)
}

/// The article as kept for the whole run, cleaned or from the cache: no room
/// left to grow, and no removed lines unless wanted.
fn article(doc: Document, mut cleaned: Cleaned, options: Options) -> Article {
    cleaned.text.shrink_to_fit();
    cleaned.paragraphs.shrink_to_fit();
    if options.keep_removed {
        cleaned.removed.shrink_to_fit();
    } else {
        cleaned.removed = Vec::new();
    }
    Article::from_cleaned(doc, cleaned)
}

/// Lists and reads every file, in parallel, reporting progress as chunks finish.
/// None if the sink has gone.
fn read(
    paths: &[PathBuf],
    problems: &mut Vec<Problem>,
    sink: &mut dyn Sink,
) -> Option<Vec<Document>> {
    if paths.is_empty() {
        let total = load::bundled_ids().count();
        return sink
            .progress(Progress {
                stage: READING,
                done: 0,
                total,
            })
            .then(load::bundled);
    }
    let listed = load::list(paths, problems);
    let total: usize = listed.iter().map(|(_, files)| files.len()).sum();
    let report = |problems: &mut Vec<Problem>, from: usize, sink: &mut dyn Sink| {
        problems[from..].iter().all(|p| sink.problem(p))
    };
    if !report(problems, 0, sink)
        || !sink.progress(Progress {
            stage: READING,
            done: 0,
            total,
        })
    {
        return None;
    }
    let mut docs = Vec::with_capacity(total);
    let mut done = 0;
    for (root, files) in &listed {
        for chunk in files.chunks(1024) {
            let from = problems.len();
            load::read_files(root, chunk, &mut docs, problems);
            done += chunk.len();
            if !report(problems, from, sink)
                || !sink.progress(Progress {
                    stage: READING,
                    done,
                    total,
                })
            {
                return None;
            }
        }
    }
    load::dedupe_ids(&mut docs);
    Some(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Record {
        batches: Vec<usize>,
        stages: Vec<&'static str>,
    }

    impl Sink for Record {
        fn progress(&mut self, p: Progress) -> bool {
            if self.stages.last() != Some(&p.stage) {
                self.stages.push(p.stage);
            }
            true
        }
        fn articles(&mut self, batch: &[Article]) -> bool {
            self.batches.push(batch.len());
            true
        }
    }

    #[test]
    fn batches_in_order_and_same_result_as_the_corpus_at_once() {
        let mut rec = Record::default();
        let options = Options {
            batch: 2,
            ..Options::default()
        };
        let a = open(&[], options, None, &mut rec);
        assert_eq!(rec.batches, vec![2, 2, 1]);
        assert_eq!(rec.stages, vec![READING, ANALYSING, RESOLVING]);
        let whole = Corpus::open(&[], Mode::Clean);
        let ids: Vec<&str> = a.corpus.articles.iter().map(|x| x.id.as_str()).collect();
        let want: Vec<&str> = whole.articles.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, want);
        for (x, y) in a.corpus.articles.iter().zip(&whole.articles) {
            assert_eq!(x.text, y.text);
        }
        let index = a.index.expect("entities resolved");
        let direct = EntityIndex::build(&whole);
        let names = |entities: &[Entity]| -> Vec<(String, usize)> {
            entities
                .iter()
                .map(|e| (e.id.clone(), e.mentions.len()))
                .collect()
        };
        assert_eq!(names(index.entities()), names(direct.entities()));
        // Resolution deferred (the CLI overlaps it with writing): the same index.
        let deferred = Options {
            resolve: false,
            ..Options::default()
        };
        let mut later = open(&[], deferred, None, &mut Quiet);
        assert!(later.index.is_none() && later.found.is_some());
        assert_eq!(names(&later.take_entities()), names(direct.entities()));
    }

    #[test]
    fn a_second_run_from_the_cache_gives_the_same_analysis() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), crate::store::cache::DEFAULT_LIMIT);
        let first = open(&[], Options::default(), Some(&cache), &mut Quiet);
        // One entry (a line of a pack) per article.
        let entries: usize = std::fs::read_dir(dir.path().join("analysis"))
            .unwrap()
            .flatten()
            .map(|e| std::fs::read_to_string(e.path()).unwrap().lines().count())
            .sum();
        assert_eq!(entries, 5);
        // A new cache, as at a second start.
        let cache = Cache::new(dir.path(), crate::store::cache::DEFAULT_LIMIT);
        let second = open(&[], Options::default(), Some(&cache), &mut Quiet);
        for (x, y) in first.corpus.articles.iter().zip(&second.corpus.articles) {
            assert_eq!(
                (&x.text, &x.paragraphs, &x.removed),
                (&y.text, &y.paragraphs, &y.removed)
            );
        }
        let ids = |a: &Analysis| -> Vec<(String, Vec<crate::entities::Mention>)> {
            a.index
                .as_ref()
                .unwrap()
                .entities()
                .iter()
                .map(|e| (e.id.clone(), e.mentions.clone()))
                .collect()
        };
        assert_eq!(ids(&first), ids(&second));
    }

    #[test]
    fn removed_lines_dropped_when_unwanted_but_still_cached() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), crate::store::cache::DEFAULT_LIMIT);
        let lean = Options {
            keep_removed: false,
            ..Options::default()
        };
        let first = open(&[], lean, Some(&cache), &mut Quiet);
        assert!(first.corpus.articles.iter().all(|a| a.removed.is_empty()));
        let cache = Cache::new(dir.path(), crate::store::cache::DEFAULT_LIMIT);
        let second = open(&[], Options::default(), Some(&cache), &mut Quiet);
        let direct = open(&[], Options::default(), None, &mut Quiet);
        assert!(direct.corpus.articles.iter().any(|a| !a.removed.is_empty()));
        for (x, y) in second.corpus.articles.iter().zip(&direct.corpus.articles) {
            assert_eq!(x.removed, y.removed);
        }
    }

    #[test]
    fn stops_when_the_sink_goes() {
        struct Gone;
        impl Sink for Gone {
            fn articles(&mut self, _: &[Article]) -> bool {
                false
            }
        }
        let options = Options {
            batch: 1,
            ..Options::default()
        };
        let a = open(&[], options, None, &mut Gone);
        assert_eq!(a.corpus.articles.len(), 1);
        assert!(a.index.is_none());
    }

    #[test]
    fn files_read_with_problems_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Headline\n\nSome words here.\n").unwrap();
        std::fs::write(dir.path().join("b.txt"), "").unwrap();
        struct Problems(Vec<String>);
        impl Sink for Problems {
            fn problem(&mut self, p: &Problem) -> bool {
                self.0.push(p.to_string());
                true
            }
        }
        let mut sink = Problems(Vec::new());
        let a = open(
            &[dir.path().to_path_buf()],
            Options::default(),
            None,
            &mut sink,
        );
        assert_eq!(a.corpus.articles.len(), 1);
        assert_eq!(a.corpus.problems.len(), 1);
        assert_eq!(sink.0.len(), 1);
        assert!(sink.0[0].contains("empty file"), "{:?}", sink.0);
    }
}
