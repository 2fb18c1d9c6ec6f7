// Template designer calls to /api/v1/templates through the typed client (api-client.ts); types from the server's own schemas.
import type { InferRequestType } from "hono/client";
import type { Overlaps, TemplateDetail } from "../../server/http/template-schemas";
import { call, client, seg } from "./api-client";

export type { Preset, Preview, TemplateDetail, TemplateSummary } from "../../server/http/template-schemas";
export type Overlap = Overlaps["overlaps"][number];
export type TemplateInput = Pick<TemplateDetail, "name" | "content" | "rules">;

const templates = client.api.v1.templates;
const one = templates[":id"];
const id = (templateId: string) => ({ param: { id: seg(templateId) } });
type TestSendBody = NonNullable<InferRequestType<(typeof one)["test-send"]["$post"]>["json"]>;

export const templatesApi = {
  list: () => call(templates.$get({ query: {} })).then((r) => r.templates),
  presets: () => call(templates.presets.$get()).then((r) => r.presets),
  get: (templateId: string) => call(one.$get(id(templateId))),
  create: (input: TemplateInput) => call(templates.$post({ json: input })),
  update: (templateId: string, input: TemplateInput) => call(one.$put({ ...id(templateId), json: input })),
  remove: (templateId: string) => call(one.$delete(id(templateId))),
  /** The published templates publishing this one now would take purchases from (the editor's confirmation lists them). */
  overlaps: (templateId: string) => call(one.overlaps.$get(id(templateId))).then((r) => r.overlaps),
  publish: (templateId: string) => call(one.publish.$post(id(templateId))),
  archive: (templateId: string) => call(one.archive.$post(id(templateId))),
  duplicate: (templateId: string) => call(one.duplicate.$post({ ...id(templateId), json: {} })),
  testSend: (templateId: string, locales: TestSendBody["locales"]) => call(one["test-send"].$post({ ...id(templateId), json: { locales } })),
  preview: (content: TemplateInput["content"], rules?: TemplateInput["rules"]) => call(templates.preview.$post({ json: { content, rules } })),
};
