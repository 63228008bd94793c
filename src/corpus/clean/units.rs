//! Splits a page into units: one per line in naive HTML dumps, and hard-wrapped
//! paragraphs (consecutive lines of one block, wrapped at a fixed width) joined
//! into one.

use std::borrow::Cow;

/// A candidate paragraph: one line, or the lines of a hard-wrapped paragraph.
#[derive(Debug, Clone)]
pub(crate) struct Unit<'a> {
    /// (1-based line number, trimmed line) for every line it was made of.
    pub pieces: Vec<(usize, &'a str)>,
    /// The lines joined by single spaces, list markers left out.
    pub text: Cow<'a, str>,
}

/// List markers a dump leaves before an item; they carry no text.
const BULLETS: &[char] = &['•', '·', '▪', '►', '‣', '◦', '*', '-', '–'];

fn strip_bullet(line: &str) -> &str {
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(' ')) if BULLETS.contains(&c) => chars.as_str().trim_start(),
        _ => line,
    }
}

fn starts_with_bullet(line: &str) -> bool {
    strip_bullet(line).len() != line.len()
        || line.split_once([')', '.']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
        })
}

/// The width a hard-wrapped file was wrapped at, if it looks wrapped: many lines
/// end near one width that no line goes far beyond, and blank lines separate
/// the paragraphs. One-block-per-line dumps never qualify (their paragraphs are
/// single long lines).
fn wrap_width(lines: &[&str]) -> Option<usize> {
    // Without a blank line a file is never wrapped: its lines' chars go
    // uncounted.
    if !lines.iter().any(|l| l.trim().is_empty()) {
        return None;
    }
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lens.len() < 4 {
        return None;
    }
    lens.sort_unstable();
    let width = lens[lens.len() * 95 / 100];
    let longest = *lens.last()?;
    let near = lens.iter().filter(|&&n| n * 10 >= width * 7).count();
    ((40..=110).contains(&width) && longest <= width + 10 && near * 10 >= lens.len() * 4)
        .then_some(width)
}

pub(crate) fn split(input: &str) -> Vec<Unit<'_>> {
    let lines: Vec<&str> = input.lines().collect();
    let width = wrap_width(&lines);
    let mut units: Vec<Unit<'_>> = Vec::new();
    // Whether the last unit may take the next line as its continuation.
    let mut open = false;
    for (i, raw) in lines.iter().enumerate() {
        let t = raw.trim();
        if t.is_empty() {
            open = false;
            continue;
        }
        if open && !starts_with_bullet(t) {
            if let Some(last) = units.last_mut() {
                last.pieces.push((i + 1, t));
                let joined = last.text.to_mut();
                joined.push(' ');
                joined.push_str(t);
            }
        } else {
            units.push(Unit {
                pieces: vec![(i + 1, t)],
                text: Cow::Borrowed(strip_bullet(t)),
            });
        }
        open = width.is_some_and(|w| t.chars().count() * 10 >= w * 6);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_block_per_line_stays_split() {
        let u = split("Home\nNews\nA long paragraph of text here.\n");
        assert_eq!(u.len(), 3);
        assert_eq!(u[2].pieces, vec![(3, "A long paragraph of text here.")]);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "The minister said on Friday that the talks would resume next week\n\
                    in Geneva, after a pause of several months in which neither side\n\
                    had moved.\n\n\
                    A second paragraph follows here, wrapped at the very same width as\n\
                    the first one was, and it ends on this line.\n\n\
                    Short one.\n";
        let u = split(text);
        assert_eq!(u.len(), 3);
        assert_eq!(u[0].pieces.len(), 3);
        assert!(u[0].text.starts_with("The minister") && u[0].text.ends_with("had moved."));
        assert!(u[0].text.contains("week in Geneva"));
        assert_eq!(u[2].text, "Short one.");
    }

    #[test]
    fn bullets_are_stripped_and_not_joined() {
        let u = split("  • Oops!\n    Something went wrong.\n");
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].text, "Oops!");
        assert_eq!(u[0].pieces[0], (1, "• Oops!"));
    }
}
