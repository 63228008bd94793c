//! Finds person, place and organisation mentions in one article's text, without a
//! trained model: capitalised runs of words, split at role titles and given names,
//! classified by gazetteers and context cues, then checked against the rest of the
//! document (one sense per document).

use std::borrow::Cow;

use super::EntityKind;
use super::gazetteer::{
    ALIAS, COMMON, DEMONYM, FixedMap, FixedSet, GIVEN, Gazetteer, MULTI_FIRST, ORG_HEAD, PLACE,
    PLACE_HEAD, ROLE, STOP, SURNAME, TOWN,
};
use super::lowered::Lowered;
use super::tokens::{Tok, Token, tokenize};

/// One mention found in an article: a byte range of its text and a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// Lower-case words that may sit inside a name ("Mohammed bin Salman", "Charles de
/// Gaulle", "University of North Carolina").
const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "bin", "ibn", "al", "el",
    "la", "le", "dos", "das", "ter", "ten", "y", "of", "and", "for", "the", "on",
];

/// Articles that open titles of papers and works.
const ARTICLES: &[&str] = &[
    "le", "la", "el", "les", "los", "las", "die", "der", "das", "il", "lo",
];

/// Compass words that may open a place's name.
const DIRECTIONS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
];

/// "II", "III", "IV": part of a name.
fn is_roman(w: &str) -> bool {
    w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Words that make the next word a common noun.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "your",
];

/// What a person leads, after "the NAME".
const LED: &[&str] = &[
    "administration",
    "campaign",
    "presidency",
    "government",
    "family",
    "era",
];

/// Words before a place name (not "of", "to", "from": "a letter from Clinton").
const LOCATIVE: &[&str] = &[
    "in", "near", "outside", "across", "toward", "towards", "into", "around", "through",
];

/// Particles that join two names only inside an organisation's name.
const LINKS: &[&str] = &["and", "for", "the", "on"];

/// Words that, after a name, say it is a person who speaks or acts.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "asked",
    "explained",
    "argued",
    "noted",
    "insisted",
    "stated",
    "tweeted",
    "replied",
    "recalled",
    "admitted",
    "claimed",
    "warned",
    "announced",
    "believes",
    "thinks",
    "smiled",
    "laughed",
    "died",
    "adds",
    "tells",
    "writes",
    "notes",
    "explains",
    "argues",
    "insists",
    "claims",
    "warns",
    "recalls",
    "admits",
    "agreed",
    "agrees",
    "responded",
    "continued",
    "stressed",
    "suggested",
    "concluded",
    "acknowledged",
    "joked",
    "mocked",
    "urged",
    "who",
    "whose",
    "himself",
    "herself",
];

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Token>,
    g: &'static Gazetteer,
    /// Lower-case forms of the words with capitals.
    lowered: Lowered,
    /// Gazetteer facts about each capitalised word, looked up once.
    flags: Vec<u16>,
    out: Vec<Found>,
    /// Sentence-initial common words set aside; kept if the document later shows
    /// them to be a name ("Price said" after "Ned Price").
    weak: Vec<(usize, usize)>,
}

/// Recognises the mentions in `text`, in text order, not overlapping.
pub fn recognize(text: &str) -> Vec<Found> {
    let toks = tokenize(text);
    let lowered = Lowered::new(text, &toks);
    let mut cx = Ctx {
        text,
        toks,
        g: Gazetteer::get(),
        lowered,
        flags: Vec::new(),
        out: Vec::new(),
        weak: Vec::new(),
    };
    cx.flags = (0..cx.toks.len())
        .map(|i| {
            if cx.toks[i].is_word() && cx.toks[i].cap {
                cx.lookup(i)
            } else {
                0
            }
        })
        .collect();
    cx.runs();
    cx.propagate();
    cx.out.sort_by_key(|f| f.start);
    // Kept until the corpus is resolved, for every article.
    cx.out.shrink_to_fit();
    cx.out
}

impl<'a> Ctx<'a> {
    /// Which lists hold token i (lower-cased, or as written for place names).
    fn lookup(&self, i: usize) -> u16 {
        self.g.bits(self.low(i), self.word(i))
    }

    // Inlined, as `low`: asked hundreds of thousands of times per megabyte, mostly
    // of words whose answer is already in `flags`.
    #[inline(always)]
    fn has(&self, i: usize, bit: u16) -> bool {
        if self.toks[i].cap {
            self.flags[i] & bit != 0
        } else {
            // Lower-case words (particles) are rare here: look them up directly.
            self.lookup(i) & bit != 0
        }
    }
    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }
    #[inline(always)]
    fn low(&self, i: usize) -> &str {
        let t = &self.toks[i];
        if t.upper {
            self.lowered.of(t)
        } else {
            t.text(self.text)
        }
    }
    fn is_common(&self, i: usize) -> bool {
        self.has(i, COMMON)
    }
    fn is_stop(&self, i: usize) -> bool {
        self.has(i, STOP)
    }
    fn is_role(&self, i: usize) -> bool {
        self.has(i, ROLE)
    }
    /// A given name that is not also an everyday word ("Will", "Rose").
    fn is_given(&self, i: usize) -> bool {
        self.has(i, GIVEN) && !self.is_common(i)
    }
    fn is_capword(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.is_word() && t.cap && !self.is_stop(i)
    }
    /// Tokens i and j (= i + 1) are adjacent words with only spaces between.
    fn joined(&self, i: usize, j: usize) -> bool {
        let (a, b) = (&self.toks[i], &self.toks[j]);
        a.is_word()
            && b.is_word()
            && !a.possessive
            && !b.line_start
            && self.text[a.end..b.start].bytes().all(|c| c == b' ')
    }
    fn span_text(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }
    /// The run's words joined by single spaces, for gazetteer look-ups: the text
    /// itself when it is already written so (most runs).
    fn joined_text(&self, a: usize, b: usize) -> Cow<'a, str> {
        let single_spaced = (a + 1..b).all(|k| {
            let (prev, next) = (&self.toks[k - 1], &self.toks[k]);
            next.start == prev.end + 1 && self.text.as_bytes()[prev.end] == b' '
        });
        if single_spaced {
            return Cow::Borrowed(self.span_text(a, b));
        }
        let mut s = String::new();
        for i in a..b {
            if i > a {
                s.push(' ');
            }
            s.push_str(self.word(i));
        }
        Cow::Owned(s)
    }

    /// Finds maximal capitalised runs and hands each to `run`.
    fn runs(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if !self.is_capword(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && self.joined(j - 1, j) {
                if self.is_capword(j) {
                    j += 1;
                } else if j + 1 < n
                    && !self.toks[j].cap
                    && PARTICLES.contains(&self.low(j))
                    && self.joined(j, j + 1)
                    && self.is_capword(j + 1)
                    && (self.low(j) != "of" || self.of_joins(i, j))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // "Blinken and Lavrov" is two names; "Health and Hospitals
            // Corporation" is one.
            if self.ends_in_org_head(i, j)
                || (i..j).any(|k| {
                    // "Organization for ...", not "Union and NATO".
                    self.has(k, ORG_HEAD)
                        && k + 1 < j
                        && LINKS.contains(&self.low(k + 1))
                        && self.low(k + 1) != "and"
                })
            {
                self.run(i, j);
            } else {
                let mut s = i;
                for k in i..j {
                    if !self.toks[k].cap && LINKS.contains(&self.low(k)) {
                        self.run(s, k);
                        s = k + 1;
                    }
                }
                self.run(s, j);
            }
            i = j;
        }
    }

    /// "University of Toronto", "Secretary of State" are one name; "Frederick Fung
    /// of ADPL" is a person of a party.
    fn of_joins(&self, run_start: usize, of: usize) -> bool {
        let left = self.low(of - 1);
        let g = self.g;
        g.org_heads.contains(left)
            || g.place_heads.contains(left)
            || g.roles.contains(left)
            || (self.is_common(of - 1) && !self.has(run_start, GIVEN))
    }

    /// "Martin Luther King", "Frank Messina": a given name that is also an
    /// everyday word opens a name when a name-like word follows in the run.
    fn opens_name(&self, i: usize, b: usize) -> bool {
        self.has(i, GIVEN) && i + 1 < b && self.toks[i + 1].cap && !self.is_common(i + 1)
    }

    /// "J.", "O.J.": initials.
    fn is_initials(&self, i: usize) -> bool {
        let w = self.word(i);
        w.ends_with('.') && w.len() <= 6 && w.chars().all(|c| c == '.' || c.is_uppercase())
    }

    /// The kind of tokens a..b known as a whole name. The per-word facts answer
    /// for one word and rule out most longer runs without joining and hashing
    /// them.
    fn kind_of_whole(&self, a: usize, b: usize) -> Option<EntityKind> {
        if b - a == 1 {
            return if self.has(a, ALIAS) {
                self.g.aliases.get(self.word(a)).map(|&(kind, _)| kind)
            } else {
                self.has(a, PLACE).then_some(EntityKind::Place)
            };
        }
        if !self.has(a, MULTI_FIRST) {
            return None;
        }
        self.g.kind_of(&self.joined_text(a, b))
    }

    fn ends_in_org_head(&self, a: usize, b: usize) -> bool {
        b - a >= 2 && self.has(b - 1, ORG_HEAD)
    }

    /// One capitalised run, tokens a..b.
    fn run(&mut self, mut a: usize, b: usize) {
        if self.kind_of_whole(a, b).is_some() {
            return self.piece(a, b, false);
        }
        // Lines in title case or capitals: everyday words are not names there.
        if self.toks[a].headline {
            let mut s = a;
            for k in a..b {
                if self.is_common(k) && !self.is_known_word(k) && !self.opens_name(k, b) {
                    if s < k {
                        self.headline_piece(s, k);
                    }
                    s = k + 1;
                }
            }
            if s < b {
                self.headline_piece(s, b);
            }
            return;
        }
        // A sentence's first words: "According", "Meanwhile", "The".
        // "Irish Sea", "South Bank Tower", "East Africa": the adjective is part of
        // the name.
        let keep_all = self.ends_in_org_head(a, b)
            || (b - a >= 2 && self.has(b - 1, PLACE_HEAD))
            || (b - a >= 2
                && DIRECTIONS.contains(&self.low(a))
                && self.kind_of_whole(a + 1, b) == Some(EntityKind::Place));
        while a < b && !keep_all {
            // "Martin Luther King", "Will Smith": a given name that is also a
            // word still opens a name when a name-like word follows.
            let opens_name = self.opens_name(a, b);
            let strip = self.is_stop(a)
                || (self.toks[a].sent_start
                    && self.is_common(a)
                    && !self.is_known_word(a)
                    && !self.is_role(a)
                    && !opens_name)
                || (b - a > 1
                    && self.has(a, DEMONYM)
                    && !(b - a == 2 && self.has(a, GIVEN) && !self.is_common(a + 1)));
            if !strip {
                break;
            }
            if self.toks[a].sent_start && b - a == 1 {
                self.weak.push((a, a + 1));
            }
            a += 1;
        }
        // Leading particles left after stripping ("of State") are not names.
        while a < b && !self.toks[a].cap {
            a += 1;
        }
        if a < b {
            self.split(a, b, false);
        }
    }

    fn headline_piece(&mut self, a: usize, b: usize) {
        let mut a = a;
        while a < b && (!self.toks[a].cap || self.has(a, DEMONYM)) {
            a += 1;
        }
        if a < b {
            self.split(a, b, false);
        }
    }

    /// A word the gazetteers know as a name or place, even if it is also an
    /// everyday word ("China", "Georgia").
    fn is_known_word(&self, i: usize) -> bool {
        self.has(i, PLACE | ALIAS) || self.is_given(i)
    }

    /// Splits a run at role titles ("Foreign Minister") and at a given name that
    /// follows other words ("United Nations Linda Thomas-Greenfield").
    fn split(&mut self, a: usize, b: usize, cue: bool) {
        if self.kind_of_whole(a, b).is_some() || self.ends_in_org_head(a, b) {
            return self.piece(a, b, cue);
        }
        // Role titles: the part before is a place or organisation at most, the
        // part after a person.
        // A title word after a given name is a surname ("Martin Luther King").
        if let Some(r) = (a..b).find(|&k| self.is_role(k) && (k == a || !self.has(k - 1, GIVEN))) {
            // Modifiers belong to the title: "Foreign", "Prime", "Vice".
            let mut s = r;
            while s > a && self.is_common(s - 1) && !self.is_known_word(s - 1) {
                s -= 1;
            }
            while s > a && self.has(s - 1, DEMONYM) {
                s -= 1;
            }
            if s > a {
                self.piece_not_person(a, s);
            }
            let mut k = r + 1;
            // "Secretary of State", "Minister of Foreign Affairs", "Vice President";
            // but "Dr Lee", "Prime Minister May": one word right after the title is
            // the name, everyday word or not.
            // Everyday words belong to the title only after "of" ("of State",
            // "of Foreign Affairs"): "President Xi Jinping" is Xi Jinping.
            let mut after_of = false;
            while k < b
                && !(k == r + 1
                    && k + 1 == b
                    && self.toks[k].cap
                    && !self.is_role(k)
                    && self.has(k, SURNAME | GIVEN))
                && (self.is_role(k)
                    || !self.toks[k].cap
                    || (after_of && self.is_common(k) && !self.is_known_word(k)))
            {
                after_of |= self.low(k) == "of";
                k += 1;
            }
            // "General Staff", "Secretary General": an everyday word after a title,
            // alone, names no one.
            if k + 1 == b && self.is_common(k) && !self.has(k, SURNAME | GIVEN) {
                self.weak.push((k, b));
                return;
            }
            if k < b {
                // Right after "of" comes the institution ("CEO of SpaceX"), not
                // the person; a name there must show itself.
                let cue = self.low(k - 1) != "of";
                self.split(k, b, cue);
            } else if b - a == 1 {
                // "King was 34" after "Martin Luther King": a surname, if the
                // document says so.
                self.weak.push((a, b));
            }
            return;
        }
        // "Zaha Hadid DBE RA", "Daniel Bernoulli FRS": honours and acronyms after a
        // name are not part of it.
        let mut tail = b;
        while tail > a + 2 && self.toks[tail - 1].all_caps && !is_roman(self.word(tail - 1)) {
            tail -= 1;
        }
        if tail < b && (a..tail).all(|k| !self.toks[k].all_caps) {
            self.split(a, tail, cue);
            self.piece_not_person(tail, b);
            return;
        }
        if let Some(k) = (a + 1..b).find(|&k| {
            !self.has(a, GIVEN)
                && self.is_given(k)
                && !self.is_given(k - 1)
                && self.toks[k - 1].cap
                && k + 1 < b
        }) {
            self.piece_not_person(a, k);
            return self.split(k, b, cue);
        }
        self.piece(a, b, cue)
    }

    /// The part of a run before a title or a name: kept only as a place or
    /// organisation ("US", "United Nations"), never as a person.
    fn piece_not_person(&mut self, a: usize, b: usize) {
        let mut a = a;
        while a < b && (self.has(a, DEMONYM) || !self.toks[a].cap) {
            a += 1;
        }
        if a >= b {
            return;
        }
        if let Some(kind) = self.classify(a, b, false)
            && kind != EntityKind::Person
        {
            self.push(a, b, kind);
        }
    }

    fn piece(&mut self, a: usize, b: usize, cue: bool) {
        // A name starts with a capital: "de Paris" alone is no one.
        let mut a = a;
        while a < b && !self.toks[a].cap {
            a += 1;
        }
        if a == b {
            return;
        }
        if let Some(kind) = self.classify(a, b, cue) {
            self.push(a, b, kind);
        }
    }

    fn push(&mut self, a: usize, b: usize, kind: EntityKind) {
        self.out.push(Found {
            start: self.toks[a].start,
            end: self.toks[b - 1].end,
            kind,
        });
    }

    /// The previous and next word tokens around a..b, if only spaces or a comma
    /// separate them.
    fn context(&self, a: usize, b: usize) -> (Option<&str>, Option<&str>) {
        let before = (a > 0 && self.toks[a - 1].is_word()).then(|| self.low(a - 1));
        let mut j = b;
        if j < self.toks.len() && matches!(self.toks[j].kind, Tok::Punct(',')) {
            j += 1;
        }
        let after = (j < self.toks.len() && self.toks[j].is_word()).then(|| self.low(j));
        (before, after)
    }

    fn classify(&self, a: usize, b: usize, cue: bool) -> Option<EntityKind> {
        let g = self.g;
        let n = b - a;
        if let Some(kind) = self.kind_of_whole(a, b) {
            return Some(kind);
        }
        // "Russian", "Latin Americans": adjectives and groups, not entities.
        if (a..b).all(|k| {
            let w = self.low(k);
            self.has(k, DEMONYM) || w.ends_with('s') && g.demonyms.contains(w.trim_end_matches('s'))
        }) {
            return None;
        }
        if (n >= 2 || self.toks[a].all_caps) && self.has(b - 1, ORG_HEAD) {
            return Some(EntityKind::Organization);
        }
        // "Ministry of Defence", "University of Toronto", "Bank of England".
        if n >= 3
            && (a..b - 1).any(|k| self.has(k, ORG_HEAD) && matches!(self.low(k + 1), "of" | "for"))
        {
            return Some(EntityKind::Organization);
        }
        if n >= 2 && self.has(b - 1, PLACE_HEAD)
            || n >= 2
                && DIRECTIONS.contains(&self.low(a))
                && self.kind_of_whole(a + 1, b) == Some(EntityKind::Place)
        {
            return Some(EntityKind::Place);
        }
        // "LONDON (Reuters)": a dateline in capitals is the place.
        if n == 1 && self.toks[a].all_caps && self.word(a).len() > 3 {
            let w = self.word(a);
            let mut chars = w.chars();
            let titled: String = chars
                .next()
                .into_iter()
                .chain(chars.flat_map(char::to_lowercase))
                .collect();
            if g.places.contains(titled.as_str()) {
                return Some(EntityKind::Place);
            }
        }
        if n == 1 && self.toks[a].all_caps && self.word(a).len() <= 6 {
            return Some(EntityKind::Organization);
        }
        let (before, after) = self.context(a, b);
        // "the Biden administration", "the Obama campaign".
        let leader = n == 1
            && before == Some("the")
            && after.is_some_and(|w| LED.contains(&w))
            && !self.is_common(a);
        let cue = cue
            || leader
            || before.is_some_and(|w| g.cues.contains(w) || g.roles.contains(w))
            || after.is_some_and(|w| SPEECH.contains(&w)) && !self.toks[b - 1].possessive;
        // Every word must look like a name: capitalised, not a headline fragment.
        let name_like = (a..b).all(|k| {
            let t = &self.toks[k];
            (t.cap
                && (!t.all_caps
                    || k > a && is_roman(self.word(k))
                    || k + 1 < b && self.is_initials(k))
                || PARTICLES.contains(&self.low(k)))
                && !self.has(k, ORG_HEAD)
        });
        if !name_like {
            return Some(EntityKind::Other);
        }
        // "O.J. Simpson", "J. K. Rowling": initials, then a surname.
        if n >= 2 && self.is_initials(a) && !self.is_common(b - 1) && !self.toks[b - 1].all_caps {
            return Some(EntityKind::Person);
        }
        // "Le Figaro", "El Mundo": an article opens a title, not a person's name.
        if n >= 2 && ARTICLES.contains(&self.low(a)) {
            return Some(EntityKind::Other);
        }
        // A person's name ends in a surname, not in "Agreement" or "Cup".
        let surname_end =
            (!self.is_common(b - 1) || self.has(b - 1, SURNAME)) && !self.has(b - 1, PLACE);
        // A town's name after "in", "at", "from" is the town, not a namesake.
        let town = n == 1 && self.has(a, TOWN) && before.is_some_and(|w| LOCATIVE.contains(&w));
        if town || n == 1 && before.is_some_and(|w| w == "in" || w == "near") && !self.is_given(a) {
            return Some(EntityKind::Place);
        }
        if cue && (n == 1 || surname_end) {
            return Some(EntityKind::Person);
        }
        // "the Crown", "his Phoenix": a determiner makes a lone word a thing.
        let determined = n == 1 && before.is_some_and(|w| DETERMINERS.contains(&w));
        // "California, Berkeley": a town after a place.
        if n == 1
            && self.has(a, TOWN)
            && a >= 2
            && matches!(self.toks[a - 1].kind, Tok::Punct(','))
            && self.toks[a - 2].is_word()
            && (self.has(a - 2, PLACE) || self.has(a - 2, ALIAS))
        {
            return Some(EntityKind::Place);
        }
        let mid = !self.toks[a].sent_start && !self.toks[a].headline && !determined;
        if n == 1 && !town && (self.is_given(a) || mid && self.has(b - 1, GIVEN)) {
            return Some(EntityKind::Person);
        }
        // "Viktor Bout": a clear given name, then any capitalised word but a head
        // word; a place first ("Paris Agreement") is no given name.
        let clear_given = self.is_given(a) && !self.has(a, PLACE);
        let two_word =
            n == 2 && clear_given && !self.has(b - 1, ORG_HEAD) && !self.has(b - 1, PLACE_HEAD);
        if two_word || (2..=4).contains(&n) && self.has(a, GIVEN) && surname_end {
            return Some(EntityKind::Person);
        }
        // "Kori Schulman": two to four words, none an everyday word.
        if (2..=4).contains(&n)
            && surname_end
            && !self.has(a, PLACE)
            && (a..b).all(|k| !self.is_common(k) || !self.toks[k].cap)
        {
            return Some(EntityKind::Person);
        }
        // A lone capitalised surname mid-sentence ("Clinton", "Cotton").
        if n == 1
            && (mid || !self.is_common(a))
            && !town
            && self.has(b - 1, SURNAME)
            && !self.has(b - 1, ROLE)
            && !self.has(b - 1, PLACE_HEAD)
            && !self.has(b - 1, ORG_HEAD)
        {
            return Some(EntityKind::Person);
        }
        Some(EntityKind::Other)
    }

    /// One sense per document: a word known as a person's name elsewhere in the
    /// document is that person here too ("Price said" after "Ned Price").
    fn propagate(&mut self) {
        // Per surface form: how often each kind was decided, and how often not.
        // Sized once: growing them cost more than filling them.
        let mut votes: FixedMap<&str, [usize; 4]> = FixedMap::default();
        votes.reserve(self.out.len());
        let mut person_words: FixedSet<&str> = FixedSet::default();
        let mut surnames: FixedSet<&str> = FixedSet::default();
        let people = self
            .out
            .iter()
            .filter(|f| f.kind == EntityKind::Person)
            .count();
        person_words.reserve(2 * people);
        surnames.reserve(people);
        for f in &self.out {
            let s = &self.text[f.start..f.end];
            votes.entry(s).or_default()[f.kind as usize] += 1;
            if f.kind == EntityKind::Person
                && let Some((first, rest)) = s.split_once(' ')
            {
                // "Martin Luther King Jr.": the surname is "King".
                let last = rest
                    .rsplit(' ')
                    .find(|w| !is_roman(w) && !matches!(*w, "Jr." | "Jr" | "Sr." | "Sr"))
                    .unwrap_or(rest);
                person_words.insert(first);
                person_words.insert(last);
                surnames.insert(last);
            }
        }
        // A decided kind spreads to the undecided mentions of the same form when
        // it is not outnumbered by them; a full name's words always do.
        let kind_of = |s: &str| -> Option<EntityKind> {
            if person_words.contains(s) {
                return Some(EntityKind::Person);
            }
            let v = votes.get(s)?;
            let (best, n) = [
                EntityKind::Person,
                EntityKind::Place,
                EntityKind::Organization,
            ]
            .into_iter()
            .map(|k| (k, v[k as usize]))
            .max_by_key(|&(_, n)| n)?;
            // A person named once by a cue ("Seagal, whose ...") is that person
            // throughout, unless the name is also an everyday word.
            let person_once =
                best == EntityKind::Person && !self.g.common.contains(s.to_lowercase().as_str());
            (n > 0 && (person_once || n >= v[EntityKind::Other as usize])).then_some(best)
        };
        let mut changes = Vec::new();
        for (i, f) in self.out.iter().enumerate() {
            let s = &self.text[f.start..f.end];
            if f.kind == EntityKind::Other
                && let Some(k) = kind_of(s)
            {
                changes.push((i, k));
            } else if f.kind == EntityKind::Place
                && surnames.contains(s)
                && !self.g.aliases.contains_key(s)
                && !self.g.places.contains(s)
            {
                // "Valeska Paris ... Paris was born": the person, here.
                changes.push((i, EntityKind::Person));
            }
        }
        let weak: Vec<(usize, usize, EntityKind)> = self
            .weak
            .iter()
            .filter_map(|&(a, b)| kind_of(self.span_text(a, b)).map(|k| (a, b, k)))
            .collect();
        for (i, k) in changes {
            self.out[i].kind = k;
        }
        for (a, b, k) in weak {
            self.push(a, b, k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, EntityKind)> {
        recognize(text)
            .into_iter()
            .map(|f| (&text[f.start..f.end], f.kind))
            .collect()
    }

    use EntityKind::*;

    #[test]
    fn role_prefixes_are_split_off() {
        assert_eq!(
            found("He spoke to Russian Foreign Minister Sergey Lavrov on Friday."),
            [("Sergey Lavrov", Person)]
        );
        assert_eq!(
            found("U.S. Ambassador to the United Nations Linda Thomas-Greenfield spoke."),
            [
                ("U.S.", Place),
                ("United Nations", Organization),
                ("Linda Thomas-Greenfield", Person)
            ]
        );
        assert_eq!(
            found("US Secretary of State Antony Blinken said so."),
            [("US", Place), ("Antony Blinken", Person)]
        );
    }

    #[test]
    fn possessives_and_propagation() {
        assert_eq!(
            found(
                "State Department spokesman Ned Price spoke. Price said Lavrov’s reply was late."
            ),
            [
                ("State Department", Organization),
                ("Ned Price", Person),
                ("Price", Person),
                ("Lavrov", Person)
            ]
        );
    }

    #[test]
    fn not_entities() {
        assert_eq!(
            found("According to Russian officials, on Monday in May it rained."),
            []
        );
        assert_eq!(found("Meanwhile, the talks went on."), []);
    }

    #[test]
    fn particles_and_organisations() {
        assert_eq!(
            found("Crown Prince Mohammed bin Salman met the Ministry of Defence in Moscow."),
            [
                ("Mohammed bin Salman", Person),
                ("Ministry of Defence", Organization),
                ("Moscow", Place)
            ]
        );
    }

    #[test]
    fn titles_initials_and_suffixes() {
        assert_eq!(
            found(
                "Chinese President Xi Jinping met O.J. Simpson and Martin Luther King Jr. in Texas."
            ),
            [
                ("Xi Jinping", Person),
                ("O.J. Simpson", Person),
                ("Martin Luther King Jr.", Person),
                ("Texas", Place)
            ]
        );
        // Right after "of" comes an institution, not a person; an everyday word
        // alone after a title is no one.
        assert_eq!(
            found("He is CEO of SpaceX now. Ukraine's General Command agreed."),
            [("SpaceX", Other), ("Ukraine", Place)]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_sorted_disjoint_spans_on_char_boundaries(
            text in "([A-Z][a-z]{0,8}|[a-z]{1,6}|[.,’'\"“”:;()—\n -]|É|ü|Ω|U\\.S\\.){0,60}"
        ) {
            let found = recognize(&text);
            let mut last_end = 0;
            for f in &found {
                proptest::prop_assert!(f.start < f.end && f.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                proptest::prop_assert!(f.start >= last_end);
                last_end = f.end;
            }
        }
    }
}
