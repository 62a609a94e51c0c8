//! `/beheer/outbox`: the latest outgoing mail, for development without an SMTP server.

use crate::api::admin::list_outbox;
use crate::i18n::*;
use crate::ui::components::content_lang::content_lang;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let messages = Resource::new(|| (), |_| list_outbox());
    view! {
        <PageTitle text=t_string!(i18n, outbox_title).to_string()/>
        <h1>{t!(i18n, outbox_title)}</h1>
        <p>{t!(i18n, outbox_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || messages.get().map(|found| match found {
                Ok(list) if list.is_empty() => view! { <p>{t!(i18n, outbox_empty)}</p> }.into_any(),
                Ok(list) => view! {
                    <ol class="outbox">
                        {list.into_iter().map(|m| view! {
                            <li class="outbox__message">
                                <p><strong>{t!(i18n, outbox_subject)} ": "</strong> {m.subject}</p>
                                <p><strong>{t!(i18n, outbox_to)} ": "</strong> {m.recipient} " · " {m.created_at} " · "
                                    {if m.sent { t!(i18n, outbox_sent).into_any() } else { t!(i18n, outbox_waiting).into_any() }}</p>
                                <pre class="outbox__body" lang=content_lang()>{m.body}</pre>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
                Err(_) => view! { <p role="alert">{t!(i18n, forbidden_body)}</p> }.into_any(),
            })}
        </Suspense>
    }
}
