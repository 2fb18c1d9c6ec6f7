// The rollups, in two halves: rollup-writes.ts keeps them in step with the responses; rollup-reads.ts reads totals back.
export * from "./rollup-writes";
export * from "./rollup-reads";
export { DIMENSIONS } from "./rollup-measures";
