//! The `[keys]` section: `action = ["key", ...]` wherever the action is
//! bound, and `[keys.<context>]` tables for one context (`overlay`,
//! `always`, ...). Read into [`Rebinding`]s; [`Keymap::rebound`] applies them.

use super::Reader;
use crate::action::Action;
use crate::keymap::{Context, Key, Keymap, Rebinding};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What a key may be written as, for the problem that names a bad one.
const KEY_NAMES: &str = "a single character, ctrl-<character>, enter, esc, tab, backtab, space, up, down, left, right, home, end, pgup, pgdn";

/// The rebindings of `[keys]`, each with where it is in the file.
pub(super) fn read(reader: &mut Reader<'_>, table: &DeTable<'_>) -> Vec<(Rebinding, Range<usize>)> {
    let mut out = Vec::new();
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        if let DeValue::Table(inner) = value.get_ref() {
            let Some(context) = Context::from_name(name) else {
                let contexts: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                reader.unknown(key, "context [keys.…]", &contexts);
                continue;
            };
            for (key, value) in inner {
                out.extend(rebinding(reader, Some(context), key, value));
            }
        } else {
            out.extend(rebinding(reader, None, key, value));
        }
    }
    out
}

/// One `action = keys` line, or a problem.
fn rebinding(
    reader: &mut Reader<'_>,
    context: Option<Context>,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
) -> Option<(Rebinding, Range<usize>)> {
    let Some(action) = Action::from_name(key.get_ref()) else {
        let actions: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        reader.unknown(key, "action", &actions);
        return None;
    };
    let written: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::String(_) => vec![value],
        DeValue::Array(array) => array.iter().collect(),
        _ => {
            reader.expected(key, value, "a list of keys such as [\"n\", \"*\"]");
            return None;
        }
    };
    let mut keys = Vec::new();
    for item in written {
        match item.get_ref().as_str() {
            Some(text) => match Key::parse(text) {
                Some(k) => keys.push(k),
                None => reader.problem(
                    item.span(),
                    format!(
                        "`{}`: unknown key \"{text}\" (a key is {KEY_NAMES}); left out",
                        key.get_ref()
                    ),
                ),
            },
            None => reader.expected(key, item, "a key as a string such as \"n\""),
        }
    }
    Some((
        Rebinding {
            context,
            action,
            keys,
        },
        key.span(),
    ))
}

/// Writes `[keys]` and its context tables with `keymap`'s keys.
pub(super) fn print(out: &mut String, keymap: &Keymap) {
    out.push_str(
        "[keys]\n\
         # action = [\"key\", ...]. A key is a single character (upper case is Shift), ctrl-<character>,\n\
         # or one of enter, esc, tab, backtab, space, up, down, left, right, home, end, pgup, pgdn.\n\
         # These apply wherever the action is bound outside overlays; [keys.<context>] binds it in one\n\
         # context only: always, move, list, sidebar, reader, overlay. A key given here leaves the\n\
         # action it had; [] unbinds an action.\n",
    );
    let write = |out: &mut String, context: Option<Context>| {
        for &action in Action::ALL {
            let row = keymap.rows().iter().find(|row| {
                row.action == action
                    && match context {
                        Some(c) => row.context == c,
                        None => !matches!(row.context, Context::Always | Context::Overlay),
                    }
            });
            if let Some(row) = row {
                let keys: Vec<String> =
                    row.keys.iter().map(|k| format!("{:?}", k.name())).collect();
                out.push_str(&format!(
                    "# {}\n{} = [{}]\n",
                    row.description,
                    action.name(),
                    keys.join(", ")
                ));
            }
        }
    };
    write(out, None);
    for context in [Context::Overlay, Context::Always] {
        out.push_str(&format!("\n[keys.{}]\n", context.name()));
        write(out, Some(context));
    }
}
