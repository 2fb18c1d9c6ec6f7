// Invitation sending: dispatchDue() through the real Resend SDK against the loopback Resend fake (run in a child process).
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { resendMailer } from "../server/services/mailers/resend-mailer";
import { dispatchDue } from "../server/services/dispatch";
import { makeApp, postJson, purchase } from "../test/helpers";
import type { Benchmark } from "./lib/report";
import { fmt, fmtSpread, spread } from "./lib/stats";

/** Purchases posted at once while scheduling (they share group commits). */
const SCHEDULE_CONCURRENCY = 50;

/**
 * The fake runs in its own process, so this process's CPU time is ValuePulse's alone (the SDK, the
 * database, rendering), not the fake's JSON parsing. It answers "stats" on stdin with its counters.
 */
const FAKE_CHILD = `
import { startResendFake } from ${JSON.stringify(pathToFileURL(resolve("test/fakes/resend-fake.ts")).href)};
const fake = await startResendFake();
console.log(JSON.stringify({ url: fake.url, apiKey: fake.apiKey }));
let buffer = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  for (let i; (i = buffer.indexOf("\\n")) >= 0; ) {
    buffer = buffer.slice(i + 1);
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ delivered: fake.delivered.length, requests: fake.requests.length, cpuMs: (cpu.user + cpu.system) / 1000 }));
    fake.delivered.length = 0;
    fake.requests.length = 0;
  }
});
process.stdin.on("end", () => process.exit(0));
`;

type FakeStats = { delivered: number; requests: number; cpuMs: number };

async function startFakeProcess() {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", FAKE_CHILD], { stdio: ["pipe", "pipe", "inherit"] });
  const lines: string[] = [];
  let waiter: ((line: string) => void) | null = null;
  let buffer = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (d: string) => {
    buffer += d;
    for (let i; (i = buffer.indexOf("\n")) >= 0; ) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      if (waiter) {
        const w = waiter;
        waiter = null;
        w(line);
      } else lines.push(line);
    }
  });
  const nextLine = () =>
    new Promise<string>((res, rej) => {
      const queued = lines.shift();
      if (queued !== undefined) return res(queued);
      const timer = setTimeout(() => rej(new Error("the Resend fake did not answer in 30 s")), 30_000);
      waiter = (l) => {
        clearTimeout(timer);
        res(l);
      };
    });
  const { url, apiKey } = JSON.parse(await nextLine()) as { url: string; apiKey: string };
  return {
    url,
    apiKey,
    /** Deliveries and requests since the last call (then reset), and the fake process's CPU time so far. */
    async stats(): Promise<FakeStats> {
      child.stdin!.write("stats\n");
      return JSON.parse(await nextLine()) as FakeStats;
    },
    stop() {
      child.stdin!.end();
      child.kill("SIGTERM");
    },
  };
}

type Run = { sent: number; wallMs: number; cpuMs: number; perSecond: number; cpuPerEmail: number; requests: number; fakeCpuMs: number };

const bench: Benchmark = {
  name: "dispatch",
  async run({ quick }) {
    const n = quick ? 300 : 2000;
    const runCount = quick ? 3 : 5;
    const fake = await startFakeProcess();
    const runs: Run[] = [];
    try {
      for (let r = 0; r < runCount; r++) {
        // A fresh database per run, built like the API tests build it (synchronous=FULL, migrated, seeded).
        const t = await makeApp({ env: { RESEND_API_KEY: fake.apiKey }, mailer: () => resendMailer(fake.apiKey, fake.url) });
        try {
          for (let i = 0; i < n; i += SCHEDULE_CONCURRENCY)
            await Promise.all(
              Array.from({ length: Math.min(SCHEDULE_CONCURRENCY, n - i) }, async (_, j) => {
                const k = i + j;
                const res = await postJson(t.app, "/api/v1/purchases", purchase({ id: `disp-${r}-${k}`, customer: { email: `disp-${r}-${k}@example.com`, name: `Khách ${k}`, locale: k % 3 ? "vi" : "en" } }));
                if (res.status !== 202) throw new Error(`purchase ${k}: ${res.status} ${await res.text()}`);
              }),
            );
          const due = Number((await t.client.execute("select count(*) n from invitations where status = 'scheduled'")).rows[0].n);
          if (due !== n) throw new Error(`expected ${n} scheduled invitations, found ${due}`);
          const before = await fake.stats(); // also resets the fake's counters

          const cpu0 = process.cpuUsage();
          const t0 = performance.now();
          const result = await dispatchDue(t.deps);
          const wallMs = performance.now() - t0;
          const cpu = process.cpuUsage(cpu0);

          const seen = await fake.stats();
          if (result.sent !== n || result.failed !== 0 || seen.delivered !== n)
            throw new Error(`run ${r}: dispatchDue reported ${JSON.stringify(result)}, the fake received ${seen.delivered} of ${n}`);
          const cpuMs = (cpu.user + cpu.system) / 1000;
          runs.push({ sent: n, wallMs, cpuMs, perSecond: n / (wallMs / 1000), cpuPerEmail: cpuMs / n, requests: seen.requests, fakeCpuMs: seen.cpuMs - before.cpuMs });
        } finally {
          t.close();
        }
      }
    } finally {
      fake.stop();
    }

    const s = (k: keyof Run, digits = 1) => fmtSpread(spread(runs.map((x) => x[k])), digits);
    const medianRate = spread(runs.map((x) => x.perSecond)).median;
    const markdown = [
      `The app is built in-process like \`test/helpers.ts\` \`makeApp\` (temp libSQL file, \`synchronous=FULL\`) with \`resendMailer(apiKey, url)\` — the official Resend SDK — pointed at ` +
        `\`test/fakes/resend-fake.ts\` on loopback, which runs in a child process so that the CPU time below is ValuePulse's alone. ` +
        `Per run: a fresh database, ${n.toLocaleString("en-US")} purchases via \`POST /api/v1/purchases\` (each schedules one due invitation), then one timed \`dispatchDue(deps)\`: ` +
        `claim batches of 100, render each email (en/vi), derive the survey token, send the batch with its Idempotency-Key, mark the invitations sent. ` +
        `CPU is \`process.cpuUsage()\` (user + system, all threads) across that call. ${runCount} runs; min / **median** / max.`,
      "",
      "| invitations per run | batch requests | wall time (ms) | invitations / s | CPU (ms) | CPU ms per email | the fake's own CPU (ms, its process) |",
      "|---|---|---|---|---|---|---|",
      `| ${n.toLocaleString("en-US")} | ${runs[0].requests} | ${s("wallMs", 0)} | ${s("perSecond", 0)} | ${s("cpuMs", 0)} | ${s("cpuPerEmail", 2)} | ${s("fakeCpuMs", 0)} |`,
      "",
      `For scale: Resend's documented default rate limit is 2–5 requests/s, i.e. 200–500 emails/s in batches of 100, so against the real provider the rate limit, ` +
        `not this ${fmt(medianRate, 0)} emails/s, bounds sending; batches are sent one after another, so provider latency (not measured here) adds to each batch.`,
    ].join("\n");
    return { title: "Dispatch: invitations per second", markdown };
  },
};
export default bench;
