// Password hashing with Argon2id at OWASP's parameters, the same PHC strings on Node and Workers.
// hash-wasm (WASM, ~4x faster) where the runtime may compile WASM at run time (Node); Workers forbid that,
// so there the identical Argon2id runs in pure JS (@noble/hashes). Either verifies the other's hashes.
import { argon2idAsync } from "@noble/hashes/argon2.js";
import { argon2id as wasmArgon2id } from "hash-wasm";
import { base64, constantTimeEqual, fromBase64, randomBytes } from "./crypto";

/** OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1. */
const PARAMS = { memorySize: 19456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

type Params = { memorySize: number; iterations: number; parallelism: number; hashLength: number };

/** Unknown until the first hash: false once the runtime refused to compile WASM. */
let wasmAllowed: boolean | undefined;

async function argon2idRaw(password: string, salt: Uint8Array, p: Params): Promise<Uint8Array> {
  if (wasmAllowed !== false) {
    try {
      const out = await wasmArgon2id({ password, salt, ...p, outputType: "binary" });
      wasmAllowed = true;
      return out;
    } catch (err) {
      if (wasmAllowed === true || !(err instanceof WebAssembly.CompileError)) throw err;
      wasmAllowed = false;
    }
  }
  return argon2idAsync(password, salt, { m: p.memorySize, t: p.iterations, p: p.parallelism, dkLen: p.hashLength, asyncTick: 50 });
}

/** PHC strings carry base64 without its padding. */
const b64 = (bytes: Uint8Array) => base64(bytes).replace(/=+$/, "");

/** PHC string, as hash-wasm and the argon2 reference encode it: $argon2id$v=19$m=…,t=…,p=…$salt$hash */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await argon2idRaw(password, salt, PARAMS);
  return `$argon2id$v=19$m=${PARAMS.memorySize},t=${PARAMS.iterations},p=${PARAMS.parallelism}$${b64(salt)}$${b64(hash)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const m = PHC.exec(encoded);
  if (!m) return false;
  try {
    const expected = fromBase64(m[5]);
    const salt = fromBase64(m[4]);
    if (!expected || !salt) return false;
    const actual = await argon2idRaw(password, salt, { memorySize: +m[1], iterations: +m[2], parallelism: +m[3], hashLength: expected.length });
    return constantTimeEqual(actual, expected);
  } catch {
    return false;
  }
}
