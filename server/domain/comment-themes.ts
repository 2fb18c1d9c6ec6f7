// Comment themes in English and Vietnamese: frequent phrases among detractors vs promoters, linked to value types through a lexicon.
import { classifyNps, type NpsClass } from "./nps";

/**
 * Lower-case, without tone marks or other diacritics, đ → d: "Giao hàng chậm" and "giao hang cham"
 * (Vietnamese typed without marks, common on phones) fold to the same words.
 */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
}

/** Words that say nothing about value, folded (en + vi). Vietnamese words are syllables, so phrases are bigrams. */
const STOPWORDS = new Set(
  (
    "a an the and or but is are was were be been it its this that these those to of in on for with at by from as so very too " +
    "i me my we our you your they them he she his her not no yes just really also than then there here have has had do does did " +
    "will would can could should about all more most some any much many one get got " +
    "va la cua co khong duoc cho voi nhung nhu thi ma de rat qua cung da dang se toi minh ban chung em anh chi nay do " +
    "mot cac nhieu it hon lam bi o tai ve trong khi neu vi nen con roi nua thay"
  ).split(" "),
);

/** Folded words of a comment, stopwords kept (they break phrases) but marked. */
export function words(text: string): string[] {
  return fold(text).match(/[a-z0-9]+/g) ?? [];
}

/** Single words and two-word phrases of a comment, without stopwords, each once per comment. */
export function phrases(text: string): string[] {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i < w.length; i++) {
    if (STOPWORDS.has(w[i]) || w[i].length < 2) continue;
    out.add(w[i]);
    if (i + 1 < w.length && !STOPWORDS.has(w[i + 1]) && w[i + 1].length >= 2) out.add(`${w[i]} ${w[i + 1]}`);
  }
  return [...out];
}

/** What a phrase is about: a benefit value type or a cost kind. */
export type LexiconTarget = `benefit_${"functional" | "social" | "emotional" | "monetary"}` | `cost_${"money" | "time" | "effort" | "risk"}`;
export type Lexicon = Record<string, LexiconTarget>;

/** The lexicon a workspace starts with; marketers edit it. Keys are folded, so "giá" and "gia" both match. */
export const DEFAULT_LEXICON: Lexicon = {
  price: "cost_money",
  expensive: "cost_money",
  cheap: "benefit_monetary",
  "good value": "benefit_monetary",
  gia: "cost_money",
  "dat qua": "cost_money",
  "gia re": "benefit_monetary",
  quality: "benefit_functional",
  "chat luong": "benefit_functional",
  broken: "benefit_functional",
  hong: "benefit_functional",
  delivery: "cost_time",
  slow: "cost_time",
  late: "cost_time",
  "giao hang": "cost_time",
  cham: "cost_time",
  "lau qua": "cost_time",
  difficult: "cost_effort",
  complicated: "cost_effort",
  "kho dung": "cost_effort",
  "phuc tap": "cost_effort",
  fake: "cost_risk",
  worried: "cost_risk",
  "hang gia": "cost_risk",
  "lo lang": "cost_risk",
  love: "benefit_emotional",
  happy: "benefit_emotional",
  thich: "benefit_emotional",
  "hai long": "benefit_emotional",
  gift: "benefit_social",
  friends: "benefit_social",
  "qua tang": "benefit_social",
  "ban be": "benefit_social",
};

export type CommentFact = { id: string; score: number | null; comment: string };

export type Theme = {
  phrase: string;
  detractors: number;
  promoters: number;
  /** Share among detractors' comments minus share among promoters' comments, in points. */
  lift: number;
  target: LexiconTarget | null;
  /** The comments behind the phrase (ids), in the order given. */
  commentIds: string[];
};

/**
 * Phrases that appear in at least `minCount` comments, ranked by how differently detractors and
 * promoters use them: a positive lift is a detractor theme, a negative one a promoter theme.
 */
export function commentThemes(comments: CommentFact[], opts: { lexicon?: Lexicon; minCount?: number; limit?: number } = {}): Theme[] {
  const lexicon = Object.fromEntries(Object.entries(opts.lexicon ?? DEFAULT_LEXICON).map(([k, v]) => [fold(k).trim(), v]));
  const minCount = opts.minCount ?? 2;
  const totals: Record<NpsClass, number> = { promoter: 0, passive: 0, detractor: 0 };
  const byPhrase = new Map<string, { detractor: number; promoter: number; passive: number; ids: string[] }>();
  for (const c of comments) {
    if (c.score === null || !c.comment.trim()) continue;
    const cls = classifyNps(c.score);
    totals[cls]++;
    for (const p of phrases(c.comment)) {
      let e = byPhrase.get(p);
      if (!e) byPhrase.set(p, (e = { detractor: 0, promoter: 0, passive: 0, ids: [] }));
      e[cls]++;
      e.ids.push(c.id);
    }
  }
  const share = (count: number, total: number) => (total ? (count / total) * 100 : 0);
  return [...byPhrase]
    .filter(([, e]) => e.ids.length >= minCount)
    .map(([phrase, e]) => ({
      phrase,
      detractors: e.detractor,
      promoters: e.promoter,
      lift: Math.round((share(e.detractor, totals.detractor) - share(e.promoter, totals.promoter)) * 10) / 10,
      target: lexicon[phrase] ?? phrase.split(" ").map((w) => lexicon[w]).find(Boolean) ?? null,
      commentIds: e.ids,
    }))
    .sort((a, b) => Math.abs(b.lift) - Math.abs(a.lift) || b.commentIds.length - a.commentIds.length || (a.phrase < b.phrase ? -1 : 1))
    .slice(0, opts.limit ?? 30);
}
