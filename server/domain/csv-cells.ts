// Formula escaping for CSV exports, and its exact inverse for CSV imports: an export re-imports unchanged.

/** First characters a spreadsheet takes as the start of a formula (OWASP CSV injection; the fullwidth forms for Apple Numbers). */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

const needsMark = (text: string) => text.length > 0 && (FORMULA_START.has(text[0]) || text[0] === "'");

/**
 * A cell a spreadsheet would run as a formula gets a leading ', so it shows as text. A text that itself
 * starts with ' gets one too: then every marked cell starts with ' followed by a formula character or ',
 * and unescapeCell can take exactly that one mark off.
 */
export function escapeCell(text: string): string {
  return needsMark(text) ? `'${text}` : text;
}

/** The inverse of escapeCell; any other text (a lone ', or 'abc written by hand) is kept as it is. */
export function unescapeCell(text: string): string {
  return text[0] === "'" && needsMark(text.slice(1)) ? text.slice(1) : text;
}
