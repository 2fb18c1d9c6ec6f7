// The dashboard's English texts: the reference dictionary. vi.ts is typed from it, so a key missing
// there fails the typecheck (and test/unit/dashboard-i18n.test.ts). One section per area of the app.
// Placeholders are written {name} and filled by t(key, { name }).
export const en = {
  common: {
    loading: "Loading…",
    retry: "Try again",
    save: "Save",
    cancel: "Cancel",
    close: "Close",
    language: "Language",
  },
  nav: {
    signOut: "Sign out",
    skipToContent: "Skip to content",
    home: "ValuePulse home",
  },
};

/** The shape every locale's dictionary has: the same keys as English, every leaf a string. */
export type Dictionary = Texts<typeof en>;
type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };
