// The dashboard's dictionaries: Vietnamese has every English key and no text is left empty or untranslated by accident.
import { describe, expect, it } from "vitest";
import { en } from "../../web/src/i18n/en";
import { vi } from "../../web/src/i18n/vi";

function leaves(node: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dashboard dictionaries", () => {
  const english = leaves(en);
  const vietnamese = leaves(vi);

  it("has the same keys in English and Vietnamese", () => {
    expect([...vietnamese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("has no empty text in either language", () => {
    for (const [key, text] of [...english, ...vietnamese]) expect(text.trim(), key).not.toBe("");
  });

  it("uses the same placeholders in both languages", () => {
    for (const [key, text] of english) expect(placeholders(vietnamese.get(key) ?? ""), key).toEqual(placeholders(text));
  });
});
