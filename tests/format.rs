//! Display formatting: durations, dates, percentages, counts, JSON values, phone masking.

use serde_json::json;
use tanyi_console::api::ApiDateTime;
use tanyi_console::format::{
    count, date_time, display_phone, duration, json_text, mask_phone, percent, MISSING,
};

#[test]
fn durations() {
    assert_eq!(duration(Some(93)), "1:33");
    assert_eq!(duration(Some(89659)), "24:54:19");
    assert_eq!(duration(Some(0)), "0:00");
    assert_eq!(duration(Some(59)), "0:59");
    assert_eq!(duration(Some(600)), "10:00");
    assert_eq!(duration(Some(3600)), "1:00:00");
    assert_eq!(duration(Some(3599)), "59:59");
    assert_eq!(duration(Some(-1)), MISSING);
    assert_eq!(duration(None), MISSING);
    assert_eq!(duration(Some(i64::MAX)).split(':').count(), 3);
}

fn shown(raw: &str) -> String {
    date_time(Some(&ApiDateTime::parse(raw)))
}

#[test]
fn dates_in_one_format() {
    assert_eq!(shown("2018-08-04 11:57:33"), "2018-08-04 11:57:33");
    assert_eq!(shown("2018-10-02T16:54:08"), "2018-10-02 16:54:08");
    assert_eq!(shown("2018-10-01 16:39"), "2018-10-01 16:39");
    assert_eq!(shown("2018-09-27"), "2018-09-27");
    assert_eq!(shown("2018-10-02T16:54:08.999"), "2018-10-02 16:54:08");
    assert_eq!(shown(" 2018-10-02 16:54:08 "), "2018-10-02 16:54:08");
    assert_eq!(
        shown("00:00:00"),
        "00:00:00",
        "unknown shapes are shown as sent"
    );
    assert_eq!(shown("   "), MISSING);
    assert_eq!(date_time(None), MISSING);
    assert_eq!(
        date_time(Some(&ApiDateTime::from_epoch_millis(1_538_470_448_000))),
        "2018-10-02 16:54:08"
    );
}

#[test]
fn percentages() {
    assert_eq!(percent(Some(9.47)), "9.47%");
    assert_eq!(percent(Some(2175.9)), "2175.90%");
    assert_eq!(percent(Some(0.0)), "0.00%");
    assert_eq!(percent(Some(11.9)), "11.90%");
    assert_eq!(percent(Some(-3.5)), "-3.50%");
    assert_eq!(percent(Some(f64::NAN)), MISSING);
    assert_eq!(percent(Some(f64::INFINITY)), MISSING);
    assert_eq!(percent(None), MISSING);
}

#[test]
fn counts_and_json_values() {
    assert_eq!(count(Some(3612)), "3612");
    assert_eq!(count(None), MISSING);
    assert_eq!(json_text(&json!("test")), "test");
    assert_eq!(json_text(&json!(30)), "30");
    assert_eq!(json_text(&json!(true)), "true");
    assert_eq!(json_text(&json!(null)), MISSING);
    assert_eq!(json_text(&json!(["a", 1])), r#"["a",1]"#);
    assert_eq!(json_text(&json!({"k": "v"})), r#"{"k":"v"}"#);
}

#[test]
fn mobile_numbers() {
    assert_eq!(mask_phone("18817501728"), "188****1728");
    assert_eq!(mask_phone("18673125007"), "186****5007");
    assert_eq!(mask_phone(" 188 1750 1728 "), "188****1728");
    assert_eq!(mask_phone("188-1750-1728"), "188****1728");
    assert_eq!(mask_phone("+8618817501728"), "+86 188****1728");
    assert_eq!(mask_phone("+86 188 1750 1728"), "+86 188****1728");
    assert_eq!(mask_phone("008618817501728"), "+86 188****1728");
    assert_eq!(mask_phone("0086-18817501728"), "+86 188****1728");
    assert_eq!(mask_phone("+1 415 555 2671"), "+141****2671");
}

#[test]
fn landlines() {
    assert_eq!(mask_phone("0571-88889999"), "0571-****9999");
    assert_eq!(mask_phone("010 12345678"), "010-****5678");
    assert_eq!(mask_phone("(0571)8888999"), "0571-****999");
    assert_eq!(mask_phone("0571-88889999-123"), "0571-*******9123");
    assert_eq!(mask_phone("057188889999"), "057*****9999");
    assert_eq!(mask_phone("+86 0571-88889999"), "+86 0571-****9999");
}

#[test]
fn short_and_odd_numbers_are_never_shown_whole() {
    assert_eq!(mask_phone("95588"), "****8");
    assert_eq!(mask_phone("10086"), "****6");
    assert_eq!(mask_phone("1234567"), "1****67");
    assert_eq!(mask_phone("12345678"), "12****78");
    assert_eq!(mask_phone("1234"), "****");
    assert_eq!(mask_phone("12"), "****");
    assert_eq!(mask_phone("7"), "****");
    assert_eq!(mask_phone("188175017281234"), "188********1234");
    assert_eq!(mask_phone("tel:18817501728"), "188****1728");
    assert_eq!(mask_phone("+"), "+", "no digits: nothing to hide");
    assert_eq!(mask_phone("未知"), "未知", "no digits: nothing to hide");
    assert_eq!(mask_phone(""), MISSING);
    assert_eq!(mask_phone("   "), MISSING);
    for raw in [
        "18817501728",
        "95588",
        "0571-88889999",
        "123",
        "+8613800138000",
        "1 2 3 4 5 6",
    ] {
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let masked_digits: String = mask_phone(raw)
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        // At least four digits (all of a shorter number) are hidden.
        let hidden = digits.len() - masked_digits.len();
        assert!(
            hidden >= digits.len().min(4),
            "{raw} -> {}",
            mask_phone(raw)
        );
        assert_ne!(masked_digits, digits, "{raw}");
        assert!(mask_phone(raw).contains("****"), "{raw}");
    }
}

#[test]
fn display_phone_follows_the_setting() {
    assert_eq!(display_phone("18817501728", true), "188****1728");
    assert_eq!(display_phone("18817501728", false), "18817501728");
    assert_eq!(display_phone(" 0571-88889999 ", false), "0571-88889999");
    assert_eq!(display_phone("", false), MISSING);
    assert_eq!(display_phone("", true), MISSING);
}

#[test]
fn a_number_masked_by_the_proxy_is_shown_as_sent() {
    assert_eq!(mask_phone("188****1728"), "188****1728");
    assert_eq!(mask_phone(" 188****1728 "), "188****1728");
    assert_eq!(mask_phone("+86 188****1728"), "+86 188****1728");
    assert_eq!(mask_phone("0571-****9999"), "0571-****9999");
    assert_eq!(display_phone("188****1728", true), "188****1728");
    assert_eq!(display_phone("188****1728", false), "188****1728");
    // Masking is idempotent: masking what it masked changes nothing.
    for raw in [
        "18817501728",
        "+8618817501728",
        "0571-88889999",
        "95588",
        "1234567",
    ] {
        let once = mask_phone(raw);
        assert_eq!(mask_phone(&once), once, "{raw}");
    }
}
