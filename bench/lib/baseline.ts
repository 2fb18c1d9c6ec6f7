// The code before issue 22 (reads by scan, no kept customer values), checked out beside this tree so a bench can
// run today's reads and writes next to it in the same run: the yardstick of "before".
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { CACHE_DIR } from "./generate-responses";

/** The last commit before issue 22's work (2026-12-02): Analytics read every response and a year of purchases. */
export const BASELINE_COMMIT = "cf105ed1eb116ab5025cbdf9ace2660768c3593e";

/** A copy of the repository at BASELINE_COMMIT (git archive; cached), sharing this tree's node_modules. Its path. */
export function baselineTree(commit = BASELINE_COMMIT): string {
  const dir = join(CACHE_DIR, `baseline-${commit.slice(0, 12)}`);
  if (existsSync(join(dir, "package.json"))) return dir;
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${dir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C '${partial}'`], { stdio: ["ignore", "ignore", "inherit"] });
  symlinkSync(resolve("node_modules"), join(partial, "node_modules"));
  renameSync(partial, dir);
  return dir;
}
