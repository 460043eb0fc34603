//! An answer as the browser received it: status, body and the headers the console reads.
//! What only a header can tell (who is asking, when to ask again) is read here; the body
//! goes to [`super::envelope`].

use super::error::ApiError;
use super::session::Session;

/// How long to wait after a 429 whose `Retry-After` is missing or not a number of seconds.
pub const DEFAULT_RETRY_SECONDS: u32 = 2;
/// The shortest and longest waits after a 429, whatever `Retry-After` says.
pub const RETRY_SECONDS: std::ops::RangeInclusive<u32> = 1..=60;

/// One answer: its HTTP status, body text, and headers as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The body text.
    pub body: String,
    /// `X-Tanyi-Operator`.
    pub operator: Option<String>,
    /// `X-Tanyi-Role`.
    pub role: Option<String>,
    /// `Retry-After`.
    pub retry_after: Option<String>,
}

impl Reply {
    /// Who the proxy says is asking.
    pub fn session(&self) -> Session {
        Session::from_headers(self.operator.as_deref(), self.role.as_deref())
    }

    /// Decodes the body with `decode` (an envelope decoder), unless the status says "too many
    /// requests": that is [`ApiError::RateLimited`], whatever the body.
    pub fn decode<T>(
        &self,
        decode: impl FnOnce(u16, &str) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        if self.status == 429 {
            return Err(ApiError::RateLimited {
                seconds: retry_seconds(self.retry_after.as_deref()),
            });
        }
        decode(self.status, &self.body)
    }
}

/// The seconds to wait after a 429: `Retry-After` in whole seconds, kept within
/// [`RETRY_SECONDS`]; [`DEFAULT_RETRY_SECONDS`] when it is missing or not a number (an
/// HTTP date included).
pub fn retry_seconds(retry_after: Option<&str>) -> u32 {
    let Some(digits) = retry_after
        .map(str::trim)
        .filter(|text| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
    else {
        return DEFAULT_RETRY_SECONDS;
    };
    let (low, high) = (*RETRY_SECONDS.start(), *RETRY_SECONDS.end());
    // Too many digits for a u32 is still "longer than the longest wait".
    digits.parse::<u32>().unwrap_or(high).clamp(low, high)
}
