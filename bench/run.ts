// npm run bench [-- NAME …] [--quick]: runs the benchmarks and writes docs/BENCHMARKS.md (all of them, or the sections of those named).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import type { Benchmark, Section } from "./lib/report";

const registry: Record<string, () => Promise<{ default: Benchmark }>> = {
  ingestion: () => import("./ingestion"),
  "dashboard-queries": () => import("./dashboard-queries"),
  "analytics-reads": () => import("./analytics-reads"),
  "write-cost": () => import("./write-cost"),
  "live-latency": () => import("./live-latency"),
  dispatch: () => import("./dispatch"),
  "survey-page": () => import("./survey-page"),
};

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const chosen = args.filter((a) => !a.startsWith("--"));
const names = chosen.length ? chosen : Object.keys(registry);
for (const n of names) if (!registry[n]) throw new Error(`unknown benchmark ${n}; known: ${Object.keys(registry).join(", ")}`);

const started = Date.now();
const sections: Section[] = [];
for (const name of names) {
  const t0 = Date.now();
  console.error(`→ ${name}${quick ? " (quick)" : ""}`);
  const bench = (await registry[name]()).default;
  const section = await bench.run({ quick });
  console.error(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`\n## ${section.title}\n\n${section.markdown}\n`);
  sections.push(section);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
const doc = [
  "# Benchmarks",
  "",
  `Written by \`npm run bench${chosen.length ? ` -- ${chosen.join(" ")}` : ""}${quick ? " -- --quick" : ""}\` on ${new Date(started).toISOString().slice(0, 16).replace("T", " ")} UTC, in ${((Date.now() - started) / 60_000).toFixed(1)} min.`,
  "",
  `Machine: ${machine}. Everything ran on this one machine over loopback: the server, the load generator and the yardsticks share its cores, so figures compare within a run, not across machines. Each figure is min / **median** / max over the runs stated.`,
  "",
  ...sections.flatMap((s) => [`## ${s.title}`, "", s.markdown, ""]),
].join("\n");

// A full run replaces the committed numbers; a partial run (not quick) replaces only its own sections, each then
// saying which command wrote it and when; a quick run only prints them.
if (!quick && !chosen.length) {
  mkdirSync("docs", { recursive: true });
  writeFileSync("docs/BENCHMARKS.md", doc);
  console.error("wrote docs/BENCHMARKS.md");
} else if (!quick && existsSync("docs/BENCHMARKS.md")) {
  let current = readFileSync("docs/BENCHMARKS.md", "utf8");
  sections.forEach((section, i) => {
    const body = `## ${section.title}\n\n_Written by \`npm run bench -- ${names[i]}\` on ${new Date(started).toISOString().slice(0, 16).replace("T", " ")} UTC._\n\n${section.markdown}\n`;
    const at = current.indexOf(`\n## ${section.title}\n`);
    if (at < 0) current = `${current.trimEnd()}\n\n${body}`;
    else {
      const next = current.indexOf("\n## ", at + 1);
      current = current.slice(0, at + 1) + body + (next < 0 ? "" : current.slice(next));
    }
  });
  writeFileSync("docs/BENCHMARKS.md", current);
  console.error(`updated ${sections.map((x) => `"${x.title}"`).join(", ")} in docs/BENCHMARKS.md`);
}
process.exit(0);
