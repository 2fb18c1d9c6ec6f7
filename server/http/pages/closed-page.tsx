/** @jsxImportSource hono/jsx */
// Survey closed or expired (the route answers 410).
import type { FC } from "hono/jsx";
import { toHtml } from "../../../emails/html";
import { t } from "../../../emails/i18n";
import type { Locale, TemplateContent } from "../../domain/template-content";
import { Layout, brandOf, type SimplePageProps } from "./layout";

export const ClosedPage: FC<SimplePageProps & { answered?: boolean }> = ({ locale, content, nonce, answered }) => {
  const { brand, color } = brandOf(content);
  return (
    <Layout locale={locale} title={t(locale, "closed.title")} brand={brand} color={color} nonce={nonce}>
      <h1>{t(locale, "closed.title")}</h1>
      <p>{t(locale, "closed.body")}</p>
      {answered ? <p>{t(locale, "closed.answered")}</p> : null}
    </Layout>
  );
};

export const renderClosedPage = (locale: Locale, content?: TemplateContent, opts: { nonce?: string; answered?: boolean } = {}): string =>
  toHtml(<ClosedPage locale={locale} content={content} nonce={opts.nonce} answered={opts.answered} />);
