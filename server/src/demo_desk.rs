//! The demo participation desks: cases in every state, some within and some past the service
//! norm, built through the same code as real ones (numbering, steps with their days, messages,
//! supports), dated back in working days so the clock tells a true story. Polderveen has the
//! "Buurtmoestuin Oosthoek" and a right-to-challenge request for the Weidebuurt green strip;
//! both desks carry three quarters of history, so their published figures have something to say.

use crate::demo_consultations::{err, Dice};
use app::domain::desk::{CaseStatus, ServiceNorm};
use app::domain::initiatives::{CaseKind, DeskSettings, Initiative, OnBehalf, SupportKind};
use app::domain::working_days::is_working_day;
use app::server::clock::{start_of_dutch_day, today};
use app::server::desk::cases::{self, NewCase, StepChanges};
use app::server::desk::{conversation, register, settings};
use app::server::entities::{area, municipality, role_grant, trajectory, user};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter};

/// The working day `n` working days before today.
fn working_days_ago(n: u32) -> NaiveDate {
    let mut day = today();
    let mut left = n;
    while left > 0 {
        day = day.pred_opt().unwrap_or(day);
        if is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// Half past ten on a Dutch day (plus some minutes, so steps on one day keep their order).
fn at(day: NaiveDate, minutes: i64) -> DateTime<Utc> {
    start_of_dutch_day(day) + Duration::minutes(10 * 60 + 30 + minutes)
}

/// What happened to a demo case, in working days after it came in.
enum Event {
    Step(CaseStatus, u32),
    Desk(&'static str, u32),
    Initiator(&'static str, u32),
    Ask(&'static str, u32),
    Answer(&'static str, u32),
    Forward(&'static str, u32),
}

struct Story {
    kind: CaseKind,
    title: &'static str,
    description: &'static str,
    area: Option<&'static str>,
    support: &'static [SupportKind],
    public: bool,
    /// None: brought in online by the demo resident; Some: helped at the counter or by phone.
    on_behalf: Option<(&'static str, &'static str)>,
    /// How many working days ago it came in.
    days_ago: u32,
    events: &'static [Event],
    supporters: usize,
}

use CaseStatus::{Acknowledged, Closed, InProgress};
use Event::*;

const POLDERVEEN: &[Story] = &[
    Story {
        kind: CaseKind::Initiative,
        title: "Buurtmoestuin Oosthoek",
        description: "Met twaalf buren willen we een moestuin beginnen op het braakliggende veld achter de \
                      Kastanjelaan. We zoeken advies over de grond, een bijdrage voor gereedschap en een plek \
                      om het gereedschap op te bergen.",
        area: Some("oosthoek"),
        support: &[SupportKind::Advice, SupportKind::Fund, SupportKind::Place],
        public: true,
        on_behalf: None,
        days_ago: 6,
        events: &[
            Step(Acknowledged, 1),
            Step(InProgress, 2),
            Desk("Mooi plan. Ik kijk met team Groen of het veld beschikbaar is en bel je volgende week.", 2),
            Initiator("Dank je. We kunnen ook op de zaterdag na de 15e met jullie het veld bekijken.", 3),
        ],
        supporters: 31,
    },
    Story {
        kind: CaseKind::Initiative,
        title: "Groenstrook Weidebuurt zelf onderhouden",
        description: "Wij, de bewonersvereniging Weidebuurt, willen het onderhoud van de groenstrook langs de \
                      Weidelaan van de gemeente overnemen (uitdaagrecht). We denken het beter en goedkoper te \
                      kunnen doen, met hulp van de buurt.",
        area: Some("weidebuurt"),
        support: &[SupportKind::RightToChallenge, SupportKind::Fund],
        public: true,
        on_behalf: None,
        days_ago: 8,
        events: &[
            Step(Acknowledged, 1),
            Ask("Hoeveel vrijwilligers hebben zich gemeld, en wie is jullie aanspreekpunt voor de aannemer?", 3),
        ],
        supporters: 12,
    },
    Story {
        kind: CaseKind::Idea,
        title: "Bankjes langs de Polderdijk",
        description: "Op de Polderdijk wandelen veel ouderen, maar er is geen plek om even te zitten. Een paar \
                      bankjes om de 500 meter zou helpen.",
        area: Some("polderveen"),
        support: &[],
        public: true,
        on_behalf: None,
        days_ago: 4,
        events: &[],
        supporters: 8,
    },
    Story {
        kind: CaseKind::Question,
        title: "Subsidie voor een buurtfeest",
        description: "Kunnen we voor het buurtfeest in september een bijdrage krijgen, en hoe vraag ik die aan?",
        area: Some("weidebuurt"),
        support: &[SupportKind::Fund],
        public: false,
        on_behalf: None,
        days_ago: 25,
        events: &[
            Step(Acknowledged, 1),
            Answer("Ja, dat kan uit het initiatievenfonds, tot 750 euro. Vul het formulier op de website in; wij helpen graag.", 4),
            Step(Closed, 6),
        ],
        supporters: 0,
    },
    Story {
        kind: CaseKind::Initiative,
        title: "Speelveldje Oosthoek opknappen",
        description: "Het speelveldje aan de Beukenstraat is kapot. Wij willen het met ouders opknappen.",
        area: Some("oosthoek"),
        support: &[SupportKind::Advice, SupportKind::Permit],
        public: true,
        on_behalf: None,
        days_ago: 40,
        events: &[
            Step(Acknowledged, 3),
            Step(InProgress, 5),
            Answer("Het veldje wordt dit najaar vervangen; we nemen jullie wensen mee en nodigen jullie uit.", 14),
            Step(Closed, 16),
        ],
        supporters: 19,
    },
    Story {
        kind: CaseKind::Idea,
        title: "Veiliger oversteken bij de Polderschool",
        description: "Kinderen steken 's ochtends over op een drukke plek zonder zebrapad.",
        area: Some("polderveen"),
        support: &[],
        public: true,
        on_behalf: None,
        days_ago: 15,
        events: &[Step(Acknowledged, 1), Forward("Mobiliteitsplan 2030", 5)],
        supporters: 26,
    },
    Story {
        kind: CaseKind::Question,
        title: "Hondenuitlaatplek in het park",
        description: "Mevrouw Bakker belde: is er een plek in het park waar honden los mogen?",
        area: Some("polderveen"),
        support: &[SupportKind::Advice],
        public: false,
        on_behalf: Some(("Mevrouw Bakker", "phone")),
        days_ago: 1,
        events: &[Step(Acknowledged, 1)],
        supporters: 0,
    },
    Story {
        kind: CaseKind::Idea,
        title: "Repair café in het buurthuis",
        description: "Eens per maand samen spullen repareren in het buurthuis. Wij zoeken een ruimte.",
        area: Some("oosthoek"),
        support: &[SupportKind::Place],
        public: true,
        on_behalf: None,
        days_ago: 0,
        events: &[],
        supporters: 0,
    },
];

const DUINWIJK: &[Story] = &[
    Story {
        kind: CaseKind::Question,
        title: "Parkeren bij de huisartsenpost",
        description: "Mag ik met een gehandicaptenkaart op het plein voor de huisartsenpost parkeren?",
        area: Some("duinwijk-centrum"),
        support: &[SupportKind::Advice],
        public: false,
        on_behalf: None,
        days_ago: 5,
        events: &[
            Step(Acknowledged, 1),
            Answer("Ja, op de twee gemarkeerde plekken vooraan. Daar geldt geen tijdslimiet met je kaart.", 3),
        ],
        supporters: 0,
    },
    Story {
        kind: CaseKind::Initiative,
        title: "Strandjutters ruimen op",
        description: "Elke eerste zaterdag van de maand ruimen we met de buurt het strand bij Zeedorp op. We \
                      vragen grijpers, afvalzakken en dat de gemeente het afval ophaalt.",
        area: Some("zeedorp"),
        support: &[SupportKind::Advice, SupportKind::Fund],
        public: true,
        on_behalf: None,
        days_ago: 3,
        events: &[Step(Acknowledged, 1), Step(InProgress, 2)],
        supporters: 9,
    },
    Story {
        kind: CaseKind::Question,
        title: "Wie beslist over de kap van de lindes?",
        description: "Op het Dorpsplein staan vier lindes. Worden die gekapt bij de herinrichting?",
        area: Some("duinwijk-centrum"),
        support: &[],
        public: true,
        on_behalf: None,
        days_ago: 12,
        events: &[],
        supporters: 4,
    },
    Story {
        kind: CaseKind::Idea,
        title: "Waterpunt bij de duinopgang",
        description: "Een kraan met drinkwater bij de duinopgang Noordduin, voor wandelaars en hardlopers.",
        area: Some("noordduin"),
        support: &[],
        public: true,
        on_behalf: Some(("Meneer Visser", "counter")),
        days_ago: 2,
        events: &[],
        supporters: 0,
    },
];

/// Three quarters of past cases with outcomes drawn from a fixed seed, so the figures per
/// quarter read like a real desk's: mostly within the norm, some not.
async fn history(
    txn: &DatabaseTransaction,
    m: &municipality::Model,
    resident: i32,
    officer: i32,
    dice: &mut Dice,
) -> Result<(), String> {
    let titles =
        ["Vraag over de afvalinzameling", "Idee voor de markt", "Vraag over een vergunning", "Boom in de straat"];
    for i in 0..36u32 {
        let days_ago = 40 + i * 4;
        let received = working_days_ago(days_ago);
        let initiative = Initiative {
            kind: if i % 3 == 0 { CaseKind::Idea } else { CaseKind::Question },
            title: titles[i as usize % titles.len()].to_owned(),
            description: "Afgehandelde zaak uit de demo.".to_owned(),
            area_id: None,
            support: vec![],
            public: false,
            on_behalf: None,
        };
        let Some(case) = submit(txn, m, &initiative, Some(resident), at(received, 0), &format!("history-{i}")).await?
        else {
            continue;
        };
        let acknowledge_after = [1, 1, 2, 1, 3][dice.next(5)];
        let answer_after = [4, 6, 8, 9, 12, 15][dice.next(6)];
        let mut current =
            step(txn, &case, InProgress, StepChanges::default(), officer, received, acknowledge_after).await?;
        current = answer(txn, &current, officer, "Zie ons antwoord.", received, answer_after).await?;
        step(txn, &current, Closed, StepChanges::default(), officer, received, answer_after + 1).await?;
    }
    Ok(())
}

async fn submit(
    txn: &DatabaseTransaction,
    m: &municipality::Model,
    initiative: &Initiative,
    initiator: Option<i32>,
    now: DateTime<Utc>,
    key: &str,
) -> Result<Option<app::server::entities::desk_case::Model>, String> {
    cases::submit(
        txn,
        NewCase {
            municipality_id: m.id,
            municipality_slug: &m.slug,
            initiative,
            initiator_id: initiator,
            entered_by: None,
            activity_id: None,
            submission_key: format!("demo-{}-{key}", m.slug),
            norm: ServiceNorm::default(),
            now,
        },
    )
    .await
    .map_err(|e| err(&e))
}

/// The day `after` working days after `received`.
fn after(received: NaiveDate, after: u32) -> NaiveDate {
    app::domain::working_days::deadline(received, after, &[]).unwrap_or(received)
}

/// Takes the case to `to` on the day `days` working days after it came in, with the steps in
/// between (asking from "acknowledged" takes it in progress first).
async fn step(
    txn: &DatabaseTransaction,
    case: &app::server::entities::desk_case::Model,
    to: CaseStatus,
    changes: StepChanges,
    by: i32,
    received: NaiveDate,
    days: u32,
) -> Result<app::server::entities::desk_case::Model, String> {
    let path = app::domain::desk::path_to(cases::status_of(case), to)
        .ok_or_else(|| format!("demo case {}: no way to {to:?}", case.number))?;
    let mut current = case.clone();
    for next in path {
        let changes = StepChanges {
            owner: (next == InProgress && current.owner_id.is_none()).then_some(by),
            forwarded_to: (next == to).then_some(changes.forwarded_to).flatten(),
        };
        current = cases::take_step(txn, &current, next, changes, Some(by), at(after(received, days), 5))
            .await
            .map_err(|e| err(&e))?
            .ok_or_else(|| format!("demo case {}: no step to {next:?}", case.number))?;
    }
    Ok(current)
}

async fn answer(
    txn: &DatabaseTransaction,
    case: &app::server::entities::desk_case::Model,
    by: i32,
    text: &str,
    received: NaiveDate,
    days: u32,
) -> Result<app::server::entities::desk_case::Model, String> {
    conversation::add_message(txn, case.id, true, by, text, None, at(after(received, days), 8))
        .await
        .map_err(|e| err(&e))?;
    step(txn, case, CaseStatus::Answered, StepChanges::default(), by, received, days).await
}

async fn account(txn: &DatabaseTransaction, email: &str) -> Result<i32, String> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(txn)
        .await
        .map_err(|e| err(&e))?
        .map(|u| u.id)
        .ok_or_else(|| format!("demo account {email} missing"))
}

async fn seed_desk(db: &DatabaseConnection, slug: &str, stories: &[Story], threshold: u32) -> Result<usize, String> {
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    let Some(m) = municipality::Entity::find()
        .filter(municipality::Column::Slug.eq(slug))
        .one(&txn)
        .await
        .map_err(|e| err(&e))?
    else {
        return Ok(0);
    };
    let resident = account(&txn, &format!("inwoner@{slug}.example")).await?;
    let officer = account(&txn, &format!("loket@{slug}.example")).await?;
    let desk_settings = DeskSettings { acknowledge_within: 2, answer_within: 10, support_threshold: Some(threshold) };
    settings::save(&txn, m.id, &desk_settings, Some(officer), chrono::Utc::now()).await.map_err(|e| err(&e))?;
    let areas =
        area::Entity::find().filter(area::Column::MunicipalityId.eq(m.id)).all(&txn).await.map_err(|e| err(&e))?;
    // Supporters: the municipality's accounts that are neither staff nor the initiator.
    let staff: Vec<i32> =
        role_grant::Entity::find().all(&txn).await.map_err(|e| err(&e))?.iter().map(|g| g.user_id).collect();
    let demo_residents = user::Entity::find()
        .filter(user::Column::Email.like(format!("bewoner%@{slug}.example")))
        .all(&txn)
        .await
        .map_err(|e| err(&e))?;
    if demo_residents.is_empty() {
        // Demo residents who cannot log in, to support the initiatives.
        crate::demo_consultations::demo_residents(&txn, m.id, slug, 36).await?;
    }
    let supporters: Vec<i32> = user::Entity::find()
        .filter(user::Column::Email.like(format!("%@{slug}.example")))
        .all(&txn)
        .await
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|u| u.id)
        .filter(|id| *id != resident && !staff.contains(id))
        .collect();
    let mut dice = Dice(0x6465736b);
    for (i, story) in stories.iter().enumerate() {
        let received = working_days_ago(story.days_ago);
        let initiative = Initiative {
            kind: story.kind,
            title: story.title.to_owned(),
            description: story.description.split_whitespace().collect::<Vec<_>>().join(" "),
            area_id: story.area.and_then(|s| areas.iter().find(|a| a.slug == s)).map(|a| a.id),
            support: story.support.to_vec(),
            public: story.public,
            on_behalf: story.on_behalf.map(|(name, channel)| OnBehalf {
                channel: app::domain::consultations::Channel::parse(channel)
                    .unwrap_or(app::domain::consultations::Channel::Counter),
                name: name.to_owned(),
                email: None,
                phone: Some("0612345678".to_owned()),
            }),
        };
        let initiator = story.on_behalf.is_none().then_some(resident);
        let Some(mut case) = submit(&txn, &m, &initiative, initiator, at(received, 0), &i.to_string()).await? else {
            continue;
        };
        for event in story.events {
            case = match *event {
                Step(to, days) => step(&txn, &case, to, StepChanges::default(), officer, received, days).await?,
                Desk(text, days) | Initiator(text, days) => {
                    let from_desk = matches!(event, Desk(..));
                    let by = if from_desk { officer } else { resident };
                    conversation::add_message(&txn, case.id, from_desk, by, text, None, at(after(received, days), 7))
                        .await
                        .map_err(|e| err(&e))?;
                    case
                }
                Ask(text, days) => {
                    conversation::add_message(&txn, case.id, true, officer, text, None, at(after(received, days), 7))
                        .await
                        .map_err(|e| err(&e))?;
                    step(&txn, &case, CaseStatus::WaitingForInitiator, StepChanges::default(), officer, received, days)
                        .await?
                }
                Answer(text, days) => answer(&txn, &case, officer, text, received, days).await?,
                Forward(title, days) => {
                    let target = trajectory::Entity::find()
                        .filter(trajectory::Column::Title.eq(title))
                        .one(&txn)
                        .await
                        .map_err(|e| err(&e))?
                        .map(|t| t.id);
                    let changes = StepChanges { owner: None, forwarded_to: target };
                    step(&txn, &case, CaseStatus::Forwarded, changes, officer, received, days).await?
                }
            };
        }
        for &supporter in supporters.iter().take(story.supporters) {
            register::support(&txn, case.id, supporter, Some(threshold), today(), Utc::now())
                .await
                .map_err(|e| err(&e))?;
        }
    }
    history(&txn, &m, resident, officer, &mut dice).await?;
    txn.commit().await.map_err(|e| err(&e))?;
    Ok(stories.len())
}

/// The demo desks of both municipalities, and an ideas activity in Polderveen's mobility plan.
pub async fn seed(db: &DatabaseConnection) -> Result<usize, String> {
    let cases = seed_desk(db, "polderveen", POLDERVEEN, 25).await? + seed_desk(db, "duinwijk", DUINWIJK, 50).await?;
    seed_ideas(db).await?;
    Ok(cases)
}

/// "Jouw idee voor fiets en bus" in the running phase of the Mobiliteitsplan 2030, with ideas
/// from demo residents: one answered, one still open.
async fn seed_ideas(db: &DatabaseConnection) -> Result<(), String> {
    use app::domain::initiatives::IdeasDraft;
    use app::server::desk::ideas;
    use app::server::entities::trajectory_phase;
    use sea_orm::QueryOrder;
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    let Some(m) = municipality::Entity::find()
        .filter(municipality::Column::Slug.eq("polderveen"))
        .one(&txn)
        .await
        .map_err(|e| err(&e))?
    else {
        return Ok(());
    };
    let Some(plan) = trajectory::Entity::find()
        .filter(trajectory::Column::MunicipalityId.eq(m.id))
        .filter(trajectory::Column::Title.eq("Mobiliteitsplan 2030"))
        .one(&txn)
        .await
        .map_err(|e| err(&e))?
    else {
        return Ok(());
    };
    let phases = trajectory_phase::Entity::find()
        .filter(trajectory_phase::Column::TrajectoryId.eq(plan.id))
        .order_by_asc(trajectory_phase::Column::Position)
        .all(&txn)
        .await
        .map_err(|e| err(&e))?;
    let Some(phase) = phases.iter().find(|p| p.starts_on <= today() && today() <= p.ends_on).or(phases.first()) else {
        return Ok(());
    };
    let officer = account(&txn, "loket@polderveen.example").await?;
    let lead = account(&txn, "projectleider@polderveen.example").await?;
    let draft = IdeasDraft {
        title: "Jouw idee voor fiets en bus".to_owned(),
        intro: "Hoe wordt reizen door Polderveen makkelijker, veiliger en schoner? Elk idee krijgt een \
                antwoord; de werkgroepen nemen de ideeën mee."
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        phase: 0,
    };
    let activity = ideas::insert(&txn, plan.id, phase.id, &draft, lead, Utc::now()).await.map_err(|e| err(&e))?;
    let residents = user::Entity::find()
        .filter(user::Column::Email.like("bewoner%@polderveen.example"))
        .order_by_asc(user::Column::Id)
        .all(&txn)
        .await
        .map_err(|e| err(&e))?;
    let ideas_list = [
        ("Een fietsenstalling bij het station", "Overdekt en met plek voor bakfietsen.", true),
        ("De buurtbus ook op zaterdag", "Dan kunnen ouderen zelf naar de markt.", false),
    ];
    for (i, ((title, description, answered), initiator)) in ideas_list.iter().zip(&residents).enumerate() {
        let received = working_days_ago(6 - i as u32 * 3);
        let initiative = Initiative {
            kind: CaseKind::Idea,
            title: (*title).to_owned(),
            description: (*description).to_owned(),
            area_id: initiator.area_id,
            support: vec![],
            public: true,
            on_behalf: None,
        };
        let Some(case) = cases::submit(
            &txn,
            NewCase {
                municipality_id: m.id,
                municipality_slug: &m.slug,
                initiative: &initiative,
                initiator_id: Some(initiator.id),
                entered_by: None,
                activity_id: Some(activity),
                submission_key: format!("demo-ideas-{i}"),
                norm: ServiceNorm::default(),
                now: at(received, 0),
            },
        )
        .await
        .map_err(|e| err(&e))?
        else {
            continue;
        };
        if *answered {
            let text = "Goed idee. De werkgroep Fiets neemt het mee; de stalling staat in het concept.";
            answer(&txn, &case, officer, text, received, 4).await?;
        }
    }
    txn.commit().await.map_err(|e| err(&e))
}

/// Adds `count` cases to a municipality's desk for benchmarks: spread over the last year, in
/// every state (some overdue), through the same code as real ones, 500 to a transaction.
pub async fn seed_load(db: &DatabaseConnection, slug: &str, count: usize) -> Result<usize, String> {
    let Some(m) =
        municipality::Entity::find().filter(municipality::Column::Slug.eq(slug)).one(db).await.map_err(|e| err(&e))?
    else {
        return Err(format!("no municipality {slug}"));
    };
    let areas: Vec<i32> = area::Entity::find()
        .filter(area::Column::MunicipalityId.eq(m.id))
        .all(db)
        .await
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let mut dice = Dice(0x6c6f6164);
    let mut added = 0;
    for chunk in 0..count.div_ceil(500) {
        let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
        let resident = account(&txn, &format!("inwoner@{slug}.example")).await?;
        let officer = account(&txn, &format!("loket@{slug}.example")).await?;
        for i in chunk * 500..((chunk + 1) * 500).min(count) {
            let days_ago = dice.next(260) as u32;
            let received = working_days_ago(days_ago);
            let initiative = Initiative {
                kind: CaseKind::ALL[dice.next(3)],
                title: format!(
                    "Belastingzaak {i}: {}",
                    ["bankje", "speelplek", "boom", "straatfeest", "fietsenrek"][dice.next(5)]
                ),
                description: "Een zaak om het loket onder last te meten.".to_owned(),
                area_id: areas.get(dice.next(areas.len() + 1)).copied(),
                support: vec![SupportKind::ALL[dice.next(5)]],
                public: dice.next(2) == 0,
                on_behalf: None,
            };
            let Some(case) =
                submit(&txn, &m, &initiative, Some(resident), at(received, 0), &format!("load-{i}")).await?
            else {
                continue;
            };
            added += 1;
            // How far the case got, never beyond today.
            let acknowledge_after = (1 + dice.next(3) as u32).min(days_ago);
            let answer_after = (4 + dice.next(12) as u32).min(days_ago);
            let target = match dice.next(20) {
                0..=1 => None,
                2..=4 => Some(Acknowledged),
                5..=9 => Some(InProgress),
                10 => Some(CaseStatus::WaitingForInitiator),
                11..=13 => Some(CaseStatus::Answered),
                _ => Some(Closed),
            };
            let Some(target) = target.filter(|_| days_ago > 0) else {
                continue;
            };
            let acknowledged =
                step(&txn, &case, Acknowledged, StepChanges::default(), officer, received, acknowledge_after).await?;
            if target == Acknowledged {
                continue;
            }
            let taken_on =
                step(&txn, &acknowledged, InProgress, StepChanges::default(), officer, received, acknowledge_after)
                    .await?;
            if target != InProgress {
                step(&txn, &taken_on, target, StepChanges::default(), officer, received, answer_after).await?;
            }
        }
        txn.commit().await.map_err(|e| err(&e))?;
    }
    Ok(added)
}
