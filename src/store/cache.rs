//! The analysis cache: per-article results on disk, keyed by a content hash, so a
//! second start over the same folder skips the work. Safe to delete at any time.
//!
//! Entries are written into packs, files of many entries each: a file per entry
//! cost a new inode and about 0.1 ms of kernel time apiece, a second of a first
//! run over 10,000 articles. A pack holds one entry per line, each carrying
//! parallax's version and a checksum of its payload. It is written under a
//! temporary name and renamed once complete, so a reader only ever sees whole
//! packs, and each process writes packs of its own. A stale or corrupt entry is
//! detected and never trusted: its article is analysed again and stored anew,
//! and the pack that held it is removed when the run finishes (its other
//! entries are rebuilt when next needed). The cache is kept under a size limit,
//! oldest packs going first.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Bump when what is cached changes shape or meaning within one release.
const FORMAT: u32 = 3;

/// Default size limit.
pub const DEFAULT_LIMIT: u64 = 512 * 1024 * 1024;

/// A pack is closed, and the next one begun, past this size.
const PACK_BYTES: u64 = 16 * 1024 * 1024;

const PACK_EXT: &str = "pack";

#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    limit: u64,
    /// Where each entry is, read from the packs at the first look-up after
    /// `new` or `finish`.
    index: Mutex<Option<Arc<Index>>>,
    /// The pack being written, if any.
    writing: Mutex<Option<Writer>>,
    /// Packs written by this cache so far (numbers their names).
    written: AtomicUsize,
    /// Packs found to hold a bad entry: removed by `finish`.
    bad: Mutex<Vec<PathBuf>>,
}

#[derive(Debug, Default)]
struct Index {
    packs: Vec<PathBuf>,
    /// key -> (pack, offset of its line, length of its line)
    at: HashMap<u64, (usize, u64, usize)>,
}

#[derive(Debug)]
struct Writer {
    tmp: PathBuf,
    path: PathBuf,
    file: BufWriter<File>,
    len: u64,
}

/// An entry as stored, one line of a pack:
/// `{"version":..,"key":..,"payload":..,"checksum":..}`, the checksum after the
/// payload so that both are written in one pass.
#[derive(serde::Deserialize)]
struct Entry<'a> {
    version: &'a str,
    key: &'a str,
    checksum: &'a str,
    #[serde(borrow)]
    payload: &'a serde_json::value::RawValue,
}

/// A 64-bit digest of `parts`, for cache keys and checksums: foldhash with a
/// fixed seed, many bytes a step (the bookmarks' FNV-1a goes byte by byte,
/// which shows over a whole corpus). Stable for one build, which is all the
/// cache needs: entries are checked against parallax's version, and a digest
/// that changed only costs a rebuilt entry.
pub fn digest(parts: &[&[u8]]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0).build_hasher();
    for part in parts {
        h.write_usize(part.len());
        h.write(part);
    }
    h.finish()
}

/// parallax's version and `FORMAT`, and a digest of a fixed text: entries hold
/// hashes made with foldhash (their keys, and the line keys of cleaning's
/// answers), which promises no stable output from one foldhash release to the
/// next, so a build whose hashes differ does not trust them.
fn version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        let probe = digest(&[b"parallax"]);
        format!("{}+{FORMAT}+{probe:016x}", env!("CARGO_PKG_VERSION"))
    })
}

/// How every current entry's line begins: `{"version":"…","key":"`.
fn line_start() -> String {
    format!("{{\"version\":\"{}\",\"key\":\"", version())
}

impl Cache {
    /// A cache in `dir` (created on first write) holding at most `limit` bytes.
    pub fn new(dir: &Path, limit: u64) -> Cache {
        Cache {
            dir: dir.join("analysis"),
            limit,
            index: Mutex::new(None),
            writing: Mutex::new(None),
            written: AtomicUsize::new(0),
            bad: Mutex::new(Vec::new()),
        }
    }

    /// The cached value for `key`, if a pack that was complete when the packs
    /// were last read holds it, current and intact.
    pub fn get<T: DeserializeOwned>(&self, key: u64) -> Option<T> {
        let index = self.index();
        let &(pack, offset, len) = index.at.get(&key)?;
        let path = &index.packs[pack];
        let value = read_line(path, offset, len).and_then(|line| {
            let entry: Entry = serde_json::from_slice(&line).ok()?;
            let raw = entry.payload.get();
            let ok = entry.version == version()
                && entry.key == format!("{key:016x}")
                && entry.checksum == format!("{:016x}", digest(&[raw.as_bytes()]));
            if !ok {
                return None;
            }
            serde_json::from_str(raw).ok()
        });
        if value.is_none() {
            lock(&self.bad).push(path.clone());
        }
        value
    }

    /// Reads the packs' index now, on every core, rather than at the first
    /// look-up (from a worker thread, which reads it alone while the others
    /// wait).
    pub fn read_index(&self) {
        self.index();
    }

    /// The packs' index, read now if not yet.
    fn index(&self) -> Arc<Index> {
        let mut index = lock(&self.index);
        let read = index.get_or_insert_with(|| {
            let (read, bad) = Index::read(&self.dir);
            lock(&self.bad).extend(bad);
            Arc::new(read)
        });
        Arc::clone(read)
    }

    /// Stores `value` for `key`, in the pack being written: seen once that
    /// pack is complete (at `PACK_BYTES`, or by `finish`).
    pub fn put<T: Serialize>(&self, key: u64, value: &T) -> io::Result<()> {
        let mut line = line_start().into_bytes();
        write!(line, "{key:016x}\",\"payload\":")?;
        let start = line.len();
        serde_json::to_writer(&mut line, value)?;
        let checksum = digest(&[&line[start..]]);
        writeln!(line, ",\"checksum\":\"{checksum:016x}\"}}")?;
        let mut writing = lock(&self.writing);
        let w = match writing.as_mut() {
            Some(w) => w,
            None => writing.insert(self.begin_pack()?),
        };
        if let Err(e) = w.file.write_all(&line) {
            // A pack cut short is given up, not written on after the gap.
            if let Some(w) = writing.take() {
                let _ = fs::remove_file(&w.tmp);
            }
            return Err(e);
        }
        w.len += line.len() as u64;
        if w.len >= PACK_BYTES {
            writing.take().map_or(Ok(()), Writer::close)?;
        }
        Ok(())
    }

    fn begin_pack(&self) -> io::Result<Writer> {
        fs::create_dir_all(&self.dir)?;
        // Named by time first, so that names sort oldest first, then by process
        // and number, so that no two writers share one.
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let n = self.written.fetch_add(1, Ordering::Relaxed);
        let name = format!("{nanos:032x}-{}-{n}.{PACK_EXT}", std::process::id());
        let tmp = self.dir.join(format!(".{name}.tmp"));
        Ok(Writer {
            file: BufWriter::new(File::create(&tmp)?),
            tmp,
            path: self.dir.join(name),
            len: 0,
        })
    }

    /// Completes the pack being written, removes the packs found bad and keeps
    /// the cache under its limit; the next look-up reads the packs anew. Also
    /// run when the cache is dropped.
    pub fn finish(&self) -> io::Result<()> {
        let closed = lock(&self.writing).take().map_or(Ok(()), Writer::close);
        *lock(&self.index) = None;
        for path in std::mem::take(&mut *lock(&self.bad)) {
            let _ = fs::remove_file(path);
        }
        closed?;
        remove_abandoned(&self.dir);
        self.prune().map(|_| ())
    }

    /// Deletes the oldest packs until the cache is under 80% of its limit.
    /// Returns how many were removed.
    pub fn prune(&self) -> io::Result<usize> {
        let packs = packs(&self.dir);
        let mut total: u64 = packs.iter().map(|p| p.1).sum();
        if total <= self.limit {
            return Ok(0);
        }
        let target = self.limit / 10 * 8;
        let mut removed = 0;
        for (path, len) in packs {
            if total <= target {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total -= len;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

impl Writer {
    fn close(self) -> io::Result<()> {
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        drop(file);
        fs::rename(&self.tmp, &self.path)
    }
}

impl Index {
    /// Every complete pack's current entries (where two packs hold a key, the
    /// newer one's), and the packs with a line of another version or a damaged
    /// one, whose entries are not used.
    fn read(dir: &Path) -> (Index, Vec<PathBuf>) {
        let packs: Vec<PathBuf> = packs(dir).into_iter().map(|p| p.0).collect();
        let start = line_start();
        let read = |p: &PathBuf| pack_lines(p, &start);
        // On every core, unless called from one of rayon's threads: one that
        // waits there may take up an analysis job that looks up the cache,
        // whose index this very thread is reading (see `Cache::read_index`).
        let lines: Vec<Option<Vec<(u64, u64, usize)>>> = match rayon::current_thread_index() {
            None => packs.par_iter().map(read).collect(),
            Some(_) => packs.iter().map(read).collect(),
        };
        let mut at = HashMap::new();
        let mut bad = Vec::new();
        for (pack, lines) in lines.into_iter().enumerate() {
            match lines {
                Some(lines) => {
                    for (key, offset, len) in lines {
                        at.insert(key, (pack, offset, len));
                    }
                }
                None => bad.push(packs[pack].clone()),
            }
        }
        (Index { packs, at }, bad)
    }
}

/// (key, offset, length) of each line of a pack; None if any line is not a
/// current entry (another version's, or damaged).
fn pack_lines(path: &Path, start: &str) -> Option<Vec<(u64, u64, usize)>> {
    let bytes = fs::read(path).ok()?;
    let mut out = Vec::new();
    let mut offset = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let key = line
            .strip_prefix(start.as_bytes())
            .and_then(|rest| rest.get(..16))
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u64::from_str_radix(hex, 16).ok())?;
        out.push((key, offset as u64, line.len()));
        offset += line.len();
    }
    Some(out)
}

/// A pack still unfinished after this long was left by a process that died.
const ABANDONED: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// Removes the unfinished packs of processes that died while writing them,
/// and the folders of entries that earlier versions kept a file each.
fn remove_abandoned(dir: &Path) {
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = e.path();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(&path);
            continue;
        }
        let unfinished = path.extension().is_some_and(|x| x == "tmp");
        let age = e.metadata().and_then(|m| m.modified()).ok();
        let old = age
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|a| a > ABANDONED);
        if unfinished && old {
            let _ = fs::remove_file(path);
        }
    }
}

/// The complete packs in `dir`, oldest first, with their sizes.
fn packs(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out: Vec<(PathBuf, u64)> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == PACK_EXT))
        .filter_map(|p| Some((fs::metadata(&p).ok()?.len(), p)))
        .map(|(len, p)| (p, len))
        .collect();
    out.sort();
    out
}

fn read_line(path: &Path, offset: u64, len: usize) -> Option<Vec<u8>> {
    let mut file = File::open(path).ok()?;
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut line = vec![0; len];
    file.read_exact(&mut line).ok()?;
    Some(line)
}

/// A lock that a panicked holder left usable: the cache only loses entries.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each pack's lines.
    fn pack_texts(dir: &Path) -> Vec<(PathBuf, String)> {
        packs(&dir.join("analysis"))
            .into_iter()
            .map(|(p, _)| {
                let text = fs::read_to_string(&p).unwrap();
                (p, text)
            })
            .collect()
    }

    #[test]
    fn entries_are_read_back_once_their_pack_is_complete() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), DEFAULT_LIMIT);
        assert_eq!(cache.get::<Vec<u32>>(7), None);
        cache.put(7, &vec![1u32, 2, 3]).unwrap();
        cache.put(9, &vec![4u32]).unwrap();
        cache.finish().unwrap();
        let packs = pack_texts(dir.path());
        assert_eq!(packs.len(), 1);
        assert_eq!(packs[0].1.lines().count(), 2);
        // The same cache, once finished, and a new one see them.
        assert_eq!(cache.get::<Vec<u32>>(9), Some(vec![4]));
        let again = Cache::new(dir.path(), DEFAULT_LIMIT);
        assert_eq!(again.get::<Vec<u32>>(7), Some(vec![1, 2, 3]));
        assert_eq!(again.get::<Vec<u32>>(9), Some(vec![4]));
        assert_eq!(again.get::<Vec<u32>>(8), None);
    }

    #[test]
    fn a_newer_pack_wins_and_dropping_the_cache_completes_its_pack() {
        let dir = tempfile::tempdir().unwrap();
        for n in [1u32, 2] {
            let cache = Cache::new(dir.path(), DEFAULT_LIMIT);
            cache.put(5, &n).unwrap();
        }
        assert_eq!(pack_texts(dir.path()).len(), 2);
        assert_eq!(Cache::new(dir.path(), DEFAULT_LIMIT).get::<u32>(5), Some(2));
    }

    #[test]
    fn abandoned_packs_and_earlier_entries_are_removed_recent_packs_kept() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), DEFAULT_LIMIT);
        cache.put(1, &1u32).unwrap();
        let analysis = dir.path().join("analysis");
        let old = analysis.join(".0-1-0.pack.tmp");
        fs::write(&old, "x").unwrap();
        let day_ago = SystemTime::now() - ABANDONED - std::time::Duration::from_secs(60);
        File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(day_ago)
            .unwrap();
        let recent = analysis.join(".0-2-0.pack.tmp");
        fs::write(&recent, "x").unwrap();
        let legacy = analysis.join("ab");
        fs::create_dir(&legacy).unwrap();
        fs::write(legacy.join("ab00000000000000.json"), "{}").unwrap();
        cache.finish().unwrap();
        assert!(!old.exists());
        assert!(recent.exists(), "another process may still be writing it");
        assert!(!legacy.exists(), "an earlier version's entries left");
    }

    #[test]
    fn digest_tells_parts_apart() {
        assert_eq!(digest(&[b"ab", b"c"]), digest(&[b"ab", b"c"]));
        assert_ne!(digest(&[b"ab", b"c"]), digest(&[b"a", b"bc"]));
        assert_ne!(digest(&[b"abc"]), digest(&[b"abd"]));
    }

    /// A cache holding "hello" at 1 and "world" at 2, its one pack edited by
    /// `edit`, looked up again: (what 1 and 2 give, packs left after).
    fn edited(edit: impl Fn(String) -> String) -> (Option<String>, Option<String>, usize) {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), DEFAULT_LIMIT);
        cache.put(1, &"hello").unwrap();
        cache.put(2, &"world").unwrap();
        cache.finish().unwrap();
        let (path, text) = pack_texts(dir.path()).remove(0);
        fs::write(&path, edit(text)).unwrap();
        let cache = Cache::new(dir.path(), DEFAULT_LIMIT);
        let got = (cache.get::<String>(1), cache.get::<String>(2));
        cache.finish().unwrap();
        (got.0, got.1, pack_texts(dir.path()).len())
    }

    #[test]
    fn corrupt_or_stale_entries_are_not_trusted_and_their_pack_goes() {
        // Untouched.
        assert_eq!(
            edited(|t| t),
            (Some("hello".into()), Some("world".into()), 1)
        );
        // A payload changed: its checksum no longer matches.
        assert_eq!(
            edited(|t| t.replace("hello", "hellp")),
            (None, Some("world".into()), 0)
        );
        // Another version's entries.
        assert_eq!(edited(|t| t.replace(version(), "0.0.0+0")), (None, None, 0));
        // Cut short: the first entry is whole and still used.
        assert_eq!(
            edited(|t| t[..t.len() - 30].to_string()),
            (Some("hello".into()), None, 0)
        );
    }

    #[test]
    fn prune_keeps_the_cache_bounded_oldest_packs_first() {
        let dir = tempfile::tempdir().unwrap();
        for k in 0..20u64 {
            let cache = Cache::new(dir.path(), u64::MAX);
            cache.put(k, &"z".repeat(100)).unwrap();
        }
        let cache = Cache::new(dir.path(), 2_000);
        assert!(cache.prune().unwrap() > 0);
        let left = packs(&dir.path().join("analysis"));
        let total: u64 = left.iter().map(|p| p.1).sum();
        assert!(total <= 1_600, "{total}");
        let again = Cache::new(dir.path(), u64::MAX);
        assert_eq!(again.get::<String>(0), None, "oldest gone");
        assert!(again.get::<String>(19).is_some(), "newest kept");
    }
}
