//! The shell's pure parts: breadcrumbs for each route, the router base for a sub-path (host).

use tanyi_console::boot::router_base;
use tanyi_console::components::breadcrumbs::{trail, Crumb};
use tanyi_console::i18n::Locale;

#[test]
fn each_route_has_its_trail() {
    assert_eq!(trail("/jobs", None), vec![Crumb::Jobs]);
    assert_eq!(
        trail("/jobs/5", None),
        vec![Crumb::Jobs, Crumb::Job("5".into())]
    );
    assert_eq!(
        trail("/jobs/5/calls", None),
        vec![
            Crumb::Jobs,
            Crumb::Job("5".into()),
            Crumb::Calls("5".into())
        ]
    );
    assert_eq!(
        trail("/calls/47", None),
        vec![Crumb::Jobs, Crumb::Call("47".into())]
    );
    // Once the call has loaded, its job is known: the trail leads back through it.
    assert_eq!(
        trail("/calls/47", Some((47, 5))),
        vec![
            Crumb::Jobs,
            Crumb::Job("5".into()),
            Crumb::Calls("5".into()),
            Crumb::Call("47".into())
        ]
    );
    // The job of another call (the one before a move) is not taken for this one's.
    assert_eq!(
        trail("/calls/48", Some((47, 5))),
        vec![Crumb::Jobs, Crumb::Call("48".into())]
    );
    assert_eq!(trail("/settings", None), vec![Crumb::Settings]);
    assert_eq!(trail("/nowhere/at/all", None), vec![]);
}

#[test]
fn crumbs_read_in_both_languages_and_link_to_their_route() {
    assert_eq!(Crumb::Job("5".into()).label(Locale::ZhCn), "任务 #5");
    assert_eq!(Crumb::Job("5".into()).label(Locale::En), "Job #5");
    assert_eq!(Crumb::Calls("5".into()).href(), "/jobs/5/calls");
    assert_eq!(Crumb::Call("47".into()).href(), "/calls/47");
}

#[test]
fn the_router_base_follows_the_public_url() {
    assert_eq!(router_base("/"), "");
    assert_eq!(router_base("/portal/tanyi/"), "/portal/tanyi");
    assert_eq!(router_base("/portal/tanyi"), "/portal/tanyi");
}
