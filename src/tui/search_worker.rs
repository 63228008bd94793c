//! The search thread: searches the whole corpus for the prompt (over 10,000
//! articles a single letter takes a quarter of a second, too long for the UI
//! thread) and sends the hits back as a `Feed`. It keeps its own copy of the
//! articles' texts, sent as they load, so that a search costs no copy; only the
//! newest job is done, and a search a newer one has made useless stops early.

use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::app::search::{Found, Job};
use super::worker::Feed;
use crate::corpus::Article;
use crate::search::{Hits, Query};

enum Request {
    /// The texts of the next articles, in source-list order.
    Texts(Vec<String>),
    Job(Job),
}

pub struct SearchWorker {
    tx: Sender<Request>,
    /// The newest job's generation: older searches stop.
    latest: Arc<AtomicU64>,
    /// How many articles' texts the thread has.
    sent: Cell<usize>,
}

impl SearchWorker {
    pub fn spawn(send: impl Fn(Feed) -> bool + Send + 'static) -> SearchWorker {
        let (tx, rx) = mpsc::channel::<Request>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        thread::Builder::new()
            .name("parallax-search".into())
            .spawn(move || serve(&rx, &newest, &send))
            .expect("spawning the search thread");
        SearchWorker {
            tx,
            latest,
            sent: Cell::new(0),
        }
    }

    /// Sends the texts of articles the thread does not have yet (the event loop
    /// calls this as articles arrive, so each is copied once, a batch at a time),
    /// and stops a search older than `generation` (the search's now: a search
    /// cleared or typed over is not finished for nothing).
    pub fn sync(&self, articles: &[Article], generation: u64) {
        self.latest.store(generation, Ordering::Relaxed);
        let sent = self.sent.get();
        if articles.len() <= sent {
            return;
        }
        let texts = articles[sent..].iter().map(|a| a.text.clone()).collect();
        self.sent.set(articles.len());
        let _ = self.tx.send(Request::Texts(texts));
    }

    /// Queues a search; a search still running for an older job stops.
    pub fn submit(&self, job: Job, articles: &[Article]) {
        self.sync(articles, job.generation);
        // The thread only ends with the program.
        let _ = self.tx.send(Request::Job(job));
    }
}

/// The last search done, kept so that typing on searches only the articles
/// that had hits, and new articles only themselves.
struct Last {
    query: Query,
    articles: usize,
    hits: Arc<Hits>,
}

fn serve(rx: &Receiver<Request>, latest: &AtomicU64, send: &dyn Fn(Feed) -> bool) {
    let mut texts: Vec<String> = Vec::new();
    let mut last: Option<Last> = None;
    while let Ok(first) = rx.recv() {
        // Everything waiting: all the texts, and only the newest job.
        let mut job = None;
        for request in std::iter::once(first).chain(rx.try_iter()) {
            match request {
                Request::Texts(more) => texts.extend(more),
                Request::Job(j) => job = Some(j),
            }
        }
        let Some(job) = job else { continue };
        let stale = || latest.load(Ordering::Relaxed) != job.generation;
        let Some(hits) = search(&job, &texts, last.as_ref(), &stale) else {
            continue;
        };
        let hits = Arc::new(hits);
        last = Some(Last {
            query: job.query.clone(),
            articles: job.articles.min(texts.len()),
            hits: Arc::clone(&hits),
        });
        let found = Found {
            generation: job.generation,
            hits,
        };
        if !send(Feed::Search(found)) {
            return;
        }
    }
}

/// The hits for `job`, from the last search's when they tell enough; None once
/// `stop` says so.
fn search(
    job: &Job,
    texts: &[String],
    last: Option<&Last>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Hits> {
    let n = job.articles.min(texts.len());
    match last {
        // The same query over more articles: only the new ones.
        Some(l) if l.query == job.query && l.articles <= n => {
            let mut hits = Hits::clone(&l.hits);
            hits.append(Hits::search_in(&job.query, texts, l.articles..n, stop)?);
            Some(hits)
        }
        // Typed on, same articles: only those that had hits.
        Some(l) if l.articles == n && job.query.as_str().starts_with(l.query.as_str()) => {
            l.hits.refine_until(&job.query, texts, stop)
        }
        _ => Hits::search_in(&job.query, texts, 0..n, stop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::search::carry_out;
    use crate::tui::testing::article;
    use std::time::Duration;

    fn job(generation: u64, query: &str, articles: usize) -> Job {
        Job {
            generation,
            query: Query::new(query).unwrap(),
            articles,
        }
    }

    #[test]
    fn searches_off_the_ui_thread_and_drops_what_a_newer_job_replaced() {
        let (tx, rx) = mpsc::channel();
        let w = SearchWorker::spawn(move |f| tx.send(f).is_ok());
        let articles = vec![
            article(&["The mayor spoke.", "Mayors met."], &[]),
            article(&["No one here."], &[]),
            article(&["A mayor again."], &[]),
        ];
        w.submit(job(1, "mayor", 3), &articles);
        let Feed::Search(found) = rx.recv_timeout(Duration::from_secs(10)).unwrap() else {
            panic!("not a search result")
        };
        assert_eq!(found.generation, 1);
        assert_eq!(*found.hits, *carry_out(&job(1, "mayor", 3), &articles).hits);
        assert_eq!(found.hits.len(), 3);
        // Typed on, then a newer job: only the newest is answered (the older
        // may be skipped or stopped, never sent after it).
        w.submit(job(2, "mayors", 3), &articles);
        w.submit(job(3, "mayo", 2), &articles);
        let mut got = Vec::new();
        while let Ok(Feed::Search(f)) = rx.recv_timeout(Duration::from_secs(2)) {
            let last = f.generation == 3;
            got.push(f);
            if last {
                break;
            }
        }
        let newest = got.last().unwrap();
        assert_eq!(newest.generation, 3);
        assert_eq!(newest.hits.len(), 2, "over the first two articles");
    }

    #[test]
    fn reuses_the_last_search_with_the_same_answer_as_a_fresh_one() {
        let texts: Vec<String> = ["x one x", "nothing", "x", "xo"].map(String::from).to_vec();
        let never = || false;
        let fresh = |j: &Job| carry_out(j, &texts).hits;
        let first = job(1, "x", 2);
        let last = Last {
            query: first.query.clone(),
            articles: 2,
            hits: fresh(&first),
        };
        for next in [job(2, "x", 4), job(3, "x o", 2), job(4, "X", 2)] {
            assert_eq!(
                search(&next, &texts, Some(&last), &never).as_ref(),
                Some(&*fresh(&next)),
                "{next:?}"
            );
        }
        assert!(search(&job(5, "x", 4), &texts, None, &|| true).is_none());
    }
}
