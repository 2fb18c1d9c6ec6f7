// The dashboard's filters live in the URL (shareable): read them as a store, change them with navigation.
import { useSearchParams } from "@solidjs/router";
import { createMemo } from "solid-js";
import { FILTER_KEYS, type Filters } from "./api";
import { localDate } from "./time-zone";
import { DAY_MS } from "../../server/domain/time";

/** Whole days ending today in the business's time zone, as the date pickers would say them. */
export const lastDays = (n: number): Filters => ({ from: localDate(Date.now() - (n - 1) * DAY_MS), to: localDate(Date.now()) });

export function useDashboardParams() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => {
    const v = params[k];
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const filters = createMemo<Filters>(
    () => Object.fromEntries(FILTER_KEYS.map((k) => [k, get(k)]).filter(([, v]) => v !== undefined)) as Filters,
    {},
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  /** Sets (or, with "" / undefined, removes) URL parameters, keeping the others. */
  const set = (change: Record<string, string | undefined>) =>
    setParams(Object.fromEntries(Object.entries(change).map(([k, v]) => [k, v === "" ? undefined : v])));
  return { filters, get, set };
}
