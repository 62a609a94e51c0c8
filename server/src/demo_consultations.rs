//! Demo consultations: the Dorpsplein plan in sections with a lively discussion (a few hundred
//! comments and replies from demo residents, supports, official answers, a phone call, a letter and
//! a meeting's outcomes, one hidden comment and one waiting report), a question for the children of
//! Zeedorp, and a closed consultation. Also the bulk consultation `make bench` measures.
//! Comments are generated from fixed fragments with a fixed seed, so every load looks the same.

use app::domain::consultations::{Channel, ConsultationDraft, InputStatus, Section};
use app::domain::tenancy::MunicipalityId;
use app::server::consultations::{self, NewComment};
use app::server::entities::{area, input, input_report, input_support, municipality, trajectory, user};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

const RESIDENT_NAMES: &[&str] = &[
    "Anouk", "Bram", "Chantal", "Daan", "Esra", "Fleur", "Gerrit", "Hanna", "Ilse", "Jeroen", "Kees", "Lotte",
    "Mohammed", "Nina", "Oscar", "Priya", "Quinten", "Rosa", "Sven", "Tessa", "Umut", "Vera", "Willem", "Yara",
    "Zeynep", "Arjen", "Bas", "Carla", "Dirk", "Eva", "Femke", "Gijs", "Hatice", "Ivo", "Joke", "Karim",
];

const OPENINGS: &[&str] = &[
    "Goed dat er eindelijk iets gebeurt met het plein.",
    "Ik woon al twintig jaar aan het plein.",
    "Als moeder van twee kinderen kijk ik vooral naar veiligheid.",
    "Ik kom elke zaterdag op de markt.",
    "Mooi plan, maar ik heb een zorg.",
    "Ik mis in het plan iets belangrijks.",
    "Ik fiets elke dag over het plein naar mijn werk.",
    "Als ondernemer aan het plein wil ik graag meedenken.",
];

const POINTS: &[&str] = &[
    "Zet de bankjes in de schaduw van de nieuwe bomen, niet in de volle zon.",
    "Er moeten genoeg fietsenrekken komen, ook voor bakfietsen.",
    "Laat de oude lindeboom staan; die is beeldbepalend.",
    "Denk aan mensen met een rollator: geen losse klinkers of hoge randen.",
    "Een watertappunt zou fijn zijn op warme dagen.",
    "De markt heeft stroom en water nodig op vaste punten.",
    "Minder parkeerplaatsen is prima, maar regel wel laden en lossen voor de winkels.",
    "Een speelplek voor kleine kinderen maakt het plein levendig.",
    "Goede verlichting 's avonds maakt het plein veiliger.",
    "Gebruik plantenbakken die ook in de winter groen zijn.",
    "Houd ruimte vrij voor de kermis en Koningsdag.",
    "Zorg voor een openbaar toilet in de buurt.",
];

const CLOSINGS: &[&str] = &[
    "Dank voor de moeite!",
    "Ik hoop dat jullie dit meenemen.",
    "Graag hoor ik hoe dit verder gaat.",
    "",
    "Succes met de uitwerking.",
    "",
];

const REPLIES: &[&str] = &[
    "Helemaal mee eens.",
    "Goed punt, daar had ik nog niet aan gedacht.",
    "Ik zie dat anders: er is al weinig ruimte op het plein.",
    "Dit vinden wij in onze straat ook.",
    "En graag ook een paar bankjes met een rugleuning.",
    "Dat gaat volgens mij wel ten koste van de markt.",
];

const OFFICIAL_ANSWER: &str = "Dank voor je reactie. We nemen dit mee bij het uitwerken van het definitieve ontwerp. In het verslag lees je wat we ermee hebben gedaan.";

/// A small fixed-seed generator, so demo data is the same on every load.
pub(crate) struct Dice(pub(crate) u64);

impl Dice {
    pub(crate) fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

pub(crate) fn err(e: &dyn std::fmt::Display) -> String {
    e.to_string()
}

pub(crate) async fn trajectory_named(
    db: &impl ConnectionTrait,
    slug: &str,
    title: &str,
) -> Result<Option<(i32, i32)>, String> {
    let Some(m) =
        municipality::Entity::find().filter(municipality::Column::Slug.eq(slug)).one(db).await.map_err(|e| err(&e))?
    else {
        return Ok(None);
    };
    Ok(trajectory::Entity::find()
        .filter(trajectory::Column::MunicipalityId.eq(m.id))
        .filter(trajectory::Column::Title.eq(title))
        .one(db)
        .await
        .map_err(|e| err(&e))?
        .map(|t| (m.id, t.id)))
}

pub(crate) async fn user_id(db: &impl ConnectionTrait, email: &str) -> Result<i32, String> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
        .map_err(|e| err(&e))?
        .map(|u| u.id)
        .ok_or_else(|| format!("demo account {email} missing"))
}

/// Demo residents who only exist to have written comments: their password can never match.
/// The demo residents (`bewoner{n}@{slug}.example`, who cannot log in) already made, oldest
/// first, with their areas.
pub(crate) async fn existing_residents(
    txn: &impl sea_orm::ConnectionTrait,
    slug: &str,
) -> Result<Vec<(i32, Option<i32>)>, String> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.like(format!("bewoner%@{slug}.example")))
        .order_by_asc(user::Column::Id)
        .all(txn)
        .await
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|u| (u.id, u.area_id))
        .collect())
}

pub(crate) async fn demo_residents(
    txn: &DatabaseTransaction,
    municipality_id: i32,
    slug: &str,
    count: usize,
) -> Result<Vec<(i32, Option<i32>)>, String> {
    let areas: Vec<i32> = area::Entity::find()
        .filter(area::Column::MunicipalityId.eq(municipality_id))
        .all(txn)
        .await
        .map_err(|e| err(&e))?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let mut residents = Vec::new();
    for n in 0..count {
        let area = (!areas.is_empty()).then(|| areas[n % areas.len()]);
        let row = user::ActiveModel {
            email: Set(format!("bewoner{n}@{slug}.example")),
            email_verified_at: Set(Some(Utc::now())),
            display_name: Set(RESIDENT_NAMES[n % RESIDENT_NAMES.len()].to_owned()),
            password_hash: Set("!demo-account-without-password".to_owned()),
            birth_date: Set(None),
            area_id: Set(area),
            is_platform_admin: Set(false),
            locale: Set(None),
            created_at: Set(Utc::now()),
            password_changed_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await
        .map_err(|e| err(&e))?;
        residents.push((row.id, area));
    }
    Ok(residents)
}

fn sections(list: &[(&str, &str)]) -> Vec<Section> {
    list.iter().map(|(title, body)| Section { id: None, title: (*title).into(), body: (*body).into() }).collect()
}

pub(crate) async fn add_consultation(
    txn: &DatabaseTransaction,
    trajectory_id: i32,
    phase: usize,
    title: &str,
    intro: &str,
    parts: &[(&str, &str)],
    lead: i32,
) -> Result<i32, String> {
    let phase_id = app::server::trajectories::phase_id_at(txn, trajectory_id, phase).await.map_err(|e| err(&e))?;
    let draft = ConsultationDraft {
        title: title.into(),
        intro: intro.into(),
        phase,
        pre_moderation: false,
        sections: sections(parts),
    };
    consultations::insert(txn, trajectory_id, phase_id, &draft, lead, Utc::now()).await.map_err(|e| err(&e))
}

/// What one generated comment needs.
pub(crate) struct Written<'a> {
    pub(crate) municipality_id: i32,
    pub(crate) trajectory_id: i32,
    pub(crate) activity_id: i32,
    pub(crate) section_id: Option<i32>,
    pub(crate) parent_id: Option<i32>,
    pub(crate) author: (i32, Option<i32>),
    pub(crate) body: String,
    pub(crate) official: bool,
    pub(crate) days_ago: i64,
    pub(crate) key: &'a str,
}

pub(crate) async fn write(txn: &DatabaseTransaction, w: Written<'_>) -> Result<i32, String> {
    let (stored, _) = consultations::insert_comment(
        txn,
        NewComment {
            municipality_id: w.municipality_id,
            trajectory_id: w.trajectory_id,
            activity_id: w.activity_id,
            section_id: w.section_id,
            parent_id: w.parent_id,
            channel: Channel::Online,
            author_id: Some(w.author.0),
            on_behalf_name: None,
            contact_consent: false,
            contact: None,
            entered_by: None,
            received_on: None,
            meeting_id: None,
            body: w.body,
            shown_area_id: w.author.1,
            official: w.official,
            status: InputStatus::Visible,
            submission_key: w.key.to_owned(),
            created_at: Utc::now(),
        },
    )
    .await
    .map_err(|e| err(&e))?;
    // Spread the discussion over the weeks the consultation has been open.
    input::Entity::update_many()
        .col_expr(
            input::Column::CreatedAt,
            Expr::value(Utc::now() - Duration::days(w.days_ago) - Duration::minutes((stored.id % 600) as i64)),
        )
        .filter(input::Column::Id.eq(stored.id))
        .exec(txn)
        .await
        .map_err(|e| err(&e))?;
    Ok(stored.id)
}

/// A discussion of `top_level` comments, about half of them with replies, on the given sections.
#[allow(clippy::too_many_arguments)]
async fn discussion(
    txn: &DatabaseTransaction,
    dice: &mut Dice,
    (municipality_id, trajectory_id, activity_id): (i32, i32, i32),
    section_ids: &[i32],
    residents: &[(i32, Option<i32>)],
    lead: i32,
    top_level: usize,
    max_days_ago: i64,
) -> Result<Vec<i32>, String> {
    let mut ids = Vec::new();
    for n in 0..top_level {
        let section_id = match dice.next(section_ids.len() + 1) {
            0 => None,
            i => Some(section_ids[i - 1]),
        };
        let body = format!(
            "{} {} {}",
            OPENINGS[dice.next(OPENINGS.len())],
            POINTS[dice.next(POINTS.len())],
            CLOSINGS[dice.next(CLOSINGS.len())]
        )
        .trim()
        .to_owned();
        let author = residents[dice.next(residents.len())];
        let days_ago = 1 + dice.next(max_days_ago.max(1) as usize) as i64;
        let key = format!("demo-{activity_id}-{n}");
        let top = write(
            txn,
            Written {
                municipality_id,
                trajectory_id,
                activity_id,
                section_id,
                parent_id: None,
                author,
                body,
                official: false,
                days_ago,
                key: &key,
            },
        )
        .await?;
        ids.push(top);
        for r in 0..dice.next(4) {
            let author = residents[dice.next(residents.len())];
            let body = REPLIES[dice.next(REPLIES.len())].to_owned();
            let key = format!("demo-{activity_id}-{n}-{r}");
            write(
                txn,
                Written {
                    municipality_id,
                    trajectory_id,
                    activity_id,
                    section_id: None,
                    parent_id: Some(top),
                    author,
                    body,
                    official: false,
                    days_ago: (days_ago - 1).max(0),
                    key: &key,
                },
            )
            .await?;
        }
        if n % 9 == 0 {
            let key = format!("demo-{activity_id}-{n}-official");
            write(
                txn,
                Written {
                    municipality_id,
                    trajectory_id,
                    activity_id,
                    section_id: None,
                    parent_id: Some(top),
                    author: (lead, None),
                    body: OFFICIAL_ANSWER.to_owned(),
                    official: true,
                    days_ago: (days_ago - 2).max(0),
                    key: &key,
                },
            )
            .await?;
        }
        // Each supporter once, never the author: the database would refuse a second support.
        let supporters: std::collections::BTreeSet<i32> =
            (0..dice.next(8)).map(|_| residents[dice.next(residents.len())].0).filter(|s| *s != author.0).collect();
        for supporter in supporters {
            input_support::ActiveModel { input_id: Set(top), user_id: Set(supporter), created_at: Set(Utc::now()) }
                .insert(txn)
                .await
                .map_err(|e| err(&e))?;
        }
    }
    Ok(ids)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn offline(
    txn: &DatabaseTransaction,
    (municipality_id, trajectory_id, activity_id): (i32, i32, i32),
    channel: Channel,
    name: Option<&str>,
    body: &str,
    days_ago: i64,
    meeting_id: Option<i32>,
    desk: i32,
) -> Result<(), String> {
    consultations::insert_comment(
        txn,
        NewComment {
            municipality_id,
            trajectory_id,
            activity_id,
            section_id: None,
            parent_id: None,
            channel,
            author_id: None,
            on_behalf_name: name.map(str::to_owned),
            contact_consent: false,
            contact: None,
            entered_by: Some(desk),
            received_on: Some(app::server::clock::today() - Duration::days(days_ago)),
            meeting_id,
            body: body.to_owned(),
            shown_area_id: None,
            official: false,
            status: InputStatus::Visible,
            submission_key: format!("demo-offline-{activity_id}-{body}").chars().take(64).collect(),
            created_at: Utc::now(),
        },
    )
    .await
    .map_err(|e| err(&e))?;
    Ok(())
}

/// Loads the demo consultations (after the demo trajectories).
pub async fn seed(db: &DatabaseConnection) -> Result<usize, String> {
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    let mut count = 0;
    if let Some((m, plein)) = trajectory_named(&txn, "duinwijk", "Herinrichting Dorpsplein").await? {
        let lead = user_id(&txn, "projectleider@duinwijk.example").await?;
        let desk = user_id(&txn, "loket@duinwijk.example").await?;
        let activity = add_consultation(
            &txn,
            plein,
            1,
            "Reageer op het conceptplan voor het Dorpsplein",
            "Het conceptplan ligt klaar. Lees de onderdelen en vertel ons wat je ervan vindt. Je kunt reageren op één onderdeel of op het plan als geheel. Reacties op de inloopavond en per telefoon tellen even zwaar.",
            &[
                ("Bomen en groen", "Er komen **twaalf nieuwe bomen** en zes grote plantenbakken. De oude lindeboom blijft staan.\n\nDe bomen geven schaduw op warme dagen en vangen regenwater op."),
                ("Bankjes en ontmoeten", "Langs de randen van het plein komen **acht bankjes**, de helft met een rugleuning en armleuningen. Bij de lindeboom komt een ronde bank."),
                ("Markt en evenementen", "De weekmarkt blijft op het plein. Er komen vaste aansluitingen voor stroom en water. Het midden van het plein blijft vrij voor de kermis en Koningsdag."),
                ("Fietsen en parkeren", "Het aantal parkeerplaatsen gaat van **32 naar 18**. Er komen 60 fietsparkeerplekken, waarvan 6 voor bakfietsen. Laden en lossen voor de winkels kan tot 11.00 uur."),
            ],
            lead,
        )
        .await?;
        let sections: Vec<i32> = consultations::find(&txn, MunicipalityId(m), activity)
            .await
            .map_err(|e| err(&e))?
            .ok_or("demo consultation missing")?
            .sections
            .iter()
            .map(|s| s.id)
            .collect();
        let residents = demo_residents(&txn, m, "duinwijk", RESIDENT_NAMES.len()).await?;
        let mut dice = Dice(20_261_122);
        let tops = discussion(&txn, &mut dice, (m, plein, activity), &sections, &residents, lead, 120, 29).await?;
        let ids = (m, plein, activity);
        offline(
            &txn,
            ids,
            Channel::Phone,
            None,
            "Mevrouw belde: ze wil graag dat de bankjes een rugleuning hebben, want zonder kan ze niet goed zitten.",
            12,
            None,
            desk,
        )
        .await?;
        offline(
            &txn,
            ids,
            Channel::Letter,
            Some("De heer Bakker"),
            "Brief: de bushalte aan het plein moet blijven. Veel ouderen zijn daarvan afhankelijk.",
            9,
            None,
            desk,
        )
        .await?;
        let meeting = consultations::insert_meeting(
            &txn,
            plein,
            "Inloopavond in het dorpshuis",
            app::server::clock::today() - Duration::days(7),
            lead,
            Utc::now(),
        )
        .await
        .map_err(|e| err(&e))?;
        for text in [
            "Tafel 1: meer groen, en de lindeboom moet echt blijven.",
            "Tafel 2: de markt heeft meer ruimte nodig voor de kramen met een aanhanger.",
            "Tafel 3: jongeren willen een plek om te zitten die niet naast de terrassen ligt.",
        ] {
            offline(&txn, ids, Channel::Meeting, None, text, 7, Some(meeting), lead).await?;
        }
        // One comment hidden by the moderator, one reported and waiting in the queue.
        let moderator = user_id(&txn, "moderator@duinwijk.example").await?;
        consultations::set_status(
            &txn,
            tops[3],
            InputStatus::Hidden,
            Some("Bevat persoonlijke gegevens van een buurtbewoner.".into()),
            Some(moderator),
            Utc::now(),
        )
        .await
        .map_err(|e| err(&e))?;
        input_report::ActiveModel {
            input_id: Set(tops[5]),
            reporter_id: Set(Some(residents[0].0)),
            reason: Set("Dit klopt niet, de markt staat er op vrijdag.".into()),
            status: Set("open".into()),
            handled_by: Set(None),
            handled_at: Set(None),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| err(&e))?;
        count += 1;
    }
    if let Some((_, speeltuin)) = trajectory_named(&txn, "duinwijk", "Nieuwe speeltuin Zeedorp").await? {
        let lead = user_id(&txn, "projectleider@duinwijk.example").await?;
        add_consultation(
            &txn,
            speeltuin,
            0,
            "Wat vind jij van de drie ontwerpen?",
            "Bekijk de drie ontwerpen voor de nieuwe speeltuin en vertel wat je ervan vindt. Daarna kun je stemmen.",
            &[
                ("Ontwerp A: Het Schip", "Een groot houten schip met een glijbaan, een klimnet en een uitkijkpost."),
                ("Ontwerp B: De Duinen", "Heuvels met tunnels, een lange glijbaan en een zandbak met water."),
                ("Ontwerp C: Het Bos", "Boomhutten met touwbruggen, een kabelbaan en schommels."),
            ],
            lead,
        )
        .await?;
        count += 1;
    }
    if let Some((m, parkeren)) = trajectory_named(&txn, "duinwijk", "Parkeren in Duinwijk-Centrum").await? {
        let lead = user_id(&txn, "projectleider@duinwijk.example").await?;
        let activity = add_consultation(
            &txn,
            parkeren,
            0,
            "Reageer op de parkeerregels",
            "Wat vind je van betaald parkeren in het centrum?",
            &[
                ("Betaald parkeren", "Van maandag tot en met zaterdag, van 9.00 tot 18.00 uur."),
                ("Vergunningen", "Bewoners krijgen één vergunning per adres."),
            ],
            lead,
        )
        .await?;
        let residents = existing_residents(&txn, "duinwijk").await?;
        if !residents.is_empty() {
            let mut dice = Dice(7);
            discussion(&txn, &mut dice, (m, parkeren, activity), &[], &residents, lead, 12, 60).await?;
        }
        // A comment by the demo resident who can log in, so a browser test can follow the link
        // to its answer once the report is out.
        let resident = user::Entity::find()
            .filter(user::Column::Email.eq("inwoner@duinwijk.example"))
            .one(&txn)
            .await
            .map_err(|e| err(&e))?
            .ok_or("the demo resident is missing")?;
        write(
            &txn,
            Written {
                municipality_id: m,
                trajectory_id: parkeren,
                activity_id: activity,
                section_id: None,
                parent_id: None,
                author: (resident.id, resident.area_id),
                body: "Ik woon boven de bakker. Een vergunning per adres is te weinig als je met twee mensen werkt."
                    .into(),
                official: false,
                days_ago: 40,
                key: "demo-parkeren-inwoner",
            },
        )
        .await?;
        let desk = user_id(&txn, "loket@duinwijk.example").await?;
        offline(
            &txn,
            (m, parkeren, activity),
            Channel::Phone,
            None,
            "Een ondernemer belde: laden en lossen moet ook 's middags kunnen, anders kan de bakker niet bevoorraad worden.",
            30,
            None,
            desk,
        )
        .await?;
        count += 1;
    }
    txn.commit().await.map_err(|e| err(&e))?;
    Ok(count)
}

/// A consultation with `comments` top-level comments (and their replies) on a new trajectory in
/// a demo municipality, for benchmarks. Returns the consultation's id.
pub async fn seed_load(db: &DatabaseConnection, slug: &str, comments: usize) -> Result<i32, String> {
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    let (m, trajectory) = trajectory_named(&txn, slug, "Herinrichting Dorpsplein")
        .await?
        .ok_or("run seed-demo first: the demo trajectory is missing")?;
    let lead = user_id(&txn, &format!("projectleider@{slug}.example")).await?;
    let activity = add_consultation(
        &txn,
        trajectory,
        1,
        "Belastingtest: een drukke raadpleging",
        "Voor metingen.",
        &[("Onderdeel 1", "Tekst."), ("Onderdeel 2", "Tekst.")],
        lead,
    )
    .await?;
    let residents = existing_residents(&txn, slug).await?;
    let residents =
        if residents.is_empty() { demo_residents(&txn, m, slug, RESIDENT_NAMES.len()).await? } else { residents };
    let sections: Vec<i32> = consultations::find(&txn, MunicipalityId(m), activity)
        .await
        .map_err(|e| err(&e))?
        .ok_or("load consultation missing")?
        .sections
        .iter()
        .map(|s| s.id)
        .collect();
    let mut dice = Dice(42);
    discussion(&txn, &mut dice, (m, trajectory, activity), &sections, &residents, lead, comments, 28).await?;
    txn.commit().await.map_err(|e| err(&e))?;
    Ok(activity)
}

/// `count` verified residents `bench{n}@{slug}.example` sharing one password, for the posting
/// benchmark (which logs them in through the real login). One hash serves all: they are test
/// accounts on a throwaway database.
pub async fn seed_bench_residents(
    db: &DatabaseConnection,
    slug: &str,
    count: usize,
    password: &str,
) -> Result<usize, String> {
    municipality::Entity::find()
        .filter(municipality::Column::Slug.eq(slug))
        .one(db)
        .await
        .map_err(|e| err(&e))?
        .ok_or_else(|| format!("no municipality {slug}"))?;
    let hash = app::server::passwords::hash_password(password.to_owned()).await.map_err(|e| err(&e))?;
    let txn = app::server::writes::begin_write(db).await.map_err(|e| err(&e))?;
    for n in 0..count {
        user::ActiveModel {
            email: Set(format!("bench{n}@{slug}.example")),
            email_verified_at: Set(Some(Utc::now())),
            display_name: Set(format!("Bewoner {n}")),
            password_hash: Set(hash.clone()),
            birth_date: Set(None),
            area_id: Set(None),
            is_platform_admin: Set(false),
            locale: Set(None),
            created_at: Set(Utc::now()),
            password_changed_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| err(&e))?;
    }
    txn.commit().await.map_err(|e| err(&e))?;
    Ok(count)
}
