// Comment search that ignores case and tone marks: "giao hang" finds "Giao hàng", "dong goi" finds "đóng gói".
import { fold } from "./comment-themes";

/**
 * Every letter that folds to each ASCII letter (both cases), from Latin-1 to Latin Extended Additional,
 * which holds Vietnamese: a → a à á ả ã ạ ă ằ … â ầ … A À …; d → d đ D Đ.
 */
const VARIANTS: Map<string, string> = (() => {
  const classes = new Map<string, string>();
  const add = (ch: string) => {
    const base = fold(ch);
    if (/^[a-z]$/.test(base)) classes.set(base, (classes.get(base) ?? "") + ch);
  };
  for (let c = 0x41; c <= 0x7a; c++) add(String.fromCharCode(c));
  for (const [lo, hi] of [[0xc0, 0x24f], [0x1e00, 0x1eff]]) for (let c = lo; c <= hi; c++) add(String.fromCharCode(c));
  return classes;
})();

/** Characters GLOB gives a meaning to, matched as themselves. */
const GLOB_SPECIAL = new Set(["*", "?", "["]);

/**
 * A SQLite GLOB pattern finding `query` anywhere in a comment, whatever its case and tone marks.
 * The query is folded, then each letter becomes the class of every letter that folds to it, so the
 * stored comment needs no folding: the search costs a LIKE's scan and no copy of the comments is kept.
 * Comments are matched as stored; text typed with separate combining marks (NFD) is not folded.
 */
export function commentGlob(query: string): string {
  const parts = [...fold(query.normalize("NFC"))].map((ch) => {
    const variants = VARIANTS.get(ch);
    if (variants) return `[${variants}]`;
    if (GLOB_SPECIAL.has(ch)) return `[${ch}]`;
    const upper = ch.toUpperCase();
    return upper !== ch && upper.length === 1 ? `[${ch}${upper}]` : ch;
  });
  return `*${parts.join("")}*`;
}
