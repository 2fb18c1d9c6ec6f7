// Vite build and dev server for the Solid dashboard in web/ (output web/dist, served by the Node entry).
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const server = "http://localhost:8787";

export default defineConfig({
  root: "web",
  plugins: [solid()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Rolldown's "[PLUGIN_TIMINGS]" note (vite-plugin-solid's share of the build time) is a profiling hint, not a
    // problem, yet on `npm start` it reads like an error. Only that one check is off: every other warning and error shows.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    // Keys starting with ^ are regexes: a bare "/s" prefix would also swallow Vite's own "/src/…".
    // No changeOrigin: the Host header must stay the page's, or the server's CSRF origin check refuses POSTs.
    proxy: {
      "/api": server,
      "^/s/": server,
      "^/u/": server,
      "/healthz": server,
      "/openapi.json": server,
    },
  },
});
