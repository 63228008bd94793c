//! Text statistics of a unit: length, function-word and punctuation density,
//! capitalisation, link-like tokens. Function words are learnt from the page
//! itself (the short lowercase words its prose lines share), so the statistics
//! work in any language that separates words with spaces, not only English.

use std::borrow::Cow;

use foldhash::HashMap;

use super::units::Unit;
use crate::corpus::text;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
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
    /// Menu separators standing alone ("About | Contact | Jobs").
    pub separators: usize,
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
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_uppercase)
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

/// A short word as `norm` gives it, its bytes left-aligned in an integer:
/// integer order is string order, as a word ends in a letter or digit and so
/// never in the zero bytes that pad it. Four chars lower-cased fit in 16 bytes.
type Key = u128;

/// The key of `bytes`; none when longer than a key holds (no function word is).
fn key_of(bytes: &[u8]) -> Option<Key> {
    let mut buf = [0u8; 16];
    buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(Key::from_be_bytes(buf))
}

/// How a word starts: its first letter's case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Upper,
    /// No letter, or one with no case.
    Neither,
}

/// What the statistics ask of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WordFacts {
    case: Case,
    /// Has letters, none of them capitals: it may teach a function word
    /// (only told for words with a key).
    uncased: bool,
    /// The key of `norm(word)` when the trimmed word is 1 to `FUNCTION_CHARS`
    /// chars long: it may be a function word.
    key: Option<Key>,
}

/// The key of an ASCII word of at most `FUNCTION_CHARS` bytes, lower-cased
/// (gathered in 32 bits, the key's top ones).
fn ascii_key(word: &[u8]) -> Key {
    let top = (word.iter().enumerate()).fold(0u32, |k, (i, b)| {
        k | u32::from(b.to_ascii_lowercase()) << (24 - 8 * i as u32)
    });
    Key::from(top) << (Key::BITS - u32::BITS)
}

/// A word of ASCII bytes, looked at a byte at a time. Most words start with a
/// letter and end with one or a digit, and most are longer than function
/// words: their case is told by their first byte, and only short ones are
/// looked for capitals.
#[inline]
fn ascii_facts(word: &[u8]) -> WordFacts {
    let case = match word.iter().find(|b| b.is_ascii_alphabetic()) {
        Some(b) if b.is_ascii_uppercase() => Case::Upper,
        Some(_) => Case::Lower,
        None => Case::Neither,
    };
    let edges = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    let trimmed = if edges(word.first()) && edges(word.last()) {
        word
    } else {
        let start = (word.iter())
            .position(u8::is_ascii_alphanumeric)
            .unwrap_or(word.len());
        let end = (word.iter())
            .rposition(u8::is_ascii_alphanumeric)
            .map_or(start, |e| e + 1);
        &word[start..end]
    };
    if !(1..=FUNCTION_CHARS).contains(&trimmed.len()) {
        return WordFacts {
            case,
            uncased: false,
            key: None,
        };
    }
    WordFacts {
        case,
        uncased: case != Case::Neither && !word.iter().any(u8::is_ascii_uppercase),
        key: Some(ascii_key(trimmed)),
    }
}

#[inline]
fn word_facts(word: &str) -> WordFacts {
    if word.is_ascii() {
        ascii_facts(word.as_bytes())
    } else {
        other_facts(word)
    }
}

/// A word with chars beyond ASCII, char by char (out of line: it is the rare
/// case, and keeps the common one's code small).
#[inline(never)]
fn other_facts(word: &str) -> WordFacts {
    let case = match word.chars().find(|c| c.is_alphabetic()) {
        Some(c) if c.is_lowercase() => Case::Lower,
        Some(c) if c.is_uppercase() => Case::Upper,
        _ => Case::Neither,
    };
    let trimmed = trim_to_alnum(word);
    WordFacts {
        case,
        uncased: uncased(word),
        key: function_length(trimmed)
            .then(|| key_of(norm(trimmed).as_bytes()))
            .flatten(),
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

/// A menu separator standing alone ("About | Contact | Jobs").
fn is_separator(word: &str) -> bool {
    matches!(word, "|" | "/" | "·" | "•" | "::")
}

/// Lines this long (in words) count as prose when learning function words.
const PROSE_WORDS: usize = 8;
/// How many function words a page gets.
const FUNCTION_WORDS: usize = 30;

/// A unit's word counts, from the one pass over its words.
#[derive(Debug, Clone, Copy, Default)]
struct UnitWords {
    words: usize,
    lower: usize,
    upper: usize,
    links: usize,
    separators: usize,
    /// Where its short words end in `PageWords::shorts`.
    shorts_end: usize,
}

/// A word that may be a function word, by the id of its key.
#[derive(Debug, Clone, Copy)]
struct Short {
    id: u32,
    /// Uncased: it teaches, if its unit is prose.
    learn: bool,
    /// A link: it is no function word where it stands.
    link: bool,
}

/// A distinct short word of the page.
#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Key,
    /// The prose units it is in (uncased), and the last one that counted it.
    lines: usize,
    last: usize,
}

/// Every unit's words, split and looked at once: their counts, and the short
/// words by id, from which the page's function words are learnt and then
/// counted in each unit without going over its words again.
#[derive(Debug, Default)]
pub(crate) struct PageWords {
    units: Vec<UnitWords>,
    shorts: Vec<Short>,
    vocab: Vec<Entry>,
}

impl PageWords {
    pub fn new(units: &[Unit<'_>]) -> PageWords {
        let mut page = PageWords::default();
        let mut ids: HashMap<Key, u32> = HashMap::default();
        for (i, u) in units.iter().enumerate() {
            let start = page.shorts.len();
            let counts = page.scan(&u.text, &mut ids);
            if counts.words >= PROSE_WORDS {
                page.learn(i, start);
            }
            page.units.push(counts);
        }
        page
    }

    /// One unit's words: counted, and its short words added to `shorts`.
    fn scan(&mut self, text: &str, ids: &mut HashMap<Key, u32>) -> UnitWords {
        let mut u = UnitWords::default();
        // Every link has one of these in it: most units have none.
        let links = text.contains('@') || text.contains("http") || text.contains("www.");
        for w in text::words(text) {
            u.words += 1;
            u.separators += usize::from(is_separator(w));
            let link = links && is_link(w);
            let facts = word_facts(w);
            if link {
                u.links += 1;
            } else {
                match facts.case {
                    Case::Lower => u.lower += 1,
                    Case::Upper => u.upper += 1,
                    Case::Neither => {}
                }
            }
            if let Some(key) = facts.key {
                let id = *ids.entry(key).or_insert_with(|| {
                    self.vocab.push(Entry {
                        key,
                        lines: 0,
                        last: usize::MAX,
                    });
                    (self.vocab.len() - 1) as u32
                });
                self.shorts.push(Short {
                    id,
                    learn: facts.uncased,
                    link,
                });
            }
        }
        u.shorts_end = self.shorts.len();
        u
    }

    /// Counts the uncased short words of prose unit `i` (from `start` in
    /// `shorts`), once per unit.
    fn learn(&mut self, i: usize, start: usize) {
        for s in self.shorts[start..].iter().filter(|s| s.learn) {
            let e = &mut self.vocab[s.id as usize];
            if e.last != i {
                e.lines += 1;
                e.last = i;
            }
        }
    }

    /// The page's function words: short lowercase words found in the most
    /// prose lines (the, of, und, de, и ...), ties going to the first in
    /// string order.
    pub fn function_words(&self) -> FunctionWords {
        let mut ranked: Vec<(usize, Key, usize)> = (self.vocab.iter().enumerate())
            .filter(|(_, e)| e.lines >= 2)
            .map(|(id, e)| (e.lines, e.key, id))
            .collect();
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        self.chosen(ranked.into_iter().take(FUNCTION_WORDS).map(|e| e.2))
    }

    fn chosen(&self, ids: impl Iterator<Item = usize>) -> FunctionWords {
        let mut out = FunctionWords {
            chosen: vec![false; self.vocab.len()],
            keys: Vec::new(),
        };
        for id in ids {
            out.chosen[id] = true;
            out.keys.push(self.vocab[id].key);
        }
        out
    }

    /// The statistics of unit `i`, whose text is `text`.
    pub fn features(&self, i: usize, text: &str, function: &FunctionWords) -> Features {
        let u = &self.units[i];
        let start = i.checked_sub(1).map_or(0, |p| self.units[p].shorts_end);
        let func = self.shorts[start..u.shorts_end]
            .iter()
            .filter(|s| !s.link && function.chosen[s.id as usize])
            .count();
        shape(
            text,
            Features {
                words: u.words,
                func,
                lower: u.lower,
                upper: u.upper,
                links: u.links,
                separators: u.separators,
                ..Features::default()
            },
        )
    }
}

/// The function words a page learnt, as the ids of their keys.
#[derive(Debug, Default)]
pub(crate) struct FunctionWords {
    chosen: Vec<bool>,
    keys: Vec<Key>,
}

impl FunctionWords {
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The words, best first.
    #[cfg(test)]
    fn words(&self) -> Vec<String> {
        self.keys
            .iter()
            .map(|k| {
                let bytes = k.to_be_bytes();
                let len = bytes.iter().rposition(|&b| b != 0).map_or(0, |e| e + 1);
                String::from_utf8(bytes[..len].to_vec()).expect("keys hold whole chars")
            })
            .collect()
    }
}

/// Sentence punctuation of scripts beyond ASCII.
fn wide_punct(c: char) -> bool {
    matches!(c, '。' | '，' | '、' | '；' | '：' | '！' | '？')
}

/// How many marks of `wide_punct` `text` has. They all start with byte 0xe3 or
/// 0xef: most texts, with curly quotes or accents but none of those bytes, are
/// not decoded char by char.
fn wide_puncts(text: &str) -> usize {
    if !text.bytes().any(|b| matches!(b, 0xe3 | 0xef)) {
        return 0;
    }
    text.chars().filter(|&c| wide_punct(c)).count()
}

/// Length, punctuation and ending of `text`, added to its word counts `f`.
fn shape(text: &str, mut f: Features) -> Features {
    f.chars = text.chars().count();
    f.punct = (text.bytes())
        .filter(|b| matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?'))
        .count();
    if f.chars != text.len() {
        f.punct += wide_puncts(text);
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

    impl PageWords {
        /// Function words chosen by hand, among the page's words.
        fn given(&self, words: &[&str]) -> FunctionWords {
            let keys: Vec<Key> = words.iter().filter_map(|w| key_of(w.as_bytes())).collect();
            self.chosen((0..self.vocab.len()).filter(|&id| keys.contains(&self.vocab[id].key)))
        }
    }

    /// The features of a page of one line.
    fn features(line: &str, function: &[&str]) -> Features {
        let units = split(line);
        let page = PageWords::new(&units);
        page.features(0, &units[0].text, &page.given(function))
    }

    #[test]
    fn function_words_come_from_the_page() {
        let page = "Menu\nDie Regierung hat am Montag die neue Regel für die Stadt beschlossen.\n\
                    Die Opposition und die Gewerkschaften sind gegen die Regel in der Stadt.\n";
        let fw = PageWords::new(&split(page)).function_words().words();
        // "Regel" is in both, but capitalised: a noun, not a function word.
        assert_eq!(fw, ["die"]);
    }

    #[test]
    fn features_measure_shape() {
        let fw = ["the", "of"];
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
        assert_eq!(features("About | Contact | Jobs", &fw).separators, 2);
        assert_eq!(features("Home · News • Sport", &fw).separators, 2);
        assert_eq!(features("Home :: News", &fw).separators, 1);
        assert_eq!(features("Plain words only", &fw).separators, 0);
    }

    #[test]
    fn keys_sort_as_their_words() {
        let mut words = ["a", "ab", "b", "é", "e", "ez", "и", "zzzz"];
        let mut keys: Vec<Key> = words
            .iter()
            .map(|w| key_of(w.as_bytes()).unwrap())
            .collect();
        keys.sort_unstable();
        words.sort_unstable();
        let back: Vec<Key> = words
            .iter()
            .map(|w| key_of(w.as_bytes()).unwrap())
            .collect();
        assert_eq!(keys, back);
        assert_eq!(key_of(&[b'x'; 17]), None);
        assert_eq!(Some(ascii_key(b"AbC")), key_of(b"abc"));
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

    /// A unit's features as first written: its words split and looked at one
    /// by one, lower-cased into new strings to be looked up.
    fn features_by_words(text: &str, function: &[String]) -> Features {
        let mut f = Features::default();
        let links = text.contains('@') || text.contains("http") || text.contains("www.");
        for w in text.split_whitespace() {
            f.words += 1;
            f.separators += usize::from(matches!(w, "|" | "/" | "·" | "•" | "::"));
            if links && is_link(w) {
                f.links += 1;
                continue;
            }
            match w.chars().find(|c| c.is_alphabetic()) {
                Some(c) if c.is_lowercase() => f.lower += 1,
                Some(c) if c.is_uppercase() => f.upper += 1,
                _ => {}
            }
            if function.iter().any(|fw| *fw == norm(w)) {
                f.func += 1;
            }
        }
        shape(text, f)
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
                Just("\u{23a}".to_string()),
                Just("ΣΑ".to_string()),
                Just("и".to_string()),
                Just("é".to_string()),
                Just("“".to_string()),
                Just(".".to_string()),
                Just("’s".to_string()),
                Just("1".to_string()),
                Just("@".to_string()),
                Just("|".to_string()),
            ],
            1..4,
        )
        .prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn one_pass_agrees_with_the_word_by_word_statistics(
            words in proptest::collection::vec(word(), 1..60),
        ) {
            let lines: Vec<String> = words.chunks(9).map(|c| c.join(" ")).collect();
            let page = lines.join("\n");
            let units = split(&page);
            let words = PageWords::new(&units);
            let learnt = words.function_words();
            let expected = function_words_by_map(&units);
            prop_assert_eq!(learnt.words(), expected.clone());
            for (i, u) in units.iter().enumerate() {
                prop_assert_eq!(
                    words.features(i, &u.text, &learnt),
                    features_by_words(&u.text, &expected),
                    "{:?}", u.text
                );
            }
        }
    }
}
