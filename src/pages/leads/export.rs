//! The CSV of the whole merged list as it stands, with the job's id and name as columns, in
//! the calls export's format.

use crate::components::call_export::{object_url, start_download};
use crate::components::csv_export::{leads_csv, leads_file_name};
use crate::state::use_app;
use leptos::prelude::*;

use super::reading::LeadsReading;

/// A file made: its object URL (revoked when another is made or the page goes).
#[derive(Clone, Debug, PartialEq)]
struct Made {
    url: String,
    file_name: String,
    rows: usize,
}

#[component]
pub fn LeadsExport(leads: LeadsReading) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let made = RwSignal::new(None::<Made>);
    let failed = RwSignal::new(false);
    let revoke = move || {
        if let Some(Made { url, .. }) = made.try_get_untracked().flatten() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    };
    on_cleanup(revoke);
    let export = move |_| {
        revoke();
        let mask = app.config_untracked().mask_phone_numbers;
        let (text, rows, file_name) = leads.with_untracked(|reading| {
            (
                leads_csv(reading.merged.iter(), locale, mask),
                reading.merged.len(),
                leads_file_name(reading.range.0, reading.range.1),
            )
        });
        match object_url(&text) {
            Ok(url) => {
                let _ = start_download(&url, &file_name);
                failed.set(false);
                made.set(Some(Made {
                    url,
                    file_name,
                    rows,
                }));
            }
            Err(_) => failed.set(true),
        }
    };
    let none = move || leads.with(|reading| reading.merged.is_empty());
    view! {
        <div class="tc-export">
            <button type="button" class="tc-button tc-export-start" disabled=none on:click=export>
                {app.t("导出 CSV", "Export CSV")}
            </button>
            {move || made.get().map(|Made { url, file_name, rows }| view! {
                <span class="tc-export-done" data-rows=rows.to_string()>
                    {match locale {
                        crate::i18n::Locale::ZhCn => format!("已导出 {rows} 条"),
                        crate::i18n::Locale::En => format!("{rows} leads exported"),
                    }}
                    " "
                    <a class="tc-export-link" href=url download=file_name>{app.t("再次下载", "Download again")}</a>
                </span>
            })}
            {move || failed.get().then(|| view! {
                <span class="tc-error-message" role="alert">
                    {app.t("浏览器无法生成文件", "The browser could not create the file")}
                </span>
            })}
        </div>
    }
}
