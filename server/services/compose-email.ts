// Builds the invitation or reminder email of an invitation; the same inputs always give the same email, so a retried batch matches its key.
import type { Deps } from "../deps";
import { asc, eq } from "drizzle-orm";
import { customers, invitations, purchaseItems } from "../../db/schema";
import { renderInvitation, renderReminder } from "../../emails/invitation";
import type { Locale } from "../domain/template-content";
import { surveyToken } from "../domain/tokens";
import type { OutgoingEmail } from "./mailers/mailer";
import { templateById } from "./templates";

export type EmailKind = "invitation" | "reminder";

export async function composeEmail(
  deps: Pick<Deps, "db" | "config">,
  kind: EmailKind,
  invitation: typeof invitations.$inferSelect,
  customer: typeof customers.$inferSelect,
): Promise<OutgoingEmail> {
  const template = await templateById(deps.db, invitation.templateId, invitation.templateVersion);
  if (!template) throw new Error(`template ${invitation.templateId} is missing`);
  const [item] = await deps.db
    .select({ name: purchaseItems.name })
    .from(purchaseItems)
    .where(eq(purchaseItems.purchaseId, invitation.purchaseId))
    .orderBy(asc(purchaseItems.position))
    .limit(1);
  const token = surveyToken(deps.config.secretKey, invitation.id);
  const surveyUrl = `${deps.config.publicUrl}/s/${token}`;
  const unsubscribeUrl = `${deps.config.publicUrl}/u/${token}`;
  const render = kind === "reminder" ? renderReminder : renderInvitation;
  const rendered = render({
    locale: invitation.locale as Locale,
    content: template.content,
    customerName: customer.name,
    productName: item?.name ?? null,
    surveyUrl,
    unsubscribeUrl,
  });
  return {
    from: deps.config.emailFrom,
    to: customer.email,
    ...rendered,
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
