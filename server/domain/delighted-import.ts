// Delighted's exports (its API's JSON and its CSV downloads) → what ValuePulse keeps: responses, people, unsubscribes, bounces.
import { isEmail } from "./email";

/** What a Delighted export holds; the import's kind in `imports.kind` is `delighted-<kind>`. */
export const DELIGHTED_KINDS = ["responses", "people", "unsubscribes", "bounces"] as const;
export type DelightedKind = (typeof DELIGHTED_KINDS)[number];
export type DelightedFormat = "json" | "csv";

/** Survey types kept: NPS is `score`, CSAT (1–5) is `csat`; Delighted's other scales have no place in the value model. */
export const DELIGHTED_SURVEY_TYPES = { nps: [0, 10], csat: [1, 5] } as const;
export type DelightedSurveyType = keyof typeof DELIGHTED_SURVEY_TYPES;

export type RowError = { field: string; reason: string };

export type DelightedResponse = {
  id: string;
  personId: string | null;
  email: string | null;
  name: string | null;
  surveyType: DelightedSurveyType;
  score: number;
  comment: string | null;
  createdAt: number;
  updatedAt: number;
  properties: Record<string, string>;
  locale: string | null;
  channel: string | null;
  category: string | null;
};
/** A person, an unsubscribe or a bounce: an address, maybe Delighted's person id, and when. */
export type DelightedPerson = { personId: string | null; email: string; name: string | null; at: number | null };

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: RowError[] };

/** "Response ID" → "response_id": CSV headers and JSON keys compared the same way. */
export const normalizeKey = (key: string) =>
  key
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");

/** The person properties that become segments (normalized names, first found wins). */
const SEGMENT_PROPERTIES = {
  locale: ["locale", "language"],
  channel: ["channel", "delighted_source", "source"],
  category: ["category", "product_category"],
} as const;

/** CSV columns read per kind (normalized header → field); a responses file's other columns are person properties. */
const CSV_COLUMNS: Record<DelightedKind, Record<string, string>> = {
  responses: {
    response_id: "id",
    id: "id",
    score: "score",
    comment: "comment",
    email: "email",
    person_email: "email",
    email_address: "email",
    name: "name",
    person_name: "name",
    person_id: "person",
    person: "person",
    created_at: "created_at",
    response_timestamp: "created_at",
    responded_at: "created_at",
    date: "created_at",
    updated_at: "updated_at",
    survey_type: "survey_type",
    // Read and dropped: links into a closed service, and Delighted's own annotations.
    permalink: "-",
    notes: "-",
    tags: "-",
    additional_answers: "-",
    phone_number: "-",
  },
  people: { person_id: "id", id: "id", email: "email", email_address: "email", person_email: "email", name: "name", person_name: "name", created_at: "at", date: "at" },
  unsubscribes: { person_id: "id", id: "id", email: "email", person_email: "email", email_address: "email", name: "name", person_name: "name", unsubscribed_at: "at", created_at: "at", date: "at" },
  bounces: { person_id: "id", id: "id", email: "email", person_email: "email", email_address: "email", name: "name", person_name: "name", bounced_at: "at", created_at: "at", date: "at" },
};

/** The columns each kind's CSV must have (by field), for the header check and the docs. */
export const REQUIRED_CSV_FIELDS: Record<DelightedKind, string[]> = { responses: ["id", "score", "created_at"], people: ["email"], unsubscribes: ["email"], bounces: ["email"] };

/**
 * Which export a file is, from its first bytes: JSON (an array of objects) by the first object's keys,
 * CSV by its header. Null when it cannot tell (the caller then asks for `kind`).
 */
export function detectDelighted(head: string): { format: DelightedFormat; kind: DelightedKind | null } {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("[") || text.startsWith("{")) {
    const keys = new Set([...text.slice(0, 4096).matchAll(/"([^"\\]+)"\s*:/g)].map((m) => m[1]));
    const kind = keys.has("score") || keys.has("survey_type") ? "responses" : keys.has("unsubscribed_at") ? "unsubscribes" : keys.has("bounced_at") ? "bounces" : keys.has("email") ? "people" : null;
    return { format: "json", kind };
  }
  const header = new Set((text.split(/\r?\n/)[0] ?? "").split(/[,;\t]/).map((h) => normalizeKey(h.replace(/"/g, ""))));
  const kind = header.has("score") ? "responses" : header.has("unsubscribed_at") ? "unsubscribes" : header.has("bounced_at") ? "bounces" : header.has("email") || header.has("person_email") || header.has("email_address") ? "people" : null;
  return { format: "csv", kind };
}

/**
 * A time as Delighted writes it: Unix seconds (its API), or a date-time (its CSV: ISO 8601, or
 * "2024-04-18 05:34:20 UTC" / "… +0700"); without a zone it is UTC.
 */
export function delightedTime(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value > 0 && value < 1e11 ? value * 1000 : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (/^\d{9,11}$/.test(text)) return Number(text) * 1000;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!m) return null;
  const zone = !m[3] || /^(Z|UTC|GMT)$/i.test(m[3]) ? "Z" : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
  const t = Date.parse(`${m[1]}T${m[2] ?? "00:00"}${zone}`);
  return Number.isFinite(t) ? t : null;
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
};
const idText = (v: unknown): string | null => (typeof v === "number" && Number.isInteger(v) ? String(v) : typeof v === "string" && v.trim() !== "" ? v.trim() : null);

function segments(properties: Record<string, string>) {
  const byKey = new Map(Object.entries(properties).map(([k, v]) => [normalizeKey(k), v.trim()]));
  const pick = (keys: readonly string[]) => keys.map((k) => byKey.get(k)).find((v) => v) ?? null;
  return { locale: pick(SEGMENT_PROPERTIES.locale), channel: pick(SEGMENT_PROPERTIES.channel)?.slice(0, 100) ?? null, category: pick(SEGMENT_PROPERTIES.category)?.slice(0, 200) ?? null };
}

function checkEmail(errors: RowError[], field: string, email: string | null, required: boolean) {
  if (email === null) {
    if (required) errors.push({ field, reason: "is required" });
  } else if (!isEmail(email.trim())) errors.push({ field, reason: "is not an email address" });
}

/** A survey response as fields (from JSON or CSV) → the response, or every field that is wrong with it. */
function response(f: { id: unknown; person: unknown; email: unknown; name: unknown; surveyType: unknown; score: unknown; comment: unknown; createdAt: unknown; updatedAt: unknown; properties: Record<string, string> }, names: { person: string; email: string }): Parsed<DelightedResponse> {
  const errors: RowError[] = [];
  const id = idText(f.id);
  if (!id) errors.push({ field: "id", reason: "is required" });
  else if (id.length > 100) errors.push({ field: "id", reason: "must be at most 100 characters" });
  const surveyType = (text(f.surveyType) ?? "nps").trim().toLowerCase();
  const bounds = DELIGHTED_SURVEY_TYPES[surveyType as DelightedSurveyType];
  if (!bounds) errors.push({ field: "survey_type", reason: `"${surveyType}" is not imported: only nps (the score) and csat are` });
  const scoreText = text(f.score);
  const score = typeof f.score === "number" ? f.score : scoreText !== null && /^\s*\d+\s*$/.test(scoreText) ? Number(scoreText) : NaN;
  if (scoreText === null) errors.push({ field: "score", reason: "is required" });
  else if (bounds && (!Number.isInteger(score) || score < bounds[0] || score > bounds[1])) errors.push({ field: "score", reason: `must be a whole number from ${bounds[0]} to ${bounds[1]}` });
  const createdAt = delightedTime(f.createdAt);
  if (f.createdAt === null || f.createdAt === undefined || f.createdAt === "") errors.push({ field: "created_at", reason: "is required" });
  else if (createdAt === null) errors.push({ field: "created_at", reason: "must be Unix seconds or a date-time such as 2024-04-18T05:34:20Z" });
  const hasUpdated = !(f.updatedAt === null || f.updatedAt === undefined || f.updatedAt === "");
  const updatedAt = hasUpdated ? delightedTime(f.updatedAt) : null;
  if (hasUpdated && updatedAt === null) errors.push({ field: "updated_at", reason: "must be Unix seconds or a date-time such as 2024-04-18T05:34:20Z" });
  const email = text(f.email)?.trim().toLowerCase() ?? null;
  const personId = idText(f.person);
  checkEmail(errors, names.email, email, false);
  if (!email && !personId) errors.push({ field: names.email, reason: "is required (or the Delighted person id of an imported person)" });
  const name = text(f.name)?.trim() ?? null;
  if (name && name.length > 200) errors.push({ field: "name", reason: "must be at most 200 characters" });
  if (errors.length) return { ok: false, errors };
  const seg = segments(f.properties);
  return {
    ok: true,
    value: {
      id: id!,
      personId,
      email,
      name,
      surveyType: surveyType as DelightedSurveyType,
      score,
      comment: text(f.comment)?.trim() || null,
      createdAt: createdAt!,
      // An answer never changed has no update time: it was last changed when given.
      updatedAt: Math.max(updatedAt ?? createdAt!, createdAt!),
      properties: f.properties,
      ...seg,
    },
  };
}

function person(f: { id: unknown; email: unknown; name: unknown; at: unknown }, atField: string): Parsed<DelightedPerson> {
  const errors: RowError[] = [];
  const email = text(f.email)?.trim().toLowerCase() ?? null;
  checkEmail(errors, "email", email, true);
  const name = text(f.name)?.trim() ?? null;
  if (name && name.length > 200) errors.push({ field: "name", reason: "must be at most 200 characters" });
  const hasAt = !(f.at === null || f.at === undefined || f.at === "");
  const at = hasAt ? delightedTime(f.at) : null;
  if (hasAt && at === null) errors.push({ field: atField, reason: "must be Unix seconds or a date-time such as 2024-04-18T05:34:20Z" });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { personId: idText(f.id), email: email!, name, at } };
}

const AT_FIELD: Record<Exclude<DelightedKind, "responses">, string> = { people: "created_at", unsubscribes: "unsubscribed_at", bounces: "bounced_at" };

/** One element of a Delighted API array (`/v1/survey_responses.json`, `/v1/people.json`, …). */
export function fromJson(kind: DelightedKind, item: unknown): Parsed<DelightedResponse | DelightedPerson> {
  if (!item || typeof item !== "object" || Array.isArray(item)) return { ok: false, errors: [{ field: "(row)", reason: "must be a JSON object" }] };
  const o = item as Record<string, unknown>;
  if (kind === "responses") {
    // `person` is an id, or with expand[]=person the person itself.
    const p = o.person && typeof o.person === "object" ? (o.person as Record<string, unknown>) : null;
    const props = o.person_properties && typeof o.person_properties === "object" && !Array.isArray(o.person_properties) ? (o.person_properties as Record<string, unknown>) : {};
    const properties = Object.fromEntries(Object.entries(props).flatMap(([k, v]) => (text(v) === null ? [] : [[k, text(v)!]])));
    return response({ id: o.id, person: p ? p.id : o.person, email: p ? p.email : o.email, name: p ? p.name : o.name, surveyType: o.survey_type, score: o.score, comment: o.comment, createdAt: o.created_at, updatedAt: o.updated_at, properties }, { person: "person", email: p ? "person.email" : "email" });
  }
  return person({ id: kind === "people" ? o.id : o.person_id, email: o.email, name: o.name, at: o[AT_FIELD[kind]] }, AT_FIELD[kind]);
}

export type CsvHeader = { columns: (string | null)[]; properties: (string | null)[]; missing: string[] };

/** A CSV header → which field each column is (null: a person property or dropped), and the required fields it lacks. */
export function readDelightedHeader(kind: DelightedKind, header: string[]): CsvHeader {
  const known = CSV_COLUMNS[kind];
  const seen = new Set<string>();
  const columns = header.map((h) => {
    const field = known[normalizeKey(h)];
    if (!field || seen.has(field)) return null;
    seen.add(field);
    return field;
  });
  const properties = header.map((h, i) => (kind === "responses" && columns[i] === null && !known[normalizeKey(h)] && h.trim() !== "" ? h.trim() : null));
  const required = REQUIRED_CSV_FIELDS[kind].map((f) => (kind === "responses" ? f : f === "email" ? "email" : f));
  return { columns, properties, missing: required.filter((f) => !seen.has(f)).map((f) => (f === "id" ? "Response ID" : f === "created_at" ? "Created At" : f === "score" ? "Score" : "Email")) };
}

/** One CSV row of a Delighted export. */
export function fromCsv(kind: DelightedKind, header: CsvHeader, values: string[]): Parsed<DelightedResponse | DelightedPerson> {
  if (values.length !== header.columns.length) return { ok: false, errors: [{ field: "(row)", reason: `has ${values.length} columns, the header has ${header.columns.length}` }] };
  const f: Record<string, string> = {};
  const properties: Record<string, string> = {};
  values.forEach((v, i) => {
    const field = header.columns[i];
    if (field) f[field] = v;
    else if (header.properties[i] && v.trim() !== "") properties[header.properties[i]!] = v.trim();
  });
  if (kind === "responses")
    return response({ id: f.id, person: f.person, email: f.email, name: f.name, surveyType: f.survey_type, score: f.score, comment: f.comment, createdAt: f.created_at, updatedAt: f.updated_at, properties }, { person: "Person ID", email: "Email" });
  return person({ id: f.id, email: f.email, name: f.name, at: f.at }, AT_FIELD[kind]);
}

/**
 * Cuts a stream of JSON text holding an array (or several arrays one after another, as pages saved
 * into one file) into its elements' texts, never holding more than one element: each is parsed alone,
 * so a bad element is one row's error and the rest of the file still reads.
 */
export class JsonArraySplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private current: string[] = [];
  private currentLength = 0;
  private elementStart = -1;
  index = 0;

  constructor(private readonly maxElementLength: number) {}

  /** Set when the text went wrong; the elements before it were returned first. */
  failure: JsonSplitError | null = null;

  /**
   * The complete elements in this chunk of text, each with its 1-based position in the file. When the text
   * goes wrong, the elements before it are still returned and `failure` says what happened.
   */
  push(chunk: string): { index: number; text: string }[] {
    const out: { index: number; text: string }[] = [];
    if (this.failure) return out;
    try {
      this.scan(chunk, out);
    } catch (err) {
      if (!(err instanceof JsonSplitError)) throw err;
      this.failure = err;
    }
    return out;
  }

  private scan(chunk: string, out: { index: number; text: string }[]) {
    let start = this.depth >= 1 && this.elementStart >= 0 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        if (c === "[") {
          this.depth = 1;
          this.started = true;
        } else if (!/[\s\uFEFF]/.test(c)) throw new JsonSplitError(`expected a JSON array of objects, found "${c}"`, this.index + 1);
        continue;
      }
      if (this.depth === 1) {
        if (c === "]") {
          this.end(chunk, start, i, out);
          start = -1;
          this.depth = 0;
          continue;
        }
        if (c === ",") {
          this.end(chunk, start, i, out);
          start = -1;
          continue;
        }
        if (/\s/.test(c)) continue;
        if (start < 0) {
          start = i;
          this.elementStart = 0;
        }
      }
      if (c === '"') this.inString = true;
      else if (c === "{" || c === "[") this.depth++;
      else if (c === "}" || c === "]") this.depth--;
    }
    if (start >= 0) this.keep(chunk.slice(start));
  }

  /** Throws when the text stopped inside an element or before any array. */
  finish(): void {
    if (this.failure) throw this.failure;
    if (!this.started) throw new JsonSplitError("the file holds no JSON array", 1);
    if (this.depth !== 0 || this.inString) throw new JsonSplitError("the JSON ends inside an element (the file is cut short)", this.index + 1);
  }

  private keep(part: string) {
    this.current.push(part);
    this.currentLength += part.length;
    if (this.currentLength > this.maxElementLength) throw new JsonSplitError(`is longer than ${this.maxElementLength} bytes`, this.index + 1, "too_long");
  }

  private end(chunk: string, start: number, i: number, out: { index: number; text: string }[]) {
    if (start >= 0) this.keep(chunk.slice(start, i));
    const text = this.current.join("").trim();
    this.current = [];
    this.currentLength = 0;
    this.elementStart = -1;
    if (text !== "") out.push({ index: ++this.index, text });
  }
}

export class JsonSplitError extends Error {
  constructor(
    message: string,
    readonly index: number,
    readonly code: "syntax" | "too_long" = "syntax",
  ) {
    super(message);
  }
}
