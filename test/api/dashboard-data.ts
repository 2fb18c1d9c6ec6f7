// Five answers on three days, with hand-computable scores: the dashboard tests' fixture.
import { DAY, T0, bearer, postJson, purchase, tokenFromEmail, type TestApp } from "../helpers";

export type Customer = { key: string; email: string; locale: "en" | "vi"; channel: string; category: string };

export const CUSTOMERS: Customer[] = [
  { key: "A", email: "a@example.com", locale: "en", channel: "web", category: "tea" },
  { key: "B", email: "b@example.com", locale: "vi", channel: "app", category: "tea" },
  { key: "C", email: "c@example.com", locale: "en", channel: "web", category: "coffee" },
  { key: "D", email: "d@example.com", locale: "vi", channel: "web", category: "coffee" },
  { key: "E", email: "e@example.com", locale: "en", channel: "app", category: "tea" },
];

/** Buys, sends the invitations at T0, and returns each customer's survey token. */
export async function invitations(t: TestApp, customers = CUSTOMERS): Promise<Record<string, string>> {
  for (const c of customers)
    await postJson(
      t.app,
      "/api/v1/purchases",
      purchase({
        id: `order-${c.key}`,
        customer: { email: c.email, name: `Customer ${c.key}`, locale: c.locale },
        channel: c.channel,
        items: [{ name: "Thing", category: c.category }],
      }),
    );
  await postJson(t.app, "/api/v1/dispatch", {});
  const { emails } = (await (await t.app.request("/api/v1/mailbox?limit=100", { headers: bearer() })).json()) as { emails: { to: string; html: string }[] };
  return Object.fromEntries(customers.map((c) => [c.key, tokenFromEmail(emails.find((e) => e.to === c.email)!.html)]));
}

export const answer = (t: TestApp, token: string, body: Record<string, unknown>) => postJson(t.app, `/s/${token}`, body, {});

/**
 * T0 = Sun 2026-11-01 09:00 UTC. Day 1: A 10, B 3 (a minute apart). Day 2 (Mon): C 8, D 9 then changed to 6 an hour later.
 * Day 9 (Mon, next week): E 0. So: promoters A; passives C; detractors B, D, E.
 */
export async function answerAll(t: TestApp, tokens: Record<string, string>) {
  t.clock.set(T0);
  await answer(t, tokens.A, { score: 10, csat: 5, benefit_functional: 5, cost_money: 1, comment: "Lovely tea, thanks" });
  t.clock.advance(60_000);
  await answer(t, tokens.B, { score: 3, csat: 2, benefit_functional: 2, cost_money: 4, comment: "Giao hàng chậm, I want a refund" });
  t.clock.set(T0 + DAY);
  await answer(t, tokens.C, { score: 8, csat: 4, benefit_functional: 4, cost_money: 3 });
  t.clock.advance(60_000);
  await answer(t, tokens.D, { score: 9, csat: 5 });
  t.clock.set(T0 + DAY + 3_600_000);
  await answer(t, tokens.D, { score: 6 });
  t.clock.set(T0 + 8 * DAY);
  await answer(t, tokens.E, { score: 0, comment: 'Broken on arrival, "very" sad' });
}
