//! Installs what the project needs, idempotently and at pinned versions: each tool is
//! checked first and only installed when missing or at another version.

use crate::shell::{command, output, root, run, say, tools_dir};
use std::fs;

pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen's wasm-opt from npm: Debian's version 108 breaks the release wasm.
pub const BINARYEN_VERSION: &str = "132";
/// axe-core from npm, for the accessibility journey (e2e/tests/journeys/a11y.rs).
pub const AXE_CORE_VERSION: &str = "4.10.3";
const TARGET: &str = "wasm32-unknown-unknown";

/// What a stage needs installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Building the app: wasm target, trunk, wasm-bindgen, wasm-opt, and the `brotli`
    /// command (the build's `.br` copies).
    Build,
    /// Browser tests: chromium and chromedriver.
    Browser,
    /// The proxy: nginx, its JavaScript module and its brotli_static module.
    Nginx,
}

pub fn ensure(needs: &[Need]) -> Result<(), String> {
    if needs.contains(&Need::Build) {
        ensure_wasm_target()?;
        ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, &["--locked"])?;
        let wasm_bindgen = locked_version("wasm-bindgen")?;
        // Not --locked: the registry mirror lacks one of its locked dependencies.
        ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &wasm_bindgen, &[])?;
        ensure_wasm_opt()?;
    }
    let mut packages = Vec::new();
    if needs.contains(&Need::Browser) {
        packages.extend(["chromium", "chromium-driver"]);
        ensure_axe_core()?;
    }
    if needs.contains(&Need::Nginx) {
        packages.extend([
            "nginx",
            "libnginx-mod-http-js",
            "libnginx-mod-http-brotli-static",
        ]);
    }
    if needs.contains(&Need::Build) {
        packages.push("brotli");
    }
    ensure_debian_packages(&packages)
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed =
        output(command("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == TARGET) {
        say(&format!("{TARGET} target: present"));
        return Ok(());
    }
    run(
        &format!("installing the {TARGET} target"),
        command("rustup").args(["target", "add", TARGET]),
    )
}

/// The version of `package` in Cargo.lock (wasm-bindgen-cli must match it exactly).
pub fn locked_version(package: &str) -> Result<String, String> {
    let lock = fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_string());
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

fn ensure_cargo_tool(
    binary: &str,
    krate: &str,
    version: &str,
    extra: &[&str],
) -> Result<(), String> {
    let found = output(command(binary).arg("--version")).unwrap_or_default();
    if found
        .split_whitespace()
        .any(|word| word.trim_start_matches('v') == version)
    {
        say(&format!("{binary} {version}: present"));
        return Ok(());
    }
    let mut cmd = command("cargo");
    cmd.args(["install", krate, "--version", version, "--force"])
        .args(extra);
    run(
        &format!("installing {krate} {version} (a few minutes, once)"),
        &mut cmd,
    )
}

fn ensure_wasm_opt() -> Result<(), String> {
    let wasm_opt = tools_dir().join("node_modules/.bin/wasm-opt");
    let found = output(command(&wasm_opt).arg("--version")).unwrap_or_default();
    if found.contains(&format!("version {BINARYEN_VERSION}")) {
        say(&format!("wasm-opt {BINARYEN_VERSION}: present"));
        return Ok(());
    }
    npm_install(
        &format!("binaryen@{BINARYEN_VERSION}"),
        &format!("wasm-opt (npm binaryen@{BINARYEN_VERSION})"),
    )
}

/// axe-core's package.json in .tools/ names the pinned version, or it is installed.
fn ensure_axe_core() -> Result<(), String> {
    let package = tools_dir().join("node_modules/axe-core/package.json");
    let found = fs::read_to_string(&package).unwrap_or_default();
    if found.contains(&format!("\"version\": \"{AXE_CORE_VERSION}\"")) {
        say(&format!("axe-core {AXE_CORE_VERSION}: present"));
        return Ok(());
    }
    npm_install(
        &format!("axe-core@{AXE_CORE_VERSION}"),
        &format!("axe-core {AXE_CORE_VERSION} (npm)"),
    )
}

/// `npm install spec` into .tools/ (npm first, from Debian, if missing); `what` names it in
/// the message.
fn npm_install(spec: &str, what: &str) -> Result<(), String> {
    if output(command("npm").arg("--version")).is_none() {
        ensure_debian_packages(&["nodejs", "npm"])?;
    }
    fs::create_dir_all(tools_dir()).map_err(|e| format!("creating .tools: {e}"))?;
    run(
        &format!("installing {what} into .tools/"),
        command("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(tools_dir())
            .arg(spec),
    )
}

fn is_installed(package: &str) -> bool {
    output(command("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_some_and(|s| s.contains("install ok installed"))
}

fn ensure_debian_packages(packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !is_installed(p))
        .collect();
    if missing.is_empty() {
        if !packages.is_empty() {
            say(&format!("{}: present", packages.join(", ")));
        }
        return Ok(());
    }
    run("apt-get update", command("apt-get").arg("update").arg("-q"))?;
    run(
        &format!("installing {}", missing.join(" ")),
        command("apt-get")
            .args(["install", "-y", "-q"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}
