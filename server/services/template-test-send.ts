// Sends a template's working copy to one address, in each chosen locale, marked as a test; records nothing about customers.
import { renderInvitation } from "../../emails/invitation";
import type { Deps } from "../deps";
import type { Locale, TemplateContent } from "../domain/template-content";
import { LOCALE_NAMES } from "../domain/template-content";
import { newId } from "../ids";
import { MailerError } from "./mailers/mailer";
import { AppError } from "../errors";
import { getTemplate } from "./template-editing";

/** `Name <address>` with the template's sender name, keeping the configured address. */
export function fromWithSenderName(emailFrom: string, senderName: string): string {
  const address = /<([^>]+)>\s*$/.exec(emailFrom)?.[1] ?? emailFrom.trim();
  const name = senderName.replace(/["\\<>\r\n]/g, "").trim();
  return name ? `"${name}" <${address}>` : address;
}

/** Where a test email's score links lead: the signed-in preview of the survey page (nothing is recorded). */
export const previewSurveyUrl = (publicUrl: string, templateId: string, locale: Locale) =>
  `${publicUrl}/api/v1/templates/${encodeURIComponent(templateId)}/preview/${locale}`;

export function testEmails(deps: Pick<Deps, "config">, templateId: string, content: TemplateContent, to: string, locales: readonly Locale[]) {
  return locales.map((locale) => {
    const surveyUrl = previewSurveyUrl(deps.config.publicUrl, templateId, locale);
    const rendered = renderInvitation({ locale, content, customerName: null, productName: null, surveyUrl, unsubscribeUrl: surveyUrl });
    return {
      from: fromWithSenderName(deps.config.emailFrom, content.email.senderName),
      to,
      subject: `[TEST ${LOCALE_NAMES[locale]}] ${rendered.subject}`,
      html: rendered.html,
      text: rendered.text,
      headers: {},
    };
  });
}

export async function sendTestEmail(
  deps: Pick<Deps, "db" | "config" | "mailer" | "clock">,
  templateId: string,
  to: string,
  locales: readonly Locale[],
): Promise<{ to: string; locales: Locale[] }> {
  const template = await getTemplate(deps, templateId);
  const emails = testEmails(deps, templateId, template.content, to, locales);
  try {
    await deps.mailer.sendBatch(emails, `test-${newId(deps.clock.now())}`);
  } catch (err) {
    const message = err instanceof MailerError ? err.message : "the email provider did not accept the email";
    throw new AppError("send_failed", `Test email not sent: ${message}`);
  }
  return { to, locales: [...locales] };
}
