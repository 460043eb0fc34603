//! The call-record endpoints of both families: `getCallRecordInfoList` and `callDetail`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use axum::Extension;
use serde_json::Value;

use crate::envelope::{self, RequestId};
use crate::filters::{self, Family};
use crate::params;
use crate::render::{self, Ctx};
use crate::server::AppState;

fn list(st: &AppState, rid: &str, body: &[u8], family: Family) -> Response {
    let json: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Default::default())
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return envelope::bad_param(&format!("the body is not JSON: {e}"), rid),
        }
    };
    let (query, page) = match filters::parse(&json, family) {
        Ok(p) => p,
        Err(msg) => return envelope::bad_param(&msg, rid),
    };
    let Some(job) = st.ds.job(query.robot_call_job_id) else {
        return envelope::not_found(
            &format!("任务不存在: robotCallJobId {}", query.robot_call_job_id),
            rid,
        );
    };
    let (total, calls) = query.run(st.view().calls(job), page);
    let ctx = Ctx {
        ds: &st.ds,
        public_url: &st.public_url,
    };
    let content = calls
        .into_iter()
        .map(|c| render::call_item(&ctx, &c, family))
        .collect();
    let data = render::page(page.num, page.size, total, page.pages(total), content);
    envelope::envelope(&envelope::ok(data, "获取成功", rid))
}

fn detail(st: &AppState, rid: &str, uri: &Uri, family: Family) -> Response {
    let q = params::query_map(uri.query());
    let id = match params::query_id(&q, "callRecordId") {
        Ok(id) => id,
        Err(msg) => return envelope::bad_param(&msg, rid),
    };
    let Some(call) = st.view().made_call(id) else {
        return envelope::not_found(&format!("通话记录不存在: callRecordId {id}"), rid);
    };
    let ctx = Ctx {
        ds: &st.ds,
        public_url: &st.public_url,
    };
    envelope::envelope(&envelope::ok(
        render::call_detail(&ctx, &call, family),
        "执行成功",
        rid,
    ))
}

/// POST /apiOpen/v1/task/getCallRecordInfoList
pub async fn list_task(
    State(st): State<Arc<AppState>>,
    Extension(rid): Extension<RequestId>,
    body: Bytes,
) -> Response {
    list(&st, &rid.0, &body, Family::Task)
}

/// POST /apiOpen/v1/callRecord/getCallRecordInfoList
pub async fn list_call_record(
    State(st): State<Arc<AppState>>,
    Extension(rid): Extension<RequestId>,
    body: Bytes,
) -> Response {
    list(&st, &rid.0, &body, Family::CallRecord)
}

/// GET /apiOpen/v1/task/callDetail?callRecordId=
pub async fn detail_task(
    State(st): State<Arc<AppState>>,
    Extension(rid): Extension<RequestId>,
    uri: Uri,
) -> Response {
    detail(&st, &rid.0, &uri, Family::Task)
}

/// GET /apiOpen/v1/callRecord/callDetail?callRecordId=
pub async fn detail_call_record(
    State(st): State<Arc<AppState>>,
    Extension(rid): Extension<RequestId>,
    uri: Uri,
) -> Response {
    detail(&st, &rid.0, &uri, Family::CallRecord)
}
