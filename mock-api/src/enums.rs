//! The documents' enumerations: wire names, integer codes and Chinese labels.

macro_rules! wire_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident = $code:literal, $wire:literal, $label:literal;)+ }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The name as it travels in JSON.
            pub fn name(self) -> &'static str {
                match self { $($name::$var => $wire),+ }
            }

            /// The documents' integer code.
            pub fn code(self) -> u8 {
                match self { $($name::$var => $code),+ }
            }

            /// The documents' Chinese label.
            pub fn label(self) -> &'static str {
                match self { $($name::$var => $label),+ }
            }

            pub fn from_name(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$var),)+ _ => None }
            }

            pub fn from_code(c: i64) -> Option<Self> {
                match c { $($code => Some($name::$var),)+ _ => None }
            }

            /// All wire names, comma separated, for error messages.
            pub fn names() -> String {
                [$($wire),+].join(", ")
            }
        }
    };
}

wire_enum!(
    /// A job's status.
    JobStatus {
        NotStarted = 0, "NOT_STARTED", "未开始";
        InProcess = 1, "IN_PROCESS", "进行中";
        Completed = 2, "COMPLETED", "已完成";
        Runnable = 3, "RUNNABLE", "可运行";
        UserPause = 4, "USER_PAUSE", "用户暂停";
        SystemSuspended = 5, "SYSTEM_SUSPENDED", "系统暂停";
        Terminate = 6, "TERMINATE", "已终止";
        InQueue = 7, "IN_QUEUE", "排队中";
    }
);

wire_enum!(
    /// Automatic or manual job.
    Mode {
        Auto = 0, "AUTO", "自动任务";
        Manual = 1, "MANUAL", "手动任务";
    }
);

wire_enum!(
    /// The kind of line a job calls from.
    PhoneType {
        Mobile = 0, "MOBILE", "手机号码";
        Landline = 1, "LANDLINE", "固话";
        UnfixedCall = 2, "UNFIXED_CALL", "无主叫";
        TrainingCaller = 3, "VERBAL_TRICK_TRAINING_CALLER", "训练主叫账号";
        TrainingCalled = 4, "VERBAL_TRICK_TRAINING_CALLED", "训练被叫账号";
        VoipDevice = 5, "VOIP_DEVICE", "网关设备";
    }
);

wire_enum!(
    /// The result of one call.
    ResultStatus {
        Answered = 0, "ANSWERED", "已接听";
        NoAnswer = 1, "NO_ANSWER", "未接";
        Busy = 2, "BUSY", "占线";
        PowerOff = 3, "POWER_OFF", "关机";
        OutOfService = 4, "OUT_OF_SERVICE", "被叫停机";
        Refused = 5, "REFUSED", "拒接";
        VacantNumber = 6, "VACANT_NUMBER", "空号";
        CanNotConnect = 7, "CAN_NOT_CONNECT", "无法接通";
        FromPhoneError = 8, "FROM_PHONE_ERROR", "主叫号码不可用";
        SystemError = 9, "SYSTEM_ERROR", "外呼失败";
    }
);

wire_enum!(
    /// How interested the customer is.
    IntentLevel {
        A = 0, "A", "A级(较强)";
        B = 1, "B", "B级(一般)";
        C = 2, "C", "C级(无法判断)";
        D = 3, "D", "D级(很少)";
        E = 4, "E", "E级别(需要再次跟进)";
        F = 5, "F", "F级别(无需再次跟进)";
    }
);

wire_enum!(
    /// Where the follow-up of a customer stands.
    FollowStatus {
        AiInitialVisit = 0, "AI_INITIAL_VISIT", "AI初访";
        PeopleInitialVisit = 1, "PEOPLE_INITIAL_VISIT", "人工初访";
        FollowUp = 2, "FOLLOW_UP", "持续跟进";
    }
);

wire_enum!(
    /// Whether someone has looked at a call record.
    ReadStatus {
        NotRead = 0, "NOT_READ", "未读";
        HasRead = 1, "HAS_READ", "已读";
    }
);

wire_enum!(
    /// Who ended the call (a later optional field).
    HangupBy {
        Robot = 0, "ROBOT", "机器人挂断";
        Person = 1, "PERSON", "客户挂断";
        System = 2, "SYSTEM", "系统挂断";
    }
);

wire_enum!(
    /// A customer's gender.
    Gender {
        Unknown = 0, "UNKNOWN", "未知";
        Male = 1, "MALE", "男";
        Female = 2, "FEMALE", "女";
    }
);

impl IntentLevel {
    /// The intent tag's name in the callRecord family (`intentLevelName`).
    pub fn tag_name(self) -> &'static str {
        match self {
            IntentLevel::A => "很好",
            IntentLevel::B => "一般",
            IntentLevel::C => "无法判断",
            IntentLevel::D => "很少",
            IntentLevel::E => "需再次跟进",
            IntentLevel::F => "无需跟进",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_round_trip() {
        for s in JobStatus::ALL {
            assert_eq!(JobStatus::from_code(s.code() as i64), Some(*s));
            assert_eq!(JobStatus::from_name(s.name()), Some(*s));
        }
        assert_eq!(JobStatus::Terminate.code(), 6);
        assert_eq!(JobStatus::InQueue.code(), 7);
        assert_eq!(ResultStatus::ALL.len(), 10);
        assert_eq!(ResultStatus::from_name("answered"), None);
    }
}
