/**
 * Validation of calling-settings and channel-connection payloads. Everything
 * is checked locally so a typo costs no API call and every problem is
 * reported at once.
 */
import { SettingsValidationError, type FieldIssue } from './errors.js';
import { describeValue, isRecord } from './json.js';

/** The calling app's settings, as HubSpot stores them. */
export interface CallingSettings {
  /** App name shown in HubSpot's call switcher. */
  name: string;
  /** https URL of the calling iframe. */
  url: string;
  /** iframe width in pixels. */
  width: number;
  /** iframe height in pixels. */
  height: number;
  /** `false` while testing; `true` makes the app available to users. */
  isReady: boolean;
  /** Whether calls can be placed from custom-object records. */
  supportsCustomObjects: boolean;
  /** Whether the app runs in HubSpot's calling window (inbound calling). */
  usesCallingWindow: boolean;
  /** Whether users can receive inbound calls through the app. */
  supportsInboundCalling: boolean;
  /** Whether the app uses the remote (calling window) iframe location. */
  usesRemote: boolean;
}

/** `POST .../settings`: name and url are required, the rest optional. */
export type CreateCallingSettingsInput = Pick<CallingSettings, 'name' | 'url'> &
  Partial<Omit<CallingSettings, 'name' | 'url'>>;

/** `PATCH .../settings`: any non-empty subset. */
export type UpdateCallingSettingsInput = Partial<CallingSettings>;

/** What HubSpot returns for the calling settings. */
export interface CallingSettingsResponse extends Partial<CallingSettings> {
  createdAt?: string;
  updatedAt?: string;
  [extra: string]: unknown;
}

/** Help-desk channel connection: where HubSpot asks for a user's numbers. */
export interface ChannelConnectionSettings {
  /** https URL of your phone-numbers webhook. */
  url: string;
  /** `false` while testing; `true` makes the connection available to users. */
  isReady: boolean;
}

/** `POST .../channel-connection`: url required, isReady optional. */
export type CreateChannelConnectionInput = Pick<ChannelConnectionSettings, 'url'> &
  Partial<Pick<ChannelConnectionSettings, 'isReady'>>;

/** `PATCH .../channel-connection`: url, isReady or both. */
export type UpdateChannelConnectionInput = Partial<ChannelConnectionSettings>;

/** What HubSpot returns for the channel connection. */
export interface ChannelConnectionResponse extends Partial<ChannelConnectionSettings> {
  createdAt?: string;
  updatedAt?: string;
  [extra: string]: unknown;
}

type FieldKind = 'text' | 'httpsUrl' | 'positiveInteger' | 'boolean';
type FieldSpec = Readonly<Record<string, FieldKind>>;

const CALLING_SETTINGS_FIELDS: FieldSpec = {
  name: 'text',
  url: 'httpsUrl',
  width: 'positiveInteger',
  height: 'positiveInteger',
  isReady: 'boolean',
  supportsCustomObjects: 'boolean',
  usesCallingWindow: 'boolean',
  supportsInboundCalling: 'boolean',
  usesRemote: 'boolean',
};

const CHANNEL_CONNECTION_FIELDS: FieldSpec = {
  url: 'httpsUrl',
  isReady: 'boolean',
};

function checkField(kind: FieldKind, value: unknown): string | undefined {
  switch (kind) {
    case 'text':
      if (typeof value !== 'string') return `must be a string (got ${describeValue(value)})`;
      return value.trim() === '' ? 'must not be empty' : undefined;
    case 'httpsUrl':
      return checkHttpsUrl(value);
    case 'positiveInteger':
      return Number.isSafeInteger(value) && (value as number) > 0
        ? undefined
        : `must be a positive integer (got ${describeValue(value)})`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false (got ${describeValue(value)})`;
  }
}

function checkHttpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string (got ${describeValue(value)})`;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return `must be an absolute https URL (got ${describeValue(value)})`;
  }
  // HubSpot loads these URLs from its own https pages / servers.
  if (parsed.protocol !== 'https:') return `must use https (got ${describeValue(value)})`;
  if (value.trim() !== value) return 'must not have leading or trailing spaces';
  return undefined;
}

/**
 * Checks `input` against `fields`; returns a copy holding only the known,
 * defined fields. `undefined` values count as "not given" so callers can
 * spread optional values without cleaning them first.
 */
function validateFields(
  subject: string,
  input: unknown,
  fields: FieldSpec,
  required: readonly string[],
): Record<string, unknown> {
  if (!isRecord(input)) {
    throw new SettingsValidationError(subject, [
      { field: '(input)', message: `must be an object (got ${describeValue(input)})` },
    ]);
  }
  const issues: FieldIssue[] = [];
  const clean: Record<string, unknown> = {};
  const allowed = Object.keys(fields);
  for (const [field, value] of Object.entries(input)) {
    const kind = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (kind === undefined) {
      issues.push({ field, message: `is not a known field (allowed: ${allowed.join(', ')})` });
      continue;
    }
    if (value === undefined) continue;
    const problem = checkField(kind, value);
    if (problem) issues.push({ field, message: problem });
    else clean[field] = value;
  }
  for (const field of required) {
    if (input[field] === undefined) issues.push({ field, message: 'is required' });
  }
  if (required.length === 0 && issues.length === 0 && Object.keys(clean).length === 0) {
    issues.push({ field: '(input)', message: `must set at least one of: ${allowed.join(', ')}` });
  }
  if (issues.length > 0) throw new SettingsValidationError(subject, issues);
  return clean;
}

export function validateCreateCallingSettings(input: unknown): CreateCallingSettingsInput {
  return validateFields('calling settings', input, CALLING_SETTINGS_FIELDS, [
    'name',
    'url',
  ]) as CreateCallingSettingsInput;
}

export function validateUpdateCallingSettings(input: unknown): UpdateCallingSettingsInput {
  return validateFields('calling settings', input, CALLING_SETTINGS_FIELDS, []) as UpdateCallingSettingsInput;
}

export function validateCreateChannelConnection(input: unknown): CreateChannelConnectionInput {
  return validateFields('channel connection settings', input, CHANNEL_CONNECTION_FIELDS, [
    'url',
  ]) as CreateChannelConnectionInput;
}

export function validateUpdateChannelConnection(input: unknown): UpdateChannelConnectionInput {
  return validateFields(
    'channel connection settings',
    input,
    CHANNEL_CONNECTION_FIELDS,
    [],
  ) as UpdateChannelConnectionInput;
}

/** App ids are positive integers; numeric strings are accepted (CLI, env vars). */
export function validateAppId(appId: unknown): string {
  const text = typeof appId === 'number' ? String(appId) : appId;
  if (typeof text === 'string' && /^[1-9][0-9]*$/.test(text) && Number.isSafeInteger(Number(text))) {
    return text;
  }
  const got = appId === undefined ? 'nothing' : describeValue(appId);
  throw new SettingsValidationError('app id', [
    { field: 'appId', message: `must be a positive integer (got ${got})` },
  ]);
}
