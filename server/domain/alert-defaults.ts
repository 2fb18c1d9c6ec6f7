// The alert rule every new install starts with. Its fixed id lets the dashboard show the name in the reader's
// language (while the name is still this one: an admin's rename is shown as written).
export const DEFAULT_ALERT_RULE = { id: "default-detractor", name: "Detractor (score 0–6)", maxScore: 6 } as const;

/** Whether `rule` is the built-in rule, unrenamed. */
export const isDefaultAlertRule = (rule: { id: string; name: string }) => rule.id === DEFAULT_ALERT_RULE.id && rule.name === DEFAULT_ALERT_RULE.name;
