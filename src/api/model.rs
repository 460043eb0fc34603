//! The API's answers as typed values, tolerant of nulls, missing fields and unknown values.
//!
//! Every field is optional (or an empty list) because the API may leave any of them out;
//! a field of the wrong type is treated as absent. Text is kept as sent: the views render
//! it as text, never as HTML.

use super::enums::{
    CallResult, ChatDurationBucket, ChatRoundBucket, DailySeriesKind, FollowStatus, HangupSide,
    IntentLevel, JobMode, JobStatus, PhoneType, ReadStatus, Speaker,
};
use super::lenient::{self, Items};
use super::time::ApiDateTime;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One page of a list: its items and where it sits among all of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The page number (`number`, from 1).
    pub number: Option<i64>,
    /// Items per page as the API applied it.
    pub page_size: Option<i64>,
    /// Items in all pages (`totalElements`).
    pub total: Option<i64>,
    /// Number of pages (`pages`).
    pub pages: Option<i64>,
    /// This page's items (`content`).
    pub items: Vec<T>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            number: None,
            page_size: None,
            total: None,
            pages: None,
            items: Vec::new(),
        }
    }
}

impl<T> Page<T> {
    /// How many pages the list has, at least one: as sent, else worked out from the total
    /// and the page size (the one the API applied, else `requested_size`). Every list, the
    /// previous/next of a call and the CSV export count pages with this.
    pub fn page_count(&self, requested_size: u32) -> u32 {
        if let Some(pages) = self.pages.filter(|pages| *pages > 0) {
            return u32::try_from(pages).unwrap_or(u32::MAX);
        }
        let size = self
            .page_size
            .and_then(|size| u64::try_from(size).ok())
            .filter(|size| *size > 0)
            .unwrap_or_else(|| u64::from(requested_size.max(1)));
        u32::try_from(self.total_rows().div_ceil(size))
            .unwrap_or(u32::MAX)
            .max(1)
    }

    /// Items in all pages; 0 when not sent (or negative).
    pub fn total_rows(&self) -> u64 {
        self.total
            .and_then(|total| u64::try_from(total).ok())
            .unwrap_or(0)
    }
}

/// A page as the `data` of a list answer: the counts, and `content` as sent.
#[derive(Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PageData<T> {
    #[serde(deserialize_with = "lenient::int")]
    number: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    page_size: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    total_elements: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pages: Option<i64>,
    content: Items<T>,
}

impl<T> Default for PageData<T> {
    fn default() -> Self {
        PageData {
            number: None,
            page_size: None,
            total_elements: None,
            pages: None,
            content: Items::Null,
        }
    }
}

impl<T> PageData<T> {
    /// The page; `Err` holds the kind of a `content` that is not a list.
    pub(crate) fn into_page(self) -> Result<Page<T>, &'static str> {
        let items = match self.content {
            Items::Null => Vec::new(),
            Items::List(items) => items,
            Items::Other(kind) => return Err(kind),
        };
        Ok(Page {
            number: self.number,
            page_size: self.page_size,
            total: self.total_elements,
            pages: self.pages,
            items,
        })
    }
}

/// One count of a stats map, keyed by an enumeration (`"A": 568`).
#[derive(Clone, Debug, PartialEq)]
pub struct Tally<K> {
    /// What is counted.
    pub key: K,
    /// How many; absent if the API sent something that is not a whole number.
    pub count: Option<i64>,
}

/// A job as listed by `getTasks`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct JobSummary {
    /// `robotCallJobId`.
    #[serde(rename = "robotCallJobId", deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    /// The job's name.
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    /// The job's status (sent as a code 0..7 or as a name).
    #[serde(deserialize_with = "lenient::wire")]
    pub status: Option<JobStatus>,
    /// Calls completed (`completedTask`).
    #[serde(deserialize_with = "lenient::int")]
    pub completed_task: Option<i64>,
    /// Calls in the job (`taskCallTotal`).
    #[serde(deserialize_with = "lenient::int")]
    pub task_call_total: Option<i64>,
    /// When the job was created.
    #[serde(deserialize_with = "lenient::date_time")]
    pub creation_time: Option<ApiDateTime>,
    /// Who created the job.
    #[serde(deserialize_with = "lenient::text")]
    pub created_by_user_name: Option<String>,
    /// The creator's organisation.
    #[serde(deserialize_with = "lenient::text")]
    pub organization_name: Option<String>,
}

/// A job's detail from `getTaskDetail`: its settings, names and statistics.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct JobDetail {
    /// The job's settings (`robotCallJob`).
    #[serde(rename = "robotCallJob", deserialize_with = "lenient::object")]
    pub job: Option<JobInfo>,
    /// Numbers the job calls (`jobPhoneNumberList`; shape undocumented, kept as JSON).
    #[serde(deserialize_with = "lenient::json_list")]
    pub job_phone_number_list: Vec<Value>,
    /// Calls completed.
    #[serde(deserialize_with = "lenient::int")]
    pub completed_task: Option<i64>,
    /// Calls in the job.
    #[serde(deserialize_with = "lenient::int")]
    pub task_call_total: Option<i64>,
    /// Who created the job.
    #[serde(deserialize_with = "lenient::text")]
    pub created_by_user_name: Option<String>,
    /// The creator's organisation.
    #[serde(deserialize_with = "lenient::text")]
    pub organization_name: Option<String>,
    /// The dialog flow (script) the robot follows.
    #[serde(deserialize_with = "lenient::text")]
    pub dialog_flow_name: Option<String>,
    /// The SMS template's name.
    #[serde(deserialize_with = "lenient::text")]
    pub sms_template_name: Option<String>,
    /// When a job paused by the system starts again.
    #[serde(deserialize_with = "lenient::date_time")]
    pub system_pause_next_start: Option<ApiDateTime>,
    /// The statistics (`callJobStatsInfo`).
    #[serde(rename = "callJobStatsInfo", deserialize_with = "lenient::object")]
    pub stats: Option<JobStats>,
}

/// A job's settings (`robotCallJob` in the detail).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct JobInfo {
    /// `robotCallJobId`.
    #[serde(rename = "robotCallJobId", deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    /// The tenant.
    #[serde(deserialize_with = "lenient::int")]
    pub tenant_id: Option<i64>,
    /// The dialog flow (script).
    #[serde(deserialize_with = "lenient::int")]
    pub dialog_flow_id: Option<i64>,
    /// The job's name.
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    /// Automatic or manual.
    #[serde(deserialize_with = "lenient::wire")]
    pub mode: Option<JobMode>,
    /// Numbers the job calls (`robotCount`).
    #[serde(deserialize_with = "lenient::int")]
    pub robot_count: Option<i64>,
    /// The SMS template.
    #[serde(deserialize_with = "lenient::int")]
    pub sms_template_id: Option<i64>,
    /// The kind of line it calls from.
    #[serde(deserialize_with = "lenient::wire")]
    pub phone_type: Option<PhoneType>,
    /// Daily calling window start (a time of day, as sent).
    #[serde(deserialize_with = "lenient::text")]
    pub daily_start_time: Option<String>,
    /// Daily calling window end.
    #[serde(deserialize_with = "lenient::text")]
    pub daily_end_time: Option<String>,
    /// Daily pause start.
    #[serde(deserialize_with = "lenient::text")]
    pub inactive_start_time: Option<String>,
    /// Daily pause end.
    #[serde(deserialize_with = "lenient::text")]
    pub inactive_end_time: Option<String>,
    /// The job's note.
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    /// WeChat alert levels.
    #[serde(deserialize_with = "lenient::texts")]
    pub wechat_alert_level: Vec<String>,
    /// SMS alert levels.
    #[serde(deserialize_with = "lenient::texts")]
    pub sms_alert_level: Vec<String>,
    /// Who gets alerts (shape undocumented, kept as JSON).
    #[serde(deserialize_with = "lenient::json_list")]
    pub alert_users: Vec<Value>,
    /// How WeChat alerts are sent.
    #[serde(deserialize_with = "lenient::text")]
    pub wechat_send_method: Option<String>,
    /// The job's status.
    #[serde(deserialize_with = "lenient::wire")]
    pub status: Option<JobStatus>,
    /// When the job started.
    #[serde(deserialize_with = "lenient::date_time")]
    pub start_time: Option<ApiDateTime>,
    /// When it starts next (may be a time of day only, then kept raw).
    #[serde(deserialize_with = "lenient::date_time")]
    pub next_start_time: Option<ApiDateTime>,
    /// When the job was created.
    #[serde(deserialize_with = "lenient::date_time")]
    pub creation_time: Option<ApiDateTime>,
    /// When the job was last changed.
    #[serde(deserialize_with = "lenient::date_time")]
    pub last_modified_time: Option<ApiDateTime>,
    /// Who gets early warnings (shape undocumented, kept as JSON).
    #[serde(deserialize_with = "lenient::json_list")]
    pub early_warning_alert_users: Vec<Value>,
}

/// A job's statistics (`callJobStatsInfo`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct JobStats {
    /// Progress as a percentage (`2175.9` means 2175.9 %, as sent).
    #[serde(deserialize_with = "lenient::float")]
    pub task_progress: Option<f64>,
    /// Answer rate as a percentage (`9.47` means 9.47 %).
    #[serde(deserialize_with = "lenient::float")]
    pub answered_rate: Option<f64>,
    /// Calls per intent level.
    #[serde(deserialize_with = "lenient::tallies")]
    pub intent_level: Vec<Tally<IntentLevel>>,
    /// Calls in the job.
    #[serde(deserialize_with = "lenient::int")]
    pub task_call_total: Option<i64>,
    /// Calls answered.
    #[serde(deserialize_with = "lenient::int")]
    pub answered_task: Option<i64>,
    /// Total talk time in seconds.
    #[serde(deserialize_with = "lenient::int")]
    pub chat_duration_total: Option<i64>,
    /// Calls completed.
    #[serde(deserialize_with = "lenient::int")]
    pub completed_task: Option<i64>,
    /// What customers asked about.
    #[serde(deserialize_with = "lenient::texts")]
    pub customer_concern: Vec<String>,
    /// Calls per result (`dialResult`).
    #[serde(deserialize_with = "lenient::tallies")]
    pub dial_result: Vec<Tally<CallResult>>,
    /// Answered calls per number of rounds.
    #[serde(deserialize_with = "lenient::tallies")]
    pub chat_round: Vec<Tally<ChatRoundBucket>>,
    /// Answered calls per length.
    #[serde(deserialize_with = "lenient::tallies")]
    pub chat_duration: Vec<Tally<ChatDurationBucket>>,
    /// The five daily series (`callJobStatsBrokenLine`).
    #[serde(
        rename = "callJobStatsBrokenLine",
        deserialize_with = "lenient::object"
    )]
    pub daily: Option<DailySeries>,
}

impl JobStats {
    /// One daily series (empty when the API sent none).
    pub fn series(&self, kind: DailySeriesKind) -> &[DailyPoint] {
        self.daily.as_ref().map_or(&[], |daily| daily.series(kind))
    }
}

/// The five daily series of a job's stats.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DailySeries {
    /// Calls completed per day.
    #[serde(deserialize_with = "lenient::list")]
    pub task_call_completed_list: Vec<DailyPoint>,
    /// Calls answered per day.
    #[serde(deserialize_with = "lenient::list")]
    pub answered_task_list: Vec<DailyPoint>,
    /// Answer rate per day (percent).
    #[serde(deserialize_with = "lenient::list")]
    pub answered_task_rate_list: Vec<DailyPoint>,
    /// Total talk time per day.
    #[serde(deserialize_with = "lenient::list")]
    pub chat_duration_total_list: Vec<DailyPoint>,
    /// Average talk time per day.
    #[serde(deserialize_with = "lenient::list")]
    pub average_duration_list: Vec<DailyPoint>,
}

impl DailySeries {
    /// One of the five series.
    pub fn series(&self, kind: DailySeriesKind) -> &[DailyPoint] {
        match kind {
            DailySeriesKind::CallsCompleted => &self.task_call_completed_list,
            DailySeriesKind::CallsAnswered => &self.answered_task_list,
            DailySeriesKind::AnswerRate => &self.answered_task_rate_list,
            DailySeriesKind::TalkTimeTotal => &self.chat_duration_total_list,
            DailySeriesKind::TalkTimeAverage => &self.average_duration_list,
        }
    }
}

/// One day of a daily series.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DailyPoint {
    /// The day (`2018-09-27`).
    #[serde(deserialize_with = "lenient::date_time")]
    pub date: Option<ApiDateTime>,
    /// The value (`val`).
    #[serde(rename = "val", deserialize_with = "lenient::float")]
    pub value: Option<f64>,
}

/// A call in a list of call records (both families' fields, and the later optional ones).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CallRecord {
    /// `callRecordId`.
    #[serde(rename = "callRecordId", deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    /// The tenant.
    #[serde(deserialize_with = "lenient::int")]
    pub tenant_id: Option<i64>,
    /// The job.
    #[serde(deserialize_with = "lenient::int")]
    pub robot_call_job_id: Option<i64>,
    /// The dialog flow (script).
    #[serde(deserialize_with = "lenient::int")]
    pub dialog_flow_id: Option<i64>,
    /// The sub-task (one per number called).
    #[serde(deserialize_with = "lenient::int")]
    pub robot_call_task_id: Option<i64>,
    /// The customer.
    #[serde(deserialize_with = "lenient::int")]
    pub customer_person_id: Option<i64>,
    /// The number called (shown masked unless the setting says otherwise).
    #[serde(deserialize_with = "lenient::text")]
    pub called_phone_number: Option<String>,
    /// The line used.
    #[serde(deserialize_with = "lenient::int")]
    pub phone_number_id: Option<i64>,
    /// The call's result.
    #[serde(deserialize_with = "lenient::wire")]
    pub result_status: Option<CallResult>,
    /// The intent level the robot gave.
    #[serde(deserialize_with = "lenient::wire")]
    pub intent_level: Option<IntentLevel>,
    /// The intent tag's name (callRecord family).
    #[serde(deserialize_with = "lenient::text")]
    pub intent_level_name: Option<String>,
    /// The intent level after review.
    #[serde(deserialize_with = "lenient::wire")]
    pub real_intent_level: Option<IntentLevel>,
    /// The reviewed intent tag's name (callRecord family).
    #[serde(deserialize_with = "lenient::text")]
    pub real_intent_level_name: Option<String>,
    /// The intent tag (callRecord family).
    #[serde(deserialize_with = "lenient::int")]
    pub intent_level_tag_id: Option<i64>,
    /// What the customer asked about.
    #[serde(deserialize_with = "lenient::texts")]
    pub customer_concern: Vec<String>,
    /// The whole conversation's recording.
    #[serde(deserialize_with = "lenient::text")]
    pub full_audio_url: Option<String>,
    /// The customer's side of the recording.
    #[serde(deserialize_with = "lenient::text")]
    pub customer_audio_url: Option<String>,
    /// Why the intent level was given.
    #[serde(deserialize_with = "lenient::text")]
    pub analysis_basis: Option<String>,
    /// When the call started.
    #[serde(deserialize_with = "lenient::date_time")]
    pub start_time: Option<ApiDateTime>,
    /// Talk time in seconds.
    #[serde(deserialize_with = "lenient::int")]
    pub chat_duration: Option<i64>,
    /// Rounds of conversation.
    #[serde(deserialize_with = "lenient::int")]
    pub chat_round: Option<i64>,
    /// Whether someone marked the call by hand.
    #[serde(deserialize_with = "lenient::flag")]
    pub manual_marked: Option<bool>,
    /// Whether the record has been read.
    #[serde(deserialize_with = "lenient::wire")]
    pub read_status: Option<ReadStatus>,
    /// The customer group's name.
    #[serde(deserialize_with = "lenient::text")]
    pub customer_group_name: Option<String>,
    /// The job's name.
    #[serde(deserialize_with = "lenient::text")]
    pub robot_call_job_name: Option<String>,
    /// The dialog flow's name.
    #[serde(deserialize_with = "lenient::text")]
    pub dialog_flow_name: Option<String>,
    /// The customer, when the list includes it (`customerPersonInfo`).
    #[serde(rename = "customerPersonInfo", deserialize_with = "lenient::object")]
    pub customer_person: Option<CustomerPerson>,
    // The list's `callDetailList` (each call's transcript, most of a page's bytes) is left
    // unread: the lists never show it, and the call page asks for its own.
    /// Which side hung up (later field).
    #[serde(deserialize_with = "lenient::wire")]
    pub hangup_by: Option<HangupSide>,
    /// How many times the number was redialled (later field).
    #[serde(deserialize_with = "lenient::int")]
    pub redial_times: Option<i64>,
}

/// One call in detail, from `callDetail`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CallDetail {
    /// `callRecordId`.
    #[serde(rename = "callRecordId", deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    /// The job.
    #[serde(deserialize_with = "lenient::int")]
    pub robot_call_job_id: Option<i64>,
    /// The tenant.
    #[serde(deserialize_with = "lenient::int")]
    pub tenant_id: Option<i64>,
    /// The dialog flow (script).
    #[serde(deserialize_with = "lenient::int")]
    pub dialog_flow_id: Option<i64>,
    /// The customer.
    #[serde(deserialize_with = "lenient::int")]
    pub customer_person_id: Option<i64>,
    /// The number called, when sent (the customer's number is in `customer_person`).
    #[serde(deserialize_with = "lenient::text")]
    pub called_phone_number: Option<String>,
    /// The whole conversation's recording.
    #[serde(deserialize_with = "lenient::text")]
    pub full_audio_url: Option<String>,
    /// The customer's side of the recording.
    #[serde(deserialize_with = "lenient::text")]
    pub customer_audio_url: Option<String>,
    /// When the call started.
    #[serde(deserialize_with = "lenient::date_time")]
    pub start_time: Option<ApiDateTime>,
    /// When the call ended.
    #[serde(deserialize_with = "lenient::date_time")]
    pub end_time: Option<ApiDateTime>,
    /// Rounds of conversation.
    #[serde(deserialize_with = "lenient::int")]
    pub chat_round: Option<i64>,
    /// Talk time in seconds.
    #[serde(deserialize_with = "lenient::int")]
    pub chat_duration: Option<i64>,
    /// The customer called.
    #[serde(deserialize_with = "lenient::object")]
    pub customer_person: Option<CustomerPerson>,
    /// The call's result.
    #[serde(deserialize_with = "lenient::wire")]
    pub result_status: Option<CallResult>,
    /// The intent level the robot gave.
    #[serde(deserialize_with = "lenient::wire")]
    pub intent_level: Option<IntentLevel>,
    /// The intent tag's name (callRecord family).
    #[serde(deserialize_with = "lenient::text")]
    pub intent_level_name: Option<String>,
    /// The intent level after review.
    #[serde(deserialize_with = "lenient::wire")]
    pub real_intent_level: Option<IntentLevel>,
    /// The reviewed intent tag's name (callRecord family).
    #[serde(deserialize_with = "lenient::text")]
    pub real_intent_level_name: Option<String>,
    /// The intent tag (callRecord family).
    #[serde(deserialize_with = "lenient::int")]
    pub intent_level_tag_id: Option<i64>,
    /// What the customer asked about.
    #[serde(deserialize_with = "lenient::texts")]
    pub customer_concern: Vec<String>,
    /// Why the intent level was given.
    #[serde(deserialize_with = "lenient::text")]
    pub analysis_basis: Option<String>,
    /// The transcript (`callDetailList`).
    #[serde(rename = "callDetailList", deserialize_with = "lenient::list")]
    pub transcript: Vec<TranscriptTurn>,
    /// Whether someone marked the call by hand.
    #[serde(deserialize_with = "lenient::flag")]
    pub manual_marked: Option<bool>,
    /// Extra parameters of the call (shape undocumented, kept as JSON).
    #[serde(deserialize_with = "lenient::json_list")]
    pub attributes: Vec<Value>,
    /// Whether the record has been read (later field).
    #[serde(deserialize_with = "lenient::wire")]
    pub read_status: Option<ReadStatus>,
    /// Which side hung up (later field).
    #[serde(deserialize_with = "lenient::wire")]
    pub hangup_by: Option<HangupSide>,
    /// How many times the number was redialled (later field).
    #[serde(deserialize_with = "lenient::int")]
    pub redial_times: Option<i64>,
    /// The job's name (later field).
    #[serde(deserialize_with = "lenient::text")]
    pub robot_call_job_name: Option<String>,
    /// The dialog flow's name (later field).
    #[serde(deserialize_with = "lenient::text")]
    pub dialog_flow_name: Option<String>,
    /// The customer group's name (later field).
    #[serde(deserialize_with = "lenient::text")]
    pub customer_group_name: Option<String>,
}

/// The customer of a call (`customerPerson`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CustomerPerson {
    /// `customerPersonId`.
    #[serde(rename = "customerPersonId", deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    /// When the customer was added.
    #[serde(deserialize_with = "lenient::date_time")]
    pub creation_time: Option<ApiDateTime>,
    /// The tenant.
    #[serde(deserialize_with = "lenient::int")]
    pub tenant_id: Option<i64>,
    /// The customer's group.
    #[serde(deserialize_with = "lenient::int")]
    pub customer_group_id: Option<i64>,
    /// The customer's name.
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    /// The customer's number (shown masked unless the setting says otherwise).
    #[serde(deserialize_with = "lenient::text")]
    pub phone_number: Option<String>,
    /// The customer's WeChat id.
    #[serde(deserialize_with = "lenient::text")]
    pub wechat_number: Option<String>,
    /// Where the customer came from (undocumented codes, as sent).
    #[serde(deserialize_with = "lenient::text")]
    pub source: Option<String>,
    /// The last emotion detected (undocumented codes, as sent).
    #[serde(deserialize_with = "lenient::text")]
    pub last_emotion: Option<String>,
    /// The customer's level (undocumented codes, as sent).
    #[serde(deserialize_with = "lenient::text")]
    pub customer_level: Option<String>,
    /// Gender (undocumented codes, as sent).
    #[serde(deserialize_with = "lenient::text")]
    pub gender: Option<String>,
    /// The user following the customer up.
    #[serde(deserialize_with = "lenient::int")]
    pub follow_user_id: Option<i64>,
    /// How far the follow-up has gone.
    #[serde(deserialize_with = "lenient::wire")]
    pub follow_status: Option<FollowStatus>,
    /// Custom properties; values may be any JSON (see `format::json_text`).
    #[serde(deserialize_with = "lenient::json_map")]
    pub properties: BTreeMap<String, Value>,
    /// When the customer was last followed up.
    #[serde(deserialize_with = "lenient::date_time")]
    pub last_follow_time: Option<ApiDateTime>,
    /// The last call's talk time in seconds.
    #[serde(deserialize_with = "lenient::int")]
    pub last_chat_duration: Option<i64>,
    /// When the last call started.
    #[serde(deserialize_with = "lenient::date_time")]
    pub last_start_time: Option<ApiDateTime>,
    /// Extra attributes (shape undocumented, kept as JSON).
    #[serde(deserialize_with = "lenient::json_list")]
    pub attributes: Vec<Value>,
    /// The last call's intent level.
    #[serde(deserialize_with = "lenient::wire")]
    pub last_intent_level: Option<IntentLevel>,
    /// The last call's result.
    #[serde(deserialize_with = "lenient::wire")]
    pub last_dial_status: Option<CallResult>,
    /// When the customer was assigned.
    #[serde(deserialize_with = "lenient::date_time")]
    pub assign_time: Option<ApiDateTime>,
    /// The customer group's name.
    #[serde(deserialize_with = "lenient::text")]
    pub customer_group_name: Option<String>,
}

/// One line of a call's transcript (`callDetailList` item).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TranscriptTurn {
    /// `callDetailId`.
    #[serde(rename = "callDetailId", deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    /// Who spoke (`type`).
    #[serde(rename = "type", deserialize_with = "lenient::wire")]
    pub speaker: Option<Speaker>,
    /// What was said.
    #[serde(deserialize_with = "lenient::text")]
    pub text: Option<String>,
}
