//! Harness for tests that run the whole chain: stand-in API, nginx proxy, browser.
//!
//! Std only: free ports, self-removing temp dirs, a fake Trunk dist/, and a small
//! HTTP/1.1 client that shows exactly what nginx sent (headers, status, raw body).
//! [`webdriver`] drives Chromium over that client; [`journey`] runs the real build.

pub mod csv;
pub mod journey;
pub mod stack;
pub mod url;
pub mod webdriver;

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A port that was free a moment ago (bind 127.0.0.1:0, read it, let it go).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port on 127.0.0.1")
}

/// A fresh directory under the system temp dir, removed on drop.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("tanyi-{label}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("cannot create a temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Names of the fake build's hashed outputs, as Trunk 0.21 names them.
pub const FAKE_JS: &str = "tanyi-console-1a2b3c4d5e6f7081.js";
pub const FAKE_WASM: &str = "tanyi-console-1a2b3c4d5e6f7081_bg.wasm";
pub const FAKE_CSS: &str = "style-9f8e7d6c5b4a3921.css";
/// Text in the fake index.html, to recognise it in responses.
pub const FAKE_INDEX_MARKER: &str = "<title>Tanyi console (fake build)</title>";
/// The fake index.html's one inline `<style>`.
pub const FAKE_INLINE_STYLE: &str = "body { background-color: rgb(1, 2, 3); }";

/// The inline module script Trunk 0.21 injects, for a build served under `public_url`.
pub fn fake_inline_script(public_url: &str) -> String {
    format!(
        "\nimport init, * as bindings from '{public_url}{FAKE_JS}';\n\
         const wasm = await init({{ module_or_path: '{public_url}{FAKE_WASM}' }});\n\n\
         window.wasmBindings = bindings;\n\n\
         dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {{detail: {{wasm}}}}));\n"
    )
}

/// Stands in for wasm-bindgen's JS: instantiates the wasm, then does what the console does
/// first (config.json, a GET and a preflighted POST to the API, a style attribute), and
/// writes each outcome on `<body data-...>` for a test to read from the DOM.
const FAKE_JS_SOURCE: &str = r#"// Fake build: see e2e/src/lib.rs.
export default async function init(options) {
  const body = document.body;
  const mark = (name, value) => body.setAttribute('data-' + name, String(value));
  try {
    await WebAssembly.instantiateStreaming(fetch(options.module_or_path));
    mark('wasm', 'ok');
  } catch (e) {
    mark('wasm', e);
  }
  try {
    const config = await (await fetch('config.json')).json();
    const api = config.apiBaseUrl + '/apiOpen/v1/';
    const tasks = await fetch(api + 'task/getTasks?pageNum=1&pageSize=10');
    mark('get', (await tasks.json()).code);
    const calls = await fetch(api + 'callRecord/getCallRecordInfoList', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pageNum: 1, pageSize: 10 }),
    });
    mark('post', (await calls.json()).code);
  } catch (e) {
    mark('api-error', e);
  }
  const styled = document.createElement('div');
  styled.setAttribute('style', 'color: rgb(255, 0, 0)');
  body.appendChild(styled);
  mark('style-attr', getComputedStyle(styled).color);
  mark('inline-style', getComputedStyle(body).backgroundColor);
  mark('done', 1);
  return {};
}
"#;

/// A valid empty wasm module padded with a custom section, big enough to be gzipped.
fn fake_wasm() -> Vec<u8> {
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    // Custom section (id 0), size 4100 as LEB128 (0x84 0x20): name "pad", 4096 zeros.
    wasm.extend([0x00, 0x84, 0x20, 3, b'p', b'a', b'd']);
    wasm.extend(std::iter::repeat_n(0u8, 4096));
    wasm
}

/// Writes a dist/ shaped like Trunk's into `dir`: index.html with the inline loader,
/// config.json, and hashed .js, _bg.wasm and .css files. The page works in a browser.
/// It also holds an inline event handler, as injected markup would: CSP must block it.
pub fn write_fake_dist(dir: &Path, public_url: &str, config_json: &str) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let index = format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n{FAKE_INDEX_MARKER}\n\
         <base href=\"{public_url}\">\n\
         <link rel=\"stylesheet\" href=\"{public_url}{FAKE_CSS}\">\n\
         <link rel=\"modulepreload\" href=\"{public_url}{FAKE_JS}\" crossorigin=\"anonymous\">\n\
         <link rel=\"preload\" href=\"{public_url}{FAKE_WASM}\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">\n\
         <style>{FAKE_INLINE_STYLE}</style>\n\
         </head>\n<body>\n\
         <img alt=\"\" src=\"data:,\" onerror=\"document.body.setAttribute('data-injected', 'ran')\">\n\
         <script type=\"module\">{}</script>\n</body>\n</html>\n",
        fake_inline_script(public_url)
    );
    fs::write(dir.join("index.html"), index)?;
    fs::write(dir.join("config.json"), config_json)?;
    fs::write(dir.join(FAKE_JS), FAKE_JS_SOURCE)?;
    fs::write(dir.join(FAKE_WASM), fake_wasm())?;
    fs::write(dir.join(FAKE_CSS), "body { margin: 0; }\n".repeat(40))?;
    // As `cargo xtask build` does: gzip copies for nginx's gzip_static.
    xtask::build::precompress(dir).map_err(io::Error::other)
}

/// The DOM of `url` after headless Chromium ran it for `budget_ms` of virtual time, and
/// its console lines. Uses its own profile dir, so several can run at once.
pub fn chromium_dump(url: &str, budget_ms: u32) -> io::Result<(String, Vec<String>)> {
    use xtask::smoke::{CHROMIUM, CHROMIUM_FLAGS};
    let profile = TempDir::new("chromium");
    let out = std::process::Command::new(CHROMIUM)
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom", url])
        .output()?;
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains("CONSOLE"))
        .map(str::to_string)
        .collect();
    Ok((String::from_utf8_lossy(&out.stdout).into_owned(), console))
}

/// The value of `data-NAME` on the dumped `<body>`.
pub fn body_mark(dom: &str, name: &str) -> Option<String> {
    let body = &dom[dom.find("<body")?..];
    let tag = &body[..body.find('>')?];
    let key = format!("data-{name}=\"");
    let rest = &tag[tag.find(&key)? + key.len()..];
    Some(rest[..rest.find('"')?].to_string())
}

/// One HTTP response, as received.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    /// In order, names as sent.
    pub headers: Vec<(String, String)>,
    /// De-chunked but not decompressed.
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of that name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of that header (any case).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Status line, headers and body, for searching a whole response.
    pub fn raw(&self) -> String {
        let mut s = format!("{}\n", self.status);
        for (n, v) in &self.headers {
            s.push_str(&format!("{n}: {v}\n"));
        }
        s + &self.text()
    }
}

/// Sends one HTTP/1.1 request to `url` (`http://host:port/path?query`) on a new
/// connection and reads the whole response.
pub fn request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> io::Result<Response> {
    request_within(method, url, headers, body, Duration::from_secs(20))
}

/// [`request`] with its own limit on waiting for the answer.
pub fn request_within(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
    read_timeout: Duration,
) -> io::Result<Response> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "only http:// URLs"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let mut stream = TcpStream::connect(host)?;
    stream.set_read_timeout(Some(read_timeout))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if let Some(b) = body {
        head.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if let Some(b) = body {
        stream.write_all(b)?;
    }
    read_response(BufReader::new(stream), method == "HEAD")
}

pub fn get(url: &str, headers: &[(&str, &str)]) -> io::Result<Response> {
    request("GET", url, headers, None)
}

fn read_response(mut r: impl BufRead, head_only: bool) -> io::Result<Response> {
    let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
    let mut line = String::new();
    r.read_line(&mut line)?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status line"))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        r.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (n, v) = l.split_once(':').ok_or_else(|| bad("bad header line"))?;
        headers.push((n.trim().to_string(), v.trim().to_string()));
    }
    let mut response = Response {
        status,
        headers,
        body: Vec::new(),
    };
    if head_only || status == 204 || status == 304 {
        return Ok(response);
    }
    let chunked = response
        .header("Transfer-Encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    if chunked {
        loop {
            line.clear();
            r.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| bad("bad chunk size"))?;
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size];
            r.read_exact(&mut chunk)?;
            response.body.extend(chunk);
            line.clear();
            r.read_line(&mut line)?;
        }
    } else if let Some(length) = response
        .header("Content-Length")
        .and_then(|v| v.parse::<u64>().ok())
    {
        // Some servers (chromedriver) keep the connection open despite `Connection: close`.
        r.take(length).read_to_end(&mut response.body)?;
    } else {
        r.read_to_end(&mut response.body)?;
    }
    Ok(response)
}
