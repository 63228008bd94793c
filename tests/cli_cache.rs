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

/// Every file of the cache (its packs), sorted.
fn packs(data: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(data.join("cache").join("analysis"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// Every entry: a line of a pack.
fn entries(data: &Path) -> Vec<String> {
    packs(data)
        .iter()
        .flat_map(|p| {
            let text = fs::read_to_string(p).unwrap();
            text.lines().map(str::to_string).collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn second_run_reads_the_cache_and_prints_the_same() {
    let data = tempfile::tempdir().unwrap();
    let fresh = entities(data.path(), &["--no-cache"]);
    assert!(packs(data.path()).is_empty(), "--no-cache wrote entries");
    let first = entities(data.path(), &[]);
    assert_eq!(entries(data.path()).len(), 5, "one entry per seed");
    let files = packs(data.path());
    let stamps: Vec<_> = files
        .iter()
        .map(|f| fs::metadata(f).unwrap().modified().unwrap())
        .collect();
    let second = entities(data.path(), &[]);
    assert_eq!(first, fresh);
    assert_eq!(second, fresh);
    assert_eq!(
        packs(data.path()),
        files,
        "entries were read, not rewritten"
    );
    let again: Vec<_> = files
        .iter()
        .map(|f| fs::metadata(f).unwrap().modified().unwrap())
        .collect();
    assert_eq!(stamps, again);
}

/// Rewrites every entry of the cache under `data` with `edit`.
fn edit_entries(data: &Path, edit: impl Fn(&str) -> String) {
    for p in packs(data) {
        let text = fs::read_to_string(&p).unwrap();
        let edited: String = text.lines().map(|l| edit(l) + "\n").collect();
        fs::write(&p, edited).unwrap();
    }
}

#[test]
fn a_flipped_byte_is_detected_and_the_entry_rebuilt() {
    let data = tempfile::tempdir().unwrap();
    let fresh = entities(data.path(), &["--no-cache"]);
    entities(data.path(), &[]);
    let damaged = packs(data.path());
    // Flip a bit of a byte inside each entry's payload (an offset digit or a
    // letter: still text).
    edit_entries(data.path(), |line| {
        let mut bytes = line.as_bytes().to_vec();
        let at = bytes.len() - 40;
        bytes[at] ^= 0x01;
        String::from_utf8(bytes).unwrap()
    });
    assert_eq!(entities(data.path(), &[]), fresh);
    let now = packs(data.path());
    assert!(
        damaged.iter().all(|p| !now.contains(p)),
        "damaged pack kept"
    );
    let lines = entries(data.path());
    assert_eq!(lines.len(), 5, "entries rebuilt");
    for line in lines {
        assert!(serde_json::from_str::<serde_json::Value>(&line).is_ok());
    }
    assert_eq!(entities(data.path(), &[]), fresh);
}

#[test]
fn another_versions_entries_are_rebuilt() {
    let data = tempfile::tempdir().unwrap();
    let fresh = entities(data.path(), &["--no-cache"]);
    entities(data.path(), &[]);
    let version = env!("CARGO_PKG_VERSION");
    edit_entries(data.path(), |line| {
        assert!(line.contains(version));
        line.replacen(version, "0.0.0-old", 1)
    });
    assert_eq!(entities(data.path(), &[]), fresh);
    assert_eq!(entries(data.path()).len(), 5, "entries rebuilt");
    for line in entries(data.path()) {
        assert!(!line.contains("0.0.0-old"), "stale entry kept: {line}");
    }
}
