//! Safe user-data files: atomic replacement (temp file in the same folder, fsync,
//! rename, fsync the folder), an advisory lock against a second instance, and
//! unreadable files moved aside rather than overwritten.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Replaces `path` with `bytes` so that a crash at any moment leaves either the old
/// or the new file, never a torn one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, &mut |_| Ok(()))
}

/// The steps of an atomic write, for failure injection in tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Half the bytes are in the temp file.
    HalfWritten,
    /// The temp file is complete and synced, not yet renamed.
    Synced,
}

/// `write_atomic`, calling `hook` at each step; an error from the hook aborts the
/// write there, as a crash would.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    hook: &mut dyn FnMut(Step) -> io::Result<()>,
) -> io::Result<()> {
    let dir = parent(path);
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        let half = bytes.len() / 2;
        f.write_all(&bytes[..half])?;
        hook(Step::HalfWritten)?;
        f.write_all(&bytes[half..])?;
        f.sync_all()?;
        hook(Step::Synced)?;
        fs::rename(&tmp, path)?;
        // The rename itself is durable only once the folder is synced.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// An exclusive advisory lock on `<path>.lock`, held until dropped. Every
/// read-modify-write of a user file happens under it, so two instances never
/// lose each other's updates.
pub struct Lock {
    file: File,
}

impl Lock {
    /// Waits for the lock.
    pub fn acquire(path: &Path) -> io::Result<Lock> {
        fs::create_dir_all(parent(path))?;
        let mut lock_path = path.as_os_str().to_owned();
        lock_path.push(".lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(PathBuf::from(lock_path))?;
        file.lock()?;
        Ok(Lock { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// What reading a user file found.
#[derive(Debug, PartialEq)]
pub enum Loaded<T> {
    Missing,
    Parsed(T),
    /// It could not be parsed and was moved to `kept`; `message` is one line for the user.
    MovedAside {
        kept: PathBuf,
        message: String,
    },
}

/// Reads and parses `path`; a file that doesn't parse is renamed to
/// `<name>.corrupt-<unix time>` (never overwritten, never silently replaced).
pub fn read_or_set_aside<T>(
    path: &Path,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> io::Result<Loaded<T>> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::Missing),
        Err(e) => return Err(e),
    };
    let problem = match std::str::from_utf8(&bytes) {
        Ok(text) => match parse(text) {
            Ok(value) => return Ok(Loaded::Parsed(value)),
            Err(e) => e,
        },
        Err(e) => format!("not UTF-8 ({e})"),
    };
    let kept = aside_name(path);
    fs::rename(path, &kept)?;
    let message = format!(
        "{} could not be read ({problem}); kept as {}",
        path.display(),
        kept.display()
    );
    Ok(Loaded::MovedAside { kept, message })
}

fn aside_name(path: &Path) -> PathBuf {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut n = 0;
    loop {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".corrupt-{secs}"));
        if n > 0 {
            name.push(format!("-{n}"));
        }
        let candidate = PathBuf::from(name);
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn crash_mid_write_leaves_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomic(&p, b"old contents").unwrap();
        for step in [Step::HalfWritten, Step::Synced] {
            let err = write_atomic_with(&p, b"new contents", &mut |s| {
                if s == step {
                    Err(io::Error::other("injected crash"))
                } else {
                    Ok(())
                }
            });
            assert!(err.is_err());
            assert_eq!(fs::read(&p).unwrap(), b"old contents");
        }
    }

    #[test]
    fn unparsable_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json");
        fs::write(&p, "{not json").unwrap();
        let got = read_or_set_aside(&p, |_| Err::<(), _>("bad".into())).unwrap();
        let Loaded::MovedAside { kept, message } = got else {
            panic!("expected MovedAside")
        };
        assert!(!p.exists());
        assert_eq!(fs::read_to_string(&kept).unwrap(), "{not json");
        assert!(message.contains("kept as"));
        assert_eq!(read_or_set_aside(&p, |_| Ok(1)).unwrap(), Loaded::Missing);
    }

    #[test]
    fn lock_excludes_a_second_holder() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json");
        let first = Lock::acquire(&p).unwrap();
        let lock_path = dir.path().join("c.json.lock");
        let other = OpenOptions::new().write(true).open(&lock_path).unwrap();
        assert!(other.try_lock().is_err());
        drop(first);
        assert!(other.try_lock().is_ok());
    }
}
