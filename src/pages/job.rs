//! `/jobs/:id`: one job's settings and statistics. A dial-result or intent-level bar opens
//! the job's calls filtered by it. A running job's page refreshes itself every
//! `refreshSeconds` (the figures on screen stay until the new ones arrive).

use crate::api::enums::{
    CallResult, DailySeriesKind, IntentLevel, JobStatus, SeriesUnit, WireEnum,
};
use crate::api::{client, CallQuery, JobDetail, JobInfo, JobStats, Tally};
use crate::components::badge::job_status_badge;
use crate::components::charts::{Bar, BarChart, LineChart, Point};
use crate::components::facts::facts;
use crate::components::refresh_control::RefreshControl;
use crate::components::remote_view::RemoteView;
use crate::components::route_id::{IdOf, RouteId};
use crate::format;
use crate::hooks::{use_refresh, use_remote_eq, RemoteData};
use crate::i18n::Locale;
use crate::pages::routes;
use crate::state::{use_app, AppState};
use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The calls page of `job_id` filtered to one result or one intent level.
fn filtered_calls(job_id: i64, page_size: u32, filter: impl FnOnce(&mut CallQuery)) -> String {
    let mut query = CallQuery::new(page_size);
    filter(&mut query);
    routes::calls_route(job_id, &query, page_size)
}

#[component]
pub fn JobPage() -> impl IntoView {
    let app = use_app();
    view! {
        <section class="tc-page tc-job">
            <RouteId title=app.t("任务", "Job") of=IdOf::Job let:id>
                {move || view! { <JobView id=id.get()/> }}
            </RouteId>
        </section>
    }
}

#[component]
fn JobView(id: i64) -> impl IntoView {
    let app = use_app();
    // Declared before the data it refreshes: the tick is part of the request's key.
    let live_seconds = RwSignal::new(0);
    let refresh = use_refresh(live_seconds.into());
    let detail = use_remote_eq(
        move || (id, refresh.tick()),
        |config, (id, _)| client::get_job_detail(&config, id),
    );
    // Only a running job changes; the countdown starts again from each answer. A failed
    // refresh of a running job tries again at the next tick (a wallboard mends itself).
    Effect::new(move |was_running: Option<bool>| {
        let running = detail.with(|d| match d {
            RemoteData::Loaded(job) => {
                job.job.as_ref().and_then(|j| j.status.as_ref()) == Some(&JobStatus::InProcess)
            }
            RemoteData::Failed(_) | RemoteData::Loading { .. } => was_running.unwrap_or(false),
        });
        let loading = detail.with(RemoteData::is_loading);
        let seconds = if running && !loading {
            app.config().refresh_seconds
        } else {
            0
        };
        live_seconds.set(seconds);
        running
    });
    let title = format!("{} #{id}", app.t("任务", "Job"));
    view! {
        <Show when=move || detail.with(|d| d.data().is_some())>
            <RefreshControl updated_at=Signal::derive(move || detail.updated_at())
                on_refresh=Callback::new(move |_: ()| refresh.now())
                loading=Signal::derive(move || detail.with(|d| d.is_loading()))/>
        </Show>
        <RemoteView remote=detail title let:job>
            {job_view(app, id, &job)}
        </RemoteView>
    }
}

fn job_view(app: AppState, id: i64, detail: &JobDetail) -> impl IntoView {
    let locale = app.locale();
    let info = detail.job.clone().unwrap_or_default();
    let name = info
        .name
        .clone()
        .unwrap_or_else(|| format!("{} #{id}", app.t("任务", "Job")));
    let stats = detail.stats.clone().unwrap_or_default();
    view! {
        <header class="tc-page-header">
            <h1>{name}</h1>
            {job_status_badge(info.status.as_ref(), locale)}
            <a href=app.href(&routes::job_calls(id, "")) class="tc-button tc-to-calls">
                {app.t("查看通话记录 →", "View calls →")}
            </a>
        </header>
        <Kpis stats=stats.clone() completed=detail.completed_task total=detail.task_call_total/>
        <div class="tc-job-grid">
            <JobSettings info detail=detail.clone()/>
            <div class="tc-job-charts">
                <ResultAndIntentCharts id stats=stats.clone()/>
                <BucketCharts stats=stats.clone()/>
            </div>
        </div>
        <DailyCharts stats=stats.clone()/>
        <section class="tc-card tc-concerns">
            <h2>{app.t("客户关注点", "Customer concerns")}</h2>
            {if stats.customer_concern.is_empty() {
                view! { <p class="tc-hint">{app.t("暂无", "None yet")}</p> }.into_any()
            } else {
                stats.customer_concern.iter().map(|c| view! { <span class="tc-chip">{c.clone()}</span> }).collect_view().into_any()
            }}
        </section>
    }
}

/// The headline figures. Completed and total calls come from the job itself when it has them
/// (the figures its progress is computed from, as on the jobs list); the statistics block
/// can disagree with them (the documented example does).
#[component]
fn Kpis(stats: JobStats, completed: Option<i64>, total: Option<i64>) -> impl IntoView {
    let app = use_app();
    let tiles = [
        (
            "progress",
            app.t("任务进度", "Progress"),
            format::percent(stats.task_progress),
        ),
        (
            "answered-rate",
            app.t("接听率", "Answer rate"),
            format::percent(stats.answered_rate),
        ),
        (
            "answered",
            app.t("已接听", "Answered"),
            format::count(stats.answered_task),
        ),
        (
            "completed",
            app.t("已完成", "Completed"),
            format::count(completed.or(stats.completed_task)),
        ),
        (
            "total",
            app.t("外呼总数", "Calls in all"),
            format::count(total.or(stats.task_call_total)),
        ),
        (
            "talk-time",
            app.t("通话总时长", "Total talk time"),
            format::duration(stats.chat_duration_total),
        ),
    ];
    view! {
        <div class="tc-kpis">
            {tiles.into_iter().map(|(key, label, value)| view! {
                <div class="tc-kpi" data-kpi=key>
                    <span class="tc-kpi-label">{label}</span>
                    <span class="tc-kpi-value">{value}</span>
                </div>
            }).collect_view()}
        </div>
    }
}

/// One bar per documented category, in documented order (a category the API left out
/// counts 0, so every chart of a kind has the same bars), then any unknown ones as sent.
fn bars<K: WireEnum + PartialEq>(tallies: &[Tally<K>], locale: Locale) -> Vec<Bar> {
    let bar = |key: &K, count: Option<i64>| Bar {
        key: key.code().to_string(),
        label: key.label(locale).into_owned(),
        value: count.unwrap_or(0) as f64,
        // The calls filter only takes documented values: an unknown one would open all calls.
        clickable: key.is_known(),
    };
    let count_of = |key: &K| tallies.iter().find(|t| t.key == *key).and_then(|t| t.count);
    K::all()
        .iter()
        .map(|key| bar(key, count_of(key)))
        .chain(
            tallies
                .iter()
                .filter(|t| !t.key.is_known())
                .map(|t| bar(&t.key, t.count)),
        )
        .collect()
}

fn whole(v: f64) -> String {
    format!("{v:.0}")
}

#[component]
fn ResultAndIntentCharts(id: i64, stats: JobStats) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let navigate = use_navigate();
    let page_size = app.config_untracked().page_size;
    let open_result = {
        let navigate = navigate.clone();
        Callback::new(move |code: String| {
            let result = CallResult::from_code(&code);
            navigate(
                &filtered_calls(id, page_size, |q| q.results = vec![result]),
                Default::default(),
            );
        })
    };
    let open_intent = Callback::new(move |code: String| {
        let level = IntentLevel::from_code(&code);
        navigate(
            &filtered_calls(id, page_size, |q| q.intents = vec![level]),
            Default::default(),
        );
    });
    view! {
        <BarChart title=app.t("通话结果", "Call results") bars=bars(&stats.dial_result, locale)
            on_bar=open_result format=whole/>
        <BarChart title=app.t("意向等级", "Intent levels") bars=bars(&stats.intent_level, locale)
            on_bar=open_intent format=whole/>
    }
}

#[component]
fn BucketCharts(stats: JobStats) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    view! {
        <BarChart title=app.t("通话轮次", "Chat rounds") bars=bars(&stats.chat_round, locale) format=whole/>
        <BarChart title=app.t("通话时长", "Chat duration") bars=bars(&stats.chat_duration, locale) format=whole/>
    }
}

/// The day number of a date (days from 0001-01-01; only the gaps between days count).
fn day_number(date: chrono::NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

fn unit_format(unit: SeriesUnit) -> fn(f64) -> String {
    match unit {
        SeriesUnit::Count => whole,
        SeriesUnit::Percent => |v| format::percent(Some(v)),
        SeriesUnit::Seconds => |v| format::duration(Some(v.round() as i64)),
    }
}

#[component]
fn DailyCharts(stats: JobStats) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    view! {
        <section class="tc-daily">
            <h2>{app.t("每日趋势", "Daily trends")}</h2>
            <div class="tc-daily-grid">
                {DailySeriesKind::ALL.into_iter().map(|kind| {
                    let mut points = stats
                        .series(kind)
                        .iter()
                        .filter_map(|p| Some(Point {
                            date: format::date_time(p.date.as_ref()),
                            day: p.date.as_ref().and_then(|d| d.date()).map(day_number),
                            value: p.value?,
                        }))
                        .collect::<Vec<_>>();
                    // The API does not promise date order; undated points keep theirs, last.
                    points.sort_by_key(|p| (p.day.is_none(), p.day));
                    view! {
                        <LineChart points title=kind.label(locale) format=unit_format(kind.unit())
                            empty_text=app.t("暂无数据", "No data yet")/>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

/// A calling window `09:00:00–18:00:00`, or — when neither end is known.
fn window(start: &Option<String>, end: &Option<String>) -> String {
    match (start, end) {
        (None, None) => format::MISSING.to_string(),
        _ => format!(
            "{} – {}",
            start.as_deref().unwrap_or(format::MISSING),
            end.as_deref().unwrap_or(format::MISSING)
        ),
    }
}

/// Alert levels are intent levels: `A` reads as 「A级(较强)」; an unknown one as it came.
fn intent_labels(codes: &[String], locale: Locale) -> Vec<String> {
    codes
        .iter()
        .map(|code| IntentLevel::from_code(code).label(locale).into_owned())
        .collect()
}

fn list_text(items: &[String]) -> String {
    if items.is_empty() {
        format::MISSING.to_string()
    } else {
        items.join("、")
    }
}

#[component]
fn JobSettings(info: JobInfo, detail: JobDetail) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| format::MISSING.to_string());
    let people = |users: &[serde_json::Value]| {
        if users.is_empty() {
            format::MISSING.to_string()
        } else {
            users
                .iter()
                .map(format::json_text)
                .collect::<Vec<_>>()
                .join("、")
        }
    };
    let rows: Vec<(&str, String)> = vec![
        (
            app.t("任务类型", "Mode"),
            format::value_label(info.mode.as_ref(), locale),
        ),
        (
            app.t("电话类型", "Phone type"),
            format::value_label(info.phone_type.as_ref(), locale),
        ),
        (
            app.t("号码数", "Numbers to call"),
            format::count(info.robot_count),
        ),
        (
            app.t("可拨打时间", "Daily calling window"),
            window(&info.daily_start_time, &info.daily_end_time),
        ),
        (
            app.t("暂停时间", "Daily pause"),
            window(&info.inactive_start_time, &info.inactive_end_time),
        ),
        (app.t("话术", "Dialog flow"), text(&detail.dialog_flow_name)),
        (
            app.t("短信模板", "SMS template"),
            text(&detail.sms_template_name),
        ),
        (
            app.t("微信提醒等级", "WeChat alert levels"),
            list_text(&intent_labels(&info.wechat_alert_level, locale)),
        ),
        (
            app.t("短信提醒等级", "SMS alert levels"),
            list_text(&intent_labels(&info.sms_alert_level, locale)),
        ),
        (
            app.t("提醒人员", "Alert recipients"),
            people(&info.alert_users),
        ),
        (
            app.t("预警人员", "Early-warning recipients"),
            people(&info.early_warning_alert_users),
        ),
        (
            app.t("创建人", "Creator"),
            text(&detail.created_by_user_name),
        ),
        (
            app.t("组织", "Organisation"),
            text(&detail.organization_name),
        ),
        (
            app.t("创建时间", "Created"),
            format::date_time(info.creation_time.as_ref()),
        ),
        (
            app.t("修改时间", "Modified"),
            format::date_time(info.last_modified_time.as_ref()),
        ),
        (
            app.t("开始时间", "Started"),
            format::date_time(info.start_time.as_ref()),
        ),
        (
            app.t("下次开始", "Next start"),
            format::date_time(info.next_start_time.as_ref()),
        ),
        (app.t("备注", "Description"), text(&info.description)),
    ];
    view! {
        <section class="tc-card tc-job-settings">
            <h2>{app.t("任务配置", "Settings")}</h2>
            {facts("", rows)}
        </section>
    }
}
