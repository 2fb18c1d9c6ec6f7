// One section of docs/BENCHMARKS.md: a benchmark module returns its markdown, bench/run.ts assembles the file.

export type Section = {
  title: string;
  /** Markdown body: what was measured, how, a table of min / median / max, and the verdict against any goal. */
  markdown: string;
};

export type Benchmark = {
  /** Short name used on the command line: `npm run bench -- NAME`. */
  name: string;
  run(opts: { quick: boolean }): Promise<Section>;
};
