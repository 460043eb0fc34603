//! The call-record query: parsing a request body into filters, and which calls they select.

use serde_json::Value;

use crate::data::Call;
use crate::enums::{FollowStatus, HangupBy, IntentLevel, ReadStatus, ResultStatus};
use crate::params::{self, PageReq};
use crate::time;

/// Which family of endpoints a request came through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `/apiOpen/v1/task/...`
    Task,
    /// `/apiOpen/v1/callRecord/...`: adds intent tag names; `pageSize` at most 100.
    CallRecord,
}

impl Family {
    pub fn max_page_size(self) -> Option<u64> {
        match self {
            Family::Task => None,
            Family::CallRecord => Some(100),
        }
    }
}

/// Every filter of `getCallRecordInfoList`; `None` or empty means "any".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallQuery {
    pub robot_call_job_id: u64,
    pub customer_group_id: Option<u64>,
    pub dialog_flow_id: Option<u64>,
    pub follow_status: Option<FollowStatus>,
    /// Day numbers (days since 1970), inclusive, of the call's start time.
    pub earliest_day: Option<i64>,
    pub latest_day: Option<i64>,
    pub result_statuses: Vec<ResultStatus>,
    pub intent_levels: Vec<IntentLevel>,
    pub search_words: Option<String>,
    pub read_status: Option<ReadStatus>,
    /// Seconds, inclusive.
    pub chat_duration_min: Option<u64>,
    pub chat_duration_max: Option<u64>,
    pub hangup_by: Vec<HangupBy>,
}

fn date(body: &Value, key: &str) -> Result<Option<i64>, String> {
    match params::json_str(body, key)? {
        None => Ok(None),
        Some(s) => time::parse_date(&s)
            .map(Some)
            .ok_or_else(|| format!("{key} must be a date YYYY-MM-DD, got {s:?}")),
    }
}

/// Reads the body of `getCallRecordInfoList` into filters and a page.
pub fn parse(body: &Value, family: Family) -> Result<(CallQuery, PageReq), String> {
    if !body.is_object() {
        return Err("the body must be a JSON object".into());
    }
    let q = CallQuery {
        robot_call_job_id: params::json_u64(body, "robotCallJobId")?
            .ok_or("robotCallJobId is required")?,
        customer_group_id: params::json_u64(body, "customerGroupId")?,
        dialog_flow_id: params::json_u64(body, "dialogFlowId")?,
        follow_status: params::json_enum(
            body,
            "followStatus",
            FollowStatus::from_name,
            FollowStatus::from_code,
            &FollowStatus::names(),
        )?,
        earliest_day: date(body, "earliestCreationTime")?,
        latest_day: date(body, "latestCreationTime")?,
        result_statuses: params::json_enum_list(
            body,
            "resultStatuses",
            ResultStatus::from_name,
            &ResultStatus::names(),
        )?,
        intent_levels: params::json_enum_list(
            body,
            "intentLevels",
            IntentLevel::from_name,
            &IntentLevel::names(),
        )?,
        search_words: params::json_str(body, "searchWords")?,
        read_status: params::json_enum(
            body,
            "readStatus",
            ReadStatus::from_name,
            ReadStatus::from_code,
            &ReadStatus::names(),
        )?,
        chat_duration_min: params::json_u64(body, "chatDurationMin")?,
        chat_duration_max: params::json_u64(body, "chatDurationMax")?,
        hangup_by: params::json_enum_list(
            body,
            "hangupBy",
            HangupBy::from_name,
            &HangupBy::names(),
        )?,
    };
    // Accepted and ignored, as documented: training lists are not part of the stand-in.
    params::json_bool(body, "getTrainTaskList")?;
    let page = PageReq::new(
        params::json_u64(body, "pageNum")?,
        params::json_u64(body, "pageSize")?,
        family.max_page_size(),
    )?;
    Ok((q, page))
}

impl CallQuery {
    /// Whether a call of the queried job passes every filter.
    pub fn matches(&self, call: &Call) -> bool {
        let day = call.day();
        let dur = call.chat_duration as u64;
        self.customer_group_id.is_none_or(|g| call.group_id() == g)
            && self
                .dialog_flow_id
                .is_none_or(|f| call.dialog_flow_id() == f)
            && self.follow_status.is_none_or(|f| call.follow == f)
            && self.earliest_day.is_none_or(|d| day >= d)
            && self.latest_day.is_none_or(|d| day <= d)
            && (self.result_statuses.is_empty() || self.result_statuses.contains(&call.result))
            && (self.intent_levels.is_empty() || self.intent_levels.contains(&call.intent))
            && self.read_status.is_none_or(|r| call.read == r)
            && self.chat_duration_min.is_none_or(|m| dur >= m)
            && self.chat_duration_max.is_none_or(|m| dur <= m)
            && (self.hangup_by.is_empty() || self.hangup_by.contains(&call.hangup_by))
            && self
                .search_words
                .as_deref()
                .is_none_or(|w| search_matches(call, w))
    }

    /// The matching calls among `calls` (the job's calls made so far as they read, oldest
    /// first: `View::calls`), newest first: the total and the requested page.
    pub fn run(
        &self,
        calls: impl DoubleEndedIterator<Item = Call>,
        page: PageReq,
    ) -> (u64, Vec<Call>) {
        let offset = page.offset();
        let mut total = 0u64;
        let mut items = Vec::new();
        for call in calls.rev() {
            if self.matches(&call) {
                if total >= offset && (items.len() as u64) < page.size {
                    items.push(call);
                }
                total += 1;
            }
        }
        (total, items)
    }
}

/// `searchWords`: part of the phone number, the whole call record id, or part of the name.
pub fn search_matches(call: &Call, words: &str) -> bool {
    let w = words.trim();
    if w.is_empty() {
        return true;
    }
    if w.bytes().all(|b| b.is_ascii_digit())
        && (call.phone_text().contains(w) || call.id.to_string() == w)
    {
        return true;
    }
    call.customer_name().contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_the_documented_example() {
        let body = json!({
            "customerGroupId": 1, "robotCallJobId": 1, "dialogFlowId": 2,
            "followStatus": "AI_INITIAL_VISIT", "latestCreationTime": "2018-07-25",
            "resultStatuses": ["ANSWERED"], "searchWords": "测试", "intentLevels": ["A"],
            "getTrainTaskList": true, "pageSize": 20, "earliestCreationTime": "2018-07-25",
            "pageNum": 1
        });
        let parsed = parse(&body, Family::Task);
        assert!(parsed.is_ok(), "{parsed:?}");
    }

    #[test]
    fn names_the_bad_parameter() {
        let cases = [
            (json!({}), "robotCallJobId"),
            (json!({"robotCallJobId": "x"}), "robotCallJobId"),
            (
                json!({"robotCallJobId": 1, "resultStatuses": ["NOPE"]}),
                "resultStatuses",
            ),
            (
                json!({"robotCallJobId": 1, "intentLevels": ["G"]}),
                "intentLevels",
            ),
            (
                json!({"robotCallJobId": 1, "earliestCreationTime": "2018/07/25"}),
                "earliestCreationTime",
            ),
            (
                json!({"robotCallJobId": 1, "followStatus": "LATER"}),
                "followStatus",
            ),
            (json!({"robotCallJobId": 1, "pageSize": 101}), "pageSize"),
        ];
        for (body, key) in cases {
            match parse(&body, Family::CallRecord) {
                Err(msg) => assert!(msg.contains(key), "{msg} should name {key}"),
                Ok(_) => panic!("{body} should fail"),
            }
        }
    }
}
