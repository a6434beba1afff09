/**
 * A reloaded owner whose first, non-waiting lock request finds the lock briefly taken (the old
 * document's lock not yet released, a remote's watch request holding it for a moment). It then
 * starts as a mirror and takes the lock from the queue: the call it had stored must still come back.
 * (Forced here by holding the lock from another frame of the origin for 500 ms.)
 */
import { expect } from '@open-wc/testing';
import { SCOPE, REMOTE, WINDOW, CALL, evalIn, newChannel, openProbe, pause } from './probe-harness.js';
import type { Softphone } from '../protocol/harness.js';

describe('probe: lock briefly busy when the reloaded owner asks', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('the calling window still restores its connected call', async () => {
    const channel = newChannel();
    const win = await openProbe({ sync: WINDOW, channel, id: 'probe-host-0' });
    const remote = await openProbe({ sync: REMOTE, channel, id: 'probe-host-1' });
    frames = [win, remote];
    await win.until((s) => s.isOwner);
    const call = await win.call('incomingCall', CALL);
    win.host.createEngagementSucceeded(12);
    await win.call('answerCall');
    await remote.until((s) => s.call?.status === 'connected' && s.call.engagementId === 12);
    win.host.reload({ ...WINDOW, engagementId: 12 }, { holdSync: true });
    await win.until((s) => !s.ready);
    const lock = `hubspot-softphone:${channel}:${SCOPE}`;
    await evalIn(remote, `await new Promise((granted) => navigator.locks.request(${JSON.stringify(lock)}, () => (granted(), new Promise((r) => setTimeout(r, 500)))));`);
    win.host.sync();
    await win.host.waitFor('INITIALIZED', { index: 1 });
    await pause(1500);
    const state = await win.inspect();
    expect(state.isOwner).to.equal(true);
    expect(state.call?.externalCallId ?? null, 'the window’s call after it got the lock').to.equal(call.externalCallId);
  });
});
