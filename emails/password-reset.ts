// The password reset email: a single-use link that expires. Edge-safe.
import type { Locale } from "../server/domain/template-content";
import { renderAccountEmail } from "./account-email";
import { accountText } from "./account-texts";
import type { RenderedEmail } from "./invitation";

export type PasswordResetModel = { locale: Locale; url: string; expiresInMinutes: number };

export function renderPasswordReset(m: PasswordResetModel): RenderedEmail {
  const t = (k: Parameters<typeof accountText>[1], v?: Record<string, string | number>) => accountText(m.locale, k, v);
  return renderAccountEmail({
    subject: t("reset.subject"),
    greeting: t("reset.greeting"),
    body: t("reset.body"),
    action: t("reset.action"),
    url: m.url,
    notes: [t("reset.expires", { minutes: m.expiresInMinutes }), t("reset.ignore")],
  });
}
