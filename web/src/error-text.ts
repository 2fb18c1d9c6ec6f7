// What went wrong, said to a person in their language: an API error's code and failing fields
// (server/http/app-env.ts fieldProblem: field, code, limits, the value sent) become sentences like
// "Recipient 2, “bob@”, is not an email address." Anything not understood falls back to the server's message.
import { t, type TextKey } from "./i18n";

/** The parts of an ApiError this needs (duck-typed: api.ts imports this module). */
type ApiLike = { status: number; code: string; message: string; details?: unknown };
type Problem = {
  field: string;
  message?: string;
  code?: string;
  value?: unknown;
  format?: string;
  origin?: string;
  minimum?: number;
  maximum?: number;
  values?: unknown[];
};

const isApiError = (e: unknown): e is ApiLike => e instanceof Error && typeof (e as Partial<ApiLike>).code === "string" && typeof (e as Partial<ApiLike>).status === "number";
const isProblem = (d: unknown): d is Problem => !!d && typeof d === "object" && typeof (d as Problem).field === "string";

/** A field's label: "recipients.1" → "Recipient 2"; "email" → "Email address"; unknown fields keep their name. */
export function fieldLabel(path: string): string {
  const parts = path.split(".");
  const last = parts[parts.length - 1]!;
  if (/^\d+$/.test(last) && parts.length > 1) {
    const list = parts[parts.length - 2]!;
    const n = Number(last) + 1;
    const item = lookup(`errors.item.${list}`);
    return item ? t(item, { n }) : t("errors.item.generic", { field: fieldLabel(parts.slice(0, -1).join(".")), n });
  }
  const known = lookup(`errors.field.${last}`);
  if (known) return t(known);
  // A record's key (e.g. a lexicon phrase): the record's label and the key.
  const parent = parts.length > 1 ? lookup(`errors.field.${parts[parts.length - 2]}`) : undefined;
  return parent ? t("errors.item.keyed", { field: t(parent), key: last }) : `“${path}”`;
}

/** The key if the dictionary has it (field names come from the server, so they are checked at run time). */
function lookup(key: string): TextKey | undefined {
  const text = t(key as TextKey);
  return text === key ? undefined : (key as TextKey);
}

const shown = (v: unknown) => (typeof v === "string" ? v : String(v));

/** One failing field as a sentence. */
export function problemSentence(p: Problem): string {
  const field = fieldLabel(p.field);
  const has = p.value !== undefined && p.value !== "";
  const subject = has ? t("errors.subjectWithValue", { field, value: shown(p.value) }) : field;
  const min = p.minimum ?? 0;
  const max = p.maximum ?? 0;
  switch (p.code) {
    case "invalid_format":
      if (p.format === "email") return t("errors.problem.email", { subject });
      if (p.format === "url") return t("errors.problem.url", { subject });
      return t("errors.problem.format", { subject });
    case "too_small":
      if (p.origin === "string") return min <= 1 ? t("errors.problem.empty", { field }) : t("errors.problem.tooShort", { subject, min });
      if (p.origin === "array" || p.origin === "set") return t("errors.problem.tooFew", { field, min });
      return t("errors.problem.tooSmall", { subject, min });
    case "too_big":
      if (p.origin === "string") return t("errors.problem.tooLong", { field, max });
      if (p.origin === "array" || p.origin === "set") return t("errors.problem.tooMany", { field, max });
      return t("errors.problem.tooBig", { subject, max });
    case "invalid_type":
      return has ? t("errors.problem.invalid", { subject }) : t("errors.problem.required", { field });
    case "invalid_value":
      return t("errors.problem.notOneOf", { subject, values: (p.values ?? []).map(shown).join(", ") });
    default:
      // A service's own check: its message is specific already (English), named by the field.
      return t("errors.problem.other", { field, message: (p.message ?? "").replace(/\.$/, "") });
  }
}

/** A message fit to show a person, whatever was thrown. */
export function describeError(e: unknown): string {
  if (!isApiError(e)) return e instanceof Error ? e.message : String(e);
  const details = e.details;
  switch (e.code) {
    case "network_error":
      return t("errors.network");
    case "rate_limited": {
      const s = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      return typeof s === "number" ? t("errors.rateLimited", { s }) : e.message;
    }
    case "internal": {
      const id = (details as { requestId?: unknown } | undefined)?.requestId;
      return t("errors.internal", { id: typeof id === "string" ? id : "—" });
    }
    case "payload_too_large":
      return t("errors.tooLarge");
    case "last_admin":
      return t("errors.lastAdmin");
    case "cannot_deactivate_self":
      return t("access.notYourself");
    case "user_exists":
      return t("errors.userExists");
    case "account_deactivated":
      return t("errors.deactivated");
    case "invalid_credentials":
      return t("errors.invalidCredentials");
    case "account_locked": {
      const s = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      return typeof s === "number" ? t("errors.locked", { min: Math.max(1, Math.ceil(s / 60)) }) : e.message;
    }
    case "invalid_token":
      return t("errors.invalidToken");
    case "archived":
      return t("errors.archived");
    case "nothing_to_publish":
      return t("errors.nothingToPublish");
    case "published":
      return t("errors.published");
    case "mailbox_disabled":
      return t("errors.mailboxDisabled");
    case "forbidden":
      return t("errors.forbidden");
  }
  if (e.code === "invalid_input" && Array.isArray(details) && details.length > 0 && details.every(isProblem)) {
    return details.map(problemSentence).join(" ");
  }
  return e.message;
}
