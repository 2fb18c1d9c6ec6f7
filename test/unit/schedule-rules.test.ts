import { describe, expect, it } from "vitest";
import { invitationClosesAt, invitationDueAt, isThrottled, reminderDueAt } from "../../server/domain/schedule-rules";
import { DAY_MS as DAY } from "../../server/domain/time";

const rules = { delayHours: 72, throttleDays: 90, closeAfterDays: 30 };
const now = Date.parse("2026-11-10T00:00:00Z");

describe("when an invitation is due", () => {
  it("is 3 days after fulfilment when the purchase was fulfilled", () => {
    expect(invitationDueAt({ purchasedAt: now - 2 * DAY, fulfilledAt: now - DAY }, rules, now)).toBe(now + 2 * DAY);
  });
  it("is 3 days after purchase when not fulfilled", () => {
    expect(invitationDueAt({ purchasedAt: now, fulfilledAt: null }, rules, now)).toBe(now + 3 * DAY);
  });
  it("is now when the purchase was fulfilled 3 or more days ago", () => {
    expect(invitationDueAt({ purchasedAt: now - 10 * DAY, fulfilledAt: now - 4 * DAY }, rules, now)).toBe(now);
  });
  it("closes the survey 30 days after it is due", () => {
    expect(invitationClosesAt(now, rules)).toBe(now + 30 * DAY);
  });
});

describe("not re-inviting the same customer", () => {
  it("throttles a second invitation within 90 days", () => {
    expect(isThrottled(now - 89 * DAY, now, rules)).toBe(true);
  });
  it("allows one 90 days or more later", () => {
    expect(isThrottled(now - 90 * DAY, now, rules)).toBe(false);
  });
  it("allows the first invitation", () => {
    expect(isThrottled(null, now, rules)).toBe(false);
  });
});

describe("trigger", () => {
  it("counts the delay from the purchase when the trigger is purchase, even if fulfilled later", () => {
    expect(invitationDueAt({ purchasedAt: now, fulfilledAt: now + 5 * DAY }, { ...rules, trigger: "purchase" }, now)).toBe(now + 3 * DAY);
  });
  it("counts from fulfilment when the trigger is fulfillment", () => {
    expect(invitationDueAt({ purchasedAt: now, fulfilledAt: now + 5 * DAY }, { ...rules, trigger: "fulfillment" }, now)).toBe(now + 8 * DAY);
  });
  it("puts the one reminder N days after sending, or none", () => {
    expect(reminderDueAt(now, { reminderAfterDays: 3 })).toBe(now + 3 * DAY);
    expect(reminderDueAt(now, { reminderAfterDays: null })).toBeNull();
  });
});
