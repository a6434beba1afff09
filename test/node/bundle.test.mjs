// Deterministic checks of the built files (run after `npm run build`).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const CDN = new URL('../../dist/hubspot-softphone.min.js', import.meta.url);
const BUDGET = 20 * 1024;
const CALLING_CODES = new URL('../../dist/extras/calling-codes.js', import.meta.url);
/** A stretch of the calling-code table: in the optional file, never in the core. */
const TABLE = '44GB GG IM JE';

test(`the CDN bundle is at most ${BUDGET} bytes gzip -9`, () => {
  const gzipped = gzipSync(readFileSync(CDN), { level: 9 }).length;
  console.log(`dist/hubspot-softphone.min.js: ${readFileSync(CDN).length} B min, ${gzipped} B gzip -9`);
  assert.ok(gzipped <= BUDGET, `${gzipped} B gzip is over the ${BUDGET} B budget`);
});

test('the CDN bundle is a classic script with lit and the SDK inlined, and no server code', () => {
  const code = readFileSync(CDN, 'utf8');
  assert.doesNotMatch(code, /^\s*import[\s{*]/m, 'a classic script cannot import');
  assert.match(code, /calling-extensions-sdk/);
  assert.match(code, /var HubSpotSoftphone=/);
  assert.doesNotMatch(code, /createPhoneNumbersWebhook|node:crypto|hapikey/);
  assert.doesNotMatch(code, /Lit is in dev mode/, 'the production build of lit must be bundled');
});

test("the CDN bundle has the SDK's app side only, and no lit polyfill-support hooks", () => {
  const code = readFileSync(CDN, 'utf8');
  // IFrameManager's host side (creating, sizing and re-syncing the iframe) is left out by scripts/sdk-trim.mjs.
  const hostOnly = ['hostElementSelector', 'iFrameOptions', 'createIFrame', 'getHostElement', 'updateIFrameSize', 'formatSize', 'handleLoadError', 'sendSync', 'hubspot-calling-extension-iframe'];
  for (const name of hostOnly) assert.ok(!code.includes(name), `host-only ${name} is in the CDN bundle`);
  // The SDK's CallingExtensions class is never used by the element: tree-shaken.
  assert.ok(!code.includes('missing eventHandlers'), 'CallingExtensions is in the CDN bundle');
  // lit's ShadyDOM hooks are dropped by scripts/lit-trim.mjs; hydration support is not one of them.
  for (const name of ['reactiveElementPolyfillSupport', 'litHtmlPolyfillSupport', 'litElementPolyfillSupport']) {
    assert.ok(!code.includes(name), `${name} is in the CDN bundle`);
  }
  // The element routes HubSpot's messages by wire type (core/host-outcomes.ts): the SDK's handler-name table stays out.
  assert.ok(!code.includes('onCallerIdMatchSucceeded'), "the SDK's messageHandlerNames table is in the CDN bundle");
  // What the element does use is there: the SYNC answer, sending, the listener and its removal, the outcome table.
  for (const kept of ['"SYNC_ACK"', 'sendMessage(', 'onMessage(', 'removeEventListener("message"', 'iFrame not initialized', 'CALLER_ID_MATCH_SUCCEEDED', 'litElementHydrateSupport']) {
    assert.ok(code.includes(kept), `${kept} is missing from the CDN bundle`);
  }
});

test('importing the ESM entry in Node (SSR) does not throw', async () => {
  const api = await import('../../dist/index.js');
  assert.equal(typeof api.HubSpotSoftphone, 'function');
  assert.equal(api.TAG_NAME, 'hubspot-softphone');
  assert.equal(api.formatPhoneNumber('+15551234567'), '+1 555-123-4567');
});

test('the calling-code table is an optional file beside the CDN script, self-contained, and not in the core', () => {
  assert.ok(existsSync(CALLING_CODES), 'dist/extras/calling-codes.js is missing');
  const extra = readFileSync(CALLING_CODES, 'utf8');
  const gzipped = gzipSync(extra, { level: 9 }).length;
  console.log(`dist/extras/calling-codes.js: ${extra.length} B min, ${gzipped} B gzip -9`);
  assert.ok(extra.includes(TABLE), `${TABLE} is not in the table: pick another token`);
  assert.ok(!readFileSync(CDN, 'utf8').includes(TABLE), 'the calling-code table is in the CDN bundle');
  assert.doesNotMatch(extra, /^\s*import[\s{*(]|\bimport\(|\bfrom\s*["']/m, 'the CDN script loads it alone: no imports');
  assert.match(extra, /export\s*\{[^}]*nationalToE164/);
  assert.ok(gzipped <= 2048, `${gzipped} B gzip: the table grew`);
});

test('the sync and click-to-call code are optional files too, self-contained, and not in the core', () => {
  const core = readFileSync(CDN, 'utf8');
  for (const [file, token] of [['sync.js', 'calling window that closes without a goodbye'], ['dial-number.js', 'calleeObjectTypeId']]) {
    const extra = readFileSync(new URL(`../../dist/extras/${file}`, import.meta.url), 'utf8');
    console.log(`dist/extras/${file}: ${extra.length} B min, ${gzipSync(extra, { level: 9 }).length} B gzip -9`);
    assert.ok(extra.includes(token), `${token} is not in ${file}: pick another token`);
    assert.ok(!core.includes(token), `${file}'s code is in the CDN bundle`);
    // Rollup puts a file's imports (and re-exports) first on a line; words like "Call from" in its strings are not one.
    assert.doesNotMatch(extra, /^\s*import[\s{*("']|\bimport\(|^\s*export\s*[{*][^;]*from\s*["']/m, `${file} must load alone: no imports`);
  }
});

test('the CDN bundle loads extras from its own URL, not from tsc\'s dist/session/', () => {
  const code = readFileSync(CDN, 'utf8');
  assert.doesNotMatch(code, /\.\.\/extras\//);
  if (code.includes('extras/')) assert.match(code, /document\.currentScript\?\.src/);
});

test('the calling codes are one ES module for bundlers and Node too', async () => {
  const { nationalToE164 } = await import('../../dist/extras/calling-codes.js');
  assert.equal(nationalToE164('020 7946 0018', 'GB'), '+442079460018');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.deepEqual(pkg.exports['./extras/*'], { types: './dist/extras/*.d.ts', default: './dist/extras/*.js' });
  assert.ok(existsSync(new URL('../../dist/extras/calling-codes.d.ts', import.meta.url)));
});

test('the languages, diagnose(), the ringtone, the warnings, setWidgetUrl and the built-in controls are optional files, self-contained, and not in the core', () => {
  const core = readFileSync(CDN, 'utf8');
  const files = [
    ['extras/diagnose.js', 'permissionsPolicy', 2048],
    ['extras/ringtone.js', 'cannot play', 1024],
    ['extras/warnings.js', 'only the newest gets events', 1024],
    ['extras/widget-url.js', 'setWidgetUrl() needs an absolute https: URL', 1024],
    // The dialpad's national numbers need the calling codes, which it carries.
    ['extras/controls.js', 'dialpad-keys', 7168],
    ...['de', 'es', 'fr', 'ja', 'pt-BR'].map((lang) => [`locales/${lang}.js`, 'allowed-origins', 1536]),
  ];
  for (const [file, token, limit] of files) {
    const extra = readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
    const gzipped = gzipSync(extra, { level: 9 }).length;
    console.log(`dist/${file}: ${extra.length} B min, ${gzipped} B gzip -9`);
    assert.ok(extra.includes(token), `${token} is not in ${file}: pick another token`);
    if (!file.startsWith('locales/')) assert.ok(!core.includes(token), `${file}'s code is in the CDN bundle`);
    // Rollup puts a file's imports (and re-exports) first on a line; words like "Call from" in its strings are not one.
    assert.doesNotMatch(extra, /^\s*import[\s{*("']|\bimport\(|^\s*export\s*[{*][^;]*from\s*["']/m, `${file} must load alone: no imports`);
    assert.ok(gzipped <= limit, `${file} is ${gzipped} B gzip, over ${limit} B`);
  }
  // English is the core's; the other languages' words are not.
  assert.ok(!core.includes('Verfügbar') && !core.includes('通話'), 'a built-in language is in the CDN bundle');
});

test("the CDN bundle leaves out lit's <style> fallback and css`` value checks (constant stylesheets, adoptedStyleSheets assumed)", () => {
  const code = readFileSync(CDN, 'utf8');
  assert.ok(!code.includes('"adoptedStyleSheets"in Document.prototype'), "lit's feature test is in the bundle");
  assert.ok(!code.includes("Value passed to 'css' function"), "css``'s value check is in the bundle");
  assert.ok(code.includes(':host{'), 'the stylesheet is missing');
});

test('the versions diagnose() reports are the package’s and the SDK’s', async () => {
  const { VERSION, SDK_VERSION } = await import('../../dist/core/version.js');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const sdk = JSON.parse(readFileSync(new URL('../../node_modules/@hubspot/calling-extensions-sdk/package.json', import.meta.url), 'utf8'));
  assert.equal(VERSION, pkg.version);
  assert.equal(SDK_VERSION, sdk.version);
});
