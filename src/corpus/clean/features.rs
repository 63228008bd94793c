//! Text statistics of a unit: length, function-word and punctuation density,
//! capitalisation, link-like tokens. Function words are learnt from the page
//! itself (the short lowercase words its prose lines share), so the statistics
//! work in any language that separates words with spaces, not only English.

use std::borrow::Cow;

use foldhash::HashMap;

use super::units::Unit;

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Features {
    pub chars: usize,
    pub words: usize,
    /// Words that are the page's function words.
    pub func: usize,
    /// Words starting with a lowercase / uppercase letter.
    pub lower: usize,
    pub upper: usize,
    /// Sentence punctuation marks (. , ; : ! ? and their CJK forms).
    pub punct: usize,
    /// Ends like a sentence (. ! ? … or a closing quote after one).
    pub sentence_end: bool,
    /// Ends with , ; or : (a lead-in, not a heading).
    pub soft_end: bool,
    /// Cut short with an ellipsis ("...", "…"): a teaser, not a paragraph.
    pub truncated: bool,
    /// URLs, e-mail addresses, @handles.
    pub links: usize,
}

impl Features {
    pub fn func_density(&self) -> f32 {
        ratio(self.func, self.words)
    }
    pub fn lower_ratio(&self) -> f32 {
        ratio(self.lower, self.lower + self.upper)
    }
    /// Headline-shaped: a few words, not a sentence.
    pub fn headline_shaped(&self) -> bool {
        (2..=25).contains(&self.words) && !self.sentence_end && !self.truncated && self.links == 0
    }
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}

/// A word without the punctuation around it (most words have none: checked by
/// their edge bytes before the char-by-char trim).
fn trim_to_alnum(word: &str) -> &str {
    let b = word.as_bytes();
    match (b.first(), b.last()) {
        (Some(x), Some(y)) if x.is_ascii_alphanumeric() && y.is_ascii_alphanumeric() => word,
        _ => word.trim_matches(|c: char| !c.is_alphanumeric()),
    }
}

/// Lowercased word with surrounding punctuation trimmed (borrowed when it is
/// already lowercase).
fn norm(word: &str) -> Cow<'_, str> {
    let w = trim_to_alnum(word);
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// Has letters, none of them capitals (scripts without case count too).
fn uncased(word: &str) -> bool {
    if word.is_ascii() {
        let b = word.as_bytes();
        b.iter().any(u8::is_ascii_alphabetic) && !b.iter().any(u8::is_ascii_uppercase)
    } else {
        word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_uppercase)
    }
}

/// Function words are this many chars at most.
const FUNCTION_CHARS: usize = 4;

/// Whether `word` is 1 to `FUNCTION_CHARS` chars long, counting them only when
/// its byte length leaves it open.
fn function_length(word: &str) -> bool {
    match word.len() {
        0 => false,
        1..=FUNCTION_CHARS => true,
        n if n > 4 * FUNCTION_CHARS => false,
        _ => word.chars().count() <= FUNCTION_CHARS,
    }
}

/// An ASCII word of at most `FUNCTION_CHARS` bytes, lower-cased, with its
/// length, in one integer.
fn pack_ascii(word: &[u8]) -> u64 {
    word.iter().fold(word.len() as u64, |k, b| {
        k << 8 | u64::from(b.to_ascii_lowercase())
    })
}

/// The page's function words: ASCII ones packed into integers (looked up
/// without lower-casing into a new string), the rest as strings.
#[derive(Debug, Default)]
pub(crate) struct FunctionWords {
    ascii: Vec<u64>,
    other: Vec<String>,
}

impl FunctionWords {
    /// From words already lower-case and 1 to `FUNCTION_CHARS` chars long.
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> FunctionWords {
        let mut out = FunctionWords::default();
        for w in words {
            if w.is_ascii() {
                out.ascii.push(pack_ascii(w.as_bytes()));
            } else {
                out.other.push(w.to_string());
            }
        }
        out.ascii.sort_unstable();
        out.ascii.dedup();
        out
    }

    pub fn len(&self) -> usize {
        self.ascii.len() + self.other.len()
    }

    /// Whether `word` (lower-case) is one of them.
    pub fn contains(&self, word: &str) -> bool {
        if word.is_ascii() {
            word.len() <= FUNCTION_CHARS && self.has_packed(pack_ascii(word.as_bytes()))
        } else {
            self.other.iter().any(|w| w == word)
        }
    }

    /// A scan without branches over the thirty at most: prose words are
    /// function words about half the time, which a binary search mispredicts.
    fn has_packed(&self, key: u64) -> bool {
        self.ascii
            .iter()
            .fold(false, |found, &k| found | (k == key))
    }

    /// Whether `word`, normalised as `norm` does, is one of them.
    fn contains_norm(&self, word: &str) -> bool {
        let w = trim_to_alnum(word);
        match w.len() {
            0 => false,
            // ASCII lower-cases to ASCII of the same length.
            1..=FUNCTION_CHARS if w.is_ascii() => self.has_packed(pack_ascii(w.as_bytes())),
            // Lower-casing never shortens a word in chars: a longer one cannot
            // match.
            _ if !function_length(w) || w.is_ascii() => false,
            _ => self.contains(&norm(w)),
        }
    }
}

fn is_link(word: &str) -> bool {
    // Every link below has one of these bytes: most words are ruled out by them.
    if !word.bytes().any(|b| matches!(b, b'@' | b'/' | b'.')) {
        return false;
    }
    let w = word.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | '<' | '>' | '"' | '\'' | '.' | ',' | ';'
        )
    });
    w.starts_with("http://")
        || w.starts_with("https://")
        || w.starts_with("www.")
        || (w.starts_with('@') && w.len() > 1)
        || (w.contains('@') && w.contains('.') && !w.starts_with('@'))
}

/// Lines this long (in words) count as prose when learning function words.
const PROSE_WORDS: usize = 8;
/// How many function words a page gets.
const FUNCTION_WORDS: usize = 30;

/// The page's function words: short lowercase words found in the most prose
/// lines (the, of, und, de, и ...).
pub(crate) fn function_words(units: &[Unit<'_>]) -> FunctionWords {
    // Per word: the prose lines it is in, and the last line that counted it.
    let mut lines_with: HashMap<&str, (usize, usize)> = HashMap::default();
    for (i, u) in units.iter().enumerate() {
        if u.text.split_whitespace().nth(PROSE_WORDS - 1).is_none() {
            continue;
        }
        for w in u.text.split_whitespace() {
            // Not capitalised (scripts without case count too): names and
            // sentence starts are not function words. Being uncased, the word
            // is its own lower case.
            if !uncased(w) {
                continue;
            }
            let n = trim_to_alnum(w);
            if function_length(n) {
                let seen = lines_with.entry(n).or_insert((0, usize::MAX));
                if seen.1 != i {
                    *seen = (seen.0 + 1, i);
                }
            }
        }
    }
    let mut ranked: Vec<(&str, usize)> = lines_with
        .into_iter()
        .filter(|e| e.1.0 >= 2)
        .map(|(w, (n, _))| (w, n))
        .collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    FunctionWords::new(ranked.into_iter().take(FUNCTION_WORDS).map(|e| e.0))
}

/// Sentence punctuation of scripts beyond ASCII.
fn wide_punct(c: char) -> bool {
    matches!(c, '。' | '，' | '、' | '；' | '：' | '！' | '？')
}

pub(crate) fn features(text: &str, function: &FunctionWords) -> Features {
    let mut f = Features::default();
    // Every link has one of these in it: most units have none.
    let links = text.contains('@') || text.contains("http") || text.contains("www.");
    for w in text.split_whitespace() {
        f.words += 1;
        if links && is_link(w) {
            f.links += 1;
            continue;
        }
        match w.chars().find(|c| c.is_alphabetic()) {
            Some(c) if c.is_lowercase() => f.lower += 1,
            Some(c) if c.is_uppercase() => f.upper += 1,
            _ => {}
        }
        if function.contains_norm(w) {
            f.func += 1;
        }
    }
    // Chars (bytes that start one) and ASCII punctuation in one pass.
    for &b in text.as_bytes() {
        f.chars += usize::from((b as i8) >= -0x40);
        f.punct += usize::from(matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?'));
    }
    if f.chars != text.len() {
        f.punct += text.chars().filter(|&c| wide_punct(c)).count();
    }
    let end = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*') || c.is_whitespace()
    });
    f.sentence_end = end.ends_with(['.', '!', '?', '…', '。', '！', '？']);
    f.soft_end = end.ends_with([',', ';', ':', '，', '；', '：']);
    f.truncated = f.words > 3 && (end.ends_with("...") || end.ends_with('…'));
    f.sentence_end &= !f.truncated;
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::clean::units::split;
    use proptest::prelude::*;

    #[test]
    fn function_words_come_from_the_page() {
        let page = "Menu\nDie Regierung hat am Montag die neue Regel für die Stadt beschlossen.\n\
                    Die Opposition und die Gewerkschaften sind gegen die Regel in der Stadt.\n";
        let fw = function_words(&split(page));
        assert!(fw.contains("die"));
        assert!(!fw.contains("menu"));
    }

    #[test]
    fn features_measure_shape() {
        let fw = FunctionWords::new(["the", "of"]);
        let f = features("The end of the road, he said.", &fw);
        assert_eq!(f.words, 7);
        assert_eq!(f.func, 3);
        assert!(f.sentence_end);
        assert_eq!(f.punct, 2);
        assert_eq!(f.chars, 29);
        let g = features("Real Time Economics", &fw);
        assert!(g.headline_shaped());
        assert_eq!(g.lower_ratio(), 0.0);
        assert_eq!(features("see https://x.org now", &fw).links, 1);
        let t = features("Officials said on Tuesday that the plan would...", &fw);
        assert!(t.truncated && !t.sentence_end && !t.headline_shaped());
        let cjk = features("政府は、月曜日に新しい規則を決めた。", &fw);
        assert_eq!((cjk.chars, cjk.punct), (18, 2));
    }

    /// The function words as first written: a map of owned words, each line's
    /// words deduplicated in a set.
    fn function_words_by_map(units: &[Unit<'_>]) -> Vec<String> {
        let mut lines_with: std::collections::HashMap<String, usize> = Default::default();
        for u in units {
            if u.text.split_whitespace().nth(PROSE_WORDS - 1).is_none() {
                continue;
            }
            let mut seen = std::collections::HashSet::new();
            for w in u.text.split_whitespace() {
                let n = norm(w);
                let short = (1..=4).contains(&n.chars().count());
                let uncased =
                    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_uppercase);
                if short && uncased && seen.insert(n.clone()) {
                    *lines_with.entry(n.into_owned()).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(String, usize)> =
            lines_with.into_iter().filter(|e| e.1 >= 2).collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(FUNCTION_WORDS)
            .map(|e| e.0)
            .collect()
    }

    /// Words built from pieces that stress trimming, case and length.
    fn word() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                "[a-e]{1,3}",
                "[A-E]{1,2}",
                Just("\u{212a}".to_string()),
                Just("İ".to_string()),
                Just("ǅ".to_string()),
                Just("ΣΑ".to_string()),
                Just("и".to_string()),
                Just("é".to_string()),
                Just("“".to_string()),
                Just(".".to_string()),
                Just("’s".to_string()),
                Just("1".to_string()),
            ],
            1..4,
        )
        .prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn lookups_without_lowercasing_agree_with_norm(
            words in proptest::collection::vec(word(), 1..60),
            known in proptest::collection::vec(word(), 0..30),
        ) {
            let fw = FunctionWords::new(
                known.iter().map(|w| norm(w)).filter(|w| function_length(w)).collect::<Vec<_>>().iter().map(|w| w.as_ref()),
            );
            for w in &words {
                prop_assert_eq!(trim_to_alnum(w), w.trim_matches(|c: char| !c.is_alphanumeric()));
                prop_assert_eq!(fw.contains_norm(w), fw.contains(&norm(w)), "{:?}", w);
            }
            let lines: Vec<String> = words.chunks(9).map(|c| c.join(" ")).collect();
            let page = lines.join("\n");
            let units = split(&page);
            let learnt = function_words(&units);
            let expected = function_words_by_map(&units);
            prop_assert_eq!(learnt.len(), expected.len());
            for w in &expected {
                prop_assert!(learnt.contains(w), "{:?}", w);
            }
        }
    }
}
