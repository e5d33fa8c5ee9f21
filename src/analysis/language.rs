//! Whether an article is written in English, the one language the tagger,
//! the gazetteers and the speech patterns know. A Spanish or Dutch feed read
//! with them fills the sidebar with sentence openers taken for people
//! ("Además", "Pero", "Alemania"); an article in another language keeps its
//! text and its quotes, and gets no entities and no speakers.
//!
//! The test reads the lower-case words of the first few hundred, counting
//! English function words ("the", "of", "said") against those of the
//! languages news most often comes in beside it (Spanish, Portuguese,
//! French, Italian, German, Dutch, Indonesian and Malay), and words in
//! another script; web addresses are skipped. Function
//! words are the most frequent words of any text and nearly disjoint between
//! these languages; names, numbers and tables of results (few lower-case
//! words, none of them function words) count for neither, so a text decides
//! only when it says enough, and English is the answer otherwise.

/// Lower-case words read at most: enough to decide, cheap on a long text.
const WORDS_READ: usize = 600;

/// English function words that, with few foreign ones beside them, settle
/// the question before the rest is read.
const ENGLISH_ENOUGH: usize = 30;

/// Foreign function words a text needs before it can be found foreign.
const FOREIGN_MIN: usize = 10;

/// Which list a lower-case word is on: English function words (and
/// "said", news's commonest verb), or those of Spanish, Portuguese, French,
/// Italian, German, Dutch, Indonesian and Malay that English text does not use in lower case
/// (not "in", "die", "per", "do", "van", "von", "der", "de": English writes
/// them, or names keep them: "Ursula von der Leyen", "Robert de Niro").
/// A `match`, so that each word costs a few comparisons, not a list's scan.
fn function_word(word: &str) -> Option<Language> {
    match word {
        "a" | "about" | "after" | "an" | "and" | "are" | "as" | "at" | "be" | "been" | "but"
        | "by" | "for" | "from" | "had" | "has" | "have" | "he" | "her" | "his" | "i" | "in"
        | "into" | "is" | "it" | "its" | "more" | "not" | "of" | "on" | "or" | "said" | "she"
        | "than" | "that" | "the" | "their" | "there" | "they" | "this" | "to" | "was" | "we"
        | "were" | "which" | "who" | "will" | "with" | "would" | "you" => Some(Language::English),
        "al" | "als" | "auf" | "aux" | "bij" | "cette" | "che" | "com" | "como" | "con" | "da"
        | "dans" | "das" | "del" | "della" | "den" | "des" | "dit" | "du" | "een" | "el" | "em"
        | "en" | "es" | "est" | "et" | "für" | "het" | "il" | "ist" | "les" | "los" | "las"
        | "mit" | "naar" | "nicht" | "niet" | "não" | "om" | "ook" | "os" | "para" | "pas"
        | "pero" | "por" | "pour" | "que" | "qui" | "se" | "sich" | "sind" | "sur" | "una"
        | "und" | "une" | "uno" | "voor" | "zijn" | "zu" | "è" => Some(Language::Other),
        // Portuguese's and Spanish's further ones.
        "ao" | "após" | "até" | "está" | "foi" | "fue" | "já" | "mais" | "más" | "nas" | "pela"
        | "pelo" | "seus" | "suas" | "também" | "también" | "você" | "é" => {
            Some(Language::Other)
        }
        // Italian's further ones, and Indonesian's and Malay's.
        "alla" | "anche" | "degli" | "dei" | "delle" | "gli" | "nel" | "nella" | "più"
        | "questa" | "questo" | "sono" | "akan" | "atau" | "bahwa" | "bisa" | "dalam" | "dan"
        | "dari" | "dengan" | "hanya" | "harus" | "ini" | "itu" | "jika" | "juga" | "karena"
        | "kepada" | "kita" | "mereka" | "oleh" | "pada" | "seperti" | "sudah" | "telah"
        | "tidak" | "untuk" | "yang" => Some(Language::Other),
        _ => None,
    }
}

/// What a function word says.
enum Language {
    English,
    Other,
}

/// True unless the paragraphs read as another language (see the module's
/// comment): English is assumed when the text says too little to tell.
pub fn reads_as_english(paragraphs: &[String]) -> bool {
    let (mut english, mut foreign, mut latin, mut other_script) = (0usize, 0usize, 0usize, 0usize);
    // Lower-case Latin words, and words of other scripts (Chinese, Arabic
    // and Hebrew have no case: any word of theirs counts).
    // Web addresses are no language's words ("amzn.to" is no English "to").
    let words = paragraphs
        .iter()
        .flat_map(|p| p.split_whitespace())
        .filter(|w| !is_address(w))
        .flat_map(|w| w.split(|c: char| !c.is_alphabetic()))
        .filter(|w| {
            w.starts_with(char::is_lowercase) || w.chars().next().is_some_and(|c| !is_latin(c))
        })
        .take(WORDS_READ);
    for word in words {
        if !word.chars().all(is_latin) {
            other_script += 1;
            continue;
        }
        latin += 1;
        match function_word(word) {
            Some(Language::English) => {
                english += 1;
                // Plainly English already (nearly every English text, within
                // its first sentences): the rest is not read.
                if english >= ENGLISH_ENOUGH && foreign * 4 < english && other_script < latin {
                    return true;
                }
            }
            Some(Language::Other) => foreign += 1,
            None => {}
        }
    }
    let foreign_words = foreign >= FOREIGN_MIN && foreign > 2 * english;
    let foreign_script = other_script >= FOREIGN_MIN && other_script > 2 * latin;
    !(foreign_words || foreign_script)
}

/// A web address, with a scheme or without ("www.x.it", "amzn.to/2abc",
/// "globo.com.br").
fn is_address(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || word.contains('.') && word.contains('/')
        || super::names::is_web_domain(word.trim_end_matches(['.', ',', ';', ':', ')']))
}

/// A letter of the Latin script (ASCII and its accented forms, up to Latin
/// Extended-B): "é", "ñ", "ß" are Latin; Cyrillic, Greek, Arabic and CJK are not.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) && c != '×' && c != '÷'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(text: &str) -> bool {
        reads_as_english(&[text.to_string()])
    }

    #[test]
    fn news_in_english_reads_as_english_and_so_does_a_table_of_results() {
        assert!(reads(
            "The Fed said on Wednesday it would keep rates near zero, and the markets rose \
             as investors bet that the economy had turned a corner."
        ));
        // Few lower-case words, no function words: nothing says it is foreign.
        assert!(reads(
            "1. Michelle Freeman ( Jamaica ) 12.71 seconds 2. Ludmila Engquist ( Sweden ) \
             12.74 3. Aliuska Lopez ( Cuba ) 12.92 metres hurdles beat beat beat"
        ));
        // Names with particles do not make English foreign.
        assert!(reads(
            "Ursula von der Leyen met Luiz Inácio Lula da Silva and Robert de Niro in the \
             city, where the president said that he would return to the talks."
        ));
        assert!(reads("Hola"), "too little to tell");
    }

    #[test]
    fn spanish_dutch_and_another_script_read_as_foreign() {
        assert!(!reads(
            "El presidente dijo que la economía de los Estados Unidos se recupera, pero los \
             mercados cayeron por la incertidumbre en el sector de la energía y del petróleo \
             para las empresas que no tienen una estrategia clara con el gobierno."
        ));
        assert!(!reads(
            "De wedstrijd van FC Utrecht tegen Feyenoord blijft op zondag, maar het tijdstip \
             is niet bekend. Ook de kaartverkoop voor het duel met een volle bak is gestart \
             en zijn er nog kaarten voor de fans die naar het stadion willen om de ploeg \
             bij te staan."
        ));
        // Indonesian, and Italian whose links would count for English ("amzn.to").
        assert!(!reads(
            "Kita harus mencintai sesuatu dengan tidak berlebihan, karena bisa jadi suatu \
             hari kita akan membencinya. Orang yang berkata itu adalah sahabat yang dekat \
             dengan mereka, dan dia juga berkata bahwa kebencian itu tidak baik untuk kita."
        ));
        assert!(!reads(
            "Cofanetto originale http://amzn.to/2abc per chi ama il cinema http://amzn.to/3de \
             e anche la versione di lusso http://amzn.to/4fg con gli sconti del venerdì \
             http://amzn.to/5hi della settimana, più offerte speciali http://amzn.to/6jk \
             sono su questo sito http://amzn.to/7lm nel negozio http://amzn.to/8no"
        ));
        // Scripts without case count too.
        assert!(!reads(
            "中国 外交部 发言人 表示 中方 坚决 反对 美方 的 做法 并 将 采取 必要 措施 维护 自身 \
             合法 权益 此前 美国 宣布 对 部分 中国 商品 加征 关税"
        ));
        assert!(!reads(
            "قال المتحدث باسم وزارة الخارجية إن الحكومة سترد على القرار الأمريكي وإن المفاوضات \
             ستستمر في الأسبوع المقبل بين الجانبين"
        ));
        assert!(!reads(
            "Имя героя увековечат в названии одной из улиц нашего города, сообщили в \
             администрации, где прошло заседание комиссии по топонимике и было принято \
             решение о присвоении"
        ));
    }
}
