import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { randomToken, sha256Hex } from "../../server/domain/crypto";
import { emailDigest, looksLikeToken, surveyToken } from "../../server/domain/tokens";
import { hashPassword, verifyPassword } from "../../server/domain/passwords";

describe("survey tokens", () => {
  it("are 256-bit, URL-safe and derived from the secret and the invitation", async () => {
    const a = surveyToken("secret-one", "inv-1");
    expect(looksLikeToken(a)).toBe(true);
    expect(surveyToken("secret-one", "inv-1")).toBe(a);
    expect(surveyToken("secret-one", "inv-2")).not.toBe(a);
    expect(surveyToken("secret-two", "inv-1")).not.toBe(a);
  });
  it("are HMAC-SHA256 of the invitation id, hashed with SHA-256 (checked against node:crypto)", () => {
    expect(surveyToken("k", "inv-9")).toBe(createHmac("sha256", "k").update("survey:inv-9").digest("base64url"));
    expect(sha256Hex("abc")).toBe(createHash("sha256").update("abc").digest("hex"));
  });
  it("are stored as a hash that does not reveal them", async () => {
    const t = surveyToken("s", "i");
    const h = sha256Hex(t);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(t);
  });
  it("random tokens differ every time", () => {
    expect(randomToken()).not.toBe(randomToken());
    expect(randomToken(16)).toHaveLength(22);
  });
});

describe("passwords", () => {
  it("verify only the right password, with a salted Argon2id hash", async () => {
    const h = await hashPassword("hunter2 hunter2");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword("hunter2 hunter2", h)).toBe(true);
    expect(await verifyPassword("hunter3 hunter3", h)).toBe(false);
    expect(await hashPassword("hunter2 hunter2")).not.toBe(h);
  });
});

describe("email digests (erased opt-outs)", () => {
  it("match the same address in any case, need the secret key, and are HMAC-SHA256 (checked against node:crypto)", () => {
    expect(emailDigest("key-one", " A@Example.com")).toBe(emailDigest("key-one", "a@example.com"));
    expect(emailDigest("key-one", "a@example.com")).not.toBe(emailDigest("key-two", "a@example.com"));
    expect(emailDigest("key-one", "a@example.com")).toBe(createHmac("sha256", "key-one").update("email:a@example.com").digest("hex"));
  });
});
