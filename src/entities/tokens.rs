//! Word tokens with byte offsets, and the facts about each that recognition needs:
//! capitalised, sentence-initial, in a headline-like line, possessive.

/// Abbreviations whose final dot is part of the word, not the end of a sentence.
fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Jr"
            | "Sr"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Prof"
            | "Rev"
            | "Inc"
            | "Corp"
            | "Co"
            | "Ltd"
            | "Mt"
            | "Adm"
            | "Maj"
            | "No"
            | "vs"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Ave"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    Word,
    /// Punctuation, one character.
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    /// End of the word, without a possessive "'s" (which `possessive` records).
    pub end: usize,
    pub kind: Tok,
    /// First character is an upper-case letter.
    pub cap: bool,
    /// Two or more letters, all upper case.
    pub all_caps: bool,
    /// Some letter is upper case (the word needs lower-casing for look-ups).
    pub upper: bool,
    /// The word is all ASCII.
    pub ascii: bool,
    /// First word of a sentence, a line, or a quotation.
    pub sent_start: bool,
    /// In a line written in title case or capitals (headlines): capitals say little.
    pub headline: bool,
    pub possessive: bool,
    /// A line break comes before this token.
    pub line_start: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    pub fn is_word(&self) -> bool {
        self.kind == Tok::Word
    }
}

/// "al-Jadaan", "el-Sisi": a name behind a lower-case article.
fn arabic_article(word: &str) -> bool {
    // Every article is two or three letters and a hyphen: most words stop here.
    let b = word.as_bytes();
    if b.get(2) != Some(&b'-') && b.get(3) != Some(&b'-') {
        return false;
    }
    ["al-", "el-", "ad-", "as-", "ash-", "an-"].iter().any(|p| {
        word.strip_prefix(p)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase)
    })
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

const ALNUM: u8 = 1;
const UPPER: u8 = 2;
/// `char::is_whitespace` in ASCII, but for the newline.
const SPACE: u8 = 4;
/// Joins two runs of letters in a word when a letter or digit follows.
const JOINER: u8 = 8;

/// ASCII letters and digits (ALNUM), capitals (UPPER), blanks and joiners: one
/// load per byte in the loops that read most of the text.
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] |= ALNUM;
        }
        if c.is_ascii_uppercase() {
            t[b] |= UPPER;
        }
        if matches!(c, b' ' | b'\t' | b'\x0B' | b'\x0C' | b'\r') {
            t[b] |= SPACE;
        }
        if matches!(c, b'-' | b'.' | b'&' | b'\'') {
            t[b] |= JOINER;
        }
        b += 1;
    }
    t
};

/// Splits `text` into tokens. Words keep inner apostrophes, hyphens and the dots of
/// "U.S."; a trailing "'s" is cut off and marked possessive. ASCII, most of any
/// English text, is read a byte at a time; other characters are decoded.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 4);
    let mut line = Line::default();
    let mut sent_start = true;
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = ASCII_CLASS[usize::from(b)];
        if class & SPACE != 0 {
            i += 1;
            continue;
        }
        if b == b'\n' {
            sent_start = true;
            line_start = true;
            i += 1;
            continue;
        }
        let token = match start_at(text, i, class) {
            Start::Blank(len) => {
                i += len;
                continue;
            }
            Start::Word => {
                let (token, next) = word(text, i, sent_start, line_start);
                sent_start = false;
                i = next;
                token
            }
            Start::Punct(c) => {
                match c {
                    '.' | '?' | '!' | ':' | ';' | '•' | '|' => sent_start = true,
                    // An opening quotation or bracket starts a sentence of its own.
                    '“' | '(' | '[' | '—' | '–' => sent_start = true,
                    '"' | '‘' | '\'' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                        sent_start = true
                    }
                    _ => {}
                }
                let token = punct(i, c, line_start);
                i += c.len_utf8();
                token
            }
        };
        line_start = false;
        line.add(&mut out, token);
    }
    line.close(&mut out);
    out
}

/// What starts at a byte that is not an ASCII blank.
enum Start {
    Word,
    Punct(char),
    /// Whitespace not ASCII, this many bytes long.
    Blank(usize),
}

fn start_at(text: &str, i: usize, class: u8) -> Start {
    let b = text.as_bytes()[i];
    if class & ALNUM != 0 {
        return Start::Word;
    }
    if b.is_ascii() {
        return Start::Punct(char::from(b));
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    if is_common_punct(c) {
        Start::Punct(c)
    } else if c.is_whitespace() {
        Start::Blank(c.len_utf8())
    } else if c.is_alphanumeric() {
        Start::Word
    } else {
        Start::Punct(c)
    }
}

/// Punctuation that is neither whitespace nor alphanumeric, not ASCII and common
/// in news text: no need to ask Unicode's tables.
fn is_common_punct(c: char) -> bool {
    matches!(c, '’' | '‘' | '“' | '”' | '—' | '–' | '•' | '…')
}

fn punct(start: usize, c: char, line_start: bool) -> Token {
    Token {
        start,
        end: start + c.len_utf8(),
        kind: Tok::Punct(c),
        cap: false,
        all_caps: false,
        upper: false,
        ascii: true,
        sent_start: false,
        headline: false,
        possessive: false,
        line_start,
    }
}

/// The word starting at `start` (a letter or digit), and where to read on.
/// Inlined: it runs once per word, and the call cost a fifth of its time.
#[inline(always)]
fn word(text: &str, start: usize, sent_start: bool, line_start: bool) -> (Token, usize) {
    let bytes = text.as_bytes();
    // ASCII letters and digits first, a byte at a time; the general loop takes
    // over at a joiner followed by more of the word, or anything not ASCII.
    let mut end = start;
    let mut classes = 0;
    for &b in &bytes[start..] {
        let class = ASCII_CLASS[usize::from(b)];
        if class & ALNUM == 0 {
            break;
        }
        classes |= class;
        end += 1;
    }
    let mut upper = classes & UPPER != 0;
    let mut ascii = true;
    if continues(bytes, end) {
        (end, upper, ascii) = general_word(text, start, end, upper);
    }
    let (word_end, possessive, next) = word_end(text, start, end);
    if possessive {
        // The cut "'S" may have been the only capital; "’" was not ASCII.
        let word = &text[start..word_end];
        upper = word.chars().any(char::is_uppercase);
        ascii = word.is_ascii();
    }
    let cap = capitalised(text, start, word_end);
    // Capitals all through matter only for capitalised words.
    let all_caps = cap && shouted(&text[start..word_end], ascii);
    let token = Token {
        start,
        end: word_end,
        kind: Tok::Word,
        cap,
        all_caps,
        upper,
        ascii,
        sent_start,
        headline: false,
        possessive,
        line_start,
    };
    (token, next)
}

/// Where the word read up to `end` ends: before a possessive "'s" ("Lavrov's"
/// is "Lavrov"), after the dot of "U.S.", "J." or "Mr."; whether it was
/// possessive; where to read on.
fn word_end(text: &str, start: usize, end: usize) -> (usize, bool, usize) {
    let bytes = text.as_bytes();
    if let Some(cut) = possessive_len(&bytes[start..end]) {
        return (end - cut, true, end);
    }
    if bytes.get(end) == Some(&b'.') {
        let w = &text[start..end];
        if is_abbreviation(w) || w.contains('.') || is_initial(w) {
            return (end + 1, false, end + 1);
        }
    }
    (end, false, end)
}

/// The word text[start..end] starts with a capital, or is "al-Assad".
fn capitalised(text: &str, start: usize, end: usize) -> bool {
    let first = text.as_bytes()[start];
    if first.is_ascii_uppercase() {
        true
    } else if first.is_ascii() {
        (first == b'a' || first == b'e') && arabic_article(&text[start..end])
    } else {
        text[start..end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

/// Whether the word read up to `end` may go on: a character not ASCII, or a
/// joiner before a letter or digit (a sentence's full stop, most often, is not).
fn continues(bytes: &[u8], end: usize) -> bool {
    match bytes.get(end) {
        None => false,
        Some(&b) if !b.is_ascii() => true,
        Some(&b) => {
            ASCII_CLASS[usize::from(b)] & JOINER != 0
                && bytes
                    .get(end + 1)
                    .is_some_and(|&n| !n.is_ascii() || ASCII_CLASS[usize::from(n)] & ALNUM != 0)
        }
    }
}

/// Reads on from `end` through letters of any script and joiners: the word's
/// end, whether it has capitals, whether it is all ASCII.
fn general_word(text: &str, start: usize, mut end: usize, mut upper: bool) -> (usize, bool, bool) {
    let mut ascii = true;
    let mut chars = text[end..].char_indices().peekable();
    let from = end;
    while let Some((off, ch)) = chars.next() {
        let at = from + off;
        // Joiners first: an apostrophe "’" is no letter, and asking costs more.
        if matches!(ch, '-' | '.' | '&') || is_apostrophe(ch) {
            // Joins only when a letter or digit follows; a dot only inside
            // "U.S"-like words (letters one at a time).
            let next_alnum = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            let ok = next_alnum
                && (ch != '.' || {
                    let word = &text[start..end];
                    word.chars().count() == 1
                        || word.len() >= 2 && word.as_bytes()[word.len() - 2] == b'.'
                });
            if !ok {
                break;
            }
            ascii &= ch.is_ascii();
            end = at + ch.len_utf8();
        } else if ch.is_alphanumeric() {
            upper |= ch.is_uppercase();
            ascii &= ch.is_ascii();
            end = at + ch.len_utf8();
        } else {
            break;
        }
    }
    (end, upper, ascii)
}

/// The length of a possessive "'s" / "’s" ending a word (in either case), if
/// something comes before it.
fn possessive_len(w: &[u8]) -> Option<usize> {
    if !matches!(w.last(), Some(b's' | b'S')) {
        return None;
    }
    let body = &w[..w.len() - 1];
    if body.len() > 1 && body.ends_with(b"'") {
        Some(2)
    } else if body.len() > 3 && body.ends_with("’".as_bytes()) {
        Some(4)
    } else {
        None
    }
}

/// "J": one capital letter.
fn is_initial(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Two or more letters, none lower case.
fn shouted(word: &str, ascii: bool) -> bool {
    if ascii {
        let b = word.as_bytes();
        !b.iter().any(u8::is_ascii_lowercase)
            && b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2
    } else {
        word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !word.chars().any(char::is_lowercase)
    }
}

/// The tokens of the line being read, counted as they come: lines that look
/// like headlines (most longer words capitalised, no sentence ending inside)
/// are marked when the line closes.
#[derive(Default)]
struct Line {
    /// Index of the line's first token.
    begin: usize,
    words: usize,
    long: usize,
    caps: usize,
    shouting: usize,
    sentences: usize,
}

impl Line {
    /// Appends a token, closing the line before it if it starts a new one.
    fn add(&mut self, out: &mut Vec<Token>, token: Token) {
        if token.line_start {
            self.close(out);
        }
        match token.kind {
            Tok::Word => {
                self.words += 1;
                self.shouting += usize::from(token.all_caps);
                if token.end - token.start >= 4 {
                    self.long += 1;
                    self.caps += usize::from(token.cap);
                }
            }
            Tok::Punct('.') => self.sentences += 1,
            Tok::Punct(_) => {}
        }
        out.push(token);
    }

    /// Marks the line's tokens if it is a headline, and starts the next line.
    fn close(&mut self, out: &mut [Token]) {
        // Headlines rarely end a sentence with a full stop; prose lines do.
        let headline = self.words >= 3
            && ((self.long >= 3 && self.caps * 10 >= self.long * 7 && self.sentences == 0)
                || self.shouting * 10 >= self.words * 7);
        if headline {
            for t in &mut out[self.begin..] {
                t.headline = true;
            }
        }
        *self = Line {
            begin: out.len(),
            ..Line::default()
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .into_iter()
            .filter(Token::is_word)
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn words_keep_dots_hyphens_and_drop_possessives() {
        assert_eq!(
            words("The U.S. and Linda Thomas-Greenfield’s aide, Mr. Lavrov's J. Smith."),
            [
                "The",
                "U.S.",
                "and",
                "Linda",
                "Thomas-Greenfield",
                "aide",
                "Mr.",
                "Lavrov",
                "J.",
                "Smith"
            ]
        );
    }

    #[test]
    fn capitals_and_ascii_are_noted_on_the_word_kept() {
        let text = "eBay JOHN'S Zoë’s al-Assad plain Ünal";
        let facts: Vec<(&str, bool, bool)> = tokenize(text)
            .iter()
            .map(|t| (t.text(text), t.upper, t.ascii))
            .collect();
        assert_eq!(
            facts,
            [
                ("eBay", true, true),
                ("JOHN", true, true),
                ("Zoë", true, false),
                ("al-Assad", true, true),
                ("plain", false, true),
                ("Ünal", true, false),
            ]
        );
        // A cut-off "'S" was the only capital: the word has none.
        let t = tokenize("john'S");
        assert_eq!((t[0].text("john'S"), t[0].upper), ("john", false));
    }

    #[test]
    fn sentence_starts() {
        let text = "He left. Price said: “Right now.” And then\nNew line";
        let t = tokenize(text);
        let starts: Vec<&str> = t
            .iter()
            .filter(|t| t.is_word() && t.sent_start)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(starts, ["He", "Price", "Right", "And", "New"]);
    }

    #[test]
    fn joiners_join_only_before_a_letter_or_digit() {
        assert_eq!(
            words("well-known. AT&T end- x.y R&D’s rock'n'roll 3.5 a.- b'"),
            [
                "well-known",
                "AT&T",
                "end",
                "x.y",
                "R&D",
                "rock'n'roll",
                "3.5",
                "a",
                "b"
            ]
        );
        // A possessive needs a word before it; "’s" is cut in either case.
        assert_eq!(words("X's Y’S s's"), ["X", "Y", "s"]);
    }

    #[test]
    fn blanks_and_marks_beyond_ascii() {
        let text = "Zoë\u{a0}said\u{2003}“no”… — Ünal•";
        let kinds: Vec<(&str, bool)> = tokenize(text)
            .iter()
            .map(|t| (t.text(text), t.is_word()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Zoë", true),
                ("said", true),
                ("“", false),
                ("no", true),
                ("”", false),
                ("…", false),
                ("—", false),
                ("Ünal", true),
                ("•", false)
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_keep_their_dot() {
        assert_eq!(
            words("Gen. Sept. J. Ünal. É. vs. Nov. Novel. ab."),
            [
                "Gen.", "Sept.", "J.", "Ünal", "É.", "vs.", "Nov.", "Novel", "ab"
            ]
        );
    }

    #[test]
    fn headline_lines_are_marked() {
        let text = "Blinken to Talk to Lavrov, Amid Reports US Could Swap\nHe said that the talks went well.";
        let t = tokenize(text);
        assert!(t[0].headline);
        assert!(!t.last().unwrap().headline);
        // Every token of the line, its last line too; capitals all through count.
        let text = "He said so.\nBIDEN MEETS PUTIN, AGAIN";
        let t = tokenize(text);
        let marked: Vec<&str> = t
            .iter()
            .filter(|t| t.headline)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(marked, ["BIDEN", "MEETS", "PUTIN", ",", "AGAIN"]);
    }
}
