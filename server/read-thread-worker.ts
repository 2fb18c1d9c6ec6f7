// The read thread itself (started by server/read-thread.ts): answers each request with the read's result.
import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "../db/client";
import { connectNode } from "../db/node/connect-node";
import type { ThreadReply, ThreadRequest } from "./read-thread";
import { AppError } from "./errors";
import { inlineReads } from "./services/long-reads";

const { databaseUrl, utcOffsetMs } = workerData as { databaseUrl: string; utcOffsetMs: number };
const run = inlineReads(createDb(await connectNode(databaseUrl), { utcOffsetMs })) as (name: string, ...args: unknown[]) => Promise<unknown>;

parentPort!.on("message", async ({ id, name, args }: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    reply = { id, result: await run(name, ...args) };
  } catch (err) {
    reply = { id, error: err instanceof AppError ? { message: err.message, code: err.code, status: err.status, details: err.details } : { message: err instanceof Error ? err.message : String(err) } };
  }
  parentPort!.postMessage(reply);
});
