//! The `[colours]` section: one style per meaning, written as a string of
//! words — a colour for the text, `on <colour>` for the background, and
//! modifiers — such as `"yellow italic"` or `"bold on #303030"`. Colours are
//! ratatui's names, `#rrggbb` or an index 0–255. Kept as lede's own types;
//! `ui::theme` makes ratatui styles of them.

use super::Reader;
use std::fmt;
use toml::de::DeTable;

/// A terminal colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// One of the 16 named colours, by its index in [`NAMES`].
    Named(u8),
    /// An index into the 256-colour palette.
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The named colours, in ANSI order (as ratatui names them).
pub const NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

impl Colour {
    fn parse(word: &str) -> Option<Colour> {
        if let Some(hex) = word.strip_prefix('#') {
            let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
            if hex.len() != 6 {
                return None;
            }
            return Some(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?));
        }
        if let Ok(index) = word.parse::<u8>() {
            return Some(Colour::Indexed(index));
        }
        let name: String = word
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .collect::<String>()
            .to_ascii_lowercase()
            .replace("grey", "gray");
        let index = NAMES.iter().position(|n| *n == name)?;
        u8::try_from(index).ok().map(Colour::Named)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Colour::Named(i) => f.write_str(NAMES.get(usize::from(i)).copied().unwrap_or("gray")),
            Colour::Indexed(i) => write!(f, "{i}"),
            Colour::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

/// Text modifiers, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers(pub u8);

impl Modifiers {
    pub const BOLD: u8 = 1;
    pub const DIM: u8 = 2;
    pub const ITALIC: u8 = 4;
    pub const UNDERLINED: u8 = 8;
    pub const REVERSED: u8 = 16;
    pub const CROSSED_OUT: u8 = 32;

    /// The modifiers' names, each with its bit, in the order they are written.
    pub const NAMES: [(&str, u8); 6] = [
        ("bold", Self::BOLD),
        ("dim", Self::DIM),
        ("italic", Self::ITALIC),
        ("underlined", Self::UNDERLINED),
        ("reversed", Self::REVERSED),
        ("crossed_out", Self::CROSSED_OUT),
    ];

    pub fn contains(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn parse(word: &str) -> Option<u8> {
        let word = match word {
            "underline" => "underlined",
            "reverse" => "reversed",
            "crossedout" | "crossed-out" | "strikethrough" => "crossed_out",
            w => w,
        };
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == word)
            .map(|&(_, bit)| bit)
    }
}

/// One meaning's style: text colour, background, modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StyleSpec {
    pub fg: Option<Colour>,
    pub bg: Option<Colour>,
    pub modifiers: Modifiers,
}

impl StyleSpec {
    /// Reads `"yellow italic"`, `"bold on darkgray"`, `"#ff8800"`, `"208 reversed"`;
    /// `""` or `"default"` is no style at all. The error says which word is wrong.
    pub fn parse(text: &str) -> Result<StyleSpec, String> {
        let mut spec = StyleSpec::default();
        let mut words = text.split_whitespace();
        while let Some(word) = words.next() {
            let lower = word.to_ascii_lowercase();
            if lower == "default" {
                continue;
            }
            if lower == "on" {
                let Some(colour) = words.next() else {
                    return Err("\"on\" needs a colour after it".to_string());
                };
                spec.bg = Some(Colour::parse(colour).ok_or_else(|| unknown_word(colour))?);
            } else if let Some(bit) = Modifiers::parse(&lower) {
                spec.modifiers.0 |= bit;
            } else if let Some(colour) = Colour::parse(&lower) {
                if spec.fg.is_some() {
                    return Err(format!(
                        "two text colours (\"{word}\"); use \"on {word}\" for the background"
                    ));
                }
                spec.fg = Some(colour);
            } else {
                return Err(unknown_word(word));
            }
        }
        Ok(spec)
    }
}

fn unknown_word(word: &str) -> String {
    format!(
        "\"{word}\" is neither a colour ({}, #rrggbb, 0-255) nor a modifier ({})",
        NAMES.join(", "),
        Modifiers::NAMES.map(|(n, _)| n).join(", ")
    )
}

impl fmt::Display for StyleSpec {
    /// As the config file writes it, which [`StyleSpec::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words: Vec<String> = Vec::new();
        words.extend(self.fg.map(|c| c.to_string()));
        for (name, bit) in Modifiers::NAMES {
            if self.modifiers.contains(bit) {
                words.push(name.to_string());
            }
        }
        if let Some(bg) = self.bg {
            words.push(format!("on {bg}"));
        }
        f.write_str(&words.join(" "))
    }
}

/// The configurable meanings' styles (with colour; `NO_COLOR` keeps only
/// their modifiers, or lede's own cue where a style has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colours {
    pub quote: StyleSpec,
    /// The `— Speaker` line after a quote.
    pub speaker: StyleSpec,
    pub person: StyleSpec,
    pub organization: StyleSpec,
    pub place: StyleSpec,
    pub other: StyleSpec,
    /// Every mention of the selected entity.
    pub selected_entity: StyleSpec,
    pub current_mention: StyleSpec,
    pub search_match: StyleSpec,
    /// An unread article in the list.
    pub unread: StyleSpec,
    /// The star of a starred article.
    pub star: StyleSpec,
}

/// `(fg, modifiers, bg)` as a spec, for the defaults.
const fn spec(fg: Option<Colour>, modifiers: u8, bg: Option<Colour>) -> StyleSpec {
    StyleSpec {
        fg,
        bg,
        modifiers: Modifiers(modifiers),
    }
}

const fn named(index: u8) -> Option<Colour> {
    Some(Colour::Named(index))
}

const GREEN: u8 = 2;
const YELLOW: u8 = 3;
const BLUE: u8 = 4;
const MAGENTA: u8 = 5;
const CYAN: u8 = 6;
const DARK_GRAY: u8 = 8;

impl Default for Colours {
    fn default() -> Self {
        use Modifiers as M;
        Colours {
            quote: spec(named(YELLOW), M::ITALIC, None),
            speaker: spec(named(YELLOW), M::ITALIC | M::DIM, None),
            // In colour a mention is told by its colour alone; NO_COLOR underlines it.
            person: spec(named(CYAN), 0, None),
            organization: spec(named(MAGENTA), 0, None),
            place: spec(named(GREEN), 0, None),
            other: spec(named(BLUE), 0, None),
            selected_entity: spec(None, M::BOLD | M::UNDERLINED, named(DARK_GRAY)),
            current_mention: spec(None, M::BOLD | M::REVERSED, None),
            search_match: spec(named(YELLOW), M::REVERSED, None),
            unread: spec(None, M::BOLD, None),
            star: spec(named(YELLOW), M::BOLD, None),
        }
    }
}

impl Colours {
    /// Every meaning: its key in the file, what it colours, and its style.
    pub fn entries(&self) -> [(&'static str, &'static str, StyleSpec); 11] {
        [
            ("quote", "quoted speech", self.quote),
            (
                "speaker",
                "the \"— Speaker\" line after a quote",
                self.speaker,
            ),
            ("person", "mentions of people", self.person),
            (
                "organization",
                "mentions of organizations",
                self.organization,
            ),
            ("place", "mentions of places", self.place),
            ("other", "mentions of other entities", self.other),
            (
                "selected_entity",
                "every mention of the selected entity",
                self.selected_entity,
            ),
            (
                "current_mention",
                "the mention n/N went to",
                self.current_mention,
            ),
            ("search_match", "search matches", self.search_match),
            ("unread", "unread articles in the list", self.unread),
            ("star", "the star of a starred article", self.star),
        ]
    }

    fn slot(&mut self, name: &str) -> Option<&mut StyleSpec> {
        Some(match name {
            "quote" => &mut self.quote,
            "speaker" => &mut self.speaker,
            "person" => &mut self.person,
            "organization" => &mut self.organization,
            "place" => &mut self.place,
            "other" => &mut self.other,
            "selected_entity" => &mut self.selected_entity,
            "current_mention" => &mut self.current_mention,
            "search_match" => &mut self.search_match,
            "unread" => &mut self.unread,
            "star" => &mut self.star,
            _ => return None,
        })
    }
}

/// Reads `[colours]` into `colours`, key by key.
pub(super) fn read(reader: &mut Reader<'_>, table: &DeTable<'_>, colours: &mut Colours) {
    let names = colours.entries().map(|(name, _, _)| name);
    for (key, value) in table {
        let Some(slot) = colours.slot(key.get_ref()) else {
            reader.unknown(key, "key in [colours]", &names);
            continue;
        };
        let Some(text) = value.get_ref().as_str() else {
            reader.expected(key, value, "a style string such as \"yellow italic\"");
            continue;
        };
        match StyleSpec::parse(text) {
            Ok(spec) => *slot = spec,
            Err(why) => reader.problem(
                value.span(),
                format!("`{}`: {why}; using the default", key.get_ref()),
            ),
        }
    }
}

/// Writes `[colours]` with `colours`' styles and a comment for each.
pub(super) fn print(out: &mut String, colours: &Colours) {
    out.push_str("[colours]\n");
    out.push_str(
        "# A style is a string of words: a colour for the text, \"on <colour>\" for the background,\n\
         # and modifiers; \"\" is no style. Colours: #rrggbb, 0-255, or\n# ",
    );
    out.push_str(&NAMES.join(", "));
    out.push_str(".\n# Modifiers: ");
    out.push_str(&Modifiers::NAMES.map(|(n, _)| n).join(", "));
    out.push_str(
        ". With NO_COLOR set the colours are dropped and the\n\
         # modifiers kept (a style without any gets lede's own cue: underline for mentions).\n",
    );
    for (name, what, spec) in colours.entries() {
        out.push_str(&format!("# {what}\n{name} = \"{spec}\"\n"));
    }
}
