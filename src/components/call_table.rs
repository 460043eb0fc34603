//! The table of a job's calls: a row (`CallRow`) per call; one recording plays at a time.

use crate::api::CallRecord;
use crate::components::call_columns::table_columns;
use crate::components::call_row::CallRow;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn CallTable(
    records: Vec<CallRecord>,
    /// Whether phone numbers are masked.
    mask: bool,
    /// Called before the user leaves for a call (to remember the list).
    on_open: Callback<()>,
) -> impl IntoView {
    let locale = use_app().locale();
    // The call whose recording is playing: one at a time, none in a new table.
    let playing = RwSignal::new(None::<i64>);
    view! {
        <div class="tc-table-scroll">
            <table class="tc-table tc-calls-table">
                <thead>
                    <tr>{table_columns().map(|column| view! { <th>{column.title(locale)}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {records.into_iter().map(|record| view! { <CallRow record mask playing on_open/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
