// Deterministic checks of the built files (run after `npm run build`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const CDN = new URL('../../dist/hubspot-softphone.min.js', import.meta.url);
const BUDGET = 20 * 1024;

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
  // What the element does use is there: the SYNC answer, sending, the listener and its removal, the handler table.
  for (const kept of ['"SYNC_ACK"', 'sendMessage(', 'onMessage(', 'removeEventListener("message"', 'iFrame not initialized', 'onDialNumber', 'litElementHydrateSupport']) {
    assert.ok(code.includes(kept), `${kept} is missing from the CDN bundle`);
  }
});

test('importing the ESM entry in Node (SSR) does not throw', async () => {
  const api = await import('../../dist/index.js');
  assert.equal(typeof api.HubSpotSoftphone, 'function');
  assert.equal(api.TAG_NAME, 'hubspot-softphone');
  assert.equal(api.formatPhoneNumber('+15551234567'), '+1 555-123-4567');
});
