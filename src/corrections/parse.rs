//! Reads `entities.toml` into [`Corrections`]: one table per entity, keyed by
//! its name, read key by key with the place of every value, so a bad line is
//! reported with its line and column and skipped while the rest still apply
//! (as `config.toml` is read, through the same problem reporter).

use super::{Corrections, Split, kind_named};
use crate::config::{Problem, Reader};
use std::borrow::Cow;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The keys an entity's table may hold.
const KEYS: &[&str] = &["merge", "aliases", "kind", "hide", "split"];

/// The kinds a file may name.
const KINDS: &str = "person, organization, place, other";

type Key<'a> = Spanned<Cow<'a, str>>;
type Value<'a> = Spanned<DeValue<'a>>;

/// Reads corrections text; `file` names it in the problems. A file that is
/// not TOML gives one problem and no correction.
pub fn parse(text: &str, file: &str) -> (Corrections, Vec<Problem>) {
    let mut reader = Reader::new(text, file);
    let mut corrections = Corrections::default();
    match DeTable::parse(text) {
        Ok(document) => {
            let mut merges = Vec::new();
            for (key, value) in document.get_ref() {
                if let Some(table) = reader.table(key, value) {
                    entity(&mut reader, key, table, &mut corrections, &mut merges);
                }
            }
            corrections.merges = resolve_merges(&mut reader, merges);
        }
        Err(error) => reader.not_toml(&error, "no correction applied"),
    }
    (corrections, reader.into_problems())
}

/// One merge as the file says it: `from` into `into`, `from` written at `span`.
struct Merge {
    from: String,
    into: String,
    span: Range<usize>,
}

/// Reads the table of the entity called `key`.
fn entity(
    reader: &mut Reader<'_>,
    key: &Key<'_>,
    table: &DeTable<'_>,
    corrections: &mut Corrections,
    merges: &mut Vec<Merge>,
) {
    let name = key.get_ref().as_ref();
    if name.trim().is_empty() {
        reader.problem(key.span(), "an entity needs a name; ignored".to_string());
        return;
    }
    for (field, value) in table {
        match field.get_ref().as_ref() {
            "merge" => {
                for (from, span) in strings(reader, field, value) {
                    if from == name {
                        reader.problem(span, format!("`{name}` cannot merge into itself; ignored"));
                    } else {
                        merges.push(Merge {
                            from,
                            into: name.to_string(),
                            span,
                        });
                    }
                }
            }
            "aliases" => {
                for (phrase, _) in strings(reader, field, value) {
                    corrections.aliases.push((phrase, name.to_string()));
                }
            }
            "kind" => {
                if let Some(kind) = kind(reader, field, value) {
                    corrections.kinds.insert(name.to_string(), kind);
                }
            }
            "hide" => {
                let mut hide = false;
                reader.boolean(field, value, &mut hide);
                if hide {
                    corrections.hidden.insert(name.to_string());
                }
            }
            "split" => split(reader, name, field, value, corrections),
            _ => reader.unknown(field, &format!("key in [\"{name}\"]"), KEYS),
        }
    }
}

/// `split = { "Universal Studio" = "organization" }`: each alias out of
/// `name` into an entity of its own, of the kind given.
fn split(
    reader: &mut Reader<'_>,
    name: &str,
    field: &Key<'_>,
    value: &Value<'_>,
    corrections: &mut Corrections,
) {
    let Some(table) = value.get_ref().as_table() else {
        reader.expected(field, value, "a table of alias = \"kind\"");
        return;
    };
    for (alias, kind_value) in table {
        let alias_name = alias.get_ref().as_ref();
        if alias_name.trim().is_empty() || alias_name == name {
            reader.problem(
                alias.span(),
                format!("`{alias_name}` cannot be split out of `{name}`; ignored"),
            );
        } else if let Some(kind) = kind(reader, alias, kind_value) {
            corrections.splits.push(Split {
                from: name.to_string(),
                alias: alias_name.to_string(),
                kind,
            });
        }
    }
}

/// A kind, or a problem naming the valid ones.
fn kind(
    reader: &mut Reader<'_>,
    field: &Key<'_>,
    value: &Value<'_>,
) -> Option<crate::model::EntityKind> {
    let Some(text) = value.get_ref().as_str() else {
        reader.expected(field, value, &format!("one of {KINDS}"));
        return None;
    };
    let kind = kind_named(text);
    if kind.is_none() {
        reader.problem(
            value.span(),
            format!("unknown kind \"{text}\" (valid: {KINDS}); ignored"),
        );
    }
    kind
}

/// A string or an array of strings, each with its place; anything else is a
/// problem (an empty string too, which would match nothing).
fn strings(
    reader: &mut Reader<'_>,
    field: &Key<'_>,
    value: &Value<'_>,
) -> Vec<(String, Range<usize>)> {
    let items: Vec<&Value<'_>> = match value.get_ref() {
        DeValue::String(_) => vec![value],
        DeValue::Array(array) => array.iter().collect(),
        _ => {
            reader.expected(field, value, "a name or a list of names");
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for item in items {
        match item.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => out.push((s.to_string(), item.span())),
            _ => reader.expected(field, item, "a name (a non-empty string)"),
        }
    }
    out
}

/// Follows merge chains to their end (`Blair` into `Mr Blair` into `Tony
/// Blair` is `Blair` into `Tony Blair`). A name merged into two entities
/// keeps the first; a merge that would close a cycle is reported and left out.
fn resolve_merges(
    reader: &mut Reader<'_>,
    merges: Vec<Merge>,
) -> std::collections::BTreeMap<String, String> {
    let mut into: std::collections::BTreeMap<String, String> = Default::default();
    for merge in merges {
        if let Some(first) = into.get(&merge.from) {
            let message = format!(
                "`{}` is merged into `{first}` already; not also into `{}`",
                merge.from, merge.into
            );
            reader.problem(merge.span, message);
            continue;
        }
        // Where `into` leads now: back to `from` would make a cycle.
        let mut end = merge.into.as_str();
        let mut chain = vec![merge.from.as_str(), end];
        while let Some(next) = into.get(end) {
            end = next;
            chain.push(end);
            if end == merge.from {
                break;
            }
        }
        if end == merge.from {
            let message = format!("merge cycle ({}); ignored", chain.join(" → "));
            reader.problem(merge.span, message);
            continue;
        }
        into.insert(merge.from, merge.into);
    }
    // Every name straight to the end of its chain (no cycle is left).
    let ends: Vec<(String, String)> = into
        .keys()
        .map(|from| {
            let mut end = from;
            while let Some(next) = into.get(end) {
                end = next;
            }
            (from.clone(), end.clone())
        })
        .collect();
    ends.into_iter().collect()
}
