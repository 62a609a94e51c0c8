//! Demo reports, made through the same code as real ones: the summer festival on the beach
//! (Duinwijk, reported) has a consultation whose every input was answered, alone or in a group,
//! a first version of the report published on the promised day and a corrected second version a
//! few weeks later (a letter had been left out).

use crate::demo_consultations::{
    add_consultation, err, existing_residents, offline, trajectory_named, user_id, write, Written,
};
use app::domain::consultations::Channel;
use app::domain::reports::{Answer, Disposition, ForwardedTo, InputRef, PublicationForm};
use app::domain::tenancy::MunicipalityId;
use app::domain::trajectories::TrajectoryId;
use app::server::entities::area;
use app::server::reports::answers::{self, Answering};
use app::server::reports::inputs::gather;
use app::server::reports::publish::{publish, Publishing};
use app::server::trajectories::{self, Loaded};
use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};

/// What the festival's residents said, each with how it was answered.
const FESTIVAL: &[(&str, usize)] = &[
    ("Graag geen harde muziek meer na elf uur 's avonds. Wij wonen aan de boulevard en konden vorig jaar niet slapen.", 0),
    ("De muziek mag wat zachter als het donker is. Kinderen slapen dan.", 0),
    ("Zet de podia met de luidsprekers naar de zee, niet naar de huizen.", 0),
    ("Maak er een hele week van in plaats van drie dagen!", 1),
    ("Er moeten meer fietsenrekken komen bij de ingang. Vorig jaar stond alles op de stoep.", 2),
    ("Waar moeten de bezoekers parkeren? De straten bij het strand staan vol.", 3),
    ("Zorg voor genoeg afvalbakken, ook op het strand zelf.", 4),
    ("Een middag met muziek van jongeren uit het dorp zou mooi zijn.", 5),
];

fn answer(disposition: Disposition, reason: &str) -> Answer {
    Answer { disposition, reason: reason.to_owned(), fixed_item: None, forwarded: None, group_title: None }
}

fn festival_answers(parking: Option<i32>) -> Vec<Answer> {
    vec![
        Answer {
            group_title: Some("Geluid in de avond".to_owned()),
            ..answer(
                Disposition::Adopted,
                "Na 23.00 uur stopt de versterkte muziek. De podia staan dit jaar met de luidsprekers naar zee.",
            )
        },
        Answer {
            fixed_item: Some(1),
            ..answer(
                Disposition::OutOfScope,
                "Het festival duurt drie dagen. Zo staat het in de evenementenvergunning.",
            )
        },
        answer(Disposition::Adopted, "Bij beide ingangen komen 200 extra fietsparkeerplekken."),
        Answer {
            forwarded: Some(ForwardedTo { department: Some("Team Verkeer".to_owned()), trajectory: parking }),
            ..answer(Disposition::Forwarded, "Parkeren bij het strand pakken we aan in het traject over parkeren.")
        },
        answer(Disposition::AlreadyCovered, "De organisatie zet al 40 afvalbakken neer, ook op het strand."),
        answer(
            Disposition::PartlyAdopted,
            "Op zaterdagmiddag spelen twee bands uit Duinwijk. Een hele middag past niet in het programma.",
        ),
    ]
}

pub async fn seed(db: &DatabaseConnection) -> Result<usize, String> {
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    let mut count = 0;
    if let Some((m, festival)) = trajectory_named(&txn, "duinwijk", "Zomerfestival op het strand").await? {
        seed_festival(&txn, m, festival).await?;
        count += 1;
    }
    txn.commit().await.map_err(|e| err(&e))?;
    Ok(count)
}

async fn loaded(txn: &DatabaseTransaction, m: i32, id: i32) -> Result<Loaded, String> {
    trajectories::find(txn, MunicipalityId(m), TrajectoryId(id))
        .await
        .map_err(|e| err(&e))?
        .ok_or("demo trajectory vanished".into())
}

async fn areas(txn: &DatabaseTransaction, m: i32) -> Result<Vec<app::model::tenancy::AreaSummary>, String> {
    Ok(area::Entity::find()
        .filter(area::Column::MunicipalityId.eq(m))
        .order_by_asc(area::Column::Id)
        .all(txn)
        .await
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|a| app::model::tenancy::AreaSummary { id: a.id, slug: a.slug, name: a.name })
        .collect())
}

async fn seed_festival(txn: &DatabaseTransaction, m: i32, festival: i32) -> Result<(), String> {
    let lead = user_id(txn, "projectleider@duinwijk.example").await?;
    let desk = user_id(txn, "loket@duinwijk.example").await?;
    let activity = add_consultation(
        txn,
        festival,
        0,
        "Wat vind je van het zomerfestival?",
        "Het zomerfestival komt terug. Vertel ons wat jij belangrijk vindt: het programma, het geluid, de bereikbaarheid.",
        &[
            ("Programma", "Drie dagen muziek, theater en eten op het strand, van vrijdag tot en met zondag."),
            ("Geluid en tijden", "Het festival begint om 12.00 uur. Over de eindtijd denken we graag met je mee."),
        ],
        lead,
    )
    .await?;
    let residents = existing_residents(txn, "duinwijk").await?;
    if residents.is_empty() {
        return Ok(());
    }
    let mut inputs = Vec::new();
    for (n, (text, group)) in FESTIVAL.iter().enumerate() {
        let key = format!("demo-festival-{n}");
        let id = write(
            txn,
            Written {
                municipality_id: m,
                trajectory_id: festival,
                activity_id: activity,
                section_id: None,
                parent_id: None,
                author: residents[n % residents.len()],
                body: (*text).to_owned(),
                official: false,
                days_ago: 195 - 3 * n as i64,
                key: &key,
            },
        )
        .await?;
        inputs.push((InputRef::Input(id), *group));
    }
    offline(
        txn,
        (m, festival, activity),
        Channel::Meeting,
        None,
        "Bijeenkomst in het clubhuis: zorg dat de EHBO-post goed te vinden is.",
        185,
        None,
        lead,
    )
    .await?;
    let parking = trajectory_named(txn, "duinwijk", "Parkeren in Duinwijk-Centrum").await?.map(|(_, id)| id);
    let answers = festival_answers(parking);
    let trajectory = loaded(txn, m, festival).await?;
    let answering = Answering {
        municipality_id: m,
        trajectory_id: festival,
        rules_id: trajectory.current_rules().map(|r| r.id).ok_or("demo trajectory without rules")?,
        by: lead,
        at: chrono::Utc::now(),
    };
    let everything = gather(txn, festival).await.map_err(|e| err(&e))?.inputs;
    for (index, given) in answers.iter().enumerate() {
        let chosen: Vec<InputRef> = inputs.iter().filter(|(_, g)| *g == index).map(|(r, _)| *r).collect();
        answers::give(txn, &everything, &chosen, given, &answering).await.map_err(|e| err(&e))?;
    }
    let meeting: Vec<InputRef> =
        everything.iter().map(|i| i.reference).filter(|r| !inputs.iter().any(|(i, _)| i == r)).collect();
    let first_aid =
        answer(Disposition::Adopted, "De EHBO-post staat bij de hoofdingang, met borden vanaf de boulevard.");
    answers::give(txn, &everything, &meeting, &first_aid, &answering).await.map_err(|e| err(&e))?;

    let today = app::server::clock::today();
    let areas = areas(txn, m).await?;
    let decision = PublicationForm {
        decision: "Het college geeft de vergunning voor drie dagen, met een eindtijd van 23.00 uur voor versterkte muziek en extra fietsparkeerplekken.".into(),
        decided_by: "College van B&W".into(),
        decided_on: (today - Duration::days(155)).to_string(),
        council_decision_url: String::new(),
        correction_reason: String::new(),
    };
    publish_on(txn, &trajectory, &areas, &decision, lead, today - Duration::days(150)).await?;

    // A letter from the village council had been left out; the second version answers it.
    offline(
        txn,
        (m, festival, activity),
        Channel::Letter,
        Some("Dorpsraad Zeedorp"),
        "Brief van de dorpsraad: laat de pendelbus vanaf het station ook 's avonds laat rijden.",
        180,
        None,
        desk,
    )
    .await?;
    let everything = gather(txn, festival).await.map_err(|e| err(&e))?.inputs;
    let letter: Vec<InputRef> = everything.iter().filter(|i| i.answer_id.is_none()).map(|i| i.reference).collect();
    let bus = answer(Disposition::Adopted, "De pendelbus rijdt tot een uur na het einde van het programma.");
    answers::give(txn, &everything, &letter, &bus, &answering).await.map_err(|e| err(&e))?;
    let corrected = PublicationForm {
        correction_reason: "De brief van de dorpsraad over de pendelbus ontbrak in de eerste versie.".into(),
        ..decision
    };
    publish_on(txn, &loaded(txn, m, festival).await?, &areas, &corrected, lead, today - Duration::days(130)).await
}

async fn publish_on(
    txn: &DatabaseTransaction,
    trajectory: &Loaded,
    areas: &[app::model::tenancy::AreaSummary],
    form: &PublicationForm,
    lead: i32,
    day: NaiveDate,
) -> Result<(), String> {
    publish(
        txn,
        Publishing {
            settings: None,
            slug: "duinwijk",
            trajectory,
            areas,
            form,
            actor: lead,
            now: app::server::clock::start_of_dutch_day(day) + Duration::hours(10),
            today: day,
        },
    )
    .await
    .map(|_| ())
    .map_err(|e| format!("publishing the demo report: {e:?}"))
}

/// A closed trajectory with `inputs` comments, every one answered (ten to an answer) and the
/// report published, for `make bench`. Returns the trajectory's id and how long publishing took.
pub async fn seed_load(
    db: &DatabaseConnection,
    slug: &str,
    inputs: usize,
) -> Result<(i32, std::time::Duration), String> {
    use app::domain::trajectories::{Phase, Theme};
    use app::server::entities::{input, municipality};
    use app::server::trajectories::Details;
    use sea_orm::Set;

    let m = municipality::Entity::find()
        .filter(municipality::Column::Slug.eq(slug))
        .one(db)
        .await
        .map_err(|e| err(&e))?
        .ok_or("run seed-demo first: the municipality is missing")?;
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    let lead = user_id(&txn, &format!("projectleider@{slug}.example")).await?;
    let today = app::server::clock::today();
    let details = Details {
        title: format!("Omgevingsvisie {}: {inputs} reacties", m.name),
        summary: "Een traject met heel veel inbreng, om het verslag te meten.".into(),
        body: "Belastingtest.".into(),
        contact_name: "Team Participatie".into(),
        contact_email: format!("participatie@{slug}.example"),
        contact_phone: String::new(),
        areas: Vec::new(),
        themes: vec![Theme::ALL[0]],
        phases: vec![Phase {
            name: "Reageren".into(),
            starts_on: today - Duration::days(90),
            ends_on: today - Duration::days(10),
        }],
    };
    let id = trajectories::insert(&txn, MunicipalityId(m.id), &details, lead, chrono::Utc::now())
        .await
        .map_err(|e| err(&e))?;
    let areas = areas(&txn, m.id).await?;
    let area_ids: Vec<app::domain::tenancy::AreaId> =
        areas.iter().map(|a| app::domain::tenancy::AreaId(a.id)).collect();
    let rules = crate::demo_trajectories::card(
        &crate::demo_trajectories::TRAJECTORIES[0],
        &area_ids,
        today + Duration::days(10),
        today + Duration::days(20),
    );
    let draft = loaded(&txn, m.id, id.0).await?;
    trajectories::save_draft_rules(&txn, draft.current_rules().ok_or("draft card missing")?, &rules)
        .await
        .map_err(|e| err(&e))?;
    let draft = loaded(&txn, m.id, id.0).await?;
    trajectories::publish(&txn, id, draft.current_rules().ok_or("draft card missing")?, chrono::Utc::now())
        .await
        .map_err(|e| err(&e))?;
    let activity = add_consultation(
        &txn,
        id.0,
        0,
        "Reageer op de omgevingsvisie",
        "Belastingtest.",
        &[("De visie", "Hoe willen we wonen, werken en bewegen in 2040?")],
        lead,
    )
    .await?;
    let residents = existing_residents(&txn, slug).await?;
    let started = app::server::clock::start_of_dutch_day(today - Duration::days(80));
    let rows: Vec<input::ActiveModel> = (0..inputs)
        .map(|n| {
            let author = residents.get(n % residents.len().max(1)).copied();
            input::ActiveModel {
                municipality_id: Set(m.id),
                trajectory_id: Set(Some(id.0)),
                activity_id: Set(Some(activity)),
                kind: Set("comment".into()),
                channel: Set("online".into()),
                author_id: Set(author.map(|a| a.0)),
                shown_area_id: Set(author.and_then(|a| a.1)),
                contact_consent: Set(false),
                body: Set(format!(
                    "Reactie {n}: meer groen in de wijk, veilige fietsroutes en betaalbare woningen voor jongeren."
                )),
                official: Set(false),
                status: Set("visible".into()),
                created_at: Set(started + Duration::minutes(n as i64 * 5)),
                ..Default::default()
            }
        })
        .collect();
    for chunk in rows.chunks(400) {
        input::Entity::insert_many(chunk.to_vec()).exec_without_returning(&txn).await.map_err(|e| err(&e))?;
    }
    let trajectory = loaded(&txn, m.id, id.0).await?;
    let answering = Answering {
        municipality_id: m.id,
        trajectory_id: id.0,
        rules_id: trajectory.current_rules().map(|r| r.id).ok_or("no rules")?,
        by: lead,
        at: chrono::Utc::now(),
    };
    let everything = gather(&txn, id.0).await.map_err(|e| err(&e))?.inputs;
    let kinds =
        [Disposition::Adopted, Disposition::PartlyAdopted, Disposition::NotAdopted, Disposition::AlreadyCovered];
    for (n, group) in everything.chunks(10).enumerate() {
        let chosen: Vec<InputRef> = group.iter().map(|i| i.reference).collect();
        let given = Answer {
            group_title: Some(format!("Groep {n}")),
            ..answer(
                kinds[n % kinds.len()],
                "Dit nemen we mee in de uitwerking van de visie, zoals beschreven in hoofdstuk 3.",
            )
        };
        answers::give(&txn, &everything, &chosen, &given, &answering).await.map_err(|e| err(&e))?;
    }
    txn.commit().await.map_err(|e| err(&e))?;
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    let timer = std::time::Instant::now();
    let form = PublicationForm {
        decision: "De raad stelt de omgevingsvisie vast.".into(),
        decided_by: "Gemeenteraad".into(),
        decided_on: today.to_string(),
        ..Default::default()
    };
    publish(
        &txn,
        Publishing {
            settings: None,
            slug,
            trajectory: &loaded(&txn, m.id, id.0).await?,
            areas: &areas,
            form: &form,
            actor: lead,
            now: chrono::Utc::now(),
            today,
        },
    )
    .await
    .map_err(|e| format!("publishing the bench report: {e:?}"))?;
    txn.commit().await.map_err(|e| err(&e))?;
    Ok((id.0, timer.elapsed()))
}
