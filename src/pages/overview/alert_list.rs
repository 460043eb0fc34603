//! The alerts, each a sentence with a link to the job or calls behind it; one that was not
//! listed when the user last looked is marked new.

use super::links::alert_route;
use crate::overview::{Alert, SeenAlerts};
use crate::state::use_app;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn AlertList(
    /// The alerts of the refresh on screen.
    alerts: Vec<Alert>,
    /// The day the refresh is of (the calls behind an alert are that day's).
    today: NaiveDate,
    /// The alerts listed when the user last looked, before this visit.
    seen: SeenAlerts,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let page_size = app.config_untracked().page_size;
    let new_text = app.t("新", "New");
    let open_text = app.t("查看", "View");
    let items = seen
        .mark(&alerts)
        .into_iter()
        .map(|(alert, new)| {
            let href = app.href(&alert_route(alert, today, page_size));
            view! {
                <li class="tc-alert" class:tc-alert-new=new data-alert=alert.key().topic.code()
                    data-job-id=alert.job_id.to_string()>
                    {new.then(|| view! { <span class="tc-badge tc-new">{new_text}</span> })}
                    <span class="tc-alert-text">{alert.sentence(locale)}</span>
                    <a class="tc-alert-link" href=href>{open_text} " →"</a>
                </li>
            }
        })
        .collect_view();
    let count = alerts.len();
    view! {
        <section class="tc-card tc-alerts">
            <h2>{app.t("提醒", "Alerts")} " (" {count} ")"</h2>
            {if count == 0 {
                view! { <p class="tc-hint tc-no-alerts">{app.t("暂无提醒", "No alerts")}</p> }.into_any()
            } else {
                view! { <ul class="tc-alert-list">{items}</ul> }.into_any()
            }}
        </section>
    }
}
