//! A surname's particles stay with it: "von der Leyen said", after "Ursula
//! von der Leyen", is one mention of her whole surname, not "Leyen" with
//! "von der" left outside. The tagger learned names as capitalised words, so
//! it marks only the capitalised part when lower-case particles open the
//! mention ("de Gaulle", "bin Salman", "da Silva").

use super::entities::RawMention;
use super::names::is_surname_particle;
use crate::model::{EntityKind, Span};

/// Extends each person's mention back over the lower-case particles before
/// it when a person named in the article has those particles before those
/// words ("Ursula von der Leyen" makes "von der Leyen" of a later "Leyen"),
/// unless another mention stands there.
pub fn keep_particles(paragraphs: &[String], mentions: &mut [RawMention]) {
    let people = |m: &&RawMention| m.kind == EntityKind::Person;
    let surnames: Vec<&str> = mentions
        .iter()
        .filter(people)
        .filter_map(|m| m.text(paragraphs))
        .filter_map(surname_with_particles)
        .collect();
    if surnames.is_empty() {
        return;
    }
    let mut extended = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != EntityKind::Person {
            continue;
        }
        let Some(para) = paragraphs.get(m.span.paragraph) else {
            continue;
        };
        let Some(text) = para.get(m.span.range()) else {
            continue;
        };
        let before = &para[..m.span.start];
        let particles = surnames.iter().find_map(|surname| {
            let particles = surname.strip_suffix(text)?;
            let start = before.strip_suffix(particles)?.len();
            // Whole words: "xvon der Leyen" is not hers.
            let starts_a_word = before[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            (particles.ends_with(' ') && starts_a_word).then_some(start)
        });
        if let Some(start) = particles {
            extended.push((i, start));
        }
    }
    // Not over another mention ("bin" is never one, but a tagger's run may be).
    for (i, start) in extended {
        let span = mentions[i].span;
        let clear = !mentions.iter().any(|o| {
            o.span.paragraph == span.paragraph && o.span.start < span.start && o.span.end > start
        });
        if clear {
            mentions[i].span = Span::new(span.paragraph, start, span.end);
        }
    }
}

/// "von der Leyen" of "Ursula von der Leyen": the particles right before a
/// full name's last word, and that word, when a given name comes first
/// ("bin Salman" of "Abdulaziz bin Salman"; nothing of "Mohammed bin Rashid
/// Al Maktoum", whose last word follows a capitalised one).
fn surname_with_particles(name: &str) -> Option<&str> {
    let (rest, last) = name.rsplit_once(' ')?;
    if !last.starts_with(char::is_uppercase) {
        return None;
    }
    // Walk back over the particles before the last word: `start` ends at the
    // space before the first of them (none before it: no given name).
    let mut start = rest.len();
    for word in rest.rsplit(' ') {
        if !is_surname_particle(word) {
            break;
        }
        start = start.checked_sub(word.len() + 1)?;
    }
    (start < rest.len() && name[..start].starts_with(char::is_uppercase))
        .then(|| &name[start + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(paragraphs: &[String], p: usize, text: &str, nth: usize) -> RawMention {
        let start = paragraphs[p]
            .match_indices(text)
            .nth(nth)
            .map(|(at, _)| at)
            .expect("the text is there");
        RawMention {
            span: Span::new(p, start, start + text.len()),
            kind: EntityKind::Person,
            canonical: None,
        }
    }

    #[test]
    fn a_later_surname_keeps_the_particles_its_full_name_has() {
        let paragraphs = vec![
            "Ursula von der Leyen met Abdulaziz bin Salman.".to_string(),
            "Later von der Leyen and bin Salman spoke; Leyen alone stays.".to_string(),
        ];
        let mut mentions = vec![
            mention(&paragraphs, 0, "Ursula von der Leyen", 0),
            mention(&paragraphs, 0, "Abdulaziz bin Salman", 0),
            mention(&paragraphs, 1, "Leyen", 0),
            mention(&paragraphs, 1, "Salman", 0),
            mention(&paragraphs, 1, "Leyen", 1),
        ];
        keep_particles(&paragraphs, &mut mentions);
        let texts: Vec<&str> = mentions
            .iter()
            .filter_map(|m| m.text(&paragraphs))
            .collect();
        assert_eq!(
            texts,
            [
                "Ursula von der Leyen",
                "Abdulaziz bin Salman",
                "von der Leyen",
                "bin Salman",
                "Leyen"
            ]
        );
    }

    #[test]
    fn particles_are_kept_only_as_the_article_writes_a_full_name() {
        assert_eq!(
            surname_with_particles("Charles de Gaulle"),
            Some("de Gaulle")
        );
        assert_eq!(
            surname_with_particles("Luiz Inacio Lula da Silva"),
            Some("da Silva")
        );
        // No given name before them, nothing capitalised after them, a
        // capitalised word between, a one-letter "y".
        assert_eq!(surname_with_particles("de Gaulle"), None);
        assert_eq!(surname_with_particles("Jean de la"), None);
        assert_eq!(surname_with_particles("Tony Blair"), None);
        assert_eq!(
            surname_with_particles("Mohammed bin Rashid Al Maktoum"),
            None
        );
        assert_eq!(surname_with_particles("José Ortega y Gasset"), None);
        // A particle-shaped word elsewhere than in a name is not asked about:
        // only people's mentions are extended.
        let paragraphs = vec!["Ursula von der Leyen spoke of von der Leyen.".to_string()];
        let mut mentions = vec![mention(&paragraphs, 0, "Ursula von der Leyen", 0)];
        mentions.push(RawMention {
            kind: EntityKind::Place,
            ..mention(&paragraphs, 0, "Leyen", 1)
        });
        keep_particles(&paragraphs, &mut mentions);
        assert_eq!(mentions[1].text(&paragraphs), Some("Leyen"));
    }
}
