//! Where the built front end's files are. `scripts/build-front.sh` names each file after its
//! content (`samenspraak.3f9c…e1.css`), so browsers may keep it for a year, and lists the names in
//! `{site root}/assets.txt`. Without that list (a front end built by `cargo leptos watch`) the
//! plain names are used, and so they are when those files are newer than the list.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The list of content-named files, relative to the site root.
pub const MANIFEST: &str = "assets.txt";

/// Addresses of the stylesheet, the script and the WebAssembly module of the front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontEndFiles {
    pub stylesheet: String,
    pub script: String,
    pub wasm: String,
}

impl FrontEndFiles {
    fn plain(pkg_url: &str, output_name: &str) -> Self {
        Self {
            stylesheet: format!("{pkg_url}/{output_name}.css"),
            script: format!("{pkg_url}/{output_name}.js"),
            wasm: format!("{pkg_url}/{output_name}.wasm"),
        }
    }

    /// Reads `stylesheet NAME`, `script NAME` and `wasm NAME` lines; `None` when one is missing.
    fn from_manifest(text: &str, pkg_url: &str) -> Option<Self> {
        let named = |kind: &str| {
            text.lines()
                .filter_map(|line| line.split_once(' '))
                .find(|(k, _)| *k == kind)
                .map(|(_, name)| format!("{pkg_url}/{}", name.trim()))
        };
        Some(Self { stylesheet: named("stylesheet")?, script: named("script")?, wasm: named("wasm")? })
    }
}

/// The front end's files for this site, read once per site root and process.
pub fn front_end_files(options: &leptos::config::LeptosOptions) -> Arc<FrontEndFiles> {
    static KNOWN: OnceLock<Mutex<HashMap<PathBuf, Arc<FrontEndFiles>>>> = OnceLock::new();
    let root = PathBuf::from(options.site_root.as_ref());
    let known = KNOWN.get_or_init(Default::default);
    if let Some(files) = known.lock().ok().and_then(|k| k.get(&root).cloned()) {
        return files;
    }
    let files = Arc::new(look_up(&root, &options.site_pkg_dir, &options.output_name));
    if let Ok(mut known) = known.lock() {
        known.insert(root, files.clone());
    }
    files
}

fn look_up(root: &Path, pkg_dir: &str, output_name: &str) -> FrontEndFiles {
    let pkg_url = format!("/{pkg_dir}");
    let manifest = root.join(MANIFEST);
    let listed = std::fs::read_to_string(&manifest).ok().and_then(|text| FrontEndFiles::from_manifest(&text, &pkg_url));
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let plain_is_newer = || {
        let plain_script = root.join(pkg_dir).join(format!("{output_name}.js"));
        matches!((modified(&plain_script), modified(&manifest)), (Some(p), Some(m)) if p > m)
    };
    match listed {
        Some(files) if !plain_is_newer() => files,
        Some(_) => {
            tracing::info!("the front end's plain files are newer than {MANIFEST}: serving those");
            FrontEndFiles::plain(&pkg_url, output_name)
        }
        None => FrontEndFiles::plain(&pkg_url, output_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_names_each_file_and_a_partial_one_is_not_used() {
        let files = FrontEndFiles::from_manifest("stylesheet s.1.css\nscript s.2.js\nwasm s.3.wasm\n", "/pkg");
        assert_eq!(
            files,
            Some(FrontEndFiles {
                stylesheet: "/pkg/s.1.css".into(),
                script: "/pkg/s.2.js".into(),
                wasm: "/pkg/s.3.wasm".into()
            })
        );
        assert_eq!(FrontEndFiles::from_manifest("stylesheet s.1.css\nscript s.2.js\n", "/pkg"), None);
        assert_eq!(FrontEndFiles::plain("/pkg", "s").wasm, "/pkg/s.wasm");
    }
}
