// Dashboard users, managed by admins: invite by email, change role or name, deactivate and reactivate, sign out.
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sessions, users } from "../../db/schema";
import { renderUserInvite } from "../../emails/user-invite";
import type { Deps } from "../deps";
import type { Locale } from "../domain/template-content";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { auditEntry, type Actor } from "./audit";
import type { User } from "./auth";
import { INVITE_TTL_MS, newPasswordToken, sendAccountEmail, setPasswordUrl } from "./password-tokens";
import { DAY_MS } from "../domain/time";

export type Role = User["role"];
export type UserRecord = Pick<typeof users.$inferSelect, "id" | "email" | "name" | "role" | "status" | "createdAt" | "deactivatedAt">;

/** An invited user's password hash: not an Argon2 encoding, so no password ever matches it. */
const NO_PASSWORD = "!invited";

const record = (u: typeof users.$inferSelect): UserRecord => ({ id: u.id, email: u.email, name: u.name, role: u.role, status: u.status, createdAt: u.createdAt, deactivatedAt: u.deactivatedAt });

export async function listUsers(deps: Pick<Deps, "db">): Promise<UserRecord[]> {
  return (await deps.db.select().from(users).orderBy(asc(users.createdAt))).map(record);
}

async function getUser(db: Db, id: string) {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  if (!u) throw notFound("User");
  return u;
}

/** Refuses a change that would leave no active admin: someone must always be able to manage users. */
async function keepAnAdmin(db: Db, userId: string) {
  const [other] = await db.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.status, "active"), ne(users.id, userId))).limit(1);
  if (!other) throw new AppError("last_admin", "This is the last active admin; make someone else an admin first");
}

/**
 * Invites someone by email: creates the user (status invited, no password) and emails a link to set
 * a password. Inviting an address that is still invited sends a fresh link (the old one stops working).
 */
export async function inviteUser(
  deps: Pick<Deps, "db" | "clock" | "mailer" | "config">,
  input: { actor: Actor; email: string; name?: string; role: Role; locale: Locale },
): Promise<UserRecord> {
  const { db } = deps;
  const { actor } = input;
  const now = deps.clock.now();
  const email = input.email.toLowerCase();
  const [existing] = await db.select().from(users).where(eq(users.email, email));
  if (existing && existing.status !== "invited") throw new AppError("user_exists", "A user with this email already exists", [{ field: "email", message: "already a user" }]);
  const user: typeof users.$inferSelect = existing
    ? { ...existing, role: input.role, name: input.name ?? existing.name }
    : { id: newId(now), email, name: input.name ?? null, role: input.role, passwordHash: NO_PASSWORD, createdAt: now, status: "invited", deactivatedAt: null, uiLocale: null };
  const { token, queries } = newPasswordToken(deps, { userId: user.id, purpose: "invite" });
  await db.commit([
    existing ? db.update(users).set({ role: user.role, name: user.name }).where(eq(users.id, user.id)) : db.insert(users).values(user),
    ...queries,
    auditEntry(deps, actor, { action: existing ? "user.reinvite" : "user.invite", targetType: "user", targetId: user.id, after: { email, role: user.role, name: user.name } }),
  ]);
  const rendered = renderUserInvite({ locale: input.locale, inviterEmail: actor.label, role: user.role, url: setPasswordUrl(deps.config.publicUrl, token), expiresInDays: INVITE_TTL_MS / DAY_MS });
  // If sending fails the user stays invited (502): "Resend invitation" sends a fresh link.
  await sendAccountEmail(deps, email, rendered, token);
  return record(user);
}

export async function updateUser(deps: Pick<Deps, "db" | "clock">, { actor, id, ...patch }: { actor: Actor; id: string; role?: Role; name?: string | null }): Promise<UserRecord> {
  const { db } = deps;
  const before = await getUser(db, id);
  if (patch.role && patch.role !== "admin" && before.role === "admin" && before.status === "active") await keepAnAdmin(db, id);
  const after = { ...before, ...(patch.role && { role: patch.role }), ...(patch.name !== undefined && { name: patch.name }) };
  await db.commit([
    db.update(users).set({ role: after.role, name: after.name }).where(eq(users.id, id)),
    auditEntry(deps, actor, { action: "user.update", targetType: "user", targetId: id, before: { role: before.role, name: before.name }, after: { role: after.role, name: after.name } }),
  ]);
  return record(after);
}

/** A deactivated user cannot sign in, and every session they had ends at once. Their audit trail stays. */
export async function deactivateUser(deps: Pick<Deps, "db" | "clock">, { actor, id }: { actor: Actor; id: string }): Promise<UserRecord> {
  const { db } = deps;
  const now = deps.clock.now();
  const before = await getUser(db, id);
  // Locking yourself out is never what an admin means; another admin can do it if it must be done.
  if (actor.kind === "user" && actor.id === id) throw new AppError("cannot_deactivate_self", "You cannot deactivate your own account; ask another admin");
  if (before.role === "admin" && before.status === "active") await keepAnAdmin(db, id);
  const after = { ...before, status: "deactivated" as const, deactivatedAt: now };
  await db.commit([
    db.update(users).set({ status: "deactivated", deactivatedAt: now }).where(eq(users.id, id)),
    db.delete(sessions).where(eq(sessions.userId, id)),
    auditEntry(deps, actor, { action: "user.deactivate", targetType: "user", targetId: id, before: { status: before.status }, after: { status: after.status } }),
  ]);
  return record(after);
}

/** Back to active (or to invited, if they never set a password). */
export async function reactivateUser(deps: Pick<Deps, "db" | "clock">, { actor, id }: { actor: Actor; id: string }): Promise<UserRecord> {
  const { db } = deps;
  const before = await getUser(db, id);
  if (before.status !== "deactivated") return record(before);
  const status = before.passwordHash === NO_PASSWORD ? ("invited" as const) : ("active" as const);
  await db.commit([
    db.update(users).set({ status, deactivatedAt: null }).where(eq(users.id, id)),
    auditEntry(deps, actor, { action: "user.reactivate", targetType: "user", targetId: id, before: { status: before.status }, after: { status } }),
  ]);
  return record({ ...before, status, deactivatedAt: null });
}

/** Ends every session of a user (an admin's "sign out everywhere" for someone else, e.g. a lost laptop). */
export async function signOutUser(deps: Pick<Deps, "db" | "clock">, { actor, id }: { actor: Actor; id: string }): Promise<number> {
  const { db } = deps;
  await getUser(db, id);
  const [deleted] = await db.commit([
    db.delete(sessions).where(eq(sessions.userId, id)),
    auditEntry(deps, actor, { action: "user.sign_out_everywhere", targetType: "user", targetId: id }),
  ]);
  return deleted?.rowsAffected ?? 0;
}
