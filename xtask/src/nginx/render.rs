//! Fills in the deployable templates of deploy/nginx for given settings, refusing any value
//! that could break out of its place in the config.

use super::{Auth, CredentialsSource, ProxySettings, DEFAULT_AUDIT_LOG};
use std::io;
use std::path::Path;

/// The njs script, as deployed (`js_import tanyi from .../tanyi.js`).
pub const NJS_SCRIPT: &str = include_str!("../../../deploy/nginx/tanyi.js");
/// http-level template: njs variables, roles, rate limit, CORS allowlist, cache map, logs.
pub const HTTP_TEMPLATE: &str = include_str!("../../../deploy/nginx/tanyi-http.conf.template");
/// server-level template: the static app.
pub const SITE_TEMPLATE: &str = include_str!("../../../deploy/nginx/tanyi-site.conf.template");
/// server-level template: the gateway for /apiOpen/.
pub const API_TEMPLATE: &str = include_str!("../../../deploy/nginx/tanyi-api.conf.template");
/// The sign-in of each mode, included by the gateway's locations.
pub const AUTH_SSO_TEMPLATE: &str =
    include_str!("../../../deploy/nginx/tanyi-auth-sso.conf.template");
pub const AUTH_BASIC_TEMPLATE: &str =
    include_str!("../../../deploy/nginx/tanyi-auth-basic.conf.template");
pub const AUTH_NONE_TEMPLATE: &str =
    include_str!("../../../deploy/nginx/tanyi-auth-none.conf.template");

/// The name of the sign-in snippet, beside the njs script.
pub const AUTH_CONF_NAME: &str = "tanyi-auth.conf";

/// The four deployable snippets, filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippets {
    /// Goes inside `http { }` once.
    pub http: String,
    /// Goes inside the `server { }` that serves the app.
    pub site: String,
    /// Goes inside the `server { }` that serves /apiOpen/ (the same one, for same origin).
    pub api: String,
    /// The sign-in of the chosen mode: the file [`AUTH_CONF_NAME`] beside the njs script,
    /// which `api` includes.
    pub auth: String,
}

/// Fills in the deployable snippets for `dist_dir` on the serving machine, with the njs
/// script at `njs_file` and the sign-in snippet beside it ([`AUTH_CONF_NAME`]). Settings are
/// checked first: a value that could break out of its place in the config is refused.
pub fn render_snippets(
    dist_dir: &Path,
    njs_file: &Path,
    settings: &ProxySettings,
) -> io::Result<Snippets> {
    let upstream = checked_origin("upstream", &settings.upstream)?;
    let call_record_upstream = match &settings.call_record_upstream {
        Some(u) => checked_origin("call_record_upstream", u)?,
        None => upstream.clone(),
    };
    let mut origins = Vec::new();
    for origin in &settings.allowed_origins {
        let origin = checked_origin("allowed_origins", origin)?;
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    let allowed_origins = match origins.is_empty() {
        true => "# (none: only same-origin pages may call)".to_string(),
        false => origins
            .iter()
            .map(|o| format!("\"{o}\" $http_origin;"))
            .collect::<Vec<_>>()
            .join("\n    "),
    };
    let mut connect_src = "'self'".to_string();
    if let Some(api) = &settings.api_origin {
        connect_src.push(' ');
        connect_src.push_str(&checked_origin("api_origin", api)?);
    }
    let public_url = checked_public_url(&settings.public_url)?;
    let dist = checked_path("dist_dir", dist_dir)?;
    let dist = dist.trim_end_matches('/');
    let config_json = match &settings.config_json {
        Some(p) => checked_path("config_json", p)?,
        None => format!("{dist}/config.json"),
    };
    let credentials_file = match &settings.credentials {
        CredentialsSource::File(p) => checked_path("credentials file", p)?,
        CredentialsSource::Values(_) | CredentialsSource::Environment => String::new(),
    };

    let auth = render_auth(&settings.auth)?;
    let rate = settings.rate_limit;
    if rate.per_second == 0 {
        return Err(invalid("rate_limit", "0", "at least 1 request a second"));
    }
    let http = fill(
        HTTP_TEMPLATE,
        &[
            ("NJS_FILE", &checked_path("njs_file", njs_file)?),
            ("ALLOWED_ORIGINS", &allowed_origins),
            (
                "ALLOWED_ORIGIN_LIST",
                &origins.join(" ").to_ascii_lowercase(),
            ),
            ("AUTH_MODE", settings.auth.mode()),
            ("ROLE_FILE_INCLUDE", &auth.role_file_include),
            ("ROLE_FILE", &auth.role_file),
            ("SIGN_IN_URL", &auth.sign_in_url),
            ("RATE_PER_SECOND", &rate.per_second.to_string()),
            ("RATE_BURST", &rate.burst.to_string()),
        ],
    )?;
    let site = fill(
        SITE_TEMPLATE,
        &[
            ("PUBLIC_PATH", public_url.trim_end_matches('/')),
            ("PUBLIC_URL", &public_url),
            ("DIST_DIR", dist),
            ("CONFIG_JSON", &config_json),
            ("BROTLI_STATIC", brotli_static(settings.brotli_static)),
            ("CONNECT_SRC", &connect_src),
            (
                "FRAME_ANCESTORS",
                &checked_frame_ancestors(&settings.frame_ancestors)?,
            ),
        ],
    )?;
    let audit_log = match &settings.audit_log {
        Some(p) => checked_path("audit_log", p)?,
        None => DEFAULT_AUDIT_LOG.to_string(),
    };
    let auth_conf = njs_file.with_file_name(AUTH_CONF_NAME);
    let mut api = fill(
        API_TEMPLATE,
        &[
            ("UPSTREAM", &upstream),
            ("CALL_RECORD_UPSTREAM", &call_record_upstream),
            ("CREDENTIALS_FILE", &credentials_file),
            ("AUTH_CONF", &checked_path("auth conf", &auth_conf)?),
            ("SESSION_CHECK", &auth.session_check),
            ("RATE_BURST", &rate.burst.to_string()),
            ("AUDIT_LOG", &audit_log),
        ],
    )?;
    if settings.test_endpoints {
        api.push_str(TEST_LOCATIONS);
    }
    Ok(Snippets {
        http,
        site,
        api,
        auth: auth.snippet,
    })
}

/// The site's `BROTLI_STATIC`: the directive, or a comment where nginx lacks the module.
fn brotli_static(on: bool) -> &'static str {
    match on {
        true => "brotli_static on;",
        false => {
            "# brotli_static: ngx_http_brotli_static_module not loaded, the .gz files go instead"
        }
    }
}

/// What a sign-in mode puts into the templates.
struct AuthRendering {
    /// The included snippet (tanyi-auth-*.conf).
    snippet: String,
    /// The body of the session-check location: `proxy_pass URL;` in mode sso.
    session_check: String,
    /// The role map's content in mode basic.
    role_file_include: String,
    /// The role file tanyi.js reads in mode basic; empty otherwise.
    role_file: String,
    /// `data.signInUrl` of a 401.
    sign_in_url: String,
}

fn render_auth(auth: &Auth) -> io::Result<AuthRendering> {
    let no_roles = format!("# (mode {}: no role file)", auth.mode());
    // Only mode sso asks the session check; elsewhere the location answers nothing.
    let no_session_check = "return 404;".to_string();
    Ok(match auth {
        Auth::Sso {
            session_check_url,
            sign_in_url,
        } => AuthRendering {
            snippet: fill(AUTH_SSO_TEMPLATE, &[])?,
            session_check: format!(
                "proxy_pass {};",
                checked_url("session_check_url", session_check_url)?
            ),
            role_file_include: no_roles,
            role_file: String::new(),
            sign_in_url: checked_url("sign_in_url", sign_in_url)?,
        },
        Auth::Basic { htpasswd, roles } => AuthRendering {
            snippet: fill(
                AUTH_BASIC_TEMPLATE,
                &[("HTPASSWD_FILE", &checked_path("htpasswd", htpasswd)?)],
            )?,
            session_check: no_session_check,
            role_file_include: format!("include \"{}\";", checked_path("roles", roles)?),
            role_file: checked_path("roles", roles)?,
            sign_in_url: "/tanyi-sign-in".to_string(),
        },
        Auth::None => AuthRendering {
            snippet: fill(AUTH_NONE_TEMPLATE, &[])?,
            session_check: no_session_check,
            role_file_include: no_roles,
            role_file: String::new(),
            sign_in_url: String::new(),
        },
    })
}

// Only in test renderings: njs functions on given inputs.
const TEST_LOCATIONS: &str = "
# TEST RENDERING ONLY: never deploy this.
location = /__tanyi_test/sign {
    js_content tanyi.testSign;
}
location = /__tanyi_test/mask {
    client_max_body_size 1m;
    client_body_buffer_size 1m;
    client_body_in_single_buffer on;
    js_content tanyi.testMask;
}
";

fn invalid(what: &str, value: &str, expected: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{what}: {value:?} is not {expected}"),
    )
}

/// `scheme://host[:port]`, scheme http or https, no path; a trailing `/` is dropped.
fn checked_origin(what: &str, value: &str) -> io::Result<String> {
    let expected = "an origin like https://host or http://host:port";
    let origin = value.trim().trim_end_matches('/');
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(|| invalid(what, value, expected))?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|n| n > 0));
    match host_ok && port_ok {
        true => Ok(origin.to_string()),
        false => Err(invalid(what, value, expected)),
    }
}

/// An absolute http(s) URL with a path and query, nothing that could leave its place in
/// nginx.conf or a JSON string.
fn checked_url(what: &str, value: &str) -> io::Result<String> {
    let expected = "an http(s) URL like https://portal.example.com/oauth2/auth";
    let value = value.trim();
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or_else(|| invalid(what, value, expected))?;
    let origin_len = value.len() - rest.len() + rest.find('/').unwrap_or(rest.len());
    checked_origin(what, &value[..origin_len])?;
    let ok = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/:.-_~?&=%+@".contains(c));
    match ok {
        true => Ok(value.to_string()),
        false => Err(invalid(what, value, expected)),
    }
}

/// `/` or `/a/b/`: starts and ends with `/`, plain path characters only.
fn checked_public_url(value: &str) -> io::Result<String> {
    let expected = "a path like / or /portal/tanyi/";
    let ok = value.starts_with('/')
        && value.ends_with('/')
        && !value.contains("//")
        && !value.split('/').any(|s| s == "." || s == "..")
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-._~".contains(c));
    match ok {
        true => Ok(value.to_string()),
        false => Err(invalid("public_url", value, expected)),
    }
}

/// CSP sources: keywords, schemes and hosts, separated by spaces.
fn checked_frame_ancestors(value: &str) -> io::Result<String> {
    let ok = !value.trim().is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " '.:/*-".contains(c));
    match ok {
        true => Ok(value.split_whitespace().collect::<Vec<_>>().join(" ")),
        false => Err(invalid(
            "frame_ancestors",
            value,
            "CSP sources like 'self' https://portal.example.com",
        )),
    }
}

/// An absolute UTF-8 path that can sit inside double quotes in nginx.conf.
pub(super) fn checked_path(what: &str, path: &Path) -> io::Result<String> {
    let text = path.to_str().unwrap_or_default();
    let ok = path.is_absolute()
        && !text.is_empty()
        && !text
            .chars()
            .any(|c| c.is_control() || "\"\\$;{}'".contains(c));
    match ok {
        true => Ok(text.to_string()),
        false => Err(invalid(
            what,
            &path.display().to_string(),
            "an absolute path without quotes, $, ;, braces or control characters",
        )),
    }
}

/// Replaces each `{{NAME}}`; a placeholder left over is a bug in the template or here.
fn fill(template: &str, values: &[(&str, &str)]) -> io::Result<String> {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{{{name}}}}}"), value);
    }
    // The header comment names the syntax itself; only real placeholders count.
    let body: String = out
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    match body.find("{{") {
        Some(at) => Err(io::Error::other(format!(
            "unfilled placeholder in template near {:?}",
            &body[at..body.len().min(at + 40)]
        ))),
        None => Ok(out),
    }
}
