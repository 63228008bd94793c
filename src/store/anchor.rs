//! Re-anchoring a stored passage in an article's current text, the way robust
//! annotation systems do (W3C TextQuoteSelector + TextPositionSelector; the scoring
//! follows the Hypothesis client): trust the stored range if the text is unchanged,
//! else look for the exact quote, else a fuzzy match (bounded edit distance) scored
//! by quote, prefix, suffix and nearness to the old place.
//!
//! Fuzzy matching never runs over the whole article: q-grams of the quote vote for
//! likely start positions in one linear pass, and the edit distance is computed only
//! in small windows around the best few (and around the old place).

use std::ops::Range;

use serde::Serialize;

use super::candidates::candidate_starts;
use super::fuzzy::{self, Hit};
use crate::corpus::text::{ceil_boundary, floor_boundary};

/// Where a bookmark stands against the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// At its stored range, unchanged.
    Anchored,
    /// Found elsewhere, or with its text slightly edited.
    Moved,
    /// Not found (or its article is gone): kept, shown as such.
    Orphaned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Anchored => "anchored",
            Status::Moved => "moved",
            Status::Orphaned => "orphaned",
        }
    }
}

/// What a bookmark stored about its passage.
#[derive(Debug, Clone, Copy)]
pub struct Selector<'a> {
    pub quote: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
    pub start: usize,
    pub end: usize,
    /// FNV-1a of the text the range was taken from.
    pub hash: u64,
}

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// Most edits tolerated, as a share of the quote's length (and an absolute cap,
/// as in the Hypothesis client): beyond that, a passage has been rewritten.
const MAX_ERROR_SHARE: f64 = 0.3;
const MAX_ERRORS: usize = 256;
/// Quotes longer than this (in chars) are located by their head and tail.
const WHOLE_QUOTE: usize = 128;
const END_CHARS: usize = 64;
/// Exact occurrences scored at most (the nearest to the old place).
const MAX_EXACT: usize = 64;

/// A fuzzy match counts only if its prefix or its suffix is at least this similar
/// to the stored one: without context, short quotes match unrelated text.
const CONTEXT_GATE: f64 = 0.6;

const QUOTE_WEIGHT: f64 = 50.0;
const PREFIX_WEIGHT: f64 = 20.0;
const SUFFIX_WEIGHT: f64 = 20.0;
const POSITION_WEIGHT: f64 = 2.0;

/// The up to `CONTEXT_CHARS` characters before and after `range`.
pub fn context(text: &str, range: &Range<usize>) -> (String, String) {
    (
        last_chars(&text[..range.start], CONTEXT_CHARS).to_string(),
        first_chars(&text[range.end..], CONTEXT_CHARS).to_string(),
    )
}

fn last_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Finds the passage in `text` (whose FNV-1a is `hash`): its current range and
/// status, or None when it is orphaned.
pub fn locate(text: &str, hash: u64, sel: &Selector) -> Option<(Range<usize>, Status)> {
    let stored = sel.start..sel.end;
    let valid = sel.start <= sel.end
        && sel.end <= text.len()
        && text.is_char_boundary(sel.start)
        && text.is_char_boundary(sel.end);
    if valid && (hash == sel.hash || text[stored.clone()] == *sel.quote) {
        return Some((stored, Status::Anchored));
    }
    if sel.quote.is_empty() {
        return None;
    }
    let scorer = Scorer::new(text, sel);
    // An exact match in its old context is taken at once; one out of context
    // competes with fuzzy matches (the passage edited in place, its words left
    // elsewhere), which themselves count only in context.
    let exact = exact(text, sel, &scorer);
    let found = match exact {
        Some((score, r)) if score.context >= CONTEXT_GATE => r,
        _ => {
            [exact, fuzzy_match(text, sel, &scorer)]
                .into_iter()
                .flatten()
                .max_by(|a, b| a.0.total.total_cmp(&b.0.total))?
                .1
        }
    };
    let status = if found == stored {
        Status::Anchored
    } else {
        Status::Moved
    };
    Some((found, status))
}

/// Every exact occurrence, the best by context and nearness.
fn exact(text: &str, sel: &Selector, scorer: &Scorer) -> Option<(Score, Range<usize>)> {
    let mut starts: Vec<usize> = text.match_indices(sel.quote).map(|(i, _)| i).collect();
    if starts.len() > MAX_EXACT {
        starts.sort_by_key(|&s| s.abs_diff(sel.start));
        starts.truncate(MAX_EXACT);
    }
    starts
        .into_iter()
        .map(|s| {
            let r = s..s + sel.quote.len();
            (scorer.score(&r, 1.0), r)
        })
        .max_by(|a, b| a.0.total.total_cmp(&b.0.total))
}

#[derive(Debug, Clone, Copy)]
struct Score {
    total: f64,
    /// The better of the prefix and suffix similarities.
    context: f64,
}

struct Scorer<'a> {
    text: &'a str,
    hint: usize,
    prefix: Vec<char>,
    suffix: Vec<char>,
}

impl<'a> Scorer<'a> {
    fn new(text: &'a str, sel: &Selector) -> Self {
        Scorer {
            text,
            hint: sel.start.min(text.len()),
            prefix: sel.prefix.chars().collect(),
            suffix: sel.suffix.chars().collect(),
        }
    }

    fn score(&self, r: &Range<usize>, quote_similarity: f64) -> Score {
        let before: Vec<char> = last_chars(&self.text[..r.start], self.prefix.len())
            .chars()
            .collect();
        let after: Vec<char> = first_chars(&self.text[r.end..], self.suffix.len())
            .chars()
            .collect();
        let nearness = 1.0 - r.start.abs_diff(self.hint) as f64 / self.text.len().max(1) as f64;
        let prefix = fuzzy::similarity(&self.prefix, &before);
        let suffix = fuzzy::similarity(&self.suffix, &after);
        Score {
            total: QUOTE_WEIGHT * quote_similarity
                + PREFIX_WEIGHT * prefix
                + SUFFIX_WEIGHT * suffix
                + POSITION_WEIGHT * nearness,
            context: prefix.max(suffix),
        }
    }
}

fn max_errors(chars: usize) -> usize {
    ((chars as f64 * MAX_ERROR_SHARE) as usize).min(MAX_ERRORS)
}

/// The best fuzzy match among windows around likely starts.
fn fuzzy_match(text: &str, sel: &Selector, scorer: &Scorer) -> Option<(Score, Range<usize>)> {
    let quote: Vec<char> = sel.quote.chars().collect();
    let k = max_errors(quote.len());
    if k == 0 {
        return None;
    }
    let bucket = bucket_width(sel.quote.len());
    let mut starts = vec![sel.start.min(text.len())];
    for s in candidate_starts(text.as_bytes(), sel.quote.as_bytes(), bucket) {
        if starts.iter().all(|&t| t.abs_diff(s) > bucket) {
            starts.push(s);
        }
    }
    let slack = 4 * k + 2 * bucket;
    starts
        .into_iter()
        .filter_map(|s| {
            let (r, d) = if quote.len() <= WHOLE_QUOTE {
                find_in_window(text, &quote, s, s + sel.quote.len(), slack, k)
                    .map(|(r, hit)| (r, hit.distance))?
            } else {
                head_and_tail(text, sel.quote, &quote, s, slack, k)?
            };
            let sim = 1.0 - d as f64 / quote.len() as f64;
            Some((scorer.score(&r, sim), r))
        })
        .filter(|(score, _)| score.context >= CONTEXT_GATE)
        .max_by(|a, b| a.0.total.total_cmp(&b.0.total))
}

/// `pattern` in the text around [from, to) ± `slack` bytes, within `max` edits:
/// its byte range and the hit.
fn find_in_window(
    text: &str,
    pattern: &[char],
    from: usize,
    to: usize,
    slack: usize,
    max: usize,
) -> Option<(Range<usize>, Hit)> {
    let lo = floor_boundary(text, from.saturating_sub(slack));
    let hi = ceil_boundary(text, to.saturating_add(slack));
    let window = &text[lo..hi];
    let offsets: Vec<usize> = window.char_indices().map(|(i, _)| i).collect();
    let chars: Vec<char> = window.chars().collect();
    let want_end = offsets.partition_point(|&o| lo + o < to);
    let hit = fuzzy::best_substring(pattern, &chars, want_end, max)?;
    let byte = |ci: usize| lo + offsets.get(ci).copied().unwrap_or(window.len());
    Some((byte(hit.start)..byte(hit.end), hit))
}

/// A long quote: its first and last `END_CHARS` located separately near the
/// expected ends, then the whole span checked with a banded edit distance.
fn head_and_tail(
    text: &str,
    quote_str: &str,
    quote: &[char],
    s: usize,
    slack: usize,
    k: usize,
) -> Option<(Range<usize>, usize)> {
    let head = &quote[..END_CHARS];
    let tail = &quote[quote.len() - END_CHARS..];
    let end_k = max_errors(END_CHARS);
    let head_bytes: usize = head.iter().map(|c| c.len_utf8()).sum();
    let tail_bytes: usize = tail.iter().map(|c| c.len_utf8()).sum();
    let expected_end = s + quote_str.len();
    let start = find_in_window(text, head, s, s + head_bytes, slack, end_k)
        .map_or(floor_boundary(text, s), |(r, _)| r.start);
    let end = find_in_window(
        text,
        tail,
        expected_end.saturating_sub(tail_bytes),
        expected_end,
        slack,
        end_k,
    )
    .map_or(floor_boundary(text, expected_end), |(r, _)| r.end);
    if end <= start {
        return None;
    }
    let found: Vec<char> = text[start..end].chars().collect();
    let d = fuzzy::banded(quote, &found, k)?;
    Some((start..end, d))
}

fn bucket_width(quote_bytes: usize) -> usize {
    (quote_bytes / 8).max(16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::text::fnv1a;

    struct Stored {
        quote: String,
        prefix: String,
        suffix: String,
        range: Range<usize>,
        hash: u64,
    }

    fn take(text: &str, quote: &str) -> Stored {
        let start = text.find(quote).unwrap();
        let range = start..start + quote.len();
        let (prefix, suffix) = context(text, &range);
        Stored {
            quote: quote.into(),
            prefix,
            suffix,
            range,
            hash: fnv1a(text.as_bytes()),
        }
    }

    fn find(text: &str, s: &Stored) -> Option<(Range<usize>, Status)> {
        let sel = Selector {
            quote: &s.quote,
            prefix: &s.prefix,
            suffix: &s.suffix,
            start: s.range.start,
            end: s.range.end,
            hash: s.hash,
        };
        locate(text, fnv1a(text.as_bytes()), &sel)
    }

    const BASE: &str = "The council met on Tuesday.\n\nThe mayor said the budget would be cut by ten percent next year.\n\nResidents protested outside the hall until late in the evening.";

    #[test]
    fn context_is_on_char_boundaries() {
        let text =
            "ééééééééééééééééééééééééééééééééééé quote ààààààààààààààààààààààààààààààààààààà";
        let start = text.find("quote").unwrap();
        let (p, s) = context(text, &(start..start + 5));
        assert_eq!(p.chars().count(), 32);
        assert_eq!(s.chars().count(), 32);
        assert!(p.ends_with("é "));
        assert_eq!(context("ab", &(0..2)), (String::new(), String::new()));
    }

    #[test]
    fn unchanged_text_is_anchored() {
        let s = take(BASE, "budget would be cut");
        assert_eq!(find(BASE, &s), Some((s.range.clone(), Status::Anchored)));
    }

    #[test]
    fn paragraph_inserted_before_moves_it() {
        let s = take(BASE, "budget would be cut");
        let edited = format!("A new lead paragraph was added here.\n\n{BASE}");
        let (r, st) = find(&edited, &s).unwrap();
        assert_eq!(st, Status::Moved);
        assert_eq!(&edited[r], "budget would be cut");
    }

    #[test]
    fn slight_edit_moves_it() {
        let s = take(
            BASE,
            "The mayor said the budget would be cut by ten percent next year.",
        );
        let edited = BASE.replace("ten percent", "10 percent");
        let (r, st) = find(&edited, &s).unwrap();
        assert_eq!(st, Status::Moved);
        assert_eq!(
            &edited[r],
            "The mayor said the budget would be cut by 10 percent next year."
        );
    }

    #[test]
    fn gone_is_orphaned() {
        let s = take(BASE, "Residents protested outside the hall until late");
        let edited = BASE.replace(
            "Residents protested outside the hall until late in the evening.",
            "Nothing else happened.",
        );
        assert_eq!(find(&edited, &s), None);
    }

    #[test]
    fn repeated_quote_uses_context_then_nearness() {
        let text = "Alpha says yes. Beta says yes. Gamma says yes.";
        let start = text.find("Beta says").unwrap() + 5;
        let range = start..start + 9;
        assert_eq!(&text[range.clone()], "says yes.");
        let (prefix, suffix) = context(text, &range);
        let s = Stored {
            quote: "says yes.".into(),
            prefix,
            suffix,
            range,
            hash: fnv1a(text.as_bytes()),
        };
        // Everything shifted by a long insertion at the very start: context decides.
        let edited = format!("{}{text}", "Intro. ".repeat(3));
        let (r, st) = find(&edited, &s).unwrap();
        assert_eq!(st, Status::Moved);
        assert_eq!(r.start, start + 21);
    }

    #[test]
    fn long_quote_with_edits_in_a_long_text() {
        let para = |i: usize| {
            format!(
                "Paragraph {i} tells of the {} committee, which met {} times and argued over item {}.",
                ["finance", "housing", "transport"][i % 3],
                i * 7 % 13,
                i * 31 % 97
            )
        };
        let body: Vec<String> = (0..2000).map(para).collect();
        let text = body.join("\n\n");
        let quote = format!("{}\n\n{}\n\n{}", para(1500), para(1501), para(1502));
        let s = take(&text, &quote);
        let mut edited_body = body.clone();
        edited_body.insert(10, "An inserted paragraph near the top.".into());
        edited_body[1502] = para(1501).replace("argued over", "fought about");
        let edited = edited_body.join("\n\n");
        let (r, st) = find(&edited, &s).unwrap();
        assert_eq!(st, Status::Moved);
        assert!(
            edited[r.clone()].starts_with(&para(1500)),
            "{}",
            &edited[r.clone()]
        );
        assert!(edited[r].ends_with(&para(1502)));
    }

    #[test]
    fn stale_offsets_never_panic() {
        let s = Stored {
            quote: "é".into(),
            prefix: String::new(),
            suffix: String::new(),
            range: 1..3,
            hash: 0,
        };
        assert_eq!(find("aé", &s), Some((1..3, Status::Anchored)));
        assert_eq!(find("éa", &s).map(|x| x.1), Some(Status::Moved));
        assert_eq!(find("", &s), None);
    }
}
/// Every paragraph of the seeds, bookmarked, then edited (8% of its characters
/// replaced, a paragraph inserted just before it) or removed.
#[cfg(test)]
mod seeds {
    use super::*;
    use crate::corpus::text::fnv1a;
    use crate::corpus::{Corpus, Mode};

    #[test]
    fn seed_paragraphs_edited_are_found_and_removed_are_orphaned() {
        let corpus = Corpus::open(&[], Mode::Clean);
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut random = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n as u64) as usize
        };
        let inserted = "A paragraph added later by an editor, just before the passage.\n\n";
        let (mut total, mut found, mut false_hits) = (0, 0, 0);
        for a in &corpus.articles {
            for (i, p) in a.paragraphs.iter().enumerate() {
                let r = p.start..p.end;
                let (prefix, suffix) = context(&a.text, &r);
                let quote = &a.text[r.clone()];
                let sel = Selector {
                    quote,
                    prefix: &prefix,
                    suffix: &suffix,
                    start: r.start,
                    end: r.end,
                    hash: a.hash,
                };
                total += 1;

                let mut chars: Vec<char> = quote.chars().collect();
                for _ in 0..(chars.len() * 8 / 100).max(1) {
                    let at = random(chars.len());
                    chars[at] = 'x';
                }
                let new_quote: String = chars.into_iter().collect();
                let edited = format!(
                    "{}{inserted}{new_quote}{}",
                    &a.text[..r.start],
                    &a.text[r.end..]
                );
                let want = r.start + inserted.len()..r.start + inserted.len() + new_quote.len();
                if let Some((got, Status::Moved)) = locate(&edited, fnv1a(edited.as_bytes()), &sel)
                    && got.start.abs_diff(want.start) <= 2
                    && got.end.abs_diff(want.end) <= 2
                {
                    found += 1;
                }

                let mut rest: Vec<&str> = (0..a.paragraphs.len())
                    .map(|k| a.paragraph_text(k))
                    .collect();
                rest.remove(i);
                let gone = rest.join("\n\n");
                if let Some((got, _)) = locate(&gone, fnv1a(gone.as_bytes()), &sel)
                    && !gone[got].contains(quote)
                {
                    false_hits += 1;
                }
            }
        }
        assert!(total > 50);
        assert!(found * 100 >= total * 95, "{found}/{total} found");
        assert_eq!(false_hits, 0, "removed passages matched elsewhere");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever was stored and whatever the text became: no panic, and a range
        /// found is on char boundaries inside the text.
        #[test]
        fn never_panics_and_ranges_are_valid(
            text in "[a-cé😀 \n]{0,200}",
            old in "[a-cé😀 \n]{0,200}",
            a in 0usize..220,
            b in 0usize..220,
            prefix in "[a-cé ]{0,8}",
            suffix in "[a-cé ]{0,8}",
            hash in any::<u64>(),
        ) {
            let (s, e) = (
                crate::corpus::text::floor_boundary(&old, a.min(b)),
                crate::corpus::text::floor_boundary(&old, a.max(b)),
            );
            let sel = Selector {
                quote: &old[s..e],
                prefix: &prefix,
                suffix: &suffix,
                start: a.min(b),
                end: a.max(b),
                hash,
            };
            if let Some((r, _)) = locate(&text, hash ^ 1, &sel) {
                prop_assert!(r.start <= r.end && r.end <= text.len());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
    }
}
