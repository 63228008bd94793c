//! Fixed articles for tests and benches, built without the cleaner so that
//! snapshots don't change when the cleaner improves.

use super::app::{State, receive, resize};
use super::keymap::KeyMap;
use super::theme::Theme;
use super::worker::Feed;
use crate::corpus::{Article, Cleaned, Document, Paragraph, ParagraphKind, Removed, Source};

/// An article with id `a`, title "A title", byline "By Someone", the given
/// paragraphs, and removed lines as (index of the paragraph they stood before, text).
pub fn article(paras: &[&str], removed: &[(usize, &str)]) -> Article {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    for p in paras {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        paragraphs.push(Paragraph {
            start,
            end: text.len(),
            kind: ParagraphKind::Paragraph,
        });
    }
    let removed = removed
        .iter()
        .enumerate()
        .map(|(i, (before, t))| Removed {
            line: i + 1,
            text: (*t).into(),
            reason: "site navigation".into(),
            before: *before,
        })
        .collect();
    let doc = Document {
        id: "a".into(),
        path: "a.txt".into(),
        source: Source::Bundled,
        text: String::new(),
    };
    let cleaned = Cleaned {
        title: Some("A title".into()),
        byline: Some("By Someone".into()),
        text,
        paragraphs,
        removed,
        ..Cleaned::default()
    };
    Article::from_cleaned(doc, cleaned)
}

/// A reader at 80×24 on `n` fixed articles of `paras` one-line paragraphs, each
/// with one removed line before the second paragraph.
pub fn state_with(n: usize, paras: usize) -> State {
    let mut s = State::new(KeyMap::default(), Theme::default(), None);
    resize(&mut s, 80, 24);
    let texts: Vec<String> = (0..paras)
        .map(|i| format!("Paragraph {i} has a few words to fill a line or so."))
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let batch = (0..n)
        .map(|i| {
            let mut a = article(&refs, &[(1, "Advertisement")]);
            a.id = format!("a{i}");
            a
        })
        .collect();
    receive(&mut s, Feed::Articles(batch));
    receive(&mut s, Feed::Done);
    s
}

/// What the event loop does before drawing, with the search thread's work done
/// here and its answer received at once: `effect` (from a key) and the search
/// `settle` asks for.
pub fn settle_search(state: &mut State, effect: Option<super::app::Effect>) {
    use super::app::{Effect, search};
    for effect in [effect, search::settle(state)] {
        if let Some(Effect::Search(job)) = effect {
            let found = search::carry_out(&job, &state.articles);
            receive(state, Feed::Search(found));
        }
    }
}

/// The reader on the bundled seeds, `w`×`h`, with everything the loader sends
/// (articles, entities, the compare ranking) received.
pub fn seeds(theme: Theme, w: u16, h: u16) -> State {
    let (tx, rx) = std::sync::mpsc::channel();
    super::worker::run(&[], &move |f| tx.send(f).is_ok());
    let mut s = State::new(KeyMap::default(), theme, None);
    resize(&mut s, w, h);
    for feed in rx.try_iter() {
        receive(&mut s, feed);
    }
    s
}

/// The index of the seed whose id starts with `prefix`.
pub fn seed_id(s: &State, prefix: &str) -> usize {
    s.articles
        .iter()
        .position(|a| a.id.starts_with(prefix))
        .expect("a seed with that prefix")
}

/// The first passage of article `k` that contains `needle`.
pub fn seed_passage(s: &State, k: usize, needle: &str) -> usize {
    let a = &s.articles[k];
    (0..a.paragraphs.len())
        .find(|&i| a.paragraph_text(i).contains(needle))
        .expect("a passage with that text")
}
