//! Search queries as a reader writes them, made into tantivy queries over the
//! article index. Words must all occur (`iran sanctions`); "an exact phrase";
//! `AND`, `OR`, `NOT` (or `-word`) and parentheses; fields `title:`, `body:`,
//! `source:`, `url:`, `entity:`, `speaker:`, `kind:` (person, organization,
//! place, other: articles that name one); dates as `date:2024`, `date:2024-05`,
//! `date:2024-05-03`, or a range `date:2024-01..2024-06` (either end may be left
//! out). Words without a field are looked for in the title, the text, the
//! names and the source.

use super::store::ArticleStore;
use chrono::{Datelike, NaiveDate};
use tantivy::query::{Query, QueryParser};

/// A query that could not be read, said for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError(pub String);

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Fields a query may name.
pub const FIELDS: [&str; 8] = [
    "title", "body", "source", "url", "entity", "speaker", "kind", "date",
];

/// Reads `text` as a query over `store`'s articles.
///
/// # Errors
/// A query that does not parse, names an unknown field, or gives a date that
/// is not one: the message says what and where.
pub fn parse(store: &ArticleStore, text: &str) -> Result<Box<dyn Query>, QueryError> {
    let rewritten = rewrite(text)?;
    if rewritten.trim().is_empty() {
        return Err(QueryError("an empty query".to_string()));
    }
    let field = |name| {
        store
            .field(name)
            .ok_or_else(|| QueryError(format!("no field {name}")))
    };
    let defaults = vec![
        field("title")?,
        field("body")?,
        field("entity")?,
        field("source")?,
    ];
    let mut parser = QueryParser::for_index(store.index(), defaults);
    parser.set_conjunction_by_default();
    parser.set_field_boost(field("title")?, 2.0);
    parser.set_field_boost(field("entity")?, 1.5);
    parser.set_field_boost(field("title_pairs")?, 2.0);
    parser.set_field_boost(field("entity_pairs")?, 1.5);
    parser
        .parse_query(&rewritten)
        .map_err(|error| explain(&error))
}

/// The parser's complaint in a reader's words.
fn explain(error: &tantivy::query::QueryParserError) -> QueryError {
    use tantivy::query::QueryParserError as E;
    QueryError(match error {
        E::SyntaxError(_) => "the query does not read (unclosed quote or bracket?)".to_string(),
        E::FieldDoesNotExist(name) => {
            format!("no field {name} (fields are {})", FIELDS.join(", "))
        }
        E::AllButQueryForbidden => {
            "a query of only NOT terms finds nothing to exclude from".to_string()
        }
        other => format!("the query does not read: {other}"),
    })
}

/// Splits `text` into the query's words, keeping a quoted phrase (and the
/// field before it) as one.
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The words and phrases of `text` worth showing in a matching article's
/// text: every word and "phrase" searched for, without operators, excluded
/// terms (`NOT x`, `-x`) and fields that are not text (`kind:`, `date:`,
/// `url:`).
pub fn highlights(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut excluded = false;
    // Inside a group excluded whole (`NOT (a OR b)`, `-(a b)`): its depth.
    let mut excluded_group = 0usize;
    for word in words(text) {
        let (open, close) = (word.matches('(').count(), word.matches(')').count());
        if excluded_group > 0 {
            excluded_group = (excluded_group + open).saturating_sub(close);
            continue;
        }
        if matches!(word.as_str(), "AND" | "OR") {
            continue;
        }
        if word == "NOT" {
            excluded = true;
            continue;
        }
        let skip = std::mem::take(&mut excluded) || word.trim_start_matches('(').starts_with('-');
        if skip && word.trim_start_matches(['-', '+']).starts_with('(') && open > close {
            // A whole group excluded: nothing in it is highlighted.
            excluded_group = open - close;
            continue;
        }
        let word = word.trim_matches(|c| c == '(' || c == ')' || c == '+' || c == '-');
        let value = match word.split_once(':') {
            Some((name, value)) if FIELDS.contains(&name.to_ascii_lowercase().as_str()) => {
                let name = name.to_ascii_lowercase();
                if matches!(name.as_str(), "kind" | "date" | "url") {
                    continue;
                }
                value
            }
            _ => word,
        };
        let value = value.trim_matches('"').trim();
        if !skip && !value.is_empty() && !found.iter().any(|f| f == value) {
            found.push(value.to_string());
        }
    }
    found
}

/// The query with lede's own forms turned into tantivy's: dates and their
/// ranges, kind names in any case, field names in any case.
fn rewrite(text: &str) -> Result<String, QueryError> {
    let mut out = Vec::new();
    for word in words(text) {
        if let Some(pair) = word_pair(&word) {
            out.push(pair);
            continue;
        }
        // Parentheses may open a word: keep them in front of the field.
        let open = word.len() - word.trim_start_matches('(').len();
        let (lead, rest) = word.split_at(open);
        let Some((name, value)) = rest.split_once(':') else {
            out.push(word);
            continue;
        };
        let lower = name.to_ascii_lowercase();
        if !FIELDS.contains(&lower.as_str()) {
            // Not a field of ours: let tantivy say so, unless it is text
            // with a colon in it ("3:30").
            if name.chars().all(|c| c.is_ascii_alphabetic()) && !name.is_empty() {
                return Err(QueryError(format!(
                    "no field {name} (fields are {})",
                    FIELDS.join(", ")
                )));
            }
            out.push(format!("\"{}\"", word.replace('"', "")));
            continue;
        }
        let close = value.len() - value.trim_end_matches(')').len();
        let (value, trail) = value.split_at(value.len() - close);
        let value = match lower.as_str() {
            "date" => date_range(value)?,
            "kind" => kind(value)?,
            _ => value.to_string(),
        };
        out.push(format!("{lead}{lower}:{value}{trail}"));
    }
    // "a AND NOT b" is "a NOT b" to tantivy (which finds nothing for the former).
    out.dedup_by(|not, and| {
        and == "AND" && not == "NOT" && {
            *and = std::mem::take(not);
            true
        }
    });
    Ok(out.join(" "))
}

/// A phrase of two words (`"supreme leader"`, `title:"supreme leader"`,
/// also after `-` or `(`) in the title, the text or the names, as the one term
/// of their word pairs ([`super::pairs`]) that it is: the same articles as
/// the phrase, without reading where each word stands in every article that
/// has both. Without a field, the source's phrase goes beside them (a source
/// is a few words: its phrase reads little).
fn word_pair(word: &str) -> Option<String> {
    let lead_len = word.len() - word.trim_start_matches(['(', '-', '+']).len();
    let (lead, rest) = word.split_at(lead_len);
    let trail_len = rest.len() - rest.trim_end_matches(')').len();
    let (rest, trail) = rest.split_at(rest.len() - trail_len);
    let (pairs, phrase) = match rest.split_once(':') {
        Some((name, phrase)) => (pairs_of(name)?, phrase),
        None => ("", rest),
    };
    let inner = phrase.strip_prefix('"')?.strip_suffix('"')?;
    if inner.contains('"') || super::pairs::word_count(inner) != 2 {
        return None;
    }
    Some(if pairs.is_empty() {
        format!(
            "{lead}(title_pairs:{phrase} OR pairs:{phrase} OR entity_pairs:{phrase} \
             OR source:{phrase}){trail}"
        )
    } else {
        format!("{lead}{pairs}:{phrase}{trail}")
    })
}

/// The field of word pairs of the field `name`, if it has one.
fn pairs_of(name: &str) -> Option<&'static str> {
    match name.to_ascii_lowercase().as_str() {
        "body" => Some("pairs"),
        "title" => Some("title_pairs"),
        "entity" => Some("entity_pairs"),
        _ => None,
    }
}

/// `person`, `people`, `org`, `organisation` ... as the index writes kinds.
fn kind(value: &str) -> Result<String, QueryError> {
    let lower = value.trim_matches('"').to_lowercase();
    let kind = match lower.as_str() {
        "person" | "people" | "per" => "person",
        "organization" | "organisation" | "organizations" | "organisations" | "org" => {
            "organization"
        }
        "place" | "places" | "loc" | "location" => "place",
        "other" | "misc" => "other",
        _ => {
            return Err(QueryError(format!(
                "kind:{value}? kinds are person, organization, place, other"
            )));
        }
    };
    Ok(kind.to_string())
}

/// A date or a range of dates as a tantivy range over whole days:
/// `2024` is the year, `2024-05` the month, `2024-05-03` the day, and
/// `A..B` runs from the start of A to the end of B.
fn date_range(value: &str) -> Result<String, QueryError> {
    let (from, to) = match value.split_once("..") {
        Some((from, to)) => (from, to),
        None => (value, value),
    };
    let start = if from.is_empty() {
        "*".to_string()
    } else {
        rfc3339(period(from)?.0)
    };
    let end = if to.is_empty() {
        "*".to_string()
    } else {
        rfc3339(period(to)?.1)
    };
    if from.is_empty() && to.is_empty() {
        return Err(QueryError("date:.. needs a date on one side".to_string()));
    }
    Ok(format!("[{start} TO {end}}}"))
}

fn rfc3339(day: NaiveDate) -> String {
    format!("{}T00:00:00Z", day.format("%Y-%m-%d"))
}

/// The first day of a year, month or day, and the day after its end.
fn period(text: &str) -> Result<(NaiveDate, NaiveDate), QueryError> {
    let bad = || {
        QueryError(format!(
            "date:{text}? write a year, a month or a day: 2024, 2024-05, 2024-05-03"
        ))
    };
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let year = i32::try_from(number(parts[0])?).map_err(|_| bad())?;
    match parts.len() {
        1 => Ok((
            NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?,
            NaiveDate::from_ymd_opt(year + 1, 1, 1).ok_or_else(bad)?,
        )),
        2 => {
            let first = NaiveDate::from_ymd_opt(year, number(parts[1])?, 1).ok_or_else(bad)?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, first.month() + 1, 1)
            };
            Ok((first, next.ok_or_else(bad)?))
        }
        3 => {
            let day = NaiveDate::from_ymd_opt(year, number(parts[1])?, number(parts[2])?)
                .ok_or_else(bad)?;
            Ok((day, day.succ_opt().ok_or_else(bad)?))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_phrases_whole() {
        assert_eq!(
            words(r#"iran "supreme leader"  title:"a b" x"#),
            vec!["iran", "\"supreme leader\"", "title:\"a b\"", "x"]
        );
    }

    #[test]
    fn two_word_phrases_become_the_term_of_their_word_pair() {
        assert_eq!(
            rewrite("iran \"Supreme Leader\"").unwrap(),
            "iran (title_pairs:\"Supreme Leader\" OR pairs:\"Supreme Leader\" \
             OR entity_pairs:\"Supreme Leader\" OR source:\"Supreme Leader\")"
        );
        assert_eq!(
            rewrite("-body:\"oil price\")").unwrap(),
            "-pairs:\"oil price\")"
        );
        assert_eq!(
            rewrite("(Title:\"oil price\" entity:\"ali khamenei\"").unwrap(),
            "(title_pairs:\"oil price\" entity_pairs:\"ali khamenei\""
        );
        // One word, three words, another field: as they were.
        for query in ["\"iran\"", "\"the supreme leader\"", "source:\"oil price\""] {
            assert_eq!(rewrite(query).unwrap(), query);
        }
    }

    #[test]
    fn dates_become_day_ranges() {
        assert_eq!(
            rewrite("date:2024").unwrap(),
            "date:[2024-01-01T00:00:00Z TO 2025-01-01T00:00:00Z}"
        );
        assert_eq!(
            rewrite("date:2024-12").unwrap(),
            "date:[2024-12-01T00:00:00Z TO 2025-01-01T00:00:00Z}"
        );
        assert_eq!(
            rewrite("(Date:2024-02-28..2024-03)").unwrap(),
            "(date:[2024-02-28T00:00:00Z TO 2024-04-01T00:00:00Z})"
        );
        assert_eq!(
            rewrite("date:..2003").unwrap(),
            "date:[* TO 2004-01-01T00:00:00Z}"
        );
        assert!(rewrite("date:2024-13").is_err());
        assert!(rewrite("date:yesterday").is_err());
        assert!(rewrite("date:..").is_err());
    }

    #[test]
    fn kinds_and_fields_are_read_in_any_case() {
        assert_eq!(
            rewrite("KIND:Organisation Title:iran").unwrap(),
            "kind:organization title:iran"
        );
        assert!(rewrite("kind:animal").is_err());
        assert_eq!(
            rewrite("writer:smith").unwrap_err().0,
            "no field writer (fields are title, body, source, url, entity, speaker, kind, date)"
        );
        assert_eq!(rewrite("a AND NOT b AND c").unwrap(), "a NOT b AND c");
        // A colon inside a word is not a field.
        assert_eq!(rewrite("3:30").unwrap(), "\"3:30\"");
    }

    #[test]
    fn highlights_are_the_words_searched_for() {
        assert_eq!(
            highlights(r#"(iran OR tehran) "supreme leader" NOT sanctions -oil"#),
            vec!["iran", "tehran", "supreme leader"]
        );
        assert_eq!(
            highlights("Entity:Ofcom kind:organization date:2005 title:\"bt deal\" url:x 3:30"),
            vec!["Ofcom", "bt deal", "3:30"]
        );
        assert_eq!(highlights("a AND a"), vec!["a"]);
        assert!(highlights("NOT x").is_empty());
        // Excluded words and groups, bracketed or not.
        assert_eq!(highlights("iran (-oil)"), vec!["iran"]);
        assert_eq!(
            highlights("iran NOT (oil OR (gas prices)) tehran"),
            vec!["iran", "tehran"]
        );
        assert_eq!(highlights("-(oil gas) iran"), vec!["iran"]);
    }
}
