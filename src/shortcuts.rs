//! The keyboard shortcuts: which key does what on the call page and in the lists of calls
//! and leads, with the sentences of the help sheet in both languages. One table, read by the
//! pages and by the sheet. Pure: the browser side is `hooks::keys`.

use crate::i18n::Locale;

/// What a key does on the call page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKey {
    /// The next call of the list the user came from.
    Next,
    /// The previous call.
    Previous,
    /// Play or pause the recording being listened to.
    PlayPause,
    /// 5 s back.
    Back,
    /// 5 s forward.
    Forward,
    /// A slower speed.
    Slower,
    /// A faster speed.
    Faster,
    /// Switch between the whole call and the customer's track.
    SwitchTrack,
    /// Focus the transcript's search box.
    Search,
    /// Show or hide the sheet of shortcuts.
    Help,
}

/// What a key does in a list of calls or leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKey {
    /// Select the next row.
    Down,
    /// Select the previous row.
    Up,
    /// Open the selected row.
    Open,
    /// Play the selected row's recording.
    Play,
}

/// A key as the browser reports it (`KeyboardEvent.key`), with what matters about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Press<'a> {
    /// `KeyboardEvent.key`: `"j"`, `" "`, `"ArrowLeft"`, `"?"`, `"Enter"`.
    pub key: &'a str,
    /// Ctrl, Alt or Meta held (Shift is not counted: `?` needs it on most keyboards).
    pub modifier: bool,
    /// The focus is in a text field, a select or an editable element.
    pub in_field: bool,
}

impl Press<'_> {
    /// Whether shortcuts may act on this press at all.
    fn counts(&self) -> bool {
        !self.modifier && !self.in_field
    }
}

/// A shortcut: its key as the sheet shows it, the `KeyboardEvent.key` values that press it,
/// and what it does. The tables below are both the sheet and the keys' meaning.
#[derive(Clone, Copy, Debug)]
pub struct Shortcut<A> {
    pub shown: &'static str,
    pub keys: &'static [&'static str],
    pub action: A,
}

const fn shortcut<A>(shown: &'static str, keys: &'static [&'static str], action: A) -> Shortcut<A> {
    Shortcut {
        shown,
        keys,
        action,
    }
}

/// The call page's shortcuts, in the order the sheet lists them.
pub const CALL_KEYS: [Shortcut<CallKey>; 10] = [
    shortcut("j", &["j", "J"], CallKey::Next),
    shortcut("k", &["k", "K"], CallKey::Previous),
    shortcut("Space", &[" ", "Spacebar"], CallKey::PlayPause),
    shortcut("←", &["ArrowLeft"], CallKey::Back),
    shortcut("→", &["ArrowRight"], CallKey::Forward),
    shortcut("[", &["["], CallKey::Slower),
    shortcut("]", &["]"], CallKey::Faster),
    shortcut("t", &["t", "T"], CallKey::SwitchTrack),
    shortcut("/", &["/"], CallKey::Search),
    shortcut("?", &["?"], CallKey::Help),
];

/// The lists' shortcuts, as the sheet lists them.
pub const LIST_KEYS: [Shortcut<ListKey>; 4] = [
    shortcut("j", &["j", "J"], ListKey::Down),
    shortcut("k", &["k", "K"], ListKey::Up),
    shortcut("Enter", &["Enter"], ListKey::Open),
    shortcut("p", &["p", "P"], ListKey::Play),
];

/// The action of `table` that a press means, if shortcuts may act on it at all.
fn action_of<A: Copy>(table: &[Shortcut<A>], press: Press<'_>) -> Option<A> {
    if !press.counts() {
        return None;
    }
    table
        .iter()
        .find(|shortcut| shortcut.keys.contains(&press.key))
        .map(|shortcut| shortcut.action)
}

/// The call page's action for a key press, if any.
pub fn call_key(press: Press<'_>) -> Option<CallKey> {
    action_of(&CALL_KEYS, press)
}

/// A list's action for a key press, if any. `Enter` on a focused link or button is the
/// browser's own: only a press outside them opens the selected row.
pub fn list_key(press: Press<'_>, on_control: bool) -> Option<ListKey> {
    action_of(&LIST_KEYS, press).filter(|action| !(on_control && *action == ListKey::Open))
}

impl CallKey {
    /// What the key does, for the sheet.
    pub fn sentence(self, locale: Locale) -> &'static str {
        match self {
            CallKey::Next => locale.pick("下一条通话", "Next call"),
            CallKey::Previous => locale.pick("上一条通话", "Previous call"),
            CallKey::PlayPause => locale.pick("播放 / 暂停录音", "Play / pause the recording"),
            CallKey::Back => locale.pick("后退 5 秒", "Back 5 s"),
            CallKey::Forward => locale.pick("前进 5 秒", "Forward 5 s"),
            CallKey::Slower => locale.pick("减慢播放速度", "Slower"),
            CallKey::Faster => locale.pick("加快播放速度", "Faster"),
            CallKey::SwitchTrack => locale.pick(
                "在完整通话与客户音轨之间切换",
                "Switch between the whole call and the customer track",
            ),
            CallKey::Search => locale.pick("搜索对话内容", "Search the transcript"),
            CallKey::Help => locale.pick("显示 / 隐藏快捷键", "Show / hide the shortcuts"),
        }
    }
}

impl ListKey {
    /// What the key does, for the sheet.
    pub fn sentence(self, locale: Locale) -> &'static str {
        match self {
            ListKey::Down => locale.pick("选中下一行", "Select the next row"),
            ListKey::Up => locale.pick("选中上一行", "Select the previous row"),
            ListKey::Open => locale.pick("打开选中的通话", "Open the selected call"),
            ListKey::Play => locale.pick("播放选中行的录音", "Play the selected row's recording"),
        }
    }
}

/// The row selected after `key` in a list of `rows`: from nothing, down selects the first
/// and up the last; it stops at either end.
pub fn moved_selection(current: Option<usize>, key: ListKey, rows: usize) -> Option<usize> {
    if rows == 0 {
        return None;
    }
    let last = rows - 1;
    match (key, current) {
        (ListKey::Down, None) => Some(0),
        (ListKey::Up, None) => Some(last),
        (ListKey::Down, Some(i)) => Some((i + 1).min(last)),
        (ListKey::Up, Some(i)) => Some(i.saturating_sub(1).min(last)),
        (_, current) => current.map(|i| i.min(last)),
    }
}

/// The speed after a step slower (`-1`) or faster (`+1`) among `rates` (sorted); a speed not
/// among them moves to the nearest one that way, and the ends stay.
pub fn stepped_rate(rates: &[f64], current: f64, step: i32) -> f64 {
    let next = if step < 0 {
        rates.iter().rev().find(|r| **r < current - 1e-9)
    } else {
        rates.iter().find(|r| **r > current + 1e-9)
    };
    next.copied().unwrap_or(current)
}
