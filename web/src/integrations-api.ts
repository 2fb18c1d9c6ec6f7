// Typed calls for imports, exports and outgoing webhooks (types from the server's own schemas).
import { ApiError, notifyUnauthorized, request } from "./api";
import type { Import, WebhookDelivery, WebhookEndpoint } from "../../server/http/schemas/integrations";

export type { Import, ImportError, WebhookDelivery, WebhookEndpoint } from "../../server/http/schemas/integrations";
export type WebhookEventType = WebhookEndpoint["events"][number];
export const WEBHOOK_EVENTS: WebhookEventType[] = ["response.created", "response.updated", "detractor.alert", "customer.unsubscribed"];

/** Sends a file as the body (streamed by the browser), answering like request(). */
async function putFile<T>(path: string, file: File, contentType = "text/csv"): Promise<T> {
  const res = await fetch(path, { method: "PUT", credentials: "same-origin", headers: { Accept: "application/json", "Content-Type": contentType }, body: file }).catch(() => {
    throw new ApiError(0, "network_error", "Cannot reach the server. Check your connection and try again.");
  });
  const data = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (res.status === 401) notifyUnauthorized();
    throw new ApiError(res.status, data?.error?.code ?? `http_${res.status}`, data?.error?.message ?? `${res.status} ${res.statusText}`, data?.error?.details);
  }
  return data as T;
}

export const integrationsApi = {
  createImport: (fileName: string) => request<Import>("POST", "/api/v1/imports", { kind: "purchases", fileName }),
  uploadCsv: (id: string, file: File) => putFile<Import>(`/api/v1/imports/${encodeURIComponent(id)}/csv?errorsLimit=1000`, file),
  createDelightedImport: (fileName: string) => request<Import>("POST", "/api/v1/imports", { kind: "delighted", fileName }),
  /** The kind is read from the file unless given; JSON or CSV by its content (the type only labels it). */
  uploadDelighted: (id: string, file: File, kind?: string) =>
    putFile<Import>(`/api/v1/imports/${encodeURIComponent(id)}/delighted?errorsLimit=1000${kind ? `&kind=${encodeURIComponent(kind)}` : ""}`, file, /\.json$/i.test(file.name) ? "application/json" : "text/csv"),
  importStatus: (id: string) => request<Import>("GET", `/api/v1/imports/${encodeURIComponent(id)}?errorsLimit=1000`),
  imports: () => request<{ imports: Omit<Import, "errors">[] }>("GET", "/api/v1/imports?limit=10").then((r) => r.imports),
  endpoints: () => request<{ endpoints: WebhookEndpoint[] }>("GET", "/api/v1/webhook-endpoints").then((r) => r.endpoints),
  createEndpoint: (input: { url: string; events: WebhookEventType[]; format: "standard" | "slack"; description?: string }) =>
    request<{ endpoint: WebhookEndpoint; secret: string }>("POST", "/api/v1/webhook-endpoints", input),
  removeEndpoint: (id: string) => request<void>("DELETE", `/api/v1/webhook-endpoints/${encodeURIComponent(id)}`),
  revealSecret: (id: string) => request<{ secret: string }>("GET", `/api/v1/webhook-endpoints/${encodeURIComponent(id)}/secret`).then((r) => r.secret),
  rotateSecret: (id: string) => request<{ secret: string }>("POST", `/api/v1/webhook-endpoints/${encodeURIComponent(id)}/rotate-secret`).then((r) => r.secret),
  deliveries: (id: string) => request<{ deliveries: WebhookDelivery[] }>("GET", `/api/v1/webhook-endpoints/${encodeURIComponent(id)}/deliveries?limit=50`).then((r) => r.deliveries),
};
