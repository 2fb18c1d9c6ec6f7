// Where a server's CPU goes: V8 CPU profile samples (`node --cpu-prof`) grouped into the layers of a request.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

/** Layers, first match wins; the URL is the sampled function's own file. */
const LAYERS: [string, (url: string, fn: string) => boolean][] = [
  ["SQLite: libsql native binding and @libsql/client", (u) => /node_modules\/(libsql|@libsql)\//.test(u)],
  ["drizzle-orm (query building, row mapping)", (u) => u.includes("node_modules/drizzle-orm/")],
  ["HTTP: Node http, streams, undici Request/Response, @hono/node-server", (u, f) => /node:(_http|internal\/(streams|webstreams|http|url|abort|event_target|deps\/undici|stream_base))|node_modules\/@hono\/node-server\//.test(u) || f === "writeLatin1String" || f === "writev" || f === "writeUtf8String"],
  ["Hono routing and middleware", (u) => u.includes("node_modules/hono/") || u.includes("node_modules/@hono/zod-openapi/")],
  ["ValuePulse code (server/, db/, emails/)", (u) => /\/(server|db|emails)\/[^/]+/.test(u) && !u.includes("node_modules")],
  ["garbage collector", (_, f) => f === "(garbage collector)"],
  ["idle (waiting for I/O)", (_, f) => f === "(idle)"],
];

/**
 * Shares of CPU time per layer over the last `windowMs` before the profile ended (minus `tailMs` of
 * shutdown), from the largest profile in `dir` (the main thread).
 */
export function profileShares(dir: string, windowMs: number, tailMs = 300): { layer: string; share: number }[] {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(dir, f))
    .sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
  if (!file) throw new Error(`no CPU profile in ${dir}`);
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const end = p.endTime - tailMs * 1000;
  const start = end - windowMs * 1000;
  const byLayer = new Map<string, number>();
  let total = 0;
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (t < start || t > end) continue;
    const { url, functionName } = nodes.get(p.samples[i])!.callFrame;
    const layer = LAYERS.find(([, match]) => match(url, functionName))?.[0] ?? "other (Node internals, crypto, JSON, …)";
    const dt = p.timeDeltas[i] ?? 0;
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + dt);
    total += dt;
  }
  return [...byLayer].map(([layer, us]) => ({ layer, share: us / total })).sort((a, b) => b.share - a.share);
}
