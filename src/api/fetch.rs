//! The browser's side of a request: `fetch` with an `AbortController`, aborted on timeout and
//! when the request future is dropped. The only part of `api` that needs a browser.

use super::client::ApiRequest;
use super::error::ApiError;
use super::reply::Reply;
use super::session::{OPERATOR_HEADER, ROLE_HEADER};
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// HTTP method of an API request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET` with query parameters.
    Get,
    /// `POST` with a JSON body.
    Post,
}

/// Aborts the fetch when dropped: on timeout, on supersession, or when the page lets the
/// future go. Aborting a finished fetch does nothing.
struct AbortOnDrop(web_sys::AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Stops a timer that is no longer needed and settles its promise: a promise that never
/// settles keeps the callbacks `JsFuture` gave it, and what they hold, for the life of the
/// page (two JS values and their Rust side for every request that beat its timeout).
struct CancelTimer {
    handle: Option<i32>,
    resolve: Option<js_sys::Function>,
}

impl Drop for CancelTimer {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
        if let Some(resolve) = &self.resolve {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

/// Resolves after `duration` (never, outside a browser).
pub(crate) async fn sleep(duration: Duration) {
    if !cfg!(target_arch = "wasm32") {
        // Host builds (tests) have no timers; calling into JavaScript there would panic.
        std::future::pending::<()>().await;
    }
    let millis = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
    let mut timer = CancelTimer {
        handle: None,
        resolve: None,
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        timer.handle = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis)
                .ok()
        });
        timer.resolve = Some(resolve);
    });
    if timer.handle.is_none() {
        std::future::pending::<()>().await;
    }
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Whichever of two futures finishes first; the other is dropped.
async fn first<T>(a: impl Future<Output = T>, b: impl Future<Output = T>) -> T {
    let mut a = pin!(a);
    let mut b = pin!(b);
    poll_fn(|cx| {
        if let Poll::Ready(value) = a.as_mut().poll(cx) {
            return Poll::Ready(value);
        }
        b.as_mut().poll(cx)
    })
    .await
}

fn js_detail(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            js_sys::Reflect::get(value, &JsValue::from_str("message"))
                .ok()
                .and_then(|message| message.as_string())
        })
        .unwrap_or_else(|| "unknown error".to_string())
}

fn network(error: gloo_net::Error) -> ApiError {
    ApiError::Network {
        detail: error.to_string(),
    }
}

/// Starts the request now: `window.fetch` is called before this returns, so a request a
/// page makes while it renders goes out at once, not when its future is first polled
/// (after the render).
fn start(request: &ApiRequest) -> Result<(js_sys::Promise, AbortOnDrop), ApiError> {
    if !cfg!(target_arch = "wasm32") {
        // Host builds (tests) have no fetch; calling into JavaScript there would panic.
        return Err(ApiError::Network {
            detail: "not running in a browser".to_string(),
        });
    }
    let window = web_sys::window().ok_or_else(|| ApiError::Network {
        detail: "no window".to_string(),
    })?;
    let controller = web_sys::AbortController::new().map_err(|e| ApiError::Network {
        detail: js_detail(&e),
    })?;
    let signal = controller.signal();
    let abort = AbortOnDrop(controller);
    // The browser encodes the parameters and joins them to the address, once.
    let params = request.params.iter();
    let builder = match request.method {
        Method::Get => gloo_net::http::Request::get(&request.url),
        Method::Post => gloo_net::http::Request::post(&request.url),
    }
    .query(params.map(|(name, value)| (*name, value.as_str())))
    .header("Accept", "application/json")
    // The portal's session cookie (or the browser's cached basic credentials) must reach
    // the proxy, on another origin too.
    .credentials(web_sys::RequestCredentials::Include)
    .abort_signal(Some(&signal));
    let built = match &request.body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body.as_str()),
        None => builder.build(),
    }
    .map_err(network)?;
    let promise = window.fetch_with_request(&web_sys::Request::from(built));
    Ok((promise, abort))
}

/// Sends one request (now) and reads the whole answer: status, body and the headers the
/// console reads.
pub(crate) fn fetch(
    request: &ApiRequest,
    timeout: Duration,
) -> impl Future<Output = Result<Reply, ApiError>> + 'static {
    let started = start(request);
    async move {
        let (promise, _abort) = started?;
        let exchange = async {
            let response = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map_err(|e| ApiError::Network {
                    detail: js_detail(&e),
                })?;
            let response: web_sys::Response =
                response.dyn_into().map_err(|e| ApiError::Network {
                    detail: js_detail(&e),
                })?;
            let response = gloo_net::http::Response::from(response);
            let headers = response.headers();
            let mut reply = Reply {
                status: response.status(),
                operator: headers.get(OPERATOR_HEADER),
                role: headers.get(ROLE_HEADER),
                retry_after: headers.get("Retry-After"),
                ..Reply::default()
            };
            reply.body = response.text().await.map_err(network)?;
            Ok(reply)
        };
        let seconds = u32::try_from(timeout.as_secs()).unwrap_or(u32::MAX);
        let expiry = async {
            sleep(timeout).await;
            Err(ApiError::Timeout { seconds })
        };
        first(exchange, expiry).await
    }
}

/// `url` resolved as the browser would follow it from a page at `base` (itself resolved
/// against the console's own address); `None` outside a browser or when either is no URL.
pub(crate) fn resolve(url: &str, base: &str) -> Option<String> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let page = web_sys::window()?.location().href().ok()?;
    let base = web_sys::Url::new_with_base(base, &page).ok()?;
    web_sys::Url::new_with_base(url, &base.href())
        .ok()
        .map(|resolved| resolved.href())
}
