import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  checkSignatureV1,
  checkSignatureV2,
  checkSignatureV3,
  normalizeUriForSignatureV3,
  verifySignatureV1,
  verifySignatureV2,
  verifySignatureV3,
} from '../../dist/server/index.js';
import { hubspotV3Signature } from './helpers.mjs';

// Worked examples published in HubSpot's request-validation docs.
const DOC_SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const DOC_V1_BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

const SECRET = 'sig-test-secret';
const NOW = 1_714_478_460_000;
const BODY = '{"appId":1,"portalId":2,"userId":3}';

describe('checkSignatureV1', { timeout: 5000 }, () => {
  test('matches the documented example', () => {
    const result = checkSignatureV1({
      body: DOC_V1_BODY,
      clientSecret: DOC_SECRET,
      signature: '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
    });
    assert.deepEqual(result, { ok: true });
  });

  test('rejects a changed body and a missing signature', () => {
    const signature = '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de';
    assert.deepEqual(checkSignatureV1({ body: `${DOC_V1_BODY} `, clientSecret: DOC_SECRET, signature }), {
      ok: false,
      reason: 'mismatch',
    });
    assert.deepEqual(checkSignatureV1({ body: DOC_V1_BODY, clientSecret: DOC_SECRET, signature: undefined }), {
      ok: false,
      reason: 'missing-signature',
    });
  });
});

describe('checkSignatureV2', { timeout: 5000 }, () => {
  test('matches the documented GET example (accepts upper-case hex)', () => {
    const result = checkSignatureV2({
      method: 'GET',
      url: 'https://www.example.com/webhook_uri',
      body: '',
      clientSecret: DOC_SECRET,
      signature: 'EEE2DDDCC73C94D699F5E395F4B9D454A069A6855FBFA152E91E88823087200E',
    });
    assert.deepEqual(result, { ok: true });
  });

  test('rejects another URI', () => {
    const result = checkSignatureV2({
      method: 'GET',
      url: 'https://www.example.com/webhook_uri2',
      body: '',
      clientSecret: DOC_SECRET,
      signature: 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
    });
    assert.deepEqual(result, { ok: false, reason: 'mismatch' });
  });
});

describe('checkSignatureV3', { timeout: 5000 }, () => {
  const url = 'https://hooks.vendor.example/hubspot/phone-numbers';
  const sign = (overrides = {}) =>
    hubspotV3Signature({ signedUri: url, body: BODY, timestamp: NOW, secret: SECRET, ...overrides });
  const base = () => ({
    method: 'POST',
    url,
    body: BODY,
    timestamp: String(NOW),
    signature: sign(),
    clientSecret: SECRET,
    now: NOW,
  });

  test('accepts a correctly signed request, with string or Buffer body', () => {
    assert.deepEqual(checkSignatureV3(base()), { ok: true });
    assert.deepEqual(checkSignatureV3({ ...base(), body: Buffer.from(BODY) }), { ok: true });
    assert.deepEqual(checkSignatureV3({ ...base(), timestamp: NOW }), { ok: true });
  });

  test('rejects wrong secret, body, method, URI and signature', () => {
    const mismatch = { ok: false, reason: 'mismatch' };
    assert.deepEqual(checkSignatureV3({ ...base(), clientSecret: 'other' }), mismatch);
    assert.deepEqual(checkSignatureV3({ ...base(), body: BODY.replace('3', '4') }), mismatch);
    assert.deepEqual(checkSignatureV3({ ...base(), method: 'PUT' }), mismatch);
    assert.deepEqual(checkSignatureV3({ ...base(), url: `${url}/x` }), mismatch);
    assert.deepEqual(checkSignatureV3({ ...base(), signature: 'short' }), mismatch);
    assert.deepEqual(checkSignatureV3({ ...base(), signature: `${sign()}A` }), mismatch);
  });

  test('the timestamp is part of what is signed', () => {
    // Same signature, different (still fresh) timestamp header.
    assert.deepEqual(checkSignatureV3({ ...base(), timestamp: String(NOW + 1) }), { ok: false, reason: 'mismatch' });
  });

  test('rejects timestamps older than 5 minutes, accepts exactly 5 minutes', () => {
    const fiveMinutes = 5 * 60 * 1000;
    const old = NOW - fiveMinutes - 1;
    assert.deepEqual(
      checkSignatureV3({ ...base(), timestamp: String(old), signature: sign({ timestamp: old }) }),
      { ok: false, reason: 'stale-timestamp' },
    );
    const edge = NOW - fiveMinutes;
    assert.deepEqual(checkSignatureV3({ ...base(), timestamp: String(edge), signature: sign({ timestamp: edge }) }), {
      ok: true,
    });
  });

  test('rejects timestamps far in the future and in seconds instead of ms', () => {
    const future = NOW + 6 * 60 * 1000;
    assert.deepEqual(
      checkSignatureV3({ ...base(), timestamp: String(future), signature: sign({ timestamp: future }) }),
      { ok: false, reason: 'future-timestamp' },
    );
    const seconds = Math.floor(NOW / 1000);
    assert.deepEqual(
      checkSignatureV3({ ...base(), timestamp: String(seconds), signature: sign({ timestamp: seconds }) }),
      { ok: false, reason: 'stale-timestamp' },
    );
  });

  test('reports missing and malformed headers', () => {
    assert.deepEqual(checkSignatureV3({ ...base(), timestamp: undefined }), { ok: false, reason: 'missing-timestamp' });
    assert.deepEqual(checkSignatureV3({ ...base(), timestamp: '12a' }), { ok: false, reason: 'invalid-timestamp' });
    assert.deepEqual(checkSignatureV3({ ...base(), timestamp: '-5' }), { ok: false, reason: 'invalid-timestamp' });
    assert.deepEqual(checkSignatureV3({ ...base(), signature: '' }), { ok: false, reason: 'missing-signature' });
    assert.deepEqual(checkSignatureV3({ ...base(), clientSecret: '' }), { ok: false, reason: 'missing-secret' });
  });

  test('never throws on wrong input types', () => {
    for (const input of [{ ...base(), method: 42 }, { ...base(), body: { not: 'bytes' } }, null]) {
      const result = checkSignatureV3(input);
      assert.equal(result.ok, false);
      assert.equal(result.reason, 'invalid-input');
      assert.equal(typeof result.detail, 'string');
    }
  });

  test('decodes exactly the listed escapes in the URI before signing', () => {
    const encoded =
      'https://hooks.vendor.example/a%3Ab%2Fc%40d%21e%24f%27g%28h%29i%2Aj%2Ck%3Bl?next=%3Fx&space=%20&amp=%26&eq=%3D&pct=%25';
    const decoded = "https://hooks.vendor.example/a:b/c@d!e$f'g(h)i*j,k;l?next=?x&space=%20&amp=%26&eq=%3D&pct=%25";
    assert.equal(normalizeUriForSignatureV3(encoded), decoded);
    const signature = hubspotV3Signature({ signedUri: decoded, body: BODY, timestamp: NOW, secret: SECRET });
    assert.deepEqual(checkSignatureV3({ ...base(), url: encoded, signature }), { ok: true });
    // Signing the raw (undecoded) form must not verify.
    const rawSignature = hubspotV3Signature({ signedUri: encoded, body: BODY, timestamp: NOW, secret: SECRET });
    assert.deepEqual(checkSignatureV3({ ...base(), url: encoded, signature: rawSignature }), {
      ok: false,
      reason: 'mismatch',
    });
  });

  test('decodes lower-case hex escapes too, but not unlisted ones', () => {
    assert.equal(normalizeUriForSignatureV3('https://x.example/p%3a%2f%2c?q=%20%7e'), 'https://x.example/p:/,?q=%20%7e');
  });
});

/** A genuine V3-signed POST of BODY to `url`, checked at NOW. */
const signedV3 = (url, timestamp = NOW) => ({
  method: 'POST',
  url,
  body: BODY,
  timestamp: String(timestamp),
  signature: hubspotV3Signature({ signedUri: url, body: BODY, timestamp, secret: SECRET }),
  clientSecret: SECRET,
  now: NOW,
});

describe('verifySignatureV1/V2/V3 answer a plain boolean', { timeout: 5000 }, () => {
  const url = 'https://hooks.vendor.example/hubspot/phone-numbers';
  const v3 = () => signedV3(url);
  const v2 = () => ({
    method: 'GET',
    url: 'https://www.example.com/webhook_uri',
    body: '',
    clientSecret: DOC_SECRET,
    signature: 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
  });
  const v1 = () => ({
    body: DOC_V1_BODY,
    clientSecret: DOC_SECRET,
    signature: '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
  });

  test('true for a valid request, false (not a truthy object) for every failure', () => {
    assert.equal(verifySignatureV3(v3()), true);
    assert.equal(verifySignatureV2(v2()), true);
    assert.equal(verifySignatureV1(v1()), true);
    const forged = [
      verifySignatureV3({ ...v3(), signature: 'forged' }),
      verifySignatureV3({ ...v3(), signature: undefined }),
      verifySignatureV3({ ...v3(), now: NOW + 60 * 60 * 1000 }),
      verifySignatureV3(null),
      verifySignatureV2({ ...v2(), signature: 'forged' }),
      verifySignatureV1({ ...v1(), body: `${DOC_V1_BODY} ` }),
      verifySignatureV1(undefined),
    ];
    for (const verdict of forged) assert.equal(verdict, false);
  });

  test('`if (!verifySignatureV3(...)) reject` rejects a forged request', () => {
    const handle = (input) => {
      if (!verifySignatureV3(input)) return 401;
      return 200;
    };
    assert.equal(handle({ ...v3(), signature: 'forged' }), 401);
    assert.equal(handle(v3()), 200);
  });
});

describe('code written for the old { ok, reason } result, as the README changelog describes it', { timeout: 5000 }, () => {
  const url = 'https://hooks.vendor.example/hook';
  const genuine = signedV3(url);
  const forged = { ...genuine, signature: 'Zm9yZ2VkIHNpZ25hdHVyZSBmb3JnZWQgc2lnbmF0dXJlIQ==' };
  const changelog = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').split('## Changelog')[1];

  // Each old style, with the text the changelog quotes for it. The verdict is a boolean,
  // so `.ok` and `.reason` read undefined: which way that falls depends on the style.
  const failsClosed = {
    'if (!result.ok)': (input) => (!verifySignatureV3(input).ok ? 401 : 200),
    'const { ok } = verifySignatureV3(input); if (!ok)': (input) => {
      const { ok } = verifySignatureV3(input);
      return !ok ? 401 : 200;
    },
    'ok !== true': (input) => (verifySignatureV3(input).ok !== true ? 401 : 200),
  };
  const failsOpen = {
    'result.ok === false': (input) => (verifySignatureV3(input).ok === false ? 401 : 200),
    '== false': (input) => (verifySignatureV3(input).ok == false ? 401 : 200), // loose on purpose
    'if (result.reason)': (input) => (verifySignatureV3(input).reason ? 401 : 200),
    "result.reason === 'mismatch'": (input) => (verifySignatureV3(input).reason === 'mismatch' ? 401 : 200),
  };

  for (const [style, handle] of Object.entries(failsClosed)) {
    test(`\`${style}\` fails closed: refuses forged and genuine requests alike`, () => {
      assert.ok(changelog.includes(`\`${style}\``), `the changelog does not name ${style}`);
      assert.equal(handle(forged), 401);
      assert.equal(handle(genuine), 401);
    });
  }
  for (const [style, handle] of Object.entries(failsOpen)) {
    test(`\`${style}\` fails open: accepts a forged request, so the changelog warns about it`, () => {
      assert.ok(changelog.includes(`\`${style}\``), `the changelog does not warn about ${style}`);
      assert.equal(handle(forged), 200);
    });
  }

  test('the changelog says which code fails open and what to search for', () => {
    assert.match(changelog, /Some unmigrated code now fails open/);
    for (const search of ['`verifySignatureV*(...).ok`', '`.reason`', '`=== false`']) {
      assert.ok(changelog.includes(search), `the changelog does not say to search for ${search}`);
    }
    assert.doesNotMatch(changelog, /unmigrated code refuses every request/);
  });
});

describe('checkSignatureV3 never fails open on unusable numbers', { timeout: 5000 }, () => {
  const url = 'https://hooks.vendor.example/hubspot/phone-numbers';
  const yearAgo = NOW - 365 * 24 * 60 * 60 * 1000;
  const signedAt = (timestamp) => signedV3(url, timestamp);
  const assertInvalid = (input, pattern) => {
    const result = checkSignatureV3(input);
    assert.equal(result.ok, false, JSON.stringify(result));
    assert.equal(result.reason, 'invalid-input');
    assert.match(result.detail, pattern);
    assert.equal(verifySignatureV3(input), false);
  };
  const unusable = [NaN, Infinity, -Infinity, -1, '300000', null, true, {}];

  test('maxAgeMs: Number(process.env.UNSET) does not accept a year-old request', () => {
    assertInvalid({ ...signedAt(yearAgo), maxAgeMs: Number(process.env.HUBSPOT_SOFTPHONE_UNSET_FOR_TEST) }, /maxAgeMs must be a finite number.*got NaN.*leave it out/);
  });

  test('maxAgeMs that is NaN, Infinity, negative or not a number', () => {
    for (const maxAgeMs of unusable) assertInvalid({ ...signedAt(yearAgo), maxAgeMs }, /^maxAgeMs must be/);
    // Even on a fresh, correctly signed request: the option itself is wrong.
    for (const maxAgeMs of unusable) assertInvalid({ ...signedAt(NOW), maxAgeMs }, /^maxAgeMs must be/);
    // Usable values still work; 0 means "this very millisecond".
    assert.equal(verifySignatureV3({ ...signedAt(NOW), maxAgeMs: 0 }), true);
    assert.equal(verifySignatureV3({ ...signedAt(NOW - 10), maxAgeMs: 0 }), false);
  });

  test('now that is NaN, Infinity, negative or not a number', () => {
    for (const now of unusable) assertInvalid({ ...signedAt(yearAgo), now }, /^now must be/);
    for (const now of unusable) assertInvalid({ ...signedAt(NOW), now }, /^now must be/);
    // Left out, it is the real clock: a request signed now passes, a year-old one does not.
    const { now: _unused, ...withClock } = signedAt(Date.now());
    assert.equal(verifySignatureV3(withClock), true);
    const { now: _unused2, ...yearOld } = signedAt(yearAgo);
    assert.equal(checkSignatureV3(yearOld).reason, 'stale-timestamp');
  });

  test('a numeric timestamp that is NaN, Infinity, negative or fractional', () => {
    for (const timestamp of [NaN, Infinity, -Infinity, -1, NOW + 0.5, 2 ** 60]) {
      assertInvalid({ ...signedAt(NOW), timestamp }, /^timestamp must be whole milliseconds/);
    }
  });

  test('a timestamp that is neither header text nor a number', () => {
    for (const timestamp of [true, {}, [String(NOW)], Symbol('t')]) {
      assertInvalid({ ...signedAt(NOW), timestamp }, /^timestamp must be the X-HubSpot-Request-Timestamp header text/);
    }
  });

  test('header text stays a header problem: not all digits is invalid-timestamp', () => {
    for (const timestamp of ['NaN', 'Infinity', '-1', '1e12', `${NOW}.5`]) {
      const result = checkSignatureV3({ ...signedAt(NOW), timestamp });
      assert.deepEqual(result, { ok: false, reason: 'invalid-timestamp' }, timestamp);
    }
  });
});
