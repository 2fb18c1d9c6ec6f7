// First-start seeding shared by both runtimes: default template, first admin, INGEST_API_KEY.
import type { Deps } from "../deps";
import { ensureDefaultAlertRule } from "./alerts";
import { ensureIngestKey } from "./api-keys";
import { ensureFirstAdmin } from "./auth";
import { upgradeRollups } from "./rollup-writes";
import { ensureDefaultTemplate } from "./templates";

export async function bootstrap(deps: Pick<Deps, "db" | "config" | "clock" | "log">): Promise<void> {
  await ensureDefaultTemplate(deps);
  const admin = await ensureFirstAdmin(deps);
  if (admin?.generatedPassword)
    // Printed once: only its hash is stored.
    console.log(`\n  First admin created: ${admin.email}\n  Password (shown once): ${admin.generatedPassword}\n`);
  else if (admin) deps.log.info("first admin created", { email: admin.email });
  else if (deps.config.adminEmail || deps.config.adminPassword)
    // Said out loud: a changed ADMIN_EMAIL or ADMIN_PASSWORD silently doing nothing looks like a broken sign-in.
    deps.log.info(
      "ADMIN_EMAIL/ADMIN_PASSWORD not applied: users already exist, and they only create the first admin of an empty database. To set a password: npm run admin:reset-password -- EMAIL (ADMIN_PASSWORD, or a random one printed once)",
    );
  if (deps.config.ingestApiKey) await ensureIngestKey(deps, deps.config.ingestApiKey);
  await ensureDefaultAlertRule(deps);
  // Databases from before the rollups (or filled in bulk) get theirs built once, with progress in the log; comments are
  // read again when the aspect reader changed. Last: it sums the answers' tiers as they stand.
  await upgradeRollups(deps);
}
