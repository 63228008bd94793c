//! `PARALLAX_TIMINGS=1`: how long after start the first frame was drawn, the
//! first articles arrived, the entity index arrived and loading finished, printed
//! to stderr on exit (until then the screen belongs to the reader).

use std::sync::OnceLock;
use std::time::Instant;

use super::worker::Feed;

static START: OnceLock<Instant> = OnceLock::new();
static FIRST_FRAME: OnceLock<Instant> = OnceLock::new();
static FIRST_ARTICLES: OnceLock<Instant> = OnceLock::new();
static ENTITIES: OnceLock<Instant> = OnceLock::new();
static DONE: OnceLock<Instant> = OnceLock::new();

pub fn start() {
    START.get_or_init(Instant::now);
}

/// A frame was drawn.
pub fn frame() {
    FIRST_FRAME.get_or_init(Instant::now);
}

/// A message from the worker is about to be handled.
pub fn feed(feed: &Feed) {
    match feed {
        Feed::Articles(_) => FIRST_ARTICLES.get_or_init(Instant::now),
        Feed::Entities(_) => ENTITIES.get_or_init(Instant::now),
        Feed::Done => DONE.get_or_init(Instant::now),
        _ => return,
    };
}

/// One line per moment reached, when PARALLAX_TIMINGS is set.
pub fn report() {
    let Some(start) = START.get() else { return };
    if std::env::var_os("PARALLAX_TIMINGS").is_none() {
        return;
    }
    for (what, at) in [
        ("first frame", &FIRST_FRAME),
        ("first articles", &FIRST_ARTICLES),
        ("entity index", &ENTITIES),
        ("loading done", &DONE),
    ] {
        if let Some(t) = at.get() {
            eprintln!(
                "parallax timing: {what}: {:.1} ms after start",
                (*t - *start).as_secs_f64() * 1e3
            );
        }
    }
}
