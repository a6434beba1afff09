/**
 * The stored call (sessionStorage) outliving the call it describes, so a later reload brings
 * back a call HubSpot already logged: a "ghost" call.
 */
import { expect } from '@open-wc/testing';
import { SYNC, type Softphone } from '../protocol/harness.js';
import { openHubSpotTab } from '../protocol/hubspot-tabs.js';
import { closeAllTabs } from '../protocol/tabs.js';
import { CALL, evalIn, newChannel, openProbe, pause } from './probe-harness.js';

describe('probe: stored call outlives its call', () => {
  let frames: Softphone[] = [];
  afterEach(async () => {
    for (const f of frames) f.dispose();
    frames = [];
    await closeAllTabs();
  });

  it('changing `channel` mid-call leaves the old record behind; a reload restores a completed call', async () => {
    const channel = newChannel();
    const phone = await openProbe({ channel });
    frames = [phone];
    await phone.call('incomingCall', CALL);
    await phone.call('answerCall');
    // The vendor's framework sets the channel once it knows the user (or a new element renders with another one).
    await phone.set('channel', `${channel}-user-42`);
    await pause(50);
    await phone.call('endCall');
    await phone.call('completeCall');
    await phone.host.waitFor('CALL_COMPLETED');
    const keys = await evalIn(phone, `return Object.keys(sessionStorage).filter((k) => k.startsWith('hubspot-softphone:${channel}'));`);
    // The page reloads (its markup has the original channel again) and HubSpot re-SYNCs without an engagement.
    phone.host.reload(SYNC);
    await phone.host.waitFor('INITIALIZED', { index: 1 });
    await phone.until((s) => s.isOwner);
    await pause(200);
    const state = await phone.inspect();
    expect(state.call, `a completed call came back (stored keys before the reload: ${keys.join(', ')})`).to.equal(null);
  });

  it('a tab that lost ownership during its reload does not later restore the call another tab completed', async function () {
    this.timeout(20000);
    const channel = newChannel();
    const a = await openProbe({ channel, sync: SYNC });
    frames = [a];
    await a.until((s) => s.isOwner);
    const b = await openHubSpotTab({ sync: SYNC, attrs: { channel } });
    const call = await a.call('incomingCall', CALL);
    a.host.createEngagementSucceeded(91);
    await a.call('answerCall');
    await b.until((s) => s.call?.status === 'connected' && s.call.engagementId === 91);
    // Tab A's frame reloads; HubSpot is slow to SYNC it. Tab B takes the call over and finishes it.
    a.host.reload({ ...SYNC, engagementId: 91 }, { holdSync: true });
    await b.until((s) => s.isOwner, { timeout: 4000, what: 'tab B taking over' });
    await b.call('endCall');
    await b.call('completeCall');
    await b.until((s) => s.call === null);
    expect((await b.received('CALL_COMPLETED')).length).to.equal(1);
    // The user closes tab B; A's SYNC arrives.
    await b.close();
    await pause(100);
    a.host.sync();
    await a.host.waitFor('INITIALIZED', { index: 1 });
    await a.until((s) => s.isOwner);
    await pause(200);
    const state = await a.inspect();
    expect(state.call, `call ${call.externalCallId} (completed in tab B) came back in tab A`).to.equal(null);
  });
});
