//! The shell in a browser: routes, settings that persist, a broken config, embedding.
#![cfg(target_arch = "wasm32")]

mod support;

use support::browser::*;
use support::mock::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CONFIG: &str = r#"{"apiBaseUrl": "http://127.0.0.1:9", "pageSize": 20}"#;

#[wasm_bindgen_test]
async fn each_route_renders_its_page_and_an_unknown_path_the_not_found_page() {
    clear_storage();
    for (path, heading) in [
        ("/overview", "总览"),
        ("/jobs", "任务列表"),
        ("/jobs/5", "任务 #5"),
        ("/jobs/5/calls", "通话记录"),
        ("/calls/47", "通话 #47"),
        ("/settings", "设置"),
        ("/no/such/page", "页面不存在"),
    ] {
        let (page, handle) = mount_at(path, CONFIG);
        wait_for(&format!("{path} to show {heading}"), &page, |p| {
            has_text(p, "main h1", heading)
        })
        .await;
        assert!(
            has_text(&page, ".tc-header", "探意外呼控制台"),
            "header on {path}"
        );
        assert!(
            has_text(&page, ".tc-api-url", "http://127.0.0.1:9"),
            "API address on {path}"
        );
        drop(handle);
        page.remove();
    }
}

#[wasm_bindgen_test]
async fn an_id_that_is_not_a_number_says_so_without_asking_the_api() {
    clear_storage();
    for (path, message, endpoint) in [
        ("/jobs/abc", "任务 ID 无效", "/getTaskDetail"),
        ("/jobs/abc/calls", "任务 ID 无效", "/getCallRecordInfoList"),
        ("/calls/abc", "通话 ID 无效", "/callDetail"),
    ] {
        clear_requests().await;
        let (page, handle) = mount_at(path, &mock_config(""));
        wait_for(&format!("the message on {path}"), &page, |p| {
            has_text(p, ".tc-bad-id", message)
        })
        .await;
        assert!(requests_to(endpoint).await.is_empty(), "{path}");
        drop(handle);
        page.remove();
    }
}

#[wasm_bindgen_test]
async fn the_root_redirects_to_the_overview_the_header_s_first_link() {
    clear_storage();
    let (page, handle) = mount_at("/", CONFIG);
    wait_for("the overview", &page, |p| has_text(p, "main h1", "总览")).await;
    assert_eq!(path(), "/overview");
    let first = page
        .query_selector(".tc-nav a")
        .ok()
        .flatten()
        .and_then(|a| a.get_attribute("href"));
    assert_eq!(first.as_deref(), Some("/overview"));
    assert!(has_text(&page, ".tc-nav a[aria-current=page]", "总览"));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn breadcrumbs_lead_back_up_the_trail() {
    clear_storage();
    let (page, handle) = mount_at("/jobs/5/calls", CONFIG);
    wait_for("the breadcrumbs", &page, |p| {
        has_text(p, ".tc-breadcrumbs", "通话记录")
    })
    .await;
    let trail = text_of(&page, ".tc-breadcrumbs").unwrap_or_default();
    assert_eq!(trail, "任务列表 › 任务 #5 › 通话记录");
    click(&page, ".tc-breadcrumbs a[href='/jobs/5']");
    wait_for("the job page", &page, |p| has_text(p, "main h1", "任务 #5")).await;
    assert_eq!(path(), "/jobs/5");
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_settings_override_persists_across_reload_and_resets() {
    clear_storage();
    let config = r#"{"pageSize": 20, "locale": "zh-CN"}"#;
    let (page, handle) = mount_at("/settings", config);
    wait_for("the settings page", &page, |p| {
        has_text(p, "main h1", "设置")
    })
    .await;
    let row = "tr[data-key='pageSize']";
    assert!(has_text(&page, &format!("{row} .tc-source"), "config.json"));
    choose(&page, &format!("{row} select"), "50");
    wait_for("the override to show", &page, |p| {
        has_text(p, &format!("{row} .tc-source"), "本浏览器设置")
    })
    .await;
    drop(handle);
    page.remove();

    // A reload: a fresh mount reads what this browser saved.
    let (page, handle) = mount_at("/settings", config);
    wait_for("the settings page again", &page, |p| {
        has_text(p, "main h1", "设置")
    })
    .await;
    let select: web_sys::HtmlSelectElement =
        wasm_bindgen::JsCast::unchecked_into(find(&page, &format!("{row} select")));
    assert_eq!(select.value(), "50");
    assert!(has_text(
        &page,
        &format!("{row} .tc-source"),
        "本浏览器设置"
    ));

    // Switching the language applies at once, everywhere.
    choose(&page, "tr[data-key='locale'] select", "en");
    wait_for("English labels", &page, |p| {
        has_text(p, "main h1", "Settings")
    })
    .await;
    assert!(has_text(&page, ".tc-nav", "Jobs"));

    click(&page, ".tc-reset-settings");
    wait_for("the reset", &page, |p| {
        has_text(p, &format!("{row} .tc-source"), "config.json")
    })
    .await;
    // The page was rendered again in the file's language: find the select again.
    let select: web_sys::HtmlSelectElement =
        wasm_bindgen::JsCast::unchecked_into(find(&page, &format!("{row} select")));
    assert_eq!(select.value(), "20");
    assert!(
        has_text(&page, "main h1", "设置"),
        "back to the file's language"
    );
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("tanyi-console.settings").ok().flatten());
    assert_eq!(stored, None, "nothing left in localStorage after a reset");
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn an_invalid_address_typed_in_settings_is_refused_with_a_message() {
    clear_storage();
    let (page, handle) = mount_at("/settings", CONFIG);
    wait_for("the settings page", &page, |p| {
        exists(p, ".tc-api-base-url")
    })
    .await;
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(find(&page, ".tc-api-base-url"));
    input.set_value("javascript:alert(1)");
    let _ = input.dispatch_event(&web_sys::Event::new("input").expect("event"));
    click(&page, "tr[data-key='apiBaseUrl'] button[type='submit']");
    wait_for("the error", &page, |p| {
        has_text(p, ".tc-field-error", "apiBaseUrl")
    })
    .await;
    assert!(
        has_text(&page, ".tc-api-url", "http://127.0.0.1:9"),
        "the address in use is unchanged"
    );
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_broken_config_json_shows_what_is_wrong_and_how_to_fix_it() {
    clear_storage();
    for (config, expected) in [
        ("{\"apiBaseUrl\": ", "config.json 不是有效的 JSON 对象"),
        (r#"{"apiBaseUrl": "javascript:alert(1)"}"#, "apiBaseUrl"),
        (r#"{"pageSize": 5000}"#, "pageSize"),
    ] {
        let (page, handle) = mount_at("/jobs", config);
        wait_for("the error screen", &page, |p| exists(p, ".tc-config-error")).await;
        assert!(has_text(&page, ".tc-config-error", expected), "{config}");
        assert!(has_text(
            &page,
            ".tc-config-error",
            "config.json next to index.html"
        ));
        assert!(exists(&page, ".tc-retry"), "a retry button");
        assert!(!exists(&page, ".tc-header"), "no half-working console");
        drop(handle);
        page.remove();
    }
}

#[wasm_bindgen_test]
async fn an_unreachable_config_json_names_its_address() {
    clear_storage();
    go_to("/jobs");
    let host = fresh_host(None);
    let options = tanyi_console::BootOptions {
        config_url: "http://127.0.0.1:9/tanyi/config.json".into(),
        base_path: String::new(),
    };
    let handle = tanyi_console::mount(host.clone(), options);
    let page: web_sys::Element = host.into();
    wait_for("the error screen", &page, |p| {
        has_text(p, ".tc-config-error", "无法读取配置文件")
    })
    .await;
    assert!(has_text(
        &page,
        ".tc-config-error",
        "http://127.0.0.1:9/tanyi/config.json"
    ));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn corrupt_saved_settings_can_be_cleared_from_the_error_screen() {
    clear_storage();
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        storage
            .set_item("tanyi-console.settings", "{\"pageSize\": \"lots\"}")
            .expect("set");
    }
    let (page, handle) = mount_at("/jobs", CONFIG);
    wait_for("the error screen", &page, |p| {
        has_text(p, ".tc-config-error", "本浏览器保存的设置")
    })
    .await;
    click(&page, ".tc-clear-overrides");
    wait_for("the console", &page, |p| has_text(p, "main h1", "任务列表")).await;
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn a_portal_page_s_tanyi_console_element_hosts_the_console_under_its_path() {
    clear_storage();
    go_to("/portal/ops/jobs/7");
    let host = fresh_host(Some("tanyi-console"));
    host.set_attribute("data-config-url", &config_url(CONFIG))
        .expect("attr");
    host.set_attribute("data-base-path", "/portal/ops")
        .expect("attr");
    tanyi_console::start();
    let page: web_sys::Element = host.clone().into();
    wait_for("the job page inside the portal element", &page, |p| {
        has_text(p, "main h1", "任务 #7")
    })
    .await;
    assert!(host.class_list().contains("tanyi-console-host"));
    assert!(exists(&page, ".tanyi-console .tc-header"));
    // Links carry the portal's path.
    let jobs_link = find(&page, ".tc-nav a[href$='/jobs']");
    assert_eq!(
        jobs_link.get_attribute("href").as_deref(),
        Some("/portal/ops/jobs")
    );
    page.remove();
}

#[wasm_bindgen_test]
async fn the_header_names_who_the_proxy_says_is_signed_in_and_settings_explain_masking() {
    use tanyi_console::api::session::{publish, Session};
    clear_storage();
    let (page, handle) = mount_at("/settings", CONFIG);
    wait_for("the settings", &page, |p| has_text(p, "main h1", "设置")).await;
    // No proxy headers yet (an older proxy, or mode none): nobody named, nothing said.
    assert!(!exists(&page, ".tc-operator"));
    assert!(!exists(&page, ".tc-proxy-masks"));

    // What the client hands on from an answer's X-Tanyi-Operator / X-Tanyi-Role.
    publish(Session::from_headers(
        Some("%E5%BC%A0%E4%B8%89"),
        Some("viewer"),
    ));
    wait_for("the operator in the header", &page, |p| {
        has_text(p, ".tc-header .tc-operator-name", "张三")
    })
    .await;
    assert!(has_text(&page, ".tc-header .tc-operator-role", "查看员"));
    wait_for("the note on masking", &page, |p| {
        has_text(
            p,
            "[data-key='maskPhoneNumbers'] .tc-proxy-masks",
            "关闭此项也无法显示完整号码",
        )
    })
    .await;

    publish(Session::from_headers(
        Some("<b>王五</b>"),
        Some("supervisor"),
    ));
    wait_for("the supervisor", &page, |p| {
        has_text(p, ".tc-operator-role", "主管")
    })
    .await;
    // Text, never markup.
    assert_eq!(
        text_of(&page, ".tc-operator-name").as_deref(),
        Some("<b>王五</b>")
    );
    assert!(!exists(&page, ".tc-operator-name b"));
    assert!(!exists(&page, ".tc-proxy-masks"));

    click(&page, ".tc-lang");
    wait_for("the role in English", &page, |p| {
        has_text(p, ".tc-operator-role", "supervisor")
    })
    .await;

    // An answer without the headers: nobody is shown again.
    publish(Session::default());
    wait_for("nobody named", &page, |p| !exists(p, ".tc-operator")).await;
    clear_storage();
    drop(handle);
    page.remove();
}
