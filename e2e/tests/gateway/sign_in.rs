//! Signing in: modes sso and basic, what happens when they cannot be checked or their
//! files are missing, the sign-in page's way back, names and roles matched exactly.

use e2e::stack::{
    assert_refused, basic, basic_auth, code, envelope, portal_session, sso_auth, Kind, Stack,
};
use e2e::{free_port, get, TempDir};
use xtask::nginx::{self, Auth, CredentialsSource, Layout, ProxySettings};

#[test]
fn sso_lets_signed_in_operators_through_and_sends_others_to_the_sign_in_page() {
    let stack = Stack::start(Kind::Cross, |s| s.auth = sso_auth(&s.upstream));
    let portal = stack.mock.base_url();
    let site = stack.nginx.site_url().to_string();

    let anonymous = stack.get_tasks(&[("Origin", &site)]);
    assert_refused(&anonymous, 401, "Sign in");
    assert_eq!(
        envelope(&anonymous)["data"]["signInUrl"],
        format!("{portal}/__portal/sign-in")
    );
    assert!(anonymous.header("WWW-Authenticate").is_none());
    // The console on another origin can read the refusal, to show its sign-in screen.
    assert_eq!(
        anonymous.header("Access-Control-Allow-Origin"),
        Some(site.as_str())
    );

    // Headers a client sends to pass for someone are never trusted.
    let forged = stack.get_tasks(&[
        ("X-Auth-Request-User", "supervisor"),
        ("X-Auth-Request-Groups", "supervisor"),
        ("X-Tanyi-Operator", "supervisor"),
        ("X-Tanyi-Role", "supervisor"),
    ]);
    assert_eq!(forged.status, 401, "{}", forged.raw());
    assert!(stack.seen().is_empty(), "a refused request reached Tanyi");

    for user in ["viewer", "supervisor"] {
        let cookie = portal_session(&portal, user);
        let r = stack.get_tasks(&[("Cookie", &cookie), ("X-Tanyi-Role", "supervisor")]);
        assert_eq!(code(&r), 200, "{user}: {}", r.raw());
        assert_eq!(r.header("X-Tanyi-Operator"), Some(user));
        assert_eq!(r.header("X-Tanyi-Role"), Some(user));
        let seen = stack.last_seen();
        assert!(seen["headers"].get("cookie").is_none(), "{seen}");
    }
    let exposed = stack
        .get_tasks(&[("Origin", &site)])
        .header("Access-Control-Expose-Headers")
        .unwrap_or_default()
        .to_string();
    for header in ["X-Tanyi-Operator", "X-Tanyi-Role", "Retry-After"] {
        assert!(exposed.contains(header), "{exposed}");
    }
}

#[test]
fn sso_that_cannot_be_checked_is_a_502_and_nothing_goes_on() {
    // Down: nothing listens at the session check.
    let down = format!("http://127.0.0.1:{}", free_port());
    // Garbage: a 2xx that names nobody (the stand-in's own index page).
    for session_check in [format!("{down}/oauth2/auth"), String::new()] {
        let stack = Stack::start(Kind::Same, |s| {
            let check = match session_check.is_empty() {
                true => format!("{}/", s.upstream),
                false => session_check.clone(),
            };
            s.auth = Auth::Sso {
                session_check_url: check,
                sign_in_url: "https://portal.example.com/sign-in".into(),
            };
        });
        let r = stack.get_tasks(&[("Cookie", "tanyi_portal=whatever")]);
        assert_refused(&r, 502, "Sign-in cannot be checked");
        let forwarded = stack.seen().into_iter().filter(|seen| {
            seen["path"]
                .as_str()
                .is_some_and(|p| p.starts_with("/apiOpen"))
        });
        assert_eq!(forwarded.count(), 0, "{session_check}");
    }
}

#[test]
fn basic_takes_its_users_and_roles_and_its_sign_in_page_returns_to_the_console() {
    let files = TempDir::new("basic");
    let stack = Stack::start(Kind::Cross, |s| s.auth = basic_auth(files.path(), &[]));
    let nobody = stack.get_tasks(&[]);
    assert_refused(&nobody, 401, "Sign in");
    assert_eq!(envelope(&nobody)["data"]["signInUrl"], "/tanyi-sign-in");
    assert!(
        nobody.header("WWW-Authenticate").is_none(),
        "no prompt on fetch"
    );
    let wrong = stack.get_tasks(&[("Authorization", "Basic dmlld2VyOm5vcGU=")]);
    assert_eq!(wrong.status, 401, "{}", wrong.raw());
    assert!(stack.seen().is_empty());

    for user in ["viewer", "supervisor"] {
        let r = stack.get_tasks(&[("Authorization", &basic(user))]);
        assert_eq!(code(&r), 200, "{}", r.raw());
        assert_eq!(r.header("X-Tanyi-Operator"), Some(user));
        assert_eq!(r.header("X-Tanyi-Role"), Some(user));
        assert!(stack.last_seen()["headers"].get("authorization").is_none());
    }

    // The page the console links to asks the browser for the password, then goes back.
    let page = |rd: &str, auth: Option<&str>| {
        let url = stack.api(&format!("/tanyi-sign-in?rd={rd}"));
        let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        get(&url, &headers).unwrap()
    };
    let prompt = page("x", None);
    assert_eq!(prompt.status, 401);
    assert!(prompt
        .header("WWW-Authenticate")
        .is_some_and(|h| h.starts_with("Basic")));
    let console = format!("{}/jobs/2/calls?page=3", stack.nginx.site_url());
    let back = page(&console, Some(&basic("viewer")));
    assert_eq!(back.status, 303, "{}", back.raw());
    assert_eq!(back.header("Location"), Some(console.as_str()));
    let elsewhere = page("https://evil.example.net/steal", Some(&basic("viewer")));
    assert_eq!(elsewhere.status, 200, "{}", elsewhere.raw());
    assert!(elsewhere.header("Location").is_none());
}

#[test]
fn basic_never_runs_open_when_its_files_are_missing() {
    let files = TempDir::new("basic-missing");
    let auth = basic_auth(files.path(), &[]);
    let Auth::Basic { htpasswd, roles } = auth.clone() else {
        unreachable!()
    };
    for missing in [&htpasswd, &roles] {
        let moved = missing.with_extension("away");
        std::fs::rename(missing, &moved).unwrap();
        let settings = ProxySettings::new(
            "http://127.0.0.1:9",
            CredentialsSource::Environment,
            auth.clone(),
        );
        let work = TempDir::new("nginx");
        let layout = Layout::SameOrigin { port: free_port() };
        let started = nginx::start(files.path(), &settings, &layout, work.path());
        let error = started
            .expect_err("nginx started without its file")
            .to_string();
        assert!(
            error.contains(&missing.display().to_string()),
            "the message names {}: {error}",
            missing.display()
        );
        std::fs::rename(&moved, missing).unwrap();
    }
}

#[test]
fn the_sign_in_page_sends_back_only_to_a_listed_origin_and_adds_no_header() {
    let files = TempDir::new("sign-in-page");
    let stack = Stack::start(Kind::Cross, |s| s.auth = basic_auth(files.path(), &[]));
    let viewer = basic("viewer");
    let site = stack.nginx.site_url().to_string();
    for rd in [
        format!("{site}/jobs%0d%0aSet-Cookie:%20tanyi_portal=attacker"),
        format!("{site}/jobs%0aX-Evil:%201"),
        format!("{site}/jobs%20x"),
        "javascript:alert(1)".to_string(),
        "//evil.example.net/".to_string(),
    ] {
        let r = get(
            &stack.api(&format!("/tanyi-sign-in?rd={rd}")),
            &[("Authorization", &viewer)],
        )
        .unwrap();
        assert_eq!(r.status, 200, "{rd}: {}", r.raw());
        assert!(r.header("Location").is_none(), "{rd}");
        assert!(r.header("Set-Cookie").is_none(), "{rd}");
        assert!(r.header("X-Evil").is_none(), "{rd}");
    }
}

#[test]
fn a_wrong_password_names_nobody_and_roles_match_names_exactly() {
    let files = TempDir::new("exact");
    // "Boss" signs in as Boss; the role file gives the role to "boss", someone else.
    let stack = Stack::start(Kind::Same, |s| {
        s.auth = basic_auth(files.path(), &[("Boss", "viewer")]);
    });
    std::fs::write(
        files.path().join("roles.map"),
        "viewer viewer;\nsupervisor supervisor;\nboss supervisor;\n",
    )
    .unwrap();
    let wrong = stack.get_tasks(&[("Authorization", "Basic c3VwZXJ2aXNvcjp3cm9uZw==")]);
    assert_eq!(wrong.status, 401);
    assert!(wrong.header("X-Tanyi-Operator").is_none_or(str::is_empty));
    assert_eq!(wrong.header("X-Tanyi-Role"), Some("viewer"));
    let boss = stack.get_tasks(&[("Authorization", &basic("Boss"))]);
    assert_eq!(code(&boss), 200, "{}", boss.raw());
    assert_eq!(boss.header("X-Tanyi-Role"), Some("viewer"));
    let audit = stack.audit_log_with(2);
    assert!(
        audit
            .lines()
            .next()
            .is_some_and(|l| l.contains("\"operator\":\"\"")),
        "{audit}"
    );
}
