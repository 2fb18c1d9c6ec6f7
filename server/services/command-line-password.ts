// The way back in without email: `npm run admin:reset-password` sets a staff user's password (by default
// the first admin's), ends their sessions and lifts a sign-in lockout; recorded in the audit log.
import { asc, eq } from "drizzle-orm";
import type { Deps } from "../deps";
import { loginAttempts, sessions, users } from "../../db/schema";
import { PASSWORD_MAX, PASSWORD_MIN } from "../domain/password-rules";
import { hashPassword } from "../domain/passwords";
import { randomToken, sha256Hex } from "../domain/crypto";
import { AppError } from "../errors";
import { auditEntry } from "./audit";

export async function resetPasswordFromCommandLine(
  deps: Pick<Deps, "db" | "clock">,
  input: { email?: string; password?: string },
): Promise<{ email: string; generatedPassword?: string }> {
  const { db } = deps;
  const { password } = input;
  if (password !== undefined && (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX))
    throw new AppError("invalid_password", `The password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`, [{ field: "password", message: `${PASSWORD_MIN}–${PASSWORD_MAX} characters` }]);
  const [user] = input.email
    ? await db.select().from(users).where(eq(users.email, input.email.trim().toLowerCase()))
    : await db.select().from(users).where(eq(users.role, "admin")).orderBy(asc(users.createdAt), asc(users.id)).limit(1);
  if (!user) throw new AppError("not_found", input.email ? `No user has the email ${input.email}` : "There is no admin yet: start the server once to create one");
  if (user.status === "deactivated") throw new AppError("account_deactivated", `${user.email} is deactivated; an admin can reactivate it under Users`);
  const generatedPassword = password === undefined ? randomToken(12) : undefined;
  await db.commit([
    db.update(users).set({ passwordHash: await hashPassword(password ?? generatedPassword!), status: "active" }).where(eq(users.id, user.id)),
    db.delete(sessions).where(eq(sessions.userId, user.id)),
    db.delete(loginAttempts).where(eq(loginAttempts.emailHash, sha256Hex(`login:${user.email}`))),
    auditEntry(deps, { kind: "system", id: null, label: "command line" }, { action: "user.password_reset", targetType: "user", targetId: user.id }),
  ]);
  return { email: user.email, generatedPassword };
}
