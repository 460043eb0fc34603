//! The sign-in screen: what a view shows when the proxy says nobody is signed in, with the
//! way to its sign-in page and, after signing in, back to the very same URL.

use crate::components::audio_player::{media_url, MediaUrl};
use crate::state::use_app;
use leptos::prelude::*;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What `encodeURIComponent` leaves as it is: letters, digits and `-_.!~*'()`.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The sign-in page's address with `rd=<current, as encodeURIComponent writes it>` added to
/// its query (before any fragment); `None` unless the address is `http(s)://` with a host.
pub fn sign_in_href(sign_in_url: &str, current: &str) -> Option<String> {
    let MediaUrl::Safe(url) = media_url(Some(sign_in_url)) else {
        return None;
    };
    let (address, fragment) = match url.split_once('#') {
        Some((address, fragment)) => (address, Some(fragment)),
        None => (url.as_str(), None),
    };
    let separator = if !address.contains('?') {
        "?"
    } else if address.ends_with(['?', '&']) {
        ""
    } else {
        "&"
    };
    let rd = utf8_percent_encode(current, URI_COMPONENT);
    let mut href = format!("{address}{separator}rd={rd}");
    if let Some(fragment) = fragment {
        href.push('#');
        href.push_str(fragment);
    }
    Some(href)
}

/// The console's whole address now (what the sign-in page sends the user back to).
fn current_address() -> String {
    web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default()
}

/// "Please sign in", with a link that takes the whole window (the portal's too, when the
/// console is framed) to the sign-in page; without a link when its address is not http(s).
#[component]
pub fn SignInPanel(url: String, retry: Callback<()>) -> impl IntoView {
    let app = use_app();
    let href = sign_in_href(&url, &current_address());
    let way = match href {
        Some(href) => view! {
            <p class="tc-sign-in-hint">
                {app.t("登录后会回到当前页面，筛选条件不变。", "After signing in you come back to this page, filters and all.")}
            </p>
            <a class="tc-button tc-sign-in-link" href=href target="_top">{app.t("去登录", "Sign in")}</a>
        }
        .into_any(),
        None => view! {
            <p class="tc-sign-in-hint tc-sign-in-no-link">
                {app.t(
                    "代理给出的登录地址不是 http(s) 地址，无法前往，请联系管理员。",
                    "The sign-in address the proxy gave is not an http(s) address: ask your administrator.",
                )}
            </p>
        }
        .into_any(),
    };
    view! {
        <section class="tc-sign-in" role="alert">
            <p class="tc-sign-in-message">{app.t("请先登录", "Please sign in")}</p>
            {way}
            <button type="button" class="tc-button tc-button-plain tc-retry" on:click=move |_| retry.run(())>
                {app.t("重试", "Retry")}
            </button>
        </section>
    }
}
