//! The gateway's cost: what the proxy adds to a 100-call page for a viewer (masked) and a
//! supervisor (unchanged), against the same request signed and sent straight to the
//! stand-in, and how many such pages a second one client gets through it.

use crate::report::{budget_line, median, ms, spread};
use e2e::journey::{credentials, StandIn, APP_KEY, APP_SECRET, TENANT, UNLIMITED_RATE};
use e2e::stack::{basic, basic_auth};
use e2e::{free_port, request, write_fake_dist, Response, TempDir};
use std::time::{Duration, Instant};
use xtask::nginx::{self, CredentialsSource, Layout, ProxySettings};

const PATH: &str = "/apiOpen/v1/task/getCallRecordInfoList";
const BODY: &[u8] = br#"{"robotCallJobId":1,"pageNum":1,"pageSize":100}"#;
/// How long each role's throughput is measured.
const THROUGHPUT_FOR: Duration = Duration::from_secs(3);

fn page(url: &str, headers: &[(&str, &str)]) -> Result<(f64, Response), String> {
    let mut all = vec![("Content-Type", "application/json")];
    all.extend_from_slice(headers);
    let started = Instant::now();
    let r = request("POST", url, &all, Some(BODY)).map_err(|e| format!("{url}: {e}"))?;
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    match r.status {
        200 => Ok((elapsed, r)),
        other => Err(format!("{url}: HTTP {other}: {}", r.raw())),
    }
}

/// Prints the gateway section and returns its budget line.
pub fn run(rounds: usize) -> Result<String, String> {
    let stand_in = StandIn::start(&mock_api::Options {
        seed: 42,
        jobs: 2,
        calls_per_job: 2000,
        ..Default::default()
    });
    let files = TempDir::new("bench-gateway");
    let dist = TempDir::new("bench-gateway-dist");
    write_fake_dist(dist.path(), "/", "{}").map_err(|e| e.to_string())?;
    let mut settings = ProxySettings::new(
        stand_in.url(),
        CredentialsSource::Values(credentials()),
        basic_auth(files.path(), &[]),
    );
    // The bench measures the proxy's work, not its limit.
    settings.rate_limit = UNLIMITED_RATE;
    let layout = Layout::SameOrigin { port: free_port() };
    let proxy = nginx::start(dist.path(), &settings, &layout, &files.path().join("nginx"))
        .map_err(|e| format!("nginx: {e}"))?;

    let direct_url = format!("{}{PATH}", stand_in.url());
    let proxy_url = format!("{}{PATH}", proxy.api_url());
    let (viewer, supervisor) = (basic("viewer"), basic("supervisor"));
    let direct = || {
        let timestamp = mock_api::auth::now_ms().to_string();
        let signature = mock_api::signature(APP_KEY, APP_SECRET, TENANT, "v1", &timestamp);
        let headers = [
            ("appKey", APP_KEY),
            ("version", "v1"),
            ("timestamp", timestamp.as_str()),
            ("signature", signature.as_str()),
        ];
        page(&direct_url, &headers)
    };
    let through = |auth: &str| page(&proxy_url, &[("Authorization", auth)]);

    let (_, answer) = direct()?;
    let size = answer.body.len();
    let (mut straight, mut unchanged, mut masked) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        straight.push(direct()?.0);
        unchanged.push(through(&supervisor)?.0);
        masked.push(through(&viewer)?.0);
    }
    let added = |samples: &[f64]| median(samples).zip(median(&straight)).map(|(a, b)| a - b);
    let masking = median(&masked).zip(median(&unchanged)).map(|(a, b)| a - b);

    println!();
    println!(
        "gateway: a 100-call page ({:.1} KB), {rounds} rounds of straight / supervisor / viewer",
        size as f64 / 1000.0
    );
    println!("   straight to the stand-in  {}", spread(&straight));
    println!("   supervisor via the proxy  {}", spread(&unchanged));
    println!("   viewer via the proxy      {}", spread(&masked));
    println!(
        "   added by the proxy (median): supervisor {}, viewer {}",
        ms(added(&unchanged)),
        ms(added(&masked))
    );
    for (role, auth) in [("supervisor", &supervisor), ("viewer", &viewer)] {
        let started = Instant::now();
        let mut pages = 0u32;
        while started.elapsed() < THROUGHPUT_FOR {
            through(auth)?;
            pages += 1;
        }
        let per_second = f64::from(pages) / started.elapsed().as_secs_f64();
        println!("   {role:<10} one client, one request at a time: {per_second:.0} pages/s");
    }
    Ok(budget_line(
        "gateway, masking a 100-call page for a viewer (median, viewer − supervisor)",
        masking,
        &ms(masking),
        "10 ms",
        10.0,
    ))
}
