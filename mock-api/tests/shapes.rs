//! Each endpoint's JSON has every key of the documents' examples, with the documented types and
//! date shapes.

mod common;

use common::*;
use serde_json::{json, Value};

/// `n` number, `s` string, `sn` string or number, `b` bool, `a` array, `o` object; a trailing
/// `?` also allows null.
fn check(obj: &Value, spec: &[(&str, &str)], what: &str) {
    let map = obj
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object: {obj}"));
    for (key, kind) in spec {
        let v = map
            .get(*key)
            .unwrap_or_else(|| panic!("{what} lacks {key}: {obj}"));
        let (kind, nullable) = match kind.strip_suffix('?') {
            Some(k) => (k, true),
            None => (*kind, false),
        };
        let ok = (nullable && v.is_null())
            || match kind {
                "n" => v.is_number(),
                "s" => v.is_string(),
                "sn" => v.is_string() || v.is_number(),
                "b" => v.is_boolean(),
                "a" => v.is_array(),
                "o" => v.is_object(),
                _ => true,
            };
        assert!(
            ok,
            "{what}.{key} should be {kind}{}: {v}",
            if nullable { " or null" } else { "" }
        );
    }
}

const ENVELOPE: &[(&str, &str)] = &[
    ("code", "n"),
    ("data", "o?"),
    ("requestId", "s"),
    ("resultMsg", "s"),
    ("errorStackTrace", "s?"),
];
const PAGE: &[(&str, &str)] = &[
    ("number", "n"),
    ("pageSize", "n"),
    ("totalElements", "n"),
    ("pages", "n"),
    ("content", "a"),
];

const JOB_ITEM: &[(&str, &str)] = &[
    ("robotCallJobId", "n"),
    ("name", "s"),
    ("status", "sn"),
    ("completedTask", "n"),
    ("taskCallTotal", "n"),
    ("creationTime", "s"),
    ("createdByUserName", "s?"),
    ("organizationName", "s?"),
];

const JOB_DETAIL: &[(&str, &str)] = &[
    ("robotCallJob", "o"),
    ("jobPhoneNumberList", "a?"),
    ("completedTask", "n"),
    ("taskCallTotal", "n"),
    ("createdByUserName", "s?"),
    ("organizationName", "s?"),
    ("dialogFlowName", "s?"),
    ("smsTemplateName", "s?"),
    ("systemPauseNextStart", "s?"),
    ("callJobStatsInfo", "o"),
];

const ROBOT_CALL_JOB: &[(&str, &str)] = &[
    ("robotCallJobId", "n"),
    ("tenantId", "n"),
    ("dialogFlowId", "n"),
    ("name", "s"),
    ("mode", "s"),
    ("robotCount", "n"),
    ("smsTemplateId", "n?"),
    ("phoneType", "s"),
    ("dailyStartTime", "s"),
    ("dailyEndTime", "s"),
    ("inactiveStartTime", "s"),
    ("inactiveEndTime", "s"),
    ("description", "s?"),
    ("wechatAlertLevel", "a"),
    ("smsAlertLevel", "a"),
    ("alertUsers", "a"),
    ("wechatSendMethod", "s"),
    ("status", "sn"),
    ("startTime", "s?"),
    ("nextStartTime", "s"),
    ("creationTime", "s"),
    ("lastModifiedTime", "s"),
    ("earlyWarningAlertUsers", "a"),
];

const STATS: &[(&str, &str)] = &[
    ("taskProgress", "n"),
    ("answeredRate", "n"),
    ("intentLevel", "o"),
    ("taskCallTotal", "n"),
    ("answeredTask", "n"),
    ("chatDurationTotal", "n"),
    ("completedTask", "n"),
    ("customerConcern", "a"),
    ("dialResult", "o"),
    ("chatRound", "o"),
    ("chatDuration", "o"),
    ("callJobStatsBrokenLine", "o"),
];

const TASK_CALL_ITEM: &[(&str, &str)] = &[
    ("callRecordId", "n"),
    ("tenantId", "n"),
    ("robotCallJobId", "n"),
    ("dialogFlowId", "n"),
    ("robotCallTaskId", "n"),
    ("customerPersonId", "n"),
    ("calledPhoneNumber", "s"),
    ("phoneNumberId", "n"),
    ("resultStatus", "s"),
    ("intentLevel", "s"),
    ("realIntentLevel", "s?"),
    ("customerConcern", "a"),
    ("fullAudioUrl", "s?"),
    ("customerAudioUrl", "s?"),
    ("analysisBasis", "s"),
    ("startTime", "s"),
    ("chatDuration", "n"),
    ("chatRound", "n"),
    ("manualMarked", "b"),
    ("readStatus", "s"),
    ("customerGroupName", "s?"),
    ("robotCallJobName", "s"),
    ("dialogFlowName", "s"),
    ("customerPersonInfo", "o?"),
    ("callDetailList", "a"),
    // Later optional fields.
    ("hangupBy", "s"),
    ("redialTimes", "n"),
];

const CR_EXTRA: &[(&str, &str)] = &[
    ("intentLevelName", "s"),
    ("realIntentLevelName", "s?"),
    ("intentLevelTagId", "n"),
];

const TURN: &[(&str, &str)] = &[("text", "s"), ("type", "s"), ("callDetailId", "n")];

const CALL_DETAIL: &[(&str, &str)] = &[
    ("callRecordId", "n"),
    ("customerAudioUrl", "s?"),
    ("startTime", "s"),
    ("endTime", "s"),
    ("chatRound", "n"),
    ("chatDuration", "n"),
    ("customerPerson", "o"),
    ("resultStatus", "s"),
    ("intentLevel", "s"),
    ("realIntentLevel", "s?"),
    ("customerConcern", "a"),
    ("fullAudioUrl", "s?"),
    ("analysisBasis", "s"),
    ("callDetailList", "a"),
    ("manualMarked", "b"),
    ("robotCallJobId", "n"),
    ("attributes", "a"),
];

const CUSTOMER_PERSON: &[(&str, &str)] = &[
    ("customerPersonId", "n"),
    ("creationTime", "s"),
    ("tenantId", "n"),
    ("customerGroupId", "n"),
    ("name", "s"),
    ("phoneNumber", "s"),
    ("wechatNumber", "s?"),
    ("source", "s"),
    ("lastEmotion", "s"),
    ("customerLevel", "s"),
    ("gender", "s"),
    ("followUserId", "n?"),
    ("followStatus", "s"),
    ("properties", "o"),
    ("lastFollowTime", "s"),
    ("lastChatDuration", "n"),
    ("lastStartTime", "s"),
    ("attributes", "a"),
    ("lastIntentLevel", "s"),
    ("lastDialStatus", "s"),
    ("assignTime", "s"),
    ("customerGroupName", "s"),
];

#[test]
fn get_tasks_shape() {
    let api = Api::new(shared());
    let env = api.get_env("/apiOpen/v1/task/getTasks?pageSize=100");
    check(&env, ENVELOPE, "envelope");
    assert_eq!(env["code"], 200);
    assert!(env["errorStackTrace"].is_null());
    check(&env["data"], PAGE, "page");
    let items = env["data"]["content"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!items.is_empty());
    for item in &items {
        check(item, JOB_ITEM, "job");
        assert!(
            shaped(
                item["creationTime"].as_str().unwrap_or(""),
                "dddd-dd-dd dd:dd"
            ),
            "{item}"
        );
        // A name as in the examples, or (every third job) a code as in the field tables.
        let status = &item["status"];
        let known = match (status.as_str(), status.as_i64()) {
            (Some(name), _) => mock_api::enums::JobStatus::from_name(name).is_some(),
            (None, Some(code)) => mock_api::enums::JobStatus::from_code(code).is_some(),
            _ => false,
        };
        assert!(known, "status is a name or a code: {status}");
    }
    assert!(items.iter().any(|i| i["createdByUserName"].is_null()) || items.len() < 10);
    assert!(
        items.iter().any(|i| i["status"].is_string()) && items.iter().any(|i| i["status"].is_u64()),
        "both forms of the status occur"
    );
}

#[test]
fn get_task_detail_shape() {
    let api = Api::new(shared());
    for id in 1..=8 {
        let env = api.get_env(&format!(
            "/apiOpen/v1/task/getTaskDetail?robotCallJobId={id}"
        ));
        check(&env, ENVELOPE, "envelope");
        let d = &env["data"];
        check(d, JOB_DETAIL, "detail");
        let job = &d["robotCallJob"];
        check(job, ROBOT_CALL_JOB, "robotCallJob");
        for key in ["creationTime", "lastModifiedTime"] {
            assert!(
                shaped(job[key].as_str().unwrap_or(""), "dddd-dd-dd dd:dd:dd"),
                "{key}: {job}"
            );
        }
        for key in [
            "dailyStartTime",
            "dailyEndTime",
            "inactiveStartTime",
            "inactiveEndTime",
            "nextStartTime",
        ] {
            assert!(shaped(job[key].as_str().unwrap_or(""), "dd:dd:dd"), "{key}");
        }
        let s = &d["callJobStatsInfo"];
        check(s, STATS, "stats");
        let keys = |v: &Value| -> Vec<String> {
            v.as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default()
        };
        let mut want = vec!["A", "B", "C", "D", "E", "F"];
        want.sort();
        assert_eq!(keys(&s["intentLevel"]), want);
        let mut dial: Vec<String> = mock_api::enums::ResultStatus::ALL
            .iter()
            .map(|r| r.name().to_string())
            .collect();
        dial.sort();
        assert_eq!(keys(&s["dialResult"]), dial);
        let mut rounds = vec!["LESS_3", "F3_T6", "F6_T10", "F10_MORE"];
        rounds.sort();
        assert_eq!(keys(&s["chatRound"]), rounds);
        let mut durations = vec![
            "LESS_10S",
            "F10S_T1MIN",
            "F1MIN_T2MIN",
            "F2MIN_T3MIN",
            "F3MIN_TMORE",
        ];
        durations.sort();
        assert_eq!(keys(&s["chatDuration"]), durations);
        assert!(s["customerConcern"]
            .as_array()
            .is_some_and(|a| a.iter().all(Value::is_string)));
        let line = &s["callJobStatsBrokenLine"];
        for key in [
            "taskCallCompletedList",
            "answeredTaskList",
            "answeredTaskRateList",
            "chatDurationTotalList",
            "averageDurationList",
        ] {
            for point in line[key]
                .as_array()
                .unwrap_or_else(|| panic!("{key} is a list"))
            {
                check(point, &[("date", "s"), ("val", "n")], key);
                assert!(shaped(point["date"].as_str().unwrap_or(""), "dddd-dd-dd"));
            }
        }
    }
}

fn check_call_item(item: &Value, cr: bool) {
    check(item, TASK_CALL_ITEM, "call item");
    if cr {
        check(item, CR_EXTRA, "callRecord item");
    } else {
        assert!(
            item.get("intentLevelName").is_none(),
            "the task family has no intent tag names"
        );
    }
    assert!(
        shaped(
            item["startTime"].as_str().unwrap_or(""),
            "dddd-dd-dd dd:dd:dd"
        ),
        "{item}"
    );
    let phone = item["calledPhoneNumber"].as_str().unwrap_or("");
    assert!(shaped(phone, "1dddddddddd"), "11-digit mobile: {phone}");
    for turn in item["callDetailList"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        check(&turn, TURN, "turn");
    }
    assert!(["NOT_READ", "HAS_READ"].contains(&item["readStatus"].as_str().unwrap_or("")));
    assert!(["ROBOT", "PERSON", "SYSTEM"].contains(&item["hangupBy"].as_str().unwrap_or("")));
}

#[test]
fn call_list_shapes() {
    let api = Api::new(shared());
    for (path, cr) in [(TASK_LIST, false), (CR_LIST, true)] {
        let env = api.post_env(path, &json!({"robotCallJobId": 1, "pageSize": 100}));
        check(&env, ENVELOPE, "envelope");
        check(&env["data"], PAGE, "page");
        let items = env["data"]["content"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(items.len(), 100);
        for item in &items {
            check_call_item(item, cr);
        }
        // Both answered and unanswered calls are there, and nulls where the examples have them.
        assert!(items.iter().any(|i| i["fullAudioUrl"].is_string()));
        assert!(items.iter().any(|i| i["fullAudioUrl"].is_null()));
        assert!(items.iter().all(|i| i["customerPersonInfo"].is_null()));
        assert!(items.iter().any(|i| i["realIntentLevel"].is_null()));
    }
}

#[test]
fn call_detail_shapes() {
    let api = Api::new(shared());
    let ds = dataset();
    let job = &ds.jobs[0];
    let calls = ds.job_calls(job);
    let answered = calls
        .iter()
        .find(|c| c.chat_round > 3)
        .map(|c| c.id)
        .unwrap_or(0);
    let vacant = calls
        .iter()
        .find(|c| c.result.name() == "VACANT_NUMBER")
        .map(|c| c.id)
        .unwrap_or(0);
    for (path, cr) in [(TASK_DETAIL, false), (CR_DETAIL, true)] {
        for id in [answered, vacant] {
            let env = api.get_env(&format!("{path}?callRecordId={id}"));
            check(&env, ENVELOPE, "envelope");
            let d = &env["data"];
            check(d, CALL_DETAIL, "call detail");
            if cr {
                check(d, CR_EXTRA, "callRecord detail");
            }
            for key in ["startTime", "endTime"] {
                assert!(
                    shaped(d[key].as_str().unwrap_or(""), "dddd-dd-ddTdd:dd:dd"),
                    "{key}: {}",
                    d[key]
                );
            }
            let p = &d["customerPerson"];
            check(p, CUSTOMER_PERSON, "customerPerson");
            assert!(shaped(
                p["creationTime"].as_str().unwrap_or(""),
                "dddd-dd-dd dd:dd"
            ));
            for key in ["lastFollowTime", "lastStartTime", "assignTime"] {
                assert!(
                    shaped(p[key].as_str().unwrap_or(""), "dddd-dd-dd dd:dd:dd"),
                    "{key}"
                );
            }
            for turn in d["callDetailList"].as_array().cloned().unwrap_or_default() {
                check(&turn, TURN, "turn");
            }
            assert_eq!(d["callRecordId"].as_u64(), Some(id));
            assert_eq!(d["robotCallJobId"].as_u64(), Some(job.id));
        }
        let vac = api.get_env(&format!("{path}?callRecordId={vacant}"));
        assert_eq!(vac["data"]["analysisBasis"], "空号");
        assert_eq!(vac["data"]["startTime"], vac["data"]["endTime"]);
        assert_eq!(vac["data"]["callDetailList"], json!([]));
    }
}

#[test]
fn list_and_detail_agree() {
    let api = Api::new(shared());
    let env = api.post_env(CR_LIST, &json!({"robotCallJobId": 2, "pageSize": 30}));
    for item in env["data"]["content"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let d = api.get_env(&format!(
            "{CR_DETAIL}?callRecordId={}",
            item["callRecordId"]
        ))["data"]
            .clone();
        for key in [
            "resultStatus",
            "intentLevel",
            "intentLevelName",
            "realIntentLevel",
            "chatDuration",
            "chatRound",
            "customerConcern",
            "fullAudioUrl",
            "customerAudioUrl",
            "callDetailList",
            "analysisBasis",
        ] {
            assert_eq!(item[key], d[key], "{key}");
        }
        let start = item["startTime"].as_str().unwrap_or("").replace(' ', "T");
        assert_eq!(d["startTime"].as_str(), Some(start.as_str()));
        assert_eq!(
            d["customerPerson"]["phoneNumber"],
            item["calledPhoneNumber"]
        );
        assert_eq!(
            d["customerPerson"]["customerGroupName"],
            item["customerGroupName"]
        );
    }
}

#[test]
fn same_seed_same_answers_and_request_ids_differ() {
    let a = mock_api::start_in_thread(small_options()).expect("start");
    let api_a = Api::new(&a);
    let api_b = Api::new(shared());
    let q = json!({"robotCallJobId": 3, "pageSize": 50});
    let mut x = api_a.post_env(CR_LIST, &q);
    let mut y = api_b.post_env(CR_LIST, &q);
    assert_ne!(x["requestId"], y["requestId"]);
    x["requestId"] = json!("");
    y["requestId"] = json!("");
    // Only the recording host differs between the two servers.
    let strip = |v: &Value, base: &str| v.to_string().replace(base, "");
    assert_eq!(strip(&x, &a.base_url()), strip(&y, &shared().base_url()));
}
