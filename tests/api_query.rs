//! Queries: URL round trips over generated queries, garbage URLs, request params and bodies.

use chrono::NaiveDate;
use serde_json::{json, Value};
use tanyi_console::api::enums::{
    CallResult, FollowStatus, HangupSide, IntentLevel, JobStatus, ReadStatus,
};
use tanyi_console::api::query::{
    clamp_page_size, url_pairs, url_query, CallFilter, CallQuery, JobQuery,
};
use tanyi_console::config::CallRecordApi;

const TASK_REQUEST: &str = include_str!("fixtures/task/getCallRecordInfoList.request.json");
const CR_REQUEST: &str = include_str!("fixtures/callRecord/getCallRecordInfoList.request.json");

/// A small seeded generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a", "Z", "0", "9", " ", "  ", "&", "=", "%", "+", ",", "#", "?", "/", ";", "%20",
            "%zz", "%E4", "测试", "张三", "手机", "é", "😀", "\"", "'", "<b>", "\\", "-", "_", "~",
            ".", "\t", "\n", "&amp;", "q=1", "%%", "+86",
        ];
        let len = self.below(6);
        (0..len).map(|_| *self.pick(PIECES)).collect()
    }
    /// A subset of the known values, each at most once, in random order.
    fn subset<T: Clone>(&mut self, all: &[T]) -> Vec<T> {
        let mut pool: Vec<T> = all.to_vec();
        let mut out = Vec::new();
        let n = self.below(pool.len() as u64 + 1);
        for _ in 0..n {
            let i = self.below(pool.len() as u64) as usize;
            out.push(pool.remove(i));
        }
        out
    }
    fn maybe_id(&mut self) -> Option<i64> {
        self.chance(40)
            .then(|| 1 + (self.next() % (i64::MAX as u64)) as i64)
    }
    fn maybe_date(&mut self) -> Option<NaiveDate> {
        self.chance(40).then(|| {
            NaiveDate::from_ymd_opt(1990, 1, 1)
                .and_then(|d| d.checked_add_days(chrono::Days::new(self.below(40_000))))
                .expect("a date")
        })
    }
    fn maybe<T: Clone>(&mut self, all: &[T]) -> Option<T> {
        self.chance(40).then(|| self.pick(all).clone())
    }
}

fn random_call_query(rng: &mut Rng, default_size: u32) -> CallQuery {
    let mut q = CallQuery::new(default_size);
    q.job_id = rng.maybe_id();
    q.customer_group_id = rng.maybe_id();
    q.dialog_flow_id = rng.maybe_id();
    q.results = rng.subset(CallResult::all());
    q.intents = rng.subset(IntentLevel::all());
    q.search = rng.text();
    q.follow_status = rng.maybe(FollowStatus::all());
    q.from = rng.maybe_date();
    q.to = rng.maybe_date();
    q.train = rng.chance(30);
    q.read_status = rng.maybe(ReadStatus::all());
    q.min_duration = rng.chance(30).then(|| rng.below(100_000) as u32);
    q.max_duration = rng.chance(30).then(|| rng.below(100_000) as u32);
    q.hangup_by = rng.maybe(HangupSide::all());
    q.page = if rng.chance(50) {
        1
    } else {
        1 + rng.below(10_000) as u32
    };
    q.page_size = if rng.chance(50) {
        default_size
    } else {
        1 + rng.below(100) as u32
    };
    q
}

fn random_job_query(rng: &mut Rng, default_size: u32) -> JobQuery {
    JobQuery {
        name: rng.text(),
        status: rng.maybe(JobStatus::all()),
        page: 1 + rng.below(3) as u32 * rng.below(5000) as u32,
        page_size: if rng.chance(50) {
            default_size
        } else {
            1 + rng.below(100) as u32
        },
    }
}

#[test]
fn call_query_url_round_trip() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for _ in 0..2000 {
        let default_size = *rng.pick(&[10, 20, 50, 100]);
        let q = random_call_query(&mut rng, default_size);
        let url = q.to_url(default_size);
        assert_eq!(CallQuery::from_url(&url, default_size), q, "url: {url}");
        assert_eq!(CallQuery::from_url(&format!("?{url}"), default_size), q);
        // Only URL-safe characters (besides the separators) in the encoded string.
        assert!(url
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~,%&=".contains(c)));
    }
}

#[test]
fn job_query_url_round_trip() {
    let mut rng = Rng(0x0DD_BA11);
    for _ in 0..2000 {
        let default_size = *rng.pick(&[10, 20, 50, 100]);
        let q = random_job_query(&mut rng, default_size);
        let url = q.to_url(default_size);
        assert_eq!(JobQuery::from_url(&url, default_size), q, "url: {url}");
    }
}

#[test]
fn defaults_are_left_out_of_the_url() {
    assert_eq!(CallQuery::new(20).to_url(20), "");
    assert_eq!(JobQuery::new(50).to_url(50), "");
    let mut q = CallQuery::new(20);
    q.page_size = 50;
    assert_eq!(q.to_url(20), "size=50");
    assert_eq!(q.to_url(50), "");
    assert_eq!(CallQuery::from_url("", 20), CallQuery::new(20));
}

#[test]
fn readable_url_keys() {
    let mut q = CallQuery::new(20);
    q.results = vec![CallResult::Answered, CallResult::Busy];
    q.intents = vec![IntentLevel::A, IntentLevel::B];
    q.search = "张三 & co=1+1%".into();
    q.from = NaiveDate::from_ymd_opt(2024, 5, 1);
    q.to = NaiveDate::from_ymd_opt(2024, 5, 31);
    q.min_duration = Some(30);
    q.page = 2;
    q.page_size = 50;
    assert_eq!(
        q.to_url(20),
        "result=ANSWERED,BUSY&intent=A,B&q=%E5%BC%A0%E4%B8%89%20%26%20co%3D1%2B1%25\
         &from=2024-05-01&to=2024-05-31&dur=30-&page=2&size=50"
    );
    let mut jobs = JobQuery::new(20);
    jobs.status = Some(JobStatus::InProcess);
    jobs.name = "测试".into();
    assert_eq!(jobs.to_url(20), "name=%E6%B5%8B%E8%AF%95&status=IN_PROCESS");
}

#[test]
fn url_parsing_details() {
    let q = CallQuery::from_url(
        "?result=BUSY,NOPE,BUSY,ANSWERED&intent=a,,C&q=a+b%20c&dur=-120&train=true\
         &job=12&group=-3&flow=x&follow=FOLLOW_UP&read=HAS_READ&hangup=PERSON\
         &from=2024-02-30&to=2024-02-29&page=0&size=500&unknown=1#frag",
        20,
    );
    assert_eq!(q.results, [CallResult::Busy, CallResult::Answered]);
    assert_eq!(q.intents, [IntentLevel::A, IntentLevel::C]);
    assert_eq!(q.search, "a b c");
    assert_eq!((q.min_duration, q.max_duration), (None, Some(120)));
    assert!(q.train);
    assert_eq!(q.job_id, Some(12));
    assert_eq!(q.customer_group_id, None, "ids are positive");
    assert_eq!(q.dialog_flow_id, None);
    assert_eq!(q.follow_status, Some(FollowStatus::FollowUp));
    assert_eq!(q.read_status, Some(ReadStatus::HasRead));
    assert_eq!(q.hangup_by, Some(HangupSide::Person));
    assert_eq!(q.from, None, "no 30 February");
    assert_eq!(q.to, NaiveDate::from_ymd_opt(2024, 2, 29));
    assert_eq!(q.page, 1, "page 0 is dropped");
    assert_eq!(q.page_size, 100, "size is clamped");

    let jobs = JobQuery::from_url("status=3&page=7&size=0&name=%E6%B5%8B", 20);
    assert_eq!(jobs.status, Some(JobStatus::Runnable));
    assert_eq!((jobs.page, jobs.page_size), (7, 20));
    assert_eq!(jobs.name, "测");
    assert_eq!(JobQuery::from_url("status=99", 20).status, None);
    assert_eq!(JobQuery::from_url("status=NOPE", 20).status, None);
}

#[test]
fn garbage_urls_never_panic() {
    const PIECES: &[&str] = &[
        "&",
        "=",
        "?",
        "#",
        "%",
        "%E4",
        "%B8%AD",
        "%FF%FE",
        "%2",
        "%%",
        "+",
        ",",
        "page",
        "size",
        "result",
        "intent",
        "q",
        "dur",
        "from",
        "to",
        "job",
        "status",
        "name",
        "-",
        "--",
        "99999999999999999999",
        "-1",
        "0",
        "ANSWERED",
        "A",
        "2024-13-45",
        "中文",
        "\u{0}",
        " ",
        "train",
        "1",
        "true",
        "😀",
        "\u{FEFF}",
    ];
    let mut rng = Rng(0xBAD_5EED);
    for _ in 0..3000 {
        let len = rng.below(20);
        let url: String = (0..len).map(|_| *rng.pick(PIECES)).collect();
        let size = *rng.pick(&[0, 1, 20, 100, 1000]);
        let q = CallQuery::from_url(&url, size);
        assert!(q.page >= 1 && (1..=100).contains(&q.page_size), "{url}");
        let again = q.to_url(size);
        assert_eq!(
            CallQuery::from_url(&again, size),
            q,
            "normalised form is stable: {url}"
        );
        let j = JobQuery::from_url(&url, size);
        assert!(j.page >= 1 && (1..=100).contains(&j.page_size));
        let _ = url_pairs(&url);
    }
}

#[test]
fn percent_decoding_is_forgiving() {
    let decode = |text: &str| {
        let pairs = url_pairs(&format!("q={text}"));
        assert_eq!(pairs.len(), 1, "{text}");
        pairs[0].1.clone()
    };
    assert_eq!(decode("%E4%B8%AD%E6%96%87"), "中文");
    assert_eq!(decode("a+b%20c"), "a b c");
    assert_eq!(decode("100%"), "100%");
    assert_eq!(decode("%zz%4"), "%zz%4");
    assert_eq!(decode("%E4%B8"), "\u{FFFD}");
    assert_eq!(
        url_query(&[("q", "a b&c=d+e%f,g".into())]),
        "q=a%20b%26c%3Dd%2Be%25f,g"
    );
    assert_eq!(
        url_pairs("?a=1&&b&=x&c=%3D"),
        [
            ("a".to_string(), "1".to_string()),
            ("b".to_string(), String::new()),
            (String::new(), "x".to_string()),
            ("c".to_string(), "=".to_string()),
        ]
    );
}

fn documented_task_query() -> CallQuery {
    CallQuery {
        customer_group_id: Some(1),
        job_id: Some(1),
        dialog_flow_id: Some(2),
        follow_status: Some(FollowStatus::AiInitialVisit),
        to: NaiveDate::from_ymd_opt(2018, 7, 25),
        results: vec![CallResult::Answered],
        search: "测试".into(),
        intents: vec![IntentLevel::A],
        train: true,
        page_size: 20,
        from: NaiveDate::from_ymd_opt(2018, 7, 25),
        page: 1,
        ..CallQuery::new(20)
    }
}

#[test]
fn task_body_equals_the_documented_example() {
    let documented: Value = serde_json::from_str(TASK_REQUEST).expect("fixture is JSON");
    let query = documented_task_query();
    assert_eq!(query.to_body(CallRecordApi::Task), documented);
    assert_eq!(query.to_body(CallRecordApi::CallRecord), documented);
}

#[test]
fn call_record_body_equals_the_documented_example() {
    let documented: Value = serde_json::from_str(CR_REQUEST).expect("fixture is JSON");
    let query = CallQuery {
        customer_group_id: Some(1),
        job_id: Some(1),
        dialog_flow_id: Some(2),
        results: vec![CallResult::Answered],
        search: "测试".into(),
        intents: vec![IntentLevel::A],
        ..CallQuery::new(20)
    };
    assert_eq!(query.to_body(CallRecordApi::CallRecord), documented);
}

#[test]
fn empty_filters_are_left_out_of_the_body() {
    let mut query = CallQuery::new(20);
    query.job_id = Some(7);
    query.search = "   ".into();
    assert_eq!(
        query.to_body(CallRecordApi::CallRecord),
        json!({"robotCallJobId": 7, "pageNum": 1, "pageSize": 20})
    );
    query.search = "  188 ".into();
    assert_eq!(
        query.to_body(CallRecordApi::Task)["searchWords"],
        json!("188")
    );
}

#[test]
fn call_record_only_filters() {
    let mut query = CallQuery::new(20);
    query.job_id = Some(7);
    assert!(!query.uses_call_record_only_filters());
    query.results = vec![CallResult::Busy];
    query.from = NaiveDate::from_ymd_opt(2024, 1, 2);
    assert!(!query.uses_call_record_only_filters());
    assert!(query.unsupported_filters(CallRecordApi::Task).is_empty());
    query.read_status = Some(ReadStatus::NotRead);
    query.min_duration = Some(10);
    query.max_duration = Some(60);
    query.hangup_by = Some(HangupSide::Robot);
    assert!(query.uses_call_record_only_filters());
    assert_eq!(
        query.unsupported_filters(CallRecordApi::Task),
        [CallFilter::Read, CallFilter::Duration, CallFilter::Hangup]
    );
    assert!(query
        .unsupported_filters(CallRecordApi::CallRecord)
        .is_empty());
    let full = query.to_body(CallRecordApi::CallRecord);
    assert_eq!(full["readStatus"], json!("NOT_READ"));
    assert_eq!(full["chatDurationMin"], json!(10));
    assert_eq!(full["chatDurationMax"], json!(60));
    assert_eq!(full["hangupBy"], json!("ROBOT"));
    assert_eq!(full["earliestCreationTime"], json!("2024-01-02"));
    let task = query.to_body(CallRecordApi::Task);
    for key in [
        "readStatus",
        "chatDurationMin",
        "chatDurationMax",
        "hangupBy",
    ] {
        assert!(
            task.get(key).is_none(),
            "{key} left out for the task family"
        );
    }
    assert_eq!(task["resultStatuses"], json!(["BUSY"]));
    assert_eq!(
        query.active_filters(),
        [
            CallFilter::Results,
            CallFilter::From,
            CallFilter::Read,
            CallFilter::Duration,
            CallFilter::Hangup
        ]
    );
    let cleared = query.cleared();
    assert!(!cleared.has_filters());
    assert_eq!(cleared.job_id, Some(7));
}

#[test]
fn page_size_is_clamped() {
    assert_eq!(clamp_page_size(0), 1);
    assert_eq!(clamp_page_size(1), 1);
    assert_eq!(clamp_page_size(100), 100);
    assert_eq!(clamp_page_size(101), 100);
    let mut query = CallQuery::new(500);
    assert_eq!(query.page_size, 100);
    query.page_size = 0;
    query.page = 0;
    let body = query.to_body(CallRecordApi::CallRecord);
    assert_eq!(
        (body["pageSize"].clone(), body["pageNum"].clone()),
        (json!(1), json!(1))
    );
    query.page_size = 5000;
    assert_eq!(query.to_body(CallRecordApi::Task)["pageSize"], json!(100));

    let mut jobs = JobQuery::new(20);
    jobs.page_size = 1000;
    jobs.page = 0;
    let params = jobs.to_params();
    assert!(params.contains(&("pageSize", "100".to_string())));
    assert!(params.contains(&("pageNum", "1".to_string())));
}

#[test]
fn job_params_send_the_status_number() {
    let mut jobs = JobQuery::new(20);
    jobs.name = " 测试 ".into();
    jobs.status = Some(JobStatus::InProcess);
    jobs.page = 3;
    assert_eq!(
        jobs.to_params(),
        [
            ("name", "测试".to_string()),
            ("status", "1".to_string()),
            ("pageNum", "3".to_string()),
            ("pageSize", "20".to_string()),
        ]
    );
    jobs.status = Some(JobStatus::Other("ARCHIVED".into()));
    assert!(jobs.to_params().iter().all(|(k, _)| *k != "status"));
}
