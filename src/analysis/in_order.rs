//! Parallel work handed on in order: the pipeline's articles, the CLI's JSON.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

/// Runs `work` over `items` on rayon's threads and hands the results to `take`
/// in the items' order, in batches of `batch` (the last one maybe fewer), each
/// as soon as it is ready. Workers take the items one at a time from a shared
/// queue, so they finish in about their order, and no batch waits for the slowest item
/// of another, as separate parallel loops would. False from `take` stops the
/// work; the function then returns false. `take` runs on the calling thread,
/// which must not be one of rayon's: it would wait for work it could not do.
pub(crate) fn in_order<T: Send, R: Send>(
    items: Vec<T>,
    batch: usize,
    work: impl Fn(T) -> R + Sync,
    mut take: impl FnMut(Vec<R>) -> bool,
) -> bool {
    let total = items.len();
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(|| {
            items
                .into_iter()
                .enumerate()
                .par_bridge()
                .for_each_with(tx, |tx, (i, item)| {
                    // Once the taker has gone, the rest are dropped unread.
                    if !stop.load(Ordering::Relaxed) {
                        let _ = tx.send((i, work(item)));
                    }
                });
        });
        // Results that arrived ahead of their turn, by index.
        let mut ready: Vec<Option<R>> = std::iter::repeat_with(|| None).take(total).collect();
        let mut next = 0;
        let mut ahead = 0;
        for (i, r) in &rx {
            ready[i] = Some(r);
            while ahead < total && ready[ahead].is_some() {
                ahead += 1;
            }
            while ahead - next >= batch || (ahead == total && next < total) {
                let end = ahead.min(next + batch);
                let run = ready[next..end]
                    .iter_mut()
                    .filter_map(Option::take)
                    .collect();
                next = end;
                if !take(run) {
                    stop.store(true, Ordering::Relaxed);
                    return false;
                }
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
}
