// The README's and docs/server.md's server examples, run as written (only the
// package name points at dist/server): they must answer forged, unsigned and
// replayed requests with 401 and a genuine one normally.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkSignatureV3, createMemoryReplayGuard, verifySignatureV3 } from '../../dist/server/index.js';
import { CLIENT_SECRET, listen, rawRequest, signedHeaders } from './helpers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_URL = pathToFileURL(join(ROOT, 'dist/server/index.js')).href;
const HOST = 'phone.acme.example';

function jsBlocks(file) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}
const block = (file, marker) => {
  const found = jsBlocks(file).filter((code) => code.includes(marker));
  assert.equal(found.length, 1, `one js block in ${file} containing ${marker}`);
  return found[0];
};
const pointAtDist = (code) => code.replaceAll("'hubspot-softphone/server'", `'${DIST_URL}'`);

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'docs-examples-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a server example in a child process; resolves once it says which port it listens on. */
async function runExample(name, code) {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, PORT: '0', HUBSPOT_CLIENT_SECRET: CLIENT_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${out}`)), 5000);
    const onData = (d) => {
      out += d;
      const m = /listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => reject(new Error(`${name} exited ${code}: ${out}`)));
  });
  return { port, stop: () => child.kill() };
}

async function expectRejectsForgeries(port, path, { userId = 3 } = {}) {
  const body = JSON.stringify({ appId: 1, portalId: 2, userId });
  const signedUri = `https://${HOST}${path}`;
  const send = (headers) => rawRequest(port, { path, headers: { host: HOST, ...headers }, body });
  assert.equal((await send({})).status, 401, 'unsigned');
  assert.equal((await send(signedHeaders({ signedUri, body, secret: 'not-the-secret' }))).status, 401, 'forged');
  const old = Date.now() - 6 * 60_000;
  assert.equal((await send(signedHeaders({ signedUri, body, timestamp: old }))).status, 401, 'stale');
  const good = signedHeaders({ signedUri, body });
  const first = await send(good);
  assert.equal(first.status, 200, `genuine: ${first.text}`);
  const copy = await send(good);
  assert.equal(copy.status, 401, 'replayed copy');
  return first;
}

describe('docs/server.md examples, run as written', { timeout: 20_000 }, () => {
  test('the complete webhook server (server.mjs) rejects forged, stale and replayed requests', async () => {
    const { port, stop } = await runExample('server', pointAtDist(block('docs/server.md', '// server.mjs')));
    try {
      const first = await expectRejectsForgeries(port, '/hubspot/phone-numbers');
      assert.equal(first.json.phoneNumbers.length, 2);
      assert.equal((await rawRequest(port, { path: '/elsewhere', headers: { host: HOST }, body: '' })).status, 404);
    } finally {
      stop();
    }
  });

  test('the Redis seen hook, on a store with SET NX PXAT semantics, refuses the copy', async () => {
    const code = block('docs/server.md', "from 'redis'")
      .replace("import { createClient } from 'redis';", '')
      .replace(
        'const redis = await',
        `const keys = new Map();
const createClient = () => ({ connect: async () => ({
  async set(key, value, { NX, PXAT }) {
    const at = keys.get(key);
    if (NX && at !== undefined && at > Date.now()) return null;
    keys.set(key, PXAT);
    return 'OK';
  },
}) });
const listPhoneNumbers = () => [{ e164PhoneNumber: '+18001231234' }];
const redis = await`,
      );
    const mod = join(dir, 'redis.mjs');
    writeFileSync(mod, `${pointAtDist(code)}\nexport { phoneNumbers };\n`);
    const saved = process.env.HUBSPOT_CLIENT_SECRET;
    process.env.HUBSPOT_CLIENT_SECRET = CLIENT_SECRET;
    let phoneNumbers;
    try {
      ({ phoneNumbers } = await import(pathToFileURL(mod).href));
    } finally {
      if (saved === undefined) delete process.env.HUBSPOT_CLIENT_SECRET;
      else process.env.HUBSPOT_CLIENT_SECRET = saved;
    }
    const srv = await listen(phoneNumbers.node);
    try {
      await expectRejectsForgeries(srv.port, '/hubspot/phone-numbers');
    } finally {
      await srv.close();
    }
  });

  // The "verifying yourself" snippets, run inside a handler with `req`, `res` and the raw body.
  const docsBlocks = jsBlocks('docs/server.md');
  const verifyBlock = docsBlocks.find((c) => c.includes('if (!verifySignatureV3(request)) {'));
  const requestDecl = verifyBlock.slice(verifyBlock.indexOf('const request'), verifyBlock.indexOf('};') + 2);
  const checkBlock = docsBlocks.find((c) => c.startsWith('const check = checkSignatureV3'));
  const seenBlock = docsBlocks.find((c) => c.startsWith('const seen = createMemoryReplayGuard()'));
  const snippets = {
    'verifySignatureV3 snippet': verifyBlock,
    'checkSignatureV3 snippet': `${requestDecl}\n${checkBlock}`,
    'seen snippet': `${requestDecl}\n${seenBlock.replace('const seen = createMemoryReplayGuard();', '')}`,
  };
  for (const [name, snippet] of Object.entries(snippets)) {
    test(`${name}: 401 for unsigned and forged, 200 for genuine`, async () => {
      await runSnippet(snippet, { replay: name === 'seen snippet' });
    });
  }
});

describe('README server examples, run as written', { timeout: 20_000 }, () => {
  test('the help-desk webhook example', async () => {
    const code = pointAtDist(block('README.md', 'http.createServer((req, res) => webhook.node(req, res))')).replace(
      '.listen(3000);',
      ".listen(0, function () { console.log('listening on ' + this.address().port); });",
    );
    const { port, stop } = await runExample('readme-webhook', code);
    try {
      await expectRejectsForgeries(port, '/any/path');
    } finally {
      stop();
    }
  });

  test('the "your own endpoints" example', async () => {
    await runSnippet(block('README.md', '// Or, to log why, instead of the line above:'), { url: 'https://phone.acme.example/hubspot/other-hook' });
  });
});

const AsyncFunction = (async () => undefined).constructor;

/** Serves `snippet` as the body of a request handler and sends it unsigned, forged and genuine requests. */
async function runSnippet(snippet, { replay = false } = {}) {
  const code = snippet.replace(/^import .*$/gm, '');
  const handler = new AsyncFunction(
    'req',
    'res',
    'rawBodyBuffer',
    'rawBody',
    'verifySignatureV3',
    'checkSignatureV3',
    'seen',
    'process',
    'console',
    `${code}\nres.writeHead(200).end('accepted');`,
  );
  const seen = createMemoryReplayGuard();
  const quiet = { warn: () => undefined, log: () => undefined, error: () => undefined };
  const env = { env: { HUBSPOT_CLIENT_SECRET: CLIENT_SECRET } };
  const srv = await listen(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks);
    try {
      await handler(req, res, raw, raw, verifySignatureV3, checkSignatureV3, seen, env, quiet);
    } catch (error) {
      res.writeHead(599).end(String(error));
    }
  });
  try {
    const path = '/hubspot/other-hook';
    const body = '{"event":1}';
    const signedUri = `https://${HOST}${path}`;
    const send = (headers) => rawRequest(srv.port, { path, headers: { host: HOST, ...headers }, body });
    const unsigned = await send({});
    assert.equal(unsigned.status, 401, `unsigned: ${unsigned.status} ${unsigned.text}`);
    assert.equal((await send(signedHeaders({ signedUri, body, secret: 'wrong' }))).status, 401, 'forged');
    const good = signedHeaders({ signedUri, body });
    const ok = await send(good);
    assert.equal(ok.status, 200, `genuine: ${ok.text}`);
    if (replay) assert.equal((await send(good)).status, 401, 'replayed copy');
  } finally {
    await srv.close();
  }
}
