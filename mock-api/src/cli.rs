//! The command line of the binary, parsed into `Options`.

use crate::{Credentials, Options};

pub const USAGE: &str = "usage: mock-api --port 9000 [--seed 42] [--jobs 40] [--calls-per-job 500]
       [--app-key K --app-secret S --tenant-sign T | --no-auth] [--latency-ms 0]
       [--public-url http://127.0.0.1:9000] [--cors-origin ORIGIN] [--live] [--running N]

  --live     today is the machine's today and running jobs make calls as time passes
             (POST /__mock/clock {\"advance_s\": N} moves the clock forward)
  --running  the first N jobs (N <= --jobs) are running (IN_PROCESS) instead of their drawn
             status, with the calls of any running job (with --live, calls as time passes)";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Run(Options),
    Help,
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag} expects a non-negative integer, got {value:?}"))
}

/// Parses the arguments after the program name. `--flag value` and `--flag=value` both work.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut opts = Options {
        port: 9000,
        ..Options::default()
    };
    let mut creds = Credentials::default();
    let mut creds_given = false;
    let mut no_auth = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} expects a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--port" => opts.port = number(&flag, &value()?)?,
            "--seed" => opts.seed = number(&flag, &value()?)?,
            "--jobs" => opts.jobs = number(&flag, &value()?)?,
            "--calls-per-job" => opts.calls_per_job = number(&flag, &value()?)?,
            "--latency-ms" => opts.latency_ms = number(&flag, &value()?)?,
            "--app-key" => (creds.app_key, creds_given) = (value()?, true),
            "--app-secret" => (creds.app_secret, creds_given) = (value()?, true),
            "--tenant-sign" => (creds.tenant_sign, creds_given) = (value()?, true),
            "--no-auth" => no_auth = true,
            "--live" => opts.live = true,
            "--running" => opts.running = number(&flag, &value()?)?,
            "--public-url" => opts.public_url = Some(value()?),
            "--cors-origin" => opts.cors_origin = Some(value()?),
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    if no_auth && creds_given {
        return Err(
            "--no-auth cannot be combined with --app-key/--app-secret/--tenant-sign".into(),
        );
    }
    if opts.running > opts.jobs {
        return Err(format!(
            "--running {} is more than the {} jobs (--jobs): at most every job can run",
            opts.running, opts.jobs
        ));
    }
    opts.auth = (!no_auth).then_some(creds);
    Ok(Command::Run(opts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn the_documented_command_line() {
        let cmd = run(&[
            "--port",
            "9000",
            "--seed",
            "7",
            "--jobs",
            "3",
            "--calls-per-job",
            "10",
            "--app-key",
            "K",
            "--app-secret",
            "S",
            "--tenant-sign",
            "T",
            "--latency-ms",
            "5",
            "--public-url",
            "http://127.0.0.1:9000",
            "--cors-origin=*",
        ]);
        let Ok(Command::Run(o)) = cmd else {
            panic!("{cmd:?}");
        };
        assert_eq!(
            (o.port, o.seed, o.jobs, o.calls_per_job, o.latency_ms),
            (9000, 7, 3, 10, 5)
        );
        assert_eq!(o.auth.map(|c| c.app_key), Some("K".to_string()));
        assert_eq!(o.cors_origin.as_deref(), Some("*"));
        let Ok(Command::Run(o)) = run(&["--no-auth"]) else {
            panic!("no-auth");
        };
        assert_eq!(o.auth, None);
        assert_eq!(o.port, 9000);
        assert!(!o.live);
        let Ok(Command::Run(o)) = run(&["--live"]) else {
            panic!("live");
        };
        assert!(o.live);
        assert_eq!(o.running, 0);
        let Ok(Command::Run(o)) = run(&["--live", "--running", "40"]) else {
            panic!("running");
        };
        assert_eq!((o.running, o.jobs), (40, 40));
        let Ok(Command::Run(o)) = run(&["--jobs=5", "--running=5"]) else {
            panic!("running = jobs");
        };
        assert_eq!((o.running, o.jobs), (5, 5));
        assert!(USAGE.contains("--running N"));
    }

    #[test]
    fn rejects_nonsense() {
        assert!(run(&["--port", "x"]).is_err());
        assert!(run(&["--bogus"]).is_err());
        assert!(run(&["--port"]).is_err());
        assert!(run(&["--no-auth", "--app-key", "K"]).is_err());
        assert!(run(&["--running", "-1"]).is_err());
        let too_many = run(&["--jobs", "3", "--running", "4"]);
        assert!(
            too_many
                .as_ref()
                .is_err_and(|e| e.contains("--running 4") && e.contains("3 jobs")),
            "{too_many:?}"
        );
        assert_eq!(run(&["--help"]), Ok(Command::Help));
    }
}
