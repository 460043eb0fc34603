//! The screen shown when the configuration cannot be used: what is wrong and how to fix it.

use crate::config::{ConfigError, Layer, Origin};
use crate::i18n::Locale;
use crate::state::save_overrides;
use leptos::prelude::*;

#[component]
pub fn ConfigErrorScreen(error: ConfigError, retry: Callback<()>) -> impl IntoView {
    // The configuration (and so the chosen language) is what failed: show both languages.
    let in_overrides = error.origin() == Origin::Override;
    let clear_overrides = move |_| {
        save_overrides(&Layer::default());
        retry.run(());
    };
    view! {
        <section class="tc-config-error" role="alert">
            <h1>"控制台无法启动 · The console cannot start"</h1>
            <p class="tc-config-error-message" lang="zh-CN">{error.message(Locale::ZhCn)}</p>
            <p class="tc-config-error-remedy" lang="zh-CN">{error.remedy(Locale::ZhCn)}</p>
            <p class="tc-config-error-message" lang="en">{error.message(Locale::En)}</p>
            <p class="tc-config-error-remedy" lang="en">{error.remedy(Locale::En)}</p>
            <div class="tc-actions">
                <button type="button" class="tc-button tc-retry" on:click=move |_| retry.run(())>
                    "重试 · Retry"
                </button>
                <Show when=move || in_overrides>
                    <button type="button" class="tc-button tc-clear-overrides" on:click=clear_overrides>
                        "清除本浏览器设置 · Clear this browser's settings"
                    </button>
                </Show>
            </div>
        </section>
    }
}
