//! Lending a speaker across outlets: when one article attributes a statement and
//! another reports the same words without saying whose they are, the second copy
//! borrows the first one's speaker, marked as inferred and linked to where it was
//! attributed.
//!
//! A speaker named in the wrong place is worse than none, so a copy borrows only when
//! all of these hold (their precision on PolNeAR is measured by `polnear_lending` in
//! `tests/quotes_corpus.rs`):
//!
//! - it is in a cluster of the same statement ([`crate::annotate::clusters`]) whose
//!   attributed copies all name one speaker (the same entity, or the same name as
//!   written when none is an entity): copies that disagree lend nothing;
//! - its wording did not also match the words of a different known speaker
//!   ([`Clustering::contested`]): the same sentence put to two people is no one's to
//!   lend;
//! - its own article names the speaker somewhere: a reader can see them there, and a
//!   statement reported by an article that never names its speaker is often the same
//!   words in another's mouth (a slogan, a ballot's question, a statement read out);
//! - it has at least [`MIN_WORDS`] words: a short phrase ("a total disaster") is echoed
//!   by many people, a sentence rarely;
//! - the copy it borrows from is in another article and is a [`near_exact`] version
//!   of its wording (the test on which clusters merge wordings): the same quotation,
//!   not a phrase lifted from it. A phrase lifted from a fuller quotation is often
//!   woven into someone else's sentence (a critic repeating it, a rally denouncing it)
//!   and is theirs to report, not the quotation's speaker's; and a short quotation
//!   attributed in one report does not name the speaker of a fuller one around it.
//!
//! Lending is a pure function of the clusters, so the corpus measurement and the site
//! build share it. The site (`crate::link`) lends nothing to a quote an editor's
//! `[[quotes]]` correction leaves without a speaker.

use crate::annotate::clusters::{ClusterItem, Clustering, near_exact, word_count};

/// The fewest words a copy must have to borrow a speaker.
pub const MIN_WORDS: usize = 6;

/// How many attributed copies of its cluster a borrower tries, in order: enough for
/// any statement, and a bound on the work for one reported a thousand times.
const MAX_TRIED: usize = 16;

/// For each item, the index of the attributed item that lends it its speaker, if any
/// does. `articles[i]` is any number that is the same for the items of one article and
/// differs between articles; `clustering` is the clustering of `items`.
///
/// `names(i, l)` tells whether item `i`'s article names the speaker of item `l`
/// anywhere (for a registry entity, a mention of it).
pub fn lend(
    items: &[ClusterItem<'_>],
    articles: &[usize],
    clustering: &Clustering,
    names: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    let mut lent = vec![None; items.len()];
    for cluster in &clustering.clusters {
        let attributed: Vec<usize> = cluster
            .iter()
            .copied()
            .filter(|&i| items[i].speaker.is_some())
            .collect();
        let Some(&first) = attributed.first() else {
            continue;
        };
        let speaker = items[first].speaker;
        if attributed.iter().any(|&i| items[i].speaker != speaker) {
            continue;
        }
        for &i in cluster {
            let borrower = &items[i];
            if borrower.speaker.is_some()
                || clustering.contested[i]
                || word_count(borrower.text) < MIN_WORDS
                || !names(i, first)
            {
                continue;
            }
            lent[i] = attributed
                .iter()
                .copied()
                .filter(|&l| articles[l] != articles[i])
                .take(MAX_TRIED)
                .find(|&l| near_exact(items[l].text, borrower.text));
        }
    }
    lent
}

/// Whether `text` names the speaker written as `name` (free text): the name's last word
/// ("Allawi" of "Ali Allawi") is a word of the text, in any case.
pub fn text_names(text: &str, name: &str) -> bool {
    let Some(last) = name
        .split_whitespace()
        .last()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
    else {
        return false;
    };
    let lower = |w: &str| {
        w.chars()
            .flat_map(char::to_lowercase)
            .collect::<Vec<char>>()
    };
    let last = lower(last);
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        w.chars()
            .flat_map(char::to_lowercase)
            .eq(last.iter().copied())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::clusters::cluster;

    const SAID: &str = "We will not raise taxes on working families this year or next";

    /// Items of (text, speaker, article), clustered and lent.
    fn lent(xs: &[(&'static str, Option<&'static str>, usize)]) -> Vec<Option<usize>> {
        let items: Vec<ClusterItem> = xs
            .iter()
            .map(|&(text, speaker, _)| ClusterItem { text, speaker })
            .collect();
        let articles: Vec<usize> = xs.iter().map(|x| x.2).collect();
        lend(&items, &articles, &cluster(&items), |_, _| true)
    }

    #[test]
    fn an_unattributed_copy_borrows_the_speaker_of_another_article() {
        assert_eq!(
            lent(&[(SAID, Some("mayor"), 0), (SAID, None, 1)]),
            [None, Some(0)]
        );
    }

    #[test]
    fn only_a_near_exact_copy_borrows() {
        let near = "We will not raise taxes on working families this year";
        let part = "not raise taxes on working families";
        assert_eq!(
            lent(&[(SAID, Some("mayor"), 0), (near, None, 1), (part, None, 2)]),
            [None, Some(0), None]
        );
        assert_eq!(
            lent(&[(part, Some("mayor"), 0), (SAID, None, 1)]),
            [None, None]
        );
    }

    #[test]
    fn a_copy_whose_article_never_names_the_speaker_borrows_nothing() {
        let items = [
            ClusterItem {
                text: SAID,
                speaker: Some("mayor"),
            },
            ClusterItem {
                text: SAID,
                speaker: None,
            },
        ];
        let lent = lend(&items, &[0, 1], &cluster(&items), |_, _| false);
        assert_eq!(lent, [None, None]);
    }

    #[test]
    fn a_text_names_a_speaker_by_the_last_word_of_the_name() {
        assert!(text_names("Mr Allawi spoke.", "Ali Allawi"));
        assert!(text_names("ALLAWI spoke.", "Ali Allawi"));
        assert!(!text_names("Mr Allawite spoke.", "Ali Allawi"));
        assert!(!text_names("Anything", ""));
    }

    #[test]
    fn copies_in_the_same_article_do_not_lend() {
        assert_eq!(
            lent(&[(SAID, Some("mayor"), 0), (SAID, None, 0)]),
            [None, None]
        );
    }

    #[test]
    fn disagreeing_speakers_lend_nothing() {
        assert_eq!(
            lent(&[
                (SAID, Some("mayor"), 0),
                (SAID, Some("governor"), 1),
                (SAID, None, 2)
            ]),
            [None, None, None]
        );
    }

    #[test]
    fn a_short_shared_phrase_borrows_nothing() {
        assert_eq!(
            lent(&[
                (
                    "This deal is a total disaster for our farmers",
                    Some("mayor"),
                    0
                ),
                ("a total disaster", None, 1)
            ]),
            [None, None]
        );
    }
}
