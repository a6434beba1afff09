// Deterministic checks of the built files (run after `npm run build`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const CDN = new URL('../../dist/hubspot-softphone.min.js', import.meta.url);
const BUDGET = 16 * 1024;

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

test('importing the ESM entry in Node (SSR) does not throw', async () => {
  const api = await import('../../dist/index.js');
  assert.equal(typeof api.HubSpotSoftphone, 'function');
  assert.equal(api.TAG_NAME, 'hubspot-softphone');
  assert.equal(api.formatPhoneNumber('+15551234567'), '+1 555-123-4567');
});
