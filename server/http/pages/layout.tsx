/** @jsxImportSource hono/jsx */
// The shell every customer page shares: doctype, lang, viewport, the inline stylesheet, the brand bar, main, footer.
// Pages make no external requests (inline CSS and JS only, no logo image) and send no Referer, so the token in the URL
// stays private. No style attributes: the inline <style> and <script> carry the route's CSP nonce, so the CSP needs no
// 'unsafe-inline'.
import type { Child, FC } from "hono/jsx";
import { raw } from "hono/html";
import { DOCTYPE } from "../../../emails/html";
import { brandColors } from "../../../emails/invitation";
import { t } from "../../../emails/i18n";
import type { Locale, TemplateContent } from "../../domain/template-content";
import { PAGE_CSS } from "./styles";

type LayoutProps = { locale: Locale; title: string; brand: string; color: string; nonce?: string; nav?: Child; script?: string; children?: Child };

export const Layout: FC<LayoutProps> = ({ locale, title, brand, color, nonce, nav, script, children }) => {
  const { background, foreground } = brandColors(color);
  return (
    <>
      {DOCTYPE}
      <html lang={locale} dir="ltr">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <meta name="robots" content="noindex,nofollow" />
          <meta name="referrer" content="no-referrer" />
          <meta name="color-scheme" content="light" />
          <title>{title}</title>
          <style nonce={nonce}>{raw(`:root{--b:${background};--bt:${foreground}}\n${PAGE_CSS}`)}</style>
        </head>
        <body>
          <header class="bar">
            <span class="brand">{brand}</span>
            {nav}
          </header>
          <main>{children}</main>
          <footer>
            <p>{t(locale, "page.footer")}</p>
          </footer>
          {script ? <script nonce={nonce}>{raw(script)}</script> : null}
        </body>
      </html>
    </>
  );
};

/** What the pages other than the survey take: the template gives the brand when the link was valid enough to find it. */
export type SimplePageProps = { locale: Locale; content?: TemplateContent; nonce?: string };

export const brandOf = (content?: TemplateContent) => ({ brand: content?.brand.name ?? "ValuePulse", color: content?.brand.color ?? "#4f46e5" });
