/** @jsxImportSource hono/jsx */
// After a successful final submit (an alternative to re-rendering the survey with saved=true): thanks, the close date, a link back.
import type { FC } from "hono/jsx";
import { toHtml } from "../../../emails/html";
import { formatDate, t } from "../../../emails/i18n";
import { Layout, brandOf, type SimplePageProps } from "./layout";

export type ThanksPageModel = SimplePageProps & { surveyUrl: string; closesAt: number; timeZone?: string };

export const ThanksPage: FC<ThanksPageModel> = ({ locale, content, nonce, surveyUrl, closesAt, timeZone }) => {
  const { brand, color } = brandOf(content);
  return (
    <Layout locale={locale} title={t(locale, "thanks.title")} brand={brand} color={color} nonce={nonce}>
      <h1>{t(locale, "thanks.title")}</h1>
      <div class="note" role="status">
        {t(locale, "thanks.body")} {t(locale, "page.changeUntil", { date: formatDate(locale, closesAt, timeZone) })}
      </div>
      <p>
        <a href={surveyUrl}>{t(locale, "thanks.change")}</a>
      </p>
    </Layout>
  );
};

export const renderThanksPage = (model: ThanksPageModel): string => toHtml(<ThanksPage {...model} />);
