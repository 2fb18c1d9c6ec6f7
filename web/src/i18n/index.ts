// The dashboard's language: a signal every text reads through t(), so switching re-renders in place.
// Starts from the choice saved in this browser, else the browser's languages; Layout applies the user's setting.
import { createSignal } from "solid-js";
import { en } from "./en";
import { vi } from "./vi";

export const DASHBOARD_LOCALES = ["en", "vi"] as const;
export type Locale = (typeof DASHBOARD_LOCALES)[number];
const dictionaries = { en, vi };
const STORAGE_KEY = "vp.locale";

const isLocale = (v: unknown): v is Locale => (DASHBOARD_LOCALES as readonly unknown[]).includes(v);

function initialLocale(): Locale {
  const saved = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  const browser = typeof navigator === "undefined" ? [] : navigator.languages ?? [navigator.language];
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return "en";
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
export { locale };

export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = next;
}
if (typeof document !== "undefined") document.documentElement.lang = locale();

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
/** Every text's key, e.g. "nav.signOut": a typo is a typecheck error. */
export type TextKey = Leaves<typeof en>;

/** The text for `key` in the current locale, with {placeholders} filled from `params`. */
export function t(key: TextKey, params?: Record<string, string | number>): string {
  let node: unknown = dictionaries[locale()];
  for (const part of key.split(".")) node = (node as Record<string, unknown>)[part];
  const text = typeof node === "string" ? node : key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** BCP 47 tag for Intl formatters in the current locale. */
export const intlLocale = () => (locale() === "vi" ? "vi-VN" : "en-US");
