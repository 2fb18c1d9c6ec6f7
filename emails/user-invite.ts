// The email inviting a new dashboard user: a single-use link to set their password. Edge-safe.
import type { Locale } from "../server/domain/template-content";
import { renderAccountEmail } from "./account-email";
import { accountText, type AccountRole } from "./account-texts";
import type { RenderedEmail } from "./invitation";

export type UserInviteModel = { locale: Locale; inviterEmail: string; role: AccountRole; url: string; expiresInDays: number };

export function renderUserInvite(m: UserInviteModel): RenderedEmail {
  const t = (k: Parameters<typeof accountText>[1], v?: Record<string, string | number>) => accountText(m.locale, k, v);
  return renderAccountEmail({
    subject: t("invite.subject"),
    greeting: t("invite.greeting"),
    body: t("invite.body", { inviter: m.inviterEmail, role: t(`role.${m.role}`) }),
    action: t("invite.action"),
    url: m.url,
    notes: [t("invite.expires", { days: m.expiresInDays }), t("invite.ignore")],
  });
}
