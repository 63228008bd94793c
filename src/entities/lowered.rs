//! Lower-case forms of an article's words, for gazetteer look-ups: made once per
//! article, without a string or a slot per word.

use super::tokens::Token;

pub struct Lowered {
    /// The text with its ASCII capitals lowered: byte offsets are unchanged, so
    /// an ASCII word's lower-case form is its own range here.
    ascii: String,
    /// Words with capitals and letters beyond ASCII (rare), whose lower case may
    /// differ in length: (word start, range of `wide_buf`), in text order.
    wide: Vec<(usize, usize, usize)>,
    wide_buf: String,
}

impl Lowered {
    pub fn new(text: &str, toks: &[Token]) -> Lowered {
        let mut wide = Vec::new();
        let mut wide_buf = String::new();
        for t in toks.iter().filter(|t| t.upper && !t.ascii) {
            let from = wide_buf.len();
            wide_buf.extend(t.text(text).chars().flat_map(char::to_lowercase));
            wide.push((t.start, from, wide_buf.len()));
        }
        Lowered {
            ascii: text.to_ascii_lowercase(),
            wide,
            wide_buf,
        }
    }

    /// The lower-case form of a word with capitals (`t.upper`) of this text.
    #[inline]
    pub fn of(&self, t: &Token) -> &str {
        if t.ascii {
            &self.ascii[t.start..t.end]
        } else {
            self.wide(t)
        }
    }

    /// Kept out of line: rare, and `of` is inlined wherever a word is compared.
    #[inline(never)]
    fn wide(&self, t: &Token) -> &str {
        match self.wide.binary_search_by_key(&t.start, |w| w.0) {
            Ok(k) => &self.wide_buf[self.wide[k].1..self.wide[k].2],
            Err(_) => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tokens::tokenize;

    #[test]
    fn words_with_capitals_are_lowered_in_any_script() {
        let text = "ÜNAL met eBay’s ΣΟΦΙΑ and İlham in MOSCOW";
        let toks = tokenize(text);
        let lowered = Lowered::new(text, &toks);
        let forms: Vec<&str> = toks
            .iter()
            .filter(|t| t.upper)
            .map(|t| lowered.of(t))
            .collect();
        assert_eq!(forms, ["ünal", "ebay", "σοφια", "i\u{307}lham", "moscow"]);
    }
}
