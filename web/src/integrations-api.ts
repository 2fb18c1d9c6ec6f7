// Calls for imports and outgoing webhooks through the typed client (api-client.ts). A file upload's body is the
// file itself (streamed by the browser), which hono/client cannot send: it goes by fetch to the client's typed path.
import type { InferRequestType, InferResponseType } from "hono/client";
import type { WebhookEndpoint } from "../../server/http/schemas/integrations";
import { WEBHOOK_EVENT_TYPES } from "../../server/domain/vocabulary";
import { call, client, networkError, read, seg } from "./api-client";

export type { Import, ImportError, WebhookDelivery, WebhookEndpoint } from "../../server/http/schemas/integrations";
export type WebhookEventType = WebhookEndpoint["events"][number];
export const WEBHOOK_EVENTS: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;

const v1 = client.api.v1;
const imports = v1.imports;
const endpoints = v1["webhook-endpoints"];
const one = (id: string) => ({ param: { id: seg(id) } });

/** PUTs a file to a path the typed client built, answering like call(): the route's 200 body, or ApiError. */
async function putFile<T>(path: string, file: File, contentType = "text/csv"): Promise<T> {
  const res = await fetch(path, { method: "PUT", credentials: "same-origin", headers: { Accept: "application/json", "Content-Type": contentType }, body: file }).catch(() => {
    throw networkError();
  });
  return (await read(res)) as T;
}
type Uploaded<E> = InferResponseType<E, 200>;
type DelightedKind = NonNullable<NonNullable<Parameters<(typeof imports)[":id"]["delighted"]["$path"]>[0]>["query"]>["kind"];

export const integrationsApi = {
  createImport: (fileName: string) => call(imports.$post({ json: { kind: "purchases", fileName } })),
  uploadCsv: (id: string, file: File) => putFile<Uploaded<(typeof imports)[":id"]["csv"]["$put"]>>(imports[":id"].csv.$path({ ...one(id), query: { errorsLimit: 1000 } }), file),
  createDelightedImport: (fileName: string) => call(imports.$post({ json: { kind: "delighted", fileName } })),
  /** The kind is read from the file unless given (as the page's select holds it; the server validates it); JSON or CSV by its content (the type only labels it). */
  uploadDelighted: (id: string, file: File, kind?: string) =>
    putFile<Uploaded<(typeof imports)[":id"]["delighted"]["$put"]>>(
      imports[":id"].delighted.$path({ ...one(id), query: { errorsLimit: 1000, ...(kind ? { kind: kind as DelightedKind } : {}) } }),
      file,
      /\.json$/i.test(file.name) ? "application/json" : "text/csv",
    ),
  importStatus: (id: string) => call(imports[":id"].$get({ ...one(id), query: { errorsLimit: 1000 } })),
  imports: () => call(imports.$get({ query: { limit: 10 } })).then((r) => r.imports),
  endpoints: () => call(endpoints.$get()).then((r) => r.endpoints),
  createEndpoint: (input: InferRequestType<typeof endpoints.$post>["json"]) => call(endpoints.$post({ json: input })),
  removeEndpoint: (id: string) => call(endpoints[":id"].$delete(one(id))),
  revealSecret: (id: string) => call(endpoints[":id"].secret.$get(one(id))).then((r) => r.secret),
  rotateSecret: (id: string) => call(endpoints[":id"]["rotate-secret"].$post(one(id))).then((r) => r.secret),
  deliveries: (id: string) => call(endpoints[":id"].deliveries.$get({ ...one(id), query: { limit: 50 } })).then((r) => r.deliveries),
};
