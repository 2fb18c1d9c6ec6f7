// A refused request names each failing field with what a client needs to word it for a person: zod's issue code,
// the limit, and the value that was sent there — never a password's, and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asBrowser, makeApp, postJson, signInCookie, type TestApp } from "../helpers";

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await makeApp();
  cookie = await signInCookie(t.app);
});
afterAll(() => t.close());

describe("400 details", () => {
  it("name the list item, the format and the bad value (alert rule recipients)", async () => {
    const before = (await (await t.app.request("/api/v1/alert-rules", { headers: asBrowser(cookie) })).json()).rules.length;
    const res = await postJson(t.app, "/api/v1/alert-rules", { name: "Detractors", maxScore: 6, recipients: ["lan@example.com", "bob@", "hoa@"] }, asBrowser(cookie));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("invalid_input");
    expect(error.details).toEqual([
      expect.objectContaining({ field: "recipients.1", code: "invalid_format", format: "email", value: "bob@" }),
      expect.objectContaining({ field: "recipients.2", code: "invalid_format", format: "email", value: "hoa@" }),
    ]);
    expect((await (await t.app.request("/api/v1/alert-rules", { headers: asBrowser(cookie) })).json()).rules.length).toBe(before);
  });

  it("give limits and say a field is missing", async () => {
    const res = await postJson(t.app, "/api/v1/alert-rules", { maxScore: 11, recipients: [] }, asBrowser(cookie));
    const { error } = await res.json();
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "name", code: "invalid_type" }),
        expect.objectContaining({ field: "maxScore", code: "too_big", maximum: 10, value: 11 }),
      ]),
    );
    expect(error.details.find((d: { field: string }) => d.field === "name")).not.toHaveProperty("value");
  });

  it("never echo a password", async () => {
    const res = await postJson(t.app, "/api/v1/auth/set-password", { token: "x".repeat(43), password: "short" }, {});
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).not.toContain('"short"');
    expect(body).not.toContain("x".repeat(43));
  });
});
