//! Municipalities and their areas: slugs, names and a house style that keeps text readable.

use super::colour::{HexColour, MIN_TEXT_CONTRAST};
use super::validation::Problem;
use serde::{Deserialize, Serialize};

/// Identifier of a municipality in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MunicipalityId(pub i32);

/// Identifier of an area (kern or wijk).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AreaId(pub i32);

/// The part of a URL that names a municipality or an area: `duinwijk`, `zeedorp`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slug(String);

/// Path segments that belong to the platform itself and can never name a municipality: a
/// municipality of that name would be unreachable behind the platform's own page. Every first
/// segment of a page route must be here (checked by a test below).
const RESERVED_SLUGS: &[&str] = &[
    "api",
    "pkg",
    "healthz",
    "account",
    "admin",
    "taal",
    "inloggen",
    "uitloggen",
    "afmelden",
    "registreren",
    "account-verwijderd",
    "wachtwoord",
    "wachtwoord-vergeten",
    "wachtwoord-herstellen",
    "e-mail-bevestigen",
    "e-mail-wijzigen",
    "beheer",
    "static",
    "favicon.ico",
    "robots.txt",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("use 2 to 64 lowercase letters, digits and hyphens")]
    Malformed,
    #[error("this name is reserved by the platform")]
    Reserved,
}

impl Slug {
    pub fn parse(input: &str) -> Result<Self, SlugError> {
        let s = input.trim();
        let well_formed = (2..=64).contains(&s.len())
            && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if !well_formed {
            return Err(SlugError::Malformed);
        }
        if RESERVED_SLUGS.contains(&s) {
            return Err(SlugError::Reserved);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Which colour of a house style failed the contrast check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HouseStyleColour {
    Primary,
    Accent,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HouseStyleError {
    #[error("{0:?} colour is not of the form #rrggbb")]
    Malformed(HouseStyleColour),
    #[error("{colour:?} colour has contrast {ratio:.2}:1 with white, at least 4.5:1 is needed")]
    TooLittleContrast { colour: HouseStyleColour, ratio: f64 },
}

/// A municipality's colours. Both are used behind or as text on white (header bar with white
/// text, links and buttons), so both need AA contrast with white.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseStyle {
    pub primary: HexColour,
    pub accent: HexColour,
}

impl HouseStyle {
    pub fn parse(primary: &str, accent: &str) -> Result<Self, HouseStyleError> {
        let check = |input: &str, which: HouseStyleColour| {
            let colour = HexColour::parse(input).map_err(|_| HouseStyleError::Malformed(which))?;
            let ratio = colour.contrast_with(HexColour::WHITE);
            if ratio < MIN_TEXT_CONTRAST {
                return Err(HouseStyleError::TooLittleContrast { colour: which, ratio });
            }
            Ok(colour)
        };
        Ok(Self {
            primary: check(primary, HouseStyleColour::Primary)?,
            accent: check(accent, HouseStyleColour::Accent)?,
        })
    }
}

/// One house-style colour checked on its own, as a form field problem: malformed, or too little
/// contrast with white (the ratio rounded down to hundredths, so "4.49" never reads as "4.5").
pub fn colour_problem(input: &str) -> Result<HexColour, Problem> {
    let colour = HexColour::parse(input).map_err(|_| Problem::ColourInvalid)?;
    let ratio = colour.contrast_with(HexColour::WHITE);
    if ratio < MIN_TEXT_CONTRAST {
        return Err(Problem::ColourContrastTooLow { ratio_hundredths: (ratio * 100.0).floor() as u32 });
    }
    Ok(colour)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_page_of_the_platform_itself_has_a_reserved_name() {
        let routes = include_str!("../ui/layout/shell.rs");
        let firsts: Vec<&str> = routes
            .split("path!(\"/")
            .skip(1)
            .filter_map(|rest| rest.split(['/', '"']).next())
            .filter(|first| !first.is_empty() && !first.starts_with(':'))
            .collect();
        assert!(firsts.contains(&"inloggen"), "{firsts:?}");
        for first in firsts {
            assert_eq!(Slug::parse(first), Err(SlugError::Reserved), "/{first} is a page of the platform");
        }
    }

    use super::*;

    #[test]
    fn colour_problems_name_the_measured_contrast() {
        assert_eq!(colour_problem("#zzzzzz"), Err(Problem::ColourInvalid));
        assert_eq!(colour_problem("#777777"), Err(Problem::ColourContrastTooLow { ratio_hundredths: 447 }));
        assert!(colour_problem("#767676").is_ok());
    }

    #[test]
    fn accepts_ordinary_slugs() {
        assert_eq!(Slug::parse("duinwijk").unwrap().as_str(), "duinwijk");
        assert_eq!(Slug::parse("bergen-op-zoom").unwrap().as_str(), "bergen-op-zoom");
    }

    #[test]
    fn refuses_malformed_and_reserved_slugs() {
        for bad in ["", "a", "Duinwijk", "-duin", "duin-", "duin--wijk", "duin wijk", "dúin"] {
            assert_eq!(Slug::parse(bad), Err(SlugError::Malformed), "{bad}");
        }
        assert_eq!(Slug::parse("api"), Err(SlugError::Reserved));
        assert_eq!(Slug::parse("pkg"), Err(SlugError::Reserved));
    }

    #[test]
    fn house_style_needs_aa_contrast_with_white() {
        assert!(HouseStyle::parse("#1a5fb4", "#a51d2d").is_ok());
        match HouseStyle::parse("#1a5fb4", "#f6d32d") {
            Err(HouseStyleError::TooLittleContrast { colour: HouseStyleColour::Accent, ratio }) => {
                assert!(ratio < 4.5)
            }
            other => panic!("expected a contrast error, got {other:?}"),
        }
        assert_eq!(HouseStyle::parse("blue", "#a51d2d"), Err(HouseStyleError::Malformed(HouseStyleColour::Primary)));
    }
}
