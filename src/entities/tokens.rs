//! Word tokens with byte offsets, and the facts about each that recognition needs:
//! capitalised, sentence-initial, in a headline-like line, possessive.

/// Abbreviations whose final dot is part of the word, not the end of a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt",
    "Sgt", "Prof", "Rev", "Inc", "Corp", "Co", "Ltd", "Mt", "Adm", "Maj", "No", "vs", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Ave",
];

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

/// ASCII letters and digits (ALNUM), capitals (UPPER): one load per byte in the
/// loop that reads most of the text.
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
    let mut sent_start = true;
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let c = if b.is_ascii() {
            match b {
                b'\n' => {
                    sent_start = true;
                    line_start = true;
                    i += 1;
                    continue;
                }
                // char::is_whitespace in ASCII.
                b' ' | b'\t' | b'\x0B' | b'\x0C' | b'\r' => {
                    i += 1;
                    continue;
                }
                _ => b as char,
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            c
        };
        if c.is_alphanumeric() {
            let (token, next) = word(text, i, sent_start, line_start);
            out.push(token);
            sent_start = false;
            line_start = false;
            i = next;
            continue;
        }
        out.push(Token {
            start: i,
            end: i + c.len_utf8(),
            kind: Tok::Punct(c),
            cap: false,
            all_caps: false,
            upper: false,
            ascii: true,
            sent_start: false,
            headline: false,
            possessive: false,
            line_start,
        });
        line_start = false;
        match c {
            '.' | '?' | '!' | ':' | ';' | '•' | '|' => sent_start = true,
            // An opening quotation or bracket starts a sentence of its own.
            '“' | '(' | '[' | '—' | '–' => sent_start = true,
            '"' | '‘' | '\'' if i == 0 || bytes[i - 1].is_ascii_whitespace() => sent_start = true,
            _ => {}
        }
        i += c.len_utf8();
    }
    mark_headlines(&mut out);
    out
}

/// The word starting at `start` (a letter or digit), and where to read on.
fn word(text: &str, start: usize, sent_start: bool, line_start: bool) -> (Token, usize) {
    let bytes = text.as_bytes();
    // ASCII letters and digits first, a byte at a time; the general loop below
    // takes over at a joiner or anything not ASCII.
    let mut end = start;
    let mut upper = 0;
    while let Some(&b) = bytes.get(end) {
        let class = ASCII_CLASS[usize::from(b)];
        if class & ALNUM == 0 {
            break;
        }
        upper |= class;
        end += 1;
    }
    let mut upper = upper & UPPER != 0;
    let mut ascii = true;
    let general = bytes
        .get(end)
        .is_some_and(|&b| !b.is_ascii() || matches!(b, b'-' | b'.' | b'&' | b'\''));
    if general {
        let mut chars = text[end..].char_indices().peekable();
        let from = end;
        while let Some((off, ch)) = chars.next() {
            let at = from + off;
            if ch.is_alphanumeric() {
                upper |= ch.is_uppercase();
                ascii &= ch.is_ascii();
                end = at + ch.len_utf8();
            } else if matches!(ch, '-' | '.' | '&') || is_apostrophe(ch) {
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
            } else {
                break;
            }
        }
    }
    let mut word_end = end;
    let mut possessive = false;
    // "Lavrov's" / "Lavrov’s": the word is "Lavrov".
    if matches!(bytes[end - 1], b's' | b'S') {
        let w = &text[start..end];
        for apos in ["'s", "’s", "'S", "’S"] {
            if w.len() > apos.len() && w.ends_with(apos) {
                word_end = end - apos.len();
                possessive = true;
            }
        }
    }
    // "U.S." / "J." / "Mr.": the dot belongs to the word.
    let mut next = end;
    if !possessive && bytes.get(end) == Some(&b'.') {
        let w = &text[start..end];
        let initial = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
        if initial || w.contains('.') || ABBREVIATIONS.contains(&w) {
            word_end = end + 1;
            next = end + 1;
        }
    }
    let word = &text[start..word_end];
    if possessive {
        // The cut "'S" may have been the only capital; "’" was not ASCII.
        upper = word.chars().any(char::is_uppercase);
        ascii = word.is_ascii();
    }
    let first = bytes[start];
    let cap = if first.is_ascii() {
        first.is_ascii_uppercase() || (first == b'a' || first == b'e') && arabic_article(word)
    } else {
        word.chars().next().is_some_and(char::is_uppercase)
    };
    // Capitals all through matter only for capitalised words.
    let all_caps = cap
        && if ascii {
            word.bytes().filter(u8::is_ascii_alphabetic).count() >= 2
                && !word.bytes().any(|b| b.is_ascii_lowercase())
        } else {
            word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !word.chars().any(char::is_lowercase)
        };
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
    (token, next.max(end))
}

/// Marks lines that look like headlines: most longer words capitalised, no
/// sentence ending inside.
fn mark_headlines(tokens: &mut [Token]) {
    let mut line_begin = 0;
    while line_begin < tokens.len() {
        let mut line_end = line_begin + 1;
        while line_end < tokens.len() && !tokens[line_end].line_start {
            line_end += 1;
        }
        let line = &tokens[line_begin..line_end];
        let mut long = 0;
        let mut caps = 0;
        let mut shouting = 0;
        let mut words = 0;
        for t in line.iter().filter(|t| t.is_word()) {
            words += 1;
            if t.all_caps {
                shouting += 1;
            }
            if t.end - t.start >= 4 {
                long += 1;
                if t.cap {
                    caps += 1;
                }
            }
        }
        let sentences = line
            .iter()
            .filter(|t| matches!(t.kind, Tok::Punct('.')))
            .count();
        // Headlines rarely end a sentence with a full stop; prose lines do.
        let headline = words >= 3
            && ((long >= 3 && caps * 10 >= long * 7 && sentences == 0)
                || shouting * 10 >= words * 7);
        if headline {
            for t in &mut tokens[line_begin..line_end] {
                t.headline = true;
            }
        }
        line_begin = line_end;
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
    fn headline_lines_are_marked() {
        let text = "Blinken to Talk to Lavrov, Amid Reports US Could Swap\nHe said that the talks went well.";
        let t = tokenize(text);
        assert!(t[0].headline);
        assert!(!t.last().unwrap().headline);
    }
}
