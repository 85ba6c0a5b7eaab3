//! Gender: whether "he" or "she" can stand for a person the article named.
//!
//! A name tells its gender only through a gendered title ("Mr", "Mrs", "Sir", "Dame")
//! or a common first name from a short list; a surname alone ("Clinton") takes the
//! gender of the full names the article writes with it, and none when those disagree
//! (Bill and Hillary Clinton) or name two people (Tom and Betsy Ebeling, whatever
//! their first names tell). A title alone names no one new: "Tessa Jowell" and "Ms
//! Jowell" are one woman. Anything else is unknown, and an unknown person is
//! compatible with either pronoun: the lists only ever rule a person out.

use std::collections::HashMap;

use super::super::text::{INTRO_WORDS, NAME_TITLES, TITLE_WORDS, Word, is_in};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
}

impl Gender {
    /// The gender a personal pronoun asks for.
    pub(super) fn of_pronoun(pronoun: &str) -> Option<Gender> {
        match pronoun {
            "he" => Some(Gender::Male),
            "she" => Some(Gender::Female),
            _ => None,
        }
    }
}

#[rustfmt::skip]
const MALE_TITLES: &[&str] = &["mr", "sir", "lord", "king", "prince", "father", "brother"];

#[rustfmt::skip]
const FEMALE_TITLES: &[&str] = &[
    "mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "sister",
];

/// Common first names that are almost always a man's.
#[rustfmt::skip]
const MALE_NAMES: &[&str] = &[
    "aaron", "adam", "alan", "albert", "alexander", "andrew", "anthony", "arthur", "barack",
    "ben", "benjamin", "bernie", "bill", "billy", "bob", "bobby", "brandon", "brian", "bruce",
    "bryan", "carl", "charles", "chris", "christopher", "chuck", "dan", "daniel", "david",
    "dennis", "dick", "donald", "douglas", "ed", "edward", "eric", "eugene", "frank", "gary",
    "george", "gerald", "gregory", "hank", "harold", "harry", "henry", "howard", "jack",
    "jacob", "james", "jason", "jeb", "jeff", "jeffrey", "jeremy", "jerry", "jim", "joe",
    "john", "jonathan", "joseph", "joshua", "juan", "justin", "karl", "keith", "ken",
    "kenneth", "kevin", "larry", "lawrence", "louis", "marco", "mark", "martin", "matthew",
    "michael", "mike", "mitch", "mitt", "newt", "nicholas", "patrick", "paul", "peter",
    "philip", "ralph", "rand", "randy", "raymond", "reince", "richard", "rick", "robert",
    "roger", "ron", "ronald", "roy", "rudy", "russell", "ryan", "samuel", "scott", "sean",
    "stephen", "steve", "steven", "ted", "thomas", "tim", "timothy", "tom", "tony",
    "vincent", "walter", "wayne", "william",
];

/// Common first names that are almost always a woman's.
#[rustfmt::skip]
const FEMALE_NAMES: &[&str] = &[
    "abigail", "alice", "amanda", "amy", "andrea", "angela", "ann", "anna", "anne",
    "barbara", "betty", "brenda", "carly", "carol", "carolyn", "catherine", "charlotte",
    "chelsea", "cheryl", "christina", "christine", "claire", "cynthia", "deborah", "debbie",
    "debra", "denise", "diana", "diane", "donna", "doris", "dorothy", "elizabeth", "emily",
    "emma", "evelyn", "frances", "gloria", "grace", "hannah", "heather", "helen", "hillary",
    "huma", "ivanka", "jane", "janet", "janice", "jean", "jennifer", "jessica", "jill",
    "joan", "joyce", "judith", "judy", "julie", "karen", "katherine", "kathleen", "kathryn",
    "katie", "kellyanne", "kimberly", "kirsten", "laura", "lauren", "linda", "lisa",
    "loretta", "lori", "madeleine", "margaret", "maria", "marie", "marilyn", "martha",
    "mary", "megan", "megyn", "melania", "melissa", "michelle", "nancy", "natalie", "nicole",
    "nikki", "olivia", "pamela", "patricia", "rachel", "rebecca", "ruth", "samantha",
    "sandra", "sara", "sarah", "sharon", "shirley", "sophia", "stephanie", "susan",
    "tammy", "teresa", "theresa", "victoria", "wendy",
];

/// The gender a name's own words give: a gendered title anywhere before its last
/// word ("Mr Pound", "Sen. Dame Ann Smith"), else a first name from the lists right
/// before it, past initials and one middle name ("Ted Cruz", "Sander M. Levin",
/// "Hillary Rodham Clinton"; not the state in "Virginia Gov. Terry McAuliffe" nor in
/// "Virginia Gov. McAuliffe"); `None` otherwise.
fn from_words(words: &[&str]) -> Option<Gender> {
    let (_, given) = words.split_last()?;
    let given: Vec<&str> = given.iter().map(|w| w.trim_end_matches('.')).collect();
    if given.iter().any(|w| is_in(MALE_TITLES, w)) {
        return Some(Gender::Male);
    }
    if given.iter().any(|w| is_in(FEMALE_TITLES, w)) {
        return Some(Gender::Female);
    }
    given
        .iter()
        .rev()
        .filter(|w| w.chars().count() > 1)
        .take(2)
        .find_map(|w| {
            if is_in(MALE_NAMES, w) {
                Some(Some(Gender::Male))
            } else if is_in(FEMALE_NAMES, w) {
                Some(Some(Gender::Female))
            } else if is_in(NAME_TITLES, w) || is_in(TITLE_WORDS, w) {
                Some(None)
            } else {
                None
            }
        })
        .flatten()
}

/// The first name of a full name: the last word before the surname that is neither
/// an initial nor a title ("Tessa" in "Culture Secretary Tessa Jowell"); `None` for a
/// title and a surname ("Mr Pound").
fn first_name<'a>(words: &[&'a str]) -> Option<&'a str> {
    let (_, given) = words.split_last()?;
    let w = given
        .iter()
        .rev()
        .find(|w| w.trim_end_matches('.').chars().count() > 1)?;
    let bare = w.trim_end_matches('.');
    let title = is_in(MALE_TITLES, bare)
        || is_in(FEMALE_TITLES, bare)
        || is_in(NAME_TITLES, bare)
        || is_in(TITLE_WORDS, bare);
    (!title).then_some(w)
}

/// What the full names of one surname say.
#[derive(Default)]
struct Surname {
    gender: Option<Gender>,
    /// Two full names disagree on the gender.
    mixed: bool,
    first: Option<String>,
    /// Two full names give different first names: two people.
    several: bool,
}

/// The gender each surname has in an article's full names; `None` for a surname whose
/// full names disagree or name two people.
#[derive(Default)]
pub(super) struct Genders(HashMap<String, Surname>);

impl Genders {
    /// Reads the runs of capitalised words of a block ("Sen. Claire McCaskill", "Mr
    /// Pound") into the surnames' genders.
    pub(super) fn add_block(&mut self, text: &str, ws: &[Word]) {
        let mut from = 0;
        for i in 0..=ws.len() {
            // A full stop joins an initial or a title to what follows ("Sander M.
            // Levin", "Sen. Levin"), not one sentence to the next.
            let joined = i > from
                && i < ws.len()
                && ws[i].capitalized
                && ws[i - 1].capitalized
                && match &text[ws[i - 1].range.end..ws[i].range.start] {
                    " " => true,
                    ". " => {
                        let prev = ws[i - 1].lower.as_str();
                        prev.chars().count() == 1 || is_in(NAME_TITLES, prev)
                    }
                    _ => false,
                };
            if joined {
                continue;
            }
            let opener = ws[from..i]
                .iter()
                .take_while(|w| is_in(INTRO_WORDS, &w.lower))
                .count();
            if i >= from + opener + 2 {
                let run: Vec<&str> = ws[from + opener..i]
                    .iter()
                    .map(|w| w.lower.as_str())
                    .collect();
                let entry = self.0.entry(run[run.len() - 1].to_string()).or_default();
                if let Some(g) = from_words(&run) {
                    entry.mixed |= entry.gender.is_some_and(|e| e != g);
                    entry.gender = Some(g);
                }
                if let Some(f) = first_name(&run) {
                    entry.several |= entry.first.as_deref().is_some_and(|e| e != f);
                    entry.first = Some(f.to_string());
                }
            }
            from = i;
        }
    }

    /// The gender of a person named `name` in the article: from the name's own words,
    /// else from its surname's full names.
    pub(super) fn of(&self, name: &str) -> Option<Gender> {
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        if let Some(g) = from_words(&words) {
            return Some(g);
        }
        let surname = words.last()?.trim_matches(|c: char| !c.is_alphanumeric());
        self.of_surname(surname)
    }

    /// The first name of the one person the article writes with this surname (lower
    /// case), if it gives one.
    pub(super) fn first_name_of(&self, surname: &str) -> Option<&str> {
        let s = self.0.get(surname)?;
        s.first.as_deref().filter(|_| !s.several)
    }

    /// The gender of one person the article writes with this surname (lower case).
    pub(super) fn of_surname(&self, surname: &str) -> Option<Gender> {
        let s = self.0.get(surname)?;
        s.gender.filter(|_| !s.mixed && !s.several)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::text::words;
    use super::*;

    #[test]
    fn names_give_a_gender_only_through_titles_and_first_names() {
        let mut g = Genders::default();
        for text in [
            "Sen. Claire McCaskill spoke, and Mr. Pound listened to Hillary Clinton.",
            "Later Bill Clinton arrived with Dana Ortiz.",
        ] {
            g.add_block(text, &words(text, 0..text.len()));
        }
        assert_eq!(g.of("McCaskill"), Some(Gender::Female));
        assert_eq!(g.of("Pound"), Some(Gender::Male));
        assert_eq!(g.of("Clinton"), None, "Bill and Hillary disagree");
        assert_eq!(g.of("Ortiz"), None, "Dana is on neither list");
        assert_eq!(g.of("Sen. John Ortiz"), Some(Gender::Male));
        assert_eq!(g.of("Sander M. Levin"), None);
        assert_eq!(g.of("Hillary Rodham Clinton"), Some(Gender::Female));
        assert_eq!(g.of("Virginia Gov. Joe Smith"), Some(Gender::Male));
        assert_eq!(g.of("Carolina Gov. Smith"), None);
        assert_eq!(g.of("the 46-year-old"), None);
    }

    #[test]
    fn a_title_and_a_full_name_are_one_person_two_first_names_are_two() {
        let mut g = Genders::default();
        for text in [
            "Culture Secretary Tessa Jowell spoke first. Later Ms Jowell said more.",
            "Tom Ebeling and Betsy Ebeling arrived with Mr Ebeling's dog.",
        ] {
            g.add_block(text, &words(text, 0..text.len()));
        }
        assert_eq!(g.of("Jowell"), Some(Gender::Female));
        assert_eq!(g.of("Ebeling"), None, "Tom and Betsy are two people");
    }
}
