//! Words for comparison: byte spans of the words in a passage, and the features
//! they give: stemmed content words, names and numbers, each interned to an id.
//! Stopwords drop out; a small table of irregular forms and near-synonyms folds
//! words that news reports use interchangeably ("offer"/"proposal") together.

use foldhash::{HashMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// What an occurrence of a term is, which decides its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// Capitalised mid-sentence, or an acronym ("NATO", "U.S.").
    Name,
    /// Capitalised at the start of a sentence: a name only if the same term is
    /// capitalised mid-sentence somewhere in the texts compared.
    InitialCap,
    Number,
}

/// One content word: its byte range in the article's text and its term id.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub id: u32,
    pub kind: Kind,
    /// Index of its sentence within the range tokenised.
    pub sentence: u32,
}

/// Byte ranges of the words of `text[start..end]`, in absolute offsets. A word is
/// a run of letters and digits, kept whole across an inner apostrophe
/// ("Blinken’s"), a digit group separator ("100,000", "3.5") and the dots of an
/// initialism ("U.S."); hyphens split.
pub(crate) fn word_spans(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let text = &text[..end];
    let bytes = text.as_bytes();
    // ASCII without decoding; `p` is always on a char boundary.
    let at = |p: usize| match *bytes.get(p)? {
        b if b < 0x80 => Some(char::from(b)),
        _ => text[p..].chars().next(),
    };
    // The end of the run of letters and digits from `p`.
    let run = |mut p: usize| {
        while let Some(&b) = bytes.get(p) {
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                p += 1;
            } else {
                match text[p..].chars().next() {
                    Some(c) if c.is_alphanumeric() => p += c.len_utf8(),
                    _ => break,
                }
            }
        }
        p
    };
    let mut pos = start;
    while let Some(c) = at(pos) {
        if !c.is_alphanumeric() {
            pos += c.len_utf8();
            continue;
        }
        let first = pos;
        let mut seg = pos;
        let mut j = pos;
        loop {
            j = run(j);
            // Only these join two runs into one word.
            let Some(c) = at(j).filter(|c| matches!(c, '\'' | '’' | ',' | '.')) else {
                break;
            };
            let after = j + c.len_utf8();
            let Some(next) = at(after) else { break };
            let prev = text[..j].chars().next_back().unwrap_or(' ');
            let join = match c {
                '\'' | '’' => next.is_alphanumeric(),
                ',' | '.' if prev.is_ascii_digit() && next.is_ascii_digit() => true,
                '.' => {
                    text[seg..j].chars().count() == 1
                        && prev.is_uppercase()
                        && next.is_uppercase()
                        && !at(after + next.len_utf8()).is_some_and(char::is_alphanumeric)
                }
                _ => false,
            };
            if !join {
                break;
            }
            j = after;
            seg = after;
        }
        out.push((first, j));
        pos = j;
    }
}

/// The word as a lowercase key: possessive and contraction endings dropped
/// ("Blinken’s" -> "blinken", "they’ll" -> "they"), other apostrophes and
/// separator dots and commas removed.
pub(crate) fn normalize_into(raw: &str, buf: &mut String) {
    buf.clear();
    let mut word = raw;
    let apostrophe = if raw.is_ascii() {
        raw.bytes().position(|b| b == b'\'')
    } else {
        raw.find(['\'', '’'])
    };
    if let Some(p) = apostrophe {
        let suffix = raw[p..].trim_start_matches(['\'', '’']);
        if ["s", "S", "ll", "re", "ve", "d", "t", "m"].contains(&suffix) {
            word = &raw[..p];
        }
    }
    if word.is_ascii() {
        if word.bytes().any(|b| matches!(b, b'\'' | b'.' | b',')) {
            buf.extend(
                word.bytes()
                    .filter(|b| !matches!(b, b'\'' | b'.' | b','))
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        } else {
            // The common case: copied whole.
            buf.push_str(word);
            buf.make_ascii_lowercase();
        }
        return;
    }
    for c in word.chars() {
        if !matches!(c, '\'' | '’' | '.' | ',') {
            buf.extend(c.to_lowercase());
        }
    }
}

/// Pairs of words (by id) one edit apart (see `one_edit`), among words of `min`
/// characters or more; only words with the same first letter and lengths at most
/// one apart are compared.
pub(crate) fn near_pairs<'w>(
    words: impl Iterator<Item = (u32, &'w str)>,
    min: usize,
) -> Vec<(u32, u32)> {
    let mut buckets: HashMap<(char, usize), Vec<(u32, &str)>> = HashMap::default();
    for (id, w) in words {
        let len = w.chars().count();
        if len >= min {
            let first = w.chars().next().unwrap_or(' ');
            buckets.entry((first, len)).or_default().push((id, w));
        }
    }
    let mut out = Vec::new();
    for (&(first, len), list) in &buckets {
        let longer = buckets
            .get(&(first, len + 1))
            .map_or(&[][..], Vec::as_slice);
        for (k, &(x, wx)) in list.iter().enumerate() {
            for &(y, wy) in list[k + 1..].iter().chain(longer) {
                if one_edit(wx, wy, min) {
                    out.push((x, y));
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// Interns terms to dense ids, caching each surface form's stem.
pub(crate) struct Vocab {
    /// Word as written -> (term id, None for a stopword; whether an acronym):
    /// most words recur, and this skips normalising them again.
    raw: HashMap<Box<str>, (Option<u32>, bool)>,
    /// Lowercased surface form -> term id (None: a stopword).
    surface: HashMap<String, Option<u32>>,
    terms: HashMap<String, u32>,
    /// Term by id.
    names: Vec<Box<str>>,
    next: u32,
    buf: String,
    spans: Vec<(usize, usize)>,
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab::new()
    }
}

impl Vocab {
    pub fn new() -> Vocab {
        Vocab {
            raw: HashMap::default(),
            surface: HashMap::default(),
            terms: HashMap::default(),
            names: Vec::new(),
            next: 0,
            buf: String::new(),
            spans: Vec::new(),
        }
    }

    /// Number of ids handed out so far (terms and `fresh` ones).
    pub fn len(&self) -> usize {
        self.next as usize
    }

    /// Each term id's term (ids from `fresh` have none: empty).
    pub fn terms_by_id(&self) -> Vec<&str> {
        (0..self.len() as u32).map(|id| self.term(id)).collect()
    }

    /// The term of an id ("" for ids from `fresh`).
    pub fn term(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |t| t)
    }

    /// A new id for a feature that is not a word.
    pub fn fresh(&mut self) -> u32 {
        self.next += 1;
        self.next - 1
    }

    fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.terms.get(term) {
            return id;
        }
        let id = self.fresh();
        self.terms.insert(term.to_string(), id);
        self.names.resize(id as usize, Box::from(""));
        self.names.push(Box::from(term));
        id
    }

    /// The term id of a lowercase word, None for a stopword.
    fn word(&mut self, key: &str) -> Option<u32> {
        if let Some(&hit) = self.surface.get(key) {
            return hit;
        }
        let id = if is_stopword(key) {
            None
        } else {
            Some(self.intern(&term_of(key)))
        };
        self.surface.insert(key.to_string(), id);
        id
    }

    /// The term id of a word as written (None: a stopword, or no letters left
    /// once normalised), and whether it is an acronym.
    fn raw_term(
        &mut self,
        raw: &str,
        capital: bool,
        digit: bool,
        buf: &mut String,
    ) -> (Option<u32>, bool) {
        normalize_into(raw, buf);
        if buf.is_empty() {
            return (None, false);
        }
        let acronym = capital
            && !raw.chars().any(char::is_lowercase)
            && raw.chars().filter(|c| c.is_alphabetic()).count() >= 2;
        // Numbers and acronyms are kept as written ("US" is not "us").
        let id = if digit {
            Some(self.intern(buf))
        } else if acronym {
            buf.insert(0, '#');
            Some(self.intern(buf))
        } else {
            self.word(buf)
        };
        (id, acronym)
    }

    /// Adds the terms of `other` (a vocabulary that only tokenised: no `fresh`
    /// ids), in its id order, and returns each of its ids' id here. Ids come out
    /// as if `other`'s text had been tokenised with this vocabulary.
    pub fn absorb(&mut self, other: &Vocab) -> Vec<u32> {
        debug_assert_eq!(other.names.len(), other.len());
        other.names.iter().map(|t| self.intern(t)).collect()
    }

    /// The content words of `text[start..end]`, appended to `out`.
    pub fn tokens(&mut self, text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
        let mut spans = std::mem::take(&mut self.spans);
        spans.clear();
        word_spans(text, start, end, &mut spans);
        let mut buf = std::mem::take(&mut self.buf);
        let mut sentence = 0;
        let mut after_initialism = false;
        for (k, &(s, e)) in spans.iter().enumerate() {
            let raw = &text[s..e];
            let first = raw.chars().next().unwrap_or(' ');
            let capital = first.is_uppercase();
            let digit = first.is_ascii_digit();
            // "U.S. Secretary" does not start a sentence.
            let initial =
                (capital || digit) && !after_initialism && sentence_initial(text, start, s);
            after_initialism = capital && raw.contains('.');
            if initial && k > 0 {
                sentence += 1;
            }
            let (id, acronym) = match self.raw.get(raw) {
                Some(&hit) => hit,
                None => {
                    let hit = self.raw_term(raw, capital, digit, &mut buf);
                    self.raw.insert(raw.into(), hit);
                    hit
                }
            };
            let kind = if digit {
                Kind::Number
            } else if acronym || (capital && !initial) {
                Kind::Name
            } else if capital {
                Kind::InitialCap
            } else {
                Kind::Word
            };
            if let Some(id) = id {
                out.push(Tok {
                    start: s,
                    end: e,
                    id,
                    kind,
                    sentence,
                });
            }
        }
        self.spans = spans;
        self.buf = buf;
    }
}

/// Whether the word at `pos` starts a sentence (or the passage starting at `from`).
fn sentence_initial(text: &str, from: usize, pos: usize) -> bool {
    let before = text[from..pos].trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '“' | '‘'
                    | '"'
                    | '\''
                    | '('
                    | '['
                    | '{'
                    | '—'
                    | '–'
                    | '-'
                    | '”'
                    | '’'
                    | ')'
                    | ']'
                    | '}'
            )
    });
    before
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '…'))
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// A lowercase word's stem (Snowball English), for keys that keep stopwords
/// (quotes are compared word for word).
pub(crate) fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// The term a lowercase content word stands for: irregular forms to their base,
/// stemmed, then near-synonyms folded to one representative.
fn term_of(word: &str) -> String {
    static BASE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let base = BASE
        .get_or_init(|| IRREGULAR.iter().copied().collect())
        .get(word)
        .copied()
        .unwrap_or(word);
    let stem = stem(base);
    match synonyms().get(stem.as_str()) {
        Some(canon) => canon.clone(),
        None => stem,
    }
}

/// Irregular verb forms common in news, to their base form.
const IRREGULAR: &[(&str, &str)] = &[
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("met", "meet"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("came", "come"),
    ("brought", "bring"),
    ("held", "hold"),
    ("won", "win"),
    ("lost", "lose"),
    ("sent", "send"),
    ("paid", "pay"),
    ("sold", "sell"),
    ("bought", "buy"),
    ("thought", "think"),
    ("found", "find"),
    ("led", "lead"),
    ("fought", "fight"),
    ("wrote", "write"),
    ("written", "write"),
    ("broke", "break"),
    ("broken", "break"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("knew", "know"),
    ("known", "know"),
    ("began", "begin"),
    ("begun", "begin"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("ran", "run"),
    ("saw", "see"),
    ("seen", "see"),
    ("sought", "seek"),
    ("kept", "keep"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("struck", "strike"),
    ("hit", "strike"),
    ("shot", "shoot"),
    ("stood", "stand"),
    ("meant", "mean"),
    ("felt", "feel"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
];

/// Words that reports of one event use for the same thing; the first of each
/// group stands for the group. Kept general (no names, no single story).
const SYNONYMS: &[&[&str]] = &[
    &["offer", "proposal", "propose", "proposition"],
    &["speak", "talk", "conversation", "converse"],
    &["phone", "telephone", "telephonic", "call"],
    &["swap", "exchange"],
    &[
        "jail",
        "prison",
        "imprison",
        "imprisonment",
        "incarcerate",
        "incarceration",
    ],
    &["detain", "detention"],
    &["meet", "meeting"],
    &["begin", "start", "beginning"],
    &["buy", "purchase", "acquire", "acquisition"],
    &["big", "large", "huge"],
    &["help", "assist", "assistance", "aid"],
    &["country", "nation"],
    &["kill", "slay"],
    &["die", "dead", "death"],
    &["rise", "increase", "grow", "growth", "climb"],
    &["fall", "drop", "decline", "decrease"],
    &["war", "conflict", "warfare"],
    &["invade", "invasion"],
    &["annex", "annexation"],
    &["free", "release", "freedom"],
    &["ask", "request"],
    &["want", "wish"],
    &["reject", "refuse", "deny", "dismiss"],
    &["agree", "agreement", "accord", "deal"],
    &["announce", "announcement", "declare"],
    &["warn", "warning", "caution"],
    &["spokesman", "spokeswoman", "spokesperson"],
    &["minister", "ministry"],
    &["soldier", "troop"],
    &["car", "vehicle"],
    &["child", "children", "kid"],
    &["law", "legislation"],
    &["quit", "resign", "resignation"],
];

/// Stem -> representative stem, built once.
fn synonyms() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::default();
        for group in SYNONYMS {
            let canon = stem(group[0]);
            for w in group.iter() {
                map.insert(stem(w), canon.clone());
            }
        }
        map
    })
}

/// English function words, plus the reporting verbs and fillers that every news
/// paragraph has ("said", "according", "also").
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "anyone",
    "anything",
    "are",
    "aren",
    "around",
    "as",
    "at",
    "be",
    "became",
    "because",
    "become",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "couldn",
    "did",
    "didn",
    "do",
    "does",
    "doesn",
    "doing",
    "don",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "got",
    "had",
    "hadn",
    "has",
    "hasn",
    "have",
    "haven",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "isn",
    "it",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "let",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "quite",
    "rather",
    "really",
    "same",
    "shall",
    "she",
    "should",
    "shouldn",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "wasn",
    "we",
    "were",
    "weren",
    "what",
    "whatever",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won",
    "would",
    "wouldn",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tell",
    "tells",
    "according",
    "added",
    "adding",
    "reportedly",
    "reported",
    "mr",
    "mrs",
    "ms",
    "dr",
    "would",
    "also",
    "still",
    "well",
    "went",
    "go",
    "goes",
    "going",
    "make",
    "made",
    "makes",
    "making",
];

/// Whether two words of `min` or more characters, with the same first letter,
/// differ by one substitution, insertion or deletion.
pub(crate) fn one_edit(a: &str, b: &str, min: usize) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let (short, long, ls, ll) = if la <= lb {
        (a, b, la, lb)
    } else {
        (b, a, lb, la)
    };
    if a == b || ls < min || ll - ls > 1 || short.chars().next() != long.chars().next() {
        return false;
    }
    let (mut s, mut l) = (short.chars(), long.chars());
    while let (Some(x), Some(y)) = (s.clone().next(), l.clone().next()) {
        if x != y {
            break;
        }
        s.next();
        l.next();
    }
    // At the first difference: skip one char of the longer (and of the shorter
    // when it is a substitution); the rest must be equal.
    if ls == ll {
        s.next();
    }
    l.next();
    s.eq(l)
}

/// Whether a lowercase word carries content (is not a stopword).
pub(crate) fn is_content(word: &str) -> bool {
    !is_stopword(word)
}

fn is_stopword(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        word_spans(text, 0, text.len(), &mut out);
        out.into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    fn terms(text: &str) -> Vec<(String, Kind)> {
        let mut v = Vocab::new();
        let mut toks = Vec::new();
        v.tokens(text, 0, text.len(), &mut toks);
        let names: HashMap<u32, String> = v.terms.iter().map(|(k, &i)| (i, k.clone())).collect();
        toks.iter()
            .map(|t| (names[&t.id].clone(), t.kind))
            .collect()
    }

    #[test]
    fn spans_keep_apostrophes_numbers_and_initialisms() {
        assert_eq!(
            words("Blinken’s U.S. trip cost $100,000 (3.5%), they'll re-run it."),
            [
                "Blinken’s",
                "U.S",
                "trip",
                "cost",
                "100,000",
                "3.5",
                "they'll",
                "re",
                "run",
                "it"
            ]
        );
        assert_eq!(words("é—ü"), ["é", "ü"]);
    }

    #[test]
    fn terms_fold_forms_and_drop_stopwords() {
        let t = terms("The U.S. made an offer; Blinken’s proposal was seeking talks.");
        let keys: Vec<&str> = t.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["#us", "offer", "blinken", "offer", "seek", "speak"]);
        assert_eq!(t[0].1, Kind::Name);
        assert_eq!(t[2].1, Kind::Name);
        assert_eq!(terms("Lavrov spoke.")[0].1, Kind::InitialCap);
        assert_eq!(terms("“Right now”")[0].1, Kind::InitialCap);
    }

    #[test]
    fn one_edit_apart() {
        assert!(one_edit("sergei", "sergey", 5));
        assert!(one_edit("kremlin", "kremin", 5));
        assert!(one_edit("conversaton", "conversation", 5));
        assert!(!one_edit("sergei", "sergei", 5));
        assert!(!one_edit("maria", "mario", 6));
        assert!(!one_edit("abcdef", "bbcdef", 5));
        assert!(!one_edit("russia", "rwanda", 5));
        assert!(!one_edit("abcdefg", "abcdfeg", 5));
    }

    #[test]
    fn irregular_and_synonyms_meet() {
        assert_eq!(term_of("spoke"), term_of("talks"));
        assert_eq!(term_of("proposal"), term_of("offered"));
        assert_ne!(term_of("proposal"), term_of("substantial"));
    }
}
