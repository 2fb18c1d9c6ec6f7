import { describe, expect, it } from "vitest";
import { renderAlertEmail } from "../../emails/alert";
import { renderReplyEmail } from "../../emails/reply";

const response = { score: 2, csat: 1, comment: "Hỏng <b>ngay</b>", customerEmail: "lan@example.com", customerName: "Lan", orderId: "order-7" };

describe("the alert email to a lead", () => {
  for (const [locale, subject] of [
    ["en", "Alert: Detractors — score 2 from Lan"],
    ["vi", "Cảnh báo: Detractors — điểm 2 từ Lan"],
  ] as const)
    it(`is written in ${locale}, with the answer, the comment escaped, and a link to the response`, () => {
      const m = renderAlertEmail({ ruleName: "Detractors", response, dashboardUrl: "https://vp.example/live?response=r1" }, locale);
      expect(m.subject).toBe(subject);
      expect(m.html).toContain("Hỏng &lt;b&gt;ngay&lt;/b&gt;");
      expect(m.html).toContain('href="https://vp.example/live?response=r1"');
      expect(m.text).toContain("order-7");
      expect(m.text).toContain("https://vp.example/live?response=r1");
    });
});

describe("the reply email to a customer", () => {
  it("greets in the customer's language and keeps the lead's paragraphs", () => {
    const vi = renderReplyEmail({ brand: "Trà Việt", customerName: "Lan", body: "Xin lỗi bạn.\n\nChúng tôi gửi lại <ngay>.", leadName: "Minh" }, "vi");
    expect(vi.subject).toBe("Về góp ý của bạn gửi Trà Việt");
    expect(vi.text.split("\n")[0]).toBe("Chào Lan,");
    expect(vi.html).toContain("<p>Chúng tôi gửi lại &lt;ngay&gt;.</p>");
    const en = renderReplyEmail({ brand: "Tea Co", customerName: null, body: "Sorry!", leadName: "Minh" }, "en");
    expect(en.subject).toBe("About your feedback to Tea Co");
    expect(en.text).toContain("Hello,");
    expect(en.text).toContain("Minh, Tea Co");
  });
});
