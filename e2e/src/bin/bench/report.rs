//! The bench's arithmetic and its printed lines: no I/O, unit-tested.

/// The median of some samples (mean of the middle two for an even count); `None` if empty
/// or if any sample is not a number.
pub fn median(samples: &[f64]) -> Option<f64> {
    if samples.is_empty() || samples.iter().any(|s| !s.is_finite()) {
        return None;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    } else {
        sorted[mid]
    })
}

/// The filter toggles split into rounds of four (on, off, on, off), each on a fresh load,
/// the console's and the baseline's rounds taking turns.
pub fn filter_rounds(total: usize) -> Vec<usize> {
    (0..total)
        .step_by(4)
        .map(|start| (total - start).min(4))
        .collect()
}

/// `a / b`, `None` when `b` is not positive.
pub fn ratio(a: f64, b: f64) -> Option<f64> {
    (b > 0.0 && a.is_finite() && b.is_finite()).then(|| a / b)
}

/// The ratio of two samples' medians (`a / b`), `None` when either has none.
pub fn median_ratio(a: &[f64], b: &[f64]) -> Option<f64> {
    median(a).zip(median(b)).and_then(|(a, b)| ratio(a, b))
}

/// A ratio of medians with its two medians: `1.46x (141.0 ms / 97.0 ms)`.
pub fn ratio_shown(a: &[f64], b: &[f64]) -> String {
    format!(
        "{} ({} / {})",
        times(median_ratio(a, b)),
        ms(median(a)),
        ms(median(b))
    )
}

/// Megabits a second: `bytes` in `millis` ms; `None` when `millis` is not positive.
pub fn mbit_per_s(bytes: f64, millis: f64) -> Option<f64> {
    ratio(bytes * 8.0 / 1e6, millis / 1000.0)
}

/// Counts that should be the same each time: `4`, or `3 to 4` when they vary.
pub fn count_range(counts: &[usize]) -> String {
    let min = counts.iter().min();
    let max = counts.iter().max();
    match (min, max) {
        (Some(min), Some(max)) if min == max => min.to_string(),
        (Some(min), Some(max)) => format!("{min} to {max}"),
        _ => "n/a".into(),
    }
}

/// Relative growth from `from` to `to` (0.05 = 5 %), `None` when `from` is not positive.
pub fn growth(from: f64, to: f64) -> Option<f64> {
    ratio(to - from, from)
}

/// `PASS` or `FAIL`: whether `value` is at most `limit`; `FAIL` when there is no value.
pub fn verdict(value: Option<f64>, limit: f64) -> &'static str {
    match value {
        Some(v) if v <= limit => "PASS",
        _ => "FAIL",
    }
}

/// One budget line: `PASS  name: shown (budget ≤ limit)`.
pub fn budget_line(name: &str, value: Option<f64>, shown: &str, limit: &str, max: f64) -> String {
    format!(
        "  {}  {name}: {shown} (budget ≤ {limit})",
        verdict(value, max)
    )
}

/// The budget line of a time against its floor (the overview's, the leads'): the median time
/// over the floor, at most 1.5x.
pub fn floor_line(name: &str, times: &[f64], floor: f64) -> String {
    let ratio = median(times).map(|t| t / floor);
    budget_line(
        name,
        ratio,
        &format!(
            "{} ({} / {})",
            ratio.map_or_else(|| "n/a".into(), |r| format!("{r:.2}x")),
            ms(median(times)),
            ms(Some(floor))
        ),
        "1.5x",
        1.5,
    )
}

/// A figure printed with the budgets but held to none: `  ----  name: shown (no budget)`.
pub fn no_budget_line(name: &str, shown: &str) -> String {
    format!("  ----  {name}: {shown} (no budget)")
}

/// Bytes as KB (1,000 bytes), one decimal.
pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

/// Bytes as MB (1,000,000 bytes), two decimals.
pub fn mb(bytes: f64) -> String {
    format!("{:.2} MB", bytes / 1e6)
}

/// Milliseconds, one decimal.
pub fn ms(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".into(), |v| format!("{v:.1} ms"))
}

/// `1.23x`.
pub fn times(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".into(), |v| format!("{v:.2}x"))
}

/// `+4.2 %`.
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".into(), |v| format!("{:+.1} %", v * 100.0))
}

/// Min, median and max of some samples, for a detail line.
pub fn spread(samples: &[f64]) -> String {
    let min = samples.iter().copied().fold(f64::INFINITY, f64::min);
    let max = samples.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!(
        "median {} (min {}, max {}, n={})",
        ms(median(samples)),
        ms(min.is_finite().then_some(min)),
        ms(max.is_finite().then_some(max)),
        samples.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn filter_toggles_in_rounds_of_four() {
        assert_eq!(filter_rounds(20), [4, 4, 4, 4, 4]);
        assert_eq!(filter_rounds(6), [4, 2]);
        assert_eq!(filter_rounds(2), [2]);
        assert!(filter_rounds(0).is_empty());
    }

    #[test]
    fn ratios_and_growth() {
        assert_eq!(ratio(3.0, 2.0), Some(1.5));
        assert_eq!(ratio(3.0, 0.0), None);
        assert_eq!(growth(100.0, 105.0), Some(0.05));
        assert_eq!(growth(0.0, 5.0), None);
    }

    #[test]
    fn ratios_of_medians() {
        assert_eq!(median_ratio(&[3.0, 1.0, 2.0], &[1.0, 2.0]), Some(2.0 / 1.5));
        assert_eq!(median_ratio(&[], &[1.0]), None);
        assert_eq!(ratio_shown(&[141.0], &[97.0]), "1.45x (141.0 ms / 97.0 ms)");
        assert_eq!(ratio_shown(&[141.0], &[]), "n/a (141.0 ms / n/a)");
    }

    #[test]
    fn throughput_and_counts() {
        // 1,250,000 bytes a second is 10 Mbit/s.
        assert_eq!(mbit_per_s(1_250_000.0, 1000.0), Some(10.0));
        assert_eq!(mbit_per_s(1.0, 0.0), None);
        assert_eq!(count_range(&[4, 4, 4]), "4");
        assert_eq!(count_range(&[4, 3, 4]), "3 to 4");
        assert_eq!(count_range(&[]), "n/a");
    }

    #[test]
    fn budget_lines() {
        assert_eq!(verdict(Some(1.3), 1.3), "PASS");
        assert_eq!(verdict(Some(1.31), 1.3), "FAIL");
        assert_eq!(verdict(None, 1.3), "FAIL");
        assert_eq!(
            budget_line("cold start", Some(1.1), "1.10x vanilla", "1.3x", 1.3),
            "  PASS  cold start: 1.10x vanilla (budget ≤ 1.3x)"
        );
        assert_eq!(
            budget_line(
                "download (gzip)",
                Some(417.0),
                &kb(417_000),
                "200 KB",
                200.0
            ),
            "  FAIL  download (gzip): 417.0 KB (budget ≤ 200 KB)"
        );
        assert_eq!(
            no_budget_line("long call", "300.0 ms"),
            "  ----  long call: 300.0 ms (no budget)"
        );
    }

    #[test]
    fn formatting() {
        assert_eq!(kb(1234), "1.2 KB");
        assert_eq!(mb(2_500_000.0), "2.50 MB");
        assert_eq!(ms(Some(12.345)), "12.3 ms");
        assert_eq!(times(None), "n/a");
        assert_eq!(percent(Some(0.042)), "+4.2 %");
        assert_eq!(
            spread(&[3.0, 1.0, 2.0]),
            "median 2.0 ms (min 1.0 ms, max 3.0 ms, n=3)"
        );
    }
}
