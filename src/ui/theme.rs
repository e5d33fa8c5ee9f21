//! The one place where meaning becomes style. Panes ask the theme for "a quote",
//! "a place", "the current mention" and never name a colour themselves.
//!
//! Every meaning carries a non-colour cue (bold, italic, underline, reverse,
//! dim), so with `NO_COLOR` set ([`Theme::plain`]) nothing is lost but the colours.

use crate::model::EntityKind;
use ratatui::style::{Color, Modifier, Style};

/// Styles for every meaning the panes draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Ordinary body text.
    pub text: Style,
    /// The article title in the body.
    pub title: Style,
    /// Source, date, author, url under the title.
    pub meta: Style,
    /// The `+2` in a list row: the article also came from other sources.
    pub also_in: Style,
    /// Quoted speech.
    pub quote: Style,
    /// Added to the quote reached with `]`/`[`.
    pub current_quote: Style,
    /// The `— Speaker` line after a quote.
    pub attribution: Style,
    pub person: Style,
    pub organization: Style,
    pub place: Style,
    pub other: Style,
    /// Added to every mention of the selected entity.
    pub selected_mention: Style,
    /// Added to the current mention.
    pub current_mention: Style,
    /// Added to every match of the body search.
    pub search_match: Style,
    /// Added to the current match of the body search (on top of `search_match`).
    pub current_match: Style,
    /// The prompt's cursor (`/` and `:`).
    pub prompt_cursor: Style,
    /// Border of an unfocused pane.
    pub border: Style,
    /// Border and title of the focused pane.
    pub border_focused: Style,
    /// Scroll position and other quiet notes in borders.
    pub dim: Style,
    /// The list or sidebar cursor in the focused pane.
    pub cursor: Style,
    /// The list or sidebar cursor in an unfocused pane.
    pub cursor_unfocused: Style,
    /// The open article's title in the list.
    pub open_article: Style,
    /// Sidebar group headings.
    pub heading: Style,
    /// Mention and article counts.
    pub count: Style,
    /// Where the reader is, at the left of the status line.
    pub status_position: Style,
    /// The message the last action left.
    pub status_message: Style,
    /// "N files skipped" and other things that need attention.
    pub warning: Style,
    /// A key in the status hints or help.
    pub key: Style,
    /// What a key does, in the status hints.
    pub hint: Style,
}

impl Theme {
    /// The theme for this environment: [`Theme::plain`] when `NO_COLOR` is set
    /// to anything non-empty (<https://no-color.org>), else [`Theme::colored`].
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color {
            Theme::plain()
        } else {
            Theme::colored()
        }
    }

    /// Colours plus the non-colour cues.
    pub fn colored() -> Theme {
        let plain = Theme::plain();
        // No white or black anywhere: the reader's own foreground and
        // background stay readable on light and dark terminals alike.
        let fg = |style: Style, color: Color| style.fg(color);
        Theme {
            meta: fg(plain.meta, Color::Gray),
            also_in: fg(plain.also_in, Color::Cyan),
            quote: fg(plain.quote, Color::Yellow),
            attribution: fg(plain.attribution, Color::Yellow),
            // In colour, a mention is told by its colour alone; underline is for NO_COLOR.
            person: Style::new().fg(Color::Cyan),
            organization: Style::new().fg(Color::Magenta),
            place: Style::new().fg(Color::Green),
            other: Style::new().fg(Color::Blue),
            selected_mention: plain.selected_mention.bg(Color::DarkGray),
            // Reversed: the colour becomes the match's background.
            search_match: fg(plain.search_match, Color::Yellow),
            current_match: fg(plain.current_match, Color::LightRed),
            border_focused: fg(plain.border_focused, Color::Cyan),
            count: fg(plain.count, Color::DarkGray),
            status_message: fg(plain.status_message, Color::Yellow),
            warning: fg(plain.warning, Color::Red),
            key: fg(plain.key, Color::Cyan),
            ..plain
        }
    }

    /// Modifiers only, for `NO_COLOR`.
    pub fn plain() -> Theme {
        let m = |modifier: Modifier| Style::new().add_modifier(modifier);
        Theme {
            text: Style::new(),
            title: m(Modifier::BOLD),
            meta: m(Modifier::DIM),
            also_in: m(Modifier::BOLD),
            quote: m(Modifier::ITALIC),
            current_quote: m(Modifier::BOLD),
            attribution: m(Modifier::ITALIC | Modifier::DIM),
            person: m(Modifier::UNDERLINED),
            organization: m(Modifier::UNDERLINED),
            place: m(Modifier::UNDERLINED),
            other: m(Modifier::UNDERLINED),
            selected_mention: m(Modifier::BOLD | Modifier::UNDERLINED),
            current_mention: m(Modifier::REVERSED | Modifier::BOLD),
            search_match: m(Modifier::REVERSED),
            current_match: m(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            prompt_cursor: m(Modifier::REVERSED),
            border: m(Modifier::DIM),
            border_focused: m(Modifier::BOLD),
            dim: m(Modifier::DIM),
            cursor: m(Modifier::REVERSED),
            cursor_unfocused: m(Modifier::UNDERLINED),
            open_article: m(Modifier::BOLD),
            heading: m(Modifier::BOLD | Modifier::UNDERLINED),
            count: m(Modifier::DIM),
            status_position: m(Modifier::BOLD),
            status_message: m(Modifier::ITALIC),
            warning: m(Modifier::BOLD),
            key: m(Modifier::BOLD),
            hint: m(Modifier::DIM),
        }
    }

    /// The style of a mention of an entity of `kind`.
    pub fn kind(&self, kind: EntityKind) -> Style {
        match kind {
            EntityKind::Person => self.person,
            EntityKind::Organization => self.organization,
            EntityKind::Place => self.place,
            EntityKind::Other => self.other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_theme_has_no_colour_but_a_cue_for_every_meaning() {
        let t = Theme::plain();
        let meanings = [
            t.title,
            t.meta,
            t.quote,
            t.current_quote,
            t.attribution,
            t.person,
            t.organization,
            t.place,
            t.other,
            t.selected_mention,
            t.current_mention,
            t.search_match,
            t.current_match,
            t.prompt_cursor,
            t.border,
            t.border_focused,
            t.cursor,
            t.cursor_unfocused,
            t.open_article,
            t.heading,
            t.status_message,
            t.warning,
            t.key,
        ];
        for style in meanings {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
            assert!(!style.add_modifier.is_empty(), "{style:?} has no cue");
        }
        // Telling apart what sits side by side in the body.
        assert_ne!(t.quote, t.text);
        assert_ne!(t.place, t.selected_mention);
        assert_ne!(t.selected_mention, t.current_mention);
    }

    #[test]
    fn colored_theme_keeps_the_cues_that_matter_without_colour() {
        let c = Theme::colored();
        let p = Theme::plain();
        assert!(c.quote.add_modifier.contains(Modifier::ITALIC));
        assert!(c.current_mention.add_modifier.contains(Modifier::REVERSED));
        assert!(
            c.selected_mention
                .add_modifier
                .contains(p.selected_mention.add_modifier)
        );
        assert_ne!(c.person.fg, c.place.fg);
    }
}
