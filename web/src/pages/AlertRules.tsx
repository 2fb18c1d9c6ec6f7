// Alert rules: which responses raise an alert (score at most N, a word in the comment) and which leads get the email.
import { createEffect, createResource, createSignal, Show } from "solid-js";
import { api, type AlertRule } from "../api";
import { isDefaultAlertRule } from "../../../server/domain/alert-defaults";
import { createAction } from "../action";
import { ACTIONS, ResourceTable } from "../components/ResourceTable";
import { locale as dashboardLocale, t, type Locale } from "../i18n";
import { roleMay } from "../../../server/domain/vocabulary";
import { LocaleOptions } from "../components/LocaleOptions";

/** The rule's name to show: the built-in rule's in the reader's language, any other as the admin wrote it. */
const ruleName = (rule: AlertRule) => (isDefaultAlertRule(rule) ? t("access.defaultDetractorRule") : rule.name);

export function AlertRules() {
  createEffect(() => (document.title = t("alerts.pageTitle")));
  const [rules, { refetch }] = createResource(() => api.alertRules());
  // Only admins may change rules (server/http/alerts.ts); everyone else sees them read-only.
  const [me] = createResource(() => api.me());
  const isAdmin = () => me.state === "ready" && roleMay(me().role, "administer");
  const [name, setName] = createSignal("");
  const [maxScore, setMaxScore] = createSignal("");
  const [keyword, setKeyword] = createSignal("");
  const [recipients, setRecipients] = createSignal("");
  // The alert emails in the admin's dashboard language unless they choose otherwise (as Users' invite does).
  const [locale, setLocale] = createSignal<Locale>(dashboardLocale());
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
        <h1>{t("alerts.rulesTitle")}</h1>
      </header>
      <Show when={isAdmin()}>
        <form class="card rules-form" onSubmit={create} aria-labelledby="new-rule">
          <h2 id="new-rule">{t("alerts.newRule")}</h2>
          <p class="muted small">{t("alerts.intro")}</p>
          <div class="form-row">
            <div class="field">
              <label for="rule-name">{t("alerts.name")}</label>
              <input id="rule-name" required value={name()} onInput={(e) => setName(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="rule-score">{t("alerts.maxScore")}</label>
              <input id="rule-score" type="number" min="0" max="10" value={maxScore()} onInput={(e) => setMaxScore(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="rule-keyword">{t("alerts.keyword")}</label>
              <input id="rule-keyword" value={keyword()} onInput={(e) => setKeyword(e.currentTarget.value)} />
            </div>
          </div>
          <div class="form-row">
            <div class="field">
              <label for="rule-recipients">{t("alerts.recipients")}</label>
              <input id="rule-recipients" value={recipients()} onInput={(e) => setRecipients(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="rule-locale">{t("alerts.emailLanguage")}</label>
              <select id="rule-locale" value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
                <LocaleOptions />
              </select>
            </div>
            <button type="submit" class="btn btn-primary" disabled={busy()}>
              {t("alerts.addRule")}
            </button>
          </div>
          <Show when={error()}>
            <p class="note note-error" role="alert">{error()}</p>
          </Show>
        </form>
      </Show>
      <Show when={me.state === "ready" && !isAdmin()}>
        <p class="note" data-testid="rules-admin-only">{t("access.alertsAdminOnly")}</p>
      </Show>
      <section class="card" aria-labelledby="rules-title">
        <h2 id="rules-title">{t("alerts.rules")}</h2>
        <ResourceTable
          resource={rules}
          refetch={refetch}
          class="data-table"
          columns={[t("alerts.columnName"), t("alerts.columnWhen"), t("alerts.columnEmails"), t("alerts.columnActive"), ...(isAdmin() ? [ACTIONS] : [])]}
          row={(r) => <RuleRow rule={r} busy={busy()} act={act} canEdit={isAdmin()} />}
        />
      </section>
    </>
  );
}

function RuleRow(props: { rule: AlertRule; busy: boolean; canEdit: boolean; act: (f: () => Promise<unknown>) => Promise<boolean> }) {
  const when = () =>
    [props.rule.maxScore != null ? t("alerts.scoreAtMost", { n: props.rule.maxScore }) : null, props.rule.keyword ? t("alerts.contains", { word: props.rule.keyword }) : null]
      .filter(Boolean)
      .join(t("alerts.and"));
  return (
    <tr>
      <th scope="row">{ruleName(props.rule)}</th>
      <td>{when()}</td>
      <td>{props.rule.recipients.length ? `${props.rule.recipients.join(", ")} (${props.rule.locale})` : <span class="muted">{t("alerts.dashboardOnly")}</span>}</td>
      <td>
        <input
          type="checkbox"
          checked={props.rule.active}
          disabled={props.busy || !props.canEdit}
          aria-label={t("alerts.activeLabel", { name: ruleName(props.rule) })}
          onChange={(e) => props.act(() => api.updateAlertRule(props.rule.id, { active: e.currentTarget.checked }))}
        />
      </td>
      <Show when={props.canEdit}>
        <td class="actions">
          <button
            type="button"
            class="btn btn-small"
            disabled={props.busy}
            onClick={() => {
              const list = prompt(t("alerts.editPrompt", { name: ruleName(props.rule) }), props.rule.recipients.join(", "));
              if (list !== null) void props.act(() => api.updateAlertRule(props.rule.id, { recipients: list.split(/[\s,;]+/).filter(Boolean) }));
            }}
          >
            {t("alerts.editLeads")}
          </button>
          <button type="button" class="btn btn-small btn-danger-outline" disabled={props.busy} onClick={() => confirm(t("alerts.deleteConfirm", { name: ruleName(props.rule) })) && props.act(() => api.deleteAlertRule(props.rule.id))}>
            {t("alerts.delete")}
          </button>
        </td>
      </Show>
    </tr>
  );
}
