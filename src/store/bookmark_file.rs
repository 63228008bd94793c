//! `bookmarks.json`: read and changed only under the lock, by operations.
//!
//! Every change is read-modify-write inside the lock: the file is read afresh, the
//! operation (add, delete, restore, set note) applied to what is there *now*, and
//! the result written atomically. An instance never writes back its own stale
//! copy, so nothing another instance wrote meanwhile is lost, and a delete cannot
//! be undone by a later write from an instance that still had the bookmark
//! (tombstones are not needed for that). A file that doesn't parse is set aside,
//! never overwritten; one from a newer schema is left alone and not written.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::bookmarks::Bookmark;
use super::file::{self, Loaded, Lock, Step};

/// The schema of `bookmarks.json` this build reads and writes.
pub const SCHEMA: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Format {
    schema: u32,
    bookmarks: Vec<Bookmark>,
}

/// A problem with the bookmarks file: one line for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

/// The bookmarks as just read, and a line to show the user if the file had to be
/// set aside.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub bookmarks: Vec<Bookmark>,
    pub warning: Option<String>,
}

/// The bookmarks file.
#[derive(Debug, Clone)]
pub struct BookmarkStore {
    path: PathBuf,
}

enum Parsed {
    Current(Vec<Bookmark>),
    Newer(u64),
}

fn parse(text: &str) -> Result<Parsed, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    match value.get("schema").and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(SCHEMA) => return Ok(Parsed::Newer(v)),
        Some(_) => {}
        None => return Err("no schema version".into()),
    }
    let format: Format = serde_json::from_value(value).map_err(|e| e.to_string())?;
    Ok(Parsed::Current(format.bookmarks))
}

impl BookmarkStore {
    pub fn new(path: PathBuf) -> BookmarkStore {
        BookmarkStore { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io_error(&self, what: &str, e: io::Error) -> StoreError {
        StoreError(format!("cannot {what} {}: {e}", self.path.display()))
    }

    /// Reads the file; the lock must be held (setting a bad file aside is a write).
    fn read_locked(&self) -> Result<Snapshot, StoreError> {
        match file::read_or_set_aside(&self.path, parse).map_err(|e| self.io_error("read", e))? {
            Loaded::Missing => Ok(Snapshot::default()),
            Loaded::Parsed(Parsed::Current(bookmarks)) => Ok(Snapshot {
                bookmarks,
                warning: None,
            }),
            Loaded::Parsed(Parsed::Newer(v)) => Err(StoreError(format!(
                "{} has schema version {v}, newer than this parallax reads ({SCHEMA}); left untouched",
                self.path.display()
            ))),
            Loaded::MovedAside { message, .. } => Ok(Snapshot {
                bookmarks: Vec::new(),
                warning: Some(message),
            }),
        }
    }

    fn lock(&self) -> Result<Lock, StoreError> {
        Lock::acquire(&self.path).map_err(|e| self.io_error("lock", e))
    }

    /// The bookmarks in the file (file order: oldest first).
    pub fn load(&self) -> Result<Snapshot, StoreError> {
        // Reading creates nothing (no data dir, no lock file) while there is no file.
        if !self.path.exists() {
            return Ok(Snapshot::default());
        }
        let _lock = self.lock()?;
        self.read_locked()
    }

    /// Applies `op` to the bookmarks as they are in the file now and writes the
    /// result, all under the lock; returns what `op` returned and the new state.
    pub fn update<R>(
        &self,
        op: impl FnOnce(&mut Vec<Bookmark>) -> R,
    ) -> Result<(R, Snapshot), StoreError> {
        self.update_with(op, &mut |_| Ok(()))
    }

    fn update_with<R>(
        &self,
        op: impl FnOnce(&mut Vec<Bookmark>) -> R,
        hook: &mut dyn FnMut(Step) -> io::Result<()>,
    ) -> Result<(R, Snapshot), StoreError> {
        let _lock = self.lock()?;
        let mut snap = self.read_locked()?;
        let before = snap.bookmarks.clone();
        let result = op(&mut snap.bookmarks);
        // A file just set aside is replaced even by an unchanged (empty) list, so
        // the next read doesn't report it again.
        if snap.bookmarks != before || snap.warning.is_some() {
            let format = Format {
                schema: SCHEMA,
                bookmarks: snap.bookmarks,
            };
            let mut bytes = serde_json::to_vec_pretty(&format)
                .map_err(|e| StoreError(format!("cannot encode bookmarks: {e}")))?;
            bytes.push(b'\n');
            file::write_atomic_with(&self.path, &bytes, hook)
                .map_err(|e| self.io_error("write", e))?;
            snap.bookmarks = format.bookmarks;
        }
        Ok((result, snap))
    }

    /// Adds a bookmark (or replaces one with the same id).
    pub fn add(&self, bookmark: Bookmark) -> Result<Snapshot, StoreError> {
        self.update(|all| put(all, bookmark)).map(|r| r.1)
    }

    /// Deletes a bookmark; returns it (keep it to undo) if it was there.
    pub fn delete(&self, id: &str) -> Result<(Option<Bookmark>, Snapshot), StoreError> {
        self.update(|all| {
            let i = all.iter().position(|b| b.id == id)?;
            Some(all.remove(i))
        })
    }

    /// Undoes a delete: puts the bookmark back as it was (same id and time, so it
    /// sorts where it did).
    pub fn restore(&self, bookmark: Bookmark) -> Result<Snapshot, StoreError> {
        self.add(bookmark)
    }

    /// Sets or clears (None or blank) a bookmark's note; false if it is gone.
    pub fn set_note(&self, id: &str, note: Option<&str>) -> Result<(bool, Snapshot), StoreError> {
        let note = note.filter(|n| !n.trim().is_empty()).map(str::to_string);
        self.update(|all| match all.iter_mut().find(|b| b.id == id) {
            Some(b) => {
                b.note = note;
                true
            }
            None => false,
        })
    }
}

/// Inserts in (time, id) order (the file stays oldest first), replacing a same id.
fn put(all: &mut Vec<Bookmark>, bookmark: Bookmark) {
    all.retain(|b| b.id != bookmark.id);
    let at = all.partition_point(|b| (&b.created, &b.id) <= (&bookmark.created, &bookmark.id));
    all.insert(at, bookmark);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Mode};
    use std::fs;

    /// Bookmarks in file order (oldest first).
    fn sample(n: usize) -> Vec<Bookmark> {
        let corpus = Corpus::open(&[], Mode::Clean);
        let mut out: Vec<Bookmark> = (0..n)
            .map(|i| {
                let a = &corpus.articles[i % corpus.articles.len()];
                let p = &a.paragraphs[i % a.paragraphs.len()];
                Bookmark::new(a, &[], p.start..p.end, Some(format!("note {i}"))).unwrap()
            })
            .collect();
        out.sort_by(|a, b| (&a.created, &a.id).cmp(&(&b.created, &b.id)));
        out
    }

    fn store() -> (tempfile::TempDir, BookmarkStore) {
        let dir = tempfile::tempdir().unwrap();
        let s = BookmarkStore::new(dir.path().join("bookmarks.json"));
        (dir, s)
    }

    #[test]
    fn round_trip_through_the_file() {
        let (_d, s) = store();
        assert_eq!(s.load().unwrap(), Snapshot::default());
        let bs = sample(3);
        for b in &bs {
            s.add(b.clone()).unwrap();
        }
        let text = fs::read_to_string(s.path()).unwrap();
        assert!(text.contains("\"schema\": 1"));
        assert_eq!(s.load().unwrap().bookmarks, bs);
    }

    #[test]
    fn delete_restore_and_note() {
        let (_d, s) = store();
        let bs = sample(3);
        for b in &bs {
            s.add(b.clone()).unwrap();
        }
        let (gone, snap) = s.delete(&bs[1].id).unwrap();
        assert_eq!(gone.as_ref(), Some(&bs[1]));
        assert_eq!(snap.bookmarks.len(), 2);
        assert_eq!(s.delete(&bs[1].id).unwrap().0, None);
        let snap = s.restore(gone.unwrap()).unwrap();
        assert_eq!(snap.bookmarks, bs, "undo puts it back in its place");
        let (found, snap) = s.set_note(&bs[0].id, Some("changed")).unwrap();
        assert!(found);
        assert_eq!(snap.bookmarks[0].note.as_deref(), Some("changed"));
        let (_, snap) = s.set_note(&bs[0].id, Some("  ")).unwrap();
        assert_eq!(snap.bookmarks[0].note, None);
        assert!(!s.set_note("nope", Some("x")).unwrap().0);
    }

    #[test]
    fn two_instances_lose_nothing() {
        // Both loaded the same state; each then changes it. Operations apply to
        // the file as it is, so neither change is lost and the delete sticks.
        let (_d, s) = store();
        let bs = sample(3);
        s.add(bs[0].clone()).unwrap();
        let other = BookmarkStore::new(s.path().to_path_buf());
        let _seen_by_other = other.load().unwrap();
        s.add(bs[1].clone()).unwrap();
        other.add(bs[2].clone()).unwrap();
        s.delete(&bs[0].id).unwrap();
        other.set_note(&bs[1].id, Some("from other")).unwrap();
        let ids: Vec<String> = s
            .load()
            .unwrap()
            .bookmarks
            .into_iter()
            .map(|b| b.id)
            .collect();
        assert_eq!(ids, [bs[1].id.clone(), bs[2].id.clone()]);
        assert_eq!(
            s.load().unwrap().bookmarks[0].note.as_deref(),
            Some("from other")
        );
    }

    #[test]
    fn unparsable_file_is_set_aside_and_kept() {
        let (d, s) = store();
        fs::write(s.path(), "{\"schema\": 1, \"bookmarks\": [tru").unwrap();
        let snap = s.add(sample(1).remove(0)).unwrap();
        let warning = snap.warning.unwrap();
        assert!(warning.contains("kept as"), "{warning}");
        assert!(!warning.contains('\n'));
        let aside: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            fs::read_to_string(aside[0].path()).unwrap(),
            "{\"schema\": 1, \"bookmarks\": [tru"
        );
        let again = s.load().unwrap();
        assert_eq!(again.bookmarks.len(), 1);
        assert_eq!(again.warning, None);
    }

    #[test]
    fn newer_schema_is_left_alone() {
        let (_d, s) = store();
        let newer = "{\"schema\": 2, \"bookmarks\": [], \"more\": 1}";
        fs::write(s.path(), newer).unwrap();
        assert!(s.load().unwrap_err().0.contains("newer"));
        assert!(s.add(sample(1).remove(0)).is_err());
        assert_eq!(fs::read_to_string(s.path()).unwrap(), newer);
    }

    #[test]
    fn crash_mid_write_leaves_old_or_new_never_torn() {
        let (d, s) = store();
        let bs = sample(2);
        s.add(bs[0].clone()).unwrap();
        let old = fs::read(s.path()).unwrap();
        for step in [Step::HalfWritten, Step::Synced] {
            let err = s.update_with(|all| put(all, bs[1].clone()), &mut |at| {
                if at == step {
                    Err(io::Error::other("injected crash"))
                } else {
                    Ok(())
                }
            });
            assert!(err.is_err());
            assert_eq!(fs::read(s.path()).unwrap(), old, "old file intact");
            assert_eq!(s.load().unwrap().bookmarks, bs[..1]);
        }
        s.add(bs[1].clone()).unwrap();
        assert_eq!(s.load().unwrap().bookmarks, bs);
        let names: Vec<String> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.contains(".tmp-")),
            "no temp file left: {names:?}"
        );
    }
}
