//! The front end in every page's head: the stylesheet and the loader that wakes the page's
//! islands. Pages are rendered on the server and used as they are (links and forms work without
//! script); only `#[island]` components run in the browser, and a page without one loads no
//! script beyond the loader itself (see docs/front-end.md).

#[cfg(feature = "ssr")]
use crate::ui::raw_text::InlineModuleScript;
use leptos::prelude::*;

/// Wakes the islands on this page: fetches the script and the WebAssembly module only when the
/// page has an island, then hands each island its element, nested islands inside out as Leptos'
/// islands expect (a `leptos-children` element carries the callback its parent island left).
/// `data-hydrated` on `<html>` says the front end is done with the page, islands or not.
///
/// Before that, the two enhancements forms share that are not worth a WebAssembly module on a
/// resident's phone: a text field with a limit counts down what is left while typing
/// (`TextArea`'s `max_chars`), said to screen readers a moment after typing stops; and an element
/// with `data-chosen="{n} …"` says how many `chosen[]` boxes of its form are ticked (the
/// answering screen, where the list is long and the answer sits beside or below it).
#[cfg(feature = "ssr")]
const LOADER: &str = r#"async (script, wasm) => {
  const spoken = new WeakMap();
  const count = (field) => {
    const counter = field.id && document.getElementById(field.id + "-tekens");
    if (!counter || !counter.dataset.maxChars) return;
    const left = Number(counter.dataset.maxChars) - [...field.value.replace(/\r\n/g, "\n")].length;
    const template = left < 0 ? counter.dataset.over : counter.dataset.left;
    const text = template.replace("{n}", Math.abs(left).toLocaleString(document.documentElement.lang || "nl"));
    counter.textContent = text;
    counter.classList.toggle("char-count--over", left < 0);
    clearTimeout(spoken.get(counter));
    spoken.set(counter, setTimeout(() => { counter.nextElementSibling.textContent = text; }, 1000));
  };
  document.addEventListener("input", (event) => count(event.target));
  document.querySelectorAll("[data-max-chars]").forEach((counter) => {
    const field = document.getElementById(counter.id.replace(/-tekens$/, ""));
    if (field && field.value) count(field);
  });
  const chosen = (form) => form?.querySelectorAll("[data-chosen]").forEach((out) => {
    out.textContent = out.dataset.chosen.replace("{n}", form.querySelectorAll("input[name='chosen[]']:checked").length);
  });
  document.addEventListener("change", (event) => chosen(event.target.form));
  document.querySelectorAll("[data-chosen]").forEach((out) => chosen(out.closest("form")));
  if (document.querySelector("leptos-island")) {
    const front = await import(script);
    await front.default({ module_or_path: wasm });
    front.hydrate();
    const parents = [];
    const visit = async (node) => {
      for (const element of node.children) {
        if (element.localName === "leptos-island") {
          const wake = front[element.dataset.component];
          if (wake) {
            parents.at(-1)?.();
            await wake(element);
          } else {
            console.warn("no island called " + element.dataset.component);
          }
          await visit(element);
        } else if (element.localName === "leptos-children") {
          parents.push(element.$$on_hydrate);
          await visit(element);
          parents.pop();
        } else {
          await visit(element);
        }
      }
    };
    await visit(document.body);
  }
  document.documentElement.setAttribute("data-hydrated", "");
}"#;

/// The stylesheet link and the islands loader, with the content-named files of this build.
#[component]
pub fn FrontEnd(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        // Only islands are hydrated, so the server leaves out the hydration markers of everything
        // else (what Leptos' own `HydrationScripts` does in islands mode).
        if let Some(context) = Owner::current_shared_context() {
            context.set_is_hydrating(false);
        }
        let files = crate::server::front_end::front_end_files(&options);
        let loader = format!("({LOADER})({:?}, {:?});", files.script, files.wasm);
        view! {
            <link rel="stylesheet" href=files.stylesheet.clone()/>
            <InlineModuleScript code=loader/>
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = options;
    }
}
