//! The analysis cache on the real binary: a second run reads it and prints the
//! same; a corrupt or stale entry is rebuilt, never trusted; `--no-cache` leaves
//! it alone.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

/// `parallax entities --json EXTRA`'s output, its cache under `data`.
fn entities(data: &Path, extra: &[&str]) -> Vec<u8> {
    let out = common::parallax(data)
        .args(["entities", "--json"])
        .args(extra)
        .output()
        .expect("run parallax");
    common::ok(&out).into_bytes()
}

/// Every cache entry, sorted.
fn entries(data: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(data.join("cache").join("analysis"))
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|d| fs::read_dir(d.path()).into_iter().flatten().flatten())
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

#[test]
fn second_run_reads_the_cache_and_prints_the_same() {
    let data = tempfile::tempdir().unwrap();
    let fresh = entities(data.path(), &["--no-cache"]);
    assert!(entries(data.path()).is_empty(), "--no-cache wrote entries");
    let first = entities(data.path(), &[]);
    let files = entries(data.path());
    assert_eq!(files.len(), 5, "one entry per seed");
    let stamps: Vec<_> = files
        .iter()
        .map(|f| fs::metadata(f).unwrap().modified().unwrap())
        .collect();
    let second = entities(data.path(), &[]);
    assert_eq!(first, fresh);
    assert_eq!(second, fresh);
    let again: Vec<_> = files
        .iter()
        .map(|f| fs::metadata(f).unwrap().modified().unwrap())
        .collect();
    assert_eq!(stamps, again, "entries were read, not rewritten");
}

#[test]
fn a_flipped_byte_is_detected_and_the_entry_rebuilt() {
    let data = tempfile::tempdir().unwrap();
    let fresh = entities(data.path(), &["--no-cache"]);
    entities(data.path(), &[]);
    let files = entries(data.path());
    // Flip a byte inside each entry's payload (an offset digit or a letter).
    for f in &files {
        let mut bytes = fs::read(f).unwrap();
        let at = bytes.len() - 20;
        bytes[at] ^= 0x01;
        fs::write(f, &bytes).unwrap();
    }
    assert_eq!(entities(data.path(), &[]), fresh);
    for f in &files {
        let text = fs::read_to_string(f).expect("entry rebuilt");
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    }
    assert_eq!(entities(data.path(), &[]), fresh);
}

#[test]
fn another_versions_entries_are_rebuilt() {
    let data = tempfile::tempdir().unwrap();
    let fresh = entities(data.path(), &["--no-cache"]);
    entities(data.path(), &[]);
    let version = env!("CARGO_PKG_VERSION");
    for f in entries(data.path()) {
        let text = fs::read_to_string(&f).unwrap();
        assert!(text.contains(version));
        fs::write(&f, text.replacen(version, "0.0.0-old", 1)).unwrap();
    }
    assert_eq!(entities(data.path(), &[]), fresh);
    for f in entries(data.path()) {
        let text = fs::read_to_string(&f).unwrap();
        assert!(
            !text.contains("0.0.0-old"),
            "stale entry kept: {}",
            f.display()
        );
    }
}
