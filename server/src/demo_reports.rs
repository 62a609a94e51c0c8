//! Demo reports, made through the same code as real ones: the summer festival on the beach
//! (Duinwijk, reported) has a consultation whose every input was answered, alone or in a group,
//! a first version of the report published on the promised day and a corrected second version a
//! few weeks later (a letter had been left out).

use crate::demo_consultations::{add_consultation, err, offline, trajectory_named, user_id, write, Written};
use app::domain::consultations::Channel;
use app::domain::reports::{Answer, Disposition, ForwardedTo, InputRef, PublicationForm};
use app::domain::tenancy::MunicipalityId;
use app::domain::trajectories::TrajectoryId;
use app::server::entities::{area, user};
use app::server::reports::answers::{self, Answering};
use app::server::reports::inputs::gather;
use app::server::reports::publish::{publish, Publishing};
use app::server::trajectories::{self, Loaded};
use chrono::{Duration, NaiveDate};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

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
    let txn = db.begin().await.map_err(|e| err(&e))?;
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

async fn areas(txn: &DatabaseTransaction, m: i32) -> Result<Vec<app::api::tenancy::AreaSummary>, String> {
    Ok(area::Entity::find()
        .filter(area::Column::MunicipalityId.eq(m))
        .order_by_asc(area::Column::Id)
        .all(txn)
        .await
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|a| app::api::tenancy::AreaSummary { id: a.id, slug: a.slug, name: a.name })
        .collect())
}

async fn seed_festival(txn: &DatabaseTransaction, m: i32, festival: i32) -> Result<(), String> {
    let lead = user_id(txn, "projectleider@duinwijk.example").await?;
    let desk = user_id(txn, "loket@duinwijk.example").await?;
    let activity = add_consultation(
        txn,
        festival,
        0,
        "Wat vindt u van het zomerfestival?",
        "Het zomerfestival komt terug. Vertel ons wat u belangrijk vindt: het programma, het geluid, de bereikbaarheid.",
        &[
            ("Programma", "Drie dagen muziek, theater en eten op het strand, van vrijdag tot en met zondag."),
            ("Geluid en tijden", "Het festival begint om 12.00 uur. Over de eindtijd denken we graag met u mee."),
        ],
        lead,
    )
    .await?;
    let residents: Vec<(i32, Option<i32>)> = user::Entity::find()
        .filter(user::Column::Email.like("bewoner%@duinwijk.example"))
        .order_by_asc(user::Column::Id)
        .all(txn)
        .await
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|u| (u.id, u.area_id))
        .collect();
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
    areas: &[app::api::tenancy::AreaSummary],
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
