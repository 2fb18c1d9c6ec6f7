// `npm run import:delighted -- FILE…`: imports Delighted exports (API JSON or CSV; which one is read from each
// file) into the configured database (DATABASE_URL, as `npm run db:migrate`), printing progress and a summary.
import { createClient as createHttpClient } from "@libsql/client/http";
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { connectNode } from "../db/node/connect-node";
import { ConfigError, loadConfig, type Config } from "./config";
import { consoleLog, systemClock } from "./deps";
import { DELIGHTED_KINDS, type DelightedKind } from "./domain/delighted-import";
import { bootstrap } from "./services/bootstrap";
import { createDelightedImport, runDelightedImport } from "./services/import-delighted";
import { importById, importErrorsOf, type ImportRow } from "./services/import-purchases";

const USAGE = `Usage: npm run import:delighted -- [--kind=responses|people|unsubscribes|bounces] FILE…
Import people.json before survey_responses.json when the responses name people by id only.`;

/** SECRET_KEY, or the key the server generated in its data folder (it recognises erased customers who had opted out). */
function secretKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  const file = join(config.databaseUrl.startsWith("file:") ? dirname(resolve(config.databaseUrl.slice("file:".length))) : resolve("data"), "secret.key");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : "";
}

async function readFirstByte(file: string): Promise<string> {
  for await (const chunk of createReadStream(file, { start: 0, end: 63, encoding: "utf8" })) return String(chunk).replace(/^\uFEFF/, "").trimStart()[0] ?? "";
  return "";
}

const line = (r: ImportRow) => `${r.rowsProcessed} rows: ${r.imported} imported, ${r.unchanged} unchanged, ${r.failed} refused`;

async function main(args: string[]): Promise<number> {
  const kindArg = args.find((a) => a.startsWith("--kind="))?.slice("--kind=".length);
  const files = args.filter((a) => !a.startsWith("--"));
  if (!files.length || (kindArg && !(DELIGHTED_KINDS as readonly string[]).includes(kindArg)) || args.includes("--help")) {
    console.error(USAGE);
    return 2;
  }
  for (const f of files) if (!existsSync(f)) throw new ConfigError(`No such file: ${f}`);
  const config = loadConfig(process.env);
  const isFile = config.databaseUrl.startsWith("file:");
  if (isFile) mkdirSync(dirname(resolve(config.databaseUrl.slice("file:".length))), { recursive: true });
  const client = isFile ? await connectNode(config.databaseUrl) : createHttpClient({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  let failed = false;
  try {
    const db = createDb(client, { utcOffsetMs: config.utcOffsetMs });
    await migrateDb(db);
    // A fresh database gets its default template (the answers are filed under it), as `npm start` would.
    await bootstrap({ db, config: { ...config, secretKey: secretKey(config) }, clock: systemClock, log: consoleLog });
    const deps = { db, clock: systemClock, config: { ...config, secretKey: secretKey(config) } };
    for (const file of files) {
      const size = statSync(file).size;
      const created = await createDelightedImport(deps, { fileName: basename(file) });
      let lastPrinted = 0;
      const done = await runDelightedImport(deps, {
        id: created.id,
        body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
        bytesTotal: size,
        kind: kindArg as DelightedKind | undefined,
        by: "cli",
        limits: config.imports,
        onProgress: (r) => {
          if (Date.now() - lastPrinted < 1000) return;
          lastPrinted = Date.now();
          console.log(`${basename(file)}: ${size ? Math.round((r.bytesRead / size) * 100) : 100}% · ${line(r)}`);
        },
      }).catch(async (err: unknown) => {
        // A file the import stopped on (413: a record too long) still has its import row and errors.
        console.error(`${basename(file)}: ${err instanceof Error ? err.message : String(err)}`);
        failed = true;
        return null;
      });
      const row = done ?? (await importById(deps, created.id));
      if (!row) continue;
      console.log(`${basename(file)} (${row.kind === "delighted" ? "unknown" : row.kind.slice("delighted-".length)}): ${row.status} · ${line(row)}${row.error ? ` · ${row.error}` : ""}`);
      const errors = await importErrorsOf(deps, { id: row.id, limit: 50 });
      // In a JSON file an error names the element's position in the array; in a CSV, the line.
      const where = row.kind !== "delighted" && (await readFirstByte(file)) === "[" ? "item" : "line";
      for (const e of errors) console.log(`  ${where} ${e.line}, ${e.field}: ${e.reason}`);
      if (row.failed > errors.length) console.log(`  … and more: GET /api/v1/imports/${row.id}?errorsLimit=${row.failed * 2}`);
      if (row.status === "failed") failed = true;
    }
  } finally {
    client.close();
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Import failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
