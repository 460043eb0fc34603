//! Decoding one page of 100 calls in the console's wasm, as it decodes a calls-list answer:
//! the page's JSON text (the answer the console got to its own request) handed to the bench
//! build's `decode_calls_page`, `rounds` times in one loaded page, each timed with
//! `performance.now()`. It separates what the decoder costs from the network and the DOM,
//! for comparing decoders (bench/README.md, "Candidates for a smaller wasm").

use crate::checked;
use crate::report::{median, ms, no_budget_line, spread};
use e2e::journey::StandIn;
use e2e::webdriver::Session;
use serde_json::json;

/// Decodes the text `rounds` times (after 3 unmeasured ones, which warm the code up): each
/// decode's ms and the calls it read.
const DECODE: &str = r#"
const [text, rounds] = arguments;
const done = arguments[arguments.length - 1];
const decode = window.wasmBindings && window.wasmBindings.decode_calls_page;
if (!decode) { done({ ok: false, text: 'no decode_calls_page: not the bench build' }); return; }
for (let i = 0; i < 3; i++) decode(text);
const samples = [];
let calls = 0;
for (let i = 0; i < rounds; i++) {
  const t0 = performance.now();
  calls = decode(text);
  samples.push(performance.now() - t0);
}
done({ ok: calls > 0, samples, calls });
"#;

/// Prints the decode section (the session holds a loaded console page) and returns its line.
pub fn run(session: &Session, stand_in: &StandIn, rounds: usize) -> Result<String, String> {
    let request = stand_in
        .last_calls_request()
        .ok_or("decode: the console has asked for no page of calls")?;
    let text = stand_in.answer_to(&request).to_string();
    let value = session.execute_async(DECODE, vec![json!(text), json!(rounds)])?;
    let value = checked("decoding a page of calls", value)?;
    let samples: Vec<f64> = value["samples"]
        .as_array()
        .map(|s| s.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    println!();
    println!(
        "decode: a page of {} calls, {:.1} KB of JSON, decoded by the console's wasm",
        value["calls"],
        text.len() as f64 / 1000.0
    );
    println!("   {}", spread(&samples));
    Ok(no_budget_line(
        "decode a page of 100 calls",
        &ms(median(&samples)),
    ))
}
