//! Every line of every bundled seed, checked: kept (as paragraph or heading),
//! taken as metadata (title, byline/date), or dropped with its reason.

use parallax::corpus::{Article, Corpus, Mode, ParagraphKind, load};

#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Kept as a body paragraph; `Some(text)` when debris is trimmed from it.
    Para(Option<&'static str>),
    Heading,
    Title,
    /// Byline/date line: metadata, neither in the text nor removed.
    Meta,
    Drop(&'static str),
}
use Expect::*;

const P: Expect = Para(None);

struct Seed {
    id: &'static str,
    lines: &'static [(usize, Expect)],
    title: &'static str,
    title_derived: bool,
    byline: Option<&'static str>,
    date: Option<&'static str>,
    outlet: Option<&'static str>,
}

const SEEDS: &[Seed] = &[
    Seed {
        id: "000_8fbffe7c2753c6fd",
        lines: &[
            (1, Title),
            (2, Drop("photo credit")), // "Antony BlinkenReuters"
            (4, P),
            (6, P),
            (8, P),
            (10, P),
            (12, P),
            (14, P),
            (16, P),
            (18, P),
            (20, P),
            (22, P),
            (24, P),
            (26, Drop("outlet notice")), // "(… desk is keeping you updated …)"
        ],
        title: "Antony Blinken",
        title_derived: false,
        byline: None,
        date: None,
        outlet: Some("Israel National News"),
    },
    Seed {
        id: "001_4414b75bee7f8bf4",
        lines: &[
            (1, Title),
            // The "( – " stub where the outlet's name was cut goes.
            (
                3,
                Para(Some("Secretary of State Antony Blinken hasn’t spoken")),
            ),
            (5, P),
            (7, P),
            (9, P),
            (11, P),
            (14, P),
            (16, P),
            (18, P),
            (20, P),
            (22, P),
            (24, P),
            (26, P),
            (28, P),
            (30, P),
            (32, P),
            (34, P),
            (36, P),
            (38, P),
            (40, P),
            (42, P),
            (44, Heading), // "‘Mutual exchange of Russian and American citizens’"
            (46, P),
            (48, P),
            (50, P),
            (52, P),
            (54, P),
            (56, P), // a parenthesised paragraph is still body
            (58, P),
            (60, Drop("related links")), // "See also:"
            (62, Drop("related links")), // its link line
            (65, Drop("media notice")),
            (67, Drop("related links")), // "Similar Posts"
        ],
        title: "Russia on Blinken’s Wish to Talk: Lavrov ‘Will Devote Attention to This Request When Time Allows’",
        title_derived: false,
        byline: None,
        date: None,
        outlet: None,
    },
    Seed {
        id: "002_786b114863f2ed96",
        lines: &[
            (1, P),
            (3, P),
            (5, Heading), // "US State Department conveyed message to Russians 'directly'"
            (7, P),
            (9, P),
            (11, P),
            (13, P),
            (15, P),
        ],
        // No headline: derived from the lead.
        title: "Russian Foreign Minister Sergey Lavrov has received US Secretary of State Antony…",
        title_derived: true,
        byline: None,
        date: None,
        outlet: None,
    },
    Seed {
        id: "003_14a793d0633638eb",
        lines: &[
            (1, Title),
            (3, Drop("widget error")), // "Oops!"
            (4, Drop("widget error")), // "Something went wrong."
            (5, Drop("widget error")), // "Please try again later."
            (6, Drop("widget error")),
            (7, Drop("widget error")),
            (8, Drop("widget error")),
            (11, P),
            (13, P),
            (15, P),
            (17, P),
            (19, P),
            (21, P),
            (23, P),
            (25, P),
            (27, P),
            (29, P),
            (31, P),
        ],
        title: "Blinken speaks with Russian foreign minister in latest outreach over Ukraine tensions",
        title_derived: false,
        byline: None,
        date: None,
        outlet: None,
    },
    Seed {
        id: "004_6d20c4f0056f7b80",
        lines: &[
            (1, Drop("site navigation")), // "Skip to main content"
            (2, Drop("site navigation")), // "Latest NewsPolitics"
            (4, Title),
            (6, Meta), // "By 03/02/2023 11:51 PMNo CommentsBy YidInfo Staff"
            (8, P),
            (10, P),
            (12, P),
            (14, P),
            (16, P),
            (18, P),
            (20, P),
            (22, P),
            (24, P),
            (26, P),
            (28, P),
            (30, P),
            (32, P),
            (34, P),
            (36, P),
            (38, P),
            (40, P),
            (42, P),
            (46, Drop("subscription prompt")), // "By providing your phone number…"
            (48, Drop("author box")),          // "bobby bracros"
            (50, Drop("author box")),          // "Author bobby bracros"
            (52, Drop("author box")),          // "More posts by bobby bracros"
            (54, Drop("comment prompt")),      // "Leave a Reply"
        ],
        title: "Short Meeting Between Blinken and Lavrov as US-Russia Tensions Rise",
        title_derived: false,
        byline: Some("YidInfo Staff"),
        date: Some("2023-03-02"),
        outlet: None,
    },
];

fn seeds() -> (Corpus, Vec<String>) {
    let docs = load::bundled();
    let raw: Vec<String> = docs.iter().map(|d| d.text.clone()).collect();
    (Corpus::from_documents(docs, Mode::Clean), raw)
}

/// The non-blank lines of a seed, with their 1-based numbers.
fn lines(raw: &str) -> Vec<(usize, &str)> {
    raw.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect()
}

/// The line without a list marker ("• Oops!" -> "Oops!").
fn unbulleted(line: &str) -> &str {
    line.strip_prefix("• ").unwrap_or(line)
}

fn is_paragraph(article: &Article, line: &str) -> bool {
    article
        .paragraphs
        .iter()
        .any(|p| &article.text[p.start..p.end] == line)
}

fn check(seed: &Seed, article: &Article, raw: &str) {
    let id = seed.id;
    let numbered = lines(raw);
    let expected: Vec<usize> = seed.lines.iter().map(|l| l.0).collect();
    let actual: Vec<usize> = numbered.iter().map(|l| l.0).collect();
    assert_eq!(
        expected, actual,
        "{id}: every non-blank line has an expectation"
    );

    // Kept lines, in order, are exactly the paragraphs.
    let mut paragraphs = article.paragraphs.iter();
    for (&(n, expect), &(_, line)) in seed.lines.iter().zip(&numbered) {
        let removed = article.removed.iter().find(|r| r.line == n);
        match expect {
            Para(_) | Heading => {
                let p = paragraphs
                    .next()
                    .unwrap_or_else(|| panic!("{id}:{n}: kept, but paragraphs ran out"));
                let text = &article.text[p.start..p.end];
                let kind = if matches!(expect, Heading) {
                    ParagraphKind::Heading
                } else {
                    ParagraphKind::Paragraph
                };
                assert_eq!(p.kind, kind, "{id}:{n}: kind of {text:?}");
                match expect {
                    Para(Some(start)) => {
                        assert!(text.starts_with(start), "{id}:{n}: {text:?}");
                        assert!(line.ends_with(text), "{id}:{n}: only the head is trimmed");
                    }
                    _ => assert_eq!(text, line, "{id}:{n}"),
                }
                assert!(removed.is_none(), "{id}:{n}: kept and removed");
            }
            Title => {
                assert_eq!(article.title.as_deref(), Some(line), "{id}:{n}: title");
                assert!(removed.is_none(), "{id}:{n}: title is not removed");
                assert!(!is_paragraph(article, line), "{id}:{n}: title not in text");
            }
            Meta => {
                assert!(removed.is_none(), "{id}:{n}: metadata is not removed");
                assert!(
                    !article.text.contains(line),
                    "{id}:{n}: metadata not in text"
                );
                assert!(
                    !is_paragraph(article, line),
                    "{id}:{n}: metadata not in text"
                );
            }
            Drop(reason) => {
                let r = removed.unwrap_or_else(|| panic!("{id}:{n}: {line:?} should be dropped"));
                assert_eq!(r.reason, reason, "{id}:{n}: reason for {line:?}");
                assert_eq!(r.text, line, "{id}:{n}");
                assert!(
                    !article.text.contains(unbulleted(line)),
                    "{id}:{n}: not in text"
                );
            }
        }
    }
    assert!(
        paragraphs.next().is_none(),
        "{id}: no paragraph from nowhere"
    );
    assert_eq!(
        article.removed.len(),
        seed.lines.iter().filter(|l| matches!(l.1, Drop(_))).count(),
        "{id}: nothing removed twice"
    );
    // Paragraphs tile the text, one blank line apart.
    let joined: Vec<&str> = article
        .paragraphs
        .iter()
        .map(|p| &article.text[p.start..p.end])
        .collect();
    assert_eq!(
        joined.join("\n\n"),
        article.text,
        "{id}: paragraphs tile the text"
    );

    assert_eq!(article.title.as_deref(), Some(seed.title), "{id}: title");
    assert_eq!(
        article.title_derived, seed.title_derived,
        "{id}: title_derived"
    );
    assert_eq!(article.byline.as_deref(), seed.byline, "{id}: byline");
    assert_eq!(article.date.as_deref(), seed.date, "{id}: date");
    assert_eq!(article.outlet.as_deref(), seed.outlet, "{id}: outlet");
}

#[test]
fn every_seed_line_is_kept_or_dropped_as_expected() {
    let (corpus, raw) = seeds();
    assert_eq!(corpus.articles.len(), SEEDS.len());
    for ((seed, article), raw) in SEEDS.iter().zip(&corpus.articles).zip(&raw) {
        assert_eq!(article.id, seed.id);
        check(seed, article, raw);
    }
}

#[test]
fn removed_lines_stand_before_the_paragraph_that_followed_them() {
    let (corpus, _) = seeds();
    let a = &corpus.articles[4]; // 004: furniture at the head and the tail
    let first = &a.removed[0];
    assert_eq!((first.line, first.before), (1, 0));
    let last = a.removed.last().unwrap();
    assert_eq!(last.before, a.paragraphs.len());
}
