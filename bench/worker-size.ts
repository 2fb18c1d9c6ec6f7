// Size of the Worker bundle from `wrangler deploy --dry-run --outdir DIR`: raw and gzipped (what Cloudflare's
// size limit counts). `--write` records it in docs/BENCHMARKS-EDGE.md. Exits 1 above 1 MiB gzipped (our goal).
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const GOAL = 1024 * 1024;
const [file = "dist/worker/worker.js", ...flags] = process.argv.slice(2);
const code = readFileSync(file);
const gzip = gzipSync(code, { level: 9 }).length;
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`Worker bundle ${file}: ${kib(code.length)}, ${kib(gzip)} gzipped (goal < 1024 KiB gzipped)`);

if (flags.includes("--write")) {
  const wrangler = JSON.parse(readFileSync("node_modules/wrangler/package.json", "utf8")).version;
  writeFileSync(
    "docs/BENCHMARKS-EDGE.md",
    `# Worker bundle size

Measured by \`npm run build:worker -- --write\` (\`wrangler deploy --dry-run\`, wrangler ${wrangler}, then gzip -9 of
the bundle). The dashboard's files are uploaded as Workers static assets and are not part of it.

| bundle | raw | gzipped | goal |
|---|---|---|---|
| \`server/worker.ts\` (Hono app, drizzle, @libsql/client/web, resend, Argon2id) | ${kib(code.length)} | **${kib(gzip)}** | < 1024 KiB gzipped |

\`npm run test:edge\` builds it again and fails above 1 MiB gzipped. Workers accept 3 MiB (Free) or 10 MiB
(Paid) compressed; a smaller bundle starts faster in a cold isolate.
`,
  );
  console.log("wrote docs/BENCHMARKS-EDGE.md");
}
if (gzip >= GOAL) process.exit(1);
