//! The coding scheme: the question, the stance scale, the parties and who speaks for them.

use super::id::{PartyId, StanceId};
use super::interval::Interval;
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

pub use crate::color::Color;

#[derive(Debug, Clone, PartialEq)]
pub struct Stance {
    pub id: String,
    pub label: String,
    /// Position on the axis; `None` is off the axis.
    pub score: Option<f64>,
    /// A short label for charts, when the label is long.
    pub short: Option<String>,
    /// As the codebook gives it; charts choose one for a stance without.
    pub color: Option<Color>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub id: String,
    pub name: String,
    /// A short label for charts, when the name is long.
    pub short: Option<String>,
    pub aliases: Vec<String>,
    /// As the codebook gives it; charts choose one for a party without.
    pub color: Option<Color>,
}

/// One period in which a named person spoke for a party (bounds inclusive, open when `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerTerm {
    pub name: String,
    pub party: PartyId,
    pub role: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Built once by [`Codebook::new`] and read through accessors, so that the lookup maps
/// always agree with the lists they index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Codebook {
    question: String,
    /// Ordered from one pole to the other, as in the codebook.
    stances: Vec<Stance>,
    parties: Vec<Party>,
    speakers: Vec<SpeakerTerm>,
    /// Lowercased names as bytes: looked up without checking that a lowercased name is UTF-8.
    party_names: HashMap<Vec<u8>, PartyId>,
    /// Lowercased `Stance::id` and `Stance::label` texts, as bytes likewise.
    stance_texts: HashMap<Vec<u8>, StanceId>,
}

impl Codebook {
    pub fn new(
        question: String,
        stances: Vec<Stance>,
        parties: Vec<Party>,
        speakers: Vec<SpeakerTerm>,
    ) -> Self {
        let mut party_names = HashMap::default();
        for (i, p) in parties.iter().enumerate() {
            for n in std::iter::once(&p.id)
                .chain(std::iter::once(&p.name))
                .chain(&p.short)
                .chain(&p.aliases)
            {
                party_names
                    .entry(n.to_lowercase().into_bytes())
                    .or_insert(PartyId::new(i));
            }
        }
        let mut stance_texts = HashMap::default();
        // Ids first: where a label is another stance's id (an error in `check`), the id wins.
        for (i, s) in stances.iter().enumerate() {
            stance_texts
                .entry(s.id.to_lowercase().into_bytes())
                .or_insert(StanceId::new(i));
        }
        for (i, s) in stances.iter().enumerate() {
            stance_texts
                .entry(s.label.to_lowercase().into_bytes())
                .or_insert(StanceId::new(i));
        }
        Codebook {
            question,
            stances,
            parties,
            speakers,
            party_names,
            stance_texts,
        }
    }

    /// The question the stances answer.
    pub fn question(&self) -> &str {
        &self.question
    }

    /// The stances, ordered from one pole to the other as in the codebook.
    pub fn stances(&self) -> &[Stance] {
        &self.stances
    }

    /// The parties, in codebook order.
    pub fn parties(&self) -> &[Party] {
        &self.parties
    }

    /// Every period of every speaker, in codebook order.
    pub fn speakers(&self) -> &[SpeakerTerm] {
        &self.speakers
    }

    /// Every stance's id, in codebook order.
    pub fn stance_ids(&self) -> impl ExactSizeIterator<Item = StanceId> + use<> {
        (0..self.stances.len()).map(StanceId::new)
    }

    /// Every party's id, in codebook order.
    pub fn party_ids(&self) -> impl ExactSizeIterator<Item = PartyId> + use<> {
        (0..self.parties.len()).map(PartyId::new)
    }

    pub fn stance(&self, id: StanceId) -> &Stance {
        &self.stances[id.index()]
    }

    pub fn party(&self, id: PartyId) -> &Party {
        &self.parties[id.index()]
    }

    /// A party by id, name, short label or alias, case-insensitively.
    pub fn find_party(&self, name: &str) -> Option<PartyId> {
        lookup(&self.party_names, name)
    }

    /// A stance by its id or label, case-insensitively.
    pub fn find_stance(&self, text: &str) -> Option<StanceId> {
        lookup(&self.stance_texts, text)
    }

    /// Every id and label of every stance, for suggestions.
    pub fn stance_words(&self) -> impl Iterator<Item = &str> {
        self.stances
            .iter()
            .flat_map(|s| [s.id.as_str(), s.label.as_str()])
    }

    /// Every id, name, short label and alias of every party, for suggestions.
    pub fn party_words(&self) -> impl Iterator<Item = &str> {
        self.parties.iter().flat_map(|p| {
            std::iter::once(p.id.as_str())
                .chain(std::iter::once(p.name.as_str()))
                .chain(p.short.as_deref())
                .chain(p.aliases.iter().map(String::as_str))
        })
    }

    /// Whether a name is a speaker of the codebook (case-insensitively).
    pub fn is_speaker(&self, name: &str) -> bool {
        self.speakers
            .iter()
            .any(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// The terms of a named speaker.
    pub fn terms<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a SpeakerTerm> {
        self.speakers
            .iter()
            .filter(move |s| s.name.eq_ignore_ascii_case(name))
    }

    /// The parties a speaker spoke for at some time in `[from, to]` (open when `None`), in
    /// codebook order.
    pub fn speaker_parties(
        &self,
        name: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Vec<PartyId> {
        let mut parties: Vec<PartyId> = self
            .terms(name)
            .filter(|t| {
                Interval {
                    start: t.from,
                    end: t.to,
                }
                .overlaps(from, to)
            })
            .map(|t| t.party)
            .collect();
        parties.sort_unstable();
        parties.dedup();
        parties
    }

    /// Stances with a score, in scale order (lowest score first), then the off-axis ones.
    pub fn stances_in_scale_order(&self) -> Vec<StanceId> {
        let mut order: Vec<StanceId> = self.stance_ids().collect();
        order.sort_by(|&a, &b| {
            let (sa, sb) = (self.stance(a).score, self.stance(b).score);
            match (sa, sb) {
                (Some(x), Some(y)) => x.total_cmp(&y).then(a.cmp(&b)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.cmp(&b),
            }
        });
        order
    }
}

/// Look a name up in a map keyed by lowercased names. Short ASCII names (nearly all of them)
/// are lowercased on the stack: this runs once per position and field.
fn lookup<Id: Copy>(map: &HashMap<Vec<u8>, Id>, name: &str) -> Option<Id> {
    let name = name.trim();
    let mut buf = [0u8; 64];
    if name.is_ascii() && name.len() <= buf.len() {
        let lower = &mut buf[..name.len()];
        lower.copy_from_slice(name.as_bytes());
        lower.make_ascii_lowercase();
        map.get(&lower[..]).copied()
    } else {
        map.get(name.to_lowercase().as_bytes()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stances_are_found_by_id_or_label_in_any_case_and_an_id_wins() {
        let stance = |id: &str, label: &str| Stance {
            id: id.into(),
            label: label.into(),
            score: None,
            short: None,
            color: None,
            description: None,
        };
        let cb = Codebook::new(
            String::new(),
            vec![stance("mixed", "Six-party preferred"), stance("b", "Mixed")],
            Vec::new(),
            Vec::new(),
        );
        assert_eq!(
            cb.find_stance("SIX-PARTY preferred "),
            Some(StanceId::new(0))
        );
        assert_eq!(cb.find_stance("B"), Some(StanceId::new(1)));
        assert_eq!(cb.find_stance("Mixed"), Some(StanceId::new(0)));
        assert_eq!(cb.find_stance("six-party"), None);
    }

    #[test]
    fn colors() {
        assert_eq!(Color::parse("#b2182B"), Some(Color(0xb2, 0x18, 0x2b)));
        assert_eq!(Color::parse("b2182b"), None);
        assert_eq!(Color::parse("#b2182"), None);
        assert_eq!(Color::parse("#gg182b"), None);
        assert_eq!(Color(1, 2, 255).hex(), "#0102ff");
    }
}
