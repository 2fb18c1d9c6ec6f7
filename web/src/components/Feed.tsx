// The latest comments: score badge coloured by NPS category, comment, customer, time.
import { For, Show } from "solid-js";
import type { ResponseItem } from "../api";
import { formatDateTime, formatRelative, npsCategory } from "../format";

export function Feed(props: { items: ResponseItem[] }) {
  return (
    <Show when={props.items.length > 0} fallback={<p class="muted">No responses yet. They appear here the moment they arrive.</p>}>
      <ol class="feed" aria-label="Latest responses">
        <For each={props.items}>{(item) => <FeedItem item={item} />}</For>
      </ol>
    </Show>
  );
}

function FeedItem(props: { item: ResponseItem }) {
  const category = () => npsCategory(props.item.score);
  return (
    <li class="feed-item" data-testid="feed-item" data-id={props.item.id}>
      <span class={`badge badge-${category()}`} title={category() === "none" ? "No NPS answer" : `NPS ${props.item.score} (${category()})`}>
        {props.item.score ?? "—"}
      </span>
      <div class="feed-body">
        <Show when={props.item.comment} fallback={<p class="feed-comment muted">No comment</p>}>
          <p class="feed-comment">{props.item.comment}</p>
        </Show>
        <p class="feed-meta">
          <span class="feed-customer">{props.item.customerName ? `${props.item.customerName} · ` : ""}{props.item.customerEmail}</span>
          <Show when={props.item.csat != null}>
            <span>CSAT {props.item.csat}/5</span>
          </Show>
          <Show when={props.item.flagged}>
            <span class="tag tag-warn" title="Bot signals: this answer may come from a mail scanner">flagged</span>
          </Show>
          <time dateTime={new Date(props.item.updatedAt).toISOString()} title={formatDateTime(props.item.updatedAt)}>
            {formatRelative(props.item.updatedAt)}
          </time>
        </p>
      </div>
    </li>
  );
}
