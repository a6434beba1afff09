/**
 * The stored call as the next page finds it: corrupt, wrong types, from the future, huge.
 * None may crash the element or come back as a call; a sane one still does.
 */
import { expect } from '@open-wc/testing';
import { SYNC } from '../protocol/harness.js';
import { CALL, SCOPE, evalIn, newChannel, openProbe, pause } from './probe-harness.js';

const now = Date.now();
const call = { externalCallId: 'stored-1', direction: 'INBOUND', status: 'connected', fromNumber: CALL.fromNumber, toNumber: CALL.toNumber, callerIdMatches: [], startedAt: now - 5000, answeredAt: now - 4000 };
const record = (patch: Record<string, unknown> = {}, callPatch: Record<string, unknown> = {}) =>
  JSON.stringify({ v: 1, scope: SCOPE, savedAt: now, state: { call: { ...call, ...callPatch }, notes: '' }, done: [], ...patch });

const CASES: [string, string, boolean][] = [
  ['invalid JSON', '{"v":1,', false],
  ['JSON null', 'null', false],
  ['a number', '42', false],
  ['wrong version', record({ v: 2 }), false],
  ['savedAt as a string', record({ savedAt: String(now) }), false],
  ['savedAt an hour in the future', record({ savedAt: now + 3_600_000 }), false],
  ['a ringing call that started in the future', record({}, { status: 'ringing', answeredAt: undefined, startedAt: now + 3_600_000 }), false],
  ['a connected call started a day from now', record({}, { startedAt: now + 86_400_000, answeredAt: now + 86_400_000 }), false],
  ['status ended without endStatus', record({}, { status: 'ended' }), false],
  ['notes over the limit', JSON.stringify({ v: 1, scope: SCOPE, savedAt: now, state: { call, notes: 'n'.repeat(70_000) }, done: [] }), false],
  ['done full of junk', record({ done: [1, null, {}, 'x'.repeat(1000)] }), true],
  ['a sane record', record(), true],
];

describe('probe: tampered stored call', () => {
  for (const [what, raw, restores] of CASES) {
    it(`${what}: ${restores ? 'restored' : 'discarded'}, nothing thrown`, async () => {
      const channel = newChannel();
      const phone = await openProbe({ channel });
      try {
        // After the election: a new owner's first save (idle) clears the key.
        await phone.until((s) => s.isOwner);
        await pause(50);
        await evalIn(phone, `sessionStorage.setItem(${JSON.stringify(`hubspot-softphone:${channel}`)}, ${JSON.stringify(raw)});`);
        phone.host.reload(SYNC);
        await phone.host.waitFor('INITIALIZED', { index: 1 });
        await phone.until((s) => s.isOwner);
        await pause(100);
        const state = await phone.inspect();
        expect(state.uncaught).to.deep.equal([]);
        const seen = JSON.stringify({ events: phone.eventsOf('softphone-call-change').map((e) => e.detail.restored), owner: phone.eventsOf('softphone-ownership-change').length, text: state.text });
        expect(state.call?.externalCallId ?? null, seen).to.equal(restores ? 'stored-1' : null);
      } finally {
        phone.dispose();
      }
    });
  }
});
