// Fills a migrated libSQL file with N realistic survey responses (and the rows their foreign keys need), cached per N.
import { createClient, type Client } from "@libsql/client";
import { createHash, createHmac } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { defaultTemplate } from "../../server/domain/default-template";
import { sha256Hex } from "../../server/domain/crypto";
import { surveyToken } from "../../server/domain/tokens";
import { BACKFILL_TIERS_SQL } from "../../server/domain/value-tiers";
import { seededRandom } from "../../server/domain/seeded-random";

/** Bump when the generated data changes: cached files of another version are regenerated. */
export const GENERATOR_VERSION = 1;

/** Survey tokens in generated databases are derived from this key: a server started with SECRET_KEY set to it accepts them. */
export const BENCH_SECRET_KEY = "valuepulse-bench-secret-key-0123456789abcdef";

export const CACHE_DIR = join(tmpdir(), "valuepulse-bench");

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

export type GeneratedDb = {
  path: string;
  url: string;
  n: number;
  /** Answers span [startAt, endAt): the year before the database was generated. Use endAt as "now" against it. */
  startAt: number;
  endAt: number;
  counts: Record<"customers" | "purchases" | "purchaseItems" | "invitations" | "responses", number>;
  generatedInMs: number;
  /** True when an existing file of the same generator version was reused. */
  cached: boolean;
};

type Meta = Omit<GeneratedDb, "path" | "url" | "cached"> & { version: number; seed: number };

/**
 * The database with `n` responses: reused from CACHE_DIR when a file of this generator version
 * exists, generated otherwise. Callers only read it — copy it (copyFileSync) before writing.
 */
export async function generatedResponsesDb(n: number, opts: { log?: (msg: string) => void } = {}): Promise<GeneratedDb> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const path = join(CACHE_DIR, `responses-${n}.db`);
  const metaPath = join(CACHE_DIR, `responses-${n}.json`);
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, "utf8")) as Meta;
    if (meta.version === GENERATOR_VERSION && meta.n === n) return { ...metaToDb(meta), path, url: `file:${path}`, cached: true };
  }
  rmSync(metaPath, { force: true });
  const partial = `${path}.${process.pid}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(f, { force: true });
  const t0 = performance.now();
  opts.log?.(`generating ${n.toLocaleString("en-US")} responses into ${path} …`);
  const client = createClient({ url: `file:${partial}`, concurrency: 1 });
  let meta: Meta;
  try {
    await migrateDb(createDb(client));
    const endAt = Math.floor(Date.now() / 60_000) * 60_000;
    const seed = 20_260_101 + n;
    const counts = await fillResponses(client, { n, endAt, seed });
    meta = { version: GENERATOR_VERSION, seed, n, startAt: endAt - YEAR, endAt, counts, generatedInMs: Math.round(performance.now() - t0) };
  } finally {
    client.close();
  }
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  renameSync(partial, path);
  writeFileSync(metaPath, JSON.stringify(meta, null, 2));
  opts.log?.(`  generated in ${(meta.generatedInMs / 1000).toFixed(1)} s`);
  return { ...metaToDb(meta), path, url: `file:${path}`, cached: false };
}

function metaToDb(m: Meta): Omit<GeneratedDb, "path" | "url" | "cached"> {
  return { n: m.n, startAt: m.startAt, endAt: m.endAt, counts: m.counts, generatedInMs: m.generatedInMs };
}

// ——— randomness ———

/** Seedable (mulberry32), so the same N always gives the same data. */
function prng(seed: number) {
  const next = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  /** Index into `weights` (cumulative weights precomputed by `cumulative`). */
  const weighted = (cum: number[]) => {
    const r = next() * cum[cum.length - 1];
    let i = 0;
    while (cum[i] <= r) i++;
    return i;
  };
  return { next, normal, pick, weighted };
}
type Rng = ReturnType<typeof prng>;

const cumulative = (ws: number[]) => ws.reduce<number[]>((acc, w) => [...acc, (acc.at(-1) ?? 0) + w], []);

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID for time `t` with random bits from the seeded generator (sortable like the app's ids). */
function ulidAt(rng: Rng, t: number): string {
  let time = "";
  let x = t;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[x % 32] + time;
    x = Math.floor(x / 32);
  }
  let rand = "";
  for (let i = 0; i < 16; i++) rand += CROCKFORD[Math.floor(rng.next() * 32)];
  return time + rand;
}

function hex(rng: Rng, chars: number): string {
  let s = "";
  for (let i = 0; i < chars; i += 8) s += Math.floor(rng.next() * 0x100000000).toString(16).padStart(8, "0");
  return s.slice(0, chars);
}

/** Same as sha256Hex(surveyToken(secret, id)) from server/domain/tokens, with node:crypto (several times faster). */
function tokenHashFor(invitationId: string): string {
  const token = createHmac("sha256", BENCH_SECRET_KEY).update(`survey:${invitationId}`).digest("base64url");
  return createHash("sha256").update(token).digest("hex");
}

/** An SQL literal: generated values only (numbers, and strings with quotes doubled). */
const lit = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);

// ——— the shop's world ———

const CHANNELS = ["web", "app", "marketplace", "shop"] as const;
const CHANNEL_WEIGHTS = cumulative([40, 25, 22, 13]);
/** Added to the promoter share and taken from the detractor share: marketplace buyers are harder to please. */
const CHANNEL_MOOD: Record<(typeof CHANNELS)[number], number> = { web: 0, app: 0.03, marketplace: -0.06, shop: 0.02 };

const CATEGORIES: { category: string; sku: string; weight: number; names: string[] }[] = [
  { category: "tea", sku: "TEA", weight: 34, names: ["Trà sen Tây Hồ", "Trà Shan tuyết", "Oolong Bảo Lộc", "Jasmine green tea", "Trà Thái Nguyên"] },
  { category: "coffee", sku: "COF", weight: 26, names: ["Robusta Buôn Ma Thuột", "Arabica Cầu Đất", "Cold brew kit", "Phin filter set"] },
  { category: "ceramics", sku: "CER", weight: 12, names: ["Bát Tràng teapot", "Celadon cups (set of 4)", "Chén men lam"] },
  { category: "snacks", sku: "SNK", weight: 14, names: ["Mứt gừng", "Candied lotus seeds", "Bánh đậu xanh Hải Dương"] },
  { category: "gift-sets", sku: "GFT", weight: 9, names: ["Tết gift box", "Tea tasting set", "Hộp quà trung thu"] },
  { category: "accessories", sku: "ACC", weight: 5, names: ["Bamboo tea tray", "Glass kettle", "Tea towel"] },
];
const CATEGORY_WEIGHTS = cumulative(CATEGORIES.map((c) => c.weight));
const ITEM_COUNT_WEIGHTS = cumulative([60, 28, 12]);

const VI_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
const VI_GIVEN = ["Lan", "Minh", "Hương", "Tuấn", "Linh", "Anh", "Hà", "Nam", "Thảo", "Quang", "Mai", "Dũng", "Trang", "Hải"];
const VI_ASCII: Record<string, string> = { Nguyễn: "nguyen", Trần: "tran", Lê: "le", Phạm: "pham", Hoàng: "hoang", Huỳnh: "huynh", Phan: "phan", Vũ: "vu", Võ: "vo", Đặng: "dang", Bùi: "bui", Đỗ: "do", Lan: "lan", Minh: "minh", Hương: "huong", Tuấn: "tuan", Linh: "linh", Anh: "anh", Hà: "ha", Nam: "nam", Thảo: "thao", Quang: "quang", Mai: "mai", Dũng: "dung", Trang: "trang", Hải: "hai" };
const EN_GIVEN = ["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophie", "Lucas", "Mia", "Jack", "Grace", "Daniel"];
const EN_FAMILY = ["Smith", "Brown", "Wilson", "Taylor", "Clarke", "Walker", "Wright", "Hughes", "Evans", "Martin"];

const COMMENTS = {
  en: {
    promoter: ["Lovely tea, arrived quickly.", "Great quality, will buy again.", "Beautifully packed, perfect as a gift.", "The best robusta I have had outside Vietnam.", "Fast delivery and friendly support. Thank you!", "Exactly as described, and the price is fair."],
    passive: ["Good, but delivery took a while.", "Nice taste, the packaging could be better.", "Fine overall. A bit pricey for the amount.", "Okay. I expected a stronger aroma."],
    detractor: ["The box arrived damaged and nobody answered my email.", "Too expensive for what you get.", "Delivery was a week late.", "Tasted stale. I want a refund.", "Wrong item sent, the return was a hassle."],
  },
  vi: {
    promoter: ["Trà rất thơm, giao hàng nhanh.", "Chất lượng tuyệt vời, sẽ mua lại.", "Đóng gói đẹp, rất hợp làm quà.", "Cà phê ngon, đậm vị. Cảm ơn shop!", "Rất hài lòng, giá hợp lý."],
    passive: ["Ổn, nhưng giao hàng hơi chậm.", "Vị ngon nhưng bao bì chưa đẹp lắm.", "Tạm được, giá hơi cao.", "Hương chưa đậm như mong đợi."],
    detractor: ["Hộp bị móp khi nhận, shop không trả lời tin nhắn.", "Giá quá cao so với chất lượng.", "Giao hàng trễ cả tuần.", "Trà bị ẩm, muốn đổi trả.", "Gửi nhầm sản phẩm, đổi trả rất phiền."],
  },
} as const;

const DETRACTOR_SCORES = cumulative([12, 4, 6, 10, 12, 24, 32]); // 0 … 6: most detractors give 5 or 6

type TemplateRow = { id: string; name: string; status: "published" | "archived"; createdAt: number };

/** Three templates over the year: a first version (archived), the default (published), a gift-season one (archived). */
function templatesFor(rng: Rng, startAt: number): TemplateRow[] {
  return [
    { id: ulidAt(rng, startAt - 30 * DAY), name: "Post-purchase NPS (first version)", status: "archived", createdAt: startAt - 30 * DAY },
    { id: ulidAt(rng, startAt + 110 * DAY), name: defaultTemplate.name, status: "published", createdAt: startAt + 110 * DAY },
    { id: ulidAt(rng, startAt + 230 * DAY), name: "Gift-season follow-up", status: "archived", createdAt: startAt + 230 * DAY },
  ];
}

/** Which template surveyed a purchase whose invitation was due at `t`. */
function templateIndexAt(rng: Rng, t: number, startAt: number): number {
  const day = (t - startAt) / DAY;
  if (day < 120) return 0;
  if (day >= 240 && day < 300 && rng.next() < 0.3) return 2;
  return 1;
}

/** Responses grow over the year: the density rises e-fold… here 3-fold from the first day to the last. */
const GROWTH = Math.log(3);
const dayFraction = (u: number) => Math.log(1 + u * (Math.exp(GROWTH) - 1)) / GROWTH;

/** Answers cluster in the Vietnamese daytime (UTC+7): hour-of-day weights in local time. */
const LOCAL_HOUR_WEIGHTS = cumulative([1, 0.5, 0.3, 0.2, 0.3, 1, 2, 4, 5, 5, 5, 5, 6, 5, 4, 4, 4, 5, 6, 7, 8, 8, 6, 3]);

const clamp15 = (x: number) => Math.max(1, Math.min(5, Math.round(x)));

// ——— the generator ———

/** Rows per INSERT statement, responses generated between writes, and the size of one written script (one transaction). */
const ROWS_PER_STATEMENT = 500;
const RESPONSES_PER_TRANSACTION = 50_000;
const SCRIPT_CHARS = 2_000_000;

const TABLES = ["customers", "purchases", "purchase_items", "invitations", "responses"] as const;

/**
 * Writes n responses, answered over the year before `endAt`, into a migrated empty database,
 * with their customers, purchases, items and invitations. Secondary indexes are dropped while
 * loading and rebuilt after (faster than maintaining them row by row); durability is off until the
 * end, then the file is left in WAL mode like the product's.
 */
export async function fillResponses(client: Client, opts: { n: number; endAt: number; seed: number }): Promise<GeneratedDb["counts"]> {
  const { n, endAt } = opts;
  const startAt = endAt - YEAR;
  const rng = prng(opts.seed);

  await client.execute("PRAGMA journal_mode = OFF");
  await client.execute("PRAGMA synchronous = OFF");
  await client.execute("PRAGMA foreign_keys = OFF");
  await client.execute("PRAGMA cache_size = -65536"); // 64 MiB while loading
  await client.execute("PRAGMA temp_store = MEMORY");
  const indexes = (
    await client.execute(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${TABLES.map((t) => `'${t}'`).join(", ")}) ORDER BY type = 'trigger'`)
  ).rows.map((r) => ({ type: String(r.type), name: String(r.name), sql: String(r.sql) }));
  // Triggers too: the one that fills in responses.tier looks up the customer's purchases, which without their index is a scan per row.
  for (const ix of indexes) await client.execute(`DROP ${ix.type === "trigger" ? "TRIGGER" : "INDEX"} "${ix.name}"`);

  const templates = templatesFor(rng, startAt);
  const content = JSON.stringify(defaultTemplate.content);
  const { delayHours, throttleDays, closeAfterDays } = defaultTemplate.rules;
  const rules = JSON.stringify(defaultTemplate.rules);
  await client.execute(
    `INSERT INTO templates (id, name, status, version, content, rules, has_draft, created_at, updated_at, published_at) VALUES ${templates
      .map((t) => `(${[t.id, t.name, t.status, 1, content, rules, 0, t.createdAt, t.createdAt, t.createdAt].map(lit).join(", ")})`)
      .join(", ")}`,
  );
  await client.execute(
    `INSERT INTO template_versions (template_id, version, name, content, rules, published_at, published_by) VALUES ${templates
      .map((t) => `(${[t.id, 1, t.name, content, rules, t.createdAt, "system"].map(lit).join(", ")})`)
      .join(", ")}`,
  );
  // The fast token hash must agree with the product's, or a server could not open these surveys.
  if (tokenHashFor("01ARZ3NDEKTSV4RRFFQ69G5FAV") !== sha256Hex(surveyToken(BENCH_SECRET_KEY, "01ARZ3NDEKTSV4RRFFQ69G5FAV")))
    throw new Error("token hashing differs from server/domain/tokens");

  type Value = string | number | null;
  const rows: Record<(typeof TABLES)[number], Value[][]> = { customers: [], purchases: [], purchase_items: [], invitations: [], responses: [] };
  const counts = { customers: 0, purchases: 0, purchaseItems: 0, invitations: 0, responses: 0 };
  const statements: string[] = [];
  const columns: Record<(typeof TABLES)[number], string> = {
    customers: "id, email, name, locale, unsubscribed_at, created_at",
    purchases: "id, order_id, customer_id, amount, currency, channel, purchased_at, fulfilled_at, content_hash, created_at",
    purchase_items: "id, purchase_id, position, sku, name, category",
    invitations:
      "id, purchase_id, customer_id, template_id, template_version, token_hash, locale, status, due_at, closes_at, batch_id, lease_until, sent_at, provider_message_id, attempts, last_error, created_at",
    responses:
      "id, invitation_id, template_id, template_version, customer_id, locale, channel, score, csat, benefit_functional, benefit_social, benefit_emotional, benefit_monetary, cost_money, cost_time, cost_effort, cost_risk, comment, extra, flagged, answered_at, updated_at",
  };
  const add = (table: (typeof TABLES)[number], tuple: Value[]) => {
    const list = rows[table];
    list.push(tuple);
    if (list.length >= ROWS_PER_STATEMENT) cut(table);
  };
  const cut = (table: (typeof TABLES)[number]) => {
    if (rows[table].length === 0) return;
    statements.push(`INSERT INTO ${table} (${columns[table]}) VALUES ${rows[table].map((r) => `(${r.map(lit).join(",")})`).join(",")};`);
    rows[table] = [];
  };
  const flush = async () => {
    for (const t of TABLES) cut(t);
    // executeMultiple finalizes each statement as it goes, where client.batch() keeps every prepared statement
    // (and its literals) in native memory until garbage collection — ~0.3 GB per 50k responses — and parses no
    // faster. Its cost grows with the square of the script's length, so scripts stay near 2 MB.
    // (Binding rows as one JSON argument unpacked with json_each was slower: ~1 µs per value.)
    let script = "";
    for (const stmt of statements.splice(0)) {
      script += stmt;
      if (script.length > SCRIPT_CHARS) {
        await client.executeMultiple(`BEGIN IMMEDIATE;${script}COMMIT;`);
        script = "";
      }
    }
    if (script) await client.executeMultiple(`BEGIN IMMEDIATE;${script}COMMIT;`);
  };

  // Customers: id, locale, and the last due time per template (the 90-day throttle).
  const customerIds: string[] = [];
  const customerLocales: ("en" | "vi")[] = [];
  const lastDue = new Float64Array(n * templates.length).fill(-Infinity);
  const throttleMs = throttleDays * DAY;
  let batchId = "";

  for (let i = 0; i < n; i++) {
    // Stratified over the growth curve, so answers come out in time order (within a day).
    const day = Math.floor(dayFraction((i + rng.next()) / n) * 365);
    const localHour = rng.weighted(LOCAL_HOUR_WEIGHTS);
    let answeredAt = startAt + day * DAY + (localHour - 7) * HOUR + Math.floor(rng.next() * HOUR);
    answeredAt = Math.max(startAt, Math.min(endAt - 1000, answeredAt));
    // Most answer within hours of the email; a few days later for some.
    const answerDelay = Math.max(60_000, Math.min(25 * DAY, Math.exp(Math.log(90 * 60_000) + 1.6 * rng.normal())));
    const sentAt = answeredAt - Math.round(answerDelay);
    const dueAt = sentAt - Math.floor(rng.next() * 5 * 60_000);
    const fulfilledAt = dueAt - delayHours * HOUR;
    const purchasedAt = fulfilledAt - Math.floor((0.5 + rng.next() * 4.5) * DAY);
    const recordedAt = purchasedAt + Math.floor(rng.next() * 10 * 60_000);
    const tpl = templateIndexAt(rng, dueAt, startAt);
    const channel = CHANNELS[rng.weighted(CHANNEL_WEIGHTS)];

    // A returning customer (biased to recent ones) unless throttled for this template; else a new one.
    let customer = -1;
    if (customerIds.length > 0 && rng.next() < 0.5)
      for (let tries = 0; tries < 3 && customer < 0; tries++) {
        const c = Math.floor(customerIds.length * (1 - rng.next() ** 2));
        if (dueAt - lastDue[c * templates.length + tpl] >= throttleMs) customer = c;
      }
    if (customer < 0) {
      customer = customerIds.length;
      const locale = rng.next() < 0.65 ? "vi" : "en";
      const [name, handle] =
        locale === "vi"
          ? ((f: string, g: string) => [`${f} ${g}`, `${VI_ASCII[g]}.${VI_ASCII[f]}`])(rng.pick(VI_FAMILY), rng.pick(VI_GIVEN))
          : ((g: string, f: string) => [`${g} ${f}`, `${g}.${f}`.toLowerCase()])(rng.pick(EN_GIVEN), rng.pick(EN_FAMILY));
      const id = ulidAt(rng, recordedAt);
      customerIds.push(id);
      customerLocales.push(locale);
      add("customers", [id, `${handle}.${customer}@example.com`, name, locale, null, recordedAt]);
      counts.customers++;
    }
    lastDue[customer * templates.length + tpl] = dueAt;
    const customerId = customerIds[customer];
    const locale = customerLocales[customer];

    const purchaseId = ulidAt(rng, recordedAt);
    const usd = locale === "en" && rng.next() < 0.3;
    const amount = usd
      ? Math.round(Math.exp(Math.log(2500) + 0.7 * rng.normal()))
      : Math.round(Math.exp(Math.log(450_000) + 0.8 * rng.normal()) / 1000) * 1000;
    add("purchases", [
      purchaseId,
      `${channel.toUpperCase()}-${100_000 + i}`,
      customerId,
      Math.max(usd ? 100 : 10_000, amount),
      usd ? "USD" : "VND",
      channel,
      purchasedAt,
      fulfilledAt,
      hex(rng, 64),
      recordedAt,
    ]);
    counts.purchases++;
    const itemCount = 1 + rng.weighted(ITEM_COUNT_WEIGHTS);
    for (let p = 0; p < itemCount; p++) {
      const cat = CATEGORIES[rng.weighted(CATEGORY_WEIGHTS)];
      const k = Math.floor(rng.next() * cat.names.length);
      add("purchase_items", [ulidAt(rng, recordedAt), purchaseId, p, `${cat.sku}-${k + 1}`, cat.names[k], cat.category]);
      counts.purchaseItems++;
    }

    const invitationId = ulidAt(rng, recordedAt);
    // Invitations go out in batches of up to 100 (the dispatcher's Idempotency-Key).
    if (i % 100 === 0) batchId = ulidAt(rng, sentAt);
    const providerMessageId = `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
    add("invitations", [
      invitationId,
      purchaseId,
      customerId,
      templates[tpl].id,
      1,
      tokenHashFor(invitationId),
      locale,
      "sent",
      dueAt,
      dueAt + closeAfterDays * DAY,
      batchId,
      null,
      sentAt,
      providerMessageId,
      1,
      null,
      recordedAt,
    ]);
    counts.invitations++;

    // NPS: ~45 % promoters, ~30 % passives, ~25 % detractors, slowly improving, varying by channel.
    const drift = 0.04 * ((answeredAt - startAt) / YEAR - 0.5) + CHANNEL_MOOD[channel];
    const r = rng.next();
    const pPromoter = 0.45 + drift;
    const pDetractor = 0.25 - drift;
    const score =
      r < pPromoter ? (rng.next() < 0.45 ? 9 : 10) : r < pPromoter + pDetractor ? rng.weighted(DETRACTOR_SCORES) : rng.next() < 0.43 ? 7 : 8;
    const s = score / 10;
    // About one in five clicks a score in the email and leaves; the rest answer most questions.
    const scoreOnly = rng.next() < 0.22;
    const likert = (p: number, mean: number) => (scoreOnly || rng.next() >= p ? null : clamp15(mean + 0.8 * rng.normal()));
    const csat = scoreOnly || rng.next() >= 0.96 ? null : clamp15(1 + 4 * s ** 0.8 + 0.6 * rng.normal());
    const benefits = [0.3, -0.6, 0, -0.1].map((offset) => likert(0.85, 2 + 2.6 * s + offset));
    const costs = [0.4, 0, -0.4, -0.3].map((offset) => likert(0.8, 3.6 - 1.8 * s + offset));
    const mood = score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
    const commentChance = mood === "detractor" ? 0.35 : mood === "passive" ? 0.18 : 0.15;
    let comment: string | null = null;
    if (rng.next() < commentChance) {
      comment = rng.pick(COMMENTS[locale][mood]);
      if (rng.next() < 0.3) comment += " " + rng.pick(COMMENTS[locale][mood]);
    }
    const updatedAt = rng.next() < 0.06 ? answeredAt + Math.floor((1 + rng.next() * 59) * 60_000) : answeredAt;
    const flagged = rng.next() < 0.008 ? 1 : 0;
    add("responses", [ulidAt(rng, answeredAt), invitationId, templates[tpl].id, 1, customerId, locale, channel, score, csat, ...benefits, ...costs, comment, "{}", flagged, answeredAt, updatedAt]);
    counts.responses++;

    if ((i + 1) % RESPONSES_PER_TRANSACTION === 0) await flush();
  }
  await flush();

  for (const ix of indexes) await client.execute(ix.sql);
  // Each answer's tier at its purchase, as the answer writer stores it, once the purchases' index is back.
  await client.execute(BACKFILL_TIERS_SQL);
  const violations = await client.execute("PRAGMA foreign_key_check");
  if (violations.rows.length > 0) throw new Error(`generated data breaks ${violations.rows.length} foreign keys, e.g. ${JSON.stringify(violations.rows[0])}`);
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = FULL");
  return counts;
}
