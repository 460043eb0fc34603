//! "Only the latest answer counts": a view's handle that supersedes, and so aborts, its
//! earlier requests.
//!
//! A page keeps one [`RequestSlot`] per view (the call list, the job detail, ...). Each
//! request runs through a [`Ticket`] from [`RequestSlot::begin`]; starting a newer one, or
//! calling [`RequestSlot::supersede`], wakes the older ticket, which then drops its request
//! future (whose drop aborts the fetch through its `AbortController`) and resolves to
//! [`ApiError::Superseded`], an answer pages ignore.
//!
//! A view drives its requests itself (the `use_remote` hook): it `begin`s a ticket as soon
//! as its inputs change, and runs the request through it.

use super::error::ApiError;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Poll, Waker};

#[derive(Debug, Default)]
struct SlotState {
    /// Bumped by every `begin` and `supersede`; a ticket is current while it matches.
    generation: u64,
    /// The current ticket's waiting task, woken when it is superseded.
    waker: Option<Waker>,
}

/// A view's handle on its latest request. Cheap to clone; clones share the same slot.
#[derive(Clone, Debug, Default)]
pub struct RequestSlot {
    state: Arc<Mutex<SlotState>>,
}

fn lock(state: &Mutex<SlotState>) -> MutexGuard<'_, SlotState> {
    // A panic while holding this lock cannot leave the counter inconsistent: keep going.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl RequestSlot {
    /// A slot with no request yet.
    pub fn new() -> RequestSlot {
        RequestSlot::default()
    }

    /// Starts a request: every earlier ticket of this slot is superseded.
    pub fn begin(&self) -> Ticket {
        Ticket {
            state: Arc::clone(&self.state),
            generation: self.bump(),
        }
    }

    /// Supersedes the running request, if any, without starting another.
    pub fn supersede(&self) {
        self.bump();
    }

    fn bump(&self) -> u64 {
        let (generation, waker) = {
            let mut state = lock(&self.state);
            state.generation = state.generation.wrapping_add(1);
            (state.generation, state.waker.take())
        };
        // Woken outside the lock: the woken task may poll (and lock) at once.
        if let Some(waker) = waker {
            waker.wake();
        }
        generation
    }
}

/// One request's place in its slot.
#[derive(Debug)]
pub struct Ticket {
    state: Arc<Mutex<SlotState>>,
    generation: u64,
}

impl Ticket {
    /// Whether no newer request has started in the slot since this one.
    pub fn is_current(&self) -> bool {
        lock(&self.state).generation == self.generation
    }

    /// Runs a request for this ticket. If the ticket is superseded first, the request future
    /// is dropped at once (which aborts its fetch) and the answer is
    /// [`ApiError::Superseded`]; an answer that arrives after that is never returned.
    pub async fn run<T, F>(self, request: F) -> Result<T, ApiError>
    where
        F: Future<Output = Result<T, ApiError>>,
    {
        let outcome = {
            let mut request = pin!(request);
            poll_fn(|cx| {
                if !self.is_current() {
                    return Poll::Ready(None);
                }
                if let Poll::Ready(answer) = request.as_mut().poll(cx) {
                    return Poll::Ready(Some(answer));
                }
                let mut state = lock(&self.state);
                if state.generation != self.generation {
                    return Poll::Ready(None);
                }
                state.waker = Some(cx.waker().clone());
                Poll::Pending
            })
            .await
            // `request` is dropped here, before anything else happens.
        };
        match outcome {
            Some(answer) if self.is_current() => answer,
            _ => Err(ApiError::Superseded),
        }
    }
}
