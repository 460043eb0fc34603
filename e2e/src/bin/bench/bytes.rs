//! The bytes as served (section 1): every file of the console a first visit downloads,
//! asked for through the bench's nginx (the deployment's configuration: `brotli_static`
//! where this machine's nginx has the module, `gzip_static`, on-the-fly gzip for the rest)
//! three times: with `Accept-Encoding: br, gzip` (what browsers send), with `gzip` only (the
//! fallback) and with none (the files as they are). The bodies as sent are summed; the
//! response headers are shown beside them, not counted.

use crate::report::{budget_line, kb};
use e2e::journey::{Site, StandIn};
use serde_json::json;
use std::fs;
use std::path::Path;

const BROTLI_LIMIT_KB: f64 = 250.0;
const GZIP_LIMIT_KB: f64 = 350.0;

/// One answer: the body's bytes as sent, its `Content-Encoding`, the header bytes.
struct Sent {
    body: u64,
    encoding: String,
    headers: u64,
}

fn fetch(url: &str, accept: Option<&str>) -> Result<Sent, String> {
    let headers: Vec<(&str, &str)> = accept.map(|a| ("Accept-Encoding", a)).into_iter().collect();
    let r = e2e::get(url, &headers).map_err(|e| format!("{url}: {e}"))?;
    if r.status != 200 {
        return Err(format!("{url}: HTTP {}", r.status));
    }
    let body = r.body.len() as u64;
    if let Some(length) = r.header("Content-Length") {
        if length.parse::<u64>().ok() != Some(body) {
            return Err(format!("{url}: Content-Length {length}, body {body} bytes"));
        }
    }
    Ok(Sent {
        body,
        encoding: r.header("Content-Encoding").unwrap_or("none").to_string(),
        // "HTTP/1.1 200 OK\r\n", each "Name: value\r\n", the blank line.
        headers: 17
            + r.headers
                .iter()
                .map(|(n, v)| (n.len() + v.len() + 4) as u64)
                .sum::<u64>()
            + 2,
    })
}

/// The paths a first visit of the console loads from the site: index.html, config.json,
/// and the build's wasm, js, css and favicon (svg); not `embed.js`, the portal's loader,
/// which the console itself never loads.
fn paths(dist: &Path) -> Result<Vec<String>, String> {
    let entries = fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            [".wasm", ".js", ".css", ".svg"]
                .iter()
                .any(|x| n.ends_with(x))
        })
        .filter(|n| n != "embed.js")
        .collect();
    // Largest kinds first: wasm, js, css, svg.
    let rank = |n: &String| {
        [".wasm", ".js", ".css", ".svg"]
            .iter()
            .position(|x| n.ends_with(x))
    };
    names.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    let mut paths = vec!["/".to_string(), "/config.json".to_string()];
    paths.extend(names.into_iter().map(|n| format!("/{n}")));
    Ok(paths)
}

/// `303.3 KB br`.
fn cell(sent: &Sent) -> String {
    format!("{:>9} {:<5}", kb(sent.body), sent.encoding)
}

/// Prints section 1 and returns its two budget lines (brotli, gzip).
pub fn run(dist: &Path, stand_in: &StandIn) -> Result<Vec<String>, String> {
    let site = Site::console(dist, stand_in, json!({ "locale": "zh-CN" }), |_| {});
    let brotli_static = site.nginx.brotli_static();

    println!(
        "1. bytes as served: {} through the bench's nginx (brotli_static {}), each file asked for \
         with Accept-Encoding \"br, gzip\", \"gzip\" and none; bodies as sent (KB = 1,000 bytes)",
        dist.display(),
        if brotli_static {
            "on"
        } else {
            "off: no module"
        }
    );
    println!(
        "   {:<42} {:>9}  {:<15} {:<15}",
        "file", "as is", "br, gzip", "gzip"
    );
    // (as is, br, gzip) bodies, all files and the wasm, js and css alone; headers of br, gzip.
    let (mut all, mut assets, mut headers) = ([0u64; 3], [0u64; 3], [0u64; 2]);
    let paths = paths(dist)?;
    for path in &paths {
        let url = site.url(path);
        let plain = fetch(&url, None)?;
        let br = fetch(&url, Some("br, gzip"))?;
        let gzip = fetch(&url, Some("gzip"))?;
        let name = if path == "/" {
            "index.html"
        } else {
            &path[1..]
        };
        println!(
            "   {name:<42} {:>9}  {} {}",
            kb(plain.body),
            cell(&br),
            cell(&gzip)
        );
        let bodies = [plain.body, br.body, gzip.body];
        let is_asset = [".wasm", ".js", ".css"].iter().any(|x| path.ends_with(x));
        for i in 0..3 {
            all[i] += bodies[i];
            if is_asset {
                assets[i] += bodies[i];
            }
        }
        headers[0] += br.headers;
        headers[1] += gzip.headers;
    }
    for (what, sums) in [
        ("wasm + js + css".to_string(), assets),
        (format!("total, {} files", paths.len()), all),
    ] {
        println!(
            "   {what:<42} {:>9}  {:>9}       {:>9}",
            kb(sums[0]),
            kb(sums[1]),
            kb(sums[2])
        );
    }
    println!(
        "   response headers, not counted above: {} with br, gzip; {} with gzip",
        kb(headers[0]),
        kb(headers[1])
    );
    drop(site);
    // (Accept-Encoding, column of `all`, limit in KB).
    let budgets = [("br, gzip", 1, BROTLI_LIMIT_KB), ("gzip", 2, GZIP_LIMIT_KB)];
    Ok(budgets
        .into_iter()
        .map(|(accept, column, limit)| {
            budget_line(
                &format!("bytes as served, Accept-Encoding {accept} (every file of a first visit)"),
                Some(all[column] as f64 / 1000.0),
                &kb(all[column]),
                &format!("{limit:.0} KB"),
                limit,
            )
        })
        .collect())
}
