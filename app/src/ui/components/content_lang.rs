//! What municipalities and residents write is Dutch. On a page shown in another language that
//! text is marked `lang="nl"` (WCAG 3.1.2, language of parts), so a screen reader reads it with
//! Dutch pronunciation and a translation tool knows what to translate.

use crate::i18n::*;

/// The `lang` attribute for text written by people rather than by the platform: `nl` when the
/// page is in another language, nothing when the page is Dutch already.
pub fn content_lang() -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || (i18n.get_locale() != Locale::nl).then_some("nl")
}
