// Fixed-concurrency HTTP load over loopback with autocannon: throughput, latency percentiles, errors.
import autocannon from "autocannon";

export type LoadResult = { rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number };

export async function load(opts: {
  url: string;
  connections: number;
  seconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Called for every request: return its path and body (lets each request answer a different survey). */
  next?: () => { path: string; body?: string };
  body?: string;
}): Promise<LoadResult> {
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
  // 3xx counts as success: a form post answers 303 See Other.
  const ok = r["2xx"] + r["3xx"];
  return { rps: ok / opts.seconds, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx - r["3xx"], total: ok };
}
