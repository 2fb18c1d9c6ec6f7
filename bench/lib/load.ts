// Fixed-concurrency HTTP load over loopback with autocannon: throughput, latency percentiles, errors, and CPU per request.
import autocannon from "autocannon";
import { readFileSync } from "node:fs";

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  /** CPU time of the server process (all its threads) per answered request, µs; NaN without `serverPid`. */
  serverCpuUs: number;
  /** CPU time of this process (the load generator) per answered request, µs. */
  clientCpuUs: number;
};

/** User + system CPU of a process so far, ms, from /proc (Linux): clock ticks of 10 ms. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function load(opts: {
  url: string;
  connections: number;
  seconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Called for every request: return its path and body (lets each request answer a different survey). */
  next?: () => { path: string; body?: string };
  body?: string;
  /** The server's process id, to report its CPU per request. */
  serverPid?: number;
}): Promise<LoadResult> {
  const serverStart = opts.serverPid ? processCpuMs(opts.serverPid) : NaN;
  const clientStart = process.cpuUsage();
  const r = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    method: opts.method ?? "POST",
    headers: opts.headers,
    body: opts.body,
    requests: opts.next
      ? [
          {
            setupRequest: (req) => {
              const n = opts.next!();
              return { ...req, path: n.path, body: n.body ?? req.body };
            },
          },
        ]
      : undefined,
  });
  const client = process.cpuUsage(clientStart);
  const serverMs = opts.serverPid ? processCpuMs(opts.serverPid) - serverStart : NaN;
  // 3xx counts as success: a form post answers 303 See Other.
  const ok = r["2xx"] + r["3xx"];
  return {
    rps: ok / opts.seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx - r["3xx"],
    total: ok,
    serverCpuUs: (serverMs * 1000) / ok,
    clientCpuUs: (client.user + client.system) / ok,
  };
}
