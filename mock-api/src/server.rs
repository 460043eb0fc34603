//! The server: shared state, the per-request pipeline (log, faults, latency, auth, CORS), and
//! starting it as a program or on a thread of its own.

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::clock::Clock;
use crate::data::{Dataset, Shape};
use crate::envelope::{self, EnvelopeCode, RequestId};
use crate::faults::{self, Fault, GlobalFault};
use crate::incident::Incident;
use crate::observe::{self, RequestLog};
use crate::rng::{letters8, mix};
use crate::view::View;
use crate::{auth, hostile, Credentials, Options};

/// Largest request body read.
const MAX_BODY: usize = 1 << 20;

/// Delay added to `/apiOpen` and `/recordings` answers: `ms` plus up to `jitter_ms`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Latency {
    pub ms: u64,
    pub jitter_ms: u64,
}

/// Everything the handlers share.
pub struct AppState {
    pub ds: Dataset,
    /// Live mode's clock (with live mode off it never cuts anything and does not move).
    pub clock: Clock,
    pub auth: Option<Credentials>,
    pub public_url: String,
    pub cors_origin: Option<String>,
    pub log: RequestLog,
    pub fault: Mutex<Option<GlobalFault>>,
    pub latency: Mutex<Latency>,
    pub startup_latency: Latency,
    /// Live mode's incidents, as posted (`/__mock/incident`); ended ones are dropped when
    /// another is posted.
    pub incidents: Mutex<Vec<Incident>>,
    /// The stand-in portal's sessions: cookie token -> user name (`routes::portal`).
    pub sessions: Mutex<HashMap<String, String>>,
    counter: AtomicU64,
}

impl AppState {
    pub fn new(opts: &Options, port: u16) -> AppState {
        let public_url = opts
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://127.0.0.1:{port}"))
            .trim_end_matches('/')
            .to_string();
        let latency = Latency {
            ms: opts.latency_ms,
            jitter_ms: 0,
        };
        let clock = Clock::new(opts.live);
        let ds = Dataset::shaped(Shape {
            seed: opts.seed,
            jobs: opts.jobs,
            calls_per_job: opts.calls_per_job,
            running: opts.running,
            live_today: opts.live.then(|| clock.today()),
        });
        AppState {
            ds,
            clock,
            auth: opts.auth.clone(),
            public_url,
            cors_origin: opts.cors_origin.clone(),
            log: RequestLog::default(),
            fault: Mutex::new(None),
            latency: Mutex::new(latency),
            startup_latency: latency,
            incidents: Mutex::new(Vec::new()),
            sessions: Mutex::new(HashMap::new()),
            counter: AtomicU64::new(0),
        }
    }

    pub(crate) fn next_count(&self) -> u64 {
        self.counter.fetch_add(1, Ordering::Relaxed)
    }

    /// Eight letters, different for every request.
    pub fn request_id(&self) -> String {
        letters8(self.ds.seed ^ mix(self.next_count() + 1))
    }

    pub fn global_fault(&self) -> Option<GlobalFault> {
        self.fault.lock().ok().and_then(|f| f.clone())
    }

    /// The global fault for a request to `path` naming the job `job()` says, if it applies;
    /// one of its `times` is used up (the last one clears it). `job` is called only when the
    /// fault is for one job.
    fn take_global_fault(&self, path: &str, job: impl FnOnce() -> Option<u64>) -> Option<Fault> {
        let mut slot = self.fault.lock().ok()?;
        let g = slot.as_mut().filter(|g| {
            let named = if g.job.is_some() { job() } else { None };
            g.applies_to(path, named)
        })?;
        let fault = g.fault;
        match g.times {
            Some(n) if n <= 1 => *slot = None,
            Some(n) => g.times = Some(n - 1),
            None => {}
        }
        Some(fault)
    }

    /// The data as it reads now: the clock's now and the incidents active then.
    pub fn view(&self) -> View<'_> {
        let incidents = self.incidents_posted();
        View::new(&self.ds, self.clock.cut(), &incidents)
    }

    pub fn incidents_posted(&self) -> Vec<Incident> {
        self.incidents.lock().map(|i| i.clone()).unwrap_or_default()
    }

    pub fn current_latency(&self) -> Latency {
        self.latency.lock().map(|l| *l).unwrap_or_default()
    }
}

/// The stand-in's own pages, never logged, faulted, delayed or signature-checked.
fn is_own_page(path: &str) -> bool {
    path.starts_with("/__mock") || path.starts_with("/__portal")
}

/// CORS headers for credentialed requests (`credentials: "include"`): the configured origin,
/// or for `*` the request's own `Origin` (a browser refuses `*` with credentials), plus
/// `Access-Control-Allow-Credentials: true`. `*` without an `Origin` (not a browser) stays `*`,
/// without the credentials header.
fn add_cors(headers: &mut HeaderMap, configured: &str, request_origin: Option<&HeaderValue>) {
    let allow = match (configured, request_origin) {
        ("*", Some(origin)) => Some(origin.clone()),
        ("*", None) => None,
        (origin, _) => HeaderValue::from_str(origin).ok(),
    };
    match allow {
        Some(origin) => {
            headers.insert("access-control-allow-origin", origin);
            headers.insert(
                "access-control-allow-credentials",
                HeaderValue::from_static("true"),
            );
        }
        None => {
            headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
        }
    }
    let pairs = [
        ("vary", "Origin"),
        ("access-control-allow-methods", "GET, POST, DELETE, OPTIONS"),
        (
            "access-control-allow-headers",
            "appKey, version, timestamp, signature, content-type, range, x-mock-fault",
        ),
        (
            "access-control-expose-headers",
            "Content-Range, Accept-Ranges, Content-Length, Retry-After, X-Tanyi-Operator, X-Tanyi-Role",
        ),
        ("access-control-max-age", "600"),
    ];
    for (name, value) in pairs {
        if let Ok(v) = HeaderValue::from_str(value) {
            headers.insert(name, v);
        }
    }
}

fn text(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

/// Every request goes through here: read and record, then faults, latency and auth, then the
/// handler, then CORS and the log line.
pub async fn pipeline(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let origin = req.headers().get(header::ORIGIN).cloned();
    let (mut parts, body) = req.into_parts();
    let mut resp = match axum::body::to_bytes(body, MAX_BODY).await {
        Err(_) => text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body over {MAX_BODY} bytes\n"),
        ),
        Ok(bytes) => {
            if !is_own_page(&path) {
                st.log
                    .record(&method, &path, parts.uri.query(), &parts.headers, &bytes);
            }
            let rid = st.request_id();
            parts.extensions.insert(RequestId(rid.clone()));
            let body = bytes.clone();
            handle(
                &st,
                Request::from_parts(parts, Body::from(bytes)),
                next,
                &rid,
                &body,
            )
            .await
        }
    };
    if let Some(configured) = &st.cors_origin {
        add_cors(resp.headers_mut(), configured, origin.as_ref());
    }
    let code = resp.extensions().get::<EnvelopeCode>().map(|c| c.0);
    observe::log_line(
        &method,
        &path,
        resp.status().as_u16(),
        code,
        started.elapsed().as_millis(),
    );
    resp
}

/// `body`: the request's body, read for the job it names (`faults::requested_job`) only
/// when the global fault is set for one job.
async fn handle(st: &AppState, req: Request, next: Next, rid: &str, body: &[u8]) -> Response {
    let path = req.uri().path().to_string();
    if req.method() == Method::OPTIONS {
        return match st.cors_origin {
            Some(_) => StatusCode::NO_CONTENT.into_response(),
            None => text(StatusCode::FORBIDDEN, "Invalid CORS request\n".into()),
        };
    }
    let is_api = path.starts_with("/apiOpen");
    let is_recording = path.starts_with("/recordings");
    let header_fault = req
        .headers()
        .get(faults::HEADER)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let fault = match header_fault {
        Some(name) if is_api || is_recording => match Fault::parse(&name) {
            Some(f) => Some(f),
            None => {
                return text(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "unknown {} value {name:?}; one of {}\n",
                        faults::HEADER,
                        Fault::NAMES
                    ),
                )
            }
        },
        _ if is_own_page(&path) => None,
        _ => st.take_global_fault(&path, || faults::requested_job(req.uri().query(), body)),
    };
    if is_api || is_recording {
        let lat = st.current_latency();
        let jitter = if lat.jitter_ms > 0 {
            mix(st.next_count()) % (lat.jitter_ms + 1)
        } else {
            0
        };
        if lat.ms + jitter > 0 {
            tokio::time::sleep(Duration::from_millis(lat.ms + jitter)).await;
        }
    }
    if fault == Some(Fault::Slow) {
        tokio::time::sleep(faults::SLOW_DELAY).await;
    }
    if let Some(f) = fault {
        if let Some(resp) = faults::respond(f, rid, &path, &st.public_url).await {
            return resp;
        }
    }
    if is_api {
        if let Some(creds) = &st.auth {
            if let Err(msg) = auth::check(req.headers(), creds, auth::now_ms()) {
                return envelope::error_response(401, &msg, rid);
            }
        }
    }
    let resp = next.run(req).await;
    if fault == Some(Fault::Hostile) {
        return make_hostile(resp, &path, is_recording).await;
    }
    if fault == Some(Fault::Long) && path.ends_with("/callDetail") {
        return make_long(resp).await;
    }
    resp
}

/// The `long` fault: the answer with a `faults::LONG_TURNS`-turn transcript.
async fn make_long(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(
        parts,
        Body::from(serde_json::to_vec(&faults::lengthen_transcript(value)).unwrap_or_default()),
    )
}

async fn make_hostile(resp: Response, path: &str, is_recording: bool) -> Response {
    let (mut parts, body) = resp.into_parts();
    if is_recording {
        parts.headers.remove(header::CONTENT_RANGE);
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.status = StatusCode::OK;
        return Response::from_parts(parts, Body::from(hostile::junk_audio()));
    }
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if value.get("code").and_then(Value::as_i64) != Some(200) {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let out = hostile::transform(value, path.ends_with("/callDetail"));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(
        parts,
        Body::from(serde_json::to_vec(&out).unwrap_or_default()),
    )
}

async fn run_on(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    let app = crate::routes::router(state);
    axum::serve(listener, app).await
}

/// What the binary runs: generates the data, binds 127.0.0.1:PORT, prints
/// `listening on http://127.0.0.1:PORT` and serves until killed.
pub async fn serve(opts: Options) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", opts.port)).await?;
    let port = listener.local_addr()?.port();
    let started = Instant::now();
    let state = Arc::new(AppState::new(&opts, port));
    eprintln!(
        "mock-api: {} jobs, {} calls generated in {} ms (seed {}, auth {}{})",
        state.ds.jobs.len(),
        state.ds.calls.len(),
        started.elapsed().as_millis(),
        opts.seed,
        if opts.auth.is_some() { "on" } else { "off" },
        if opts.live { ", live" } else { "" }
    );
    println!("listening on http://127.0.0.1:{port}");
    std::io::stdout().flush()?;
    run_on(listener, state).await
}

/// A stand-in running on its own thread; dropping it stops the server.
pub struct RunningMock {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RunningMock {
    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }
}

impl Drop for RunningMock {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts the server on its own thread with its own tokio runtime; returns once it is
/// listening and its data is ready.
pub fn start_in_thread(opts: Options) -> std::io::Result<RunningMock> {
    let std_listener = std::net::TcpListener::bind(("127.0.0.1", opts.port))?;
    std_listener.set_nonblocking(true)?;
    let addr = std_listener.local_addr()?;
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<std::io::Result<()>>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name(format!("mock-api-{}", addr.port()))
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            rt.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(std_listener) {
                    Ok(l) => l,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                let state = Arc::new(AppState::new(&opts, addr.port()));
                let _ = ready_tx.send(Ok(()));
                tokio::select! {
                    result = run_on(listener, state) => {
                        if let Err(e) = result {
                            eprintln!("mock-api: {e}");
                        }
                    }
                    _ = stop_rx => {}
                }
            });
            // Requests still held (timeout faults, slow answers) are dropped, not awaited.
            rt.shutdown_background();
        })?;
    match ready_rx.recv() {
        Ok(Ok(())) => Ok(RunningMock {
            addr,
            shutdown: Some(stop_tx),
            thread: Some(thread),
        }),
        Ok(Err(e)) => {
            let _ = thread.join();
            Err(e)
        }
        Err(_) => {
            let _ = thread.join();
            Err(std::io::Error::other(
                "mock-api thread ended before it was ready",
            ))
        }
    }
}
