// The vocabulary is the one list: every mapper and every dictionary follows it, so a key added in
// server/domain/vocabulary.ts without its column, export header, webhook field or label fails here.
import { describe, expect, it } from "vitest";
import { messages } from "../../emails/i18n";
import { ANSWER_COLUMNS, ANSWER_FIELD_COLUMNS } from "../../server/services/answer-columns";
import { RESPONSE_COLUMNS } from "../../server/services/exports";
import { COLUMNS as DASHBOARD_CSV_COLUMNS } from "../../server/services/responses-csv";
import { accountText } from "../../emails/account-texts";
import { EVENT_STATES } from "../../server/domain/delivery-status";
import { DRIVERS_REASONS, DROPPED_REASONS } from "../../server/domain/key-drivers";
import { SLACK_LEADS } from "../../server/domain/webhook-events";
import { FilterQuery } from "../../server/http/schemas/filters";
import {
  ANSWER_KEYS,
  answerField,
  API_KEY_SCOPES,
  BREAKDOWN_DIMENSIONS,
  CASE_STATUSES,
  COST_KINDS,
  DELIVERY_STATES,
  DIMENSIONS,
  IMPORT_STATUSES,
  INVITATION_STATUSES,
  LOCALES,
  ROLES,
  ROLES_WHO_MAY,
  roleMay,
  SEGMENT_DIMENSIONS,
  SKIP_REASONS,
  SUPPRESSION_REASONS,
  TEMPLATE_STATUSES,
  TIERS,
  USER_STATUSES,
  VALUE_ANSWER_KEYS,
  VALUE_TYPES,
  valueAnswers,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
} from "../../server/domain/vocabulary";
import { BREAKDOWN_CHOICES } from "../../web/src/dimensions";
import { DASHBOARD_LOCALES } from "../../web/src/i18n";
import { en } from "../../web/src/i18n/en";
import { vi } from "../../web/src/i18n/vi";

describe("one vocabulary", () => {
  it("stores each answer key in the responses column of the same name", () => {
    for (const k of ANSWER_KEYS) {
      expect(ANSWER_COLUMNS[k]?.name, k).toBe(k);
      expect(ANSWER_FIELD_COLUMNS[answerField(k)]?.name, k).toBe(k);
    }
  });

  it("exports every answer key: the API export under the key, the dashboard CSV too (NPS as nps_score)", () => {
    for (const k of ANSWER_KEYS) expect(RESPONSE_COLUMNS, k).toContain(k);
    const headers = DASHBOARD_CSV_COLUMNS.map(([name]) => name);
    for (const k of ANSWER_KEYS) expect(headers, k).toContain(k === "score" ? "nps_score" : k);
  });

  it("maps a stored row's value answers (webhooks, exports, the survey page) to every value key", () => {
    const row = Object.fromEntries(VALUE_ANSWER_KEYS.map((k, i) => [answerField(k), i + 1])) as Parameters<typeof valueAnswers<number>>[0];
    expect(valueAnswers(row)).toEqual(Object.fromEntries(VALUE_ANSWER_KEYS.map((k, i) => [k, i + 1])));
  });

  it("has a dictionary for every locale: customer pages and emails, and the dashboard", () => {
    expect(Object.keys(messages).sort()).toEqual([...LOCALES].sort());
    expect([...DASHBOARD_LOCALES]).toEqual([...LOCALES]);
  });

  it("labels every value type, cost kind, value key and locale in every dashboard dictionary", () => {
    for (const d of [en, vi]) {
      for (const t of VALUE_TYPES) {
        expect(d.live.values[t], t).toBeTruthy();
        expect(d.analytics.valueType[t], t).toBeTruthy();
        expect(d.editor.valueTypes[t], t).toBeTruthy();
      }
      for (const k of COST_KINDS) {
        expect(d.live.costs[k], k).toBeTruthy();
        expect(d.editor.costKinds[k], k).toBeTruthy();
      }
      for (const k of VALUE_ANSWER_KEYS) expect(d.analytics.key[k], k).toBeTruthy();
      for (const l of LOCALES) expect(d.analytics.language[l], l).toBeTruthy();
      for (const l of LOCALES) expect(d.editor.localeName[l], l).toBeTruthy();
      for (const l of LOCALES) expect(d.itemBank.language[l], l).toBeTruthy();
    }
  });

  // Each label map is keyed by the vocabulary's own values, so the pages read `t(\`section.map.${value}\`)` with no mapper between.
  const labelMaps = (d: typeof en) =>
    [
      ["response.status", d.response.status, CASE_STATUSES],
      ["delivery.status", d.delivery.status, INVITATION_STATUSES],
      ["delivery.skip", d.delivery.skip, SKIP_REASONS],
      ["delivery.provider", d.delivery.provider, DELIVERY_STATES],
      ["suppressions.reason", d.suppressions.reason, SUPPRESSION_REASONS],
      ["users.status", d.users.status, USER_STATUSES],
      ["users.role", d.users.role, ROLES],
      ["keys.scope", d.keys.scope, API_KEY_SCOPES],
      ["data.status", d.data.status, IMPORT_STATUSES],
      ["webhooks.status", d.webhooks.status, WEBHOOK_DELIVERY_STATUSES],
      ["templates.status", d.templates.status, TEMPLATE_STATUSES],
      ["live.dimensions", d.live.dimensions, BREAKDOWN_DIMENSIONS],
      ["analytics.dimension", d.analytics.dimension, SEGMENT_DIMENSIONS],
      ["analytics.tier", d.analytics.tier, TIERS],
      ["analytics.driversReason", d.analytics.driversReason, DRIVERS_REASONS],
      ["analytics.dropped", d.analytics.dropped, DROPPED_REASONS],
    ] as const;

  it("labels every status, kind, scope, role, tier and dimension in every dashboard dictionary, under the value itself", () => {
    for (const [name, d] of [["en", en], ["vi", vi]] as const)
      for (const [section, labels, values] of labelMaps(d)) {
        for (const v of values) expect((labels as Record<string, string>)[v], `${name} ${section}.${v}`).toBeTruthy();
        // No label for a value the vocabulary no longer has (a renamed status leaves no stale key behind).
        expect(Object.keys(labels).sort(), `${name} ${section}`).toEqual([...values].sort());
      }
  });

  it("words every role in the account emails of every locale", () => {
    for (const locale of LOCALES)
      for (const role of ROLES) {
        const text = accountText(locale, `role.${role}`);
        expect(text, `${locale} ${role}`).toBeTruthy();
        expect(text, `${locale} ${role}`).not.toBe(`role.${role}`);
      }
  });

  it("maps every delivery state from its provider event, and every response event to a Slack lead", () => {
    expect(Object.values(EVENT_STATES).sort()).toEqual([...DELIVERY_STATES].sort());
    expect(Object.keys(SLACK_LEADS).sort()).toEqual(WEBHOOK_EVENT_TYPES.filter((e) => e !== "customer.unsubscribed").sort());
  });

  it("filters every dashboard read by every dimension; breakdowns and segments are dimensions", () => {
    expect(Object.keys(FilterQuery.shape).filter((k) => k !== "from" && k !== "to")).toEqual([...DIMENSIONS]);
    for (const d of [...BREAKDOWN_DIMENSIONS, ...SEGMENT_DIMENSIONS]) expect(DIMENSIONS, d).toContain(d);
    // The dashboard offers every breakdown dimension, each once.
    expect([...BREAKDOWN_CHOICES].sort()).toEqual([...BREAKDOWN_DIMENSIONS].sort());
  });

  it("says what each role may do with roles that exist; admins may do everything, every role may read", () => {
    for (const [action, roles] of Object.entries(ROLES_WHO_MAY)) {
      for (const r of roles) expect(ROLES, `${action}: ${r}`).toContain(r);
      expect(roleMay("admin", action as keyof typeof ROLES_WHO_MAY), action).toBe(true);
    }
    for (const r of ROLES) expect(roleMay(r, "read"), r).toBe(true);
    expect(roleMay(undefined, "read")).toBe(false);
  });
});
