//! The console's request limiter (host): at most four in flight, first come first served,
//! and nothing lost when a waiting or running request is dropped.

mod executor;

use executor::{Executor, Gate};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::Context;
use tanyi_console::api::limiter::{Limiter, FAN_OUT_LIMIT};

#[test]
fn never_more_than_four_in_flight_and_all_finish_in_order_of_arrival() {
    assert_eq!(FAN_OUT_LIMIT, 4);
    let limiter = Limiter::default();
    assert_eq!(limiter.limit(), 4);
    let running = Rc::new(Cell::new(0usize));
    let most = Rc::new(Cell::new(0usize));
    let started = Rc::new(RefCell::new(Vec::new()));
    let gates: Vec<Gate> = (0..10).map(|_| Gate::default()).collect();
    let mut executor = Executor::default();
    for (index, gate) in gates.iter().enumerate() {
        let (limiter, running, most, started, gate) = (
            limiter.clone(),
            Rc::clone(&running),
            Rc::clone(&most),
            Rc::clone(&started),
            gate.clone(),
        );
        executor.spawn(async move {
            limiter
                .run(async {
                    running.set(running.get() + 1);
                    most.set(most.get().max(running.get()));
                    started.borrow_mut().push(index);
                    gate.wait().await;
                    running.set(running.get() - 1);
                })
                .await;
        });
    }
    executor.run_until_idle();
    assert_eq!(
        (running.get(), limiter.in_flight(), limiter.waiting()),
        (4, 4, 6)
    );
    // Finish them out of order; each freed slot goes to the next in line.
    for index in [2, 0, 3, 1, 5, 4, 9, 8, 7, 6] {
        gates[index].open();
        executor.run_until_idle();
        assert!(running.get() <= 4);
    }
    assert_eq!(most.get(), 4);
    assert_eq!(executor.finished(), 10);
    assert_eq!((limiter.in_flight(), limiter.waiting()), (0, 0));
    assert_eq!(*started.borrow(), (0..10).collect::<Vec<_>>());
}

#[test]
fn a_dropped_waiting_future_frees_nothing_it_did_not_take() {
    let limiter = Limiter::new(1);
    let gate = Gate::default();
    let done = Rc::new(Cell::new(0));
    let mut executor = Executor::default();
    let task = |gate: Option<Gate>| {
        let (limiter, done) = (limiter.clone(), Rc::clone(&done));
        async move {
            limiter
                .run(async {
                    if let Some(gate) = gate {
                        gate.wait().await;
                    }
                    done.set(done.get() + 1);
                })
                .await;
        }
    };
    executor.spawn(task(Some(gate.clone())));
    let waiting = executor.spawn(task(None));
    executor.run_until_idle();
    assert_eq!((limiter.in_flight(), limiter.waiting()), (1, 1));

    // Dropping the waiter gives up its place; the running one keeps its slot.
    executor.cancel(waiting);
    assert_eq!((limiter.in_flight(), limiter.waiting()), (1, 0));
    // So a newcomer still waits.
    executor.spawn(task(None));
    executor.run_until_idle();
    assert_eq!(
        (limiter.in_flight(), limiter.waiting(), done.get()),
        (1, 1, 0)
    );

    gate.open();
    executor.run_until_idle();
    assert_eq!(
        (limiter.in_flight(), limiter.waiting(), done.get()),
        (0, 0, 2)
    );
}

#[test]
fn a_waiter_dropped_after_being_woken_passes_the_slot_on() {
    let limiter = Limiter::new(1);
    let gate = Gate::default();
    let done = Rc::new(RefCell::new(Vec::new()));
    let mut executor = Executor::default();
    let mut ids = Vec::new();
    for name in ["a", "b", "c"] {
        let (limiter, done, gate) = (limiter.clone(), Rc::clone(&done), gate.clone());
        ids.push(executor.spawn(async move {
            limiter
                .run(async {
                    if name == "a" {
                        gate.wait().await;
                    }
                    done.borrow_mut().push(name);
                })
                .await;
        }));
    }
    executor.run_until_idle();
    assert_eq!((limiter.in_flight(), limiter.waiting()), (1, 2));

    // "a" finishes, which wakes "b"; "b" is dropped before it is polled.
    gate.open();
    let a = ids[0];
    let waker = executor.waker(a);
    if let Some(task) = executor.tasks[a].as_mut() {
        assert!(task
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_ready());
    }
    executor.tasks[a] = None;
    executor.cancel(ids[1]);
    executor.run_until_idle();
    assert_eq!(*done.borrow(), ["a", "c"]);
    assert_eq!((limiter.in_flight(), limiter.waiting()), (0, 0));
}

#[test]
fn a_dropped_running_future_gives_its_slot_back_and_a_0_limit_is_1() {
    let limiter = Limiter::new(0);
    assert_eq!(limiter.limit(), 1);
    let gate = Gate::default();
    let mut executor = Executor::default();
    let held = {
        let (limiter, gate) = (limiter.clone(), gate.clone());
        executor.spawn(async move { limiter.run(gate.wait()).await })
    };
    let after = {
        let limiter = limiter.clone();
        executor.spawn(async move { limiter.run(async {}).await })
    };
    executor.run_until_idle();
    assert_eq!((limiter.in_flight(), limiter.waiting()), (1, 1));
    executor.cancel(held);
    executor.run_until_idle();
    assert!(executor.tasks[after].is_none(), "the next one ran");
    assert_eq!((limiter.in_flight(), limiter.waiting()), (0, 0));
}
