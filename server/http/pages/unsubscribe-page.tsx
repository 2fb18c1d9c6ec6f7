/** @jsxImportSource hono/jsx */
// The unsubscribe page of /u/{token}: confirm, done (with a way back), re-subscribed.
import type { FC } from "hono/jsx";
import { toHtml } from "../../../emails/html";
import { t } from "../../../emails/i18n";
import { Layout, brandOf, type SimplePageProps } from "./layout";

export type UnsubscribePageModel = SimplePageProps & {
  /** `/u/{token}` */
  postUrl: string;
  /** false: GET, shows the confirm button; true: unsubscribed (just now, or earlier) — shows the re-subscribe button. */
  done: boolean;
  /** Unsubscribed on an earlier visit: says "You are unsubscribed" rather than "You have been unsubscribed". */
  already?: boolean;
  /** After POST `/u/{token}/resubscribe`. */
  resubscribed?: boolean;
};

/**
 * GET /u/{token}: a one-button form that POSTs to confirm (a GET never unsubscribes: mail scanners open links).
 * The form sends `List-Unsubscribe=One-Click`, the same body as an RFC 8058 one-click POST, so the route handles both alike.
 * Once unsubscribed, the page offers a re-subscribe button (a POST to `/u/{token}/resubscribe`).
 */
export const UnsubscribeConfirmPage: FC<UnsubscribePageModel> = ({ locale, content, nonce, postUrl, done, already, resubscribed }) => {
  const { brand, color } = brandOf(content);
  const title = t(locale, resubscribed ? "unsubscribe.resubscribedTitle" : done ? (already ? "unsubscribe.alreadyTitle" : "unsubscribe.doneTitle") : "unsubscribe.title");
  return (
    <Layout locale={locale} title={title} brand={brand} color={color} nonce={nonce}>
      <h1>{title}</h1>
      {resubscribed ? (
        <p role="status">{t(locale, "unsubscribe.resubscribedBody")}</p>
      ) : done ? (
        <>
          <p role="status">{t(locale, "unsubscribe.doneBody")}</p>
          <form method="post" action={`${postUrl}/resubscribe`} enctype="application/x-www-form-urlencoded">
            <input type="hidden" name="locale" value={locale} />
            <p class="hint">{t(locale, "unsubscribe.resubscribeHint")}</p>
            <button type="submit" class="btn">
              {t(locale, "unsubscribe.resubscribe")}
            </button>
          </form>
        </>
      ) : (
        <>
          <p>{content ? t(locale, "unsubscribe.bodyBrand", { brand }) : t(locale, "unsubscribe.body")}</p>
          <form method="post" action={postUrl} enctype="application/x-www-form-urlencoded">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" class="btn">
              {t(locale, "unsubscribe.button")}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
};

export const renderUnsubscribePage = (model: UnsubscribePageModel): string => toHtml(<UnsubscribeConfirmPage {...model} />);
