//! The worker thread: loads and cleans the corpus off the UI thread and streams
//! what it has over a channel as `Feed` messages. Later stages (entity analysis,
//! search, alignment) add variants here and arrive the same way.

use std::path::PathBuf;
use std::thread;

use super::app::Progress;
use super::app::bookmarks::BookmarkFeed;
use super::app::compare::CompareFeed;
use crate::compare::RelatedIndex;
use crate::corpus::{Article, Corpus, Mode, load};

/// What the worker sends to the UI.
#[derive(Debug)]
pub enum Feed {
    Progress(Progress),
    /// More articles, in source-list order, appended to those already sent.
    Articles(Vec<Article>),
    /// A file skipped or read with a fallback: one line.
    Problem(String),
    /// Everything has been sent.
    Done,
    /// From the bookmarks thread (bookmark_worker.rs).
    Bookmarks(BookmarkFeed),
    /// Compare mode's ranking and comparisons (app/compare.rs).
    Compare(CompareFeed),
}

/// Starts loading `paths` (none: the bundled seeds). `send` returns false once the
/// UI has gone, and the worker stops.
pub fn spawn(
    paths: Vec<PathBuf>,
    send: impl Fn(Feed) -> bool + Send + 'static,
) -> thread::JoinHandle<()> {
    thread::Builder::new()
        .name("parallax-load".into())
        .spawn(move || run(&paths, &send))
        .expect("spawning the loader thread")
}

/// The loading pipeline, on the current thread.
pub fn run(paths: &[PathBuf], send: &dyn Fn(Feed) -> bool) {
    let progress = |stage, done, total| Feed::Progress(Progress { stage, done, total });
    // Listing first (cheap) gives the count to show while the files are read;
    // `load` reports any problem itself.
    let files = if paths.is_empty() {
        load::bundled_ids().count()
    } else {
        let listed = load::list(paths, &mut Vec::new());
        listed.iter().map(|(_, files)| files.len()).sum()
    };
    if !send(progress("reading files", 0, files)) {
        return;
    }
    let loaded = load::load(paths);
    for p in &loaded.problems {
        if !send(Feed::Problem(p.to_string())) {
            return;
        }
    }
    let n = loaded.documents.len();
    if !send(progress("cleaning articles", 0, n)) {
        return;
    }
    // Cleaning needs corpus-wide line statistics, so the corpus is cleaned as one.
    let corpus = Corpus::from_documents(loaded.documents, Mode::Clean);
    // The compare picker's ranking, built once the reader has the articles.
    let for_ranking = corpus.articles.clone();
    if !send(Feed::Articles(corpus.articles)) || !send(Feed::Done) {
        return;
    }
    let index = RelatedIndex::from_articles(&for_ranking, None);
    send(Feed::Compare(CompareFeed::Related(std::sync::Arc::new(
        index,
    ))));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn streams_the_seeds_then_done() {
        let (tx, rx) = mpsc::channel();
        spawn(Vec::new(), move |f| tx.send(f).is_ok())
            .join()
            .unwrap();
        let feeds: Vec<Feed> = rx.iter().collect();
        assert!(matches!(feeds.first(), Some(Feed::Progress(_))));
        // The ranking for the compare picker comes last, covering every article.
        let n = feeds.len();
        assert!(matches!(feeds[n - 2], Feed::Done));
        assert!(
            matches!(&feeds[n - 1], Feed::Compare(CompareFeed::Related(i)) if i.len() == load::bundled().len())
        );
        let articles: usize = feeds
            .iter()
            .map(|f| match f {
                Feed::Articles(a) => a.len(),
                _ => 0,
            })
            .sum();
        assert_eq!(articles, load::bundled().len());
    }

    #[test]
    fn reports_problems_and_stops_when_the_ui_is_gone() {
        let (tx, rx) = mpsc::channel();
        run(&[PathBuf::from("/no/such/dir")], &move |f| {
            tx.send(f).is_ok()
        });
        let feeds: Vec<Feed> = rx.iter().collect();
        assert!(
            feeds
                .iter()
                .any(|f| matches!(f, Feed::Problem(p) if p.contains("not found")))
        );
        // A closed channel: returns at once.
        run(&[], &|_| false);
    }
}
