//! The worker thread: loads and cleans the corpus off the UI thread and streams
//! what it has over a channel as `Feed` messages. Later stages (entity analysis,
//! search, alignment) add variants here and arrive the same way.

use std::path::PathBuf;
use std::thread;

use super::app::Progress;
use super::app::bookmarks::BookmarkFeed;
use super::app::compare::CompareFeed;
use crate::analysis;
use crate::compare::RelatedIndex;
use crate::corpus::{Article, Problem};
use crate::entities::{EntityIndex, EntityKind};
use crate::store::cache::Cache;

/// What the worker sends to the UI.
#[derive(Debug)]
pub enum Feed {
    Progress(Progress),
    /// More articles, in source-list order, appended to those already sent.
    Articles(Vec<Article>),
    /// A file skipped or read with a fallback: one line.
    Problem(String),
    /// The corpus-wide entity index, once every article has been sent.
    Entities(Box<EntityIndex>),
    /// Everything has been sent.
    Done,
    /// From the bookmarks thread (bookmark_worker.rs).
    Bookmarks(BookmarkFeed),
    /// Compare mode's ranking and comparisons (app/compare.rs).
    Compare(CompareFeed),
    /// The corpus hits of a search, from the search thread (search_worker.rs).
    Search(super::app::search::Found),
}

/// Starts loading `paths` (none: the bundled seeds). `send` returns false once the
/// UI has gone, and the worker stops.
pub fn spawn(
    paths: Vec<PathBuf>,
    cache: Option<Cache>,
    send: impl Fn(Feed) -> bool + Send + 'static,
) -> thread::JoinHandle<()> {
    thread::Builder::new()
        .name("parallax-load".into())
        .spawn(move || run_cached(&paths, cache.as_ref(), &send))
        .expect("spawning the loader thread")
}

/// The loading pipeline, on the current thread: articles go out batch by batch as
/// they are cleaned and recognised, then the corpus-wide entity index.
pub fn run(paths: &[PathBuf], send: &dyn Fn(Feed) -> bool) {
    run_cached(paths, None, send);
}

/// The same, looking articles up in (and adding them to) `cache`.
pub fn run_cached(paths: &[PathBuf], cache: Option<&Cache>, send: &dyn Fn(Feed) -> bool) {
    struct Forward<'a>(&'a dyn Fn(Feed) -> bool);
    impl analysis::Sink for Forward<'_> {
        fn progress(&mut self, p: analysis::Progress) -> bool {
            (self.0)(Feed::Progress(Progress {
                stage: p.stage,
                done: p.done,
                total: p.total,
            }))
        }
        fn problem(&mut self, p: &Problem) -> bool {
            (self.0)(Feed::Problem(p.to_string()))
        }
        fn articles(&mut self, batch: &[Article]) -> bool {
            // The UI owns its copy; ours is kept for the resolution, then dropped.
            (self.0)(Feed::Articles(batch.to_vec()))
        }
    }
    let mut sink = Forward(send);
    let options = analysis::Options {
        timings: false,
        ..analysis::Options::default()
    };
    let done = analysis::open(paths, options, cache, &mut sink);
    let Some(index) = done.index else { return };
    // The compare picker ranks articles by the people they share as well as by
    // their words.
    let people = people_per_article(&index, done.corpus.articles.len());
    if !send(Feed::Entities(Box::new(index))) || !send(Feed::Done) {
        return;
    }
    let related = RelatedIndex::from_articles(&done.corpus.articles, Some(&people));
    drop(done.corpus);
    send(Feed::Compare(CompareFeed::Related(std::sync::Arc::new(
        related,
    ))));
}

/// Per article, the people it mentions (entity numbers).
fn people_per_article(index: &EntityIndex, articles: usize) -> Vec<Vec<u64>> {
    (0..articles)
        .map(|a| {
            let mut people: Vec<u64> = index
                .in_article(a)
                .iter()
                .filter(|m| m.kind == EntityKind::Person)
                .map(|m| m.entity as u64)
                .collect();
            people.sort_unstable();
            people.dedup();
            people
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn streams_the_seeds_then_done() {
        let (tx, rx) = mpsc::channel();
        spawn(Vec::new(), None, move |f| tx.send(f).is_ok())
            .join()
            .unwrap();
        let feeds: Vec<Feed> = rx.iter().collect();
        assert!(matches!(feeds.first(), Some(Feed::Progress(_))));
        let articles: usize = feeds
            .iter()
            .map(|f| match f {
                Feed::Articles(a) => a.len(),
                _ => 0,
            })
            .sum();
        assert_eq!(articles, crate::corpus::load::bundled().len());
        let index = feeds.iter().find_map(|f| match f {
            Feed::Entities(i) => Some(i),
            _ => None,
        });
        assert!(
            index
                .expect("the index is sent")
                .find("person:sergey-lavrov")
                .is_some()
        );
        // The entities come after the articles, before Done.
        let at = |want: fn(&Feed) -> bool| feeds.iter().position(want).unwrap();
        let entities = at(|f| matches!(f, Feed::Entities(_)));
        assert!(at(|f| matches!(f, Feed::Articles(_))) < entities);
        assert!(
            at(|f| matches!(f, Feed::Progress(p) if p.stage == analysis::RESOLVING)) < entities
        );
        let done = at(|f| matches!(f, Feed::Done));
        assert!(entities < done);
        // The ranking for the compare picker comes last, covering every article.
        assert_eq!(done, feeds.len() - 2);
        assert!(
            matches!(feeds.last(), Some(Feed::Compare(CompareFeed::Related(i))) if i.len() == articles)
        );
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
