//! The jobs list: filters live in the URL; reload, back and forward restore them.

use e2e::journey::console::{
    click_page, page_params, wait_param, wait_param_from_page_1, wait_rows, JOB_ROWS,
};
use e2e::journey::Journey;
use e2e::url::{path_of, query_of};

pub fn jobs_list_filters_live_in_the_url(j: &Journey) {
    let stack = j.stack(|_| {});
    let api = &stack.stand_in;
    let b = j.browser();
    b.goto(&stack.url("/jobs"));
    let all = api.job_ids(&page_params(1, 20));
    assert_eq!(all.len(), 20, "the stand-in has 40 jobs");
    wait_rows(&b, "the first page of jobs", JOB_ROWS, "data-job-id", &all);

    // Page 2.
    click_page(&b, 2);
    let page2 = api.job_ids(&page_params(2, 20));
    wait_rows(&b, "the second page", JOB_ROWS, "data-job-id", &page2);
    wait_param(&b, "page", "2");

    // Status: IN_PROCESS is status 1 for the API; back to page 1.
    b.select(".tc-job-status", "IN_PROCESS");
    let mut status = vec![("status", "1".to_string())];
    status.extend(page_params(1, 20));
    let in_process = api.job_ids(&status);
    assert!(!in_process.is_empty(), "some job is in process");
    wait_rows(&b, "jobs in process", JOB_ROWS, "data-job-id", &in_process);
    wait_param_from_page_1(&b, "status", "IN_PROCESS");
    let badges = b.attrs(&format!("{JOB_ROWS} .tc-badge"), "data-code");
    assert!(
        badges.iter().all(|c| c == "IN_PROCESS"),
        "every row is in process: {badges:?}"
    );

    // Name: a piece of the first in-process job's name.
    let detail = api.api_get(
        "/apiOpen/v1/task/getTaskDetail",
        &[("robotCallJobId", in_process[0].to_string())],
    );
    let full_name = detail["data"]["robotCallJob"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let piece: String = full_name.chars().take(2).collect();
    assert!(!piece.is_empty(), "job {} has a name", in_process[0]);
    b.type_text(".tc-job-name", &piece);
    let mut named = vec![("name", piece.clone()), ("status", "1".to_string())];
    named.extend(page_params(1, 20));
    let by_name = api.job_ids(&named);
    assert!(by_name.contains(&in_process[0]));
    wait_rows(
        &b,
        "jobs by name and status",
        JOB_ROWS,
        "data-job-id",
        &by_name,
    );
    let url = wait_param(&b, "name", &piece);
    let names = b.texts(&format!("{JOB_ROWS} .tc-job-name-cell"));
    assert!(
        names
            .iter()
            .all(|n| n.to_lowercase().contains(&piece.to_lowercase())),
        "every name contains {piece:?}: {names:?}"
    );

    // Reload: the same list, the same controls.
    b.reload();
    wait_rows(
        &b,
        "the same list after reload",
        JOB_ROWS,
        "data-job-id",
        &by_name,
    );
    assert_eq!(b.url(), url);
    let controls = || {
        let v = b.js("return [document.querySelector('.tc-job-name').value,\n\
                     document.querySelector('.tc-job-status').value];");
        (
            v[0].as_str().unwrap_or_default().to_string(),
            v[1].as_str().unwrap_or_default().to_string(),
        )
    };
    b.wait("the controls to show the filters", || {
        let c = controls();
        if c == (piece.clone(), "IN_PROCESS".to_string()) {
            Ok(())
        } else {
            Err(format!("{c:?}"))
        }
    });

    // Back and forward walk the same steps.
    let steps: [(&str, &[i64], &str, &str); 4] = [
        ("name and status", &by_name, piece.as_str(), "IN_PROCESS"),
        ("status", &in_process, "", "IN_PROCESS"),
        ("page 2", &page2, "", ""),
        ("page 1", &all, "", ""),
    ];
    let check = |(what, rows, name, status): (&str, &[i64], &str, &str)| {
        wait_rows(
            &b,
            &format!("the list of step {what}"),
            JOB_ROWS,
            "data-job-id",
            rows,
        );
        b.wait(&format!("the controls of step {what}"), || {
            let c = controls();
            if c == (name.to_string(), status.to_string()) {
                Ok(())
            } else {
                Err(format!("{c:?}"))
            }
        });
    };
    for step in &steps[1..] {
        b.back();
        check(*step);
    }
    assert_eq!(path_of(&b.url()), "/jobs");
    assert_eq!(query_of(&b.url()), Vec::<(String, String)>::new());
    for step in steps.iter().rev().skip(1) {
        b.forward();
        check(*step);
    }
    assert_eq!(b.url(), url);

    // The "next page" button, from a fresh list.
    b.goto(&stack.url("/jobs"));
    wait_rows(&b, "the first page again", JOB_ROWS, "data-job-id", &all);
    b.click(".tc-pagination .tc-page-next");
    wait_rows(
        &b,
        "page 2 after \"next page\"",
        JOB_ROWS,
        "data-job-id",
        &page2,
    );
}
