// Whether the database answers: the liveness probe behind GET /healthz.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await db.run(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
