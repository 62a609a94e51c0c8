//! Colours of a municipality's house style, and the WCAG 2.2 contrast check that guards them.

use serde::{Deserialize, Serialize};

/// A colour written as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HexColour {
    r: u8,
    g: u8,
    b: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ColourError {
    #[error("not a colour of the form #rrggbb")]
    Malformed,
}

impl HexColour {
    pub const WHITE: HexColour = HexColour { r: 255, g: 255, b: 255 };

    pub fn parse(input: &str) -> Result<Self, ColourError> {
        let hex = input.trim().strip_prefix('#').ok_or(ColourError::Malformed)?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(ColourError::Malformed);
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| ColourError::Malformed);
        Ok(Self { r: channel(0)?, g: channel(2)?, b: channel(4)? })
    }

    /// Relative luminance as defined by WCAG 2.x.
    pub fn relative_luminance(self) -> f64 {
        fn linear(channel: u8) -> f64 {
            let c = f64::from(channel) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// Contrast ratio between two colours, from 1.0 (none) to 21.0 (black on white).
    pub fn contrast_with(self, other: HexColour) -> f64 {
        let (a, b) = (self.relative_luminance(), other.relative_luminance());
        let (light, dark) = if a > b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }
}

impl std::fmt::Display for HexColour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// WCAG 2.2 AA minimum contrast for normal-size text (1.4.3).
pub const MIN_TEXT_CONTRAST: f64 = 4.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_lowercase() {
        let c = HexColour::parse("#1A5FB4").unwrap();
        assert_eq!(c.to_string(), "#1a5fb4");
    }

    #[test]
    fn rejects_malformed_colours() {
        for bad in ["", "1a5fb4", "#1a5fb", "#1a5fb44", "#gggggg", "red"] {
            assert_eq!(HexColour::parse(bad), Err(ColourError::Malformed), "{bad}");
        }
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        let black = HexColour::parse("#000000").unwrap();
        assert!((black.contrast_with(HexColour::WHITE) - 21.0).abs() < 1e-9);
        // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
        let grey = HexColour::parse("#767676").unwrap();
        let ratio = grey.contrast_with(HexColour::WHITE);
        assert!((4.5..4.6).contains(&ratio), "{ratio}");
        let light_grey = HexColour::parse("#777777").unwrap();
        assert!(light_grey.contrast_with(HexColour::WHITE) < MIN_TEXT_CONTRAST);
    }
}
