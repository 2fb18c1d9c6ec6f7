import { describe, expect, it } from "vitest";
import { nextCaseStatus, opensCase } from "../../server/domain/cases";
import { commentGlob } from "../../server/domain/comment-search";

/** What SQLite's GLOB does with the pattern, for the characters used here: [class], literal text, * at both ends. */
function matches(pattern: string, text: string): boolean {
  const inner = pattern.slice(1, -1);
  const parts = inner.match(/\[[^\]]+\]|[^[]/gu) ?? [];
  const re = parts.map((p) => (p.startsWith("[") ? `[${[...p.slice(1, -1)].map((c) => c.replace(/[\\\]^-]/g, "\\$&")).join("")}]` : p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(re, "u").test(text);
}

describe("comment search", () => {
  it("finds Vietnamese typed without tone marks, with them, or in capitals", () => {
    for (const q of ["giao hang", "Giao Hàng", "GIAO HÀNG", "giáo hăng"]) expect(matches(commentGlob(q), "Giao hàng chậm quá")).toBe(true);
    expect(matches(commentGlob("dong goi"), "Đóng gói cẩn thận")).toBe(true);
    expect(matches(commentGlob("đóng gói"), "dong goi can than")).toBe(true);
    expect(matches(commentGlob("giao hang nhanh"), "Giao hàng chậm")).toBe(false);
  });

  it("makes GLOB's wildcards literal", () => {
    expect(commentGlob("a*b?[c")).toBe("*[" + commentGlob("a").slice(2, -2) + "][*][" + commentGlob("b").slice(2, -2) + "][?][[][" + commentGlob("c").slice(2, -2) + "]*");
  });
});

describe("cases", () => {
  it("open by themselves for detractors and alert matches only", () => {
    expect([0, 6, 7, 9, 10, null].map((s) => opensCase(s, false))).toEqual([true, true, false, false, false, false]);
    expect(opensCase(10, true)).toBe(true);
  });

  it("start when assigned, unless a status is given", () => {
    expect(nextCaseStatus("none", { assigned: true })).toBe("in_progress");
    expect(nextCaseStatus("open", { assigned: true })).toBe("in_progress");
    expect(nextCaseStatus("closed", { assigned: true })).toBe("closed");
    expect(nextCaseStatus("none", { status: "open", assigned: false })).toBe("open");
  });
});
