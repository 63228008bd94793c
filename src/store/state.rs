//! state.json: the last article and passage read, per corpus. A corpus is known by
//! a key: "bundled" for the seeds, else the canonical paths given, one per line.
//! Every write is a read-modify-write under the lock, so two readers open on
//! different corpora keep each other's places.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file::{Loaded, Lock, read_or_set_aside, write_atomic};

pub const VERSION: u32 = 1;

/// Where a person was in a corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Article id (contract: path relative to the folder, without extension).
    pub article: String,
    /// Index of the paragraph under the passage cursor.
    pub passage: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    pub version: u32,
    pub corpora: BTreeMap<String, Position>,
}

impl Default for ReadingState {
    fn default() -> Self {
        ReadingState {
            version: VERSION,
            corpora: BTreeMap::new(),
        }
    }
}

/// The key of the corpus opened with `paths`.
pub fn corpus_key(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "bundled".into();
    }
    let shown: Vec<String> = paths
        .iter()
        .map(|p| {
            std::fs::canonicalize(p)
                .or_else(|_| std::path::absolute(p))
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        })
        .collect();
    shown.join("\n")
}

fn parse(text: &str) -> Result<ReadingState, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Reads the state; an unreadable file is set aside, and the message says so.
pub fn load(path: &Path) -> (ReadingState, Option<String>) {
    match read_or_set_aside(path, parse) {
        Ok(Loaded::Parsed(s)) => (s, None),
        Ok(Loaded::Missing) => (ReadingState::default(), None),
        Ok(Loaded::MovedAside { message, .. }) => (ReadingState::default(), Some(message)),
        Err(e) => (
            ReadingState::default(),
            Some(format!("{}: {e}", path.display())),
        ),
    }
}

/// Where the person was in this corpus, if known.
pub fn recall(path: &Path, key: &str) -> (Option<Position>, Option<String>) {
    let (state, message) = load(path);
    (state.corpora.get(key).cloned(), message)
}

/// Records the position for a corpus, keeping every other corpus's.
pub fn remember(path: &Path, key: &str, position: Position) -> io::Result<()> {
    let _lock = Lock::acquire(path)?;
    let (mut state, _) = load(path);
    state.version = VERSION;
    state.corpora.insert(key.to_string(), position);
    let mut json = serde_json::to_vec_pretty(&state).map_err(io::Error::other)?;
    json.push(b'\n');
    write_atomic(path, &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(a: &str, p: usize) -> Position {
        Position {
            article: a.into(),
            passage: p,
        }
    }

    #[test]
    fn remembers_per_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert_eq!(recall(&path, "bundled"), (None, None));
        remember(&path, "bundled", pos("000", 3)).unwrap();
        remember(&path, "/news", pos("x/y", 7)).unwrap();
        remember(&path, "bundled", pos("001", 2)).unwrap();
        assert_eq!(recall(&path, "bundled").0, Some(pos("001", 2)));
        assert_eq!(recall(&path, "/news").0, Some(pos("x/y", 7)));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"version\": 1"));
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(&path, "{\"version\": 1, \"corpora\": [").unwrap();
        let (got, message) = recall(&path, "bundled");
        assert_eq!(got, None);
        assert!(message.unwrap().contains("could not be read"));
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("corrupt"))
            .collect();
        assert_eq!(kept.len(), 1, "the bad file is kept");
        remember(&path, "bundled", pos("a", 1)).unwrap();
        assert_eq!(recall(&path, "bundled"), (Some(pos("a", 1)), None));
    }

    #[test]
    fn keys() {
        assert_eq!(corpus_key(&[]), "bundled");
        let dir = tempfile::tempdir().unwrap();
        let key = corpus_key(&[dir.path().to_path_buf(), dir.path().join("missing")]);
        let lines: Vec<&str> = key.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(Path::new(lines[0]).is_absolute());
        assert!(lines[1].ends_with("missing"));
    }
}
