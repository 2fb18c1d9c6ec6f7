// The response feed: score badge coloured by NPS group, value answers, comment, customer, order, time, and its case (if any).
import { For, Show } from "solid-js";
import type { ResponseItem } from "../api";
import { formatDateTime, formatDuration, formatRelative, npsCategory } from "../format";
import { intlLocale, t, type TextKey } from "../i18n";

/** The case status as a person reads it; never the same words as a button ("New", not "Open"). */
export const statusLabel = (status: ResponseItem["status"]) => t(`response.status.${status}` as TextKey);

const VALUE_ANSWERS: [keyof ResponseItem, TextKey][] = [
  ["benefitFunctional", "live.values.functional"],
  ["benefitSocial", "live.values.social"],
  ["benefitEmotional", "live.values.emotional"],
  ["benefitMonetary", "live.values.monetary"],
  ["costMoney", "live.costs.money"],
  ["costTime", "live.costs.time"],
  ["costEffort", "live.costs.effort"],
  ["costRisk", "live.costs.risk"],
];

export function Feed(props: { items: ResponseItem[]; onOpen?: (id: string) => void; selected?: string }) {
  return (
    <Show when={props.items.length > 0} fallback={<p class="muted">{t("feed.empty")}</p>}>
      <ol class="feed" aria-label={t("feed.title")}>
        <For each={props.items}>{(item) => <FeedItem item={item} onOpen={props.onOpen} selected={props.selected === item.id} />}</For>
      </ol>
    </Show>
  );
}

function FeedItem(props: { item: ResponseItem; onOpen?: (id: string) => void; selected: boolean }) {
  const category = () => npsCategory(props.item.score);
  // A value type asked as a scale holds the mean of its items (3.67): one decimal, in the dashboard's language.
  const answer = (v: unknown) => (typeof v === "number" ? v.toLocaleString(intlLocale(), { maximumFractionDigits: 1 }) : String(v));
  const answers = () => VALUE_ANSWERS.filter(([k]) => props.item[k] != null).map(([k, label]) => `${t(label)} ${answer(props.item[k])}`);
  return (
    <li class="feed-item" classList={{ selected: props.selected }} data-testid="feed-item" data-id={props.item.id} data-status={props.item.status}>
      <span
        class={`badge badge-${category()}`}
        title={category() === "none" ? t("feed.noNps") : t("feed.npsBadge", { score: props.item.score ?? "", group: t(`feed.groups.${category()}` as TextKey) })}
      >
        {props.item.score ?? "—"}
      </span>
      <div class="feed-body">
        <Show when={props.item.comment} fallback={<p class="feed-comment muted">{t("feed.noComment")}</p>}>
          <p class="feed-comment">{props.item.comment}</p>
        </Show>
        <p class="feed-meta">
          <span class="feed-customer">
            {props.item.customerName ? `${props.item.customerName} · ` : ""}
            {props.item.customerEmail}
          </span>
          <span>{t("feed.order", { id: props.item.orderId })}</span>
          <Show when={props.item.csat != null}>
            <span>{t("feed.csat", { n: props.item.csat! })}</span>
          </Show>
          <Show when={answers().length > 0}>
            <span title={t("feed.answersHint")}>{answers().join(" · ")}</span>
          </Show>
          <Show when={props.item.flagged}>
            <span class="tag tag-warn" title={t("feed.flaggedHint")}>
              {t("feed.flagged")}
            </span>
          </Show>
          <time dateTime={new Date(props.item.answeredAt).toISOString()} title={formatDateTime(props.item.answeredAt)}>
            {formatRelative(props.item.answeredAt)}
          </time>
        </p>
        <p class="feed-meta">
          <span class={`tag status-${props.item.status}`} data-testid="feed-status">
            {statusLabel(props.item.status)}
          </span>
          <Show when={props.item.assigneeEmail}>
            <span>→ {props.item.assigneeEmail}</span>
          </Show>
          <Show when={props.item.timeToCloseMs != null}>
            <span data-testid="time-to-close">{t("feed.resolvedIn", { time: formatDuration(props.item.timeToCloseMs!) })}</span>
          </Show>
          <Show when={props.onOpen}>
            <button
              type="button"
              class="btn btn-small feed-view"
              onClick={() => props.onOpen!(props.item.id)}
              aria-label={t("feed.viewLabel", { who: props.item.customerName ?? props.item.customerEmail })}
              aria-haspopup="dialog"
              data-view={props.item.id}
            >
              {t("feed.view")}
            </button>
          </Show>
        </p>
      </div>
    </li>
  );
}
