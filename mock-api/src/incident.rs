//! Incidents (live mode only): a job that, for a while by the stand-in's clock, is suspended,
//! stalls, has caller-line trouble or stops being answered, for the overview's alerts. They
//! change how a job is read (`view::View`), never the generated data: once the clock passes an
//! incident's end, everything reads as generated again.

use serde_json::{json, Value};

use crate::time;

/// What goes wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The job's status reads SYSTEM_SUSPENDED, and it makes no calls (as `Stalled`).
    SystemSuspended,
    /// The job makes no calls: which of its calls are made is decided at the incident's start.
    Stalled,
    /// Every call made today that was not answered reads FROM_PHONE_ERROR or SYSTEM_ERROR.
    CallerLine,
    /// Every answered call made today reads NO_ANSWER.
    AnswerDrop,
}

impl Kind {
    pub const NAMES: &'static str = "system_suspended, stalled, caller_line, answer_drop";

    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "system_suspended" => Kind::SystemSuspended,
            "stalled" => Kind::Stalled,
            "caller_line" => Kind::CallerLine,
            "answer_drop" => Kind::AnswerDrop,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::SystemSuspended => "system_suspended",
            Kind::Stalled => "stalled",
            Kind::CallerLine => "caller_line",
            Kind::AnswerDrop => "answer_drop",
        }
    }

    /// Whether the job makes no calls while it lasts.
    pub fn stops_calls(self) -> bool {
        matches!(self, Kind::SystemSuspended | Kind::Stalled)
    }
}

/// One incident on one job, from `from` (included) to `until` (excluded), naive local seconds
/// like the data's times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Incident {
    pub job: u64,
    pub kind: Kind,
    pub from: u32,
    pub until: u32,
}

impl Incident {
    /// Lasting `for_s` seconds from `now`.
    pub fn starting(job: u64, kind: Kind, now: u32, for_s: u32) -> Incident {
        Incident {
            job,
            kind,
            from: now,
            until: now.saturating_add(for_s),
        }
    }

    pub fn active_at(&self, now: u32) -> bool {
        self.from <= now && now < self.until
    }

    /// `{"job":2,"kind":"stalled","from":"2026-12-01T14:39:09","until":"…","active":true}`.
    pub fn to_json(&self, now: u32) -> Value {
        json!({
            "job": self.job,
            "kind": self.kind.name(),
            "from": time::iso(self.from),
            "until": time::iso(self.until),
            "active": self.active_at(now),
        })
    }
}

/// What `POST /__mock/incident` asks for: `{"job": J, "kind": K, "for_s": N}`. `job_ok` says
/// whether a job id is one of the data's; `jobs` is how many there are (for the message).
/// Errors name the field.
pub fn parse_request(
    body: &Value,
    jobs: usize,
    job_ok: impl Fn(u64) -> bool,
) -> Result<(u64, Kind, u32), String> {
    if !body.is_object() {
        return Err(
            "the body must be a JSON object {\"job\": J, \"kind\": K, \"for_s\": N}".into(),
        );
    }
    let job = match body.get("job") {
        Some(x) => job_id(x, jobs, job_ok)?,
        None => {
            return Err(format!(
                "job (the id of one of the {jobs} jobs) is required"
            ))
        }
    };
    let kind = match body.get("kind") {
        Some(Value::String(k)) => Kind::parse(k),
        _ => None,
    }
    .ok_or_else(|| {
        let got = body.get("kind").map_or("nothing".into(), Value::to_string);
        format!("kind must be one of {}, got {got}", Kind::NAMES)
    })?;
    Ok((job, kind, for_s(body)?))
}

/// The `job` field of a control request: the id of one of the data's `jobs` jobs (`job_ok`
/// says which ids are), or an error naming the field.
pub fn job_id(x: &Value, jobs: usize, job_ok: impl Fn(u64) -> bool) -> Result<u64, String> {
    x.as_u64().filter(|id| job_ok(*id)).ok_or_else(|| {
        format!("job must be the id of one of the {jobs} jobs (1..={jobs}), got {x}")
    })
}

/// `for_s`: a positive number of seconds; a fraction counts as a whole second more.
fn for_s(body: &Value) -> Result<u32, String> {
    let x = body
        .get("for_s")
        .ok_or("for_s (seconds, a positive number) is required")?;
    match x.as_f64() {
        Some(n) if n > 0.0 && n.is_finite() => Ok(n.ceil().min(u32::MAX as f64) as u32),
        _ => Err(format!(
            "for_s must be a positive number of seconds, got {x}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: Value) -> Result<(u64, Kind, u32), String> {
        parse_request(&body, 12, |id| (1..=12).contains(&id))
    }

    #[test]
    fn kinds_round_trip() {
        for name in Kind::NAMES.split(", ") {
            assert_eq!(Kind::parse(name).map(Kind::name), Some(name));
        }
        assert!(Kind::SystemSuspended.stops_calls() && Kind::Stalled.stops_calls());
        assert!(!Kind::CallerLine.stops_calls() && !Kind::AnswerDrop.stops_calls());
    }

    #[test]
    fn active_from_its_start_until_its_end() {
        let i = Incident::starting(2, Kind::Stalled, 1_000, 60);
        assert_eq!((i.from, i.until), (1_000, 1_060));
        assert!(!i.active_at(999) && i.active_at(1_000) && i.active_at(1_059));
        assert!(!i.active_at(1_060));
        assert_eq!(i.to_json(1_000)["kind"], "stalled");
        assert_eq!(i.to_json(1_000)["from"], time::iso(1_000));
    }

    #[test]
    fn requests_and_the_field_each_error_names() {
        assert_eq!(
            parse(json!({"job": 2, "kind": "caller_line", "for_s": 60})),
            Ok((2, Kind::CallerLine, 60))
        );
        assert_eq!(
            parse(json!({"job": 2, "kind": "stalled", "for_s": 0.2})),
            Ok((2, Kind::Stalled, 1))
        );
        let cases = [
            (json!([1]), "JSON object"),
            (json!({"kind": "stalled", "for_s": 60}), "job"),
            (json!({"job": 13, "kind": "stalled", "for_s": 60}), "job"),
            (json!({"job": "2", "kind": "stalled", "for_s": 60}), "job"),
            (json!({"job": 2, "for_s": 60}), "kind"),
            (json!({"job": 2, "kind": "fire", "for_s": 60}), "kind"),
            (json!({"job": 2, "kind": "stalled"}), "for_s"),
            (json!({"job": 2, "kind": "stalled", "for_s": -5}), "for_s"),
            (json!({"job": 2, "kind": "stalled", "for_s": 0}), "for_s"),
            (json!({"job": 2, "kind": "stalled", "for_s": "60"}), "for_s"),
        ];
        for (body, field) in cases {
            match parse(body.clone()) {
                Err(msg) => assert!(msg.contains(field), "{body}: {msg} should name {field}"),
                Ok(x) => panic!("{body} gave {x:?}"),
            }
        }
    }
}
