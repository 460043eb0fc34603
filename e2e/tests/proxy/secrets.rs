//! The secret and personal data: credentials from a file outside the web root, a missing
//! one answered by the proxy, the secret in no response, log or served file, no query
//! string or referer in the access log.

use e2e::stack::{
    code, envelope, mock, Kind, Stack, APP_KEY, CALL_RECORDS, OTHER, PORTAL, SECRET, TENANT,
};
use e2e::{get, request, TempDir, FAKE_JS};
use std::fs;
use std::path::Path;
use xtask::nginx::{Auth, CredentialsSource, ProxySettings};

#[test]
fn credentials_can_come_from_a_file_outside_the_web_root() {
    let outside = TempDir::new("secrets");
    let file = outside.path().join("tanyi.env");
    fs::write(
        &file,
        format!("# Tanyi open API\nTANYI_APP_KEY={APP_KEY}\nTANYI_APP_SECRET=\"{SECRET}\"\n\nTANYI_TENANT_SIGN={TENANT}\n"),
    )
    .unwrap();
    let stack = Stack::start(Kind::Same, |s| {
        s.credentials = CredentialsSource::File(file.clone())
    });
    let r = stack.get_tasks(&[]);
    assert_eq!(code(&r), 200, "{}", r.raw());

    fs::remove_file(&file).unwrap();
    let r = stack.get_tasks(&[]);
    assert_eq!(r.status, 500, "{}", r.raw());
    assert_eq!(code(&r), 500);
    assert!(envelope(&r)["resultMsg"]
        .as_str()
        .unwrap()
        .contains("credentials"));
    assert!(
        stack.logs().contains("cannot read the credentials file"),
        "{}",
        stack.logs()
    );
}

#[test]
fn missing_credentials_are_answered_by_the_proxy_not_sent_unsigned() {
    let mock = mock();
    let settings = ProxySettings::new(
        mock.base_url(),
        CredentialsSource::File("/nonexistent/tanyi.env".into()),
        Auth::None,
    );
    let stack = Stack::start_with(Kind::Same, mock, settings);
    let r = request(
        "POST",
        &stack.api(CALL_RECORDS),
        &[("Origin", PORTAL)],
        Some(b"{}"),
    )
    .unwrap();
    assert_eq!(r.status, 500, "{}", r.raw());
    assert!(envelope(&r)["requestId"]
        .as_str()
        .is_some_and(|id| !id.is_empty()));
    assert!(stack.seen().is_empty(), "nothing went upstream");
}

#[test]
fn the_secret_appears_in_no_response_no_log_and_no_served_file() {
    for kind in [Kind::Same, Kind::Cross] {
        let stack = Stack::start(kind, |_| {});
        let site = stack.nginx.site_url().to_string();
        let mut responses = vec![
            get(&stack.site("/"), &[]).unwrap(),
            get(&stack.site("/jobs/1"), &[]).unwrap(),
            get(&stack.site("/config.json"), &[]).unwrap(),
            get(&stack.site(&format!("/{FAKE_JS}")), &[]).unwrap(),
            get(&stack.site("/nope-0123456789abcdef.js"), &[]).unwrap(),
            stack.get_tasks(&[("Origin", &site)]),
            get(
                &stack.api("/apiOpen/v1/task/getTaskDetail?taskId=999999"),
                &[],
            )
            .unwrap(),
            get(&stack.api("/apiOpen/v1/task/nothing-here"), &[]).unwrap(),
            request("POST", &stack.api(CALL_RECORDS), &[], Some(b"not json")).unwrap(),
            request("DELETE", &stack.api("/apiOpen/v1/task/getTasks"), &[], None).unwrap(),
            stack.preflight(&site),
            stack.preflight(OTHER),
        ];
        // And when the upstream is gone (502 from nginx itself).
        let work_dir = stack.nginx.work_dir().to_path_buf();
        let Stack {
            nginx,
            mock,
            dist,
            work,
        } = stack;
        drop(mock);
        let down = get(
            &format!("{}/apiOpen/v1/task/getTasks", nginx.api_url()),
            &[],
        )
        .unwrap();
        assert_eq!(down.status, 502);
        responses.push(down);

        for r in &responses {
            assert!(
                !r.raw().contains(SECRET),
                "the secret is in a response: {}",
                r.raw()
            );
        }
        drop(nginx);
        for dir in [dist.path(), work.path()] {
            for file in files_under(dir) {
                let text = String::from_utf8_lossy(&fs::read(&file).unwrap()).into_owned();
                assert!(
                    !text.contains(SECRET),
                    "the secret is in {}",
                    file.display()
                );
            }
        }
        let error_log = fs::read_to_string(work_dir.join("error.log")).unwrap();
        assert!(
            error_log.contains("connect() failed"),
            "the log was written: {error_log}"
        );
    }
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_access_log_leaves_out_query_strings_and_referers() {
    let stack = Stack::start(Kind::Same, |_| {});
    let phone = "13800138000";
    let referer = format!("http://127.0.0.1/calls?searchWords={phone}");
    get(
        &stack.site(&format!("/calls?searchWords={phone}")),
        &[("Referer", &referer)],
    )
    .unwrap();
    let url = stack.api(&format!(
        "/apiOpen/v1/task/getTasks?pageNum=1&pageSize=10&name={phone}"
    ));
    get(&url, &[("Referer", &referer)]).unwrap();
    let log = stack.access_log_with(1);
    assert!(log.contains("\"GET /calls HTTP/1.1\""), "{log}");
    assert!(!log.contains(phone), "{log}");
    // /apiOpen/ goes to the audit log instead (gateway.rs checks its lines).
    let audit = stack.audit_log_with(1);
    assert!(
        audit.contains("\"endpoint\":\"/apiOpen/v1/task/getTasks\""),
        "{audit}"
    );
    assert!(!audit.contains(phone), "{audit}");
}
