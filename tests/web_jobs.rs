//! The jobs list and a job's page, in a browser, against the stand-in API.
#![cfg(target_arch = "wasm32")]

mod support;

use support::browser::*;
use support::mock::*;
use tanyi_console::api::enums::JobStatus;
use tanyi_console::i18n::Locale;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn rows(page: &web_sys::Element, selector: &str) -> u32 {
    page.query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

/// The console at `path` against the stand-in: no fault, no saved settings, no requests
/// recorded before.
async fn start(path: &str) -> (web_sys::Element, impl Sized) {
    clear_storage();
    set_fault(None).await;
    clear_requests().await;
    mount_at(path, &mock_config(""))
}

fn search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_jobs_list_shows_a_page_of_jobs_with_labels_and_the_total() {
    clear_storage();
    set_fault(None).await;
    let expected = get_json("/apiOpen/v1/task/getTasks?pageNum=1&pageSize=20").await;
    let total = expected["data"]["totalElements"].as_i64().expect("a total");
    let (page, handle) = mount_at("/jobs", &mock_config(""));
    wait_for("the jobs table", &page, |p| {
        rows(p, ".tc-jobs-table tbody tr") > 0
    })
    .await;
    assert_eq!(
        rows(&page, ".tc-jobs-table tbody tr") as usize,
        expected["data"]["content"].as_array().map_or(0, Vec::len)
    );
    assert!(has_text(&page, ".tc-total", &format!("共 {total} 条")));
    let first_name = expected["data"]["content"][0]["name"]
        .as_str()
        .unwrap_or_default();
    assert!(has_text(
        &page,
        ".tc-jobs-table tbody tr:first-child",
        first_name
    ));
    // A status comes as its wire name or its number, and shows as the job's own label.
    let status = &expected["data"]["content"][0]["status"];
    let own = match status.as_i64() {
        Some(number) => JobStatus::from_number(number),
        None => status.as_str().map(JobStatus::from_code),
    }
    .map(|status| status.label(Locale::ZhCn).into_owned());
    let badge = text_of(&page, ".tc-jobs-table tbody tr:first-child .tc-badge");
    assert!(own.is_some(), "a documented status: {status}");
    assert_eq!(badge, own, "the first job's status {status}");
    assert!(has_text(&page, "thead", "任务名称") && has_text(&page, "thead", "进度"));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn filters_go_to_the_url_and_to_the_request() {
    let (page, handle) = start("/jobs").await;
    wait_for("the jobs table", &page, |p| {
        rows(p, ".tc-jobs-table tbody tr") > 0
    })
    .await;

    choose(&page, ".tc-job-status", "IN_PROCESS");
    wait_for("the status in the URL", &page, |_| {
        search().contains("status=IN_PROCESS")
    })
    .await;
    wait_for("only jobs in progress", &page, |p| {
        let badges = p
            .query_selector_all(".tc-jobs-table tbody .tc-badge")
            .expect("badges");
        badges.length() > 0
            && (0..badges.length())
                .all(|i| badges.item(i).and_then(|b| b.text_content()).as_deref() == Some("进行中"))
    })
    .await;
    let sent = requests_to("/getTasks").await;
    let last = sent.last().expect("a getTasks request");
    assert_eq!(
        last["query"]["status"], "1",
        "status goes out as its number: {last}"
    );

    choose(&page, ".tc-page-size", "10");
    wait_for("the page size in the URL", &page, |_| {
        search().contains("size=10")
    })
    .await;
    wait_for_request("/getTasks", |r| {
        r["query"]["pageSize"] == "10" && r["query"]["status"] == "1"
    })
    .await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_name_that_matches_nothing_shows_the_empty_state() {
    let (page, handle) =
        start("/jobs?name=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E4%BB%BB%E5%8A%A1").await;
    wait_for("the empty state", &page, |p| {
        has_text(p, ".tc-empty", "没有符合条件的任务")
    })
    .await;
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(find(&page, ".tc-job-name"));
    assert_eq!(
        input.value(),
        "没有这个任务",
        "the box shows the URL's search"
    );
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn leaving_while_typing_a_search_does_not_crash_the_page() {
    clear_storage();
    set_fault(None).await;
    tanyi_console::panic_screen::install();
    let (page, handle) = mount_at("/jobs", &mock_config(""));
    wait_for("the jobs table", &page, |p| {
        rows(p, ".tc-jobs-table tbody tr") > 0
    })
    .await;
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(find(&page, ".tc-job-name"));
    input.set_value("外呼");
    let _ = input.dispatch_event(&web_sys::Event::new("input").expect("event"));
    // The user leaves before the typing counts (a row clicked): the page goes away.
    drop(handle);
    page.remove();
    sleep(tanyi_console::components::debounced_input::DEBOUNCE.as_millis() as i32 + 300).await;
    assert!(
        document()
            .get_element_by_id(tanyi_console::panic_screen::PANIC_SCREEN_ID)
            .is_none(),
        "the crash screen is up: the search box's timer fired into a page that is gone"
    );
}

#[wasm_bindgen_test]
async fn page_two_comes_from_the_url_and_the_pagination() {
    let (page, handle) = start("/jobs?size=10").await;
    wait_for("the jobs table", &page, |p| {
        rows(p, ".tc-jobs-table tbody tr") == 10
    })
    .await;
    click(&page, ".tc-page-next");
    wait_for("page 2 in the URL", &page, |_| search().contains("page=2")).await;
    wait_for("page 2 current", &page, |p| has_text(p, ".tc-current", "2")).await;
    wait_for_request("/getTasks", |r| {
        r["query"]["pageNum"] == "2" && r["query"]["pageSize"] == "10"
    })
    .await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn an_api_failure_shows_its_message_and_request_id_and_retry_recovers() {
    clear_storage();
    set_fault(Some("412")).await;
    let (page, handle) = mount_at("/jobs?status=COMPLETED", &mock_config(""));
    wait_for("the error", &page, |p| exists(p, ".tc-error")).await;
    assert!(has_text(&page, ".tc-error-code", "412"));
    assert!(
        !text_of(&page, ".tc-request-id")
            .unwrap_or_default()
            .is_empty(),
        "the request id is shown"
    );
    set_fault(None).await;
    click(&page, ".tc-retry");
    wait_for("the table after retry", &page, |p| {
        rows(p, ".tc-jobs-table tbody tr") > 0
    })
    .await;
    assert!(search().contains("status=COMPLETED"), "the filter is kept");
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_job_shows_the_stand_in_s_numbers_and_a_result_bar_opens_its_calls() {
    clear_storage();
    set_fault(None).await;
    let jobs = get_json("/apiOpen/v1/task/getTasks?pageNum=1&pageSize=1").await;
    let id = jobs["data"]["content"][0]["robotCallJobId"]
        .as_i64()
        .expect("a job id");
    let detail = get_json(&format!(
        "/apiOpen/v1/task/getTaskDetail?robotCallJobId={id}"
    ))
    .await;
    let stats = &detail["data"]["callJobStatsInfo"];

    let (page, handle) = mount_at(&format!("/jobs/{id}"), &mock_config(""));
    wait_for("the KPIs", &page, |p| exists(p, ".tc-kpi")).await;
    let kpi = |key: &str| {
        text_of(&page, &format!("[data-kpi='{key}'] .tc-kpi-value")).unwrap_or_default()
    };
    assert_eq!(kpi("answered"), stats["answeredTask"].to_string());
    assert_eq!(kpi("total"), stats["taskCallTotal"].to_string());
    assert_eq!(
        kpi("answered-rate"),
        format!("{:.2}%", stats["answeredRate"].as_f64().unwrap_or(0.0))
    );
    assert_eq!(
        rows(&page, ".tc-bar-chart .tc-bar[data-key]"),
        10 + 6 + 4 + 5,
        "results, intents, rounds, durations"
    );
    assert!(
        has_text(&page, ".tc-job-charts", "3轮以下")
            && has_text(&page, ".tc-job-charts", "10秒-1分钟")
    );
    assert_eq!(rows(&page, ".tc-line-chart"), 5);
    let answered = stats["dialResult"]["ANSWERED"].to_string();
    assert!(has_text(
        &page,
        ".tc-bar[data-key='ANSWERED'] .tc-bar-value",
        &answered
    ));

    click(&page, ".tc-bar[data-key='ANSWERED'] button");
    wait_for("the calls page", &page, |_| {
        path() == format!("/jobs/{id}/calls")
    })
    .await;
    assert!(
        search().contains("ANSWERED"),
        "filtered to answered calls: {}",
        search()
    );
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn an_unknown_job_shows_the_api_s_404() {
    let (page, handle) = start("/jobs/987654321").await;
    wait_for("the error", &page, |p| has_text(p, ".tc-error-code", "404")).await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_rate_limited_list_counts_down_then_shows_the_rows_by_itself() {
    clear_storage();
    set_fault(None).await;
    clear_requests().await;
    set_fault_times("429", None, 1).await;
    let (page, handle) = mount_at("/jobs?status=COMPLETED", &mock_config(""));
    wait_for("the retry countdown", &page, |p| {
        has_text(p, ".tc-loading", "秒后重试")
    })
    .await;
    // The stand-in says `Retry-After: 1` (without it the wait would be 2 s).
    assert_eq!(text_of(&page, ".tc-loading").as_deref(), Some("1 秒后重试"));
    assert!(
        !exists(&page, ".tc-error"),
        "a 429 is not shown as an error"
    );
    wait_for("the rows, without a click", &page, |p| {
        rows(p, ".tc-jobs-table tbody tr") > 0
    })
    .await;
    assert!(!exists(&page, ".tc-loading"));
    let sent = requests_to("/getTasks").await;
    assert_eq!(sent.len(), 2, "refused once, asked once more: {sent:?}");
    assert!(sent.iter().all(|r| r["query"]["status"] == "2"), "{sent:?}");
    assert!(search().contains("status=COMPLETED"), "the filter is kept");
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn without_a_sign_in_the_page_leads_to_the_portal_and_back_here() {
    clear_storage();
    set_fault(Some("signin")).await;
    let (page, handle) = mount_at("/jobs?size=10&page=2", &mock_config(""));
    wait_for("the sign-in screen", &page, |p| {
        has_text(p, ".tc-sign-in", "请先登录")
    })
    .await;
    let link = find(&page, ".tc-sign-in-link");
    let href = link.get_attribute("href").unwrap_or_default();
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .expect("the address");
    assert!(here.ends_with("/jobs?size=10&page=2"), "{here}");
    assert_eq!(
        href,
        format!(
            "{MOCK}/__portal/sign-in?rd={}",
            String::from(js_sys::encode_uri_component(&here))
        )
    );
    assert_eq!(link.get_attribute("target").as_deref(), Some("_top"));
    assert!(has_text(&page, ".tc-sign-in-link", "去登录"));
    // The sign-in screen, not the generic error panel.
    assert!(!exists(&page, ".tc-error"));
    // Nobody is named by the stand-in: the header names nobody.
    assert!(!exists(&page, ".tc-operator"));

    // Signed in elsewhere: retrying shows the list.
    set_fault(None).await;
    click(&page, ".tc-sign-in .tc-retry");
    wait_for("page 2 after signing in", &page, |p| {
        rows(p, ".tc-jobs-table tbody tr") == 10 && has_text(p, ".tc-current", "2")
    })
    .await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
fn a_relative_sign_in_address_is_taken_from_the_proxy_s_origin() {
    use tanyi_console::api::{client::resolve_sign_in, ApiError};
    let relative = || ApiError::SignIn {
        url: "/tanyi-sign-in".into(),
        request_id: None,
    };
    let resolved = |error| match error {
        ApiError::SignIn { url, .. } => url,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        resolved(resolve_sign_in(
            relative(),
            "http://127.0.0.1:8081/apiOpen/v1/task/getTasks?pageNum=1"
        )),
        "http://127.0.0.1:8081/tanyi-sign-in"
    );
    // A proxy on the console's own origin (`apiBaseUrl: ""`).
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .expect("an origin");
    assert_eq!(
        resolved(resolve_sign_in(relative(), "/apiOpen/v1/task/getTasks")),
        format!("{origin}/tanyi-sign-in")
    );
    // An absolute address stays where it is.
    let absolute = ApiError::SignIn {
        url: "https://portal.example.com/sign-in?app=1".into(),
        request_id: None,
    };
    assert_eq!(
        resolved(resolve_sign_in(absolute, "http://127.0.0.1:8081/apiOpen/x")),
        "https://portal.example.com/sign-in?app=1"
    );
}

#[wasm_bindgen_test]
async fn requests_take_the_browser_s_cookies_to_the_proxy() {
    // Cookies do not tell ports apart: one set here goes to the stand-in (another origin)
    // only with `credentials: "include"`.
    let set_cookie = |value: &str| {
        let _ = js_sys::Reflect::set(&document(), &"cookie".into(), &value.into());
    };
    set_cookie("tanyi_console_test=portal-session; path=/");
    let (page, handle) = start("/jobs").await;
    wait_for("the jobs table", &page, |p| {
        rows(p, ".tc-jobs-table tbody tr") > 0
    })
    .await;
    let sent = requests_to("/getTasks").await;
    set_cookie("tanyi_console_test=; path=/; max-age=0");
    let cookie = sent.last().expect("a request")["headers"]["cookie"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        cookie.contains("tanyi_console_test=portal-session"),
        "cookie {cookie:?}"
    );
    drop(handle);
    page.remove();
}
