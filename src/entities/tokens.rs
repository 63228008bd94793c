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
    ["al-", "el-", "ad-", "as-", "ash-", "an-"].iter().any(|p| {
        word.strip_prefix(p)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase)
    })
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens. Words keep inner apostrophes, hyphens and the dots of
/// "U.S."; a trailing "'s" is cut off and marked possessive.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut sent_start = true;
    let mut line_start = true;
    let mut i = 0;
    while i < text.len() {
        let b = bytes[i];
        if b == b'\n' {
            sent_start = true;
            line_start = true;
            i += 1;
            continue;
        }
        if b == b' ' {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            // ASCII letters and digits first, a byte at a time; the general loop
            // below takes over at anything else.
            let mut end = i;
            while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
            let mut chars = text[end..].char_indices().peekable();
            let from = end;
            while let Some((off, ch)) = chars.next() {
                let at = from + off;
                if ch.is_alphanumeric() {
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
                    end = at + ch.len_utf8();
                } else {
                    break;
                }
            }
            let mut word_end = end;
            let mut possessive = false;
            // "Lavrov's" / "Lavrov’s": the word is "Lavrov".
            let w = &text[start..end];
            if w.ends_with(['s', 'S']) {
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
            let first = bytes[start];
            let cap = if first.is_ascii() {
                first.is_ascii_uppercase()
                    || (first == b'a' || first == b'e') && arabic_article(word)
            } else {
                word.chars().next().is_some_and(char::is_uppercase)
            };
            // Capitals all through matter only for capitalised words.
            let all_caps = cap
                && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !word.chars().any(char::is_lowercase);
            out.push(Token {
                start,
                end: word_end,
                kind: Tok::Word,
                cap,
                all_caps,
                sent_start,
                headline: false,
                possessive,
                line_start,
            });
            sent_start = false;
            line_start = false;
            i = next.max(end);
            continue;
        }
        out.push(Token {
            start: i,
            end: i + c.len_utf8(),
            kind: Tok::Punct(c),
            cap: false,
            all_caps: false,
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
