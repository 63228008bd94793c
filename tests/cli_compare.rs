//! `parallax compare` on the real binary: JSON shape and offsets, ids and paths,
//! plain output, errors.

mod common;

use std::path::PathBuf;

use common::run_fresh as parallax;
use serde_json::Value;

const A: &str = "001_4414b75bee7f8bf4";
const B: &str = "002_786b114863f2ed96";

fn json(args: &[&str]) -> Value {
    common::json(&parallax(args))
}

fn seed_path(id: &str) -> String {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "seeds", &format!("{id}.txt")]
        .iter()
        .collect();
    p.display().to_string()
}

/// The cleaned text of a seed, as `clean --json` gives it.
fn text_of(id: &str) -> String {
    let v = json(&["clean", "--json"]);
    v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .expect("seed")["text"]
        .as_str()
        .unwrap()
        .to_string()
}

fn range<'t>(text: &'t str, r: &Value) -> &'t str {
    let (s, e) = (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap());
    &text[s as usize..e as usize]
}

#[test]
fn json_shape_and_offsets() {
    let v = json(&["compare", "--json", A, B]);
    assert_eq!(v["a"], A);
    assert_eq!(v["b"], B);
    let (ta, tb) = (text_of(A), text_of(B));
    let pairs = v["pairs"].as_array().unwrap();
    assert!(!pairs.is_empty());
    for p in pairs {
        let score = p["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        // Whole passages: non-empty, trimmed ranges of each text.
        for (text, r) in [(&ta, &p["a"]), (&tb, &p["b"])] {
            let passage = range(text, r);
            assert!(!passage.is_empty() && passage.trim() == passage);
        }
    }
    let paired = |needle_a: &str, needle_b: &str| {
        pairs.iter().any(|p| {
            range(&ta, &p["a"]).contains(needle_a) && range(&tb, &p["b"]).contains(needle_b)
        })
    };
    assert!(paired(
        "made clear to the Russian Federation",
        "made it clear to the Russian Federation"
    ));
    assert!(paired(
        "Sergei Lavrov “in the coming days.”",
        "In the coming days, I expect"
    ));
    let quotes = v["shared_quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());
    for q in quotes {
        let text = q["text"].as_str().unwrap();
        assert_eq!(range(&ta, &q["a"]), text);
        assert!(!range(&tb, &q["b"]).is_empty());
    }
    assert!(quotes.iter().any(|q| q["text"] == "substantial proposal"));
}

#[test]
fn paths_and_ids_give_the_same_comparison() {
    let by_id = json(&["compare", "--json", A, B]);
    let by_path = json(&["compare", "--json", &seed_path(A), &seed_path(B)]);
    assert_eq!(by_path["a"], A);
    assert_eq!(by_path["b"], B);
    // Cleaning may differ with the set of files loaded: compare what matters.
    let count = |v: &Value| v["pairs"].as_array().unwrap().len();
    assert!(count(&by_path) > 0 && count(&by_id) > 0);
    let mixed = json(&["compare", "--json", &seed_path(A), B]);
    assert_eq!((&mixed["a"], &mixed["b"]), (&by_id["a"], &by_id["b"]));
    assert!(count(&mixed) > 0);
}

#[test]
fn plain_output_shows_pairs_and_quotes() {
    let out = parallax(&["compare", A, B]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(&format!("A  {A}")), "{text}");
    assert!(text.contains("A ¶") && text.contains("B ¶"));
    assert!(text.contains("made it clear to the Russian Federation"));
    assert!(text.contains("Shared quotes\n"));
    assert!(text.contains("“substantial proposal”"));
}

#[test]
fn unknown_article_is_one_line_error() {
    let out = parallax(&["compare", A, "no_such_article"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no_such_article"), "{err}");

    let dir = env!("CARGO_MANIFEST_DIR");
    let out = parallax(&["compare", dir, A]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}

#[test]
fn missing_argument_is_usage_error() {
    assert_eq!(parallax(&["compare", A]).status.code(), Some(2));
}
