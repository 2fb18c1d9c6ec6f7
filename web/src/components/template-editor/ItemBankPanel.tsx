// The item bank in the template editor (issue 21.5): pick a value type or cost kind, read its items in English and
// Vietnamese with the source each adapts, and add the whole scale with one click (items already asked are skipped).
import { createSignal, For, Show } from "solid-js";
import { bankQuestion, ITEM_BANK, ITEM_SOURCES, type BankItem } from "../../../../server/domain/item-bank";
import type { Question } from "../../../../server/domain/template-content";
import { LOCALES, VALUE_ANSWER_KEYS, type ValueAnswerKey } from "../../../../server/domain/vocabulary";
import { t, type TextKey } from "../../i18n";

/** A scale's name as Live names its bars ("Functional", "Money"). */
export const scaleName = (scale: ValueAnswerKey) => {
  const [side, kind] = scale.split("_") as ["benefit" | "cost", string];
  return t(`live.${side === "benefit" ? "values" : "costs"}.${kind}` as TextKey);
};

export function ItemBankPanel(props: { questions: Question[]; disabled?: boolean; onAdd: (questions: Question[]) => void }) {
  const [scale, setScale] = createSignal<ValueAnswerKey>("benefit_functional");
  const [added, setAdded] = createSignal<string>();
  const asked = () => new Set(props.questions.map((q) => q.key));
  const missing = () => ITEM_BANK[scale()].filter((i) => !asked().has(i.key));
  const asksColumn = () => asked().has(scale());
  const sources = () => [...new Set(ITEM_BANK[scale()].map((i) => i.source))].filter((s) => s !== "valuepulse");
  const add = () => {
    const items = missing();
    if (items.length === 0) return;
    props.onAdd(items.map(bankQuestion));
    setAdded(t("itemBank.added", { n: items.length, scale: scaleName(scale()) }));
  };
  const cite = (item: BankItem) => (item.adapts ? `${ITEM_SOURCES[item.source].short} — ${t("itemBank.adapts", { item: item.adapts })}` : t("itemBank.written"));

  return (
    <section class="card" aria-labelledby="item-bank-title" data-testid="item-bank">
      <h2 id="item-bank-title">{t("itemBank.title")}</h2>
      <p class="muted">{t("itemBank.lead")}</p>
      <label class="field">
        <span>{t("itemBank.scale")}</span>
        <select
          value={scale()}
          onChange={(e) => {
            setScale(e.currentTarget.value as ValueAnswerKey);
            setAdded(undefined);
          }}
          data-testid="item-bank-scale"
        >
          <optgroup label={t("itemBank.benefitGroup")}>
            <For each={VALUE_ANSWER_KEYS.filter((k) => k.startsWith("benefit_"))}>{(k) => <option value={k}>{scaleName(k)}</option>}</For>
          </optgroup>
          <optgroup label={t("itemBank.costGroup")}>
            <For each={VALUE_ANSWER_KEYS.filter((k) => k.startsWith("cost_"))}>{(k) => <option value={k}>{scaleName(k)}</option>}</For>
          </optgroup>
        </select>
      </label>
      <div class="table-wrap">
        <table class="table" data-testid="item-bank-items">
          <thead>
            <tr>
              <For each={LOCALES}>{(l) => <th scope="col">{t(`itemBank.language.${l}`)}</th>}</For>
              <th scope="col">{t("itemBank.source")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={ITEM_BANK[scale()]}>
              {(item) => (
                <tr>
                  <For each={LOCALES}>
                    {(l, i) => (
                      <td lang={l}>
                        {item.text[l]}
                        <Show when={i() === 0 && asked().has(item.key)}>
                          {" "}
                          <span class="muted">({t("itemBank.inTemplate")})</span>
                        </Show>
                      </td>
                    )}
                  </For>
                  <td class="muted">{cite(item)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={asksColumn()}>
        <p class="muted">{t("itemBank.keepsColumn")}</p>
      </Show>
      <Show when={sources().length > 0}>
        <p class="muted" data-testid="item-bank-references">
          {t("itemBank.references")}: <For each={sources()}>{(s) => <cite>{ITEM_SOURCES[s].full} </cite>}</For>
        </p>
      </Show>
      <Show when={missing().length > 0} fallback={<p>{t("itemBank.allIn")}</p>}>
        <button type="button" class="btn" onClick={add} disabled={props.disabled} data-testid="item-bank-add">
          {missing().length === 1 ? t("itemBank.addOne") : t("itemBank.add", { n: missing().length })}
        </button>
      </Show>
      <p role="status" class="muted">
        {added() ?? ""}
      </p>
    </section>
  );
}
