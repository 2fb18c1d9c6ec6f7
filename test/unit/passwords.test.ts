// Argon2id hashes must be interchangeable between Node (WASM) and Workers (pure JS): an admin created by
// `npm run db:migrate` on a laptop signs in on the Worker.
import { argon2idAsync } from "@noble/hashes/argon2.js";
import { argon2id, argon2Verify } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../server/domain/passwords";

describe("passwords", () => {
  it("verifies the right password and refuses a wrong one or a malformed hash", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterz", hash)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });

  it("reads hashes written by hash-wasm's encoder, and hash-wasm reads ours", async () => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const theirs = await argon2id({ password: "p4ssword!", salt, memorySize: 19456, iterations: 2, parallelism: 1, hashLength: 32, outputType: "encoded" });
    expect(await verifyPassword("p4ssword!", theirs)).toBe(true);
    expect(await argon2Verify({ password: "p4ssword!", hash: await hashPassword("p4ssword!") })).toBe(true);
  });

  it("computes the same Argon2id in pure JS (the Workers path) as in WASM", async () => {
    const salt = new Uint8Array(16).fill(7);
    const wasm = await argon2id({ password: "pw", salt, memorySize: 19456, iterations: 2, parallelism: 1, hashLength: 32, outputType: "binary" });
    const js = await argon2idAsync("pw", salt, { m: 19456, t: 2, p: 1, dkLen: 32 });
    expect(Buffer.from(js).equals(Buffer.from(wasm))).toBe(true);
  });
});
