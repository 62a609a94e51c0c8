//! The demo world's trajectories, in every state, with dates relative to the day they are loaded
//! so "open" stays open for a while after `make run`. Texts are the kind a Dutch municipality
//! would publish, written at B1 level.

use app::domain::rules_of_play::{Eligibility, FixedItem, ParticipationLevel, RulesOfPlay};
use app::domain::tenancy::{AreaId, MunicipalityId};
use app::domain::trajectories::{Phase, Status, Theme};
use app::server::entities::{area, municipality, trajectory, user};
use app::server::trajectories::{self, Details};
use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter};

/// Where a demo trajectory stands.
#[derive(Clone, Copy)]
enum Demo {
    Draft,
    Published,
    Closed,
    Reported,
    Archived,
}

pub(crate) struct DemoTrajectory {
    municipality: &'static str,
    title: &'static str,
    summary: &'static str,
    body: &'static str,
    areas: &'static [&'static str],
    themes: &'static [Theme],
    level: ParticipationLevel,
    /// (name, first day, last day) counted from today.
    phases: &'static [(&'static str, i64, i64)],
    fixed: &'static [(&'static str, &'static str)],
    eligibility: DemoEligibility,
    state: Demo,
    /// A later change of the rules: (new weighing text, reason).
    amended: Option<(&'static str, &'static str)>,
}

#[derive(Clone, Copy)]
enum DemoEligibility {
    Everyone,
    Areas,
    AgeBand(u8, u8),
}

pub(crate) const TRAJECTORIES: &[DemoTrajectory] = &[
    DemoTrajectory {
        municipality: "duinwijk",
        title: "Herinrichting Dorpsplein",
        summary: "Het Dorpsplein in Duinwijk-Centrum krijgt een nieuwe inrichting. Er is een conceptplan. Vertel ons wat je ervan vindt: wat is goed, wat kan beter?",
        body: "## Waarom een nieuw plein?\n\nHet Dorpsplein is meer dan veertig jaar oud. De bestrating ligt scheef, er is weinig groen en op warme dagen is het er heet.\n\n## Wat staat er in het conceptplan?\n\n- meer bomen en plantenbakken\n- bankjes in de schaduw\n- een plek voor de weekmarkt\n- minder parkeerplaatsen, meer ruimte voor fietsen\n\nDe tekeningen liggen ook ter inzage in het gemeentehuis.",
        areas: &["duinwijk-centrum"],
        themes: &[Theme::PublicSpace],
        level: ParticipationLevel::Consult,
        phases: &[("Ideeën ophalen", -60, -31), ("Reageren op het conceptplan", -30, 30), ("Besluit", 31, 60), ("Terugkoppeling", 61, 75)],
        fixed: &[
            ("Het budget is 1,2 miljoen euro", "De gemeenteraad heeft dit bedrag in 2025 in de begroting vastgesteld."),
            ("De weekmarkt blijft op het plein", "De marktkooplieden hebben een vergunning tot 2032."),
        ],
        eligibility: DemoEligibility::Everyone,
        state: Demo::Published,
        amended: Some((
            "Wij lezen elke reactie. Wij wegen de argumenten, niet het aantal reacties. Bij de inloopavond tellen mondelinge reacties even zwaar.",
            "Op de inloopavond vroegen inwoners of mondelinge reacties ook meetellen. Dat doen ze; dat staat nu in de spelregels.",
        )),
    },
    DemoTrajectory {
        municipality: "duinwijk",
        title: "Nieuwe speeltuin Zeedorp",
        summary: "De speeltuin aan de Schelpenweg wordt vernieuwd. Kinderen en jongeren uit Zeedorp kiezen zelf welke toestellen er komen.",
        body: "## Jullie kiezen\n\nEr zijn drie ontwerpen. Het Jongerenpanel Duinwijk en de kinderen van basisschool De Duinroos stemmen. Het ontwerp met de meeste stemmen wordt gebouwd.\n\n## Wat ligt vast?\n\nDe speeltuin blijft op dezelfde plek en alle toestellen zijn veilig volgens de wet.",
        areas: &["zeedorp"],
        themes: &[Theme::Youth, Theme::PublicSpace],
        level: ParticipationLevel::Codecide,
        phases: &[("Ontwerpen bekijken", -10, 10), ("Stemmen", 11, 25), ("Bouwen", 60, 120)],
        fixed: &[
            ("Het budget is 85.000 euro", "Dit geld komt uit het speelruimteplan van de gemeente."),
            ("De toestellen moeten veilig zijn", "Dat staat in het Warenwetbesluit attractie- en speeltoestellen."),
        ],
        // Children from 8 and the youth panel (12 to 23) vote: the band holds them both.
        eligibility: DemoEligibility::AgeBand(8, 23),
        state: Demo::Published,
        amended: None,
    },
    DemoTrajectory {
        municipality: "duinwijk",
        title: "Nieuwe strandopgang Noordduin",
        summary: "De strandopgang bij paal 12 wordt breder en toegankelijk voor rolstoelen en kinderwagens. Binnenkort kun je meedenken over de inrichting.",
        body: "De duinen beschermen ons tegen de zee. Daarom gelden er strenge regels. Binnen die regels is ruimte voor jouw ideeën over bankjes, fietsenrekken en verlichting.",
        areas: &["noordduin"],
        themes: &[Theme::PublicSpace, Theme::Mobility],
        level: ParticipationLevel::Consult,
        phases: &[("Ideeën ophalen", 20, 50), ("Besluit", 80, 90)],
        fixed: &[("De duinen blijven even hoog", "Het waterschap bepaalt dit voor de veiligheid van de kust.")],
        eligibility: DemoEligibility::Everyone,
        state: Demo::Published,
        amended: None,
    },
    DemoTrajectory {
        municipality: "duinwijk",
        title: "Parkeren in Duinwijk-Centrum",
        summary: "De gemeente vroeg bewoners en ondernemers hoe het parkeren in het centrum beter kan. De reactietermijn is voorbij; de gemeente verwerkt nu alle reacties.",
        body: "Er kwamen reacties binnen via de website, per brief en op de inloopavond. Het verslag volgt op de datum in de spelregels.",
        areas: &["duinwijk-centrum"],
        themes: &[Theme::Mobility],
        level: ParticipationLevel::Consult,
        phases: &[("Reageren", -90, -20), ("Besluit", -10, -5)],
        fixed: &[("Betaald parkeren blijft", "De gemeenteraad besloot dit in 2024.")],
        eligibility: DemoEligibility::Areas,
        state: Demo::Closed,
        amended: None,
    },
    DemoTrajectory {
        municipality: "duinwijk",
        title: "Zomerfestival op het strand",
        summary: "Inwoners dachten mee over het zomerfestival. Het verslag staat online: lees wat er met elke reactie is gedaan.",
        body: "Het festival kwam er, met een rustiger programma na 23.00 uur. Dat was een van de meest genoemde wensen.",
        areas: &[],
        themes: &[Theme::CultureAndSport],
        level: ParticipationLevel::Consult,
        phases: &[("Reageren", -200, -170), ("Besluit", -160, -150)],
        fixed: &[("Het festival duurt drie dagen", "Zo staat het in de evenementenvergunning.")],
        eligibility: DemoEligibility::Everyone,
        state: Demo::Reported,
        amended: None,
    },
    DemoTrajectory {
        municipality: "duinwijk",
        title: "Fietsroute langs de Zeeweg",
        summary: "Een eerste idee voor een veilige fietsroute langs de Zeeweg. Dit traject is nog in voorbereiding.",
        body: "Concepttekst: nog niet openbaar.",
        areas: &["zeedorp", "duinwijk-centrum"],
        themes: &[Theme::Mobility],
        level: ParticipationLevel::Coproduce,
        phases: &[("Samen ontwerpen", 40, 100)],
        fixed: &[],
        eligibility: DemoEligibility::Everyone,
        state: Demo::Draft,
        amended: None,
    },
    DemoTrajectory {
        municipality: "polderveen",
        title: "Mobiliteitsplan 2030",
        summary: "Hoe reizen we in 2030 door Polderveen? Samen met inwoners, ondernemers en scholen maakt de gemeente een nieuw mobiliteitsplan.",
        body: "## In vier stappen\n\n1. Knelpunten ophalen\n2. Samen oplossingen bedenken in werkgroepen\n3. Reageren op het concept\n4. De gemeenteraad besluit\n\nDoe je mee in een werkgroep? Meld je aan bij de contactpersoon.",
        areas: &["polderveen", "oosthoek", "weidebuurt"],
        themes: &[Theme::Mobility, Theme::Sustainability],
        level: ParticipationLevel::Coproduce,
        phases: &[
            ("Knelpunten ophalen", -45, -15),
            ("Werkgroepen", -14, 45),
            ("Reageren op het concept", 46, 90),
            ("Besluit gemeenteraad", 120, 120),
        ],
        fixed: &[
            ("De N-weg is van de provincie", "De gemeente kan de provinciale weg niet zelf veranderen."),
            ("Het plan past in het klimaatakkoord", "De gemeenteraad heeft de doelen voor 2030 vastgesteld."),
        ],
        eligibility: DemoEligibility::Everyone,
        state: Demo::Published,
        amended: None,
    },
    DemoTrajectory {
        municipality: "polderveen",
        title: "Groenstrook Weidebuurt",
        summary: "Bewoners van de Weidebuurt willen de groenstrook aan de Kievitlaan zelf onderhouden. Samen maken we afspraken.",
        body: "Dit is een initiatief van bewoners onder het uitdaagrecht.",
        areas: &["weidebuurt"],
        themes: &[Theme::PublicSpace, Theme::Sustainability],
        level: ParticipationLevel::Coproduce,
        phases: &[("Afspraken maken", -5, 60)],
        fixed: &[("Bomen blijven van de gemeente", "Voor bomen gelden regels voor veiligheid en verzekering.")],
        eligibility: DemoEligibility::Areas,
        state: Demo::Published,
        amended: None,
    },
    DemoTrajectory {
        municipality: "polderveen",
        title: "Nieuwe naam voor het sportpark",
        summary: "Inwoners kozen in 2024 een nieuwe naam voor het sportpark. Dit traject is afgerond en gearchiveerd.",
        body: "Het sportpark heet nu Sportpark De Weide.",
        areas: &[],
        themes: &[Theme::CultureAndSport],
        level: ParticipationLevel::Codecide,
        phases: &[("Namen bedenken", -700, -680), ("Stemmen", -679, -660)],
        fixed: &[("De naam mag geen merknaam zijn", "Zo staat het in het naamgevingsbeleid.")],
        eligibility: DemoEligibility::Everyone,
        state: Demo::Archived,
        amended: None,
    },
];

pub(crate) fn card(demo: &DemoTrajectory, areas: &[AreaId], decision: NaiveDate, report: NaiveDate) -> RulesOfPlay {
    RulesOfPlay {
        level: Some(demo.level),
        municipality_role: match demo.level {
            ParticipationLevel::Codecide => {
                "De gemeente zorgt voor de ontwerpen en het geld. De deelnemers kiezen; de gemeente voert de keuze uit."
                    .into()
            }
            ParticipationLevel::Coproduce => {
                "De gemeente werkt samen met inwoners aan het plan en legt het daarna voor aan de gemeenteraad.".into()
            }
            _ => "De gemeente legt een plan voor, verwerkt de reacties en neemt daarna een besluit.".into(),
        },
        open_for_input: "De inrichting en de keuzes binnen de vaste punten hieronder.".into(),
        fixed_items: demo
            .fixed
            .iter()
            .map(|(what, why)| FixedItem { what: (*what).into(), why: (*why).into() })
            .collect(),
        decision_maker: match demo.level {
            ParticipationLevel::Codecide => "De deelnemers, met de stemming".into(),
            ParticipationLevel::Coproduce => "De gemeenteraad".into(),
            _ => "Het college van burgemeester en wethouders".into(),
        },
        decision_date: Some(decision),
        weighing: "Wij lezen elke reactie. Wij wegen de argumenten, niet het aantal reacties.".into(),
        eligibility: Some(match demo.eligibility {
            DemoEligibility::Everyone => Eligibility::Everyone,
            DemoEligibility::Areas => Eligibility::Areas(areas.to_vec()),
            DemoEligibility::AgeBand(min, max) => Eligibility::AgeBand { min, max },
        }),
        report_date: Some(report),
        personal_data: "Je naam, e-mailadres en reactie. Alleen je naam is zichtbaar bij je reactie, als je dat wilt."
            .into(),
        retention_months: Some(24),
    }
}

/// Loads the demo trajectories into the demo municipalities (which must exist already).
pub async fn seed(db: &DatabaseConnection) -> Result<usize, String> {
    let txn = app::server::writes::begin_write(db).await.map_err(|e| e.to_string())?;
    let mut count = 0;
    for demo in TRAJECTORIES {
        if seed_one(&txn, demo, demo.municipality).await? {
            count += 1;
        }
    }
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(count)
}

/// The demo's first trajectory, "Herinrichting Dorpsplein", in any municipality made like the
/// demo ones (a project lead `projectleider@{slug}.example`): the ground `seed-load` and
/// `seed-cluster` add a consultation and a poll to.
pub async fn seed_square(db: &DatabaseConnection, slug: &str) -> Result<(), String> {
    let txn = app::server::writes::begin_write(db).await.map_err(|e| e.to_string())?;
    if !seed_one(&txn, &TRAJECTORIES[0], slug).await? {
        return Err(format!("no municipality {slug}"));
    }
    txn.commit().await.map_err(|e| e.to_string())
}

/// One demo trajectory in the municipality `slug`; false when there is no such municipality.
/// Its areas are the demo's areas by slug, or the municipality's first area when it has none of
/// them (a municipality made for a benchmark).
async fn seed_one(txn: &DatabaseTransaction, demo: &DemoTrajectory, slug: &str) -> Result<bool, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let today = app::server::clock::today();
    let Some(m) =
        municipality::Entity::find().filter(municipality::Column::Slug.eq(slug)).one(txn).await.map_err(|e| err(&e))?
    else {
        return Ok(false);
    };
    let lead = user::Entity::find()
        .filter(user::Column::Email.eq(format!("projectleider@{}.example", slug)))
        .one(txn)
        .await
        .map_err(|e| err(&e))?
        .map(|u| u.id)
        .ok_or("demo project lead missing")?;
    let all_areas =
        area::Entity::find().filter(area::Column::MunicipalityId.eq(m.id)).all(txn).await.map_err(|e| err(&e))?;
    let mut areas: Vec<AreaId> =
        all_areas.iter().filter(|a| demo.areas.contains(&a.slug.as_str())).map(|a| AreaId(a.id)).collect();
    if areas.is_empty() && !demo.areas.is_empty() {
        areas.extend(all_areas.first().map(|a| AreaId(a.id)));
    }
    let day = |offset: i64| today + Duration::days(offset);
    let phases: Vec<Phase> = demo
        .phases
        .iter()
        .map(|(name, from, to)| Phase { name: (*name).into(), starts_on: day(*from), ends_on: day(*to) })
        .collect();
    let last = demo.phases.iter().map(|p| p.2).max().unwrap_or(0);
    let details = Details {
        title: demo.title.into(),
        summary: demo.summary.into(),
        body: demo.body.into(),
        contact_name: "Team Participatie".into(),
        contact_email: format!("participatie@{}.example", slug),
        contact_phone: "14 0000".into(),
        areas: areas.clone(),
        themes: demo.themes.to_vec(),
        phases,
    };
    let id = trajectories::insert(txn, MunicipalityId(m.id), &details, lead, chrono::Utc::now())
        .await
        .map_err(|e| err(&e))?;
    // The decision falls inside the planning and the report comes at the end of the last
    // phase, so the timeline and the rules of play tell residents the same dates.
    let first = demo.phases.iter().map(|(_, from, _)| *from).min().unwrap_or(0);
    let decision = (last.min(40) - 5).max(first);
    let rules = card(demo, &areas, day(decision), day(last));
    let loaded =
        trajectories::find(txn, MunicipalityId(m.id), id).await.map_err(|e| err(&e))?.ok_or("just inserted")?;
    let draft = loaded.current_rules().ok_or("draft card missing")?;
    if matches!(demo.state, Demo::Draft) {
        // A draft with half a card, to show what the publication check says.
        let mut half = rules.clone();
        half.fixed_items.clear();
        half.weighing.clear();
        trajectories::save_draft_rules(txn, draft, &half).await.map_err(|e| err(&e))?;
    } else {
        trajectories::save_draft_rules(txn, draft, &rules).await.map_err(|e| err(&e))?;
        let loaded =
            trajectories::find(txn, MunicipalityId(m.id), id).await.map_err(|e| err(&e))?.ok_or("just saved")?;
        let draft = loaded.current_rules().ok_or("draft card missing")?;
        trajectories::publish(txn, id, draft, chrono::Utc::now()).await.map_err(|e| err(&e))?;
        if let Some((weighing, reason)) = demo.amended {
            let mut changed = rules.clone();
            changed.weighing = weighing.into();
            trajectories::add_version(txn, id, 2, &changed, reason, lead, chrono::Utc::now())
                .await
                .map_err(|e| err(&e))?;
        }
        let status = match demo.state {
            Demo::Closed => Some(Status::Closed),
            Demo::Reported => Some(Status::Reported),
            Demo::Archived => Some(Status::Archived),
            _ => None,
        };
        if let Some(status) = status {
            trajectory::Entity::update_many()
                .col_expr(trajectory::Column::Status, Expr::value(status.as_str()))
                .filter(trajectory::Column::Id.eq(id.0))
                .exec(txn)
                .await
                .map_err(|e| err(&e))?;
        }
    }
    Ok(true)
}

/// Adds `count` published trajectories with varied areas, themes, levels and dates to a
/// municipality, for benchmarks. Titles are numbered so searches have something to find.
pub async fn seed_many(db: &DatabaseConnection, slug: &str, count: usize) -> Result<usize, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let today = app::server::clock::today();
    let m = municipality::Entity::find()
        .filter(municipality::Column::Slug.eq(slug))
        .one(db)
        .await
        .map_err(|e| err(&e))?
        .ok_or_else(|| format!("no municipality {slug}"))?;
    let lead = user::Entity::find()
        .filter(user::Column::Email.eq(format!("projectleider@{slug}.example")))
        .one(db)
        .await
        .map_err(|e| err(&e))?
        .map(|u| u.id)
        .ok_or("run seed-demo first: the demo project lead is missing")?;
    let areas: Vec<AreaId> = area::Entity::find()
        .filter(area::Column::MunicipalityId.eq(m.id))
        .all(db)
        .await
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|a| AreaId(a.id))
        .collect();
    let template = &TRAJECTORIES[0];
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    for n in 0..count {
        let offset = (n as i64 % 400) - 200;
        let level = ParticipationLevel::ALL[n % ParticipationLevel::ALL.len()];
        let details = Details {
            title: format!("Wijkplan {} nummer {n}", ["Noord", "Zuid", "Oost", "West"][n % 4]),
            summary: template.summary.into(),
            body: template.body.into(),
            contact_name: "Team Participatie".into(),
            contact_email: format!("participatie@{slug}.example"),
            contact_phone: String::new(),
            areas: areas.iter().copied().skip(n % areas.len().max(1)).take(1).collect(),
            themes: vec![Theme::ALL[n % Theme::ALL.len()]],
            phases: vec![Phase {
                name: "Reageren".into(),
                starts_on: today + Duration::days(offset),
                ends_on: today + Duration::days(offset + 45),
            }],
        };
        let id = trajectories::insert(&txn, MunicipalityId(m.id), &details, lead, chrono::Utc::now())
            .await
            .map_err(|e| err(&e))?;
        let mut rules =
            card(template, &areas, today + Duration::days(offset + 60), today + Duration::days(offset + 90));
        rules.level = Some(level);
        let loaded =
            trajectories::find(&txn, MunicipalityId(m.id), id).await.map_err(|e| err(&e))?.ok_or("inserted")?;
        let draft = loaded.current_rules().ok_or("draft card missing")?;
        trajectories::save_draft_rules(&txn, draft, &rules).await.map_err(|e| err(&e))?;
        let loaded = trajectories::find(&txn, MunicipalityId(m.id), id).await.map_err(|e| err(&e))?.ok_or("saved")?;
        let draft = loaded.current_rules().ok_or("draft card missing")?;
        trajectories::publish(&txn, id, draft, chrono::Utc::now()).await.map_err(|e| err(&e))?;
    }
    txn.commit().await.map_err(|e| err(&e))?;
    Ok(count)
}
