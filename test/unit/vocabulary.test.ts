// The vocabulary is the one list: every mapper and every dictionary follows it, so a key added in
// server/domain/vocabulary.ts without its column, export header, webhook field or label fails here.
import { describe, expect, it } from "vitest";
import { messages } from "../../emails/i18n";
import { ANSWER_COLUMNS, ANSWER_FIELD_COLUMNS } from "../../server/services/answer-columns";
import { RESPONSE_COLUMNS } from "../../server/services/exports";
import { COLUMNS as DASHBOARD_CSV_COLUMNS } from "../../server/services/responses-csv";
import { ANSWER_KEYS, answerField, COST_KINDS, LOCALES, VALUE_ANSWER_KEYS, VALUE_TYPES, valueAnswers } from "../../server/domain/vocabulary";
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
    }
  });
});
