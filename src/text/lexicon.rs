//! Short closed word lists and the tests built on them: function words, titles, role
//! and reporting words, the words that tell an institution, a place, an event or a
//! document, months and weekdays, name particles, and the few adjectives
//! of nationality that no place name in the text yields. The lists themselves sit in
//! `lists`, laid out by hand; the rest of the module reaches them through `is_*`.

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

    /// Words after a company's name that tell it is one: "Yukos shares".
    pub fn company_contexts(word: &str) -> bool {
        matches!(
            word,
            "chairman" | "earnings" | "profit" | "profits" | "revenue" | "revenues" |
            "shareholders" | "shares" | "stake" | "subsidiary"
        )
    }

    /// Lower-case nouns before a name that say what organisation it is: "oil firm
    /// Vostek", "insurer Halvard", "Italian side Dorvale"; and any "-maker"
    /// ("carmaker").
    pub fn trade_nouns(word: &str) -> bool {
        matches!(
            word,
            "airline" | "bank" | "broadcaster" | "brewer" | "carrier" | "chain" |
            "club" | "company" | "conglomerate" | "firm" | "giant" | "insurer" |
            "lender" | "manufacturer" | "operator" | "producer" | "retailer" | "side" |
            "supplier"
        ) || word.ends_with("maker")
    }

    /// Lower-case nouns after a name that say it is an organisation's: "Dorvale
    /// group", "the Xinhua news agency". Not "firm", "company" or "club", as often
    /// after a place: "the Yorkshire firm".
    pub fn organisation_nouns(word: &str) -> bool {
        matches!(word, "agency" | "daily" | "group" | "newspaper")
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

    /// Prepositions that tend to precede places: "in Baghdad", "near the Middle East";
    /// not "to" or "from", which as often precede a company ("sold to Gazprom").
    pub fn place_prepositions(word: &str) -> bool {
        matches!(
            word,
            "across" | "at" | "in" | "inside" | "near" | "toward" | "towards"
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
            "Centre" | "Chamber" | "Channel" | "Chemicals" | "Co" | "Coalition" | "College" |
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
            "University" | "Watch" |
            // Company forms and sports clubs.
            "AG" | "NV" | "Plc" | "PLC" | "Brothers" | "Breweries" | "Desk" | "Exchange" |
            "Minerals" | "Newsroom" | "Resources" | "Securities" | "AFC" | "FC" | "Albion" |
            "Athletic" | "Atletico" | "Betar" | "Dinamo" | "Dynamo" | "Hapoel" | "Hotspur" |
            "Lokomotiv" | "Maccabi" | "Olympique" | "Partizan" | "Rangers" | "Rovers" |
            "Spartak" | "Spor" | "United" | "Wanderers"
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

/// Takes the lower-case form.
pub fn is_company_context(lower: &str) -> bool {
    company_contexts(lower)
}

/// Takes the lower-case form.
pub fn is_trade_noun(lower: &str) -> bool {
    trade_nouns(lower)
}

/// Takes the lower-case form.
pub fn is_organisation_noun(lower: &str) -> bool {
    organisation_nouns(lower)
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
