// The survey page a customer opens from the email: bytes of its first view, and server time for the full body, on the real server.
import { Agent, request, type IncomingHttpHeaders } from "node:http";
import { brotliCompressSync, constants as zlibConstants, gunzipSync, brotliDecompressSync, inflateSync, gzipSync } from "node:zlib";
import { startNodeServer, type RunningServer } from "../test/node-server";
import type { Benchmark } from "./lib/report";
import { fmt, fmtSpread, percentile, spread } from "./lib/stats";

const KEY = "vp_bench_page_key_0123456789";
/** What Chrome sends when a link from an email is opened. */
const BROWSER_HEADERS = {
  Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
  "Accept-Encoding": "gzip, deflate, br",
  "Accept-Language": "vi-VN,vi;q=0.9,en;q=0.8",
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
};

const api = (server: RunningServer, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** One survey token per locale, through the product's own path: purchase → dispatch → dev mailbox. */
async function tokensByLocale(server: RunningServer): Promise<Record<"en" | "vi", string>> {
  const fulfilledAt = new Date(Date.now() - 4 * 86_400_000).toISOString();
  for (const locale of ["en", "vi"] as const) {
    const res = await api(server, "/api/v1/purchases", {
      id: `page-${locale}`,
      customer: { email: `page-${locale}@example.com`, name: locale === "vi" ? "Nguyễn Lan" : "Emma Smith", locale },
      amount: 1_250_000,
      currency: "VND",
      items: [{ name: "Trà sen", category: "tea" }],
      channel: "web",
      fulfilledAt,
    });
    if (res.status !== 202) throw new Error(`purchase: ${res.status} ${await res.text()}`);
  }
  await api(server, "/api/v1/dispatch", {});
  const { emails } = (await (await api(server, "/api/v1/mailbox?limit=10")).json()) as { emails: { to: string; html: string }[] };
  const token = (locale: string) => {
    const mail = emails.find((e) => e.to.includes(`page-${locale}@`));
    const m = mail?.html.match(/\/s\/([A-Za-z0-9_-]{43})\?score=/);
    if (!m) throw new Error(`no survey link for ${locale}`);
    return m[1];
  };
  return { en: token("en"), vi: token("vi") };
}

type Fetched = { status: number; headers: IncomingHttpHeaders; headerBytes: number; wireBytes: number; body: Buffer; ms: number };

/** GET over node:http: the bytes as they came over the wire, the decoded body, and the time to its last byte. */
function get(url: string, agent: Agent, headers: Record<string, string> = BROWSER_HEADERS): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const ms = performance.now() - t0;
        const wire = Buffer.concat(chunks);
        const enc = res.headers["content-encoding"];
        const body = enc === "gzip" ? gunzipSync(wire) : enc === "br" ? brotliDecompressSync(wire) : enc === "deflate" ? inflateSync(wire) : wire;
        // Status line + raw header lines + blank line, as sent.
        let headerBytes = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
        for (let i = 0; i < res.rawHeaders.length; i += 2) headerBytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, headerBytes, wireBytes: wire.length, body, ms });
      });
      res.on("error", reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on("error", reject);
    req.end();
  });
}

/** Subresources the HTML references (stylesheets, scripts, images, icons, CSS url()/@import). */
function referencedUrls(html: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)/gi,
    /<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi,
    /<(?:img|source|iframe|video|audio|embed)\b[^>]*\bsrcset?\s*=\s*["']?([^"'\s>]+)/gi,
    /url\(\s*["']?([^"')]+)/gi,
    /@import\s+["']([^"']+)/gi,
  ];
  for (const p of patterns) for (const m of html.matchAll(p)) if (!m[1].startsWith("data:") && !m[1].startsWith("#")) found.add(m[1]);
  return [...found];
}

const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KiB`;

/** The issue's goal for the first view: HTML + CSS + JS transferred, headers and subresources included. */
const FIRST_VIEW_GOAL_BYTES = 20 * 1024;

const bench: Benchmark = {
  name: "survey-page",
  async run({ quick }) {
    const runs = quick ? 3 : 5;
    const requestsPerRun = quick ? 50 : 200;
    const server = await startNodeServer({ INGEST_API_KEY: KEY, ADMIN_PASSWORD: "bench-password-1", DISPATCH_INTERVAL_MS: "3600000" });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const tokens = await tokensByLocale(server);

      // ——— bytes of the first view ———
      const views = [];
      for (const locale of ["en", "vi"] as const) {
        const url = `${server.url}/s/${tokens[locale]}?score=9`;
        const page = await get(url, agent);
        if (page.status !== 200) throw new Error(`GET survey page: ${page.status}`);
        const html = page.body.toString("utf8");
        if (!html.includes('value="9"')) throw new Error("the survey page does not show the score options");
        const refs = referencedUrls(html);
        const subresources = [];
        for (const ref of refs) {
          const abs = new URL(ref, url);
          const sub = abs.origin === new URL(server.url).origin ? await get(abs.href, agent) : null;
          subresources.push({ ref, wireBytes: sub?.wireBytes ?? NaN, headerBytes: sub?.headerBytes ?? 0, external: !sub });
        }
        views.push({
          locale,
          page,
          refs: subresources,
          inlineStyle: (html.match(/<style\b[^>]*>([\s\S]*?)<\/style>/gi) ?? []).reduce((a, s) => a + Buffer.byteLength(s), 0),
          inlineScript: (html.match(/<script\b[^>]*>([\s\S]*?)<\/script>/gi) ?? []).reduce((a, s) => a + Buffer.byteLength(s), 0),
          gzip: gzipSync(page.body).length,
          brotli: brotliCompressSync(page.body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }).length,
        });
      }
      // Browsers also ask for /favicon.ico when a page names no icon.
      const favicon = await get(`${server.url}/favicon.ico`, agent);
      const faviconType = String(favicon.headers["content-type"] ?? "none");

      // ——— server time to the full body ———
      const url = `${server.url}/s/${tokens.vi}?score=9`;
      for (let i = 0; i < 20; i++) await get(url, agent); // warm-up
      const perRun: { p50: number; p95: number; max: number; min: number }[] = [];
      const all: number[] = [];
      for (let r = 0; r < runs; r++) {
        const ms: number[] = [];
        for (let i = 0; i < requestsPerRun; i++) {
          const res = await get(url, agent);
          if (res.status !== 200) throw new Error(`GET ${res.status}`);
          ms.push(res.ms);
        }
        all.push(...ms);
        perRun.push({ p50: percentile(ms, 50), p95: percentile(ms, 95), max: Math.max(...ms), min: Math.min(...ms) });
      }
      const overall = spread(all);

      const compressed = views[0].page.headers["content-encoding"];
      type View = { page: Fetched; refs: { wireBytes: number; headerBytes: number; external: boolean }[] };
      const firstViewBytes = (v: View) => v.page.headerBytes + v.page.wireBytes + v.refs.reduce((a: number, r) => a + (r.wireBytes || 0) + r.headerBytes, 0);
      const goal = views.map((v) => ({ locale: v.locale, bytes: firstViewBytes(v), met: firstViewBytes(v) <= FIRST_VIEW_GOAL_BYTES && v.refs.every((r) => !r.external) }));
      const markdown = [
        `The real Node entry (\`server/node.ts\`) on loopback. A purchase per locale is recorded and dispatched to the dev mailbox, and the link behind "9" in each email is opened ` +
          `the way a browser opens it (\`GET /s/{token}?score=9\` with Chrome's \`Accept-Encoding: gzip, deflate, br\`), over \`node:http\` with keep-alive. ` +
          `Subresources are found by scanning the HTML for \`<link href>\`, \`<script src>\`, \`<img src>\`, CSS \`url()\` and \`@import\`.`,
        "",
        "| first view | status | headers | body as sent | encoding | of which inline CSS / JS | subresources referenced | body gzip -6 (zlib, reference) | body brotli q5 (reference) |",
        "|---|---|---|---|---|---|---|---|---|",
        ...views.map(
          (v) =>
            `| \`/s/{token}?score=9\` (${v.locale}) | ${v.page.status} | ${v.page.headerBytes.toLocaleString("en-US")} B | ${v.page.wireBytes.toLocaleString("en-US")} B (${kb(v.page.wireBytes)}) | ${v.page.headers["content-encoding"] ?? "none"} | ` +
            `${v.inlineStyle.toLocaleString("en-US")} B / ${v.inlineScript.toLocaleString("en-US")} B | ${v.refs.length === 0 ? "none" : v.refs.map((r) => `${r.ref}${r.external ? " (external)" : ` ${r.wireBytes} B`}`).join(", ")} | ` +
            `${v.gzip.toLocaleString("en-US")} B (${kb(v.gzip)}) | ${v.brotli.toLocaleString("en-US")} B |`,
        ),
        "",
        `**Goal: ≤ 20 KB (20,480 B) transferred for the first view, no third-party request** — ` +
          goal.map((g) => `${g.locale}: ${g.bytes.toLocaleString("en-US")} B, ${g.met ? "met" : "**NOT met**"}`).join("; ") +
          ". The uncompressed body is also under the goal, so a client that asks for no compression stays within it too: " +
          views.map((v) => `${v.locale} ${v.page.body.length.toLocaleString("en-US")} B`).join(", ") +
          ".",
        "",
        `First view total (headers + body + subresources, before TCP/TLS overhead): ${views.map((v) => `${v.locale} ${firstViewBytes(v).toLocaleString("en-US")} B`).join(", ")}. ` +
          (views.every((v) => v.refs.length === 0) ? "The page references no external CSS, JS, fonts or images: one request renders it. " : "") +
          (compressed
            ? `The server compresses it (${compressed}).`
            : `The server does not compress it: with gzip it would be ~${fmt((1 - views[0].gzip / views[0].page.wireBytes) * 100, 0)} % smaller (en) / ~${fmt((1 - views[1].gzip / views[1].page.wireBytes) * 100, 0)} % (vi).`),
        "",
        `A browser also requests \`/favicon.ico\` for a page that names no icon: here it answers ${favicon.status} \`${faviconType}\`, ${favicon.wireBytes.toLocaleString("en-US")} B` +
          (faviconType.includes("text/html") ? " — the dashboard's \`index.html\` from the static fallback, not an icon: bytes the customer's browser fetches for nothing." : "."),
        "",
        `**Server time**: ${runs} runs of ${requestsPerRun} sequential \`GET /s/{token}?score=9\` (vi) on one keep-alive connection after 20 warm-up requests, ` +
          `timed from sending the request to the body's last byte (the client's own overhead included; the page is rendered fresh each time: token lookup, template, HTML). ms, min / **median** / max over runs:`,
        "",
        "| requests per run | p50 | p95 | max |",
        "|---|---|---|---|",
        `| ${requestsPerRun} | ${fmtSpread(spread(perRun.map((x) => x.p50)), 2)} | ${fmtSpread(spread(perRun.map((x) => x.p95)), 2)} | ${fmtSpread(spread(perRun.map((x) => x.max)), 2)} |`,
        "",
        `Over all ${all.length} requests: min ${fmt(overall.min, 2)} ms, median ${fmt(overall.median, 2)} ms, max ${fmt(overall.max, 2)} ms.`,
      ].join("\n");
      for (const g of goal) console.error(`survey-page first view (${g.locale}): ${g.bytes} B — goal ≤ ${FIRST_VIEW_GOAL_BYTES} B ${g.met ? "met" : "NOT MET"}`);
      return { title: "Survey page: first-view bytes and server time", markdown };
    } finally {
      agent.destroy();
      await server.stop();
    }
  },
};
export default bench;
