/** @jsxImportSource hono/jsx */
// Shared layout of the account emails: a greeting, a paragraph, one button, small print; HTML and plain text.
import { DOCTYPE, toHtml } from "./html";
import type { RenderedEmail } from "./invitation";

export function renderAccountEmail(parts: { subject: string; greeting: string; body: string; action: string; url: string; notes: string[] }): RenderedEmail {
  const html = toHtml(
    <>
      {DOCTYPE}
      <html>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width" />
          <title>{parts.subject}</title>
        </head>
        <body style="margin:0;padding:24px;background:#f6f7f9;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111827">
          <div style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
            <p>{parts.greeting}</p>
            <p>{parts.body}</p>
            <p style="margin:24px 0">
              <a href={parts.url} style="display:inline-block;background:#4f46e5;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">
                {parts.action}
              </a>
            </p>
            {parts.notes.map((n) => (
              <p style="font-size:13px;color:#4b5563">{n}</p>
            ))}
          </div>
        </body>
      </html>
    </>,
  );
  const text = [parts.greeting, "", parts.body, "", `${parts.action}: ${parts.url}`, "", ...parts.notes].join("\n");
  return { subject: parts.subject, html, text };
}
