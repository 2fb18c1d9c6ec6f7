// Outgoing webhook endpoints: where webhooks may go (SSRF checks), registering, disabling, their secrets and delivery log.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../../db/schema";
import { bareHost, classifyTarget, isAllowListed, resolvedProblem } from "../domain/network-address";
import type { WebhookEventType, WebhookFormat } from "../domain/vocabulary";
import { webhookSecret } from "../domain/webhook-signatures";
import type { Deps, ResolveHost } from "../deps";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";

/**
 * Where webhooks may go. `allowedHosts` (WEBHOOK_ALLOWED_HOSTS) skip every check. `resolveHost` (Node: node:dns, injected
 * by the entry) lets a name be checked by the addresses it resolves to; without it (Workers) only the URL is checked.
 */
export type TargetPolicy = { allowedHosts: readonly string[]; resolveHost?: ResolveHost; publicUrl: string };

/** The policy from the app's dependencies: WEBHOOK_ALLOWED_HOSTS, PUBLIC_URL and the runtime's resolver (read when called: a test may swap it). */
export const targetPolicy = (deps: Pick<Deps, "config" | "resolveHost">): TargetPolicy => ({ allowedHosts: deps.config.webhookAllowedHosts, resolveHost: deps.resolveHost, publicUrl: deps.config.publicUrl });

/**
 * Why a webhook may not be sent to `url` (SSRF: this machine, its private networks, cloud metadata), or null. Names are
 * resolved on every call, so a name re-pointed at a private address after registration (DNS rebinding) is refused at
 * the next attempt. ValuePulse's own address is refused too: a webhook is for another system.
 */
export async function webhookTargetProblem(policy: TargetPolicy, url: string, opts: { unresolvable: "refuse" | "allow" } = { unresolvable: "refuse" }): Promise<string | null> {
  const verdict = classifyTarget(url, policy.allowedHosts);
  if (verdict.verdict === "refused") return verdict.reason;
  const host = bareHost(new URL(url).hostname);
  if (host === bareHost(new URL(policy.publicUrl).hostname) && !isAllowListed(host, policy.allowedHosts)) return `points to ValuePulse itself (${host})`;
  if (verdict.verdict === "ok") return null;
  if (!policy.resolveHost) return null;
  let addresses: string[];
  try {
    addresses = await policy.resolveHost(verdict.host);
  } catch (err) {
    return opts.unresolvable === "allow" ? null : `${verdict.host} could not be resolved (${(err as { code?: string }).code ?? "DNS error"})`;
  }
  return resolvedProblem(verdict.host, addresses);
}

export type EndpointInput = { url: string; events: WebhookEventType[]; format: WebhookFormat; description?: string };
type EndpointRow = typeof webhookEndpoints.$inferSelect;

const toEndpoint = (row: EndpointRow) => ({ ...row, events: row.events.split(" ") as WebhookEventType[] });
export type Endpoint = ReturnType<typeof toEndpoint>;

export async function createEndpoint(deps: Pick<Deps, "db" | "clock" | "config" | "resolveHost">, input: EndpointInput) {
  const { db } = deps;
  const now = deps.clock.now();
  // A name that does not resolve yet may be registered: every attempt checks it again before anything is sent.
  const problem = await webhookTargetProblem(targetPolicy(deps), input.url, { unresolvable: "allow" });
  if (problem)
    throw new AppError("invalid_input", `The webhook URL ${problem}; an administrator can allow a host with WEBHOOK_ALLOWED_HOSTS`, [{ field: "url", message: problem }]);
  const row: EndpointRow = { id: newId(now), url: input.url, description: input.description ?? null, events: [...new Set(input.events)].join(" "), format: input.format, secretVersion: 1, createdAt: now, disabledAt: null };
  await db.commit([db.insert(webhookEndpoints).values(row)]);
  return { endpoint: toEndpoint(row), secret: webhookSecret(deps.config.secretKey, row.id, 1) };
}

export async function listEndpoints(deps: Pick<Deps, "db">): Promise<Endpoint[]> {
  return (await deps.db.select().from(webhookEndpoints).where(isNull(webhookEndpoints.disabledAt)).orderBy(desc(webhookEndpoints.createdAt))).map(toEndpoint);
}

export async function endpointById(deps: Pick<Deps, "db">, id: string): Promise<EndpointRow> {
  const [row] = await deps.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.disabledAt)));
  if (!row) throw notFound("Webhook endpoint");
  return row;
}

/** Disabled, not deleted: its delivery log stays readable; pending deliveries stop. */
export async function disableEndpoint(deps: Pick<Deps, "db" | "clock">, id: string): Promise<void> {
  const { db } = deps;
  const now = deps.clock.now();
  await endpointById(deps, id);
  await db.commit([
    db.update(webhookEndpoints).set({ disabledAt: now }).where(eq(webhookEndpoints.id, id)),
    db.update(webhookDeliveries).set({ status: "failed" }).where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, "pending"))),
  ]);
}

/** The secret is derived, never stored: revealing it again is a computation; rotating bumps its version. */
export async function endpointSecret(deps: Pick<Deps, "db" | "config">, { id, rotate }: { id: string; rotate: boolean }): Promise<string> {
  const { db } = deps;
  const row = await endpointById(deps, id);
  const version = rotate ? row.secretVersion + 1 : row.secretVersion;
  if (rotate) await db.commit([db.update(webhookEndpoints).set({ secretVersion: version }).where(eq(webhookEndpoints.id, id))]);
  return webhookSecret(deps.config.secretKey, id, version);
}

export async function listDeliveries(deps: Pick<Deps, "db">, { endpointId, limit }: { endpointId: string; limit: number }) {
  const { db } = deps;
  await endpointById(deps, endpointId);
  const rows = await db
    .select({ id: webhookDeliveries.id, eventType: webhookDeliveries.eventType, status: webhookDeliveries.status, attempts: webhookDeliveries.attempts, nextAttemptAt: webhookDeliveries.nextAttemptAt, createdAt: webhookDeliveries.createdAt, payload: webhookDeliveries.payload })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), sql`${webhookDeliveries.id} desc`)
    .limit(limit);
  const attempts = rows.length
    ? await db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id))).orderBy(asc(webhookAttempts.attempt))
    : [];
  return rows.map(({ payload, ...r }) => ({
    ...r,
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt : null,
    payload: JSON.parse(payload) as unknown,
    log: attempts.filter((a) => a.deliveryId === r.id).map(({ attempt, at, statusCode, error }) => ({ attempt, at, statusCode, error })),
  }));
}
