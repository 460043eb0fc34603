//! A single-threaded executor for host tests of the console's futures: spawned futures,
//! polled when woken, and gates a test opens by hand.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

/// Wakes by queueing the task's index.
pub struct TaskWaker {
    index: usize,
    ready: Arc<Mutex<VecDeque<usize>>>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        if let Ok(mut ready) = self.ready.lock() {
            ready.push_back(self.index);
        }
    }
}

/// A single-threaded executor: spawned futures, polled when woken.
#[derive(Default)]
pub struct Executor {
    pub tasks: Vec<Option<Pin<Box<dyn Future<Output = ()>>>>>,
    ready: Arc<Mutex<VecDeque<usize>>>,
}

impl Executor {
    pub fn spawn(&mut self, future: impl Future<Output = ()> + 'static) -> usize {
        self.tasks.push(Some(Box::pin(future)));
        let index = self.tasks.len() - 1;
        self.ready.lock().expect("queue").push_back(index);
        index
    }

    pub fn waker(&self, index: usize) -> Waker {
        Waker::from(Arc::new(TaskWaker {
            index,
            ready: Arc::clone(&self.ready),
        }))
    }

    /// Polls woken tasks until none is woken.
    pub fn run_until_idle(&mut self) {
        loop {
            let next = self.ready.lock().expect("queue").pop_front();
            let Some(index) = next else { return };
            let waker = self.waker(index);
            if let Some(task) = self.tasks[index].as_mut() {
                if task
                    .as_mut()
                    .poll(&mut Context::from_waker(&waker))
                    .is_ready()
                {
                    self.tasks[index] = None;
                }
            }
        }
    }

    /// Drops a task (as a page dropping its request).
    pub fn cancel(&mut self, index: usize) {
        self.tasks[index] = None;
    }

    pub fn finished(&self) -> usize {
        self.tasks.iter().filter(|task| task.is_none()).count()
    }
}

/// A future that waits until its gate opens.
#[derive(Clone, Default)]
pub struct Gate {
    open: Rc<Cell<bool>>,
    waker: Rc<RefCell<Option<Waker>>>,
}

impl Gate {
    pub fn open(&self) {
        self.open.set(true);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    pub async fn wait(&self) {
        std::future::poll_fn(|cx| {
            if self.open.get() {
                Poll::Ready(())
            } else {
                *self.waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }
}
