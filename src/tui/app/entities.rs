//! People, places and organisations in the reader: mentions highlighted by kind,
//! `e` opens the entity panel (typing filters it, Enter focuses an entity and
//! goes to its first mention), `*` focuses a person of the passage under the
//! cursor, `]`/`[` go to the next/previous mention of the focused entity across
//! the whole corpus. The index comes from the worker (`Feed::Entities`).

use std::ops::ControlFlow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::prompt::Edit;
use ratatui::layout::Rect;

use super::bookmarks::key_of;
use super::{Effect, Pane, Popup, State, clamp_reader, select};
use crate::corpus::ArticleId;
use crate::entities::{EntityIndex, EntityKind, EntityRef};
use crate::tui::action::Action;
use crate::tui::theme::Class;
use crate::tui::wrap::Overlay;

/// Said when a feature needs the index and it hasn't come yet.
pub const NOT_YET: &str = "still finding people, places and organisations";

/// The entities part of the reader's state.
#[derive(Debug, Default)]
pub struct EntityState {
    /// None until the worker has sent it.
    pub index: Option<Box<EntityIndex>>,
    pub focused: Option<EntityRef>,
    /// The mention of the focused entity last gone to (index into its mentions):
    /// it is "under the cursor" while the cursor stays on its passage.
    at: Option<usize>,
    /// Where `*` was last pressed (article, passage): pressed again there, it
    /// takes the next person.
    star: Option<(ArticleId, usize)>,
    pub panel: Panel,
}

/// The `e` popup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Panel {
    pub filter: String,
    /// Index into `rows()`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

/// The panel popup on a screen (the bookmarks list's place); None if it
/// doesn't fit.
pub fn panel_area(screen: Rect) -> Option<Rect> {
    super::bookmarks::list_area(screen)
}

/// Entity rows that fit in the panel (below the filter line).
fn panel_page(state: &State) -> usize {
    panel_area(Rect::new(0, 0, state.width, state.height))
        .map_or(1, |a| usize::from(a.height.saturating_sub(3)).max(1))
}

/// The entities the panel lists: people (most mentioned first), then places,
/// organisations and the rest, those whose name or an alias contains the
/// filter (any case).
pub fn rows(state: &State) -> Vec<EntityRef> {
    let Some(index) = &state.entities.index else {
        return Vec::new();
    };
    let filter = state.entities.panel.filter.to_lowercase();
    index
        .entities()
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            filter.is_empty()
                || std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|n| n.to_lowercase().contains(&filter))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The highlight class of an entity kind.
pub fn class_of(kind: EntityKind) -> Class {
    match kind {
        EntityKind::Person => Class::Person,
        EntityKind::Place => Class::Place,
        EntityKind::Organization => Class::Organization,
        EntityKind::Other => Class::OtherEntity,
    }
}

/// The mentions in an article, styled by kind; the focused entity's also as
/// focused (drawn on top).
pub fn overlays(state: &State, article: ArticleId) -> Vec<Overlay> {
    let Some(index) = &state.entities.index else {
        return Vec::new();
    };
    let focused = state.entities.focused;
    let mut out = Vec::new();
    for m in index.in_article(article) {
        out.push(Overlay {
            range: m.range.clone(),
            class: class_of(m.kind),
        });
        if Some(m.entity) == focused {
            out.push(Overlay {
                range: m.range.clone(),
                class: Class::FocusedEntity,
            });
        }
    }
    out
}

/// The index has arrived.
pub(super) fn receive(state: &mut State, index: Box<EntityIndex>) {
    state.entities.index = Some(index);
    state.entities.focused = None;
    state.entities.at = None;
    super::refresh_overlays(state);
}

/// The byte range of the passage under the cursor in the article shown.
fn cursor_passage(state: &State) -> Option<(ArticleId, std::ops::Range<usize>)> {
    let id = state.reader.article?;
    let p = state
        .articles
        .get(id)?
        .paragraphs
        .get(state.reader.cursor)?;
    Some((id, p.start..p.end))
}

/// The focused entity's mention under the cursor (index into its mentions):
/// the one last gone to if it is in the cursor passage, else the first there.
pub fn current(state: &State) -> Option<usize> {
    let index = state.entities.index.as_ref()?;
    let e = state.entities.focused?;
    let (article, range) = cursor_passage(state)?;
    let ms = &index.entity(e).mentions;
    let inside = |k: usize| {
        ms.get(k)
            .is_some_and(|m| m.article == article && range.contains(&m.start))
    };
    if let Some(k) = state.entities.at.filter(|&k| inside(k)) {
        return Some(k);
    }
    index
        .mention_at_or_after(e, article, range.start)
        .filter(|&k| inside(k))
}

/// `NAME k/N` for the status bar while an entity is focused (`NAME –/N` when
/// the passage under the cursor doesn't mention it).
pub fn status(state: &State) -> Option<String> {
    let index = state.entities.index.as_ref()?;
    let e = index.entity(state.entities.focused?);
    let n = e.mentions.len();
    Some(match current(state) {
        Some(k) => format!("{} {}/{n}", e.name, k + 1),
        None => format!("{} –/{n}", e.name),
    })
}

/// Takes the action if entities own it now (the panel, `e`, `*`, `]`, `[`);
/// otherwise lets it through.
pub(super) fn update(state: &mut State, action: Action) -> ControlFlow<Option<Effect>> {
    if state.popup == Some(Popup::Entities) {
        in_panel(state, action);
        return ControlFlow::Break(None);
    }
    // Esc in the reader first lets go of the focused entity (a mode), then
    // goes back to the list as usual.
    if action == Action::Back
        && state.popup.is_none()
        && state.focus == Pane::Reader
        && super::bookmarks::selection(state).is_none()
        && let (Some(index), Some(e)) = (&state.entities.index, state.entities.focused)
    {
        let name = index.entity(e).name.clone();
        state.entities.focused = None;
        state.entities.at = None;
        super::refresh_overlays(state);
        state.say(format!("{name} no longer focused"));
        return ControlFlow::Break(None);
    }
    if state.popup.is_some()
        || !matches!(
            action,
            Action::Entities | Action::NextMention | Action::PrevMention | Action::FocusPerson
        )
    {
        return ControlFlow::Continue(());
    }
    if state.entities.index.is_none() {
        state.say(NOT_YET);
        return ControlFlow::Break(None);
    }
    match action {
        Action::Entities => {
            state.entities.panel = Panel::default();
            // Start on the focused entity, if any.
            if let Some(e) = state.entities.focused {
                let rows = rows(state);
                state.entities.panel.selected = rows.iter().position(|&r| r == e).unwrap_or(0);
            }
            state.popup = Some(Popup::Entities);
            fix_panel_offset(state);
        }
        Action::FocusPerson => focus_person(state),
        Action::NextMention => step(state, true),
        _ => step(state, false),
    }
    ControlFlow::Break(None)
}

fn in_panel(state: &mut State, action: Action) {
    let n = rows(state).len();
    let page = panel_page(state);
    let cur = state.entities.panel.selected;
    match action {
        Action::Back | Action::Entities => state.popup = None,
        Action::Open => {
            if let Some(&e) = rows(state).get(cur) {
                state.popup = None;
                focus(state, e);
                go_to(state, e, 0);
                say_focused(state, e, String::new());
            }
        }
        _ => {
            let p = &mut state.entities.panel;
            super::move_selection(action, &mut p.selected, &mut p.offset, n, page);
        }
    }
}

fn fix_panel_offset(state: &mut State) {
    let page = panel_page(state);
    let n = rows(state).len();
    let p = &mut state.entities.panel;
    super::keep_in_view(&mut p.selected, &mut p.offset, n, page);
}

/// Keys while the panel is open: printable characters type into the filter,
/// Backspace edits it, Ctrl-n/Ctrl-p move (as do the arrows, through the key
/// table). Everything else goes to the key table (Enter, Esc, arrows, Ctrl-c).
pub(super) fn key(state: &mut State, ev: &KeyEvent) -> ControlFlow<Option<Effect>> {
    if state.popup != Some(Popup::Entities) {
        return ControlFlow::Continue(());
    }
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match ev.code {
        KeyCode::Char('n') if ctrl => in_panel(state, Action::Down),
        KeyCode::Char('p') if ctrl => in_panel(state, Action::Up),
        // Enter, Esc, arrows and Ctrl-c go to the key table.
        _ => {
            let panel = &mut state.entities.panel;
            if super::prompt::edit(&mut panel.filter, ev) != Edit::Changed {
                return ControlFlow::Continue(());
            }
            panel.selected = 0;
            panel.offset = 0;
        }
    }
    state.message = None;
    ControlFlow::Break(None)
}

/// Focuses an entity: its mentions stand out.
fn focus(state: &mut State, e: EntityRef) {
    if state.entities.focused != Some(e) {
        state.entities.focused = Some(e);
        state.entities.at = None;
        super::refresh_overlays(state);
    }
}

/// Goes to mention `k` of entity `e`: its article (selected in the list), the
/// passage holding it under the cursor, the mention itself in view.
fn go_to(state: &mut State, e: EntityRef, k: usize) {
    let Some(m) = state
        .entities
        .index
        .as_ref()
        .and_then(|i| i.entity(e).mentions.get(k).copied())
    else {
        return;
    };
    // Compare mode walks inside the focused pane, whose article the list need
    // not have selected.
    if !super::compare::active(state)
        && (state.reader.article != Some(m.article) || state.list.selected != m.article)
    {
        select(state, m.article);
    }
    state.touched = true;
    state.focus = Pane::Reader;
    state.entities.at = Some(k);
    let Some(article) = state.articles.get(m.article) else {
        return;
    };
    state.reader.cursor = article.paragraph_at(m.start);
    clamp_reader(state, false);
    // In a passage taller than the view, the mention itself must show.
    let h = state.view_rows().max(1);
    if let Some(row) = state.reader.layout.row_of_text_pos(m.start) {
        let r = &mut state.reader;
        if row < r.scroll || row >= r.scroll + h {
            r.scroll = row.saturating_sub(h / 3);
        }
        state.reader.scroll = state.reader.scroll.min(state.max_scroll());
    }
}

/// `]` (forward) or `[`: the next or previous mention of the focused entity in
/// source-list order, wrapping at the ends; in compare mode, within the focused
/// pane's article.
fn step(state: &mut State, forward: bool) {
    let (Some(index), Some(e)) = (&state.entities.index, state.entities.focused) else {
        let panel = key_of(state, Action::Entities);
        let star = key_of(state, Action::FocusPerson);
        state.say(format!(
            "no entity focused: {panel} lists them, {star} focuses a person of this passage"
        ));
        return;
    };
    let entity = index.entity(e);
    let ms = &entity.mentions;
    let cursor = cursor_passage(state);
    let (within, where_) = match cursor.as_ref() {
        Some((article, _)) if super::compare::active(state) => {
            let from = ms.partition_point(|m| m.article < *article);
            (
                from..from + entity.mentions_in(*article).len(),
                " in this article",
            )
        }
        _ => (0..ms.len(), ""),
    };
    let n = within.len();
    if n == 0 {
        if !where_.is_empty() {
            let name = entity.name.clone();
            state.say(format!("{name} is not mentioned in this article"));
        }
        return;
    }
    // Where the walk stands: the mention under the cursor, else just before the
    // first at or after the cursor passage.
    let here = current(state)
        .filter(|k| within.contains(k))
        .map(|k| k - within.start);
    let after = cursor.map_or(0, |(article, range)| {
        ms[within.clone()].partition_point(|m| (m.article, m.start) < (article, range.start))
    });
    let (k, wrapped) = match here {
        Some(k) if forward => ((k + 1) % n, k + 1 == n),
        Some(k) => ((k + n - 1) % n, k == 0),
        None if forward => (after % n, after == n),
        None => ((after + n - 1) % n, after == 0),
    };
    go_to(state, e, within.start + k);
    if wrapped {
        let end = if forward { "first" } else { "last" };
        state.say(format!("wrapped to the {end} mention{where_}"));
    }
}

/// `*`: focuses the first person mentioned in the passage under the cursor, or,
/// pressed again there, the next one.
fn focus_person(state: &mut State) {
    let (Some(index), Some((article, range))) = (&state.entities.index, cursor_passage(state))
    else {
        state.say("no passage here");
        return;
    };
    let mut people: Vec<(EntityRef, usize)> = Vec::new();
    for m in index.in_range(article, range) {
        if m.kind == EntityKind::Person && !people.iter().any(|p| p.0 == m.entity) {
            let k = index
                .mention_at_or_after(m.entity, article, m.range.start)
                .unwrap_or(0);
            people.push((m.entity, k));
        }
    }
    if people.is_empty() {
        state.say("no person mentioned in this passage");
        return;
    }
    let spot = (article, state.reader.cursor);
    let again = state.entities.star == Some(spot);
    let i = match state.entities.focused {
        Some(f) if again => people
            .iter()
            .position(|p| p.0 == f)
            .map_or(0, |i| (i + 1) % people.len()),
        _ => 0,
    };
    let (e, k) = people[i];
    let total = people.len();
    focus(state, e);
    state.entities.star = Some(spot);
    state.entities.at = Some(k);
    let more = if total > 1 {
        let star = key_of(state, Action::FocusPerson);
        format!(
            " (person {} of {total} here; {star} again for the next)",
            i + 1
        )
    } else {
        String::new()
    };
    say_focused(state, e, more);
}

/// `focused NAME…: ] goes to the next mention`.
fn say_focused(state: &mut State, e: EntityRef, more: String) {
    let Some(index) = &state.entities.index else {
        return;
    };
    let name = &index.entity(e).name;
    let next = key_of(state, Action::NextMention);
    state.say(format!(
        "focused {name}{more}; {next} goes to the next mention"
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::{Feed, Level, key as press_key, receive, update};
    use crate::tui::testing::{article, state_with};

    /// Two articles whose people the recogniser finds, with the index sent.
    fn state() -> State {
        let mut s = state_with(0, 0);
        let a = article(
            &[
                "Russian Foreign Minister Sergey Lavrov spoke in Moscow on Monday.",
                "Nothing of note happened after that, officials said.",
                "Sergey Lavrov said no. Secretary of State Antony Blinken disagreed.",
            ],
            &[],
        );
        let b = article(
            &[
                "Foreign Minister Sergei Lavrov met Antony Blinken in Geneva.",
                "Blinken and Lavrov left the talks without a statement.",
            ],
            &[],
        );
        let texts = [a.text.clone(), b.text.clone()];
        receive(&mut s, Feed::Articles(vec![a, b]));
        s.message = None;
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        receive(
            &mut s,
            Feed::Entities(Box::new(EntityIndex::from_texts(&refs))),
        );
        s
    }

    fn find(s: &State, id: &str) -> EntityRef {
        let index = s.entities.index.as_ref().unwrap();
        index.find(id).unwrap_or_else(|| {
            let ids: Vec<&str> = index.entities().iter().map(|e| e.id.as_str()).collect();
            panic!("{id} not in {ids:?}")
        })
    }

    fn said(s: &State) -> &str {
        s.message.as_ref().map_or("", |m| m.text.as_str())
    }

    #[test]
    fn without_the_index_the_keys_say_it_is_coming() {
        let mut s = state_with(2, 3);
        for a in [
            Action::Entities,
            Action::NextMention,
            Action::PrevMention,
            Action::FocusPerson,
        ] {
            update(&mut s, a);
            assert_eq!(said(&s), NOT_YET);
            assert_eq!(s.popup, None);
        }
    }

    #[test]
    fn the_index_highlights_the_article_shown_by_kind() {
        let mut s = state();
        let lavrov = find(&s, "person:sergey-lavrov");
        let text = s.articles[0].text.clone();
        let overlays = &s.reader.overlays;
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            overlays
                .iter()
                .find(|o| o.range.start == start)
                .map(|o| o.class)
        };
        assert_eq!(at("Sergey Lavrov"), Some(Class::Person));
        assert_eq!(at("Moscow"), Some(Class::Place));
        assert!(
            overlays
                .windows(2)
                .all(|w| w[0].range.start <= w[1].range.start)
        );
        assert_eq!(s.entities.focused, None);
        // Focused: its mentions also carry the focused class; others don't.
        focus(&mut s, lavrov);
        let focused: Vec<&str> = s
            .reader
            .overlays
            .iter()
            .filter(|o| o.class == Class::FocusedEntity)
            .map(|o| &text[o.range.clone()])
            .collect();
        assert_eq!(focused, ["Sergey Lavrov", "Sergey Lavrov"]);
    }

    #[test]
    fn next_and_previous_mention_cross_articles_count_and_wrap() {
        let mut s = state();
        let lavrov = find(&s, "person:sergey-lavrov");
        let n = s
            .entities
            .index
            .as_ref()
            .unwrap()
            .entity(lavrov)
            .mentions
            .len();
        assert_eq!(n, 4);
        update(&mut s, Action::NextMention);
        assert!(said(&s).starts_with("no entity focused"), "{}", said(&s));
        focus(&mut s, lavrov);
        // The cursor passage (0) holds the first mention.
        assert_eq!(status(&s).unwrap(), "Sergey Lavrov 1/4");
        let mut seen = Vec::new();
        for _ in 0..4 {
            update(&mut s, Action::NextMention);
            seen.push((
                s.reader.article.unwrap(),
                s.list.selected,
                s.reader.cursor,
                status(&s).unwrap(),
                said(&s).to_string(),
            ));
        }
        let want = [
            (0, 0, 2, "Sergey Lavrov 2/4", ""),
            (1, 1, 0, "Sergey Lavrov 3/4", ""),
            (1, 1, 1, "Sergey Lavrov 4/4", ""),
            (0, 0, 0, "Sergey Lavrov 1/4", "wrapped to the first mention"),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(a, l, c, st, m)| (*a, *l, *c, st.to_string(), m.to_string()))
            .collect();
        assert_eq!(seen, want);
        assert_eq!(s.focus, Pane::Reader);
        update(&mut s, Action::PrevMention);
        assert_eq!(status(&s).unwrap(), "Sergey Lavrov 4/4");
        assert_eq!(said(&s), "wrapped to the last mention");
        assert_eq!((s.reader.article, s.list.selected), (Some(1), 1));
        update(&mut s, Action::PrevMention);
        assert_eq!(status(&s).unwrap(), "Sergey Lavrov 3/4");
        // Off the mentions: `–`, and ] / [ go to the nearest after / before.
        super::super::select(&mut s, 0);
        s.reader.cursor = 1;
        assert_eq!(status(&s).unwrap(), "Sergey Lavrov –/4");
        update(&mut s, Action::NextMention);
        assert_eq!(
            (s.reader.cursor, status(&s).unwrap()),
            (2, "Sergey Lavrov 2/4".into())
        );
        s.reader.cursor = 1;
        update(&mut s, Action::PrevMention);
        assert_eq!(
            (s.reader.cursor, status(&s).unwrap()),
            (0, "Sergey Lavrov 1/4".into())
        );
    }

    #[test]
    fn star_focuses_the_people_of_the_passage_in_turn() {
        let mut s = state();
        let lavrov = find(&s, "person:sergey-lavrov");
        let blinken = find(&s, "person:antony-blinken");
        update(&mut s, Action::Open);
        update(&mut s, Action::Down);
        update(&mut s, Action::FocusPerson);
        assert_eq!(said(&s), "no person mentioned in this passage");
        assert_eq!(s.entities.focused, None);
        update(&mut s, Action::Down);
        update(&mut s, Action::FocusPerson);
        assert_eq!(s.entities.focused, Some(lavrov));
        assert!(
            said(&s).starts_with("focused Sergey Lavrov"),
            "{}",
            said(&s)
        );
        assert_eq!(status(&s).unwrap(), "Sergey Lavrov 2/4");
        update(&mut s, Action::FocusPerson);
        assert_eq!(s.entities.focused, Some(blinken));
        assert!(status(&s).unwrap().starts_with("Antony Blinken 1/"));
        update(&mut s, Action::FocusPerson);
        assert_eq!(s.entities.focused, Some(lavrov), "and round again");
        // Elsewhere, * starts from the first person again.
        update(&mut s, Action::NextMention);
        update(&mut s, Action::FocusPerson);
        assert_eq!(s.entities.focused, Some(lavrov));
    }

    #[test]
    fn the_panel_lists_filters_and_focuses() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut s = state();
        let lavrov = find(&s, "person:sergey-lavrov");
        let ev = |c| KeyEvent::new(c, KeyModifiers::NONE);
        press_key(&mut s, &ev(KeyCode::Char('e')));
        assert_eq!(s.popup, Some(Popup::Entities));
        assert_eq!(s.context(), crate::tui::keymap::Context::Entities);
        let all = rows(&s);
        let kinds: Vec<EntityKind> = all
            .iter()
            .map(|&e| s.entities.index.as_ref().unwrap().entity(e).kind)
            .collect();
        assert!(
            kinds.windows(2).all(|w| w[0] <= w[1]),
            "people first: {kinds:?}"
        );
        assert_eq!(kinds[0], EntityKind::Person);
        // Letters that are keys elsewhere type; arrows and Ctrl-n/p move.
        for c in "lAV".chars() {
            press_key(&mut s, &ev(KeyCode::Char(c)));
        }
        assert_eq!(s.entities.panel.filter, "lAV");
        assert_eq!(rows(&s), [lavrov]);
        press_key(&mut s, &ev(KeyCode::Backspace));
        press_key(&mut s, &ev(KeyCode::Backspace));
        press_key(&mut s, &ev(KeyCode::Backspace));
        assert_eq!(rows(&s), all);
        press_key(&mut s, &ev(KeyCode::Down));
        assert_eq!(s.entities.panel.selected, 1);
        press_key(
            &mut s,
            &KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL),
        );
        press_key(
            &mut s,
            &KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL),
        );
        assert_eq!(s.entities.panel.selected, 1);
        press_key(&mut s, &ev(KeyCode::Esc));
        assert_eq!(s.popup, None);
        assert_eq!(s.entities.focused, None, "Esc focuses nothing");
        // An alias matches too; Enter focuses and goes to the first mention.
        press_key(&mut s, &ev(KeyCode::Char('e')));
        for c in "sergei".chars() {
            press_key(&mut s, &ev(KeyCode::Char(c)));
        }
        assert_eq!(rows(&s), [lavrov]);
        super::super::select(&mut s, 1);
        press_key(&mut s, &ev(KeyCode::Enter));
        assert_eq!(s.popup, None);
        assert_eq!(s.entities.focused, Some(lavrov));
        assert_eq!((s.reader.article, s.reader.cursor), (Some(0), 0));
        assert_eq!(status(&s).unwrap(), "Sergey Lavrov 1/4");
        assert_eq!(s.message.as_ref().unwrap().level, Level::Info);
        // Reopened, the panel starts on the focused entity.
        press_key(&mut s, &ev(KeyCode::Char('e')));
        assert_eq!(rows(&s)[s.entities.panel.selected], lavrov);
        // Esc closes it; in the reader, Esc then lets go of the entity, and
        // only then goes back to the list.
        press_key(&mut s, &ev(KeyCode::Esc));
        assert_eq!((s.popup.clone(), s.focus), (None, Pane::Reader));
        press_key(&mut s, &ev(KeyCode::Esc));
        assert_eq!((s.entities.focused, s.focus), (None, Pane::Reader));
        assert_eq!(said(&s), "Sergey Lavrov no longer focused");
        assert!(
            s.reader
                .overlays
                .iter()
                .all(|o| o.class != Class::FocusedEntity)
        );
        assert_eq!(status(&s), None);
        press_key(&mut s, &ev(KeyCode::Esc));
        assert_eq!(s.focus, Pane::Sources);
    }
}
