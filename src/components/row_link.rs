//! How every table opens a row: a click anywhere on it opens what it stands for, except on
//! a control of its own (a link, a button, a player), which keeps the click.

use leptos::ev::MouseEvent;
use leptos_router::hooks::use_navigate;

/// What a click in a row landed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clicked {
    /// A link: it navigates by itself.
    Link,
    /// A button, player or field: not a navigation.
    Control,
    /// The row itself.
    Row,
}

/// Where in a row a click landed.
pub fn clicked(ev: &MouseEvent) -> Clicked {
    use wasm_bindgen::JsCast;
    let element = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let inside = |selector: &str| {
        element
            .as_ref()
            .and_then(|e| e.closest(selector).ok().flatten())
            .is_some()
    };
    if inside("a") {
        Clicked::Link
    } else if inside("button, audio, input, select, textarea") {
        Clicked::Control
    } else {
        Clicked::Row
    }
}

/// The row's click handler: `leaving` runs before the user leaves for `route` (by the row or
/// by its link); nothing happens without a route.
pub fn open_row(
    route: Option<String>,
    leaving: impl Fn() + 'static,
) -> impl Fn(MouseEvent) + 'static {
    let navigate = use_navigate();
    move |ev| {
        let Some(route) = &route else {
            return;
        };
        match clicked(&ev) {
            Clicked::Control => {}
            Clicked::Link => leaving(),
            Clicked::Row => {
                leaving();
                navigate(route, Default::default());
            }
        }
    }
}
