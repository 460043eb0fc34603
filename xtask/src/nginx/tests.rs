//! Renderings of deploy/nginx for given settings: what they hold, what they refuse.

use super::{
    render, render_snippets, Auth, Credentials, CredentialsSource, Installation, Layout,
    ProxySettings, Snippets,
};
use std::io;
use std::path::Path;

fn settings() -> ProxySettings {
    ProxySettings::new(
        "http://127.0.0.1:9002",
        CredentialsSource::Values(Credentials {
            app_key: "key-1".into(),
            app_secret: "very-secret-value".into(),
            tenant_sign: "tenant-1".into(),
        }),
        Auth::None,
    )
}

fn install() -> Installation {
    Installation {
        binary: "/usr/sbin/nginx".into(),
        njs_module: "/usr/lib/nginx/modules/ngx_http_js_module.so".into(),
        brotli_static_module: Some(
            "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so".into(),
        ),
        mime_types: "/etc/nginx/mime.types".into(),
    }
}

fn snippets(s: &ProxySettings) -> io::Result<Snippets> {
    render_snippets(Path::new("/srv/dist"), Path::new("/etc/nginx/tanyi.js"), s)
}

/// Fails, showing the rendering, unless `text` holds `line`.
fn has(text: &str, line: &str) {
    assert!(text.contains(line), "{line:?} is not in:\n{text}");
}

/// Fails, showing the rendering, unless `text` holds every one of `lines`.
fn has_all(text: &str, lines: &[&str]) {
    for line in lines {
        has(text, line);
    }
}

/// Fails, showing the rendering, if `text` holds `piece`.
fn lacks(text: &str, piece: &str) {
    assert!(!text.contains(piece), "{piece:?} is in:\n{text}");
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
        lacks(&conf.nginx_conf, "very-secret-value");
        lacks(&conf.auth_conf, "very-secret-value");
        has(&conf.nginx_conf, "daemon off;");
    }
}

#[test]
fn production_renderings_have_no_test_location() {
    let s = settings();
    let prod = snippets(&s).unwrap();
    lacks(&prod.api, "__tanyi_test");
    let test = snippets(&ProxySettings {
        test_endpoints: true,
        ..s
    })
    .unwrap();
    has(&test.api, "location = /__tanyi_test/sign");
}

#[test]
fn origins_become_map_entries_and_bad_ones_are_refused() {
    let mut s = settings();
    s.allowed_origins = vec![
        "https://portal.example.com/".into(),
        "http://127.0.0.1:9000".into(),
    ];
    let http = snippets(&s).unwrap().http;
    has(&http, "\"https://portal.example.com\" $http_origin;");
    has(&http, "\"http://127.0.0.1:9000\" $http_origin;");
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
    let api = snippets(&s).unwrap().api;
    has(&api, "proxy_pass http://127.0.0.1:9002/apiOpen/v1/task/;");
    has(
        &api,
        "proxy_pass http://127.0.0.1:9002/apiOpen/v1/callRecord/;",
    );
    s.call_record_upstream = Some("https://openapi.tanyibot.com".into());
    let api = snippets(&s).unwrap().api;
    has(
        &api,
        "proxy_pass https://openapi.tanyibot.com/apiOpen/v1/callRecord/;",
    );
    has(&api, "proxy_pass http://127.0.0.1:9002/apiOpen/v1/task/;");
}

#[test]
fn each_sign_in_mode_renders_its_own_snippet() {
    let mut s = settings();
    s.auth = Auth::Sso {
        session_check_url: "https://portal.example.com/oauth2/auth".into(),
        sign_in_url: "https://portal.example.com/oauth2/start".into(),
    };
    let sso = snippets(&s).unwrap();
    has(&sso.auth, "auth_request /apiOpen/__proxy/session;");
    has(
        &sso.api,
        "proxy_pass https://portal.example.com/oauth2/auth;",
    );
    has(
        &sso.http,
        "js_var $tanyi_sign_in_url \"https://portal.example.com/oauth2/start\";",
    );
    s.auth = Auth::Basic {
        htpasswd: "/etc/nginx/tanyi/htpasswd".into(),
        roles: "/etc/nginx/tanyi/roles.map".into(),
    };
    let basic = snippets(&s).unwrap();
    has(
        &basic.auth,
        "auth_basic_user_file /etc/nginx/tanyi/htpasswd;",
    );
    has(&basic.http, "include \"/etc/nginx/tanyi/roles.map\";");
    lacks(&basic.api, "proxy_pass https://portal");
    s.auth = Auth::None;
    let none = snippets(&s).unwrap();
    lacks(&none.auth, "auth_");
    has(&none.http, "js_var $tanyi_auth_mode \"none\";");
    // A sign-in address that could leave its place is refused.
    s.auth = Auth::Sso {
        session_check_url: "https://portal.example.com/a; return 200".into(),
        sign_in_url: "https://portal.example.com/".into(),
    };
    assert!(snippets(&s).is_err());
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
    .unwrap()
    .nginx_conf;
    has_all(
        &conf,
        &[
            "\"http://127.0.0.1:9000\" $http_origin;",
            "connect-src 'self' http://127.0.0.1:9001;",
            "listen 127.0.0.1:9000;",
            "listen 127.0.0.1:9001;",
        ],
    );
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
    has_all(
        &site,
        &[
            "rewrite ^/portal/tanyi$ /portal/tanyi/ permanent;",
            "location /portal/tanyi/ {",
            "try_files $uri /portal/tanyi/index.html;",
            "location = /portal/tanyi/config.json",
        ],
    );
}

#[test]
fn debug_output_hides_the_secret() {
    let s = settings();
    assert!(!format!("{s:?}").contains("very-secret-value"));
}

#[test]
fn brotli_static_is_rendered_only_when_on() {
    let mut s = settings();
    s.brotli_static = true;
    let site = snippets(&s).unwrap().site;
    has_all(&site, &["    brotli_static on;\n", "    gzip_static on;\n"]);
    s.brotli_static = false;
    let site = snippets(&s).unwrap().site;
    has(&site, "    gzip_static on;\n");
    // Without the module nginx refuses any brotli directive: only comments may name it.
    lacks(&directives(&site), "brotli");
}

/// `text` without its comment lines.
fn directives(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn a_local_run_loads_the_brotli_module_only_when_brotli_static_is_on() {
    let layout = Layout::SameOrigin { port: 9000 };
    let local = |on: bool, install: &Installation| {
        let mut s = settings();
        s.brotli_static = on;
        render(
            install,
            Path::new("/srv/dist"),
            &s,
            &layout,
            Path::new("/tmp/w"),
        )
    };
    let js = "load_module \"/usr/lib/nginx/modules/ngx_http_js_module.so\";";
    let on = local(true, &install()).unwrap().nginx_conf;
    has_all(
        &on,
        &[
            js,
            "load_module \"/usr/lib/nginx/modules/ngx_http_brotli_static_module.so\";",
            "brotli_static on;",
        ],
    );
    let mut without = install();
    without.brotli_static_module = None;
    let off = directives(&local(false, &without).unwrap().nginx_conf);
    has(&off, js);
    lacks(&off, "brotli");
    // Asked for without the module: a message that says what to install, not nginx's
    // "unknown directive".
    let refused = local(true, &without).unwrap_err().to_string();
    assert!(
        refused.contains("libnginx-mod-http-brotli-static"),
        "{refused}"
    );
}
