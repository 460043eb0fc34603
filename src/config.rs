//! Runtime configuration: `config.json`, then per-browser overrides, then defaults.
//!
//! Everything here is pure so it tests on the host; fetching the file happens in
//! `crate::boot`, keeping the overrides in `crate::state::storage`.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// Page sizes a user can pick; the API allows at most 100.
pub const PAGE_SIZES: [u32; 4] = [10, 20, 50, 100];

/// The page sizes a list offers: the usual ones, plus the size in effect when the URL or
/// config.json asks for another (25, say), so the menu shows what the table holds.
pub fn page_size_choices(now: u32) -> Vec<u32> {
    let mut sizes = PAGE_SIZES.to_vec();
    if !sizes.contains(&now) {
        sizes.push(now);
        sizes.sort_unstable();
    }
    sizes
}

/// Which family of call-record endpoints the deployment uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallRecordApi {
    /// `/apiOpen/v1/callRecord/...` (the later family: more fields, pageSize at most 100).
    #[default]
    #[serde(rename = "callRecord")]
    CallRecord,
    /// `/apiOpen/v1/task/...` (the original family).
    #[serde(rename = "task")]
    Task,
}

impl CallRecordApi {
    pub fn code(self) -> &'static str {
        match self {
            CallRecordApi::CallRecord => "callRecord",
            CallRecordApi::Task => "task",
        }
    }

    pub fn from_code(code: &str) -> Option<CallRecordApi> {
        match code {
            "callRecord" => Some(CallRecordApi::CallRecord),
            "task" => Some(CallRecordApi::Task),
            _ => None,
        }
    }
}

/// The configuration in effect.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Where the signing proxy lives, without a trailing slash; `""` is the console's own origin.
    pub api_base_url: String,
    pub call_record_api: CallRecordApi,
    pub mask_phone_numbers: bool,
    pub locale: Locale,
    pub page_size: u32,
    /// Seconds between refreshes of a live page (a running job's); 0 turns refresh off.
    pub refresh_seconds: u32,
}

/// The longest refresh interval `refreshSeconds` (and `?refresh=`) accept: an hour.
pub const MAX_REFRESH_SECONDS: u32 = 3600;

/// The refresh interval a wallboard's URL asks for (`?refresh=N`, N a whole number from 0 to
/// 3600); anything else in the query, or a bad N, is no request (ignored, not an error).
pub fn refresh_from_query(search: &str) -> Option<u32> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("refresh="))
        .filter(|n| !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| *n <= MAX_REFRESH_SECONDS)
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base_url: String::new(),
            call_record_api: CallRecordApi::CallRecord,
            mask_phone_numbers: true,
            locale: Locale::ZhCn,
            page_size: 20,
            refresh_seconds: 30,
        }
    }
}

/// One configuration key, named as in `config.json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    ApiBaseUrl,
    CallRecordApi,
    MaskPhoneNumbers,
    Locale,
    PageSize,
    RefreshSeconds,
}

impl Key {
    pub const ALL: [Key; 6] = [
        Key::ApiBaseUrl,
        Key::CallRecordApi,
        Key::MaskPhoneNumbers,
        Key::Locale,
        Key::PageSize,
        Key::RefreshSeconds,
    ];

    /// The key's name in `config.json`.
    pub fn name(self) -> &'static str {
        match self {
            Key::ApiBaseUrl => "apiBaseUrl",
            Key::CallRecordApi => "callRecordApi",
            Key::MaskPhoneNumbers => "maskPhoneNumbers",
            Key::Locale => "locale",
            Key::PageSize => "pageSize",
            Key::RefreshSeconds => "refreshSeconds",
        }
    }

    fn from_name(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What a valid value looks like, for error messages.
    fn expected(self, locale: Locale) -> &'static str {
        match self {
            Key::ApiBaseUrl => locale.pick(
                "以 http:// 或 https:// 开头的地址（不含查询和片段），或空字符串表示与控制台同源",
                "an address starting with http:// or https:// (no query or fragment), or \"\" for the console's own origin",
            ),
            Key::CallRecordApi => locale.pick("\"callRecord\" 或 \"task\"", "\"callRecord\" or \"task\""),
            Key::MaskPhoneNumbers => locale.pick("true 或 false", "true or false"),
            Key::Locale => locale.pick("\"zh-CN\" 或 \"en\"", "\"zh-CN\" or \"en\""),
            Key::PageSize => locale.pick("1 到 100 的整数", "a whole number from 1 to 100"),
            Key::RefreshSeconds => locale.pick(
                "0 到 3600 的整数（秒，0 表示不自动刷新）",
                "a whole number of seconds from 0 to 3600 (0: no automatic refresh)",
            ),
        }
    }
}

/// One layer of settings (the file, or the overrides): each key present or not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layer {
    pub api_base_url: Option<String>,
    pub call_record_api: Option<CallRecordApi>,
    pub mask_phone_numbers: Option<bool>,
    pub locale: Option<Locale>,
    pub page_size: Option<u32>,
    pub refresh_seconds: Option<u32>,
}

/// Where a layer came from, so errors can say which one to fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    File,
    Override,
}

/// Where the value in effect for a key came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    File,
    Override,
    Default,
    /// The page's address (`?refresh=N`), for this page load only.
    Url,
}

impl Source {
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Source::File => locale.pick("config.json", "config.json"),
            Source::Override => locale.pick("本浏览器设置", "this browser"),
            Source::Default => locale.pick("默认值", "default"),
            Source::Url => locale.pick("地址栏 ?refresh=", "the address (?refresh=)"),
        }
    }
}

/// Why the configuration cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigError {
    /// `config.json` could not be fetched (network error or HTTP status).
    Unreachable { url: String, detail: String },
    /// The text is not JSON, or not a JSON object.
    NotAnObject { origin: Origin, detail: String },
    /// A known key has a value of the wrong kind.
    BadValue {
        origin: Origin,
        key: Key,
        value: String,
    },
}

impl ConfigError {
    pub fn origin(&self) -> Origin {
        match self {
            ConfigError::Unreachable { .. } => Origin::File,
            ConfigError::NotAnObject { origin, .. } | ConfigError::BadValue { origin, .. } => {
                *origin
            }
        }
    }

    /// What is wrong, in the user's language.
    pub fn message(&self, locale: Locale) -> String {
        let place = |origin: Origin| match origin {
            Origin::File => "config.json",
            Origin::Override => {
                locale.pick("本浏览器保存的设置", "the settings saved in this browser")
            }
        };
        match self {
            ConfigError::Unreachable { url, detail } => match locale {
                Locale::ZhCn => format!("无法读取配置文件 {url}：{detail}"),
                Locale::En => format!("Cannot load the configuration file {url}: {detail}"),
            },
            ConfigError::NotAnObject { origin, detail } => match locale {
                Locale::ZhCn => format!("{} 不是有效的 JSON 对象：{detail}", place(*origin)),
                Locale::En => format!("{} is not a valid JSON object: {detail}", place(*origin)),
            },
            ConfigError::BadValue { origin, key, value } => match locale {
                Locale::ZhCn => format!(
                    "{} 中 {} 的值 {value} 无效，应为{}",
                    place(*origin),
                    key.name(),
                    key.expected(locale)
                ),
                Locale::En => format!(
                    "In {}, {} is {value}, which is not valid: expected {}",
                    place(*origin),
                    key.name(),
                    key.expected(locale)
                ),
            },
        }
    }

    /// How to fix it, in the user's language.
    pub fn remedy(&self, locale: Locale) -> &'static str {
        match self.origin() {
            Origin::File => locale.pick(
                "请部署人员检查与 index.html 同目录的 config.json（键：apiBaseUrl、callRecordApi、maskPhoneNumbers、locale、pageSize、refreshSeconds），修改后刷新页面。",
                "Ask whoever deployed the console to check config.json next to index.html (keys: apiBaseUrl, callRecordApi, maskPhoneNumbers, locale, pageSize, refreshSeconds), then reload.",
            ),
            Origin::Override => locale.pick(
                "可以清除本浏览器保存的设置，恢复为 config.json 的配置。",
                "You can clear the settings saved in this browser and go back to config.json.",
            ),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Locale::En))
    }
}

/// Checks an API base URL: `""`, or `http(s)://host[:port][/path]`. Returns it without a
/// trailing slash.
pub fn validate_base_url(raw: &str) -> Option<String> {
    let url = raw.trim();
    if url.is_empty() {
        return Some(String::new());
    }
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '\\');
    if host.is_empty() || host.contains('@') || url.chars().any(bad_char) {
        return None;
    }
    Some(url.trim_end_matches('/').to_string())
}

fn parse_value(
    origin: Origin,
    key: Key,
    value: &Value,
    layer: &mut Layer,
) -> Result<(), ConfigError> {
    let bad = || ConfigError::BadValue {
        origin,
        key,
        value: value.to_string(),
    };
    match key {
        Key::ApiBaseUrl => {
            let url = value.as_str().and_then(validate_base_url).ok_or_else(bad)?;
            layer.api_base_url = Some(url);
        }
        Key::CallRecordApi => {
            layer.call_record_api = Some(
                value
                    .as_str()
                    .and_then(CallRecordApi::from_code)
                    .ok_or_else(bad)?,
            );
        }
        Key::MaskPhoneNumbers => layer.mask_phone_numbers = Some(value.as_bool().ok_or_else(bad)?),
        Key::Locale => {
            layer.locale = Some(value.as_str().and_then(Locale::from_code).ok_or_else(bad)?)
        }
        Key::PageSize => {
            let size = value
                .as_u64()
                .filter(|n| (1..=100).contains(n))
                .ok_or_else(bad)?;
            layer.page_size = Some(size as u32);
        }
        Key::RefreshSeconds => {
            let seconds = value
                .as_u64()
                .filter(|n| *n <= u64::from(MAX_REFRESH_SECONDS))
                .ok_or_else(bad)?;
            layer.refresh_seconds = Some(seconds as u32);
        }
    }
    Ok(())
}

impl Layer {
    /// Parses a layer from JSON text. Unknown keys are ignored; `null` means "not set".
    pub fn parse(origin: Origin, text: &str) -> Result<Layer, ConfigError> {
        let value: Value = serde_json::from_str(text).map_err(|e| ConfigError::NotAnObject {
            origin,
            detail: e.to_string(),
        })?;
        let Value::Object(map) = value else {
            return Err(ConfigError::NotAnObject {
                origin,
                detail: short(&value.to_string()),
            });
        };
        let mut layer = Layer::default();
        for (name, value) in &map {
            if let (Some(key), false) = (Key::from_name(name), value.is_null()) {
                parse_value(origin, key, value, &mut layer)?;
            }
        }
        Ok(layer)
    }

    /// Sets one key from the text a user typed or picked; `None` clears it.
    pub fn set(&mut self, key: Key, value: Option<&Value>) -> Result<(), ConfigError> {
        match value {
            Some(value) => parse_value(Origin::Override, key, value, self),
            None => {
                match key {
                    Key::ApiBaseUrl => self.api_base_url = None,
                    Key::CallRecordApi => self.call_record_api = None,
                    Key::MaskPhoneNumbers => self.mask_phone_numbers = None,
                    Key::Locale => self.locale = None,
                    Key::PageSize => self.page_size = None,
                    Key::RefreshSeconds => self.refresh_seconds = None,
                }
                Ok(())
            }
        }
    }

    pub fn has(&self, key: Key) -> bool {
        match key {
            Key::ApiBaseUrl => self.api_base_url.is_some(),
            Key::CallRecordApi => self.call_record_api.is_some(),
            Key::MaskPhoneNumbers => self.mask_phone_numbers.is_some(),
            Key::Locale => self.locale.is_some(),
            Key::PageSize => self.page_size.is_some(),
            Key::RefreshSeconds => self.refresh_seconds.is_some(),
        }
    }

    pub fn is_empty(&self) -> bool {
        Key::ALL.iter().all(|k| !self.has(*k))
    }

    /// The layer as a JSON object, for localStorage.
    pub fn to_json(&self) -> String {
        let mut map = Map::new();
        if let Some(v) = &self.api_base_url {
            map.insert(Key::ApiBaseUrl.name().into(), Value::from(v.as_str()));
        }
        if let Some(v) = self.call_record_api {
            map.insert(Key::CallRecordApi.name().into(), Value::from(v.code()));
        }
        if let Some(v) = self.mask_phone_numbers {
            map.insert(Key::MaskPhoneNumbers.name().into(), Value::from(v));
        }
        if let Some(v) = self.locale {
            map.insert(Key::Locale.name().into(), Value::from(v.code()));
        }
        if let Some(v) = self.page_size {
            map.insert(Key::PageSize.name().into(), Value::from(v));
        }
        if let Some(v) = self.refresh_seconds {
            map.insert(Key::RefreshSeconds.name().into(), Value::from(v));
        }
        Value::Object(map).to_string()
    }
}

fn short(text: &str) -> String {
    text.chars().take(80).collect()
}

/// The configuration in effect and where each value came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub config: Config,
    pub file: Layer,
    pub overrides: Layer,
    /// `?refresh=N` in the address the page was loaded with: wins over both layers.
    pub url_refresh: Option<u32>,
}

impl Resolved {
    /// Overrides win over the file, the file over defaults.
    pub fn new(file: Layer, overrides: Layer) -> Resolved {
        let d = Config::default();
        let config = Config {
            api_base_url: overrides
                .api_base_url
                .clone()
                .or_else(|| file.api_base_url.clone())
                .unwrap_or(d.api_base_url),
            call_record_api: overrides
                .call_record_api
                .or(file.call_record_api)
                .unwrap_or(d.call_record_api),
            mask_phone_numbers: overrides
                .mask_phone_numbers
                .or(file.mask_phone_numbers)
                .unwrap_or(d.mask_phone_numbers),
            locale: overrides.locale.or(file.locale).unwrap_or(d.locale),
            page_size: overrides
                .page_size
                .or(file.page_size)
                .unwrap_or(d.page_size),
            refresh_seconds: overrides
                .refresh_seconds
                .or(file.refresh_seconds)
                .unwrap_or(d.refresh_seconds),
        };
        Resolved {
            config,
            file,
            overrides,
            url_refresh: None,
        }
    }

    /// The same configuration with the page address's `?refresh=N` (if any) on top.
    pub fn with_url_refresh(mut self, url_refresh: Option<u32>) -> Resolved {
        self.url_refresh = url_refresh;
        if let Some(seconds) = url_refresh {
            self.config.refresh_seconds = seconds;
        }
        self
    }

    pub fn source(&self, key: Key) -> Source {
        if key == Key::RefreshSeconds && self.url_refresh.is_some() {
            Source::Url
        } else if self.overrides.has(key) {
            Source::Override
        } else if self.file.has(key) {
            Source::File
        } else {
            Source::Default
        }
    }

    /// The same file with other overrides.
    pub fn with_overrides(&self, overrides: Layer) -> Resolved {
        Resolved::new(self.file.clone(), overrides).with_url_refresh(self.url_refresh)
    }
}

/// Builds the configuration from the file's text and the stored overrides' text (if any).
pub fn resolve(file_text: &str, overrides_text: Option<&str>) -> Result<Resolved, ConfigError> {
    let file = Layer::parse(Origin::File, file_text)?;
    let overrides = match overrides_text {
        Some(text) => Layer::parse(Origin::Override, text)?,
        None => Layer::default(),
    };
    Ok(Resolved::new(file, overrides))
}
