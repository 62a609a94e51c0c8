//! A readability aid for Dutch texts written by staff (issue 3, rules of play): the Flesch-Douma
//! score and the sentences that are too long for language level B1. It advises; it never blocks.
//!
//! Flesch-Douma = 206.84 − 0.77 × (syllables per 100 words) − 0.93 × (words per sentence).
//! Around 60 and higher reads as plain Dutch; B1 guidance also asks for sentences of at most
//! about 15 to 20 words. Syllables are counted as groups of vowels, which is how Dutch
//! hyphenation mostly works ("par-ti-ci-pa-tie", "ge-meen-te"); it is an estimate, good enough
//! to advise.

use serde::{Deserialize, Serialize};

/// Sentences longer than this are pointed out.
pub const LONG_SENTENCE_WORDS: usize = 20;
/// The score from which a text counts as plain enough for B1 readers.
pub const B1_SCORE: f64 = 60.0;

/// Common Dutch abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "bijv", "bv", "o.a", "d.w.z", "m.b.t", "i.p.v", "t.z.t", "z.s.m", "enz", "etc", "nl", "ca", "mr", "dhr", "mevr",
    "nr", "blz", "jl", "a.s", "m.i.v", "e.d",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Score at or above 70: easy to read.
    Easy,
    /// Score 60 to 70: plain enough for most readers (B1).
    Plain,
    /// Below 60: too hard for many residents.
    Hard,
}

/// A sentence that is too long, as a byte range into the analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LongSentence {
    pub start: usize,
    pub end: usize,
    pub words: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readability {
    pub score: f64,
    pub words: usize,
    pub sentences: usize,
    pub words_per_sentence: f64,
    pub verdict: Verdict,
    /// How many points the score is below the B1 mark (0 when it is there).
    pub points_below_b1: f64,
    pub long_sentences: Vec<LongSentence>,
}

/// Analyses a text; None when it has no words.
pub fn analyse(text: &str) -> Option<Readability> {
    let sentences = split_sentences(text);
    let mut words = 0;
    let mut syllables = 0;
    let mut long_sentences = Vec::new();
    let mut counted_sentences = 0;
    for (start, end) in &sentences {
        let sentence_words: Vec<&str> = words_of(&text[*start..*end]).collect();
        if sentence_words.is_empty() {
            continue;
        }
        counted_sentences += 1;
        words += sentence_words.len();
        syllables += sentence_words.iter().map(|w| count_syllables(w)).sum::<usize>();
        if sentence_words.len() > LONG_SENTENCE_WORDS {
            long_sentences.push(LongSentence { start: *start, end: *end, words: sentence_words.len() });
        }
    }
    if words == 0 {
        return None;
    }
    let words_per_sentence = words as f64 / counted_sentences as f64;
    let syllables_per_100_words = syllables as f64 * 100.0 / words as f64;
    let score = 206.84 - 0.77 * syllables_per_100_words - 0.93 * words_per_sentence;
    let verdict = if score >= 70.0 {
        Verdict::Easy
    } else if score >= B1_SCORE {
        Verdict::Plain
    } else {
        Verdict::Hard
    };
    Some(Readability {
        score,
        words,
        sentences: counted_sentences,
        words_per_sentence,
        verdict,
        points_below_b1: (B1_SCORE - score).max(0.0),
        long_sentences,
    })
}

/// Sentence boundaries as byte ranges: a sentence ends at '.', '!', '?' or a blank line, except
/// after a known abbreviation or between digits ("3.5").
fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let blank_line = c == '\n' && next == Some('\n');
        let terminal = matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace);
        if !(terminal || blank_line) {
            continue;
        }
        if c == '.' {
            let before = text[start..at].split_whitespace().last().unwrap_or("").to_lowercase();
            let before = before.trim_start_matches(|ch: char| !ch.is_alphanumeric());
            if ABBREVIATIONS.contains(&before) {
                continue;
            }
        }
        let end = at + c.len_utf8();
        if !text[start..end].trim().is_empty() {
            sentences.push((start, end));
        }
        start = end;
    }
    if !text[start..].trim().is_empty() {
        sentences.push((start, text.len()));
    }
    sentences
}

/// The words of a text: runs of letters (with inner apostrophes and hyphens), no numbers.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphabetic))
}

/// Syllables of a Dutch word, estimated as its groups of vowels (at least one).
pub fn count_syllables(word: &str) -> usize {
    let mut groups = 0;
    let mut in_vowels = false;
    for c in word.chars().flat_map(char::to_lowercase) {
        let vowel =
            matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'à' | 'á' | 'è' | 'é' | 'ë' | 'ï' | 'ó' | 'ö' | 'ü');
        if vowel && !in_vowels {
            groups += 1;
        }
        // A diaeresis starts a new syllable: "geïnteresseerd", "coördinatie".
        if matches!(c, 'ë' | 'ï' | 'ö' | 'ü') && in_vowels {
            groups += 1;
        }
        in_vowels = vowel;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_follow_dutch_vowel_groups() {
        for (word, expected) in [
            ("participatie", 5),
            ("gemeente", 3),
            ("huis", 1),
            ("fietsen", 2),
            ("inwoners", 3),
            ("geïnteresseerd", 5),
            ("coördinatie", 5),
            ("z", 1),
        ] {
            assert_eq!(count_syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn short_plain_sentences_read_easily() {
        let text = "We gaan het plein opknappen. Wat vind jij belangrijk? Vertel het ons voor 1 maart.";
        let r = analyse(text).unwrap();
        assert_eq!(r.sentences, 3);
        assert!(r.score >= 70.0, "{r:?}");
        assert_eq!(r.verdict, Verdict::Easy);
        assert!(r.long_sentences.is_empty());
        assert_eq!(r.points_below_b1, 0.0);
    }

    #[test]
    fn long_official_sentences_are_hard_and_pointed_out() {
        let text = "Teneinde de participatiemogelijkheden van belanghebbenden te optimaliseren, heeft het \
                    college van burgemeester en wethouders besloten om, in samenwerking met de betreffende \
                    maatschappelijke organisaties, een integrale herinrichtingsvisie te ontwikkelen. Kom gerust.";
        let r = analyse(text).unwrap();
        assert_eq!(r.verdict, Verdict::Hard, "{r:?}");
        assert!(r.points_below_b1 > 0.0);
        assert_eq!(r.long_sentences.len(), 1);
        let long = &r.long_sentences[0];
        assert!(text[long.start..long.end].starts_with("Teneinde"));
        assert!(text[long.start..long.end].ends_with("ontwikkelen."));
    }

    #[test]
    fn abbreviations_and_decimals_do_not_end_a_sentence() {
        let text = "Er komen o.a. bankjes en bomen, bijv. linden. Het plein wordt 3.5 meter breder.";
        let r = analyse(text).unwrap();
        assert_eq!(r.sentences, 2, "{r:?}");
    }

    #[test]
    fn blank_lines_separate_sentences_and_empty_text_gives_nothing() {
        let r = analyse("Een kop zonder punt\n\nEn dan de tekst.").unwrap();
        assert_eq!(r.sentences, 2);
        assert_eq!(analyse("   \n 123 "), None);
    }
}
