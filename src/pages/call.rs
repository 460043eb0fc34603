//! `/calls/:id`: one call: what happened, both recordings, the transcript, the customer and
//! why the intent level was given; previous and next within the list it was opened from.

use crate::api::{client, CallDetail};
use crate::components::audio_player::{load_rate, RateSelect, RecordingPlayer};
use crate::components::badge::{call_result_badge, intent_badge};
use crate::components::call_nav::CallNav;
use crate::components::customer_card::{attribute_chips, CustomerCard};
use crate::components::facts::facts;
use crate::components::remote_view::RemoteView;
use crate::components::route_id::{IdOf, RouteId};
use crate::components::transcript::Transcript;
use crate::format;
use crate::hooks::{use_remote, RemoteData};
use crate::perf;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn CallPage() -> impl IntoView {
    let app = use_app();
    // One view from call to call (previous/next): it follows the id.
    view! {
        <section class="tc-page tc-call">
            <RouteId title=app.t("通话详情", "Call") of=IdOf::Call let:id>
                <CallView id/>
            </RouteId>
        </section>
    }
}

#[component]
fn CallView(id: Signal<i64>) -> impl IntoView {
    let app = use_app();
    let detail = use_remote(
        move || id.get(),
        |config, id| client::get_call_detail(&config, id),
    );
    // The benchmark's mark (only a build with the feature bench sets it): the call painted.
    perf::mark_when_painted(perf::CALL_PAINTED, move || {
        detail.with(|d| matches!(d, RemoteData::Loaded(_)))
    });
    let rate = RwSignal::new(load_rate());
    Effect::new(move |_| {
        let ids = detail.with(|call| call.data().map(|c| (c.id, c.robot_call_job_id)));
        if let Some((Some(call), Some(job))) = ids {
            app.call_job.set(Some((call, job)));
        }
    });
    let mask = app.config_untracked().mask_phone_numbers;
    // Previous/next keep this view and change the id.
    let title = Signal::derive(move || format!("{} #{}", app.t("通话", "Call"), id.get()));
    view! {
        <CallNav current=id/>
        <RemoteView remote=detail title let:call>
            <CallDetailView call=(*call).clone() mask rate/>
        </RemoteView>
    }
}

fn or_missing(text: Option<&str>) -> String {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| format::MISSING.to_string(), str::to_string)
}

#[component]
fn CallDetailView(call: CallDetail, mask: bool, rate: RwSignal<f64>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let phone_raw = call
        .called_phone_number
        .clone()
        .filter(|p| !p.trim().is_empty())
        .or_else(|| {
            call.customer_person
                .as_ref()
                .and_then(|c| c.phone_number.clone())
        });
    let phone = format::display_phone(phone_raw.as_deref().unwrap_or(""), mask);
    let title = match call.id {
        Some(id) => format!("{} #{id}", app.t("通话", "Call")),
        None => app.t("通话", "Call").to_string(),
    };
    let job_link = call.robot_call_job_id.map(|job_id| {
        let name = call
            .robot_call_job_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .map(|n| format!("#{job_id} {n}"))
            .unwrap_or_else(|| format!("#{job_id}"));
        view! { <a href=app.href(&format!("/jobs/{job_id}")) class="tc-call-job-link">{name}</a> }
    });
    let real_intent = format::intent_text(
        call.real_intent_level.as_ref(),
        call.real_intent_level_name.as_deref(),
        locale,
    );
    let rows: Vec<(&str, AnyView)> = vec![
        (
            app.t("通话结果", "Result"),
            call_result_badge(call.result_status.as_ref(), locale),
        ),
        (
            app.t("意向等级", "Intent level"),
            intent_badge(
                call.intent_level.as_ref(),
                call.intent_level_name.as_deref(),
                locale,
            ),
        ),
        (app.t("真实意向", "Reviewed intent"), real_intent.into_any()),
        (
            app.t("开始时间", "Started"),
            format::date_time(call.start_time.as_ref()).into_any(),
        ),
        (
            app.t("结束时间", "Ended"),
            format::date_time(call.end_time.as_ref()).into_any(),
        ),
        (
            app.t("通话时长", "Duration"),
            format::duration(call.chat_duration).into_any(),
        ),
        (
            app.t("通话轮次", "Rounds"),
            format::count(call.chat_round).into_any(),
        ),
        (
            app.t("挂断方", "Hung up by"),
            or_missing(call.hangup_by.as_ref().map(|h| h.label(locale)).as_deref()).into_any(),
        ),
        (
            app.t("话术", "Dialog flow"),
            or_missing(call.dialog_flow_name.as_deref()).into_any(),
        ),
        (
            app.t("所属任务", "Job"),
            match job_link {
                Some(link) => link.into_any(),
                None => format::MISSING.into_any(),
            },
        ),
    ];
    let concerns = format::concerns_text(&call.customer_concern, locale);
    let analysis = or_missing(call.analysis_basis.as_deref());
    let attributes = call.attributes.clone();
    view! {
        <header class="tc-call-header tc-card">
            <h1>
                <span class="tc-call-title">{title}</span>
                " "
                <span class="tc-call-phone">{phone}</span>
            </h1>
            {facts("tc-call-facts", rows)}
        </header>
        <section class="tc-recordings tc-card">
            <div class="tc-recordings-header">
                <h2>{app.t("录音", "Recordings")}</h2>
                <RateSelect rate/>
            </div>
            <div class="tc-recordings-grid">
                <RecordingPlayer title=app.t("完整通话", "Whole call") url=call.full_audio_url.clone()
                    rate=rate class="tc-recording-full"/>
                <RecordingPlayer title=app.t("客户音轨", "Customer track") url=call.customer_audio_url.clone()
                    rate=rate class="tc-recording-customer"/>
            </div>
        </section>
        <div class="tc-call-grid">
            <Transcript turns=call.transcript/>
            <aside class="tc-call-side">
                <CustomerCard person=call.customer_person mask/>
                <section class="tc-analysis tc-card">
                    <h2>{app.t("分析依据", "Analysis basis")}</h2>
                    <p class="tc-analysis-text">{analysis}</p>
                    <h3 class="tc-subtitle">{app.t("客户关注点", "Concerns")}</h3>
                    <p class="tc-call-concerns">{concerns}</p>
                    {(!attributes.is_empty()).then(|| view! {
                        <h3 class="tc-subtitle">{app.t("通话参数", "Call attributes")}</h3>
                        <p class="tc-attributes">{attribute_chips(&attributes)}</p>
                    })}
                </section>
            </aside>
        </div>
    }
}
