//! A person's own data: everything kept about them, gathered by their account id only (so
//! nothing of anyone else can come along), shown after a fresh confirmation of the password.

use crate::domain::sessions::confirmation_is_fresh;
use crate::domain::validation::Problem;
use crate::error::{AppError, AppResult};
use crate::model::own_data::*;
use crate::server::context::{
    internal, SignedIn, SESSION_CONFIRMED_AT, SESSION_DEVICE, SESSION_SIGNED_IN_AT, SESSION_SLID_AT, SESSION_USER,
};
use crate::server::entities::{
    activity, area, desk_case, desk_case_support, desk_message, follow, input, input_answer, input_answer_item,
    municipality, panel, panel_member, poll, poll_voter, role_grant, session, trajectory, user,
};
use crate::server::lookups::keyed_by;
use crate::server::passwords;
use crate::server::throttle::Guarded;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Confirms the password of the signed-in person (throttled like signing in), which opens their
/// own data for `domain::sessions::CONFIRMATION_FRESH_SECS`.
#[tracing::instrument(skip_all, fields(user = signed_in.account.id))]
pub async fn confirm_password(signed_in: &SignedIn, client: &str, password: &str) -> AppResult<()> {
    let (state, account) = (&signed_in.state, &signed_in.account);
    let turn = passwords::hashing_turn().await?;
    state.throttle.check(&state.db, state.clock.now(), Guarded::LogIn, client, Some(&account.email)).await?;
    if !passwords::verify_password_in(turn, password.to_owned(), Some(account.password_hash.clone())).await? {
        return Err(AppError::refused("password", Problem::PasswordIncorrect));
    }
    let now = state.clock.now().timestamp();
    signed_in.session.insert(SESSION_CONFIRMED_AT, now).await.map_err(internal)
}

/// Whether the person confirmed their password in the last `domain::sessions::CONFIRMATION_FRESH_SECS`.
pub async fn confirmed_recently(signed_in: &SignedIn) -> AppResult<bool> {
    let at = signed_in.session.get::<i64>(SESSION_CONFIRMED_AT).await.map_err(internal)?;
    Ok(confirmation_is_fresh(signed_in.state.clock.now().timestamp(), at))
}

/// The "Mijn gegevens" page: the data, or first the question for the password.
pub async fn own_data_page(signed_in: &SignedIn) -> AppResult<OwnDataPage> {
    if !confirmed_recently(signed_in).await? {
        return Ok(OwnDataPage::ConfirmFirst);
    }
    Ok(OwnDataPage::Shown(Box::new(own_data(signed_in).await?)))
}

/// Everything kept about the signed-in person, when freshly confirmed; `Forbidden` otherwise.
pub async fn own_data_download(signed_in: &SignedIn) -> AppResult<OwnData> {
    if !confirmed_recently(signed_in).await? {
        return Err(AppError::Forbidden);
    }
    own_data(signed_in).await
}

async fn own_data(signed_in: &SignedIn) -> AppResult<OwnData> {
    let db = &signed_in.state.db;
    let me = signed_in.account.id;
    let this_session = signed_in.session.id().map(|id| id.to_string());
    let names = Names::load(db).await?;
    let account = user::Entity::find_by_id(me).one(db).await.map_err(internal)?.ok_or(AppError::Unauthenticated)?;
    Ok(OwnData {
        made_at: signed_in.state.clock.now(),
        roles: roles(db, me, &names).await?,
        inputs: inputs(db, me, &names).await?,
        supports: input_supports(db, me, &names).await?,
        votes: votes(db, me, &names).await?,
        panels: panels(db, me, &names).await?,
        follows: follows(db, me, &names).await?,
        desk_cases: desk_cases(db, me, &names).await?,
        case_supports: case_supports(db, me, &names).await?,
        sessions: sessions(db, me, this_session.as_deref()).await?,
        account: AccountData {
            id: account.id,
            area: account.area_id.map(|a| names.area(a)),
            email: account.email,
            email_confirmed_at: account.email_verified_at,
            display_name: account.display_name,
            birth_date: account.birth_date,
            language: account.locale,
            created_at: account.created_at,
            password_changed_at: account.password_changed_at,
            platform_admin: account.is_platform_admin,
        },
    })
}

/// The names of municipalities and areas (few, read once), so every kind of data can say where.
struct Names {
    municipalities: HashMap<i32, String>,
    areas: HashMap<i32, (String, i32)>,
}

impl Names {
    async fn load(db: &impl ConnectionTrait) -> AppResult<Self> {
        let municipalities =
            municipality::Entity::find().all(db).await.map_err(internal)?.into_iter().map(|m| (m.id, m.name)).collect();
        let areas = area::Entity::find()
            .all(db)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|a| (a.id, (a.name, a.municipality_id)))
            .collect();
        Ok(Self { municipalities, areas })
    }

    fn municipality(&self, id: i32) -> String {
        self.municipalities.get(&id).cloned().unwrap_or_default()
    }

    fn area(&self, id: i32) -> String {
        match self.areas.get(&id) {
            Some((name, municipality)) => format!("{name} ({})", self.municipality(*municipality)),
            None => String::new(),
        }
    }
}

async fn roles(db: &impl ConnectionTrait, me: i32, names: &Names) -> AppResult<Vec<RoleData>> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(me))
        .order_by_asc(role_grant::Column::Id)
        .all(db)
        .await
        .map_err(internal)?;
    Ok(grants
        .into_iter()
        .map(|g| RoleData { municipality: names.municipality(g.municipality_id), role: g.role, since: g.created_at })
        .collect())
}

/// Where an activity is: its title, its trajectory's title and the trajectory's municipality.
#[derive(Clone, Default)]
struct Place {
    activity: String,
    trajectory: String,
    municipality: i32,
}

/// The places of the activities given.
async fn places(
    db: &impl ConnectionTrait,
    activities: impl IntoIterator<Item = i32>,
) -> AppResult<HashMap<i32, Place>> {
    let found = keyed_by::<activity::Entity, _>(db, activity::Column::Id, activities, |a| a.id).await?;
    let trajectory_ids = found.values().map(|a| a.trajectory_id);
    let trajectories = keyed_by::<trajectory::Entity, _>(db, trajectory::Column::Id, trajectory_ids, |t| t.id).await?;
    Ok(found
        .into_values()
        .map(|a| {
            let trajectory = trajectories.get(&a.trajectory_id);
            let place = Place {
                trajectory: trajectory.map(|t| t.title.clone()).unwrap_or_default(),
                municipality: trajectory.map(|t| t.municipality_id).unwrap_or_default(),
                activity: a.title,
            };
            (a.id, place)
        })
        .collect())
}

async fn inputs(db: &impl ConnectionTrait, me: i32, names: &Names) -> AppResult<Vec<InputData>> {
    let rows = input::Entity::find()
        .filter(input::Column::AuthorId.eq(me))
        .order_by_asc(input::Column::Id)
        .all(db)
        .await
        .map_err(internal)?;
    let places = places(db, rows.iter().filter_map(|r| r.activity_id)).await?;
    let items = input_answer_item::Entity::find()
        .filter(input_answer_item::Column::InputId.is_in(rows.iter().map(|r| r.id)))
        .all(db)
        .await
        .map_err(internal)?;
    let answer_ids = items.iter().map(|i| i.answer_id);
    let answers = keyed_by::<input_answer::Entity, _>(db, input_answer::Column::Id, answer_ids, |a| a.id).await?;
    let answer_of: HashMap<i32, AnswerData> = items
        .iter()
        .filter_map(|item| {
            let answer = answers.get(&item.answer_id)?;
            Some((
                item.input_id?,
                AnswerData { disposition: answer.disposition.clone(), reason: answer.reason.clone() },
            ))
        })
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let place = r.activity_id.and_then(|a| places.get(&a));
            InputData {
                id: r.id,
                municipality: names.municipality(r.municipality_id),
                trajectory: place.map(|p| p.trajectory.clone()),
                activity: place.map(|p| p.activity.clone()),
                answer: answer_of.get(&r.id).cloned(),
                kind: r.kind,
                channel: r.channel,
                body: r.body,
                status: r.status,
                moderation_reason: r.moderation_reason,
                contact_consent: r.contact_consent,
                created_at: r.created_at,
                edited_at: r.edited_at,
            }
        })
        .collect())
}

async fn input_supports(db: &impl ConnectionTrait, me: i32, names: &Names) -> AppResult<Vec<SupportData>> {
    let given = crate::server::entities::input_support::Entity::find()
        .filter(crate::server::entities::input_support::Column::UserId.eq(me))
        .all(db)
        .await
        .map_err(internal)?;
    let supported =
        keyed_by::<input::Entity, _>(db, input::Column::Id, given.iter().map(|s| s.input_id), |i| i.id).await?;
    let places = places(db, supported.values().filter_map(|i| i.activity_id)).await?;
    Ok(given
        .into_iter()
        .filter_map(|s| {
            let input = supported.get(&s.input_id)?;
            let place = input.activity_id.and_then(|a| places.get(&a).cloned()).unwrap_or_default();
            Some(SupportData {
                municipality: names.municipality(input.municipality_id),
                what: format!("{} — {} (#{})", place.trajectory, place.activity, input.id),
                given_at: s.created_at,
            })
        })
        .collect())
}

async fn votes(db: &impl ConnectionTrait, me: i32, names: &Names) -> AppResult<Vec<VoteData>> {
    let voted = poll_voter::Entity::find().filter(poll_voter::Column::UserId.eq(me)).all(db).await.map_err(internal)?;
    let activities = voted.iter().map(|v| v.activity_id);
    let polls =
        keyed_by::<poll::Entity, _>(db, poll::Column::ActivityId, activities.clone(), |p| p.activity_id).await?;
    let places = places(db, activities).await?;
    Ok(voted
        .into_iter()
        .map(|v| {
            let secret = polls.get(&v.activity_id).is_none_or(|p| p.secret);
            let place = places.get(&v.activity_id).cloned().unwrap_or_default();
            VoteData {
                municipality: names.municipality(place.municipality),
                poll: place.activity,
                voted_on: v.voted_on,
                secret,
                ballot: if secret { None } else { v.ballot },
            }
        })
        .collect())
}

async fn panels(db: &impl ConnectionTrait, me: i32, names: &Names) -> AppResult<Vec<PanelData>> {
    let memberships = panel_member::Entity::find()
        .filter(panel_member::Column::UserId.eq(me))
        .order_by_asc(panel_member::Column::Id)
        .all(db)
        .await
        .map_err(internal)?;
    let panel_ids = memberships.iter().map(|m| m.panel_id);
    let panels = keyed_by::<panel::Entity, _>(db, panel::Column::Id, panel_ids, |p| p.id).await?;
    Ok(memberships
        .into_iter()
        .filter_map(|m| {
            let panel = panels.get(&m.panel_id)?;
            Some(PanelData {
                municipality: names.municipality(panel.municipality_id),
                panel: panel.name.clone(),
                starts_on: m.starts_on,
                ends_on: m.ends_on,
            })
        })
        .collect())
}

async fn follows(db: &impl ConnectionTrait, me: i32, names: &Names) -> AppResult<Vec<FollowData>> {
    let rows = follow::Entity::find()
        .filter(follow::Column::UserId.eq(me))
        .order_by_asc(follow::Column::Id)
        .all(db)
        .await
        .map_err(internal)?;
    let followed = rows.iter().filter(|f| f.kind == "trajectory").filter_map(|f| f.target.parse::<i32>().ok());
    let trajectories = keyed_by::<trajectory::Entity, _>(db, trajectory::Column::Id, followed, |t| t.id).await?;
    Ok(rows
        .into_iter()
        .map(|f| {
            let id = f.target.parse::<i32>().ok();
            let what = match f.kind.as_str() {
                "trajectory" => id.and_then(|id| trajectories.get(&id).map(|t| t.title.clone())),
                "area" => id.map(|id| names.area(id)),
                _ => None,
            };
            FollowData {
                municipality: names.municipality(f.municipality_id),
                what: what.unwrap_or_else(|| f.target.clone()),
                kind: f.kind,
                since: f.created_at,
            }
        })
        .collect())
}

async fn desk_cases(db: &impl ConnectionTrait, me: i32, names: &Names) -> AppResult<Vec<CaseData>> {
    let cases = desk_case::Entity::find()
        .filter(desk_case::Column::InitiatorId.eq(me))
        .order_by_asc(desk_case::Column::Id)
        .all(db)
        .await
        .map_err(internal)?;
    let mut messages: HashMap<i32, Vec<MessageData>> = HashMap::new();
    let rows = desk_message::Entity::find()
        .filter(desk_message::Column::CaseId.is_in(cases.iter().map(|c| c.id)))
        .order_by_asc(desk_message::Column::Id)
        .all(db)
        .await
        .map_err(internal)?;
    for m in rows {
        messages.entry(m.case_id).or_default().push(MessageData {
            from_desk: m.from_desk,
            body: m.body,
            at: m.created_at,
        });
    }
    Ok(cases
        .into_iter()
        .map(|c| CaseData {
            municipality: names.municipality(c.municipality_id),
            messages: messages.remove(&c.id).unwrap_or_default(),
            number: c.number,
            title: c.title,
            description: c.description,
            status: c.status,
            channel: c.channel,
            received_on: c.received_on,
            contact_name: c.contact_name,
            contact_email: c.contact_email,
            contact_phone: c.contact_phone,
        })
        .collect())
}

async fn case_supports(db: &impl ConnectionTrait, me: i32, names: &Names) -> AppResult<Vec<SupportData>> {
    let given = desk_case_support::Entity::find()
        .filter(desk_case_support::Column::UserId.eq(me))
        .all(db)
        .await
        .map_err(internal)?;
    let cases =
        keyed_by::<desk_case::Entity, _>(db, desk_case::Column::Id, given.iter().map(|s| s.case_id), |c| c.id).await?;
    Ok(given
        .into_iter()
        .filter_map(|s| {
            let case = cases.get(&s.case_id)?;
            Some(SupportData {
                municipality: names.municipality(case.municipality_id),
                what: format!("{} {}", case.number, case.title),
                given_at: s.created_at,
            })
        })
        .collect())
}

/// The person's sessions as the store keeps them: only what they hold about the person (when
/// signed in and last used, the device named), never their ids.
async fn sessions(db: &impl ConnectionTrait, me: i32, this_session: Option<&str>) -> AppResult<Vec<SessionData>> {
    let rows = session::Entity::find()
        .filter(session::Column::UserId.eq(me))
        .order_by_asc(session::Column::ExpiresAt)
        .all(db)
        .await
        .map_err(internal)?;
    let at = |data: &serde_json::Value, key: &str| {
        data.get(key).and_then(serde_json::Value::as_i64).and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
    };
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let data: serde_json::Value = serde_json::from_str(&row.data).ok()?;
            // A row whose data names another account is not this person's session.
            (data.get(SESSION_USER).and_then(serde_json::Value::as_i64) == Some(i64::from(me))).then(|| {
                let signed_in_at = at(&data, SESSION_SIGNED_IN_AT);
                SessionData {
                    device: data.get(SESSION_DEVICE).and_then(|d| d.as_str()).map(str::to_owned),
                    last_used_at: at(&data, SESSION_SLID_AT).or(signed_in_at),
                    signed_in_at,
                    this_session: this_session == Some(row.id.as_str()),
                }
            })
        })
        .collect())
}
