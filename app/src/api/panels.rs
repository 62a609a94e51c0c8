//! Panels: the municipality's administrators create them (a youth panel with an age band and a
//! term), hand out single-use invitation codes (printed, or by e-mail), add or remove members;
//! residents join with a code and can leave at any time. Members are shown to staff by display
//! name only: a panel keeps no e-mail or real name in view.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
pub use crate::model::panels::*;
use leptos::prelude::*;

/// Where freshly made codes wait in the session for the page that shows them.
#[cfg(feature = "ssr")]
const NEW_CODES: &str = "panel_new_codes";

#[cfg(feature = "ssr")]
pub mod support {
    use super::*;
    use crate::domain::roles::can_manage_panels;
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::context::{self, SignedIn};
    use crate::server::entities::panel;
    use crate::server::panels;

    pub struct Managing {
        pub signed_in: SignedIn,
        pub municipality: crate::api::tenancy::MunicipalityDetail,
        pub municipality_id: MunicipalityId,
    }

    /// The signed-in administrator of the named municipality, or why they may not go on.
    pub async fn managing(municipality: &str) -> Result<Managing, AppError> {
        let signed_in = context::signed_in().await?;
        let found = context::municipality_named(&signed_in.state, municipality).await?;
        let municipality_id = MunicipalityId(found.id);
        if !can_manage_panels(&signed_in.actor, municipality_id) {
            return Err(context::answer_with(AppError::Forbidden));
        }
        Ok(Managing { signed_in, municipality: found, municipality_id })
    }

    impl Managing {
        pub async fn panel(&self, id: i32) -> Result<panel::Model, AppError> {
            panels::find(&self.signed_in.state.db, self.municipality_id, id).await?.ok_or_else(panels::not_found)
        }

        pub fn panel_path(&self, id: i32) -> String {
            format!("/beheer/{}/panels/{id}", self.municipality.slug)
        }
    }

    pub fn summary(row: panel::Model, members: u64) -> PanelSummary {
        let draft = panels::draft_of(&row);
        PanelSummary {
            id: row.id,
            name: row.name,
            description: row.description,
            min_age: draft.min_age,
            max_age: draft.max_age,
            term_starts_on: row.term_starts_on,
            term_ends_on: row.term_ends_on,
            members,
        }
    }
}

#[server(endpoint = "list_panels")]
pub async fn list_panels(municipality: String) -> Result<PanelsPage, AppError> {
    use crate::server::panels;
    let managing = support::managing(&municipality).await?;
    let db = &managing.signed_in.state.db;
    let rows = panels::list(db, managing.municipality_id).await?;
    let counts = panels::running_member_counts(db, &rows.iter().map(|p| p.id).collect::<Vec<_>>()).await?;
    let summaries = rows
        .into_iter()
        .map(|row| {
            let members = counts.get(&row.id).copied().unwrap_or(0);
            support::summary(row, members)
        })
        .collect();
    Ok(PanelsPage {
        municipality_slug: managing.municipality.slug.clone(),
        municipality_name: managing.municipality.name.clone(),
        panels: summaries,
    })
}

#[server(endpoint = "get_panel")]
pub async fn get_panel(municipality: String, id: i32) -> Result<PanelDetail, AppError> {
    use crate::server::panels;
    let managing = support::managing(&municipality).await?;
    let db = &managing.signed_in.state.db;
    let row = managing.panel(id).await?;
    let members = panels::members(db, row.id).await?;
    let (open_codes, used_codes) = panels::code_counts(db, row.id, chrono::Utc::now()).await?;
    // Codes made a moment ago wait in the session until this page shows them, once.
    let session = &managing.signed_in.session;
    let new_codes = match session.get::<(i32, Vec<String>)>(NEW_CODES).await.ok().flatten() {
        Some((panel, codes)) if panel == row.id => {
            session.remove::<(i32, Vec<String>)>(NEW_CODES).await.map_err(crate::server::context::internal)?;
            codes
        }
        _ => Vec::new(),
    };
    let running = members.iter().filter(|m| m.membership.ends_on.is_none()).count() as u64;
    Ok(PanelDetail {
        municipality_slug: managing.municipality.slug.clone(),
        panel: support::summary(row, running),
        members: members
            .into_iter()
            .map(|m| MemberView {
                user_id: m.membership.user_id,
                display_name: m.display_name,
                starts_on: m.membership.starts_on,
                ends_on: m.membership.ends_on,
                added_by_staff: m.membership.added_by.is_some(),
            })
            .collect(),
        open_codes,
        used_codes,
        new_codes,
        join_url: format!(
            "{}/{}/panel-aanmelden",
            managing.signed_in.state.settings.public_url, managing.municipality.slug
        ),
    })
}

/// Creates a panel (`id` empty) or changes one.
#[server(endpoint = "save_panel")]
pub async fn save_panel(
    municipality: String,
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] description: String,
    #[server(default)] min_age: String,
    #[server(default)] max_age: String,
    #[server(default)] term_starts_on: String,
    #[server(default)] term_ends_on: String,
) -> Result<i32, AppError> {
    use crate::domain::panels::check_panel;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, panels};

    let managing = support::managing(&municipality).await?;
    let existing = match id.trim() {
        "" => None,
        raw => Some(managing.panel(raw.parse().map_err(|_| panels::not_found())?).await?.id),
    };
    let typed = vec![
        ("name".to_owned(), name.clone()),
        ("description".to_owned(), description.clone()),
        ("min_age".to_owned(), min_age.clone()),
        ("max_age".to_owned(), max_age.clone()),
        ("term_starts_on".to_owned(), term_starts_on.clone()),
        ("term_ends_on".to_owned(), term_ends_on.clone()),
    ];
    let draft = check_panel(&name, &description, &min_age, &max_age, &term_starts_on, &term_ends_on)
        .map_err(|checks| context::answer_with(AppError::validation_of(checks.into_errors(), typed.clone())))?;
    let state = &managing.signed_in.state;
    let by = managing.signed_in.account.id;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let Some(saved) = panels::save(&txn, managing.municipality_id, existing, &draft, by).await? else {
        txn.rollback().await.map_err(context::internal)?;
        return Err(context::answer_with(AppError::validation_of(
            vec![FieldError::new("name", Problem::NameTaken)],
            typed,
        )));
    };
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(managing.municipality_id.0),
            actor: Some(by),
            action: if existing.is_some() { "update_panel" } else { "create_panel" },
            details: format!("panel {saved} \"{}\"", draft.name),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&managing.panel_path(saved));
    Ok(saved)
}

/// Makes single-use codes to print and hand out; they are shown this once and stored only as a
/// hash. Sending the form twice makes one set (the repeat answers with none: the first set is
/// the one on the page).
#[server(endpoint = "make_panel_codes")]
pub async fn make_panel_codes(
    municipality: String,
    panel: i32,
    count: String,
    #[server(default)] submission_token: String,
) -> Result<Vec<String>, AppError> {
    use crate::domain::panels::{printed_code, MAX_CODES_AT_ONCE};
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::submission::{self, Claim, Submit};
    use crate::server::{context, panels};

    let managing = support::managing(&municipality).await?;
    let row = managing.panel(panel).await?;
    let typed = vec![("count".to_owned(), count.clone())];
    let n = count.trim().parse::<u32>().ok().filter(|n| (1..=MAX_CODES_AT_ONCE).contains(n)).ok_or_else(|| {
        context::answer_with(AppError::validation_of(
            vec![FieldError::new("count", Problem::NumberInvalid { max: MAX_CODES_AT_ONCE })],
            typed.clone(),
        ))
    })?;
    let state = &managing.signed_in.state;
    let by = managing.signed_in.account.id;
    let target = format!("panel_codes:{}", row.id);
    let submit = Submit::verified(&state.settings.form_key, by, &submission_token, &target)
        .ok_or_else(|| submission::expired("count", typed))?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let codes = panels::make_codes(&txn, row.id, n, None, by).await?;
    if let Claim::Repeat { .. } = submit.claim(&txn, row.id).await? {
        txn.rollback().await.map_err(context::internal)?;
        leptos_axum::redirect(&format!("{}?codes=1#codes", managing.panel_path(row.id)));
        return Ok(Vec::new());
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(managing.municipality_id.0),
            actor: Some(by),
            action: "make_panel_codes",
            details: format!("{n} invitation code(s) for panel {}", row.id),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    let printed: Vec<String> = codes.iter().map(|c| printed_code(c)).collect();
    managing.signed_in.session.insert(NEW_CODES, (row.id, printed.clone())).await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("{}?codes=1#codes", managing.panel_path(row.id)));
    Ok(printed)
}

/// Sends a personal invitation with a code to an e-mail address (account or not yet).
/// Sending the form twice sends one invitation.
#[server(endpoint = "invite_to_panel")]
pub async fn invite_to_panel(
    municipality: String,
    panel: i32,
    email: String,
    #[server(default)] submission_token: String,
) -> Result<(), AppError> {
    use crate::domain::accounts::Email;
    use crate::domain::panels::printed_code;
    use crate::domain::validation::FieldError;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::mail::{self, Mail};
    use crate::server::submission::{self, Claim, Submit};
    use crate::server::{context, panels};

    let managing = support::managing(&municipality).await?;
    let row = managing.panel(panel).await?;
    let typed = vec![("email".to_owned(), email.clone())];
    let address = Email::parse(&email).map_err(|problem| {
        context::answer_with(AppError::validation_of(vec![FieldError::new("email", problem)], typed.clone()))
    })?;
    let state = &managing.signed_in.state;
    let by = managing.signed_in.account.id;
    let target = format!("invite_to_panel:{}", row.id);
    let submit = Submit::verified(&state.settings.form_key, by, &submission_token, &target)
        .ok_or_else(|| submission::expired("email", typed))?;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let code = panels::make_codes(&txn, row.id, 1, Some(address.as_str()), by).await?.remove(0);
    if let Claim::Repeat { .. } = submit.claim(&txn, row.id).await? {
        txn.rollback().await.map_err(context::internal)?;
        leptos_axum::redirect(&format!("{}?uitgenodigd=1", managing.panel_path(row.id)));
        return Ok(());
    }
    let link = format!("{}/{}/panel-aanmelden?code={}", state.settings.public_url, managing.municipality.slug, code);
    mail::enqueue(
        &txn,
        Mail {
            to: address.as_str(),
            subject: &format!("Uitnodiging: doe mee met {}", row.name),
            body: format!(
                "Hallo,\n\nJe bent uitgenodigd om mee te doen met {name} van {municipality}.\n\n{description}\n\n\
                 Meedoen? Open deze link, log in of maak een account, en klik op 'Lid worden':\n{link}\n\n\
                 Of typ deze code op {url}/{slug}/panel-aanmelden: {code}\n\n\
                 De code is persoonlijk en werkt één keer. Wil je niet meedoen? Dan hoef je niets te doen.\n",
                name = row.name,
                municipality = managing.municipality.name,
                description = row.description,
                url = state.settings.public_url,
                slug = managing.municipality.slug,
                code = printed_code(&code),
            ),
            unsubscribe_url: None,
        },
    )
    .await?;
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(managing.municipality_id.0),
            actor: Some(by),
            action: "invite_to_panel",
            details: format!("invitation to panel {} sent by e-mail", row.id),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    state.mail_queued.notify_one();
    leptos_axum::redirect(&format!("{}?uitgenodigd=1", managing.panel_path(row.id)));
    Ok(())
}

/// Adds someone who already has an account, by their e-mail address.
#[server(endpoint = "add_panel_member")]
pub async fn add_panel_member(municipality: String, panel: i32, email: String) -> Result<(), AppError> {
    use crate::domain::accounts::Email;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{accounts, clock, context, panels};

    let managing = support::managing(&municipality).await?;
    let row = managing.panel(panel).await?;
    let refuse = |problem: Problem| {
        context::answer_with(AppError::validation_of(
            vec![FieldError::new("email", problem)],
            vec![("email".to_owned(), email.clone())],
        ))
    };
    let address = Email::parse(&email).map_err(refuse)?;
    let state = &managing.signed_in.state;
    let person = accounts::find_by_email(&state.db, &address).await?.ok_or_else(|| refuse(Problem::UnknownAccount))?;
    let by = managing.signed_in.account.id;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    if let Err(problem) = panels::add_member(&txn, row.id, person.id, Some(by), clock::today()).await? {
        txn.rollback().await.map_err(context::internal)?;
        return Err(refuse(problem));
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(managing.municipality_id.0),
            actor: Some(by),
            action: "add_panel_member",
            details: format!("account {} added to panel {}", person.id, row.id),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&managing.panel_path(row.id));
    Ok(())
}

/// Ends a member's running membership; yesterday was its last day.
#[server(endpoint = "end_panel_membership")]
pub async fn end_panel_membership(municipality: String, panel: i32, member: i32) -> Result<(), AppError> {
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{clock, context, panels};

    let managing = support::managing(&municipality).await?;
    let row = managing.panel(panel).await?;
    let state = &managing.signed_in.state;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let yesterday = clock::today().pred_opt().unwrap_or_else(clock::today);
    if !panels::end_membership(&txn, row.id, member, yesterday).await? {
        txn.rollback().await.map_err(context::internal)?;
        return Err(context::answer_with(AppError::NotFound));
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(managing.municipality_id.0),
            actor: Some(managing.signed_in.account.id),
            action: "end_panel_membership",
            details: format!("account {member} no longer in panel {}", row.id),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&managing.panel_path(row.id));
    Ok(())
}

/// Joins a panel of the municipality with an invitation code.
#[server(endpoint = "join_panel")]
pub async fn join_panel(municipality: String, code: String) -> Result<String, AppError> {
    use crate::domain::tenancy::MunicipalityId;
    use crate::domain::validation::FieldError;
    use crate::server::{clock, context, panels};

    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, &municipality).await?;
    // Codes are long enough not to be guessed; the login throttle's sibling keeps it that way.
    if let Err(wait) = signed_in.state.throttle.check_posting(signed_in.account.id) {
        return Err(context::answer_with(AppError::RateLimited { retry_after_secs: wait.as_secs().max(1) }));
    }
    match panels::redeem(&signed_in.state.db, MunicipalityId(found.id), &code, &signed_in.account, clock::today())
        .await?
    {
        Ok(panel) => {
            leptos_axum::redirect(&format!("/{}/panel-aanmelden?lid={}", found.slug, panel.id));
            Ok(panel.name)
        }
        Err(problem) => Err(context::answer_with(AppError::validation_of(
            vec![FieldError::new("code", problem)],
            vec![("code".to_owned(), code)],
        ))),
    }
}

/// The welcome after joining: the panel's name and its members' open polls. Only for a member
/// (so it says nothing about panels one is not in).
#[server(endpoint = "panel_welcome")]
pub async fn panel_welcome(municipality: String, panel: i32) -> Result<Welcome, AppError> {
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::{clock, context, panels};

    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, &municipality).await?;
    let municipality = MunicipalityId(found.id);
    let member_of =
        panels::panel_names_on(&signed_in.state.db, municipality, signed_in.account.id, clock::today()).await?;
    let row = panels::find(&signed_in.state.db, municipality, panel)
        .await?
        .filter(|row| member_of.iter().any(|name| crate::domain::panels::same_name(name, &row.name)))
        .ok_or_else(|| context::answer_with(AppError::NotFound))?;
    let open_polls = panels::open_polls(&signed_in.state.db, municipality, row.id, chrono::Utc::now())
        .await?
        .into_iter()
        .map(|(id, title, closes_at)| OpenPanelPoll { id, title, closes_on: clock::dutch_day(closes_at) })
        .collect();
    Ok(Welcome { name: row.name, open_polls })
}

/// The panels the reader is a member of now.
#[server(endpoint = "list_my_panels")]
pub async fn list_my_panels() -> Result<Vec<MyPanel>, AppError> {
    use crate::server::{context, panels};
    let signed_in = context::signed_in().await?;
    Ok(panels::memberships_of(&signed_in.state.db, signed_in.account.id)
        .await?
        .into_iter()
        .map(|(panel, membership)| MyPanel {
            id: panel.id,
            name: panel.name,
            municipality_id: panel.municipality_id,
            since: membership.starts_on,
        })
        .collect())
}

/// Leaves a panel; from today on the reader no longer votes as its member.
#[server(endpoint = "leave_panel")]
pub async fn leave_panel(panel: i32) -> Result<(), AppError> {
    use crate::server::{clock, context, panels};
    let signed_in = context::signed_in().await?;
    let yesterday = clock::today().pred_opt().unwrap_or_else(clock::today);
    if !panels::end_membership(&signed_in.state.db, panel, signed_in.account.id, yesterday).await? {
        return Err(context::answer_with(AppError::NotFound));
    }
    leptos_axum::redirect("/account?panel-verlaten=1#panels");
    Ok(())
}
