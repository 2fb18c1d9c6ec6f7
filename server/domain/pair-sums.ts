// The pairwise sums the answer rollups keep for key drivers (issue 22): per pair of the NPS answer and the eight
// value answers, over the answers giving both (and the NPS answer), n, Σx, Σy, Σx², Σy², Σxy — named columns of
// `answer_rollups`, turned back into the DriverSums that server/domain/key-drivers.ts estimates from.
import type { DriverSums, PairSums } from "./key-drivers";
import { VALUE_ANSWER_KEYS } from "./vocabulary";

/** Variable 0 is the NPS answer; the others are the value answers, in the vocabulary's order. */
export const PAIR_VARIABLES = ["score", ...VALUE_ANSWER_KEYS] as const;
export const DRIVER_KEYS = [...VALUE_ANSWER_KEYS];

/** A short code per variable for column names: score → s, benefit_functional → bf, cost_time → ct. */
const code = (v: string) => (v === "score" ? "s" : v.split("_").map((w) => w[0]).join(""));

/** One pair (i ≤ j) and its stored columns: i = j keeps n, Σx, Σx² only (the others equal them). */
export type PairColumns = { i: number; j: number; n: string; sx: string; sy: string; sxx: string; syy: string; sxy: string };

export const PAIRS: PairColumns[] = PAIR_VARIABLES.flatMap((a, i) =>
  PAIR_VARIABLES.slice(i).map((b, d) => {
    const j = i + d;
    const p = `ps_${code(a)}_${code(b)}`;
    return i === j
      ? { i, j, n: `${p}_n`, sx: `${p}_sx`, sy: `${p}_sx`, sxx: `${p}_sxx`, syy: `${p}_sxx`, sxy: `${p}_sxx` }
      : { i, j, n: `${p}_n`, sx: `${p}_sx`, sy: `${p}_sy`, sxx: `${p}_sxx`, syy: `${p}_syy`, sxy: `${p}_sxy` };
  }),
);

/** Every pair-sum column once, in a fixed order. */
export const PAIR_COLUMNS: string[] = [...new Set(PAIRS.flatMap((p) => [p.n, p.sx, p.sy, p.sxx, p.syy, p.sxy]))];

/** How one answer adds to a pair column: which variables it multiplies (x·y, x, or 1 for n), over answers giving both and the NPS answer. */
export type PairTerm = { column: string; i: number; j: number; term: "n" | "x" | "y" | "xx" | "yy" | "xy" };
export const PAIR_TERMS: PairTerm[] = (() => {
  const seen = new Set<string>();
  const out: PairTerm[] = [];
  for (const p of PAIRS)
    for (const term of ["n", "x", "y", "xx", "yy", "xy"] as const) {
      const column = { n: p.n, x: p.sx, y: p.sy, xx: p.sxx, yy: p.syy, xy: p.sxy }[term];
      if (!seen.has(column)) seen.add(column), out.push({ column, i: p.i, j: p.j, term });
    }
  return out;
})();

/** Summed pair columns (by name) back into DriverSums over the NPS answer and DRIVER_KEYS. */
export function driverSumsOf(row: Record<string, number>): DriverSums {
  const v = PAIR_VARIABLES.length;
  const empty = (): PairSums => ({ n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 });
  const pairs = Array.from({ length: v }, () => Array.from({ length: v }, empty));
  const get = (c: string) => Number(row[c] ?? 0);
  for (const p of PAIRS) pairs[p.i][p.j] = { n: get(p.n), sx: get(p.sx), sy: get(p.sy), sxx: get(p.sxx), syy: get(p.syy), sxy: get(p.sxy) };
  return { keys: DRIVER_KEYS, pairs };
}
