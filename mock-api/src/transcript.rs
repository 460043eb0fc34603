//! A call's conversation, derived on demand from the seed and the call, with its timing.

use crate::corpus::{self, Topic, ROBOT_GREETING, SURNAMES};
use crate::data::Call;
use crate::enums::{Gender, HangupBy, IntentLevel};
use crate::phone::{self, Written};
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

/// One turn of the script: static pieces, concatenated, with a phone number written before
/// `parts[at]` when `number` is `Some((at, number))`.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub speaker: Speaker,
    pub parts: [&'static str; 4],
    pub number: Option<(usize, Written)>,
}

impl Line {
    fn one(speaker: Speaker, text: &'static str) -> Line {
        Line {
            speaker,
            parts: [text, "", "", ""],
            number: None,
        }
    }

    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, part) in self.parts.iter().enumerate() {
            if let Some((_, number)) = self.number.filter(|(at, _)| *at == i) {
                s.push_str(&number.text());
            }
            s.push_str(part);
        }
        s
    }

    pub fn chars(&self) -> u32 {
        self.parts
            .iter()
            .map(|p| p.chars().count() as u32)
            .sum::<u32>()
            + self.number.map_or(0, |(_, n)| n.chars())
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

/// A callback number the customer gives, in about one answered call in six: one answered
/// call in four is drawn (from the seed and the call id), and the number goes into a customer
/// turn that neither answers the greeting nor asks about a topic (drawn among the middle
/// turns), else into the last turn when the customer is interested or busy (A, B, E); a drawn
/// call without such a turn gets none. The robot repeats it back in its next turn (the
/// closing line, when the number came last) in three cases out of five.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Callback {
    /// The round (0-based) whose customer turn gives the number.
    pub round: usize,
    pub number: Written,
    /// Words around the number.
    pub words: (&'static str, &'static str),
    pub repeated: bool,
}

pub fn callback(seed: u64, call: &Call) -> Option<Callback> {
    let rounds = call.chat_round as usize;
    let mut rng = Rng::for_item(seed, 5, call.id);
    if rounds < 2 || !rng.chance(0.25) {
        return None;
    }
    let topics = call
        .flow()
        .topics
        .iter()
        .filter(|t| call.concerns & (1 << t.0) != 0)
        .count();
    // Round 0 answers the greeting, rounds 1..=topics ask the topics, the last one ends it.
    let round = if topics + 1 < rounds - 1 {
        rng.range(topics as u64 + 1, rounds as u64 - 2) as usize
    } else if matches!(
        call.intent,
        IntentLevel::A | IntentLevel::B | IntentLevel::E
    ) {
        rounds - 1
    } else {
        return None;
    };
    let number = phone::any_form(&mut rng, call.phone);
    let words = *rng.pick(match number {
        Written::Mobile(_) => corpus::CALLBACK_MOBILE,
        Written::Spaced(_) => corpus::CALLBACK_SPACED,
        Written::Intl(_) => corpus::CALLBACK_INTL,
        Written::Landline(..) => corpus::CALLBACK_LANDLINE,
    });
    Some(Callback {
        round,
        number,
        words,
        repeated: rng.chance(0.6),
    })
}

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
    let callback = callback(seed, call);
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
                number: None,
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
        match callback {
            Some(cb) if cb.repeated && cb.round + 1 == r => out.push(Line {
                speaker: Speaker::Robot,
                parts: [corpus::ROBOT_REPEAT.0, corpus::ROBOT_REPEAT.1, "", ""],
                number: Some((1, cb.number.plain())),
            }),
            _ => out.push(robot),
        }
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
        match callback {
            Some(cb) if cb.round == r => {
                let lead = match call.intent {
                    _ if r + 1 < rounds => "",
                    IntentLevel::E => corpus::CALLBACK_LEAD_BUSY,
                    _ => corpus::CALLBACK_LEAD_YES,
                };
                out.push(Line {
                    speaker: Speaker::Person,
                    parts: [lead, cb.words.0, cb.words.1, ""],
                    number: Some((2, cb.number)),
                });
            }
            _ => out.push(Line::one(Speaker::Person, person)),
        }
    }
    if call.hangup_by == HangupBy::Robot {
        let close = match call.intent {
            IntentLevel::A | IntentLevel::B => flow.close_interested,
            IntentLevel::E => corpus::ROBOT_CLOSE_LATER,
            _ => *rng.pick(corpus::ROBOT_CLOSE_POLITE),
        };
        match callback {
            Some(cb) if cb.repeated && cb.round + 1 == rounds => out.push(Line {
                speaker: Speaker::Robot,
                parts: [
                    corpus::ROBOT_REPEAT_CLOSE.0,
                    corpus::ROBOT_REPEAT_CLOSE.1,
                    close,
                    "",
                ],
                number: Some((1, cb.number.plain())),
            }),
            _ => out.push(Line::one(Speaker::Robot, close)),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;

    #[test]
    fn a_callback_number_takes_a_plain_customer_turn() {
        let ds = Dataset::generate(42, 10, 200);
        let mut seen = 0;
        for call in &ds.calls {
            let Some(cb) = callback(ds.seed, call) else {
                continue;
            };
            seen += 1;
            let turns = turns(ds.seed, call);
            let person: Vec<&Turn> = turns
                .iter()
                .filter(|t| t.speaker == Speaker::Person)
                .collect();
            assert_eq!(person.len(), call.chat_round as usize);
            assert!(person[cb.round].text.contains(&cb.number.text()));
            // Every topic is still asked, so the concerns stay those of the transcript.
            for topic in call.flow().topics {
                if call.concerns & (1 << topic.0) != 0 {
                    assert!(person.iter().any(|p| p.text == topic.1), "{}", call.id);
                }
            }
            assert!(!cb.number.text().contains(&call.phone_text()));
            assert_eq!(duration_secs(&script(ds.seed, call)), call.chat_duration);
        }
        assert!(seen > 20, "{seen}");
    }
}
