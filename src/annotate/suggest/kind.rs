//! Guessing a new entity's kind (step 6): the evidence of all its forms' mentions is
//! counted per kind, and the winner comes with the clues that made it win. The clues are
//! told as counts ([`plural`]: "after a title 3 times"), which the TOML writer also uses
//! for its own reasons; it depends on this module, not the other way round.

use crate::content::registry::EntityKind;

use super::candidate::Table;
use super::evidence::Evidence;
use super::known;
use super::words::{self, Shape};
use crate::text::{count, lexicon};

/// A guessed kind, with the evidence for it.
///
/// Every clue is counted per mention: a word that says what the name is (2 a
/// mention: "Ministry", "Fort", "War", "FC"), a country, region or city of the
/// gazetteer (3 for each mention not followed by a score, 1 at least), a name then a
/// town ("Hapoel Haifa": an organisation, 2), a dateline (3), a title before it (3),
/// "city of" before it (3), "said" after a name of two words or more (1),
/// "in"/"at"/"near" before it (1), a citation (1), "group", "agency" or "newspaper"
/// after it (2), a score after it in a table row (1), a trade before it ("oil
/// firm", "carmaker": 2), a number after it inside brackets in a table row or after
/// a personal name listed after a comma or a dash (a scorer and the minute, a player
/// and the figures: 2 for a person), "v" before or after a name not shaped like a
/// person's (a team, 1), "shares" after it or "stake in" before it (2), a personal
/// name beginning with a common given name or an initial (2), a lone word that ends
/// a name known to be a person's (2: "Costa" of "Jorge Costa") or begins an
/// organisation's (2: "Kanda" of "Kanda Motor Co"); being an acronym counts 1 once.
/// The largest total wins. Only when there is no other clue does a personal name's
/// shape make a person (1); with no clue at all the kind is "other".
pub(super) fn guess_kind(table: &Table, group: &[usize]) -> (EntityKind, String) {
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
    let (mut given, mut gazetteer, mut after_place) = (None, 0, None);
    let (mut acronym, mut surname, mut head) = (None, None, None);
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
        if known::is_place(&c.surface) {
            gazetteer += n;
        } else if words.len() >= 2
            && known::is_place(last)
            && !known::is_place(first)
            && !lexicon::is_kind_word(first)
        {
            // A club or a branch named with its town: "Hapoel Haifa", "Celta Vigo".
            after_place.get_or_insert((last, 0)).1 += n;
        }
        if c.is_acronym() {
            acronym.get_or_insert(c.surface.as_str());
        } else {
            let mut evidence = c.evidence;
            let lone = !c.surface.contains(' ');
            if lone {
                // Companies speak too: "Yukos said" or "Wal-Mart said" tells nothing
                // of a lone word.
                evidence.says = 0;
            }
            if c.is_person_shaped() {
                // Players meet too: "Anna Kowalczyk v Edda Solvang".
                evidence.versus = 0;
            }
            ev += evidence;
            if lone && table.surnames.contains(c.surface.as_str()) {
                surname.get_or_insert((c.surface.as_str(), 0)).1 += n;
            }
            if lone && table.organisation_heads.contains(c.surface.as_str()) {
                head.get_or_insert((c.surface.as_str(), 0)).1 += n;
            }
            let initial = words::shape_of(first) == Shape::Initial;
            if c.is_person_shaped() && (known::is_given_name(first) || initial) {
                given.get_or_insert((first, 0)).1 += n;
            } else if c.is_person_shaped() {
                person_shaped += n;
            }
        }
        if c.is_acronym() {
            // Places and sources are told by their context whatever the form.
            ev.place += c.evidence.place;
            ev.city += c.evidence.city;
            ev.source += c.evidence.source;
            ev.organisation_noun += c.evidence.organisation_noun;
            ev.dateline += c.evidence.dateline;
            ev.company += c.evidence.company;
            ev.scored += c.evidence.scored;
            ev.scorer += c.evidence.scorer;
            ev.versus += c.evidence.versus;
            ev.trade += c.evidence.trade;
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
        format!("after a title {}", count(ev.title, "time", "times")),
    );
    note(
        person,
        ev.says,
        format!(
            "with \"said\" or \"told\" {}",
            count(ev.says, "time", "times")
        ),
    );
    if let Some((name, mentions)) = given {
        note(
            person,
            2 * mentions,
            format!("the given name or initial \"{name}\""),
        );
    }
    note(
        organisation,
        2 * ev.trade,
        format!(
            "after \"firm\", \"carmaker\" or another trade {}",
            count(ev.trade, "time", "times")
        ),
    );
    note(
        organisation,
        ev.versus,
        format!(
            "one side of a fixture {}",
            count(ev.versus, "time", "times")
        ),
    );
    note(
        person,
        2 * ev.scorer,
        format!(
            "a player or a scorer before figures in a results line {}",
            count(ev.scorer, "time", "times")
        ),
    );
    if let Some((name, mentions)) = head {
        note(
            organisation,
            2 * mentions,
            format!("\"{name}\" begins an organisation's name"),
        );
    }
    if let Some((name, mentions)) = surname {
        note(
            person,
            2 * mentions,
            format!("\"{name}\" ends a personal name"),
        );
    }
    // A town's name followed by scores in a table is its team's ("Boston 98 Miami 92"):
    // those mentions do not count for the gazetteer.
    let unscored = gazetteer.saturating_sub(ev.scored);
    note(
        place,
        3 * unscored + usize::from(gazetteer > 0),
        "a country, region or city".into(),
    );
    if let Some((town, mentions)) = after_place {
        note(
            organisation,
            2 * mentions,
            format!("a name followed by the place \"{town}\""),
        );
    }
    note(
        organisation,
        ev.scored,
        format!(
            "followed by a score in a table row {}",
            count(ev.scored, "time", "times")
        ),
    );
    note(
        organisation,
        2 * ev.company,
        format!(
            "before \"shares\" or after \"stake in\" {}",
            count(ev.company, "time", "times")
        ),
    );
    note(
        place,
        ev.place,
        format!(
            "after \"in\", \"at\" or \"near\" {}",
            count(ev.place, "time", "times")
        ),
    );
    note(
        place,
        3 * ev.city,
        format!("after \"city of\" {}", count(ev.city, "time", "times")),
    );
    note(
        place,
        3 * ev.dateline,
        format!(
            "named by a dateline {}",
            count(ev.dateline, "time", "times")
        ),
    );
    note(
        organisation,
        ev.source,
        format!("cited {}", count(ev.source, "time", "times")),
    );
    note(
        organisation,
        2 * ev.organisation_noun,
        format!(
            "before \"group\", \"agency\" or \"newspaper\" {}",
            count(ev.organisation_noun, "time", "times")
        ),
    );

    // The shape of a personal name is the weakest clue (clubs and companies have it
    // too: "Crystal Palace"): it counts only when nothing else does.
    if scores.iter().all(|&s| s == 0) && person_shaped > 0 {
        scores[person] = person_shaped;
        reasons[person].push("shaped like a personal name".into());
    }
    let best = (0..KINDS.len())
        .max_by_key(|&k| (scores[k], usize::MAX - k))
        .unwrap_or(person);
    if scores[best] == 0 {
        return (EntityKind::Other, "no clue found".to_string());
    }
    (KINDS[best], reasons[best].join("; "))
}
