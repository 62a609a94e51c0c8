//! Attachments of a consultation over plain HTTP: a multipart upload from the consultation editor
//! (a normal form, so it works without JavaScript) and the download, always served as a file to
//! save (`Content-Disposition: attachment`), with its checked type and a sandboxing CSP, so a
//! file can never act as a page of this site.

use app::domain::attachments::{check, safe_file_name, MAX_BYTES};
use app::domain::roles::can_manage_trajectories;
use app::domain::tenancy::MunicipalityId;
use app::domain::validation::Problem;
use app::server::audit::{self, AuditEntry};
use app::server::{attachments, consultations, context, state::AppState, tenancy};
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{header, HeaderValue, StatusCode};
use tower_sessions::Session;

/// The upload route's body limit: a file of the maximum size plus the form around it, so a file
/// somewhat too large still gets a clear message instead of a bare refusal.
pub const UPLOAD_BODY_LIMIT: usize = MAX_BYTES * 2;

/// The code of a refused upload in the editor's address, read there to show the message.
fn problem_code(problem: Problem) -> &'static str {
    match problem {
        Problem::Required => "leeg",
        Problem::FileTooLarge { .. } => "te-groot",
        Problem::TooMany { .. } => "te-veel",
        _ => "soort",
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// `POST /{municipality}/raadplegingen/{id}/bijlagen`, multipart with a `file` field.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id)): Path<(String, i32)>,
    mut multipart: Multipart,
) -> Response {
    let editor = format!("/{slug}/raadplegingen/{id}/bewerken");
    let Ok(Some((account, actor))) = context::current_account(&state, &session).await else {
        return Redirect::to(&format!("/inloggen?next={editor}")).into_response();
    };
    let Ok(Some(municipality)) = tenancy::find_by_slug(&state.db, &slug).await else {
        return plain(StatusCode::NOT_FOUND, "Niet gevonden.");
    };
    let municipality_id = MunicipalityId(municipality.id);
    if !can_manage_trajectories(&actor, municipality_id) {
        return plain(StatusCode::FORBIDDEN, "Je hebt geen toegang tot deze pagina.");
    }
    let Ok(Some(found)) = consultations::find(&state.db, municipality_id, id).await else {
        return plain(StatusCode::NOT_FOUND, "Niet gevonden.");
    };
    let refuse = |problem: Problem| {
        Redirect::to(&format!("{editor}?bijlage_fout={}#bijlagen", problem_code(problem))).into_response()
    };
    let mut upload = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                match field.bytes().await {
                    Ok(bytes) => upload = Some((name, bytes)),
                    Err(_) => return refuse(Problem::FileTooLarge { max_mb: 10 }),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return plain(StatusCode::PAYLOAD_TOO_LARGE, "Dit bestand is te groot. Het mag hoogstens 10 MB zijn.");
            }
            Err(_) => return plain(StatusCode::BAD_REQUEST, "Het formulier kwam niet goed aan. Probeer het nog eens."),
        }
    }
    let Some((name, bytes)) = upload else {
        return refuse(Problem::Required);
    };
    let Ok(already) = attachments::count(&state.db, found.activity.id).await else {
        return plain(StatusCode::INTERNAL_SERVER_ERROR, "Er ging iets mis. Probeer het later nog eens.");
    };
    // The type comes from the content itself, not from the name or the browser's word for it.
    let detected = infer::get(&bytes).map(|t| t.mime_type());
    let kind = match check(bytes.len(), detected, already) {
        Ok(kind) => kind,
        Err(problem) => return refuse(problem),
    };
    let file_name = safe_file_name(&name, kind);
    let stored = async {
        let txn = app::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
        let attachment = attachments::insert(
            &txn,
            found.activity.id,
            &file_name,
            kind,
            bytes.to_vec(),
            account.id,
            state.clock.now(),
        )
        .await?;
        audit::record(
            &txn,
            AuditEntry {
                municipality: Some(municipality.id),
                actor: Some(account.id),
                action: "add_attachment",
                details: format!(
                    "attachment {attachment} \"{file_name}\" ({} bytes) added to consultation {id}",
                    bytes.len()
                ),
                at: state.clock.now(),
            },
        )
        .await?;
        txn.commit().await.map_err(context::internal)
    };
    match stored.await {
        Ok(()) => Redirect::to(&format!("{editor}?bijlage=toegevoegd#bijlagen")).into_response(),
        Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, "Er ging iets mis. Probeer het later nog eens."),
    }
}

/// `Content-Disposition` with a plain-ASCII name and the exact UTF-8 one (RFC 6266, RFC 8187).
fn disposition(file_name: &str) -> HeaderValue {
    let ascii: String = file_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') { c } else { '_' })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// `GET /{municipality}/bijlagen/{id}/{name}`: the file, for anyone who may see its consultation.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path((slug, id, _name)): Path<(String, i32, String)>,
) -> Response {
    let not_found = || plain(StatusCode::NOT_FOUND, "Niet gevonden.");
    let Ok(Some(municipality)) = tenancy::find_by_slug(&state.db, &slug).await else {
        return not_found();
    };
    let municipality_id = MunicipalityId(municipality.id);
    let Ok(Some(file)) = attachments::find(&state.db, id).await else {
        return not_found();
    };
    let Ok(Some(found)) = consultations::find(&state.db, municipality_id, file.activity_id).await else {
        return not_found();
    };
    let public = found.trajectory.status.is_public();
    if !public {
        let staff = matches!(context::current_account(&state, &session).await, Ok(Some((_, actor))) if actor.is_staff_of(municipality_id));
        if !staff {
            return not_found();
        }
    }
    let content_type =
        HeaderValue::from_str(&file.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let cache = if public { "public, max-age=300" } else { "private, no-store" };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition(&file.file_name)),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox")),
        ],
        file.content,
    )
        .into_response()
}
