//! Runs the real nginx for a local run (tests, the demo): the whole nginx.conf around the
//! rendered snippets, a child process with its own prefix, pid, logs and temp paths.

use super::render::{checked_path, render_snippets, AUTH_CONF_NAME, NJS_SCRIPT};
use super::{
    CredentialsSource, Layout, ProxySettings, APP_KEY_VAR, APP_SECRET_VAR, TENANT_SIGN_VAR,
};
use std::fs;
use std::io;
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Where this machine's nginx keeps what a local run needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Installation {
    pub binary: PathBuf,
    /// `ngx_http_js_module.so` (Debian: libnginx-mod-http-js).
    pub njs_module: PathBuf,
    /// `ngx_http_brotli_static_module.so` (Debian: libnginx-mod-http-brotli-static), if
    /// installed: loaded when the settings ask for `brotli_static`.
    pub brotli_static_module: Option<PathBuf>,
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
            brotli_static_module: brotli_static_module(),
            mime_types: first_file(
                ["/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types"].map(PathBuf::from),
                "nginx's mime.types was not found",
            )?,
        })
    }
}

/// nginx's brotli_static module, where Debian and the nginx.org packages put modules.
pub(super) fn brotli_static_module() -> Option<PathBuf> {
    [
        "/usr/lib/nginx/modules",
        "/usr/share/nginx/modules",
        "/usr/lib64/nginx/modules",
        "/etc/nginx/modules",
    ]
    .iter()
    .map(|dir| PathBuf::from(dir).join("ngx_http_brotli_static_module.so"))
    .find(|p| p.is_file())
}

fn first_file(candidates: impl IntoIterator<Item = PathBuf>, missing: &str) -> io::Result<PathBuf> {
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, missing.to_string()))
}

/// The files of a local run: nginx.conf and the sign-in snippet it includes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalConfig {
    pub nginx_conf: String,
    pub auth_conf: String,
}

/// The whole nginx.conf for a local run of `layout` with its files in `work_dir`:
/// `daemon off`, one process, its own pid, temp paths and logs, 127.0.0.1 only, the audit
/// log in `work_dir` unless the settings name one. Cross-origin, the site's origin is
/// allowed to call the proxy and the proxy's origin is the CSP's `connect-src`.
pub fn render(
    install: &Installation,
    dist_dir: &Path,
    settings: &ProxySettings,
    layout: &Layout,
    work_dir: &Path,
) -> io::Result<LocalConfig> {
    let mut settings = settings.clone();
    if let Layout::CrossOrigin { .. } = layout {
        settings.allowed_origins.push(layout.site_url());
        settings.api_origin = Some(layout.api_url());
    }
    if settings.audit_log.is_none() {
        settings.audit_log = Some(work_dir.join("audit.log"));
    }
    let work = checked_path("work_dir", work_dir)?;
    let work = work.trim_end_matches('/');
    let snippets = render_snippets(dist_dir, &work_dir.join("tanyi.js"), &settings)?;
    let mut modules = format!(
        "load_module \"{}\";\n",
        checked_path("njs module", &install.njs_module)?
    );
    if settings.brotli_static {
        let brotli = install.brotli_static_module.as_deref().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                "brotli_static is on but ngx_http_brotli_static_module.so was not found \
                 (Debian: apt-get install libnginx-mod-http-brotli-static)",
            )
        })?;
        modules.push_str(&format!(
            "load_module \"{}\";\n",
            checked_path("brotli_static module", brotli)?
        ));
    }
    let mime_types = checked_path("mime.types", &install.mime_types)?;

    let servers = match *layout {
        Layout::SameOrigin { port } => server(port, &[&snippets.site, &snippets.api]),
        Layout::CrossOrigin {
            site_port,
            proxy_port,
        } => server(site_port, &[&snippets.site]) + &server(proxy_port, &[&snippets.api]),
    };
    let http = indent(&snippets.http, 1);
    let nginx_conf = format!(
        "# Rendered by xtask::nginx for a local run (tests, demo); production: deploy/nginx/README.md.
daemon off;
# One process: killing the child leaves nothing behind, and nginx keeps our user.
master_process off;
pid \"{work}/nginx.pid\";
error_log \"{work}/error.log\" notice;
{modules}env {APP_KEY_VAR};
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
    );
    Ok(LocalConfig {
        nginx_conf,
        auth_conf: snippets.auth,
    })
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
    brotli_static: bool,
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

    /// Whether the site sends the build's `.br` files (`brotli_static on`, the module
    /// loaded), as its settings asked.
    pub fn brotli_static(&self) -> bool {
        self.brotli_static
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

    /// The audit log of /apiOpen/, unless the settings named another.
    pub fn audit_log(&self) -> PathBuf {
        self.work_dir.join("audit.log")
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
    fs::write(&config_path, config.nginx_conf)?;
    fs::write(work_dir.join(AUTH_CONF_NAME), config.auth_conf)?;
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
        brotli_static: settings.brotli_static,
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
