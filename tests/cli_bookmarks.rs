//! `parallax bookmarks`: the real binary, a temp data dir, articles on disk that
//! are edited between runs.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// `parallax --data-dir DATA ARGS` (the flag, not the environment).
fn parallax(data: &Path, args: &[&str]) -> Output {
    parallax_cmd(data).args(args).output().unwrap()
}

fn parallax_cmd(data: &Path) -> Command {
    let mut cmd = common::parallax(data);
    cmd.env_remove("PARALLAX_DATA_DIR")
        .arg("--data-dir")
        .arg(data);
    cmd
}

fn ok(out: Output) -> String {
    common::ok(&out)
}

fn json(data: &Path, args: &[&str]) -> Value {
    common::json(&parallax(data, args))
}

fn listed(data: &Path) -> Vec<Value> {
    json(data, &["bookmarks", "list", "--json"])["bookmarks"]
        .as_array()
        .unwrap()
        .clone()
}

fn add(data: &Path, article: &str, quote: &str, note: &str, paths: &[&str]) -> String {
    let mut args = vec![
        "bookmarks",
        "add",
        "--article",
        article,
        "--quote",
        quote,
        "--note",
        note,
    ];
    args.extend_from_slice(paths);
    ok(parallax(data, &args))
}

/// The cleaned text of article `id` as `parallax clean --json` shows it.
fn cleaned(data: &Path, id: &str, paths: &[&str]) -> String {
    let mut args = vec!["clean", "--json"];
    args.extend_from_slice(paths);
    let all = json(data, &args);
    all["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string()
}

fn range(b: &Value) -> std::ops::Range<usize> {
    b["start"].as_u64().unwrap() as usize..b["end"].as_u64().unwrap() as usize
}

const SEED: &str = "000_8fbffe7c2753c6fd";

const PARAS: [&str; 4] = [
    "The city council met on Tuesday evening to debate the new transport budget for next year.",
    "The mayor said the budget for buses would be cut by ten percent, and that fares would stay the same.",
    "Residents protested outside the hall until late in the evening, holding signs about the cuts.",
    "A final vote on the budget is expected at the next meeting of the council in two weeks.",
];

fn article(paras: &[&str]) -> String {
    format!(
        "Council debates transport budget\n\n{}\n",
        paras.join("\n\n")
    )
}

/// A folder with the article `council` and a second one.
fn corpus(dir: &Path) -> PathBuf {
    let c = dir.join("corpus");
    fs::create_dir_all(&c).unwrap();
    fs::write(c.join("council.txt"), article(&PARAS)).unwrap();
    fs::write(
        c.join("other.txt"),
        "People talked about something else\n\nSomething else happened somewhere else, and people talked about it all day long.\n",
    )
    .unwrap();
    c
}

fn keys_are_all_there(b: &Value) {
    for key in [
        "id", "article", "quote", "prefix", "suffix", "start", "end", "note", "created", "status",
    ] {
        assert!(b.get(key).is_some(), "missing key {key} in {b}");
    }
}

#[test]
fn add_then_list_round_trips_on_the_seeds() {
    let d = tempfile::tempdir().unwrap();
    let id = "001_4414b75bee7f8bf4";
    let text = cleaned(d.path(), id, &[]);
    let quote: String = text[text.find("Blinken said").unwrap()..]
        .chars()
        .take(60)
        .collect();
    let out = add(d.path(), id, &quote, "check this", &[]);
    assert!(out.contains(id));
    let all = listed(d.path());
    assert_eq!(all.len(), 1);
    let b = &all[0];
    keys_are_all_there(b);
    assert_eq!(b["article"], id);
    assert_eq!(b["quote"], quote.as_str());
    assert_eq!(b["note"], "check this");
    assert_eq!(b["status"], "anchored");
    let r = range(b);
    assert_eq!(&text[r.clone()], quote);
    assert!(text[..r.start].ends_with(b["prefix"].as_str().unwrap()));
    assert!(text[r.end..].starts_with(b["suffix"].as_str().unwrap()));
    assert_eq!(b["prefix"].as_str().unwrap().chars().count(), 32);
    let created = b["created"].as_str().unwrap();
    assert!(
        created.ends_with('Z') && created.as_bytes()[10] == b'T',
        "{created}"
    );
    // The file on disk carries a schema version.
    let file: Value =
        serde_json::from_str(&fs::read_to_string(d.path().join("bookmarks.json")).unwrap())
            .unwrap();
    assert_eq!(file["schema"], 1);
}

#[test]
fn no_note_is_null() {
    let d = tempfile::tempdir().unwrap();
    ok(parallax(
        d.path(),
        &["bookmarks", "add", "--article", SEED, "--quote", "Blinken"],
    ));
    let b = &listed(d.path())[0];
    keys_are_all_there(b);
    assert_eq!(b["note"], Value::Null);
}

#[test]
fn data_dir_from_the_environment() {
    let d = tempfile::tempdir().unwrap();
    let out = common::parallax(d.path())
        .args(["bookmarks", "add", "--article", SEED, "--quote", "Blinken"])
        .output()
        .unwrap();
    ok(out);
    assert!(d.path().join("bookmarks.json").exists());
}

#[test]
fn missing_quote_or_article_is_one_line_exit_1() {
    let d = tempfile::tempdir().unwrap();
    for args in [
        ["--article", SEED, "--quote", "no such words anywhere"],
        ["--article", "no_such_article", "--quote", "Blinken"],
        ["--article", SEED, "--quote", "   "],
    ] {
        let mut all = vec!["bookmarks", "add"];
        all.extend_from_slice(&args);
        let out = parallax(d.path(), &all);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("parallax: "), "{err}");
    }
    assert!(!d.path().join("bookmarks.json").exists());
}

#[test]
fn reanchors_against_edited_files() {
    let d = tempfile::tempdir().unwrap();
    let c = corpus(d.path());
    let cs = c.to_str().unwrap();
    let data = d.path();
    add(
        data,
        "council",
        "the budget for buses would be cut by ten percent",
        "edited",
        &[cs],
    );
    add(
        data,
        "council",
        "Residents protested outside the hall",
        "removed",
        &[cs],
    );
    add(
        data,
        "council",
        "A final vote on the budget is expected",
        "shifted",
        &[cs],
    );
    let find = |note: &str| -> Value {
        listed(data)
            .into_iter()
            .find(|b| b["note"] == note)
            .unwrap()
    };
    assert!(listed(data).iter().all(|b| b["status"] == "anchored"));

    // A paragraph inserted before, the quote slightly edited, another removed.
    let edited = [
        "An editor added this new opening paragraph after the story was first published online.",
        PARAS[0],
        "The mayor said the budget for buses would be cut by 10 percent, and that fares would stay the same.",
        PARAS[3],
    ];
    fs::write(c.join("council.txt"), article(&edited)).unwrap();
    let text = cleaned(data, "council", &[cs]);

    let shifted = find("shifted");
    assert_eq!(shifted["status"], "moved");
    assert_eq!(
        &text[range(&shifted)],
        "A final vote on the budget is expected"
    );

    let changed = find("edited");
    assert_eq!(changed["status"], "moved");
    assert_eq!(
        &text[range(&changed)],
        "the budget for buses would be cut by 10 percent"
    );
    assert_eq!(
        changed["quote"], "the budget for buses would be cut by ten percent",
        "the quote shown is the one kept"
    );

    let gone = find("removed");
    assert_eq!(gone["status"], "orphaned");
    assert_eq!(gone["start"], Value::Null);
    assert_eq!(gone["end"], Value::Null);
    keys_are_all_there(&gone);

    // The whole file gone: everything orphaned, nothing dropped.
    fs::remove_file(c.join("council.txt")).unwrap();
    let all = listed(data);
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|b| b["status"] == "orphaned"));
}

#[test]
fn twenty_concurrent_adds_lose_nothing() {
    let d = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..20)
        .map(|i| {
            parallax_cmd(d.path())
                .args(["bookmarks", "add", "--article", SEED, "--quote", "Blinken"])
                .arg("--note")
                .arg(format!("n{i}"))
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let all = listed(d.path());
    let mut notes: Vec<String> = all
        .iter()
        .map(|b| b["note"].as_str().unwrap().to_string())
        .collect();
    notes.sort();
    let mut want: Vec<String> = (0..20).map(|i| format!("n{i}")).collect();
    want.sort();
    assert_eq!(notes, want);
    let ids: std::collections::HashSet<_> = all.iter().map(|b| b["id"].clone()).collect();
    assert_eq!(ids.len(), 20);
    let leftovers: Vec<_> = fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn unparsable_file_is_kept_aside_and_never_overwritten() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("bookmarks.json");
    let garbage = "{\"schema\": 1, \"bookmarks\": [{\"id\": ";
    fs::write(&file, garbage).unwrap();
    let out = parallax(d.path(), &["bookmarks", "list"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("corrupt-"), "{err}");
    let aside: Vec<_> = fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("bookmarks.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read_to_string(&aside[0]).unwrap(), garbage);
    // Adding afterwards starts a fresh file; the kept one is untouched.
    add(d.path(), SEED, "Blinken", "after", &[]);
    assert_eq!(listed(d.path()).len(), 1);
    assert_eq!(fs::read_to_string(&aside[0]).unwrap(), garbage);
}

#[test]
fn export_groups_by_article() {
    let d = tempfile::tempdir().unwrap();
    let c = corpus(d.path());
    let cs = c.to_str().unwrap();
    for (article, quote, note) in [
        ("council", "Residents protested outside the hall", "crowd"),
        ("other", "people talked about it all day long", "talk"),
        (
            "council",
            "The city council met on Tuesday evening",
            "start",
        ),
    ] {
        add(d.path(), article, quote, note, &[cs]);
    }
    let md = ok(parallax(d.path(), &["bookmarks", "export"]));
    assert_eq!(
        md.matches("## Council debates transport budget").count(),
        1,
        "{md}"
    );
    assert_eq!(
        md.matches("## People talked about something else").count(),
        1
    );
    // Within an article, passages in reading order, each with its note.
    let first = md
        .find("> The city council met on Tuesday evening")
        .unwrap();
    let second = md.find("> Residents protested outside the hall").unwrap();
    assert!(first < second, "{md}");
    assert!(md[first..second].contains("Note: start"));
    assert!(md.contains("council.txt"), "source shown: {md}");
    assert_eq!(
        md,
        ok(parallax(
            d.path(),
            &["bookmarks", "export", "--format", "markdown"]
        ))
    );

    let exported = json(d.path(), &["bookmarks", "export", "--format", "json"]);
    assert_eq!(exported["bookmarks"].as_array().unwrap().len(), 3);
    assert_eq!(exported["bookmarks"], Value::Array(listed(d.path())));

    let bad = parallax(d.path(), &["bookmarks", "export", "--format", "pdf"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn list_is_newest_first() {
    let d = tempfile::tempdir().unwrap();
    for note in ["first", "second", "third"] {
        add(d.path(), SEED, "Blinken", note, &[]);
        // Creation times have millisecond resolution.
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let notes: Vec<Value> = listed(d.path())
        .into_iter()
        .map(|b| b["note"].clone())
        .collect();
    assert_eq!(notes, ["third", "second", "first"]);
    let text = ok(parallax(d.path(), &["bookmarks", "list"]));
    assert!(text.find("note: third").unwrap() < text.find("note: first").unwrap());
}

#[test]
fn listing_nothing_creates_nothing() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("not-yet");
    assert_eq!(
        json(&data, &["bookmarks", "list", "--json"]),
        serde_json::json!({"bookmarks": []})
    );
    assert!(ok(parallax(&data, &["bookmarks", "list"])).contains("no bookmarks"));
    assert!(!data.exists());
}

#[test]
fn newer_schema_is_refused_and_left_alone() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("bookmarks.json");
    let newer = "{\"schema\": 99, \"bookmarks\": []}\n";
    fs::write(&file, newer).unwrap();
    let out = parallax(
        d.path(),
        &["bookmarks", "add", "--article", SEED, "--quote", "Blinken"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("newer"));
    assert_eq!(fs::read_to_string(&file).unwrap(), newer);
}
