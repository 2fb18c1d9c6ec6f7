// Comment themes in English and Vietnamese: phrases detractors use more than promoters (and the
// reverse), read as the aspect reader reads comments, ranked by an interval that respects small counts.
import { commentAspects, commentClauses, fold, type AspectKey } from "./comment-aspects";
import { classifyNps, wilsonInterval, Z_95, type NpsClass } from "./nps";
import type { Locale } from "./template-content";

export { fold };

/** What a phrase is about: a benefit value type or a cost kind. */
export type LexiconTarget = AspectKey;
export type Lexicon = Record<string, LexiconTarget>;

/**
 * The marketer's additions to what the aspect reader knows; it starts with the phrases shops ask
 * about most. Keys keep their tone marks ("giá" is not "giả"); a key typed without marks also
 * matches comments typed without them.
 */
export const DEFAULT_LEXICON: Lexicon = {
  "giá": "cost_money",
  "giao hàng": "cost_time",
  "chất lượng": "benefit_functional",
  "đóng gói": "cost_risk",
  "đổi trả": "cost_effort",
  price: "cost_money",
  delivery: "cost_time",
  quality: "benefit_functional",
  packaging: "cost_risk",
  returns: "cost_effort",
};

/** A lexicon key as stored: lower case, tone marks kept, single spaces. */
export const lexiconKey = (phrase: string) => phrase.normalize("NFC").toLowerCase().trim().replace(/\s+/g, " ");

// Words that say nothing about value on their own; they still end a phrase. Written with tone
// marks; a comment typed without marks is checked against their folded forms.
const STOPWORDS: Record<Locale, Set<string>> = {
  en: new Set(
    (
      "a an the and or but is are was were be been it its it's this that these those to of in on for with at by from as so very too " +
      "i i'm i've me my we our you your they them he she his her yes just really also than then there here have has had do does did " +
      "will would can could should about all more most some any much many one get got am im not no never"
    ).split(" "),
  ),
  vi: new Set(
    (
      "và là của có không được cho với những như thì mà để rất quá cũng đã đang sẽ tôi mình bạn chúng em anh chị này đó " +
      "một các nhiều ít hơn làm bị ở tại về trong khi nếu vì nên còn rồi nữa thấy nha nhé ạ luôn lắm hơi thật chưa chẳng chả shop cái"
    ).split(" "),
  ),
};
const FOLDED_STOPWORDS = new Set([...STOPWORDS.vi].map(fold));
const isStop = (w: string, lang: Locale, marked: boolean) => w.length < 2 || STOPWORDS[lang].has(w) || (lang === "vi" && !marked && FOLDED_STOPWORDS.has(w));

/**
 * The phrases of one comment, each once: single words and two-word phrases inside a clause (never
 * across punctuation or "nhưng"/"but"), without stop words; a negated word only with its negator
 * ("không thích", never "thích" alone); and every lexicon phrase the comment holds.
 */
export function phrases(text: string, opts: { locale?: Locale; lexicon?: Lexicon } = {}): { phrases: string[]; lang: Locale; marked: boolean } {
  const { lang, marked, clauses } = commentClauses(text, opts.locale);
  const out = new Set<string>();
  const lexicon = Object.keys(opts.lexicon ?? {});
  for (const c of clauses) {
    const w = c.words;
    const text = ` ${w.join(" ")} `;
    const plainText = ` ${fold(w.join(" "))} `;
    for (const k of lexicon) if (text.includes(` ${k} `) || (!/[^\x00-\x7f]/.test(k) && plainText.includes(` ${k} `))) out.add(k);
    for (let i = 0; i < w.length; i++) {
      const content = (j: number) => j < w.length && !c.negator[j] && !isStop(w[j], lang, marked);
      if (content(i) && !c.negated[i]) out.add(w[i]);
      if (content(i) && content(i + 1) && !c.negated[i]) out.add(`${w[i]} ${w[i + 1]}`);
      if (c.negator[i] && !c.negator[i + 1]) {
        // The negator with the word it governs: "không thích", "không hề chậm", "not that cheap".
        let j = i + 1;
        while (j < w.length && j - i <= 2 && c.intensifier[j]) j++;
        if (content(j)) out.add(w.slice(i, j + 1).join(" "));
      }
    }
  }
  return { phrases: [...out], lang, marked };
}

export type CommentFact = { id: string; score: number | null; comment: string; locale?: Locale };

export type Theme = {
  phrase: string;
  detractors: number;
  promoters: number;
  /** Share among detractors' comments minus share among promoters' comments, in points. */
  lift: number;
  /** 95 % interval of the lift (Newcombe's hybrid score interval), in points. */
  liftInterval: { low: number; high: number };
  target: LexiconTarget | null;
  /** The comments behind the phrase (ids), in the order given. */
  commentIds: string[];
};


/** Wilson score interval of a proportion (0–1); [0, 1] without observations. */
const wilson = (hits: number, n: number): [number, number] => wilsonInterval(hits, n) ?? [0, 1];

/**
 * Newcombe (1998), method 10: interval of p₁ − p₂ from the two Wilson intervals. It stays honest at
 * small counts: 2 of 2 detractors against 0 of 3 promoters is a lift of 100 points, but its interval
 * reaches down to about 2.
 */
export function differenceInterval(hits1: number, n1: number, hits2: number, n2: number): { difference: number; low: number; high: number } {
  const p1 = n1 ? hits1 / n1 : 0;
  const p2 = n2 ? hits2 / n2 : 0;
  const [l1, u1] = wilson(hits1, n1);
  const [l2, u2] = wilson(hits2, n2);
  const d = p1 - p2;
  return { difference: d, low: d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), high: d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2) };
}

const r1 = (x: number) => Math.round(x * 1000) / 10;

/**
 * Phrases that appear in at least `minCount` comments, ranked by how surely detractors and
 * promoters use them differently: by how far the lift stands from zero in units of its interval's
 * half-width toward zero, so a phrase seen in 2 comments does not outrank one seen in 40 with a
 * smaller lift, nor does a tiny difference measured on thousands. A positive lift is a detractor
 * theme, a negative one a promoter theme. Comments typed without tone marks join the phrase written
 * with marks that folds to theirs (the most used one), so "giao hang cham" counts with "giao hàng chậm"
 * while "giá" and "giả" stay apart.
 */
export function commentThemes(comments: CommentFact[], opts: { lexicon?: Lexicon; minCount?: number; limit?: number } = {}): Theme[] {
  const lexicon = Object.fromEntries(Object.entries(opts.lexicon ?? DEFAULT_LEXICON).map(([k, v]) => [lexiconKey(k), v]));
  const minCount = opts.minCount ?? 2;
  const totals: Record<NpsClass, number> = { promoter: 0, passive: 0, detractor: 0 };
  const read = comments
    .filter((c) => c.score !== null && c.comment.trim())
    .map((c) => ({ c, cls: classifyNps(c.score!), ...phrases(c.comment, { locale: c.locale, lexicon }) }));
  // Read for the themes shown only.
  const byId = new Map(read.map((r) => [r.c.id, r.c]));
  const aspectMemo = new Map<string, AspectKey[]>();
  const aspectsOf = (id: string) => {
    let a = aspectMemo.get(id);
    if (!a) aspectMemo.set(id, (a = commentAspects(byId.get(id)!.comment, byId.get(id)!.locale).map((x) => x.aspect)));
    return a;
  };
  // The written-with-marks phrase each folded phrase most often stands for.
  const markedCounts = new Map<string, Map<string, number>>();
  for (const r of read)
    if (r.marked)
      for (const p of r.phrases) {
        const byFold = markedCounts.get(fold(p)) ?? new Map<string, number>();
        markedCounts.set(fold(p), byFold.set(p, (byFold.get(p) ?? 0) + 1));
      }
  const shownAs = (p: string) => [...(markedCounts.get(p)?.entries() ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? p;
  const byPhrase = new Map<string, { detractor: number; promoter: number; passive: number; ids: string[]; lang: Locale }>();
  for (const r of read) {
    totals[r.cls]++;
    for (const p of new Set(r.phrases.map((p) => (r.lang === "vi" && !r.marked ? shownAs(p) : p)))) {
      let e = byPhrase.get(p);
      if (!e) byPhrase.set(p, (e = { detractor: 0, promoter: 0, passive: 0, ids: [], lang: r.lang }));
      e[r.cls]++;
      e.ids.push(r.c.id);
    }
  }
  /**
   * The lexicon's word for a phrase; else the aspect its comments speak of most, preferring one the
   * phrase itself names ("giá" → cost_money) and otherwise one at least half of them carry
   * ("hàng chậm" → cost_time); else what the phrase alone says.
   */
  const targetOf = (phrase: string, lang: Locale, ids: string[]): LexiconTarget | null => {
    const listed = lexicon[phrase] ?? lexicon[fold(phrase)] ?? phrase.split(" ").map((w) => lexicon[w] ?? lexicon[fold(w)]).find(Boolean);
    if (listed) return listed;
    const own = commentAspects(phrase, lang).map((a) => a.aspect);
    const counts = new Map<AspectKey, number>();
    for (const id of ids) for (const a of new Set(aspectsOf(id))) counts.set(a, (counts.get(a) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    return ranked.find(([a]) => own.includes(a))?.[0] ?? ranked.find(([, n]) => n * 2 >= ids.length)?.[0] ?? own[0] ?? null;
  };
  const themes = [...byPhrase]
    .filter(([, e]) => e.ids.length >= minCount)
    .map(([phrase, e]) => {
      const d = differenceInterval(e.detractor, totals.detractor, e.promoter, totals.promoter);
      // How many half-widths (toward zero) the lift stands from zero: over 1.96 when its interval
      // excludes zero. A big lift on 2 comments and a tiny one on thousands both score low.
      const towardZero = d.difference >= 0 ? d.difference - d.low : d.high - d.difference;
      return { phrase, e, d, sureness: towardZero > 0 ? (Math.abs(d.difference) / towardZero) * Z_95 : 0 };
    });
  // A word that never appears outside one of its two-word phrases says nothing more ("giao" beside
  // "giao hàng"), nor does a two-syllable fragment beside a known phrase of the same comments
  // ("lượng tốt" beside "chất lượng").
  const sameComments = new Map<string, string[]>();
  for (const t of themes) {
    const key = t.e.ids.join();
    sameComments.set(key, [...(sameComments.get(key) ?? []), t.phrase]);
  }
  const knownMemo = new Map<string, boolean>();
  const known = (phrase: string, lang: Locale) => {
    if (!knownMemo.has(phrase)) knownMemo.set(phrase, phrase in lexicon || commentAspects(phrase, lang).length > 0);
    return knownMemo.get(phrase)!;
  };
  const subsumed = ({ phrase, e }: (typeof themes)[number]) => {
    const parts = phrase.split(" ");
    return (sameComments.get(e.ids.join()) ?? []).some((p) => {
      if (p === phrase) return false;
      const other = p.split(" ");
      if (parts.length === 1) return other.includes(phrase);
      return parts.length === 2 && other.length === 2 && (parts[0] === other[1] || parts[1] === other[0]) && known(p, e.lang) && !known(phrase, e.lang);
    });
  };
  const limit = opts.limit ?? 30;
  const shown: typeof themes = [];
  for (const t of themes.sort((a, b) => b.sureness - a.sureness || b.e.ids.length - a.e.ids.length || (a.phrase < b.phrase ? -1 : 1))) {
    if (shown.length >= limit) break;
    if (!subsumed(t)) shown.push(t);
  }
  return shown
    .map(({ phrase, e, d }) => ({
      phrase,
      detractors: e.detractor,
      promoters: e.promoter,
      lift: r1(d.difference),
      liftInterval: { low: r1(d.low), high: r1(d.high) },
      target: targetOf(phrase, e.lang, e.ids),
      commentIds: e.ids,
    }));
}
