// Preloaded into the server by the mixed-load test only (node --expose-gc --import …): on SIGUSR2, a full
// garbage collection, then what memory is still in use, as one line on stdout. Plain JS: it loads before tsx.
process.on("SIGUSR2", () => {
  globalThis.gc();
  const { heapUsed, heapTotal, rss } = process.memoryUsage();
  console.log(`MEMORY ${JSON.stringify({ heapUsed, heapTotal, rss })}`);
});
