//! The open API's request signature (NOTES.md) and the check of a request's auth headers.

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};

use crate::Credentials;

/// How far a request's `timestamp` may be from the server's clock.
pub const MAX_SKEW_MS: u64 = 5 * 60 * 1000;

/// Lowercase hex SHA-256 of
/// `tenantSign + "appKey=" + appKey + "&appSecret=" + appSecret + "&tenantSign=" + tenantSign
///  + "&version=" + version + "&timestamp=" + timestamp`.
pub fn signature(
    app_key: &str,
    app_secret: &str,
    tenant_sign: &str,
    version: &str,
    timestamp: &str,
) -> String {
    let text = format!(
        "{tenant_sign}appKey={app_key}&appSecret={app_secret}&tenantSign={tenant_sign}&version={version}&timestamp={timestamp}"
    );
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Checks `appKey`, `version`, `timestamp` and `signature`; the error says which one failed.
pub fn check(headers: &HeaderMap, creds: &Credentials, now_ms: u64) -> Result<(), String> {
    let app_key = header(headers, "appKey").ok_or("认证失败: missing header appKey")?;
    if app_key != creds.app_key {
        return Err(format!("认证失败: unknown appKey {app_key:?}"));
    }
    let version = header(headers, "version").ok_or("认证失败: missing header version")?;
    // The only version the documents know; a proxy signing with another must be told.
    if version != "v1" {
        return Err(format!(
            "认证失败: unsupported version {version:?} (expected \"v1\")"
        ));
    }
    let timestamp = header(headers, "timestamp").ok_or("认证失败: missing header timestamp")?;
    let ts: u64 = timestamp.parse().map_err(|_| {
        format!("认证失败: timestamp must be milliseconds since the epoch, got {timestamp:?}")
    })?;
    if ts.abs_diff(now_ms) > MAX_SKEW_MS {
        return Err(format!(
            "认证失败: timestamp {ts} is more than 5 minutes off the server clock ({now_ms})"
        ));
    }
    let given = header(headers, "signature").ok_or("认证失败: missing header signature")?;
    let expected = signature(
        app_key,
        &creds.app_secret,
        &creds.tenant_sign,
        version,
        timestamp,
    );
    if given != expected {
        return Err("认证失败: signature does not match".into());
    }
    Ok(())
}

/// Milliseconds since the epoch now.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn notes_test_vector() {
        assert_eq!(
            signature("ak", "as", "ts", "v1", "1700000000000"),
            "8756edf603e8ab545fc0f5c4c1165e4837ab511829f0f4ec6f58372cbc5152a5"
        );
    }

    fn headers(pairs: &[(&'static str, String)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            if let Ok(v) = HeaderValue::from_str(v) {
                h.insert(*k, v);
            }
        }
        h
    }

    #[test]
    fn each_failure_says_why() {
        let creds = Credentials::default();
        let now = 1_700_000_000_000u64;
        let good = signature(
            &creds.app_key,
            &creds.app_secret,
            &creds.tenant_sign,
            "v1",
            &now.to_string(),
        );
        let base = vec![
            ("appkey", creds.app_key.clone()),
            ("version", "v1".to_string()),
            ("timestamp", now.to_string()),
            ("signature", good.clone()),
        ];
        assert_eq!(check(&headers(&base), &creds, now), Ok(()));
        let mut wrong_key = base.clone();
        wrong_key[0].1 = "other".into();
        assert!(check(&headers(&wrong_key), &creds, now).is_err_and(|m| m.contains("appKey")));
        let mut bad_sig = base.clone();
        bad_sig[3].1 = "00".into();
        assert!(check(&headers(&bad_sig), &creds, now).is_err_and(|m| m.contains("signature")));
        assert!(check(&headers(&base[..3]), &creds, now).is_err_and(|m| m.contains("signature")));
        assert!(check(&headers(&base), &creds, now + MAX_SKEW_MS + 1)
            .is_err_and(|m| m.contains("timestamp")));
        // Signed correctly, but for a version the API does not have.
        let v2 = signature(
            &creds.app_key,
            &creds.app_secret,
            &creds.tenant_sign,
            "v2",
            &now.to_string(),
        );
        let mut other_version = base.clone();
        other_version[1].1 = "v2".into();
        other_version[3].1 = v2;
        assert!(check(&headers(&other_version), &creds, now).is_err_and(|m| m.contains("version")));
    }
}
