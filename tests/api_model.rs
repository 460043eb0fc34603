//! Models: every example of both documents decodes, and odd answers decode tolerantly.

use serde_json::json;
use tanyi_console::api::enums::{
    CallResult, ChatDurationBucket, ChatRoundBucket, DailySeriesKind, FollowStatus, HangupSide,
    IntentLevel, JobMode, JobStatus, PhoneType, ReadStatus, Speaker,
};
use tanyi_console::api::envelope::{decode_item, decode_page};
use tanyi_console::api::{
    ApiDateTime, ApiError, CallDetail, CallRecord, JobDetail, JobSummary, Page, Precision,
};

const TASK_JOBS: &str = include_str!("fixtures/task/getTasks.response.json");
const TASK_JOB_DETAIL: &str = include_str!("fixtures/task/getTaskDetail.response.json");
const TASK_CALLS: &str = include_str!("fixtures/task/getCallRecordInfoList.response.json");
const TASK_CALL_DETAIL: &str = include_str!("fixtures/task/callDetail.response.json");
const CR_CALLS: &str = include_str!("fixtures/callRecord/getCallRecordInfoList.response.json");
const CR_CALL_DETAIL: &str = include_str!("fixtures/callRecord/callDetail.response.json");

fn envelope(data: serde_json::Value) -> String {
    json!({"code": 200, "data": data, "requestId": "RID", "resultMsg": "ok"}).to_string()
}

fn jobs(data: serde_json::Value) -> Page<JobSummary> {
    decode_page(200, &envelope(data)).expect("a page")
}

fn call_page(data: serde_json::Value) -> Page<CallRecord> {
    decode_page(200, &envelope(data)).expect("a page")
}

fn call_detail(data: serde_json::Value) -> CallDetail {
    decode_item(200, &envelope(data)).expect("a call")
}

fn job_detail(data: serde_json::Value) -> JobDetail {
    decode_item(200, &envelope(data)).expect("a job")
}

#[test]
fn task_get_tasks_example() {
    let page: Page<JobSummary> = decode_page(200, TASK_JOBS).expect("decodes");
    assert_eq!(page.number, Some(1));
    assert_eq!(page.page_size, Some(20));
    assert_eq!(page.total, Some(1));
    assert_eq!(page.pages, Some(1));
    assert_eq!(page.page_count(20), 1);
    let job = &page.items[0];
    assert_eq!(job.id, Some(1));
    assert_eq!(job.name.as_deref(), Some("dialog测试"));
    assert_eq!(job.status, Some(JobStatus::Terminate));
    assert_eq!(job.completed_task, Some(2157));
    assert_eq!(job.task_call_total, Some(166));
    let created = job.creation_time.as_ref().expect("creation time");
    assert_eq!(created.precision(), Some(Precision::Minute));
    assert_eq!(created.raw(), "2018-09-26 18:07");
    assert_eq!(job.created_by_user_name, None);
    assert_eq!(job.organization_name, None);
}

#[test]
fn task_get_task_detail_example() {
    let detail: JobDetail = decode_item(200, TASK_JOB_DETAIL).expect("decodes");
    let job = detail.job.as_ref().expect("robotCallJob");
    assert_eq!(job.id, Some(1));
    assert_eq!(job.tenant_id, Some(1));
    assert_eq!(job.dialog_flow_id, Some(1));
    assert_eq!(job.mode, Some(JobMode::Manual));
    assert_eq!(job.phone_type, Some(PhoneType::Landline));
    assert_eq!(job.robot_count, Some(12));
    assert_eq!(job.sms_template_id, None);
    assert_eq!(job.daily_start_time.as_deref(), Some("15:08:31"));
    assert_eq!(job.status, Some(JobStatus::Terminate));
    assert_eq!(job.wechat_send_method.as_deref(), Some("SENDTOALL"));
    assert!(job.wechat_alert_level.is_empty() && job.alert_users.is_empty());
    assert_eq!(job.start_time, None);
    // A time of day only: kept raw, not parsed.
    let next = job.next_start_time.as_ref().expect("next start");
    assert_eq!((next.raw(), next.value()), ("00:00:00", None));
    assert_eq!(
        job.last_modified_time.as_ref().and_then(|t| t.precision()),
        Some(Precision::Second)
    );
    assert!(detail.job_phone_number_list.is_empty());
    assert_eq!(detail.completed_task, Some(3612));
    assert_eq!(detail.created_by_user_name.as_deref(), Some("超管"));
    assert_eq!(detail.organization_name.as_deref(), Some("系统内置"));
    assert_eq!(detail.dialog_flow_name.as_deref(), Some("内置"));
    assert_eq!(detail.sms_template_name, None);

    let stats = detail.stats.as_ref().expect("stats");
    assert_eq!(stats.task_progress, Some(2175.9));
    assert_eq!(stats.answered_rate, Some(9.47));
    assert_eq!(stats.task_call_total, Some(3612));
    assert_eq!(stats.answered_task, Some(342));
    assert_eq!(stats.chat_duration_total, Some(89659));
    assert_eq!(stats.completed_task, Some(0));
    assert_eq!(
        stats.customer_concern,
        ["安全", "地理位置", "健身", "价格", "交通"]
    );
    let intents: Vec<_> = stats
        .intent_level
        .iter()
        .map(|t| (t.key.clone(), t.count))
        .collect();
    assert_eq!(
        intents,
        [
            (IntentLevel::A, Some(568)),
            (IntentLevel::B, Some(555)),
            (IntentLevel::C, Some(606)),
            (IntentLevel::D, Some(598)),
            (IntentLevel::E, Some(560)),
            (IntentLevel::F, Some(569)),
        ]
    );
    // Documented order, not alphabetical.
    let results: Vec<_> = stats.dial_result.iter().map(|t| t.key.clone()).collect();
    assert_eq!(results, CallResult::all());
    assert_eq!(stats.dial_result[0].count, Some(342));
    let rounds: Vec<_> = stats.chat_round.iter().map(|t| t.key.clone()).collect();
    assert_eq!(rounds, ChatRoundBucket::all());
    assert_eq!(stats.chat_round[3].count, Some(336));
    let durations: Vec<_> = stats.chat_duration.iter().map(|t| t.key.clone()).collect();
    assert_eq!(durations, ChatDurationBucket::all());
    assert_eq!(stats.chat_duration[4].count, Some(230));

    let completed = stats.series(DailySeriesKind::CallsCompleted);
    assert_eq!(completed.len(), 2);
    assert_eq!(
        completed[0].date.as_ref().and_then(|d| d.precision()),
        Some(Precision::Day)
    );
    assert_eq!(completed[1].value, Some(1455.0));
    assert_eq!(
        stats.series(DailySeriesKind::AnswerRate)[0].value,
        Some(11.90)
    );
    assert_eq!(stats.series(DailySeriesKind::TalkTimeTotal).len(), 3);
    assert_eq!(
        stats.series(DailySeriesKind::TalkTimeAverage)[1].value,
        Some(26786.0)
    );
    assert_eq!(stats.series(DailySeriesKind::CallsAnswered).len(), 2);
}

fn check_example_record(record: &CallRecord) {
    assert_eq!(record.id, Some(47));
    assert_eq!(record.tenant_id, Some(1));
    assert_eq!(record.robot_call_job_id, Some(50));
    assert_eq!(record.dialog_flow_id, Some(4));
    assert_eq!(record.robot_call_task_id, Some(4));
    assert_eq!(record.customer_person_id, Some(5));
    assert_eq!(record.called_phone_number.as_deref(), Some("18817501728"));
    assert_eq!(record.phone_number_id, Some(0));
    assert_eq!(record.result_status, Some(CallResult::Answered));
    assert_eq!(record.intent_level, Some(IntentLevel::A));
    assert_eq!(record.real_intent_level, None);
    assert!(record
        .full_audio_url
        .as_deref()
        .is_some_and(|u| u.ends_with("ai_user.wav")));
    assert!(record
        .customer_audio_url
        .as_deref()
        .is_some_and(|u| u.ends_with("/user.wav")));
    assert_eq!(record.analysis_basis, None, "blank text is absent");
    assert_eq!(
        record.start_time.as_ref().map(|t| t.raw()),
        Some("2018-08-04 11:57:33")
    );
    assert_eq!(record.chat_duration, Some(93));
    assert_eq!(record.chat_round, Some(16));
    assert_eq!(record.read_status, Some(ReadStatus::NotRead));
    // The record's transcript (`callDetailList`) is not read: lists never show it.
}

#[test]
fn task_call_record_list_example() {
    let page: Page<CallRecord> = decode_page(200, TASK_CALLS).expect("decodes");
    assert_eq!(page.total, Some(4));
    assert_eq!(page.items.len(), 1);
    let record = &page.items[0];
    check_example_record(record);
    assert!(record.customer_concern.is_empty());
    assert_eq!(record.manual_marked, Some(false));
    assert_eq!(record.customer_group_name, None);
    assert_eq!(record.robot_call_job_name.as_deref(), Some("曹文浩123"));
    assert_eq!(record.dialog_flow_name.as_deref(), Some("张三"));
    assert_eq!(record.customer_person, None);
    assert_eq!(record.intent_level_name, None);
}

#[test]
fn call_record_list_example() {
    let page: Page<CallRecord> = decode_page(200, CR_CALLS).expect("decodes");
    let record = &page.items[0];
    check_example_record(record);
    assert_eq!(record.customer_concern, ["价格", "位置"]);
    assert_eq!(record.intent_level_name.as_deref(), Some("很好"));
    assert_eq!(record.real_intent_level_name.as_deref(), Some("很好"));
    assert_eq!(record.intent_level_tag_id, Some(0));
    assert_eq!(record.manual_marked, None);
}

#[test]
fn task_call_detail_example() {
    let call: CallDetail = decode_item(200, TASK_CALL_DETAIL).expect("decodes");
    assert_eq!(call.id, Some(1));
    assert_eq!(call.customer_audio_url, None);
    let start = call.start_time.as_ref().expect("start");
    assert_eq!(start.raw(), "2018-10-02T16:54:08");
    assert_eq!(start.precision(), Some(Precision::Second));
    assert_eq!(call.chat_round, Some(0));
    assert_eq!(call.chat_duration, Some(0));
    assert_eq!(call.result_status, Some(CallResult::VacantNumber));
    assert_eq!(call.intent_level, Some(IntentLevel::F));
    assert!(call.transcript.is_empty());
    assert_eq!(call.manual_marked, Some(false));
    assert_eq!(call.robot_call_job_id, Some(29));
    assert_eq!(call.analysis_basis.as_deref(), Some("空号"));
    let person = call.customer_person.as_ref().expect("customerPerson");
    assert_eq!(person.id, Some(2006007));
    assert_eq!(
        person.creation_time.as_ref().and_then(|t| t.precision()),
        Some(Precision::Minute)
    );
    assert_eq!(person.name.as_deref(), Some("空号"));
    assert_eq!(person.phone_number.as_deref(), Some("18673125007"));
    assert_eq!(person.wechat_number, None);
    assert_eq!(person.source.as_deref(), Some("UPLOADED_BY_YOURSELF"));
    assert_eq!(person.follow_user_id, Some(154));
    assert_eq!(person.follow_status, Some(FollowStatus::FollowUp));
    assert!(person.properties.is_empty());
    assert_eq!(person.last_intent_level, Some(IntentLevel::E));
    assert_eq!(person.last_dial_status, Some(CallResult::CanNotConnect));
    assert_eq!(person.customer_group_name.as_deref(), Some("研发"));
    assert_eq!(person.last_chat_duration, Some(0));
}

#[test]
fn call_record_call_detail_example() {
    let call: CallDetail = decode_item(200, CR_CALL_DETAIL).expect("decodes");
    assert_eq!(call.intent_level_name.as_deref(), Some("一般"));
    assert_eq!(call.intent_level_tag_id, Some(0));
    assert_eq!(call.customer_concern, ["价格", "位置"]);
    assert_eq!(call.transcript.len(), 2);
    assert_eq!(call.manual_marked, None);
    let person = call.customer_person.as_ref().expect("customerPerson");
    assert_eq!(person.properties.get("ss"), Some(&json!("test")));
    assert!(person.attributes.is_empty());
}

#[test]
fn nulls_everywhere() {
    let record = json!({
        "callRecordId": null, "tenantId": null, "robotCallJobId": null, "dialogFlowId": null,
        "robotCallTaskId": null, "customerPersonId": null, "calledPhoneNumber": null,
        "phoneNumberId": null, "resultStatus": null, "intentLevel": null, "intentLevelName": null,
        "realIntentLevel": null, "realIntentLevelName": null, "intentLevelTagId": null,
        "customerConcern": null, "fullAudioUrl": null, "customerAudioUrl": null,
        "analysisBasis": null, "startTime": null, "chatDuration": null, "chatRound": null,
        "manualMarked": null, "readStatus": null, "customerGroupName": null,
        "robotCallJobName": null, "dialogFlowName": null, "customerPersonInfo": null,
        "callDetailList": null, "hangupBy": null, "redialTimes": null
    });
    let page = call_page(json!({
        "number": null, "pageSize": null, "totalElements": null, "pages": null,
        "content": [record, {}]
    }));
    assert_eq!(
        page.items,
        vec![CallRecord::default(), CallRecord::default()]
    );
    assert_eq!((page.number, page.total, page.pages), (None, None, None));
    assert_eq!(page.page_count(20), 1, "nothing known: one page");

    let detail = job_detail(json!({
        "robotCallJob": null, "jobPhoneNumberList": null, "completedTask": null,
        "callJobStatsInfo": {
            "taskProgress": null, "answeredRate": null, "intentLevel": null,
            "customerConcern": null, "dialResult": null, "chatRound": null,
            "chatDuration": null, "callJobStatsBrokenLine": null
        }
    }));
    let stats = detail.stats.as_ref().expect("stats object");
    assert_eq!(*stats, Default::default());
    assert!(stats.series(DailySeriesKind::CallsCompleted).is_empty());
    assert_eq!(detail.job, None);

    let call = call_detail(json!({"customerPerson": {"properties": null, "attributes": null}}));
    assert!(call.customer_person.expect("person").properties.is_empty());
    assert_eq!(call_detail(json!({})), CallDetail::default());
}

#[test]
fn null_or_missing_data() {
    let empty: Page<JobSummary> = decode_page(200, &envelope(json!(null))).expect("empty page");
    assert!(empty.items.is_empty());
    let missing: Page<JobSummary> =
        decode_page(200, r#"{"code":200,"requestId":"X"}"#).expect("empty page");
    assert!(missing.items.is_empty());
    assert!(jobs(json!({"content": null})).items.is_empty());
    assert!(jobs(json!({"content": []})).items.is_empty());

    let err = decode_item::<CallDetail>(200, &envelope(json!(null))).expect_err("no call");
    // Its own kind of error (it most likely does not exist), with the request id for support.
    assert_eq!(
        err,
        ApiError::NoData {
            request_id: Some("RID".into())
        }
    );
}

#[test]
fn job_status_as_code_or_name() {
    let page = jobs(json!({"content": [
        {"status": 0}, {"status": 1}, {"status": "2"}, {"status": 7},
        {"status": "IN_PROCESS"}, {"status": "USER_PAUSE"}, {"status": "in_queue"},
        {"status": 42}, {"status": "ARCHIVED"}, {"status": ""}, {"status": true},
        {"status": 1.0}
    ]}));
    let statuses: Vec<_> = page.items.into_iter().map(|j| j.status).collect();
    assert_eq!(
        statuses,
        [
            Some(JobStatus::NotStarted),
            Some(JobStatus::InProcess),
            Some(JobStatus::Completed),
            Some(JobStatus::InQueue),
            Some(JobStatus::InProcess),
            Some(JobStatus::UserPause),
            Some(JobStatus::InQueue),
            Some(JobStatus::Other("42".into())),
            Some(JobStatus::Other("ARCHIVED".into())),
            None,
            None,
            Some(JobStatus::InProcess),
        ]
    );
}

#[test]
fn each_date_shape() {
    let page = call_page(json!({"content": [
        {"startTime": "2018-08-04 11:57:33"},
        {"startTime": "2018-10-02T16:54:08"},
        {"startTime": "2018-10-01 16:39"},
        {"startTime": "2018-09-27"},
        {"startTime": "2018-10-02T16:54:08.250"},
        {"startTime": "2018-10-02T16:54:08+08:00"},
        {"startTime": 1538470448000_i64},
        {"startTime": "yesterday"},
        {"startTime": ""},
        {"startTime": {"y": 2018}}
    ]}));
    let times: Vec<_> = page
        .items
        .iter()
        .map(|r| {
            r.start_time
                .as_ref()
                .map(|t| (t.value().map(|v| v.to_string()), t.precision()))
        })
        .collect();
    let second = Some(Precision::Second);
    assert_eq!(
        times,
        [
            Some((Some("2018-08-04 11:57:33".into()), second)),
            Some((Some("2018-10-02 16:54:08".into()), second)),
            Some((Some("2018-10-01 16:39:00".into()), Some(Precision::Minute))),
            Some((Some("2018-09-27 00:00:00".into()), Some(Precision::Day))),
            Some((Some("2018-10-02 16:54:08.250".into()), second)),
            Some((Some("2018-10-02 16:54:08".into()), second)),
            // Epoch milliseconds, shown in China Standard Time.
            Some((Some("2018-10-02 16:54:08".into()), second)),
            Some((None, None)),
            None,
            None,
        ]
    );
    assert_eq!(
        page.items[7].start_time.as_ref().map(|t| t.raw()),
        Some("yesterday")
    );
    assert_eq!(
        ApiDateTime::parse("2018-10-01 16:39")
            .date()
            .map(|d| d.to_string()),
        Some("2018-10-01".to_string())
    );
}

#[test]
fn impossible_dates_in_the_documented_shape_stay_raw() {
    for raw in [
        "2018-02-30 10:00:00",
        "2018-13-01 10:00:00",
        "2018-08-04 24:00:00",
        "2018-08-04 11:60:00",
        "2018-08-04 11:5a:00",
    ] {
        let time = ApiDateTime::parse(raw);
        assert_eq!(time.value(), None, "{raw}");
        assert_eq!(time.raw(), raw);
    }
    let leap_day = ApiDateTime::parse(" 2024-02-29 23:59:59 ");
    assert_eq!(
        leap_day.value().map(|v| v.to_string()),
        Some("2024-02-29 23:59:59".to_string())
    );
    assert_eq!(leap_day.precision(), Some(Precision::Second));
}

#[test]
fn unknown_enum_values_are_kept_raw() {
    let page = call_page(json!({"content": [{
        "resultStatus": "TRANSFERRED", "intentLevel": "G", "realIntentLevel": 9,
        "readStatus": "SKIMMED", "hangupBy": "NETWORK",
        "callDetailList": [{"type": "AGENT", "text": "hi"}, {"type": "CUSTOMER", "text": "yo"}]
    }]}));
    let record = &page.items[0];
    assert_eq!(
        record.result_status,
        Some(CallResult::Other("TRANSFERRED".into()))
    );
    assert_eq!(record.intent_level, Some(IntentLevel::Other("G".into())));
    assert_eq!(
        record.real_intent_level,
        Some(IntentLevel::Other("9".into()))
    );
    assert_eq!(
        record.read_status,
        Some(ReadStatus::Other("SKIMMED".into()))
    );
    assert_eq!(record.hangup_by, Some(HangupSide::Other("NETWORK".into())));
    let call = call_detail(json!({
        "callDetailList": [{"type": "AGENT", "text": "hi"}, {"type": "CUSTOMER", "text": "yo"}]
    }));
    assert_eq!(
        call.transcript[0].speaker,
        Some(Speaker::Other("AGENT".into()))
    );
    assert_eq!(call.transcript[1].speaker, Some(Speaker::Person));

    let detail = job_detail(json!({"callJobStatsInfo": {
        "intentLevel": {"Z": 3, "B": 2, "A": 1, "": 9},
        "dialResult": {"TRANSFERRED": 1, "BUSY": "7", "ANSWERED": "n/a"},
        "chatRound": {"F20_MORE": 2, "LESS_3": 1}
    }}));
    let stats = detail.stats.expect("stats");
    let intents: Vec<_> = stats
        .intent_level
        .iter()
        .map(|t| (t.key.code().to_string(), t.count))
        .collect();
    assert_eq!(
        intents,
        [
            ("A".into(), Some(1)),
            ("B".into(), Some(2)),
            ("Z".into(), Some(3))
        ]
    );
    let results: Vec<_> = stats
        .dial_result
        .iter()
        .map(|t| (t.key.clone(), t.count))
        .collect();
    assert_eq!(
        results,
        [
            (CallResult::Answered, None),
            (CallResult::Busy, Some(7)),
            (CallResult::Other("TRANSFERRED".into()), Some(1)),
        ]
    );
    assert_eq!(
        stats.chat_round[1].key,
        ChatRoundBucket::Other("F20_MORE".into())
    );
}

#[test]
fn unknown_fields_are_ignored() {
    let page = jobs(json!({
        "number": 2, "extra": {"deep": [1, 2]}, "content": [
            {"robotCallJobId": 5, "name": "n", "brandNewField": [1, {"x": null}], "status": "COMPLETED"}
        ]
    }));
    assert_eq!(page.items[0].id, Some(5));
    assert_eq!(page.items[0].status, Some(JobStatus::Completed));
    let body = r#"{"code":200,"data":{"callRecordId":1},"requestId":"A","resultMsg":"ok","traceId":"t","errorStackTrace":"boom"}"#;
    let call: CallDetail = decode_item(200, body).expect("decodes");
    assert_eq!(call.id, Some(1));
}

#[test]
fn later_optional_fields() {
    let page = call_page(json!({"content": [{
        "hangupBy": "ROBOT", "redialTimes": 2, "readStatus": "HAS_READ", "manualMarked": 1,
        "robotCallJobName": "春季回访", "dialogFlowName": "话术A", "customerGroupName": "VIP"
    }]}));
    let record = &page.items[0];
    assert_eq!(record.hangup_by, Some(HangupSide::Robot));
    assert_eq!(record.redial_times, Some(2));
    assert_eq!(record.read_status, Some(ReadStatus::HasRead));
    assert_eq!(record.manual_marked, Some(true));
    assert_eq!(record.robot_call_job_name.as_deref(), Some("春季回访"));
    assert_eq!(record.dialog_flow_name.as_deref(), Some("话术A"));
    assert_eq!(record.customer_group_name.as_deref(), Some("VIP"));
}

#[test]
fn wrong_types_degrade_gracefully() {
    let page = call_page(json!({
        "number": "3", "pageSize": 20.0, "totalElements": "many", "pages": [],
        "content": [
            {
                "callRecordId": "47", "calledPhoneNumber": 18817501728_i64, "chatDuration": "93",
                "chatRound": 16.5, "manualMarked": "false", "customerConcern": "价格",
                "customerPersonInfo": "Alice", "callDetailList": {"text": "x"},
                "analysisBasis": 12, "fullAudioUrl": ["x"], "intentLevel": {"a": 1},
                "robotCallJobName": true, "startTime": ["2018-08-04"]
            },
            "not a record",
            42,
            {"callRecordId": 48, "callDetailList": [null, "x", {"type": "ROBOT", "text": 5}]}
        ]
    }));
    assert_eq!(
        (page.number, page.page_size, page.total, page.pages),
        (Some(3), Some(20), None, None)
    );
    assert_eq!(page.items.len(), 2, "rows that are not objects are skipped");
    let record = &page.items[0];
    assert_eq!(record.id, Some(47));
    assert_eq!(record.called_phone_number.as_deref(), Some("18817501728"));
    assert_eq!(record.chat_duration, Some(93));
    assert_eq!(record.chat_round, None);
    assert_eq!(record.manual_marked, Some(false));
    assert_eq!(record.customer_concern, ["价格"]);
    assert_eq!(record.customer_person, None);
    assert_eq!(record.analysis_basis.as_deref(), Some("12"));
    assert_eq!(record.full_audio_url, None);
    assert_eq!(record.intent_level, None);
    assert_eq!(record.robot_call_job_name.as_deref(), Some("true"));
    assert_eq!(record.start_time, None);
    // A hostile transcript in a list row costs the row nothing: it is not read.
    assert_eq!(page.items[1].id, Some(48));
    let turns = call_detail(json!({"callDetailList": [null, "x", {"type": "ROBOT", "text": 5}]}))
        .transcript;
    assert_eq!(turns.len(), 1);
    assert_eq!(turns[0].text.as_deref(), Some("5"));

    let detail = job_detail(json!({
        "robotCallJob": "oops", "callJobStatsInfo": {"intentLevel": [1, 2], "customerConcern": {"价格": 3},
        "taskProgress": "12.5", "answeredRate": "NaN", "callJobStatsBrokenLine": {"answeredTaskList": "x"}}
    }));
    assert_eq!(detail.job, None);
    let stats = detail.stats.expect("stats");
    assert!(stats.intent_level.is_empty());
    assert_eq!(stats.customer_concern, ["价格"]);
    assert_eq!(stats.task_progress, Some(12.5));
    assert_eq!(stats.answered_rate, None);
    assert!(stats.series(DailySeriesKind::CallsAnswered).is_empty());

    let person = call_detail(json!({"customerPerson": {
        "properties": {"age": 30, "tags": ["a", "b"], "nested": {"k": null}, "note": "<b>x</b>"},
        "attributes": [{"name": "城市", "value": "杭州"}, 3]
    }}))
    .customer_person
    .expect("person");
    assert_eq!(person.properties.len(), 4);
    assert_eq!(person.properties["age"], json!(30));
    assert_eq!(person.attributes.len(), 2);
}

#[test]
fn a_member_sent_twice_counts_the_last_time() {
    // JSON text with a repeated key cannot be built with json!(): written out by hand.
    let body = r#"{"code":500,"code":200,"requestId":"R","data":{"totalElements":1,
        "content":[{"callRecordId":7,"calledPhoneNumber":"1","calledPhoneNumber":"18812341728",
        "callDetailList":[{"type":"ROBOT","text":"a","text":"您好"}]}]}}"#;
    let page: Page<CallRecord> = decode_page(200, body).expect("decodes");
    assert_eq!(page.total, Some(1));
    let record = &page.items[0];
    assert_eq!(record.called_phone_number.as_deref(), Some("18812341728"));
    let call: CallDetail = decode_item(
        200,
        r#"{"code":200,"data":{"callRecordId":1,"callRecordId":2,
            "callDetailList":[{"type":"ROBOT","text":"a","text":"您好"}]}}"#,
    )
    .expect("decodes");
    assert_eq!(call.id, Some(2));
    assert_eq!(call.transcript[0].text.as_deref(), Some("您好"));
}

#[test]
fn containers_where_a_value_belongs_are_skipped_whole() {
    let page = call_page(json!({
        "totalElements": {"n": [1, 2, {"deep": [[[]]]}]},
        "content": [{
            "callRecordId": [[1], {"x": [2]}], "chatDuration": 30,
            "calledPhoneNumber": {"number": "18812341728"}, "customerConcern": [["价格"], "售后"],
        }]
    }));
    assert_eq!(page.total, None);
    let record = &page.items[0];
    assert_eq!(record.id, None);
    assert_eq!(
        record.chat_duration,
        Some(30),
        "the fields after it are still read"
    );
    assert_eq!(record.called_phone_number, None);
    assert_eq!(record.customer_concern, ["售后"]);
}

#[test]
fn large_ids_are_i64() {
    let page = call_page(
        json!({"content": [{"callRecordId": 9_007_199_254_740_993_i64, "robotCallJobId": "9223372036854775807"}]}),
    );
    assert_eq!(page.items[0].id, Some(9_007_199_254_740_993));
    assert_eq!(page.items[0].robot_call_job_id, Some(i64::MAX));
}

#[test]
fn html_is_kept_as_text() {
    let script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    let call = call_detail(json!({
        "analysisBasis": script,
        "callDetailList": [{"type": "PERSON", "text": script}],
        "customerPerson": {"name": script}
    }));
    assert_eq!(call.analysis_basis.as_deref(), Some(script));
    assert_eq!(call.transcript[0].text.as_deref(), Some(script));
    assert_eq!(
        call.customer_person.and_then(|p| p.name).as_deref(),
        Some(script)
    );
}

#[test]
fn page_count_is_worked_out_when_missing() {
    let page = jobs(json!({"totalElements": 41, "pageSize": 20, "content": []}));
    assert_eq!(page.page_count(10), 3, "the page size the API applied");
    let page = jobs(json!({"totalElements": 41, "pageSize": 20, "pages": 0}));
    assert_eq!(page.page_count(10), 3, "0 pages sent is no count");
    let page = jobs(json!({"totalElements": 41, "pageSize": 20, "pages": 7}));
    assert_eq!(page.page_count(10), 7, "as sent");
    let page = jobs(json!({"totalElements": 0, "pageSize": 20}));
    assert_eq!(page.page_count(20), 1, "an empty list is one page");
    let page = jobs(json!({"totalElements": 10, "pageSize": 0}));
    assert_eq!(page.page_count(4), 3, "else the page size asked for");
    assert_eq!(page.total_rows(), 10);
    let page = jobs(json!({"totalElements": -5}));
    assert_eq!((page.total_rows(), page.page_count(20)), (0, 1));
}

#[test]
fn content_of_the_wrong_shape_is_an_error() {
    let err = decode_page::<CallRecord>(200, &envelope(json!({"content": "nope"})))
        .expect_err("content must be a list");
    assert!(matches!(&err, ApiError::Shape { path, .. } if path == "data.content"));
    let err = decode_page::<CallRecord>(200, &envelope(json!([1, 2]))).expect_err("data list");
    assert!(matches!(&err, ApiError::Shape { path, .. } if path == "data"));
    let err = decode_item::<JobDetail>(200, &envelope(json!("x"))).expect_err("data string");
    assert!(
        matches!(&err, ApiError::Shape { path, detail, .. } if path == "data" && detail.contains("string"))
    );
}

/// What chrono's own readers make of a date-time, the shapes tried in turn as the console
/// once read them: the reference for the console's one-pass reader. (Over 2.9 million texts
/// built from these shapes' pieces, the two agreed wherever chrono read one, apart from the
/// cases below where the console is stricter; the console also reads a few that chrono's
/// RFC 3339 reader refuses, such as a one-digit hour before a zone.)
fn read_by_chrono(text: &str) -> Option<(chrono::NaiveDateTime, Precision)> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let text = text.trim();
    let shapes = [
        ("%Y-%m-%d %H:%M:%S%.f", Precision::Second),
        ("%Y-%m-%dT%H:%M:%S%.f", Precision::Second),
        ("%Y-%m-%d %H:%M", Precision::Minute),
        ("%Y-%m-%dT%H:%M", Precision::Minute),
        ("%Y/%m/%d %H:%M:%S", Precision::Second),
        ("%Y/%m/%d %H:%M", Precision::Minute),
    ];
    shapes
        .iter()
        .find_map(|(shape, precision)| {
            NaiveDateTime::parse_from_str(text, shape)
                .ok()
                .map(|value| (value, *precision))
        })
        .or_else(|| {
            DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|value| (value.naive_local(), Precision::Second))
        })
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|date| date.and_hms_opt(0, 0, 0))
                .map(|value| (value, Precision::Day))
        })
}

#[test]
fn date_times_read_as_chrono_reads_them() {
    let texts = [
        "2018-08-04 11:57:33",
        "2018-10-02T16:54:08",
        "2018-10-02T16:54:08.999",
        "2018-10-02 16:54:08.123456789",
        "2018-10-02T16:54:08.5",
        "2018-10-01 16:39",
        "2018-10-01T16:39",
        "2018/08/04 11:57:33",
        "2018/10/01 16:39",
        "2018-09-27",
        " 2018-09-27 ",
        "2018-10-02T16:54:08Z",
        "2018-10-02T16:54:08+08:00",
        "2018-10-02T16:54:08.25-05:00",
        "2018-10-02 16:54:08+08:00",
        "2018-10-02t16:54:08z",
        "2018-10-02 16:54:08Z",
        "2018-10-02T16:54:08-00:00",
        "2018-10-02T16:54:08.1234567891",
        "2018-10-02T16:54:08+08:00:00",
        "2018-10-02T16:54:08 +08:00",
        "2018-10-02T",
        "2018-8-4 9:07:03",
        "2018-8-4",
        "2024-02-29 23:59:59",
        "2000-01-01 00:00:00",
        // Not dates, or not one of the shapes.
        "2018-02-30",
        "2023-02-29 10:00:00",
        "2018-13-01 10:00:00",
        "2018-08-04 24:00:00",
        "2018-08-04 11:60",
        "2018-08-04 11:5a:00",
        "2018/08/04",
        "2018/08/04T11:57:33",
        "2018/08/04 11:57:33.5",
        "2018-08-04 11",
        "2018-08-04 11:57:",
        "2018-08-04 11:57:33.",
        "2018-08-04T11:57Z",
        "2018-08-04T11:57:33+0800",
        "2018-08-04T11:57:33+08",
        "2018-08-04X11:57",
        "2018-008-04",
        "2018-08-04 11:57:33 PM",
        "00:00:00",
        "yesterday",
        "",
    ];
    for text in texts {
        assert_eq!(
            tanyi_console::api::time::parse_date_time(text),
            read_by_chrono(text),
            "{text:?}"
        );
    }
    // Where chrono is looser, the console is not: a run of blanks, a year of two digits or
    // with a sign, a leap second (which the API's Java clock never writes); such text is
    // shown as sent.
    for text in [
        "2018-08-04  11:57",
        "18-08-04 11:57:33",
        "18-08-04",
        "2018-10-02T16:54:60",
        "+2018-10-02",
    ] {
        assert!(read_by_chrono(text).is_some(), "{text:?}");
        assert_eq!(
            tanyi_console::api::time::parse_date_time(text),
            None,
            "{text:?}"
        );
    }
}

#[test]
fn dates_read_as_chrono_reads_them() {
    use chrono::NaiveDate;
    for text in [
        "2026-11-30",
        " 2026-11-30 ",
        "2026-1-5",
        "2026-02-29",
        "2026/11/30",
        "2026-11-30 10:00",
        "",
    ] {
        assert_eq!(
            tanyi_console::api::time::parse_date(text),
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok(),
            "{text:?}"
        );
    }
    // chrono reads `26-11-30` as the year 26; a date box or a URL means no such thing.
    assert_eq!(tanyi_console::api::time::parse_date("26-11-30"), None);
}
