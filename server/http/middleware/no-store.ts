// Cache-Control: no-store on every /api response that does not set its own: they carry people's data
// (emails, names, answers, the signed-in user), which no browser cache or shared proxy may keep a copy of.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";

export function noStore() {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
}
