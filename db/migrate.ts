// Applies the drizzle-kit migrations in db/migrations (Node: reads them from disk).
import { migrate } from "drizzle-orm/libsql/migrator";
import { fileURLToPath } from "node:url";
import type { Db } from "./client";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export async function migrateDb(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}
