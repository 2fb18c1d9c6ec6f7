// A Delighted-compatible subset under /v1 (with or without `.json`), so Delighted's own client libraries work unchanged.
import { z } from "@hono/zod-openapi";
import { Hono, type Context } from "hono";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { delightedMetrics, listPeople, type PeopleCursor, listSurveyResponses, listBounces, listUnsubscribes, sendToPerson, unsubscribeEmail } from "../../services/delighted";
import type { AppEnv } from "../app-env";
import { delightedAuth } from "./basic-auth";
import { parseOrThrow, readParams, refuseUnsupported } from "./params";
import { DAY_S } from "../../domain/time";

const unix = z.coerce.number().int().min(0);
const perPage = z.coerce.number().int().min(1).max(100).default(20);
const page = z.coerce.number().int().min(1).default(1);
const bool = z.union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")]);
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const PersonBody = z.object({
  email: z.email().max(320),
  name: z.string().trim().max(200).optional(),
  delay: z.coerce.number().int().min(0).max(365 * DAY_S).default(0),
  properties: z.record(z.string().max(200), scalar).default({}),
  send: bool.default(true),
  channel: z.literal("email").optional(),
});

/** Opaque cursor for GET /v1/people: where the page before ended. */
const encodeCursor = (c: PeopleCursor) => btoa(`${c.createdAt}.${c.id}`).replace(/=+$/, "");
function decodeCursor(text: string): PeopleCursor {
  const m = /^(\d+)\.(\w+)$/.exec((() => {
    try {
      return atob(text);
    } catch {
      return "";
    }
  })());
  if (!m) throw new AppError("invalid_input", "Invalid page_info", [{ field: "page_info", message: "is not a cursor from a Link header" }]);
  return { createdAt: Number(m[1]), id: m[2] };
}

export function delightedRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const write = delightedAuth(deps, ["ingest", "full"]);
  const read = delightedAuth(deps, ["read", "full"]);
  const query = (c: Context) => c.req.query();
  /** Each resource answers with and without the `.json` suffix, like Delighted's. */
  const paths = (p: string) => [`/v1/${p}`, `/v1/${p}.json`];

  for (const path of paths("people")) {
    app.post(path, write, async (c) => {
      const params = await readParams(c);
      refuseUnsupported(params, ["phone_number", "email_update", "multiple_properties"]);
      const body = parseOrThrow(PersonBody, params);
      return c.json(await sendToPerson(deps, body), 200);
    });
    app.get(path, read, async (c) => {
      const q = query(c);
      refuseUnsupported(q, ["phone_number"]);
      const p = parseOrThrow(z.object({ per_page: perPage, since: unix.optional(), until: unix.optional(), email: z.string().max(320).optional(), page_info: z.string().max(200).optional() }), q);
      const result = await listPeople(deps, { perPage: p.per_page, since: p.since, until: p.until, email: p.email, after: p.page_info ? decodeCursor(p.page_info) : undefined });
      if (result.next) {
        const next = new URL(`${deps.config.publicUrl}${c.req.path}`);
        for (const [k, v] of Object.entries(q)) if (k !== "page_info") next.searchParams.set(k, v);
        next.searchParams.set("page_info", encodeCursor(result.next));
        c.header("Link", `<${next.toString()}>; rel="next"`);
      }
      return c.json(result.people, 200);
    });
  }

  for (const path of paths("unsubscribes")) {
    app.post(path, write, async (c) => {
      const body = parseOrThrow(z.object({ person_email: z.email().max(320) }), await readParams(c));
      await unsubscribeEmail(deps, body.person_email);
      return c.json({ ok: true }, 200);
    });
    app.get(path, read, async (c) => {
      const q = parseOrThrow(z.object({ per_page: perPage, page, since: unix.optional(), until: unix.optional() }), query(c));
      return c.json(await listUnsubscribes(deps, { perPage: q.per_page, page: q.page, since: q.since, until: q.until }), 200);
    });
  }

  for (const path of paths("bounces"))
    app.get(path, read, async (c) => {
      const q = parseOrThrow(z.object({ per_page: perPage, page, since: unix.optional(), until: unix.optional() }), query(c));
      return c.json(await listBounces(deps, { perPage: q.per_page, page: q.page, since: q.since, until: q.until }), 200);
    });

  for (const path of paths("survey_responses"))
    app.get(path, read, async (c) => {
      const q = query(c);
      refuseUnsupported(q, ["trend"]);
      const p = parseOrThrow(
        z.object({
          per_page: perPage,
          page,
          since: unix.optional(),
          until: unix.optional(),
          updated_since: unix.optional(),
          updated_until: unix.optional(),
          person_id: z.string().max(100).optional(),
          person_email: z.string().max(320).optional(),
          order: z.enum(["asc", "desc", "asc:updated_at", "desc:updated_at"]).default("asc"),
          expand: z.unknown().optional(),
          "expand[]": z.unknown().optional(),
        }),
        q,
      );
      // Ruby and PHP clients send expand[]=person; querystring-based clients may send expand=person.
      const expand = [...(c.req.queries("expand[]") ?? []), ...(c.req.queries("expand") ?? [])];
      const unknown = expand.filter((e) => e !== "person" && e !== "notes");
      if (unknown.length) throw new AppError("invalid_input", "Invalid expand[]", [{ field: "expand[]", message: "must be person or notes" }]);
      return c.json(
        await listSurveyResponses(deps, { perPage: p.per_page, page: p.page, since: p.since, until: p.until, updatedSince: p.updated_since, updatedUntil: p.updated_until, personId: p.person_id, personEmail: p.person_email, order: p.order, expandPerson: expand.includes("person") }),
        200,
      );
    });

  for (const path of paths("metrics"))
    app.get(path, read, async (c) => {
      const q = query(c);
      refuseUnsupported(q, ["trend"]);
      const groups = c.req.queries("groups[]") ?? ["core"];
      if (groups.some((g) => g !== "core")) throw new AppError("unsupported_parameter", "Only groups[]=core is supported (see docs/DELIGHTED.md)", [{ field: "groups[]", message: "only core is supported" }]);
      const p = parseOrThrow(z.object({ since: unix.optional(), until: unix.optional() }), q);
      return c.json(await delightedMetrics(deps, p), 200);
    });

  return app;
}
