// The invitation email as a customer sees it, in every locale: one-click score links, plain text, unsubscribe, escaping.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderInvitation, type InvitationModel } from "../../emails/invitation";
import { messages, t, type MessageKey } from "../../emails/i18n";
import { defaultTemplate } from "../../server/domain/default-template";
import { LOCALES, type Locale } from "../../server/domain/template-content";
import { presetById } from "../../server/domain/template-presets";

const surveyUrl = "https://pulse.example.com/s/tok_3f9a8c";
const unsubscribeUrl = "https://pulse.example.com/u/tok_3f9a8c";
const scoreUrls = Array.from({ length: 11 }, (_, n) => `${surveyUrl}?score=${n}`);

const model = (locale: Locale, over: Partial<InvitationModel> = {}): InvitationModel => ({
  locale,
  content: defaultTemplate.content,
  customerName: "Lan",
  productName: "Ấm siêu tốc",
  surveyUrl,
  unsubscribeUrl,
  ...over,
});

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
const scoreAnchors = (html: string) => [...html.matchAll(/<a href="[^"]*\?score=\d+"[^>]*>/g)].map((m) => m[0]);

const expectedSubject = {
  en: "How was your purchase from ValuePulse?",
  vi: "Bạn thấy lần mua hàng tại ValuePulse thế nào?",
};

describe.each(LOCALES)("invitation email (%s)", (locale) => {
  const email = renderInvitation(model(locale));

  it("has a subject in the customer's language, with the brand filled in", () => {
    expect(email.subject).toBe(expectedSubject[locale]);
  });

  it("links the eleven score buttons to {surveyUrl}?score=0…10, in order, and nothing else scores", () => {
    const scoreLinks = hrefs(email.html).filter((h) => h.includes("?score="));
    expect(scoreLinks).toEqual(scoreUrls);
  });

  it("labels every score button for screen readers and tooltips", () => {
    const anchors = scoreAnchors(email.html);
    expect(anchors).toHaveLength(11);
    expect(anchors[0]).toContain(`aria-label="${t(locale, "score.0")}"`);
    expect(anchors[0]).toContain(`title="${t(locale, "score.0")}"`);
    expect(anchors[10]).toContain(`aria-label="${t(locale, "score.10")}"`);
    if (locale === "en") {
      expect(anchors[0]).toContain('aria-label="0 — not at all likely"');
      expect(anchors[10]).toContain('aria-label="10 — extremely likely"');
    }
  });

  it("makes every score button at least 44px tall — a thumb-sized target", () => {
    for (const a of scoreAnchors(email.html)) {
      const height = Number(/[;"]height:(\d+)px/.exec(a)?.[1]);
      expect(height).toBeGreaterThanOrEqual(44);
    }
  });

  it("paints the buttons in the brand colour, with inline styles; the only <style> holds the dark-mode overrides", () => {
    expect(email.html).toContain("background-color:#4f46e5");
    expect(email.html).not.toMatch(/<link\b|<script\b/i);
    const styles = [...email.html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(styles[0]).toMatch(/^@media \(prefers-color-scheme: dark\)\{[^{}]*(\{[^{}]*\}[^{}]*)*\}$/);
  });

  it("declares the language and hides the preheader from the body", () => {
    expect(email.html).toMatch(new RegExp(`<html lang="${locale}"`));
    const preheader = defaultTemplate.content.email.preheader[locale];
    expect(email.html).toMatch(/<div style="display:none;[^"]*">([^<]*)/);
    expect(/<div style="display:none;[^"]*">([^&<]*)/.exec(email.html)?.[1]).toBe(preheader);
  });

  it("greets the customer by name and names the purchase", () => {
    expect(email.html).toContain(t(locale, "email.greeting", { name: "Lan" }));
    expect(email.html).toContain("Ấm siêu tốc");
    expect(email.text).toContain(t(locale, "email.greeting", { name: "Lan" }));
  });

  it("greets politely when the name is unknown", () => {
    const anonymous = renderInvitation(model(locale, { customerName: null, productName: null }));
    expect(anonymous.text.split("\n")[0]).toBe(t(locale, "email.greetingAnonymous"));
    expect(anonymous.html).not.toContain("null");
  });

  it("has an unsubscribe link in the HTML and in the text", () => {
    expect(hrefs(email.html)).toContain(unsubscribeUrl);
    expect(email.html).toContain(t(locale, "email.unsubscribe"));
    expect(email.text).toContain(unsubscribeUrl);
  });

  it("has a plain-text part that works on its own: greeting, intro, question, all 11 links one per line, unsubscribe", () => {
    const lines = email.text.split("\n");
    expect(email.text).toContain(defaultTemplate.content.email.intro[locale].replace("{brand}", "ValuePulse"));
    expect(email.text).toContain(defaultTemplate.content.questions[0]!.text[locale].replace("{brand}", "ValuePulse"));
    scoreUrls.forEach((url, n) => {
      const line = lines.find((l) => l.endsWith(` ${url}`));
      expect(line, `a line for score ${n}`).toBeDefined();
      expect(line!.startsWith(String(n))).toBe(true);
    });
    expect(email.text).not.toMatch(/<[a-z/]/i);
  });

  it("escapes whatever the shop sends as names — a customer called <script> cannot inject HTML", () => {
    const hostile = renderInvitation(
      model(locale, { customerName: '<script>alert("x")</script>', productName: '"><img src=x onerror=alert(1)>' }),
    );
    expect(hostile.html).not.toContain("<script>");
    expect(hostile.html).not.toContain("<img src=x");
    expect(hostile.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    // Plain text is not HTML: the name is shown as written.
    expect(hostile.text).toContain('<script>alert("x")</script>');
  });

  it("shows the logo with the brand name as alt text when the template has one", () => {
    const content = { ...defaultTemplate.content, brand: { ...defaultTemplate.content.brand, name: "Trà & Co", logoUrl: "https://cdn.example.com/logo.png" } };
    const branded = renderInvitation(model(locale, { content }));
    expect(branded.html).toMatch(/<img src="https:\/\/cdn\.example\.com\/logo\.png" alt="Trà &amp; Co"/);
    expect(branded.subject).toContain("Trà & Co");
  });

  it("keeps the subject on one line whatever the template says", () => {
    const content = { ...defaultTemplate.content, email: { ...defaultTemplate.content.email, subject: { en: "Hi\r\nBcc: x@example.com", vi: "Chào\nBcc: x@example.com" } } };
    expect(renderInvitation(model(locale, { content })).subject).not.toMatch(/[\r\n]/);
  });
});

describe.each(LOCALES)("the one-click row is the template's first scale question (%s)", (locale) => {
  const csatOnly = presetById("csat_only")!.content;

  it("a CSAT-only template asks its CSAT question with five links ?csat=1…5, labelled, and no 0–10 scale", () => {
    const email = renderInvitation(model(locale, { content: csatOnly }));
    expect(hrefs(email.html).filter((h) => h.startsWith(`${surveyUrl}?`))).toEqual([1, 2, 3, 4, 5].map((n) => `${surveyUrl}?csat=${n}`));
    expect(email.html).not.toContain("?score=");
    expect(email.html).toContain(csatOnly.questions[0]!.text[locale].replace("{brand}", "ValuePulse"));
    expect(email.html).toContain(`aria-label="4 — ${t(locale, "csat.4")}"`);
    expect(email.html).toContain(`1 = ${t(locale, "csat.1")} · 5 = ${t(locale, "csat.5")}`);
    expect(email.html).not.toContain(t(locale, "score.low"));
    expect(email.text).toContain(t(locale, "email.chooseTextCsat"));
    expect(email.text).toContain(`${t(locale, "csat.1").replace(/^/, "1 — ")}: ${surveyUrl}?csat=1`);
    expect(email.text).not.toContain("?score=");
  });

  it("a template with no NPS or CSAT question gets one button to the survey instead of numbers that would be lost", () => {
    const content = { ...csatOnly, questions: csatOnly.questions.filter((q) => q.type !== "csat") };
    const email = renderInvitation(model(locale, { content }));
    expect(hrefs(email.html)).toContain(surveyUrl);
    expect(hrefs(email.html).some((h) => /\?(score|csat)=/.test(h))).toBe(false);
    expect(email.html).toContain(t(locale, "email.start"));
    expect(email.text).toContain(t(locale, "email.startText", { url: surveyUrl }));
  });

  it("fills {product} with the item's name, or a noun that reads well in the sentence", () => {
    const content = { ...csatOnly, email: { ...csatOnly.email, subject: { en: "How is the {product} you bought?", vi: "Bạn thấy {product} bạn đã mua thế nào?" } } };
    expect(renderInvitation(model(locale, { content })).subject).toBe(locale === "en" ? "How is the Ấm siêu tốc you bought?" : "Bạn thấy Ấm siêu tốc bạn đã mua thế nào?");
    expect(renderInvitation(model(locale, { content, productName: null })).subject).toBe(
      locale === "en" ? "How is the product you bought?" : "Bạn thấy sản phẩm bạn đã mua thế nào?",
    );
  });
});

describe("customer-facing strings", () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("has every English string in Vietnamese too, with the same placeholders", () => {
    for (const key of Object.keys(messages.en) as MessageKey[]) {
      expect(messages.vi[key], key).toBeTruthy();
      expect(placeholders(messages.vi[key]), key).toEqual(placeholders(messages.en[key]));
    }
  });

  it("labels the 0–10 scale from 'not at all likely' to 'extremely likely'", () => {
    expect(t("en", "score.0")).toBe("0 — not at all likely");
    expect(t("en", "score.10")).toBe("10 — extremely likely");
  });

  it("keeps the email renderer free of node:* imports, so it runs on Cloudflare Workers", () => {
    for (const name of readdirSync(new URL("../../emails/", import.meta.url))) {
      const file = `emails/${name}`;
      const source = readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
      expect(source, file).not.toMatch(/from\s+["']node:|require\(["']node:/);
    }
  });
});
