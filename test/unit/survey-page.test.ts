// The customer's survey pages as rendered by the server, in every locale: what a customer (and a screen reader) would notice.
import { gzipSync } from "node:zlib";
import { Hono } from "hono";
import { jsx } from "hono/jsx";
import { describe, expect, it } from "vitest";
import { t } from "../../emails/i18n";
import { defaultTemplate } from "../../server/domain/default-template";
import { LOCALES, templateContentSchema, type Locale } from "../../server/domain/template-content";
import { presetById } from "../../server/domain/template-presets";
import { renderClosedPage } from "../../server/http/pages/closed-page";
import { renderNotFoundPage } from "../../server/http/pages/not-found-page";
import { SurveyPage, renderSurveyPage, type SurveyPageModel } from "../../server/http/pages/survey-page";
import { renderThanksPage } from "../../server/http/pages/thanks-page";
import { renderUnsubscribePage } from "../../server/http/pages/unsubscribe-page";

const closesAt = Date.UTC(2025, 2, 14, 12, 0); // 14 March 2025
const closeDate = { en: "March 14, 2025", vi: "14 tháng 3, 2025" };

const model = (locale: Locale, over: Partial<SurveyPageModel> = {}): SurveyPageModel => ({
  locale,
  content: defaultTemplate.content,
  postUrl: "/s/tok_3f9a8c",
  answers: { score: 7 },
  saved: false,
  closesAt,
  errors: {},
  switchLocaleUrls: { en: "/s/tok_3f9a8c?score=7&lang=en", vi: "/s/tok_3f9a8c?score=7&lang=vi" },
  ...over,
});

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;
const radios = (html: string, name: string) => [...html.matchAll(new RegExp(`<input type="radio" name="${name}"[^>]*>`, "g"))].map((m) => m[0]);
const checkedValue = (html: string, name: string) => radios(html, name).filter((r) => r.includes("checked")).map((r) => /value="([^"]*)"/.exec(r)?.[1]);
const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe.each(LOCALES)("survey page (%s)", (locale) => {
  const html = renderSurveyPage(model(locale));

  it("is a complete document in the customer's language with exactly one h1", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain(`<html lang="${locale}"`);
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1"/>');
    expect(count(html, /<h1[ >]/g)).toBe(1);
    expect(html).toContain(`<h1>${t(locale, "page.heading")}</h1>`);
  });

  it("shows the score the customer clicked in the email already chosen, and only that one", () => {
    expect(radios(html, "score")).toHaveLength(11);
    expect(checkedValue(html, "score")).toEqual(["7"]);
  });

  it("asks each question in its own fieldset with a legend, as radio buttons named by question key", () => {
    expect(count(html, /<fieldset[ >]/g)).toBe(10);
    expect(count(html, /<legend>/g)).toBe(10);
    for (const key of ["csat", "benefit_functional", "benefit_social", "benefit_emotional", "benefit_monetary", "cost_money", "cost_time", "cost_effort", "cost_risk"]) {
      expect(radios(html, key).map((r) => /value="(\d)"/.exec(r)?.[1]), key).toEqual(["1", "2", "3", "4", "5"]);
    }
    expect(html).toContain(defaultTemplate.content.questions[0]!.text[locale].replace("{brand}", "ValuePulse"));
  });

  it("wraps every radio in its label, so the whole option is the tap target", () => {
    expect(count(html, /<label class="o"><input type="radio"/g)).toBe(11 + 9 * 5);
    expect(html).toMatch(/min-height:48px/);
  });

  it("labels each 1–5 option in words (shown from tablet width up, always read by screen readers)", () => {
    for (const kind of ["csat", "agree", "weight"] as const) {
      expect(html).toContain(`<span><b>1</b><em> ${t(locale, `${kind}.1`)}</em></span>`);
      expect(html).toContain(`<span><b>5</b><em> ${t(locale, `${kind}.5`)}</em></span>`);
    }
  });

  it("names the 0–10 options for screen readers", () => {
    expect(radios(html, "score")[0]).toContain(`aria-label="${t(locale, "score.0")}"`);
    expect(radios(html, "score")[10]).toContain(`aria-label="${t(locale, "score.10")}"`);
  });

  it("has a comment box of up to 2000 characters with a label", () => {
    expect(html).toMatch(/<label class="t" for="f-comment">/);
    expect(html).toMatch(/<textarea id="f-comment" name="comment" maxlength="2000"/);
  });

  it("posts the whole form, form-encoded, to its own /s/{token} with the locale — no JavaScript needed", () => {
    expect(html).toContain('<form id="survey" method="post" action="/s/tok_3f9a8c" enctype="application/x-www-form-urlencoded"');
    expect(html).toContain(`<input type="hidden" name="locale" value="${locale}"/>`);
    expect(html).toContain(`<button type="submit" class="btn">${t(locale, "page.submit")}</button>`);
  });

  it("tells the customer until when they can change their answers, as their locale writes dates", () => {
    expect(html).toContain(t(locale, "page.changeUntil", { date: closeDate[locale] }));
  });

  it("has an empty status region before anything is saved", () => {
    expect(html).toMatch(/<div id="status" class="note" role="status"[^>]*><\/div>/);
  });

  it("shows a saved banner with the close date after the answers are saved, and offers to update them", () => {
    const saved = renderSurveyPage(model(locale, { saved: true, answers: { score: 9, csat: 5, comment: "Tốt" } }));
    const banner = /<div id="status" class="note" role="status"[^>]*>([^<]*)<\/div>/.exec(saved)?.[1];
    expect(banner).toBe(t(locale, "page.saved", { date: closeDate[locale] }));
    expect(checkedValue(saved, "score")).toEqual(["9"]);
    expect(checkedValue(saved, "csat")).toEqual(["5"]);
    expect(saved).toContain(`${t(locale, "page.update")}</button>`);
  });

  it("says so when the customer comes back to answers they already gave", () => {
    const again = renderSurveyPage(model(locale, { previouslyAnswered: true }));
    expect(again).toContain(t(locale, "page.alreadySaved", { date: closeDate[locale] }));
  });

  it("after a bad post, lists the problems at the top and puts each message next to its question", () => {
    const message = t(locale, "error.scaleRange");
    const bad = renderSurveyPage(model(locale, { errors: { csat: message } }));
    expect(bad).toMatch(/<div class="sum" role="alert"/);
    expect(bad).toContain(`<h2 id="sum-h">${t(locale, "page.errorSummary")}</h2>`);
    expect(bad).toMatch(/<a href="#f-csat">[^<]*<\/a>/);
    expect(bad).toContain(`<fieldset class="bad" aria-describedby="err-csat" data-q="csat">`);
    expect(bad).toContain(`<p class="err" id="err-csat">${message}</p>`);
    expect(bad.indexOf('class="sum"')).toBeLessThan(bad.indexOf("<form"));
  });

  it("links to the same survey in the other language, and marks the current one", () => {
    const other = locale === "en" ? "vi" : "en";
    const name = { en: "English", vi: "Tiếng Việt" };
    expect(html).toContain(`<a href="/s/tok_3f9a8c?score=7&amp;lang=${other}" lang="${other}" hreflang="${other}">${name[other]}</a>`);
    expect(html).toContain(`<span lang="${locale}" aria-current="page"><strong>${name[locale]}</strong></span>`);
  });

  it("weighs under 20 KB as first opened from the email, and under 20 KB gzipped even with errors and a long comment", () => {
    const full = renderSurveyPage(
      model(locale, {
        answers: { score: 3, csat: 2, benefit_functional: 4, cost_risk: 5, comment: "Giao hàng chậm. ".repeat(120) },
        errors: { csat: t(locale, "error.scaleRange"), comment: t(locale, "error.tooLong", { max: 2000 }) },
        previouslyAnswered: true,
      }),
    );
    expect(new TextEncoder().encode(html).length).toBeLessThan(20_000);
    // The server gzips customer pages (hono/compress); a 2,000-character comment is about 3 KB of UTF-8 by itself.
    expect(gzipSync(full).length).toBeLessThan(20_000);
  });

  it("makes no request to another host — no external CSS, fonts, images or scripts, even with a logo in the template", () => {
    const content = { ...defaultTemplate.content, brand: { ...defaultTemplate.content.brand, logoUrl: "https://cdn.example.com/logo.png" } };
    for (const page of [html, renderSurveyPage(model(locale, { content }))]) {
      expect(page).not.toMatch(/https?:\/\//);
      expect(page).not.toMatch(/<link\b|<img\b|<script\b[^>]*\bsrc=/);
    }
    expect(html).toContain('<meta name="referrer" content="no-referrer"/>');
  });

  it("escapes answers and template text — a comment cannot break out of the textarea", () => {
    const page = renderSurveyPage(model(locale, { answers: { comment: '</textarea><script>alert(1)</script>' } }));
    expect(page).not.toContain("<script>alert(1)");
    expect(page).toContain("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>");
  });

  describe("saving as the customer goes (JavaScript on)", () => {
    // The script is compiled from TypeScript (survey-script.ts): its minifier spells strings with backticks and 3000 as
    // 3e3, so quotes are read as one kind here.
    const script = (/<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? "").replaceAll("`", '"');

    it("has one small inline script that posts each change as JSON with Accept: application/json, to the form's own URL", () => {
      expect(script.length).toBeLessThan(3000);
      expect(script).toContain('method:"POST"');
      expect(script).toContain('Accept:"application/json"');
      expect(script).toContain("fetch(f.action");
      expect(script).toContain('addEventListener("change",field)');
      expect(script).not.toMatch(/https?:\/\//);
    });

    it("posts the score chosen in the email only after 3 s of the page being visible, or with the first answer", () => {
      expect(html).toMatch(/<form id="survey"[^>]*data-pre="7"/);
      expect(script).toContain("setTimeout(function(){takePre();send()},3e3)");
      expect(script).toContain("visibilitychange");
    });

    it("has nothing to post for the email's score once the answers are saved, when the score came from the database, or with no score", () => {
      for (const page of [
        renderSurveyPage(model(locale, { answers: {} })),
        renderSurveyPage(model(locale, { saved: true })),
        renderSurveyPage(model(locale, { scoreFromLink: false })),
      ])
        expect(page).not.toContain("data-pre=");
    });

    it("also sends the email's answer by navigator.sendBeacon when the page is hidden or closed after 1 s visible", () => {
      expect(script).toContain('addEventListener("pagehide",leave)');
      expect(script).toContain("navigator.sendBeacon(f.action+\"?beacon=1\"");
      expect(script).toContain("Date.now()-vs>=1e3");
    });

    it("preselects and marks for posting the CSAT answer of a CSAT-only template's link (data-pre-key)", () => {
      const csatOnly = presetById("csat_only")!.content;
      const page = renderSurveyPage(model(locale, { content: csatOnly, answers: { csat: 4 } }));
      expect(checkedValue(page, "csat")).toEqual(["4"]);
      expect(page).toMatch(/<form id="survey"[^>]*data-pre="4" data-pre-key="csat"/);
    });

    it("fills {product} in question texts with the item's name, or a noun that still reads well", () => {
      const content = { ...defaultTemplate.content, questions: [{ ...defaultTemplate.content.questions[0]!, text: { en: "Would you recommend the {product} you bought?", vi: "Bạn có giới thiệu {product} bạn đã mua không?" } }] } as typeof defaultTemplate.content;
      const named = renderSurveyPage(model(locale, { content, productName: "Trà sen" }));
      expect(named).toContain(locale === "en" ? "Would you recommend the Trà sen you bought?" : "Bạn có giới thiệu Trà sen bạn đã mua không?");
      const unnamed = renderSurveyPage(model(locale, { content }));
      expect(unnamed).toContain(locale === "en" ? "Would you recommend the product you bought?" : "Bạn có giới thiệu sản phẩm bạn đã mua không?");
      expect(unnamed).not.toContain("your purchase you");
    });

    it("has no script at all in a preview (interactive: false), so a preview never posts", () => {
      expect(renderSurveyPage(model(locale, { interactive: false }))).not.toContain("<script");
    });

    it("ignores a score outside 0–10 instead of preselecting it", () => {
      const page = renderSurveyPage(model(locale, { answers: { score: "11" } }));
      expect(checkedValue(page, "score")).toEqual([]);
      expect(page).not.toContain("data-pre=");
    });

    it("shows progress: how many of the questions are answered, as a labelled progress bar", () => {
      const total = defaultTemplate.content.questions.length;
      expect(html).toContain(`<progress id="progress" max="${total}" value="1" aria-labelledby="progress-text">`);
      expect(html).toContain(t(locale, "page.progress", { answered: 1, total }));
      const more = renderSurveyPage(model(locale, { answers: { score: 9, csat: 4, comment: "ok" } }));
      expect(more).toContain(`value="3"`);
    });

    it("carries the CSP nonce on its <style> and <script>, and has no style attributes (the CSP allows none)", () => {
      const page = renderSurveyPage(model(locale, { nonce: "abc123" }));
      expect(page).toMatch(/<style nonce="abc123">/);
      expect(page).toMatch(/<script nonce="abc123">/);
      expect(page).not.toMatch(/\sstyle="/);
    });
  });

  it("can be served by a Hono route from the JSX component, with the same HTML", async () => {
    const app = new Hono().get("/s/:token", (c) => c.html(jsx(SurveyPage, model(locale)).toString()));
    const res = await app.request("/s/tok_3f9a8c");
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toBe(html);
  });
});

describe.each(LOCALES)("pages for the other states (%s)", (locale) => {
  it("thanks the customer and links back to change the answers", () => {
    const page = renderThanksPage({ locale, content: defaultTemplate.content, surveyUrl: "/s/tok_3f9a8c", closesAt });
    expect(page).toContain(`<h1>${t(locale, "thanks.title")}</h1>`);
    expect(page).toContain(t(locale, "page.changeUntil", { date: closeDate[locale] }));
    expect(page).toContain(`<a href="/s/tok_3f9a8c">${t(locale, "thanks.change")}</a>`);
  });

  it("says a closed survey has closed", () => {
    const page = renderClosedPage(locale);
    expect(page).toContain(`<html lang="${locale}"`);
    expect(page).toContain(`<h1>${t(locale, "closed.title")}</h1>`);
    expect(page).not.toContain("<form");
  });

  it("says an unknown link leads nowhere, without revealing anything", () => {
    const page = renderNotFoundPage(locale);
    expect(page).toContain(`<h1>${t(locale, "notFound.title")}</h1>`);
    expect(page).not.toContain("<form");
  });

  it("asks to confirm unsubscribing with a button that POSTs — opening the link alone changes nothing", () => {
    const page = renderUnsubscribePage({ locale, postUrl: "/u/tok_3f9a8c", done: false, content: defaultTemplate.content });
    expect(page).toContain('<form method="post" action="/u/tok_3f9a8c" enctype="application/x-www-form-urlencoded">');
    expect(page).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click"/>');
    expect(page).toContain(`${t(locale, "unsubscribe.button")}</button>`);
  });

  it("confirms the unsubscribe after the POST", () => {
    const page = renderUnsubscribePage({ locale, postUrl: "/u/tok_3f9a8c", done: true });
    expect(page).toContain(`<h1>${t(locale, "unsubscribe.doneTitle")}</h1>`);
    expect(page).toContain(t(locale, "unsubscribe.doneBody"));
    // The only form left is the way back: a POST to re-subscribe.
    expect(page).toContain('<form method="post" action="/u/tok_3f9a8c/resubscribe"');
    expect(page).toContain(`${t(locale, "unsubscribe.resubscribe")}</button>`);
    expect(page).not.toContain('name="List-Unsubscribe"');
  });

  it("says a customer who comes back is already unsubscribed, and confirms a re-subscribe", () => {
    const already = renderUnsubscribePage({ locale, postUrl: "/u/tok_3f9a8c", done: true, already: true });
    expect(already).toContain(`<h1>${t(locale, "unsubscribe.alreadyTitle")}</h1>`);
    const back = renderUnsubscribePage({ locale, postUrl: "/u/tok_3f9a8c", done: false, resubscribed: true });
    expect(back).toContain(`<h1>${t(locale, "unsubscribe.resubscribedTitle")}</h1>`);
    expect(back).not.toContain("<form");
  });
});

describe("Vietnamese pages are in Vietnamese", () => {
  it.each([
    ["closed", renderClosedPage("vi"), "Khảo sát này đã kết thúc"],
    ["not found", renderNotFoundPage("vi"), "Không tìm thấy khảo sát"],
    ["unsubscribe", renderUnsubscribePage({ locale: "vi", postUrl: "/u/t", done: false }), "Hủy đăng ký"],
    ["unsubscribed", renderUnsubscribePage({ locale: "vi", postUrl: "/u/t", done: true }), "Bạn đã hủy đăng ký thành công"],
    ["survey", renderSurveyPage(model("vi")), "Gửi câu trả lời"],
  ])("%s page", (_name, page, phrase) => {
    expect(page).toContain(phrase);
    const body = page.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ");
    expect(body).toMatch(vietnamese);
  });
});

describe("default template", () => {
  it("is valid template content with the value model's questions in order", () => {
    expect(() => templateContentSchema.parse(defaultTemplate.content)).not.toThrow();
    expect(defaultTemplate.content.questions.map((q) => q.key)).toEqual([
      "score", "csat",
      "benefit_functional", "benefit_social", "benefit_emotional", "benefit_monetary",
      "cost_money", "cost_time", "cost_effort", "cost_risk",
      "comment",
    ]);
    expect(defaultTemplate.rules).toMatchObject({ delayHours: 72, throttleDays: 90, closeAfterDays: 30 });
  });

  it("asks the NPS question in both languages with the brand as a placeholder", () => {
    const nps = defaultTemplate.content.questions[0]!;
    expect(nps.text.en).toBe("How likely are you to recommend {brand} to a friend or colleague?");
    expect(nps.text.vi).toContain("{brand}");
    expect(nps.text.vi).toMatch(vietnamese);
  });
});
