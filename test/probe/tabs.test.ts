/**
 * Several real HubSpot tabs without a calling window (this page's frames count as tabs: they
 * share the origin's locks and channel). Owner loss mid-ring and mid-wrap-up, three tabs, a
 * click kept too long, and the vendor offering the call in every tab.
 */
import { expect } from '@open-wc/testing';
import { SYNC, type Softphone } from '../protocol/harness.js';
import { openHubSpotTab } from '../protocol/hubspot-tabs.js';
import { closeAllTabs } from '../protocol/tabs.js';
import { CALL, newChannel, openProbe, pause } from './probe-harness.js';

describe('probe: several tabs', () => {
  let frames: Softphone[] = [];
  afterEach(async () => {
    for (const f of frames) f.dispose();
    frames = [];
    await closeAllTabs();
  });

  it('three tabs: the owner closes mid-ring; one tab takes over, the other follows it, a click in it happens once', async () => {
    const channel = newChannel();
    const owner = await openHubSpotTab({ sync: SYNC, attrs: { channel, available: '' } });
    await owner.until((s) => s.isOwner);
    const b = await openProbe({ channel, id: 'probe-host-0' });
    const c = await openProbe({ channel, id: 'probe-host-1' });
    frames = [b, c];
    const call = await owner.call('incomingCall', { ...CALL, externalCallId: 'three-1' });
    await owner.hostSend('CREATE_ENGAGEMENT_SUCCEEDED', { engagementId: 301 });
    for (const t of [b, c]) await t.until((s) => s.call?.engagementId === 301);
    await owner.close();
    await pause(1500);
    const [sb, sc] = [await b.inspect(), await c.inspect()];
    expect([sb.isOwner, sc.isOwner].filter(Boolean), 'owners').to.have.length(1);
    const [next, other] = sb.isOwner ? [b, c] : [c, b];
    expect((await next.inspect()).available, 'new owner keeps availability').to.equal(true);
    await other.click('answer-button');
    await next.host.waitFor('CALL_ANSWERED');
    await pause(300);
    expect(next.host.received('CALL_ANSWERED').map((m) => m.data)).to.deep.equal([{ externalCallId: call.externalCallId }]);
    // A mirror tells its own HubSpot tab the user's availability, never anything about the call.
    expect(other.host.received().map((m) => m.type)).to.deep.equal(['READY', 'INITIALIZED', 'USER_AVAILABLE']);
    // The new owner's HubSpot hears availability (it mirrored it).
    expect(next.host.received().map((m) => m.type)).to.include('USER_AVAILABLE');
  });

  it('the owner closes in wrap-up: notes typed in a mirror are kept and sent with Done', async () => {
    const channel = newChannel();
    const owner = await openHubSpotTab({ sync: SYNC, attrs: { channel } });
    await owner.until((s) => s.isOwner);
    const b = await openProbe({ channel });
    frames = [b];
    await owner.call('incomingCall', CALL);
    await owner.call('answerCall');
    await owner.call('endCall');
    await b.until((s) => s.call?.status === 'ended');
    await b.input('notes', 'typed in B');
    await pause(100);
    await owner.close();
    await b.until((s) => s.isOwner, { timeout: 4000 });
    expect(await b.value('notes')).to.equal('typed in B');
    await b.click('done-button');
    expect(((await b.host.waitFor('CALL_COMPLETED')).data as any).engagementProperties).to.deep.include({ hs_call_body: 'typed in B' });
  });

  it('a click the frozen owner never heard is not carried out by the next owner after 10 s (PENDING_MS)', async function () {
    this.timeout(30_000);
    const channel = newChannel();
    const owner = await openHubSpotTab({ sync: SYNC, attrs: { channel } });
    await owner.until((s) => s.isOwner);
    const b = await openProbe({ channel });
    frames = [b];
    await owner.call('incomingCall', CALL);
    await b.until((s) => s.call?.status === 'ringing');
    await owner.command({ op: 'freeze' });
    await b.click('decline-button');
    // call-sync.ts: "A click older than this is not carried out by a new owner." (PENDING_MS = 10 s)
    await pause(11_000);
    await owner.close();
    await b.until((s) => s.isOwner, { timeout: 4000 });
    await pause(300);
    expect(b.host.received('CALL_ENDED').map((m) => (m.data as any).callEndStatus), 'an 11-second-old Decline carried out').to.deep.equal([]);
  });

});
