// The dashboard's error sentences: an API error's code and failing fields (as the server's validation sends them)
// become a sentence naming the field and the value, in English and Vietnamese; anything else keeps the server's message.
import { z } from "zod";
import { afterEach, beforeAll, describe, expect, it, vi as vitest } from "vitest";
import { fieldProblem } from "../../server/http/app-env";
import { ApiError } from "../../web/src/api";
import { describeError } from "../../web/src/error-text";
import { setLocale } from "../../web/src/i18n";

/** The 400 the server answers for `input` against `schema` (the same fieldProblem its validation hook uses). */
function invalid(schema: z.ZodType, input: unknown): ApiError {
  const r = schema.safeParse(input);
  if (r.success) throw new Error("expected a failure");
  const details = r.error.issues.map((i) => fieldProblem(i, input));
  return new ApiError(400, "invalid_input", `Invalid ${details.map((d) => d.field).join(", ")}`, details);
}

const alertRule = z.object({ name: z.string().min(1).max(100), recipients: z.array(z.email()).max(50), maxScore: z.number().int().min(0).max(10).optional() });

beforeAll(() => vitest.stubGlobal("document", { documentElement: {} }));
afterEach(() => setLocale("en"));

describe("error sentences", () => {
  it("names the list item and the bad value instead of the field path", () => {
    setLocale("en");
    const e = invalid(alertRule, { name: "Detractors", recipients: ["ann@example.com", "bob@", "carl"] });
    expect(e.message).toBe("Invalid recipients.1, recipients.2");
    expect(describeError(e)).toBe("Recipient 2, “bob@”, is not an email address. Recipient 3, “carl”, is not an email address.");
  });

  it("says the same in Vietnamese", () => {
    setLocale("vi");
    const e = invalid(alertRule, { name: "", recipients: ["bob@"], maxScore: 11 });
    expect(describeError(e)).toBe("Tên đang để trống. Người nhận 1 (“bob@”) không phải là địa chỉ email. Ngưỡng điểm (“11”) quá lớn: tối đa là 10.");
  });

  it("states limits, missing fields and choices", () => {
    setLocale("en");
    const schema = z.object({ email: z.email(), role: z.enum(["admin", "viewer"]), name: z.string().max(3) });
    expect(describeError(invalid(schema, { role: "boss", name: "Maria" }))).toBe(
      "Email address is missing. Role, “boss”, is not one of the choices (admin, viewer). Name is too long: at most 3 characters.",
    );
  });

  it("names a record's entry by its key (a lexicon phrase)", () => {
    setLocale("en");
    const lexicon = z.object({ lexicon: z.record(z.string(), z.enum(["cost_money", "cost_time"])) });
    expect(describeError(invalid(lexicon, { lexicon: { "giá": "price" } }))).toBe("Lexicon “giá”, “price”, is not one of the choices (cost_money, cost_time).");
  });

  it("never repeats a password back", () => {
    setLocale("en");
    const e = invalid(z.object({ password: z.string().min(12) }), { password: "hunter2" });
    expect(JSON.stringify(e.details)).not.toContain("hunter2");
    expect(describeError(e)).toBe("Password is too short: at least 12 characters.");
  });

  it("keeps the server's message for what it cannot word better, and localizes known codes", () => {
    setLocale("en");
    expect(describeError(new ApiError(409, "conflict", "Version 3 was just published by someone else"))).toBe("Version 3 was just published by someone else");
    expect(describeError(new ApiError(400, "invalid_input", "Malformed JSON body"))).toBe("Malformed JSON body");
    expect(describeError(new ApiError(400, "invalid_input", "A rule needs a score limit", [{ field: "maxScore", message: "set maxScore or keyword" }]))).toBe(
      "Score limit: set maxScore or keyword.",
    );
    expect(describeError(new ApiError(400, "invalid_input", "Invalid x", [{ field: "widget.size", code: "invalid_type" }]))).toBe("“widget.size” is missing.");
    setLocale("vi");
    expect(describeError(new ApiError(0, "network_error", "Cannot reach the server."))).toBe("Không kết nối được máy chủ. Hãy kiểm tra kết nối mạng rồi thử lại.");
    expect(describeError(new ApiError(429, "rate_limited", "Too many requests", { retryAfterSeconds: 30 }))).toBe("Bạn đã thử quá nhiều lần. Hãy thử lại sau 30 giây.");
    expect(describeError(new ApiError(409, "last_admin", "This is the last active admin"))).toMatch(/quản trị viên cuối cùng/);
    expect(describeError(new ApiError(409, "cannot_deactivate_self", "You cannot deactivate your own account; ask another admin"))).toMatch(/tài khoản của chính mình/);
    expect(describeError(new ApiError(429, "account_locked", "Too many wrong passwords; try again in 600 s", { retryAfterSeconds: 600 }))).toBe(
      "Bạn đã nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau 10 phút.",
    );
  });
});
