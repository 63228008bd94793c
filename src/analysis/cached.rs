//! What the analysis cache keeps per article: the cleaned article (without the
//! file's id and path, which belong to where the text was found) and the
//! mentions recognised in it, before the corpus-wide resolution.
//!
//! The key is a hash of the decoded text, the mode and whether entities were
//! wanted. The result also depends on the corpus-wide line statistics, through
//! the few answers cleaning had from them (`clean::Answers`): the entry keeps
//! them, and is used only while the corpus gives the same answers (so no
//! question is asked twice: neither a first run, which writes the entries, nor
//! a second, which checks them, splits an article more than once). parallax's
//! version is checked by `store::cache` itself. A loaded entry is also checked
//! for ranges that fit its text before it is used.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Options;
use crate::corpus::Mode;
use crate::corpus::clean::{Answers, Cleaned, LineStats, Paragraph, ParagraphKind, Removed};
use crate::entities::EntityKind;
use crate::entities::recognize::Found;
use crate::store::cache::digest;

/// The cache key of one article's analysis.
pub(super) fn key(input: &str, options: Options) -> u64 {
    let flags = [
        u8::from(options.mode == Mode::Raw),
        u8::from(options.entities),
    ];
    digest(&[&flags, input.as_bytes()])
}

/// (start, end, heading?)
type ParagraphOut = (usize, usize, bool);
/// (line, text, reason, before)
type RemovedOut<'a> = (usize, Cow<'a, str>, Cow<'a, str>, usize);
/// (start, end, kind: 0 person, 1 place, 2 organisation, 3 other)
type FoundOut = (usize, usize, u8);

/// Borrowed from the article when written, owned when read back.
#[derive(Serialize, Deserialize)]
pub(super) struct Entry<'a> {
    title: Option<Cow<'a, str>>,
    title_derived: bool,
    byline: Option<Cow<'a, str>>,
    date: Option<Cow<'a, str>>,
    outlet: Option<Cow<'a, str>>,
    text: Cow<'a, str>,
    paragraphs: Vec<ParagraphOut>,
    removed: Vec<RemovedOut<'a>>,
    found: Vec<FoundOut>,
    answers: Cow<'a, [(u64, bool)]>,
}

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organization,
    EntityKind::Other,
];

impl<'a> Entry<'a> {
    pub(super) fn new(c: &'a Cleaned, found: &[Found], answers: &'a Answers) -> Entry<'a> {
        let borrow = |s: &'a Option<String>| s.as_deref().map(Cow::Borrowed);
        Entry {
            title: borrow(&c.title),
            title_derived: c.title_derived,
            byline: borrow(&c.byline),
            date: borrow(&c.date),
            outlet: borrow(&c.outlet),
            text: Cow::Borrowed(&c.text),
            paragraphs: c
                .paragraphs
                .iter()
                .map(|p| (p.start, p.end, p.kind == ParagraphKind::Heading))
                .collect(),
            removed: c
                .removed
                .iter()
                .map(|r| {
                    (
                        r.line,
                        r.text.as_str().into(),
                        r.reason.as_str().into(),
                        r.before,
                    )
                })
                .collect(),
            found: found
                .iter()
                .map(|f| {
                    let kind = KINDS.iter().position(|k| *k == f.kind).unwrap_or(3);
                    (f.start, f.end, kind as u8)
                })
                .collect(),
            answers: Cow::Borrowed(answers),
        }
    }

    /// Back to a cleaned article and its mentions; None if `stats` would not
    /// give the answers it was cleaned with, or if any range does not fit the
    /// text (an entry to rebuild, not to trust).
    pub(super) fn into_parts(self, stats: &LineStats) -> Option<(Cleaned, Vec<Found>)> {
        if !stats.answers_hold(&self.answers) {
            return None;
        }
        let text = self.text.into_owned();
        let fits = |s: usize, e: usize| {
            s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
        };
        let paragraphs = self
            .paragraphs
            .into_iter()
            .map(|(start, end, heading)| {
                fits(start, end).then_some(Paragraph {
                    start,
                    end,
                    kind: if heading {
                        ParagraphKind::Heading
                    } else {
                        ParagraphKind::Paragraph
                    },
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let found = self
            .found
            .into_iter()
            .map(|(start, end, kind)| {
                (fits(start, end) && start < end).then_some(())?;
                Some(Found {
                    start,
                    end,
                    kind: *KINDS.get(usize::from(kind))?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let removed = self
            .removed
            .into_iter()
            .map(|(line, text, reason, before)| Removed {
                line,
                text: text.into_owned(),
                reason: reason.into_owned(),
                before,
            })
            .collect();
        let owned = |s: Option<Cow<'_, str>>| s.map(Cow::into_owned);
        let cleaned = Cleaned {
            title: owned(self.title),
            title_derived: self.title_derived,
            byline: owned(self.byline),
            date: owned(self.date),
            outlet: owned(self.outlet),
            text,
            paragraphs,
            removed,
        };
        Some((cleaned, found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::clean;

    #[test]
    fn round_trips_and_rejects_ranges_outside_the_text() {
        let mut cleaned =
            clean::raw("Foreign Minister Sergey Lavrov met Antony Blinken in Geneva on Friday.");
        cleaned.title = Some("Talks".into());
        cleaned.removed.push(Removed {
            line: 3,
            text: "Share this".into(),
            reason: "share buttons".into(),
            before: 1,
        });
        let found = crate::entities::recognize::recognize(&cleaned.text);
        assert!(!found.is_empty());
        let stats = LineStats::default();
        let none = Vec::new();
        let (back, f) = Entry::new(&cleaned, &found, &none)
            .into_parts(&stats)
            .unwrap();
        assert_eq!(back, cleaned);
        assert_eq!(f, found);
        let mut bad = Entry::new(&cleaned, &found, &none);
        bad.found[0].1 = cleaned.text.len() + 5;
        assert!(bad.into_parts(&stats).is_none());
    }

    #[test]
    fn key_follows_text_and_mode() {
        let o = Options::default();
        let k = key("A\nB\n", o);
        assert_eq!(k, key("A\nB\n", o));
        assert_ne!(k, key("A\nC\n", o));
        let raw = Options {
            mode: Mode::Raw,
            ..o
        };
        assert_ne!(k, key("A\nB\n", raw));
    }

    #[test]
    fn an_entry_holds_while_the_corpus_answers_the_same() {
        let text =
            "Gazette Weekly Edition\nBody text of the article, long enough to be a paragraph.\n";
        let rare = LineStats::from_texts_parallel(&[text, "Other\nx\n", "Else\ny\n"]);
        let (cleaned, answers) = clean::clean_noting(text, &rare);
        assert!(answers.iter().any(|&(_, frequent)| !frequent));
        let entry = || Entry::new(&cleaned, &[], &answers);
        // An unrelated article added: the same answers.
        let more = LineStats::from_texts_parallel(&[text, "Other\nx\n", "Else\ny\n", "New\n"]);
        assert!(entry().into_parts(&more).is_some());
        // Its first line turned furniture across the corpus: the entry no longer
        // holds.
        let menus: Vec<&str> = vec!["Gazette Weekly Edition\nx\n"; 5];
        let frequent = LineStats::from_texts_parallel(&menus);
        assert!(entry().into_parts(&frequent).is_none());
    }
}
