// Any dashboard path we don't know.
import { A } from "@solidjs/router";

export function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <A href="/live">Go to the live dashboard</A>
      </p>
    </section>
  );
}
