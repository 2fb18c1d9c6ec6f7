/** @jsxImportSource hono/jsx */
// The plain document of the emails a person writes to a person (a lead's reply, an alert to a lead): no branding,
// just readable text in the recipient's language.
import type { Child, FC } from "hono/jsx";
import type { Locale } from "../server/domain/template-content";
import { DOCTYPE } from "./html";

export const Letter: FC<{ locale: Locale; subject: string; children?: Child }> = ({ locale, subject, children }) => (
  <>
    {DOCTYPE}
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <title>{subject}</title>
      </head>
      <body style="font-family:system-ui,sans-serif;color:#111827;max-width:560px;margin:0 auto;padding:16px">{children}</body>
    </html>
  </>
);

/** Muted small print at the foot of a letter. */
export const SmallPrint: FC<{ children?: Child }> = ({ children }) => <p style="color:#6b7280;font-size:12px">{children}</p>;
