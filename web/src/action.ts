// A button's or form's request: `busy` while it runs, the error message if it failed (localized, fields named: error-text.ts), cleared on the next try.
import { createSignal } from "solid-js";
import { describeError } from "./error-text";

export function createAction<A extends unknown[]>(run: (...args: A) => Promise<void>) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  return {
    busy,
    error,
    /** Runs the request; resolves true when it succeeded. */
    async run(...args: A): Promise<boolean> {
      setBusy(true);
      setError(undefined);
      try {
        await run(...args);
        return true;
      } catch (err) {
        setError(describeError(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
