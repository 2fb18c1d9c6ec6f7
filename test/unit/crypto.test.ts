// The crypto helpers (server/domain/crypto.ts) against Node's own implementations, on seeded random inputs.
import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64, base64url, constantTimeEqual, fromBase64, hmacSha256, randomToken, sha256Hex } from "../../server/domain/crypto";
import { announcedRandom } from "../seeded-random";

const random = announcedRandom("crypto", 20_05);
const bytesOf = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
/** Every length from 0 to 40 bytes, so every padding case and every character of the alphabets comes up. */
const samples = Array.from({ length: 41 }, (_, n) => bytesOf(n));

describe("base64 and base64url", () => {
  it("encode as Node's Buffer does (base64 padded, base64url unpadded), and base64 decodes back", () => {
    for (const bytes of samples) {
      expect(base64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
      expect(fromBase64(base64(bytes))).toEqual(bytes);
      expect(fromBase64(base64(bytes).replace(/=+$/, ""))).toEqual(bytes);
    }
  });

  it("encode only the bytes of a view, not the whole buffer under it", () => {
    const whole = bytesOf(32);
    expect(base64url(whole.subarray(5, 20))).toBe(Buffer.from(whole.subarray(5, 20)).toString("base64url"));
  });

  it("decode nothing from text that is not base64", () => {
    for (const text of ["a", "ab$d", "é", "ab-_"]) expect(fromBase64(text), text).toBeNull();
  });
});

describe("hashes and tokens", () => {
  it("SHA-256 and HMAC-SHA256 match node:crypto", () => {
    expect(sha256Hex("Trà sen")).toBe(createHash("sha256").update("Trà sen").digest("hex"));
    expect(Buffer.from(hmacSha256("key", "message")).toString("hex")).toBe(createHmac("sha256", "key").update("message").digest("hex"));
    const key = bytesOf(32);
    const message = bytesOf(7);
    expect(Buffer.from(hmacSha256(key, message)).toString("hex")).toBe(createHmac("sha256", key).update(message).digest("hex"));
  });

  it("random tokens are 256 bits of base64url by default", () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(randomToken());
  });
});

describe("constantTimeEqual", () => {
  it("is true only for identical byte arrays, whatever their lengths", () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3, 0))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it("tells strings apart that differ in a character outside ASCII", () => {
    expect(constantTimeEqual("\uD800", "\uD801")).toBe(false);
    expect(constantTimeEqual("tiếng", "tiếng")).toBe(true);
  });
});
