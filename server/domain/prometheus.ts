// Prometheus text exposition format (version 0.0.4): families of samples, each with HELP and TYPE lines.

export type Labels = Record<string, string>;
export type Sample = { labels?: Labels; value: number };
export type Family = { name: string; help: string; type: "counter" | "gauge" | "summary"; samples: Sample[] };

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const escapeHelp = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

/** Label names are fixed by our code; label values (routes, job names) are escaped. */
function sampleLine(name: string, s: Sample): string {
  const labels = Object.entries(s.labels ?? {});
  const text = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}` : "";
  return `${name}${text} ${formatValue(s.value)}`;
}

export function formatPrometheus(families: Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      // A summary's samples are named name_sum / name_count by their `labels.__suffix`.
      const { __suffix, ...labels } = s.labels ?? {};
      lines.push(sampleLine(__suffix ? `${f.name}_${__suffix}` : f.name, { labels, value: s.value }));
    }
  }
  return lines.join("\n") + "\n";
}
