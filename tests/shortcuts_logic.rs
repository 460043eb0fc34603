//! The keyboard shortcuts' table (host): each key's action, nothing in a text field or with
//! a modifier, the row selection's moves, the speed's steps, and the sheet's sentences.

use tanyi_console::i18n::Locale;
use tanyi_console::shortcuts::{
    call_key, list_key, moved_selection, stepped_rate, CallKey, ListKey, Press, Shortcut,
    CALL_KEYS, LIST_KEYS,
};

fn plain(key: &str) -> Press<'_> {
    Press {
        key,
        modifier: false,
        in_field: false,
    }
}

#[test]
fn each_call_page_key_does_its_action() {
    let expected = [
        ("j", CallKey::Next),
        ("k", CallKey::Previous),
        (" ", CallKey::PlayPause),
        ("ArrowLeft", CallKey::Back),
        ("ArrowRight", CallKey::Forward),
        ("[", CallKey::Slower),
        ("]", CallKey::Faster),
        ("t", CallKey::SwitchTrack),
        ("/", CallKey::Search),
        ("?", CallKey::Help),
    ];
    for (key, action) in expected {
        assert_eq!(call_key(plain(key)), Some(action), "{key:?}");
    }
    // The sheet lists every one of them, once.
    let listed: Vec<CallKey> = CALL_KEYS.iter().map(|shortcut| shortcut.action).collect();
    assert_eq!(listed, expected.map(|(_, action)| action));
    for key in ["x", "Enter", "ArrowUp", "Tab", ""] {
        assert_eq!(call_key(plain(key)), None, "{key:?}");
    }
}

#[test]
fn nothing_acts_in_a_text_field_or_with_a_modifier() {
    for key in ["j", " ", "/", "?", "ArrowLeft"] {
        let in_field = Press {
            in_field: true,
            ..plain(key)
        };
        let with_modifier = Press {
            modifier: true,
            ..plain(key)
        };
        assert_eq!(call_key(in_field), None, "{key:?} in a field");
        assert_eq!(call_key(with_modifier), None, "{key:?} with a modifier");
        assert_eq!(list_key(in_field, false), None);
        assert_eq!(list_key(with_modifier, false), None);
    }
}

#[test]
fn list_keys_move_open_and_play_and_enter_on_a_link_is_the_link_s() {
    assert_eq!(list_key(plain("j"), false), Some(ListKey::Down));
    assert_eq!(list_key(plain("k"), false), Some(ListKey::Up));
    assert_eq!(list_key(plain("Enter"), false), Some(ListKey::Open));
    assert_eq!(list_key(plain("p"), false), Some(ListKey::Play));
    assert_eq!(list_key(plain("Enter"), true), None);
    assert_eq!(LIST_KEYS.len(), 4);
}

#[test]
fn the_selection_starts_at_either_end_and_stops_there() {
    assert_eq!(moved_selection(None, ListKey::Down, 3), Some(0));
    assert_eq!(moved_selection(None, ListKey::Up, 3), Some(2));
    assert_eq!(moved_selection(Some(0), ListKey::Down, 3), Some(1));
    assert_eq!(moved_selection(Some(2), ListKey::Down, 3), Some(2));
    assert_eq!(moved_selection(Some(0), ListKey::Up, 3), Some(0));
    assert_eq!(moved_selection(Some(9), ListKey::Up, 3), Some(2));
    assert_eq!(moved_selection(Some(1), ListKey::Down, 0), None);
}

#[test]
fn the_speed_steps_through_the_menu_s_speeds() {
    let rates = [0.5, 0.75, 1.0, 1.25, 1.5, 2.0];
    assert_eq!(stepped_rate(&rates, 1.0, 1), 1.25);
    assert_eq!(stepped_rate(&rates, 1.0, -1), 0.75);
    assert_eq!(stepped_rate(&rates, 2.0, 1), 2.0);
    assert_eq!(stepped_rate(&rates, 0.5, -1), 0.5);
    assert_eq!(stepped_rate(&rates, 1.1, 1), 1.25);
    assert_eq!(stepped_rate(&rates, 1.1, -1), 1.0);
}

#[test]
fn the_sheet_says_each_action_in_both_languages() {
    for Shortcut { action, .. } in CALL_KEYS {
        let (zh, en) = (action.sentence(Locale::ZhCn), action.sentence(Locale::En));
        assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{action:?}");
    }
    for Shortcut { action, .. } in LIST_KEYS {
        assert_ne!(action.sentence(Locale::ZhCn), action.sentence(Locale::En));
    }
}
