//! Parallel work handed on in order: the pipeline's articles, the CLI's JSON.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

use rayon::prelude::*;

/// The results so far, shared by the workers and the taker.
struct Done<R> {
    /// By item, until taken.
    ready: Vec<Option<R>>,
    /// Items before this one are all ready.
    ahead: usize,
    /// The workers are through (all items done, or a panic: then the scope
    /// passes it on once the taker stops waiting).
    finished: bool,
}

/// Marks the work finished when dropped, however the workers ended.
struct Finish<'a, R>(&'a Mutex<Done<R>>, &'a Condvar);

impl<R> Drop for Finish<'_, R> {
    fn drop(&mut self) {
        lock(self.0).finished = true;
        self.1.notify_one();
    }
}

/// A lock that a panicked worker left usable (its item is simply missing).
fn lock<R>(m: &Mutex<Done<R>>) -> MutexGuard<'_, Done<R>> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `work` over `items` on rayon's threads and hands the results to `take`
/// in the items' order, in batches of `batch` (the last one maybe fewer), each
/// as soon as it is ready. Workers take the items one at a time from a shared
/// queue, so they finish in about their order, and no batch waits for the
/// slowest item of another, as separate parallel loops would. The taker is
/// woken once per batch, not per item: on two cores each wake-up preempts a
/// worker. False from `take` stops the work; the function then returns false.
/// `take` runs on the calling thread, which must not be one of rayon's: it
/// would wait for work it could not do.
pub(crate) fn in_order<T: Send, R: Send>(
    items: Vec<T>,
    batch: usize,
    work: impl Fn(T) -> R + Sync,
    mut take: impl FnMut(Vec<R>) -> bool,
) -> bool {
    let total = items.len();
    let batch = batch.max(1);
    let stop = AtomicBool::new(false);
    let done = Mutex::new(Done {
        ready: std::iter::repeat_with(|| None).take(total).collect(),
        ahead: 0,
        finished: false,
    });
    let woken = Condvar::new();
    std::thread::scope(|s| {
        s.spawn(|| {
            let _finish = Finish(&done, &woken);
            items
                .into_iter()
                .enumerate()
                .par_bridge()
                .for_each(|(i, item)| {
                    // Once the taker has gone, the rest are dropped unread.
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let r = work(item);
                    let mut d = lock(&done);
                    d.ready[i] = Some(r);
                    let before = d.ahead;
                    while d.ahead < total && d.ready[d.ahead].is_some() {
                        d.ahead += 1;
                    }
                    // A batch boundary crossed, or the end reached.
                    if d.ahead / batch > before / batch || (d.ahead == total && before < total) {
                        woken.notify_one();
                    }
                });
        });
        let mut next = 0;
        while next < total {
            let run: Vec<R> = {
                let mut d = lock(&done);
                while d.ahead - next < batch && d.ahead < total && !d.finished {
                    d = woken.wait(d).unwrap_or_else(|e| e.into_inner());
                }
                if d.ahead == next {
                    // Finished with items missing: a worker panicked.
                    return false;
                }
                let end = d.ahead.min(next + batch);
                let run = d.ready[next..end]
                    .iter_mut()
                    .filter_map(Option::take)
                    .collect();
                next = end;
                run
            };
            if !take(run) {
                stop.store(true, Ordering::Relaxed);
                return false;
            }
        }
        true
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_in_whole_batches_however_long_each_takes() {
        // Early items take longest, so later ones finish first.
        let work = |i: usize| {
            std::thread::sleep(std::time::Duration::from_micros((50 - i as u64 % 50) * 20));
            i * 2
        };
        let mut runs: Vec<Vec<usize>> = Vec::new();
        let all = in_order((0..103).collect(), 10, work, |run| {
            runs.push(run);
            true
        });
        assert!(all);
        assert!(runs[..10].iter().all(|r| r.len() == 10) && runs[10].len() == 3);
        let flat: Vec<usize> = runs.concat();
        assert_eq!(flat, (0..103).map(|i| i * 2).collect::<Vec<_>>());
        let mut taken = 0;
        let stopped = in_order((0..103).collect(), 10, work, |_| {
            taken += 1;
            false
        });
        assert!(!stopped);
        assert_eq!(taken, 1);
    }

    #[test]
    fn a_panicking_item_panics_the_caller_instead_of_hanging() {
        let run = std::panic::AssertUnwindSafe(|| {
            let work = |i: usize| if i == 5 { panic!("item 5") } else { i };
            in_order((0..10).collect(), 2, work, |_| true)
        });
        assert!(std::panic::catch_unwind(run).is_err());
    }
}
