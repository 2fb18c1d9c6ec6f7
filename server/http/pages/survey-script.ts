// The survey page's browser script, as TypeScript checked against the DOM types. It never runs on the server: the
// page inlines its compiled form, SURVEY_SCRIPT from survey-script.compiled.ts, which test/unit/survey-script.test.ts
// builds from this function (Function.prototype.toString, then whitespace-only minification) and keeps in step —
// after an edit run `npx vitest run test/unit/survey-script.test.ts -u`. Compiled once and committed, so Node and
// the Worker send the same bytes, with no file read and no build tool at run time.
//
// Progressive enhancement, same-origin only: each answer is saved as it is chosen (one JSON POST per change; typing in
// a text box waits for a pause), and the progress bar follows. The answer preselected from the email (data-pre, for
// the question data-pre-key) is posted after 3 s of the page being visible, with the customer's first answer, or when
// the page is hidden or closed after at least 1 s visible (a person who clicks "9" and closes the tab) — never on
// load: mail scanners open links and sometimes run scripts for a moment. Whatever is still unsent when the page goes
// away leaves by navigator.sendBeacon (a form body to ?beacon=1, answered 204). Without JavaScript the form posts
// everything.
//
// Self-contained: it is serialised on its own, so no imports and no outer variables. The compiled form quotes strings
// with backticks (ES2015); a browser older than that fails to parse it before it changes anything, and keeps the plain
// form, as one without fetch does.

/** A pending answer: a scale's number or a text. */
type Answer = string | number;

export function surveyScript(): void {
  // Not a survey form (null) or a browser without fetch: the plain form does the work.
  var d = document,
    f = d.getElementById("survey") as HTMLFormElement;
  if (!f || !window.fetch || !window.JSON) return;
  var status = d.getElementById("status"),
    bar = d.getElementById("progress") as HTMLProgressElement | null,
    out = d.getElementById("progress-text"),
    qs = f.querySelectorAll("[data-q]"),
    pending: Record<string, Answer> = {},
    busy = false,
    typing = 0,
    preTimer = 0,
    vs = 0, // when the page last became visible (0: hidden)
    pre = f.hasAttribute("data-pre"),
    preKey = f.getAttribute("data-pre-key") || "score";

  function locale(): string {
    return (f.elements.namedItem("locale") as HTMLInputElement).value;
  }
  function answered(q: Element): boolean {
    var x = q.querySelector("textarea");
    return x ? x.value.trim() !== "" : !!q.querySelector("input:checked");
  }
  function progress(): void {
    var n = 0;
    for (var i = 0; i < qs.length; i++) if (answered(qs[i])) n++;
    if (bar) bar.value = n;
    if (out) out.textContent = (out.getAttribute("data-tpl") || "").replace("{answered}", String(n)).replace("{total}", String(qs.length));
  }
  /** Shows the status message held in attribute `k` (data-saved / data-failed). */
  function say(k: string, bad?: boolean): void {
    if (!status) return;
    status.textContent = status.getAttribute(k);
    status.className = bad ? "note err-note" : "note";
  }
  /** Posts what is pending, one request at a time; on failure puts back what a newer change did not replace. */
  function send(): void {
    clearTimeout(typing);
    if (busy) return;
    var body: Record<string, Answer> = pending,
      keys = Object.keys(body);
    if (!keys.length) return;
    pending = {};
    busy = true;
    body.locale = locale();
    fetch(f.action, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) })
      .then(function (r) {
        busy = false;
        if (!r.ok) throw r;
        say("data-saved");
        send();
      })
      .catch(function () {
        busy = false;
        keys.forEach(function (k) {
          if (!(k in pending)) pending[k] = body[k];
        });
        say("data-failed", true);
      });
  }
  /** Marks the answer preselected from the email for posting (once). */
  function takePre(): void {
    if (!pre) return;
    pre = false;
    clearTimeout(preTimer);
    var c = f.querySelector('input[name="' + preKey + '"]:checked') as HTMLInputElement | null;
    if (c && !(preKey in pending)) pending[preKey] = Number(c.value);
  }
  function beacon(): void {
    clearTimeout(typing);
    var keys = Object.keys(pending);
    if (!keys.length || !navigator.sendBeacon) return;
    var b = new URLSearchParams();
    keys.forEach(function (k) {
      b.append(k, String(pending[k]));
    });
    b.append("locale", locale());
    if (navigator.sendBeacon(f.action + "?beacon=1", b)) pending = {};
  }
  /** The page is hidden or closed: the email's answer counts after ≥ 1 s visible; send what is pending. */
  function leave(): void {
    clearTimeout(preTimer);
    if (pre && vs && Date.now() - vs >= 1000) takePre();
    vs = 0;
    beacon();
  }
  function visibility(): void {
    clearTimeout(preTimer);
    if (d.visibilityState !== "visible") return leave();
    vs = Date.now();
    if (pre)
      preTimer = window.setTimeout(function () {
        takePre();
        send();
      }, 3000);
  }
  function field(e: Event): void {
    var x = e.target as HTMLInputElement | HTMLTextAreaElement | null;
    if (!x || !x.name || x.name === "locale" || (x.type === "radio" && !(x as HTMLInputElement).checked)) return;
    takePre();
    if (x.tagName === "TEXTAREA") {
      pending[x.name] = x.value;
      clearTimeout(typing);
      typing = window.setTimeout(send, e.type === "input" ? 1000 : 0);
    } else {
      pending[x.name] = /^\d+$/.test(x.value) ? Number(x.value) : x.value;
      send();
    }
    progress();
  }

  f.addEventListener("change", field);
  f.addEventListener("input", function (e) {
    if ((e.target as Element).tagName === "TEXTAREA") field(e);
  });
  f.addEventListener("submit", function () {
    pre = false;
    pending = {};
    clearTimeout(preTimer);
    clearTimeout(typing);
  });
  d.addEventListener("visibilitychange", visibility);
  window.addEventListener("pagehide", leave);
  visibility();
}
