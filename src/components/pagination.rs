//! Page links under a table. The arithmetic is a plain function; the component renders it.

use crate::config::page_size_choices;
use crate::state::use_app;
use leptos::prelude::*;

/// One item of the page bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageItem {
    Page(u32),
    /// A gap between page numbers.
    Gap,
}

/// The pages to show around `current` of `total` (1-based): first, last, and two either
/// side of the current one, with gaps between.
pub fn page_items(current: u32, total: u32) -> Vec<PageItem> {
    if total == 0 {
        return Vec::new();
    }
    let current = current.clamp(1, total);
    let near = |p: u32| p == 1 || p == total || p.abs_diff(current) <= 2;
    // A gap never stands for a single page: that page is shown instead.
    let shown = |p: u32| near(p) || (p > 1 && near(p - 1) && near(p + 1));
    let mut items = Vec::new();
    for page in 1..=total {
        if shown(page) {
            items.push(PageItem::Page(page));
        } else if items.last() != Some(&PageItem::Gap) {
            items.push(PageItem::Gap);
        }
    }
    items
}

#[component]
pub fn Pagination(
    #[prop(into)] current: Signal<u32>,
    #[prop(into)] total_pages: Signal<u32>,
    #[prop(into)] total_rows: Signal<u64>,
    on_page: Callback<u32>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let go = move |page: u32| on_page.run(page);
    view! {
        <nav class="tc-pagination" aria-label=app.t("分页", "Pages")>
            <span class="tc-total">
                {move || match locale {
                    crate::i18n::Locale::ZhCn => format!("共 {} 条", total_rows.get()),
                    crate::i18n::Locale::En => format!("{} in all", total_rows.get()),
                }}
            </span>
            <button type="button" class="tc-page-prev" disabled=move || { current.get() <= 1 }
                on:click=move |_| go(current.get_untracked().saturating_sub(1).max(1))>
                {app.t("上一页", "Previous")}
            </button>
            {move || {
                let now = current.get();
                page_items(now, total_pages.get())
                    .into_iter()
                    .map(|item| match item {
                        PageItem::Page(page) => view! {
                            <button type="button" class="tc-page-number" class:tc-current=page == now
                                aria-current=move || (page == now).then_some("page")
                                on:click=move |_| go(page)>{page}</button>
                        }
                        .into_any(),
                        PageItem::Gap => view! { <span class="tc-page-gap">"…"</span> }.into_any(),
                    })
                    .collect_view()
            }}
            <button type="button" class="tc-page-next" disabled=move || { current.get() >= total_pages.get() }
                on:click=move |_| go((current.get_untracked() + 1).min(total_pages.get_untracked()))>
                {app.t("下一页", "Next")}
            </button>
        </nav>
    }
}

/// Rows per page, the same choices on every list.
#[component]
pub fn PageSizeSelect(
    #[prop(into)] current: Signal<u32>,
    on_change: Callback<u32>,
) -> impl IntoView {
    let app = use_app();
    // The size alone: the menu is not rebuilt on every other filter change.
    let current = Memo::new(move |_| current.get());
    view! {
        <label class="tc-page-size-label">
            {app.t("每页", "Per page")}
            <select class="tc-select tc-page-size" on:change=move |ev| {
                if let Ok(size) = event_target_value(&ev).parse() { on_change.run(size) }
            }>
                {move || {
                    let now = current.get();
                    page_size_choices(now).into_iter().map(|size| view! {
                        <option value=size.to_string() selected=size == now>{size}</option>
                    }).collect_view()
                }}
            </select>
        </label>
    }
}
