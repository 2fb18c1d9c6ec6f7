// What a comment says about each value type and cost kind, with a polarity: a lexicon per language,
// negation, contrast and clause boundaries. Pure and deterministic; see docs/ANALYTICS.md.
import { ASPECT_LEXICONS, type AspectKey, type AspectLexicon, type Pol } from "./aspect-lexicon";
import { COST_KINDS, isLocale, VALUE_TYPES, type Locale } from "./template-content";

export type { AspectKey };
/** The answer keys, benefits then costs: the order aspects are listed in. */
export const ASPECT_KEYS = [...VALUE_TYPES.map((v) => `benefit_${v}` as const), ...COST_KINDS.map((k) => `cost_${k}` as const)] as [AspectKey, ...AspectKey[]];
/**
 * From the customer's side: `positive` is a benefit they got or a cost that was light (fast
 * delivery: cost_time positive); `negative` a benefit missing or a cost that weighed (slow delivery:
 * cost_time negative).
 */
export const POLARITIES = ["positive", "negative"] as const;
export type Polarity = (typeof POLARITIES)[number];
export type CommentAspect = { aspect: AspectKey; polarity: Polarity };

/** Lower case, no diacritics, đ → d: how Vietnamese typed without tone marks reads. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}

// The five Vietnamese tone marks (grave, acute, tilde, hook, dot below). Vowel marks (circumflex,
// breve, horn) are kept apart from them so "hóa" and "hoá" (two spelling conventions) are one key.
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** A word as written, tone mark moved to the end: giá ≠ giả, hóa = hoá. */
const toneKeys = new Map<string, string>();
function toneKey(word: string): string {
  let k = toneKeys.get(word);
  if (k === undefined) {
    const d = word.normalize("NFD").toLowerCase();
    k = d.replace(TONE, "").normalize("NFC") + (d.match(TONE) ?? []).join("");
    if (toneKeys.size > 50_000) toneKeys.clear(); // a cache of the words seen, bounded
    toneKeys.set(word, k);
  }
  return k;
}

const hasMarks = (word: string) => /[^\x00-\x7f]/.test(word);

type Entry =
  | { kind: "expression"; pairs: [AspectKey, Pol][] }
  | { kind: "topic"; aspect: AspectKey; gift?: true }
  | { kind: "opinion"; pol: Pol; per?: Partial<Record<AspectKey, Pol>>; fallback?: AspectKey; only?: AspectKey[] }
  | { kind: "negator" | "contrast" | "intensifier" | "neutral" };

type Index = {
  entries: Map<string, Entry>;
  /** Every key's leading words ("giao", "giao hàng" for "giao hàng nhanh"): matching stops where no key goes on. */
  prefixes: Set<string>;
  slang: Map<string, string[]>;
  slangShown: Map<string, string[]>;
  tieAfter: boolean;
};

function prefixesOf(entries: Map<string, Entry>): Set<string> {
  const out = new Set<string>();
  for (const k of entries.keys()) {
    const ws = k.split(" ");
    for (let i = 1; i <= ws.length; i++) out.add(ws.slice(0, i).join(" "));
  }
  return out;
}

function entriesOf(lex: Partial<AspectLexicon>): [string, Entry][] {
  const out: [string, Entry][] = [];
  // A phrase listed under several aspects says all of them ("feel cheated": emotional −, risk −).
  const expressions = new Map<string, [AspectKey, Pol][]>();
  for (const [aspect, byPol] of Object.entries(lex.expressions ?? {}) as [AspectKey, Partial<Record<Pol, string[]>>][])
    for (const pol of ["+", "-"] as const) for (const p of byPol[pol] ?? []) expressions.set(p, [...(expressions.get(p) ?? []), [aspect, pol]]);
  for (const [p, pairs] of expressions) out.push([p, { kind: "expression", pairs }]);
  for (const p of lex.gifts ?? []) out.push([p, { kind: "topic", aspect: "benefit_social", gift: true }]);
  for (const [aspect, phrases] of Object.entries(lex.topics ?? {}) as [AspectKey, string[]][]) for (const p of phrases) out.push([p, { kind: "topic", aspect }]);
  for (const o of lex.opinions ?? []) for (const p of o.words) out.push([p, { kind: "opinion", pol: o.pol, per: o.per, fallback: o.fallback, only: o.only }]);
  for (const kind of ["negator", "contrast", "intensifier", "neutral"] as const) for (const p of lex[`${kind}s`] ?? []) out.push([p, { kind }]);
  return out;
}

const keyOf = (phrase: string, key: (w: string) => string) => phrase.split(/\s+/).filter(Boolean).map(key).join(" ");

/**
 * Two indexes per language: words as written (tone marks kept) and folded, for comments typed
 * without marks. A folded key two different entries share (đắt "expensive" / đặt "order") is
 * dropped unless the lexicon says what it means without marks (`plain`), and `plainBlocked` drops
 * folded keys that collide with common words outside the lexicon (bền "durable" / bên "side").
 */
function buildIndexes(lex: AspectLexicon): { marked: Index; plain: Index } {
  const all = entriesOf(lex);
  const marked = new Map<string, Entry>();
  for (const [p, e] of all) marked.set(keyOf(p, toneKey), e);
  const plain = new Map<string, Entry>();
  const ambiguous = new Set<string>();
  const sources = new Map<string, string>();
  for (const [p, e] of all) {
    const k = keyOf(p, fold);
    const prev = plain.get(k);
    if (prev && sources.get(k) !== keyOf(p, toneKey) && JSON.stringify(prev) !== JSON.stringify(e)) ambiguous.add(k);
    plain.set(k, e);
    sources.set(k, keyOf(p, toneKey));
  }
  for (const k of ambiguous) plain.delete(k);
  for (const p of lex.plainBlocked) plain.delete(keyOf(p, fold));
  for (const [p, e] of entriesOf(lex.plain)) plain.set(keyOf(p, fold), e);
  const slang = (key: (w: string) => string) => new Map(Object.entries(lex.slang).map(([k, v]) => [key(k), v.split(" ").filter(Boolean).map(key)]));
  const slangShown = (key: (w: string) => string, show: (w: string) => string) => new Map(Object.entries(lex.slang).map(([k, v]) => [key(k), v.split(" ").filter(Boolean).map(show)]));
  return {
    marked: { entries: marked, prefixes: prefixesOf(marked), slang: slang(toneKey), slangShown: slangShown(toneKey, (w) => w), tieAfter: lex.adjectiveAfterNoun },
    plain: { entries: plain, prefixes: prefixesOf(plain), slang: slang(fold), slangShown: slangShown(fold, fold), tieAfter: lex.adjectiveAfterNoun },
  };
}


const INDEXES = Object.fromEntries(Object.entries(ASPECT_LEXICONS).map(([l, lex]) => [l, buildIndexes(lex)])) as Record<Locale, { marked: Index; plain: Index }>;

const VI_HINTS = new Set("khong ko k dc duoc hang giao nhanh cham qua rat la cua cho thi ma nhung chua bi van con minh sp shop nha nhe roi lam mua dung tot dep gia hon cung nen vi da se oi a ao quan tui xai nhu nhin thay moi may cai nay kia".split(" "));
const EN_HINTS = new Set("the a an is was it and to of i my for but very not this with so its too be are were have had me on in at that you they".split(" "));

/** A stored locale ("vi", "vi-VN", "en-US") as one the lexicons know; undefined otherwise. */
export function localeOf(stored: string | null | undefined): Locale | undefined {
  const lang = stored?.slice(0, 2).toLowerCase();
  return isLocale(lang) ? lang : undefined;
}

/**
 * "vi" or "en" from the words: tone marks settle it; otherwise function words vote, and against a
 * given locale they must win by two ("that vong" stays Vietnamese in a Vietnamese response).
 */
export function detectLanguage(text: string, given?: Locale): Locale | null {
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  if (words.some((w) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/.test(w))) return "vi";
  let vi = 0;
  let en = 0;
  for (const w of words) {
    if (VI_HINTS.has(w)) vi++;
    if (EN_HINTS.has(w)) en++;
  }
  const margin = given ? 2 : 1;
  return vi - en >= margin ? "vi" : en - vi >= margin ? "en" : null;
}

// Clause boundaries: sentence and list punctuation, brackets, line breaks, emoji and other symbols.
const CLAUSE_BREAK = /[.,!?;…()[\]{}"“”\n\r\t/|+*=<>~–—]+|\s-+\s|\p{Extended_Pictographic}/u;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

type Match = { start: number; end: number; entry: Entry };

/** The longest entry along word positions `at[from…]`, growing the key while some entry goes on. */
function longestAlong(words: string[], at: number[], from: number, index: Index): Match | null {
  let key = "";
  let best: Match | null = null;
  for (let n = from; n < at.length; n++) {
    key = n === from ? words[at[n]] : `${key} ${words[at[n]]}`;
    if (!index.prefixes.has(key)) break;
    const e = index.entries.get(key);
    if (e && (n === from || e.kind !== "intensifier")) best = { start: at[from], end: at[n] + 1, entry: e };
  }
  return best;
}

/** Longest lexicon match at each position of a clause; words no entry covers are skipped. */
function matchClause(words: string[], index: Index): Match[] {
  const out: Match[] = [];
  const all = words.map((_, i) => i);
  // A phrase with intensifiers inside ("bọc rất kỹ", "packed really well") matches its entry
  // without them: the same search along the words that are not intensifiers.
  const skip = words.map((w) => index.entries.get(w)?.kind === "intensifier");
  const kept = all.filter((i) => !skip[i]);
  const keptFrom = new Map(kept.map((i, n) => [i, n]));
  for (let i = 0; i < words.length; ) {
    let found = longestAlong(words, all, i, index);
    const n = keptFrom.get(i);
    if (n !== undefined) {
      const c = longestAlong(words, kept, n, index);
      if (c && (!found || c.end > found.end)) found = c;
    }
    if (found) {
      out.push(found);
      i = found.end;
    } else i++;
  }
  return out;
}

const flip = (p: Pol): Pol => (p === "+" ? "-" : "+");
/** How many words back a negator reaches ("không hề rẻ", "not that cheap"); intensifiers are not counted. */
const NEGATION_REACH = 3;
/** How far an opinion may sit from the topic it qualifies, in words. */
const PAIR_REACH = 4;

function isNegator(word: string): boolean {
  return word.endsWith("n't") || /^(dont|doesnt|didnt|isnt|wasnt|arent|werent|cant|wont|couldnt|wouldnt|shouldnt|havent|hasnt|aint)$/.test(word);
}

type Role = Entry["kind"] | null;

function rolesOf(words: string[], matches: Match[]): Role[] {
  const role: Role[] = words.map(() => null);
  for (const m of matches) for (let j = m.start; j < m.end; j++) role[j] = m.entry.kind;
  return role;
}

/**
 * A negator up to NEGATION_REACH words before `start` ("không hề rẻ", "not that cheap"),
 * intensifiers not counted, and no other lexicon phrase in between; contractions ("doesn't") whatever the verb.
 */
function negatedAt(start: number, words: string[], role: Role[]): boolean {
  for (let j = start - 1, reach = NEGATION_REACH; j >= 0 && reach > 0; j--) {
    if (role[j] === "negator" || (role[j] === null && isNegator(words[j]))) return true;
    if (role[j] === "intensifier") continue;
    if (role[j] !== null && role[j] !== "neutral") return false;
    reach--;
  }
  return false;
}

/** The (aspect, polarity) pairs of one clause. */
function clauseAspects(words: string[], index: Index, out: Map<string, CommentAspect>, comment: { gift: boolean }) {
  const matches = matchClause(words, index);
  if (matches.some((m) => m.entry.kind === "topic" && m.entry.gift)) comment.gift = true;
  const role = rolesOf(words, matches);
  const negated = (m: Match) => negatedAt(m.start, words, role);
  // Both polarities of one aspect in one clause come from a doubt or a negation the lexicon cannot
  // scope ("not sure the seller is legit"): the first said wins.
  const said = new Map<AspectKey, { pol: Pol; at: number }>();
  const emit = (aspect: AspectKey, pol: Pol, at: number) => {
    const prev = said.get(aspect);
    if (!prev || at < prev.at) said.set(aspect, { pol, at });
  };
  const topics = matches.filter((m) => m.entry.kind === "topic");
  const opinions = matches.filter((m) => m.entry.kind === "opinion");
  const taken = new Set<Match>();
  for (const m of matches) if (m.entry.kind === "expression") for (const [aspect, pol] of m.entry.pairs) emit(aspect, negated(m) ? flip(pol) : pol, m.start);
  for (const t of topics) {
    if (t.entry.kind !== "topic") continue;
    const dist = (o: Match) => (o.start >= t.end ? o.start - t.end : t.start - o.end);
    const aspect = t.entry.aspect;
    const near = opinions
      .filter((o) => dist(o) <= PAIR_REACH && (o.entry.kind !== "opinion" || !o.entry.only || o.entry.only.includes(aspect)))
      .sort((a, b) => dist(a) - dist(b) || (index.tieAfter ? b.start - a.start : a.start - b.start))[0];
    if (!near || near.entry.kind !== "opinion") {
      // "Too expensive for what you get", "giá cao so với chất lượng": a value-for-money frame
      // takes the polarity of the price or quality said next to it.
      if (aspect === "benefit_monetary") {
        const said = matches.find((m) => m.entry.kind === "expression" && dist(m) <= 3 && m.entry.pairs.some(([a]) => a === "cost_money" || a === "benefit_functional"));
        if (said?.entry.kind === "expression") emit(aspect, negated(said) ? flip(said.entry.pairs[0][1]) : said.entry.pairs[0][1], Math.min(t.start, said.start));
      }
      continue;
    }
    taken.add(near);
    const pol = near.entry.per?.[t.entry.aspect] ?? near.entry.pol;
    emit(t.entry.aspect, negated(near) ? flip(pol) : pol, Math.min(t.start, near.start));
  }
  // An opinion beside an expression only repeats it ("pin tụt nhanh"), and one that qualifies only
  // some aspects repeats an expression of them anywhere in the clause ("có bảo hành nên yên tâm").
  const besideExpression = (o: Match) =>
    matches.some((m) => {
      if (m.entry.kind !== "expression") return false;
      const only = o.entry.kind === "opinion" ? o.entry.only : undefined;
      return (o.start >= m.end ? o.start - m.end : m.start - o.end) <= 1 || (only !== undefined && m.entry.pairs.some(([a]) => only.includes(a)));
    });
  for (const o of opinions) {
    if (taken.has(o) || o.entry.kind !== "opinion" || !o.entry.fallback || besideExpression(o)) continue;
    const pol = o.entry.per?.[o.entry.fallback] ?? o.entry.pol;
    emit(o.entry.fallback, negated(o) ? flip(pol) : pol, o.start);
  }
  for (const [aspect, { pol }] of said) out.set(`${aspect}:${pol}`, { aspect, polarity: pol === "+" ? "positive" : "negative" });
}

/** The words of a piece of text in an index's form, slang expanded ("ko" → "không", "sp" → "sản phẩm"). */
function normalizeWords(piece: string, index: Index, key: (w: string) => string): string[] {
  const out: string[] = [];
  for (const raw of piece.match(WORD) ?? []) {
    const w = key(raw.replace(/(\p{L})\1{2,}/gu, "$1")); // "sooo" → "so", "nhanhhh" → "nhanh"
    out.push(...(index.slang.get(w) ?? [w]));
  }
  return out;
}

/**
 * The value types and cost kinds a comment speaks of, each with its polarity, in order of the
 * answer keys. `locale` is the respondent's; the words decide when they clearly say otherwise.
 */
type Reading = { lang: Locale; marked: boolean; index: Index; key: (w: string) => string; pieces: string[] };

function read(text: string, locale?: Locale): Reading {
  // "next-day", "hassle-free": a hyphen inside a word joins; one between spaces breaks a clause.
  const clean = text.normalize("NFC").replace(/[’‘`´]/g, "'").replace(/(\p{L})-(?=\p{L})/gu, "$1 ");
  const lang = detectLanguage(clean, locale) ?? locale ?? "en";
  const words = clean.match(WORD) ?? [];
  // Typed with tone marks: match words as written. Without: match the folded lexicon.
  const marked = lang === "vi" && words.filter(hasMarks).length >= Math.max(1, words.length * 0.2);
  const index = marked ? INDEXES[lang].marked : INDEXES[lang].plain;
  const key = marked ? toneKey : (w: string) => (hasMarks(w) ? fold(w) : w.toLowerCase());
  return { lang, marked, index, key, pieces: clean.split(CLAUSE_BREAK) };
}

export type Clause = {
  /** The words as they read, lower case (slang expanded; folded in a comment typed without marks). */
  words: string[];
  /** Whether a negator stands right before each word, intensifiers aside ("không thích", "không hề chậm"). */
  negated: boolean[];
  /** Whether each word is a negator. */
  negator: boolean[];
  /** Whether each word is an intensifier ("rất", "very"). */
  intensifier: boolean[];
};

/**
 * A comment cut as the aspect reader cuts it (punctuation, emoji, contrast words), for counting
 * phrases: `marked` says whether it was typed with tone marks.
 */
export function commentClauses(text: string, locale?: Locale): { lang: Locale; marked: boolean; clauses: Clause[] } {
  const r = read(text, locale);
  const show = r.marked ? (w: string) => w.toLowerCase() : (w: string) => (hasMarks(w) ? fold(w) : w.toLowerCase());
  const clauses: Clause[] = [];
  for (const piece of r.pieces) {
    const keys: string[] = [];
    const shown: string[] = [];
    for (const raw of piece.match(WORD) ?? []) {
      const squeezed = raw.replace(/(\p{L})\1{2,}/gu, "$1");
      const k = r.key(squeezed);
      keys.push(...(r.index.slang.get(k) ?? [k]));
      shown.push(...(r.index.slangShown.get(k) ?? [show(squeezed)]));
    }
    let start = 0;
    for (const m of [...matchClause(keys, r.index).filter((m) => m.entry.kind === "contrast"), null]) {
      const end = m ? m.start : keys.length;
      const ks = keys.slice(start, end);
      if (ks.length) {
        const role = rolesOf(ks, matchClause(ks, r.index));
        const negator = ks.map((w, i) => role[i] === "negator" || (role[i] === null && isNegator(w)));
        const intensifier = role.map((k) => k === "intensifier");
        const negated = ks.map((_, i) => {
          let j = i - 1;
          while (j >= 0 && intensifier[j]) j--;
          return j >= 0 && negator[j] && !negator[i];
        });
        clauses.push({ words: shown.slice(start, end), negated, negator, intensifier });
      }
      if (m) start = m.end;
    }
  }
  return { lang: r.lang, marked: r.marked, clauses };
}

export function commentAspects(text: string, locale?: Locale): CommentAspect[] {
  const { index, key, pieces } = read(text, locale);
  const found = new Map<string, CommentAspect>();
  const comment = { gift: false };
  for (const piece of pieces) {
    const ws = normalizeWords(piece, index, key);
    // Contrast words ("nhưng", "but") start a new clause.
    for (const clause of splitOnContrast(ws, index)) if (clause.length) clauseAspects(clause, index, found, comment);
  }
  // In a comment about a gift, the joy is the recipient's: social value ("mẹ rất thích", "she loved it").
  if (comment.gift && found.delete("benefit_emotional:+")) found.set("benefit_social:+", { aspect: "benefit_social", polarity: "positive" });
  return [...found.values()].sort((a, b) => ASPECT_KEYS.indexOf(a.aspect) - ASPECT_KEYS.indexOf(b.aspect) || (a.polarity < b.polarity ? 1 : -1));
}

function splitOnContrast(words: string[], index: Index): string[][] {
  const parts: string[][] = [];
  let start = 0;
  for (const m of matchClause(words, index)) {
    if (m.entry.kind !== "contrast") continue;
    parts.push(words.slice(start, m.start));
    start = m.end;
  }
  parts.push(words.slice(start));
  return parts;
}
