// Live preview: the email and the survey page as the server renders them, both locales side by side, at phone width.
import { createSignal, For, Show } from "solid-js";
import { LOCALE_NAMES, LOCALES } from "../../../../server/domain/template-content";
import type { Preview } from "../../templates-api";

export function PreviewPanel(props: { preview: Preview | undefined; stale: boolean; error?: string }) {
  const [view, setView] = createSignal<"email" | "page">("email");
  return (
    <section class="card preview" aria-labelledby="preview-title">
      <div class="preview-head">
        <h2 id="preview-title">Preview</h2>
        <div class="seg" role="group" aria-label="What to preview">
          <button type="button" class="btn btn-small" aria-pressed={view() === "email"} onClick={() => setView("email")}>
            Email
          </button>
          <button type="button" class="btn btn-small" aria-pressed={view() === "page"} onClick={() => setView("page")}>
            Survey page
          </button>
        </div>
      </div>
      <Show when={props.error}>
        <p class="note note-error" role="status">
          {props.error}
        </p>
      </Show>
      <Show when={props.preview} fallback={<Show when={!props.error}><p class="muted">Rendering…</p></Show>}>
        {(p) => (
          <div class="preview-pair" classList={{ stale: props.stale }}>
            <For each={LOCALES}>
              {(locale) => (
                <figure class="phone">
                  <figcaption>
                    <strong>{LOCALE_NAMES[locale]}</strong>
                    <Show when={view() === "email"}>
                      <span class="preview-subject" data-testid={`preview-subject-${locale}`}>
                        {p().email[locale]?.subject}
                      </span>
                    </Show>
                  </figcaption>
                  {/* sandbox="": no scripts, no navigation of the dashboard; srcdoc: the exact HTML the server rendered. */}
                  <iframe
                    class="phone-frame"
                    title={`${view() === "email" ? "Email" : "Survey page"} preview, ${LOCALE_NAMES[locale]}`}
                    data-testid={`preview-${view()}-${locale}`}
                    sandbox=""
                    srcdoc={view() === "email" ? (p().email[locale]?.html ?? "") : (p().page[locale] ?? "")}
                  />
                </figure>
              )}
            </For>
          </div>
        )}
      </Show>
    </section>
  );
}
