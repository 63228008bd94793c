//! The compare thread: ranks the other articles for the picker and computes the
//! comparisons compare mode asks for (a pair of long articles takes tens of
//! milliseconds, too long for the UI thread), sending each result back as a
//! `Feed`. A result the reader has moved on from is dropped when it arrives.

use std::sync::mpsc::{self, Sender};
use std::thread;

use super::app::compare::{Job, carry_out, compared};
use super::worker::Feed;
use crate::corpus::Article;

/// A job with what it needs from the loaded articles, copied on the UI thread.
enum Request {
    Rank(Job),
    Compare(Job, Box<(Article, Article)>),
}

pub struct CompareWorker {
    tx: Sender<Request>,
}

impl CompareWorker {
    pub fn spawn(send: impl Fn(Feed) -> bool + Send + 'static) -> CompareWorker {
        let (tx, rx) = mpsc::channel::<Request>();
        thread::Builder::new()
            .name("parallax-compare".into())
            .spawn(move || {
                for request in rx {
                    let done = match request {
                        Request::Rank(job) => carry_out(&job, &[]),
                        Request::Compare(Job::Compare { a, b }, pair) => {
                            Some(compared(a, b, &pair.0, &pair.1))
                        }
                        Request::Compare(..) => None,
                    };
                    if let Some(done) = done
                        && !send(Feed::Compare(done))
                    {
                        return;
                    }
                }
            })
            .expect("spawning the compare thread");
        CompareWorker { tx }
    }

    /// Queues a job, with copies of the articles it compares.
    pub fn submit(&self, job: Job, articles: &[Article]) {
        let request = match job {
            Job::Rank(..) => Request::Rank(job),
            Job::Compare { a, b } => match (articles.get(a), articles.get(b)) {
                (Some(x), Some(y)) => Request::Compare(job, Box::new((x.clone(), y.clone()))),
                _ => return,
            },
        };
        // The thread only ends with the program.
        let _ = self.tx.send(request);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::RelatedIndex;
    use crate::tui::app::compare::CompareFeed;
    use crate::tui::testing::article;
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn ranks_and_compares_off_the_ui_thread() {
        let (tx, rx) = mpsc::channel();
        let w = CompareWorker::spawn(move |f| tx.send(f).is_ok());
        let a = article(
            &["Talks on grain exports resumed in Istanbul on Monday."],
            &[],
        );
        let b = article(
            &["On Monday, talks on grain exports resumed in Istanbul."],
            &[],
        );
        let c = article(&["The harbour stayed closed during the storm."], &[]);
        let articles = [a, b, c];
        // Out of range: nothing is sent.
        w.submit(Job::Compare { a: 0, b: 9 }, &articles);
        w.submit(Job::Compare { a: 0, b: 1 }, &articles);
        let index = Arc::new(RelatedIndex::from_articles(&articles, None));
        w.submit(Job::Rank(0, index), &articles);
        let got = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        let Feed::Compare(CompareFeed::Compared { a, b, comparison }) = got else {
            panic!("{got:?}")
        };
        assert_eq!((a, b), (0, 1));
        assert_eq!(comparison.alignment.pairs().len(), 1);
        let got = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        let Feed::Compare(CompareFeed::Ranked { article, rows }) = got else {
            panic!("{got:?}")
        };
        assert_eq!(article, 0);
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2]);
        drop(w);
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
    }
}
