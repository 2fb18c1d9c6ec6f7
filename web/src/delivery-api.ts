// Delivery endpoints for the dashboard: suppression list, status per invitation, rates per template.
import type { InvitationDelivery, Suppression, TemplateDeliveryRates } from "../../server/http/schemas/delivery";
import { request } from "./api";

export type { InvitationDelivery, Suppression, TemplateDeliveryRates } from "../../server/http/schemas/delivery";
export type InvitationStatus = InvitationDelivery["status"];

export const deliveryApi = {
  suppressions: () => request<{ suppressions: Suppression[] }>("GET", "/api/v1/suppressions").then((r) => r.suppressions),
  suppress: (email: string, note?: string) => request<Suppression>("POST", "/api/v1/suppressions", { email, ...(note ? { note } : {}) }),
  unsuppress: (email: string) => request<void>("DELETE", `/api/v1/suppressions/${encodeURIComponent(email)}`),
  invitations: (status?: InvitationStatus) =>
    request<{ invitations: InvitationDelivery[] }>("GET", `/api/v1/delivery/invitations?limit=200${status ? `&status=${status}` : ""}`).then((r) => r.invitations),
  templateRates: () => request<{ templates: TemplateDeliveryRates[] }>("GET", "/api/v1/delivery/templates").then((r) => r.templates),
};
