// Any dashboard path we don't know.
import { A, useLocation } from "@solidjs/router";
import { createEffect } from "solid-js";
import { t } from "../i18n";

export function NotFound() {
  const location = useLocation();
  createEffect(() => (document.title = t("notFound.docTitle")));
  return (
    <section>
      <h1>{t("notFound.title")}</h1>
      <p class="muted">{t("notFound.text", { path: location.pathname })}</p>
      <p>
        <A href="/live">{t("notFound.home")}</A>
      </p>
    </section>
  );
}
