// Decimal amounts as shops write them ("199.00") → integer minor units of the currency.

/** Building an Intl.NumberFormat costs far more than the lookup: an import asks once per row. */
const digitsCache = new Map<string, number | null>();

/** Digits after the decimal point for an ISO 4217 currency (VND 0, USD 2, KWD 3); null if unknown. */
export function minorUnitDigits(currency: string): number | null {
  let digits = digitsCache.get(currency);
  if (digits !== undefined) return digits;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? null;
  } catch {
    digits = null;
  }
  if (digitsCache.size < 1000) digitsCache.set(currency, digits);
  return digits;
}

/** "199.5" USD → 19950; "1250000" VND → 1250000. Null when the text is not a plain non-negative decimal. */
export function toMinorUnits(amount: string | number, currency: string): number | null {
  const digits = minorUnitDigits(currency);
  const text = typeof amount === "number" ? String(amount) : amount.trim();
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (digits === null || !m) return null;
  const fraction = (m[2] ?? "").padEnd(digits, "0");
  // Shops sometimes send "100.00" for VND: extra zero digits are fine, extra non-zero digits are not representable.
  if (/[1-9]/.test(fraction.slice(digits))) return null;
  return Number(m[1] + fraction.slice(0, digits));
}
