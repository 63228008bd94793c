//! The bookmarks thread: carries out `Job`s one at a time, in the order they were
//! made, so this instance's changes reach `bookmarks.json` in order, and sends
//! each result back as a `Feed`. Re-anchoring every corpus for the list (it
//! reopens folders) runs on a thread of its own, so it never holds up a save.
//! `finish` lets queued writes complete before the program exits.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

use super::app::bookmarks::{BookmarkFeed, Job, Stored};
use super::worker::Feed;
use crate::corpus::{Article, ArticleId, Corpus};
use crate::store::anchor::Status;
use crate::store::bookmark_file::BookmarkStore;
use crate::store::bookmarks::{
    Bookmark, Placement, Resolved, listing, newest_first, reanchor, source_key,
};

type SendFn = Arc<dyn Fn(Feed) -> bool + Send + Sync>;

/// A job with what it needs from the loaded articles, copied on the UI thread.
enum Request {
    Load(Vec<Article>),
    Place(Vec<(Bookmark, ArticleId, Article)>),
    Job(Job),
}

pub struct BookmarkWorker {
    tx: Sender<Request>,
    handle: JoinHandle<()>,
}

impl BookmarkWorker {
    pub fn spawn(
        store: BookmarkStore,
        send: impl Fn(Feed) -> bool + Send + Sync + 'static,
    ) -> BookmarkWorker {
        let (tx, rx) = mpsc::channel::<Request>();
        let send: SendFn = Arc::new(send);
        let handle = thread::Builder::new()
            .name("parallax-bookmarks".into())
            .spawn(move || {
                for request in rx {
                    carry_out(&store, request, &send);
                }
            })
            .expect("spawning the bookmarks thread");
        BookmarkWorker { tx, handle }
    }

    /// Queues a job; `articles` are the loaded ones (copied only for placing).
    pub fn submit(&self, job: Job, articles: &[Article]) {
        let request = match job {
            Job::Load => Request::Load(articles.to_vec()),
            Job::Place(todo) => Request::Place(
                todo.into_iter()
                    .filter_map(|(b, i)| Some((b, i, articles.get(i)?.clone())))
                    .collect(),
            ),
            job => Request::Job(job),
        };
        // The thread only ends when this handle is dropped.
        let _ = self.tx.send(request);
    }

    /// Waits for the queued jobs (writes) to be done.
    pub fn finish(self) {
        drop(self.tx);
        let _ = self.handle.join();
    }
}

fn carry_out(store: &BookmarkStore, request: Request, send: &SendFn) {
    let feed = match request {
        Request::Load(articles) => {
            let file = store.load().map_err(|e| e.to_string());
            let corpus = Corpus {
                articles,
                problems: Vec::new(),
            };
            let placed = match &file {
                Ok(snap) => snap
                    .bookmarks
                    .iter()
                    .zip(reanchor(&snap.bookmarks, &corpus))
                    .filter_map(|(b, p)| Some((b.id.clone(), p?)))
                    .collect(),
                Err(_) => Vec::new(),
            };
            BookmarkFeed::Loaded {
                sources: corpus.articles.iter().map(source_key).collect(),
                placed,
                file,
            }
        }
        Request::Place(todo) => BookmarkFeed::Placed(
            todo.into_iter()
                .map(|(b, i, article)| {
                    let found = b.locate(&article);
                    let placement = Placement {
                        article: i,
                        status: found.as_ref().map_or(Status::Orphaned, |f| f.1),
                        range: found.map(|f| f.0),
                    };
                    (b.id, placement)
                })
                .collect(),
        ),
        Request::Job(job) => match job {
            Job::Add(b) => BookmarkFeed::Stored(Stored::Added(b.id.clone()), text(store.add(*b))),
            Job::Restore(b) => {
                BookmarkFeed::Stored(Stored::Restored(b.id.clone()), text(store.restore(*b)))
            }
            Job::Delete(id) => {
                let result = text(store.delete(&id).map(|(_, snap)| snap));
                BookmarkFeed::Stored(Stored::Deleted(id), result)
            }
            Job::SetNote(id, note) => match store.set_note(&id, note.as_deref()) {
                Ok((found, snap)) => BookmarkFeed::Stored(Stored::Noted(id, found), Ok(snap)),
                Err(e) => BookmarkFeed::Stored(Stored::Noted(id, true), Err(e.to_string())),
            },
            Job::List(known) => match store.load() {
                Ok(snap) => {
                    let bookmarks = snap.bookmarks.clone();
                    if !send(Feed::Bookmarks(BookmarkFeed::Stored(
                        Stored::Read,
                        Ok(snap),
                    ))) {
                        return;
                    }
                    let send = Arc::clone(send);
                    let spawned = thread::Builder::new()
                        .name("parallax-bookmark-list".into())
                        .spawn(move || {
                            let rows = list(&bookmarks, known);
                            send(Feed::Bookmarks(BookmarkFeed::Listed(Ok(rows))));
                        });
                    match spawned {
                        Ok(_) => return,
                        Err(e) => BookmarkFeed::Listed(Err(e.to_string())),
                    }
                }
                Err(e) => BookmarkFeed::Listed(Err(e.to_string())),
            },
            Job::Load | Job::Place(_) => return, // sent as their own requests
        },
    };
    send(Feed::Bookmarks(feed));
}

/// Every bookmark newest first, re-anchored: those in `known` (this corpus,
/// placed in the loaded articles) as they are, the others where their corpus
/// is now (reopening it: the slow part, skipped when all are known).
fn list(bookmarks: &[Bookmark], known: Vec<(String, Resolved)>) -> Vec<(Bookmark, Resolved)> {
    let mut known: HashMap<String, Resolved> = known.into_iter().collect();
    let others: Vec<Bookmark> = bookmarks
        .iter()
        .filter(|b| !known.contains_key(&b.id))
        .cloned()
        .collect();
    let mut others: HashMap<String, Resolved> = listing(&others)
        .into_iter()
        .map(|(b, r)| (b.id, r))
        .collect();
    newest_first(bookmarks)
        .into_iter()
        .filter_map(|b| {
            let mut r = known.remove(&b.id).or_else(|| others.remove(&b.id))?;
            if r.title.is_none() {
                r.title.clone_from(&b.title);
            }
            Some((b.clone(), r))
        })
        .collect()
}

fn text<T>(r: Result<T, crate::store::bookmark_file::StoreError>) -> Result<T, String> {
    r.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::article;
    use std::sync::Mutex;

    fn worker(dir: &std::path::Path) -> (BookmarkWorker, Arc<Mutex<Vec<Feed>>>) {
        let got = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&got);
        let w = BookmarkWorker::spawn(BookmarkStore::new(dir.join("bookmarks.json")), move |f| {
            sink.lock().unwrap().push(f);
            true
        });
        (w, got)
    }

    #[test]
    fn jobs_reach_the_file_in_order_and_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let a = article(&["One.", "Two.", "Three."], &[]);
        let b = Bookmark::for_paragraphs(&a, &[], 1, 2, None).unwrap();
        let (w, got) = worker(dir.path());
        w.submit(Job::Add(Box::new(b.clone())), &[]);
        w.submit(Job::SetNote(b.id.clone(), Some("why".into())), &[]);
        w.submit(Job::Load, std::slice::from_ref(&a));
        w.finish();
        let feeds = std::mem::take(&mut *got.lock().unwrap());
        assert_eq!(feeds.len(), 3);
        let Feed::Bookmarks(BookmarkFeed::Loaded {
            sources,
            placed,
            file,
        }) = &feeds[2]
        else {
            panic!("{feeds:?}")
        };
        assert_eq!(sources, &["bundled:a"]);
        assert_eq!(placed[0].0, b.id);
        assert_eq!(placed[0].1.range, Some(b.start..b.end));
        let saved = &file.as_ref().unwrap().bookmarks;
        assert_eq!(saved[0].note.as_deref(), Some("why"));

        // Delete, restore, list (re-anchored on a thread of its own), place.
        let (w, got) = worker(dir.path());
        w.submit(Job::Delete(b.id.clone()), &[]);
        w.submit(Job::Restore(Box::new(b.clone())), &[]);
        w.submit(Job::List(Vec::new()), &[]);
        w.submit(Job::Place(vec![(b.clone(), 0)]), std::slice::from_ref(&a));
        w.finish();
        let start = std::time::Instant::now();
        while got.lock().unwrap().len() < 5 {
            assert!(start.elapsed().as_secs() < 20, "the list never came");
            thread::sleep(std::time::Duration::from_millis(10));
        }
        let feeds = std::mem::take(&mut *got.lock().unwrap());
        let stored: Vec<(&Stored, usize)> = feeds
            .iter()
            .filter_map(|f| match f {
                Feed::Bookmarks(BookmarkFeed::Stored(op, Ok(s))) => Some((op, s.bookmarks.len())),
                _ => None,
            })
            .collect();
        assert_eq!(
            stored,
            [
                (&Stored::Deleted(b.id.clone()), 0),
                (&Stored::Restored(b.id.clone()), 1),
                (&Stored::Read, 1)
            ]
        );
        assert!(feeds.iter().any(|f| matches!(f,
            Feed::Bookmarks(BookmarkFeed::Placed(p)) if p[0].1.status == Status::Anchored)));
        assert!(feeds.iter().any(|f| matches!(f,
            Feed::Bookmarks(BookmarkFeed::Listed(Ok(rows))) if rows.len() == 1)));
    }

    #[test]
    fn the_list_takes_this_corpus_as_placed_and_reopens_the_others() {
        let a = article(&["One.", "Two.", "Three."], &[]);
        let mut here = Bookmark::for_paragraphs(&a, &[], 0, 0, None).unwrap();
        here.created = "2026-01-02T00:00:00.000Z".into();
        let mut gone = Bookmark::for_paragraphs(&a, &[], 1, 1, None).unwrap();
        gone.created = "2026-01-03T00:00:00.000Z".into();
        gone.source = "/nowhere/a.txt".into();
        gone.corpus = vec!["/nowhere".into()];
        gone.title = Some("Stored title".into());
        let placed = Resolved {
            range: Some(9..12),
            status: Status::Moved,
            title: None,
        };
        let rows = list(
            &[here.clone(), gone.clone()],
            vec![(here.id.clone(), placed.clone())],
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, gone, "newest first");
        assert_eq!(rows[0].1.status, Status::Orphaned, "its folder is gone");
        assert_eq!(rows[0].1.title.as_deref(), Some("Stored title"));
        assert_eq!(rows[1].0, here);
        assert_eq!(
            rows[1].1,
            Resolved {
                title: here.title.clone(),
                ..placed
            },
            "as placed in the loaded text"
        );
    }

    #[test]
    fn a_file_it_cannot_write_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        // The data dir is a file: nothing can be created in it.
        let blocked = dir.path().join("blocked");
        std::fs::write(&blocked, "").unwrap();
        let (w, got) = worker(&blocked);
        let a = article(&["One."], &[]);
        w.submit(
            Job::Add(Box::new(
                Bookmark::for_paragraphs(&a, &[], 0, 0, None).unwrap(),
            )),
            &[],
        );
        w.finish();
        let feeds = got.lock().unwrap();
        assert!(matches!(
            &feeds[0],
            Feed::Bookmarks(BookmarkFeed::Stored(Stored::Added(_), Err(e))) if e.contains("cannot")
        ));
    }
}
