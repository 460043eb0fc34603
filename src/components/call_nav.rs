//! Previous and next call within the list the user came from.
//!
//! The calls page remembers its list in sessionStorage (job, URL query, the ids on the page,
//! page number, page count) before the user opens a call; the call page reads it back. At a
//! page edge the neighbouring page of the same query is fetched to find the next id, and
//! the remembered list moves to that page.

use crate::api::{client, CallQuery, CallRecord, Page};
use crate::hooks::view_slot;
use crate::pages::routes;
use crate::state::{storage, use_app};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use serde::{Deserialize, Serialize};

/// The list a call was opened from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallList {
    /// The job whose calls were listed.
    pub job_id: i64,
    /// The list's URL query (without `?` and without the job), its page included.
    pub query: String,
    /// The call ids on the page, in the order shown.
    pub ids: Vec<i64>,
    /// The page number, from 1.
    pub page: u32,
    /// How many pages the list has.
    pub pages: u32,
    /// Rows per page.
    pub page_size: u32,
    /// Calls in the whole list.
    pub total: u64,
    /// When the list is the leads list: its URL query (the ids are then the whole list).
    #[serde(default)]
    pub leads_query: Option<String>,
}

/// Which way to move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Previous,
    Next,
}

/// Where a move leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Another call on the same page.
    Call(i64),
    /// The neighbouring page must be fetched: its first call (going next) or last (going back).
    FetchPage(u32),
    /// Nothing that way (or the call is not in the list).
    None,
}

impl CallList {
    /// Reads the stored text; anything unreadable is no list.
    pub fn from_json(text: &str) -> Option<CallList> {
        serde_json::from_str::<CallList>(text)
            .ok()
            .filter(|list| list.page >= 1 && (list.job_id > 0 || list.leads_query.is_some()))
    }

    /// The text to store.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Where moving from `current` leads.
    pub fn step(&self, current: i64, direction: Direction) -> Step {
        let Some(index) = self.ids.iter().position(|id| *id == current) else {
            return Step::None;
        };
        match direction {
            Direction::Previous if index > 0 => Step::Call(self.ids[index - 1]),
            Direction::Previous if self.page > 1 => Step::FetchPage(self.page - 1),
            Direction::Next if index + 1 < self.ids.len() => Step::Call(self.ids[index + 1]),
            Direction::Next if self.page < self.pages => Step::FetchPage(self.page + 1),
            _ => Step::None,
        }
    }

    /// Whether the call is on the remembered page.
    pub fn contains(&self, current: i64) -> bool {
        self.ids.contains(&current)
    }

    /// The call's place in the whole list, from 1: `(23, 500)`.
    pub fn position(&self, current: i64) -> Option<(u64, u64)> {
        let index = self.ids.iter().position(|id| *id == current)? as u64;
        let before = u64::from(self.page.saturating_sub(1)) * u64::from(self.page_size);
        let place = before + index + 1;
        Some((place, self.total.max(place)))
    }

    /// The query of another page of the same list (`default_page_size` is the configured one).
    pub fn page_query(&self, page: u32, default_page_size: u32) -> CallQuery {
        let mut query = CallQuery::from_url(&self.query, default_page_size);
        query.job_id = Some(self.job_id);
        query.page_size = self.page_size;
        query.page = page;
        query
    }

    /// The list shown for `query` (its page number and size): `found`, the calls of that page
    /// and the counts. `default_page_size` is the configured one.
    pub fn of(
        job_id: i64,
        query: &CallQuery,
        found: &Page<CallRecord>,
        default_page_size: u32,
    ) -> CallList {
        CallList {
            job_id,
            query: routes::calls_url_query(query, default_page_size),
            ids: found.items.iter().filter_map(|call| call.id).collect(),
            page: query.page.max(1),
            pages: found.page_count(query.page_size),
            page_size: query.page_size,
            total: found.total_rows(),
            leads_query: None,
        }
    }

    /// The leads list shown for its URL query: every lead's call id, newest first.
    pub fn leads(url_query: String, ids: Vec<i64>) -> CallList {
        let total = ids.len() as u64;
        CallList {
            job_id: 0,
            query: String::new(),
            page: 1,
            pages: 1,
            page_size: u32::try_from(ids.len()).unwrap_or(u32::MAX).max(1),
            total,
            ids,
            leads_query: Some(url_query),
        }
    }

    /// The same list moved to another page, `found`.
    pub fn moved_to(
        &self,
        page: u32,
        found: &Page<CallRecord>,
        default_page_size: u32,
    ) -> CallList {
        let query = self.page_query(page, default_page_size);
        CallList::of(self.job_id, &query, found, default_page_size)
    }

    /// The list's own route: `/jobs/12/calls?page=3`, or `/leads?...`.
    pub fn route(&self) -> String {
        match &self.leads_query {
            Some(query) => routes::leads(query),
            None => routes::job_calls(self.job_id, &self.query),
        }
    }
}

/// Remembers the list (for this tab). Without storage there is no previous/next, nothing
/// worse.
pub fn save_call_list(list: &CallList) {
    storage::CALL_LIST.save(&list.to_json());
}

/// The remembered list, if any.
pub fn load_call_list() -> Option<CallList> {
    CallList::from_json(&storage::CALL_LIST.load()?)
}

/// The list a call page walks: the remembered list, whether a move is on its way, why the
/// last one failed, and the move itself. Copy, so closures can hold it.
#[derive(Clone, Copy)]
pub struct ListWalk {
    /// The remembered list, when the call on screen is in it.
    pub list: Signal<Option<CallList>>,
    /// A neighbouring page is being fetched.
    pub busy: RwSignal<bool>,
    /// Why the last move failed, in the user's language.
    pub failure: RwSignal<Option<String>>,
    current: Signal<i64>,
    go: Callback<Direction, bool>,
}

impl ListWalk {
    /// Moves to the previous or next call; `false` when there is none that way (or the call
    /// was not opened from a list).
    pub fn go(&self, direction: Direction) -> bool {
        self.go.run(direction)
    }
}

/// The walk through the list the call `current` was opened from.
pub fn use_list_walk(current: Signal<i64>) -> ListWalk {
    let app = use_app();
    let locale = app.locale();
    let remembered = RwSignal::new(load_call_list());
    // Where the last move went, until the page's id catches up (keys pressed in quick
    // succession move on from there, not from the call still on screen).
    let moved_to = StoredValue::new(None::<i64>);
    // A move may have changed the remembered list (another page): read it again.
    Effect::new(move |_| {
        current.track();
        moved_to.set_value(None);
        remembered.set(load_call_list());
    });
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    // Leaving the call aborts a neighbouring page's request: its answer must not move the
    // user away from wherever they went.
    let slot = view_slot();
    let navigate = use_navigate();
    let go = move |direction: Direction| -> bool {
        let Some(remembered_list) = remembered.get_untracked() else {
            return false;
        };
        let navigate = navigate.clone();
        let from = moved_to
            .get_value()
            .unwrap_or_else(|| current.get_untracked());
        match remembered_list.step(from, direction) {
            Step::Call(id) => {
                moved_to.set_value(Some(id));
                navigate(&format!("/calls/{id}"), Default::default());
                true
            }
            Step::FetchPage(page) => {
                let config = app.config_untracked();
                let default_size = config.page_size;
                let query = remembered_list.page_query(page, default_size);
                busy.set(true);
                failure.set(None);
                let ticket = slot.begin();
                spawn_local(async move {
                    let answer = ticket
                        .run(client::retrying(
                            client::get_calls(&config, &query),
                            || client::get_calls(&config, &query),
                            // The buttons stay busy while it waits.
                            |_| {},
                        ))
                        .await;
                    let _ = busy.try_set(false);
                    match answer {
                        Err(error) if error.is_superseded() => {}
                        Ok(found) => {
                            let moved = remembered_list.moved_to(page, &found, default_size);
                            let target = match direction {
                                Direction::Next => moved.ids.first().copied(),
                                Direction::Previous => moved.ids.last().copied(),
                            };
                            save_call_list(&moved);
                            let _ = remembered.try_set(Some(moved));
                            match target {
                                Some(id) => navigate(&format!("/calls/{id}"), Default::default()),
                                None => {
                                    let _ = failure.try_set(Some(
                                        locale
                                            .pick(
                                                "相邻一页已没有通话（列表已变化），请返回通话列表",
                                                "The neighbouring page has no calls any more (the list changed): go back to the calls",
                                            )
                                            .to_string(),
                                    ));
                                }
                            }
                        }
                        Err(error) => {
                            let _ = failure.try_set(Some(error.message(locale)));
                        }
                    }
                });
                true
            }
            Step::None => false,
        }
    };
    let list = Signal::derive(move || {
        remembered.with(|l| l.as_ref().filter(|l| l.contains(current.get())).cloned())
    });
    ListWalk {
        list,
        busy,
        failure,
        current,
        go: Callback::new(go),
    }
}

/// Previous / next buttons and the call's place in its list; nothing when the call was not
/// opened from a list.
#[component]
pub fn CallNav(walk: ListWalk) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let back_to_leads = app.t("← 返回意向客户", "← Back to the leads");
    let back_to_calls = app.t("← 返回通话列表", "← Back to the calls");
    let previous = app.t("上一条", "Previous");
    let next = app.t("下一条", "Next");
    move || {
        let remembered = walk.list.get()?;
        let id = walk.current.get();
        let can = |direction| remembered.step(id, direction) != Step::None;
        let (can_prev, can_next) = (can(Direction::Previous), can(Direction::Next));
        let place = remembered.position(id).map(|(place, total)| match locale {
            crate::i18n::Locale::ZhCn => format!("第 {place} / {total} 条"),
            crate::i18n::Locale::En => format!("{place} of {total}"),
        });
        let back = if remembered.leads_query.is_some() {
            back_to_leads
        } else {
            back_to_calls
        };
        Some(view! {
            <nav class="tc-call-nav" aria-label=app.t("上一条/下一条", "Previous/next call")>
                <a href=app.href(&remembered.route()) class="tc-back-to-list">{back}</a>
                <button type="button" class="tc-button tc-button-plain tc-call-prev"
                    disabled=move || !can_prev || walk.busy.get()
                    on:click=move |_| { walk.go(Direction::Previous); }>
                    {previous}
                </button>
                <span class="tc-call-place">{place}</span>
                <button type="button" class="tc-button tc-button-plain tc-call-next"
                    disabled=move || !can_next || walk.busy.get()
                    on:click=move |_| { walk.go(Direction::Next); }>
                    {next}
                </button>
                {move || walk.failure.get().map(|message| view! {
                    <span class="tc-call-nav-error" role="alert">{message}</span>
                })}
            </nav>
        })
    }
}
