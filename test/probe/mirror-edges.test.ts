/**
 * Mirrors in odd spots: what a second tab's HubSpot is told about availability, a page
 * method with data that cannot cross frames made before the role is known, hostile or stray
 * owner states on the channel, another portal on the same channel.
 */
import { expect } from '@open-wc/testing';
import { SYNC, type Softphone } from '../protocol/harness.js';
import { CALL, evalIn, newChannel, openProbe, openWindowAndRemotes, pause, REMOTE, types, WINDOW } from './probe-harness.js';

describe('probe: mirror edges', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('a second tab’s HubSpot hears the availability its switch shows (the owner’s)', async () => {
    const channel = newChannel();
    const a = await openProbe({ channel, sync: SYNC, id: 'probe-host-0', attrs: { available: '' } });
    await a.until((s) => s.isOwner);
    const b = await openProbe({ channel, sync: SYNC, id: 'probe-host-1' });
    frames = [a, b];
    const shown = await b.until((s) => s.available, { what: 'the switch on in tab B' });
    expect(shown.text).to.contain('Available');
    await pause(200);
    const told = b.host.received().filter((m) => ['INITIALIZED', 'USER_AVAILABLE', 'USER_UNAVAILABLE'].includes(m.type));
    const last = told[told.length - 1]!;
    const available = last.type === 'INITIALIZED' ? (last.data as any).isAvailable : last.type === 'USER_AVAILABLE';
    expect(available, `tab B’s HubSpot was told ${JSON.stringify(told.map((m) => [m.type, m.data]))} while its switch shows Available`).to.equal(true);
  });

  it('a remote whose page offered a call with a non-cloneable field before SYNC still answers HubSpot and follows the window', async () => {
    const channel = newChannel();
    const win = await openProbe({ sync: WINDOW, channel, id: 'probe-host-0' });
    await win.until((s) => s.isOwner);
    const remote = await openProbe({ sync: REMOTE, channel, id: 'probe-host-1', holdSync: true });
    frames = [win, remote];
    // e.g. phone.incomingCall(invitation) where the SIP library's object carries a callback.
    const offered = await evalIn(remote, `
      await new Promise((r) => setTimeout(r, 200));
      try { el.incomingCall({ fromNumber: '+15551230001', toNumber: '+15551230002', externalCallId: 'sip-9', onCancel() {} }); return 'accepted'; }
      catch (e) { return 'threw ' + e.code; }`);
    remote.host.sync();
    const initialized = await remote.host.waitFor('INITIALIZED', { timeout: 4000 }).then(() => true, () => false);
    const state = await remote.inspect();
    expect(initialized, `remote answered SYNC (offer ${offered}; uncaught: ${state.uncaught.join(' | ')}; shows "${state.text}")`).to.equal(true);
    expect(state.uncaught, 'uncaught errors in the remote').to.deep.equal([]);
  });

  it('another portal’s frames on the same channel never mirror this one', async () => {
    const channel = newChannel();
    const a = await openProbe({ channel, sync: SYNC, id: 'probe-host-0' });
    const b = await openProbe({ channel, sync: { ...SYNC, portalId: 999 }, id: 'probe-host-1' });
    frames = [a, b];
    await a.until((s) => s.isOwner);
    await b.until((s) => s.isOwner, { what: 'the other portal owning its own calls' });
    await a.call('incomingCall', CALL);
    await pause(300);
    expect((await b.inspect()).call).to.equal(null);
    expect(types(b).filter((t) => t === 'INCOMING_CALL')).to.deep.equal([]);
  });

  it('endCall() on a mirror after the owner already ended: nothing more reaches HubSpot', async () => {
    frames = await openWindowAndRemotes(1);
    const [win, remote] = frames as [Softphone, Softphone];
    await win.call('incomingCall', CALL);
    await win.call('answerCall');
    await remote.until((s) => s.call?.status === 'connected');
    // Both in one instant: the owner ends it, the remote's page ends it too.
    await Promise.all([win.call('endCall', 'FAILED'), remote.call('endCall').catch((e) => e)]);
    await pause(300);
    expect(win.host.received('CALL_ENDED').map((m) => (m.data as any).callEndStatus)).to.deep.equal(['FAILED']);
    expect((await remote.inspect()).call.endStatus).to.equal('FAILED');
  });
});

describe('probe: hostile seq', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

});
