//! Enumerations: documented codes, numbers and labels in both languages; unknown values raw.

use tanyi_console::api::enums::{
    CallResult, ChatDurationBucket, ChatRoundBucket, DailySeriesKind, FollowStatus, HangupSide,
    IntentLevel, JobMode, JobStatus, PhoneType, ReadStatus, SeriesUnit, Speaker, WireEnum,
};
use tanyi_console::i18n::Locale::{En, ZhCn};

fn zh_labels<T: WireEnum>() -> Vec<String> {
    T::all()
        .iter()
        .map(|v| v.label(ZhCn).into_owned())
        .collect()
}

fn codes<T: WireEnum>() -> Vec<String> {
    T::all().iter().map(|v| v.code().to_string()).collect()
}

/// Every known value: English label present and distinct from the others, code round trip.
fn check_consistent<T: WireEnum + PartialEq + std::fmt::Debug>() {
    let all = T::all();
    let en: Vec<_> = all.iter().map(|v| v.label(En).into_owned()).collect();
    for (i, value) in all.iter().enumerate() {
        assert_eq!(T::from_code(value.code()), *value);
        assert!(value.is_known());
        assert!(!en[i].is_empty());
        assert!(
            !en[..i].contains(&en[i]),
            "duplicate English label {}",
            en[i]
        );
    }
    let unknown = T::from_code("SOMETHING_NEW");
    assert!(!unknown.is_known());
    assert_eq!(unknown.code(), "SOMETHING_NEW");
    assert_eq!(unknown.label(ZhCn), "SOMETHING_NEW");
    assert_eq!(unknown.label(En), "SOMETHING_NEW");
}

#[test]
fn job_status() {
    assert_eq!(
        zh_labels::<JobStatus>(),
        [
            "未开始",
            "进行中",
            "已完成",
            "可运行",
            "用户暂停",
            "系统暂停",
            "已终止",
            "排队中"
        ]
    );
    assert_eq!(
        codes::<JobStatus>(),
        [
            "NOT_STARTED",
            "IN_PROCESS",
            "COMPLETED",
            "RUNNABLE",
            "USER_PAUSE",
            "SYSTEM_SUSPENDED",
            "TERMINATE",
            "IN_QUEUE"
        ]
    );
    for (i, status) in JobStatus::all().iter().enumerate() {
        assert_eq!(status.number(), Some(i as i64));
        assert_eq!(JobStatus::from_number(i as i64).as_ref(), Some(status));
    }
    assert_eq!(JobStatus::from_number(8), None);
    assert_eq!(JobStatus::from_number(-1), None);
    assert_eq!(JobStatus::Other("X".into()).number(), None);
    assert_eq!(JobStatus::Terminate.label(En), "Terminated");
    assert_eq!(JobStatus::from_code(" in_process "), JobStatus::InProcess);
    check_consistent::<JobStatus>();
}

#[test]
fn call_result() {
    assert_eq!(
        zh_labels::<CallResult>(),
        [
            "已接听",
            "未接",
            "占线",
            "关机",
            "被叫停机",
            "拒接",
            "空号",
            "无法接通",
            "主叫号码不可用",
            "外呼失败"
        ]
    );
    assert_eq!(CallResult::all().len(), 10);
    assert_eq!(
        CallResult::from_code("FROM_PHONE_ERROR"),
        CallResult::FromPhoneError
    );
    assert_eq!(CallResult::from_number(9), Some(CallResult::SystemError));
    assert_eq!(CallResult::Busy.label(En), "Busy");
    check_consistent::<CallResult>();
}

#[test]
fn intent_level() {
    assert_eq!(
        zh_labels::<IntentLevel>(),
        [
            "A级(较强)",
            "B级(一般)",
            "C级(无法判断)",
            "D级(很少)",
            "E级别(需要再次跟进)",
            "F级别(无需再次跟进)"
        ]
    );
    assert_eq!(codes::<IntentLevel>(), ["A", "B", "C", "D", "E", "F"]);
    assert_eq!(IntentLevel::from_code("b"), IntentLevel::B);
    assert_eq!(IntentLevel::A.label(En), "A (strong)");
    check_consistent::<IntentLevel>();
}

#[test]
fn small_enums() {
    assert_eq!(
        zh_labels::<FollowStatus>(),
        ["AI初访", "人工初访", "持续跟进"]
    );
    assert_eq!(zh_labels::<ReadStatus>(), ["未读", "已读"]);
    assert_eq!(zh_labels::<JobMode>(), ["自动任务", "手动任务"]);
    assert_eq!(
        zh_labels::<PhoneType>(),
        [
            "手机号码",
            "固话",
            "无主叫",
            "训练主叫账号",
            "训练被叫账号",
            "网关设备"
        ]
    );
    assert_eq!(PhoneType::from_code("VR"), PhoneType::TrainingCaller);
    assert_eq!(PhoneType::from_code("L").code(), "LANDLINE");
    assert_eq!(zh_labels::<Speaker>(), ["机器人", "客户"]);
    assert_eq!(Speaker::from_code("ROBOT"), Speaker::Robot);
    assert_eq!(Speaker::from_code("PERSON"), Speaker::Person);
    assert_eq!(HangupSide::from_code("CUSTOMER"), HangupSide::Person);
    assert_eq!(HangupSide::Robot.label(ZhCn), "机器人挂断");
    assert_eq!(HangupSide::from_code("SYSTEM").label(ZhCn), "系统挂断");
    check_consistent::<FollowStatus>();
    check_consistent::<ReadStatus>();
    check_consistent::<JobMode>();
    check_consistent::<PhoneType>();
    check_consistent::<Speaker>();
    check_consistent::<HangupSide>();
}

#[test]
fn stats_buckets() {
    assert_eq!(
        codes::<ChatRoundBucket>(),
        ["LESS_3", "F3_T6", "F6_T10", "F10_MORE"]
    );
    assert_eq!(
        zh_labels::<ChatRoundBucket>(),
        ["3轮以下", "3-6轮", "6-10轮", "10轮以上"]
    );
    assert_eq!(
        codes::<ChatDurationBucket>(),
        [
            "LESS_10S",
            "F10S_T1MIN",
            "F1MIN_T2MIN",
            "F2MIN_T3MIN",
            "F3MIN_TMORE"
        ]
    );
    assert_eq!(
        zh_labels::<ChatDurationBucket>(),
        ["10秒以下", "10秒-1分钟", "1-2分钟", "2-3分钟", "3分钟以上"]
    );
    assert_eq!(ChatDurationBucket::From3MinMore.label(En), "Over 3 min");
    check_consistent::<ChatRoundBucket>();
    check_consistent::<ChatDurationBucket>();
}

#[test]
fn daily_series() {
    let codes: Vec<_> = DailySeriesKind::all().iter().map(|k| k.code()).collect();
    assert_eq!(
        codes,
        [
            "taskCallCompletedList",
            "answeredTaskList",
            "answeredTaskRateList",
            "chatDurationTotalList",
            "averageDurationList"
        ]
    );
    for kind in DailySeriesKind::all() {
        assert_eq!(DailySeriesKind::from_code(kind.code()), Some(*kind));
        assert!(!kind.label(ZhCn).is_empty() && !kind.label(En).is_empty());
    }
    assert_eq!(DailySeriesKind::AnswerRate.unit(), SeriesUnit::Percent);
    assert_eq!(DailySeriesKind::CallsAnswered.label(ZhCn), "接听数");
    assert_eq!(DailySeriesKind::from_code("other"), None);
}

#[test]
fn display_is_the_wire_code() {
    assert_eq!(CallResult::NoAnswer.to_string(), "NO_ANSWER");
    assert_eq!(IntentLevel::Other("Z".into()).to_string(), "Z");
}
