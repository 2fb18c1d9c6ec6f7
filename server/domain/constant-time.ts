// Constant-time string comparison for secrets (signatures, tokens): the time taken does not reveal where two values differ.

/**
 * True when `a` and `b` are equal. Runs through every character of the longer input whatever the
 * inputs, so an attacker timing responses learns nothing about how much of a guess was right.
 * (Length is not secret for fixed-size signatures and tokens.)
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const n = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
