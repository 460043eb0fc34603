//! Running commands: one printed line per step, the project's tools first on PATH.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Where the project installs tools it keeps to itself (binaryen's wasm-opt).
pub fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// PATH with the project's tools first, so Trunk finds the right wasm-opt and wasm-bindgen.
pub fn tool_path() -> std::ffi::OsString {
    let mut dirs = vec![tools_dir().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command in the workspace root with the project's PATH and Trunk kept offline.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(root())
        .env("PATH", tool_path())
        // Without these Trunk waits about 90 s for a network check on every build.
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env("TRUNK_OFFLINE", "true");
    cmd
}

/// Prints what is about to run, in one line.
pub fn say(what: &str) {
    println!("==> {what}");
}

/// Runs a command to completion with its output shown; Err says which command failed.
pub fn run(what: &str, cmd: &mut Command) -> Result<(), String> {
    say(what);
    let status = cmd
        .status()
        .map_err(|e| format!("{what}: cannot start {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what}: failed ({status})"))
    }
}

/// Runs a command quietly and returns its stdout, or None if it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
