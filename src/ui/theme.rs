//! The one place where meaning becomes style. Panes ask the theme for "a quote",
//! "a place", "the current mention" and never name a colour themselves.
//!
//! Every meaning carries a non-colour cue (bold, italic, underline, reverse,
//! dim), so with `NO_COLOR` set ([`Theme::plain`]) nothing is lost but the colours.
//! The config file's `[colours]` ([`Colours`]) set the styles of the meanings
//! it names; without colour their modifiers stay, or lede's own cue when a
//! configured style has none.

use crate::config::{Colour, Colours, Modifiers, StyleSpec};
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
    /// The open article's title in the list (its cue is the `▶` before it;
    /// bold is for unread titles).
    pub open_article: Style,
    /// Added to an unread article's title in the list.
    pub unread: Style,
    /// The `★` before a starred article's title in the list.
    pub star: Style,
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
    /// The theme for this environment and the config's `colours`: without
    /// colour when `NO_COLOR` is set to anything non-empty (<https://no-color.org>).
    pub fn from_env(colours: &Colours) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::configured(colours, no_color)
    }

    /// The theme with the config's `colours` for the meanings it names; with
    /// `no_color`, only their modifiers (lede's own cue where there are none).
    pub fn configured(colours: &Colours, no_color: bool) -> Theme {
        let plain = Theme::plain();
        let base = if no_color {
            plain.clone()
        } else {
            Theme::uncoloured_meanings_coloured()
        };
        let style = |spec: StyleSpec, cue: Style| {
            if !no_color {
                to_style(spec)
            } else if spec.modifiers.is_empty() {
                cue
            } else {
                Style::new().add_modifier(modifier(spec.modifiers))
            }
        };
        Theme {
            quote: style(colours.quote, plain.quote),
            attribution: style(colours.speaker, plain.attribution),
            person: style(colours.person, plain.person),
            organization: style(colours.organization, plain.organization),
            place: style(colours.place, plain.place),
            other: style(colours.other, plain.other),
            selected_mention: style(colours.selected_entity, plain.selected_mention),
            current_mention: style(colours.current_mention, plain.current_mention),
            search_match: style(colours.search_match, plain.search_match),
            unread: style(colours.unread, plain.unread),
            star: style(colours.star, plain.star),
            ..base
        }
    }

    /// Colours plus the non-colour cues, with the default `[colours]`.
    pub fn colored() -> Theme {
        Theme::configured(&Colours::default(), false)
    }

    /// Colours for what the config does not name (borders, keys, warnings ...).
    fn uncoloured_meanings_coloured() -> Theme {
        let plain = Theme::plain();
        // No white or black anywhere: the reader's own foreground and
        // background stay readable on light and dark terminals alike.
        let fg = |style: Style, color: Color| style.fg(color);
        Theme {
            meta: fg(plain.meta, Color::Gray),
            also_in: fg(plain.also_in, Color::Cyan),
            border_focused: fg(plain.border_focused, Color::Cyan),
            count: fg(plain.count, Color::DarkGray),
            status_message: fg(plain.status_message, Color::Yellow),
            warning: fg(plain.warning, Color::Red),
            key: fg(plain.key, Color::Cyan),
            star: fg(plain.star, Color::Yellow),
            current_match: fg(plain.current_match, Color::LightRed),
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
            open_article: Style::new(),
            unread: m(Modifier::BOLD),
            star: m(Modifier::BOLD),
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

/// A config style as a ratatui style.
fn to_style(spec: StyleSpec) -> Style {
    let mut style = Style::new().add_modifier(modifier(spec.modifiers));
    if let Some(fg) = spec.fg {
        style = style.fg(color(fg));
    }
    if let Some(bg) = spec.bg {
        style = style.bg(color(bg));
    }
    style
}

fn color(colour: Colour) -> Color {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match colour {
        Colour::Named(i) => NAMED.get(usize::from(i)).copied().unwrap_or(Color::Reset),
        Colour::Indexed(i) => Color::Indexed(i),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

fn modifier(modifiers: Modifiers) -> Modifier {
    let pairs = [
        (Modifiers::BOLD, Modifier::BOLD),
        (Modifiers::DIM, Modifier::DIM),
        (Modifiers::ITALIC, Modifier::ITALIC),
        (Modifiers::UNDERLINED, Modifier::UNDERLINED),
        (Modifiers::REVERSED, Modifier::REVERSED),
        (Modifiers::CROSSED_OUT, Modifier::CROSSED_OUT),
    ];
    pairs
        .into_iter()
        .filter(|&(bit, _)| modifiers.contains(bit))
        .fold(Modifier::empty(), |all, (_, m)| all | m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_colours_are_lede_s_colours_and_without_colour_its_cues() {
        let colours = Colours::default();
        assert_eq!(Theme::configured(&colours, true), Theme::plain());
        let c = Theme::colored();
        assert_eq!(
            c.quote,
            Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::ITALIC)
        );
        assert_eq!(c.person, Style::new().fg(Color::Cyan));
        assert_eq!(
            c.selected_mention,
            Style::new()
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        );
        assert_eq!(
            c.search_match,
            Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::REVERSED)
        );
        assert_eq!(c.star.fg, Some(Color::Yellow));
        assert!(c.unread.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn configured_colours_drop_their_colour_but_keep_a_cue_without_colour() {
        let colours = Colours {
            person: StyleSpec::parse("#ff0000").expect("style"),
            quote: StyleSpec::parse("208 bold on blue").expect("style"),
            ..Colours::default()
        };
        let c = Theme::configured(&colours, false);
        assert_eq!(c.person, Style::new().fg(Color::Rgb(255, 0, 0)));
        assert_eq!(
            c.quote,
            Style::new()
                .fg(Color::Indexed(208))
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD)
        );
        let p = Theme::configured(&colours, true);
        assert_eq!(
            p.person,
            Theme::plain().person,
            "no modifier: lede's underline"
        );
        assert_eq!(p.quote, Style::new().add_modifier(Modifier::BOLD));
    }

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
            t.unread,
            t.star,
            t.heading,
            t.status_message,
            t.warning,
            t.key,
            t.search_match,
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
