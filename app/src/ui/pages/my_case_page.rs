//! `/account/zaken/{id}`: the initiator follows their case: where it stands, the deadlines the
//! desk keeps, every step and message; and answers the desk here. What they need to do comes
//! first (`NextStep`).

use crate::api::initiatives::{get_my_case, ReplyToDesk};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::desk::case_record::CaseRecord;
use crate::ui::components::desk::next_step::NextStep;
use crate::ui::components::form::{error_of, FormAlert, TextArea};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn MyCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or_default();
    let reply = ServerAction::<ReplyToDesk>::new();
    let case = Resource::new(move || (id(), reply.version().get()), |(id, _)| get_my_case(id));
    let received = move || query.read().get("ontvangen").is_some();
    let sent = move || query.read().get("verstuurd").is_some() || matches!(reply.value().get(), Some(Ok(())));
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(case) => {
                        let error = error_of(reply.value());
                        let number = case.number.clone();
                        let finished = case.status.is_finished();
                        let token = case.submission_token.clone().unwrap_or_default();
                        let case_id = case.id;
                        view! {
                            <PageTitle text=case.title.clone()/>
                            <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
                                <a href="/account#zaken">{t!(i18n, account_title)}</a>
                            </nav>
                            <h1 lang=content_lang()>{case.title.clone()}</h1>
                            {received().then(|| view! {
                                <p class="notice" role="status">{t!(i18n, case_received_notice, number = move || number.clone())}</p>
                            })}
                            {sent().then(|| view! { <p class="notice" role="status">{t!(i18n, case_reply_sent)}</p> })}
                            <NextStep case=case.clone()/>
                            <CaseRecord case/>
                            {(!finished).then(|| view! {
                                <section aria-labelledby="antwoorden">
                                    <h2 id="antwoorden">{t!(i18n, case_reply_title)}</h2>
                                    <FormAlert error/>
                                    <ActionForm action=reply attr:class="form" attr:novalidate=true>
                                        <input type="hidden" name="case" value=case_id/>
                                        <input type="hidden" name="submission_token" value=token.clone()/>
                                        <TextArea name="body" error required=true rows=5 max_chars=crate::domain::consultations::COMMENT_MAX as u32
                                            when_empty=Signal::derive(move || t_string!(i18n, empty_message).to_string())
                                            label=Signal::derive(move || t_string!(i18n, case_reply_label).to_string())/>
                                        <button class="button" type="submit">{t!(i18n, case_reply_button)}</button>
                                    </ActionForm>
                                </section>
                            })}
                        }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <Redirect path="/inloggen?next=/account"/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
