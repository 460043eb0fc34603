//! The documents' JSON shapes for jobs and call records, in the date formats each one uses.

use serde_json::{json, Value};

use crate::corpus::{self, CUSTOMER_TAGS, PROPERTIES};
use crate::data::{Call, Dataset, Job, TENANT_ID};
use crate::enums::{IntentLevel, JobStatus, ResultStatus};
use crate::filters::Family;
use crate::phone;
use crate::rng::Rng;
use crate::stats::JobStats;
use crate::time;
use crate::transcript;
use crate::view::View;

/// Where recordings are served from, e.g. "http://127.0.0.1:9000".
pub struct Ctx<'a> {
    pub ds: &'a Dataset,
    pub public_url: &'a str,
}

/// `/recordings/TenantId1/CallJobId50/OUZAXBCB_TaskId_4/ai_user.wav`, as on Tanyi's storage.
pub fn recording_path(ds: &Dataset, call: &Call, file: &str) -> String {
    format!(
        "/recordings/TenantId{}/CallJobId{}/{}_TaskId_{}/{}",
        TENANT_ID,
        ds.job_of(call).id,
        call.recording_code(),
        call.task_id(),
        file
    )
}

pub const FULL_AUDIO: &str = "ai_user.wav";
pub const CUSTOMER_AUDIO: &str = "user.wav";

fn audio_url(ctx: &Ctx, call: &Call, file: &str) -> Value {
    if call.has_recording() {
        json!(format!(
            "{}{}",
            ctx.public_url,
            recording_path(ctx.ds, call, file)
        ))
    } else {
        Value::Null
    }
}

/// A job's `status` as the API answers it: the name, as in the documents' examples, except for
/// every third job, which answers the code that the field tables document (`status |
/// Integer`). NOTES.md: a client must accept both.
fn job_status(job: &Job, status: JobStatus) -> Value {
    if job.id.is_multiple_of(3) {
        Value::from(status.code())
    } else {
        Value::from(status.name())
    }
}

/// An item of `getTasks`, as the job reads in `view`.
pub fn job_summary(view: &View, job: &Job) -> Value {
    json!({
        "robotCallJobId": job.id,
        "name": job.name,
        "status": job_status(job, view.status(job)),
        "completedTask": view.made(job).len(),
        "taskCallTotal": job.task_call_total,
        "creationTime": time::minute(job.created),
        "createdByUserName": job.creator,
        "organizationName": job.organization,
    })
}

fn level_names(levels: &[IntentLevel]) -> Vec<&'static str> {
    levels.iter().map(|l| l.name()).collect()
}

/// When a suspended job starts again: the end of the incident that suspended it, else
/// tomorrow at its daily start; null for a job that is not suspended.
fn system_pause_next_start(view: &View, job: &Job) -> Value {
    if view.status(job) != JobStatus::SystemSuspended {
        return Value::Null;
    }
    let at = view
        .suspended_until(job)
        .unwrap_or(time::day_start(view.ds.today + 1) + job.daily_start);
    json!(time::second(at))
}

/// The data of `getTaskDetail`, as the job reads in `view`.
pub fn job_detail(view: &View, job: &Job) -> Value {
    let stats = JobStats::of(job, view.calls(job));
    let status = view.status(job);
    let flow = &corpus::FLOWS[job.flow];
    json!({
        "robotCallJob": {
            "robotCallJobId": job.id,
            "tenantId": TENANT_ID,
            "dialogFlowId": flow.id,
            "name": job.name,
            "mode": job.mode.name(),
            "robotCount": job.robot_count,
            "smsTemplateId": job.sms_template_id,
            "phoneType": job.phone_type.name(),
            "dailyStartTime": time::clock(job.daily_start),
            "dailyEndTime": time::clock(job.daily_end),
            "inactiveStartTime": time::clock(job.inactive_start),
            "inactiveEndTime": time::clock(job.inactive_end),
            "description": job.description,
            "wechatAlertLevel": level_names(&job.wechat_alert),
            "smsAlertLevel": level_names(&job.sms_alert),
            "alertUsers": job.alert_users,
            "wechatSendMethod": "SENDTOALL",
            "status": job_status(job, status),
            "startTime": job.started.map(time::second),
            "nextStartTime": time::clock(if status == JobStatus::Runnable { job.daily_start } else { 0 }),
            "creationTime": time::second(job.created),
            "lastModifiedTime": time::second(job.modified),
            "earlyWarningAlertUsers": [],
        },
        "jobPhoneNumberList": null,
        "completedTask": stats.completed,
        "taskCallTotal": job.task_call_total,
        "createdByUserName": job.creator,
        "organizationName": job.organization,
        "dialogFlowName": flow.name,
        "smsTemplateName": job.sms_template_id.map(|id| format!("通用短信模板{id}")),
        "systemPauseNextStart": system_pause_next_start(view, job),
        "callJobStatsInfo": stats.to_json(),
    })
}

/// `callDetailList`: the transcript, empty for calls that were not answered.
pub fn call_detail_list(ds: &Dataset, call: &Call) -> Value {
    transcript::turns(ds.seed, call)
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            json!({
                "text": t.text,
                "type": t.speaker.name(),
                "callDetailId": call.id * 100 + i as u64 + 1,
            })
        })
        .collect()
}

/// `analysisBasis`: why the intent level was given.
pub fn analysis_basis(call: &Call) -> String {
    if call.result != ResultStatus::Answered {
        return call.result.label().to_string();
    }
    if call.id.is_multiple_of(10) {
        return String::new();
    }
    let concerns = call.concern_names().join("、");
    let asked = if concerns.is_empty() {
        String::new()
    } else {
        format!("客户询问了{concerns}，")
    };
    let verdict = match call.intent {
        IntentLevel::A => "主动要求顾问联系，意向较强",
        IntentLevel::B => "愿意进一步了解，意向一般",
        IntentLevel::C => "对话轮次较少，无法判断意向",
        IntentLevel::D => "回应较少，意向很低",
        IntentLevel::E => "客户表示现在不方便，需要再次跟进",
        IntentLevel::F => "客户明确拒绝，无需再次跟进",
    };
    format!("{asked}对话{}轮，{verdict}", call.chat_round)
}

/// Parameters collected during the call (`attributes` of a call detail).
fn call_attributes(call: &Call) -> Value {
    if call.result != ResultStatus::Answered
        || !matches!(
            call.intent,
            IntentLevel::A | IntentLevel::B | IntentLevel::E
        )
    {
        return json!([]);
    }
    let when = ["周六上午", "周日下午", "工作日晚上", "明天上午"][(call.id % 4) as usize];
    json!([
        {"name": "回访时间", "value": when},
        {"name": "意向等级", "value": call.intent.name()},
    ])
}

/// A spare number in one customer in six (drawn from the seed and the call id), never the
/// called one: `备用电话` with an 11-digit mobile (half of them) or a landline
/// "0571-88889999" (a quarter), or a `备注` of "备用电话: 13912345678，晚上打" (a quarter).
pub fn spare_phone(seed: u64, call: &Call) -> Option<(&'static str, String)> {
    let mut rng = Rng::for_item(seed, 6, call.id);
    if !rng.chance(1.0 / 6.0) {
        return None;
    }
    Some(match rng.weighted(&[2, 1, 1]) {
        0 => (
            corpus::SPARE_PHONE_KEY,
            phone::Written::Mobile(phone::mobile(&mut rng, call.phone)).text(),
        ),
        1 => (corpus::SPARE_PHONE_KEY, phone::landline(&mut rng).text()),
        _ => (
            "备注",
            format!(
                "{}: {}，晚上打",
                corpus::SPARE_PHONE_KEY,
                phone::Written::Mobile(phone::mobile(&mut rng, call.phone)).text()
            ),
        ),
    })
}

fn customer_properties(seed: u64, call: &Call, rng: &mut Rng) -> Value {
    let mut map = serde_json::Map::new();
    for (key, values) in PROPERTIES {
        if rng.chance(0.5) {
            map.insert(key.to_string(), json!(rng.pick(values)));
        }
    }
    if call.id.is_multiple_of(7) {
        map.insert("ss".into(), json!("test"));
    }
    if let Some((key, value)) = spare_phone(seed, call) {
        map.insert(key.into(), json!(value));
    }
    Value::Object(map)
}

/// `customerPerson` of a call detail.
fn customer_person(ds: &Dataset, call: &Call) -> Value {
    let mut rng = Rng::for_item(ds.seed, 4, call.id);
    let created = call
        .start
        .saturating_sub(rng.range(3600, 20 * 86_400) as u32);
    let assigned = created + rng.range(10, 600) as u32;
    let tags: Vec<&str> = CUSTOMER_TAGS
        .iter()
        .copied()
        .filter(|_| rng.chance(0.2))
        .collect();
    let emotion = match call.intent {
        _ if call.result != ResultStatus::Answered => "UNKNOWN",
        IntentLevel::A | IntentLevel::B => "POSITIVE",
        IntentLevel::F => "NEGATIVE",
        _ => "NEUTRAL",
    };
    json!({
        "customerPersonId": call.person_id(),
        "creationTime": time::minute(created),
        "tenantId": TENANT_ID,
        "customerGroupId": call.group_id(),
        "name": call.customer_name(),
        "phoneNumber": call.phone_text(),
        "wechatNumber": if rng.chance(0.2) { json!(format!("wxid_{:08x}", rng.next_u64() as u32)) } else { Value::Null },
        "source": rng.pick(corpus::SOURCES),
        "lastEmotion": emotion,
        "customerLevel": if call.result == ResultStatus::Answered { call.intent.name() } else { "UNKNOWN" },
        "gender": call.gender.name(),
        "followUserId": if rng.chance(0.6) { json!(150 + rng.below(20)) } else { Value::Null },
        "followStatus": call.follow.name(),
        "properties": customer_properties(ds.seed, call, &mut rng),
        "lastFollowTime": time::second(assigned),
        "lastChatDuration": call.chat_duration,
        "lastStartTime": time::second(call.start),
        "attributes": tags,
        "lastIntentLevel": call.intent.name(),
        "lastDialStatus": call.result.name(),
        "assignTime": time::second(assigned),
        "customerGroupName": call.group_name(),
    })
}

/// Fields that only the callRecord family has.
fn add_tag_fields(obj: &mut Value, call: &Call) {
    if let Value::Object(map) = obj {
        map.insert("intentLevelName".into(), json!(call.intent.tag_name()));
        // As in the documents' example: the "real" name follows the level in force.
        map.insert(
            "realIntentLevelName".into(),
            json!(call.real_intent.unwrap_or(call.intent).tag_name()),
        );
        map.insert("intentLevelTagId".into(), json!(call.flow().tag_set));
    }
}

/// An item of `getCallRecordInfoList`.
pub fn call_item(ctx: &Ctx, call: &Call, family: Family) -> Value {
    let job = ctx.ds.job_of(call);
    let mut v = json!({
        "callRecordId": call.id,
        "tenantId": TENANT_ID,
        "robotCallJobId": job.id,
        "dialogFlowId": call.dialog_flow_id(),
        "robotCallTaskId": call.task_id(),
        "customerPersonId": call.person_id(),
        "calledPhoneNumber": call.phone_text(),
        "phoneNumberId": job.phone_number_id,
        "resultStatus": call.result.name(),
        "intentLevel": call.intent.name(),
        "realIntentLevel": call.real_intent.map(IntentLevel::name),
        "customerConcern": call.concern_names(),
        "fullAudioUrl": audio_url(ctx, call, FULL_AUDIO),
        "customerAudioUrl": audio_url(ctx, call, CUSTOMER_AUDIO),
        "analysisBasis": analysis_basis(call),
        "startTime": time::second(call.start),
        "chatDuration": call.chat_duration,
        "chatRound": call.chat_round,
        "manualMarked": call.manual_marked,
        "readStatus": call.read.name(),
        "customerGroupName": call.group_name(),
        "robotCallJobName": job.name,
        "dialogFlowName": call.flow().name,
        "customerPersonInfo": null,
        "hangupBy": call.hangup_by.name(),
        "redialTimes": call.redial_times,
        "callDetailList": call_detail_list(ctx.ds, call),
    });
    if family == Family::CallRecord {
        add_tag_fields(&mut v, call);
    }
    v
}

/// The data of `callDetail`.
pub fn call_detail(ctx: &Ctx, call: &Call, family: Family) -> Value {
    let job = ctx.ds.job_of(call);
    let mut v = json!({
        "callRecordId": call.id,
        "customerAudioUrl": audio_url(ctx, call, CUSTOMER_AUDIO),
        "startTime": time::iso(call.start),
        "endTime": time::iso(call.end()),
        "chatRound": call.chat_round,
        "chatDuration": call.chat_duration,
        "customerPerson": customer_person(ctx.ds, call),
        "resultStatus": call.result.name(),
        "intentLevel": call.intent.name(),
        "realIntentLevel": call.real_intent.map(IntentLevel::name),
        "customerConcern": call.concern_names(),
        "fullAudioUrl": audio_url(ctx, call, FULL_AUDIO),
        "analysisBasis": analysis_basis(call),
        "callDetailList": call_detail_list(ctx.ds, call),
        "manualMarked": call.manual_marked,
        "robotCallJobId": job.id,
        "attributes": call_attributes(call),
        "readStatus": call.read.name(),
        "hangupBy": call.hangup_by.name(),
        "redialTimes": call.redial_times,
        "robotCallJobName": job.name,
        "dialogFlowName": call.flow().name,
        "customerGroupName": call.group_name(),
    });
    if family == Family::CallRecord {
        add_tag_fields(&mut v, call);
    }
    v
}

/// A page object: `{number, pageSize, totalElements, pages, content}`.
pub fn page(number: u64, size: u64, total: u64, pages: u64, content: Vec<Value>) -> Value {
    json!({
        "number": number,
        "pageSize": size,
        "totalElements": total,
        "pages": pages,
        "content": content,
    })
}
