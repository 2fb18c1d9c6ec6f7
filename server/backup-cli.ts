// `npm run backup [-- DIR]`: an online backup of DATABASE_URL's file now (safe while the server runs).
// `npm run restore -- FILE`: puts a backup in place of DATABASE_URL's file, with the server stopped;
// the database it replaces is kept beside it. The next start applies any newer migrations.
import Database from "libsql";
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { migrationsFolder } from "../db/migrate";
import { backupNow, databaseFile, pruneBackups } from "./backups";
import { ConfigError, loadConfig, type Config } from "./config";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function embeddedFile(config: Config): string {
  const file = databaseFile(config.databaseUrl);
  if (!file) fail(`DATABASE_URL is a remote database (${new URL(config.databaseUrl).host}): back it up where it lives (Turso keeps point-in-time copies).`);
  return file;
}

async function backup(config: Config, dirArg: string | undefined) {
  const source = embeddedFile(config);
  if (!existsSync(source)) fail(`No database at ${source} (DATABASE_URL).`);
  const dir = resolve(dirArg ?? config.backups.dir ?? join(dirname(source), "backups"));
  const r = await backupNow(source, dir, new Date());
  const pruned = pruneBackups(dir, config.backups.keep);
  console.log(`Backed up ${source} to ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MiB, ${r.ms} ms)${pruned.length ? `; removed ${pruned.length} older (BACKUP_KEEP=${config.backups.keep})` : ""}`);
}

/** What a restore must not take: not a database, damaged, or made by a newer ValuePulse than this one. */
function checkBackup(file: string): { migrations: number } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true });
  } catch (err) {
    fail(`${file} is not a database: ${(err as Error).message}`);
  }
  try {
    const value = (sql: string) => Object.values((db.prepare(sql).get() ?? {}) as Record<string, unknown>)[0];
    const check = value("PRAGMA integrity_check");
    if (check !== "ok") fail(`${file} is damaged (integrity_check: ${String(check)}); pick another backup.`);
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!table) fail(`${file} is not a ValuePulse database (no migrations table).`);
    const migrations = Number(value("SELECT count(*) FROM __drizzle_migrations"));
    const shipped = readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql")).length;
    if (migrations > shipped) fail(`${file} was made by a newer ValuePulse (${migrations} migrations; this one knows ${shipped}): upgrade first.`);
    return { migrations };
  } catch (err) {
    fail(`${file} is not a database: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

async function serverAnswers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1500) })).ok;
  } catch {
    return false;
  }
}

async function restore(config: Config, fileArg: string | undefined) {
  if (!fileArg) fail("Usage: npm run restore -- BACKUP_FILE");
  const from = resolve(fileArg);
  if (!existsSync(from)) fail(`No file ${from}.`);
  const target = embeddedFile(config);
  if (resolve(target) === from) fail("That is the live database itself.");
  const { migrations } = checkBackup(from);
  if (await serverAnswers(config.port))
    fail(`A server answers on port ${config.port}: stop it first (systemctl stop valuepulse), then restore, then start it again.`);
  // The database being replaced, with its WAL (committed writes not yet folded in), is kept beside it.
  let keptAt: string | null = null;
  if (existsSync(target)) {
    keptAt = `${target}.before-restore-${new Date().toISOString().replace(/[-:.]/g, "")}`;
    for (const suffix of ["", "-wal", "-shm"]) if (existsSync(target + suffix)) renameSync(target + suffix, keptAt + suffix);
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(from, `${target}.partial`);
  renameSync(`${target}.partial`, target);
  console.log(`Restored ${from} to ${target} (${migrations} migrations applied in it; the next start applies any newer ones).`);
  if (keptAt) console.log(`The database it replaced is kept at ${keptAt}.`);
}

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}
const [command, arg] = process.argv.slice(2);
if (command === "backup") await backup(config, arg);
else if (command === "restore") await restore(config, arg);
else fail("Usage: backup-cli.ts backup [DIR] | restore FILE");
