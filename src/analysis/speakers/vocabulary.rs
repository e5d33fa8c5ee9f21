//! The words attribution reads: speech verbs, the small words that may stand
//! between a subject and its verb, prepositions, determiners, pronouns.

/// Verbs that report speech, sorted for binary search, each with whether it may
/// come before its subject (`"…," said Holt`); verbs whose object is a person
/// (`told`, `urged`) may not. Nouns that share a verb's spelling (`claim`,
/// `warning`, `state`) are left out: the nearest "verb" before a quote must be one.
#[rustfmt::skip]
pub(super) const SPEECH_VERBS: &[(&str, bool)] = &[
    ("accused", false), ("accusing", false), ("acknowledged", true), ("add", true), ("added", true),
    ("adding", true), ("adds", true), ("admits", true), ("admitted", true), ("admitting", true),
    ("agreed", true), ("alleged", true), ("announced", true), ("announcing", true), ("answered", true),
    ("argue", true), ("argued", true), ("argues", true), ("arguing", true), ("ask", true), ("asked", true),
    ("asking", true), ("asks", true), ("asserted", true), ("boasted", true), ("branded", false),
    ("called", false), ("calling", false), ("cautioned", true), ("claimed", true), ("claiming", true),
    ("claims", true), ("commented", true), ("commenting", true), ("complained", true), ("complaining", true),
    ("conceded", true), ("concluded", true), ("condemned", false), ("confirmed", true), ("confirming", true),
    ("contended", true), ("continued", true), ("countered", true), ("criticised", false),
    ("criticising", false), ("criticized", false), ("criticizing", false), ("declared", true),
    ("declaring", true), ("demanded", true), ("denied", true), ("denies", true), ("denying", true),
    ("described", false), ("describes", false), ("describing", false), ("dismissed", false),
    ("dubbed", false), ("emphasised", true), ("emphasising", true), ("emphasized", true),
    ("emphasizing", true), ("exclaimed", true), ("explain", true), ("explained", true), ("explaining", true),
    ("explains", true), ("hailed", false), ("insist", true), ("insisted", true), ("insisting", true),
    ("insists", true), ("joked", true), ("labeled", false), ("labelled", false), ("laughed", true),
    ("maintained", true),
    ("maintains", true), ("noted", true), ("noting", true), ("observed", true), ("pledged", true),
    ("pointed", true), ("praised", false), ("predicted", true), ("predicting", true), ("promised", true),
    ("quipped", true), ("recalled", true), ("recalling", true), ("recounted", true), ("reiterated", true),
    ("remarked", true), ("replied", true), ("replying", true), ("reported", true), ("responded", true),
    ("retorted", true), ("revealed", true), ("said", true), ("say", true), ("saying", true), ("says", true),
    ("shouted", true), ("stated", true), ("stressed", true), ("stresses", true), ("stressing", true),
    ("suggested", true), ("suggesting", true), ("suggests", true), ("tell", false), ("telling", false),
    ("tells", false), ("testified", true), ("told", false), ("tweeted", true), ("underlined", true),
    ("urged", false), ("urges", false), ("urging", false), ("vowed", true), ("vowing", true), ("warn", true),
    ("warned", true), ("warns", true), ("welcomed", false), ("whispered", true), ("writes", true),
    ("wrote", true), ("yelled", true),
];

/// Words that may stand between a subject and its speech verb (`Holt also said`,
/// `Holt on Monday said`, `Holt has repeatedly said`).
#[rustfmt::skip]
pub(super) const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "'s", "\u{2019}s", "again", "already", "also", "are", "been", "could", "earlier", "even", "friday", "further", "had", "has", "have",
    "is", "just", "last", "later", "may", "meanwhile", "might", "monday", "night", "on", "once", "often",
    "previously", "privately", "publicly", "recently", "repeatedly", "reportedly", "saturday", "separately",
    "subsequently", "sunday", "then", "thursday", "today", "tonight", "too", "tuesday", "was", "wednesday", "week", "were",
    "will", "would", "yesterday",
];

/// Forms of "be" before a participle: `was heard asking`, `was told`.
pub(super) const BE: &[&str] = &["is", "was", "are", "were", "been"];

/// Participles of perception: `Holt is heard asking "…"`, `was seen telling`.
pub(super) const PERCEIVED: &[&str] = &[
    "caught",
    "filmed",
    "heard",
    "overheard",
    "pictured",
    "recorded",
    "seen",
    "shown",
];

/// Prepositions: a name after one is not a subject (`of Holt claims`).
#[rustfmt::skip]
pub(super) const PREPOSITIONS: &[&str] = &[
    "about", "against", "among", "at", "by", "for", "from", "in", "of", "on", "to", "with",
];

/// Words between a person and the organisation they speak from (`Holt of
/// Save the Children said`, `Holt from Tolham Council said`).
pub(super) const AFFILIATIONS: &[&str] = &["of", "from", "at"];

/// Words that open a participle clause whose subject is the main clause's (`before asking`).
#[rustfmt::skip]
pub(super) const SUBORDINATORS: &[&str] = &[
    "after", "before", "by", "in", "since", "when", "while", "without",
];

/// Words that can begin the subject of a trailing attribution (`"…," the mayor said`).
pub(super) const DETERMINERS: &[&str] = &[
    "a", "an", "another", "her", "his", "its", "one", "our", "the", "their",
];

/// Words after a name that show it is not the subject of a clause (`Holt, who`, `Holt of`).
#[rustfmt::skip]
pub(super) const NOT_A_PREDICATE: &[&str] = &[
    "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "than", "that", "the",
    "to", "which", "who", "whom", "whose", "with",
];

/// Base forms of speech verbs that are nouns as often (`a claim`, `the
/// state`), left out of [`SPEECH_VERBS`]: verbs only after `to` (`went on to
/// claim that "…"`). Sorted for binary search.
const INFINITIVES: &[&str] = &[
    "admit", "announce", "claim", "comment", "confirm", "declare", "demand", "deny", "insist",
    "note", "predict", "promise", "reply", "respond", "state", "stress", "suggest", "vow",
];

/// Whether `word` is a speech verb's base form that is one only after `to`.
pub(super) fn infinitive_speech_verb(word: &str) -> bool {
    INFINITIVES.binary_search(&word).is_ok()
}

/// Verbs of opinion, which attribute a quote right after it (`"…," thinks
/// Curry`, `"…," he believes`); elsewhere they report a belief rather than
/// words, so they are not among the [`SPEECH_VERBS`].
pub(super) fn is_thought_verb(word: &str) -> bool {
    is_one_of(
        word,
        &[
            "believed", "believes", "reckoned", "reckons", "thinks", "thought",
        ],
    )
}

/// Looks `word` up in [`SPEECH_VERBS`], ignoring ASCII case; `Some(invertible)` if it is one.
pub(super) fn speech_verb(word: &str) -> Option<bool> {
    let mut buf = [0u8; 16];
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let lower = &mut buf[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    SPEECH_VERBS
        .binary_search_by(|(v, _)| v.cmp(&lower))
        .ok()
        .map(|i| SPEECH_VERBS[i].1)
}

/// A lower-case adverb of manner, which may stand between a subject and its
/// verb (`Holt forcefully told`, `Holt angrily denied`).
pub(super) fn is_manner_adverb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly") && word.chars().all(|c| c.is_ascii_lowercase())
}

pub(super) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A third-person pronoun that can stand for a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pronoun {
    He,
    She,
    They,
    It,
    /// `I`, `we`, `you`: the speaker is not named here.
    Other,
}

pub(super) fn pronoun(word: &str) -> Option<Pronoun> {
    const PRONOUNS: &[(&str, Pronoun)] = &[
        ("he", Pronoun::He),
        ("she", Pronoun::She),
        ("they", Pronoun::They),
        ("it", Pronoun::It),
        ("i", Pronoun::Other),
        ("we", Pronoun::Other),
        ("you", Pronoun::Other),
    ];
    PRONOUNS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, p)| p)
}
