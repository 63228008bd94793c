#![cfg(unix)]
//! End to end in a real pseudo-terminal: the binary starts, draws, takes keys,
//! remembers the reading position, and always gives the terminal back (on `q`,
//! Ctrl-c, SIGTERM and SIGHUP).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;
const WAIT: Duration = Duration::from_secs(20);

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(data_dir: &Path) -> Session {
        Session::start_with(data_dir, &[])
    }

    fn start_with(data_dir: &Path, env: &[(&str, &str)]) -> Session {
        Session::launch(data_dir, &[], env)
    }

    /// parallax ARGS (paths to read) with its data in `data_dir`.
    fn launch(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_parallax"));
        cmd.arg("--data-dir");
        cmd.arg(data_dir);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("PARALLAX_CONFIG");
        cmd.env_remove("PARALLAX_DATA_DIR");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let rows = NonZeroU16::new(ROWS).unwrap();
        let cols = NonZeroU16::new(COLS).unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r) = (Arc::clone(&screen), Arc::clone(&raw));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            child,
            writer,
            screen,
            raw,
            master: pty.master,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while !self.contents().contains(needle) {
            assert!(
                start.elapsed() < WAIT,
                "{needle:?} never appeared; screen:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_gone(&self, needle: &str) {
        let start = Instant::now();
        while self.contents().contains(needle) {
            assert!(
                start.elapsed() < WAIT,
                "{needle:?} stayed:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// The screen's columns from `col` on, row by row.
    fn columns_from(&self, col: u16) -> String {
        let parser = self.screen.lock().unwrap();
        let (_, cols) = parser.screen().size();
        let rows: Vec<String> = parser.screen().rows(col, cols.get() - col).collect();
        rows.join("\n")
    }

    fn resize(&mut self, rows: u16, cols: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.screen.lock().unwrap().screen_mut().set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to end; its exit status, and whether the terminal
    /// was given back (main screen, mouse released).
    /// `q`, then the process must end and give the terminal back.
    fn quit(mut self) {
        self.send("q");
        let (ok, restored) = self.finish();
        assert!(ok && restored);
    }

    fn finish(mut self) -> (bool, bool) {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(start.elapsed() < WAIT, "did not exit:\n{}", self.contents());
            thread::sleep(Duration::from_millis(20));
        };
        // Let the reader thread take the last bytes.
        thread::sleep(Duration::from_millis(100));
        let raw = self.raw.lock().unwrap();
        let text = String::from_utf8_lossy(&raw);
        let restored = !self.screen.lock().unwrap().screen().alternate_screen()
            && text.rfind("\x1b[?1049l") > text.rfind("\x1b[?1049h")
            && text.contains("\x1b[?1000l");
        (status.success(), restored)
    }
}

#[test]
fn read_navigate_quit_and_come_back_to_the_same_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("Sources 5");
    s.wait_for("passage 1/");
    s.send("j");
    s.wait_for("2/5");
    s.send("\r");
    s.send("jj");
    s.wait_for("passage 3/");
    s.send("x");
    s.wait_for("removed shown");
    // Too small, then back: same passage.
    s.resize(8, 30);
    s.wait_for("too small: 30×8");
    s.resize(ROWS, COLS);
    s.wait_for("passage 3/");
    s.send("?");
    s.wait_for("Keys");
    s.send("\x1b");
    s.wait_gone("Keys");
    assert!(s.contents().contains("passage 3/"));
    s.send("q");
    let (ok, restored) = s.finish();
    assert!(ok, "exit status 0");
    assert!(restored, "terminal restored");

    let state = std::fs::read_to_string(dir.path().join("state.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&state).unwrap();
    let here = &json["corpora"]["bundled"];
    assert_eq!(here["article"], "001_4414b75bee7f8bf4");
    assert_eq!(here["passage"], 2);

    // The next start opens the same article at the same passage.
    let mut s = Session::start(dir.path());
    s.wait_for("2/5");
    s.wait_for("passage 3/");
    s.send("\x03");
    let (ok, restored) = s.finish();
    assert!(ok && restored);
}

#[test]
fn signals_restore_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // SIGTERM
    let s = Session::start(dir.path());
    s.wait_for("Sources 5");
    let pid = s.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let (ok, restored) = s.finish();
    assert!(ok && restored, "SIGTERM: exit 0 and terminal restored");
    // SIGHUP (what portable-pty's kill sends)
    let mut s = Session::start(dir.path());
    s.wait_for("Sources 5");
    s.child.kill().unwrap();
    let (ok, restored) = s.finish();
    assert!(ok && restored, "SIGHUP: exit 0 and terminal restored");
    assert!(
        dir.path().join("state.json").exists(),
        "position saved on a signal"
    );
}

#[test]
fn without_a_terminal_it_says_so_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("--data-dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
}

/// Whether any cell on screen has a colour.
fn coloured(s: &Session) -> bool {
    let parser = s.screen.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    (0..rows.get()).any(|r| {
        (0..cols.get()).any(|c| {
            screen.cell(r, c).is_some_and(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
        })
    })
}

#[test]
fn no_color_is_respected() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start_with(dir.path(), &[("NO_COLOR", "1")]);
    s.wait_for("passage 1/");
    s.send("x");
    s.wait_for("removed shown");
    assert!(!coloured(&s), "no colour under NO_COLOR");
    s.send("q");
    assert!(s.finish().0);
    let mut s = Session::start(dir.path());
    s.wait_for("passage 1/");
    assert!(coloured(&s), "colour otherwise");
    s.send("q");
    assert!(s.finish().0);
}

#[test]
fn m_bookmarks_at_once_and_the_file_has_it_after_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("passage 1/");
    s.send("\r");
    s.send("m");
    s.wait_for("bookmarked passage 1");
    // A run of two, then the list (re-anchored on another thread).
    s.send("jvjm");
    s.wait_for("bookmarked passages 2–3");
    s.send("'");
    s.wait_for("Bookmarks 2");
    s.wait_for("anchored");
    s.send("\x1b");
    s.wait_gone("Bookmarks 2");
    // `m` then `q` while another instance holds the file's lock: the reader
    // waits for its save instead of losing it.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join("bookmarks.json.lock"))
        .unwrap();
    lock.lock().unwrap();
    s.send("Gmq");
    thread::sleep(Duration::from_millis(500));
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "exited before its bookmark was saved"
    );
    drop(lock);
    let (ok, restored) = s.finish();
    assert!(ok && restored);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["bookmarks", "list", "--json", "--data-dir"])
        .arg(dir.path())
        .env_remove("PARALLAX_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = json["bookmarks"].as_array().unwrap();
    assert_eq!(list.len(), 3, "{json}");
    for b in list {
        assert_eq!(b["article"], "000_8fbffe7c2753c6fd");
        assert_eq!(b["status"], "anchored");
    }
    // Newest first: the last passage, the run, then the first passage.
    let (last, run, one) = (&list[0], &list[1], &list[2]);
    assert!(last["start"].as_u64() > run["end"].as_u64());
    assert!(run["quote"].as_str().unwrap().contains("\n\n"), "{run}");
    assert!(!one["quote"].as_str().unwrap().contains("\n\n"), "{one}");
    assert!(one["end"].as_u64() < run["start"].as_u64());
}

/// Presses `e` until the entity panel opens: until the entities are found, `e`
/// says so.
fn open_entity_panel(s: &mut Session, patience: Duration) {
    let start = Instant::now();
    loop {
        s.send("e");
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(1) && !s.contents().contains("People, places") {
            thread::sleep(Duration::from_millis(20));
        }
        if s.contents().contains("People, places") {
            return;
        }
        assert!(
            s.contents().contains("still finding people"),
            "{}",
            s.contents()
        );
        assert!(start.elapsed() < patience, "the panel never opened");
    }
}

/// Keypress to redraw, end to end: 1,000 `]` presses, each one waited for on the
/// screen (`NAME k/N` moving on by one, wrapping). On the bundled seeds; with
/// PARALLAX_PTY_CORPUS=DIR on that folder (e.g. the 10k corpus of the README's
/// Performance section). The times are printed: run with `--nocapture`.
#[test]
fn a_thousand_brackets_walk_the_most_mentioned_person() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = std::env::var("PARALLAX_PTY_CORPUS").ok();
    let args: Vec<&str> = corpus.iter().map(String::as_str).collect();
    let mut s = Session::launch(dir.path(), &args, &[]);
    let patience = if corpus.is_some() { WAIT * 30 } else { WAIT };
    open_entity_panel(&mut s, patience);
    // The panel's first row: the most mentioned person.
    let screen = s.contents();
    let row = screen
        .lines()
        .skip_while(|l| !l.contains("filter:"))
        .nth(1)
        .unwrap();
    let name = row
        .split('┃')
        .nth(1)
        .unwrap()
        .trim()
        .split("  ")
        .next()
        .unwrap()
        .to_string();
    s.send("\r");
    let first = format!("{name} 1/");
    s.wait_for(&first);
    let screen = s.contents();
    let after = &screen[screen.find(&first).unwrap() + first.len()..];
    let n: usize = after
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let mut times = Vec::with_capacity(1000);
    for i in 1..=1000 {
        let want = format!("{name} {}/{n}", i % n + 1);
        let pressed = Instant::now();
        s.send("]");
        while !s.contents().contains(&want) {
            assert!(
                pressed.elapsed() < WAIT,
                "{want:?} never appeared:\n{}",
                s.contents()
            );
            thread::sleep(Duration::from_micros(200));
        }
        times.push(pressed.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mean = times.iter().map(|&d| ms(d)).sum::<f64>() / times.len() as f64;
    eprintln!(
        "1,000 `]` over {} ({name}, {n} mentions): keypress to redraw mean {mean:.2} ms, \
         median {:.2} ms, 99th percentile {:.2} ms, max {:.2} ms",
        corpus.as_deref().unwrap_or("the seeds"),
        ms(times[500]),
        ms(times[990]),
        ms(times[999]),
    );
    s.quit();
}

/// Which article the source list has selected, from its frame: `3/5 ┘` → 3.
fn list_position(screen: &str) -> Option<usize> {
    (1..=5).find(|i| screen.contains(&format!(" {i}/5 ┘")))
}

#[test]
fn the_entity_panel_focuses_lavrov_and_brackets_walk_his_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("Sources 5");
    open_entity_panel(&mut s, WAIT);
    // Letters type into the filter, even those bound elsewhere (`e`, `v`).
    s.send("lavrov");
    s.wait_for("filter: lavrov");
    s.send("\r");
    s.wait_gone("People, places");
    s.wait_for("Sergey Lavrov 1/");
    let screen = s.contents();
    let after = &screen[screen.find("Sergey Lavrov 1/").unwrap() + "Sergey Lavrov 1/".len()..];
    let n: usize = after
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(n > 5, "Lavrov is mentioned often in the seeds: {n}");
    let mut articles = vec![list_position(&screen)];
    for k in 2..=n {
        s.send("]");
        s.wait_for(&format!("Sergey Lavrov {k}/{n}"));
        articles.push(list_position(&s.contents()));
    }
    assert_eq!(articles[0], Some(1));
    assert!(
        articles.windows(2).all(|w| w[0] <= w[1]),
        "in source-list order: {articles:?}"
    );
    assert!(articles.last().unwrap() > &Some(1), "{articles:?}");
    s.send("]");
    s.wait_for(&format!("Sergey Lavrov 1/{n}"));
    s.wait_for("wrapped to the first mention");
    assert_eq!(list_position(&s.contents()), Some(1));
    s.send("[");
    s.wait_for(&format!("Sergey Lavrov {n}/{n}"));
    s.wait_for("wrapped to the last mention");
}

/// `k/N` after `/QUERY ` on the screen.
fn search_count(s: &Session, query: &str) -> Option<(usize, usize)> {
    let screen = s.contents();
    let needle = format!("/{query} ");
    let rest = &screen[screen.find(&needle)? + needle.len()..];
    let (k, rest) = rest.split_once('/')?;
    let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((k.parse().ok()?, n.parse().ok()?))
}

#[test]
fn slash_searches_n_moves_on_and_esc_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("passage 1/");
    s.send("\r/said");
    let start = Instant::now();
    let (k, n) = loop {
        if let Some(c) = search_count(&s, "said") {
            break c;
        }
        assert!(start.elapsed() < WAIT, "no count:\n{}", s.contents());
        thread::sleep(Duration::from_millis(20));
    };
    assert!(k >= 1 && n > 1, "{k}/{n}");
    s.send("n");
    // The prompt is still open: n is text.
    s.wait_for("/saidn ");
    s.send("\x7f\r");
    s.wait_for(&format!("/said {k}/{n}"));
    s.send("n");
    s.wait_for(&format!("/said {}/{n}", k % n + 1));
    s.send("\x1b");
    s.wait_gone("/said");
    s.quit();
}

/// The `passage k/N` of the status bar: k.
fn passage(s: &Session) -> usize {
    let c = s.contents();
    let status = c.lines().last().unwrap_or("");
    let at = status
        .find("passage ")
        .expect("a passage in the status bar")
        + "passage ".len();
    status[at..]
        .split('/')
        .next()
        .and_then(|k| k.parse().ok())
        .expect("passage k/N")
}

/// The text of the right compare pane (its border, gutter and the status bar
/// left out: strength marks change with the other pane's cursor).
fn right_pane(s: &Session) -> Vec<String> {
    let cols = s.columns_from(COLS / 2);
    let rows: Vec<&str> = cols.lines().collect();
    rows[..rows.len() - 1]
        .iter()
        .map(|r| r.chars().skip(4).collect())
        .collect()
}

#[test]
fn c_compares_side_by_side_and_the_other_pane_follows() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("passage 1/");
    s.send("j\r");
    s.wait_for("2/5");
    s.send("c");
    s.wait_for("most related first");
    s.send("\r");
    s.wait_for("left · sync on");
    s.wait_for("matching passage pair");
    // At 100 columns the panes are side by side: the right one starts at 50.
    let right = right_pane(&s);
    let mut moved = false;
    for _ in 0..15 {
        let k = passage(&s);
        s.send("j");
        s.wait_for(&format!("passage {}/", k + 1));
        if right_pane(&s) != right {
            moved = true;
            break;
        }
    }
    assert!(moved, "the right pane never followed:\n{}", s.contents());
    s.send("s");
    s.wait_for("sync off");
    let right = right_pane(&s);
    let k = passage(&s);
    s.send("jjj");
    s.wait_for(&format!("passage {}/", k + 3));
    assert_eq!(right_pane(&s), right, "sync off: it stays");
    s.send("\t");
    s.wait_for("right · sync off");
    s.send("\x1b");
    s.wait_for("Sources 5");
    s.wait_gone("sync off");
    s.quit();
}
#[test]
fn timings_are_reported_on_exit_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::start_with(dir.path(), &[("PARALLAX_TIMINGS", "1")]);
    s.wait_for("Sources 5");
    s.wait_for("passage 1/");
    let raw = Arc::clone(&s.raw);
    // Loading done (the status bar's progress gone) before quitting.
    thread::sleep(Duration::from_millis(300));
    s.quit();
    let text = String::from_utf8_lossy(&raw.lock().unwrap()).into_owned();
    let after = &text[text
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen")..];
    for moment in ["first frame", "first articles", "loading done"] {
        assert!(
            after.contains(&format!("parallax timing: {moment}: ")),
            "{moment} not reported after the screen was given back: {after:?}"
        );
    }
    // The pipeline's own stage log stays off the reader's screen.
    assert!(!text.contains("line statistics"), "stage log on screen");
}

#[test]
fn the_reader_fills_the_analysis_cache_unless_told_not_to() {
    for (args, cached) in [(&[][..], true), (&["--no-cache"][..], false)] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::launch(dir.path(), args, &[]);
        s.wait_for("Sources 5");
        // The panel opens once every article has been analysed.
        open_entity_panel(&mut s, WAIT);
        s.send("\x1b");
        s.wait_gone("People, places");
        s.quit();
        let entries = dir.path().join("cache").join("analysis");
        assert_eq!(entries.exists(), cached, "{args:?}");
    }
}
