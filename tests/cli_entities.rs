//! `parallax entities` on the real binary: the JSON contract, byte offsets, the
//! plain listing, and bad input.

mod common;

use common::run_fresh as parallax;
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    common::json(&parallax(args))
}

#[test]
fn seeds_json_follows_the_contract() {
    let v = json(&["entities", "--json"]);
    let articles = v["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 5);
    for a in articles {
        for key in ["id", "path", "title", "text"] {
            assert!(a.get(key).is_some(), "article lacks {key}");
        }
    }
    let text_of = |id: &str| {
        articles
            .iter()
            .find(|a| a["id"] == id)
            .and_then(|a| a["text"].as_str())
            .expect("mention's article is listed")
    };
    let entities = v["entities"].as_array().expect("entities");
    let mut ids = std::collections::HashSet::new();
    let mut kinds = Vec::new();
    for e in entities {
        assert!(
            ids.insert(e["id"].as_str().unwrap().to_string()),
            "duplicate id"
        );
        let kind = e["kind"].as_str().unwrap();
        assert!(["person", "place", "organization", "other"].contains(&kind));
        kinds.push(kind.to_string());
        assert!(e["aliases"].is_array() && e["name"].is_string());
        for m in e["mentions"].as_array().unwrap() {
            let text = text_of(m["article"].as_str().unwrap());
            let s = m["start"].as_u64().unwrap() as usize;
            let t = m["end"].as_u64().unwrap() as usize;
            assert_eq!(text.get(s..t), m["text"].as_str(), "byte offsets");
        }
    }
    // People first, then places, organisations, others.
    let order = ["person", "place", "organization", "other"];
    let rank: Vec<usize> = kinds
        .iter()
        .map(|k| order.iter().position(|o| o == k).unwrap())
        .collect();
    assert!(rank.windows(2).all(|w| w[0] <= w[1]), "{kinds:?}");
    let lavrov = entities
        .iter()
        .find(|e| e["id"] == "person:sergey-lavrov")
        .expect("Lavrov is one entity");
    let aliases = lavrov["aliases"].as_array().unwrap();
    assert!(aliases.iter().any(|a| a == "Sergei Lavrov"), "{aliases:?}");
    assert!(lavrov["mentions"].as_array().unwrap().len() >= 20);
}

#[test]
fn raw_offsets_are_bytes_into_the_text_as_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Ça va — “Russian Foreign Minister Sergey Lavrov’s aide” left, and Lavrov met Ned Price in Geneva.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let v = json(&["entities", "--json", "--raw", dir.path().to_str().unwrap()]);
    assert_eq!(v["articles"][0]["id"], "a");
    assert_eq!(
        v["articles"][0]["text"].as_str().unwrap().trim_end(),
        text.trim_end()
    );
    let entities = v["entities"].as_array().unwrap();
    let lavrov = entities
        .iter()
        .find(|e| e["name"] == "Sergey Lavrov")
        .expect("Lavrov");
    let spans: Vec<(u64, u64)> = lavrov["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap()))
        .collect();
    let first = text.find("Sergey").unwrap() as u64;
    let second = text.rfind("Lavrov").unwrap() as u64;
    // The possessive is not part of the name.
    assert_eq!(spans, [(first, first + 13), (second, second + 6)]);
    let kinds: Vec<(&str, &str)> = entities
        .iter()
        .map(|e| (e["name"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    assert!(kinds.contains(&("Ned Price", "person")), "{kinds:?}");
    assert!(kinds.contains(&("Geneva", "place")), "{kinds:?}");
    assert!(
        !kinds.iter().any(|(n, _)| n.contains("Russian")),
        "{kinds:?}"
    );
}

#[test]
fn plain_output_lists_people_first_with_counts() {
    let out = parallax(&["entities"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().next(), Some("People"));
    let lavrov = text
        .lines()
        .find(|l| l.contains("Sergey Lavrov"))
        .expect("Lavrov listed");
    let count: usize = lavrov.split_whitespace().next().unwrap().parse().unwrap();
    assert!(count >= 20, "{lavrov}");
    assert!(text.contains("\nPlaces\n") && text.contains("\nOrganisations\n"));
}

#[test]
fn missing_path_is_a_one_line_error() {
    let out = parallax(&["entities", "/nonexistent/parallax-entities"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("parallax: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
