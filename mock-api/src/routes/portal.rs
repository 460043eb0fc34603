//! The stand-in sign-in portal (gateway contract, "Sign-in, mode sso"): a form, a session
//! cookie, and the session check nginx calls with `auth_request`, like oauth2-proxy's
//! `/oauth2/auth`. Always on; its paths are not logged, faulted, delayed or signature-checked.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::rng::mix;
use crate::server::AppState;

/// The session cookie's name.
pub const COOKIE: &str = "tanyi_portal";
const FORM_PATH: &str = "/__portal/sign-in";
const SIGNED_IN_PATH: &str = "/__portal/signed-in";

/// The demo accounts: (user, password, groups).
const ACCOUNTS: [(&str, &str, &str); 2] = [
    ("viewer", "viewer", "viewer"),
    ("supervisor", "supervisor", "supervisor"),
];

fn groups_of(user: &str) -> Option<&'static str> {
    ACCOUNTS
        .iter()
        .find(|(name, _, _)| *name == user)
        .map(|(_, _, groups)| *groups)
}

/// Text for HTML, in element content and in quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Where a successful sign-in may send the browser: an absolute http(s) URL whose host is
/// 127.0.0.1 or localhost (any port), in plain visible ASCII (it goes into `Location` as is).
/// Anything else (other hosts, user info `a@b`, backslashes, IPv6, relative URLs) is refused.
pub fn allowed_return(rd: &str) -> bool {
    if rd.is_empty() || !rd.bytes().all(|b| b.is_ascii_graphic()) || rd.contains('\\') {
        return false;
    }
    let lower = rd.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let port_ok = port.is_none_or(|p| p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    port_ok && (host == "127.0.0.1" || host == "localhost")
}

/// A new session token: 32 hex digits from the request-id mixer, a counter and the clock.
/// Not cryptographic (guessable by someone who knows the seed and the time): this is a
/// stand-in for tests and the demo, never a real sign-in service.
fn new_token(st: &AppState) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let count = st.next_count();
    let a = mix(st.ds.seed ^ mix(nanos) ^ mix(count.wrapping_add(0x7A6E)));
    let b = mix(a ^ mix(nanos.rotate_left(17) ^ count));
    format!("{a:016x}{b:016x}")
}

/// The `tanyi_portal` values of the request's `Cookie` headers.
fn cookie_tokens(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| name.trim() == COOKIE)
        .map(|(_, value)| value.trim().trim_matches('"').to_string())
        .filter(|value| !value.is_empty())
        .collect()
}

/// The signed-in user of the request, if its cookie names a live session.
fn session_user(st: &AppState, headers: &HeaderMap) -> Option<String> {
    let sessions = st.sessions.lock().ok()?;
    cookie_tokens(headers)
        .iter()
        .find_map(|token| sessions.get(token).cloned())
}

fn html(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn see_other(location: &str) -> Response {
    let mut resp = StatusCode::SEE_OTHER.into_response();
    let value =
        HeaderValue::from_str(location).unwrap_or_else(|_| HeaderValue::from_static(FORM_PATH));
    resp.headers_mut().insert(header::LOCATION, value);
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn page(title: &str, content: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n\
         <style>body{{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}}\
         label{{display:block;margin:.8rem 0 .2rem}}input[type=text],input[type=password]{{width:100%;padding:.4rem}}\
         button{{margin-top:1rem;padding:.5rem 1.2rem}}.error{{color:#b00020}}.note{{color:#555;font-size:.9rem}}</style>\n\
         </head>\n<body>\n{content}</body>\n</html>\n"
    )
}

/// The form; `user` and `rd` came from the request and are escaped here.
fn form_page(rd: &str, user: &str, error: Option<&str>) -> String {
    let error = error
        .map(|msg| format!("<p class=\"error\" role=\"alert\">{}</p>\n", escape(msg)))
        .unwrap_or_default();
    let content = format!(
        "<h1>探意控制台 · 登录 / Tanyi console · Sign in</h1>\n\
         {error}\
         <form method=\"post\" action=\"{FORM_PATH}\">\n\
         <label for=\"user\">用户名 · User</label>\n\
         <input type=\"text\" id=\"user\" name=\"user\" value=\"{user}\" autocomplete=\"username\" required autofocus>\n\
         <label for=\"password\">密码 · Password</label>\n\
         <input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>\n\
         <input type=\"hidden\" name=\"rd\" value=\"{rd}\">\n\
         <button type=\"submit\">登录 · Sign in</button>\n\
         </form>\n\
         <p class=\"note\">演示账号 · Demo accounts: viewer / viewer（查看员 · viewer），\
         supervisor / supervisor（主管 · supervisor）。</p>\n\
         <p class=\"note\">这是模拟的登录门户，仅供演示和测试 · A stand-in sign-in portal, for the demo and tests only.</p>\n",
        user = escape(user),
        rd = escape(rd),
    );
    page("登录 · Sign in", &content)
}

/// GET /__portal/sign-in?rd=URL : the form.
pub async fn sign_in_form(uri: Uri) -> Response {
    let rd = form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .find(|(k, _)| k == "rd")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    html(StatusCode::OK, form_page(&rd, "", None))
}

/// POST /__portal/sign-in (form-urlencoded `user`, `password`, `rd`).
pub async fn sign_in(State(st): State<Arc<AppState>>, body: Bytes) -> Response {
    let (mut user, mut password, mut rd) = (String::new(), String::new(), String::new());
    for (k, v) in form_urlencoded::parse(&body) {
        match k.as_ref() {
            "user" => user = v.into_owned(),
            "password" => password = v.into_owned(),
            "rd" => rd = v.into_owned(),
            _ => {}
        }
    }
    let known = ACCOUNTS
        .iter()
        .any(|(name, pass, _)| *name == user && *pass == password);
    if !known {
        return html(
            StatusCode::UNAUTHORIZED,
            form_page(
                &rd,
                &user,
                Some("用户名或密码错误 · Wrong user name or password"),
            ),
        );
    }
    let token = new_token(&st);
    if let Ok(mut sessions) = st.sessions.lock() {
        sessions.insert(token.clone(), user);
    }
    let mut resp = see_other(if allowed_return(&rd) {
        &rd
    } else {
        SIGNED_IN_PATH
    });
    if let Ok(cookie) =
        HeaderValue::from_str(&format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax"))
    {
        resp.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    resp
}

/// GET /__portal/signed-in : where a sign-in without a usable `rd` ends; no redirect.
pub async fn signed_in(State(st): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let content = match session_user(&st, &headers) {
        Some(user) => format!(
            "<h1>已登录 · Signed in</h1>\n\
             <p>你已作为 <strong>{user}</strong> 登录 · You are signed in as <strong>{user}</strong>.</p>\n\
             <p class=\"note\">没有可返回的地址（rd 缺失，或不是 127.0.0.1 / localhost 上的 http(s) 地址）· \
             No address to go back to (rd missing, or not an http(s) URL on 127.0.0.1 or localhost).</p>\n\
             <form method=\"post\" action=\"/__portal/sign-out\"><button type=\"submit\">退出登录 · Sign out</button></form>\n",
            user = escape(&user),
        ),
        None => format!(
            "<h1>未登录 · Not signed in</h1>\n<p><a href=\"{FORM_PATH}\">登录 · Sign in</a></p>\n"
        ),
    };
    html(StatusCode::OK, page("已登录 · Signed in", &content))
}

/// GET (any method) /__portal/session : the session check. 200 with `X-Auth-Request-User`
/// and `X-Auth-Request-Groups` for a live `tanyi_portal` cookie, else 401; both with no body.
pub async fn session(State(st): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let found = session_user(&st, &headers).and_then(|user| {
        let groups = groups_of(&user)?;
        Some((HeaderValue::from_str(&user).ok()?, groups))
    });
    let mut resp = match found {
        Some((user, groups)) => {
            let mut resp = StatusCode::OK.into_response();
            resp.headers_mut().insert("x-auth-request-user", user);
            resp.headers_mut()
                .insert("x-auth-request-groups", HeaderValue::from_static(groups));
            resp
        }
        None => StatusCode::UNAUTHORIZED.into_response(),
    };
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// POST (or GET) /__portal/sign-out : forgets the session, clears the cookie, back to the form.
pub async fn sign_out(State(st): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let tokens = cookie_tokens(&headers);
    if let Ok(mut sessions) = st.sessions.lock() {
        for token in &tokens {
            sessions.remove(token);
        }
    }
    let mut resp = see_other(FORM_PATH);
    resp.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("tanyi_portal=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_http_addresses_are_followed() {
        for ok in [
            "http://127.0.0.1:8080/calls?job=1&page=2",
            "https://localhost/",
            "http://localhost",
            "HTTP://LocalHost:3000#x",
            "http://127.0.0.1?x=1",
        ] {
            assert!(allowed_return(ok), "{ok}");
        }
        for bad in [
            "",
            "/calls",
            "//evil.example.com/",
            "https://evil.example.com/",
            "http://localhost@evil.example.com/",
            "http://localhost.evil.example.com/",
            "http://127.0.0.1.nip.io/",
            "http://evil.example.com/?localhost",
            "http://localhost:80x/",
            "http://localhost\\@evil.example.com/",
            "javascript:alert(1)",
            "http://[::1]:8080/",
            "http://localhost/\u{0}",
            "http://localhost/ a",
        ] {
            assert!(!allowed_return(bad), "{bad}");
        }
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("\"><script>'&"),
            "&quot;&gt;&lt;script&gt;&#39;&amp;"
        );
    }
}
