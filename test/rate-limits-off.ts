// Environment that turns the per-IP rate limits off: tests and loopback benchmarks send everything from one address.
export const NO_RATE_LIMITS = {
  RATE_LIMIT_SURVEY_PER_MINUTE: "0",
  RATE_LIMIT_SURVEY_PER_TOKEN_PER_MINUTE: "0",
  RATE_LIMIT_UNSUBSCRIBE_PER_MINUTE: "0",
  RATE_LIMIT_LOGIN_PER_MINUTE: "0",
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: "0",
};
