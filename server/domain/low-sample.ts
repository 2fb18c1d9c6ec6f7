// Figures from too few answers: every object in a read's result that counts its answers (`responses`)
// gets `lowSample: true` below the minimum n, so the API and every page say "too few answers" alike.

/** The default minimum n (MIN_SAMPLE_SIZE): below it a figure is not a finding. */
export const DEFAULT_MIN_SAMPLE = 30;

/** A copy of `result` in which each object with a numeric `responses` also has `lowSample`. */
export function markLowSamples<T>(result: T, minN: number): T {
  if (Array.isArray(result)) return result.map((item) => markLowSamples(item, minN)) as T;
  if (result === null || typeof result !== "object") return result;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result)) out[key] = markLowSamples(value, minN);
  if (typeof out.responses === "number") out.lowSample = out.responses < minN;
  return out as T;
}
