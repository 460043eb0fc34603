//! `/settings`: this browser's overrides of `config.json`, where each value comes from, reset.

use crate::api::{client, JobQuery};
use crate::config::{page_size_choices, CallRecordApi, Key, Source};
use crate::hooks::view_slot;
use crate::state::{use_app, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// Sets (or with `None` clears) one override; returns the message to show if it is invalid.
fn apply(app: AppState, key: Key, value: Option<Value>) -> Option<String> {
    let mut overrides = app.resolved.with_untracked(|r| r.overrides.clone());
    match overrides.set(key, value.as_ref()) {
        Ok(()) => {
            app.set_overrides(overrides);
            None
        }
        Err(error) => Some(error.message(app.locale())),
    }
}

fn key_label(app: AppState, key: Key) -> &'static str {
    match key {
        Key::ApiBaseUrl => app.t("API 地址（签名代理）", "API address (signing proxy)"),
        Key::CallRecordApi => app.t("通话记录接口", "Call-record API"),
        Key::MaskPhoneNumbers => app.t("隐藏号码中间四位", "Mask phone numbers"),
        Key::Locale => app.t("语言", "Language"),
        Key::PageSize => app.t("每页条数", "Rows per page"),
        Key::RefreshSeconds => app.t(
            "自动刷新间隔（秒，0 为关闭）",
            "Refresh every (seconds, 0: off)",
        ),
    }
}

/// Asks the proxy once for the smallest answer there is, when no answer has said yet who is
/// signed in: the page makes no request of its own, and its note on masking needs the role.
fn learn_who_is_signed_in(app: AppState) {
    if app.session.with_untracked(|s| s.role.is_some()) {
        return;
    }
    // One job a page: the smallest answer there is.
    let query = JobQuery::new(1);
    let asked = view_slot()
        .begin()
        .run(client::get_jobs(&app.config_untracked(), &query));
    // The answer itself does not matter: every answer's headers update the session.
    spawn_local(async move {
        let _ = asked.await;
    });
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let app = use_app();
    learn_who_is_signed_in(app);
    let reset_all = move |_| app.set_overrides(Default::default());
    let any_override = move || app.resolved.with(|r| !r.overrides.is_empty());
    let titles = [
        app.t("设置项", "Setting"),
        app.t("当前值", "Value"),
        app.t("来源", "Source"),
    ];
    view! {
        <section class="tc-page tc-settings">
            <h1>{app.t("设置", "Settings")}</h1>
            <p class="tc-hint">
                {app.t(
                    "这里的修改只保存在本浏览器中，优先于 config.json。",
                    "Changes here are saved in this browser only and take precedence over config.json.",
                )}
            </p>
            <table class="tc-table tc-settings-table">
                <thead><tr>
                    {titles.map(|title| view! { <th scope="col">{title}</th> }).collect_view()}
                    // The last column holds each row's reset button: named for screen readers.
                    <th scope="col"><span class="tc-sr-only">{app.t("操作", "Actions")}</span></th>
                </tr></thead>
                <tbody>
                    {Key::ALL.into_iter().map(|key| view! { <SettingRow key/> }).collect_view()}
                </tbody>
            </table>
            <div class="tc-actions">
                <button type="button" class="tc-button tc-reset-settings" on:click=reset_all disabled=move || !any_override()>
                    {app.t("全部恢复为 config.json", "Reset all to config.json")}
                </button>
            </div>
        </section>
    }
}

#[component]
fn SettingRow(key: Key) -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let source = move || app.resolved.with(|r| r.source(key));
    let locale = app.locale();
    let source_label = move || source().label(locale);
    let source_class = move || match source() {
        Source::File => "tc-source tc-source-file",
        Source::Override => "tc-source tc-source-override",
        Source::Default => "tc-source tc-source-default",
        Source::Url => "tc-source tc-source-url",
    };
    let set = move |value: Option<Value>| error.set(apply(app, key, value));
    view! {
        <tr class="tc-setting" data-key=key.name()>
            <th scope="row">
                {key_label(app, key)}
                <code class="tc-key">{key.name()}</code>
            </th>
            <td class="tc-setting-value">
                <SettingControl key set=Callback::new(set)/>
                <Show when=move || error.with(Option::is_some)>
                    <p class="tc-field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
                </Show>
            </td>
            <td class="tc-setting-source"><span class=source_class>{source_label}</span></td>
            <td class="tc-setting-reset">
                <Show when=move || source() == Source::Override>
                    <button type="button" class="tc-link-button tc-clear-setting" on:click=move |_| set(None)
                        aria-label=format!("{} {}", app.t("恢复", "Reset"), key_label(app, key))>
                        {app.t("恢复", "Reset")}
                    </button>
                </Show>
            </td>
        </tr>
    }
}

/// The input for one key; every change is applied at once except the address, on save.
#[component]
fn SettingControl(key: Key, set: Callback<Option<Value>>) -> impl IntoView {
    let app = use_app();
    let config = move || app.config();
    // The row's title names the control.
    let name = key_label(app, key);
    match key {
        Key::ApiBaseUrl => {
            let draft = RwSignal::new(config().api_base_url);
            // Follow resets and other changes made elsewhere.
            Effect::new(move |_| draft.set(app.config().api_base_url));
            let save = move || set.run(Some(Value::from(draft.get_untracked())));
            view! {
                <form class="tc-inline-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                    <input type="text" class="tc-input tc-api-base-url" placeholder="https://proxy.example.com" aria-label=name
                        prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))/>
                    <button type="submit" class="tc-button">{app.t("保存", "Save")}</button>
                </form>
            }
            .into_any()
        }
        Key::CallRecordApi => view! {
            <select class="tc-select tc-call-record-api" aria-label=name
                on:change=move |ev| set.run(Some(Value::from(event_target_value(&ev))))>
                {[CallRecordApi::CallRecord, CallRecordApi::Task].into_iter().map(|family| {
                    let label = match family {
                        CallRecordApi::CallRecord => app.t("callRecord 接口（新）", "callRecord family (newer)"),
                        CallRecordApi::Task => app.t("task 接口（旧）", "task family (older)"),
                    };
                    view! { <option value=family.code() selected=move || config().call_record_api == family>{label}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        Key::MaskPhoneNumbers => view! {
            <label class="tc-checkbox">
                <input type="checkbox" class="tc-mask-phones" prop:checked=move || config().mask_phone_numbers
                    on:change=move |ev| set.run(Some(Value::from(event_target_checked(&ev))))/>
                {app.t("显示为 188****1728", "show as 188****1728")}
            </label>
            <Show when=move || app.session.with(|s| s.proxy_masks_phones())>
                <p class="tc-hint tc-proxy-masks">
                    {app.t(
                        "您的角色是查看员：代理会隐藏完整号码，关闭此项也无法显示完整号码。",
                        "Your role is viewer: the proxy hides whole phone numbers, so switching masking off cannot show them.",
                    )}
                </p>
            </Show>
        }
        .into_any(),
        Key::Locale => view! {
            <select class="tc-select tc-locale" aria-label=name on:change=move |ev| set.run(Some(Value::from(event_target_value(&ev))))>
                <option value="zh-CN" selected=move || config().locale.code() == "zh-CN">"中文"</option>
                <option value="en" selected=move || config().locale.code() == "en">"English"</option>
            </select>
        }
        .into_any(),
        Key::PageSize => view! {
            <select class="tc-select tc-page-size" aria-label=name
                on:change=move |ev| set.run(event_target_value(&ev).parse::<u64>().ok().map(Value::from))>
                {move || {
                    let now = config().page_size;
                    page_size_choices(now).into_iter().map(|size| view! {
                        <option value=size.to_string() selected=size == now>{size}</option>
                    }).collect_view()
                }}
            </select>
        }
        .into_any(),
        Key::RefreshSeconds => {
            // A whole number goes in as one; anything else as text, for the key's message.
            let value_of = |text: String| match text.trim().parse::<i64>() {
                Ok(n) => Value::from(n),
                Err(_) => Value::from(text),
            };
            view! {
                <input type="number" min="0" max="3600" step="1" class="tc-input tc-refresh-seconds" aria-label=name
                    prop:value=move || config().refresh_seconds.to_string()
                    on:change=move |ev| set.run(Some(value_of(event_target_value(&ev))))/>
            }
            .into_any()
        }
    }
}
