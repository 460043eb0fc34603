//! Runtime configuration: parsing, defaults, validation and precedence (host).

use tanyi_console::config::{
    page_size_choices, refresh_from_query, resolve, validate_base_url, CallRecordApi, Config,
    ConfigError, Key, Layer, Origin, Resolved, Source,
};
use tanyi_console::i18n::Locale;

const SHIPPED: &str = include_str!("../public/config.json");

#[test]
fn the_shipped_config_json_is_valid_and_explicit_about_every_key() {
    let resolved = resolve(SHIPPED, None).expect("public/config.json parses");
    assert_eq!(
        resolved.config,
        Config {
            api_base_url: "http://127.0.0.1:8081".into(),
            call_record_api: CallRecordApi::CallRecord,
            mask_phone_numbers: true,
            locale: Locale::ZhCn,
            page_size: 20,
            refresh_seconds: 30,
        }
    );
    for key in Key::ALL {
        assert_eq!(resolved.source(key), Source::File, "{}", key.name());
    }
}

#[test]
fn missing_keys_take_defaults_and_unknown_keys_are_ignored() {
    let resolved = resolve(
        r#"{"locale": "en", "theme": "dark", "nested": {"a": 1}}"#,
        None,
    )
    .unwrap();
    assert_eq!(resolved.config.locale, Locale::En);
    assert_eq!(resolved.config.api_base_url, "", "empty means same origin");
    assert_eq!(resolved.config.call_record_api, CallRecordApi::CallRecord);
    assert!(
        resolved.config.mask_phone_numbers,
        "phones are masked by default"
    );
    assert_eq!(resolved.config.page_size, 20);
    assert_eq!(resolved.source(Key::Locale), Source::File);
    assert_eq!(resolved.source(Key::PageSize), Source::Default);
}

#[test]
fn null_counts_as_not_set() {
    let resolved = resolve(r#"{"pageSize": null, "apiBaseUrl": null}"#, None).unwrap();
    assert_eq!(resolved.config.page_size, 20);
    assert_eq!(resolved.source(Key::ApiBaseUrl), Source::Default);
}

#[test]
fn overrides_win_over_the_file_and_the_file_over_defaults() {
    let file = r#"{"apiBaseUrl": "https://proxy.example.com/", "pageSize": 50, "locale": "zh-CN"}"#;
    let overrides = r#"{"pageSize": 100, "maskPhoneNumbers": false}"#;
    let resolved = resolve(file, Some(overrides)).unwrap();
    assert_eq!(resolved.config.page_size, 100);
    assert!(!resolved.config.mask_phone_numbers);
    assert_eq!(
        resolved.config.api_base_url, "https://proxy.example.com",
        "trailing slash dropped"
    );
    assert_eq!(resolved.source(Key::PageSize), Source::Override);
    assert_eq!(resolved.source(Key::MaskPhoneNumbers), Source::Override);
    assert_eq!(resolved.source(Key::ApiBaseUrl), Source::File);
    assert_eq!(resolved.source(Key::CallRecordApi), Source::Default);
}

#[test]
fn clearing_overrides_goes_back_to_the_file() {
    let resolved = resolve(r#"{"pageSize": 50}"#, Some(r#"{"pageSize": 10}"#)).unwrap();
    assert_eq!(resolved.config.page_size, 10);
    let reset = resolved.with_overrides(Layer::default());
    assert_eq!(reset.config.page_size, 50);
    assert_eq!(reset.source(Key::PageSize), Source::File);
}

#[test]
fn overrides_survive_a_round_trip_through_storage_text() {
    let mut layer = Layer::default();
    layer
        .set(Key::ApiBaseUrl, Some(&"http://10.0.0.5:8081".into()))
        .unwrap();
    layer.set(Key::CallRecordApi, Some(&"task".into())).unwrap();
    layer
        .set(Key::MaskPhoneNumbers, Some(&false.into()))
        .unwrap();
    layer.set(Key::Locale, Some(&"en".into())).unwrap();
    layer.set(Key::PageSize, Some(&50.into())).unwrap();
    let back = Layer::parse(Origin::Override, &layer.to_json()).unwrap();
    assert_eq!(back, layer);
    layer.set(Key::PageSize, None).unwrap();
    assert!(!layer.has(Key::PageSize));
    assert!(Layer::parse(Origin::Override, &Layer::default().to_json())
        .unwrap()
        .is_empty());
}

#[test]
fn base_urls_must_be_http_or_https_or_empty() {
    assert_eq!(validate_base_url("").as_deref(), Some(""));
    assert_eq!(
        validate_base_url("http://127.0.0.1:8081").as_deref(),
        Some("http://127.0.0.1:8081")
    );
    assert_eq!(
        validate_base_url(" https://a.example.com/proxy/ ").as_deref(),
        Some("https://a.example.com/proxy")
    );
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://example.com",
        "//example.com",
        "example.com",
        "http://",
        "https:///path",
        "http://exa mple.com",
        "http://user@example.com",
        "http://example.com/?q=1",
        "http://example.com/#x",
    ] {
        assert_eq!(validate_base_url(bad), None, "{bad} must be refused");
    }
}

#[test]
fn a_wrong_value_names_the_key_the_value_and_what_is_expected() {
    let err = resolve(r#"{"apiBaseUrl": "javascript:alert(1)"}"#, None).unwrap_err();
    assert_eq!(
        err,
        ConfigError::BadValue {
            origin: Origin::File,
            key: Key::ApiBaseUrl,
            value: "\"javascript:alert(1)\"".into()
        }
    );
    let zh = err.message(Locale::ZhCn);
    assert!(
        zh.contains("config.json") && zh.contains("apiBaseUrl") && zh.contains("http://"),
        "{zh}"
    );
    let en = err.message(Locale::En);
    assert!(en.contains("apiBaseUrl is \"javascript:alert(1)\""), "{en}");
    assert!(err
        .remedy(Locale::En)
        .contains("config.json next to index.html"));
}

#[test]
fn each_key_rejects_values_of_the_wrong_kind() {
    for (json, key) in [
        (r#"{"pageSize": 0}"#, Key::PageSize),
        (r#"{"pageSize": 101}"#, Key::PageSize),
        (r#"{"pageSize": "20"}"#, Key::PageSize),
        (r#"{"pageSize": 20.5}"#, Key::PageSize),
        (r#"{"refreshSeconds": -1}"#, Key::RefreshSeconds),
        (r#"{"refreshSeconds": 3601}"#, Key::RefreshSeconds),
        (r#"{"refreshSeconds": "30"}"#, Key::RefreshSeconds),
        (r#"{"refreshSeconds": 2.5}"#, Key::RefreshSeconds),
        (r#"{"refreshSeconds": true}"#, Key::RefreshSeconds),
        (r#"{"locale": "fr"}"#, Key::Locale),
        (r#"{"callRecordApi": "v2"}"#, Key::CallRecordApi),
        (r#"{"maskPhoneNumbers": "yes"}"#, Key::MaskPhoneNumbers),
        (r#"{"apiBaseUrl": 8081}"#, Key::ApiBaseUrl),
    ] {
        match resolve(json, None) {
            Err(ConfigError::BadValue {
                key: k,
                origin: Origin::File,
                ..
            }) => assert_eq!(k, key, "{json}"),
            other => panic!(
                "{json}: expected a bad value for {}, got {other:?}",
                key.name()
            ),
        }
    }
}

#[test]
fn text_that_is_not_a_json_object_is_refused_with_the_place_to_fix() {
    for text in [
        "",
        "{",
        "<html>502 Bad Gateway</html>",
        "[1,2]",
        "\"x\"",
        "null",
    ] {
        let err = resolve(text, None).unwrap_err();
        assert!(
            matches!(
                err,
                ConfigError::NotAnObject {
                    origin: Origin::File,
                    ..
                }
            ),
            "{text:?}: {err:?}"
        );
        assert!(err
            .message(Locale::ZhCn)
            .starts_with("config.json 不是有效的 JSON 对象"));
    }
}

#[test]
fn corrupt_stored_overrides_are_reported_as_the_browser_s_not_the_file_s() {
    let err = resolve("{}", Some("{not json")).unwrap_err();
    assert_eq!(err.origin(), Origin::Override);
    assert!(err
        .message(Locale::En)
        .starts_with("the settings saved in this browser"));
    assert!(err.remedy(Locale::ZhCn).contains("清除本浏览器保存的设置"));
}

#[test]
fn an_unreachable_file_says_where_it_looked() {
    let err = ConfigError::Unreachable {
        url: "https://ops.example.com/tanyi/config.json".into(),
        detail: "HTTP 404".into(),
    };
    assert_eq!(
        err.message(Locale::En),
        "Cannot load the configuration file https://ops.example.com/tanyi/config.json: HTTP 404"
    );
    assert_eq!(err.origin(), Origin::File);
}

#[test]
fn setting_an_invalid_override_leaves_the_layer_unchanged() {
    let mut layer = Layer::default();
    layer.set(Key::PageSize, Some(&20.into())).unwrap();
    assert!(layer.set(Key::PageSize, Some(&500.into())).is_err());
    assert_eq!(layer.page_size, Some(20));
    let resolved = Resolved::new(Layer::default(), layer);
    assert_eq!(resolved.config.page_size, 20);
}

#[test]
fn the_page_size_menu_offers_the_size_in_effect_even_when_unusual() {
    assert_eq!(page_size_choices(20), [10, 20, 50, 100]);
    // config.json may say 25: the menu must show 25 chosen, not fall back to 10.
    let resolved = resolve(r#"{"pageSize": 25}"#, None).expect("25 is allowed");
    assert_eq!(
        page_size_choices(resolved.config.page_size),
        [10, 20, 25, 50, 100]
    );
    assert_eq!(page_size_choices(1), [1, 10, 20, 50, 100]);
}

#[test]
fn refresh_seconds_defaults_to_30_and_0_turns_refresh_off() {
    let resolved = resolve("{}", None).unwrap();
    assert_eq!(resolved.config.refresh_seconds, 30);
    assert_eq!(resolved.source(Key::RefreshSeconds), Source::Default);
    let off = resolve(r#"{"refreshSeconds": 0}"#, None).unwrap();
    assert_eq!(off.config.refresh_seconds, 0);
    assert_eq!(off.source(Key::RefreshSeconds), Source::File);
    let hour = resolve(r#"{"refreshSeconds": 3600}"#, None).unwrap();
    assert_eq!(hour.config.refresh_seconds, 3600);
}

#[test]
fn a_bad_refresh_seconds_says_which_key_and_what_is_expected() {
    let error = resolve(r#"{"refreshSeconds": 5000}"#, None).unwrap_err();
    let message = error.message(Locale::En);
    assert!(
        message.contains("refreshSeconds") && message.contains("5000"),
        "{message}"
    );
    assert!(message.contains("0 to 3600"), "{message}");
    assert!(error.message(Locale::ZhCn).contains("0 到 3600"));
    assert!(error.remedy(Locale::En).contains("refreshSeconds"));
}

#[test]
fn the_settings_override_refresh_seconds_and_reset_goes_back_to_the_file() {
    let resolved = resolve(
        r#"{"refreshSeconds": 60}"#,
        Some(r#"{"refreshSeconds": 10}"#),
    )
    .unwrap();
    assert_eq!(resolved.config.refresh_seconds, 10);
    assert_eq!(resolved.source(Key::RefreshSeconds), Source::Override);
    let mut layer = resolved.overrides.clone();
    assert!(layer.set(Key::RefreshSeconds, Some(&4000.into())).is_err());
    assert_eq!(layer.refresh_seconds, Some(10));
    assert_eq!(layer.to_json(), r#"{"refreshSeconds":10}"#);
    layer.set(Key::RefreshSeconds, None).unwrap();
    let reset = resolved.with_overrides(layer);
    assert_eq!(reset.config.refresh_seconds, 60);
    assert_eq!(reset.source(Key::RefreshSeconds), Source::File);
}

#[test]
fn the_url_s_refresh_is_read_from_the_query_and_a_bad_one_is_ignored() {
    for (query, seconds) in [
        ("?refresh=1", 1),
        ("refresh=0", 0),
        ("?page=2&refresh=3600&x=1", 3600),
    ] {
        assert_eq!(refresh_from_query(query), Some(seconds), "{query}");
    }
    for bad in [
        "",
        "?",
        "?page=2",
        "?autorefresh=5",
        "?refresh=",
        "?refresh=-1",
        "?refresh=3601",
        "?refresh=abc",
        "?refresh=1.5",
        "?refresh=+5",
        "?refresh= 5",
        "?refresh=99999999999999999999",
    ] {
        assert_eq!(refresh_from_query(bad), None, "{bad}");
    }
}

#[test]
fn the_url_s_refresh_wins_over_settings_and_config_json_for_the_page_load() {
    let resolved = resolve(
        r#"{"refreshSeconds": 60}"#,
        Some(r#"{"refreshSeconds": 10}"#),
    )
    .unwrap()
    .with_url_refresh(Some(1));
    assert_eq!(resolved.config.refresh_seconds, 1);
    assert_eq!(resolved.source(Key::RefreshSeconds), Source::Url);
    // Changing other settings during the page load keeps the address's value.
    let mut layer = resolved.overrides.clone();
    layer.set(Key::PageSize, Some(&50.into())).unwrap();
    let changed = resolved.with_overrides(layer);
    assert_eq!(changed.config.refresh_seconds, 1);
    assert_eq!(changed.config.page_size, 50);
    // No `?refresh=` (or a bad one): the layers decide.
    let plain = resolve(r#"{"refreshSeconds": 60}"#, None)
        .unwrap()
        .with_url_refresh(refresh_from_query("?refresh=oops"));
    assert_eq!(plain.config.refresh_seconds, 60);
    assert_eq!(plain.source(Key::RefreshSeconds), Source::File);
}
