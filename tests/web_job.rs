//! A job's page refreshing by itself, in a browser, against the stand-in API.
#![cfg(target_arch = "wasm32")]

mod support;

use support::browser::*;
use support::mock::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The first job the stand-in lists in a status (by its code: 1 running, 2 completed).
async fn a_job_in_status(code: u32) -> i64 {
    let jobs = get_json(&format!(
        "/apiOpen/v1/task/getTasks?pageNum=1&pageSize=1&status={code}"
    ))
    .await;
    jobs["data"]["content"][0]["robotCallJobId"]
        .as_i64()
        .expect("a job in that status")
}

/// How many times the page asked for job `id`.
async fn detail_requests(id: i64) -> usize {
    requests_to("/getTaskDetail")
        .await
        .into_iter()
        .filter(|r| r["query"]["robotCallJobId"].as_str() == Some(&id.to_string()))
        .count()
}

/// The console at `path` with `extra` config keys, once the job's KPIs show.
async fn open(path: &str, extra: &str) -> (web_sys::Element, impl Sized) {
    clear_storage();
    set_fault(None).await;
    clear_requests().await;
    let (page, handle) = mount_at(path, &mock_config(extra));
    wait_for("the KPIs", &page, |p| exists(p, ".tc-kpi")).await;
    (page, handle)
}

/// Waits up to `ms` for the page to have asked for job `id` `n` times; returns how many.
async fn wait_for_requests(id: i64, n: usize, ms: i32) -> usize {
    let mut seen = detail_requests(id).await;
    let mut waited = 0;
    while seen < n && waited < ms {
        sleep(50).await;
        waited += 50;
        seen = detail_requests(id).await;
    }
    seen
}

#[wasm_bindgen_test]
async fn a_running_job_asks_again_by_itself_keeping_its_figures_on_screen() {
    let id = a_job_in_status(1).await;
    let (page, handle) = open(&format!("/jobs/{id}?refresh=1"), "").await;
    assert_eq!(detail_requests(id).await, 1);
    assert!(
        has_text(&page, ".tc-refresh .tc-updated-at", "更新于"),
        "{}",
        page.inner_html()
    );
    let kpi = find(&page, "[data-kpi='answered']");
    let answered = kpi.text_content();

    // No click: about a second after the answer, the page asks again. All the while the
    // figures stay (no "加载中…"), and the same answer leaves the same KPI elements mounted.
    let mut waited = 0;
    while detail_requests(id).await < 2 && waited < 3000 {
        assert!(
            exists(&page, ".tc-kpi"),
            "the KPIs went away while refreshing"
        );
        assert!(
            !exists(&page, ".tc-loading"),
            "a loading state replaced the page"
        );
        sleep(20).await;
        waited += 20;
    }
    assert!(
        detail_requests(id).await >= 2,
        "no refresh after {waited} ms"
    );
    assert!(
        waited >= 700,
        "refreshed after only {waited} ms, not about a second"
    );
    for _ in 0..50 {
        assert!(exists(&page, ".tc-kpi") && !exists(&page, ".tc-loading"));
        sleep(20).await;
    }
    assert!(
        kpi.is_connected(),
        "the KPIs were drawn again for the same figures"
    );
    assert_eq!(kpi.text_content(), answered);
    assert!(has_text(&page, ".tc-updated-at", "更新于"));

    // Leaving the page stops its timer.
    drop(handle);
    page.remove();
    let left = detail_requests(id).await;
    sleep(2500).await;
    assert_eq!(
        detail_requests(id).await,
        left,
        "asked again after the page went"
    );
}

#[wasm_bindgen_test]
async fn refresh_now_asks_at_once() {
    let id = a_job_in_status(1).await;
    let (page, handle) = open(&format!("/jobs/{id}?refresh=600"), "").await;
    assert_eq!(detail_requests(id).await, 1);
    click(&page, ".tc-refresh-now");
    assert_eq!(
        wait_for_requests(id, 2, 1000).await,
        2,
        "no request on the click"
    );
    assert!(exists(&page, ".tc-kpi"));
    wait_for("the new time", &page, |p| {
        has_text(p, ".tc-updated-at", "更新于")
    })
    .await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_finished_job_does_not_refresh() {
    let id = a_job_in_status(2).await;
    let (page, handle) = open(&format!("/jobs/{id}?refresh=1"), "").await;
    sleep(2500).await;
    assert_eq!(
        detail_requests(id).await,
        1,
        "a completed job was asked for again"
    );
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn with_refresh_0_nothing_refreshes_and_the_url_wins_over_config_json() {
    let id = a_job_in_status(1).await;
    let (page, handle) = open(&format!("/jobs/{id}?refresh=0"), r#""refreshSeconds": 1"#).await;
    sleep(2500).await;
    assert_eq!(detail_requests(id).await, 1, "refreshed with ?refresh=0");
    drop(handle);
    page.remove();

    let (page, handle) = open(&format!("/jobs/{id}"), r#""refreshSeconds": 0"#).await;
    sleep(2500).await;
    assert_eq!(
        detail_requests(id).await,
        1,
        "refreshed with refreshSeconds 0"
    );
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_bad_refresh_in_the_url_is_ignored_and_config_json_s_value_holds() {
    let id = a_job_in_status(1).await;
    let (page, handle) = open(
        &format!("/jobs/{id}?refresh=soon"),
        r#""refreshSeconds": 1"#,
    )
    .await;
    assert!(
        !exists(&page, ".tc-config-error"),
        "a bad ?refresh= is not an error"
    );
    assert!(
        wait_for_requests(id, 2, 3000).await >= 2,
        "config.json's 1 s did not hold"
    );
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_hidden_tab_does_not_refresh_and_asks_at_once_when_it_shows_again() {
    let id = a_job_in_status(1).await;
    let (page, handle) = open(&format!("/jobs/{id}?refresh=1"), "").await;
    set_tab_hidden(true);
    sleep(2500).await;
    let hidden = detail_requests(id).await;
    set_tab_hidden(false);
    assert_eq!(hidden, 1, "refreshed while the tab was hidden");
    assert_eq!(
        wait_for_requests(id, 2, 400).await,
        2,
        "no refresh at once when the tab showed again"
    );
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn settings_override_refresh_seconds_show_its_source_and_reset() {
    clear_storage();
    let config = mock_config(r#""refreshSeconds": 60"#);
    let row = "tr[data-key='refreshSeconds']";
    let (page, handle) = mount_at("/settings", &config);
    wait_for("the settings page", &page, |p| exists(p, row)).await;
    let input = || -> web_sys::HtmlInputElement {
        wasm_bindgen::JsCast::unchecked_into(find(&page, &format!("{row} input")))
    };
    assert_eq!(input().value(), "60");
    assert!(has_text(&page, &format!("{row} .tc-source"), "config.json"));

    input().set_value("5000");
    let _ = input().dispatch_event(&web_sys::Event::new("change").expect("event"));
    wait_for("the message", &page, |p| {
        exists(p, &format!("{row} .tc-field-error"))
    })
    .await;
    assert!(has_text(
        &page,
        &format!("{row} .tc-field-error"),
        "0 到 3600"
    ));

    input().set_value("10");
    let _ = input().dispatch_event(&web_sys::Event::new("change").expect("event"));
    wait_for("the override", &page, |p| {
        has_text(p, &format!("{row} .tc-source"), "本浏览器设置")
    })
    .await;
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("tanyi-console.settings").ok().flatten())
        .unwrap_or_default();
    assert!(stored.contains(r#""refreshSeconds":10"#), "{stored}");

    click(&page, &format!("{row} .tc-clear-setting"));
    wait_for("the reset", &page, |p| {
        has_text(p, &format!("{row} .tc-source"), "config.json")
    })
    .await;
    assert_eq!(input().value(), "60");
    drop(handle);
    page.remove();

    // The address's ?refresh= wins for the page load, and the page says so.
    let (page, handle) = mount_at("/settings?refresh=5", &config);
    wait_for("the settings page", &page, |p| exists(p, row)).await;
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(find(&page, &format!("{row} input")));
    assert_eq!(input.value(), "5");
    assert!(has_text(&page, &format!("{row} .tc-source"), "地址栏"));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_bad_refresh_seconds_in_config_json_shows_the_error_screen() {
    clear_storage();
    for bad in ["-1", "3601", "\"30\"", "1.5"] {
        let (page, handle) = mount_at("/jobs", &format!(r#"{{"refreshSeconds": {bad}}}"#));
        wait_for("the error screen", &page, |p| exists(p, ".tc-config-error")).await;
        assert!(
            has_text(&page, ".tc-config-error", "refreshSeconds"),
            "{bad}"
        );
        assert!(!exists(&page, ".tc-header"), "no half-working console");
        drop(handle);
        page.remove();
    }
}

#[wasm_bindgen_test]
async fn a_failed_refresh_of_a_running_job_shows_the_error_and_mends_itself() {
    let id = a_job_in_status(1).await;
    let (page, handle) = open(&format!("/jobs/{id}?refresh=1"), "").await;
    set_fault_times("500", Some("/apiOpen/v1/task/getTaskDetail"), 1).await;
    wait_for("the failed refresh", &page, |p| exists(p, ".tc-retry")).await;
    wait_for("the figures again, with no click", &page, |p| {
        exists(p, ".tc-kpi") && !exists(p, ".tc-retry")
    })
    .await;
    assert!(detail_requests(id).await >= 3);
    set_fault(None).await;
    drop(handle);
    page.remove();
}
