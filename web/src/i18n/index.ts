// The dashboard's language: a signal every text reads through t(), so switching re-renders in place.
// Starts from the choice saved in this browser, else the browser's languages; once signed in, the user's own
// setting from the server (GET /api/v1/auth/me) wins, and null there means "follow the browser".
import { createSignal } from "solid-js";
import { en, type Dictionary } from "./en";
import { vi } from "./vi";
import { INTL_LOCALES, LOCALES } from "../../../server/domain/vocabulary";

export const DASHBOARD_LOCALES = LOCALES;
export type Locale = (typeof DASHBOARD_LOCALES)[number];
// Typed by the locale list, so a locale added to the vocabulary without a dictionary fails the typecheck.
const dictionaries: Record<Locale, Dictionary> = { en, vi };
const STORAGE_KEY = "vp.locale";

export const isLocale = (v: unknown): v is Locale => (DASHBOARD_LOCALES as readonly unknown[]).includes(v);
/** Each language named in itself, as a language menu shows it whatever the current language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", vi: "Tiếng Việt" };

/** The first of the browser's languages the dashboard has, else English. */
export function browserLocale(): Locale {
  const browser = typeof navigator === "undefined" ? [] : navigator.languages ?? [navigator.language];
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return "en";
}

function stored(): Locale | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLocale(saved) ? saved : null;
  } catch {
    return null;
  }
}

function store(choice: Locale | null): void {
  try {
    if (choice) localStorage.setItem(STORAGE_KEY, choice);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

const [locale, setLocaleSignal] = createSignal<Locale>(stored() ?? browserLocale());
/** The language chosen (on the server once signed in, else in this browser); null: the browser's. */
const [preference, setPreference] = createSignal<Locale | null>(stored());
export { locale, preference };

function apply(next: Locale): void {
  setLocaleSignal(next);
  if (typeof document !== "undefined") document.documentElement.lang = next;
}

/** Chooses the language (null: follow the browser) in this browser; the switcher also saves it on the server. */
export function setLocale(choice: Locale | null): void {
  setPreference(choice);
  store(choice);
  apply(choice ?? browserLocale());
}

/** The signed-in user's setting from the server: it wins over this browser's earlier choice. */
export const applyUserLocale = (choice: Locale | null) => setLocale(choice);

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
export const intlLocale = () => INTL_LOCALES[locale()];
