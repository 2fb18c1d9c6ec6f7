// The customer pages' one stylesheet, inlined by the layout under the route's CSP nonce (pages load nothing else).
// Phone-first; every tap target ≥ 48px; focus always visible; brand colour only as a background under a text colour chosen for contrast.
// On a phone a 1–5 scale is a row of numbers with its two end labels below (each option's label stays its accessible name);
// from 36rem up each option shows its label.
export const PAGE_CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#f9fafb}
.bar{background:var(--b);color:var(--bt);padding:8px 16px;display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px}
.brand{font-weight:700;font-size:1.125rem}
.bar nav a,.bar nav span{display:inline-block;padding:10px 8px;min-height:44px;color:inherit}
main{max-width:42rem;margin:0 auto;padding:16px 16px 32px}
h1{font-size:1.5rem;line-height:1.25;margin:8px 0}
h2{font-size:1.25rem;margin:32px 0 0}
.hint{color:#4b5563;margin:4px 0 0}
fieldset{border:0;padding:0;margin:24px 0 0;min-width:0}
legend{font-weight:600;padding:0;margin-bottom:8px}
.req{font-weight:400;color:#4b5563}
.opts{display:grid;gap:8px}
.s11{grid-template-columns:repeat(6,1fr)}
.s5{grid-template-columns:repeat(5,1fr)}
.s1{grid-template-columns:1fr}
.s1 .o span{justify-content:flex-start;text-align:left}
.q{margin-top:24px}
.prog{margin:16px 0 0}
.prog progress{display:block;width:100%;height:12px;accent-color:var(--b)}
.prog p{margin:4px 0 0;font-size:.875rem;color:#4b5563}
.o em{font-style:normal;position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media(min-width:36rem){.s11{grid-template-columns:repeat(11,1fr)}.s5 .o span{flex-direction:column}.o em{position:static;width:auto;height:auto;clip:auto;white-space:normal;font-size:.875rem;font-weight:400}.s5+.ends{display:none}}
.o{position:relative;display:block}
.o input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.o span{display:flex;align-items:center;justify-content:center;min-height:48px;height:100%;padding:6px 8px;border:2px solid #6b7280;border-radius:8px;background:#fff;text-align:center;line-height:1.25}
.o input:checked+span{background:var(--b);color:var(--bt);border-color:#111827;font-weight:700}
.o input:focus-visible+span,textarea:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #111827;outline-offset:2px;box-shadow:0 0 0 5px #fff}
.bar a:focus-visible{outline-color:currentColor;box-shadow:none}
.err-note{border-left-color:#b91c1c;background:#fef2f2}
.ends{display:flex;justify-content:space-between;gap:16px;font-size:.875rem;color:#4b5563;margin-top:4px}
label.t{display:block;font-weight:600;margin-bottom:8px}
textarea{display:block;width:100%;min-height:8rem;font:inherit;padding:8px;border:2px solid #6b7280;border-radius:8px}
.btn{display:block;width:100%;margin-top:32px;min-height:48px;padding:12px 24px;font:inherit;font-weight:700;border:0;border-radius:8px;background:var(--b);color:var(--bt);cursor:pointer}
.note{margin:16px 0;padding:12px 16px;border-left:6px solid #15803d;background:#f0fdf4}
.note:empty{display:none}
.info{border-left-color:#1d4ed8;background:#eff6ff}
.err{color:#b91c1c;font-weight:600;margin:0 0 8px}
.sum{margin:16px 0;padding:12px 16px;border:3px solid #b91c1c;border-radius:8px;background:#fff}
.sum h2{margin:0 0 8px;font-size:1.125rem}
.sum a{color:#b91c1c;font-weight:600}
.bad textarea,.bad .o span{border-color:#b91c1c}
footer{max-width:42rem;margin:0 auto;padding:0 16px 32px;color:#4b5563;font-size:.875rem}
@media(forced-colors:active){.o input:checked+span{outline:4px solid CanvasText}}`;
