// Alert rules: which responses raise an alert (score at most N, a word in the comment) and which leads get the email.
import { createResource, createSignal, Show } from "solid-js";
import { api, type AlertRule } from "../api";
import { createAction } from "../action";
import { ResourceTable } from "../components/ResourceTable";

export function AlertRules() {
  document.title = "Alerts · ValuePulse";
  const [rules, { refetch }] = createResource(() => api.alertRules());
  const [name, setName] = createSignal("");
  const [maxScore, setMaxScore] = createSignal("");
  const [keyword, setKeyword] = createSignal("");
  const [recipients, setRecipients] = createSignal("");
  const [locale, setLocale] = createSignal<"en" | "vi">("en");
  const { busy, error, run: act } = createAction(async (f: () => Promise<unknown>) => {
    await f();
    await refetch();
  });

  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    const ok = await act(() =>
      api.createAlertRule({
        name: name().trim(),
        maxScore: maxScore() === "" ? null : Number(maxScore()),
        keyword: keyword().trim() || null,
        recipients: recipients().split(/[\s,;]+/).filter(Boolean),
        locale: locale(),
      }),
    );
    if (ok) (setName(""), setMaxScore(""), setKeyword(""), setRecipients(""));
  };

  return (
    <>
      <header class="page-head">
        <h1>Alert rules</h1>
      </header>
      <form class="card rules-form" onSubmit={create} aria-labelledby="new-rule">
        <h2 id="new-rule">New rule</h2>
        <p class="muted small">An answer raises an alert when its score is at most the limit and/or its comment contains the word (both set: both must hold). Alerts show on the Live page at once and are emailed to the leads listed.</p>
        <div class="form-row">
          <div class="field">
            <label for="rule-name">Name</label>
            <input id="rule-name" required value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="rule-score">Score at most (0–10)</label>
            <input id="rule-score" type="number" min="0" max="10" value={maxScore()} onInput={(e) => setMaxScore(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="rule-keyword">Comment contains</label>
            <input id="rule-keyword" value={keyword()} onInput={(e) => setKeyword(e.currentTarget.value)} />
          </div>
        </div>
        <div class="form-row">
          <div class="field">
            <label for="rule-recipients">Email these leads (comma-separated)</label>
            <input id="rule-recipients" value={recipients()} onInput={(e) => setRecipients(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="rule-locale">Email language</label>
            <select id="rule-locale" value={locale()} onChange={(e) => setLocale(e.currentTarget.value as "en" | "vi")}>
              <option value="en">English</option>
              <option value="vi">Tiếng Việt</option>
            </select>
          </div>
          <button type="submit" class="btn btn-primary" disabled={busy()}>Add rule</button>
        </div>
        <Show when={error()}>
          <p class="note note-error" role="alert">{error()}</p>
        </Show>
      </form>
      <section class="card">
        <h2>Rules</h2>
        <ResourceTable
          resource={rules}
          refetch={refetch}
          class="data-table"
          columns={["Name", "When", "Emails", "Active", ""]}
          row={(r) => <RuleRow rule={r} busy={busy()} act={act} />}
        />
      </section>
    </>
  );
}

function RuleRow(props: { rule: AlertRule; busy: boolean; act: (f: () => Promise<unknown>) => Promise<boolean> }) {
  const when = () =>
    [props.rule.maxScore != null ? `score ≤ ${props.rule.maxScore}` : null, props.rule.keyword ? `comment contains “${props.rule.keyword}”` : null].filter(Boolean).join(" and ");
  return (
    <tr>
      <th scope="row">{props.rule.name}</th>
      <td>{when()}</td>
      <td>{props.rule.recipients.length ? `${props.rule.recipients.join(", ")} (${props.rule.locale})` : <span class="muted">dashboard only</span>}</td>
      <td>
        <input
          type="checkbox"
          checked={props.rule.active}
          disabled={props.busy}
          aria-label={`${props.rule.name} active`}
          onChange={(e) => props.act(() => api.updateAlertRule(props.rule.id, { active: e.currentTarget.checked }))}
        />
      </td>
      <td class="actions">
        <button
          type="button"
          class="btn btn-small"
          disabled={props.busy}
          onClick={() => {
            const list = prompt(`Leads to email for “${props.rule.name}” (comma-separated; empty: dashboard only)`, props.rule.recipients.join(", "));
            if (list !== null) void props.act(() => api.updateAlertRule(props.rule.id, { recipients: list.split(/[\s,;]+/).filter(Boolean) }));
          }}
        >
          Edit leads
        </button>
        <button type="button" class="btn btn-small btn-danger-outline" disabled={props.busy} onClick={() => confirm(`Delete the rule “${props.rule.name}” and its alerts?`) && props.act(() => api.deleteAlertRule(props.rule.id))}>
          Delete
        </button>
      </td>
    </tr>
  );
}
