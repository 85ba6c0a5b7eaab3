//! `dossier entities suggest`: names in the articles that the registry lacks.
//!
//! This module reads every article and proposes `[[entity]]` tables for the names the
//! registry does not know yet, plus new spellings of the entities it does know. Its
//! output is TOML to paste into `content/entities.toml`, with the reasons as comments,
//! so an editor can keep, fix or delete each proposal. It is a heuristic with a human
//! behind it: it prefers to say why it suggests something over being clever in silence.
//!
//! # Shape
//!
//! The work is a pipeline over the whole collection, because single articles say too
//! little: whether "Parliament" is a name or a sentence-initial common noun is only
//! clear from the rest of the text.
//!
//! 1. **Words** (`words`). Each block is split into tokens (hyphenated words into
//!    their parts, possessives set aside, "U.S." and "Gen." kept whole) with their
//!    shape (capitalised, acronym, lower case...) and sentence starts. Counts over the
//!    whole collection record how often each word is written in lower case and how
//!    often capitalised in mid-sentence.
//! 2. **Runs.** A run is a maximal sequence of capitalised words and acronyms joined by
//!    spaces or hyphens, allowing name particles inside ("Abu Mahdi al-Muhandis",
//!    "Osama bin Laden") and "of"/"for"/"on" after an institution word ("Council of
//!    Representatives").
//! 3. **Cleaning.** Sentence-initial function words ("The", "But", "In") are stripped;
//!    a capitalised "The" inside a sentence stays ("The Times"). Whatever stands before
//!    a title followed by a name qualifies the person and goes with the title
//!    ("Iraqi Prime Minister Adil Abd al-Mahdi", "Belgian Foreign Minister ..."); the
//!    title is kept as evidence. A trailing title goes too ("UN Secretary-General").
//!    Titles, months, weekdays and adjectives of nationality alone are not entities.
//!    A second pass uses the first pass's counts: a word that starts a sentence and is
//!    never capitalised elsewhere, or is mostly written in lower case, is an ordinary
//!    word ("Lawmakers", "Video"); a sentence-initial word glued to a known name is
//!    split off ("Tags Iran"); a single word always followed by another word is an
//!    adjective ("French activist", "French government").
//!
//!    An adjective of nationality before an institution ("Iraqi parliament", and the
//!    possessive "Iraq's parliament") is not a proper name, but editors want such
//!    phrases linked to the institution, so two or more mentions are suggested as one
//!    organisation marked "a description": its forms are ready-made aliases.
//! 4. **Grouping** (union-find). Spelling variants (edit distance on a folded,
//!    transliteration-tolerant form: "Qasem"/"Qassem", "Muhandis"/"Mohandes"), short
//!    forms of a person's name ("Trump", "Abdul Mahdi", "al-Mahdi"), acronyms of a
//!    longer name ("IS" and "Islamic State"), a name and its parenthetical ("Daesh
//!    (Islamic State)"), and a qualified name and its tail ("US Defense Department"
//!    and "Defense Department") become one entity with aliases.
//! 5. **Registry.** Mentions the matcher already finds are not candidates. A group
//!    that is a variant, surname or acronym of a registry entity becomes a list of
//!    aliases for that entity instead of a new one.
//! 6. **Kind.** Evidence is counted, not guessed at once: a title before or "said"
//!    after suggests a person; institution words (Ministry, Council, Times...) or an
//!    acronym an organisation; "in"/"to"/"from" before, "city of" or a place word
//!    (Fort, East, States) a place. The comment says which evidence won.
//!
//! The word lists in `lexicon` are short and closed (function words, titles,
//! institution words, months), written for this module. Lists of names (countries,
//! nationalities) are avoided: adjectives of nationality are recognised from the text
//! itself ("Iraqi" is "Iraq" + "i", and "Iraq" occurs; "Kurdish" ends in "-ish"), and
//! only a handful of religious and ethnic adjectives that derive from no place name
//! ("Sunni", "Shiite", "Arab") are listed. Scripts without letter case are not handled:
//! a name is found by its capitals.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::{AddAssign, Range};

use rayon::prelude::*;

use crate::annotate::TextBlock;
use crate::annotate::entities::EntityMatcher;
use crate::content::registry::{EntityKind, Registry};

use self::words::{Gap, Shape, Words};

/// One article's text as the suggester sees it.
#[derive(Debug, Clone)]
pub struct SuggestInput<'a> {
    pub slug: &'a str,
    pub source: &'a str,
    pub blocks: &'a [TextBlock],
}

/// Returns TOML (`[[entity]]` tables with `#` comments) ready to paste into
/// `content/entities.toml`.
///
/// New entities come as tables with `id`, `name`, `kind` and `aliases`; new
/// spellings of registry entities come as comments naming the entity's id with the
/// `aliases` line to put there. The text always parses as TOML.
pub fn suggest_entities(articles: &[SuggestInput<'_>], registry: &Registry) -> String {
    let corpus = Corpus::read(articles, registry);
    let table = corpus.candidates();
    let groups = group_candidates(&table);
    let suggestions = compare_with_registry(&table, groups, registry);
    render(&corpus, &table, &suggestions, registry)
}

/// Short closed word lists and the tests built on them.
mod lexicon {
    use self::lists::*;

    #[rustfmt::skip]
    mod lists {
        /// Function words and other words that start sentences but never names.
        pub fn function_words(word: &str) -> bool {
            matches!(
                word,
                "a" | "about" | "above" | "according" | "across" | "after" | "again" |
                "against" | "all" | "already" | "also" | "although" | "amid" | "among" |
                "an" | "and" | "another" | "any" | "are" | "around" | "as" | "at" | "be" |
                "because" | "been" | "before" | "being" | "below" | "between" | "both" |
                "but" | "by" | "can" | "could" | "despite" | "did" | "do" | "does" |
                "during" | "each" | "earlier" | "either" | "even" | "every" | "few" |
                "first" | "following" | "for" | "from" | "had" | "has" | "have" | "he" |
                "her" | "here" | "hers" | "him" | "his" | "how" | "however" | "i" | "if" |
                "in" | "indeed" | "inside" | "instead" | "into" | "is" | "it" | "its" |
                "just" | "last" | "later" | "let" | "like" | "many" | "may" | "meanwhile" |
                "might" | "more" | "moreover" | "most" | "much" | "must" | "my" | "near" |
                "neither" | "never" | "next" | "no" | "nor" | "not" | "now" | "of" | "on" |
                "once" | "one" | "only" | "or" | "other" | "others" | "our" | "over" |
                "perhaps" | "several" | "shall" | "she" | "should" | "since" | "so" |
                "some" | "still" | "such" | "than" | "that" | "the" | "their" | "them" |
                "then" | "there" | "these" | "they" | "this" | "those" | "though" |
                "through" | "thus" | "to" | "today" | "under" | "unless" | "until" |
                "upon" | "us" | "was" | "we" | "were" | "what" | "when" | "where" |
                "whether" | "which" | "while" | "who" | "whose" | "why" | "will" | "with" |
                "within" | "without" | "would" | "yes" | "yesterday" | "yet" | "you" |
                "your"
            )
        }

        /// Titles written before a name, without a full stop: "President", "Gen", "Mr".
        pub fn titles(word: &str) -> bool {
            matches!(
                word,
                "Adm" | "Admiral" | "Ambassador" | "Ayatollah" | "Bishop" | "Brig" |
                "Brigadier" | "Capt" | "Captain" | "Cardinal" | "Chairman" | "Chairwoman" |
                "Chancellor" | "Chief" | "Cmdr" | "Col" | "Colonel" | "Commander" |
                "Commissioner" | "Congressman" | "Congresswoman" | "Dr" | "Emir" | "Envoy" |
                "Gen" | "General" | "Gov" | "Governor" | "Imam" | "Judge" | "King" |
                "Leader" | "Lieutenant" | "Lt" | "Maj" | "Mayor" | "Minister" | "Mr" |
                "Mrs" | "Ms" | "Pope" | "Premier" | "President" | "Prince" | "Princess" |
                "Prof" | "Queen" | "Rabbi" | "Rep" | "Secretary" | "Sen" | "Senator" |
                "Sergeant" | "Sgt" | "Sheikh" | "Sir" | "Speaker" | "Spokesman" |
                "Spokeswoman" | "Sultan"
            )
        }

        /// Words that qualify a title: "Prime" Minister, "Foreign" Minister.
        pub fn title_modifiers(word: &str) -> bool {
            matches!(
                word,
                "Acting" | "Army" | "Attorney" | "Defence" | "Defense" | "Deputy" |
                "Finance" | "Foreign" | "Former" | "Grand" | "Interior" | "Oil" | "Prime" |
                "Senior" | "Supreme" | "Vice"
            )
        }

        /// Titles that may close a run and are dropped there: "UN Secretary-General".
        pub fn trailing_titles(word: &str) -> bool {
            matches!(
                word,
                "Ambassador" | "Chief" | "Commander" | "Envoy" | "General" | "Leader" |
                "Minister" | "President" | "Secretary" | "Spokesman" | "Spokeswoman"
            )
        }

        /// Lower-case role nouns that precede a name: "cleric Moqtada Sadr".
        pub fn role_words(word: &str) -> bool {
            matches!(
                word,
                "activist" | "analyst" | "businessman" | "candidate" | "cleric" |
                "correspondent" | "diplomat" | "director" | "economist" | "journalist" |
                "lawmaker" | "lawyer" | "legislator" | "mp" | "official" | "researcher" |
                "spokesperson" | "student"
            )
        }

        /// Reporting verbs after a speaker or a source: "Mahdi said", "CNBC reports".
        pub fn say_verbs(word: &str) -> bool {
            matches!(
                word,
                "added" | "announced" | "argued" | "claimed" | "insisted" | "noted" |
                "replied" | "reported" | "reports" | "responded" | "said" | "says" |
                "stated" | "told" | "tweeted" | "warned" | "wrote"
            )
        }

        /// Prepositions that tend to precede places: "in Baghdad", "to the Middle East".
        pub fn place_prepositions(word: &str) -> bool {
            matches!(
                word,
                "across" | "at" | "from" | "in" | "inside" | "into" | "near" | "to" |
                "toward" | "towards"
            )
        }

        /// Nouns before "of" that make the next name a place: "city of Nasiriyah".
        pub fn place_nouns(word: &str) -> bool {
            matches!(
                word,
                "capital" | "city" | "district" | "port" | "province" | "region" | "town" |
                "village"
            )
        }

        /// Lower-case particles inside names: "al-Muhandis", "bin Laden", "de Gaulle".
        pub fn particles(word: &str) -> bool {
            matches!(
                word,
                "ad" | "al" | "an" | "ar" | "as" | "ash" | "at" | "az" | "bin" | "bint" |
                "da" | "de" | "del" | "della" | "den" | "der" | "di" | "dos" | "du" | "ed" |
                "el" | "ez" | "ibn" | "la" | "le" | "ul" | "van" | "von"
            )
        }

        /// First words that make a name a place's: "Fort Bragg", "Mount Sinjar", and the
        /// common nouns that begin Arabic place names ("Ain" spring, "Kafr" village,
        /// "Jisr" bridge, "Wadi" valley).
        pub fn place_prefixes(word: &str) -> bool {
            matches!(
                word,
                "Ain" | "Bir" | "Camp" | "Deir" | "Fort" | "Jabal" | "Jebel" | "Jisr" |
                "Kafr" | "Lake" | "Mount" | "Port" | "Qasr" | "Ras" | "Tal" | "Tell" |
                "Wadi"
            )
        }

        /// Words that make a name an organisation's: "Ministry", "Times", "Images".
        pub fn organisation_words(word: &str) -> bool {
            matches!(
                word,
                "Agency" | "Airlines" | "Airways" | "Alliance" | "Army" | "Assembly" |
                "Association" | "Authority" | "Bank" | "Battalion" | "Bloc" | "Board" |
                "Brigade" | "Brigades" | "Bureau" | "Cabinet" | "Capital" | "Center" |
                "Centre" | "Chamber" | "Channel" | "Chemicals" | "Coalition" | "College" |
                "Command" | "Commission" | "Committee" | "Company" | "Congress" | "Corp" |
                "Corporation" | "Corps" | "Council" | "Court" | "Department" | "Division" |
                "Embassy" | "Energy" | "Engineering" | "Federation" | "Force" | "Forces" |
                "Forum" | "Foundation" | "Front" | "Fund" | "Gazette" | "Group" | "Guard" |
                "Guards" | "Herald" | "Holdings" | "Images" | "Inc" | "Industries" |
                "Initiative" | "Institute" | "Insurance" | "International" | "Investments" |
                "Journal" | "League" | "Logistics" | "Ltd" | "Mining" | "Ministry" |
                "Motors" | "Movement" | "Nations" | "Navy" | "Network" | "News" |
                "Observatory" | "Office" | "Organisation" | "Organization" | "Parliament" |
                "Party" | "Petroleum" | "Pharmaceuticals" | "Police" | "Post" | "Press" |
                "Radio" | "Railways" | "Refining" | "Senate" | "Service" | "Shipping" |
                "Society" | "State" | "Steel" | "Syndicate" | "Systems" | "Technologies" |
                "Telecom" | "Television" | "Times" | "Tribune" | "Union" | "Units" |
                "University" | "Watch"
            )
        }

        /// Last words of a company's name that its short form leaves out: "Sentinel
        /// Refining Group" is "Sentinel Refining".
        pub fn company_words(word: &str) -> bool {
            matches!(
                word,
                "Co" | "Company" | "Corp" | "Corporation" | "Group" | "Holdings" | "Inc" |
                "International" | "Ltd"
            )
        }

        /// Last words that make a name a place's: "Middle East", "United States".
        pub fn place_words(word: &str) -> bool {
            matches!(
                word,
                "Avenue" | "Bay" | "City" | "Coast" | "Desert" | "District" | "East" |
                "Emirates" | "Gulf" | "Island" | "Islands" | "Kingdom" | "Lake" |
                "Mountains" | "North" | "Ocean" | "Peninsula" | "Province" | "Region" |
                "Republic" | "River" | "Sea" | "South" | "Square" | "States" | "Strait" |
                "Street" | "Valley" | "West"
            )
        }

        /// Words that make a name an event's: "World War Three".
        pub fn event_words(word: &str) -> bool {
            matches!(
                word,
                "Conference" | "Cup" | "Election" | "Elections" | "Games" | "Olympics" |
                "Revolution" | "Summit" | "Uprising" | "War"
            )
        }

        /// Words that make a name a document's: "Paris Agreement".
        pub fn document_words(word: &str) -> bool {
            matches!(
                word,
                "Accord" | "Act" | "Agreement" | "Charter" | "Convention" | "Resolution" |
                "Treaty"
            )
        }

        /// Months and weekdays, with the usual abbreviations.
        pub fn dates(word: &str) -> bool {
            matches!(
                word,
                "Apr" | "April" | "Aug" | "August" | "Dec" | "December" | "Feb" |
                "February" | "Friday" | "Jan" | "January" | "Jul" | "July" | "Jun" |
                "June" | "Mar" | "March" | "May" | "Monday" | "Nov" | "November" | "Oct" |
                "October" | "Saturday" | "Sep" | "Sept" | "September" | "Sunday" |
                "Thursday" | "Tuesday" | "Wednesday"
            )
        }

        /// Adjectives of religion, ethnicity and region that cannot be derived from a
        /// place name in the text, as "Iraqi" is from "Iraq". Apostrophes straight.
        pub fn listed_demonyms(word: &str) -> bool {
            matches!(
                word,
                "Alawite" | "Arab" | "Christian" | "Druze" | "Eastern" | "European" |
                "Islamic" | "Jew" | "Jewish" | "Kurd" | "Muslim" | "Persian" | "Saudi" |
                "Shi'ite" | "Shia" | "Shiite" | "Sufi" | "Sunni" | "Western" | "Yazidi"
            )
        }

        /// Lower-case institutions named by a nationality or a possessive: "Iraqi
        /// parliament", "Iraq's government".
        pub fn institutions(word: &str) -> bool {
            matches!(
                word,
                "army" | "cabinet" | "government" | "judiciary" | "navy" | "parliament" |
                "police" | "presidency"
            )
        }

        /// Abbreviations whose full stop does not end a sentence: "Gen. Soleimani".
        pub fn abbreviations(word: &str) -> bool {
            matches!(
                word,
                "Adm" | "Apr" | "Aug" | "Brig" | "Capt" | "Cmdr" | "Col" | "Dec" | "Dr" |
                "Feb" | "Ft" | "Gen" | "Gov" | "Jan" | "Jr" | "Jul" | "Jun" | "Lt" | "Maj" |
                "Mr" | "Mrs" | "Ms" | "Mt" | "No" | "Nos" | "Nov" | "Oct" | "Prof" | "Rep" |
                "Rev" | "Sen" | "Sep" | "Sept" | "Sgt" | "Sr" | "St" | "vs"
            )
        }
    }

    /// Takes the lower-case form.
    pub fn is_function_word(lower: &str) -> bool {
        function_words(lower)
    }

    pub fn is_title(word: &str) -> bool {
        titles(word.trim_end_matches('.'))
    }

    pub fn is_title_modifier(word: &str) -> bool {
        title_modifiers(word)
    }

    pub fn is_trailing_title(word: &str) -> bool {
        trailing_titles(word)
    }

    /// Takes the lower-case form; titles count too ("general Qasem Soleimani").
    pub fn is_role_word(lower: &str) -> bool {
        let mut chars = lower.chars();
        let title: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        is_title(&title) || role_words(lower)
    }

    pub fn is_say_verb(lower: &str) -> bool {
        say_verbs(lower)
    }

    pub fn is_place_preposition(lower: &str) -> bool {
        place_prepositions(lower)
    }

    pub fn is_place_noun(lower: &str) -> bool {
        place_nouns(lower)
    }

    pub fn is_particle(word: &str) -> bool {
        particles(word)
    }

    pub fn is_organisation_word(word: &str) -> bool {
        organisation_words(word)
    }

    pub fn is_company_word(word: &str) -> bool {
        company_words(word)
    }

    pub fn is_place_word(word: &str) -> bool {
        place_words(word)
    }

    pub fn is_place_prefix(word: &str) -> bool {
        place_prefixes(word)
    }

    pub fn is_event_word(word: &str) -> bool {
        event_words(word)
    }

    pub fn is_document_word(word: &str) -> bool {
        document_words(word)
    }

    /// Any word that says what kind of thing a name is; such names are not people's.
    pub fn is_kind_word(word: &str) -> bool {
        is_organisation_word(word)
            || is_place_word(word)
            || is_place_prefix(word)
            || is_event_word(word)
            || is_document_word(word)
    }

    pub fn is_month_or_weekday(word: &str) -> bool {
        dates(word.trim_end_matches('.'))
    }

    pub fn is_listed_demonym(word: &str) -> bool {
        listed_demonyms(word)
    }

    /// Takes the lower-case form.
    pub fn is_institution(lower: &str) -> bool {
        institutions(lower)
    }

    pub fn is_abbreviation(word: &str) -> bool {
        abbreviations(word)
    }
}

/// Splitting a block into tokens and sentences.
mod words {
    use std::ops::Range;

    use super::lexicon;

    /// How a word is written.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Shape {
        /// Starts with a capital: "Iraq", "McDonald", "Gen.".
        Name,
        /// Capitals only, two letters or more: "US", "AFP", "U.S.".
        Acronym,
        /// One capital and a full stop: the "W." in "George W. Bush".
        Initial,
        /// Starts in lower case, or a plural acronym ("MPs") used as a common noun.
        Lower,
        Number,
        /// Anything else: "I", "A", scripts without case.
        Other,
    }

    /// What separates a token from the one before it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Gap {
        Space,
        Hyphen,
        Comma,
        OpenParen,
        Other,
    }

    #[derive(Debug, Clone)]
    pub struct Token {
        /// Byte range of the word, without a possessive `'s`.
        pub range: Range<usize>,
        pub shape: Shape,
        /// The first word of a sentence (or of a quotation).
        pub initial: bool,
        /// Followed by `'s` (or `’s`, `‘s`).
        pub possessive: bool,
        pub gap: Gap,
        /// Index into `Words::sentences`.
        pub sentence: usize,
    }

    /// The tokens of one block.
    #[derive(Debug, Clone)]
    pub struct Words<'a> {
        pub text: &'a str,
        pub tokens: Vec<Token>,
        /// Byte offset where each sentence starts.
        pub sentences: Vec<usize>,
    }

    impl<'a> Words<'a> {
        pub fn word(&self, i: usize) -> &'a str {
            &self.text[self.tokens[i].range.clone()]
        }

        /// The text from the first of `tokens` to the end of the last.
        pub fn span(&self, tokens: Range<usize>) -> &'a str {
            &self.text[self.tokens[tokens.start].range.start..self.tokens[tokens.end - 1].range.end]
        }

        /// Byte range of the sentence that holds `offset`.
        pub fn sentence_at(&self, offset: usize) -> Range<usize> {
            let k = self.sentences.partition_point(|&s| s <= offset).max(1) - 1;
            let start = self.sentences.get(k).copied().unwrap_or(0);
            let end = self
                .sentences
                .get(k + 1)
                .copied()
                .unwrap_or(self.text.len());
            start..end
        }
    }

    pub fn is_apostrophe(c: char) -> bool {
        matches!(c, '\'' | '\u{2019}' | '\u{2018}')
    }

    /// Splits a block's text into tokens.
    pub fn tokenize(text: &str) -> Words<'_> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let at = |i: usize| chars.get(i).map(|&(_, c)| c);
        let pos = |i: usize| chars.get(i).map_or(text.len(), |&(p, _)| p);
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let possessive_at = |j: usize| {
            at(j).is_some_and(is_apostrophe)
                && matches!(at(j + 1), Some('s' | 'S'))
                && !is_word(at(j + 2))
        };

        let mut tokens: Vec<Token> = Vec::new();
        let mut sentences = Vec::new();
        let mut prev_end = 0;
        let mut i = 0;
        while i < chars.len() {
            if !is_word(at(i)) {
                i += 1;
                continue;
            }
            let start = pos(i);
            let mut j = i + 1;
            loop {
                match at(j) {
                    Some(c) if c.is_alphanumeric() => j += 1,
                    // "Shi’ite", "O'Brien", "Hill.TV", "U.S": joined; "Iraq's": not.
                    Some(c) if is_apostrophe(c) && is_word(at(j + 1)) && !possessive_at(j) => {
                        j += 2
                    }
                    Some('.') if is_word(at(j + 1)) => j += 2,
                    _ => break,
                }
            }
            let mut end = pos(j);
            let mut next = j;
            let possessive = possessive_at(j);
            if possessive {
                next = j + 2;
            } else if at(j) == Some('.') && keeps_full_stop(&text[start..end]) {
                end += 1;
                next = j + 1;
            }
            let gap_text = &text[prev_end..start];
            let new_sentence = tokens.is_empty() || ends_sentence(gap_text);
            if new_sentence {
                sentences.push(prev_end + sentence_offset(gap_text));
            }
            let shape = shape_of(&text[start..end]);
            let initial = new_sentence || (opens_quote(gap_text) && shape != Shape::Lower);
            tokens.push(Token {
                range: start..end,
                shape,
                initial,
                possessive,
                gap: classify_gap(gap_text),
                sentence: sentences.len().saturating_sub(1),
            });
            prev_end = pos(next);
            i = next;
        }
        Words {
            text,
            tokens,
            sentences,
        }
    }

    /// True when a full stop after `word` belongs to it: "Gen.", "W.", "U.S.".
    fn keeps_full_stop(word: &str) -> bool {
        let single_capital = {
            let mut chars = word.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        };
        let dotted_acronym = word.contains('.')
            && word.split('.').all(|part| {
                let mut chars = part.chars();
                chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
            });
        single_capital || dotted_acronym || lexicon::is_abbreviation(word)
    }

    fn ends_sentence(gap: &str) -> bool {
        gap.contains(['.', '!', '?', ':'])
    }

    /// True when the gap ends with an opening quotation mark: a quotation starts.
    fn opens_quote(gap: &str) -> bool {
        gap.trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '\u{201C}' | '\u{2018}' | '"' | '\'' | '«'))
    }

    /// Where in a gap that ends a sentence the next one starts: after the last
    /// terminator and the closing marks and spaces that follow it.
    fn sentence_offset(gap: &str) -> usize {
        let Some(last) = gap.rfind(['.', '!', '?', ':']) else {
            return gap.len() - gap.trim_start().len();
        };
        let rest = &gap[last + 1..];
        let mut offset = last + 1;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let closing = matches!(c, '\u{201D}' | '\u{2019}' | ')' | ']')
                || (matches!(c, '"' | '\'') && chars.peek().is_none_or(|(_, n)| n.is_whitespace()));
            if c.is_whitespace() || closing {
                offset = last + 1 + i + c.len_utf8();
            } else {
                break;
            }
        }
        offset
    }

    fn classify_gap(gap: &str) -> Gap {
        if !gap.is_empty() && gap.chars().all(char::is_whitespace) {
            return Gap::Space;
        }
        match gap.trim() {
            "-" | "\u{2010}" if gap.len() == gap.trim().len() => Gap::Hyphen,
            "," => Gap::Comma,
            "(" => Gap::OpenParen,
            _ => Gap::Other,
        }
    }

    pub fn shape_of(word: &str) -> Shape {
        let Some(first) = word.chars().next() else {
            return Shape::Other;
        };
        if first.is_numeric() {
            return Shape::Number;
        }
        if first.is_lowercase() {
            return Shape::Lower;
        }
        if !first.is_uppercase() {
            return Shape::Other;
        }
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = word.chars().filter(|c| c.is_uppercase()).count();
        if letters == 1 {
            return if word.ends_with('.') {
                Shape::Initial
            } else {
                Shape::Other
            };
        }
        if capitals == letters {
            return Shape::Acronym;
        }
        if letters >= 3 && capitals == letters - 1 && word.ends_with('s') {
            return Shape::Lower;
        }
        Shape::Name
    }
}

/// Folding names for comparison: spelling variants and transliterations.
mod fold {
    use super::lexicon;

    /// A name as compared: lower-case ASCII words, particles and a leading "the"
    /// dropped, common transliteration pairs merged, doubled letters single.
    pub fn fold(name: &str) -> Vec<String> {
        let slug = slug::slugify(name.replace(super::words::is_apostrophe, ""));
        let mut words: Vec<String> = slug
            .split('-')
            .filter(|w| !w.is_empty() && !lexicon::is_particle(w))
            .map(fold_word)
            .collect();
        if words.len() > 1 && words[0] == "the" {
            words.remove(0);
        }
        words
    }

    fn fold_word(word: &str) -> String {
        let mut w = word.to_string();
        for (from, to) in [
            ("ph", "f"),
            ("gh", "k"),
            ("ck", "k"),
            ("ou", "u"),
            ("ee", "i"),
            ("oo", "u"),
        ] {
            w = w.replace(from, to);
        }
        // "Fallujah"/"Falluja", "Basrah"/"Basra"; "Mehmed"/"Mehmet".
        if w.len() > 3 && w.ends_with('h') && w[..w.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u'])
        {
            w.pop();
        }
        if w.len() > 3 && w.ends_with('d') {
            w.pop();
            w.push('t');
        }
        let mut out = String::with_capacity(w.len());
        for c in w.chars() {
            let c = match c {
                'q' | 'c' => 'k',
                'y' => 'i',
                c => c,
            };
            if !out.ends_with(c) {
                out.push(c);
            }
        }
        out
    }

    /// The consonants of a folded word.
    pub fn skeleton(word: &str) -> String {
        word.chars().filter(|c| !"aeiou".contains(*c)).collect()
    }

    /// The key that variants must share: word count and each word's first letter,
    /// vowels counted as one letter.
    pub fn block_key(words: &[String]) -> String {
        words
            .iter()
            .map(|w| match w.chars().next() {
                Some('a' | 'e' | 'i' | 'o' | 'u') => 'V',
                Some(c) => c,
                None => '_',
            })
            .collect()
    }

    /// True when two folded names are likely spellings of the same name.
    ///
    /// A single word must have the same consonants and differ by one letter
    /// ("Soleimani"/"Suleimani"). Several words must each be such a spelling, with a
    /// third of the letters allowed to differ ("Muhandis"/"Mohandes"), or a
    /// shortening ("Abd"/"Abdul"), and all together differ in a quarter of the
    /// letters at most.
    pub fn is_variant(a: &[String], b: &[String]) -> bool {
        if a.len() != b.len() || a.is_empty() {
            return false;
        }
        let (ja, jb) = (a.concat(), b.concat());
        if ja == jb {
            return true;
        }
        let len = ja.chars().count().max(jb.chars().count());
        if len < 5 {
            return false;
        }
        if a.len() == 1 {
            return skeleton(&ja) == skeleton(&jb) && levenshtein(&ja, &jb) <= 1;
        }
        let words_alike = a.iter().zip(b).all(|(x, y)| {
            let longest = x.chars().count().max(y.chars().count());
            let spelling = skeleton(x) == skeleton(y) && levenshtein(x, y) <= (longest / 3).max(1);
            let shortening = x.len().min(y.len()) >= 3
                && (x.starts_with(y.as_str()) || y.starts_with(x.as_str()));
            x == y || spelling || shortening
        });
        words_alike && levenshtein(&ja, &jb) <= len / 4
    }

    pub fn levenshtein(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, &cb) in b.iter().enumerate() {
                let above = row[j + 1];
                row[j + 1] = (above + 1)
                    .min(row[j] + 1)
                    .min(diagonal + usize::from(ca != cb));
                diagonal = above;
            }
        }
        row[b.len()]
    }

    /// The capitals of a name's words, skipping lower-case words and "The":
    /// "Islamic State" is "IS", "The Associated Press" is "AP".
    pub fn initials(name: &str) -> String {
        name.split([' ', '-'])
            .filter(|w| *w != "The")
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect()
    }

    /// The capitals of an acronym: "U.S." is "US".
    pub fn acronym_letters(word: &str) -> String {
        word.chars().filter(|c| c.is_alphabetic()).collect()
    }
}

/// Where a candidate occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Occurrence {
    article: usize,
    block: usize,
    start: usize,
    end: usize,
}

/// Clues to a candidate's kind, counted over its occurrences.
#[derive(Debug, Default, Clone, Copy)]
struct Evidence {
    /// After a title or a role noun: "President Trump", "cleric Moqtada Sadr".
    title: usize,
    /// Before a reporting verb or after "said".
    says: usize,
    /// After "in", "to", "from"...
    place: usize,
    /// After "city of", "province of"...
    city: usize,
    /// After "according to", "reported by", "as per".
    source: usize,
    /// Before "group".
    group: usize,
}

impl AddAssign for Evidence {
    fn add_assign(&mut self, o: Evidence) {
        self.title += o.title;
        self.says += o.says;
        self.place += o.place;
        self.city += o.city;
        self.source += o.source;
        self.group += o.group;
    }
}

/// One surface form seen in the articles, with its statistics.
#[derive(Debug, Clone, Default)]
struct Candidate {
    /// As first written (white space collapsed).
    surface: String,
    occurrences: Vec<Occurrence>,
    evidence: Evidence,
    /// Titles stripped in front of it, with counts.
    titles: BTreeMap<String, usize>,
    /// Registry entities whose mentions lie inside it.
    contains: BTreeSet<usize>,
    /// A description such as "Iraqi parliament": (the place, the institution).
    description: Option<(String, String)>,
    /// Occurrences directly followed by another word, as an adjective is by its noun.
    attributive: usize,
}

impl Candidate {
    fn words(&self) -> Vec<&str> {
        self.surface.split(' ').collect()
    }

    fn is_acronym(&self) -> bool {
        !self.surface.contains(' ') && words::shape_of(&self.surface) == Shape::Acronym
    }

    /// Two to five capitalised words with nothing that says "institution" or "place".
    fn is_person_shaped(&self) -> bool {
        let words = self.words();
        (2..=5).contains(&words.len())
            && words[0] != "The"
            && self.description.is_none()
            && words.iter().all(|w| {
                w.split('-').all(|part| {
                    lexicon::is_particle(part)
                        || (words::shape_of(part) == Shape::Name && !lexicon::is_kind_word(part))
                })
            })
    }
}

/// Collection-wide word counts.
#[derive(Debug, Default)]
struct Stats<'a> {
    /// Occurrences of each lower-case word.
    lower: HashMap<&'a str, usize>,
    /// Occurrences of each capitalised word that does not start a sentence.
    capitalised_mid: HashMap<&'a str, usize>,
    /// Every capitalised word, anywhere.
    capitalised: HashSet<&'a str>,
}

impl Stats<'_> {
    fn lower_count(&self, word: &str) -> usize {
        self.lower
            .get(word.to_lowercase().as_str())
            .copied()
            .unwrap_or(0)
    }

    fn mid_count(&self, word: &str) -> usize {
        self.capitalised_mid.get(word).copied().unwrap_or(0)
    }

    /// A capitalised word that is mostly written in lower case: "Parliament", "Video".
    fn is_ordinary(&self, word: &str) -> bool {
        let lower = self.lower_count(word);
        lower >= 1 && lower * 2 >= self.mid_count(word)
    }

    /// For an adjective of nationality, religion or ethnicity ("Iraqi", "Iranians",
    /// "Kurdish", "Sunni"), the word it derives from ("Iraq"), or itself.
    fn demonym_base(&self, word: &str) -> Option<String> {
        let word = word.replace(words::is_apostrophe, "'");
        self.singular_demonym_base(&word).or_else(|| {
            word.strip_suffix('s')
                .filter(|w| w.chars().count() >= 4)
                .and_then(|w| self.singular_demonym_base(w))
        })
    }

    fn singular_demonym_base(&self, word: &str) -> Option<String> {
        if lexicon::is_listed_demonym(word) {
            return Some(word.to_string());
        }
        for (suffix, restores) in [
            ("ian", &["", "e", "a"][..]),
            ("an", &["", "a"][..]),
            ("n", &[""][..]),
            ("i", &[""][..]),
            ("ese", &["", "a"][..]),
            ("ish", &[""][..]),
        ] {
            if let Some(stem) = word.strip_suffix(suffix) {
                for restore in restores {
                    let base = format!("{stem}{restore}");
                    if base.chars().count() >= 4 && self.capitalised.contains(base.as_str()) {
                        return Some(base);
                    }
                }
            }
        }
        let long = word.chars().count() >= 6;
        (long && (word.ends_with("ish") || word.ends_with("ese"))).then(|| word.to_string())
    }
}

/// A cleaned run of capitalised words.
#[derive(Debug, Clone)]
struct Cleaned {
    tokens: Range<usize>,
    /// Text of the titles stripped in front ("Prime Minister").
    title: Option<String>,
    /// The run started a sentence and nothing but function words was stripped, so
    /// its first word may be capitalised only for being first.
    initial: bool,
}

enum Outcome {
    Name(Cleaned),
    /// An adjective of nationality alone (token index): maybe "Iraqi parliament".
    Demonym(usize),
    Nothing,
}

/// A registry mention found by the matcher.
struct Known {
    range: Range<usize>,
    entities: Vec<usize>,
}

/// Everything read from the articles.
struct Corpus<'a> {
    articles: &'a [SuggestInput<'a>],
    blocks: Vec<Vec<Words<'a>>>,
    known: Vec<Vec<Vec<Known>>>,
    stats: Stats<'a>,
    /// Normalised registry forms, to skip candidates the registry has.
    registry_forms: HashSet<String>,
}

/// The same name written with straight apostrophes and single spaces.
fn normalise(surface: &str) -> String {
    surface
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(words::is_apostrophe, "'")
}

impl<'a> Corpus<'a> {
    fn read(articles: &'a [SuggestInput<'a>], registry: &Registry) -> Self {
        let matcher = EntityMatcher::new(registry);
        // Tokens and registry mentions, article by article in parallel.
        let read: Vec<(Vec<Words<'a>>, Vec<Vec<Known>>)> = articles
            .par_iter()
            .map(|article| {
                let words = article
                    .blocks
                    .iter()
                    .map(|b| words::tokenize(&b.text))
                    .collect();
                (words, known_mentions(&matcher, article))
            })
            .collect();
        let mut stats = Stats::default();
        let mut blocks = Vec::with_capacity(articles.len());
        let mut known = Vec::with_capacity(articles.len());
        for (words, per_block) in read {
            for w in &words {
                // Words capitalised for starting a sentence, even after a capitalised
                // function word ("The Hill has..."), do not count as mid-sentence.
                let mut leading = false;
                for (i, t) in w.tokens.iter().enumerate() {
                    leading = t.initial || (leading && is_capitalised_function_word(w, i - 1));
                    match t.shape {
                        Shape::Lower => *stats.lower.entry(w.word(i)).or_default() += 1,
                        Shape::Name | Shape::Acronym => {
                            stats.capitalised.insert(w.word(i));
                            if !leading {
                                *stats.capitalised_mid.entry(w.word(i)).or_default() += 1;
                            }
                        }
                        _ => {}
                    }
                }
            }
            blocks.push(words);
            known.push(per_block);
        }
        let registry_forms = registry
            .entities
            .iter()
            .flat_map(|e| e.names())
            .map(normalise)
            .collect();
        Corpus {
            articles,
            blocks,
            known,
            stats,
            registry_forms,
        }
    }

    /// Runs, cleaned and counted twice: the first pass counts each form and how often
    /// it is seen in mid-sentence, the second uses those counts to split off ordinary
    /// words and gathers the final candidates.
    fn candidates(&self) -> Table {
        let mut first: HashMap<String, (usize, usize)> = HashMap::new();
        for words in self.blocks.iter().flatten() {
            for run in find_runs(words) {
                if let Outcome::Name(c) = clean(words, run, &self.stats) {
                    let entry = first.entry(normalise(words.span(c.tokens))).or_default();
                    entry.0 += 1;
                    if !c.initial {
                        entry.1 += 1;
                    }
                }
            }
        }
        let mid_seen = |words: &Words, tokens: Range<usize>| {
            first
                .get(&normalise(words.span(tokens)))
                .map_or(0, |&(_, mid)| mid)
        };

        let mut table = Table::default();
        for (a, blocks) in self.blocks.iter().enumerate() {
            for (b, words) in blocks.iter().enumerate() {
                let known = &self.known[a][b];
                let mut kept: Vec<(usize, Range<usize>)> = Vec::new();
                for run in find_runs(words) {
                    let run_end = run.end;
                    let cleaned = match clean(words, run, &self.stats) {
                        Outcome::Name(c) => c,
                        Outcome::Demonym(t) => {
                            self.describe(&mut table, words, (a, b), t, t + 1, None);
                            continue;
                        }
                        Outcome::Nothing => continue,
                    };
                    let (s, e) = (cleaned.tokens.start, cleaned.tokens.end);
                    if e == run_end && words.tokens[e - 1].possessive {
                        let base = normalise(words.span(s..e));
                        self.describe(&mut table, words, (a, b), s, e, Some(base));
                    }
                    let Some(tokens) = self.refine(words, &cleaned, &mid_seen) else {
                        continue;
                    };
                    if tokens.len() == 1
                        && self.stats.demonym_base(words.word(tokens.start)).is_some()
                    {
                        self.describe(&mut table, words, (a, b), tokens.start, tokens.end, None);
                        continue;
                    }
                    let range = words.tokens[tokens.start].range.start
                        ..words.tokens[tokens.end - 1].range.end;
                    if known
                        .iter()
                        .any(|k| k.range.start <= range.start && range.end <= k.range.end)
                    {
                        continue;
                    }
                    let surface = normalise(words.span(tokens.clone()));
                    if self.registry_forms.contains(&surface) {
                        continue;
                    }
                    let occurrence = Occurrence {
                        article: a,
                        block: b,
                        start: range.start,
                        end: range.end,
                    };
                    let index = table.add(&surface, words.span(tokens.clone()), occurrence);
                    let candidate = &mut table.candidates[index];
                    candidate.evidence += context_evidence(words, tokens.clone(), &cleaned);
                    if is_attributive(words, tokens.end) {
                        candidate.attributive += 1;
                    }
                    if let Some(title) = &cleaned.title {
                        *candidate.titles.entry(title.clone()).or_default() += 1;
                    }
                    for k in known {
                        if range.start <= k.range.start && k.range.end <= range.end {
                            candidate.contains.extend(k.entities.iter().copied());
                        }
                    }
                    kept.push((index, tokens));
                }
                // "Daesh (Islamic State)": a name and its parenthetical are one.
                for pair in kept.windows(2) {
                    let (first, second) = (&pair[0], &pair[1]);
                    let closes = words.text[words.tokens[second.1.end - 1].range.end..]
                        .trim_start()
                        .starts_with(')');
                    if second.1.start == first.1.end
                        && words.tokens[second.1.start].gap == Gap::OpenParen
                        && closes
                    {
                        table.parenthetical.push((first.0, second.0));
                    }
                }
            }
        }
        table.drop_ordinary_words(&self.stats);
        table
    }

    /// The second pass over a cleaned run: splits off a sentence-initial ordinary word
    /// ("Tags Iran") and trailing ordinary words after a known name ("Reuters
    /// Members"); drops a lone word that is never capitalised mid-sentence.
    fn refine(
        &self,
        words: &Words,
        cleaned: &Cleaned,
        mid_seen: &impl Fn(&Words, Range<usize>) -> usize,
    ) -> Option<Range<usize>> {
        let (mut s, mut e) = (cleaned.tokens.start, cleaned.tokens.end);
        if cleaned.initial && e - s > 1 && words.tokens[s].shape == Shape::Name {
            let first = words.word(s);
            if mid_seen(words, s..e) == 0
                && self.stats.mid_count(first) == 0
                && (self.stats.lower_count(first) >= 1 || mid_seen(words, s + 1..e) >= 1)
            {
                s += 1;
            }
        }
        while e - s > 1 {
            let last = words.word(e - 1);
            if words.tokens[e - 1].shape != Shape::Name
                || lexicon::is_kind_word(last)
                || self.stats.lower_count(last) == 0
                || mid_seen(words, s..e - 1) == 0
            {
                break;
            }
            e -= 1;
        }
        while e > s && words.tokens[e - 1].shape == Shape::Lower {
            e -= 1;
        }
        if e - s == 1
            && words.tokens[s].shape == Shape::Name
            && self.stats.mid_count(words.word(s)) == 0
        {
            return None;
        }
        (e > s).then_some(s..e)
    }

    /// Records "Iraqi parliament" or "Iraq's parliament" when the words `first..end`
    /// (a nationality, or a possessive name) are followed by an institution.
    fn describe(
        &self,
        table: &mut Table,
        words: &Words,
        (article, block): (usize, usize),
        first: usize,
        end: usize,
        base: Option<String>,
    ) {
        let Some(next) = words.tokens.get(end) else {
            return;
        };
        let noun = words.word(end);
        if next.gap != Gap::Space || next.initial || !lexicon::is_institution(noun) {
            return;
        }
        let Some(base) = base.or_else(|| self.stats.demonym_base(words.word(first))) else {
            return;
        };
        let range = words.tokens[first].range.start..next.range.end;
        let known = &self.known[article][block];
        if known
            .iter()
            .any(|k| k.range.start <= range.start && range.end <= k.range.end)
        {
            return;
        }
        let surface = normalise(&words.text[range.clone()]);
        if self.registry_forms.contains(&surface) {
            return;
        }
        let occurrence = Occurrence {
            article,
            block,
            start: range.start,
            end: range.end,
        };
        let index = table.add(&surface, &words.text[range], occurrence);
        table.candidates[index].description = Some((base, noun.to_string()));
    }
}

/// The registry mentions in each block of an article: found, ambiguous and explicit.
fn known_mentions(matcher: &EntityMatcher, article: &SuggestInput) -> Vec<Vec<Known>> {
    let mentions = matcher.find_mentions(article.blocks);
    let mut per_block: Vec<Vec<Known>> = article.blocks.iter().map(|_| Vec::new()).collect();
    for m in &mentions.found {
        per_block[m.block].push(Known {
            range: m.range.clone(),
            entities: vec![m.entity],
        });
    }
    for m in &mentions.ambiguous {
        per_block[m.block].push(Known {
            range: m.range.clone(),
            entities: m.candidates.clone(),
        });
    }
    for (b, block) in article.blocks.iter().enumerate() {
        for (range, entity) in &block.explicit {
            per_block[b].push(Known {
                range: range.clone(),
                entities: vec![*entity],
            });
        }
    }
    per_block
}

/// Maximal runs of capitalised words, as token ranges.
fn find_runs(words: &Words) -> Vec<Range<usize>> {
    let tokens = &words.tokens;
    let n = tokens.len();
    let name_like = |i: usize| {
        matches!(
            tokens[i].shape,
            Shape::Name | Shape::Acronym | Shape::Initial
        )
    };
    // Token `i` continues the words before it: same sentence, joined by a space or a
    // hyphen, not after a possessive.
    let joined = |i: usize| {
        i > 0
            && !tokens[i].initial
            && matches!(tokens[i].gap, Gap::Space | Gap::Hyphen)
            && !tokens[i - 1].possessive
    };
    // A web name ("Hill.TV") stands alone.
    let dotted = |i: usize| {
        let w = words.word(i);
        tokens[i].shape == Shape::Name && w.contains('.') && !w.ends_with('.')
    };
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    let mut k = 0;
    while k < n {
        if name_like(k) {
            let repeated = k > 0 && words.word(k) == words.word(k - 1);
            let apart = dotted(k) || (k > 0 && dotted(k - 1));
            if let Some(s) = start
                && (!joined(k) || repeated || apart)
            {
                runs.push(s..k);
                start = None;
            }
            start.get_or_insert(k);
            k += 1;
            continue;
        }
        // "Rostov-on-Don", "Stratford-upon-Avon".
        if start.is_some()
            && tokens[k].gap == Gap::Hyphen
            && tokens[k].shape == Shape::Lower
            && words.word(k).len() <= 4
            && k + 1 < n
            && name_like(k + 1)
            && tokens[k + 1].gap == Gap::Hyphen
        {
            k += 1;
            continue;
        }
        // "Abu Mahdi al-Muhandis", "Osama bin Laden", and "al-Mahdi" on its own.
        if lexicon::is_particle(words.word(k)) && k + 1 < n && name_like(k + 1) && joined(k + 1) {
            match start {
                Some(_) if joined(k) => {}
                _ => {
                    if let Some(s) = start.take() {
                        runs.push(s..k);
                    }
                    if tokens[k + 1].gap == Gap::Hyphen {
                        start = Some(k);
                    }
                }
            }
            k += 1;
            continue;
        }
        // "Council of Representatives", "Council on Foreign Relations", "Gulf of Oman";
        // not "Kandil Mountains on Friday".
        let connects = match words.word(k) {
            "of" | "for" => {
                lexicon::is_organisation_word(words.word(k - 1))
                    || lexicon::is_place_word(words.word(k - 1))
            }
            "on" => lexicon::is_organisation_word(words.word(k - 1)),
            _ => false,
        };
        if start.is_some() && joined(k) && connects {
            let mut next = k + 1;
            if next < n && words.word(next) == "the" && joined(next) {
                next += 1;
            }
            if next < n
                && name_like(next)
                && joined(next)
                && !lexicon::is_month_or_weekday(words.word(next))
            {
                k = next;
                continue;
            }
        }
        if let Some(s) = start.take() {
            runs.push(s..k);
        }
        k += 1;
    }
    if let Some(s) = start {
        runs.push(s..n);
    }
    runs
}

/// Strips what is not part of a name from a run: see the module documentation.
fn clean(words: &Words, run: Range<usize>, stats: &Stats) -> Outcome {
    let (mut s, mut e) = (run.start, run.end);
    let initial = words.tokens[s].initial;
    while s < e {
        let word = words.word(s);
        if !is_capitalised_function_word(words, s) {
            break;
        }
        // A capitalised "The" inside a sentence belongs to a name: "The Times".
        if word == "The" && !(s == run.start && initial) {
            break;
        }
        s += 1;
    }
    let mut title: Option<String> = None;
    // Whatever stands before a title that is followed by a name qualifies the person:
    // "Belgian Foreign Minister Didier Delaunay", "UN envoy" aside.
    if let Some((p, q)) = (s..e.min(s + 4)).find_map(|p| title_at(words, p, e)) {
        title = Some(words.span(p..q).to_string());
        s = q;
    }
    while s < e {
        // "Former Iranian cleric ...", "Acting Iraqi Prime Minister ...".
        if lexicon::is_title_modifier(words.word(s))
            && s + 2 <= e
            && stats.demonym_base(words.word(s + 1)).is_some()
            && (s + 2 == e || title_at(words, s + 2, e).is_some())
        {
            s += 1;
            continue;
        }
        if stats.demonym_base(words.word(s)).is_some() {
            if s + 1 == e {
                return Outcome::Demonym(s);
            }
            // Before a title and a name ("Iraqi Prime Minister Adil Abd al-Mahdi") or
            // another adjective ("Iraqi Shiite cleric"), not "Kurdish Supreme Court".
            if title_at(words, s + 1, e).is_some()
                || stats.demonym_base(words.word(s + 1)).is_some()
            {
                s += 1;
                continue;
            }
        }
        if let Some((_, q)) = title_at(words, s, e) {
            title = Some(words.span(s..q).to_string());
            s = q;
            continue;
        }
        break;
    }
    while e - s > 1 && lexicon::is_trailing_title(words.word(e - 1)) {
        e -= 1;
    }
    while e > s && words.tokens[e - 1].shape == Shape::Lower {
        e -= 1;
    }
    if s >= e {
        return Outcome::Nothing;
    }
    let all_titles = (s..e)
        .all(|i| lexicon::is_title(words.word(i)) || lexicon::is_title_modifier(words.word(i)));
    let has_name = (s..e).any(|i| matches!(words.tokens[i].shape, Shape::Name | Shape::Acronym));
    if all_titles || !has_name {
        return Outcome::Nothing;
    }
    if e - s == 1
        && (lexicon::is_month_or_weekday(words.word(s)) || is_capitalised_function_word(words, s))
    {
        return Outcome::Nothing;
    }
    Outcome::Name(Cleaned {
        tokens: s..e,
        initial: initial && title.is_none(),
        title,
    })
}

/// True when the word at `next` follows the one before it as a noun follows an
/// adjective: "French activist", not "Reuters said", "Iraq, the" or "Iran and".
fn is_attributive(words: &Words, next: usize) -> bool {
    let Some(t) = words.tokens.get(next) else {
        return false;
    };
    let lower = words.word(next).to_lowercase();
    t.gap == Gap::Space
        && !t.initial
        && !words.tokens[next - 1].possessive
        && matches!(t.shape, Shape::Lower | Shape::Name | Shape::Acronym)
        && !lexicon::is_function_word(&lower)
        && !lexicon::is_say_verb(&lower)
}

/// A function word written with a capital ("The", "But"); "US" is not "us".
fn is_capitalised_function_word(words: &Words, i: usize) -> bool {
    words.tokens[i].shape == Shape::Name && lexicon::is_function_word(&words.word(i).to_lowercase())
}

/// A title sequence ("Prime Minister", "Brig. Gen.") starting at token `p` and followed,
/// before `end`, by a name with no institution or place word: the range of the title
/// and where the name starts.
fn title_at(words: &Words, p: usize, end: usize) -> Option<(usize, usize)> {
    let mut q = p;
    let mut has_title = false;
    while q < end && (lexicon::is_title(words.word(q)) || lexicon::is_title_modifier(words.word(q)))
    {
        has_title |= lexicon::is_title(words.word(q));
        q += 1;
    }
    let name_follows = q < end
        && words.tokens[q].shape == Shape::Name
        && !(q..end).any(|i| lexicon::is_kind_word(words.word(i)));
    (has_title && name_follows).then_some((p, q))
}

/// The clues around one occurrence of a cleaned run.
fn context_evidence(words: &Words, tokens: Range<usize>, cleaned: &Cleaned) -> Evidence {
    let t = &words.tokens;
    let (s, e) = (tokens.start, tokens.end);
    let lower = |i: usize| words.word(i).to_lowercase();
    // The word `back` places before the run, in the same sentence.
    let before = |back: usize| -> Option<String> {
        let i = s.checked_sub(back)?;
        (t[i].sentence == t[s].sentence && t[i + 1..=s].iter().all(|x| !x.initial))
            .then(|| lower(i))
    };
    let after = (e < t.len() && !t[e].initial && matches!(t[e].gap, Gap::Space | Gap::Comma))
        .then(|| lower(e));
    let (b1, b2, b3) = (before(1), before(2), before(3));
    let is = |w: &Option<String>, f: fn(&str) -> bool| w.as_deref().is_some_and(f);
    let eq = |w: &Option<String>, s: &str| w.as_deref() == Some(s);
    let close = matches!(t[s].gap, Gap::Space | Gap::Comma);

    let mut ev = Evidence::default();
    if cleaned.title.is_some() || (close && is(&b1, lexicon::is_role_word)) {
        ev.title += 1;
    }
    let after_said = eq(&b1, "said") || (eq(&b2, "said") && is(&b1, |w| !w.is_empty()));
    if is(&after, lexicon::is_say_verb) || (close && after_said) {
        ev.says += 1;
    }
    let according = (eq(&b1, "to") && eq(&b2, "according"))
        || (eq(&b1, "the") && eq(&b2, "to") && eq(&b3, "according"))
        || (eq(&b1, "by") && eq(&b2, "reported"))
        || eq(&b1, "per")
        || (eq(&b1, "the") && eq(&b2, "per"));
    if according {
        ev.source += 1;
    } else if is(&b1, lexicon::is_place_preposition)
        || (eq(&b1, "the") && is(&b2, lexicon::is_place_preposition))
    {
        ev.place += 1;
    }
    if eq(&b1, "of") && is(&b2, lexicon::is_place_noun) {
        ev.city += 1;
    }
    if eq(&after, "group") {
        ev.group += 1;
    }
    ev
}

/// The candidates of the whole collection, in order of first occurrence.
#[derive(Debug, Default)]
struct Table {
    candidates: Vec<Candidate>,
    index: HashMap<String, usize>,
    /// Pairs of candidates seen as "A (B)".
    parenthetical: Vec<(usize, usize)>,
}

impl Table {
    fn add(&mut self, key: &str, surface: &str, occurrence: Occurrence) -> usize {
        let index = *self.index.entry(key.to_string()).or_insert_with(|| {
            self.candidates.push(Candidate {
                surface: surface.split_whitespace().collect::<Vec<_>>().join(" "),
                ..Candidate::default()
            });
            self.candidates.len() - 1
        });
        self.candidates[index].occurrences.push(occurrence);
        index
    }

    /// Empties the single capitalised words that are mostly written in lower case,
    /// and those used only as adjectives ("French activist", "French government"):
    /// adjectives of nationality that cannot be derived from a place in the text.
    fn drop_ordinary_words(&mut self, stats: &Stats) {
        for c in &mut self.candidates {
            let single = !c.surface.contains(' ') && !c.surface.contains('-');
            if !single || words::shape_of(&c.surface) != Shape::Name {
                continue;
            }
            let count = c.occurrences.len();
            let adjective = count >= 3 && c.attributive * 10 >= count * 9;
            if adjective || stats.is_ordinary(&c.surface) {
                c.occurrences.clear();
            }
        }
    }
}

/// Groups of candidates that name one thing; each group lists candidate indices.
fn group_candidates(table: &Table) -> Vec<Vec<usize>> {
    let cands = &table.candidates;
    let live: Vec<usize> = (0..cands.len())
        .filter(|&i| !cands[i].occurrences.is_empty())
        .collect();
    let mut sets = UnionFind::new(cands.len());

    join_spellings(cands, &live, &mut sets);
    // Descriptions of one institution: "Iraqi parliament", "Iraq's parliament".
    let mut descriptions: BTreeMap<&(String, String), usize> = BTreeMap::new();
    for &i in &live {
        if let Some(d) = &cands[i].description {
            let first = *descriptions.entry(d).or_insert(i);
            sets.union(first, i);
        }
    }
    for &(a, b) in &table.parenthetical {
        sets.union(a, b);
    }
    join_short_forms_of_institutions(table, &live, &mut sets);
    let shared = join_short_forms_of_people(cands, &live, &mut sets);

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &live {
        if !shared.iter().any(|(s, _)| *s == i) {
            groups.entry(sets.find(i)).or_default().push(i);
        }
    }
    // A short form shared by several people is an alias of each (the matcher resolves
    // it by the nearest full mention).
    for (i, roots) in shared {
        let roots: BTreeSet<usize> = roots.into_iter().map(|r| sets.find(r)).collect();
        for root in roots {
            if let Some(g) = groups.get_mut(&root) {
                g.push(i);
            }
        }
    }
    groups.into_values().collect()
}

/// Joins spellings of one name: the same folded form ("U.S."/"US", "The Times"/"Times")
/// or a spelling variant ("Qasem"/"Qassem Soleimani").
fn join_spellings(cands: &[Candidate], live: &[usize], sets: &mut UnionFind) {
    // An acronym folds to its letters, so that "U.S." and "US" meet.
    let folded: Vec<Vec<String>> = cands
        .iter()
        .map(|c| match c.is_acronym() {
            true => vec![fold::acronym_letters(&c.surface).to_lowercase()],
            false => fold::fold(&c.surface),
        })
        .collect();
    // The last words of personal names: alike surnames are different people
    // ("Bogdanov", "Bogdanova", "Hofmann", "Hoffmann"), so lone words that are
    // surnames are not compared by spelling (their full names are).
    let surnames: HashSet<&str> = live
        .iter()
        .filter(|&&i| cands[i].is_person_shaped())
        .filter_map(|&i| cands[i].surface.rsplit(' ').next())
        .collect();
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in live {
        if !folded[i].is_empty() && cands[i].description.is_none() {
            by_key
                .entry(fold::block_key(&folded[i]))
                .or_default()
                .push(i);
        }
    }
    for members in by_key.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                let (a, b) = (&cands[i], &cands[j]);
                if a.is_acronym() != b.is_acronym() {
                    continue;
                }
                let surname = |c: &Candidate| surnames.contains(c.surface.as_str());
                let lone_surnames = folded[i].len() == 1 && (surname(a) || surname(b));
                let alike = if a.is_acronym() {
                    folded[i] == folded[j]
                } else {
                    !lone_surnames && fold::is_variant(&folded[i], &folded[j])
                };
                if alike {
                    sets.union(i, j);
                }
            }
        }
    }
}

/// Joins an institution's name to the same words in another order, and to the short
/// forms that only it can have: its acronym
/// ("IS", "Islamic State"), its name without a qualifier ("Defense Department", "US
/// Defense Department") or without a company word ("Sentinel Refining", "Sentinel
/// Refining Group"). A short form that several names could have stays apart.
fn join_short_forms_of_institutions(table: &Table, live: &[usize], sets: &mut UnionFind) {
    let cands = &table.candidates;
    let mut acronyms: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let mut shorter: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for &i in live {
        let c = &cands[i];
        let words = c.words();
        if words.len() < 2 || c.is_person_shaped() || c.description.is_some() {
            continue;
        }
        acronyms
            .entry(fold::initials(&c.surface))
            .or_default()
            .insert(i);
        let qualifier = words[0];
        let qualified = words::shape_of(qualifier) == Shape::Acronym
            || table.index.contains_key(&normalise(qualifier));
        let tail = &words[1..];
        if qualified && (tail.len() > 1 || tail.iter().any(|w| lexicon::is_organisation_word(w))) {
            shorter
                .entry(normalise(&tail.join(" ")))
                .or_default()
                .insert(i);
        }
        if words.len() >= 3 && lexicon::is_company_word(words[words.len() - 1]) {
            let head = words[..words.len() - 1].join(" ");
            shorter.entry(normalise(&head)).or_default().insert(i);
        }
    }
    // The same words in another order: "Nigerian Ministry of Foreign Affairs",
    // "Nigerian Foreign Ministry".
    let mut bags: BTreeMap<Vec<&str>, usize> = BTreeMap::new();
    for &i in live {
        let c = &cands[i];
        let words = c.words();
        if words.len() < 2 || c.is_person_shaped() || c.description.is_some() {
            continue;
        }
        let mut bag: Vec<&str> = words
            .into_iter()
            .filter(|w| !matches!(*w, "of" | "for" | "the" | "and" | "Affairs"))
            .collect();
        bag.sort_unstable();
        let first = *bags.entry(bag).or_insert(i);
        sets.union(first, i);
    }
    for &i in live {
        let c = &cands[i];
        let claims = if c.is_acronym() {
            acronyms.get(&fold::acronym_letters(&c.surface))
        } else {
            shorter.get(&normalise(&c.surface))
        };
        let Some(claims) = claims else {
            continue;
        };
        let roots: BTreeSet<usize> = claims.iter().map(|&j| sets.find(j)).collect();
        if let [root] = roots.into_iter().collect::<Vec<_>>()[..] {
            sets.union(root, i);
        }
    }
}

/// Joins the short forms of people's names: "Abdul Mahdi" first, then "Trump" and
/// "al-Mahdi" (a last name), or "Tian" (a first name that begins one name only and
/// ends none, as family names do in Chinese order). Returns the short forms that
/// several people share, with their groups.
fn join_short_forms_of_people(
    cands: &[Candidate],
    live: &[usize],
    sets: &mut UnionFind,
) -> Vec<(usize, Vec<usize>)> {
    let mut shared: Vec<(usize, Vec<usize>)> = Vec::new();
    for length in [2, 1] {
        let mut last_forms: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        let mut first_forms: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        let mut other_firsts: HashSet<&str> = HashSet::new();
        for &i in live {
            let c = &cands[i];
            let words = c.words();
            if !c.is_person_shaped() {
                if words.len() > 1 {
                    other_firsts.insert(words[0]);
                }
                continue;
            }
            if words.len() <= length {
                continue;
            }
            let root = sets.find(i);
            let last = words[words.len() - 1];
            let mut forms = vec![last.to_string()];
            if let Some((particle, bare)) = last.split_once('-')
                && lexicon::is_particle(particle)
            {
                forms.push(bare.to_string());
            }
            if words.len() >= 3 {
                forms.push(words[words.len() - 2..].join(" "));
            }
            for form in forms {
                last_forms.entry(normalise(&form)).or_default().insert(root);
            }
            if words.len() == 2 {
                first_forms.entry(words[0]).or_default().insert(root);
            }
        }
        for &i in live {
            let c = &cands[i];
            if c.is_acronym() || c.words().len() != length {
                continue;
            }
            let key = normalise(&c.surface);
            let roots = match last_forms.get(&key) {
                Some(roots) => roots,
                None if length == 1 && !other_firsts.contains(c.surface.as_str()) => {
                    match first_forms.get(c.surface.as_str()) {
                        Some(roots) if roots.len() == 1 => roots,
                        _ => continue,
                    }
                }
                None => continue,
            };
            let place_like =
                c.evidence.place + c.evidence.city > c.evidence.title + c.evidence.says;
            let own = sets.find(i);
            let others: BTreeSet<usize> = roots
                .iter()
                .map(|&r| sets.find(r))
                .filter(|&r| r != own)
                .collect();
            match others.len() {
                0 => {}
                1 if !place_like => sets.union(*others.first().expect("one"), i),
                1 => {}
                _ => shared.push((i, others.into_iter().collect())),
            }
        }
    }
    shared
}

/// Disjoint sets over candidate indices; the smaller index is the root.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut i = i;
        while self.parent[i] != root {
            let next = self.parent[i];
            self.parent[i] = root;
            i = next;
        }
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

/// What to print.
struct Suggestions {
    /// New spellings of registry entities: entity index, candidate indices.
    aliases: Vec<(usize, Vec<usize>)>,
    /// New entities: candidate indices, the first being the name.
    entities: Vec<Vec<usize>>,
}

/// Splits groups into new spellings of registry entities and new entities, and
/// orders both.
fn compare_with_registry(
    table: &Table,
    groups: Vec<Vec<usize>>,
    registry: &Registry,
) -> Suggestions {
    let cands = &table.candidates;
    let mut by_key: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::new();
    let mut surnames: HashMap<String, BTreeSet<usize>> = HashMap::new();
    let mut initials: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (e, entity) in registry.entities.iter().enumerate() {
        for form in entity.names() {
            let folded = fold::fold(form);
            if !folded.is_empty() {
                by_key
                    .entry(fold::block_key(&folded))
                    .or_default()
                    .push((e, folded));
            }
        }
        let words: Vec<&str> = entity.name.split_whitespace().collect();
        if entity.kind == EntityKind::Person && words.len() >= 2 {
            surnames
                .entry(words[words.len() - 1].to_string())
                .or_default()
                .insert(e);
        } else if words.len() >= 2 {
            initials
                .entry(fold::initials(&entity.name))
                .or_default()
                .insert(e);
        }
    }
    let registry_match = |i: usize| -> Option<usize> {
        let c = &cands[i];
        if c.description.is_some() {
            return None;
        }
        if c.is_acronym() {
            let hits = initials.get(&fold::acronym_letters(&c.surface))?;
            return (hits.len() == 1).then(|| *hits.first().expect("one"));
        }
        let folded = fold::fold(&c.surface);
        if let Some(forms) = by_key.get(&fold::block_key(&folded))
            && let Some((e, _)) = forms.iter().find(|(_, f)| fold::is_variant(&folded, f))
        {
            return Some(*e);
        }
        if !c.surface.contains(' ') {
            let hits = surnames.get(&c.surface)?;
            return (hits.len() == 1).then(|| *hits.first().expect("one"));
        }
        None
    };

    let mut aliases: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut entities = Vec::new();
    for mut group in groups {
        let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
        for &i in &group {
            if let Some(e) = registry_match(i) {
                *votes.entry(e).or_default() += 1;
            }
        }
        if let Some((&entity, _)) = votes.iter().max_by_key(|&(&e, &n)| (n, usize::MAX - e)) {
            aliases.entry(entity).or_default().extend(group);
            continue;
        }
        let count = |i: usize| cands[i].occurrences.len();
        let total: usize = group.iter().map(|&i| count(i)).sum();
        if group.iter().all(|&i| cands[i].description.is_some()) && total < 2 {
            continue;
        }
        // The name: most words (a full name over a surname, a name over its acronym),
        // then not a description, then most frequent, then first seen.
        group.sort_by_key(|&i| {
            let c = &cands[i];
            (
                std::cmp::Reverse(c.words().len() * usize::from(!c.is_acronym())),
                c.description.is_some(),
                c.surface.contains(words::is_apostrophe),
                std::cmp::Reverse(count(i)),
                i,
            )
        });
        group[1..].sort_by_key(|&i| (std::cmp::Reverse(count(i)), i));
        entities.push(group);
    }
    let total = |g: &Vec<usize>| -> usize { g.iter().map(|&i| cands[i].occurrences.len()).sum() };
    entities.sort_by_key(|g| (std::cmp::Reverse(total(g)), g[0]));
    Suggestions {
        aliases: aliases.into_iter().collect(),
        entities,
    }
}

/// A guessed kind, with the evidence for it.
///
/// Every clue is counted per mention: a word that says what the name is (2 a
/// mention: "Ministry", "Fort", "War"), a title before it (3), "city of" before it
/// (3), "said" after it (1), "in"/"to"/"from" before it (1), a citation (1), "group"
/// after it (2), the shape of a personal name (1); being an acronym counts 1 once.
/// The largest total wins; with no clue at all the kind is "other".
fn guess_kind(table: &Table, group: &[usize]) -> (EntityKind, String) {
    const KINDS: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Event,
        EntityKind::Document,
    ];
    let [person, organisation, place, event, document] = [0, 1, 2, 3, 4];
    // Mentions whose name holds a word telling each kind, and the first such word.
    let mut named: [(usize, Option<&str>); 5] = Default::default();
    let (mut ev, mut person_shaped, mut described) = (Evidence::default(), 0, 0);
    let mut acronym = None;
    for &i in group {
        let c = &table.candidates[i];
        let n = c.occurrences.len();
        let words: Vec<&str> = c.surface.split([' ', '-']).collect();
        let (first, last) = (words[0], words[words.len() - 1]);
        let find = |test: fn(&str) -> bool| words.iter().find(|w| test(w)).copied();
        let place_word = if words.len() < 2 {
            None
        } else if lexicon::is_place_word(last) {
            Some(last)
        } else if lexicon::is_place_prefix(first) {
            Some(first)
        } else {
            None
        };
        let told = [
            (organisation, find(lexicon::is_organisation_word)),
            (place, place_word),
            (event, find(lexicon::is_event_word)),
            (document, find(lexicon::is_document_word)),
        ];
        for (kind, word) in told {
            if let Some(word) = word {
                named[kind].0 += n;
                named[kind].1.get_or_insert(word);
            }
        }
        if c.description.is_some() {
            described += n;
        }
        if c.is_acronym() {
            acronym.get_or_insert(c.surface.as_str());
        } else {
            ev += c.evidence;
            if c.is_person_shaped() {
                person_shaped += n;
            }
        }
        if c.is_acronym() {
            // Places and sources are told by their context whatever the form.
            ev.place += c.evidence.place;
            ev.city += c.evidence.city;
            ev.source += c.evidence.source;
            ev.group += c.evidence.group;
        }
    }

    let mut scores = [0usize; 5];
    let mut reasons: [Vec<String>; 5] = Default::default();
    let mut note = |kind: usize, score: usize, reason: String| {
        if score > 0 {
            scores[kind] += score;
            reasons[kind].push(reason);
        }
    };
    for (kind, (mentions, word)) in named.iter().enumerate() {
        if let Some(word) = word {
            note(kind, 2 * mentions, format!("the word \"{word}\""));
        }
    }
    note(
        organisation,
        2 * described,
        "an institution named by its country".into(),
    );
    if let Some(acronym) = acronym {
        // Weak, and once only: "US", "UAE" and "UK" are places.
        note(organisation, 1, format!("\"{acronym}\" is an acronym"));
    }
    note(
        person,
        3 * ev.title,
        format!("after a title {}", plural(ev.title, "time")),
    );
    note(
        person,
        ev.says,
        format!("with \"said\" or \"told\" {}", plural(ev.says, "time")),
    );
    note(person, person_shaped, "shaped like a personal name".into());
    note(
        place,
        ev.place,
        format!(
            "after \"in\", \"to\" or \"from\" {}",
            plural(ev.place, "time")
        ),
    );
    note(
        place,
        3 * ev.city,
        format!("after \"city of\" {}", plural(ev.city, "time")),
    );
    note(
        organisation,
        ev.source,
        format!("cited {}", plural(ev.source, "time")),
    );
    note(
        organisation,
        2 * ev.group,
        format!("before \"group\" {}", plural(ev.group, "time")),
    );

    let best = (0..KINDS.len())
        .max_by_key(|&k| (scores[k], usize::MAX - k))
        .unwrap_or(person);
    if scores[best] == 0 {
        return (EntityKind::Other, "no clue found".to_string());
    }
    (KINDS[best], reasons[best].join("; "))
}

/// Writes the suggestions as TOML.
fn render(
    corpus: &Corpus,
    table: &Table,
    suggestions: &Suggestions,
    registry: &Registry,
) -> String {
    let cands = &table.candidates;
    let sources: BTreeSet<&str> = corpus.articles.iter().map(|a| a.source).collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Entity suggestions from {} articles ({} sources).",
        corpus.articles.len(),
        sources.len()
    );
    if suggestions.aliases.is_empty() && suggestions.entities.is_empty() {
        out.push_str("# No suggestions: every capitalised name is in the registry.\n");
        return out;
    }
    out.push_str(
        "# Paste what you want to keep into content/entities.toml, check each kind,\n\
         # and delete what is not an entity. Counts are mentions in the article text.\n",
    );

    let describe = |out: &mut String, indices: &[usize], indent: &str| {
        let occurrences: Vec<&Occurrence> = indices
            .iter()
            .flat_map(|&i| &cands[i].occurrences)
            .collect();
        let articles: BTreeSet<usize> = occurrences.iter().map(|o| o.article).collect();
        let sources: BTreeSet<&str> = articles
            .iter()
            .map(|&a| corpus.articles[a].source)
            .collect();
        let _ = writeln!(
            out,
            "{indent}{} in {} from {}.",
            plural(occurrences.len(), "mention"),
            plural(articles.len(), "article"),
            plural(sources.len(), "source"),
        );
        if indices.len() > 1 {
            let forms: Vec<String> = indices
                .iter()
                .map(|&i| format!("\"{}\" {}", cands[i].surface, cands[i].occurrences.len()))
                .collect();
            let _ = writeln!(out, "{indent}forms: {}", comment_text(&forms.join(", ")));
        }
        let mut titles: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in indices {
            for (t, n) in &cands[i].titles {
                *titles.entry(t).or_default() += n;
            }
        }
        if !titles.is_empty() {
            let titles: Vec<String> = titles.iter().map(|(t, n)| format!("\"{t}\" {n}")).collect();
            let _ = writeln!(out, "{indent}titles: {}", comment_text(&titles.join(", ")));
        }
        let contains: BTreeSet<usize> = indices
            .iter()
            .flat_map(|&i| cands[i].contains.iter().copied())
            .collect();
        if !contains.is_empty() {
            let ids: Vec<&str> = contains
                .iter()
                .map(|&e| registry.entities[e].id.as_str())
                .collect();
            let _ = writeln!(
                out,
                "{indent}contains a mention of {}",
                comment_text(&ids.join(", "))
            );
        }
        let first = indices
            .iter()
            .filter_map(|&i| cands[i].occurrences.first())
            .min()
            .copied();
        if let Some(o) = first {
            let _ = writeln!(
                out,
                "{indent}e.g. \"{}\" ({})",
                comment_text(&example(corpus, o)),
                comment_text(corpus.articles[o.article].slug)
            );
        }
    };

    if !suggestions.aliases.is_empty() {
        out.push_str(
            "\n# ---------------------------------------------------------------------------\n\
             # New spellings of registry entities: replace the `aliases` line of each\n\
             # entity below with the one given.\n\
             # ---------------------------------------------------------------------------\n",
        );
        for (entity, indices) in &suggestions.aliases {
            let e = &registry.entities[*entity];
            let _ = writeln!(
                out,
                "\n# id = {} ({})",
                toml_string(&e.id),
                comment_text(&e.name)
            );
            let mut aliases = e.aliases.clone();
            for &i in indices {
                let c = &cands[i];
                let _ = writeln!(out, "#   \"{}\":", comment_text(&c.surface));
                describe(&mut out, &[i], "#     ");
                if !aliases
                    .iter()
                    .any(|a| normalise(a) == normalise(&c.surface))
                    && normalise(&e.name) != normalise(&c.surface)
                {
                    aliases.push(c.surface.clone());
                }
            }
            let _ = writeln!(out, "# aliases = {}", toml_list(&aliases));
        }
    }

    if !suggestions.entities.is_empty() {
        out.push_str(
            "\n# ---------------------------------------------------------------------------\n\
             # Names the registry lacks\n\
             # ---------------------------------------------------------------------------\n",
        );
    }
    let mut ids: HashSet<String> = registry.entities.iter().map(|e| e.id.clone()).collect();
    for group in &suggestions.entities {
        let name = &cands[group[0]].surface;
        let (kind, why) = guess_kind(table, group);
        let _ = writeln!(out, "\n# {}:", comment_text(name));
        describe(&mut out, group, "#   ");
        if cands[group[0]].description.is_some() {
            out.push_str(
                "#   a description, not a proper name: an alias for the institution's entry?\n",
            );
        }
        let _ = writeln!(out, "#   kind: {} ({})", kind.as_str(), comment_text(&why));
        let id = unique_id(name, &mut ids);
        let aliases: Vec<String> = group[1..]
            .iter()
            .map(|&i| cands[i].surface.clone())
            .collect();
        let _ = writeln!(out, "[[entity]]");
        let _ = writeln!(out, "id = {}", toml_string(&id));
        let _ = writeln!(out, "name = {}", toml_string(name));
        let _ = writeln!(out, "kind = {}", toml_string(kind.as_str()));
        let _ = writeln!(out, "aliases = {}", toml_list(&aliases));
    }
    out
}

/// The sentence around an occurrence, cut to a readable length.
fn example(corpus: &Corpus, o: Occurrence) -> String {
    const BEFORE: usize = 90;
    const AFTER: usize = 110;
    let words = &corpus.blocks[o.article][o.block];
    let sentence = words.sentence_at(o.start);
    let text = words.text;
    let mut start = sentence.start.max(o.start.saturating_sub(BEFORE));
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = sentence.end.min(o.end + AFTER);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut s = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if start > sentence.start {
        s.insert_str(0, "… ");
    }
    if end < sentence.end {
        s.push_str(" …");
    }
    s
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The slug of a name, made unique among `taken`.
fn unique_id(name: &str, taken: &mut HashSet<String>) -> String {
    let base = slug::slugify(name);
    let base = if base.is_empty() {
        "entity".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// Text safe inside a TOML comment: no control characters, one line.
fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> Vec<(String, Shape, bool)> {
        let w = words::tokenize(text);
        (0..w.tokens.len())
            .map(|i| {
                (
                    w.word(i).to_string(),
                    w.tokens[i].shape,
                    w.tokens[i].initial,
                )
            })
            .collect()
    }

    #[test]
    fn tokenizes_names_possessives_and_abbreviations() {
        use Shape::*;
        // (text, [(word, shape, starts a sentence)])
        type Case<'a> = (&'a str, &'a [(&'a str, Shape, bool)]);
        let cases: &[Case] = &[
            (
                "Iraq’s parliament",
                &[("Iraq", Name, true), ("parliament", Lower, false)],
            ),
            (
                "the U.S. military",
                &[
                    ("the", Lower, true),
                    ("U.S.", Acronym, false),
                    ("military", Lower, false),
                ],
            ),
            (
                "Gen. Qassem Soleimani",
                &[
                    ("Gen.", Name, true),
                    ("Qassem", Name, false),
                    ("Soleimani", Name, false),
                ],
            ),
            (
                "al-Muhandis",
                &[("al", Lower, true), ("Muhandis", Name, false)],
            ),
            (
                "rival Shi’ite leaders",
                &[
                    ("rival", Lower, true),
                    ("Shi’ite", Name, false),
                    ("leaders", Lower, false),
                ],
            ),
            (
                "Iraqi MPs said. Then IS",
                &[
                    ("Iraqi", Name, true),
                    ("MPs", Lower, false),
                    ("said", Lower, false),
                    ("Then", Name, true),
                    ("IS", Acronym, false),
                ],
            ),
            (
                "chanting “Death to",
                &[
                    ("chanting", Lower, true),
                    ("Death", Name, true),
                    ("to", Lower, false),
                ],
            ),
            (
                "Hill.TV in 2014-2017",
                &[
                    ("Hill.TV", Name, true),
                    ("in", Lower, false),
                    ("2014", Number, false),
                    ("2017", Number, false),
                ],
            ),
            (
                "George W. Bush",
                &[
                    ("George", Name, true),
                    ("W.", Initial, false),
                    ("Bush", Name, false),
                ],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, Shape, bool)> = expected
                .iter()
                .map(|(w, s, i)| (w.to_string(), *s, *i))
                .collect();
            assert_eq!(words_of(text), expected, "{text:?}");
        }
    }

    /// The candidate surfaces of a small text, in order.
    fn surfaces(text: &str) -> Vec<String> {
        let blocks: Vec<TextBlock> = text.split("\n\n").map(TextBlock::paragraph).collect();
        let input = [SuggestInput {
            slug: "a",
            source: "S",
            blocks: &blocks,
        }];
        let registry = Registry::default();
        let corpus = Corpus::read(&input, &registry);
        let table = corpus.candidates();
        table
            .candidates
            .iter()
            .filter(|c| !c.occurrences.is_empty())
            .map(|c| c.surface.clone())
            .collect()
    }

    #[test]
    fn cleans_runs_into_names() {
        let cases: &[(&str, &[&str])] = &[
            // Titles, nationalities and sentence-initial function words go.
            (
                "Iraqi Prime Minister Adil Abd al-Mahdi spoke in Iraq.",
                &["Adil Abd al-Mahdi", "Iraq"],
            ),
            // "Iranian" is known for an adjective because "Iran" occurs.
            (
                "When Iranian Gen. Qassem Soleimani left Iran.",
                &["Qassem Soleimani", "Iran"],
            ),
            // Whatever stands before a title and a name qualifies the person.
            (
                "When Iranian Gen. Qassem Soleimani left.",
                &["Qassem Soleimani"],
            ),
            (
                "Belgian Foreign Minister Didier Delaunay met Former Turkish Speaker \
                 Murat Yildiz.",
                &["Didier Delaunay", "Murat Yildiz"],
            ),
            ("the killing of President Trump, Mr Trump said.", &["Trump"]),
            (
                "He met Abu Mahdi al-Muhandis and al-Mahdi.",
                &["Abu Mahdi al-Muhandis", "al-Mahdi"],
            ),
            // A title alone, a month, a nationality alone: nothing.
            (
                "He resigned as Prime Minister in December. Iraqi troops left.",
                &[],
            ),
            // A capitalised "The" inside a sentence is part of the name; at the start
            // of a sentence it goes (and grouping joins "Times" to "The Times").
            (
                "as reported by The Times. The Times is old.",
                &["The Times", "Times"],
            ),
            // "of" after an institution word.
            (
                "a vote in the Council of Representatives today",
                &["Council of Representatives"],
            ),
            // A trailing title goes: the UN, not its Secretary-General.
            ("lodged with the UN Secretary-General and others", &["UN"]),
            // Hyphenated words mention their capitalised parts.
            (
                "Iran-backed militias and US-led forces left Iran",
                &["Iran", "US"],
            ),
            // A sentence-initial ordinary word never capitalised elsewhere is not a name.
            ("Lawmakers voted. The lawmakers left Baghdad.", &["Baghdad"]),
            // An ordinary word split off a known name.
            ("Tags Iran met. He went to Iran.", &["Iran"]),
            (
                "Handout. Reuters Members of it. The members told Reuters.",
                &["Reuters"],
            ),
            // A particle joins a name only when a name follows.
            ("Osama bin Laden was bin there", &["Osama bin Laden"]),
        ];
        for (text, expected) in cases {
            assert_eq!(surfaces(text), expected.to_vec(), "{text:?}");
        }
    }

    #[test]
    fn derives_adjectives_of_nationality_from_the_text() {
        let mut stats = Stats::default();
        for w in ["Iraq", "Iran", "America", "Syria", "Palestine", "Soleiman"] {
            stats.capitalised.insert(w);
        }
        let cases: &[(&str, Option<&str>)] = &[
            ("Iraqi", Some("Iraq")),
            ("Iraqis", Some("Iraq")),
            ("Iranian", Some("Iran")),
            ("Iranians", Some("Iran")),
            ("American", Some("America")),
            ("Syrian", Some("Syria")),
            ("Palestinian", Some("Palestine")),
            ("Kurdish", Some("Kurdish")),
            ("Shi’ite", Some("Shi'ite")),
            ("Sunni", Some("Sunni")),
            ("Chinese", Some("Chinese")),
            ("Tehran", None),
            ("Trump", None),
            ("Amiri", None),
            ("Irish", None),
        ];
        for (word, base) in cases {
            assert_eq!(stats.demonym_base(word).as_deref(), *base, "{word}");
        }
    }

    #[test]
    fn recognises_spelling_variants() {
        let cases: &[(&str, &str, bool)] = &[
            ("Qassem Soleimani", "Qasem Soleimani", true),
            ("Qassem Soleimani", "Ghasem Soleimani", true),
            ("Abu Mahdi al-Muhandis", "Abu Mahdi al-Mohandes", true),
            ("Adel Abdul Mahdi", "Adil Abd al-Mahdi", true),
            ("Soleimani", "Suleimani", true),
            // One word alone may differ by one letter only.
            ("Muhandis", "Mohandes", false),
            ("Fallujah", "Falluja", true),
            ("Colombia", "Colombo", false),
            ("Mohammed Ali", "Muhammad Ali", true),
            ("Hisham Abboud", "Hisham Ayoub", false),
            ("Abu Hamra", "Ain Hamra", false),
            ("Yekaterina Blinova", "Yekaterina Belousova", false),
            ("The Times", "Times", true),
            ("Iran", "Iraq", false),
            ("Austria", "Australia", false),
            ("Abdul Mahdi", "Abu Mahdi", false),
            ("Adel Abdul Mahdi", "Abu Mahdi al-Muhandis", false),
            ("Ali Hassan", "Ali Hussein", false),
            ("Donald Trump", "Trump", false),
        ];
        for (a, b, expected) in cases {
            let (fa, fb) = (fold::fold(a), fold::fold(b));
            let same_block = fold::block_key(&fa) == fold::block_key(&fb);
            assert_eq!(
                same_block && fold::is_variant(&fa, &fb),
                *expected,
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn computes_initials_and_acronym_letters() {
        let cases: &[(&str, &str)] = &[
            ("Islamic State", "IS"),
            ("The Associated Press", "AP"),
            ("Council of Representatives", "CR"),
            ("Counter-Terrorism Service", "CTS"),
        ];
        for (name, initials) in cases {
            assert_eq!(fold::initials(name), *initials, "{name}");
        }
        assert_eq!(fold::acronym_letters("U.S."), "US");
    }

    #[test]
    fn writes_valid_toml_strings_and_comments() {
        let cases: &[(&str, &str)] = &[
            ("plain", "\"plain\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("line\nbreak", "\"line\\nbreak\""),
            ("bell\u{7}", "\"bell\\u0007\""),
            ("Shi’ite", "\"Shi’ite\""),
        ];
        for (s, expected) in cases {
            assert_eq!(toml_string(s), *expected);
        }
        assert_eq!(comment_text("a\nb\u{7f}c\td"), "a b c\td");
    }

    #[test]
    fn an_empty_collection_suggests_nothing() {
        let out = suggest_entities(&[], &Registry::default());
        assert!(out.contains("No suggestions"));
        assert!(toml::from_str::<toml::Table>(&out).is_ok());
    }
}
