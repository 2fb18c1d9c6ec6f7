// `npm run import:delighted -- FILE…` on a temp database: detects each file's kind, prints progress and a summary, idempotent.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { connectNode } from "../../db/node/connect-node";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "valuepulse-delighted-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURES = resolve("test/fixtures/delighted");
const FILES = ["people.json", "survey_responses.json", "unsubscribes.json", "bounces.json", "survey_responses.csv", "unsubscribes.csv"].map((f) => join(FIXTURES, f));

async function cli(args: string[]) {
  const { ADMIN_EMAIL: _e, ADMIN_PASSWORD: _p, SECRET_KEY: _s, ...inherited } = process.env;
  return run(process.execPath, ["--import", "tsx", resolve("server/import-delighted-cli.ts"), ...args], { env: { ...inherited, DATABASE_URL: `file:${join(dir, "valuepulse.db")}` } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

async function query(sql: string) {
  const client = await connectNode(`file:${join(dir, "valuepulse.db")}`);
  try {
    return (await client.execute(sql)).rows;
  } finally {
    client.close();
  }
}

describe("npm run import:delighted", { timeout: 120_000 }, () => {
  it("imports every kind of export into a fresh database, each file's kind read from its content", async () => {
    const first = await cli(FILES);
    expect(first.code).toBe(0);
    expect(first.out).toContain("people.json (people): done · 4 rows: 3 imported, 0 unchanged, 1 refused");
    expect(first.out).toContain("survey_responses.json (responses): done · 12 rows: 7 imported, 0 unchanged, 5 refused");
    expect(first.out).toContain("  item 4, score: must be a whole number from 0 to 10");
    expect(first.out).toContain("unsubscribes.json (unsubscribes): done · 3 rows: 2 imported, 0 unchanged, 1 refused");
    expect(first.out).toContain("bounces.json (bounces): done · 2 rows: 1 imported, 0 unchanged, 1 refused");
    expect(first.out).toContain("survey_responses.csv (responses): done · 7 rows: 3 imported, 0 unchanged, 4 refused");
    expect(first.out).toContain("  line 8, (row): has 4 columns, the header has 12");
    expect(first.out).toContain("unsubscribes.csv (unsubscribes): done · 2 rows: 1 imported, 0 unchanged, 1 refused");

    // The dashboard reads rollups: the grand total per month holds the answers where they were given.
    const months = await query(`select strftime('%Y-%m', bucket / 1000, 'unixepoch') m, responses, promoters, passives, detractors from score_rollups where combo = 1 and grain = 'm' and responses > 0 order by bucket`);
    expect(months.map((r) => [r.m, r.responses, r.promoters, r.passives, r.detractors])).toEqual([
      ["2026-01", 3, 2, 0, 1],
      ["2026-02", 1, 0, 1, 0],
      ["2026-03", 3, 0, 0, 2],
      ["2026-04", 2, 1, 0, 1],
      ["2026-05", 1, 1, 0, 0],
    ]);
    expect(await query(`select email from customers where unsubscribed_at is not null order by email`)).toEqual([{ email: "gone@example.com" }, { email: "quiet@example.com" }, { email: "sarah.lee@example.com" }].map((r) => expect.objectContaining(r)));
    expect(await query(`select email, reason from suppressions`)).toEqual([expect.objectContaining({ email: "bounced@example.com", reason: "hard_bounce" })]);

    const again = await cli(FILES);
    expect(again.code).toBe(0);
    expect(again.out).toContain("survey_responses.json (responses): done · 12 rows: 0 imported, 7 unchanged, 5 refused");
    expect(again.out).toContain("survey_responses.csv (responses): done · 7 rows: 0 imported, 3 unchanged, 4 refused");
    expect((await query(`select count(*) n from responses`))[0].n).toBe(10);
  });

  it("says how to use it, and fails (exit 1) on a file it cannot place", async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli([])).out).toContain("Usage: npm run import:delighted -- ");
    const notes = join(dir, "notes.csv");
    (await import("node:fs")).writeFileSync(notes, "Note,Author\nhello,me\n");
    const r = await cli([notes]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("notes.csv (unknown): failed · 0 rows: 0 imported, 0 unchanged, 0 refused · Could not tell which Delighted export this file is");
  });
});
