/**
 * Client for HubSpot's calling-settings endpoints:
 *   /crm/v3/extensions/calling/{appId}/settings
 *   /crm/v3/extensions/calling/{appId}/settings/channel-connection
 * authenticated with the developer account API key (`hapikey` query param).
 */
import { HubSpotApiError, HubSpotNetworkError, redactSecrets } from './errors.js';
import { isRecord, tryParseJson } from './json.js';
import { backoffDelay, defaultSleep, isRetryableStatus, parseRetryAfter } from './retry.js';
import {
  validateAppId,
  validateCreateCallingSettings,
  validateCreateChannelConnection,
  validateUpdateCallingSettings,
  validateUpdateChannelConnection,
  type CallingSettingsResponse,
  type ChannelConnectionResponse,
  type CreateCallingSettingsInput,
  type CreateChannelConnectionInput,
  type UpdateCallingSettingsInput,
  type UpdateChannelConnectionInput,
} from './settings-validation.js';

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

export interface CallingSettingsClientOptions {
  /** Developer account API key. Never logged or put in error messages. */
  apiKey: string;
  /** Default app id; each call may pass its own. */
  appId?: number | string;
  /** Defaults to https://api.hubapi.com. Plain http is accepted for loopback hosts only (tests). */
  baseUrl?: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * Extra attempts after the first for 429, 5xx and network failures. Default 3.
   * A POST or DELETE whose 2xx answer is cut off is not retried (see `HubSpotNetworkError.acceptedStatus`).
   */
  retries?: number;
  /** First backoff delay; doubles on each retry. Default 500 ms. At most 2147483647. */
  retryDelayMs?: number;
  /** Longest wait between attempts. A longer Retry-After ends the retries. Default 30 s. At most 2147483647. */
  maxRetryDelayMs?: number;
  /** Per-attempt timeout. Default 30 s. At most 2147483647 (about 24.8 days). */
  timeoutMs?: number;
  /** Injected in tests to skip real waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock used to read HTTP-date Retry-After values. */
  now?: () => number;
}

/** Per-call options. */
export interface CallOptions {
  /** Overrides the client's default app id. */
  appId?: number | string;
}

type Target = 'settings' | 'channel-connection';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Node's timers (and AbortSignal.timeout) turn any longer delay into 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Methods not sent again once a 2xx status arrived: HubSpot carried them out,
 * and a second POST ("already exists") or DELETE (404) would misreport that.
 * GET and PATCH (which sets the same fields again) are safe to resend.
 */
const NOT_RESENT_AFTER_2XX = new Set(['POST', 'DELETE']);

function checkBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute URL (got ${JSON.stringify(baseUrl)})`);
  }
  const loopback = LOOPBACK_HOSTS.has(parsed.hostname);
  // The API key travels in the query string, so it must not cross a network in clear text.
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new TypeError('baseUrl must use https (plain http is allowed only for localhost/127.0.0.1/[::1])');
  }
  if (parsed.search || parsed.hash) throw new TypeError('baseUrl must not contain a query string or fragment');
  return parsed.href.replace(/\/+$/, '');
}

function checkCount(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) throw new TypeError(`${name} must be a number >= ${min}`);
  return value;
}

/** A delay in ms that a timer can really wait. */
function checkDelay(name: string, value: number | undefined, fallback: number, min: number): number {
  const delay = checkCount(name, value, fallback, min);
  if (delay > MAX_TIMER_MS) {
    throw new TypeError(
      `${name} must be at most ${MAX_TIMER_MS} ms (about 24.8 days, the longest timer Node can set; a longer one fires ` +
        `at once): pass ${MAX_TIMER_MS} for the longest wait (got ${delay})`,
    );
  }
  return delay;
}

export class CallingSettingsClient {
  readonly #apiKey: string;
  readonly #appId: string | undefined;
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #retries: number;
  readonly #retryDelayMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #timeoutMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(options: CallingSettingsClientOptions) {
    if (!isRecord(options)) throw new TypeError('CallingSettingsClient needs an options object');
    if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
      throw new TypeError('apiKey is required: pass your HubSpot developer account API key');
    }
    this.#apiKey = options.apiKey;
    this.#appId = options.appId === undefined ? undefined : validateAppId(options.appId);
    this.#baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') throw new TypeError('No fetch available: pass options.fetch');
    this.#fetch = fetchImpl;
    this.#retries = Math.floor(checkCount('retries', options.retries, 3, 0));
    this.#retryDelayMs = checkDelay('retryDelayMs', options.retryDelayMs, 500, 0);
    this.#maxRetryDelayMs = checkDelay('maxRetryDelayMs', options.maxRetryDelayMs, 30_000, 0);
    this.#timeoutMs = checkDelay('timeoutMs', options.timeoutMs, 30_000, 1);
    this.#sleep = options.sleep ?? defaultSleep;
    this.#now = options.now ?? Date.now;
  }

  /** Registers the calling app (POST). `name` and `url` are required. */
  async createSettings(settings: CreateCallingSettingsInput, options?: CallOptions): Promise<CallingSettingsResponse> {
    const body = validateCreateCallingSettings(settings);
    return (await this.#send('POST', 'settings', options, body)) as CallingSettingsResponse;
  }

  /** Reads the calling app's settings (GET). */
  async getSettings(options?: CallOptions): Promise<CallingSettingsResponse> {
    return (await this.#send('GET', 'settings', options)) as CallingSettingsResponse;
  }

  /** Changes some of the calling app's settings (PATCH). */
  async updateSettings(changes: UpdateCallingSettingsInput, options?: CallOptions): Promise<CallingSettingsResponse> {
    const body = validateUpdateCallingSettings(changes);
    return (await this.#send('PATCH', 'settings', options, body)) as CallingSettingsResponse;
  }

  /** Removes the calling app's settings (DELETE). */
  async deleteSettings(options?: CallOptions): Promise<void> {
    await this.#send('DELETE', 'settings', options);
  }

  /** Registers the help-desk phone-numbers webhook (POST). `url` is required. */
  async createChannelConnection(
    settings: CreateChannelConnectionInput,
    options?: CallOptions,
  ): Promise<ChannelConnectionResponse> {
    const body = validateCreateChannelConnection(settings);
    return (await this.#send('POST', 'channel-connection', options, body)) as ChannelConnectionResponse;
  }

  /** Reads the channel-connection settings (GET). */
  async getChannelConnection(options?: CallOptions): Promise<ChannelConnectionResponse> {
    return (await this.#send('GET', 'channel-connection', options)) as ChannelConnectionResponse;
  }

  /** Changes the webhook url and/or isReady (PATCH). */
  async updateChannelConnection(
    changes: UpdateChannelConnectionInput,
    options?: CallOptions,
  ): Promise<ChannelConnectionResponse> {
    const body = validateUpdateChannelConnection(changes);
    return (await this.#send('PATCH', 'channel-connection', options, body)) as ChannelConnectionResponse;
  }

  /** Removes the channel-connection settings (DELETE). */
  async deleteChannelConnection(options?: CallOptions): Promise<void> {
    await this.#send('DELETE', 'channel-connection', options);
  }

  #redact(text: string): string {
    return redactSecrets(text, [this.#apiKey]);
  }

  /** Sends one logical request, retrying 429/5xx/network failures. Resolves to parsed JSON or undefined. */
  async #send(method: string, target: Target, options: CallOptions | undefined, body?: object): Promise<unknown> {
    const appId = validateAppId(options?.appId ?? this.#appId);
    const suffix = target === 'settings' ? '' : '/channel-connection';
    // `publicUrl` (no key) is what errors show; the key is added only for fetch.
    const publicUrl = `${this.#baseUrl}/crm/v3/extensions/calling/${appId}/settings${suffix}`;
    const requestUrl = `${publicUrl}?hapikey=${encodeURIComponent(this.#apiKey)}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const payload = body === undefined ? undefined : JSON.stringify(body);

    for (let attempt = 1; ; attempt++) {
      const canRetry = attempt <= this.#retries;
      let response: Response | undefined;
      let text = '';
      try {
        response = await this.#fetch(requestUrl, {
          method,
          headers,
          body: payload,
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
        // Inside the try: a body cut off mid-read (reset, timeout) is a network failure too.
        if (response.ok) text = await response.text();
      } catch (error) {
        // A 2xx status means the write happened; only its answer was lost. Say so rather than resend.
        const acceptedStatus = response?.ok && NOT_RESENT_AFTER_2XX.has(method) ? response.status : undefined;
        if (canRetry && acceptedStatus === undefined) {
          await this.#sleep(backoffDelay(attempt, this.#retryDelayMs, this.#maxRetryDelayMs));
          continue;
        }
        const { reason, code } = describeNetworkFailure(error, this.#timeoutMs, response?.status);
        throw new HubSpotNetworkError(method, publicUrl, attempt, this.#redact(reason), code, acceptedStatus);
      }

      if (response.ok) return this.#parseSuccess(response.status, text, method, publicUrl, attempt);

      if (isRetryableStatus(response.status) && canRetry) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.#now());
        if (retryAfter === undefined || retryAfter <= this.#maxRetryDelayMs) {
          await response.body?.cancel().catch(() => undefined); // free the connection
          await this.#sleep(retryAfter ?? backoffDelay(attempt, this.#retryDelayMs, this.#maxRetryDelayMs));
          continue;
        }
        // HubSpot wants a longer pause than we may take: report it instead of hanging.
        throw await this.#apiError(response, method, publicUrl, attempt, retryAfter);
      }
      throw await this.#apiError(
        response,
        method,
        publicUrl,
        attempt,
        parseRetryAfter(response.headers.get('retry-after'), this.#now()),
      );
    }
  }

  #parseSuccess(status: number, text: string, method: string, url: string, attempts: number): unknown {
    if (status === 204 || text.trim() === '') return undefined;
    const parsed = tryParseJson(text);
    if (!isRecord(parsed)) {
      throw new HubSpotApiError({
        status,
        method,
        url,
        attempts,
        hubspotMessage: 'expected a JSON object in the response body',
        category: 'INVALID_RESPONSE',
      });
    }
    return parsed;
  }

  async #apiError(
    response: Response,
    method: string,
    url: string,
    attempts: number,
    retryAfterMs: number | undefined,
  ): Promise<HubSpotApiError> {
    const text = await response.text().catch(() => '');
    const parsed = tryParseJson(text);
    const field = (name: string): string | undefined => {
      const value = isRecord(parsed) ? parsed[name] : undefined;
      return typeof value === 'string' && value !== '' ? this.#redact(value) : undefined;
    };
    const fallback = text.trim() === '' ? response.statusText : text.trim().slice(0, 200);
    return new HubSpotApiError({
      status: response.status,
      method,
      url,
      attempts,
      hubspotMessage: field('message') ?? (this.#redact(fallback.replace(/\s+/g, ' ')) || undefined),
      category: field('category'),
      subCategory: field('subCategory'),
      correlationId: field('correlationId'),
      retryAfterMs,
    });
  }
}

/** `status` is set when the answer's head arrived and its body then failed. */
function describeNetworkFailure(error: unknown, timeoutMs: number, status?: number): { reason: string; code?: string } {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    const reason =
      status === undefined
        ? `no response within ${timeoutMs} ms`
        : `the body of the HTTP ${status} answer did not finish within ${timeoutMs} ms`;
    return { reason, code: 'ETIMEDOUT' };
  }
  // undici wraps the system error: TypeError('fetch failed', { cause: Error('connect ECONNREFUSED ...') }).
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = isRecord(cause) && typeof cause['code'] === 'string' ? cause['code'] : undefined;
  const detail = cause instanceof Error ? cause.message : String(cause);
  const reason = status === undefined ? detail : `the body of the HTTP ${status} answer was cut off (${detail})`;
  return code === undefined ? { reason } : { reason, code };
}
