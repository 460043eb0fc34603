//! The overview's pure logic (host): day totals, listed statuses, alerts and their
//! sentences and which alerts are new.

use chrono::NaiveDate;
use tanyi_console::api::enums::JobStatus;
use tanyi_console::api::{ApiDateTime, DailyPoint, DailySeries, JobDetail, JobStats};
use tanyi_console::i18n::Locale;
use tanyi_console::overview::{
    answer_rate_drop, caller_line_trouble, day_totals, is_listed, job_alerts, job_day, stalled,
    system_suspended, yesterday, AlertKey, AlertKind, AlertTopic, CompletedReadings,
    JobAlertFigures, JobDay, JobFigures, SeenAlerts, SideBySide, LISTED_STATUSES,
};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

fn points(values: &[(&str, f64)]) -> Vec<DailyPoint> {
    values
        .iter()
        .map(|(date, value)| DailyPoint {
            date: Some(ApiDateTime::parse(date)),
            value: Some(*value),
        })
        .collect()
}

/// A job whose series hold `(date, calls, answered, talk seconds)` per day.
fn job(days: &[(&str, f64, f64, f64)]) -> JobDetail {
    let pick = |f: fn(&(&str, f64, f64, f64)) -> f64| {
        points(&days.iter().map(|d| (d.0, f(d))).collect::<Vec<_>>())
    };
    JobDetail {
        stats: Some(JobStats {
            daily: Some(DailySeries {
                task_call_completed_list: pick(|d| d.1),
                answered_task_list: pick(|d| d.2),
                chat_duration_total_list: pick(|d| d.3),
                ..DailySeries::default()
            }),
            ..JobStats::default()
        }),
        ..JobDetail::default()
    }
}

// ---- day totals ----

#[test]
fn a_job_s_day_comes_from_its_series_points_for_that_date() {
    let detail = job(&[
        ("2026-11-30", 100.0, 40.0, 900.0),
        ("2026-12-01", 200.0, 50.0, 1800.0),
    ]);
    assert_eq!(
        job_day(&detail, day("2026-12-01")),
        JobDay {
            calls: 200,
            answered: 50,
            talk_seconds: 1800
        }
    );
    assert_eq!(job_day(&detail, day("2026-11-30")).calls, 100);
}

#[test]
fn a_day_with_no_point_or_no_stats_counts_0() {
    let detail = job(&[("2026-11-30", 100.0, 40.0, 900.0)]);
    assert_eq!(job_day(&detail, day("2026-12-01")), JobDay::default());
    assert_eq!(
        job_day(&JobDetail::default(), day("2026-12-01")),
        JobDay::default()
    );
    // A point with a date in a shape the API also sends (with a time) still counts.
    let timed = job(&[("2026-12-01 00:00:00", 7.0, 3.0, 60.0)]);
    assert_eq!(job_day(&timed, day("2026-12-01")).calls, 7);
}

#[test]
fn totals_add_the_jobs_up_and_a_job_without_the_day_adds_0() {
    let a = job(&[("2026-12-01", 200.0, 50.0, 1800.0)]);
    let b = job(&[("2026-12-01", 100.0, 25.0, 600.0)]);
    let c = job(&[("2026-11-29", 999.0, 999.0, 999.0)]);
    let date = day("2026-12-01");
    let totals = day_totals(
        date,
        [
            figures(&a, date, Some(6)),
            figures(&b, date, Some(4)),
            figures(&c, date, Some(0)),
        ],
    );
    assert_eq!(totals.calls, 300);
    assert_eq!(totals.answered, 75);
    assert_eq!(totals.talk_seconds, 2400);
    assert_eq!(totals.leads, Some(10));
    assert_eq!(totals.jobs, 3);
    assert_eq!(totals.answer_rate(), Some(25.0));
}

/// A job's figures for a day from its series, with its leads.
fn figures(detail: &JobDetail, date: NaiveDate, leads: Option<u64>) -> JobFigures {
    JobFigures {
        day: job_day(detail, date),
        leads,
    }
}

#[test]
fn no_calls_means_no_answer_rate_and_an_unknown_lead_count_means_no_lead_total() {
    let a = job(&[]);
    let b = job(&[("2026-12-01", 10.0, 5.0, 60.0)]);
    let date = day("2026-12-01");
    let totals = day_totals(date, [figures(&a, date, Some(0))]);
    assert_eq!(totals.calls, 0);
    assert_eq!(totals.answer_rate(), None);
    assert_eq!(totals.leads, Some(0));

    let partial = day_totals(date, [figures(&a, date, Some(3)), figures(&b, date, None)]);
    assert_eq!(
        partial.leads, None,
        "a partial sum would pass for the whole"
    );

    let none = day_totals(date, []);
    assert_eq!((none.calls, none.leads, none.jobs), (0, Some(0), 0));
}

#[test]
fn today_and_yesterday_side_by_side() {
    let a = job(&[
        ("2026-11-30", 100.0, 40.0, 900.0),
        ("2026-12-01", 200.0, 50.0, 1800.0),
    ]);
    let b = job(&[("2026-12-01", 10.0, 10.0, 100.0)]);
    let today = day("2026-12-01");
    let before = yesterday(today);
    let both = SideBySide {
        today: day_totals(
            today,
            [figures(&a, today, Some(5)), figures(&b, today, Some(1))],
        ),
        yesterday: day_totals(
            before,
            [figures(&a, before, Some(2)), figures(&b, before, Some(0))],
        ),
    };
    assert_eq!(both.today.date, day("2026-12-01"));
    assert_eq!(both.yesterday.date, day("2026-11-30"));
    assert_eq!(
        (both.today.calls, both.today.answered, both.today.leads),
        (210, 60, Some(6))
    );
    assert_eq!(
        (
            both.yesterday.calls,
            both.yesterday.answered,
            both.yesterday.talk_seconds,
            both.yesterday.leads
        ),
        (100, 40, 900, Some(2))
    );
    assert_eq!(both.yesterday.answer_rate(), Some(40.0));
    // Across a month's end.
    assert_eq!(yesterday(day("2026-03-01")), day("2026-02-28"));
}

// ---- listed jobs ----

#[test]
fn the_overview_lists_the_five_live_statuses_only() {
    for status in [
        JobStatus::InProcess,
        JobStatus::InQueue,
        JobStatus::Runnable,
        JobStatus::SystemSuspended,
        JobStatus::UserPause,
    ] {
        assert!(is_listed(Some(&status)), "{status}");
    }
    for status in [
        JobStatus::NotStarted,
        JobStatus::Completed,
        JobStatus::Terminate,
        JobStatus::Other("ARCHIVED".into()),
    ] {
        assert!(!is_listed(Some(&status)), "{status}");
    }
    assert!(!is_listed(None));
    assert_eq!(LISTED_STATUSES.len(), 5);
}

// ---- alerts ----

#[test]
fn a_job_paused_by_the_system_alerts() {
    let alert = system_suspended(7, Some("X"), Some(&JobStatus::SystemSuspended)).expect("alert");
    assert_eq!(alert.kind, AlertKind::SystemSuspended);
    assert_eq!(
        alert.key(),
        AlertKey {
            topic: AlertTopic::SystemSuspended,
            job_id: 7
        }
    );
    assert_eq!(alert.sentence(Locale::ZhCn), "任务『X』已被系统暂停");
    assert_eq!(alert.sentence(Locale::En), "Job X was paused by the system");
    assert!(system_suspended(7, Some("X"), Some(&JobStatus::UserPause)).is_none());
    assert!(system_suspended(7, Some("X"), None).is_none());
}

#[test]
fn caller_line_trouble_is_over_20_percent_of_today_s_calls() {
    let alert = caller_line_trouble(7, Some("X"), 200, 70).expect("35 % alerts");
    assert_eq!(
        alert.kind,
        AlertKind::CallerLine {
            errors: 70,
            calls: 200
        }
    );
    assert_eq!(
        alert.sentences(),
        [
            "任务『X』今日主叫线路异常占 35%（70/200 通）".to_string(),
            "Job X: caller-line errors are 35 % of today's calls (70 of 200)".to_string(),
        ]
    );
    // Exactly 20 % does not; one more call's worth does, and never reads as "20%".
    assert!(caller_line_trouble(7, Some("X"), 200, 40).is_none());
    let just_over = caller_line_trouble(7, Some("X"), 200, 41).expect("20.5 %");
    assert!(just_over.sentence(Locale::ZhCn).contains("20.5%"));
    // Under 50 calls today a share says little: 9 of 49 is not an alert, 11 of 50 is.
    assert!(caller_line_trouble(7, None, 49, 40).is_none());
    assert!(caller_line_trouble(7, None, 50, 11).is_some());
    // No calls, no alert (whatever the error counts say).
    assert!(caller_line_trouble(7, Some("X"), 0, 0).is_none());
    assert!(caller_line_trouble(7, Some("X"), 0, 10).is_none());
}

#[test]
fn an_answer_rate_under_half_the_overall_one_alerts_from_50_calls() {
    // 12 of 50 is 24 %, under half of 50 %.
    let alert = answer_rate_drop(7, Some("X"), 50, 12, Some(50.0)).expect("exactly 50 calls");
    assert_eq!(
        alert.kind,
        AlertKind::AnswerRateDrop {
            answered: 12,
            calls: 50,
            overall_percent: 50.0
        }
    );
    assert_eq!(
        alert.sentence(Locale::ZhCn),
        "任务『X』今日接听率 24%（12/50 通），不到总体接听率 50% 的一半"
    );
    assert_eq!(
        alert.sentence(Locale::En),
        "Job X: today's answer rate is 24 % (12 of 50), under half its overall 50 %"
    );
    // 49 calls is too few to judge.
    assert!(answer_rate_drop(7, Some("X"), 49, 0, Some(50.0)).is_none());
    // Exactly half is not under half.
    assert!(answer_rate_drop(7, Some("X"), 100, 25, Some(50.0)).is_none());
    assert!(answer_rate_drop(7, Some("X"), 100, 24, Some(50.0)).is_some());
    // No overall rate, or 0, gives nothing to compare with.
    assert!(answer_rate_drop(7, Some("X"), 100, 0, None).is_none());
    assert!(answer_rate_drop(7, Some("X"), 100, 0, Some(0.0)).is_none());
    assert!(answer_rate_drop(7, Some("X"), 100, 0, Some(f64::NAN)).is_none());
    // An overall rate as sent with decimals shows one.
    let decimals = answer_rate_drop(7, Some("X"), 100, 1, Some(9.47)).expect("1 % < 4.735 %");
    assert!(decimals.sentence(Locale::En).contains("overall 9.5 %"));
}

#[test]
fn a_running_job_is_stalled_after_four_equal_readings() {
    let running = Some(&JobStatus::InProcess);
    let alert = stalled(7, Some("X"), running, &[120, 120, 120, 120]).expect("4 equal");
    assert_eq!(
        alert.kind,
        AlertKind::Stalled {
            completed: 120,
            refreshes: 3
        }
    );
    assert_eq!(
        alert.sentence(Locale::ZhCn),
        "任务『X』进行中，但已完成数连续 3 次刷新未变（120）"
    );
    assert_eq!(
        alert.sentence(Locale::En),
        "Job X is running but its completed count has not moved over the last 3 refreshes (120)"
    );
    // Three readings are not enough.
    assert!(stalled(7, Some("X"), running, &[120, 120, 120]).is_none());
    assert!(stalled(7, Some("X"), running, &[]).is_none());
    // Only the last four count: an older different reading does not matter.
    assert!(stalled(7, Some("X"), running, &[100, 120, 120, 120, 120]).is_some());
    // Any move among the last four clears it.
    assert!(stalled(7, Some("X"), running, &[120, 119, 120, 120]).is_none());
    assert!(stalled(7, Some("X"), running, &[120, 120, 120, 121]).is_none());
    // Only a job in progress.
    for status in [
        JobStatus::SystemSuspended,
        JobStatus::UserPause,
        JobStatus::InQueue,
    ] {
        assert!(stalled(7, Some("X"), Some(&status), &[1, 1, 1, 1]).is_none());
    }
    assert!(stalled(7, Some("X"), None, &[1, 1, 1, 1]).is_none());
}

#[test]
fn a_job_without_a_name_is_named_by_its_id() {
    let alert = system_suspended(42, None, Some(&JobStatus::SystemSuspended)).expect("alert");
    assert_eq!(alert.sentence(Locale::ZhCn), "任务『#42』已被系统暂停");
    let blank = system_suspended(42, Some("  "), Some(&JobStatus::SystemSuspended)).expect("a");
    assert_eq!(blank.job_label(), "#42");
}

#[test]
fn an_alert_is_new_until_the_user_looks_and_again_after_it_went_away() {
    let suspended = system_suspended(1, Some("A"), Some(&JobStatus::SystemSuspended)).expect("a");
    let line = caller_line_trouble(2, Some("B"), 100, 30).expect("b");
    let mut seen = SeenAlerts::new();
    let first = vec![suspended.clone(), line.clone()];
    assert_eq!(seen.new_keys(&first).len(), 2, "nothing seen yet");

    seen.looked_at(&first);
    assert!(seen.new_keys(&first).is_empty());
    // New figures for the same kind and job: the same alert, not new.
    let worse = caller_line_trouble(2, Some("B"), 100, 60).expect("b");
    assert!(!seen.is_new(&worse));
    // The same kind for another job, or another kind for the same job, is new.
    let other_job = caller_line_trouble(3, Some("C"), 100, 30).expect("c");
    let stall = stalled(2, Some("B"), Some(&JobStatus::InProcess), &[5, 5, 5, 5]).expect("d");
    let now = vec![suspended.clone(), worse, other_job.clone(), stall.clone()];
    let marked: Vec<bool> = seen.mark(&now).into_iter().map(|(_, new)| new).collect();
    assert_eq!(marked, [false, false, true, true]);
    assert_eq!(
        seen.new_keys(&now).into_iter().collect::<Vec<_>>(),
        vec![other_job.key(), stall.key()]
    );

    // The user looks while the suspension is gone; when it comes back it is new again.
    seen.looked_at(std::slice::from_ref(&line));
    assert!(seen.is_new(&suspended));
    assert!(!seen.is_new(&line));
    // Keys survive being saved and restored.
    let restored = SeenAlerts::from_keys(seen.keys().iter().copied());
    assert_eq!(restored, seen);
}

// ---- a job's alerts together, and its readings over refreshes ----

#[test]
fn a_job_s_alerts_come_together_in_a_fixed_order() {
    let running = JobStatus::InProcess;
    let figures = JobAlertFigures {
        job_id: 9,
        job_name: Some("X"),
        status: Some(&running),
        calls_today: 200,
        answered_today: 10,
        caller_line_errors: Some(70),
        overall_answer_percent: Some(40.0),
        completed_readings: &[3, 3, 3, 3],
    };
    let topics: Vec<AlertTopic> = job_alerts(&figures)
        .iter()
        .map(|alert| alert.key().topic)
        .collect();
    assert_eq!(
        topics,
        [
            AlertTopic::CallerLine,
            AlertTopic::AnswerRateDrop,
            AlertTopic::Stalled
        ]
    );
    // Error counts not known yet: no caller-line alert.
    let unknown = JobAlertFigures {
        caller_line_errors: None,
        ..figures
    };
    assert_eq!(job_alerts(&unknown).len(), 2);
    let suspended = JobStatus::SystemSuspended;
    let paused = JobAlertFigures {
        status: Some(&suspended),
        calls_today: 0,
        answered_today: 0,
        ..figures
    };
    let alerts = job_alerts(&paused);
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].kind, AlertKind::SystemSuspended);
    assert!(job_alerts(&JobAlertFigures::default()).is_empty());
}

#[test]
fn readings_keep_the_last_four_of_a_running_job_only() {
    let running = JobStatus::InProcess;
    let paused = JobStatus::UserPause;
    let mut readings = CompletedReadings::new();
    for count in [1, 2, 5, 5, 5] {
        readings.record(7, Some(&running), Some(count));
    }
    assert_eq!(readings.readings(7), [2, 5, 5, 5]);
    assert!(stalled(7, None, Some(&running), readings.readings(7)).is_none());
    readings.record(7, Some(&running), Some(5));
    assert_eq!(readings.readings(7), [5, 5, 5, 5]);
    assert!(stalled(7, None, Some(&running), readings.readings(7)).is_some());

    // A pause starts again: after it, three readings are not yet a stall.
    readings.record(7, Some(&paused), Some(5));
    assert!(readings.readings(7).is_empty());
    for _ in 0..3 {
        readings.record(7, Some(&running), Some(5));
    }
    assert!(stalled(7, None, Some(&running), readings.readings(7)).is_none());
    // So does a refresh without a count.
    readings.record(7, Some(&running), None);
    assert!(readings.readings(7).is_empty());

    readings.record(8, Some(&running), Some(1));
    readings.record(9, Some(&running), Some(1));
    readings.retain_jobs(&[9]);
    assert!(readings.readings(8).is_empty());
    assert_eq!(readings.readings(9), [1]);
}

#[test]
fn alerts_seen_are_kept_as_text_and_junk_in_it_is_skipped() {
    let suspended = system_suspended(4, None, Some(&JobStatus::SystemSuspended)).expect("a");
    let line = caller_line_trouble(12, None, 100, 30).expect("b");
    let mut seen = SeenAlerts::new();
    seen.looked_at(&[suspended.clone(), line.clone()]);
    let text = seen.to_text();
    assert_eq!(text, "system-suspended:4 caller-line:12");
    assert_eq!(SeenAlerts::from_text(&text), seen);
    let junk = SeenAlerts::from_text("stalled:x <b>:1 caller-line:12 answer-rate 9 :");
    assert_eq!(junk.to_text(), "caller-line:12");
    assert!(junk.is_new(&suspended) && !junk.is_new(&line));
    for topic in AlertTopic::ALL {
        assert_eq!(AlertTopic::from_code(topic.code()), Some(topic));
    }
}
