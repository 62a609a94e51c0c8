//! Attachments through the real router: a lead uploads PDF, PNG and JPEG files; anything else is
//! refused by its content whatever its name; size and count limits; downloads always come as a
//! file with its checked type and a sandboxing policy; only leads of the municipality upload or
//! remove; a draft's files stay with staff.

use crate::common::{Reply, TestApp, ORIGIN};
use crate::consultations::{add_consultation, open_consultation, view};
use crate::trajectories::lead_session;
use app::server::entities::attachment;
use axum::body::Body;
use http::{header, Request, StatusCode};
use sea_orm::{EntityTrait, PaginatorTrait};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";

async fn upload(
    app: &TestApp,
    consultation: &str,
    cookie: Option<&str>,
    file_name: &str,
    content: &[u8],
    origin: &str,
) -> Reply {
    let boundary = "----samenspraak-test-grens";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut request = Request::post(format!("/duinwijk/raadplegingen/{consultation}/bijlagen"))
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::CONTENT_LENGTH, body.len())
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, origin);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    app.send(request.body(Body::from(body)).unwrap()).await
}

#[tokio::test]
async fn a_lead_adds_pdf_png_and_jpeg_and_they_come_back_as_downloads() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    for (name, content) in [("Ontwerp plein.pdf", PDF), ("kaart.png", PNG), ("foto.jpeg", JPEG)] {
        let reply = upload(&s.app, &consultation, Some(&s.lead), name, content, ORIGIN).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{name}: {}", reply.body);
        assert!(reply.location().unwrap().ends_with("?bijlage=toegevoegd#bijlagen"), "{:?}", reply.location());
    }
    let v = view(&s.app, &consultation, None).await;
    let files = v["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["file_name"], "Ontwerp plein.pdf");
    assert_eq!(files[2]["file_name"], "foto.jpg", "the extension follows the content");
    let page = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), None).await.body;
    assert!(page.contains("Ontwerp plein.pdf") && page.contains("PDF"), "listed with its type");

    let download = s.app.get(files[0]["href"].as_str().unwrap(), None).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.headers[header::CONTENT_TYPE], "application/pdf");
    let disposition = download.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"Ontwerp plein.pdf\""), "{disposition}");
    assert_eq!(download.headers[header::CONTENT_SECURITY_POLICY], "default-src 'none'; sandbox");
    assert_eq!(download.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(download.body.as_bytes(), PDF);
    let other_municipality = files[0]["href"].as_str().unwrap().replace("/duinwijk/", "/polderveen/");
    assert_eq!(s.app.get(&other_municipality, None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn files_are_judged_by_content_size_and_number() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let refused = |reply: &Reply, code: &str| {
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert!(reply.location().unwrap().contains(&format!("bijlage_fout={code}")), "{:?}", reply.location());
    };
    refused(
        &upload(&s.app, &consultation, Some(&s.lead), "plan.pdf", b"<html><script>alert(1)</script></html>", ORIGIN)
            .await,
        "soort",
    );
    refused(
        &upload(
            &s.app,
            &consultation,
            Some(&s.lead),
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            ORIGIN,
        )
        .await,
        "soort",
    );
    refused(&upload(&s.app, &consultation, Some(&s.lead), "leeg.pdf", b"", ORIGIN).await, "leeg");
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    refused(&upload(&s.app, &consultation, Some(&s.lead), "groot.pdf", &big, ORIGIN).await, "te-groot");
    big.resize(21 * 1024 * 1024, b' ');
    assert_eq!(
        upload(&s.app, &consultation, Some(&s.lead), "enorm.pdf", &big, ORIGIN).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    for n in 0..10 {
        upload(&s.app, &consultation, Some(&s.lead), &format!("{n}.png"), PNG, ORIGIN).await;
    }
    refused(&upload(&s.app, &consultation, Some(&s.lead), "elf.png", PNG, ORIGIN).await, "te-veel");
    assert_eq!(attachment::Entity::find().count(&s.app.db).await.unwrap(), 10);
    let editor =
        s.app.get(&format!("/duinwijk/raadplegingen/{consultation}/bewerken?bijlage_fout=soort"), Some(&s.lead)).await;
    assert!(editor.body.contains("Kies een PDF, PNG of JPEG"), "the reason is shown next to the file field");
}

#[tokio::test]
async fn only_leads_of_the_municipality_add_or_remove_files_and_drafts_keep_theirs() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in("inwoner@duinwijk.example").await;
    let other_lead = s.log_in("projectleider@polderveen.example").await;
    assert_eq!(
        upload(&s.app, &consultation, Some(&resident), "a.pdf", PDF, ORIGIN).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        upload(&s.app, &consultation, Some(&other_lead), "a.pdf", PDF, ORIGIN).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(upload(&s.app, &consultation, None, "a.pdf", PDF, ORIGIN)
        .await
        .location()
        .unwrap()
        .starts_with("/inloggen"));
    assert_eq!(
        upload(&s.app, &consultation, Some(&s.lead), "a.pdf", PDF, "https://evil.example").await.status,
        StatusCode::FORBIDDEN,
        "cross-site posts are refused"
    );
    assert_eq!(attachment::Entity::find().count(&s.app.db).await.unwrap(), 0);

    upload(&s.app, &consultation, Some(&s.lead), "a.pdf", PDF, ORIGIN).await;
    let id = view(&s.app, &consultation, None).await["attachments"][0]["id"].as_i64().unwrap().to_string();
    let form = [("municipality", "duinwijk"), ("consultation", consultation.as_str()), ("attachment", id.as_str())];
    assert_eq!(s.app.call("remove_attachment", &form, Some(&other_lead)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(s.app.call("remove_attachment", &form, Some(&s.lead)).await.status, StatusCode::OK);
    assert_eq!(attachment::Entity::find().count(&s.app.db).await.unwrap(), 0);

    // A draft trajectory's files are for staff only.
    let draft = s.create("Nog geheim", &[]).await;
    let hidden = add_consultation(&s, &draft, &[]).await;
    upload(&s.app, &hidden, Some(&s.lead), "geheim.pdf", PDF, ORIGIN).await;
    let href = view(&s.app, &hidden, Some(&s.lead)).await["attachments"][0]["href"].as_str().unwrap().to_owned();
    assert_eq!(s.app.get(&href, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(s.app.get(&href, Some(&resident)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(s.app.get(&href, Some(&s.lead)).await.status, StatusCode::OK);
}
