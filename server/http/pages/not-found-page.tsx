/** @jsxImportSource hono/jsx */
// Unknown or forged survey link (the route answers 404).
import type { FC } from "hono/jsx";
import { toHtml } from "../../../emails/html";
import { t } from "../../../emails/i18n";
import type { Locale, TemplateContent } from "../../domain/template-content";
import { Layout, brandOf, type SimplePageProps } from "./layout";

export const NotFoundPage: FC<SimplePageProps> = ({ locale, content, nonce }) => {
  const { brand, color } = brandOf(content);
  return (
    <Layout locale={locale} title={t(locale, "notFound.title")} brand={brand} color={color} nonce={nonce}>
      <h1>{t(locale, "notFound.title")}</h1>
      <p>{t(locale, "notFound.body")}</p>
    </Layout>
  );
};

export const renderNotFoundPage = (locale: Locale, content?: TemplateContent, nonce?: string): string =>
  toHtml(<NotFoundPage locale={locale} content={content} nonce={nonce} />);
