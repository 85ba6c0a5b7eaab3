//! Small pieces of English text handling shared by quote finding and attribution:
//! sentence boundaries, words, and the word lists the attribution rules consult.
//!
//! Nothing here knows about quotes. The functions take a block's text and byte offsets
//! and return byte offsets on `char` boundaries, so callers can slice freely. The word
//! lists are deliberately short and closed: attribution only fires on constructions it
//! recognises, and an unknown word makes a rule decline rather than guess.

use std::ops::Range;

use crate::text::sentences::{self, Marks};

/// A word of running text: its byte range and its lower-case form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Word {
    pub range: Range<usize>,
    pub lower: String,
    /// The word is followed by a comma, colon or dash before the next word.
    pub comma_after: bool,
    /// The word begins with an upper-case letter.
    pub capitalized: bool,
}

/// Splits `text[range]` into words. A word is a run of non-space characters with its
/// leading and trailing punctuation removed; inner apostrophes, hyphens and dots stay
/// ("Iraq's", "al-Shibli", "U.S"). Runs without a letter or digit are not words.
pub(super) fn words(text: &str, range: Range<usize>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let slice = &text[range.clone()];
    let mut chunk_start: Option<usize> = None;
    let push_chunk = |out: &mut Vec<Word>, s: usize, e: usize| {
        let chunk = &text[s..e];
        let lead = chunk
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric())
            .map(|(i, _)| i);
        let Some(lead) = lead else {
            // Pure punctuation: remember a comma-like mark on the previous word.
            if chunk.contains([',', ':', '—', '–', ';', '-'])
                && let Some(w) = out.last_mut()
            {
                w.comma_after = true;
            }
            return;
        };
        if chunk[..lead].contains([',', ':', '—', '–', ';'])
            && let Some(w) = out.last_mut()
        {
            w.comma_after = true;
        }
        let trail = chunk
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(chunk.len());
        let word = &chunk[lead..trail];
        let after = &chunk[trail..];
        out.push(Word {
            range: s + lead..s + trail,
            lower: word.to_lowercase(),
            comma_after: after.contains([',', ':', '—', '–', ';']),
            capitalized: word.chars().next().is_some_and(char::is_uppercase),
        });
    };
    for (i, c) in slice.char_indices() {
        let at = range.start + i;
        if c.is_whitespace() || c == '—' || c == '–' {
            if let Some(s) = chunk_start.take() {
                push_chunk(&mut out, s, at);
            }
            if c != ' ' && !c.is_whitespace() {
                // A dash between words acts like a comma.
                if let Some(w) = out.last_mut() {
                    w.comma_after = true;
                }
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(at);
        }
    }
    if let Some(s) = chunk_start {
        push_chunk(&mut out, s, range.end);
    }
    out
}

/// Number of words in a piece of text (runs of non-space characters with a letter or
/// digit), the measure `min_words` applies to.
pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The byte offset where the sentence (or the clause after a semicolon) containing
/// `pos` starts, looking no further back than `floor`: just after the mark that ends the
/// one before and its closing marks, by the one sentence model.
pub(super) fn sentence_start(text: &str, floor: usize, pos: usize) -> usize {
    sentences::ends_from(&text[..pos], floor, Marks::Clauses)
        .last()
        .map_or(floor, |end| end.end)
}

/// The byte offset just after the mark that ends the sentence (or the clause before a
/// semicolon) containing `pos`, looking no further than `ceil`.
pub(crate) fn sentence_end(text: &str, pos: usize, ceil: usize) -> usize {
    sentences::ends_from(&text[..ceil], pos, Marks::Clauses)
        .next()
        .map_or(ceil, |end| end.mark + 1)
}

/// Finite speech verbs: a word that, next to a quote, says who spoke it.
#[rustfmt::skip]
pub(super) const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "announced", "announces",
    "stated", "states", "declared", "declares", "wrote", "writes", "read", "reads",
    "chanted", "chant", "noted", "notes", "insisted", "insists", "warned", "warns", "asked",
    "asks", "tweeted", "tweets", "explained", "explains", "argued", "argues", "claimed",
    "claims", "stressed", "stresses", "urged", "urges", "replied", "replies", "responded",
    "responds", "recalled", "recalls", "acknowledged", "acknowledges", "admitted", "admits",
    "conceded", "concedes", "continued", "continues", "concluded", "complained",
    "complains", "cautioned", "predicted", "promised", "promises", "vowed", "vows",
    "pledged", "suggested", "suggests", "observed", "remarked", "commented", "shouted",
    "yelled", "cried", "screamed", "whispered", "posted", "quipped", "joked", "countered",
    "counters", "maintained", "maintains", "asserted", "asserts", "contended", "wondered",
    "agreed", "confirmed", "confirms", "emphasized", "emphasised", "exclaimed", "testified",
    "alleged", "boasted", "lamented", "mused", "reiterated", "recounted", "demanded",
    "proclaimed", "answered", "answers", "retorted", "charged", "snapped", "scoffed",
    "interjected", "fumed", "pleaded", "reminded", "thundered", "groused", "gushed",
    "sighed", "announce", "declare", "insist", "warn", "tell", "write", "add", "ask",
    "barked", "boomed", "grumbled", "quips", "jokes", "laments", "marvelled",
    "marveled", "ranted", "bristled", "chided", "scolded", "teased", "vented", "confided",
    "revealed", "implored", "concludes", "reveals", "affirmed", "affirms", "opined",
];

/// Present participles of speech verbs. They never carry a subject of their own
/// ("issued a statement saying"), so attribution skips past them to a finite verb.
#[rustfmt::skip]
pub(super) const SPEECH_PARTICIPLES: &[&str] = &[
    "saying", "adding", "telling", "noting", "insisting", "warning", "writing",
    "explaining", "arguing", "stressing", "declaring", "reading", "chanting", "announcing",
    "asking", "claiming", "urging", "tweeting", "stating", "shouting", "replying",
    "responding",
];

/// Words that open an introductory phrase, not a subject ("In a statement, ...",
/// "As reported by The Independent, ...").
#[rustfmt::skip]
pub(super) const INTRO_WORDS: &[&str] = &[
    "in", "at", "on", "after", "before", "during", "following", "while", "when", "as",
    "since", "despite", "meanwhile", "however", "nearby", "earlier", "later", "last",
    "yesterday", "today", "tonight", "speaking", "asked", "according", "but", "and", "also",
    "separately", "instead", "still", "then", "now", "for", "from", "with", "without", "by",
    "under", "amid", "addressing", "writing", "responding", "referring", "although",
    "though", "if", "once", "over", "there", "here", "so", "yet", "indeed", "moreover",
    "furthermore", "elsewhere", "previously", "initially", "finally", "recently",
    "overnight", "again", "instead", "outside", "inside", "near", "to", "of", "about",
    "against", "until", "via", "according", "because", "whereas", "unlike", "like",
    "besides", "beyond", "within",
];

/// Words that cannot be part of a speaker's name or description: they show that a
/// phrase is a clause, a list or an object, not a speaker.
#[rustfmt::skip]
pub(super) const NOT_IN_SPEAKER: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "while", "if", "because", "although",
    "though", "is", "are", "was", "were", "has", "have", "had", "will", "would", "could",
    "should", "can", "may", "might", "must", "did", "does", "do", "be", "been", "being",
    "not", "no", "it", "its", "they", "them", "their", "we", "our", "i", "me", "my", "you",
    "your", "this", "these", "those", "there", "here", "and", "or", "but", "nor", "so",
    "than", "then", "also", "only", "just", "even", "he", "she", "him", "her", "his",
    "hers", "us", "what", "where", "why", "how", "very", "too", "again", "still",
];

/// Words after which a speaker noun phrase that follows its verb ("said NAME ...") ends.
#[rustfmt::skip]
pub(super) const NP_CUT: &[&str] = &[
    "on", "in", "at", "during", "after", "before", "as", "when", "while", "who", "which",
    "yesterday", "today", "tonight", "last", "this", "earlier", "later", "according", "to",
    "that", "and", "but", "adding", "saying", "noting", "referring", "speaking", "with",
    "by", "into", "via", "over", "told", "said",
];

/// Determiners and quantifiers that may open an unnamed speaker ("one demonstrator",
/// "the resolution", "hundreds of young Iraqis").
#[rustfmt::skip]
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "two", "three", "four", "five", "some", "many", "several",
    "hundreds", "thousands", "dozens", "scores", "most", "another", "other", "few", "all",
    "both", "each", "every", "tens", "millions",
];

/// Lower-case words that may stand before a name in subject position: titles and
/// descriptions ("caretaker prime minister", "student", "parliament speaker").
#[rustfmt::skip]
pub(super) const TITLE_WORDS: &[&str] = &[
    "prime", "minister", "president", "caretaker", "speaker", "parliament", "leader",
    "cleric", "general", "gen", "commander", "chief", "spokesman", "spokeswoman",
    "spokesperson", "official", "former", "top", "senior", "deputy", "foreign", "defence",
    "defense", "secretary", "lawmaker", "student", "militia", "paramilitary", "populist",
    "shiite", "sunni", "kurdish", "iraqi", "iranian", "american", "british", "state",
    "interior", "justice", "finance", "vice", "acting", "opposition", "party", "army",
    "police", "government", "envoy", "ambassador", "candidate", "activist", "protester",
    "demonstrator", "analyst", "lawyer", "judge", "mayor", "governor", "senator", "sen",
    "rep", "mr", "mrs", "ms", "dr", "de", "facto", "supreme", "religious", "political",
    "military", "national", "security", "adviser", "advisor", "head", "coach", "manager",
    "director", "executive", "chairman", "chairwoman", "chair", "founder", "boss", "star",
    "singer", "actor", "actress", "player", "striker", "captain", "economist", "professor",
    "scientist", "researcher", "expert", "author", "writer", "editor", "correspondent",
    "reporter", "veteran", "resident", "witness", "doctor", "nurse", "teacher", "worker",
    "farmer", "owner", "businessman", "businesswoman", "colonel", "major", "lieutenant",
    "sergeant", "admiral", "ayatollah", "sheikh", "imam", "bishop", "archbishop", "pope",
    "king", "queen", "prince", "princess", "emir", "sultan", "chancellor", "premier",
    "commissioner", "councillor", "councilman", "congressman", "congresswoman", "labour",
    "conservative", "democratic", "republican", "liberal", "tory", "us", "uk", "eu",
    "keeper", "goalkeeper", "midfielder", "defender", "forward", "winger", "boxer", "rider",
    "driver", "veteran", "retired", "rev", "gov", "lt", "col", "sgt", "capt",
];

/// Leading title words stripped from a free-text name ("Prime Minister Boris Johnson"
/// -> "Boris Johnson").
#[rustfmt::skip]
pub(super) const NAME_TITLES: &[&str] = &[
    "president", "prime", "minister", "gen", "gen.", "general", "mr", "mr.", "mrs", "mrs.",
    "ms", "ms.", "dr", "dr.", "sen", "sen.", "senator", "rep", "rep.", "gov", "gov.",
    "governor", "secretary", "chancellor", "king", "queen", "prince", "princess", "sheikh",
    "ayatollah", "pope", "judge", "justice", "chief", "speaker", "mayor", "lt", "lt.",
    "col", "col.", "capt", "capt.", "sgt", "sgt.", "prof", "prof.", "professor", "sir",
    "dame", "lord", "lady", "rev", "rev.", "father", "brother", "sister", "cardinal",
    "archbishop", "bishop", "imam", "emir", "colonel", "major", "lieutenant", "admiral",
    "commander", "foreign", "defence", "defense", "interior", "finance", "deputy", "vice",
    "former", "acting", "caretaker", "state", "attorney", "mp",
];

/// Words that open a sentence before its subject and are capitalised only there.
#[rustfmt::skip]
pub(super) const SENTENCE_OPENERS: &[&str] = &[
    "but", "and", "so", "yet", "or", "then", "now", "first", "also", "however",
    "meanwhile", "still", "instead", "later", "earlier", "finally", "separately",
];

/// Prepositions: a name after one is part of a description, not the speaker.
#[rustfmt::skip]
pub(super) const PREPOSITIONS: &[&str] = &[
    "of", "for", "from", "at", "in", "with", "to", "on", "by", "against", "about", "near",
    "inside", "outside", "within", "over", "under", "into", "toward", "towards", "between",
];

/// Words at which the subject of a verb, read leftwards, stops.
#[rustfmt::skip]
pub(super) const CLAUSE_STOPS: &[&str] = &[
    "that", "but", "while", "because", "as", "when", "after", "before", "if", "although",
    "though", "whereas", "where", "since", "unless", "until", "so",
];

/// Subordinating words: a speech verb after one of them is not the main verb.
#[rustfmt::skip]
pub(super) const SUBORDINATORS: &[&str] = &[
    "when", "as", "after", "before", "if", "because", "although", "though", "while",
    "since", "unless", "until", "whereas",
];

/// Words that end the reported speech a quote may be embedded in.
#[rustfmt::skip]
pub(super) const EMBED_STOPS: &[&str] = &[
    "while", "whereas", "but", "although", "though", "because", "after", "before", "when",
    "who", "which", "whom", "whose", "if", "unless", "until", "since", "where",
];

/// Words that make a phrase a clause rather than a noun phrase.
#[rustfmt::skip]
pub(super) const CLAUSE_MARKERS: &[&str] = &[
    "who", "which", "that", "whose", "whom", "is", "are", "was", "were", "has", "have",
    "had", "will", "would", "could", "should", "can", "did", "does", "do", "be", "been",
    "not", "when", "while", "if", "because",
];

/// Relative words opening a relative clause.
pub(super) const RELATIVE: &[&str] = &["who", "which", "whose", "whom", "where"];

/// Adverbs and auxiliaries between a subject and its verb ("he also said", "Clinton
/// has told").
#[rustfmt::skip]
pub(super) const ADVERBS: &[&str] = &[
    "also", "later", "then", "again", "still", "once", "previously", "earlier", "recently",
    "further", "today", "yesterday", "last", "week", "night", "has", "have", "had", "is",
    "was", "were", "are", "will", "would", "could", "should", "may", "might", "must", "did",
    "does", "do", "had", "just", "never", "often", "repeatedly", "once", "first", "finally",
];

/// Lower-case particles inside names ("Abu Mahdi al-Muhandis", "Ursula von der Leyen").
#[rustfmt::skip]
pub(super) const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "da", "di", "del", "van", "von", "der", "la",
    "le", "du", "abu", "abd", "abdul", "y", "st",
];

/// Words that may join two quotes of one sentence ("A" and "B").
pub(super) const JOINERS: &[&str] = &["and", "or", "as", "well", "then", "also", "plus", "but"];

/// Last words of capitalised names that are organisations or places, not people.
#[rustfmt::skip]
pub(super) const NOT_PERSON_ENDINGS: &[&str] = &[
    "party", "united", "council", "ministry", "department", "office", "commission",
    "committee", "association", "union", "company", "group", "bank", "corporation", "inc",
    "ltd", "government", "court", "police", "army", "news", "times", "post", "journal",
    "agency", "institute", "university", "league", "club", "board", "authority", "service",
    "network", "house", "senate", "congress", "parliament", "assembly", "church", "fc",
    "city", "county", "state", "states", "kingdom", "republic", "forces", "foundation",
    "center", "centre", "campaign", "administration", "organization", "organisation",
    "federation", "airlines", "motors", "bureau", "agency", "school", "college", "channel",
];

/// Speech-verb of a spokesperson: a mention after "spokesman for" is the speaker.
#[rustfmt::skip]
pub(super) const SPOKES: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative",
    "representatives",
];

/// Whether `word` (lower case) is in `list`.
pub(super) fn is_in(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_boundaries() {
        // (text, position inside the sentence, expected sentence)
        let cases = [
            ("He left. She stayed.", 12, "She stayed."),
            (
                "The U.S. Embassy was stormed. Then calm.",
                5,
                "The U.S. Embassy was stormed.",
            ),
            (
                "Gen. Qassem Soleimani died. Iraq voted.",
                3,
                "Gen. Qassem Soleimani died.",
            ),
            ("Mr Trump spoke; nobody listened.", 20, "nobody listened."),
            (
                "The count was 5.2 million. Next.",
                3,
                "The count was 5.2 million.",
            ),
            ("Why? Nobody knows.", 8, "Nobody knows."),
            (
                "It ended at 11 a.m. on Sunday. Done.",
                5,
                "It ended at 11 a.m. on Sunday.",
            ),
        ];
        for (text, pos, want) in cases {
            let s = sentence_start(text, 0, pos);
            let e = sentence_end(text, pos, text.len());
            assert_eq!(text[s..e].trim(), want, "in {text:?}");
        }
    }

    #[test]
    fn words_strip_punctuation_and_note_commas() {
        let text = "Iraq’s caretaker prime minister, Adel Abdul Mahdi, told (lawmakers).";
        let ws = words(text, 0..text.len());
        let lower: Vec<&str> = ws.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(
            lower,
            [
                "iraq’s",
                "caretaker",
                "prime",
                "minister",
                "adel",
                "abdul",
                "mahdi",
                "told",
                "lawmakers"
            ]
        );
        assert!(ws[3].comma_after);
        assert!(ws[6].comma_after);
        assert!(!ws[7].comma_after);
        assert!(ws[4].capitalized && !ws[1].capitalized);
    }

    #[test]
    fn word_counts() {
        let cases = [
            ("", 0),
            ("occupiers", 1),
            ("achievement of victory", 3),
            (" - . , ", 0),
            ("No to Iran, no to America!", 6),
            ("[The airstrikes] were", 3),
        ];
        for (text, n) in cases {
            assert_eq!(word_count(text), n, "{text:?}");
        }
    }
}
