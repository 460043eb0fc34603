//! The columns of a job's calls and their titles: one list for the calls table and the CSV.

use crate::i18n::Locale;

/// One column of a list of calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallColumn {
    Id,
    Phone,
    Result,
    Intent,
    Started,
    /// Talk time as `m:ss`.
    Duration,
    /// Talk time in seconds (a spreadsheet reads `m:ss` as hours and minutes, and can add
    /// these up).
    DurationSeconds,
    Rounds,
    Concerns,
    Read,
    Recording,
}

impl CallColumn {
    /// The column's title, the same in the table and the CSV.
    pub fn title(self, locale: Locale) -> &'static str {
        match self {
            CallColumn::Id => locale.pick("通话ID", "Call ID"),
            CallColumn::Phone => locale.pick("电话号码", "Phone"),
            CallColumn::Result => locale.pick("通话结果", "Result"),
            CallColumn::Intent => locale.pick("意向等级", "Intent level"),
            CallColumn::Started => locale.pick("开始时间", "Started"),
            CallColumn::Duration => locale.pick("通话时长", "Duration"),
            CallColumn::DurationSeconds => locale.pick("通话时长（秒）", "Duration (s)"),
            CallColumn::Rounds => locale.pick("通话轮次", "Rounds"),
            CallColumn::Concerns => locale.pick("客户关注点", "Concerns"),
            CallColumn::Read => locale.pick("已读状态", "Read"),
            CallColumn::Recording => locale.pick("录音", "Recording"),
        }
    }
}

/// Every column, in the order the table and the CSV both keep.
pub const COLUMNS: [CallColumn; 11] = [
    CallColumn::Id,
    CallColumn::Phone,
    CallColumn::Result,
    CallColumn::Intent,
    CallColumn::Started,
    CallColumn::Duration,
    CallColumn::DurationSeconds,
    CallColumn::Rounds,
    CallColumn::Concerns,
    CallColumn::Read,
    CallColumn::Recording,
];

/// The calls table's columns: all but talk time in seconds.
pub fn table_columns() -> impl Iterator<Item = CallColumn> {
    COLUMNS
        .into_iter()
        .filter(|column| *column != CallColumn::DurationSeconds)
}

/// The CSV's columns: all but the recording (it plays in the table).
pub fn csv_columns() -> impl Iterator<Item = CallColumn> {
    COLUMNS
        .into_iter()
        .filter(|column| *column != CallColumn::Recording)
}

/// The titles of some columns, in their order.
pub fn titles(columns: impl Iterator<Item = CallColumn>, locale: Locale) -> Vec<&'static str> {
    columns.map(|column| column.title(locale)).collect()
}
