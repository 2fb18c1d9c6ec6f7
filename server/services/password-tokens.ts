// Single-use, expiring links to set a password: sent when an admin invites a user and when a user forgot theirs.
import { and, eq, gt, isNull } from "drizzle-orm";
import { loginAttempts, passwordTokens, sessions, users } from "../../db/schema";
import { renderPasswordReset } from "../../emails/password-reset";
import type { RenderedEmail } from "../../emails/invitation";
import type { Deps } from "../deps";
import { hashPassword } from "../domain/passwords";
import type { Locale } from "../domain/template-content";
import { randomToken, sha256Hex } from "../domain/crypto";
import { AppError } from "../errors";
import { auditEntry } from "./audit";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../domain/time";

export const INVITE_TTL_MS = 7 * DAY_MS;
export const RESET_TTL_MS = HOUR_MS;
export { PASSWORD_MAX, PASSWORD_MIN } from "../domain/password-rules";

/** A new token for the user and the insert that stores its hash; earlier unused links of the same purpose stop working. */
export function newPasswordToken(deps: Pick<Deps, "db" | "clock">, { userId, purpose }: { userId: string; purpose: "invite" | "reset" }) {
  const { db } = deps;
  const now = deps.clock.now();
  const token = randomToken();
  const ttl = purpose === "invite" ? INVITE_TTL_MS : RESET_TTL_MS;
  return {
    token,
    queries: [
      db.delete(passwordTokens).where(and(eq(passwordTokens.userId, userId), eq(passwordTokens.purpose, purpose), isNull(passwordTokens.usedAt))),
      db.insert(passwordTokens).values({ tokenHash: sha256Hex(token), userId, purpose, createdAt: now, expiresAt: now + ttl }),
    ],
  };
}

/** The page that reads the token. It travels in the fragment, which browsers never send to a server or put in Referer. */
export const setPasswordUrl = (publicUrl: string, token: string) => `${publicUrl}/set-password#token=${token}`;

/** Sends one account email; a provider failure becomes a 502 the dashboard can show ("try again"). */
export async function sendAccountEmail(deps: Pick<Deps, "mailer" | "config">, to: string, email: RenderedEmail, token: string): Promise<void> {
  try {
    await deps.mailer.sendBatch([{ from: deps.config.emailFrom, to, ...email, headers: {} }], `account-${sha256Hex(token).slice(0, 32)}`);
  } catch (err) {
    throw new AppError("email_not_sent", `The email could not be sent (${err instanceof Error ? err.message : "provider error"}); try again`);
  }
}

/**
 * Emails a reset link to an active user. Answers the same whether or not the address belongs to
 * anyone, so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(deps: Pick<Deps, "db" | "clock" | "mailer" | "config" | "log">, { email, locale }: { email: string; locale: Locale }): Promise<void> {
  const [user] = await deps.db.select().from(users).where(eq(users.email, email.toLowerCase()));
  if (!user || user.status !== "active") return;
  const { token, queries } = newPasswordToken(deps, { userId: user.id, purpose: "reset" });
  await deps.db.commit(queries);
  const rendered = renderPasswordReset({ locale, url: setPasswordUrl(deps.config.publicUrl, token), expiresInMinutes: RESET_TTL_MS / MINUTE_MS });
  // A failure is logged, not answered: a 502 here would tell who has an account.
  await sendAccountEmail(deps, user.email, rendered, token).catch((err: Error) => deps.log.error("password reset email not sent", { userId: user.id, error: err.message }));
}

/**
 * Sets the password from an emailed link: the link works once, before it expires, and never for a
 * deactivated user. An invited user becomes active. Every session of the user ends and the login
 * lockout is cleared (a reset is also how a locked-out owner gets back in).
 */
export async function completePasswordSet(
  deps: Pick<Deps, "db" | "clock">,
  { token, password, address }: { token: string; password: string; address?: string },
): Promise<{ email: string }> {
  const { db } = deps;
  const now = deps.clock.now();
  const tokenHash = sha256Hex(token);
  const [row] = await db
    .select({ user: users, purpose: passwordTokens.purpose })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(and(eq(passwordTokens.tokenHash, tokenHash), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)));
  if (!row || row.user.status === "deactivated")
    throw new AppError("invalid_token", "This link is invalid, already used or expired; ask for a new one", [{ field: "token", message: "invalid or expired" }]);
  const passwordHash = await hashPassword(password);
  const { user } = row;
  // Anonymous request, but its client address is known: the audit row keeps it like every other.
  const actor = { kind: "user" as const, id: user.id, label: user.email, address: address ?? null };
  await db.commit([
    // Marked used in the same statement that checks it is unused: two tabs racing use it once.
    db.update(passwordTokens).set({ usedAt: now }).where(and(eq(passwordTokens.tokenHash, tokenHash), isNull(passwordTokens.usedAt))),
    db.update(users).set({ passwordHash, status: "active" }).where(eq(users.id, user.id)),
    db.delete(sessions).where(eq(sessions.userId, user.id)),
    db.delete(loginAttempts).where(eq(loginAttempts.emailHash, sha256Hex(`login:${user.email}`))),
    auditEntry(deps, actor, { action: row.purpose === "invite" ? "user.invite_accepted" : "user.password_reset", targetType: "user", targetId: user.id }),
  ]);
  return { email: user.email };
}
