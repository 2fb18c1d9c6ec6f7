// Type test of the dashboard's API client, checked by `tsc -p web` (npm run typecheck; nothing imports it at run time).
// Each @ts-expect-error marks a call the server's routes do not allow: were the client's typing lost (hc<any>,
// a route registered outside server/app.ts's chain, a path typed as a plain string), the directive would be
// unused and the typecheck would fail; the assertions fail it if an answer's type stopped being the route's.
import type { LexiconEntries } from "../../server/http/schemas/analytics";
import { client, type Ok } from "./api-client";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T | undefined => undefined;
type Answer<F extends (...args: never[]) => Promise<unknown>> = Ok<Awaited<ReturnType<F>>>;

export function clientTypeTests() {
  const v1 = client.api.v1;

  // @ts-expect-error a path no route serves
  void v1.nothere.$get();
  // @ts-expect-error a method the route does not answer
  void v1.scores.$delete();
  // @ts-expect-error a body without a field the route requires (password)
  void v1.auth.login.$post({ json: { email: "lead@example.com" } });
  // @ts-expect-error a query value outside the route's enum
  void v1.scores.breakdown.$get({ query: { by: "colour" } });
  // @ts-expect-error a path parameter left out
  void v1.templates[":id"].$get({});
  // @ts-expect-error each analytics read is its own route, not any /analytics/<string>
  void v1.analytics.nothere.$get({ query: {} });
  // @ts-expect-error each template action is its own route
  void v1.templates[":id"].nothere.$post({ param: { id: "t" } });

  // Answers are the routes' response schemas, as JSON.
  expectType<Equal<Answer<typeof v1.auth.me.$get>["timeZone"], string>>();
  expectType<Equal<Answer<typeof v1.analytics.lexicon.$get>, { lexicon: LexiconEntries }>>();
  expectType<Equal<Answer<(typeof v1.templates)[":id"]["$delete"]>, undefined>>();
  expectType<Equal<Answer<typeof v1.scores.$get>["nps"]["score"], number | null>>();
}
