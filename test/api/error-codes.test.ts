// One error model: every error answer names a code from the one table (server/errors.ts) with that code's status,
// carries the request id of its log line, and the OpenAPI document lists the codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, ERROR_STATUS } from "../../server/errors";
import { INGEST_KEY, makeApp, postJson, type TestApp } from "../helpers";

let t: TestApp;
beforeAll(async () => {
  t = await makeApp({ env: { RATE_LIMIT_SURVEY_PER_MINUTE: "1" } });
});
afterAll(() => t.close());

async function expectError(res: Response, code: string) {
  const body = (await res.json()) as { error: { code: string; requestId?: string } };
  expect(body.error.code).toBe(code);
  expect(res.status).toBe(ERROR_STATUS[code as keyof typeof ERROR_STATUS]);
  // The same id as the response header and the request's log line, so a report can be matched with the log.
  expect(body.error.requestId).toBeTruthy();
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  return body;
}

describe("error answers", () => {
  it("gives bad input 400 invalid_input with the request id", async () => {
    await expectError(await postJson(t.app, "/api/v1/purchases", { nonsense: true }, { Authorization: `Bearer ${INGEST_KEY}` }), "invalid_input");
  });

  it("gives a missing credential 401 unauthorized and an unknown route 404 not_found, each with the request id", async () => {
    await expectError(await t.app.request("/api/v1/scores"), "unauthorized");
    await expectError(await t.app.request("/api/v1/no-such-thing"), "not_found");
  });

  it("builds a rate limit's 429 like any other error: rate_limited, Retry-After, retryAfterSeconds, request id", async () => {
    const post = () => t.app.request(`/s/${"q".repeat(43)}`, { method: "POST", headers: { "Content-Type": "application/json", "cf-connecting-ip": "203.0.113.9" }, body: "{}" });
    expect((await post()).status).toBe(404);
    const limited = await post();
    const body = (await expectError(limited, "rate_limited")) as { error: { details?: { retryAfterSeconds?: number } } };
    expect(Number(limited.headers.get("retry-after"))).toBe(body.error.details?.retryAfterSeconds);
  });

  it("documents every code and its status in the OpenAPI Error schema", async () => {
    const doc = (await (await t.app.request("/openapi.json")).json()) as { components: { schemas: { Error: { properties: { error: { properties: { code: { enum: string[]; description: string }; requestId: unknown } } } } } } };
    const error = doc.components.schemas.Error.properties.error.properties;
    expect(error.code.enum.sort()).toEqual([...ERROR_CODES].sort());
    for (const c of ERROR_CODES) expect(error.code.description).toContain(`${c} ${ERROR_STATUS[c]}`);
    expect(error.requestId).toBeDefined();
  });
});
