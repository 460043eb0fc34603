//! "At most 4 requests in flight, shared by all of the console's fan-out": a first-come,
//! first-served limiter for the single-threaded page (std only, no runtime), and the one
//! every API request of the console goes through ([`requests`]).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Requests in flight at most, across all of the console's fan-out.
pub const FAN_OUT_LIMIT: usize = 4;

thread_local! {
    // One for the page: a page's fan-out and another view's requests share the same slots.
    static REQUESTS: Limiter = Limiter::default();
}

/// The console's API requests: every request takes one of these [`FAN_OUT_LIMIT`] slots
/// while it is in flight (the browser's other connections stay free for recordings).
pub fn requests() -> Limiter {
    REQUESTS.with(Limiter::clone)
}

#[derive(Debug)]
struct State {
    limit: usize,
    running: usize,
    /// Waiting acquirers in arrival order: their id and latest waker.
    waiting: VecDeque<(u64, Waker)>,
    next_id: u64,
}

impl State {
    /// The first waiter's waker, if a slot is free for it.
    fn next_to_wake(&self) -> Option<Waker> {
        if self.running < self.limit {
            self.waiting.front().map(|(_, waker)| waker.clone())
        } else {
            None
        }
    }
}

/// Lets at most `limit` futures run at once; the others wait their turn in order. Cheap to
/// clone; clones share the same slots.
#[derive(Clone, Debug)]
pub struct Limiter {
    state: Rc<RefCell<State>>,
}

impl Limiter {
    /// A limiter with `limit` slots (at least one).
    pub fn new(limit: usize) -> Limiter {
        Limiter {
            state: Rc::new(RefCell::new(State {
                limit: limit.max(1),
                running: 0,
                waiting: VecDeque::new(),
                next_id: 0,
            })),
        }
    }

    /// The slots.
    pub fn limit(&self) -> usize {
        self.state.borrow().limit
    }

    /// Slots taken now.
    pub fn in_flight(&self) -> usize {
        self.state.borrow().running
    }

    /// Futures waiting for a slot now.
    pub fn waiting(&self) -> usize {
        self.state.borrow().waiting.len()
    }

    /// Waits for a slot; it is given back when the [`Permit`] drops. Dropping the waiting
    /// future gives up its place and takes nothing.
    pub fn acquire(&self) -> Acquire {
        Acquire {
            state: Rc::clone(&self.state),
            id: None,
        }
    }

    /// A slot now, if one is free and nobody is waiting for one (so a request can leave
    /// at once, while its page renders).
    pub fn try_acquire(&self) -> Option<Permit> {
        let mut state = self.state.borrow_mut();
        if state.waiting.is_empty() && state.running < state.limit {
            state.running += 1;
            Some(Permit {
                state: Rc::clone(&self.state),
            })
        } else {
            None
        }
    }

    /// Runs `future` once a slot is free, and gives the slot back when it finishes (or is
    /// dropped).
    pub async fn run<F: Future>(&self, future: F) -> F::Output {
        let _permit = self.acquire().await;
        future.await
    }
}

impl Default for Limiter {
    /// The console's limit, [`FAN_OUT_LIMIT`].
    fn default() -> Self {
        Limiter::new(FAN_OUT_LIMIT)
    }
}

/// A slot taken; dropping it frees the slot and wakes the next in line.
#[derive(Debug)]
pub struct Permit {
    state: Rc<RefCell<State>>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let next = {
            let mut state = self.state.borrow_mut();
            state.running = state.running.saturating_sub(1);
            state.next_to_wake()
        };
        // Woken outside the borrow, in case the executor polls at once.
        if let Some(waker) = next {
            waker.wake();
        }
    }
}

/// The future of [`Limiter::acquire`].
#[derive(Debug)]
#[must_use = "a slot is taken only when this is awaited"]
pub struct Acquire {
    state: Rc<RefCell<State>>,
    /// Its place in the queue, once it has had to wait.
    id: Option<u64>,
}

impl Future for Acquire {
    type Output = Permit;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Permit> {
        let shared = Rc::clone(&self.state);
        let (granted, next) = {
            let mut state = shared.borrow_mut();
            let its_turn = match self.id {
                None => state.waiting.is_empty(),
                Some(id) => state.waiting.front().map(|(front, _)| *front) == Some(id),
            };
            if its_turn && state.running < state.limit {
                if self.id.is_some() {
                    state.waiting.pop_front();
                }
                state.running += 1;
                // Another free slot goes to the next in line.
                (true, state.next_to_wake())
            } else {
                match self.id {
                    Some(id) => {
                        if let Some((_, waker)) =
                            state.waiting.iter_mut().find(|(waiter, _)| *waiter == id)
                        {
                            waker.clone_from(cx.waker());
                        }
                    }
                    None => {
                        let id = state.next_id;
                        state.next_id += 1;
                        state.waiting.push_back((id, cx.waker().clone()));
                        self.id = Some(id);
                    }
                }
                (false, None)
            }
        };
        if let Some(waker) = next {
            waker.wake();
        }
        if granted {
            self.id = None;
            Poll::Ready(Permit { state: shared })
        } else {
            Poll::Pending
        }
    }
}

impl Drop for Acquire {
    fn drop(&mut self) {
        let Some(id) = self.id else { return };
        let next = {
            let mut state = self.state.borrow_mut();
            state.waiting.retain(|(waiter, _)| *waiter != id);
            // It may have been woken for a free slot: pass that wake on.
            state.next_to_wake()
        };
        if let Some(waker) = next {
            waker.wake();
        }
    }
}
