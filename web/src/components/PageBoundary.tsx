// Catches a page's uncaught error (a 403 from a page opened by URL, say) inside the layout's main area, so the
// header and menu stay and the person can go elsewhere; moving to another page clears it.
import { useLocation } from "@solidjs/router";
import { createEffect, ErrorBoundary, on, type JSX } from "solid-js";
import { ErrorNote } from "./ErrorNote";

export function PageBoundary(props: { children: JSX.Element }) {
  const location = useLocation();
  return (
    <ErrorBoundary
      fallback={(err, reset) => {
        createEffect(on(() => location.pathname, () => reset(), { defer: true }));
        return (
          <div data-testid="page-error">
            <ErrorNote error={err} retry={reset} />
          </div>
        );
      }}
    >
      {props.children}
    </ErrorBoundary>
  );
}
