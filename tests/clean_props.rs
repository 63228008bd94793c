//! Property tests of the cleaner: it never panics, and everything it keeps or
//! removes comes from the input, at valid byte offsets.

use parallax::corpus::clean::{self, LineStats};
use parallax::corpus::text::normalize;
use proptest::prelude::*;

/// Whitespace runs collapsed to one space (hard-wrapped lines are joined).
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check(input: &str) {
    let text = normalize(input);
    let stats = LineStats::from_texts([text.as_str()].into_iter());
    let c = clean::clean(&text, &stats);
    let source = squash(&text);
    let mut pieces = Vec::new();
    for p in &c.paragraphs {
        assert!(p.start <= p.end && p.end <= c.text.len());
        assert!(c.text.is_char_boundary(p.start) && c.text.is_char_boundary(p.end));
        let piece = &c.text[p.start..p.end];
        assert!(!piece.trim().is_empty(), "empty paragraph");
        assert!(
            source.contains(&squash(piece)),
            "{piece:?} is not from the input"
        );
        pieces.push(piece);
    }
    assert_eq!(pieces.join("\n\n"), c.text, "paragraphs tile the text");
    let lines: Vec<&str> = text.lines().collect();
    for r in &c.removed {
        assert_eq!(
            lines[r.line - 1].trim(),
            r.text,
            "removed line {} as in the input",
            r.line
        );
        assert!(r.before <= c.paragraphs.len());
        assert!(!r.reason.is_empty());
    }
    if let Some(t) = &c.title
        && !c.title_derived
    {
        assert!(
            source.contains(&squash(t)),
            "title {t:?} is not from the input"
        );
    }
}

/// Lines that look like the pages the cleaner meets.
fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Skip to main content".to_string()),
        Just("( – ".to_string()),
        Just("• Oops!".to_string()),
        Just("By 03/02/2023 11:51 PMNo CommentsBy Staff".to_string()),
        Just("© 2019 Example, All Rights Reserved.".to_string()),
        Just("[ 12 comments ]".to_string()),
        Just("See also:".to_string()),
        "[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){0,3}",
        "(\\( – )?[A-Z][a-z]{1,8}( (the|of|and|a|in|to|[a-z]{2,9}),?){8,40}\\.",
        "https?://[a-z]{3,8}\\.[a-z]{2,3}/[a-z0-9]{0,8}",
        "\\PC{0,80}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC*") {
        check(&s);
    }

    #[test]
    fn never_panics_on_arbitrary_lines(lines in prop::collection::vec("[ \\t]*\\PC{0,40}[ \\t]*", 0..30)) {
        check(&lines.join("\n"));
    }

    #[test]
    fn keeps_only_input_on_page_like_text(lines in prop::collection::vec(page_line(), 0..60)) {
        check(&lines.join("\n"));
    }
}
