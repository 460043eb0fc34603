//! Who the proxy says is asking: the operator's name and role, from the headers of every
//! `/apiOpen/` answer, handed on to whoever listens (the app shell keeps it in its state).

use crate::i18n::Locale;
use std::cell::RefCell;
use std::rc::Rc;

/// The operator's name, percent-encoded UTF-8 (`encodeURIComponent`).
pub const OPERATOR_HEADER: &str = "X-Tanyi-Operator";
/// The operator's role: `viewer` or `supervisor`.
pub const ROLE_HEADER: &str = "X-Tanyi-Role";

/// What the proxy lets an operator see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Phone numbers come masked by the proxy.
    Viewer,
    /// Answers come unchanged.
    Supervisor,
}

impl Role {
    /// The role a header names. Anything but `supervisor` is a viewer, as the proxy treats it.
    pub fn from_header(value: &str) -> Role {
        if value.trim().eq_ignore_ascii_case("supervisor") {
            Role::Supervisor
        } else {
            Role::Viewer
        }
    }

    /// The role's name in the user's language.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Role::Viewer => locale.pick("查看员", "viewer"),
            Role::Supervisor => locale.pick("主管", "supervisor"),
        }
    }
}

/// The operator and role of the latest answer. Both absent with no sign-in (auth mode
/// `none` names no operator) or an older proxy (no headers at all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Session {
    /// The operator's name, decoded; `None` when absent or blank.
    pub operator: Option<String>,
    /// The role the proxy applies; `None` when it does not say.
    pub role: Option<Role>,
}

impl Session {
    /// Reads the two headers as sent (either may be absent).
    pub fn from_headers(operator: Option<&str>, role: Option<&str>) -> Session {
        let operator = operator
            .map(|raw| {
                percent_encoding::percent_decode_str(raw.trim())
                    .decode_utf8_lossy()
                    .trim()
                    .to_string()
            })
            .filter(|name| !name.is_empty());
        Session {
            operator,
            role: role.map(Role::from_header),
        }
    }

    /// The signed-in operator and the role to show with the name (a name without a role
    /// is a viewer, as the proxy treats it); `None` when nobody is named.
    pub fn signed_in(&self) -> Option<(&str, Role)> {
        let name = self.operator.as_deref()?;
        Some((name, self.role.unwrap_or(Role::Viewer)))
    }

    /// Whether the proxy hides whole phone numbers from this operator.
    pub fn proxy_masks_phones(&self) -> bool {
        self.role == Some(Role::Viewer)
    }
}

type Listener = Rc<dyn Fn(Session)>;

thread_local! {
    // The client has no reactive context to put the session in: the shell hands it this.
    static LISTENER: RefCell<Option<(u64, Listener)>> = const { RefCell::new(None) };
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A registration made by [`listen`], for [`stop_listening`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Listening(u64);

/// Hands every later session to `listener`, instead of to the one before.
pub fn listen(listener: impl Fn(Session) + 'static) -> Listening {
    let id = NEXT_ID.with(|next| {
        let id = next.get().wrapping_add(1);
        next.set(id);
        id
    });
    LISTENER.with(|slot| *slot.borrow_mut() = Some((id, Rc::new(listener))));
    Listening(id)
}

/// Stops the listener of that registration (a newer one stays).
pub fn stop_listening(listening: Listening) {
    LISTENER.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.as_ref().is_some_and(|(id, _)| *id == listening.0) {
            *slot = None;
        }
    });
}

/// Hands a session to the listener, if any.
pub fn publish(session: Session) {
    let listener = LISTENER.with(|slot| slot.borrow().as_ref().map(|(_, l)| Rc::clone(l)));
    // Called outside the borrow: the listener may register another.
    if let Some(listener) = listener {
        listener(session);
    }
}
