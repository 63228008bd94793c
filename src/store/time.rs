//! Timestamps for user data: ISO 8601 in UTC with milliseconds, formatted here
//! (a calendar crate for one conversion would be a dependency collected, not chosen).

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, as `2026-11-22T08:19:30.123Z`.
pub fn now_iso8601() -> String {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    iso8601_from_millis(ms)
}

/// Milliseconds since the Unix epoch -> ISO 8601 UTC.
pub fn iso8601_from_millis(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 -> (year, month, day), proleptic Gregorian
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(iso8601_from_millis(0), "1970-01-01T00:00:00.000Z");
        // 2000-02-29 (a leap day in a century leap year) 12:34:56.789
        assert_eq!(
            iso8601_from_millis(951_827_696_789),
            "2000-02-29T12:34:56.789Z"
        );
        assert_eq!(
            iso8601_from_millis(1_795_336_770_000),
            "2026-11-22T08:39:30.000Z"
        );
        assert_eq!(iso8601_from_millis(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn now_sorts_as_text() {
        let a = now_iso8601();
        let b = now_iso8601();
        assert_eq!(a.len(), 24);
        assert!(a <= b);
    }
}
