//! The signing CORS proxy: renders deploy/nginx for a given topology and runs nginx.
//!
//! The templates and `tanyi.js` under `deploy/nginx/` are what users deploy; this module
//! fills them in and, for tests and the demo, runs the real nginx as a child process with
//! its own prefix, pid, temp paths and logs in a work directory, on 127.0.0.1 ports.
//! Credentials reach nginx through its environment or a file: never through the
//! rendered config, dist/ or a log.

use std::fmt;
use std::fs;
use std::io;
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The njs script, as deployed (`js_import tanyi from .../tanyi.js`).
pub const NJS_SCRIPT: &str = include_str!("../../deploy/nginx/tanyi.js");
/// http-level template: njs variables, CORS allowlist, cache map, log format.
pub const HTTP_TEMPLATE: &str = include_str!("../../deploy/nginx/tanyi-http.conf.template");
/// server-level template: the static app.
pub const SITE_TEMPLATE: &str = include_str!("../../deploy/nginx/tanyi-site.conf.template");
/// server-level template: the signing proxy for /apiOpen/.
pub const API_TEMPLATE: &str = include_str!("../../deploy/nginx/tanyi-api.conf.template");

/// Environment variable names njs reads (from nginx's environment or the credentials file).
pub const APP_KEY_VAR: &str = "TANYI_APP_KEY";
pub const APP_SECRET_VAR: &str = "TANYI_APP_SECRET";
pub const TENANT_SIGN_VAR: &str = "TANYI_TENANT_SIGN";

/// A tenant's credentials for the Tanyi open API.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub app_key: String,
    pub app_secret: String,
    pub tenant_sign: String,
}

// The secret stays out of debug output and so out of test failure messages.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("app_key", &self.app_key)
            .field("app_secret", &"<redacted>")
            .field("tenant_sign", &self.tenant_sign)
            .finish()
    }
}

/// Where njs finds the credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialsSource {
    /// Given to the nginx child as `TANYI_APP_KEY`, `TANYI_APP_SECRET`, `TANYI_TENANT_SIGN`.
    Values(Credentials),
    /// nginx's environment as it is (production: set by the service manager).
    Environment,
    /// A `KEY=value` file with those three names, outside the web root, read by njs.
    File(PathBuf),
}

/// What a deployment decides; see deploy/nginx/README.md.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxySettings {
    /// Origin that /apiOpen/ goes to: `https://crm.tanyibot.com`, or the stand-in.
    pub upstream: String,
    /// Origin for /apiOpen/v1/callRecord/ when it differs (`https://openapi.tanyibot.com`).
    pub call_record_upstream: Option<String>,
    /// Origins whose pages may call the proxy (CORS). A cross-origin local run adds its site.
    pub allowed_origins: Vec<String>,
    /// CSP `frame-ancestors` sources: who may embed the console (`'self' https://portal.example.com`).
    pub frame_ancestors: String,
    /// Origin of the proxy as the browser calls it, when not the site's own (CSP `connect-src`).
    /// A cross-origin local run sets it to its proxy.
    pub api_origin: Option<String>,
    pub credentials: CredentialsSource,
    /// Path the console is served under, as given to Trunk's `--public-url`: `/` or `/portal/tanyi/`.
    pub public_url: String,
    /// A `config.json` served instead of dist/'s, so one build serves every deployment.
    pub config_json: Option<PathBuf>,
    /// Adds `/__tanyi_test/sign` (the njs signature of query inputs). Never in production.
    pub test_endpoints: bool,
}

impl ProxySettings {
    /// Settings with the defaults: site at `/`, embeddable by its own origin only, no extras.
    pub fn new(upstream: impl Into<String>, credentials: CredentialsSource) -> ProxySettings {
        ProxySettings {
            upstream: upstream.into(),
            call_record_upstream: None,
            allowed_origins: Vec::new(),
            frame_ancestors: "'self'".to_string(),
            api_origin: None,
            credentials,
            public_url: "/".to_string(),
            config_json: None,
            test_endpoints: false,
        }
    }
}

/// Where a local run listens (always 127.0.0.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The site and /apiOpen/ on one server.
    SameOrigin { port: u16 },
    /// The site on one port, the proxy on another: the browser really does CORS.
    CrossOrigin { site_port: u16, proxy_port: u16 },
}

impl Layout {
    /// `http://127.0.0.1:PORT` of the site.
    pub fn site_url(&self) -> String {
        match *self {
            Layout::SameOrigin { port } => local_origin(port),
            Layout::CrossOrigin { site_port, .. } => local_origin(site_port),
        }
    }

    /// `http://127.0.0.1:PORT` of the proxy (the site's own in the same-origin layout).
    pub fn api_url(&self) -> String {
        match *self {
            Layout::SameOrigin { port } => local_origin(port),
            Layout::CrossOrigin { proxy_port, .. } => local_origin(proxy_port),
        }
    }

    fn ports(&self) -> Vec<u16> {
        match *self {
            Layout::SameOrigin { port } => vec![port],
            Layout::CrossOrigin {
                site_port,
                proxy_port,
            } => vec![site_port, proxy_port],
        }
    }
}

fn local_origin(port: u16) -> String {
    format!("http://127.0.0.1:{port}")
}

/// The three deployable snippets, filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippets {
    /// Goes inside `http { }` once.
    pub http: String,
    /// Goes inside the `server { }` that serves the app.
    pub site: String,
    /// Goes inside the `server { }` that serves /apiOpen/ (the same one, for same origin).
    pub api: String,
}

/// Fills in the deployable snippets for `dist_dir` on the serving machine, with the njs
/// script at `njs_file`. Settings are checked first: a value that could break out of its
/// place in the config is refused.
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

    let http = fill(
        HTTP_TEMPLATE,
        &[
            ("NJS_FILE", &checked_path("njs_file", njs_file)?),
            ("ALLOWED_ORIGINS", &allowed_origins),
        ],
    )?;
    let site = fill(
        SITE_TEMPLATE,
        &[
            ("PUBLIC_PATH", public_url.trim_end_matches('/')),
            ("PUBLIC_URL", &public_url),
            ("DIST_DIR", dist),
            ("CONFIG_JSON", &config_json),
            ("CONNECT_SRC", &connect_src),
            (
                "FRAME_ANCESTORS",
                &checked_frame_ancestors(&settings.frame_ancestors)?,
            ),
        ],
    )?;
    let mut api = fill(
        API_TEMPLATE,
        &[
            ("UPSTREAM", &upstream),
            ("CALL_RECORD_UPSTREAM", &call_record_upstream),
            ("CREDENTIALS_FILE", &credentials_file),
        ],
    )?;
    if settings.test_endpoints {
        api.push_str(TEST_LOCATIONS);
    }
    Ok(Snippets { http, site, api })
}

// Only in test renderings: the njs signature of the query's inputs.
const TEST_LOCATIONS: &str = "
# TEST RENDERING ONLY: never deploy this.
location = /__tanyi_test/sign {
    js_content tanyi.testSign;
}
";

/// Where this machine's nginx keeps what a local run needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Installation {
    pub binary: PathBuf,
    /// `ngx_http_js_module.so` (Debian: libnginx-mod-http-js).
    pub njs_module: PathBuf,
    pub mime_types: PathBuf,
}

impl Installation {
    /// `/usr/sbin/nginx` (else `nginx` on PATH), the njs module and mime.types where
    /// Debian and the nginx.org packages put them.
    pub fn find() -> io::Result<Installation> {
        let mut binaries = vec![PathBuf::from("/usr/sbin/nginx")];
        if let Some(path) = std::env::var_os("PATH") {
            binaries.extend(std::env::split_paths(&path).map(|d| d.join("nginx")));
        }
        Ok(Installation {
            binary: first_file(
                binaries,
                "nginx not found (Debian: apt-get install nginx libnginx-mod-http-js)",
            )?,
            njs_module: first_file(
                [
                    "/usr/lib/nginx/modules/ngx_http_js_module.so",
                    "/usr/share/nginx/modules/ngx_http_js_module.so",
                    "/usr/lib64/nginx/modules/ngx_http_js_module.so",
                    "/etc/nginx/modules/ngx_http_js_module.so",
                ]
                .map(PathBuf::from),
                "the njs module ngx_http_js_module.so was not found (Debian: apt-get install libnginx-mod-http-js)",
            )?,
            mime_types: first_file(
                ["/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types"].map(PathBuf::from),
                "nginx's mime.types was not found",
            )?,
        })
    }
}

fn first_file(candidates: impl IntoIterator<Item = PathBuf>, missing: &str) -> io::Result<PathBuf> {
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, missing.to_string()))
}

/// The whole nginx.conf for a local run of `layout` with its files in `work_dir`:
/// `daemon off`, one process, its own pid, temp paths and logs, 127.0.0.1 only.
/// Cross-origin, the site's origin is allowed to call the proxy and the proxy's origin
/// is the CSP's `connect-src`.
pub fn render(
    install: &Installation,
    dist_dir: &Path,
    settings: &ProxySettings,
    layout: &Layout,
    work_dir: &Path,
) -> io::Result<String> {
    let mut settings = settings.clone();
    if let Layout::CrossOrigin { .. } = layout {
        settings.allowed_origins.push(layout.site_url());
        settings.api_origin = Some(layout.api_url());
    }
    let work = checked_path("work_dir", work_dir)?;
    let work = work.trim_end_matches('/');
    let snippets = render_snippets(dist_dir, &work_dir.join("tanyi.js"), &settings)?;
    let module = checked_path("njs module", &install.njs_module)?;
    let mime_types = checked_path("mime.types", &install.mime_types)?;

    let servers = match *layout {
        Layout::SameOrigin { port } => server(port, &[&snippets.site, &snippets.api]),
        Layout::CrossOrigin {
            site_port,
            proxy_port,
        } => server(site_port, &[&snippets.site]) + &server(proxy_port, &[&snippets.api]),
    };
    let http = indent(&snippets.http, 1);
    Ok(format!(
        "# Rendered by xtask::nginx for a local run (tests, demo); production: deploy/nginx/README.md.
daemon off;
# One process: killing the child leaves nothing behind, and nginx keeps our user.
master_process off;
pid \"{work}/nginx.pid\";
error_log \"{work}/error.log\" notice;
load_module \"{module}\";
env {APP_KEY_VAR};
env {APP_SECRET_VAR};
env {TENANT_SIGN_VAR};

events {{
    worker_connections 256;
}}

http {{
    include \"{mime_types}\";
    default_type application/octet-stream;
    sendfile on;
    server_tokens off;
    client_body_temp_path \"{work}/temp/client_body\";
    proxy_temp_path \"{work}/temp/proxy\";
    fastcgi_temp_path \"{work}/temp/fastcgi\";
    uwsgi_temp_path \"{work}/temp/uwsgi\";
    scgi_temp_path \"{work}/temp/scgi\";

{http}
    access_log \"{work}/access.log\" tanyi;
{servers}}}
"
    ))
}

fn server(port: u16, parts: &[&str]) -> String {
    let body: String = parts.iter().map(|p| indent(p, 2)).collect();
    format!("\n    server {{\n        listen 127.0.0.1:{port};\n        server_name localhost;\n{body}    }}\n")
}

fn indent(text: &str, levels: usize) -> String {
    let pad = "    ".repeat(levels);
    text.lines()
        .map(|l| match l.is_empty() {
            true => "\n".to_string(),
            false => format!("{pad}{l}\n"),
        })
        .collect()
}

/// A running nginx child; dropping it kills it and waits for it.
#[derive(Debug)]
pub struct Nginx {
    child: Child,
    work_dir: PathBuf,
    site_url: String,
    api_url: String,
}

impl Nginx {
    /// `http://127.0.0.1:PORT` where the app is served.
    pub fn site_url(&self) -> &str {
        &self.site_url
    }

    /// `http://127.0.0.1:PORT` where /apiOpen/ is served (the site's own for same origin).
    pub fn api_url(&self) -> &str {
        &self.api_url
    }

    /// Holds nginx.conf, tanyi.js, the logs and temp files.
    pub fn work_dir(&self) -> &Path {
        &self.work_dir
    }

    pub fn error_log(&self) -> PathBuf {
        self.work_dir.join("error.log")
    }

    pub fn access_log(&self) -> PathBuf {
        self.work_dir.join("access.log")
    }

    /// The OS process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Blocks until nginx exits (for the demo: Ctrl-C reaches it too, as our child).
    pub fn wait(&mut self) -> io::Result<ExitStatus> {
        self.child.wait()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Renders the config into `work_dir`, checks it with `nginx -t`, starts nginx and
/// waits until every port answers.
pub fn start(
    dist_dir: &Path,
    settings: &ProxySettings,
    layout: &Layout,
    work_dir: &Path,
) -> io::Result<Nginx> {
    // nginx creates the temp paths' last component itself, not their parents.
    fs::create_dir_all(work_dir.join("temp"))?;
    let install = Installation::find()?;
    let config = render(&install, dist_dir, settings, layout, work_dir)?;
    let config_path = work_dir.join("nginx.conf");
    fs::write(&config_path, config)?;
    fs::write(work_dir.join("tanyi.js"), NJS_SCRIPT)?;
    let command = |extra: &[&str]| {
        let mut c = Command::new(&install.binary);
        c.arg("-p")
            .arg(work_dir)
            .arg("-c")
            .arg(&config_path)
            .arg("-e")
            .arg(work_dir.join("error.log"))
            .args(extra)
            .stdin(Stdio::null())
            .env_remove(APP_KEY_VAR)
            .env_remove(APP_SECRET_VAR)
            .env_remove(TENANT_SIGN_VAR);
        match &settings.credentials {
            CredentialsSource::Values(c_) => {
                c.env(APP_KEY_VAR, &c_.app_key)
                    .env(APP_SECRET_VAR, &c_.app_secret)
                    .env(TENANT_SIGN_VAR, &c_.tenant_sign);
            }
            // The caller's own environment passes through for `Environment`.
            CredentialsSource::Environment => {
                for name in [APP_KEY_VAR, APP_SECRET_VAR, TENANT_SIGN_VAR] {
                    if let Some(v) = std::env::var_os(name) {
                        c.env(name, v);
                    }
                }
            }
            CredentialsSource::File(_) => {}
        }
        c
    };

    let check = command(&["-t", "-q"]).output()?;
    if !check.status.success() {
        return Err(io::Error::other(format!(
            "nginx -t rejected {}:\n{}",
            config_path.display(),
            String::from_utf8_lossy(&check.stderr).trim()
        )));
    }

    let stderr = fs::File::create(work_dir.join("stderr.log"))?;
    let child = command(&[])
        .stdout(Stdio::null())
        .stderr(Stdio::from(stderr))
        .spawn()?;
    let mut running = Nginx {
        child,
        work_dir: work_dir.to_path_buf(),
        site_url: layout.site_url(),
        api_url: layout.api_url(),
    };
    wait_until_listening(&mut running, &layout.ports())?;
    Ok(running)
}

fn wait_until_listening(nginx: &mut Nginx, ports: &[u16]) -> io::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(15);
    for &port in ports {
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        loop {
            if let Some(status) = nginx.child.try_wait()? {
                let log = fs::read_to_string(nginx.error_log()).unwrap_or_default();
                return Err(io::Error::other(format!(
                    "nginx exited ({status}) before listening on {port}:\n{}",
                    log.trim()
                )));
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                break;
            }
            if Instant::now() > deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("nginx did not listen on {port} within 15 s"),
                ));
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
    Ok(())
}

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
fn checked_path(what: &str, path: &Path) -> io::Result<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> ProxySettings {
        ProxySettings::new(
            "http://127.0.0.1:9002",
            CredentialsSource::Values(Credentials {
                app_key: "key-1".into(),
                app_secret: "very-secret-value".into(),
                tenant_sign: "tenant-1".into(),
            }),
        )
    }

    fn install() -> Installation {
        Installation {
            binary: "/usr/sbin/nginx".into(),
            njs_module: "/usr/lib/nginx/modules/ngx_http_js_module.so".into(),
            mime_types: "/etc/nginx/mime.types".into(),
        }
    }

    fn snippets(s: &ProxySettings) -> io::Result<Snippets> {
        render_snippets(Path::new("/srv/dist"), Path::new("/etc/nginx/tanyi.js"), s)
    }

    #[test]
    fn the_secret_is_not_in_any_rendering() {
        let s = settings();
        let layouts = [
            Layout::SameOrigin { port: 9000 },
            Layout::CrossOrigin {
                site_port: 9000,
                proxy_port: 9001,
            },
        ];
        for layout in layouts {
            let conf = render(
                &install(),
                Path::new("/srv/dist"),
                &s,
                &layout,
                Path::new("/tmp/w"),
            )
            .unwrap();
            assert!(!conf.contains("very-secret-value"));
            assert!(conf.contains("daemon off;"));
        }
    }

    #[test]
    fn production_renderings_have_no_test_location() {
        let s = settings();
        let prod = snippets(&s).unwrap();
        assert!(!prod.api.contains("__tanyi_test"));
        let test = snippets(&ProxySettings {
            test_endpoints: true,
            ..s
        })
        .unwrap();
        assert!(test.api.contains("location = /__tanyi_test/sign"));
    }

    #[test]
    fn origins_become_map_entries_and_bad_ones_are_refused() {
        let mut s = settings();
        s.allowed_origins = vec![
            "https://portal.example.com/".into(),
            "http://127.0.0.1:9000".into(),
        ];
        let http = snippets(&s).unwrap().http;
        assert!(http.contains("\"https://portal.example.com\" $http_origin;"));
        assert!(http.contains("\"http://127.0.0.1:9000\" $http_origin;"));
        for bad in [
            "*",
            "null",
            "https://a.com/path",
            "ftp://a.com",
            "https://a.com;x",
            "https://a b",
        ] {
            s.allowed_origins = vec![bad.into()];
            assert!(snippets(&s).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn a_second_upstream_takes_the_call_record_family() {
        let mut s = settings();
        assert!(
            snippets(&s)
                .unwrap()
                .api
                .matches("proxy_pass http://127.0.0.1:9002;")
                .count()
                == 2
        );
        s.call_record_upstream = Some("https://openapi.tanyibot.com".into());
        let api = snippets(&s).unwrap().api;
        assert!(api.contains("proxy_pass https://openapi.tanyibot.com;"));
        assert!(api.contains("proxy_pass http://127.0.0.1:9002;"));
    }

    #[test]
    fn cross_origin_allows_the_site_and_connects_to_the_proxy() {
        let layout = Layout::CrossOrigin {
            site_port: 9000,
            proxy_port: 9001,
        };
        let conf = render(
            &install(),
            Path::new("/srv/dist"),
            &settings(),
            &layout,
            Path::new("/tmp/w"),
        )
        .unwrap();
        assert!(conf.contains("\"http://127.0.0.1:9000\" $http_origin;"));
        assert!(conf.contains("connect-src 'self' http://127.0.0.1:9001;"));
        assert!(conf.contains("listen 127.0.0.1:9000;"));
        assert!(conf.contains("listen 127.0.0.1:9001;"));
    }

    #[test]
    fn settings_that_could_break_the_config_are_refused() {
        let bad = |f: fn(&mut ProxySettings)| {
            let mut s = settings();
            f(&mut s);
            snippets(&s).is_err()
        };
        assert!(bad(|s| s.upstream = "http://a.com/x".into()));
        assert!(bad(|s| s.public_url = "portal/".into()));
        assert!(bad(|s| s.public_url = "/portal".into()));
        assert!(bad(|s| s.public_url = "/a/../b/".into()));
        assert!(bad(|s| s.frame_ancestors = "'self'; script-src *".into()));
        assert!(bad(|s| s.frame_ancestors = "'self\"".into()));
        assert!(bad(|s| s.config_json = Some("relative.json".into())));
        assert!(bad(
            |s| s.credentials = CredentialsSource::File("/etc/x\";".into())
        ));
        assert!(!bad(|s| s.public_url = "/portal/tanyi/".into()));
    }

    #[test]
    fn sub_path_renders_alias_and_redirect() {
        let mut s = settings();
        s.public_url = "/portal/tanyi/".into();
        let site = snippets(&s).unwrap().site;
        assert!(site.contains("rewrite ^/portal/tanyi$ /portal/tanyi/ permanent;"));
        assert!(site.contains("location /portal/tanyi/ {"));
        assert!(site.contains("try_files $uri /portal/tanyi/index.html;"));
        assert!(site.contains("location = /portal/tanyi/config.json"));
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let s = settings();
        assert!(!format!("{s:?}").contains("very-secret-value"));
    }
}
