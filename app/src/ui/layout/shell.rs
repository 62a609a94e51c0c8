//! The HTML document and the router. Every page gets the same landmarks: a skip link, header with
//! navigation, one `<main>` with the page's single h1, and a footer.

use crate::i18n::*;
use crate::ui::layout::front_end::FrontEnd;
use crate::ui::layout::header::SiteHeader;
use crate::ui::pages::{
    account_page::AccountPage,
    admin_page::AdminPage,
    answering_page::{AnswerScreen, AnsweringScreen},
    audit_log_page::AuditLogPage,
    confirm_email_change_page::ConfirmEmailChangePage,
    consultation_editor_page::{ConsultationEditorPage, NewConsultationPage},
    consultation_page::ConsultationPage,
    council_page::CouncilOverviewPage,
    desk_case_page::DeskCasePage,
    desk_queue_page::DeskQueuePage,
    desk_settings_page::DeskSettingsPage,
    forgot_password_page::{ForgotPasswordPage, ForgotPasswordSentPage},
    home_page::HomePage,
    house_rules_page::HouseRulesPage,
    ideas_page::{IdeasPage, NewIdeasPage},
    initiative_page::{EnterInitiativePage, SubmitInitiativePage},
    initiative_register_page::{InitiativeRegisterPage, PublicInitiativePage},
    join_panel_page::JoinPanelPage,
    leave_page::{AccountDeletedPage, LeavePage},
    log_in_page::LogInPage,
    manage_municipality_page::ManageMunicipalityPage,
    moderation_page::ModerationPage,
    municipality_page::MunicipalityPage,
    my_case_page::MyCasePage,
    not_found_page::NotFoundPage,
    offline_input_page::OfflineInputPage,
    outbox_page::OutboxPage,
    own_data_page::OwnDataPage,
    panels_page::{PanelPage, PanelsPage},
    paper_votes_page::PaperVotesPage,
    poll_editor_page::{NewPollPage, PollEditorPage},
    poll_page::PollPage,
    publish_report_page::PublishReportPage,
    register_page::{RegisterDonePage, RegisterPage},
    report_page::ReportPage,
    reset_password_page::ResetPasswordPage,
    trajectory_editor_page::{NewTrajectoryPage, TrajectoryEditorPage},
    trajectory_page::TrajectoryPage,
    unsubscribe_page::UnsubscribePage,
    verify_email_page::VerifyEmailPage,
};
use crate::ui::raw_text::title_with_site_name;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::context::provide_csp_nonce();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <FrontEnd options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The fields of this page, for the error summary above a refused form.
    provide_context(crate::ui::components::form::FieldRegistry::default());
    view! {
        // The language is chosen only with the language link (`/taal/{nl|en}`, which sets the
        // cookie on the server). The browser never writes the cookie itself: a page still
        // hydrating while someone clicks "English" would otherwise write back the language it
        // was rendered in, and the choice would be forgotten.
        <I18nContextProvider ssr_lang_header_getter=dutch_unless_chosen() enable_cookie=cfg!(feature = "ssr")>
            <Title formatter=title_with_site_name/>
            <Router>
                <SkipLink/>
                <SiteHeader/>
                <main id="inhoud" tabindex="-1" class="page">
                    // Async: the server waits for a page's data and sends it whole, so pages work
                    // without JavaScript and carry their title in <head>.
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                        <Route path=path!("/inloggen") view=LogInPage ssr=SsrMode::Async/>
                        <Route path=path!("/registreren") view=RegisterPage ssr=SsrMode::Async/>
                        <Route path=path!("/registreren/klaar") view=RegisterDonePage ssr=SsrMode::Async/>
                        <Route path=path!("/e-mail-bevestigen") view=VerifyEmailPage ssr=SsrMode::Async/>
                        <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                        <Route path=path!("/account/mijn-gegevens") view=OwnDataPage ssr=SsrMode::Async/>
                        <Route path=path!("/account/verwijderen") view=LeavePage ssr=SsrMode::Async/>
                        <Route path=path!("/account-verwijderd") view=AccountDeletedPage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer") view=AdminPage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer/outbox") view=OutboxPage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer/:municipality") view=ManageMunicipalityPage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer/:municipality/moderatie") view=ModerationPage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer/:municipality/logboek") view=AuditLogPage ssr=SsrMode::Async/>
                        <Route path=path!("/wachtwoord-vergeten") view=ForgotPasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("/wachtwoord-vergeten/verstuurd") view=ForgotPasswordSentPage ssr=SsrMode::Async/>
                        <Route path=path!("/wachtwoord-herstellen") view=ResetPasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("/e-mail-wijzigen") view=ConfirmEmailChangePage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality") view=MunicipalityPage ssr=SsrMode::Async/>
                        <Route path=path!("/afmelden/:key") view=UnsubscribePage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/trajecten/nieuw") view=NewTrajectoryPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/trajecten/:id") view=TrajectoryPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/trajecten/:id/bewerken") view=TrajectoryEditorPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/trajecten/:id/raadpleging-toevoegen") view=NewConsultationPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/raadplegingen/:id") view=ConsultationPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/huisregels") view=HouseRulesPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/raadplegingen/:id/invoeren") view=OfflineInputPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/raadplegingen/:id/bewerken") view=ConsultationEditorPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/peilingen/:id") view=PollPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/peilingen/:id/papieren-stemmen") view=PaperVotesPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/peilingen/:id/bewerken") view=PollEditorPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/trajecten/:id/peiling-toevoegen") view=NewPollPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/panel-aanmelden") view=JoinPanelPage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer/:municipality/panels") view=PanelsPage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer/:municipality/panels/:id") view=PanelPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/initiatief-indienen") view=SubmitInitiativePage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/initiatieven") view=InitiativeRegisterPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/initiatieven/:id") view=PublicInitiativePage ssr=SsrMode::Async/>
                        <Route path=path!("/account/zaken/:id") view=MyCasePage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer/:municipality/loket") view=DeskQueuePage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer/:municipality/loket/zaken/:id") view=DeskCasePage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer/:municipality/loket/invoeren") view=EnterInitiativePage ssr=SsrMode::Async/>
                        <Route path=path!("/beheer/:municipality/loket/instellingen") view=DeskSettingsPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/ideeen/:id") view=IdeasPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/trajecten/:id/ideeen-toevoegen") view=NewIdeasPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/trajecten/:id/verslag") view=ReportPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/raad") view=CouncilOverviewPage ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/trajecten/:id/antwoorden") view=AnsweringScreen ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/trajecten/:id/antwoorden/:answer") view=AnswerScreen ssr=SsrMode::Async/>
                        <Route path=path!("/:municipality/trajecten/:id/verslag-publiceren") view=PublishReportPage ssr=SsrMode::Async/>
                    </Routes>
                </main>
                <SiteFooter/>
            </Router>
        </I18nContextProvider>
    }
}

/// Dutch is the default: the browser's Accept-Language is ignored, and English is used only when
/// someone chose it with the language link (remembered in a cookie).
fn dutch_unless_chosen() -> leptos_use::UseLocalesOptions {
    leptos_use::UseLocalesOptions::default().ssr_lang_header_getter(|| None)
}

#[component]
fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    view! { <a class="skip-link" href="#inhoud">{t!(i18n, skip_link)}</a> }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{t!(i18n, footer_text)}</p>
        </footer>
    }
}
