//! The API's enumerations (statuses, results, levels, ...) with their Chinese and English labels.
//!
//! Each enum has its documented variants plus `Other(String)`, which keeps a value this
//! console does not know exactly as it was sent, so it can still be shown (as raw text).

use crate::i18n::Locale;
use std::borrow::Cow;
use std::fmt;

/// What every wire enumeration offers, so lenient decoding and tallies can be generic.
pub trait WireEnum: Sized + Clone + 'static {
    /// The known variants, in documented order (for filter UIs and stable display order).
    fn all() -> &'static [Self];
    /// The name on the wire (`"ANSWERED"`); the raw text for an unknown value.
    fn code(&self) -> &str;
    /// The variant for a wire name; an unknown name becomes `Other`.
    fn from_code(raw: &str) -> Self;
    /// The variant for a documented numeric code, if there is one.
    fn from_number(number: i64) -> Option<Self>;
    /// The label in the user's language; an unknown value shows as its raw text.
    fn label(&self, locale: Locale) -> Cow<'_, str>;
    /// Whether this is one of the documented variants.
    fn is_known(&self) -> bool;
}

macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $variant:ident = $code:literal $(| $alias:literal)* $(, #$num:literal)? => $zh:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( #[doc = $en] $variant, )+
            /// A value this console does not know, kept as it was sent.
            Other(String),
        }

        impl $name {
            /// The known variants, in documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The known variants, in documented order (for filter UIs).
            pub fn all() -> &'static [$name] {
                Self::ALL
            }

            /// The name on the wire; the raw text for an unknown value.
            pub fn code(&self) -> &str {
                match self {
                    $( $name::$variant => $code, )+
                    $name::Other(raw) => raw,
                }
            }

            /// The variant for a wire name (exact, then trimmed and upper-cased, then any
            /// documented alias); anything else becomes `Other` with the text as sent.
            pub fn from_code(raw: &str) -> Self {
                Self::known(raw).unwrap_or_else(|| $name::Other(raw.to_string()))
            }

            /// The variant for a wire name, or `None` if the name is not a documented one.
            pub fn known(raw: &str) -> Option<Self> {
                fn exact(raw: &str) -> Option<$name> {
                    match raw {
                        $( $code $(| $alias)* => Some($name::$variant), )+
                        _ => None,
                    }
                }
                exact(raw).or_else(|| exact(&raw.trim().to_ascii_uppercase()))
            }

            /// The documented numeric code, if the variant has one.
            pub fn number(&self) -> Option<i64> {
                match self {
                    $( $name::$variant => wire_enum!(@number $($num)?), )+
                    $name::Other(_) => None,
                }
            }

            /// The variant for a documented numeric code.
            #[allow(unused_variables)]
            pub fn from_number(number: i64) -> Option<Self> {
                $( $( if number == $num { return Some($name::$variant); } )? )+
                None
            }

            /// The label in the user's language; an unknown value shows as its raw text.
            pub fn label(&self, locale: Locale) -> Cow<'_, str> {
                match self {
                    $( $name::$variant => Cow::Borrowed(locale.pick($zh, $en)), )+
                    $name::Other(raw) => Cow::Borrowed(raw.as_str()),
                }
            }

            /// Whether this is one of the documented variants.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl WireEnum for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn code(&self) -> &str {
                $name::code(self)
            }
            fn from_code(raw: &str) -> Self {
                $name::from_code(raw)
            }
            fn from_number(number: i64) -> Option<Self> {
                $name::from_number(number)
            }
            fn label(&self, locale: Locale) -> Cow<'_, str> {
                $name::label(self, locale)
            }
            fn is_known(&self) -> bool {
                $name::is_known(self)
            }
        }

        impl fmt::Display for $name {
            /// The wire name (not the label: labels depend on the locale).
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
    (@number $num:literal) => { Some($num) };
    (@number) => { None };
}

wire_enum! {
    /// A job's status. Requests send the number (0..7); responses may carry the number or the name.
    JobStatus {
        NotStarted = "NOT_STARTED", #0 => "未开始", "Not started";
        InProcess = "IN_PROCESS", #1 => "进行中", "In progress";
        Completed = "COMPLETED", #2 => "已完成", "Completed";
        Runnable = "RUNNABLE", #3 => "可运行", "Runnable";
        UserPause = "USER_PAUSE", #4 => "用户暂停", "Paused by user";
        SystemSuspended = "SYSTEM_SUSPENDED", #5 => "系统暂停", "Paused by system";
        Terminate = "TERMINATE", #6 => "已终止", "Terminated";
        InQueue = "IN_QUEUE", #7 => "排队中", "Queued";
    }
}

wire_enum! {
    /// The result of one call (`resultStatus`, `dialResult` keys, `resultStatuses` filter).
    CallResult {
        Answered = "ANSWERED", #0 => "已接听", "Answered";
        NoAnswer = "NO_ANSWER", #1 => "未接", "No answer";
        Busy = "BUSY", #2 => "占线", "Busy";
        PowerOff = "POWER_OFF", #3 => "关机", "Phone switched off";
        OutOfService = "OUT_OF_SERVICE", #4 => "被叫停机", "Number suspended";
        Refused = "REFUSED", #5 => "拒接", "Refused";
        VacantNumber = "VACANT_NUMBER", #6 => "空号", "Number does not exist";
        CanNotConnect = "CAN_NOT_CONNECT", #7 => "无法接通", "Cannot connect";
        FromPhoneError = "FROM_PHONE_ERROR", #8 => "主叫号码不可用", "Caller line unavailable";
        SystemError = "SYSTEM_ERROR", #9 => "外呼失败", "Call failed";
    }
}

wire_enum! {
    /// A customer's intent level, A (strongest) to F.
    IntentLevel {
        A = "A", #0 => "A级(较强)", "A (strong)";
        B = "B", #1 => "B级(一般)", "B (moderate)";
        C = "C", #2 => "C级(无法判断)", "C (undetermined)";
        D = "D", #3 => "D级(很少)", "D (little)";
        E = "E", #4 => "E级别(需要再次跟进)", "E (follow up again)";
        F = "F", #5 => "F级别(无需再次跟进)", "F (no follow-up needed)";
    }
}

wire_enum! {
    /// How far the follow-up of a customer has gone.
    FollowStatus {
        AiInitialVisit = "AI_INITIAL_VISIT", #0 => "AI初访", "AI first contact";
        PeopleInitialVisit = "PEOPLE_INITIAL_VISIT", #1 => "人工初访", "Agent first contact";
        FollowUp = "FOLLOW_UP", #2 => "持续跟进", "Following up";
    }
}

wire_enum! {
    /// Whether a call record has been looked at.
    ReadStatus {
        NotRead = "NOT_READ", #0 => "未读", "Unread";
        HasRead = "HAS_READ", #1 => "已读", "Read";
    }
}

wire_enum! {
    /// How a job is started.
    JobMode {
        Auto = "AUTO", #0 => "自动任务", "Automatic";
        Manual = "MANUAL", #1 => "手动任务", "Manual";
    }
}

wire_enum! {
    /// The kind of line a job calls from (the short codes M, L, ... are accepted too).
    PhoneType {
        Mobile = "MOBILE" | "M", #0 => "手机号码", "Mobile";
        Landline = "LANDLINE" | "L", #1 => "固话", "Landline";
        UnfixedCall = "UNFIXED_CALL" | "U", #2 => "无主叫", "No fixed caller";
        TrainingCaller = "VERBAL_TRICK_TRAINING_CALLER" | "VR", #3 => "训练主叫账号", "Training caller account";
        TrainingCalled = "VERBAL_TRICK_TRAINING_CALLED" | "VD", #4 => "训练被叫账号", "Training callee account";
        VoipDevice = "VOIP_DEVICE" | "D", #5 => "网关设备", "Gateway device";
    }
}

wire_enum! {
    /// Who says a line of the transcript (`type` of a `callDetailList` item).
    Speaker {
        Robot = "ROBOT" => "机器人", "Robot";
        Person = "PERSON" | "CUSTOMER" => "客户", "Customer";
    }
}

wire_enum! {
    /// Which side hung up (`hangupBy`, a later field whose values are not documented;
    /// `CUSTOMER` is taken as the person).
    HangupSide {
        Robot = "ROBOT" => "机器人挂断", "Robot hung up";
        Person = "PERSON" | "CUSTOMER" => "客户挂断", "Customer hung up";
        System = "SYSTEM" => "系统挂断", "System hung up";
    }
}

wire_enum! {
    /// A bucket of the job stats' `chatRound` map (rounds of conversation per call).
    ChatRoundBucket {
        Less3 = "LESS_3" => "3轮以下", "Under 3 rounds";
        From3To6 = "F3_T6" => "3-6轮", "3–6 rounds";
        From6To10 = "F6_T10" => "6-10轮", "6–10 rounds";
        From10More = "F10_MORE" => "10轮以上", "Over 10 rounds";
    }
}

wire_enum! {
    /// A bucket of the job stats' `chatDuration` map (length of the answered calls).
    ChatDurationBucket {
        Less10s = "LESS_10S" => "10秒以下", "Under 10 s";
        From10sTo1Min = "F10S_T1MIN" => "10秒-1分钟", "10 s – 1 min";
        From1MinTo2Min = "F1MIN_T2MIN" => "1-2分钟", "1–2 min";
        From2MinTo3Min = "F2MIN_T3MIN" => "2-3分钟", "2–3 min";
        From3MinMore = "F3MIN_TMORE" => "3分钟以上", "Over 3 min";
    }
}

/// One of the five daily series of a job's stats (`callJobStatsBrokenLine`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DailySeriesKind {
    /// `taskCallCompletedList`: calls completed per day.
    CallsCompleted,
    /// `answeredTaskList`: calls answered per day.
    CallsAnswered,
    /// `answeredTaskRateList`: answer rate per day, a percentage.
    AnswerRate,
    /// `chatDurationTotalList`: total talk time per day.
    TalkTimeTotal,
    /// `averageDurationList`: average talk time per day.
    TalkTimeAverage,
}

/// What the values of a daily series measure, so a page knows how to format them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesUnit {
    /// A number of calls.
    Count,
    /// A percentage (`9.21` means 9.21 %).
    Percent,
    /// A duration in seconds (the documents do not say; seconds as elsewhere).
    Seconds,
}

impl DailySeriesKind {
    /// The five series, in the documents' order.
    pub const ALL: [DailySeriesKind; 5] = [
        DailySeriesKind::CallsCompleted,
        DailySeriesKind::CallsAnswered,
        DailySeriesKind::AnswerRate,
        DailySeriesKind::TalkTimeTotal,
        DailySeriesKind::TalkTimeAverage,
    ];

    /// The five series, in the documents' order.
    pub fn all() -> &'static [DailySeriesKind] {
        &Self::ALL
    }

    /// The series' field name in `callJobStatsBrokenLine`.
    pub fn code(self) -> &'static str {
        match self {
            DailySeriesKind::CallsCompleted => "taskCallCompletedList",
            DailySeriesKind::CallsAnswered => "answeredTaskList",
            DailySeriesKind::AnswerRate => "answeredTaskRateList",
            DailySeriesKind::TalkTimeTotal => "chatDurationTotalList",
            DailySeriesKind::TalkTimeAverage => "averageDurationList",
        }
    }

    /// The series for a field name.
    pub fn from_code(code: &str) -> Option<DailySeriesKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The series' name in the user's language.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            DailySeriesKind::CallsCompleted => locale.pick("完成外呼数", "Calls completed"),
            DailySeriesKind::CallsAnswered => locale.pick("接听数", "Calls answered"),
            DailySeriesKind::AnswerRate => locale.pick("接听率", "Answer rate"),
            DailySeriesKind::TalkTimeTotal => locale.pick("通话总时长", "Total talk time"),
            DailySeriesKind::TalkTimeAverage => locale.pick("平均通话时长", "Average talk time"),
        }
    }

    /// What the series' values measure.
    pub fn unit(self) -> SeriesUnit {
        match self {
            DailySeriesKind::CallsCompleted | DailySeriesKind::CallsAnswered => SeriesUnit::Count,
            DailySeriesKind::AnswerRate => SeriesUnit::Percent,
            DailySeriesKind::TalkTimeTotal | DailySeriesKind::TalkTimeAverage => {
                SeriesUnit::Seconds
            }
        }
    }
}
