// Template designer calls to /api/v1/templates, typed from the server's own schemas.
import type { Locale } from "../../server/domain/template-content";
import type { Overlaps, Preset, Preview, TemplateDetail, TemplateSummary } from "../../server/http/template-schemas";
import { request } from "./api";

export type { Preset, Preview, TemplateDetail, TemplateSummary };
export type Overlap = Overlaps["overlaps"][number];
export type TemplateInput = Pick<TemplateDetail, "name" | "content" | "rules">;

const path = (id: string, action = "") => `/api/v1/templates/${encodeURIComponent(id)}${action ? `/${action}` : ""}`;

export const templatesApi = {
  list: () => request<{ templates: TemplateSummary[] }>("GET", "/api/v1/templates").then((r) => r.templates),
  presets: () => request<{ presets: Preset[] }>("GET", "/api/v1/templates/presets").then((r) => r.presets),
  get: (id: string) => request<TemplateDetail>("GET", path(id)),
  create: (input: TemplateInput) => request<TemplateDetail>("POST", "/api/v1/templates", input),
  update: (id: string, input: TemplateInput) => request<TemplateDetail>("PUT", path(id), input),
  remove: (id: string) => request<void>("DELETE", path(id)),
  /** The published templates publishing this one now would take purchases from (the editor's confirmation lists them). */
  overlaps: (id: string) => request<Overlaps>("GET", path(id, "overlaps")).then((r) => r.overlaps),
  publish: (id: string) => request<TemplateDetail>("POST", path(id, "publish")),
  archive: (id: string) => request<TemplateDetail>("POST", path(id, "archive")),
  duplicate: (id: string) => request<TemplateDetail>("POST", path(id, "duplicate")),
  testSend: (id: string, locales: Locale[]) => request<{ to: string; locales: Locale[] }>("POST", path(id, "test-send"), { locales }),
  preview: (content: TemplateInput["content"], rules?: TemplateInput["rules"]) => request<Preview>("POST", "/api/v1/templates/preview", { content, rules }),
};
