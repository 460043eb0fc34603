//! User journeys through the release build in a real headless Chromium, through the real
//! nginx proxy (site and proxy on two origins), against the stand-in API with auth on.
//!
//! Runs only when `TANYI_E2E_DIST` names a release build (`cargo xtask test` sets it, and
//! `TANYI_E2E_SUBPATH_DIST` for the sub-path build); otherwise it says so and passes.
//! One chromedriver for the suite, one fresh browser and stack per journey, one journey at
//! a time. `cargo test -p e2e --test journeys -- NAME` runs the journeys whose name
//! contains NAME. A failed journey leaves target/e2e/screenshots/<journey>.png.
//!
//! One module a page or concern: overview, leads, jobs, job, calls, call, faults (and races),
//! hostile, deploy, settings_crash_memory, gateway. What they share is in `e2e::journey`.

use e2e::journey::{Journey, Suite};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

mod a11y;
mod call;
mod calls;
mod deploy;
mod faults;
mod gateway;
mod hostile;
mod job;
mod jobs;
mod keyboard;
mod leads;
mod overview;
mod settings_crash_memory;

use a11y::every_screen_passes_axe_and_fits_a_phone;
use call::call_recording_transcript_and_neighbours;
use calls::calls_filters_pages_and_csv_export;
use deploy::{
    deploy_disallowed_origin_fails_visibly, deploy_in_a_portal_iframe,
    deploy_mounted_in_a_portal_page, deploy_under_a_sub_path,
};
use faults::{faults_show_their_message_and_retry_recovers, races_end_with_the_last_filter};
use gateway::{
    a_viewer_never_sees_a_whole_number_whatever_the_settings_say,
    an_export_that_meets_the_rate_limit_pauses_and_finishes, sign_in_round_trip_keeps_the_url,
};
use hostile::hostile_content_stays_text;
use job::job_kpis_match_and_bars_open_calls;
use jobs::jobs_list_filters_live_in_the_url;
use keyboard::keyboard_alone_from_the_header_to_a_call_s_recording_and_back;
use leads::{
    leads_are_every_job_s_leads_merged_newest_first, leads_failing_job_retry_and_limit,
    leads_job_picker_keeps_its_options_while_the_list_is_read_again,
    leads_job_picker_narrows_and_stop_keeps_what_was_read,
    leads_new_since_the_last_visit_are_marked_and_counted, leads_read_while_jobs_run_lose_nothing,
};
use overview::{
    overview_alerts_appear_on_trouble_and_go_with_the_clock,
    overview_totals_and_rows_are_the_stand_in_s_figures,
};
use settings_crash_memory::{
    a_long_session_keeps_its_memory, panic_shows_the_crash_overlay, settings_dead_address_and_reset,
};

type Run = fn(&Journey);

/// Each journey under its function's name, in the order they run.
macro_rules! journeys {
    ($($name:ident),* $(,)?) => { &[$((stringify!($name), $name as Run)),*] };
}

const JOURNEYS: &[(&str, Run)] = journeys![
    overview_totals_and_rows_are_the_stand_in_s_figures,
    overview_alerts_appear_on_trouble_and_go_with_the_clock,
    leads_are_every_job_s_leads_merged_newest_first,
    leads_failing_job_retry_and_limit,
    leads_read_while_jobs_run_lose_nothing,
    leads_new_since_the_last_visit_are_marked_and_counted,
    leads_job_picker_narrows_and_stop_keeps_what_was_read,
    leads_job_picker_keeps_its_options_while_the_list_is_read_again,
    jobs_list_filters_live_in_the_url,
    job_kpis_match_and_bars_open_calls,
    calls_filters_pages_and_csv_export,
    call_recording_transcript_and_neighbours,
    keyboard_alone_from_the_header_to_a_call_s_recording_and_back,
    faults_show_their_message_and_retry_recovers,
    races_end_with_the_last_filter,
    hostile_content_stays_text,
    deploy_under_a_sub_path,
    deploy_in_a_portal_iframe,
    deploy_mounted_in_a_portal_page,
    deploy_disallowed_origin_fails_visibly,
    settings_dead_address_and_reset,
    panic_shows_the_crash_overlay,
    a_long_session_keeps_its_memory,
    sign_in_round_trip_keeps_the_url,
    a_viewer_never_sees_a_whole_number_whatever_the_settings_say,
    an_export_that_meets_the_rate_limit_pauses_and_finishes,
    every_screen_passes_axe_and_fits_a_phone,
];

fn main() {
    e2e::journey::serve_stand_in_if_asked();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        for (name, _) in JOURNEYS {
            println!("{name}: test");
        }
        return;
    }
    if args.iter().any(|a| a == "--ignored") {
        return;
    }
    // libtest's arguments, as `cargo test -- ...` passes them to every test binary.
    let (mut filters, mut skips) = (Vec::new(), Vec::new());
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--skip" => skips.extend(rest.next()),
            "--test-threads" | "--color" | "--format" | "--logfile" | "-Z" => {
                rest.next();
            }
            flag if flag.starts_with('-') => {}
            filter => filters.push(filter),
        }
    }
    let suite = match Suite::from_env() {
        None => {
            println!(
                "journeys: skipped (set TANYI_E2E_DIST to a release build; `cargo xtask test` does)"
            );
            return;
        }
        Some(Err(e)) => {
            eprintln!("journeys: cannot start: {e}");
            std::process::exit(1);
        }
        Some(Ok(suite)) => suite,
    };
    let chosen: Vec<&(&str, Run)> = JOURNEYS
        .iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(*f)))
        .filter(|(name, _)| !skips.iter().any(|s| name.contains(s.as_str())))
        .collect();
    println!("\nrunning {} journeys", chosen.len());
    let started = Instant::now();
    let mut failed = Vec::new();
    for (name, run) in chosen {
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| run(&Journey::new(&suite, name))));
        let seconds = start.elapsed().as_secs_f64();
        match outcome {
            Ok(()) => println!("journey {name} ... ok ({seconds:.1} s)"),
            Err(_) => {
                println!("journey {name} ... FAILED ({seconds:.1} s)");
                failed.push(*name);
            }
        }
    }
    drop(suite);
    println!(
        "\njourneys: {} failed; {:.1} s in all",
        failed.len(),
        started.elapsed().as_secs_f64()
    );
    if !failed.is_empty() {
        println!("failed: {}", failed.join(", "));
        std::process::exit(1);
    }
}
