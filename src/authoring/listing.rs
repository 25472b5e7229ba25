//! The codebook as rows (`stanceline codebook`): its stances in scale order, its parties and
//! its speakers, each with what a chart draws them in.

use crate::chart::colors::Colors;
use crate::chart::style::LIGHT;
use crate::model::codebook::Codebook;
use crate::output::Record;
use serde::Serialize;

/// One stance. `color` is the codebook's (empty when it gives none); `chart_color` is what a
/// light chart draws it in: the codebook's, or the one the chart chooses.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StanceRow<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub short: Option<&'a str>,
    pub score: Option<f64>,
    pub color: Option<String>,
    pub chart_color: String,
    pub description: Option<&'a str>,
}

/// One party; `aliases` are `;`-separated.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PartyRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short: Option<&'a str>,
    pub aliases: String,
    pub color: Option<String>,
    pub chart_color: String,
}

/// One period of one speaker (a speaker with several periods has a row for each); `from`
/// and `to` are inclusive, empty when open.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SpeakerRow<'a> {
    pub name: &'a str,
    pub party: &'a str,
    pub party_name: &'a str,
    pub role: Option<&'a str>,
    pub from: Option<String>,
    pub to: Option<String>,
}

macro_rules! flat {
    ($($t:ident),*) => {$(
        impl<'a> Record for $t<'a> {
            type Flat = $t<'a>;
            fn flat(&self) -> &Self {
                self
            }
        }
    )*};
}
flat!(StanceRow, PartyRow, SpeakerRow);

/// The whole codebook: the JSON of `stanceline codebook`, one array per kind.
#[derive(Debug, Clone, Serialize)]
pub struct Listing<'a> {
    pub question: &'a str,
    pub stances: Vec<StanceRow<'a>>,
    pub parties: Vec<PartyRow<'a>>,
    pub speakers: Vec<SpeakerRow<'a>>,
}

impl<'a> Listing<'a> {
    pub fn new(cb: &'a Codebook) -> Self {
        let colors = Colors::new(cb, &LIGHT);
        let stances = cb
            .stances_in_scale_order()
            .into_iter()
            .map(|id| {
                let s = cb.stance(id);
                StanceRow {
                    id: &s.id,
                    label: &s.label,
                    short: s.short.as_deref(),
                    score: s.score,
                    color: s.color.map(|c| c.hex()),
                    chart_color: colors.stance(id).hex(),
                    description: s.description.as_deref(),
                }
            })
            .collect();
        let parties = cb
            .party_ids()
            .map(|id| {
                let p = cb.party(id);
                PartyRow {
                    id: &p.id,
                    name: &p.name,
                    short: p.short.as_deref(),
                    aliases: p.aliases.join(";"),
                    color: p.color.map(|c| c.hex()),
                    chart_color: colors.party(id).hex(),
                }
            })
            .collect();
        let speakers = cb
            .speakers()
            .iter()
            .map(|t| SpeakerRow {
                name: &t.name,
                party: &cb.party(t.party).id,
                party_name: &cb.party(t.party).name,
                role: t.role.as_deref(),
                from: t.from.map(|d| d.to_string()),
                to: t.to.map(|d| d.to_string()),
            })
            .collect();
        Listing {
            question: cb.question(),
            stances,
            parties,
            speakers,
        }
    }
}
