//! User data on disk: where it lives, and writing it without ever losing it.

pub mod anchor;
pub mod bookmark_file;
pub mod bookmarks;
pub mod cache;
pub mod candidates;
pub mod file;
pub mod fuzzy;
pub mod paths;
pub mod state;
pub mod time;
