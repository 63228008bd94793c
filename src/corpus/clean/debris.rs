//! Inline scraping debris at the edges of a kept paragraph: the stub "( – " left
//! where an outlet's name was cut from a dateline, empty brackets, a dangling
//! dash or open bracket. Only edges are trimmed, so a kept paragraph is always a
//! piece of its input line.

const DASHES: &[char] = &['–', '—', '-', '―'];

/// The byte range of `text` left once debris is trimmed from both ends.
pub(crate) fn trim(text: &str) -> (usize, usize) {
    let mut s = text;
    loop {
        let before = s.len();
        s = s.trim_start();
        // "( – ", "(– ", "( ) ", "() ", "[ ] "
        for (open, close) in [('(', ')'), ('[', ']')] {
            if let Some(rest) = s.strip_prefix(open) {
                let inner = rest.trim_start();
                if let Some(r) = inner.strip_prefix(close) {
                    s = r;
                } else if let Some(r) = inner.strip_prefix(DASHES) {
                    // A stub, not a parenthesis: it must not close right away.
                    if r.starts_with(char::is_whitespace) {
                        s = r;
                    }
                }
            }
        }
        // A lone dash before the first word: "– Secretary of State ..."
        if let Some(r) = s.strip_prefix(DASHES)
            && r.starts_with(' ')
        {
            s = r;
        }
        if s.len() == before {
            break;
        }
    }
    let start = text.len() - s.len();
    loop {
        let before = s.len();
        s = s.trim_end();
        for stub in ["()", "[]", "(", "[", " –", " —"] {
            if let Some(r) = s.strip_suffix(stub) {
                s = r;
            }
        }
        if s.len() == before {
            break;
        }
    }
    if s.is_empty() {
        return (0, text.len());
    }
    (start, start + s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(t: &str) -> &str {
        let (a, b) = trim(t);
        &t[a..b]
    }

    #[test]
    fn dateline_stub_goes() {
        assert_eq!(
            cut("( – Secretary of State Antony Blinken"),
            "Secretary of State Antony Blinken"
        );
        assert_eq!(cut("() – Moscow said"), "Moscow said");
        assert_eq!(cut("[ ] The report"), "The report");
    }

    #[test]
    fn real_brackets_and_dashes_stay() {
        assert_eq!(
            cut("(At the time, Whelan was held.)"),
            "(At the time, Whelan was held.)"
        );
        assert_eq!(cut("-5 degrees at night"), "-5 degrees at night");
        assert_eq!(cut("It ended – for now"), "It ended – for now");
    }

    #[test]
    fn trailing_stubs_go() {
        assert_eq!(cut("The talks resumed ("), "The talks resumed");
        assert_eq!(cut("The talks resumed –"), "The talks resumed");
    }

    #[test]
    fn all_debris_is_left_alone() {
        assert_eq!(cut("( – "), "( – ");
    }
}
