/** Small JSON helpers shared by the settings client and the webhook. */

export type JsonRecord = Record<string, unknown>;

/** True for `{...}` objects (not arrays, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON without throwing; `undefined` means "not valid JSON". */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Short, single-line rendering of a value for error messages. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    // JSON would print NaN and Infinity as "null", which hides the real mistake.
    text = typeof value === 'number' ? String(value) : String(JSON.stringify(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
