//! The jobs endpoints: `getTasks` and `getTaskDetail`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use axum::Extension;

use crate::enums::JobStatus;
use crate::envelope::{self, RequestId};
use crate::params::{self, PageReq};
use crate::render;
use crate::server::AppState;

/// GET getTasks?name=&status=&pageNum=&pageSize=
pub async fn get_tasks(
    State(st): State<Arc<AppState>>,
    Extension(rid): Extension<RequestId>,
    uri: Uri,
) -> Response {
    let q = params::query_map(uri.query());
    let parsed = (|| -> Result<_, String> {
        let status = match params::query_str(&q, "status") {
            None => None,
            Some(s) => Some(
                s.parse::<i64>()
                    .ok()
                    .and_then(JobStatus::from_code)
                    .ok_or_else(|| {
                        format!("status must be an integer code 0..7 (NOT_STARTED 0 ... IN_QUEUE 7), got {s:?}")
                    })?,
            ),
        };
        let page = PageReq::new(
            params::query_u64(&q, "pageNum")?,
            params::query_u64(&q, "pageSize")?,
            None,
        )?;
        Ok((status, page))
    })();
    let (status, page) = match parsed {
        Ok(p) => p,
        Err(msg) => return envelope::bad_param(&msg, &rid.0),
    };
    let name = params::query_str(&q, "name").map(str::to_lowercase);
    let view = st.view();
    let mut total = 0u64;
    let mut content = Vec::new();
    for job in st.ds.jobs.iter().rev() {
        let name_ok = name
            .as_deref()
            .is_none_or(|n| job.name.to_lowercase().contains(n));
        if name_ok && status.is_none_or(|s| view.status(job) == s) {
            if total >= page.offset() && (content.len() as u64) < page.size {
                content.push(render::job_summary(&view, job));
            }
            total += 1;
        }
    }
    let data = render::page(page.num, page.size, total, page.pages(total), content);
    envelope::envelope(&envelope::ok(data, "创建成功", &rid.0))
}

/// GET getTaskDetail?robotCallJobId=
pub async fn get_task_detail(
    State(st): State<Arc<AppState>>,
    Extension(rid): Extension<RequestId>,
    uri: Uri,
) -> Response {
    let q = params::query_map(uri.query());
    let id = match params::query_id(&q, "robotCallJobId") {
        Ok(id) => id,
        Err(msg) => return envelope::bad_param(&msg, &rid.0),
    };
    match st.ds.job(id) {
        Some(job) => envelope::envelope(&envelope::ok(
            render::job_detail(&st.view(), job),
            "获取成功",
            &rid.0,
        )),
        None => envelope::not_found(&format!("任务不存在: robotCallJobId {id}"), &rid.0),
    }
}
