/**
 * A frame reloading with a call, again and again, with HubSpot SYNCing as soon as it loads.
 * Checks that the old document's lock is always free by the time the reloaded page asks with
 * `ifAvailable` (if not, see lock-busy.test.ts: the stored call would be dropped). Passes today.
 */
import { expect } from '@open-wc/testing';
import { SYNC } from '../protocol/harness.js';
import { CALL, newChannel, openProbe, pause } from './probe-harness.js';

const RELOADS = 15;

describe('probe: reload races', () => {
  it(`a connected call survives ${RELOADS} reloads in a row (HubSpot SYNCs at once)`, async function () {
    this.timeout(60_000);
    const phone = await openProbe({ channel: newChannel() });
    try {
      const call = await phone.call('incomingCall', CALL);
      phone.host.createEngagementSucceeded(5);
      await phone.call('answerCall');
      await phone.until((s) => s.call?.engagementId === 5);
      const lost: number[] = [];
      for (let i = 1; i <= RELOADS; i++) {
        phone.host.reload({ ...SYNC, engagementId: 5 });
        await phone.host.waitFor('INITIALIZED', { index: i });
        await phone.until((s) => s.isOwner, { what: `owner after reload ${i}` });
        await pause(50);
        const after = await phone.inspect();
        if (after.call?.externalCallId !== call.externalCallId) {
          lost.push(i);
          break;
        }
      }
      expect(lost, 'reloads after which the call was gone').to.deep.equal([]);
    } finally {
      phone.dispose();
    }
  });
});

describe('probe: reload races (fresh page)', () => {
  it('a stored call is restored every time a freshly opened frame reloads', async function () {
    this.timeout(90_000);
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const channel = newChannel();
      const phone = await openProbe({ channel });
      try {
        await phone.until((s) => s.isOwner);
        const call = await phone.call('incomingCall', CALL);
        await phone.host.waitFor('INCOMING_CALL');
        phone.host.reload(SYNC);
        await phone.host.waitFor('INITIALIZED', { index: 1 });
        await phone.until((s) => s.isOwner);
        await pause(50);
        const state = await phone.inspect();
        outcomes.push(state.call?.externalCallId === call.externalCallId ? 'restored' : `LOST (${phone.eventsOf('softphone-call-change').filter((e) => e.detail.restored).length} restore events)`);
      } finally {
        phone.dispose();
      }
    }
    expect(outcomes.filter((o) => o !== 'restored'), outcomes.join(', ')).to.deep.equal([]);
  });
});
