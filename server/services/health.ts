// Whether the database answers: the liveness probe behind GET /healthz.
import type { Deps } from "../deps";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export async function databaseAnswers(deps: Pick<Deps, "db">): Promise<boolean> {
  const { db } = deps;
  try {
    await db.run(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
