// `npm run admin:reset-password [-- EMAIL]`: a new password for a staff user (default: the first admin), from
// ADMIN_PASSWORD or random and printed once; for when the printed first password is lost and no email can arrive.
import { createClient as createHttpClient } from "@libsql/client/http";
import { createDb } from "../db/client";
import { connectNode } from "../db/node/connect-node";
import { ConfigError, loadConfig } from "./config";
import { systemClock } from "./deps";
import { resetPasswordFromCommandLine } from "./services/command-line-password";

async function main() {
  const config = loadConfig(process.env);
  const email = process.argv[2];
  const client = config.databaseUrl.startsWith("file:")
    ? await connectNode(config.databaseUrl)
    : createHttpClient({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  try {
    const db = createDb(client, { utcOffsetMs: config.utcOffsetMs });
    const done = await resetPasswordFromCommandLine({ db, clock: systemClock }, { email, password: config.adminPassword });
    // Printed, not logged: the log scrubs emails, and this is the one place the password is shown.
    console.log(
      done.generatedPassword
        ? `\n  Password reset: ${done.email}\n  New password (shown once): ${done.generatedPassword}\n  Every session of this user has ended.\n`
        : `\n  Password reset: ${done.email} now signs in with ADMIN_PASSWORD.\n  Every session of this user has ended.\n`,
    );
  } finally {
    client.close();
  }
}

try {
  await main();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Password reset failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
