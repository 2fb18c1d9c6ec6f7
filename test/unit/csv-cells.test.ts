import { describe, expect, it } from "vitest";
import { escapeCell, unescapeCell } from "../../server/domain/csv-cells";

describe("CSV formula escaping", () => {
  it("marks every formula start with ', and unescapeCell takes exactly that mark off", () => {
    for (const text of ["=1+1", "+1", "-1", "@x", "\t=1", "\r=1", "＝1", "＋1", "－1", "＠1", "'", "''", "'=x", "'abc"]) {
      expect(escapeCell(text)).toBe(`'${text}`);
      expect(unescapeCell(escapeCell(text))).toBe(text);
    }
    for (const text of ["", "abc", "1-2", " =x", "\n=x", "a'b", "🎉", "say \"hi\""]) {
      expect(escapeCell(text)).toBe(text);
      expect(unescapeCell(text)).toBe(text);
    }
  });

  it("keeps a hand-written leading ' that is not a mark", () => {
    expect(unescapeCell("'abc")).toBe("'abc");
    expect(unescapeCell("'")).toBe("'");
    expect(unescapeCell("'=x")).toBe("=x");
  });
});
