//! The boilerplate cleaner: classifies every line of a scraped article as title,
//! byline/date, heading, body paragraph or boilerplate, and keeps a reason for
//! every line it removes.

use std::hash::{BuildHasher, Hasher};

use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

mod classify;
mod debris;
mod features;
mod rules;
pub(crate) mod units;

use classify::Class;
pub(crate) use features::Features;
use units::Unit;

use super::{meta, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Heading,
    Paragraph,
}

/// A kept block: a byte range into the cleaned text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub kind: ParagraphKind,
}

/// A removed line, with why it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// 1-based line number in the file as decoded.
    pub line: usize,
    pub text: String,
    pub reason: String,
    /// Index of the paragraph this line stood before (== paragraph count when
    /// it came after the last one): lets the reader show it where it was.
    #[serde(skip)]
    pub before: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub title_derived: bool,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removed>,
}

/// How many documents of the corpus each (normalised) line occurs in.
#[derive(Debug, Default, Clone)]
pub struct LineStats {
    docs: usize,
    counts: HashMap<u64, u32>,
}

impl LineStats {
    pub fn from_texts<'a>(texts: impl Iterator<Item = &'a str>) -> LineStats {
        let mut stats = LineStats::default();
        for t in texts {
            stats.docs += 1;
            let mut seen = foldhash::HashSet::default();
            for line in t.lines() {
                let key = line_key(line);
                if key != 0 && seen.insert(key) {
                    *stats.counts.entry(key).or_default() += 1;
                }
            }
        }
        stats
    }

    /// The same as `from_texts`, counted on every core.
    pub fn from_texts_parallel(texts: &[&str]) -> LineStats {
        use rayon::prelude::*;
        let counts = texts
            .par_iter()
            .fold(HashMap::new, |mut counts: HashMap<u64, u32>, t| {
                let mut keys: Vec<u64> = t.lines().map(line_key).filter(|&k| k != 0).collect();
                keys.sort_unstable();
                keys.dedup();
                for k in keys {
                    *counts.entry(k).or_default() += 1;
                }
                counts
            })
            .reduce(HashMap::new, |a, b| {
                let (mut a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
                for (k, n) in b {
                    *a.entry(k).or_default() += n;
                }
                a
            });
        LineStats {
            docs: texts.len(),
            counts,
        }
    }

    /// In how many documents this line occurs (cleaning asks `frequent_key`).
    #[cfg(test)]
    fn count(&self, line: &str) -> u32 {
        self.count_key(line_key(line))
    }

    fn count_key(&self, key: u64) -> u32 {
        self.counts.get(&key).copied().unwrap_or(0)
    }

    /// Whether the line of this key is furniture by its frequency: found in
    /// three articles or more, and in `REPEAT_SHARE` of them.
    fn frequent_key(&self, key: u64) -> bool {
        let n = self.count_key(key) as usize;
        n >= 3 && n as f32 >= self.docs as f32 * REPEAT_SHARE
    }

    /// Whether these statistics give the answers a cleaning had (so that its
    /// result holds for this corpus too).
    pub fn answers_hold(&self, answers: &[(u64, bool)]) -> bool {
        answers
            .iter()
            .all(|&(key, was)| self.frequent_key(key) == was)
    }
}

/// A line found in at least this share of a corpus's articles (and in three or
/// more) is furniture, unless it reads as a full sentence.
const REPEAT_SHARE: f32 = 0.05;

/// What one cleaning asked of the corpus-wide statistics: (line key, frequent?)
/// for each unit it asked about. Cleaning is a function of the input and these
/// answers alone, so the analysis cache keeps them with its entry and trusts the
/// entry while a corpus gives the same answers: adding an unrelated file keeps
/// it, a line of this article turning into furniture does not.
pub type Answers = Vec<(u64, bool)>;

/// The statistics as one cleaning asks them, each answer noted.
pub(crate) struct Asking<'s> {
    stats: &'s LineStats,
    answers: Answers,
}

impl Asking<'_> {
    /// Is this unit's text furniture by its frequency across the corpus?
    pub fn frequent(&mut self, text: &str) -> bool {
        let key = line_key(text);
        let answer = self.stats.frequent_key(key);
        self.answers.push((key, answer));
        answer
    }
}

/// Lines longer than this are prose, never counted as repeated furniture.
const LONGEST_REPEATED: usize = 1000;

/// A line's key bytes are hashed in chunks of this many (a line of at most
/// `LONGEST_REPEATED` ASCII bytes in one).
const KEY_CHUNK: usize = 1024;

/// A line lower-cased with its whitespace removed, gathered on the stack and
/// hashed a chunk at a time (foldhash, fixed seed). The cache stores these keys
/// with cleaning's answers: its entries carry a foldhash probe for that reason.
struct KeyBytes {
    buf: [u8; KEY_CHUNK],
    len: usize,
    flushed: bool,
    hasher: foldhash::fast::FoldHasher<'static>,
}

impl KeyBytes {
    fn new() -> KeyBytes {
        KeyBytes {
            buf: [0; KEY_CHUNK],
            len: 0,
            flushed: false,
            hasher: foldhash::fast::FixedState::with_seed(0).build_hasher(),
        }
    }

    fn push(&mut self, b: u8) {
        if self.len == KEY_CHUNK {
            self.hasher.write(&self.buf);
            self.len = 0;
            self.flushed = true;
        }
        self.buf[self.len] = b;
        self.len += 1;
    }

    /// 0 when nothing was pushed (a blank line has no key).
    fn finish(mut self) -> u64 {
        if self.len == 0 && !self.flushed {
            return 0;
        }
        self.hasher.write(&self.buf[..self.len]);
        self.hasher.finish().max(1)
    }
}

fn line_key(line: &str) -> u64 {
    if line.len() > LONGEST_REPEATED {
        return 0;
    }
    // This runs on every line of the corpus, twice: nothing is allocated, and
    // most lines take the byte loop.
    let mut key = KeyBytes::new();
    if line.is_ascii() {
        // Bytes are chars, and char::is_whitespace is \t..=\r and ' '. The line
        // fits one chunk: each byte is stored, and kept unless it is a space.
        for &b in line.as_bytes() {
            key.buf[key.len] = b.to_ascii_lowercase();
            key.len += usize::from(!matches!(b, b'\t'..=b'\r' | b' '));
        }
        return key.finish();
    }
    let mut utf8 = [0u8; 4];
    for c in line.chars() {
        if c.is_ascii() {
            if !c.is_whitespace() {
                key.push(c.to_ascii_lowercase() as u8);
            }
        } else if !c.is_whitespace() {
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut utf8).as_bytes() {
                    key.push(b);
                }
            }
        }
    }
    key.finish()
}

/// What became of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Body,
    Heading,
    /// The headline: metadata, neither in `text` nor in `removed`.
    Title,
    /// Byline or date line: metadata too.
    Meta,
    /// Dropped as furniture of a named kind (a rule, repetition, a second
    /// byline): never a headline.
    Named(&'static str),
    /// Dropped by the statistics, the reason saying where it stood.
    Drop(&'static str),
}

/// Cleans one article: splits it into units, classes them (rules, statistics,
/// context, main body), takes the metadata from the head, and assembles the text.
pub fn clean(input: &str, stats: &LineStats) -> Cleaned {
    clean_noting(input, stats).0
}

/// `clean`, with the answers it had from the corpus-wide statistics.
pub fn clean_noting(input: &str, stats: &LineStats) -> (Cleaned, Answers) {
    let mut asking = Asking {
        stats,
        answers: Vec::new(),
    };
    let units = units::split(input);
    let words = features::PageWords::new(&units);
    let function = words.function_words();
    let feats: Vec<Features> = (units.iter().enumerate())
        .map(|(i, u)| words.features(i, &u.text, &function))
        .collect();
    let initial = classify::initial(&units, &feats, &mut asking, function.len());
    let mut classes = initial.classes.clone();
    classify::context(&mut classes, &initial.inline);
    classify::follow_lists(&mut classes, &initial.list_lead);
    let (start, end) = classify::main_span(&initial, &classes, &feats);
    let rule_reasons = &initial.reasons;
    let mut verdicts: Vec<Verdict> = (0..units.len())
        .map(|i| {
            if let Some(r) = rule_reasons[i] {
                Verdict::Named(r)
            } else if classes[i] != Class::Good
                // Inside the main text, a middling paragraph is the article's.
                && !((start..end).contains(&i) && initial.classes[i] == Class::NearGood)
            {
                Verdict::Drop(generic_reason(i, start, end, &feats[i]))
            } else if i < start || i >= end {
                Verdict::Drop("outside the main text")
            } else if is_heading(&feats[i]) {
                Verdict::Heading
            } else {
                Verdict::Body
            }
        })
        .collect();
    let mut out = Cleaned::default();
    meta::extract(&units, &feats, &mut verdicts, &mut out);
    author_box(&units, &mut verdicts, out.byline.as_deref());
    inherit_reasons(&units, &mut verdicts);
    let mut answers = asking.answers;
    answers.sort_unstable();
    answers.dedup();
    (assemble(&units, &verdicts, out), answers)
}

/// `--raw`: the text exactly as decoded, paragraphs at blank lines.
pub fn raw(input: &str) -> Cleaned {
    Cleaned {
        text: input.to_string(),
        paragraphs: text::blocks(input)
            .into_iter()
            .map(|(start, end)| Paragraph {
                start,
                end,
                kind: ParagraphKind::Paragraph,
            })
            .collect(),
        ..Cleaned::default()
    }
}

/// A kept unit is a subheading when it is short and not a sentence.
fn is_heading(f: &Features) -> bool {
    f.words <= 15 && f.chars <= 120 && !f.sentence_end && !f.soft_end
}

/// Why a unit the statistics dropped went, from where it stood.
fn generic_reason(i: usize, start: usize, end: usize, f: &Features) -> &'static str {
    if i < start {
        if f.words <= 6 {
            "site navigation"
        } else {
            "page header"
        }
    } else if i >= end {
        if f.headline_shaped() && f.words >= 4 {
            "related links"
        } else {
            "page footer"
        }
    } else if f.chars < 70 {
        "caption or widget"
    } else {
        "not article text"
    }
}

/// How many of the last kept paragraphs may be the author's note.
const AUTHOR_BOX_REACH: usize = 2;

/// The last paragraphs naming the byline's author ("Meg James is a reporter
/// for ...", "Mike Wall's book ...") are the author box, not the article.
fn author_box(units: &[Unit<'_>], verdicts: &mut [Verdict], byline: Option<&str>) {
    let Some(name) = byline.filter(|b| b.split_whitespace().count() >= 2) else {
        return;
    };
    let last: Vec<usize> = (0..units.len())
        .rev()
        .filter(|&i| verdicts[i] == Verdict::Body)
        .take(AUTHOR_BOX_REACH)
        .collect();
    for i in last {
        if units[i].text.contains(name) {
            verdicts[i] = Verdict::Named("author box");
        }
    }
}

/// A short dropped line that repeats a neighbour's text shares its reason: the
/// "bobby bracros" above "Author bobby bracros" is part of the author box.
fn inherit_reasons(units: &[Unit<'_>], verdicts: &mut [Verdict]) {
    for i in 0..units.len() {
        let Verdict::Drop(_) = verdicts[i] else {
            continue;
        };
        let t = units[i].text.as_ref();
        if t.len() > 80 {
            continue;
        }
        let lo = i.saturating_sub(2);
        let hi = (i + 3).min(units.len());
        let found = (lo..hi).find_map(|j| match verdicts[j] {
            Verdict::Named(r) if units[j].text.len() > t.len() && units[j].text.contains(t) => {
                Some(r)
            }
            _ => None,
        });
        if let Some(r) = found {
            verdicts[i] = Verdict::Named(r);
        }
    }
}

fn assemble(units: &[Unit<'_>], verdicts: &[Verdict], mut out: Cleaned) -> Cleaned {
    let mut text = String::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut removed = Vec::new();
    for (u, v) in units.iter().zip(verdicts) {
        let kind = match v {
            Verdict::Body => ParagraphKind::Paragraph,
            Verdict::Heading => ParagraphKind::Heading,
            Verdict::Title | Verdict::Meta => continue,
            Verdict::Named(reason) | Verdict::Drop(reason) => {
                for (line, piece) in &u.pieces {
                    removed.push(Removed {
                        line: *line,
                        text: (*piece).to_string(),
                        reason: (*reason).to_string(),
                        before: paragraphs.len(),
                    });
                }
                continue;
            }
        };
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let (a, b) = debris::trim(&u.text);
        let start = text.len();
        text.push_str(&u.text[a..b]);
        paragraphs.push(Paragraph {
            start,
            end: text.len(),
            kind,
        });
    }
    out.text = text;
    out.paragraphs = paragraphs;
    out.removed = removed;
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_keys_ignore_case_and_spacing_and_parallel_counts_match() {
        use super::*;
        // Two lines share a key exactly when they are the same lower-cased
        // with their whitespace removed; a blank line has none.
        let norm = |line: &str| -> String {
            line.split_whitespace()
                .flat_map(|w| w.chars().flat_map(char::to_lowercase))
                .collect()
        };
        let long_upper = "\u{23a}".repeat(400);
        let long_mixed = format!("{}{}", "\u{23a}".repeat(200), "\u{2c65}".repeat(200));
        let lines = [
            "Share  this\tARTICLE",
            "sharethisarticle",
            "ÉTÉ à Paris",
            "étéàparis",
            " ",
            "",
            "\u{b}\u{a0}",
            "İstanbul",
            "i\u{307}stanbul",
            "a\u{b}b\u{c}C\r",
            "abc",
            "x\u{a0}Y",
            "xy",
            "\u{212a}elvin",
            "kelvin",
            long_upper.as_str(),
            long_mixed.as_str(),
            "\u{2c65}",
        ];
        for a in lines {
            assert_eq!(line_key(a) == 0, norm(a).is_empty(), "{a:?}");
            for b in lines {
                assert_eq!(
                    line_key(a) == line_key(b),
                    norm(a) == norm(b),
                    "{a:?} {b:?}"
                );
            }
        }
        assert_eq!(
            line_key("Share this article"),
            line_key("  share THIS article ")
        );
        let texts = ["Menu\nLogin\nA\n", "menu\nB\nB\n", "MENU\nLogin\n"];
        let seq = LineStats::from_texts(texts.iter().copied());
        let par = LineStats::from_texts_parallel(&texts);
        assert_eq!(par.docs, 3);
        for line in ["Menu", "Login", "A", "B", "C"] {
            assert_eq!(par.count(line), seq.count(line), "{line}");
        }
        assert_eq!(par.count("menu"), 3);
        assert_eq!(par.count("B"), 1);
    }

    use super::*;

    fn paragraphs(c: &Cleaned) -> Vec<&str> {
        c.paragraphs
            .iter()
            .map(|p| &c.text[p.start..p.end])
            .collect()
    }

    fn reason<'c>(c: &'c Cleaned, text: &str) -> Option<&'c str> {
        c.removed
            .iter()
            .find(|r| r.text == text)
            .map(|r| r.reason.as_str())
    }

    const BODY: &str = "The council voted on Tuesday to close the old bridge to cars, after engineers said that its steel frame had worn far more than expected.\n\
        Residents who cross it every day said they would have to drive an extra twenty minutes, and the shops near the bridge fear a quiet winter.\n\
        The mayor said a new bridge would be built within three years, and that buses would run across the river until it opens to traffic.\n";

    #[test]
    fn naive_dump_keeps_the_body_and_drops_menus_and_footer() {
        let page = format!(
            "Home\nNews\nSport\nWeather\nBridge to close to cars\n{BODY}Share\nMost Popular\nA teaser about something else entirely, which has nothing to do with it.\nContact us\n"
        );
        let c = clean(&page, &LineStats::default());
        assert_eq!(paragraphs(&c), BODY.lines().collect::<Vec<_>>());
        assert_eq!(c.title.as_deref(), Some("Bridge to close to cars"));
        assert_eq!(reason(&c, "Sport"), Some("site navigation"));
        assert_eq!(reason(&c, "Most Popular"), Some("related links"));
        assert!(reason(&c, "Contact us").is_some());
    }

    #[test]
    fn lines_repeated_across_a_corpus_are_furniture() {
        let page = format!("Subscribe to the Daily Bugle\n{BODY}");
        let others = [
            "Subscribe to the Daily Bugle\nOther news.",
            "Subscribe to the Daily Bugle",
        ];
        let texts = [page.as_str(), others[0], others[1], others[1]];
        let stats = LineStats::from_texts(texts.into_iter());
        assert_eq!(stats.count("subscribe to the  daily bugle"), 4);
        let c = clean(&page, &stats);
        assert!(
            c.removed
                .iter()
                .any(|r| r.text == "Subscribe to the Daily Bugle")
        );
        assert_eq!(paragraphs(&c).len(), 3);
    }

    #[test]
    fn hard_wrapped_paragraphs_become_one() {
        let page = "Bridge to close to cars\n\n\
            The council voted on Tuesday to close the old bridge to cars, after\n\
            engineers said that its steel frame had worn far more than expected.\n\n\
            Residents who cross it every day said they would have to drive an\n\
            extra twenty minutes, and the shops near the bridge fear a quiet one.\n";
        let c = clean(page, &LineStats::default());
        let p = paragraphs(&c);
        assert_eq!(p.len(), 2);
        assert!(p[0].contains("cars, after engineers said"));
        assert_eq!(c.title.as_deref(), Some("Bridge to close to cars"));
    }

    #[test]
    fn other_languages_need_no_english_stopwords() {
        let body = "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für Autos zu sperren, weil der Stahl stärker verschlissen ist als erwartet.\n\
            Die Anwohner, die sie täglich überqueren, müssen nun zwanzig Minuten länger fahren, und die Läden an der Brücke fürchten einen stillen Winter.\n\
            Der Bürgermeister sagte, eine neue Brücke werde in drei Jahren gebaut, und bis dahin führen Busse über den Fluss zur anderen Seite.\n";
        let page = format!(
            "Startseite\nPolitik\nWirtschaft\nSport\nBrücke wird für Autos gesperrt\n{body}Impressum\nKontakt\n"
        );
        let c = clean(&page, &LineStats::default());
        assert_eq!(paragraphs(&c), body.lines().collect::<Vec<_>>());
    }

    #[test]
    fn the_bylined_author_s_note_is_an_author_box() {
        let page = format!(
            "Bridge to close to cars\nBy Ann Lee\n{BODY}Ann Lee is a reporter for the Daily Bugle, covering the city council and its budget since 2015.\n"
        );
        let c = clean(&page, &LineStats::default());
        assert_eq!(c.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(paragraphs(&c), BODY.lines().collect::<Vec<_>>());
        assert!(c.removed.iter().any(|r| r.reason == "author box"));
    }

    #[test]
    fn a_comment_section_ends_the_article() {
        let page = format!(
            "{BODY}12 Comments\nI think the council is wrong about this, and the bridge could have been repaired for far less money than a new one.\n"
        );
        let c = clean(&page, &LineStats::default());
        assert_eq!(paragraphs(&c).len(), 3);
        assert_eq!(reason(&c, "12 Comments"), Some("comment prompt"));
    }
}
