//! Plain-text helpers shared by the core: normalisation at load time, paragraph
//! ranges, word counts and a stable hash. Positions are UTF-8 byte offsets.

/// Tab stops are this many columns apart when tabs are expanded.
const TAB: usize = 4;

/// Normalises decoded text in one pass: CRLF and lone CR become LF, tabs are
/// expanded, non-breaking and other odd spaces become plain spaces, and invisible
/// characters that only confuse offsets and terminals (zero-width spaces, soft
/// hyphens, bidi controls, control characters such as ESC) are dropped.
/// Joiners (U+200C, U+200D) stay: they shape scripts and emoji.
pub fn normalize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let bytes = input.as_bytes();
    let mut col = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        // Runs of printable ASCII, most of any text, are kept as they are: copied
        // whole rather than char by char.
        let run = bytes[i..]
            .iter()
            .position(|b| !(b' '..=b'~').contains(b))
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            out.push_str(&input[i..i + run]);
            col += run;
            i += run;
            continue;
        }
        let Some(c) = input[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                out.push('\n');
                col = 0;
            }
            '\n' => {
                out.push('\n');
                col = 0;
            }
            '\t' => {
                let n = TAB - col % TAB;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                out.push(' ');
                col += 1;
            }
            '\u{200b}'
            | '\u{2060}'
            | '\u{feff}'
            | '\u{ad}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{61c}' => {}
            c if c.is_control() => {}
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// Byte ranges of the blank-line-separated blocks of `text`, trimmed of
/// surrounding whitespace.
pub fn blocks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, end));
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            end = pos + content.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push((s, end));
    }
    out
}

/// Number of whitespace-separated words.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The whitespace-separated words of `text`, exactly as `str::split_whitespace`
/// gives them, found a byte at a time: only the few bytes that can start a
/// Unicode space beyond ASCII are decoded (the cleaner splits every unit into
/// words, and most text is ASCII or has rare non-ASCII chars).
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// The iterator `words` returns.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// What a byte can be in `words`: part of a word, an ASCII space, or the first
/// byte of a char that may be a space beyond ASCII (U+0085 and U+00A0; U+1680;
/// U+2000..U+205F; U+3000 start with these, and every other one too).
const WORD: u8 = 0;
const SPACE: u8 = 1;
const MAYBE: u8 = 2;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [WORD; 256];
    let mut b = b'\t';
    while b <= b'\r' {
        t[b as usize] = SPACE;
        b += 1;
    }
    t[b' ' as usize] = SPACE;
    t[0xc2] = MAYBE;
    t[0xe1] = MAYBE;
    t[0xe2] = MAYBE;
    t[0xe3] = MAYBE;
    t
};

/// The length of the whitespace char beyond ASCII starting at byte `i` of
/// `text`, a `MAYBE` byte: 0 when it is no whitespace.
#[cold]
fn wide_space_at(text: &str, i: usize) -> usize {
    match text[i..].chars().next() {
        Some(c) if c.is_whitespace() => c.len_utf8(),
        _ => 0,
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        while let Some(&b) = bytes.get(i) {
            match BYTE_CLASS[b as usize] {
                SPACE => i += 1,
                MAYBE => match wide_space_at(self.text, i) {
                    0 => break,
                    len => i += len,
                },
                _ => break,
            }
        }
        if i >= bytes.len() {
            self.pos = i;
            return None;
        }
        let start = i;
        loop {
            // Bytes that are word bytes whatever follows them, in a tight loop.
            i += bytes[i..]
                .iter()
                .position(|&b| BYTE_CLASS[b as usize] != WORD)
                .unwrap_or(bytes.len() - i);
            // Continuation bytes are never whitespace: stepping a byte at a
            // time only ever decodes at a char's first byte.
            match bytes.get(i) {
                Some(&b) if BYTE_CLASS[b as usize] == MAYBE && wide_space_at(self.text, i) == 0 => {
                    i += 1
                }
                _ => break,
            }
        }
        self.pos = i;
        Some(&self.text[start..i])
    }
}

/// FNV-1a, 64 bits: stable across runs and versions (std's hasher is not), for
/// content hashes in bookmarks and cache keys.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Largest char boundary at or below `i`.
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary at or above `i`.
pub fn ceil_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalize_cleans_invisibles_and_spaces() {
        assert_eq!(
            normalize("a\u{a0}b\u{200b}c\u{202e}d\u{1b}[31m"),
            "a bcd[31m"
        );
        assert_eq!(normalize("x\r\ny\rz"), "x\ny\nz");
        assert_eq!(normalize("ab\tc\n\td"), "ab  c\n    d");
        assert_eq!(normalize("👩\u{200d}💻"), "👩\u{200d}💻");
    }

    /// The char-by-char normalisation the run-copying one replaced.
    fn normalize_by_char(input: &str) -> String {
        let mut out = String::new();
        let mut col = 0;
        let mut chars = input.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                    col = 0;
                }
                '\t' => {
                    let n = TAB - col % TAB;
                    out.extend(std::iter::repeat_n(' ', n));
                    col += n;
                }
                '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                    out.push(' ');
                    col += 1;
                }
                '\u{200b}'
                | '\u{2060}'
                | '\u{feff}'
                | '\u{ad}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{61c}' => {}
                c if c.is_control() => {}
                c => {
                    out.push(c);
                    col += 1;
                }
            }
        }
        out
    }

    proptest! {
        #[test]
        fn normalize_copies_runs_as_it_would_chars(pieces in proptest::collection::vec(
            prop_oneof![
                "[ -~]{0,12}",
                Just("\t".to_string()),
                Just("\r\n".to_string()),
                Just("\r".to_string()),
                Just("\n".to_string()),
                Just("\u{a0}\u{3000}".to_string()),
                Just("\u{200b}\u{ad}\u{feff}".to_string()),
                Just("\u{1b}\u{7f}\u{0}".to_string()),
                any::<char>().prop_map(String::from),
            ],
            0..40,
        )) {
            let input = pieces.concat();
            prop_assert_eq!(normalize(&input), normalize_by_char(&input));
        }
    }

    proptest! {
        #[test]
        fn words_split_as_split_whitespace_does(pieces in proptest::collection::vec(
            prop_oneof![
                "[a-c.]{1,4}",
                Just(" ".to_string()),
                Just("\t\n\u{b}\u{c}\r".to_string()),
                Just("\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}".to_string()),
                // Non-space chars sharing the spaces' lead bytes.
                Just("é\u{a9}\u{1681}\u{2019}\u{200b}\u{3001}".to_string()),
                any::<char>().prop_map(String::from),
            ],
            0..30,
        )) {
            let text = pieces.concat();
            prop_assert_eq!(
                words(&text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn words_are_the_text_between_spaces() {
        assert_eq!(
            words(" Ein\u{a0}Tag\u{3000}im  “Mai”\n").collect::<Vec<_>>(),
            ["Ein", "Tag", "im", "“Mai”"]
        );
        assert_eq!(words(" \t ").next(), None);
    }

    #[test]
    fn blocks_are_trimmed_ranges() {
        let text = "  one\ntwo  \n\n\n three\n";
        let b = blocks(text);
        assert_eq!(b.len(), 2);
        assert_eq!(&text[b[0].0..b[0].1], "one\ntwo");
        assert_eq!(&text[b[1].0..b[1].1], "three");
    }

    #[test]
    fn boundaries() {
        let s = "aé";
        assert_eq!(floor_boundary(s, 2), 1);
        assert_eq!(ceil_boundary(s, 2), 3);
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
    }
}
