// npm run eval:aspects: precision, recall and F1 of the comment-aspect extractor on (aspect, polarity)
// pairs, per language (English, Vietnamese with tone marks, Vietnamese typed without), on the
// development part and on the two held-out parts of test/fixtures/aspects-dev-set.jsonl ("heldout":
// 30 % of the first 371 comments, drawn by a hash of their position; "blind": 120 comments written
// after the lexicon, before any run on them).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commentAspects, type CommentAspect } from "../server/domain/comment-aspects";
import type { Locale } from "../server/domain/template-content";

export type LabelledComment = { id: string; set: "en" | "vi-marked" | "vi-plain"; locale: Locale; split: "dev" | "heldout" | "blind1" | "blind2" | "blind3" | "blind4" | "blind5" | "blind6" | "blind7" | "blind8"; text: string; aspects: CommentAspect[] };
export type Score = { comments: number; tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };

export function loadDevSet(): LabelledComment[] {
  const file = fileURLToPath(new URL("../test/fixtures/aspects-dev-set.jsonl", import.meta.url));
  return readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as LabelledComment);
}

const pairs = (as: CommentAspect[]) => new Set(as.map((a) => `${a.aspect}:${a.polarity}`));

/** Micro-averaged over (aspect, polarity) pairs: a comment with no aspect scores by its false positives. */
export function score(items: LabelledComment[]): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of items) {
    const want = pairs(c.aspects);
    const got = pairs(commentAspects(c.text, c.locale));
    for (const p of got) (want.has(p) ? tp++ : fp++);
    for (const p of want) if (!got.has(p)) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { comments: items.length, tp, fp, fn, precision, recall, f1 };
}

function main() {
  const all = loadDevSet();
  const pct = (x: number) => `${(x * 100).toFixed(1)}`.padStart(5);
  const rows: [string, LabelledComment[]][] = [];
  for (const split of ["dev", "heldout", "blind1", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "all"] as const)
    for (const set of ["en", "vi-marked", "vi-plain", "vi", "all"] as const)
      rows.push([`${split.padEnd(8)} ${set.padEnd(10)}`, all.filter((c) => (split === "all" || c.split === split) && (set === "all" || c.set === set || (set === "vi" && c.locale === "vi")))]);
  console.log("part     language   comments    P     R    F1   (tp/fp/fn)");
  for (const [name, items] of rows) {
    const s = score(items);
    console.log(`${name} ${String(s.comments).padStart(8)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}   (${s.tp}/${s.fp}/${s.fn})`);
  }
  if (process.argv.includes("--errors")) {
    // Development errors only: the held-out part is read for its figures, never for its sentences.
    for (const c of all.filter((c) => c.split !== "heldout")) {
      const want = pairs(c.aspects);
      const got = pairs(commentAspects(c.text, c.locale));
      const missed = [...want].filter((p) => !got.has(p));
      const extra = [...got].filter((p) => !want.has(p));
      if (missed.length || extra.length) console.log(`${c.id}  ${c.text}\n    missed ${missed.join(" ") || "-"}  extra ${extra.join(" ") || "-"}`);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
