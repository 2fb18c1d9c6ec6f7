// The yardstick: a bare Hono app on @hono/node-server that reads a POST body and answers, nothing else.
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("/", (c) => c.text("Hello"));
app.post("/*", async (c) => {
  await c.req.text();
  return c.json({ ok: true });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" }, () => console.log("listening"));
