// The customer's links: GET/POST /s/{token} (survey) and GET/POST /u/{token} (unsubscribe). The token is the credential.
import { Hono, type Context } from "hono";
import { negotiateLocale, t } from "../../emails/i18n";
import type { Deps } from "../deps";
import { LOCALES, type Locale } from "../domain/template-content";
import { AppError } from "../errors";
import { COMMENT_MAX, recordAnswer } from "../services/record-answer";
import { surveyAccess } from "../services/survey-access";
import { unsubscribe } from "../services/unsubscribe";
import type { AppEnv } from "./app-env";
import { renderClosedPage, renderNotFoundPage, renderSurveyPage, renderUnsubscribePage } from "./pages/survey-page";

const asLocale = (v: unknown): Locale | undefined => ((LOCALES as readonly unknown[]).includes(v) ? (v as Locale) : undefined);

/** Form bodies are parsed with URLSearchParams: much faster than formData() on this hot path. */
async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (type.includes("application/json")) {
    const body = await c.req.json().catch(() => {
      throw new AppError("invalid_input", 400, "Malformed JSON body");
    });
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new AppError("invalid_input", 400, "Body must be a JSON object");
    return body as Record<string, unknown>;
  }
  if (type.includes("multipart/form-data")) return (await c.req.parseBody()) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

const wantsJson = (c: Context) => (c.req.header("content-type") ?? "").includes("application/json") || /application\/json/.test(c.req.header("accept") ?? "");

/** Pages carrying a token: never cached, never indexed, never leaked through Referer. */
function privatePage(c: Context, html: string, status: 200 | 400 | 404 | 410) {
  c.header("Cache-Control", "no-store");
  c.header("X-Robots-Tag", "noindex");
  c.header("Referrer-Policy", "no-referrer");
  return c.html(html, status);
}

function localizedErrors(locale: Locale, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(errors).map((key) => [
      key,
      key === "score" ? t(locale, "error.scoreRange") : key === "comment" ? t(locale, "error.tooLong", { max: COMMENT_MAX }) : t(locale, "error.scaleRange"),
    ]),
  );
}

export function surveyRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  // GET (and HEAD, which Hono answers from GET) only reads: mail scanners open every link.
  app.get("/s/:token", async (c) => {
    const token = c.req.param("token");
    const access = await surveyAccess(deps.db, token, deps.clock.now());
    if (access.state === "not_found") return privatePage(c, renderNotFoundPage(negotiateLocale(c.req.header("accept-language"))), 404);
    const locale = asLocale(c.req.query("lang")) ?? (access.invitation.locale as Locale);
    if (access.state === "closed") return privatePage(c, renderClosedPage(locale, access.template.content), 410);

    const r = access.response;
    const answers: Record<string, string | number> = {};
    if (r) {
      const stored = {
        score: r.score,
        csat: r.csat,
        benefit_functional: r.benefitFunctional,
        benefit_social: r.benefitSocial,
        benefit_emotional: r.benefitEmotional,
        benefit_monetary: r.benefitMonetary,
        cost_money: r.costMoney,
        cost_time: r.costTime,
        cost_effort: r.costEffort,
        cost_risk: r.costRisk,
        comment: r.comment,
        ...r.extra,
      };
      for (const [k, v] of Object.entries(stored)) if (v !== null && v !== undefined) answers[k] = v;
    }
    const chosen = Number(c.req.query("score"));
    if (c.req.query("score") !== undefined && Number.isInteger(chosen) && chosen >= 0 && chosen <= 10) answers.score = chosen;

    const base = `/s/${token}`;
    // Switching language keeps the chosen score in the link; following it records nothing.
    const keep = c.req.query("score") !== undefined && answers.score === chosen ? `&score=${chosen}` : "";
    return privatePage(
      c,
      renderSurveyPage({
        locale,
        content: access.template.content,
        postUrl: base,
        answers,
        saved: c.req.query("saved") === "1",
        previouslyAnswered: r !== null,
        closesAt: access.invitation.closesAt,
        errors: {},
        switchLocaleUrls: { en: `${base}?lang=en${keep}`, vi: `${base}?lang=vi${keep}` },
      }),
      200,
    );
  });

  app.post("/s/:token", async (c) => {
    const token = c.req.param("token");
    const body = await readBody(c);
    try {
      const recorded = await recordAnswer(deps.db, token, body, deps.clock.now());
      // Published only after the commit: the live dashboard never shows an answer that could be lost.
      deps.events.publish({ type: "answer", responseId: recorded.responseId });
      if (wantsJson(c)) return c.json({ ok: true, responseId: recorded.responseId }, recorded.created ? 201 : 200);
      const lang = asLocale(body.locale);
      return c.redirect(`/s/${token}?saved=1${lang ? `&lang=${lang}` : ""}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || wantsJson(c)) throw err;
      // Without JavaScript the customer sees a page, not JSON.
      const access = await surveyAccess(deps.db, token, deps.clock.now());
      if (access.state === "not_found") return privatePage(c, renderNotFoundPage(negotiateLocale(c.req.header("accept-language"))), 404);
      const locale = asLocale(body.locale) ?? (access.invitation.locale as Locale);
      if (access.state === "closed") return privatePage(c, renderClosedPage(locale, access.template.content), 410);
      const base = `/s/${token}`;
      const answers = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<string, string>;
      return privatePage(
        c,
        renderSurveyPage({
          locale,
          content: access.template.content,
          postUrl: base,
          answers,
          saved: false,
          closesAt: access.invitation.closesAt,
          errors: localizedErrors(locale, (err.details ?? {}) as Record<string, string>),
          switchLocaleUrls: { en: `${base}?lang=en`, vi: `${base}?lang=vi` },
        }),
        400,
      );
    }
  });

  app.get("/u/:token", async (c) => {
    const token = c.req.param("token");
    const access = await surveyAccess(deps.db, token, deps.clock.now());
    if (access.state === "not_found") return privatePage(c, renderNotFoundPage(negotiateLocale(c.req.header("accept-language"))), 404);
    const locale = asLocale(c.req.query("lang")) ?? (access.invitation.locale as Locale);
    const done = access.customer.unsubscribedAt !== null;
    return privatePage(c, renderUnsubscribePage({ locale, content: access.template.content, postUrl: `/u/${token}`, done }), 200);
  });

  // RFC 8058 one-click: the mailbox provider posts cross-site without cookies; answer 200, never a redirect.
  app.post("/u/:token", async (c) => {
    const token = c.req.param("token");
    try {
      const { locale } = await unsubscribe(deps.db, token, deps.clock.now());
      if (wantsJson(c)) return c.json({ ok: true }, 200);
      return privatePage(c, renderUnsubscribePage({ locale: locale as Locale, postUrl: `/u/${token}`, done: true }), 200);
    } catch (err) {
      if (err instanceof AppError && err.status === 404 && !wantsJson(c))
        return privatePage(c, renderNotFoundPage(negotiateLocale(c.req.header("accept-language"))), 404);
      throw err;
    }
  });

  return app;
}
