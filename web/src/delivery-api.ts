// Delivery endpoints for the dashboard: suppression list, status per invitation, rates per template (typed client: api-client.ts).
import type { InvitationDelivery } from "../../server/http/schemas/delivery";
import { call, client, seg } from "./api-client";

export type { InvitationDelivery, Suppression, TemplateDeliveryRates } from "../../server/http/schemas/delivery";
export type InvitationStatus = InvitationDelivery["status"];

const v1 = client.api.v1;

export const deliveryApi = {
  suppressions: () => call(v1.suppressions.$get({ query: {} })).then((r) => r.suppressions),
  suppress: (email: string, note?: string) => call(v1.suppressions.$post({ json: { email, ...(note ? { note } : {}) } })),
  unsuppress: (email: string) => call(v1.suppressions[":email"].$delete({ param: { email: seg(email) } })),
  invitations: (status?: InvitationStatus) => call(v1.delivery.invitations.$get({ query: { limit: 200, status } })).then((r) => r.invitations),
  templateRates: () => call(v1.delivery.templates.$get()).then((r) => r.templates),
};
