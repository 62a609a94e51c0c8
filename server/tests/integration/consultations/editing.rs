//! Editing a consultation: sections residents commented on, and phases that carry a consultation.

use super::*;
use crate::trajectories::{details, lead_session};
use http::StatusCode;

#[tokio::test]
async fn sections_with_comments_and_phases_with_consultations_cannot_be_removed() {
    let s = lead_session().await;
    let (trajectory, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let v = view(&s.app, &consultation, Some(&s.lead)).await;
    let (trees, play) = (section_id(&v, 0), section_id(&v, 1));
    comment(&s.app, &consultation, &resident, &[("body", "Meer bomen."), ("section", &trees)]).await;

    let without_trees = s
        .app
        .call(
            "update_consultation",
            &[
                ("municipality", "duinwijk"),
                ("id", &consultation),
                ("title", "Ontwerp"),
                ("phase", "0"),
                ("section_id[0]", &play),
                ("section_title[0]", "Spelen"),
                ("section_body[0]", "Tekst"),
            ],
            Some(&s.lead),
        )
        .await;
    assert_eq!(without_trees.json()["Validation"]["errors"][0]["problem"], "SectionHasComments");
    let reworded = s
        .app
        .call(
            "update_consultation",
            &[
                ("municipality", "duinwijk"),
                ("id", &consultation),
                ("title", "Ontwerp"),
                ("phase", "0"),
                ("section_id[0]", &trees),
                ("section_title[0]", "Bomen"),
                ("section_body[0]", "Nu vijftien bomen."),
            ],
            Some(&s.lead),
        )
        .await;
    assert_eq!(reworded.status, StatusCode::OK, "{}", reworded.body);
    let v = view(&s.app, &consultation, None).await;
    assert_eq!(v["sections"].as_array().unwrap().len(), 1);
    assert_eq!(section_id(&v, 0), trees, "the section kept its identity and its comment");
    assert_eq!(v["sections"][0]["comments"], 1);

    // Renaming and re-dating the phase keeps the consultation in it; removing it is refused.
    let mut renamed =
        details("Herinrichting Dorpsplein", &[("phase_name[0]", "Reageren"), ("phase_starts_on[0]", "2026-02-01")]);
    renamed.push(("id", &trajectory));
    assert_eq!(s.app.call("update_trajectory", &renamed, Some(&s.lead)).await.status, StatusCode::OK);
    assert_eq!(view(&s.app, &consultation, None).await["phase_name"], "Reageren");
    let mut replaced = details(
        "Herinrichting Dorpsplein",
        &[("phase_name[0]", "Iets anders"), ("phase_starts_on[0]", "2010-01-01"), ("phase_ends_on[0]", "2010-02-01")],
    );
    replaced.push(("id", &trajectory));
    replaced.push(("phase_name[1]", "Nog iets"));
    replaced.push(("phase_starts_on[1]", "2011-01-01"));
    replaced.push(("phase_ends_on[1]", "2011-02-01"));
    let kept = s.app.call("update_trajectory", &replaced, Some(&s.lead)).await;
    assert_eq!(kept.status, StatusCode::OK, "paired in order, the phase is kept: {}", kept.body);
    // Two phases stored now; keeping only the other one would drop the consultation's phase.
    let v = view(&s.app, &consultation, None).await;
    assert_eq!(v["phase_name"], "Iets anders");
    let mut one = details(
        "Herinrichting Dorpsplein",
        &[("phase_name[0]", "Nog iets"), ("phase_starts_on[0]", "2011-01-01"), ("phase_ends_on[0]", "2011-02-01")],
    );
    one.push(("id", &trajectory));
    let refused = s.app.call("update_trajectory", &one, Some(&s.lead)).await;
    assert_eq!(refused.json()["Validation"]["errors"][0]["problem"], "PhaseHasActivity");
}
