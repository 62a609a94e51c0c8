//! One process may hold several routers (the tests do; so could a future multi-tenant set-up).
//! Building one must never stall pages that another is rendering.

use crate::common::TestApp;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[tokio::test]
async fn pages_keep_rendering_while_another_router_is_built() {
    let (app, _) = TestApp::seeded().await;
    let stop = Arc::new(AtomicBool::new(false));
    let builder = std::thread::spawn({
        let (state, secret, stop) = (app.state.clone(), app.config.session_secret.clone(), stop.clone());
        move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let _inside = runtime.enter();
            let mut built = 0;
            while !stop.load(Ordering::Relaxed) {
                drop(server::build_router(state.clone(), &secret));
                built += 1;
            }
            built
        }
    });
    for attempt in 0..40 {
        for path in ["/inloggen", "/", "/duinwijk"] {
            let reply = tokio::time::timeout(Duration::from_secs(10), app.get(path, None)).await;
            assert!(reply.is_ok(), "{path} (attempt {attempt}) never finished while routers were being built");
        }
    }
    stop.store(true, Ordering::Relaxed);
    assert!(builder.join().unwrap() > 0, "routers were built during the test");
}
