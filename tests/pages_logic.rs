//! The pure parts of the jobs pages: progress, ids from the URL, where a chart bar leads,
//! pagination and chart geometry (host).

use std::sync::Arc;
use tanyi_console::api::enums::{CallResult, IntentLevel};
use tanyi_console::api::{ApiError, CallQuery, Page};
use tanyi_console::components::charts::{bar_percents, line_coordinates, nice_ceiling};
use tanyi_console::components::pagination::{page_items, PageItem};
use tanyi_console::components::progress::progress_percent;
use tanyi_console::hooks::RemoteData;
use tanyi_console::pages::routes::calls_route;

#[test]
fn progress_is_completed_of_total_and_over_100_percent_stays_honest() {
    assert_eq!(progress_percent(Some(50), Some(200)), Some(25.0));
    // The documents' own example: 2157 completed of 166.
    let over = progress_percent(Some(2157), Some(166)).expect("a percentage");
    assert!((over - 1299.4).abs() < 0.1, "{over}");
    assert_eq!(
        progress_percent(Some(5), Some(0)),
        None,
        "no total, no percentage"
    );
    assert_eq!(progress_percent(None, Some(10)), None);
}

#[test]
fn a_result_bar_leads_to_the_job_s_calls_filtered_by_it() {
    let mut answered = CallQuery::new(20);
    answered.results = vec![CallResult::Answered];
    let route = calls_route(5, &answered, 20);
    let (path, query) = route.split_once('?').expect("a query");
    assert_eq!(path, "/jobs/5/calls");
    let parsed = CallQuery::from_url(query, 20);
    assert_eq!(parsed.results, vec![CallResult::Answered]);
    assert!(parsed.intents.is_empty());
    let mut level_b = CallQuery::new(20);
    level_b.intents = vec![IntentLevel::B];
    let route = calls_route(5, &level_b, 20);
    assert_eq!(
        CallQuery::from_url(route.split_once('?').expect("query").1, 20).intents,
        vec![IntentLevel::B]
    );
    assert_eq!(calls_route(5, &CallQuery::new(20), 20), "/jobs/5/calls");
}

#[test]
fn the_page_bar_shows_ends_and_neighbours_with_gaps() {
    use PageItem::{Gap, Page};
    assert_eq!(page_items(1, 1), vec![Page(1)]);
    assert_eq!(page_items(1, 5), (1..=5).map(Page).collect::<Vec<_>>());
    assert_eq!(
        page_items(10, 20),
        vec![
            Page(1),
            Gap,
            Page(8),
            Page(9),
            Page(10),
            Page(11),
            Page(12),
            Gap,
            Page(20)
        ]
    );
    assert_eq!(
        page_items(1, 20),
        vec![Page(1), Page(2), Page(3), Gap, Page(20)]
    );
    assert_eq!(
        page_items(99, 20).last(),
        Some(&Page(20)),
        "a page past the end shows the last"
    );
    assert!(page_items(1, 0).is_empty());
}

#[test]
fn page_count_rounds_up_and_is_at_least_one() {
    let page_count = |total: i64, page_size: u32| {
        let page = Page::<()> {
            total: Some(total),
            ..Page::default()
        };
        page.page_count(page_size)
    };
    assert_eq!(page_count(0, 20), 1);
    assert_eq!(page_count(20, 20), 1);
    assert_eq!(page_count(21, 20), 2);
    assert_eq!(page_count(16_000, 100), 160);
    assert_eq!(page_count(5, 0), 5, "a zero page size counts as one");
}

#[test]
fn bars_are_relative_to_the_longest_and_survive_odd_values() {
    assert_eq!(bar_percents(&[50.0, 100.0, 0.0]), vec![50.0, 100.0, 0.0]);
    assert_eq!(bar_percents(&[0.0, 0.0]), vec![0.0, 0.0]);
    assert_eq!(bar_percents(&[f64::NAN, 10.0, -5.0]), vec![0.0, 100.0, 0.0]);
    assert!(bar_percents(&[]).is_empty());
}

#[test]
fn axis_bounds_are_round_numbers_at_or_above_the_maximum() {
    assert_eq!(nice_ceiling(342.0), 500.0);
    assert_eq!(nice_ceiling(1000.0), 1000.0);
    assert_eq!(nice_ceiling(11.9), 20.0);
    assert_eq!(nice_ceiling(0.0), 1.0);
    assert_eq!(nice_ceiling(f64::INFINITY), 1.0);
}

#[test]
fn line_points_span_the_plot_and_stay_inside_it() {
    let points = line_coordinates(&[None; 3], &[0.0, 50.0, 100.0], 100.0);
    assert_eq!(points.len(), 3);
    assert!(
        points[0].0 < points[1].0 && points[1].0 < points[2].0,
        "dates go left to right"
    );
    assert!(
        points[0].1 > points[1].1 && points[1].1 > points[2].1,
        "bigger is higher"
    );
    let clamped = line_coordinates(&[None; 3], &[-10.0, 1e9, f64::NAN], 100.0);
    let top = line_coordinates(&[None], &[100.0], 100.0)[0].1;
    let bottom = line_coordinates(&[None], &[0.0], 100.0)[0].1;
    for (_, y) in clamped {
        assert!(y >= top && y <= bottom, "{y} outside {top}..{bottom}");
    }
}

#[test]
fn line_points_are_placed_by_their_dates() {
    // 09-25, 09-27 and 10-09 (days 0, 2 and 14): the second point sits near the first.
    let points = line_coordinates(&[Some(100), Some(102), Some(114)], &[1.0, 2.0, 3.0], 10.0);
    let (left, middle, right) = (points[0].0, points[1].0, points[2].0);
    let share = (middle - left) / (right - left);
    assert!((share - 2.0 / 14.0).abs() < 1e-9, "share {share}");
    // One date unknown: evenly spaced in the order given.
    let even = line_coordinates(&[Some(100), None, Some(114)], &[1.0, 2.0, 3.0], 10.0);
    assert!(((even[1].0 - even[0].0) - (even[2].0 - even[1].0)).abs() < 1e-9);
}

#[test]
fn a_view_keeps_its_data_on_screen_while_it_reloads_and_not_after_a_failure() {
    let first: RemoteData<u32> = RemoteData::Loading {
        last: None,
        retry_in: None,
    };
    assert!(first.is_loading() && first.data().is_none());
    let loaded = RemoteData::Loaded(Arc::new(7));
    let reloading = loaded.reloading();
    assert!(reloading.is_loading());
    assert_eq!(
        reloading.data().map(|d| **d),
        Some(7),
        "the last answer stays"
    );
    let failed: RemoteData<u32> = RemoteData::Failed(ApiError::Timeout { seconds: 15 });
    assert!(!failed.is_loading() && failed.data().is_none());
    assert!(
        failed.reloading().data().is_none(),
        "a retry after a failure has nothing to show yet"
    );
}
