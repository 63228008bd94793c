//! The compare thread: computes the comparisons compare mode asks for (a pair of
//! 200 KB articles takes tens of milliseconds, too long for the UI thread) and
//! sends each back as a `Feed`. A comparison the reader has moved on from is
//! still computed, and dropped when it arrives.

use std::sync::mpsc::{self, Sender};
use std::thread;

use super::app::compare::{Job, carry_out};
use super::worker::Feed;
use crate::corpus::Article;

pub struct CompareWorker {
    tx: Sender<(Job, Article, Article)>,
}

impl CompareWorker {
    pub fn spawn(send: impl Fn(Feed) -> bool + Send + 'static) -> CompareWorker {
        let (tx, rx) = mpsc::channel::<(Job, Article, Article)>();
        thread::Builder::new()
            .name("parallax-compare".into())
            .spawn(move || {
                for (job, a, b) in rx {
                    if !send(Feed::Compare(carry_out(&job, &a, &b))) {
                        return;
                    }
                }
            })
            .expect("spawning the compare thread");
        CompareWorker { tx }
    }

    /// Queues a job, with copies of its two articles.
    pub fn submit(&self, job: Job, articles: &[Article]) {
        if let (Some(a), Some(b)) = (articles.get(job.a), articles.get(job.b)) {
            let (a, b) = (a.clone(), b.clone());
            // The thread only ends with the program.
            let _ = self.tx.send((job, a, b));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::compare::CompareFeed;
    use crate::tui::testing::article;

    #[test]
    fn computes_off_the_ui_thread_and_sends_the_result() {
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
        w.submit(Job { a: 0, b: 1 }, &[a, b]);
        // Out of range: nothing is sent.
        w.submit(Job { a: 0, b: 9 }, &[]);
        let got = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        let Feed::Compare(CompareFeed::Compared { a, b, comparison }) = got else {
            panic!("{got:?}")
        };
        assert_eq!((a, b), (0, 1));
        assert_eq!(comparison.alignment.pairs().len(), 1);
        drop(w);
        assert!(
            rx.recv_timeout(std::time::Duration::from_millis(200))
                .is_err()
        );
    }
}
