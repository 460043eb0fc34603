//! The keyboard in a browser, against the stand-in API: the call page's shortcuts, auto-advance
//! across a page edge and at the end of the list, and the calls list's row selection. Keys are
//! dispatched as the browser would (`keydown` on the focused element, bubbling).
#![cfg(target_arch = "wasm32")]

mod support;

use serde_json::{json, Value};
use support::browser::*;
use support::calls::*;
use support::mock::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const JOB: i64 = 1;
const QUERY: &str = "result=ANSWERED&size=10";

/// Job 1's answered calls, ten a page: page `n`'s ids.
async fn page_ids(n: u32) -> Vec<i64> {
    let page = calls_from_mock(json!({
        "robotCallJobId": JOB, "resultStatuses": ["ANSWERED"], "pageSize": 10, "pageNum": n
    }))
    .await;
    page["content"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|c| c["callRecordId"].as_i64())
        .collect()
}

/// The calls list of job 1, answered, ten a page, once its rows show.
async fn open_list(page_number: u32) -> (web_sys::Element, impl Sized) {
    clear_storage();
    clear_session();
    set_fault(None).await;
    let query = if page_number > 1 {
        format!("{QUERY}&page={page_number}")
    } else {
        QUERY.to_string()
    };
    let (page, handle) = mount_at(&format!("/jobs/{JOB}/calls?{query}"), &mock_config(""));
    let rows = page_ids(page_number).await.len() as u32;
    wait_for("the list", &page, |p| {
        count(p, ".tc-calls-table tbody tr") == rows
    })
    .await;
    (page, handle)
}

fn selected_id(page: &web_sys::Element) -> Option<String> {
    attribute(page, "tr.tc-selected", "data-call-id")
}

fn audio(page: &web_sys::Element, class: &str) -> web_sys::HtmlAudioElement {
    find(page, &format!(".{class} audio"))
        .dyn_into()
        .expect("an audio element")
}

async fn wait_call(page: &web_sys::Element, id: i64) {
    wait_for(&format!("call {id}"), page, |p| {
        path() == format!("/calls/{id}") && has_text(p, ".tc-call-title", &id.to_string())
    })
    .await;
}

#[wasm_bindgen_test]
async fn in_the_calls_list_j_k_select_p_plays_and_enter_opens() {
    let ids = page_ids(1).await;
    let (page, handle) = open_list(1).await;
    press("j", false);
    sleep(30).await;
    assert_eq!(selected_id(&page), Some(ids[0].to_string()));
    press("j", false);
    press("j", false);
    press("k", false);
    sleep(30).await;
    assert_eq!(selected_id(&page), Some(ids[1].to_string()));
    // Letters typed in the search box are text, not shortcuts.
    let search = find(&page, ".tc-filter-search");
    search
        .dyn_ref::<web_sys::HtmlElement>()
        .expect("an input")
        .focus()
        .expect("focus");
    press("j", false);
    sleep(30).await;
    assert_eq!(selected_id(&page), Some(ids[1].to_string()));
    search
        .dyn_ref::<web_sys::HtmlElement>()
        .expect("an input")
        .blur()
        .expect("blur");
    // Nor with Ctrl held.
    press("j", true);
    sleep(30).await;
    assert_eq!(selected_id(&page), Some(ids[1].to_string()));
    press("p", false);
    wait_for("the selected row playing", &page, |p| {
        exists(p, &format!("tr[data-call-id='{}'] .tc-row-player", ids[1]))
    })
    .await;
    press("Enter", false);
    wait_call(&page, ids[1]).await;
    // The list was remembered: next walks it.
    assert!(has_text(&page, ".tc-call-place", "第 2 /"));
    drop(handle);
    page.remove();
}

#[wasm_bindgen_test]
async fn on_the_call_page_each_shortcut_acts() {
    let ids = page_ids(1).await;
    let (page, handle) = open_list(1).await;
    click(&page, ".tc-calls-table tbody tr:nth-child(2) .tc-call-id a");
    wait_call(&page, ids[1]).await;
    // j / k: next and previous of the list.
    press("j", false);
    wait_call(&page, ids[2]).await;
    press("k", false);
    wait_call(&page, ids[1]).await;
    wait_for("the players", &page, |p| {
        exists(p, ".tc-recording-full audio")
    })
    .await;
    let whole = audio(&page, "tc-recording-full");
    wait_for("the recording's length", &page, |_| whole.duration() > 12.0).await;
    // Space plays and pauses the whole call.
    press(" ", false);
    wait_for("playing", &page, |_| !whole.paused()).await;
    press(" ", false);
    wait_for("paused", &page, |_| whole.paused()).await;
    // Arrows skip 5 s.
    whole.set_current_time(6.0);
    press("ArrowRight", false);
    assert!(
        (whole.current_time() - 11.0).abs() < 0.5,
        "{}",
        whole.current_time()
    );
    press("ArrowLeft", false);
    press("ArrowLeft", false);
    assert!(
        (whole.current_time() - 1.0).abs() < 0.5,
        "{}",
        whole.current_time()
    );
    // [ and ] step the speed, for both players, shown in the menu.
    press("]", false);
    wait_for("faster", &page, |_| {
        (whole.playback_rate() - 1.25).abs() < 1e-9
    })
    .await;
    press("[", false);
    press("[", false);
    wait_for("slower", &page, |_| {
        (whole.playback_rate() - 0.75).abs() < 1e-9
    })
    .await;
    let shown: web_sys::HtmlSelectElement = find(&page, ".tc-rate").dyn_into().expect("a select");
    assert_eq!(shown.value(), "0.75");
    // t switches the track the keys act on.
    assert!(exists(&page, ".tc-recording-full.tc-active"));
    press("t", false);
    wait_for("the customer track active", &page, |p| {
        exists(p, ".tc-recording-customer.tc-active") && !exists(p, ".tc-recording-full.tc-active")
    })
    .await;
    let customer = audio(&page, "tc-recording-customer");
    press(" ", false);
    wait_for("the customer track playing", &page, |_| !customer.paused()).await;
    assert!(whole.paused());
    press(" ", false);
    // / focuses the transcript search (and types nothing there).
    press("/", false);
    sleep(30).await;
    let focused = document().active_element().expect("a focused element");
    assert!(focused.class_list().contains("tc-transcript-search"));
    let typed: web_sys::HtmlInputElement = focused.dyn_into().expect("an input");
    assert_eq!(typed.value(), "");
    typed.blur().expect("blur");
    // ? shows the sheet in both languages; Escape closes it.
    press("?", false);
    wait_for("the sheet", &page, |p| exists(p, ".tc-sheet")).await;
    assert!(has_text(&page, ".tc-sheet", "下一条通话"));
    assert!(has_text(&page, ".tc-sheet", "Next call"));
    press("Escape", false);
    wait_for("the sheet closed", &page, |p| !exists(p, ".tc-sheet")).await;
    drop(handle);
    page.remove();
}

/// Plays the whole call to its end, as far as the page can tell.
fn end_recording(page: &web_sys::Element) {
    let whole = audio(page, "tc-recording-full");
    let _ = whole.dispatch_event(&web_sys::Event::new("ended").expect("an event"));
}

#[wasm_bindgen_test]
async fn auto_advance_plays_on_across_a_page_edge_and_stops_at_the_end() {
    let page1 = page_ids(1).await;
    let page2 = page_ids(2).await;
    let (page, handle) = open_list(1).await;
    click(
        &page,
        ".tc-calls-table tbody tr:nth-child(10) .tc-call-id a",
    );
    wait_call(&page, page1[9]).await;
    click(&page, ".tc-auto-advance-toggle");
    assert_eq!(
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item("tanyi-console.auto-advance").ok().flatten())
            .as_deref(),
        Some("1"),
        "remembered in this browser"
    );
    wait_for("the player", &page, |p| {
        exists(p, ".tc-recording-full audio")
    })
    .await;
    end_recording(&page);
    // The next call is page 2's first: fetched, opened and playing.
    wait_call(&page, page2[0]).await;
    wait_for("the next call playing", &page, |p| {
        p.query_selector(".tc-recording-full audio")
            .ok()
            .flatten()
            .and_then(|a| a.dyn_into::<web_sys::HtmlAudioElement>().ok())
            .is_some_and(|a| !a.paused())
    })
    .await;
    drop(handle);
    page.remove();

    // At the end of the list it stops and says so: the last call of the last page.
    let total = calls_from_mock(json!({
        "robotCallJobId": JOB, "resultStatuses": ["ANSWERED"], "pageSize": 10, "pageNum": 1
    }))
    .await["totalElements"]
        .as_i64()
        .expect("a total");
    let last_page = ((total + 9) / 10) as u32;
    let ids = page_ids(last_page).await;
    let (page, handle) = open_list(last_page).await;
    let rows = count(&page, ".tc-calls-table tbody tr");
    let last: Value = json!(ids.last());
    click(
        &page,
        &format!(".tc-calls-table tbody tr:nth-child({rows}) .tc-call-id a"),
    );
    wait_call(&page, last.as_i64().expect("an id")).await;
    click(&page, ".tc-auto-advance-toggle");
    wait_for("the player", &page, |p| {
        exists(p, ".tc-recording-full audio")
    })
    .await;
    end_recording(&page);
    wait_for("the end said", &page, |p| {
        has_text(p, ".tc-auto-advance-end", "已是列表最后一条")
    })
    .await;
    assert_eq!(path(), format!("/calls/{}", last));
    drop(handle);
    page.remove();
}
