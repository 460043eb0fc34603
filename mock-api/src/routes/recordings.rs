//! `/recordings/...wav`: a call's recording, generated on the fly, with HTTP Range support.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::data::{Call, TASK_ID_BASE, TENANT_ID};
use crate::render::{CUSTOMER_AUDIO, FULL_AUDIO};
use crate::server::AppState;
use crate::transcript;
use crate::view::View;
use crate::wav::{self, Channel, RangeReq, Voice, WavBody};

/// Finds the call (as it reads in `view`) and channel of
/// `/recordings/TenantId1/CallJobId50/CODE_TaskId_4/ai_user.wav`, for a call made.
pub fn locate(view: &View, path: &str) -> Option<(Call, Channel)> {
    let rest = path.strip_prefix("/recordings/")?;
    let mut parts = rest.split('/');
    let tenant = parts
        .next()?
        .strip_prefix("TenantId")?
        .parse::<u64>()
        .ok()?;
    let job_id = parts
        .next()?
        .strip_prefix("CallJobId")?
        .parse::<u64>()
        .ok()?;
    let (code, task) = parts.next()?.split_once("_TaskId_")?;
    let task_id = task.parse::<u64>().ok()?;
    let channel = match parts.next()? {
        FULL_AUDIO => Channel::Full,
        CUSTOMER_AUDIO => Channel::Customer,
        _ => return None,
    };
    if parts.next().is_some() || tenant != TENANT_ID {
        return None;
    }
    let index = usize::try_from(task_id.checked_sub(TASK_ID_BASE)?).ok()?;
    let id = view.ds.calls.get(index)?.id;
    let call = view.made_call(id)?;
    let ok =
        view.ds.job_of(&call).id == job_id && call.recording_code() == code && call.has_recording();
    ok.then_some((call, channel))
}

fn set(headers: &mut HeaderMap, name: header::HeaderName, value: String) {
    if let Ok(v) = HeaderValue::from_str(&value) {
        headers.insert(name, v);
    }
}

/// GET (and HEAD) of a recording.
pub async fn serve(State(st): State<Arc<AppState>>, uri: Uri, headers: HeaderMap) -> Response {
    let Some((call, channel)) = locate(&st.view(), uri.path()) else {
        return (StatusCode::NOT_FOUND, "no such recording\n").into_response();
    };
    let turns = transcript::turns(st.ds.seed, &call);
    let voice = Voice::new(
        &turns,
        call.chat_duration as u32,
        channel,
        st.ds.seed ^ call.id,
    );
    let len = voice.file_len();
    let range = wav::parse_range(
        headers.get(header::RANGE).and_then(|v| v.to_str().ok()),
        len,
    );
    let (status, from, to) = match range {
        RangeReq::Full => (StatusCode::OK, 0, len - 1),
        RangeReq::Part(a, b) => (StatusCode::PARTIAL_CONTENT, a, b),
        RangeReq::Unsatisfiable => {
            let mut resp = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            set(
                resp.headers_mut(),
                header::CONTENT_RANGE,
                format!("bytes */{len}"),
            );
            set(resp.headers_mut(), header::ACCEPT_RANGES, "bytes".into());
            return resp;
        }
    };
    let mut resp = Response::new(Body::new(WavBody::new(voice, from, to)));
    *resp.status_mut() = status;
    let h = resp.headers_mut();
    set(h, header::CONTENT_TYPE, "audio/wav".into());
    // Playable from a cross-origin-isolated page too (the browser tests' runner serves its
    // page with COEP `require-corp`), as object storage allows it.
    set(
        h,
        header::HeaderName::from_static("cross-origin-resource-policy"),
        "cross-origin".into(),
    );
    set(h, header::ACCEPT_RANGES, "bytes".into());
    set(h, header::CONTENT_LENGTH, (to - from + 1).to_string());
    if status == StatusCode::PARTIAL_CONTENT {
        set(h, header::CONTENT_RANGE, format!("bytes {from}-{to}/{len}"));
    }
    resp
}
