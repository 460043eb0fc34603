//! Export of a job's calls to CSV: every page of the current filters, fetched one page at a
//! time (100 calls a page) with progress and a cancel button, then downloaded as a file.
//! After "too many requests" it waits and asks for the same page again, so each call is in
//! the file once.

use crate::api::query::MAX_PAGE_SIZE;
use crate::api::{client, ApiError, CallQuery, RequestSlot};
use crate::components::call_filters::today;
use crate::components::csv_export::{call_csv_header, call_csv_row, export_file_name, CsvWriter};
use crate::components::error_panel::ErrorPanel;
use crate::config::Config;
use crate::hooks::view_slot;
use crate::i18n::Locale;
use crate::state::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

/// Where an export stands.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportState {
    Idle,
    /// Fetching page `page` of `pages` (unknown until the first page answers); after a 429,
    /// `retry_in` seconds until it is asked for again.
    Running {
        page: u32,
        pages: Option<u32>,
        retry_in: Option<u32>,
    },
    /// Finished: the file's object URL (kept for "download again"), its name, the rows.
    Done {
        url: String,
        file_name: String,
        rows: u64,
    },
    Failed(ApiError),
}

/// The progress text: `第 3/12 页`, and while it waits after a 429,
/// `第 3/12 页 · 请求过于频繁，2 秒后继续`.
pub fn progress_text(
    page: u32,
    pages: Option<u32>,
    retry_in: Option<u32>,
    locale: Locale,
) -> String {
    let at = match (pages, locale) {
        (Some(pages), Locale::ZhCn) => format!("第 {page}/{pages} 页"),
        (Some(pages), Locale::En) => format!("Page {page} of {pages}"),
        (None, Locale::ZhCn) => format!("第 {page} 页"),
        (None, Locale::En) => format!("Page {page}"),
    };
    match (retry_in, locale) {
        (None, _) => at,
        (Some(seconds), Locale::ZhCn) => format!("{at} · 请求过于频繁，{seconds} 秒后继续"),
        (Some(seconds), Locale::En) => {
            format!("{at} · rate limited, continuing in {seconds} s")
        }
    }
}

/// Puts `text` in a Blob and returns its object URL.
pub(crate) fn object_url(text: &str) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    web_sys::Url::create_object_url_with_blob(&blob)
}

/// Starts the download of an object URL through a temporary `<a download>`.
pub(crate) fn start_download(url: &str, file_name: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    let link = document.create_element("a")?;
    link.set_attribute("href", url)?;
    link.set_attribute("download", file_name)?;
    link.set_attribute("style", "display:none")?;
    body.append_child(&link)?;
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    body.remove_child(&link)?;
    Ok(())
}

fn revoke(state: &ExportState) {
    if let ExportState::Done { url, .. } = state {
        let _ = web_sys::Url::revoke_object_url(url);
    }
}

/// Fetches every page of `query` and writes the CSV; `progress` follows along (page, pages,
/// seconds until a rate-limited page is asked for again).
async fn export_all(
    config: Config,
    query: CallQuery,
    slot: RequestSlot,
    progress: impl Fn(u32, Option<u32>, Option<u32>),
) -> Result<(String, u64), ApiError> {
    let (locale, mask) = (config.locale, config.mask_phone_numbers);
    let mut csv = CsvWriter::new();
    csv.row(call_csv_header(locale));
    let mut rows = 0u64;
    let mut page = 1u32;
    let mut pages: Option<u32> = None;
    loop {
        progress(page, pages, None);
        let mut this_page = query.clone();
        this_page.page = page;
        this_page.page_size = MAX_PAGE_SIZE;
        // The same page again after a 429: its rows are written once, when it answers.
        let answer = slot
            .begin()
            .run(client::retrying(
                client::get_calls(&config, &this_page),
                || client::get_calls(&config, &this_page),
                |left| progress(page, pages, left),
            ))
            .await?;
        for record in &answer.items {
            csv.row(call_csv_row(record, locale, mask));
            rows += 1;
        }
        let known = answer.page_count(MAX_PAGE_SIZE);
        pages = Some(known);
        // A short or empty page is the end too, whatever the count says.
        if page >= known || answer.items.is_empty() {
            break;
        }
        page += 1;
    }
    Ok((csv.finish(), rows))
}

#[component]
pub fn CallExport(
    /// The list's current filters (any page; the export walks them all).
    #[prop(into)]
    query: Signal<CallQuery>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let state = RwSignal::new(ExportState::Idle);
    let slot = view_slot();
    on_cleanup(move || {
        state.try_with_untracked(revoke);
    });
    let start = {
        let slot = slot.clone();
        move || {
            state.with_untracked(revoke);
            let query = query.get_untracked();
            let job_id = query.job_id.unwrap_or_default();
            let config = app.config_untracked();
            let locale = config.locale;
            let slot = slot.clone();
            state.set(ExportState::Running {
                page: 1,
                pages: None,
                retry_in: None,
            });
            spawn_local(async move {
                let progress = move |page, pages, retry_in| {
                    let _ = state.try_set(ExportState::Running {
                        page,
                        pages,
                        retry_in,
                    });
                };
                let outcome = export_all(config, query, slot, progress).await;
                let next = match outcome {
                    Err(error) if error.is_superseded() => return,
                    Err(error) => ExportState::Failed(error),
                    Ok((text, rows)) => {
                        let file_name = export_file_name(job_id, today());
                        match object_url(&text) {
                            Ok(url) => {
                                let _ = start_download(&url, &file_name);
                                ExportState::Done {
                                    url,
                                    file_name,
                                    rows,
                                }
                            }
                            Err(_) => ExportState::Failed(ApiError::Network {
                                detail: locale
                                    .pick(
                                        "浏览器无法生成文件",
                                        "The browser could not create the file",
                                    )
                                    .to_string(),
                            }),
                        }
                    }
                };
                let _ = state.try_set(next);
            });
        }
    };
    let start = Callback::new(move |_: ()| start());
    let cancel = move |_| {
        slot.supersede();
        state.set(ExportState::Idle);
    };
    view! {
        <div class="tc-export">
            {move || {
                match state.get() {
                    ExportState::Running { page, pages, retry_in } => view! {
                        <span class="tc-export-progress" role="status">
                            <progress max=pages.unwrap_or(0).max(1).to_string() value=page.saturating_sub(1).to_string()></progress>
                            <span class="tc-export-page">{progress_text(page, pages, retry_in, locale)}</span>
                            <button type="button" class="tc-button tc-button-plain tc-export-cancel" on:click=cancel.clone()>
                                {app.t("取消", "Cancel")}
                            </button>
                        </span>
                    }
                    .into_any(),
                    other => {
                        let finished = match other {
                            ExportState::Done { url, file_name, rows } => Some(view! {
                                <span class="tc-export-done" data-rows=rows.to_string()>
                                    {match locale {
                                        Locale::ZhCn => format!("已导出 {rows} 条"),
                                        Locale::En => format!("{rows} calls exported"),
                                    }}
                                    " "
                                    <a class="tc-export-link" href=url download=file_name>{app.t("再次下载", "Download again")}</a>
                                </span>
                            }
                            .into_any()),
                            ExportState::Failed(error) => Some(view! {
                                <ErrorPanel error retry=start/>
                            }
                            .into_any()),
                            _ => None,
                        };
                        view! {
                            <button type="button" class="tc-button tc-export-start" on:click=move |_| start.run(())>
                                {app.t("导出 CSV", "Export CSV")}
                            </button>
                            {finished}
                        }
                        .into_any()
                    }
                }
            }}
        </div>
    }
}
