// Live preview: the email and the survey page as the server renders them, at phone width. Beside the form one locale
// shows at a time (a switch picks it); on a screen wide enough for two phones, both locales side by side.
import { createSignal, For, Show } from "solid-js";
import { LOCALES, type Locale } from "../../../../server/domain/template-content";
import { t } from "../../i18n";
import type { Preview } from "../../templates-api";

export function PreviewPanel(props: { preview: Preview | undefined; stale: boolean; error?: string; id?: string }) {
  const [view, setView] = createSignal<"email" | "page">("email");
  const [shown, setShown] = createSignal<Locale>("en");
  const viewName = () => (view() === "email" ? t("editor.email") : t("editor.previewPage"));
  return (
    <section class="card preview" id={props.id} aria-labelledby="preview-title">
      <div class="preview-head">
        <h2 id="preview-title">{t("editor.viewPreview")}</h2>
        <div class="seg" role="group" aria-label={t("editor.previewWhat")}>
          <button type="button" class="btn btn-small" aria-pressed={view() === "email"} onClick={() => setView("email")}>
            {t("editor.email")}
          </button>
          <button type="button" class="btn btn-small" aria-pressed={view() === "page"} onClick={() => setView("page")}>
            {t("editor.previewPage")}
          </button>
        </div>
        <div class="seg preview-locales" role="group" aria-label={t("editor.previewLocale")}>
          <For each={LOCALES}>
            {(locale) => (
              <button type="button" class="btn btn-small" aria-pressed={shown() === locale} onClick={() => setShown(locale)} data-testid={`preview-locale-${locale}`}>
                {t(`editor.localeName.${locale}`)}
              </button>
            )}
          </For>
        </div>
      </div>
      <Show when={props.error}>
        <p class="note note-error" role="status">
          {props.error}
        </p>
      </Show>
      <Show when={props.preview} fallback={<Show when={!props.error}><p class="muted">{t("editor.rendering")}</p></Show>}>
        {(p) => (
          <div class="preview-pair" classList={{ stale: props.stale }}>
            <For each={LOCALES}>
              {(locale) => (
                <figure class="phone" classList={{ "phone-off": shown() !== locale }}>
                  <figcaption>
                    <strong>{t(`editor.localeName.${locale}`)}</strong>
                    <Show when={view() === "email"}>
                      <span class="preview-subject" data-testid={`preview-subject-${locale}`}>
                        {p().email[locale]?.subject}
                      </span>
                    </Show>
                  </figcaption>
                  {/* sandbox="": no scripts, no navigation of the dashboard; srcdoc: the exact HTML the server rendered. */}
                  <iframe
                    class="phone-frame"
                    title={t("editor.previewFrame", { what: viewName(), locale: t(`editor.localeName.${locale}`) })}
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
