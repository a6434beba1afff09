/**
 * The help-desk channel-connection webhook: HubSpot POSTs
 * `{ appId, portalId, userId }` and expects `{ phoneNumbers: [...] }` back.
 *
 * One framework-neutral core does the work; two thin adapters expose it as a
 * Node `(req, res)` listener and as a Fetch `(Request) => Response` handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants as http2Constants, type ServerHttp2Stream } from 'node:http2';
import { isRecord, tryParseJson } from './json.js';
import { createMemoryReplayGuard, DEFAULT_REPLAY_MAX_ENTRIES, type SeenSignature } from './replay.js';
import { checkSignatureV3, type SignatureFailureReason } from './signature.js';

/** What HubSpot sends. All three are positive integers. */
export interface PhoneNumbersRequest {
  appId: number;
  portalId: number;
  userId: number;
}

/** One number offered to the user, with HubSpot's field names. */
export interface PhoneNumber {
  /** E.164: `+`, country code, subscriber number; 7 to 15 digits in all. */
  e164PhoneNumber: string;
  /** Sent exactly as given (HubSpot does not use it for help desk yet). */
  extension?: string | null;
  /** Cut to 24 characters (grapheme clusters) before sending. */
  friendlyName?: string | null;
}

export type PhoneNumbersWebhookErrorKind =
  /** `listPhoneNumbers` threw or rejected; HubSpot got a 500. */
  | 'list-failed'
  /** `listPhoneNumbers` returned something other than an array; HubSpot got a 500. */
  | 'invalid-list'
  /** The `seen` hook threw, rejected, did not answer true/false, or took longer than `seenTimeoutMs`; HubSpot got a 500. */
  | 'replay-check-failed'
  /**
   * The default in-memory replay guard was full of signatures that can still
   * verify and forgot one, so a copy of it would be accepted. Told once per
   * webhook; HubSpot's requests are answered as usual.
   */
  | 'replay-memory-full'
  /** One entry was invalid and left out of the answer. */
  | 'invalid-phone-number'
  /** A bug or an I/O failure inside the handler; HubSpot got a 500 if still possible. */
  | 'internal';

export interface PhoneNumbersWebhookErrorInfo {
  kind: PhoneNumbersWebhookErrorKind;
  /** Position in the returned list, for `invalid-phone-number`. */
  index?: number;
}

export interface PhoneNumbersWebhookOptions {
  /** The app's client secret (signs HubSpot's requests). */
  clientSecret: string;
  /** Your lookup. May be sync or async. Throwing yields a bare 500. */
  listPhoneNumbers(request: PhoneNumbersRequest): readonly PhoneNumber[] | Promise<readonly PhoneNumber[]>;
  /** Largest accepted body. Default 16 KiB (the real body is ~60 bytes). */
  maxBodyBytes?: number;
  /**
   * The exact URL registered as the channel-connection `url`. Set it when a
   * proxy changes the Host header or path; otherwise the signed URL is rebuilt
   * as `https://` + Host header + request path and query.
   */
  publicUrl?: string;
  /** Told about failures that HubSpot does not get details of. Never receives the client secret. */
  onError?(error: Error, info: PhoneNumbersWebhookErrorInfo): void;
  /**
   * Replay check, called once the signature is valid: answer `true` if this
   * signature was already used (the request gets a 401), `false` the first
   * time. Default: an in-memory guard for this process (`createMemoryReplayGuard`).
   * Pass your own (Redis, ...) when several processes serve the webhook, or
   * `false` to turn the check off and accept copies within the 5-minute window.
   */
  seen?: SeenSignature | false;
  /** Longest wait for `seen` to answer; after it the request fails closed (500). Default 5 s. */
  seenTimeoutMs?: number;
  /** Clock for the timestamp check (tests). */
  now?: () => number;
}

export interface PhoneNumbersWebhook {
  /** For `http.createServer(webhook.node)` or as a route handler. Never rejects. */
  node(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** For Fetch-style servers. Never rejects. */
  fetch(request: Request): Promise<Response>;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
export const DEFAULT_SEEN_TIMEOUT_MS = 5000;
export const FRIENDLY_NAME_MAX_CHARACTERS = 24;

/** The longest delay Node's timers can wait; a larger one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const E164_PATTERN = /^\+[1-9][0-9]{6,14}$/;
const TOO_LARGE = Symbol('too-large');

type BodyResult = Uint8Array | typeof TOO_LARGE;

/** The parts of an incoming request the core needs, whatever the server. */
interface WebhookRequest {
  method: string;
  /** URL HubSpot signed; undefined when it cannot be known. */
  signingUrl: string | undefined;
  header(name: string): string | undefined;
  readBody(limit: number): Promise<BodyResult>;
  /** True once no answer can reach the client any more (connection closing or gone). */
  abandoned(): boolean;
}

interface WebhookReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const errorReply = (status: number, message: string, extra?: Record<string, unknown>): WebhookReply => ({
  status,
  body: { status: 'error', message, ...extra },
});

const INTERNAL_ERROR = errorReply(500, 'Internal error');
/** For a request nobody will hear the answer to; it is never sent. */
const ABANDONED_REPLY = errorReply(503, 'Connection closed before the answer');
const TOO_LARGE_REPLY = errorReply(413, 'Request body is too large');

let graphemeSegmenter: Intl.Segmenter | undefined;

/** First `max` grapheme clusters of `text`, so emoji and accents are never cut in half. */
export function truncateGraphemes(text: string, max: number): string {
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const { index } of graphemeSegmenter.segment(text)) {
    if (count === max) return text.slice(0, index);
    count++;
  }
  return text;
}

/** True for `+` followed by 7–15 digits, the first not 0. */
export function isE164(value: unknown): value is string {
  return typeof value === 'string' && E164_PATTERN.test(value);
}

function checkPositiveInteger(body: Record<string, unknown>, field: string, problems: string[]): number {
  const value = body[field];
  if (!Number.isSafeInteger(value) || (value as number) <= 0) {
    problems.push(`${field} must be a positive integer`);
  }
  return value as number;
}

function parseRequestBody(value: unknown): PhoneNumbersRequest | string[] {
  if (!isRecord(value)) return ['body must be a JSON object with appId, portalId and userId'];
  const problems: string[] = [];
  const appId = checkPositiveInteger(value, 'appId', problems);
  const portalId = checkPositiveInteger(value, 'portalId', problems);
  const userId = checkPositiveInteger(value, 'userId', problems);
  return problems.length > 0 ? problems : { appId, portalId, userId };
}

/** The entry in HubSpot's shape, or a description of what is wrong with it. */
function toHubSpotPhoneNumber(entry: unknown): PhoneNumber | string {
  if (!isRecord(entry)) return 'entry must be an object';
  const { e164PhoneNumber, extension, friendlyName } = entry;
  if (!isE164(e164PhoneNumber)) return 'e164PhoneNumber must be E.164, like +18001231234';
  const result: PhoneNumber = { e164PhoneNumber };
  if (extension !== undefined && extension !== null) {
    if (typeof extension !== 'string') return 'extension must be a string';
    result.extension = extension;
  }
  if (friendlyName !== undefined && friendlyName !== null) {
    if (typeof friendlyName !== 'string') return 'friendlyName must be a string';
    result.friendlyName = truncateGraphemes(friendlyName, FRIENDLY_NAME_MAX_CHARACTERS);
  }
  return result;
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

export function createPhoneNumbersWebhook(options: PhoneNumbersWebhookOptions): PhoneNumbersWebhook {
  if (!isRecord(options)) throw new TypeError('createPhoneNumbersWebhook needs an options object');
  const { clientSecret, listPhoneNumbers, publicUrl } = options;
  if (typeof clientSecret !== 'string' || clientSecret === '') {
    throw new TypeError('clientSecret is required: use your app client secret');
  }
  if (typeof listPhoneNumbers !== 'function') throw new TypeError('listPhoneNumbers must be a function');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError('maxBodyBytes must be a positive integer');
  }
  if (publicUrl !== undefined) {
    let protocol: string | undefined;
    try {
      protocol = new URL(publicUrl).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'https:') throw new TypeError('publicUrl must be the absolute https URL registered with HubSpot');
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError('now must be a function returning milliseconds, or left out');
  const seenTimeoutMs = options.seenTimeoutMs ?? DEFAULT_SEEN_TIMEOUT_MS;
  if (!Number.isSafeInteger(seenTimeoutMs) || seenTimeoutMs <= 0 || seenTimeoutMs > MAX_TIMER_MS) {
    throw new TypeError(`seenTimeoutMs must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, or left out for 5000`);
  }

  const report = (error: Error, info: PhoneNumbersWebhookErrorInfo): void => {
    try {
      options.onError?.(error, info);
    } catch {
      // A faulty logger must not turn into a failed request.
    }
  };
  const seen = replayCheck(options.seen, now, () => report(memoryFullError(), { kind: 'replay-memory-full' }));

  async function handle(request: WebhookRequest): Promise<WebhookReply> {
    if (request.method !== 'POST') {
      return { ...errorReply(405, 'Use POST'), headers: { allow: 'POST' } };
    }
    const declaredLength = request.header('content-length');
    if (declaredLength !== undefined && /^[0-9]+$/.test(declaredLength) && Number(declaredLength) > maxBodyBytes) {
      return TOO_LARGE_REPLY;
    }
    const signature = request.header('x-hubspot-signature-v3');
    const timestamp = request.header('x-hubspot-request-timestamp');
    if (!signature || !timestamp) {
      const reason: SignatureFailureReason = signature ? 'missing-timestamp' : 'missing-signature';
      return errorReply(401, 'Missing HubSpot signature headers', { reason });
    }
    if (request.signingUrl === undefined) {
      return errorReply(401, 'Cannot verify the signature without a Host header; set publicUrl', {
        reason: 'invalid-input',
      });
    }

    const body = await request.readBody(maxBodyBytes);
    if (body === TOO_LARGE) return TOO_LARGE_REPLY;

    const check = checkSignatureV3({
      method: request.method,
      url: request.signingUrl,
      body,
      timestamp,
      signature,
      clientSecret,
      now: now(),
    });
    if (!check.ok) {
      // Here only our own clock can be unusable input: tell the vendor, fail closed.
      if (check.reason === 'invalid-input') report(new TypeError(check.detail ?? 'invalid input'), { kind: 'internal' });
      return errorReply(401, 'Invalid HubSpot signature', { reason: check.reason });
    }
    // A request pipelined behind an early answer on a closing connection, or whose client left:
    // its answer can never arrive, so do not use up its signature or run the lookup for it.
    if (request.abandoned()) return ABANDONED_REPLY;
    if (seen) {
      const replay = await isReplay(seen, signature.trim(), Number(timestamp.trim()), seenTimeoutMs);
      if (replay instanceof Error) {
        report(replay, { kind: 'replay-check-failed' });
        return INTERNAL_ERROR;
      }
      if (replay) return errorReply(401, 'HubSpot request already received', { reason: 'replayed' });
    }

    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return errorReply(400, 'Body must be UTF-8 JSON');
    }
    const json = tryParseJson(text);
    if (json === undefined) return errorReply(400, 'Body must be JSON');
    const parsed = parseRequestBody(json);
    if (Array.isArray(parsed)) return errorReply(400, parsed.join('; '));

    if (request.abandoned()) return ABANDONED_REPLY;
    let list: unknown;
    try {
      list = await listPhoneNumbers(parsed);
    } catch (error) {
      report(asError(error), { kind: 'list-failed' });
      return INTERNAL_ERROR;
    }
    if (!Array.isArray(list)) {
      report(new TypeError('listPhoneNumbers must return an array of phone numbers'), { kind: 'invalid-list' });
      return INTERNAL_ERROR;
    }
    // Drop bad entries rather than fail: one bad row should not hide the user's valid numbers.
    const phoneNumbers: PhoneNumber[] = [];
    list.forEach((entry: unknown, index: number) => {
      const result = toHubSpotPhoneNumber(entry);
      if (typeof result === 'string') {
        report(new TypeError(`Phone number at index ${index} left out: ${result}`), {
          kind: 'invalid-phone-number',
          index,
        });
      } else {
        phoneNumbers.push(result);
      }
    });
    return { status: 200, body: { phoneNumbers } };
  }

  async function run(request: WebhookRequest): Promise<WebhookReply> {
    try {
      return await handle(request);
    } catch (error) {
      if (error instanceof BodyReadError) return errorReply(400, 'Could not read the request body');
      report(asError(error), { kind: 'internal' });
      return INTERNAL_ERROR;
    }
  }

  return {
    async node(req, res) {
      let bodyRead = false;
      const place = arriveOnSocket(req);
      try {
        const reply = await run({
          method: req.method ?? '',
          signingUrl: publicUrl ?? nodeSigningUrl(req),
          header: (name) => {
            const value = req.headers[name];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          readBody: async (limit) => {
            const body = await readNodeBody(req, limit);
            bodyRead = body !== TOO_LARGE;
            return body;
          },
          abandoned: () => nodeRequestAbandoned(req, place),
        });
        sendNodeReply(req, res, reply, !bodyRead, place);
      } catch (error) {
        report(asError(error), { kind: 'internal' });
        if (!res.headersSent) res.destroy();
      }
    },

    async fetch(request) {
      let bodyRead = false;
      try {
        const reply = await run({
          method: request.method,
          signingUrl: publicUrl ?? fetchSigningUrl(request),
          header: (name) => request.headers.get(name) ?? undefined,
          readBody: async (limit) => {
            const body = await readFetchBody(request, limit);
            bodyRead = body !== TOO_LARGE;
            return body;
          },
          // Fetch servers give no portable sign that the client left; the answer decides nothing here.
          abandoned: () => false,
        });
        if (!bodyRead) {
          // Answered before the body was read: stop the upload instead of buffering it. Not awaited:
          // a stream whose cancel never settles must not hold back the answer.
          request.body?.cancel().catch(() => undefined);
          return new Response(JSON.stringify(reply.body), { status: reply.status, headers: closingHeaders(reply) });
        }
        return new Response(JSON.stringify(reply.body), { status: reply.status, headers: replyHeaders(reply) });
      } catch (error) {
        report(asError(error), { kind: 'internal' });
        return new Response(JSON.stringify(INTERNAL_ERROR.body), { status: 500, headers: replyHeaders(INTERNAL_ERROR) });
      }
    },
  };
}

/** Reading the body failed (client went away, stream error). */
class BodyReadError extends Error {}

function replyHeaders(reply: WebhookReply): Record<string, string> {
  return { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...reply.headers };
}

/** For an answer given before the body was read: the rest of the upload is not wanted. */
function closingHeaders(reply: WebhookReply): Record<string, string> {
  return { ...replyHeaders(reply), connection: 'close' };
}

/** The hook to use: the in-memory default, the vendor's own, or none. */
function replayCheck(
  option: SeenSignature | false | undefined,
  now: () => number,
  onFull: () => void,
): SeenSignature | undefined {
  if (option === undefined) return createMemoryReplayGuard({ now, onFull });
  if (option === false) return undefined;
  if (typeof option !== 'function') {
    throw new TypeError('seen must be a function (signature, timestamp) => boolean, or false to turn replay checks off');
  }
  return option;
}

function memoryFullError(): Error {
  return new Error(
    `The in-memory replay guard holds ${DEFAULT_REPLAY_MAX_ENTRIES} signatures that can still verify (more than ` +
      `${DEFAULT_REPLAY_MAX_ENTRIES} requests in 5 minutes) and forgets those closest to the end of their window, ` +
      'so copies of those would be accepted. Pass seen: createMemoryReplayGuard({ maxEntries }) with a larger bound, or a shared store such as Redis',
  );
}

const TIMED_OUT = Symbol('timed-out');

/** The hook's answer, or the reason it could not give one. Anything but a boolean, in time, fails closed. */
async function isReplay(
  seen: SeenSignature,
  signature: string,
  timestamp: number,
  timeoutMs: number,
): Promise<boolean | Error> {
  let answer: unknown;
  let timer: NodeJS.Timeout | undefined;
  try {
    answer = seen(signature, timestamp);
    if (isThenable(answer)) {
      // A store that hangs (lost Redis connection) must not hold every request open.
      const late = new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
      });
      answer = await Promise.race([answer, late]);
    }
  } catch (error) {
    return asError(error);
  } finally {
    clearTimeout(timer);
  }
  if (answer === TIMED_OUT) {
    return new Error(`seen did not answer within ${timeoutMs} ms (seenTimeoutMs); the request was refused`);
  }
  if (typeof answer === 'boolean') return answer;
  const got = typeof answer === 'string' ? JSON.stringify(answer) : String(answer);
  return new TypeError(`seen must answer true (already seen) or false (first time), got ${got}`);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  return typeof (value as { then?: unknown }).then === 'function';
}

/**
 * HTTP/1.1 pipelining: Node hands over the requests on one socket in order and
 * answers them in that order. Each request gets its place on its socket, and an
 * early answer (`connection: close`) records its own: every request after it
 * will never be answered, while those before it still are.
 */
const arrivedOnSocket = new WeakMap<object, number>();
const closesAfter = new WeakMap<object, number>();

/** This request's place among the webhook's requests on its socket (HTTP/1.1), or 0. */
function arriveOnSocket(req: IncomingMessage): number {
  if (req.httpVersionMajor >= 2 || !req.socket) return 0;
  const place = (arrivedOnSocket.get(req.socket) ?? 0) + 1;
  arrivedOnSocket.set(req.socket, place);
  return place;
}

function nodeRequestAbandoned(req: IncomingMessage, place: number): boolean {
  // HTTP/2: an early answer resets only its own stream; other streams on the session go on.
  if (req.httpVersionMajor >= 2) return (req as unknown as { stream?: ServerHttp2Stream }).stream?.destroyed ?? false;
  const socket = req.socket as typeof req.socket | null;
  if (socket === null || socket.destroyed) return true;
  const closing = closesAfter.get(socket);
  return closing !== undefined && place > closing;
}

function nodeSigningUrl(req: IncomingMessage): string | undefined {
  // HTTP/2 compatibility requests carry the host in :authority instead.
  const host = req.headers.host ?? req.headers[':authority'];
  if (typeof host !== 'string' || host === '') return undefined;
  const target = req.url ?? '/';
  if (target.startsWith('/')) return `https://${host}${target}`;
  try {
    // Absolute-form request target (sent to proxies): keep only path and query.
    const parsed = new URL(target);
    return `https://${host}${parsed.pathname}${parsed.search}`;
  } catch {
    return undefined;
  }
}

function fetchSigningUrl(request: Request): string | undefined {
  try {
    const url = new URL(request.url);
    const host = request.headers.get('host') || url.host;
    return `https://${host}${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

function sendNodeReply(
  req: IncomingMessage,
  res: ServerResponse,
  reply: WebhookReply,
  early: boolean,
  place: number,
): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const body = JSON.stringify(reply.body);
  // HTTP/1.1 would otherwise keep the connection and drain the whole unread
  // upload; `connection: close` makes Node close the socket once the answer is out.
  // HTTP/2 forbids that header; there the stream is reset after the answer instead.
  const http2 = req.httpVersionMajor >= 2;
  const headers = early && !http2 ? closingHeaders(reply) : replyHeaders(reply);
  res.writeHead(reply.status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  if (early && !http2 && !closesAfter.has(req.socket)) closesAfter.set(req.socket, place);
  if (early) req.pause();
  if (early && http2) cancelAfterAnswer(req);
  res.end(body);
}

/** HTTP/2: once the answer is out, reset the stream so the client stops uploading. */
function cancelAfterAnswer(req: IncomingMessage): void {
  const stream = (req as unknown as { stream?: ServerHttp2Stream }).stream;
  // RFC 9113 suggests NO_ERROR, but Node holds that back until the client's side ends.
  stream?.once('finish', () => stream.close(http2Constants.NGHTTP2_CANCEL));
}

function readNodeBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Stop reading: the early answer closes the connection (HTTP/2: resets the stream).
        req.pause();
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (): void => {
      cleanup();
      reject(new BodyReadError('request stream failed'));
    };
    const onClose = (): void => {
      cleanup();
      reject(new BodyReadError('client closed the connection before the body ended'));
    };
    if (req.readableEnded) {
      resolve(new Uint8Array(0));
      return;
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

async function readFetchBody(request: Request, limit: number): Promise<BodyResult> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // Not awaited: the 413 must not wait on a stream whose cancel never settles.
        reader.cancel().catch(() => undefined);
        return TOO_LARGE;
      }
      chunks.push(value);
    }
  } catch {
    throw new BodyReadError('request stream failed');
  }
  return Buffer.concat(chunks, size);
}
