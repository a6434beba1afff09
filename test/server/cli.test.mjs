// runCli in-process and bin/hubspot-softphone.js as a child process,
// both against the loopback fake of HubSpot's API.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, beforeEach, describe, test } from 'node:test';
import { runCli } from '../../dist/server/index.js';
import { hubSpotError, startFakeHubSpot } from './fake-hubspot.mjs';
import { closedPort, recordingSleep, sink } from './helpers.mjs';

const API_KEY = 'cli-test-key-7f3e9a';
const BIN = fileURLToPath(new URL('../../bin/hubspot-softphone.js', import.meta.url));

let fake;
before(async () => {
  fake = await startFakeHubSpot({ apiKey: API_KEY });
});
after(() => fake.close());
beforeEach(() => fake.reset());

/** Runs the CLI with --base-url pointing at the fake (unless told otherwise). */
async function cli(args, { env = { HUBSPOT_DEVELOPER_API_KEY: API_KEY }, baseUrl = fake.baseUrl } = {}) {
  const stdout = sink();
  const stderr = sink();
  const { sleep } = recordingSleep();
  const argv = baseUrl ? [...args, '--base-url', baseUrl] : args;
  const code = await runCli(argv, { env, stdout, stderr, sleep });
  return {
    code,
    stdout: stdout.text,
    stderr: stderr.text,
    get json() {
      return JSON.parse(stdout.text);
    },
  };
}

/** A failure: exit code, exactly one stderr line, nothing on stdout, no key. */
function assertFailure(result, code, pattern) {
  assert.equal(result.code, code, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n');
  assert.equal(lines.length, 2, `one line expected, got ${JSON.stringify(result.stderr)}`);
  assert.equal(lines[1], '');
  assert.match(lines[0], /^hubspot-softphone: /);
  assert.match(lines[0], pattern);
  assert.ok(!result.stderr.includes(API_KEY), 'API key leaked to stderr');
}

describe('CLI: calling settings', { timeout: 5000 }, () => {
  test('create prints the created settings as JSON', async () => {
    const result = await cli([
      'settings', 'create', '--app-id', '42',
      '--name', 'Acme Phone', '--url', 'https://phone.acme.example/hubspot',
      '--width', '400', '--height', '600', '--no-ready',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal(result.json.name, 'Acme Phone');
    assert.equal(result.json.width, 400);
    assert.deepEqual(fake.requests[0].body, {
      name: 'Acme Phone',
      url: 'https://phone.acme.example/hubspot',
      width: 400,
      height: 600,
      isReady: false,
    });
    assert.equal(fake.requests[0].query.hapikey, API_KEY);
  });

  test('switch spellings: --flag, --flag=true, --flag=false, --no-flag; last one wins', async () => {
    await cli(['settings', 'create', '--app-id', '42', '--name', 'A', '--url', 'https://a.example/']);
    const result = await cli([
      'settings', 'update', '--app-id', '42',
      '--ready=false', '--ready',
      '--inbound=TRUE',
      '--calling-window=false',
      '--custom-objects', '--no-custom-objects',
      '--no-remote',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(fake.requests[1].body, {
      isReady: true,
      supportsInboundCalling: true,
      usesCallingWindow: false,
      supportsCustomObjects: false,
      usesRemote: false,
    });
    assert.equal(fake.requests[1].method, 'PATCH');
  });

  test('get and delete', async () => {
    await cli(['settings', 'create', '--app-id', '42', '--name', 'A', '--url', 'https://a.example/']);
    const got = await cli(['settings', 'get', '--app-id', '42']);
    assert.equal(got.code, 0);
    assert.equal(got.json.name, 'A');
    const deleted = await cli(['settings', 'delete', '--app-id', '42']);
    assert.equal(deleted.code, 0);
    assert.deepEqual(deleted.json, { deleted: true, appId: 42 });
    assert.equal(fake.requests.at(-1).method, 'DELETE');
  });
});

describe('CLI: channel connection', { timeout: 5000 }, () => {
  test('create, update, get, delete', async () => {
    const created = await cli([
      'settings', 'create', '--app-id', '42', '--channel-connection',
      '--url', 'https://phone.acme.example/numbers', '--no-ready',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(fake.requests[0].path, '/crm/v3/extensions/calling/42/settings/channel-connection');
    assert.deepEqual(fake.requests[0].body, { url: 'https://phone.acme.example/numbers', isReady: false });
    const updated = await cli(['settings', 'update', '--app-id', '42', '--channel-connection', '--ready']);
    assert.equal(updated.json.isReady, true);
    const got = await cli(['settings', 'get', '--app-id', '42', '--channel-connection']);
    assert.equal(got.json.url, 'https://phone.acme.example/numbers');
    const deleted = await cli(['settings', 'delete', '--app-id', '42', '--channel-connection']);
    assert.deepEqual(deleted.json, { deleted: true, appId: 42, channelConnection: true });
  });

  test('refuses calling-settings flags', async () => {
    const result = await cli(['settings', 'update', '--app-id', '42', '--channel-connection', '--name', 'x']);
    assertFailure(result, 2, /--name does not apply with --channel-connection/);
    assert.equal(fake.requests.length, 0);
  });
});

describe('CLI: help and usage errors (exit 2, nothing sent)', { timeout: 5000 }, () => {
  test('--help prints usage on stdout', async () => {
    const result = await cli(['--help'], { env: {}, baseUrl: null });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: hubspot-softphone settings <get\|create\|update\|delete>/);
    assert.match(result.stdout, /--no-flag/);
    assert.equal(result.stderr, '');
  });

  const cases = [
    [[], /missing command/],
    [['settings'], /missing action/],
    [['settings', 'list', '--app-id', '1'], /unknown action "list"/],
    [['config', 'get'], /unknown command "config"/],
    [['settings', 'get'], /--app-id is required/],
    [['settings', 'get', '--app-id', 'abc'], /--app-id must be a positive integer \(got "abc"\)/],
    [['settings', 'get', '--app-id', '1', '--frobnicate'], /unknown option --frobnicate/],
    [['settings', 'get', '--app-id', '1', 'extra'], /unexpected argument "extra"/],
    [['settings', 'get', '--app-id', '1', '--ready'], /--ready does not apply to "get"/],
    [['settings', 'update', '--app-id', '1', '--ready=maybe'], /--ready must be true or false \(got "maybe"\)/],
    [['settings', 'update', '--app-id', '1', '--no-ready=true'], /--no-ready takes no value/],
    [['settings', 'update', '--app-id', '1', '--width', 'wide'], /--width must be a positive integer number of pixels/],
    [['settings', 'update', '--app-id', '1', '--height', '-5'], /--height/],
    [['settings', 'update', '--app-id', '1'], /nothing to update/],
    [['settings', 'create', '--app-id', '1', '--name', 'A', '--url', 'http://a.example/'], /--url must use https/],
    [['settings', 'create', '--app-id', '1', '--width', '10'], /invalid settings: --name is required; --url is required/],
    [['settings', 'create', '--app-id', '1', '--channel-connection', '--ready'], /--url is required/],
  ];
  for (const [args, pattern] of cases) {
    test(`${JSON.stringify(args)} -> ${pattern}`, async () => {
      const result = await cli(args, { baseUrl: null });
      assertFailure(result, 2, pattern);
      assert.match(result.stderr, /\(see hubspot-softphone --help\)/);
      assert.equal(fake.requests.length, 0);
    });
  }

  test('missing API key', async () => {
    for (const env of [{}, { HUBSPOT_DEVELOPER_API_KEY: '' }]) {
      const result = await cli(['settings', 'get', '--app-id', '1'], { env });
      assertFailure(result, 2, /HUBSPOT_DEVELOPER_API_KEY is not set/);
    }
    assert.equal(fake.requests.length, 0);
  });

  test('non-https --base-url', async () => {
    const result = await cli(['settings', 'get', '--app-id', '1'], { baseUrl: 'http://api.example.com' });
    assertFailure(result, 2, /--base-url must use https/);
  });
});

describe('CLI: request failures (exit 1)', { timeout: 5000 }, () => {
  test('HubSpot error shows status, category, message and correlationId', async () => {
    const result = await cli(['settings', 'get', '--app-id', '77']);
    assertFailure(result, 1, /HubSpot API error 404 OBJECT_NOT_FOUND on GET .*\/calling\/77\/settings: No settings for app 77 \(correlationId fake-corr-\d+\)/);
  });

  test('wrong key: 401, and neither key appears', async () => {
    const result = await cli(['settings', 'get', '--app-id', '77'], { env: { HUBSPOT_DEVELOPER_API_KEY: 'not-the-key-123' } });
    assertFailure(result, 1, /401 INVALID_AUTHENTICATION/);
    assert.ok(!result.stderr.includes('not-the-key-123'));
  });

  test('HubSpot echoing the key is redacted', async () => {
    fake.enqueue(400, hubSpotError(`bad key ${API_KEY}\nsecond line`, 'VALIDATION_ERROR'));
    const result = await cli(['settings', 'get', '--app-id', '77']);
    assertFailure(result, 1, /bad key \[REDACTED\] second line/);
  });

  test('retries 503 then succeeds', async () => {
    await cli(['settings', 'create', '--app-id', '5', '--name', 'A', '--url', 'https://a.example/']);
    fake.enqueue(503, hubSpotError('try later', 'INTERNAL_ERROR'));
    const result = await cli(['settings', 'get', '--app-id', '5']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.json.name, 'A');
  });

  test('network error', async () => {
    const port = await closedPort();
    const result = await cli(['settings', 'get', '--app-id', '5'], { baseUrl: `http://127.0.0.1:${port}` });
    assertFailure(result, 1, /Could not reach the HubSpot API on GET .*ECONNREFUSED/);
  });
});

describe('bin/hubspot-softphone.js', { timeout: 5000 }, () => {
  const run = (args, env) =>
    new Promise((resolve) => {
      execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => {
        resolve({ code: error ? error.code : 0, stdout, stderr });
      });
    });

  test('runs end to end and sets the exit code', async () => {
    const ok = await run(
      ['settings', 'create', '--app-id', '9', '--name', 'Bin', '--url', 'https://bin.example/', '--base-url', fake.baseUrl],
      { HUBSPOT_DEVELOPER_API_KEY: API_KEY },
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).name, 'Bin');

    const failed = await run(['settings', 'get', '--app-id', '10', '--base-url', fake.baseUrl], {
      HUBSPOT_DEVELOPER_API_KEY: API_KEY,
    });
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^hubspot-softphone: HubSpot API error 404/);
    assert.ok(!failed.stderr.includes(API_KEY));

    const usage = await run(['settings', 'get', '--app-id', '10'], {});
    assert.equal(usage.code, 2);
  });
});
