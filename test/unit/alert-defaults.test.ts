// The built-in alert rule is known by its fixed id (not its English text), so the dashboard can show its name in the
// reader's language; once an admin renames it, their name is shown as written.
import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_RULE, isDefaultAlertRule } from "../../server/domain/alert-defaults";

describe("isDefaultAlertRule", () => {
  it("is the seeded rule while it keeps its id and name", () => {
    expect(isDefaultAlertRule({ id: DEFAULT_ALERT_RULE.id, name: DEFAULT_ALERT_RULE.name })).toBe(true);
  });
  it("is not a rule an admin wrote with the same English name, nor the seeded rule once renamed", () => {
    expect(isDefaultAlertRule({ id: "01HXYZ", name: DEFAULT_ALERT_RULE.name })).toBe(false);
    expect(isDefaultAlertRule({ id: DEFAULT_ALERT_RULE.id, name: "Unhappy customers" })).toBe(false);
  });
});
