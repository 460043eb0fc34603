//! The release build: Trunk into dist/, then `embed.js`, the loader a portal page includes.

use crate::shell::{command, root, run};
use std::fs;
use std::path::{Path, PathBuf};

pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// `trunk build --release` for a public URL (`/` or `/portal/tanyi/`), then the embed loader.
pub fn release(public_url: &str) -> Result<(), String> {
    release_into(public_url, &dist_dir())
}

/// The same build into another directory (the end-to-end tests keep a sub-path build
/// beside dist/): `trunk build --release --dist DIR`, then `DIR/embed.js`.
pub fn release_into(public_url: &str, dist: &Path) -> Result<(), String> {
    build_into(public_url, dist, &[])
}

/// The benchmark's build at `/`: the users' build with the cargo feature `bench` (the
/// counting allocator, the memory readings, the performance marks).
pub fn bench_into(dist: &Path) -> Result<(), String> {
    build_into("/", dist, &["--features", "bench"])
}

/// Where the instruments' names would show in a build: its JavaScript glue names every
/// export. A users' build must not have them.
pub const INSTRUMENTS: [&str; 4] = [
    "wasm_heap_bytes",
    "wasm_memory_bytes",
    "wasm_js_handles",
    "decode_calls_page",
];

/// The instruments a build's JavaScript names (none in a users' build).
pub fn instruments_in(dist: &Path) -> Result<Vec<&'static str>, String> {
    let mut found = Vec::new();
    let entries = fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        if path.extension().is_some_and(|x| x == "js") {
            let text = fs::read_to_string(&path).unwrap_or_default();
            found.extend(INSTRUMENTS.iter().filter(|name| text.contains(*name)));
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn build_into(public_url: &str, dist: &Path, extra: &[&str]) -> Result<(), String> {
    let public_url = normalize_public_url(public_url);
    let shown = dist
        .strip_prefix(root())
        .unwrap_or(dist)
        .display()
        .to_string();
    run(
        &format!(
            "trunk build --release --public-url {public_url} {} (into {shown}/)",
            extra.join(" ")
        ),
        command("trunk")
            .args([
                "build",
                "--release",
                "--offline",
                "--public-url",
                &public_url,
            ])
            .args(extra)
            .arg("--dist")
            .arg(dist),
    )?;
    let index = fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("reading {shown}/index.html: {e}"))?;
    let loader = embed_loader(&index)?;
    fs::write(dist.join("embed.js"), loader)
        .map_err(|e| format!("writing {shown}/embed.js: {e}"))?;
    println!("==> wrote {shown}/embed.js (for portal pages with #tanyi-console)");
    precompress(dist)
}

/// Writes `NAME.gz` (gzip -9) and `NAME.br` (brotli -q 11) beside every wasm, js and css
/// file of `dist`: nginx serves them as they are (`gzip_static`, and `brotli_static` where
/// its brotli module is loaded), smaller than its own on-the-fly gzip (level 1: 439 KB
/// against 387 KB for the wasm) and without compressing on every request (about 20 ms).
/// Brotli is Debian's `brotli` command (tools.rs installs it with the build tools), like
/// `gzip`: the reference encoder, compiled with optimisations, where a Rust crate in xtask
/// would be built in its debug profile and take many times longer at quality 11.
pub fn precompress(dist: &Path) -> Result<(), String> {
    let files = compressible_files(dist)?;
    if files.is_empty() {
        return Ok(());
    }
    run(
        &format!(
            "gzip -9 {} files (copies for nginx's gzip_static)",
            files.len()
        ),
        command("gzip")
            .args(["-9", "--keep", "--no-name", "--force"])
            .args(&files),
    )?;
    run(
        &format!(
            "brotli -q 11 {} files (copies for nginx's brotli_static)",
            files.len()
        ),
        command("brotli")
            .args(["--quality=11", "--keep", "--force", "--"])
            .args(&files),
    )
    .map_err(|e| format!("{e} (Debian package brotli: `cargo xtask build` installs it)"))
}

fn compressible_files(dist: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dist).map_err(|e| format!("reading {}: {e}", dist.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|ext| ["wasm", "js", "css"].iter().any(|known| ext == *known))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// `portal/tanyi` -> `/portal/tanyi/`: Trunk wants both slashes.
pub fn normalize_public_url(raw: &str) -> String {
    let trimmed = raw.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// The file names of the `suffix`-ending URLs in quotes in `html` (the hashed asset names),
/// each once, in order.
fn assets(html: &str, suffix: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for url in html.split(['"', '\'']) {
        if url.ends_with(suffix) && !url.contains(char::is_whitespace) {
            if let Some(name) = url
                .rsplit('/')
                .next()
                .filter(|n| !names.iter().any(|m| m == n))
            {
                names.push(name.to_string());
            }
        }
    }
    names
}

fn asset(html: &str, suffix: &str) -> Option<String> {
    assets(html, suffix).into_iter().next()
}

/// A module script for portal pages: loads the CSS, the JS and the wasm named in Trunk's
/// index.html, relative to where the loader itself is served, so it works from any origin.
pub fn embed_loader(index_html: &str) -> Result<String, String> {
    let missing = |what: &str| format!("dist/index.html names no {what} file");
    let js = asset(index_html, ".js").ok_or_else(|| missing(".js"))?;
    let wasm = asset(index_html, "_bg.wasm").ok_or_else(|| missing("_bg.wasm"))?;
    let stylesheets = assets(index_html, ".css");
    if stylesheets.is_empty() {
        return Err(missing(".css"));
    }
    let css = stylesheets
        .iter()
        .map(|name| format!("{name:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(format!(
        r#"// Loads the Tanyi console into this page's element #tanyi-console. Generated by `cargo xtask build`.
const base = new URL(".", import.meta.url);
const host = document.getElementById("tanyi-console");
if (host && !host.dataset.configUrl) host.dataset.configUrl = new URL("config.json", base).href;
for (const name of [{css}]) {{
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL(name, base).href;
  document.head.append(css);
}}
const {{ default: init }} = await import(new URL("{js}", base).href);
await init({{ module_or_path: new URL("{wasm}", base).href }});
"#
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_INDEX: &str = r#"<html><head>
<link rel="stylesheet" href="/portal/tanyi/console-1a2b.css" integrity="sha384-x"/>
<link rel="stylesheet" href="/portal/tanyi/calls-3c4d.css" integrity="sha384-y"/>
<link rel="modulepreload" href="/portal/tanyi/tanyi-console-5e6f.js">
<link rel="preload" href="/portal/tanyi/tanyi-console-5e6f_bg.wasm" as="fetch">
<script type="module">import init from '/portal/tanyi/tanyi-console-5e6f.js';
await init({ module_or_path: '/portal/tanyi/tanyi-console-5e6f_bg.wasm' });</script>
</head></html>"#;

    #[test]
    fn the_embed_loader_loads_every_stylesheet_the_js_and_the_wasm_relative_to_itself() {
        let loader = embed_loader(TRUNK_INDEX).expect("a loader");
        assert!(
            loader.contains(r#"["console-1a2b.css", "calls-3c4d.css"]"#),
            "{loader}"
        );
        assert!(loader.contains(r#"new URL("tanyi-console-5e6f.js", base)"#));
        assert!(loader.contains(r#"new URL("tanyi-console-5e6f_bg.wasm", base)"#));
        assert!(
            !loader.contains("/portal/tanyi/"),
            "names only, resolved against embed.js"
        );
    }

    #[test]
    fn an_index_without_the_app_s_files_is_an_error() {
        assert!(embed_loader("<html></html>").is_err());
    }

    #[test]
    fn public_urls_get_both_slashes() {
        for (given, normal) in [
            ("", "/"),
            ("/", "/"),
            ("portal/tanyi", "/portal/tanyi/"),
            ("/portal/tanyi/", "/portal/tanyi/"),
        ] {
            assert_eq!(normalize_public_url(given), normal, "{given:?}");
        }
    }
}
