//! Demo polls: the Jongerenpanel Duinwijk (the two youth demo accounts and fourteen demo members
//! who cannot log in), a secret youth poll about the new playground that is open now and only for
//! the panel, and a closed poll on parking with its results (online votes from demo residents,
//! paper votes from the town hall's ballot box). Votes go through the same counting code as real
//! ones; a fixed seed makes every load the same.

use crate::demo_consultations::{err, Dice};
use app::domain::consultations::Channel;
use app::domain::polls::{age_band, tally_keys, voter_groups, Answer, QuestionDraft, ResultsShown};
use app::domain::rules_of_play::Eligibility;
use app::domain::tenancy::MunicipalityId;
use app::server::entities::{municipality, panel, trajectory, trajectory_phase, user};
use app::server::polls::{self, Claim, NewPoll};
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};

const PANEL_NAMES: &[&str] = &[
    "Sanne", "Luuk", "Aylin", "Thijs", "Noa", "Ruben", "Iris", "Jesse", "Lina", "Mees", "Zoë", "Finn", "Saar", "Ayoub",
];

/// Open answers to the parking poll's last question.
const OPEN_ANSWERS: [&str; 3] = [
    "Maak een parkeergarage onder het nieuwe plein, dan blijft de straat vrij.",
    "Laat bezoekers van de huisarts het eerste uur gratis parkeren.",
    "Meer plekken voor deelauto's, dan hebben minder mensen een eigen auto nodig.",
];

fn question(prompt: &str, kind: &str, options: &[&str], max: Option<u8>) -> QuestionDraft {
    QuestionDraft {
        prompt: prompt.to_owned(),
        kind: kind.to_owned(),
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        max_choices: max.filter(|_| kind == "multiple"),
        scale_max: max.filter(|_| kind == "scale"),
        required: kind != "open",
    }
}

async fn find_trajectory(
    txn: &DatabaseTransaction,
    municipality_id: i32,
    title: &str,
) -> Result<Option<(i32, i32)>, String> {
    let Some(t) = trajectory::Entity::find()
        .filter(trajectory::Column::MunicipalityId.eq(municipality_id))
        .filter(trajectory::Column::Title.eq(title))
        .one(txn)
        .await
        .map_err(|e| err(&e))?
    else {
        return Ok(None);
    };
    let phase = trajectory_phase::Entity::find()
        .filter(trajectory_phase::Column::TrajectoryId.eq(t.id))
        .order_by_asc(trajectory_phase::Column::Position)
        .one(txn)
        .await
        .map_err(|e| err(&e))?
        .ok_or("a demo trajectory without phases")?;
    Ok(Some((t.id, phase.id)))
}

/// Counts one demo ballot exactly as a real vote is counted (a voter row, then the counts).
async fn cast(
    txn: &DatabaseTransaction,
    activity: i32,
    voter: &user::Model,
    answers: &[(i32, Answer)],
    closing_day: NaiveDate,
    voted_on: NaiveDate,
) -> Result<(), String> {
    let key = format!("demo-{activity}-{}", voter.id);
    match polls::claim_vote(txn, activity, voter.id, voted_on, &key, false).await.map_err(|e| err(&e))? {
        Claim::New => {}
        _ => return Ok(()),
    }
    let band = voter.birth_date.map(|born| age_band(app::domain::accounts::age_on(born, closing_day)));
    let keys = tally_keys(answers, &voter_groups(band, voter.area_id));
    polls::count(txn, activity, &keys, 1).await.map_err(|e| err(&e))
}

async fn youth_panel(
    txn: &DatabaseTransaction,
    municipality_id: i32,
) -> Result<(panel::Model, Vec<user::Model>), String> {
    let now = Utc::now();
    let panel = panel::ActiveModel {
        municipality_id: Set(municipality_id),
        name: Set("Jongerenpanel Duinwijk".to_owned()),
        description: Set("Jongeren van 12 tot en met 23 jaar denken mee over wat er in hun buurt gebeurt.".to_owned()),
        min_age: Set(Some(12)),
        max_age: Set(Some(23)),
        term_starts_on: Set(NaiveDate::from_ymd_opt(2025, 9, 1).unwrap_or_default()),
        term_ends_on: Set(None),
        created_by: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| err(&e))?;
    let area = app::server::entities::area::Entity::find()
        .filter(app::server::entities::area::Column::MunicipalityId.eq(municipality_id))
        .all(txn)
        .await
        .map_err(|e| err(&e))?;
    let mut members = Vec::new();
    for (n, name) in PANEL_NAMES.iter().enumerate() {
        let born = NaiveDate::from_ymd_opt(2004 + (n as i32 % 10), 1 + (n as u32 % 12), 1 + (n as u32 % 27));
        members.push(
            user::ActiveModel {
                email: Set(format!("jongerenpanel{n}@duinwijk.example")),
                email_verified_at: Set(Some(now)),
                display_name: Set((*name).to_owned()),
                password_hash: Set("!demo-account-without-password".to_owned()),
                birth_date: Set(born),
                area_id: Set(area.get(n % area.len().max(1)).map(|a| a.id)),
                is_platform_admin: Set(false),
                locale: Set(None),
                created_at: Set(now),
                password_changed_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await
            .map_err(|e| err(&e))?,
        );
    }
    for email in ["jongere@duinwijk.example", "jongere2@duinwijk.example"] {
        if let Some(young) =
            user::Entity::find().filter(user::Column::Email.eq(email)).one(txn).await.map_err(|e| err(&e))?
        {
            members.push(young);
        }
    }
    let today = app::server::clock::today();
    for member in &members {
        polls_membership(txn, panel.id, member.id, today - Duration::days(30)).await?;
    }
    Ok((panel, members))
}

async fn polls_membership(
    txn: &DatabaseTransaction,
    panel_id: i32,
    user_id: i32,
    since: NaiveDate,
) -> Result<(), String> {
    app::server::entities::panel_member::ActiveModel {
        panel_id: Set(panel_id),
        user_id: Set(user_id),
        starts_on: Set(since),
        ends_on: Set(None),
        added_by: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| err(&e))?;
    Ok(())
}

pub async fn seed(db: &DatabaseConnection) -> Result<usize, String> {
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    let Some(duinwijk) = municipality::Entity::find()
        .filter(municipality::Column::Slug.eq("duinwijk"))
        .one(&txn)
        .await
        .map_err(|e| err(&e))?
    else {
        return Ok(0);
    };
    let lead = user::Entity::find()
        .filter(user::Column::Email.eq("projectleider@duinwijk.example"))
        .one(&txn)
        .await
        .map_err(|e| err(&e))?
        .ok_or("demo project lead missing")?;
    let (panel, members) = youth_panel(&txn, duinwijk.id).await?;
    let now = Utc::now();
    let today = app::server::clock::today();
    let mut count = 0;
    if let Some((speeltuin, phase)) = find_trajectory(&txn, duinwijk.id, "Nieuwe speeltuin Zeedorp").await? {
        let closes_at = app::server::clock::from_dutch_clock(
            today + Duration::days(10),
            chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
        )
        .map_err(|p| format!("{p:?}"))?;
        let id = polls::insert(
            &txn,
            speeltuin,
            &NewPoll {
                title: "Welk ontwerp wordt de nieuwe speeltuin?".to_owned(),
                intro:
                    "Het Jongerenpanel kiest mee. Het ontwerp met de meeste stemmen wordt gebouwd. Je stem is geheim."
                        .to_owned(),
                phase_id: phase,
                opens_at: now - Duration::days(3),
                closes_at,
                results: ResultsShown::AfterClose,
                secret: true,
                changeable: false,
                narrowing: Some(Eligibility::Panel(panel.name.clone())),
                panel_id: Some(panel.id),
                questions: vec![
                    question(
                        "Welk ontwerp kies jij?",
                        "single",
                        &["Ontwerp A: Het Schip", "Ontwerp B: De Duinen", "Ontwerp C: Het Bos"],
                        None,
                    ),
                    question(
                        "Zet deze toestellen in volgorde: wat wil je het liefst?",
                        "ranking",
                        &["Kabelbaan", "Klimnet", "Waterpomp", "Schommels"],
                        None,
                    ),
                    question("Hoe blij ben je met de plannen?", "scale", &[], Some(5)),
                    question("Wat mag er echt niet ontbreken?", "open", &[], None),
                ],
            },
            lead.id,
            Utc::now(),
        )
        .await
        .map_err(|e| err(&e))?;
        let found =
            polls::find(&txn, MunicipalityId(duinwijk.id), id).await.map_err(|e| err(&e))?.ok_or("poll vanished")?;
        let mut dice = Dice(11);
        let closing_day = app::server::clock::dutch_day(closes_at);
        // The demo members who cannot log in have voted; the two youth accounts have not.
        for voter in members.iter().filter(|m| m.email.starts_with("jongerenpanel")) {
            let q = &found.questions;
            let mut order: Vec<i32> = q[1].options.iter().map(|o| o.id).collect();
            let turn = dice.next(order.len());
            order.rotate_left(turn);
            let answers = vec![
                (q[0].question.id, Answer::Single(q[0].options[[0, 2, 2, 1][dice.next(4)]].id)),
                (q[1].question.id, Answer::Ranking(order)),
                (q[2].question.id, Answer::Scale(3 + dice.next(3) as u8)),
            ];
            cast(&txn, id, voter, &answers, closing_day, today - Duration::days(dice.next(3) as i64)).await?;
        }
        count += 1;
    }
    if let Some((parkeren, phase)) = find_trajectory(&txn, duinwijk.id, "Parkeren in Duinwijk-Centrum").await? {
        let closes_at = app::server::clock::from_dutch_clock(
            today - Duration::days(25),
            chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
        )
        .map_err(|p| format!("{p:?}"))?;
        let id = polls::insert(
            &txn,
            parkeren,
            &NewPoll {
                title: "Hoe lang mag gratis parkeren duren?".to_owned(),
                intro: "Een korte peiling naast de reacties op de parkeerregels.".to_owned(),
                phase_id: phase,
                opens_at: now - Duration::days(85),
                closes_at,
                results: ResultsShown::AfterClose,
                secret: false,
                changeable: false,
                narrowing: None,
                panel_id: None,
                questions: vec![
                    question(
                        "Hoe lang mag je gratis parkeren in het centrum?",
                        "single",
                        &["Niet gratis", "Een half uur", "Een uur", "Twee uur"],
                        None,
                    ),
                    question(
                        "Wat vind je het belangrijkst?",
                        "multiple",
                        &["Plek voor bewoners", "Bereikbare winkels", "Minder auto's", "Veilig fietsen"],
                        Some(2),
                    ),
                    question("Heb je nog een idee voor het parkeren in het centrum?", "open", &[], None),
                ],
            },
            lead.id,
            Utc::now(),
        )
        .await
        .map_err(|e| err(&e))?;
        let found =
            polls::find(&txn, MunicipalityId(duinwijk.id), id).await.map_err(|e| err(&e))?.ok_or("poll vanished")?;
        let residents = user::Entity::find()
            .filter(user::Column::Email.like("bewoner%@duinwijk.example"))
            .all(&txn)
            .await
            .map_err(|e| err(&e))?;
        let mut dice = Dice(23);
        let closing_day = app::server::clock::dutch_day(closes_at);
        // Only residents the rules of play invite (the centre's) voted.
        let invited: Vec<i32> = match found.trajectory.current_rules().and_then(|r| r.rules.eligibility.clone()) {
            Some(Eligibility::Areas(areas)) => areas.iter().map(|a| a.0).collect(),
            _ => residents.iter().filter_map(|r| r.area_id).collect(),
        };
        for voter in residents.iter().filter(|r| r.area_id.is_some_and(|a| invited.contains(&a))) {
            let q = &found.questions;
            let first = dice.next(4);
            let second = (first + 1 + dice.next(3)) % 4;
            let answers = vec![
                (q[0].question.id, Answer::Single(q[0].options[[1, 2, 2, 3, 0][dice.next(5)].min(3)].id)),
                (q[1].question.id, Answer::Multiple(vec![q[1].options[first].id, q[1].options[second].id])),
            ];
            let voted_on = closing_day - Duration::days(dice.next(40) as i64);
            cast(&txn, id, voter, &answers, closing_day, voted_on).await?;
        }
        // A few voters also answered the open question; the report answers each of them.
        for (voter, text) in
            residents.iter().filter(|r| r.area_id.is_some_and(|a| invited.contains(&a))).zip(OPEN_ANSWERS)
        {
            polls::store_open_answers(
                &txn,
                polls::OpenAnswers {
                    municipality_id: duinwijk.id,
                    trajectory_id: parkeren,
                    activity_id: id,
                    author_id: Some(voter.id),
                    answered_at: closes_at - Duration::days(3),
                    texts: vec![text],
                },
            )
            .await
            .map_err(|e| err(&e))?;
        }
        let entered_by = user::Entity::find()
            .filter(user::Column::Email.eq("loket@duinwijk.example"))
            .one(&txn)
            .await
            .map_err(|e| err(&e))?
            .map(|u| u.id);
        let ballot_box = polls::NewPaperBatch {
            activity_id: id,
            channel: Channel::Counter,
            description: "Stembus in het gemeentehuis".to_owned(),
            counted_on: closing_day,
            entered_by,
            entered_at: closes_at + Duration::days(1),
            counts: found.questions[0]
                .options
                .iter()
                .zip([4, 9, 6, 2])
                .map(|(option, n)| (found.questions[0].question.id, option.id, n))
                .collect(),
        };
        polls::insert_paper_batch(&txn, &ballot_box).await.map_err(|e| err(&e))?;
        count += 1;
    }
    txn.commit().await.map_err(|e| err(&e))?;
    Ok(count)
}

/// An open poll in the Dorpsplein trajectory for `make bench`'s voting burst: everyone signed in
/// may vote, results are live, four questions (one choice, several, a scale, a ranking).
pub async fn seed_load(db: &DatabaseConnection, slug: &str) -> Result<i32, String> {
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    let m = municipality::Entity::find()
        .filter(municipality::Column::Slug.eq(slug))
        .one(&txn)
        .await
        .map_err(|e| err(&e))?
        .ok_or("unknown municipality")?;
    let (trajectory, phase) = find_trajectory(&txn, m.id, "Herinrichting Dorpsplein")
        .await?
        .ok_or("run seed-demo first: the demo trajectory is missing")?;
    let lead = user::Entity::find()
        .filter(user::Column::Email.eq(format!("projectleider@{slug}.example")))
        .one(&txn)
        .await
        .map_err(|e| err(&e))?
        .ok_or("demo project lead missing")?;
    let now = Utc::now();
    let id = polls::insert(
        &txn,
        trajectory,
        &NewPoll {
            title: "Belastingtest: een drukke peiling".to_owned(),
            intro: "Voor metingen.".to_owned(),
            phase_id: phase,
            opens_at: now - Duration::hours(1),
            closes_at: now + Duration::days(7),
            results: ResultsShown::Live,
            // Not secret: a secret poll shows no results until it closes, and the bench measures
            // the live results page and open data.
            secret: false,
            changeable: false,
            narrowing: None,
            panel_id: None,
            questions: vec![
                question("Welk ontwerp?", "single", &["Groen", "Stenig", "Water"], None),
                question("Wat nog meer?", "multiple", &["Bankjes", "Bomen", "Fietsen", "Licht"], Some(2)),
                question("Hoe blij?", "scale", &[], Some(10)),
                question("Volgorde", "ranking", &["Markt", "Terras", "Speelplek"], None),
            ],
        },
        lead.id,
        Utc::now(),
    )
    .await
    .map_err(|e| err(&e))?;
    txn.commit().await.map_err(|e| err(&e))?;
    Ok(id)
}
