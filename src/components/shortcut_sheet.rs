//! The sheet of keyboard shortcuts (`?` on the call page): every key with what it does, in
//! both languages, whatever the one in use.

use crate::i18n::Locale;
use crate::shortcuts::{CallKey, ListKey, Shortcut, CALL_KEYS, LIST_KEYS};
use crate::state::use_app;
use leptos::prelude::*;

/// A heading and the table of its keys: (key, Chinese, English).
fn key_table(
    heading: &'static str,
    keys: Vec<(&'static str, &'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <h3>{heading}</h3>
        <table class="tc-table tc-shortcuts">
            <thead><tr><th>"按键 · Key"</th><th>"中文"</th><th>"English"</th></tr></thead>
            <tbody>
                {keys.into_iter().map(|(key, zh, en)| view! {
                    <tr>
                        <td><kbd>{key}</kbd></td>
                        <td lang="zh-CN">{zh}</td>
                        <td lang="en">{en}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A table's rows: each key as shown, what it does in Chinese and in English.
fn rows<A: Copy>(
    table: &[Shortcut<A>],
    sentence: fn(A, Locale) -> &'static str,
) -> Vec<(&'static str, &'static str, &'static str)> {
    table
        .iter()
        .map(|s| {
            (
                s.shown,
                sentence(s.action, Locale::ZhCn),
                sentence(s.action, Locale::En),
            )
        })
        .collect()
}

/// The sheet, shown while `open`; `Escape` or its button closes it.
#[component]
pub fn ShortcutSheet(open: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let title = app.t("键盘快捷键", "Keyboard shortcuts");
    let close = app.t("关闭", "Close");
    view! {
        {move || open.get().then(|| view! {
            <div class="tc-sheet" role="dialog" aria-modal="true" aria-label=title>
                <div class="tc-sheet-body tc-card">
                    <h2>"键盘快捷键 · Keyboard shortcuts"</h2>
                    {key_table("通话页 · Call page", rows(&CALL_KEYS, CallKey::sentence))}
                    {key_table("通话列表与意向客户 · Calls and leads lists", rows(&LIST_KEYS, ListKey::sentence))}
                    <p class="tc-hint">"在输入框或下拉框中时快捷键不起作用；按住 Ctrl、Alt 或 ⌘ 时也不起作用。 · Shortcuts do not act in a text box or a menu, nor with Ctrl, Alt or ⌘ held."</p>
                    <button type="button" class="tc-button tc-sheet-close" autofocus on:click=move |_| open.set(false)>{close}</button>
                </div>
            </div>
        })}
    }
}
