//! The analysis cache: per-article results on disk, keyed by a content hash, so a
//! second start over the same folder skips the work. Safe to delete at any time.
//! Every entry carries parallax's version and a checksum of its payload: a stale
//! or corrupt entry is detected, removed and rebuilt, never trusted. The cache is
//! kept under a size limit, oldest entries going first.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Bump when what is cached changes shape or meaning within one release.
const FORMAT: u32 = 2;

/// Default size limit.
pub const DEFAULT_LIMIT: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    limit: u64,
}

/// An entry as stored: `{"version":..,"key":..,"payload":..,"checksum":..}`,
/// the checksum after the payload so that both are written in one pass.
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

fn version() -> String {
    format!("{}+{FORMAT}", env!("CARGO_PKG_VERSION"))
}

impl Cache {
    /// A cache in `dir` (created on first write) holding at most `limit` bytes.
    pub fn new(dir: &Path, limit: u64) -> Cache {
        Cache {
            dir: dir.join("analysis"),
            limit,
        }
    }

    fn file(&self, key: u64) -> PathBuf {
        // Two-level fan-out keeps folders small with thousands of entries.
        let hex = format!("{key:016x}");
        self.dir.join(&hex[..2]).join(format!("{hex}.json"))
    }

    /// The cached value for `key`, if present, current and intact. A bad entry
    /// is removed so that it gets rebuilt.
    pub fn get<T: DeserializeOwned>(&self, key: u64) -> Option<T> {
        let path = self.file(key);
        let bytes = fs::read(&path).ok()?;
        let value = (|| {
            let entry: Entry = serde_json::from_slice(&bytes).ok()?;
            let raw = entry.payload.get();
            let ok = entry.version == version()
                && entry.key == format!("{key:016x}")
                && entry.checksum == format!("{:016x}", digest(&[raw.as_bytes()]));
            if !ok {
                return None;
            }
            serde_json::from_str(raw).ok()
        })();
        if value.is_none() {
            let _ = fs::remove_file(&path);
        }
        value
    }

    /// Stores `value` for `key`. Written to a temp file and renamed, so a reader
    /// never sees half an entry; not fsynced: a lost entry is only rebuilt.
    pub fn put<T: Serialize>(&self, key: u64, value: &T) -> io::Result<()> {
        let hex = format!("{key:016x}");
        let mut bytes = b"{\"version\":".to_vec();
        serde_json::to_writer(&mut bytes, &version())?;
        bytes.extend_from_slice(b",\"key\":");
        serde_json::to_writer(&mut bytes, &hex)?;
        bytes.extend_from_slice(b",\"payload\":");
        let start = bytes.len();
        serde_json::to_writer(&mut bytes, value)?;
        let checksum = digest(&[&bytes[start..]]);
        write!(bytes, ",\"checksum\":\"{checksum:016x}\"}}")?;
        let path = self.file(key);
        let dir = path.parent().expect("entry has a folder");
        let tmp = dir.join(format!(".{hex}.tmp-{}", std::process::id()));
        // The folder is made on the first miss only: one system call less per
        // entry, which shows when thousands are written.
        match fs::write(&tmp, &bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(dir)?;
                fs::write(&tmp, &bytes)?;
            }
            written => written?,
        }
        fs::rename(&tmp, &path)
    }

    /// Deletes the oldest entries until the cache is under 80% of its limit.
    /// Returns how many were removed.
    pub fn prune(&self) -> io::Result<usize> {
        let mut entries = Vec::new();
        let mut total = 0u64;
        for sub in fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            for e in fs::read_dir(sub.path()).into_iter().flatten().flatten() {
                let Ok(meta) = e.metadata() else { continue };
                total += meta.len();
                let age = meta.modified().ok();
                entries.push((age, meta.len(), e.path()));
            }
        }
        if total <= self.limit {
            return Ok(0);
        }
        entries.sort();
        let target = self.limit / 10 * 8;
        let mut removed = 0;
        for (_, len, path) in entries {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), DEFAULT_LIMIT);
        assert_eq!(cache.get::<Vec<u32>>(7), None);
        cache.put(7, &vec![1u32, 2, 3]).unwrap();
        assert_eq!(cache.get::<Vec<u32>>(7), Some(vec![1, 2, 3]));
        assert_eq!(cache.get::<Vec<u32>>(8), None);
    }

    #[test]
    fn digest_tells_parts_apart() {
        assert_eq!(digest(&[b"ab", b"c"]), digest(&[b"ab", b"c"]));
        assert_ne!(digest(&[b"ab", b"c"]), digest(&[b"a", b"bc"]));
        assert_ne!(digest(&[b"abc"]), digest(&[b"abd"]));
    }

    #[test]
    fn corrupt_or_stale_entries_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), DEFAULT_LIMIT);
        cache.put(1, &"hello").unwrap();
        let path = cache.file(1);
        // Tampered payload: the checksum no longer matches.
        let text = fs::read_to_string(&path).unwrap().replace("hello", "hellp");
        fs::write(&path, text).unwrap();
        assert_eq!(cache.get::<String>(1), None);
        assert!(!path.exists(), "bad entry removed");
        // Another version's entry.
        cache.put(2, &"x").unwrap();
        let path = cache.file(2);
        let text = fs::read_to_string(&path)
            .unwrap()
            .replace(&version(), "0.0.0+0");
        fs::write(&path, text).unwrap();
        assert_eq!(cache.get::<String>(2), None);
        // Truncated file.
        cache.put(3, &"y").unwrap();
        fs::write(cache.file(3), "{\"version\":").unwrap();
        assert_eq!(cache.get::<String>(3), None);
    }

    #[test]
    fn prune_keeps_the_cache_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), 2_000);
        for k in 0..50u64 {
            cache.put(k, &"z".repeat(100)).unwrap();
        }
        assert!(cache.prune().unwrap() > 0);
        let total: u64 = fs::read_dir(dir.path().join("analysis"))
            .unwrap()
            .flatten()
            .flat_map(|d| fs::read_dir(d.path()).unwrap().flatten())
            .map(|e| e.metadata().unwrap().len())
            .sum();
        assert!(total <= 1_600, "{total}");
    }
}
