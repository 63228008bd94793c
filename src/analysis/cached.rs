//! What the analysis cache keeps per article: the cleaned article (without the
//! file's id and path, which belong to where the text was found) and the
//! mentions recognised in it, before the corpus-wide resolution.
//!
//! The key is a hash of everything that result depends on: the decoded text, the
//! mode, whether entities were wanted, and the article's answers from the
//! corpus-wide line statistics (`clean::stats_fingerprint`). parallax's version is
//! checked by `store::cache` itself. A loaded entry is also checked for ranges
//! that fit its text before it is used.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Options;
use crate::corpus::Mode;
use crate::corpus::clean::{self, Cleaned, LineStats, Paragraph, ParagraphKind, Removed};
use crate::entities::EntityKind;
use crate::entities::recognize::Found;
use crate::store::cache::digest;

/// The cache key of one article's analysis.
pub(super) fn key(input: &str, stats: &LineStats, options: Options) -> u64 {
    let fingerprint = match options.mode {
        Mode::Clean => clean::stats_fingerprint(input, stats),
        Mode::Raw => 0,
    };
    let flags = [
        u8::from(options.mode == Mode::Raw),
        u8::from(options.entities),
    ];
    digest(&[&flags, &fingerprint.to_le_bytes(), input.as_bytes()])
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
}

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organization,
    EntityKind::Other,
];

impl<'a> Entry<'a> {
    pub(super) fn new(c: &'a Cleaned, found: &[Found]) -> Entry<'a> {
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
        }
    }

    /// Back to a cleaned article and its mentions; None if any range does not
    /// fit the text (an entry to rebuild, not to trust).
    pub(super) fn into_parts(self) -> Option<(Cleaned, Vec<Found>)> {
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
        let (back, f) = Entry::new(&cleaned, &found).into_parts().unwrap();
        assert_eq!(back, cleaned);
        assert_eq!(f, found);
        let mut bad = Entry::new(&cleaned, &found);
        bad.found[0].1 = cleaned.text.len() + 5;
        assert!(bad.into_parts().is_none());
    }

    #[test]
    fn key_follows_text_mode_and_statistics() {
        let stats = LineStats::default();
        let o = Options::default();
        let k = key("A\nB\n", &stats, o);
        assert_eq!(k, key("A\nB\n", &stats, o));
        assert_ne!(k, key("A\nC\n", &stats, o));
        let raw = Options {
            mode: Mode::Raw,
            ..o
        };
        assert_ne!(k, key("A\nB\n", &stats, raw));
        // "Menu" turning into furniture across the corpus changes the key.
        let text = "Menu\nBody text of the article.\n";
        let many: Vec<&str> = vec!["Menu\nx\n"; 5];
        let frequent = LineStats::from_texts_parallel(&many);
        assert_ne!(key(text, &stats, o), key(text, &frequent, o));
    }
}
