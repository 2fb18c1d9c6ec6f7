// The response feed: score badge coloured by NPS group, value answers, comment, customer, order, time, and where it stands in the loop.
import { For, Show } from "solid-js";
import type { ResponseItem } from "../api";
import { formatDateTime, formatDuration, formatRelative, npsCategory } from "../format";

export const STATUS_LABELS: Record<ResponseItem["status"], string> = { open: "Open", in_progress: "In progress", closed: "Closed" };

const VALUE_ANSWERS: [keyof ResponseItem, string][] = [
  ["benefitFunctional", "functional"],
  ["benefitSocial", "social"],
  ["benefitEmotional", "emotional"],
  ["benefitMonetary", "monetary"],
  ["costMoney", "money"],
  ["costTime", "time"],
  ["costEffort", "effort"],
  ["costRisk", "risk"],
];

export function Feed(props: { items: ResponseItem[]; onOpen?: (id: string) => void; selected?: string }) {
  return (
    <Show when={props.items.length > 0} fallback={<p class="muted">No responses here yet. They appear the moment they arrive.</p>}>
      <ol class="feed" aria-label="Responses">
        <For each={props.items}>{(item) => <FeedItem item={item} onOpen={props.onOpen} selected={props.selected === item.id} />}</For>
      </ol>
    </Show>
  );
}

function FeedItem(props: { item: ResponseItem; onOpen?: (id: string) => void; selected: boolean }) {
  const category = () => npsCategory(props.item.score);
  const answers = () => VALUE_ANSWERS.filter(([k]) => props.item[k] != null).map(([k, label]) => `${label} ${props.item[k]}`);
  return (
    <li class="feed-item" classList={{ selected: props.selected }} data-testid="feed-item" data-id={props.item.id} data-status={props.item.status}>
      <span class={`badge badge-${category()}`} title={category() === "none" ? "No NPS answer" : `NPS ${props.item.score} (${category()})`}>
        {props.item.score ?? "—"}
      </span>
      <div class="feed-body">
        <Show when={props.item.comment} fallback={<p class="feed-comment muted">No comment</p>}>
          <p class="feed-comment">{props.item.comment}</p>
        </Show>
        <p class="feed-meta">
          <span class="feed-customer">{props.item.customerName ? `${props.item.customerName} · ` : ""}{props.item.customerEmail}</span>
          <span>order {props.item.orderId}</span>
          <Show when={props.item.csat != null}>
            <span>CSAT {props.item.csat}/5</span>
          </Show>
          <Show when={answers().length > 0}>
            <span title="Benefit agreement and cost weight, 1–5">{answers().join(" · ")}</span>
          </Show>
          <Show when={props.item.flagged}>
            <span class="tag tag-warn" title="Bot signals: this answer may come from a mail scanner">flagged</span>
          </Show>
          <time dateTime={new Date(props.item.answeredAt).toISOString()} title={formatDateTime(props.item.answeredAt)}>
            {formatRelative(props.item.answeredAt)}
          </time>
        </p>
        <p class="feed-meta">
          <span class={`tag status-${props.item.status}`} data-testid="feed-status">{STATUS_LABELS[props.item.status]}</span>
          <Show when={props.item.assigneeEmail}>
            <span>→ {props.item.assigneeEmail}</span>
          </Show>
          <Show when={props.item.timeToCloseMs != null}>
            <span data-testid="time-to-close">closed in {formatDuration(props.item.timeToCloseMs!)}</span>
          </Show>
          <Show when={props.onOpen}>
            <button type="button" class="btn btn-small" onClick={() => props.onOpen!(props.item.id)} aria-label={`Open the response of ${props.item.customerEmail}`}>
              Open
            </button>
          </Show>
        </p>
      </div>
    </li>
  );
}
