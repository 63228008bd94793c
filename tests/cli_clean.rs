//! `parallax clean` on the real binary: the contract's JSON, hostile input, exit codes.

mod common;

use std::path::Path;
use std::process::Output;

use common::json;

/// `parallax ARGS` run in `cwd`, its data in `cwd/data`.
fn parallax(args: &[&str], cwd: &Path) -> Output {
    common::parallax(&cwd.join("data"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run parallax")
}

const ARTICLE_KEYS: &[&str] = &[
    "id",
    "path",
    "title",
    "title_derived",
    "byline",
    "date",
    "outlet",
    "text",
    "paragraphs",
    "removed",
];

#[test]
fn bundled_seeds_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(&parallax(&["clean", "--json"], dir.path()));
    let articles = v["articles"].as_array().unwrap();
    let ids: Vec<&str> = articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "000_8fbffe7c2753c6fd",
            "001_4414b75bee7f8bf4",
            "002_786b114863f2ed96",
            "003_14a793d0633638eb",
            "004_6d20c4f0056f7b80"
        ]
    );
    for a in articles {
        for key in ARTICLE_KEYS {
            assert!(a.get(key).is_some(), "{key} missing in {}", a["id"]);
        }
        let text = a["text"].as_str().unwrap();
        let paras = a["paragraphs"].as_array().unwrap();
        assert!(!paras.is_empty());
        // Paragraphs tile the text, separated by exactly one blank line.
        let mut expect_start = 0;
        for p in paras {
            let (s, e) = (
                p["start"].as_u64().unwrap() as usize,
                p["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(s, expect_start);
            let body = &text[s..e];
            assert_eq!(body.trim(), body);
            assert!(!body.contains("\n\n"));
            assert!(["heading", "paragraph"].contains(&p["kind"].as_str().unwrap()));
            expect_start = e + 2;
        }
        assert_eq!(expect_start - 2, text.len());
        for r in a["removed"].as_array().unwrap() {
            assert!(r["line"].as_u64().unwrap() >= 1);
            assert!(!r["reason"].as_str().unwrap().is_empty());
        }
    }
}

#[test]
fn plain_output_is_title_blank_line_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "A Headline About The Harbour\n\nThe harbour reopened on Monday after a week of storms, officials said, and the first ferries left on time.\n",
    )
    .unwrap();
    let out = parallax(&["clean", "a.txt"], dir.path());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("A Headline About The Harbour\n\nThe harbour reopened"),
        "{text}"
    );
}

/// A folder of hostile files: the readable ones load, the rest are reported.
#[test]
fn hostile_files_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("in");
    std::fs::create_dir(&d).unwrap();
    let para = "The city council met on Tuesday evening and voted to extend the night bus service for another year, the mayor said.";
    std::fs::write(d.join("binary.txt"), b"\x7fELF\0\0\x01\x02binary").unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    let mut latin1 = b"Transit Plan For Montr\xe9al\n\n".to_vec();
    latin1.extend_from_slice(b"Le maire de Montr\xe9al a annonc\xe9 mardi un nouveau plan pour les transports en commun de la ville, qui doit entrer en vigueur l'ann\xe9e prochaine.\n");
    std::fs::write(d.join("latin1.txt"), latin1).unwrap();
    std::fs::write(
        d.join("crlf.txt"),
        format!("\u{feff}Council Extends Night Buses\r\n\r\n{para}\r\n\r\n{para}\r\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("bidi.md"),
        format!(
            "Hidden Characters Story\n\n{}\n",
            para.replace("council", "coun\u{200b}cil\u{202e}")
        ),
    )
    .unwrap();
    let big = format!("{} ", para).repeat(6_000_000 / (para.len() + 1));
    std::fs::write(d.join("big.text"), big).unwrap();
    std::fs::write(d.join("ignored.html"), "<p>not read</p>").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();

    let out = parallax(&["clean", "--json", "in"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let v = json(&out);
    let ids: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["bidi", "big", "crlf", "latin1"]);
    assert!(stderr.contains("binary.txt: binary"), "{stderr}");
    assert!(stderr.contains("empty.txt: empty"), "{stderr}");
    assert!(
        stderr.contains("latin1.txt: not valid UTF-8; read as Windows-1252"),
        "{stderr}"
    );
    #[cfg(unix)]
    assert!(stderr.contains("dangling.txt: not found"), "{stderr}");
    assert!(!stderr.contains("ignored.html"));

    let all = |id: &str| {
        let a = v["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap();
        format!(
            "{}\n{}",
            a["title"].as_str().unwrap_or(""),
            a["text"].as_str().unwrap()
        )
    };
    assert!(all("latin1").contains("Montréal"));
    assert!(all("crlf").contains("night bus") && !all("crlf").contains('\r'));
    assert!(!all("crlf").contains('\u{feff}'));
    let bidi = all("bidi");
    assert!(bidi.contains("council") && !bidi.contains('\u{202e}') && !bidi.contains('\u{200b}'));
    assert!(all("big").len() > 5_000_000);
}

#[test]
fn nothing_readable_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = parallax(&["clean", "no/such/folder"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/folder: not found"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn bad_usage_exits_2_and_help_works() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        parallax(&["clean", "--no-such-flag"], dir.path())
            .status
            .code(),
        Some(2)
    );
    let help = parallax(&["clean", "--help"], dir.path());
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--json"));
}

/// `parallax clean | head`: a reader that goes away is not an error.
#[test]
fn closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let big = "The council voted on Tuesday to extend the night bus service, the mayor said.\n\n"
        .repeat(20_000);
    std::fs::write(dir.path().join("a.txt"), big).unwrap();
    let mut child = common::parallax(&dir.path().join("data"))
        .args(["clean", "a.txt"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the pipe closes while parallax still writes.
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
