//! Start-up: where to mount, where the configuration lives, and loading it.

use crate::app::App;
use crate::config::{refresh_from_query, resolve, ConfigError, Resolved};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The element a portal page provides to host the console instead of `<body>`.
pub const EMBED_ELEMENT_ID: &str = "tanyi-console";

/// The element of index.html shown while the app downloads; removed when it starts.
pub const BOOT_PLACEHOLDER_ID: &str = "tanyi-boot";

/// What the app needs to know before it can load anything.
#[derive(Clone, Debug, PartialEq)]
pub struct BootOptions {
    /// Absolute URL of `config.json` (a `data:` URL works too, for tests).
    pub config_url: String,
    /// The router's base path: `""` at the site root, `/portal/tanyi` under a sub-path.
    pub base_path: String,
}

/// The router base for a page whose base URL path is `path` (`/portal/tanyi/` -> `/portal/tanyi`).
pub fn router_base(path: &str) -> String {
    path.trim_end_matches('/').to_string()
}

impl BootOptions {
    /// Reads the page: `<base href>` (Trunk's public URL), or on a portal page the
    /// `data-config-url` and `data-base-path` attributes of `#tanyi-console`.
    pub fn from_page(embed: Option<&web_sys::Element>) -> BootOptions {
        let document = web_sys::window().and_then(|w| w.document());
        let base_uri = document
            .as_ref()
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_else(|| "/".to_string());
        let base_url = web_sys::Url::new(&base_uri).ok();
        let attr = |name: &str| {
            embed
                .and_then(|e| e.get_attribute(name))
                .filter(|v| !v.trim().is_empty())
        };

        let config_ref = attr("data-config-url").unwrap_or_else(|| "config.json".to_string());
        let config_url = web_sys::Url::new_with_base(&config_ref, &base_uri)
            .map(|u| u.href())
            .unwrap_or(config_ref);
        let base_path = match attr("data-base-path") {
            Some(path) => router_base(&path),
            None => router_base(&base_url.map(|u| u.pathname()).unwrap_or_default()),
        };
        BootOptions {
            config_url,
            base_path,
        }
    }
}

/// Mounts the console into `target` (the page's `#tanyi-console`, or a test's element).
pub fn mount(target: web_sys::HtmlElement, options: BootOptions) -> UnmountHandle<impl Mountable> {
    let _ = target.class_list().add_1("tanyi-console-host");
    mount_to(target, move || view! { <App options/> })
}

/// The entry point of the built app.
pub fn start() {
    crate::panic_screen::install();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(placeholder) = document.get_element_by_id(BOOT_PLACEHOLDER_ID) {
        placeholder.remove();
    }
    let embed = document.get_element_by_id(EMBED_ELEMENT_ID);
    let options = BootOptions::from_page(embed.as_ref());
    let target = embed
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body());
    if let Some(target) = target {
        mount(target, options).forget();
    }
}

/// Fetches `config.json` and combines it with this browser's overrides.
pub async fn load_config(config_url: String) -> Result<Resolved, ConfigError> {
    let unreachable = |detail: String| ConfigError::Unreachable {
        url: config_url.clone(),
        detail,
    };
    let response = gloo_net::http::Request::get(&config_url)
        .send()
        .await
        .map_err(|e| unreachable(e.to_string()))?;
    if !response.ok() {
        return Err(unreachable(format!("HTTP {}", response.status())));
    }
    let text = response
        .text()
        .await
        .map_err(|e| unreachable(e.to_string()))?;
    // A wallboard's `?refresh=N` holds for this page load, over config.json and settings.
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    resolve(&text, crate::state::load_overrides_text().as_deref())
        .map(|resolved| resolved.with_url_refresh(refresh_from_query(&search)))
}
