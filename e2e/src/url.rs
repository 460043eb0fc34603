//! URLs as the tests read and write them, with `form_urlencoded`'s percent-encoding.

/// The decoded `key=value` pairs of a URL's query string (nothing after `#`).
pub fn query_of(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    let query = query.split('#').next().unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// The value of `key` in a URL's query.
pub fn param(url: &str, key: &str) -> Option<String> {
    query_of(url)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// The path of a URL (no origin, no query, no fragment).
pub fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
    path.split(['?', '#']).next().unwrap_or("/").to_string()
}

/// `a=1&b=x+y`: a query string of these pairs.
pub fn query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_decode_and_encode() {
        let url = "http://127.0.0.1:8080/jobs/2/calls?result=ANSWERED%2CBUSY&q=a+b&from=&x#top";
        assert_eq!(path_of(url), "/jobs/2/calls");
        assert_eq!(param(url, "result").as_deref(), Some("ANSWERED,BUSY"));
        assert_eq!(param(url, "q").as_deref(), Some("a b"));
        assert_eq!(param(url, "from").as_deref(), Some(""));
        assert_eq!(param(url, "x").as_deref(), Some(""));
        assert_eq!(param(url, "top"), None);
        assert_eq!(query_of("http://h/jobs"), Vec::new());
        assert_eq!(path_of("http://h"), "/");
        let pairs = [("name", "探意 a&b"), ("pageNum", "1")];
        let encoded = query_string(&pairs);
        assert_eq!(
            query_of(&format!("/?{encoded}")),
            pairs.map(|(k, v)| (k.into(), v.into()))
        );
    }
}
