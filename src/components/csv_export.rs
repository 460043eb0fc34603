//! The CSV text of a call list: a tiny writer that Excel opens with Chinese intact, and a
//! call as a row of its columns ([`csv_columns`]).
//!
//! Hand-written rather than the `csv` crate: the rules needed here (UTF-8 BOM, CRLF, quoting,
//! neutralising spreadsheet formulas) fit in a few lines, the crate does not neutralise
//! formulas anyway, and every crate adds to the WebAssembly download.

use crate::api::time::date_text;
use crate::api::CallRecord;
use crate::components::call_columns::{csv_columns, titles};
use crate::format;
use crate::i18n::Locale;
use crate::leads::Lead;
use chrono::NaiveDate;
use std::borrow::Cow;

/// Tells Excel the file is UTF-8 (without it, Chinese comes out garbled).
pub const BOM: char = '\u{feff}';

/// One field as CSV: a field a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'`; a field with a comma, a quote
/// or a line break is quoted, its quotes doubled.
pub fn csv_field(text: &str) -> Cow<'_, str> {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text: Cow<'_, str> = if formula {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    };
    if text.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        text
    }
}

/// A CSV document being written: the BOM first, then one CRLF-terminated line per row.
#[derive(Clone, Debug)]
pub struct CsvWriter {
    text: String,
}

impl Default for CsvWriter {
    fn default() -> Self {
        CsvWriter::new()
    }
}

impl CsvWriter {
    /// An empty document (just the BOM).
    pub fn new() -> CsvWriter {
        CsvWriter {
            text: BOM.to_string(),
        }
    }

    /// Appends one row.
    pub fn row<I, S>(&mut self, fields: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            self.text.push_str(&csv_field(field.as_ref()));
        }
        self.text.push_str("\r\n");
    }

    /// The document's text.
    pub fn finish(self) -> String {
        self.text
    }
}

/// The header row: the titles of [`csv_columns`].
pub fn call_csv_header(locale: Locale) -> Vec<&'static str> {
    titles(csv_columns(), locale)
}

/// One call as a CSV row, in [`csv_columns`]' order; the phone masked when `mask` is on.
pub fn call_csv_row(record: &CallRecord, locale: Locale, mask: bool) -> Vec<String> {
    vec![
        format::count(record.id),
        format::display_phone(record.called_phone_number.as_deref().unwrap_or(""), mask),
        format::value_label(record.result_status.as_ref(), locale),
        format::intent_text(
            record.intent_level.as_ref(),
            record.intent_level_name.as_deref(),
            locale,
        ),
        format::date_time(record.start_time.as_ref()),
        format::duration(record.chat_duration),
        format::count(record.chat_duration.filter(|s| *s >= 0)),
        format::count(record.chat_round),
        format::concerns_text(&record.customer_concern, locale),
        format::value_label(record.read_status.as_ref(), locale),
    ]
}

/// A whole list of calls as CSV text (header included).
pub fn calls_csv(records: &[CallRecord], locale: Locale, mask: bool) -> String {
    let mut csv = CsvWriter::new();
    csv.row(call_csv_header(locale));
    for record in records {
        csv.row(call_csv_row(record, locale, mask));
    }
    csv.finish()
}

/// The downloaded file's name: `calls-job-12-2026-03-27.csv`.
pub fn export_file_name(job_id: i64, today: NaiveDate) -> String {
    format!("calls-job-{job_id}-{}.csv", date_text(today))
}

/// The leads list as CSV: the job's id and name, then the calls' columns (as
/// [`calls_csv`]), newest first.
pub fn leads_csv<'a>(leads: impl Iterator<Item = &'a Lead>, locale: Locale, mask: bool) -> String {
    let mut csv = CsvWriter::new();
    let mut header = vec![
        locale.pick("任务ID", "Job ID"),
        locale.pick("任务名称", "Job name"),
    ];
    header.extend(call_csv_header(locale));
    csv.row(header);
    for lead in leads {
        let mut row = vec![
            lead.job_id.to_string(),
            lead.job_name.as_deref().unwrap_or_default().to_string(),
        ];
        row.extend(call_csv_row(&lead.call, locale, mask));
        csv.row(row);
    }
    csv.finish()
}

/// The leads file's name: `leads-2026-11-25-to-2026-12-01.csv`.
pub fn leads_file_name(from: NaiveDate, to: NaiveDate) -> String {
    format!("leads-{}-to-{}.csv", date_text(from), date_text(to))
}
