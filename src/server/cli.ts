/**
 * `hubspot-softphone settings <get|create|update|delete> --app-id N ...`
 *
 * Exit codes: 0 success, 1 the request failed (HubSpot error, network),
 * 2 the command line or environment is wrong (nothing was sent).
 */
import { parseArgs } from 'node:util';
import { HubSpotApiError, HubSpotNetworkError, SettingsValidationError, redactSecrets } from './errors.js';
import { CallingSettingsClient } from './settings-client.js';
import {
  validateAppId,
  type CreateCallingSettingsInput,
  type CreateChannelConnectionInput,
} from './settings-validation.js';

export interface CliIo {
  /** Usually `process.env`; only HUBSPOT_DEVELOPER_API_KEY is read. */
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Retry pause; injected by tests. */
  sleep?: (ms: number) => Promise<void>;
}

export const API_KEY_ENV = 'HUBSPOT_DEVELOPER_API_KEY';
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const PROGRAM = 'hubspot-softphone';

export const USAGE = `Usage: ${PROGRAM} settings <get|create|update|delete> --app-id <id> [options]

Manages your HubSpot calling app's settings, or with --channel-connection the
help-desk phone-numbers webhook. Reads the developer API key from
${API_KEY_ENV}. Prints the result as JSON.

Options:
  --app-id <id>            Your HubSpot app id (required)
  --channel-connection     Act on the help-desk channel connection instead
  --name <text>            App name shown in HubSpot (create: required)
  --url <https-url>        Calling iframe URL, or webhook URL with
                           --channel-connection (create: required)
  --width <px>             iframe width
  --height <px>            iframe height
  --ready                  isReady: available to users (false while testing)
  --inbound                supportsInboundCalling
  --calling-window         usesCallingWindow
  --custom-objects         supportsCustomObjects
  --remote                 usesRemote
  --base-url <url>         API base URL (default https://api.hubapi.com)
  -h, --help               Show this help

Switches accept --flag, --flag=true, --flag=false and --no-flag.
With --channel-connection only --url and --ready apply.

Examples:
  ${PROGRAM} settings create --app-id 123 --name "Acme Phone" \\
      --url https://phone.acme.example/hubspot --width 400 --height 600 --no-ready
  ${PROGRAM} settings update --app-id 123 --ready
  ${PROGRAM} settings create --app-id 123 --channel-connection \\
      --url https://phone.acme.example/hubspot/phone-numbers --no-ready
`;

/** Switch flag -> settings field. */
const SWITCHES = {
  ready: 'isReady',
  inbound: 'supportsInboundCalling',
  'calling-window': 'usesCallingWindow',
  'custom-objects': 'supportsCustomObjects',
  remote: 'usesRemote',
} as const;
type SwitchFlag = keyof typeof SWITCHES;

/** Value flag -> settings field. */
const VALUE_FIELDS = { name: 'name', url: 'url', width: 'width', height: 'height' } as const;
type ValueFlag = keyof typeof VALUE_FIELDS;

const CHANNEL_CONNECTION_FLAGS: ReadonlySet<string> = new Set(['url', 'ready']);
const ACTIONS = ['get', 'create', 'update', 'delete'] as const;
type Action = (typeof ACTIONS)[number];

/** Settings field -> flag, to phrase validation errors in the user's terms. */
const FLAG_FOR_FIELD: Readonly<Record<string, string>> = {
  appId: '--app-id',
  ...Object.fromEntries(Object.entries(VALUE_FIELDS).map(([flag, field]) => [field, `--${flag}`])),
  ...Object.fromEntries(Object.entries(SWITCHES).map(([flag, field]) => [field, `--${flag}`])),
};

const PARSE_OPTIONS = {
  'app-id': { type: 'string' },
  'channel-connection': { type: 'boolean' },
  'base-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  name: { type: 'string' },
  url: { type: 'string' },
  width: { type: 'string' },
  height: { type: 'string' },
  ...Object.fromEntries(
    Object.keys(SWITCHES).flatMap((flag) => [
      [flag, { type: 'boolean' }],
      [`no-${flag}`, { type: 'boolean' }],
    ]),
  ),
} as const satisfies Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** A problem with the command line or environment. */
class UsageError extends Error {}

const isSwitch = (name: string): name is SwitchFlag => Object.hasOwn(SWITCHES, name);

/**
 * `parseArgs` has no `--flag=false` and (before Node 20.16) no `--no-flag`,
 * so rewrite `--ready=<bool>` to `--ready` / `--no-ready` first.
 */
function normalizeSwitches(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const match = /^--([a-z-]+)=(.*)$/s.exec(arg);
    const name = match?.[1];
    if (match && name !== undefined && (isSwitch(name) || (name.startsWith('no-') && isSwitch(name.slice(3))))) {
      const value = (match[2] ?? '').toLowerCase();
      if (name.startsWith('no-')) throw new UsageError(`--${name} takes no value`);
      if (value === 'true') out.push(`--${name}`);
      else if (value === 'false') out.push(`--no-${name}`);
      else throw new UsageError(`--${name} must be true or false (got ${JSON.stringify(match[2])})`);
    } else {
      out.push(arg);
    }
  }
  return out;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const unexpected = /^Unexpected argument '([^']*)'/.exec(message);
  if (unexpected) return `unexpected argument ${JSON.stringify(unexpected[1])}`;
  const missing = /^Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value`;
  const ambiguous = /^Option '(?:-\w, )?(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous) return `${ambiguous[1]} needs a value (write ${ambiguous[1]}=VALUE if it starts with "-")`;
  return message.split('\n')[0] ?? message;
}

interface ParsedCommand {
  help: false;
  action: Action;
  appId: string;
  channelConnection: boolean;
  baseUrl: string | undefined;
  fields: Record<string, string | number | boolean>;
}

function parseCommand(argv: readonly string[]): ParsedCommand | { help: true } {
  let parsed;
  try {
    parsed = parseArgs({
      args: normalizeSwitches(argv),
      options: PARSE_OPTIONS,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { help: true };

  const [command, action, ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing command: expected "settings <get|create|update|delete>"');
  if (command !== 'settings') throw new UsageError(`unknown command ${JSON.stringify(command)}: expected "settings"`);
  if (action === undefined) throw new UsageError('missing action: expected get, create, update or delete');
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(`unknown action ${JSON.stringify(action)}: expected get, create, update or delete`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);

  const rawAppId = values['app-id'];
  if (rawAppId === undefined) throw new UsageError('--app-id is required');
  let appId: string;
  try {
    appId = validateAppId(rawAppId);
  } catch {
    throw new UsageError(`--app-id must be a positive integer (got ${JSON.stringify(rawAppId)})`);
  }
  const channelConnection = values['channel-connection'] === true;

  // Walk tokens in order so the last of --ready / --no-ready wins.
  const fields: Record<string, string | number | boolean> = {};
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const flag = token.name.startsWith('no-') ? token.name.slice(3) : token.name;
    const isField = isSwitch(flag) || Object.hasOwn(VALUE_FIELDS, flag);
    if (!isField) continue;
    if (action === 'get' || action === 'delete') throw new UsageError(`--${flag} does not apply to "${action}"`);
    if (channelConnection && !CHANNEL_CONNECTION_FLAGS.has(flag)) {
      throw new UsageError(`--${flag} does not apply with --channel-connection (only --url and --ready do)`);
    }
    if (isSwitch(flag)) {
      fields[SWITCHES[flag]] = !token.name.startsWith('no-');
    } else {
      fields[VALUE_FIELDS[flag as ValueFlag]] = parseValue(flag as ValueFlag, token.value ?? '');
    }
  }
  if (action === 'update' && Object.keys(fields).length === 0) {
    throw new UsageError('nothing to update: pass at least one setting flag');
  }
  return { help: false, action: action as Action, appId, channelConnection, baseUrl: values['base-url'], fields };
}

function parseValue(flag: ValueFlag, raw: string): string | number {
  if (flag !== 'width' && flag !== 'height') return raw;
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) <= 0) {
    throw new UsageError(`--${flag} must be a positive integer number of pixels (got ${JSON.stringify(raw)})`);
  }
  return Number(raw);
}

/** Validation issues rephrased with flag names: "--url must use https ...". */
function describeValidation(error: SettingsValidationError): string {
  return error.issues.map((issue) => `${FLAG_FOR_FIELD[issue.field] ?? issue.field} ${issue.message}`).join('; ');
}

async function execute(command: ParsedCommand, client: CallingSettingsClient): Promise<unknown> {
  const { action, fields } = command;
  const options = { appId: command.appId };
  if (command.channelConnection) {
    switch (action) {
      case 'get':
        return client.getChannelConnection(options);
      case 'create':
        return client.createChannelConnection(fields as CreateChannelConnectionInput, options);
      case 'update':
        return client.updateChannelConnection(fields, options);
      case 'delete':
        await client.deleteChannelConnection(options);
        return { deleted: true, appId: Number(command.appId), channelConnection: true };
    }
  }
  switch (action) {
    case 'get':
      return client.getSettings(options);
    case 'create':
      return client.createSettings(fields as CreateCallingSettingsInput, options);
    case 'update':
      return client.updateSettings(fields, options);
    case 'delete':
      await client.deleteSettings(options);
      return { deleted: true, appId: Number(command.appId) };
  }
}

/**
 * Runs the CLI. `argv` excludes the node binary and script path
 * (`process.argv.slice(2)`). Resolves to the exit code; never rejects.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const apiKey = io.env[API_KEY_ENV];
  const secrets = apiKey ? [apiKey] : [];
  // Every line written to stderr goes through here: one line, key removed.
  const fail = (code: number, message: string): number => {
    const line = redactSecrets(message, secrets).replace(/\s*[\r\n]+\s*/g, ' ');
    const hint = code === EXIT_USAGE ? ` (see ${PROGRAM} --help)` : '';
    io.stderr.write(`${PROGRAM}: ${line}${hint}\n`);
    return code;
  };

  try {
    const command = parseCommand(argv);
    if (command.help) {
      io.stdout.write(USAGE);
      return EXIT_OK;
    }
    if (!apiKey || apiKey.trim() === '') {
      return fail(EXIT_USAGE, `${API_KEY_ENV} is not set: export your HubSpot developer account API key`);
    }
    const client = new CallingSettingsClient({
      apiKey,
      ...(command.baseUrl !== undefined && { baseUrl: command.baseUrl }),
      ...(io.fetch && { fetch: io.fetch }),
      ...(io.sleep && { sleep: io.sleep }),
    });
    const result = await execute(command, client);
    io.stdout.write(`${JSON.stringify(result ?? null, null, 2)}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) return fail(EXIT_USAGE, error.message);
    if (error instanceof SettingsValidationError) return fail(EXIT_USAGE, `invalid settings: ${describeValidation(error)}`);
    if (error instanceof TypeError && error.message.startsWith('baseUrl ')) {
      return fail(EXIT_USAGE, error.message.replace(/^baseUrl/, '--base-url'));
    }
    if (error instanceof HubSpotApiError || error instanceof HubSpotNetworkError) return fail(EXIT_FAILURE, error.message);
    return fail(EXIT_FAILURE, `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
