// The layer rules in .dependency-cruiser.cjs fire: probe files that break each rule, cruised in a scratch
// tree with the project's config, must each be reported (a rule whose path never matches passes silently).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "dep-rules-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), text);
}

function violations(): string[] {
  try {
    execFileSync(join(root, "node_modules/.bin/depcruise"), ["--config", ".dependency-cruiser.cjs", "--preserve-symlinks", "--output-type", "err", "server", "db", "web"], { cwd: scratch, encoding: "utf8" });
    return [];
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? "").split("\n").filter((l) => l.includes("error "));
  }
}

describe("dependency rules", () => {
  cpSync(join(root, ".dependency-cruiser.cjs"), join(scratch, ".dependency-cruiser.cjs"));
  cpSync(join(root, "tsconfig.json"), join(scratch, "tsconfig.json"));
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"));
  write("db/schema.ts", "export const table = 1;\n");
  write("server/http/good-route.ts", 'import { thing } from "../services/good-service";\nexport const r = thing;\n');
  write("server/services/good-service.ts", 'import { table } from "../../db/schema";\nexport const thing = table;\n');
  write("server/http/route-with-table.ts", 'import { table } from "../../db/schema";\nexport const r = table;\n');
  write("server/http/route-with-sql.ts", 'import { sql } from "drizzle-orm";\nexport const r = sql;\n');
  write("server/services/service-with-route.ts", 'import { r } from "../http/route-with-table";\nexport const s = r;\n');
  write("server/services/service-on-node-libsql.ts", 'import { createClient } from "@libsql/client";\nexport const s = createClient;\n');
  write("server/services/service-on-node-fs.ts", 'import { readFileSync } from "node:fs";\nexport const s = readFileSync;\n');
  write("server/app.ts", "export const createApp = () => 1;\nexport type AppType = ReturnType<typeof createApp>;\n");
  write("web/src/typed-client.ts", 'import type { AppType } from "../../server/app";\nexport const client = (app: AppType) => app;\n');
  write("web/src/runs-the-server.ts", 'import { createApp } from "../../server/app";\nexport const app = createApp();\n');
  const found = violations();
  const reported = (rule: string, from: string) => found.some((l) => l.includes(`${rule}:`) && l.includes(from));

  it("refuses a route that imports a table or writes SQL", () => {
    expect(reported("routes-not-db", "server/http/route-with-table.ts")).toBe(true);
    expect(reported("routes-not-db", "server/http/route-with-sql.ts")).toBe(true);
  });

  it("refuses a service that reaches back into a route", () => {
    expect(reported("services-not-http", "server/services/service-with-route.ts")).toBe(true);
  });

  it("refuses a service that needs Node (libSQL's Node client, node:fs)", () => {
    expect(reported("edge-safe", "server/services/service-on-node-libsql.ts")).toBe(true);
    expect(found.some((l) => l.includes("server/services/service-on-node-fs.ts"))).toBe(true);
  });

  it("lets the dashboard take the routes' types from server/app.ts, never its code", () => {
    expect(found.filter((l) => l.includes("web/src/typed-client.ts"))).toEqual([]);
    expect(reported("web-app-type-only", "web/src/runs-the-server.ts")).toBe(true);
  });

  it("lets a route call a service that reads the database", () => {
    expect(found.filter((l) => l.includes("good-route.ts") || l.includes("good-service.ts"))).toEqual([]);
  });
});
