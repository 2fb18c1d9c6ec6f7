// Which aspect reader found a comment's stored aspects: when the lexicon (or the rules, ASPECT_RULES) change, the
// version changes and the re-derive job (server/services/rollup-writes.ts) reads the stored comments again.
import { ASPECT_LEXICONS } from "./aspect-lexicon";

/** Raise when comment-aspects.ts reads comments differently with the same lexicon. */
const ASPECT_RULES = 1;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

export const ASPECTS_VERSION = `${ASPECT_RULES}.${fnv1a(JSON.stringify(ASPECT_LEXICONS))}`;
