// The invitation and reminder emails checked by an HTML-email linter (caniemail data) for Gmail and Outlook, and the reminder's own texts.
import { doIUseEmail } from "@jsx-email/doiuse-email";
import { describe, expect, it } from "vitest";
import { GRACEFUL_FEATURES, honeypotUrl, renderInvitation, renderReminder, type InvitationModel } from "../../emails/invitation";
import { t } from "../../emails/i18n";
import { defaultTemplate } from "../../server/domain/default-template";
import { LOCALES, type Locale } from "../../server/domain/template-content";
import { presetById } from "../../server/domain/template-presets";

const surveyUrl = "https://pulse.example.com/s/tok_3f9a8c";
const content = { ...defaultTemplate.content, brand: { name: "Trà Sen", color: "#0f766e", logoUrl: "https://cdn.example.com/logo.png" } };
const model = (locale: Locale): InvitationModel => ({
  locale,
  content,
  customerName: "Lan",
  productName: "Ấm siêu tốc",
  surveyUrl,
  unsubscribeUrl: "https://pulse.example.com/u/tok_3f9a8c",
});

/** Every feature the linter reported, over all renders: the allow-list must not keep features no longer used. */
const reported: string[] = [];

/** "`border-radius` is not supported by `outlook.windows`" → "border-radius". */
const featureOf = (message: string) => /^`([^`]+)`/.exec(message)?.[1] ?? message;

describe.each(LOCALES)("email compatibility (%s)", (locale) => {
  for (const [name, render] of [
    ["invitation", renderInvitation],
    ["reminder", renderReminder],
  ] as const) {
    it(`the ${name} uses nothing Gmail or Outlook lacks, except features listed as degrading gracefully`, () => {
      // The NPS row, the CSAT row (a CSAT-only template) and the single "start" button (no scale question).
      const csatOnly = { ...content, questions: presetById("csat_only")!.content.questions };
      const noScale = { ...content, questions: csatOnly.questions.filter((q) => q.type !== "csat") };
      const errors = [content, csatOnly, noScale].flatMap((c) => {
        const result = doIUseEmail(render({ ...model(locale), content: c }).html, { emailClients: ["gmail.*", "outlook.*"] });
        return "errors" in result ? result.errors : [];
      });
      const unsupported = [...new Set(errors.map(featureOf))];
      const unexplained = unsupported.filter((f) => !(f in GRACEFUL_FEATURES));
      expect(unexplained, errors.join("\n")).toEqual([]);
      reported.push(...unsupported);
    });
  }

  it("the reminder has the template's reminder subject and intro, and the same eleven score links", () => {
    const reminder = renderReminder(model(locale));
    const invitation = renderInvitation(model(locale));
    expect(reminder.subject).toBe(content.email.reminderSubject[locale].replace("{brand}", "Trà Sen"));
    expect(reminder.subject).not.toBe(invitation.subject);
    expect(reminder.html).toContain(content.email.reminderIntro[locale]);
    expect(reminder.text).toContain(content.email.reminderIntro[locale]);
    for (let n = 0; n <= 10; n++) expect(reminder.text).toContain(`${surveyUrl}?score=${n}`);
    expect(reminder.html).toContain(`aria-label="${t(locale, "score.10")}"`);
  });

  it("hides a honeypot link from people (not in the text part, not visible, not focusable) that scanners follow", () => {
    const { html, text } = renderInvitation(model(locale));
    const anchor = new RegExp(`<a href="${honeypotUrl(surveyUrl)}"[^>]*>`).exec(html)?.[0];
    expect(anchor).toBeDefined();
    expect(anchor).toContain('tabindex="-1"');
    expect(anchor).toContain('aria-hidden="true"');
    expect(anchor).toMatch(/style="display:none;/);
    expect(text).not.toContain(honeypotUrl(surveyUrl));
  });

  it("shows the brand colour on the buttons and the logo with alt text", () => {
    const { html } = renderInvitation(model(locale));
    expect(html).toContain('bgcolor="#0f766e"');
    expect(html).toMatch(/<img src="https:\/\/cdn\.example\.com\/logo\.png" alt="Trà Sen"/);
  });
});

describe("the list of features that degrade gracefully", () => {
  it("holds only features the emails still use (checked after every render above)", () => {
    expect(reported.length).toBeGreaterThan(0);
    expect(Object.keys(GRACEFUL_FEATURES).filter((f) => !reported.includes(f))).toEqual([]);
  });
});
