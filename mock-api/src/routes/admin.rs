//! The stand-in's own pages: `GET /` and the `/__mock/...` controls for tests.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::clock;
use crate::envelope::json_response;
use crate::faults::{Fault, GlobalFault};
use crate::incident::{self, Incident, Kind};
use crate::server::{AppState, Latency};
use crate::time;

/// GET / : what this is and how to use it.
pub async fn index(State(st): State<Arc<AppState>>) -> Response {
    let auth = match &st.auth {
        Some(c) => format!(
            "on: appKey {:?}, tenantSign {:?} (the secret is not shown)",
            c.app_key, c.tenant_sign
        ),
        None => "off (--no-auth)".into(),
    };
    let today = time::date(time::day_start(st.ds.today));
    let (calls, clock) = if st.ds.live {
        let view = st.view();
        let now = view.now;
        let made: usize = st.ds.jobs.iter().map(|j| view.made(j).len()).sum();
        (
            format!(
                "{made} calls made by now, {} to come",
                st.ds.calls.len() - made
            ),
            format!(
                "live (--live): today is {today}; now {}; running jobs make a call every {}-{} s",
                time::iso(now),
                crate::data::LIVE_GAP_S.0,
                crate::data::LIVE_GAP_S.1
            ),
        )
    } else {
        (
            format!("{} calls", st.ds.calls.len()),
            format!("fixed, activity up to {today} (--live: today is the machine's, running jobs keep calling)"),
        )
    };
    let body = format!(
        "mock-api: a stand-in for the Tanyi (探意) open API\n\
         \n\
         data: {} jobs, {calls} (seed {})\n\
         auth: {auth}\n\
         clock: {clock}\n\
         recordings: {}/recordings/...\n\
         \n\
         GET  /apiOpen/v1/task/getTasks?name=&status=&pageNum=&pageSize=\n\
         GET  /apiOpen/v1/task/getTaskDetail?robotCallJobId=\n\
         POST /apiOpen/v1/task/getCallRecordInfoList\n\
         GET  /apiOpen/v1/task/callDetail?callRecordId=\n\
         POST /apiOpen/v1/callRecord/getCallRecordInfoList\n\
         GET  /apiOpen/v1/callRecord/callDetail?callRecordId=\n\
         \n\
         faults: header x-mock-fault: {}\n\
         GET|DELETE /__mock/requests   POST /__mock/fault {{\"fault\":\"500\",\"path_prefix\":\"/apiOpen\"}}\n\
         \x20 (add \"times\":N for the next N matching requests only; then it clears itself;\n\
         \x20 \"job\":J for requests naming robotCallJobId=J only, in the query or the JSON body)\n\
         POST /__mock/latency {{\"ms\":100,\"jitter_ms\":50}}   POST /__mock/reset\n\
         GET  /__mock/clock   POST /__mock/clock {{\"advance_s\":3600}}   (live mode's now; it only moves\n\
         \x20 forward, and only with --live; /__mock/reset sets it back to the machine's clock)\n\
         \x20 {{\"paused\":true}} stops now (advance_s still moves it), {{\"paused\":false}} runs on from there\n\
         POST /__mock/incident {{\"job\":2,\"kind\":\"stalled\",\"for_s\":600}}   GET|DELETE /__mock/incident\n\
         \x20 (live mode: job 2 reads so from now for for_s seconds of its clock; /__mock/reset clears\n\
         \x20 them; kinds: {})\n\
         \n\
         sign-in portal (stand-in; accounts viewer/viewer, supervisor/supervisor):\n\
         GET  /__portal/sign-in?rd=URL   the form (rd: where to go back, http(s) on 127.0.0.1 or localhost)\n\
         POST /__portal/sign-in          user, password, rd (form-urlencoded): cookie tanyi_portal, 303\n\
         GET  /__portal/session          nginx auth_request: 200 + X-Auth-Request-User/-Groups, or 401\n\
         POST /__portal/sign-out         (GET too) forgets the session, 303 to the form\n",
        st.ds.jobs.len(),
        st.ds.seed,
        st.public_url,
        Fault::NAMES,
        Kind::NAMES,
    );
    let mut resp = (StatusCode::OK, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

fn bad(msg: String) -> Response {
    json_response(StatusCode::BAD_REQUEST, &json!({ "error": msg }))
}

fn parse_body(body: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}"))
}

/// GET /__mock/requests : the last 100 requests, newest last.
pub async fn requests(State(st): State<Arc<AppState>>) -> Response {
    json_response(StatusCode::OK, &st.log.list())
}

/// DELETE /__mock/requests
pub async fn clear_requests(State(st): State<Arc<AppState>>) -> Response {
    st.log.clear();
    json_response(StatusCode::OK, &json!({ "cleared": true }))
}

fn fault_json(f: &Option<GlobalFault>) -> Value {
    match f {
        Some(g) => json!({
            "fault": g.fault.name(),
            "path_prefix": g.path_prefix,
            "times": g.times,
            "job": g.job,
        }),
        None => json!({ "fault": null, "path_prefix": null, "times": null, "job": null }),
    }
}

/// GET /__mock/fault
pub async fn get_fault(State(st): State<Arc<AppState>>) -> Response {
    json_response(StatusCode::OK, &fault_json(&st.global_fault()))
}

/// `job` of a control request: absent/null, or the id of one of the data's jobs.
fn job_field(st: &AppState, v: &Value) -> Result<Option<u64>, String> {
    match v.get("job") {
        None | Some(Value::Null) => Ok(None),
        Some(x) => incident::job_id(x, st.ds.jobs.len(), |id| st.ds.job(id).is_some()).map(Some),
    }
}

/// POST /__mock/fault {"fault": "500" | null, "path_prefix": "/apiOpen/v1/task", "times": 2,
/// "job": 3}
pub async fn set_fault(State(st): State<Arc<AppState>>, body: Bytes) -> Response {
    let v = match parse_body(&body) {
        Ok(v) => v,
        Err(msg) => return bad(msg),
    };
    let times = match v.get("times") {
        None | Some(Value::Null) => None,
        Some(x) => match x.as_u64() {
            Some(n) if n > 0 => Some(n),
            _ => return bad(format!("times must be a positive integer, got {x}")),
        },
    };
    let job = match job_field(&st, &v) {
        Ok(job) => job,
        Err(msg) => return bad(msg),
    };
    let new = match v.get("fault") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => match Fault::parse(name) {
            Some(fault) => Some(GlobalFault {
                fault,
                path_prefix: match v.get("path_prefix") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(p)) => Some(p.clone()),
                    Some(other) => return bad(format!("path_prefix must be text, got {other}")),
                },
                times,
                job,
            }),
            None => return bad(format!("unknown fault {name:?}; one of {}", Fault::NAMES)),
        },
        Some(Value::Number(n)) => match Fault::parse(&n.to_string()) {
            Some(fault) => Some(GlobalFault {
                fault,
                path_prefix: v
                    .get("path_prefix")
                    .and_then(Value::as_str)
                    .map(String::from),
                times,
                job,
            }),
            None => return bad(format!("unknown fault {n}; one of {}", Fault::NAMES)),
        },
        Some(other) => return bad(format!("fault must be a name or null, got {other}")),
    };
    if let Ok(mut f) = st.fault.lock() {
        *f = new.clone();
    }
    json_response(StatusCode::OK, &fault_json(&new))
}

fn latency_json(l: Latency) -> Value {
    json!({ "ms": l.ms, "jitter_ms": l.jitter_ms })
}

/// GET /__mock/latency
pub async fn get_latency(State(st): State<Arc<AppState>>) -> Response {
    json_response(StatusCode::OK, &latency_json(st.current_latency()))
}

/// POST /__mock/latency {"ms": N, "jitter_ms": M}
pub async fn set_latency(State(st): State<Arc<AppState>>, body: Bytes) -> Response {
    let v = match parse_body(&body) {
        Ok(v) => v,
        Err(msg) => return bad(msg),
    };
    let field = |k: &str| -> Result<u64, String> {
        match v.get(k) {
            None | Some(Value::Null) => Ok(0),
            Some(x) => x
                .as_u64()
                .ok_or_else(|| format!("{k} must be a non-negative integer, got {x}")),
        }
    };
    let new = match (field("ms"), field("jitter_ms")) {
        (Ok(ms), Ok(jitter_ms)) => Latency { ms, jitter_ms },
        (Err(msg), _) | (_, Err(msg)) => return bad(msg),
    };
    if let Ok(mut l) = st.latency.lock() {
        *l = new;
    }
    json_response(StatusCode::OK, &latency_json(new))
}

fn clock_json(st: &AppState) -> Value {
    let now_ms = st.clock.now_ms();
    json!({
        "live": st.clock.live,
        "now": time::iso(clock::local_secs(now_ms, clock::local_utc_offset_s())),
        "now_ms": now_ms,
        "offset_s": st.clock.offset_ms() as f64 / 1000.0,
        "paused": st.clock.paused(),
    })
}

/// GET /__mock/clock : now (live mode's clock; the machine's with live mode off), as naive
/// local ISO text like the data's and as epoch milliseconds, and whether live mode is on.
pub async fn get_clock(State(st): State<Arc<AppState>>) -> Response {
    json_response(StatusCode::OK, &clock_json(&st))
}

/// What `POST /__mock/clock` asks: seconds to move forward, and whether to pause.
fn clock_request(v: &Value) -> Result<(Option<f64>, Option<bool>), String> {
    let advance = match v.get("advance_s") {
        None => None,
        Some(x) => match x.as_f64() {
            Some(n) if n >= 0.0 && n.is_finite() => Some(n),
            _ => {
                return Err(format!(
                    "advance_s must be a non-negative number of seconds, got {x}"
                ))
            }
        },
    };
    let paused = match v.get("paused") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(x) => return Err(format!("paused must be true or false, got {x}")),
    };
    if advance.is_none() && paused.is_none() {
        return Err(
            "advance_s (seconds, a non-negative number) or paused (true/false) is required".into(),
        );
    }
    Ok((advance, paused))
}

/// 409: the clock is live mode's.
fn not_live(what: &str) -> Response {
    json_response(
        StatusCode::CONFLICT,
        &json!({ "error": format!("{what} in live mode (start mock-api with --live)") }),
    )
}

/// POST /__mock/clock {"advance_s": N, "paused": true|false} (either or both): pauses or
/// unpauses live mode's clock, then moves it N (≥ 0) seconds forward; 409 with live mode off.
pub async fn advance_clock(State(st): State<Arc<AppState>>, body: Bytes) -> Response {
    if !st.clock.live {
        return not_live("the clock only moves");
    }
    let asked = parse_body(&body).and_then(|v| clock_request(&v));
    let (advance, paused) = match asked {
        Ok(a) => a,
        Err(msg) => return bad(msg),
    };
    if let Some(p) = paused {
        st.clock.set_paused(p);
    }
    if let Some(secs) = advance {
        st.clock.advance((secs * 1000.0).round() as i64);
    }
    json_response(StatusCode::OK, &clock_json(&st))
}

/// `{"now": "…", "incidents": [...]}`: the incidents not over by now (active, or to come),
/// in the order posted.
fn incidents_json(st: &AppState) -> Value {
    let now = st.clock.cut();
    let list: Vec<Value> = st
        .incidents_posted()
        .iter()
        .filter(|i| i.until > now)
        .map(|i| i.to_json(now))
        .collect();
    json!({ "now": time::iso(now), "incidents": list })
}

/// GET /__mock/incident : the incidents not over yet (none with live mode off).
pub async fn get_incidents(State(st): State<Arc<AppState>>) -> Response {
    json_response(StatusCode::OK, &incidents_json(&st))
}

/// DELETE /__mock/incident : no incidents any more; every job reads as generated.
pub async fn clear_incidents(State(st): State<Arc<AppState>>) -> Response {
    if let Ok(mut list) = st.incidents.lock() {
        list.clear();
    }
    json_response(StatusCode::OK, &incidents_json(&st))
}

/// POST /__mock/incident {"job": J, "kind": K, "for_s": N} : an incident on job J from now
/// for N seconds of live mode's clock; answers it and the list. 409 with live mode off.
pub async fn start_incident(State(st): State<Arc<AppState>>, body: Bytes) -> Response {
    if !st.clock.live {
        return not_live("incidents exist only");
    }
    let asked = parse_body(&body)
        .and_then(|v| incident::parse_request(&v, st.ds.jobs.len(), |id| st.ds.job(id).is_some()));
    let (job, kind, for_s) = match asked {
        Ok(a) => a,
        Err(msg) => return bad(msg),
    };
    let now = st.clock.cut();
    let new = Incident::starting(job, kind, now, for_s);
    if let Ok(mut list) = st.incidents.lock() {
        // Ended incidents change nothing any more.
        list.retain(|i| i.until > now);
        list.push(new);
    }
    let mut answer = incidents_json(&st);
    answer["incident"] = new.to_json(now);
    json_response(StatusCode::OK, &answer)
}

/// POST /__mock/reset : no fault, the start-up latency, an empty request log, no incidents, the
/// machine's clock, running (live mode stays as started).
pub async fn reset(State(st): State<Arc<AppState>>) -> Response {
    if let Ok(mut f) = st.fault.lock() {
        *f = None;
    }
    if let Ok(mut l) = st.latency.lock() {
        *l = st.startup_latency;
    }
    st.log.clear();
    if let Ok(mut list) = st.incidents.lock() {
        list.clear();
    }
    st.clock.reset();
    json_response(StatusCode::OK, &json!({ "reset": true }))
}
