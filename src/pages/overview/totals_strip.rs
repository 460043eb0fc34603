//! Today's totals next to yesterday's: calls made, answered, answer rate, leads, talk time.

use crate::api::time::date_text;
use crate::format;
use crate::i18n::Locale;
use crate::overview::snapshot::Snapshot;
use crate::overview::{DayTotals, SideBySide};
use crate::state::use_app;
use leptos::prelude::*;

/// Each figure's key (in the markup), its label, and how a day's totals show it.
type Figure = (&'static str, &'static str, fn(&DayTotals) -> String);

/// What the strip shows of a refresh: the totals, the jobs whose figures could not be had,
/// and the jobs listed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StripFigures {
    totals: SideBySide,
    failed: usize,
    jobs: usize,
}

impl StripFigures {
    /// The strip's figures of a refresh.
    pub fn of(snapshot: &Snapshot) -> StripFigures {
        StripFigures {
            totals: snapshot.totals(),
            failed: snapshot.failed(),
            jobs: snapshot.lines.len(),
        }
    }
}

#[component]
pub fn TotalsStrip(figures: StripFigures) -> impl IntoView {
    let app = use_app();
    let StripFigures {
        totals,
        failed,
        jobs,
    } = figures;
    let shown: [Figure; 5] = [
        ("calls", app.t("外呼", "Calls made"), |t| {
            t.calls.to_string()
        }),
        ("answered", app.t("接听", "Answered"), |t| {
            t.answered.to_string()
        }),
        ("answer-rate", app.t("接听率", "Answer rate"), |t| {
            format::percent(t.answer_rate())
        }),
        (
            "leads",
            app.t("意向客户（A+B）", "Leads (A+B)"),
            |t| {
                t.leads
                    .map_or_else(|| format::MISSING.into(), |leads| leads.to_string())
            },
        ),
        ("talk-time", app.t("通话时长", "Talk time"), |t| {
            format::duration(i64::try_from(t.talk_seconds).ok())
        }),
    ];
    let yesterday = app.t("昨日", "Yesterday");
    let scope = match app.locale() {
        Locale::ZhCn => format!(
            "{} · 运行中和等待中的 {} 个任务",
            date_text(totals.today.date),
            jobs
        ),
        Locale::En => format!(
            "{} · the {} running and waiting jobs",
            date_text(totals.today.date),
            jobs
        ),
    };
    let missing = (failed > 0).then(|| match app.locale() {
        Locale::ZhCn => format!("{failed} 个任务未能加载，未计入"),
        Locale::En => format!("{failed} jobs could not be loaded and are not counted"),
    });
    view! {
        <section class="tc-totals" aria-label=app.t("今日合计", "Today's totals")>
            <p class="tc-totals-scope">
                {scope}
                {missing.map(|text| view! { <span class="tc-totals-missing" role="status">{text}</span> })}
            </p>
            <div class="tc-kpis">
                {shown.into_iter().map(|(key, label, show)| view! {
                    <div class="tc-kpi" data-total=key>
                        <span class="tc-kpi-label">{label}</span>
                        <span class="tc-kpi-value tc-today">{show(&totals.today)}</span>
                        <span class="tc-kpi-before">
                            {yesterday} " " <span class="tc-yesterday">{show(&totals.yesterday)}</span>
                        </span>
                    </div>
                }).collect_view()}
            </div>
        </section>
    }
}
