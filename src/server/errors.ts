/**
 * Error types thrown by the server helpers, and the redaction used to keep
 * the developer API key out of every message, property and stack.
 */

const REDACTED = '[REDACTED]';

// `hapikey=<value>`: the value runs to the next query separator.
const HAPIKEY_PATTERN = /(hapikey=)[^&#\s"'<>]*/gi;
// `hapikey%3D<value>`: a URL embedded in another URL's query, where `&` is `%26`.
const ENCODED_HAPIKEY_PATTERN = /(hapikey%3D)(?:(?!%26)[^&#\s"'<>])*/gi;

/**
 * Removes API keys from text: any `hapikey=...` query value, plus every literal
 * occurrence of the given secrets (raw and URL-encoded), in case a key ends up
 * somewhere other than a query string.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  // Literal secrets first, so a pattern match cannot leave half a known key behind.
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary text; real keys are long.
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      result = result.split(form).join(REDACTED);
    }
  }
  return result.replace(HAPIKEY_PATTERN, `$1${REDACTED}`).replace(ENCODED_HAPIKEY_PATTERN, `$1${REDACTED}`);
}

/** One problem with one input field. `field` uses the API's field name. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * Input was rejected before anything was sent to HubSpot. `issues` lists every
 * problem at once so callers can fix them in one go.
 */
export class SettingsValidationError extends Error {
  override readonly name = 'SettingsValidationError';
  readonly issues: readonly FieldIssue[];

  constructor(subject: string, issues: readonly FieldIssue[]) {
    super(`Invalid ${subject}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

export interface HubSpotApiErrorDetails {
  readonly status: number;
  readonly method: string;
  /** Request URL without the API key. */
  readonly url: string;
  readonly attempts: number;
  readonly hubspotMessage?: string | undefined;
  readonly category?: string | undefined;
  readonly subCategory?: string | undefined;
  readonly correlationId?: string | undefined;
  /** Set when HubSpot asked for a wait longer than the client was allowed to wait. */
  readonly retryAfterMs?: number | undefined;
}

/** HubSpot answered with a non-2xx status (after any retries). */
export class HubSpotApiError extends Error {
  override readonly name = 'HubSpotApiError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly hubspotMessage: string | undefined;
  readonly category: string | undefined;
  readonly subCategory: string | undefined;
  readonly correlationId: string | undefined;
  readonly retryAfterMs: number | undefined;

  /** Every string in `details` must already be redacted. */
  constructor(details: HubSpotApiErrorDetails) {
    const parts = [`HubSpot API error ${details.status}`];
    if (details.category) parts.push(` ${details.category}`);
    parts.push(` on ${details.method} ${details.url}`);
    if (details.hubspotMessage) parts.push(`: ${details.hubspotMessage}`);
    if (details.correlationId) parts.push(` (correlationId ${details.correlationId})`);
    if (details.retryAfterMs !== undefined) parts.push(` [retry after ${Math.ceil(details.retryAfterMs / 1000)} s]`);
    super(parts.join(''));
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
    this.hubspotMessage = details.hubspotMessage;
    this.category = details.category;
    this.subCategory = details.subCategory;
    this.correlationId = details.correlationId;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * The request never got a complete HTTP answer: DNS, refused connection,
 * timeout, or an answer whose body was cut off part-way (reset, stall).
 * The original error is deliberately not kept as `cause`: fetch errors can
 * quote the full request URL, key included. Its text is kept, redacted.
 */
export class HubSpotNetworkError extends Error {
  override readonly name = 'HubSpotNetworkError';
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  /** System error code such as `ECONNREFUSED`, when one was available. */
  readonly code: string | undefined;
  /**
   * Set when a POST or DELETE got this 2xx status and then lost the rest of its
   * answer: HubSpot carried the change out, so it was not sent again. Read the
   * current settings before trying again.
   */
  readonly acceptedStatus: number | undefined;

  /** Every string passed in must already be redacted. */
  constructor(method: string, url: string, attempts: number, reason: string, code?: string, acceptedStatus?: number) {
    super(
      acceptedStatus === undefined
        ? `Could not reach the HubSpot API on ${method} ${url}: ${reason}`
        : `HubSpot accepted ${method} ${url} (HTTP ${acceptedStatus}) but its answer was lost: ${reason}. ` +
            `It was not sent again, since a second ${method} would fail or repeat the change: ` +
            'read the settings (GET) to see the result before trying again',
    );
    this.method = method;
    this.url = url;
    this.attempts = attempts;
    this.code = code;
    this.acceptedStatus = acceptedStatus;
  }
}
