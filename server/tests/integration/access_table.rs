use app::domain::access::SERVER_FUNCTIONS;

/// Every server function the binary registers is in the access table, and the table names no
/// function that does not exist.
#[test]
fn access_table_lists_exactly_the_registered_server_functions() {
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned()).collect();
    assert!(!registered.is_empty());
    for path in &registered {
        assert!(
            SERVER_FUNCTIONS.iter().any(|e| e.path == path),
            "server function {path} is missing from app::domain::access::SERVER_FUNCTIONS"
        );
    }
    for entry in SERVER_FUNCTIONS {
        assert!(registered.iter().any(|p| p == entry.path), "{} is listed but not registered", entry.path);
    }
}

/// Every page route of the router is in the access table, so no page is reachable by accident.
#[tokio::test]
async fn access_table_lists_every_page_route() {
    use app::domain::access::PAGES;
    let routes = leptos_axum::generate_route_list(app::App);
    assert!(!routes.is_empty());
    for route in routes {
        // The router writes parameters as {name}; the table as :name.
        let path = route.path().replace('{', ":").replace('}', "");
        assert!(PAGES.iter().any(|e| e.path == path), "page route {path} is missing from app::domain::access::PAGES");
    }
}
