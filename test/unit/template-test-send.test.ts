import { describe, expect, it } from "vitest";
import { PRESETS } from "../../server/domain/template-presets";
import { fromWithSenderName, testEmails } from "../../server/services/template-test-send";

describe("test emails", () => {
  it("come from the template's sender name at the configured address", () => {
    expect(fromWithSenderName("ValuePulse <surveys@shop.vn>", "Trà Sen")).toBe('"Trà Sen" <surveys@shop.vn>');
    expect(fromWithSenderName("surveys@shop.vn", 'Evil" <x@y>')).toBe('"Evil x@y" <surveys@shop.vn>');
  });

  it("are marked as tests, one per locale, with score links to the signed-in preview (never a customer survey)", () => {
    const config = { config: { publicUrl: "https://vp.example", emailFrom: "ValuePulse <s@vp.example>" } } as Parameters<typeof testEmails>[0];
    const [en, vi] = testEmails(config, "T1", PRESETS[0]!.content, "mai@example.com", ["en", "vi"]);
    expect(en!.subject).toMatch(/^\[TEST English\] /);
    expect(vi!.subject).toMatch(/^\[TEST Vietnamese\] Bạn/);
    expect(vi!.html).toContain("https://vp.example/api/v1/templates/T1/preview/vi?score=10");
    expect(vi!.html).not.toContain("/s/");
    expect(en!.to).toBe("mai@example.com");
  });
});
