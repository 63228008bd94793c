//! The terminal front end: a full-screen reader. This file owns the terminal
//! (init, restore on every way out) and the event loop; the state and its update
//! functions are in app.rs, drawing in view/.

pub mod action;
pub mod app;
pub mod bookmark_worker;
pub mod compare_worker;
pub mod keymap;
pub mod layout;
pub mod search_worker;
pub mod settings;
#[doc(hidden)]
pub mod testing;
pub mod theme;
mod timing;
pub mod view;
pub mod worker;
pub mod wrap;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use self::app::{Effect, State};
use self::bookmark_worker::BookmarkWorker;
use self::compare_worker::CompareWorker;
use self::search_worker::SearchWorker;
use self::theme::Theme;
use self::worker::Feed;
use crate::store::bookmark_file::BookmarkStore;
use crate::store::{bookmarks::corpus_key, paths::Paths, state as saved};

/// Everything the event loop waits for, on one channel.
enum Msg {
    Input(Event),
    InputFailed(io::Error),
    Feed(Feed),
}

/// How often the loop wakes without input, to notice SIGTERM/SIGHUP.
const TICK: Duration = Duration::from_millis(100);

/// Runs the reader on `paths` (none: the bundled seeds) until the person quits.
pub fn run(
    paths: &[PathBuf],
    data_dir: Option<&std::path::Path>,
    config: Option<&std::path::Path>,
    use_cache: bool,
) -> Result<(), String> {
    timing::start();
    // The config first: a bad one stops us before any terminal work, tty or not.
    let dirs = Paths::resolve(data_dir, config)?;
    let (keymap, theme) = settings::load(&dirs.config_file, Theme::from_env())?;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err("the reader needs a terminal; for text output try `parallax clean`".into());
    }
    let state_file = dirs.state();
    let key = saved::corpus_key(paths);
    let (remembered, state_problem) = saved::recall(&state_file, &key);
    let mut state = State::new(keymap, theme, remembered);
    if let Some(m) = state_problem {
        state.warn(m);
    }
    state.bookmarks.corpus = corpus_key(paths);

    // SIGTERM, SIGHUP (and SIGINT from outside: in raw mode Ctrl-c is a key) set a flag the loop checks, so it can restore the
    // terminal (and save the position) on the way out.
    let stop = Arc::new(AtomicBool::new(false));
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register(sig, Arc::clone(&stop)).map_err(|e| e.to_string())?;
    }

    let (tx, rx) = mpsc::channel::<Msg>();
    let feed_tx = tx.clone();
    let cache = use_cache.then(|| {
        crate::store::cache::Cache::new(&dirs.cache_dir, crate::store::cache::DEFAULT_LIMIT)
    });
    worker::spawn(paths.to_vec(), cache, move |f| {
        feed_tx.send(Msg::Feed(f)).is_ok()
    });
    let bookmark_tx = tx.clone();
    let bookmarks = BookmarkWorker::spawn(BookmarkStore::new(dirs.bookmarks()), move |f| {
        bookmark_tx.send(Msg::Feed(f)).is_ok()
    });

    let compare_tx = tx.clone();
    let compare = CompareWorker::spawn(move |f| compare_tx.send(Msg::Feed(f)).is_ok());
    let search_tx = tx.clone();
    let search = SearchWorker::spawn(move |f| search_tx.send(Msg::Feed(f)).is_ok());

    let mut terminal = Guard::init().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    // Input has its own thread so that nothing the loop does can delay it.
    thread::Builder::new()
        .name("parallax-input".into())
        .spawn(move || {
            loop {
                let msg = match event::read() {
                    Ok(ev) => Msg::Input(ev),
                    Err(e) => Msg::InputFailed(e),
                };
                let failed = matches!(msg, Msg::InputFailed(_));
                if tx.send(msg).is_err() || failed {
                    return;
                }
            }
        })
        .map_err(|e| e.to_string())?;

    let outcome = event_loop(
        &mut terminal.0,
        &mut state,
        &rx,
        &stop,
        &bookmarks,
        &compare,
        &search,
    );
    drop(terminal);
    // Bookmarks made just before quitting reach the file.
    bookmarks.finish();
    if let Some(pos) = state.position()
        && let Err(e) = saved::remember(&state_file, &key, pos)
    {
        eprintln!(
            "parallax: could not save the reading position in {}: {e}",
            state_file.display()
        );
    }
    for p in &state.problems {
        eprintln!("parallax: {p}");
    }
    timing::report();
    outcome
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    state: &mut State,
    rx: &mpsc::Receiver<Msg>,
    stop: &AtomicBool,
    bookmarks: &BookmarkWorker,
    compare: &CompareWorker,
    search: &SearchWorker,
) -> Result<(), String> {
    let mut dirty = true;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if dirty {
            if let Some(Effect::Search(job)) = app::search::settle(state) {
                search.submit(job, &state.articles);
            }
            let size = terminal.size().map_err(|e| e.to_string())?;
            app::resize(state, size.width, size.height);
            terminal
                .draw(|f| view::draw(f, state))
                .map_err(|e| e.to_string())?;
            timing::frame();
            dirty = false;
        }
        let first = match rx.recv_timeout(TICK) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Handle everything already waiting before drawing again.
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            dirty = true;
            let effect = match msg {
                Msg::Input(ev) => input(state, ev),
                // A hang-up closes the terminal under us: that's the signal, not an error.
                Msg::InputFailed(_) if stop.load(Ordering::Relaxed) => return Ok(()),
                Msg::InputFailed(e) => return Err(format!("reading the terminal: {e}")),
                Msg::Feed(feed) => {
                    timing::feed(&feed);
                    app::receive(state, feed)
                }
            };
            match effect {
                Some(Effect::Quit) => return Ok(()),
                Some(Effect::Bookmarks(job)) => bookmarks.submit(job, &state.articles),
                Some(Effect::Compare(job)) => compare.submit(job, &state.articles),
                Some(Effect::Search(job)) => search.submit(job, &state.articles),
                None => {}
            }
        }
        // New articles' texts go to the search thread as they arrive; a search
        // made useless (cleared, typed over) stops.
        search.sync(&state.articles, state.search.generation());
    }
}

/// Terminal events -> update.
fn input(state: &mut State, ev: Event) -> Option<Effect> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => app::key(state, &k),
        Event::Mouse(m) => {
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) => app::click(state, m.column, m.row),
                MouseEventKind::ScrollDown => app::wheel(state, m.column, m.row, true),
                MouseEventKind::ScrollUp => app::wheel(state, m.column, m.row, false),
                _ => {}
            }
            None
        }
        Event::Resize(w, h) => {
            app::resize(state, w, h);
            None
        }
        _ => None,
    }
}

/// The terminal in raw mode on the alternate screen, with the mouse captured;
/// restored when dropped (quit, error), and by the panic hook on a panic.
struct Guard(DefaultTerminal);

impl Guard {
    fn init() -> io::Result<Guard> {
        // ratatui installs a hook that restores the terminal and then runs the
        // previous hook; ours, installed after it, first releases the mouse.
        let terminal = ratatui::try_init()?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            previous(info);
        }));
        if let Err(e) = execute!(io::stdout(), EnableMouseCapture) {
            restore();
            return Err(e);
        }
        Ok(Guard(terminal))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
}
