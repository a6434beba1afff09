import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
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

describe('verifySignatureV1', { timeout: 5000 }, () => {
  test('matches the documented example', () => {
    const result = verifySignatureV1({
      body: DOC_V1_BODY,
      clientSecret: DOC_SECRET,
      signature: '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
    });
    assert.deepEqual(result, { ok: true });
  });

  test('rejects a changed body and a missing signature', () => {
    const signature = '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de';
    assert.deepEqual(verifySignatureV1({ body: `${DOC_V1_BODY} `, clientSecret: DOC_SECRET, signature }), {
      ok: false,
      reason: 'mismatch',
    });
    assert.deepEqual(verifySignatureV1({ body: DOC_V1_BODY, clientSecret: DOC_SECRET, signature: undefined }), {
      ok: false,
      reason: 'missing-signature',
    });
  });
});

describe('verifySignatureV2', { timeout: 5000 }, () => {
  test('matches the documented GET example (accepts upper-case hex)', () => {
    const result = verifySignatureV2({
      method: 'GET',
      url: 'https://www.example.com/webhook_uri',
      body: '',
      clientSecret: DOC_SECRET,
      signature: 'EEE2DDDCC73C94D699F5E395F4B9D454A069A6855FBFA152E91E88823087200E',
    });
    assert.deepEqual(result, { ok: true });
  });

  test('rejects another URI', () => {
    const result = verifySignatureV2({
      method: 'GET',
      url: 'https://www.example.com/webhook_uri2',
      body: '',
      clientSecret: DOC_SECRET,
      signature: 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
    });
    assert.deepEqual(result, { ok: false, reason: 'mismatch' });
  });
});

describe('verifySignatureV3', { timeout: 5000 }, () => {
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
    assert.deepEqual(verifySignatureV3(base()), { ok: true });
    assert.deepEqual(verifySignatureV3({ ...base(), body: Buffer.from(BODY) }), { ok: true });
    assert.deepEqual(verifySignatureV3({ ...base(), timestamp: NOW }), { ok: true });
  });

  test('rejects wrong secret, body, method, URI and signature', () => {
    const mismatch = { ok: false, reason: 'mismatch' };
    assert.deepEqual(verifySignatureV3({ ...base(), clientSecret: 'other' }), mismatch);
    assert.deepEqual(verifySignatureV3({ ...base(), body: BODY.replace('3', '4') }), mismatch);
    assert.deepEqual(verifySignatureV3({ ...base(), method: 'PUT' }), mismatch);
    assert.deepEqual(verifySignatureV3({ ...base(), url: `${url}/x` }), mismatch);
    assert.deepEqual(verifySignatureV3({ ...base(), signature: 'short' }), mismatch);
    assert.deepEqual(verifySignatureV3({ ...base(), signature: `${sign()}A` }), mismatch);
  });

  test('the timestamp is part of what is signed', () => {
    // Same signature, different (still fresh) timestamp header.
    assert.deepEqual(verifySignatureV3({ ...base(), timestamp: String(NOW + 1) }), { ok: false, reason: 'mismatch' });
  });

  test('rejects timestamps older than 5 minutes, accepts exactly 5 minutes', () => {
    const fiveMinutes = 5 * 60 * 1000;
    const old = NOW - fiveMinutes - 1;
    assert.deepEqual(
      verifySignatureV3({ ...base(), timestamp: String(old), signature: sign({ timestamp: old }) }),
      { ok: false, reason: 'stale-timestamp' },
    );
    const edge = NOW - fiveMinutes;
    assert.deepEqual(verifySignatureV3({ ...base(), timestamp: String(edge), signature: sign({ timestamp: edge }) }), {
      ok: true,
    });
  });

  test('rejects timestamps far in the future and in seconds instead of ms', () => {
    const future = NOW + 6 * 60 * 1000;
    assert.deepEqual(
      verifySignatureV3({ ...base(), timestamp: String(future), signature: sign({ timestamp: future }) }),
      { ok: false, reason: 'future-timestamp' },
    );
    const seconds = Math.floor(NOW / 1000);
    assert.deepEqual(
      verifySignatureV3({ ...base(), timestamp: String(seconds), signature: sign({ timestamp: seconds }) }),
      { ok: false, reason: 'stale-timestamp' },
    );
  });

  test('reports missing and malformed headers', () => {
    assert.deepEqual(verifySignatureV3({ ...base(), timestamp: undefined }), { ok: false, reason: 'missing-timestamp' });
    assert.deepEqual(verifySignatureV3({ ...base(), timestamp: '12a' }), { ok: false, reason: 'invalid-timestamp' });
    assert.deepEqual(verifySignatureV3({ ...base(), timestamp: '-5' }), { ok: false, reason: 'invalid-timestamp' });
    assert.deepEqual(verifySignatureV3({ ...base(), signature: '' }), { ok: false, reason: 'missing-signature' });
    assert.deepEqual(verifySignatureV3({ ...base(), clientSecret: '' }), { ok: false, reason: 'missing-secret' });
  });

  test('never throws on wrong input types', () => {
    assert.deepEqual(verifySignatureV3({ ...base(), method: 42 }), { ok: false, reason: 'invalid-input' });
    assert.deepEqual(verifySignatureV3({ ...base(), body: { not: 'bytes' } }), { ok: false, reason: 'invalid-input' });
    assert.deepEqual(verifySignatureV3(null), { ok: false, reason: 'invalid-input' });
  });

  test('decodes exactly the listed escapes in the URI before signing', () => {
    const encoded =
      'https://hooks.vendor.example/a%3Ab%2Fc%40d%21e%24f%27g%28h%29i%2Aj%2Ck%3Bl?next=%3Fx&space=%20&amp=%26&eq=%3D&pct=%25';
    const decoded = "https://hooks.vendor.example/a:b/c@d!e$f'g(h)i*j,k;l?next=?x&space=%20&amp=%26&eq=%3D&pct=%25";
    assert.equal(normalizeUriForSignatureV3(encoded), decoded);
    const signature = hubspotV3Signature({ signedUri: decoded, body: BODY, timestamp: NOW, secret: SECRET });
    assert.deepEqual(verifySignatureV3({ ...base(), url: encoded, signature }), { ok: true });
    // Signing the raw (undecoded) form must not verify.
    const rawSignature = hubspotV3Signature({ signedUri: encoded, body: BODY, timestamp: NOW, secret: SECRET });
    assert.deepEqual(verifySignatureV3({ ...base(), url: encoded, signature: rawSignature }), {
      ok: false,
      reason: 'mismatch',
    });
  });

  test('decodes lower-case hex escapes too, but not unlisted ones', () => {
    assert.equal(normalizeUriForSignatureV3('https://x.example/p%3a%2f%2c?q=%20%7e'), 'https://x.example/p:/,?q=%20%7e');
  });
});
