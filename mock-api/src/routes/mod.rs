//! The URL map: which handler answers which path and method.

mod admin;
mod calls;
mod portal;
mod recordings;
mod task;

use std::sync::Arc;

use axum::http::{Method, StatusCode, Uri};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Extension, Router};

use crate::envelope::{self, RequestId};
use crate::server::{self, AppState};

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(admin::index))
        .route(
            "/apiOpen/v1/task/getTasks",
            get(task::get_tasks).fallback(wrong_method),
        )
        .route(
            "/apiOpen/v1/task/getTaskDetail",
            get(task::get_task_detail).fallback(wrong_method),
        )
        .route(
            "/apiOpen/v1/task/getCallRecordInfoList",
            post(calls::list_task).fallback(wrong_method),
        )
        .route(
            "/apiOpen/v1/task/callDetail",
            get(calls::detail_task).fallback(wrong_method),
        )
        .route(
            "/apiOpen/v1/callRecord/getCallRecordInfoList",
            post(calls::list_call_record).fallback(wrong_method),
        )
        .route(
            "/apiOpen/v1/callRecord/callDetail",
            get(calls::detail_call_record).fallback(wrong_method),
        )
        .route("/recordings/{*rest}", get(recordings::serve))
        .route(
            "/__mock/requests",
            get(admin::requests).delete(admin::clear_requests),
        )
        .route(
            "/__mock/fault",
            get(admin::get_fault).post(admin::set_fault),
        )
        .route(
            "/__mock/latency",
            get(admin::get_latency).post(admin::set_latency),
        )
        .route("/__mock/reset", post(admin::reset))
        .route(
            "/__mock/clock",
            get(admin::get_clock).post(admin::advance_clock),
        )
        .route(
            "/__mock/incident",
            get(admin::get_incidents)
                .post(admin::start_incident)
                .delete(admin::clear_incidents),
        )
        .route(
            "/__portal/sign-in",
            get(portal::sign_in_form).post(portal::sign_in),
        )
        .route("/__portal/signed-in", get(portal::signed_in))
        // Any method: nginx's `auth_request` subrequest may carry the original one.
        .route("/__portal/session", any(portal::session))
        .route(
            "/__portal/sign-out",
            post(portal::sign_out).get(portal::sign_out),
        )
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            server::pipeline,
        ))
        .with_state(state)
}

async fn wrong_method(method: Method, uri: Uri, Extension(rid): Extension<RequestId>) -> Response {
    let mut resp = envelope::error_response(
        405,
        &format!("Request method '{method}' not supported on {}", uri.path()),
        &rid.0,
    );
    *resp.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    resp
}

async fn not_found(uri: Uri, Extension(rid): Extension<RequestId>) -> Response {
    if uri.path().starts_with("/apiOpen") {
        let mut resp = envelope::not_found(&format!("No endpoint {}", uri.path()), &rid.0);
        *resp.status_mut() = StatusCode::NOT_FOUND;
        resp
    } else {
        (
            StatusCode::NOT_FOUND,
            format!("not found: {}\n", uri.path()),
        )
            .into_response()
    }
}
