//! A call's conversation, derived on demand from the seed and the call, with its timing.

use crate::corpus::{self, Topic, ROBOT_GREETING, SURNAMES};
use crate::data::Call;
use crate::enums::{Gender, HangupBy, IntentLevel};
use crate::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speaker {
    Robot,
    Person,
}

impl Speaker {
    pub fn name(self) -> &'static str {
        match self {
            Speaker::Robot => "ROBOT",
            Speaker::Person => "PERSON",
        }
    }
}

/// One turn of the script: static pieces, concatenated.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub speaker: Speaker,
    pub parts: [&'static str; 4],
}

impl Line {
    fn one(speaker: Speaker, text: &'static str) -> Line {
        Line {
            speaker,
            parts: [text, "", "", ""],
        }
    }

    pub fn text(&self) -> String {
        self.parts.concat()
    }

    pub fn chars(&self) -> u32 {
        self.parts.iter().map(|p| p.chars().count() as u32).sum()
    }

    /// How long saying it takes.
    pub fn speaking_ms(&self) -> u32 {
        let per_char = match self.speaker {
            Speaker::Robot => ROBOT_MS_PER_CHAR,
            Speaker::Person => PERSON_MS_PER_CHAR,
        };
        self.chars() * per_char
    }
}

pub const ROBOT_MS_PER_CHAR: u32 = 240;
pub const PERSON_MS_PER_CHAR: u32 = 260;
/// Silence before the first turn (pick-up) and after every turn (the robot waits for the
/// customer to finish, the customer thinks).
pub const LEAD_MS: u32 = 800;
pub const GAP_MS: u32 = 1200;

/// Writes the script of an answered call into `out`: `chat_round` ROBOT/PERSON pairs, then a
/// closing ROBOT turn unless the customer (or the system) hung up first.
pub fn script_into(seed: u64, call: &Call, out: &mut Vec<Line>) {
    out.clear();
    let rounds = call.chat_round as usize;
    if rounds == 0 {
        return;
    }
    let flow = call.flow();
    let mut rng = Rng::for_item(seed, 3, call.id);
    let topics: Vec<&Topic> = flow
        .topics
        .iter()
        .filter(|t| call.concerns & (1 << t.0) != 0)
        .collect();
    let mut asked = 0;
    let mut said = 0;
    let first_followup = rng.below(corpus::ROBOT_FOLLOWUPS.len() as u64) as usize;
    // A customer who hangs up during the greeting: the shortest answered calls.
    let cut_short =
        rounds == 1 && call.hangup_by == HangupBy::Person && call.intent == IntentLevel::C;
    let mut pending: Option<&Topic> = None;
    for r in 0..rounds {
        let robot = if r == 0 {
            let (surname, honorific) = match call.gender {
                Gender::Male => (SURNAMES[call.surname as usize], "先生，"),
                Gender::Female => (SURNAMES[call.surname as usize], "女士，"),
                Gender::Unknown => ("", ""),
            };
            Line {
                speaker: Speaker::Robot,
                parts: [
                    ROBOT_GREETING,
                    surname,
                    honorific,
                    if cut_short { "" } else { flow.opening },
                ],
            }
        } else if let Some(topic) = pending.take() {
            Line::one(Speaker::Robot, topic.2)
        } else if rng.chance(0.2) {
            {
                let fillers = corpus::ROBOT_FILLERS;
                Line::one(
                    Speaker::Robot,
                    fillers[rng.below(fillers.len() as u64) as usize],
                )
            }
        } else {
            // The flow's pitches in turn, then follow-up questions: no line twice in a row.
            let k = said;
            said += 1;
            let text = match flow.pitches.get(k) {
                Some(p) => *p,
                None => {
                    corpus::ROBOT_FOLLOWUPS
                        [(k - flow.pitches.len() + first_followup) % corpus::ROBOT_FOLLOWUPS.len()]
                }
            };
            Line::one(Speaker::Robot, text)
        };
        out.push(robot);
        let person = if cut_short {
            *rng.pick(corpus::PERSON_HANG_UP)
        } else if r + 1 == rounds {
            *rng.pick(match call.intent {
                IntentLevel::A | IntentLevel::B => corpus::PERSON_YES,
                IntentLevel::E => corpus::PERSON_BUSY,
                IntentLevel::F => corpus::PERSON_REFUSE,
                _ => corpus::PERSON_BYE,
            })
        } else if r == 0 {
            *rng.pick(corpus::PERSON_HELLO)
        } else if asked < topics.len() {
            let topic = topics[asked];
            asked += 1;
            pending = Some(topic);
            topic.1
        } else {
            *rng.pick(corpus::PERSON_GENERIC)
        };
        out.push(Line::one(Speaker::Person, person));
    }
    if call.hangup_by == HangupBy::Robot {
        let close = match call.intent {
            IntentLevel::A | IntentLevel::B => flow.close_interested,
            IntentLevel::E => corpus::ROBOT_CLOSE_LATER,
            _ => *rng.pick(corpus::ROBOT_CLOSE_POLITE),
        };
        out.push(Line::one(Speaker::Robot, close));
    }
}

pub fn script(seed: u64, call: &Call) -> Vec<Line> {
    let mut out = Vec::new();
    script_into(seed, call, &mut out);
    out
}

/// Length of the whole conversation in milliseconds.
pub fn total_ms(lines: &[Line]) -> u32 {
    LEAD_MS + lines.iter().map(|l| l.speaking_ms() + GAP_MS).sum::<u32>()
}

/// `chatDuration` in whole seconds, rounded up; at least 1 for an answered call.
pub fn duration_secs(lines: &[Line]) -> u16 {
    total_ms(lines).div_ceil(1000).clamp(1, u16::MAX as u32) as u16
}

/// A turn with its text and when it is spoken, in milliseconds from the start of the call.
#[derive(Clone, Debug)]
pub struct Turn {
    pub speaker: Speaker,
    pub text: String,
    pub start_ms: u32,
    pub end_ms: u32,
}

/// The call's turns with their times; empty for calls that were not answered.
pub fn turns(seed: u64, call: &Call) -> Vec<Turn> {
    let mut at = LEAD_MS;
    script(seed, call)
        .into_iter()
        .map(|line| {
            let start_ms = at;
            let end_ms = start_ms + line.speaking_ms();
            at = end_ms + GAP_MS;
            Turn {
                speaker: line.speaker,
                text: line.text(),
                start_ms,
                end_ms,
            }
        })
        .collect()
}
