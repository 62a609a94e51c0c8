//! Rules about the source code itself, checked by reading it: the layer rule (imports point down
//! only: ui → api → server → domain, with model beside them) and the one way to open a write
//! transaction. A rule that only lives in a document is broken by the first hurried change.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, &mut found);
    found
}

/// The code of a line, without its comment.
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or_default()
}

/// (file, line number, code) for every line of the Rust files under `dir`.
fn lines_under(dir: &Path) -> Vec<(String, usize, String)> {
    let files = rust_files(dir);
    assert!(!files.is_empty(), "no source found under {}", dir.display());
    files
        .iter()
        .flat_map(|file| {
            let source = std::fs::read_to_string(file).unwrap_or_default();
            let name = file.display().to_string();
            source
                .lines()
                .enumerate()
                .map(move |(i, line)| (name.clone(), i + 1, code(line).to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn app_dir(layer: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(layer)
}

/// The server binary's source, beside this crate in the workspace.
fn binary_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/src")
}

#[test]
fn imports_point_down_only() {
    // Which higher layers each layer may not name. `crate::server` in api/ is allowed (api sits
    // above it); the binary may reach server/ and model/ but not the server functions' bodies.
    let rules: [(PathBuf, &[&str]); 5] = [
        (app_dir("domain"), &["crate::model", "crate::api", "crate::server", "crate::ui", "leptos", "sea_orm", "axum"]),
        (app_dir("model"), &["crate::api", "crate::server", "crate::ui", "sea_orm", "axum"]),
        (app_dir("server"), &["crate::api", "crate::ui"]),
        (app_dir("api"), &["crate::ui"]),
        (binary_dir(), &["app::api", "app::ui::"]),
    ];
    let mut problems = Vec::new();
    for (dir, forbidden) in rules {
        for (file, number, code) in lines_under(&dir) {
            if file.ends_with("source_rules.rs") {
                continue;
            }
            for name in forbidden {
                let named = code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).any(|word| {
                    word == *name
                        || word.starts_with(&format!("{name}::"))
                        || (name.ends_with("::") && word.starts_with(name))
                });
                if named {
                    problems.push(format!("{file}:{number}: names {name}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "imports that point up:\n{}", problems.join("\n"));
}

/// Every write transaction opens through `server::writes::begin_write` (`BEGIN IMMEDIATE` on
/// SQLite), so that no use case depends on writing before it reads.
#[test]
fn write_transactions_open_one_way() {
    let mut problems = Vec::new();
    for dir in [Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), binary_dir()] {
        for (file, number, code) in lines_under(&dir) {
            if file.ends_with("server/writes.rs") || file.ends_with("source_rules.rs") {
                continue;
            }
            if code.contains(".begin()") || code.contains("begin_with_options") || code.contains("begin_with_config") {
                problems.push(format!("{file}:{number}: open the transaction with writes::begin_write"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
