//! The customer of a call: who they are, how far the follow-up has gone, their properties.
//! Every value is rendered as text; property values may be any JSON.

use crate::api::CustomerPerson;
use crate::components::facts::facts;
use crate::format;
use crate::i18n::Locale;
use crate::state::use_app;
use leptos::prelude::*;
use serde_json::Value;

/// A gender code as a word; an unknown code as it was sent.
pub fn gender_text(code: Option<&str>, locale: Locale) -> String {
    let code = code.map(str::trim).unwrap_or("");
    match code.to_ascii_uppercase().as_str() {
        "" => format::MISSING.to_string(),
        "MALE" => locale.pick("男", "Male").to_string(),
        "FEMALE" => locale.pick("女", "Female").to_string(),
        "UNKNOWN" => locale.pick("未知", "Unknown").to_string(),
        _ => code.to_string(),
    }
}

/// Where a customer came from; the documented code as a phrase, others as sent.
pub fn source_text(code: Option<&str>, locale: Locale) -> String {
    let code = code.map(str::trim).unwrap_or("");
    match code {
        "" => format::MISSING.to_string(),
        "UPLOADED_BY_YOURSELF" => locale.pick("自行上传", "Uploaded by you").to_string(),
        _ => code.to_string(),
    }
}

fn text_or_missing(text: Option<&str>) -> String {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| format::MISSING.to_string(), str::to_string)
}

/// One extra attribute as text: `{"name": n, "value": v}` as `n：v`, anything else as
/// [`format::json_text`] gives it.
pub fn attribute_text(value: &Value) -> String {
    match (value.get("name"), value.get("value")) {
        (Some(Value::String(name)), Some(inner)) if !name.trim().is_empty() => {
            format!("{}：{}", name.trim(), format::json_text(inner))
        }
        _ => format::json_text(value),
    }
}

/// Extra attributes (a list of any JSON) as chips.
pub fn attribute_chips(attributes: &[Value]) -> impl IntoView {
    attributes
        .iter()
        .map(|value| view! { <span class="tc-chip tc-attribute">{attribute_text(value)}</span> })
        .collect_view()
}

#[component]
pub fn CustomerCard(person: Option<CustomerPerson>, mask: bool) -> impl IntoView {
    let app = use_app();
    let locale = app.locale();
    let Some(person) = person else {
        return view! {
            <section class="tc-customer tc-card">
                <h2>{app.t("客户", "Customer")}</h2>
                <p class="tc-hint">{app.t("没有客户信息", "No customer details")}</p>
            </section>
        }
        .into_any();
    };
    let group = person
        .customer_group_name
        .clone()
        .filter(|g| !g.trim().is_empty())
        .or_else(|| person.customer_group_id.map(|id| format!("#{id}")))
        .unwrap_or_else(|| format::MISSING.to_string());
    let rows: Vec<(&str, String)> = vec![
        (
            app.t("姓名", "Name"),
            text_or_missing(person.name.as_deref()),
        ),
        (
            app.t("电话", "Phone"),
            format::display_phone(person.phone_number.as_deref().unwrap_or(""), mask),
        ),
        (
            app.t("性别", "Gender"),
            gender_text(person.gender.as_deref(), locale),
        ),
        (
            app.t("来源", "Source"),
            source_text(person.source.as_deref(), locale),
        ),
        (app.t("客户分组", "Group"), group),
        (
            app.t("跟进状态", "Follow-up"),
            format::value_label(person.follow_status.as_ref(), locale),
        ),
        (
            app.t("最近意向", "Last intent"),
            format::value_label(person.last_intent_level.as_ref(), locale),
        ),
        (
            app.t("最近拨打结果", "Last dial result"),
            format::value_label(person.last_dial_status.as_ref(), locale),
        ),
        (
            app.t("最近拨打时间", "Last called"),
            format::date_time(person.last_start_time.as_ref()),
        ),
        (
            app.t("创建时间", "Added"),
            format::date_time(person.creation_time.as_ref()),
        ),
    ];
    let properties = person.properties.clone();
    let attributes = person.attributes.clone();
    view! {
        <section class="tc-customer tc-card">
            <h2>{app.t("客户", "Customer")}</h2>
            {facts("tc-customer-facts", rows)}
            {(!properties.is_empty()).then(|| view! {
                <h3 class="tc-subtitle">{app.t("客户属性", "Properties")}</h3>
                <table class="tc-table tc-properties">
                    <tbody>
                        {properties.into_iter().map(|(key, value)| view! {
                            <tr><th scope="row">{key}</th><td>{format::json_text(&value)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(!attributes.is_empty()).then(|| view! {
                <h3 class="tc-subtitle">{app.t("客户标签", "Attributes")}</h3>
                <p class="tc-attributes">{attribute_chips(&attributes)}</p>
            })}
        </section>
    }
    .into_any()
}
