//! Recordings: 8 kHz mono 16-bit PCM WAV synthesised on the fly, one voiced tone per syllable.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Frame, SizeHint};

use crate::rng::mix;
use crate::transcript::{Speaker, Turn};

pub const SAMPLE_RATE: u32 = 8000;
pub const HEADER_LEN: u64 = 44;
const CHUNK: u64 = 16 * 1024;

/// Which recording: both sides, or the customer only (`customerAudioUrl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Full,
    Customer,
}

const TABLE_BITS: u32 = 12;
const TABLE_LEN: usize = 1 << TABLE_BITS;

/// sin(2πx) from a table: the synthesis needs speed, not precision.
fn sin_cycles(x: f64) -> f64 {
    static TABLE: OnceLock<Vec<f64>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..TABLE_LEN)
            .map(|i| (2.0 * std::f64::consts::PI * i as f64 / TABLE_LEN as f64).sin())
            .collect()
    });
    let frac = x - x.floor();
    table[(frac * TABLE_LEN as f64) as usize & (TABLE_LEN - 1)]
}

/// A stretch of speech: `pitches` syllables evenly over `[start, end)` samples; 0 = a pause.
#[derive(Clone, Debug)]
struct Segment {
    start: u64,
    end: u64,
    pitches: Vec<u16>,
    amplitude: f64,
}

/// Everything needed to compute any sample of a recording.
#[derive(Clone, Debug)]
pub struct Voice {
    samples: u64,
    segments: Vec<Segment>,
}

fn is_pause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '？' | '！' | '、' | '（' | '）' | ',' | '.' | '?' | '!' | ' ' | '(' | ')'
    )
}

impl Voice {
    /// A recording `duration_secs` long of the given turns.
    pub fn new(turns: &[Turn], duration_secs: u32, channel: Channel, seed: u64) -> Voice {
        let samples = duration_secs as u64 * SAMPLE_RATE as u64;
        let to_sample = |ms: u32| (ms as u64 * SAMPLE_RATE as u64 / 1000).min(samples);
        let segments = turns
            .iter()
            .filter(|t| channel == Channel::Full || t.speaker == Speaker::Person)
            .map(|t| {
                let (base, spread, amplitude) = match t.speaker {
                    Speaker::Robot => (200u64, 90u64, 9000.0),
                    Speaker::Person => (120u64, 70u64, 7500.0),
                };
                let pitches = t
                    .text
                    .chars()
                    .enumerate()
                    .map(|(i, c)| {
                        if is_pause(c) {
                            0
                        } else {
                            (base + mix(seed ^ ((c as u64) << 8) ^ i as u64) % spread) as u16
                        }
                    })
                    .collect();
                Segment {
                    start: to_sample(t.start_ms),
                    end: to_sample(t.end_ms),
                    pitches,
                    amplitude,
                }
            })
            .filter(|s| s.end > s.start && !s.pitches.is_empty())
            .collect();
        Voice { samples, segments }
    }

    pub fn data_len(&self) -> u64 {
        self.samples * 2
    }

    pub fn file_len(&self) -> u64 {
        HEADER_LEN + self.data_len()
    }

    /// The canonical 44-byte RIFF/WAVE header.
    pub fn header(&self) -> [u8; 44] {
        let data = self.data_len().min(u32::MAX as u64 - 36) as u32;
        let mut h = [0u8; 44];
        h[0..4].copy_from_slice(b"RIFF");
        h[4..8].copy_from_slice(&(36 + data).to_le_bytes());
        h[8..12].copy_from_slice(b"WAVE");
        h[12..16].copy_from_slice(b"fmt ");
        h[16..20].copy_from_slice(&16u32.to_le_bytes());
        h[20..22].copy_from_slice(&1u16.to_le_bytes()); // PCM
        h[22..24].copy_from_slice(&1u16.to_le_bytes()); // mono
        h[24..28].copy_from_slice(&SAMPLE_RATE.to_le_bytes());
        h[28..32].copy_from_slice(&(SAMPLE_RATE * 2).to_le_bytes());
        h[32..34].copy_from_slice(&2u16.to_le_bytes());
        h[34..36].copy_from_slice(&16u16.to_le_bytes());
        h[36..40].copy_from_slice(b"data");
        h[40..44].copy_from_slice(&data.to_le_bytes());
        h
    }

    /// Sample `i`: a syllable is a tone with two overtones under a sine envelope.
    pub fn sample(&self, i: u64) -> i16 {
        let seg = match self.segments.partition_point(|s| s.end <= i) {
            k if k < self.segments.len() && self.segments[k].start <= i => &self.segments[k],
            _ => return 0,
        };
        let len = seg.end - seg.start;
        let n = seg.pitches.len() as u64;
        let pos = i - seg.start;
        let syl = (pos * n / len).min(n - 1);
        let f = seg.pitches[syl as usize] as f64;
        if f == 0.0 {
            return 0;
        }
        let syl_start = (syl * len).div_ceil(n);
        let syl_len = ((syl + 1) * len)
            .div_ceil(n)
            .saturating_sub(syl_start)
            .max(1);
        let x = (pos - syl_start.min(pos)) as f64 / syl_len as f64;
        // Half a sine cycle of envelope; the tone in cycles since the segment began.
        let env = sin_cycles(x / 2.0);
        let c = f * pos as f64 / SAMPLE_RATE as f64;
        let v = sin_cycles(c) + 0.5 * sin_cycles(2.0 * c) + 0.25 * sin_cycles(3.0 * c);
        (seg.amplitude * env * v / 1.75) as i16
    }

    /// The file's bytes `[from, from + len)`.
    pub fn bytes(&self, from: u64, len: u64) -> Vec<u8> {
        let to = (from + len).min(self.file_len());
        let mut out = Vec::with_capacity(to.saturating_sub(from) as usize);
        let header = self.header();
        let mut pos = from;
        while pos < to.min(HEADER_LEN) {
            out.push(header[pos as usize]);
            pos += 1;
        }
        while pos < to {
            let off = pos - HEADER_LEN;
            let s = self.sample(off / 2).to_le_bytes();
            // Both bytes of the sample when both are wanted; one at an odd edge of the range.
            let take = if off.is_multiple_of(2) {
                (to - pos).min(2)
            } else {
                1
            };
            let first = (off % 2) as usize;
            out.extend_from_slice(&s[first..first + take as usize]);
            pos += take;
        }
        out
    }
}

/// A response body streaming the bytes `[pos, end)` of a recording, computed chunk by chunk.
pub struct WavBody {
    voice: Voice,
    pos: u64,
    end: u64,
}

impl WavBody {
    pub fn new(voice: Voice, from: u64, to_inclusive: u64) -> WavBody {
        WavBody {
            voice,
            pos: from,
            end: to_inclusive + 1,
        }
    }
}

impl http_body::Body for WavBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if self.pos >= self.end {
            return Poll::Ready(None);
        }
        let len = CHUNK.min(self.end - self.pos);
        let chunk = self.voice.bytes(self.pos, len);
        self.pos += len;
        Poll::Ready(Some(Ok(Frame::data(Bytes::from(chunk)))))
    }

    fn is_end_stream(&self) -> bool {
        self.pos >= self.end
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.end.saturating_sub(self.pos))
    }
}

/// A parsed `Range` header against a file of `len` bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeReq {
    /// No usable range: send everything with 200.
    Full,
    /// Inclusive byte positions: send with 206.
    Part(u64, u64),
    /// 416.
    Unsatisfiable,
}

/// Reads `bytes=a-b`, `bytes=a-` or `bytes=-n`; only the first range of a list is served, and a
/// header that does not parse is ignored (as RFC 9110 allows).
pub fn parse_range(header: Option<&str>, len: u64) -> RangeReq {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return RangeReq::Full;
    };
    let first = spec.split(',').next().unwrap_or("").trim();
    let Some((a, b)) = first.split_once('-') else {
        return RangeReq::Full;
    };
    let (a, b) = (a.trim(), b.trim());
    let num = |s: &str| s.parse::<u64>().ok();
    match (a.is_empty(), b.is_empty()) {
        (true, true) => RangeReq::Full,
        (true, false) => match num(b) {
            Some(0) => RangeReq::Unsatisfiable,
            Some(n) if len > 0 => RangeReq::Part(len.saturating_sub(n), len - 1),
            Some(_) => RangeReq::Unsatisfiable,
            None => RangeReq::Full,
        },
        (false, _) => {
            let Some(start) = num(a) else {
                return RangeReq::Full;
            };
            let end = if b.is_empty() { Some(u64::MAX) } else { num(b) };
            match end {
                None => RangeReq::Full,
                Some(end) if end < start => RangeReq::Full,
                Some(_) if start >= len => RangeReq::Unsatisfiable,
                Some(end) => RangeReq::Part(start, end.min(len - 1)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voice() -> Voice {
        let turns = vec![
            Turn {
                speaker: Speaker::Robot,
                text: "喂，您好".into(),
                start_ms: 500,
                end_ms: 1340,
            },
            Turn {
                speaker: Speaker::Person,
                text: "嗯".into(),
                start_ms: 1940,
                end_ms: 2180,
            },
        ];
        Voice::new(&turns, 3, Channel::Full, 1)
    }

    #[test]
    fn header_and_length() {
        let v = voice();
        assert_eq!(v.file_len(), 44 + 3 * 16000);
        let h = v.header();
        assert_eq!(&h[0..4], b"RIFF");
        assert_eq!(u32::from_le_bytes([h[24], h[25], h[26], h[27]]), 8000);
        let all = v.bytes(0, v.file_len());
        assert_eq!(all.len() as u64, v.file_len());
        assert_eq!(v.bytes(45, 10), all[45..55].to_vec());
        assert!(all.iter().skip(44).any(|b| *b != 0));
    }

    #[test]
    fn ranges() {
        assert_eq!(parse_range(None, 100), RangeReq::Full);
        assert_eq!(parse_range(Some("bytes=0-"), 100), RangeReq::Part(0, 99));
        assert_eq!(
            parse_range(Some("bytes=10-19"), 100),
            RangeReq::Part(10, 19)
        );
        assert_eq!(parse_range(Some("bytes=-10"), 100), RangeReq::Part(90, 99));
        assert_eq!(
            parse_range(Some("bytes=90-200"), 100),
            RangeReq::Part(90, 99)
        );
        assert_eq!(
            parse_range(Some("bytes=100-"), 100),
            RangeReq::Unsatisfiable
        );
        assert_eq!(parse_range(Some("bytes=x-y"), 100), RangeReq::Full);
        assert_eq!(parse_range(Some("items=0-1"), 100), RangeReq::Full);
    }
}
