//! Styled wrapping. Text is wrapped into lines that are byte ranges of the source
//! string (so positions stay UTF-8 byte ranges, as everywhere), and styling is
//! laid over afterwards as a list of `Overlay`s: byte range + style class. Entity
//! mentions, search hits and quotes all arrive that way; a span that crosses a line
//! break is cut at the break and styled on both lines.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;
use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::UnicodeWidthStr;

use super::theme::{Class, Theme};
use crate::corpus::text::{ceil_boundary, floor_boundary};

/// A styled byte range of the text being shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    pub range: Range<usize>,
    pub class: Class,
}

/// Cells a string takes in the terminal (as ratatui counts them).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Wraps `text` to `width` cells and returns each line as a byte range of `text`
/// (trailing spaces dropped). Newlines end lines; a blank line gives an empty
/// range. Words wider than the line are broken, so nothing is ever wider than
/// `width` (except a single character wider than the whole line).
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    wrap_into(text, width, &mut out);
    out
}

/// `wrap`, appending to `out`.
pub fn wrap_into(text: &str, width: usize, out: &mut Vec<Range<usize>>) {
    let width = width.max(1);
    let base = text.as_ptr() as usize;
    let mut offset = 0;
    for line in text.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        if line.trim_end().is_empty() {
            out.push(start..start);
            continue;
        }
        // Unicode line breaking (UAX #14) is needed only for scripts written
        // without spaces; it is several times slower than breaking at spaces.
        let separator = if line.chars().any(needs_uax14) {
            WordSeparator::UnicodeBreakProperties
        } else {
            WordSeparator::AsciiSpace
        };
        let words: Vec<Word<'_>> = separator
            .find_words(line)
            .map(|mut w| {
                // A variation selector can make a character wider than textwrap
                // counts it; take the larger so lines never overflow.
                w.width = w.width.max(self::width(w.word));
                w
            })
            .collect();
        let words = break_words(words, width);
        for fragment in wrap_first_fit(&words, &[width as f64]) {
            let (Some(first), Some(last)) = (fragment.first(), fragment.last()) else {
                continue;
            };
            // Words are slices of `text`: their addresses give their offsets.
            let from = first.word.as_ptr() as usize - base;
            let to = last.word.as_ptr() as usize - base + last.word.len();
            out.push(from..to.max(from));
        }
    }
}

/// Characters of scripts that may break between letters (CJK, Thai, …), and
/// emoji; punctuation and symbols (U+2000–U+2BFF) don't count.
fn needs_uax14(c: char) -> bool {
    c >= '\u{0e00}' && !('\u{2000}'..='\u{2bff}').contains(&c)
}

/// `text[line]` cut into spans: `base` style, with every overlay that touches the
/// line patched on top, lower `Class::layer`s first (`overlays` sorted by start).
pub fn spans<'t>(
    text: &'t str,
    line: Range<usize>,
    overlays: &[Overlay],
    base: Style,
    theme: &Theme,
) -> Vec<Span<'t>> {
    let line = floor_boundary(text, line.start)..floor_boundary(text, line.end);
    let upto = overlays.partition_point(|o| o.range.start < line.end);
    let mut touching: Vec<&Overlay> = overlays[..upto]
        .iter()
        .filter(|o| o.range.end > line.start && o.range.start < o.range.end)
        .collect();
    touching.sort_by_key(|o| o.class.layer());
    if touching.is_empty() {
        return vec![Span::styled(&text[line], base)];
    }
    let mut cuts = vec![line.start, line.end];
    for o in &touching {
        for at in [o.range.start, o.range.end] {
            if at > line.start && at < line.end {
                cuts.push(ceil_boundary(text, at));
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let style = touching
                .iter()
                .filter(|o| o.range.start <= w[0] && o.range.end >= w[1])
                .fold(base, |s, o| s.patch(theme.class(o.class)));
            Span::styled(&text[w[0]..w[1]], style)
        })
        .collect()
}

/// `s` cut to `width` cells, with `…` where it was cut.
pub fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    if self::width(s) <= width {
        return Cow::Borrowed(s);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    fn lines(text: &str, w: usize) -> Vec<&str> {
        wrap(text, w).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_byte_ranges() {
        let text = "The quick brown fox jumps over the lazy dog";
        assert_eq!(
            lines(text, 10),
            ["The quick", "brown fox", "jumps over", "the lazy", "dog"]
        );
        let text = "one\n\ntwo words";
        assert_eq!(lines(text, 20), ["one", "", "two words"]);
    }

    #[test]
    fn long_words_are_broken_not_clipped() {
        let text = "supercalifragilistic";
        let got = lines(text, 8);
        assert_eq!(got.concat(), text);
        assert!(got.iter().all(|l| width(l) <= 8));
    }

    #[test]
    fn wide_and_combining_characters_take_their_cells() {
        // CJK breaks between characters; each takes two cells.
        let text = "日本語のテキストを折り返す";
        let got = lines(text, 6);
        assert!(got.iter().all(|l| width(l) <= 6), "{got:?}");
        assert_eq!(got.concat(), text);
        assert_eq!(got[0], "日本語");
        // Combining accents take no cell; emoji two.
        let text = "cafe\u{301} cafe\u{301} 🎉🎉 ok";
        let got = lines(text, 5);
        assert!(got.iter().all(|l| width(l) <= 5), "{got:?}");
        assert_eq!(got[0], "cafe\u{301}");
        // Emoji presentation selector: two cells, not one.
        let text = "a ❤\u{fe0f}❤\u{fe0f}❤\u{fe0f} b";
        assert!(lines(text, 4).iter().all(|l| width(l) <= 4));
    }

    #[test]
    fn every_width_fits() {
        let text = "Ünïcödé text — with “quotes”, 中文字符 and 👩\u{200d}💻 emoji.\nSecond line.";
        for w in 1..40 {
            for r in wrap(text, w) {
                let l = &text[r];
                assert!(width(l) <= w.max(2), "{w}: {l:?}");
            }
        }
    }

    #[test]
    fn overlays_cut_lines_into_styled_spans() {
        let theme = Theme::default();
        let text = "Anna met Boris in Paris";
        let overlays = vec![
            Overlay {
                range: 0..4,
                class: Class::Person,
            },
            Overlay {
                range: 9..14,
                class: Class::Person,
            },
            Overlay {
                range: 9..23,
                class: Class::SearchHit,
            },
        ];
        let base = Style::new().add_modifier(Modifier::BOLD);
        // Line 2 of a wrap at 10: "Boris in" (9..17) then "Paris".
        let got = spans(text, 9..17, &overlays, base, &theme);
        let parts: Vec<(&str, Style)> = got.iter().map(|s| (s.content.as_ref(), s.style)).collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].0, "Boris");
        assert_eq!(
            parts[0].1.fg,
            Some(Color::Black),
            "the search hit is on top"
        );
        assert_eq!(parts[0].1.bg, Some(Color::LightGreen));
        assert!(
            parts[0].1.add_modifier.contains(Modifier::BOLD),
            "base kept"
        );
        assert_eq!(parts[1].0, " in");
        let got = spans(text, 0..8, &overlays, base, &theme);
        assert_eq!(got[0].content, "Anna");
        assert_eq!(got[0].style.fg, Some(Color::Yellow));
        assert_eq!(got[1].content, " met");
        assert_eq!(got[1].style, base);
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a longer title", 8), "a longe…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
    }
}
