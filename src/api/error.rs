//! Everything that can go wrong with an API request, with a message in the user's language.

use crate::i18n::Locale;
use std::fmt;

/// The `detail` of a [`ApiError::Shape`] for a member that is absent or `null`.
pub const MISSING: &str = "missing";

/// Why a request gave no data. Each kind of failure is its own variant so pages can react
/// (retry, ignore a superseded answer) and show a message that helps.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The API answered with an envelope whose `code` is not 200.
    Api {
        /// The envelope's `code` (401, 403, 404, 412, 500, ...).
        code: i64,
        /// The envelope's `resultMsg`, when there is one.
        message: Option<String>,
        /// The envelope's `requestId`, what support asks for.
        request_id: Option<String>,
    },
    /// The server (or the proxy) answered with an HTTP error status and no usable envelope.
    Http {
        /// The HTTP status.
        status: u16,
        /// The start of the body, whitespace collapsed.
        excerpt: String,
        /// The `requestId` of a JSON error body (a server's own error page), when sent.
        request_id: Option<String>,
    },
    /// The request never got an answer: offline, DNS, refused, CORS, ...
    Network {
        /// What the browser said.
        detail: String,
    },
    /// The answer is not JSON (a proxy's HTML error page, an empty body, ...).
    NotJson {
        /// The start of the body, whitespace collapsed.
        excerpt: String,
    },
    /// The answer is JSON but not in the documented shape.
    Shape {
        /// Where it does not fit (`data`, `data.content`, ...).
        path: String,
        /// What was expected and found.
        detail: String,
        /// The envelope's `requestId`, when there is one.
        request_id: Option<String>,
    },
    /// A detail answered with success but no data (`data: null`): most likely nothing has
    /// that id.
    NoData {
        /// The envelope's `requestId`, when there is one.
        request_id: Option<String>,
    },
    /// No answer within the time limit; the request was aborted.
    Timeout {
        /// The limit, in seconds.
        seconds: u32,
    },
    /// The proxy says nobody is signed in (HTTP 401 with `data.signInUrl`): the user signs in
    /// there and comes back.
    SignIn {
        /// The sign-in page: as sent, or resolved against the request's address once the
        /// client has it. Only an `http(s)` one may become a link.
        url: String,
        /// The envelope's `requestId`, when there is one.
        request_id: Option<String>,
    },
    /// Too many requests (HTTP 429). The client waits and asks again by itself.
    RateLimited {
        /// How long to wait before asking again, from `Retry-After`.
        seconds: u32,
    },
    /// A newer request for the same view replaced this one. Pages ignore it.
    Superseded,
}

impl ApiError {
    /// The envelope's `code`, for an error the API itself reported.
    pub fn code(&self) -> Option<i64> {
        match self {
            ApiError::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The HTTP status, for an HTTP error.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            ApiError::SignIn { .. } => Some(401),
            ApiError::RateLimited { .. } => Some(429),
            _ => None,
        }
    }

    /// The `requestId` to quote to support, when the API sent one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Api { request_id, .. }
            | ApiError::Shape { request_id, .. }
            | ApiError::NoData { request_id }
            | ApiError::SignIn { request_id, .. }
            | ApiError::Http { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The API's own message (`resultMsg`), when it sent one.
    pub fn result_msg(&self) -> Option<&str> {
        match self {
            ApiError::Api { message, .. } => message.as_deref(),
            _ => None,
        }
    }

    /// Whether this answer was replaced by a newer request (and must not be shown).
    pub fn is_superseded(&self) -> bool {
        matches!(self, ApiError::Superseded)
    }

    /// Whether trying again later may help (as opposed to fixing the configuration).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Api { code, .. } => *code >= 500,
            ApiError::Http { status, .. } => *status >= 500 || *status == 429,
            ApiError::Network { .. } | ApiError::Timeout { .. } | ApiError::RateLimited { .. } => {
                true
            }
            ApiError::NotJson { .. }
            | ApiError::Shape { .. }
            | ApiError::NoData { .. }
            | ApiError::SignIn { .. }
            | ApiError::Superseded => false,
        }
    }

    /// What to do about it, in the user's language, when there is something to say.
    pub fn hint(&self, locale: Locale) -> Option<&'static str> {
        let pick = |zh, en| Some(locale.pick(zh, en));
        match self {
            ApiError::Api { code, .. } => match code {
                401 => pick(
                    "凭证或签名错误，请检查代理的 appKey/appSecret 配置",
                    "Bad credentials or signature: check appKey/appSecret in the proxy's configuration",
                ),
                403 => pick(
                    "没有权限访问这些数据，请确认 appKey 所属账号的权限",
                    "No permission for this data: check what the appKey's account may see",
                ),
                404 => pick(
                    "数据不存在，可能已被删除或编号有误",
                    "Not found: it may have been deleted, or the id is wrong",
                ),
                412 => pick(
                    "请求参数有误，请检查筛选条件",
                    "The request's parameters were rejected: check the filters",
                ),
                500 => pick(
                    "探意服务器内部错误，请稍后重试",
                    "Tanyi's server failed: try again later",
                ),
                _ => None,
            },
            ApiError::Http { status, .. } => match status {
                401 | 403 => pick(
                    "代理拒绝了请求，请检查代理的访问控制配置",
                    "The proxy refused the request: check its access rules",
                ),
                404 | 405 => pick(
                    "接口地址不存在，请检查设置中的 apiBaseUrl 和 callRecordApi",
                    "No such API address: check apiBaseUrl and callRecordApi in the settings",
                ),
                502..=504 => pick(
                    "代理无法连接探意服务器，请稍后重试",
                    "The proxy could not reach Tanyi: try again later",
                ),
                _ => None,
            },
            ApiError::Network { .. } => pick(
                "请检查网络连接、设置中的 apiBaseUrl，以及代理是否允许跨域访问（CORS）",
                "Check the network, apiBaseUrl in the settings, and whether the proxy allows cross-origin requests (CORS)",
            ),
            ApiError::NotJson { .. } => pick(
                "apiBaseUrl 可能指向了网页而不是签名代理",
                "apiBaseUrl may point at a web page rather than the signing proxy",
            ),
            ApiError::NoData { .. } => pick(
                "它可能不存在或已被删除；如编号无误，请把请求编号告知技术支持",
                "It may not exist or have been deleted; if the id is right, give the request id to support",
            ),
            ApiError::Shape { .. } => pick(
                "接口的返回格式与文档不符，请把请求编号告知技术支持",
                "The API's answer does not match its documentation: give the request id to support",
            ),
            ApiError::Timeout { .. } => pick(
                "服务器响应太慢，请稍后重试",
                "The server is slow to answer: try again later",
            ),
            ApiError::SignIn { .. } => pick(
                "登录后会回到当前页面",
                "After signing in you come back to this page",
            ),
            ApiError::RateLimited { .. } | ApiError::Superseded => None,
        }
    }

    /// What went wrong, in the user's language, with the hint when there is one.
    pub fn message(&self, locale: Locale) -> String {
        let zh = locale == Locale::ZhCn;
        let what = match self {
            ApiError::Api { code, message, .. } => match (message.as_deref(), zh) {
                (Some(msg), true) => format!("接口返回错误 {code}：{msg}"),
                (Some(msg), false) => format!("The API answered with error {code}: {msg}"),
                (None, true) => format!("接口返回错误 {code}"),
                (None, false) => format!("The API answered with error {code}"),
            },
            ApiError::Http {
                status, excerpt, ..
            } => match (excerpt.is_empty(), zh) {
                (false, true) => format!("服务器返回 HTTP {status}：{excerpt}"),
                (false, false) => format!("The server answered HTTP {status}: {excerpt}"),
                (true, true) => format!("服务器返回 HTTP {status}"),
                (true, false) => format!("The server answered HTTP {status}"),
            },
            ApiError::Network { detail } => match (detail.is_empty(), zh) {
                (false, true) => format!("无法连接接口服务：{detail}"),
                (false, false) => format!("Could not reach the API: {detail}"),
                (true, true) => "无法连接接口服务".to_string(),
                (true, false) => "Could not reach the API".to_string(),
            },
            ApiError::NotJson { excerpt } => match (excerpt.is_empty(), zh) {
                (false, true) => format!("接口返回的不是 JSON：{excerpt}"),
                (false, false) => format!("The API's answer is not JSON: {excerpt}"),
                (true, true) => "接口返回了空内容".to_string(),
                (true, false) => "The API's answer is empty".to_string(),
            },
            ApiError::Shape { path, detail, .. } => {
                if zh {
                    format!("接口返回的数据格式不符（{path}：{detail}）")
                } else {
                    format!("The API's answer has an unexpected shape ({path}: {detail})")
                }
            }
            ApiError::NoData { .. } => locale
                .pick(
                    "接口没有返回这条记录的数据",
                    "The API returned no data for this id",
                )
                .to_string(),
            ApiError::Timeout { seconds } => {
                if zh {
                    format!("请求超时：{seconds} 秒内没有响应")
                } else {
                    format!("The request timed out: no answer within {seconds} s")
                }
            }
            ApiError::SignIn { .. } => locale.pick("请先登录", "Please sign in").to_string(),
            ApiError::RateLimited { seconds } => {
                if zh {
                    format!("请求过于频繁，{seconds} 秒后重试")
                } else {
                    format!("Too many requests: retrying in {seconds} s")
                }
            }
            ApiError::Superseded => locale
                .pick(
                    "请求已被更新的请求取代",
                    "The request was replaced by a newer one",
                )
                .to_string(),
        };
        let what = what.trim_end_matches(['.', '。', '!', '！', ' ']);
        match self.hint(locale) {
            Some(hint) if zh => format!("{what}。{hint}。"),
            Some(hint) => format!("{what}. {hint}."),
            None if zh => format!("{what}。"),
            None => format!("{what}."),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Locale::En))
    }
}

impl std::error::Error for ApiError {}
