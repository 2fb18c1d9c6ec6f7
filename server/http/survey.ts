// The customer's links: GET/POST /s/{token} (survey) and GET/POST /u/{token} (unsubscribe). The token is the credential.
import { Hono, type Context } from "hono";
import { negotiateLocale, t } from "../../emails/i18n";
import type { Deps } from "../deps";
import { base64, randomBytes } from "../domain/crypto";
import { LOCALES, oneClickQuestion, oneClickValues, type Locale, type TemplateContent } from "../domain/template-content";
import { AppError } from "../errors";
import { COMMENT_MAX, valueAnswers } from "../domain/vocabulary";
import { recordAnswer } from "../services/record-answer";
import { recordHoneypotHit, recordScoreClick } from "../services/scanner-clicks";
import { surveyAccess } from "../services/survey-access";
import { resubscribe, unsubscribe } from "../services/unsubscribe";
import type { AppEnv } from "./app-env";
import { renderClosedPage } from "./pages/closed-page";
import { renderNotFoundPage } from "./pages/not-found-page";
import { localeUrls, renderSurveyPage } from "./pages/survey-page";
import { renderUnsubscribePage } from "./pages/unsubscribe-page";

const asLocale = (v: unknown): Locale | undefined => ((LOCALES as readonly unknown[]).includes(v) ? (v as Locale) : undefined);

/** Form bodies are parsed with URLSearchParams: much faster than formData() on this hot path. */
async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (type.includes("application/json")) {
    const body = await c.req.json().catch(() => {
      throw new AppError("invalid_input", "Malformed JSON body");
    });
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new AppError("invalid_input", "Body must be a JSON object");
    return body as Record<string, unknown>;
  }
  if (type.includes("multipart/form-data")) return (await c.req.parseBody()) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

const wantsJson = (c: Context) => (c.req.header("content-type") ?? "").includes("application/json") || /application\/json/.test(c.req.header("accept") ?? "");

/** A fresh CSP nonce per response (128 bits, base64). */
function newNonce(): string {
  return base64(randomBytes(16));
}

/**
 * Pages carrying a token: never cached, never indexed, never framed, never leaked through Referer. The CSP allows only
 * this response's inline <style> and <script> (by nonce, no 'unsafe-inline'), fetches to our own origin, and form posts
 * to our own origin. Headers set here win over the app-wide defaults (secureHeaders runs with overwrite: false).
 */
function privatePage(c: Context, render: (nonce: string) => string, status: 200 | 400 | 404 | 410) {
  const nonce = newNonce();
  c.header("Cache-Control", "no-store");
  c.header("X-Robots-Tag", "noindex");
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Frame-Options", "DENY");
  c.header(
    "Content-Security-Policy",
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self'; connect-src 'self'; ` +
      `form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  );
  return c.html(render(nonce), status);
}

const notFound = (c: Context) => privatePage(c, (nonce) => renderNotFoundPage(negotiateLocale(c.req.header("accept-language")), undefined, nonce), 404);

/** The customer's-language message for each failing field, by the type of its question. */
function localizedErrors(locale: Locale, content: TemplateContent, errors: Record<string, string>): Record<string, string> {
  const typeOf = (key: string) => content.questions.find((q) => q.key === key)?.type;
  return Object.fromEntries(
    Object.keys(errors).map((key) => {
      const type = typeOf(key);
      const message =
        type === "nps"
          ? t(locale, "error.scoreRange")
          : type === "text"
            ? t(locale, "error.tooLong", { max: COMMENT_MAX })
            : type === "choice" || type === "expectation"
              ? t(locale, "error.choice")
              : t(locale, "error.scaleRange");
      return [key, message];
    }),
  );
}

export function surveyRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  // GET (and HEAD, which Hono answers from GET) never records an answer: mail scanners open every link. What a GET
  // may write is scanner telemetry (link_clicks, invitations.scanned_at), never anything a customer or score sees.

  // The honeypot link, hidden in the email: only a program that follows every link opens it. Marks the invitation as
  // scanned (telemetry, never an answer); the page is the same "not found" a forged link gets.
  app.get("/s/:token/h", async (c) => {
    const access = await surveyAccess(deps, c.req.param("token"));
    if (access.state !== "not_found") await recordHoneypotHit(deps, access.invitation.id);
    return notFound(c);
  });

  app.get("/s/:token", async (c) => {
    const token = c.req.param("token");
    const now = deps.clock.now();
    const access = await surveyAccess(deps, token);
    if (access.state === "not_found") return notFound(c);
    const locale = asLocale(c.req.query("lang")) ?? (access.invitation.locale as Locale);
    if (access.state === "closed")
      return privatePage(c, (nonce) => renderClosedPage(locale, access.template.content, { nonce, answered: access.response !== null }), 410);

    const r = access.response;
    const answers: Record<string, string | number> = {};
    if (r) {
      const stored = {
        score: r.score,
        csat: r.csat,
        ...valueAnswers(r),
        comment: r.comment,
        ...r.extra,
      };
      for (const [k, v] of Object.entries(stored)) if (v !== null && v !== undefined) answers[k] = v;
    }
    // The email's one-click row is the template's first scale question: `?score=N` (NPS) or `?csat=N` (CSAT).
    const oneClick = oneClickQuestion(access.template.content);
    const param = oneClick ? c.req.query(oneClick.key) : undefined;
    const chosen = Number(param);
    const fromLink = oneClick !== null && param !== undefined && oneClickValues(oneClick).includes(chosen);
    const stored = oneClick ? answers[oneClick.key] : undefined;
    let automated = false;
    if (fromLink) {
      answers[oneClick.key] = chosen;
      // Seconds after delivery, many different answer links at once is a scanner: its clicks are counted apart, and
      // its copy of the page does not post the answer by itself.
      if (c.req.query("lang") === undefined) automated = (await recordScoreClick(deps, access.invitation, chosen)) === "automated";
    }

    const base = `/s/${token}`;
    // Switching language keeps the chosen answer in the link; following it records nothing.
    const keep = fromLink ? `&${oneClick.key}=${chosen}` : "";
    return privatePage(
      c,
      (nonce) =>
        renderSurveyPage({
          locale,
          content: access.template.content,
          postUrl: base,
          answers,
          saved: c.req.query("saved") === "1",
          previouslyAnswered: r !== null,
          closesAt: access.invitation.closesAt,
          errors: {},
          switchLocaleUrls: localeUrls((l) => `${base}?lang=${l}${keep}`),
          nonce,
          scoreFromLink: fromLink && !automated && stored !== chosen,
          productName: access.productName,
        }),
      200,
    );
  });

  app.post("/s/:token", async (c) => {
    const token = c.req.param("token");
    const body = await readBody(c);
    try {
      const recorded = await recordAnswer(deps, { token, answers: body });
      // navigator.sendBeacon from a page being closed: nobody reads the answer, so no redirect to follow.
      if (c.req.query("beacon") !== undefined) return c.body(null, 204);
      if (wantsJson(c)) return c.json({ ok: true, responseId: recorded.responseId }, recorded.created ? 201 : 200);
      const lang = asLocale(body.locale);
      return c.redirect(`/s/${token}?saved=1${lang ? `&lang=${lang}` : ""}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || wantsJson(c) || c.req.query("beacon") !== undefined) throw err;
      // Without JavaScript the customer sees a page, not JSON.
      const access = await surveyAccess(deps, token);
      if (access.state === "not_found") return notFound(c);
      const locale = asLocale(body.locale) ?? (access.invitation.locale as Locale);
      if (access.state === "closed")
        return privatePage(c, (nonce) => renderClosedPage(locale, access.template.content, { nonce, answered: access.response !== null }), 410);
      const base = `/s/${token}`;
      const answers = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<string, string>;
      return privatePage(
        c,
        (nonce) =>
          renderSurveyPage({
            locale,
            content: access.template.content,
            postUrl: base,
            answers,
            saved: false,
            closesAt: access.invitation.closesAt,
            errors: localizedErrors(locale, access.template.content, (err.details ?? {}) as Record<string, string>),
            switchLocaleUrls: localeUrls((l) => `${base}?lang=${l}`),
            nonce,
            scoreFromLink: false,
          }),
        400,
      );
    }
  });

  app.get("/u/:token", async (c) => {
    const token = c.req.param("token");
    const access = await surveyAccess(deps, token);
    if (access.state === "not_found") return notFound(c);
    const locale = asLocale(c.req.query("lang")) ?? (access.invitation.locale as Locale);
    const done = access.customer.unsubscribedAt !== null;
    return privatePage(
      c,
      (nonce) => renderUnsubscribePage({ locale, content: access.template.content, postUrl: `/u/${token}`, done, already: done, nonce }),
      200,
    );
  });

  // RFC 8058 one-click: the mailbox provider posts cross-site without cookies; answer 200, never a redirect.
  app.post("/u/:token", async (c) => {
    const token = c.req.param("token");
    try {
      const { locale, content } = await unsubscribe(deps, token);
      if (wantsJson(c)) return c.json({ ok: true }, 200);
      return privatePage(c, (nonce) => renderUnsubscribePage({ locale: locale as Locale, content, postUrl: `/u/${token}`, done: true, nonce }), 200);
    } catch (err) {
      if (err instanceof AppError && err.status === 404 && !wantsJson(c)) return notFound(c);
      throw err;
    }
  });

  // The confirmation page's "Subscribe again" button. A POST: a GET never changes a subscription.
  app.post("/u/:token/resubscribe", async (c) => {
    const token = c.req.param("token");
    try {
      const { locale, content } = await resubscribe(deps, token);
      if (wantsJson(c)) return c.json({ ok: true }, 200);
      return privatePage(c, (nonce) => renderUnsubscribePage({ locale: locale as Locale, content, postUrl: `/u/${token}`, done: false, resubscribed: true, nonce }), 200);
    } catch (err) {
      if (err instanceof AppError && err.status === 404 && !wantsJson(c)) return notFound(c);
      throw err;
    }
  });

  return app;
}
