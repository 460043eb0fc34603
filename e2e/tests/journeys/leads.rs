//! The leads list (`/leads`) against the stand-in: the merged list is the union of what the
//! stand-in answers each job (every page, the same filters), newest first, each call once;
//! its pages, its CSV and the call page's previous / next walk it; a failing job waits in
//! the failures with a retry while the others' rows stay; above 10,000 matching calls only
//! first pages are read; a list that grows while it is read loses nothing and repeats
//! nothing; leads newer than the previous visit are marked and counted in the header; the
//! job picker narrows the jobs asked (and keeps its options while the list is read again),
//! and stop keeps what was read.

use crate::calls::{expected_csv_row, CSV_HEADER};
use e2e::csv::parse_csv;
use e2e::journey::console::{click_page, ids, text_of, wait_param, wait_path, wait_rows};
use e2e::journey::stand_in::{job_status, CALLS_PATH};
use e2e::journey::{Browser, Journey, StandIn};
use e2e::url::param;
use mock_api::enums::JobStatus;
use mock_api::time;
use serde_json::{json, Value};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The rows of the page of the merged list on screen.
const ROWS: &str = ".tc-leads-table tbody tr[data-call-id][data-job-id]";
const PROGRESS: &str = ".tc-leads-progress";
/// The fixed data's last day (`mock_api::data::TODAY`).
const FIXED_TODAY: &str = "2026-03-27";
/// Rows of the merged list on one page of the screen.
const PER_PAGE: usize = 100;
/// Matching calls above which only first pages are read.
const MATCH_LIMIT: u64 = 10_000;
/// A job the list reads: its id and name.
#[derive(Clone, Debug)]
struct Job {
    id: i64,
    name: String,
}

/// A lead as the test expects it.
#[derive(Clone, Debug)]
struct Lead {
    id: i64,
    /// `startTime`, `YYYY-MM-DD HH:MM:SS`: text order is time order.
    start: String,
    job: i64,
    call: Value,
}

/// What a leads URL asks for, as the parts of a calls-list body.
struct Filters {
    intents: Vec<&'static str>,
    results: Vec<&'static str>,
    from: String,
    to: String,
}

impl Filters {
    fn new(intents: &[&'static str], results: &[&'static str], from: &str, to: &str) -> Filters {
        Filters {
            intents: intents.to_vec(),
            results: results.to_vec(),
            from: from.to_string(),
            to: to.to_string(),
        }
    }

    /// The calls-list body without job and page.
    fn body(&self) -> Value {
        json!({
            "intentLevels": self.intents,
            "resultStatuses": self.results,
            "earliestCreationTime": self.from,
            "latestCreationTime": self.to,
        })
    }

    /// The console's URL for these filters (intent and result written even at their
    /// defaults; the console reads them the same).
    fn url(&self) -> String {
        format!(
            "/leads?intent={}&result={}&from={}&to={}",
            self.intents.join(","),
            self.results.join(","),
            self.from,
            self.to
        )
    }

    /// The export's file name.
    fn file_name(&self) -> String {
        format!("leads-{}-to-{}.csv", self.from, self.to)
    }
}

/// A day number as `YYYY-MM-DD`.
fn day_text(day: i64) -> String {
    time::date(time::day_start(day))
}

/// Every job of the stand-in's list that has made calls (the list reads it), with its name.
fn calling_jobs(api: &StandIn) -> Vec<Job> {
    api.all_jobs()
        .iter()
        .filter(|job| {
            !matches!(
                job_status(job),
                Some(JobStatus::NotStarted | JobStatus::InQueue)
            )
        })
        .filter_map(|job| {
            Some(Job {
                id: job["robotCallJobId"].as_i64()?,
                name: text_of(&job["name"]),
            })
        })
        .collect()
}

/// The leads the list must show: each job's every page for the filters, those that started
/// within the range, each call once, newest first (ties: the higher id first). Also each
/// job's count of matching calls (what its pages hold).
fn expected_leads(api: &StandIn, jobs: &[Job], filters: &Filters) -> (Vec<Lead>, Vec<usize>) {
    let mut leads = Vec::new();
    let mut counts = Vec::new();
    let mut seen = HashSet::new();
    for job in jobs {
        let calls = api.all_calls(job.id, &filters.body());
        counts.push(calls.len());
        for call in calls {
            let start = text_of(&call["startTime"]);
            let day = start.get(..10).unwrap_or_default();
            let in_range = day >= filters.from.as_str() && day <= filters.to.as_str();
            let Some(id) = call["callRecordId"].as_i64() else {
                continue;
            };
            if in_range && seen.insert(id) {
                leads.push(Lead {
                    id,
                    start,
                    job: job.id,
                    call,
                });
            }
        }
    }
    leads.sort_by(|a, b| {
        (Reverse(&a.start), Reverse(a.id)).cmp(&(Reverse(&b.start), Reverse(b.id)))
    });
    (leads, counts)
}

fn lead_ids(leads: &[Lead]) -> Vec<i64> {
    leads.iter().map(|lead| lead.id).collect()
}

/// Waits until the progress says `phase` (listing, reading, overlimit, finished, stopped).
fn wait_phase(b: &Browser, phase: &str, within: Duration) {
    b.wait_within(within, &format!("the leads' phase {phase}"), || {
        let shown = b.attrs(PROGRESS, "data-phase");
        if shown.first().and_then(Value::as_str) == Some(phase) {
            Ok(())
        } else {
            Err(format!("{shown:?}: {:?}", b.text(PROGRESS)))
        }
    });
}

fn wait_finished(b: &Browser) {
    wait_phase(b, "finished", Duration::from_secs(60));
}

/// The page's count of leads (`共 N 条` under the table).
fn total_shown(b: &Browser) -> Option<usize> {
    let text = b.text(".tc-total")?;
    text.trim()
        .strip_prefix("共 ")?
        .strip_suffix(" 条")?
        .parse()
        .ok()
}

/// Waits until the page's count is `n`.
fn wait_total(b: &Browser, what: &str, n: usize) {
    b.wait(what, || match total_shown(b) {
        Some(shown) if shown == n => Ok(()),
        shown => Err(format!("{shown:?}, expected {n}")),
    });
}

/// The rows of the page on screen: (call id, job id).
fn rows_shown(b: &Browser) -> Vec<(i64, i64)> {
    ids(b, ROWS, "data-call-id")
        .into_iter()
        .zip(ids(b, ROWS, "data-job-id"))
        .collect()
}

/// Exports the whole list and reads the file: its lines under the header (checked), as many
/// as the page said it wrote.
fn export_csv(b: &Browser, filters: &Filters) -> Vec<Vec<String>> {
    b.click(".tc-export-start");
    let done = b.wait_js(
        "the export to finish",
        "document.querySelector('.tc-export-done')?.dataset.rows",
    );
    let name = filters.file_name();
    let file = b.downloaded(&format!("the downloaded {name}"), |n| n == name);
    let text = std::fs::read_to_string(&file).expect("the CSV is UTF-8");
    assert!(
        text.starts_with('\u{feff}'),
        "the CSV starts with a BOM for Excel"
    );
    let mut table = parse_csv(&text);
    // The job's columns, then the calls export's.
    let header: Vec<String> = ["任务ID", "任务名称"]
        .iter()
        .chain(&CSV_HEADER)
        .map(|title| title.to_string())
        .collect();
    assert_eq!(table.first(), Some(&header));
    table.remove(0);
    assert_eq!(
        done,
        json!(table.len().to_string()),
        "the export says how many rows it wrote"
    );
    table
}

/// Whether a CSV line is this lead, job columns first (a masked phone that the test cannot
/// work out is only checked to be masked).
fn check_csv_line(line: &[String], lead: &Lead, names: &BTreeMap<i64, String>) {
    let mut want = vec![
        lead.job.to_string(),
        names.get(&lead.job).cloned().unwrap_or_default(),
    ];
    want.extend(expected_csv_row(&lead.call));
    if want[3].is_empty() && line.get(3).is_some_and(|phone| phone.contains("****")) {
        want[3] = line[3].clone();
    }
    assert_eq!(line, want.as_slice(), "the CSV line of call {}", lead.id);
}

/// The app's calls-list requests (of the stand-in's last 100 requests), their bodies.
fn calls_bodies(api: &StandIn) -> Vec<Value> {
    api.app_requests()
        .into_iter()
        .filter(|r| r["path"] == CALLS_PATH)
        .map(|r| r["body"].clone())
        .collect()
}

/// A number of a request body (numbers may be sent as text).
fn number(v: &Value) -> i64 {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(-1)
}

/// Waits until the call page shows call `id` at place `place` of `total`.
fn on_call(b: &Browser, id: i64, place: usize, total: usize) {
    wait_path(b, &format!("/calls/{id}"));
    let wanted = format!("第 {place} / {total} 条");
    b.wait(&format!("call {id} at place {place}"), || {
        let title = b.text(".tc-call-title").unwrap_or_default();
        let shown = b.text(".tc-call-place").unwrap_or_default();
        if title.contains(&id.to_string()) && shown == wanted {
            Ok(())
        } else {
            Err(format!("{title:?} {shown:?}"))
        }
    });
}

pub fn leads_are_every_job_s_leads_merged_newest_first(j: &Journey) {
    // 1,500 calls a job: some jobs have over 100 leads in March, so they are read on page 2.
    let stack = j.stack(|p| p.mock.calls_per_job = 1500);
    let api = &stack.stand_in;
    assert_eq!(
        time::parse_date(FIXED_TODAY),
        Some(mock_api::data::TODAY),
        "the fixed data's last day"
    );
    let filters = Filters::new(&["A", "B"], &["ANSWERED"], "2026-03-01", FIXED_TODAY);
    let jobs = calling_jobs(api);
    let names: BTreeMap<i64, String> = jobs.iter().map(|j| (j.id, j.name.clone())).collect();
    let (expected, counts) = expected_leads(api, &jobs, &filters);
    let n = expected.len();
    assert!(n > 10 * PER_PAGE, "over ten pages of leads: {n}");
    assert!(
        counts.iter().any(|c| *c > PER_PAGE),
        "a job with more than one page of leads: {counts:?}"
    );

    let b = j.browser();
    // The defaults (A or B, answered) need not be written.
    let url = format!("/leads?from={}&to={}", filters.from, filters.to);
    b.goto(&stack.url(&url));
    wait_finished(&b);
    let ids = lead_ids(&expected);
    wait_rows(
        &b,
        "the newest 100 leads",
        ROWS,
        "data-call-id",
        &ids[..PER_PAGE],
    );
    let jobs_shown: Vec<i64> = rows_shown(&b).iter().map(|(_, job)| *job).collect();
    let jobs_expected: Vec<i64> = expected[..PER_PAGE].iter().map(|l| l.job).collect();
    assert_eq!(jobs_shown, jobs_expected, "each row's job");
    assert_eq!(total_shown(&b), Some(n), "the count under the list");
    assert_eq!(
        b.text(PROGRESS).map(|t| t.trim().to_string()),
        Some(format!("共 {n} 个意向客户（{} 个任务）", jobs.len())),
        "the progress once finished"
    );
    assert!(!b.exists(".tc-leads-failures"), "no job failed");
    assert!(!b.exists(".tc-leads-over-limit"), "under the limit");

    // What the console asked: each job that has made calls (none other), with the filters,
    // 100 a page, pages 1, 2, ... up to its first short page, each page once.
    let bodies = calls_bodies(api);
    let mut asked = BTreeSet::new();
    for body in &bodies {
        assert_eq!(body["intentLevels"], json!(["A", "B"]), "{body}");
        assert_eq!(body["resultStatuses"], json!(["ANSWERED"]), "{body}");
        assert_eq!(body["earliestCreationTime"], json!(filters.from), "{body}");
        assert_eq!(body["latestCreationTime"], json!(filters.to), "{body}");
        assert_eq!(number(&body["pageSize"]), 100, "{body}");
        let page = (number(&body["robotCallJobId"]), number(&body["pageNum"]));
        assert!(asked.insert(page), "page {page:?} asked twice");
    }
    let wanted: BTreeSet<(i64, i64)> = jobs
        .iter()
        .zip(&counts)
        .flat_map(|(job, count)| (1..=(count / PER_PAGE) as i64 + 1).map(|page| (job.id, page)))
        .collect();
    assert_eq!(asked, wanted, "the pages asked (job, page)");

    // Page 2 and the last page of the merged list, as a user pages.
    click_page(&b, 2);
    wait_param(&b, "page", "2");
    wait_rows(
        &b,
        "leads 101-200",
        ROWS,
        "data-call-id",
        &ids[PER_PAGE..2 * PER_PAGE],
    );
    let last = n.div_ceil(PER_PAGE);
    click_page(&b, last as u32);
    wait_param(&b, "page", &last.to_string());
    wait_rows(
        &b,
        "the last page",
        ROWS,
        "data-call-id",
        &ids[(last - 1) * PER_PAGE..],
    );
    assert_eq!(
        calls_bodies(api).len(),
        bodies.len(),
        "paging reads nothing again"
    );

    // The CSV: the whole list in order, each call once, job id and name first.
    let table = export_csv(&b, &filters);
    assert_eq!(table.len(), n, "one line per lead");
    let csv_ids: Vec<i64> = table
        .iter()
        .map(|line| line.get(2).and_then(|id| id.parse().ok()).unwrap_or(-1))
        .collect();
    assert_eq!(csv_ids, ids, "the CSV's calls, in the list's order");
    for (line, lead) in table.iter().zip(&expected) {
        check_csv_line(line, lead, &names);
    }

    // A row opens its call; next and previous walk the leads, across the screen's pages.
    click_page(&b, 1);
    wait_rows(
        &b,
        "the first page again",
        ROWS,
        "data-call-id",
        &ids[..PER_PAGE],
    );
    let k = PER_PAGE - 1;
    b.click(&format!("{ROWS}[data-call-id=\"{}\"] .tc-customer", ids[k]));
    on_call(&b, ids[k], k + 1, n);
    b.click(".tc-call-next");
    on_call(&b, ids[k + 1], k + 2, n);
    b.click(".tc-call-prev");
    on_call(&b, ids[k], k + 1, n);
    b.click(".tc-call-prev");
    on_call(&b, ids[k - 1], k, n);
    b.click(".tc-back-to-list");
    let back = wait_path(&b, "/leads");
    assert_eq!(
        param(&back, "from").as_deref(),
        Some(filters.from.as_str()),
        "{back}"
    );
    assert_eq!(
        param(&back, "to").as_deref(),
        Some(filters.to.as_str()),
        "{back}"
    );
    wait_finished(&b);
    wait_rows(
        &b,
        "the leads again",
        ROWS,
        "data-call-id",
        &ids[..PER_PAGE],
    );
    b.assert_clean();
}

pub fn leads_failing_job_retry_and_limit(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let filters = Filters::new(&["A", "B"], &["ANSWERED"], "2026-03-01", FIXED_TODAY);
    let jobs = calling_jobs(api);
    let (expected, counts) = expected_leads(api, &jobs, &filters);
    let n = expected.len();
    // The job with the most leads fails.
    let (failing, lost) = jobs
        .iter()
        .zip(&counts)
        .max_by_key(|(_, count)| **count)
        .map(|(job, count)| (job.clone(), *count))
        .expect("jobs");
    assert!(
        lost > 0 && lost < n,
        "job {} has {lost} of {n} leads",
        failing.id
    );
    let others: Vec<i64> = expected
        .iter()
        .filter(|lead| lead.job != failing.id)
        .map(|lead| lead.id)
        .collect();
    api.control(
        "/__mock/fault",
        json!({ "fault": "500", "job": failing.id }),
    );

    let b = j.browser();
    // The failing job's answers are expected errors; nothing else is.
    b.allow_console("Failed to load resource");
    b.goto(&stack.url(&filters.url()));
    wait_finished(&b);
    let failed = ids(&b, ".tc-leads-failures li[data-job-id]", "data-job-id");
    assert_eq!(
        failed,
        [failing.id],
        "the failing job, alone, in the failures"
    );
    let failure = b
        .text(&format!(
            ".tc-leads-failures li[data-job-id=\"{}\"]",
            failing.id
        ))
        .unwrap_or_default();
    assert!(
        failure.contains(&failing.name) && failure.contains("500"),
        "the failure names the job and the error: {failure:?}"
    );
    wait_rows(
        &b,
        "the other jobs' leads",
        ROWS,
        "data-call-id",
        &others[..PER_PAGE.min(others.len())],
    );
    assert_eq!(
        total_shown(&b),
        Some(others.len()),
        "the other jobs' leads, all"
    );

    // The fault ends; the retry brings the job's leads in among the others.
    api.control("/__mock/fault", json!({ "fault": null }));
    b.click(&format!(
        ".tc-leads-failures li[data-job-id=\"{}\"] .tc-leads-retry",
        failing.id
    ));
    wait_total(&b, "every lead after the retry", n);
    wait_finished(&b);
    assert!(!b.exists(".tc-leads-failures"), "no failure left");
    let ids_all = lead_ids(&expected);
    wait_rows(
        &b,
        "the whole list's first page",
        ROWS,
        "data-call-id",
        &ids_all[..PER_PAGE],
    );
    // The failed loads seen so far were the fault's; from now on none is expected.
    b.assert_clean();
    b.disallow_console();

    // The limit: any intent, any result, the whole history match over 10,000 calls. Each
    // job's first page is read, no other.
    let everything = Filters::new(&[], &[], "2026-01-01", FIXED_TODAY);
    let mut matching = 0u64;
    let mut first_pages = Vec::new();
    for job in &jobs {
        let body = {
            let mut body = everything.body();
            body["robotCallJobId"] = json!(job.id);
            body["pageNum"] = json!(1);
            body["pageSize"] = json!(100);
            body
        };
        let data = api.api_post(CALLS_PATH, &body)["data"].clone();
        matching += data["totalElements"].as_u64().unwrap_or(0);
        for call in data["content"].as_array().cloned().unwrap_or_default() {
            first_pages.push((
                text_of(&call["startTime"]),
                call["callRecordId"].as_i64().unwrap_or(-1),
            ));
        }
    }
    assert!(matching > MATCH_LIMIT, "{matching} calls match");
    // Newest first, ties by the higher id.
    first_pages.sort_by(|a, b| b.cmp(a));
    let first_ids: Vec<i64> = first_pages.iter().map(|(_, id)| *id).collect();
    assert!(
        jobs.len() < 100,
        "the stand-in's log (100 requests) holds every request of one reading"
    );
    api.clear_requests();
    b.goto(&stack.url(&everything.url()));
    wait_phase(&b, "overlimit", Duration::from_secs(60));
    let said = b.text(".tc-leads-over-limit").unwrap_or_default();
    assert!(
        said.contains(&matching.to_string()) && said.contains("10000"),
        "the limit's message names the count: {said:?}"
    );
    wait_rows(
        &b,
        "the newest of the first pages",
        ROWS,
        "data-call-id",
        &first_ids[..PER_PAGE],
    );
    assert_eq!(
        total_shown(&b),
        Some(first_ids.len()),
        "the first pages' calls"
    );
    // A reading that went on would ask right after the first pages: give it the time.
    std::thread::sleep(Duration::from_millis(500));
    let bodies = calls_bodies(api);
    let pages: Vec<i64> = bodies.iter().map(|b| number(&b["pageNum"])).collect();
    assert!(pages.iter().all(|p| *p == 1), "only first pages: {pages:?}");
    let asked: BTreeSet<i64> = bodies
        .iter()
        .map(|b| number(&b["robotCallJobId"]))
        .collect();
    let all: BTreeSet<i64> = jobs.iter().map(|job| job.id).collect();
    assert_eq!(asked, all, "every job's first page");
    assert_eq!(bodies.len(), jobs.len(), "each first page once");
    b.assert_clean();
}

/// The live stand-in's clock moved `step_s` seconds every 100 ms, until dropped.
struct RunningClock {
    ticking: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RunningClock {
    fn start(api: &StandIn, step_s: u64) -> RunningClock {
        let ticking = Arc::new(AtomicBool::new(true));
        let (flag, url) = (Arc::clone(&ticking), api.url());
        let thread = std::thread::spawn(move || {
            let body = json!({ "advance_s": step_s }).to_string();
            while flag.load(Ordering::Relaxed) {
                let _ = e2e::request(
                    "POST",
                    &format!("{url}/__mock/clock"),
                    &[("Content-Type", "application/json")],
                    Some(body.as_bytes()),
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        RunningClock {
            ticking,
            thread: Some(thread),
        }
    }
}

impl Drop for RunningClock {
    fn drop(&mut self) {
        self.ticking.store(false, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

pub fn leads_read_while_jobs_run_lose_nothing(j: &Journey) {
    let stack = j.stack(|p| p.mock.live = true);
    let api = &stack.stand_in;
    api.control("/__mock/clock", json!({ "paused": true }));
    let today = api.today();
    // From yesterday (a whole day of the running jobs' calls: pages and pages of leads) to
    // tomorrow (the clock runs on while the list is read).
    let filters = Filters::new(
        &["A", "B"],
        &["ANSWERED"],
        &day_text(today - 1),
        &day_text(today + 1),
    );
    let jobs = calling_jobs(api);
    let (before, counts) = expected_leads(api, &jobs, &filters);
    assert!(
        counts.iter().filter(|c| **c > 2 * PER_PAGE).count() >= 2,
        "jobs of three pages or more: {counts:?}"
    );
    assert!(
        (before.len() as u64) < MATCH_LIMIT - 2_000,
        "{} leads: under the limit even after hours of calls",
        before.len()
    );

    // The read starts after this moment, the clock running an hour a second: every job's
    // first page, then its next pages, see later and later lists (a new call at the top
    // pushes the oldest of page 1 onto page 2). Each answer waits 50 ms, so the pages of a
    // job are read minutes of calls apart.
    api.latency(50, 0);
    api.control("/__mock/clock", json!({ "paused": false }));
    let clock = RunningClock::start(api, 360);
    let b = j.browser();
    b.goto(&stack.url(&filters.url()));
    wait_finished(&b);
    drop(clock);
    api.control("/__mock/clock", json!({ "paused": true }));
    let table = export_csv(&b, &filters);
    let n = table.len();
    wait_total(&b, "the count under the list, the export's", n);
    let listed: Vec<(String, i64)> = table
        .iter()
        .map(|line| (line[6].clone(), line[2].parse().unwrap_or(-1)))
        .collect();
    let mut once = HashSet::new();
    let twice: Vec<i64> = listed
        .iter()
        .filter(|(_, id)| !once.insert(*id))
        .map(|(_, id)| *id)
        .collect();
    assert!(twice.is_empty(), "calls listed twice: {twice:?}");
    let missing: Vec<i64> = before
        .iter()
        .filter(|lead| !once.contains(&lead.id))
        .map(|lead| lead.id)
        .collect();
    assert!(
        missing.is_empty(),
        "{} leads there when the read started are missing: {missing:?}",
        missing.len()
    );
    assert!(
        listed.windows(2).all(|w| w[0] > w[1]),
        "newest first, ties by the higher id"
    );
    // The list did change under the read: calls made after it started are in it.
    assert!(
        n > before.len(),
        "no lead came in while the list was read ({n} listed, {} before)",
        before.len()
    );
    let first: Vec<i64> = listed.iter().take(PER_PAGE).map(|(_, id)| *id).collect();
    wait_rows(
        &b,
        "the table's first page is the CSV's",
        ROWS,
        "data-call-id",
        &first,
    );
    println!(
        "  ({} leads when the read started, {n} when it finished; none lost, none twice)",
        before.len()
    );
    b.assert_clean();
}

pub fn leads_new_since_the_last_visit_are_marked_and_counted(j: &Journey) {
    let stack = j.stack(|p| p.mock.live = true);
    let api = &stack.stand_in;
    api.control("/__mock/clock", json!({ "paused": true }));
    let today = api.today();
    let b = j.browser();

    // The first visit, by the header's link: nothing is new the first time.
    b.goto(&stack.url("/settings"));
    b.click(".tc-nav-leads");
    let url = wait_path(&b, "/leads");
    assert!(!url.contains('?'), "the defaults are not written: {url}");
    wait_finished(&b);
    b.element(ROWS);
    assert!(!b.exists("tr.tc-lead-new"), "nothing new on a first visit");
    assert!(
        !b.exists(".tc-nav-leads .tc-new-leads"),
        "no count on a first visit"
    );
    let visit = text_of(&b.js("return localStorage.getItem('tanyi-console.leads-visit');"));
    assert_eq!(
        visit.len(),
        19,
        "the visit kept as YYYY-MM-DD HH:MM:SS: {visit:?}"
    );

    // Half an hour of calls later on the stand-in's clock (the visit is the browser's real
    // time; the calls made meanwhile come after it).
    api.control("/__mock/clock", json!({ "advance_s": 1800 }));
    // The range reaches tomorrow: whatever the hour, the new calls are in it.
    let filters = Filters::new(
        &["A", "B"],
        &["ANSWERED"],
        &day_text(today - 6),
        &day_text(today + 1),
    );
    let jobs = calling_jobs(api);
    let (expected, _) = expected_leads(api, &jobs, &filters);
    let ids = lead_ids(&expected);
    let new = expected.iter().filter(|lead| lead.start > visit).count();
    assert!(
        new > 0 && new < PER_PAGE,
        "{new} leads after the visit at {visit}: some, all on the first page"
    );
    b.goto(&stack.url(&filters.url()));
    wait_finished(&b);
    wait_rows(&b, "the leads", ROWS, "data-call-id", &ids[..PER_PAGE]);
    let marked_css = format!("{ROWS}.tc-lead-new");
    assert_eq!(
        self::ids(&b, &marked_css, "data-call-id"),
        ids[..new],
        "exactly the leads after {visit} are marked"
    );
    let badge = |b: &Browser, n: usize| {
        b.wait(&format!("{n} in the header's count"), || {
            match b.text(".tc-nav-leads .tc-new-leads") {
                Some(text) if text.trim() == n.to_string() => Ok(()),
                other => Err(format!("{other:?}")),
            }
        })
    };
    badge(&b, new);

    // A previous visit chosen by the test, older than 150 leads: more than a page is new,
    // and the count is the whole list's.
    let chosen = expected[149].start.clone();
    let new = expected.iter().filter(|lead| lead.start > chosen).count();
    assert!(new > PER_PAGE, "{new} leads after {chosen}");
    b.js_args(
        "localStorage.setItem('tanyi-console.leads-visit', arguments[0]);",
        vec![json!(chosen)],
    );
    b.reload();
    wait_finished(&b);
    wait_rows(
        &b,
        "the leads again",
        ROWS,
        "data-call-id",
        &ids[..PER_PAGE],
    );
    badge(&b, new);
    assert_eq!(self::ids(&b, &marked_css, "data-call-id"), ids[..PER_PAGE]);
    click_page(&b, 2);
    wait_rows(
        &b,
        "page 2",
        ROWS,
        "data-call-id",
        &ids[PER_PAGE..2 * PER_PAGE],
    );
    assert_eq!(
        self::ids(&b, &marked_css, "data-call-id"),
        ids[PER_PAGE..new],
        "page 2's new leads"
    );
    b.assert_clean();
}

/// The job picker's options shown: their job ids.
fn options_shown(b: &Browser) -> Vec<i64> {
    ids(b, "details.tc-job-picker input.tc-job-option", "value")
}

pub fn leads_job_picker_narrows_and_stop_keeps_what_was_read(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let filters = Filters::new(&["A", "B"], &["ANSWERED"], "2026-03-01", FIXED_TODAY);
    let jobs = calling_jobs(api);
    let (expected, counts) = expected_leads(api, &jobs, &filters);
    let n = expected.len();
    let b = j.browser();
    b.goto(&stack.url(&filters.url()));
    wait_finished(&b);
    wait_total(&b, "every lead", n);

    // The picker offers every job that has made calls; its search narrows the offer by name.
    b.click("details.tc-job-picker > summary");
    let all: BTreeSet<i64> = jobs.iter().map(|job| job.id).collect();
    b.wait("every job that has called offered", || {
        let shown: BTreeSet<i64> = options_shown(&b).into_iter().collect();
        if shown == all {
            Ok(())
        } else {
            Err(format!("{shown:?}"))
        }
    });
    // Two jobs with leads, the second found by a piece of its name.
    let mut with_leads = jobs
        .iter()
        .zip(&counts)
        .filter(|(_, c)| **c > 0)
        .map(|(job, _)| job);
    let first = with_leads.next().expect("a job with leads").clone();
    let second = with_leads.next().expect("another job with leads").clone();
    let words: String = second.name.chars().take(2).collect();
    let found: BTreeSet<i64> = jobs
        .iter()
        .filter(|job| job.name.to_lowercase().contains(&words.to_lowercase()))
        .map(|job| job.id)
        .collect();
    assert!(found.len() < jobs.len(), "{words:?} narrows the jobs");
    b.click(&format!("input.tc-job-option[value=\"{}\"]", first.id));
    wait_param(&b, "jobs", &first.id.to_string());
    b.type_text("input.tc-job-search", &words);
    b.wait(&format!("the jobs named with {words:?}"), || {
        let shown: BTreeSet<i64> = options_shown(&b).into_iter().collect();
        if shown == found {
            Ok(())
        } else {
            Err(format!("{shown:?}, expected {found:?}"))
        }
    });
    b.click(&format!("input.tc-job-option[value=\"{}\"]", second.id));
    wait_param(&b, "jobs", &format!("{},{}", first.id, second.id));
    let chosen: Vec<Lead> = expected
        .iter()
        .filter(|lead| lead.job == first.id || lead.job == second.id)
        .cloned()
        .collect();
    api.clear_requests();
    b.reload();
    wait_finished(&b);
    wait_rows(
        &b,
        "the two jobs' leads",
        ROWS,
        "data-call-id",
        &lead_ids(&chosen)[..chosen.len().min(PER_PAGE)],
    );
    assert_eq!(total_shown(&b), Some(chosen.len()), "the two jobs' leads");
    let asked: BTreeSet<i64> = calls_bodies(api)
        .iter()
        .map(|body| number(&body["robotCallJobId"]))
        .collect();
    assert_eq!(
        asked,
        BTreeSet::from([first.id, second.id]),
        "only the chosen jobs are asked"
    );

    // Stop: what was read stays, nothing more is asked; read again: the whole list.
    api.latency(300, 0);
    b.goto(&stack.url(&filters.url()));
    b.wait("some leads in", || match total_shown(&b) {
        Some(shown) if shown > 0 => Ok(()),
        shown => Err(format!("{shown:?}")),
    });
    b.click(".tc-leads-stop");
    wait_phase(&b, "stopped", Duration::from_secs(5));
    let kept = total_shown(&b).expect("the count under the list");
    assert!(kept < n, "stopped before the end: {kept} of {n}");
    let progress = b.text(PROGRESS).unwrap_or_default();
    assert!(
        progress.starts_with("已停止") && progress.contains(&format!("{kept} 个意向客户")),
        "{progress:?}"
    );
    // A request already on its way may still reach the stand-in; none leaves after.
    std::thread::sleep(Duration::from_millis(600));
    let asked = calls_bodies(api).len();
    std::thread::sleep(Duration::from_millis(1000));
    assert_eq!(calls_bodies(api).len(), asked, "nothing asked once stopped");
    assert_eq!(total_shown(&b), Some(kept), "what was read stays");
    assert!(!b.exists(".tc-leads-stop"), "no stop once stopped");
    api.latency(0, 0);
    b.click(".tc-leads-again");
    wait_finished(&b);
    wait_total(&b, "every lead after reading again", n);
    wait_rows(
        &b,
        "the whole list again",
        ROWS,
        "data-call-id",
        &lead_ids(&expected)[..PER_PAGE],
    );
    b.assert_clean();
}

/// Each tick in the job picker starts the reading again; the open picker keeps offering
/// every job (and the box just ticked) while the new reading lists the jobs again.
pub fn leads_job_picker_keeps_its_options_while_the_list_is_read_again(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let filters = Filters::new(&["A", "B"], &["ANSWERED"], "2026-03-01", FIXED_TODAY);
    let jobs = calling_jobs(api);
    let b = j.browser();
    b.goto(&stack.url(&filters.url()));
    wait_finished(&b);
    b.click("details.tc-job-picker > summary");
    b.wait(
        "every job that has called offered",
        || match options_shown(&b).len() {
            n if n == jobs.len() => Ok(()),
            n => Err(format!("{n} of {}", jobs.len())),
        },
    );
    // An API a little slow (300 ms an answer): a user ticks one job, then looks for the next.
    api.latency(300, 0);
    b.click(&format!("input.tc-job-option[value=\"{}\"]", jobs[0].id));
    let mut fewest = jobs.len();
    for _ in 0..20 {
        fewest = fewest.min(options_shown(&b).len());
        std::thread::sleep(Duration::from_millis(50));
    }
    wait_param(&b, "jobs", &jobs[0].id.to_string());
    assert_eq!(
        fewest,
        jobs.len(),
        "ticking a job emptied the open job picker ({fewest} of {} options left) until the \
         job list was read again",
        jobs.len()
    );
}
