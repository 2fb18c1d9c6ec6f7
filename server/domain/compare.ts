// Is a difference between two groups larger than the noise? 95% margins of error for NPS and CSAT differences.
import { npsDifferenceTest, Z_95, round1, type Nps } from "./nps";

export type Difference = {
  /** a − b, in points; null when either side has no answers. */
  difference: number | null;
  /** 95% margin of error of the difference, in points; null when either side has fewer than 2 answers. */
  marginOfError: number | null;
  /** |difference| > marginOfError: unlikely to be noise. Null when it cannot be told. */
  significant: boolean | null;
};

function judge(difference: number | null, marginOfError: number | null): Difference {
  if (difference === null) return { difference: null, marginOfError: null, significant: null };
  if (marginOfError === null) return { difference: round1(difference), marginOfError: null, significant: null };
  return { difference: round1(difference), marginOfError: round1(marginOfError), significant: Math.abs(difference) > marginOfError };
}

/**
 * Two independent samples, with the adjusted-Wald variance of each side (npsDifferenceTest): a side of
 * a few identical answers is not certain. Below 2 answers on either side it cannot be told.
 */
export function npsDifference(a: Nps, b: Nps): Difference {
  if (a.score === null || b.score === null) return judge(null, null);
  const test = a.responses < 2 || b.responses < 2 ? null : npsDifferenceTest(a, b);
  if (test === null) return judge(a.score - b.score, null);
  return { difference: round1(a.score - b.score), marginOfError: round1(Z_95 * test.standardError), significant: Math.abs(test.z) > Z_95 };
}

/** CSAT is a proportion (satisfied / answers): the difference of two proportions, unpooled. */
export function csatDifference(a: { satisfied: number; responses: number }, b: { satisfied: number; responses: number }): Difference {
  if (a.responses === 0 || b.responses === 0) return judge(null, null);
  const pa = a.satisfied / a.responses;
  const pb = b.satisfied / b.responses;
  const diff = (pa - pb) * 100;
  if (a.responses < 2 || b.responses < 2) return judge(diff, null);
  const se = Math.sqrt((pa * (1 - pa)) / (a.responses - 1) + (pb * (1 - pb)) / (b.responses - 1));
  return judge(diff, Z_95 * se * 100);
}

/** Plain difference of two nullable numbers (value indexes, ratio): no noise test without the answers' spread. */
export function plainDifference(a: number | null, b: number | null, digits = 1): number | null {
  if (a === null || b === null) return null;
  const f = 10 ** digits;
  return Math.round((a - b) * f) / f;
}
