/**
 * Re-renders (the driver's detach / attach) at states the existing tests do not cover: idle,
 * in a remote mid-call, before the handshake, and an element removed mid-call that never comes back.
 */
import { expect } from '@open-wc/testing';
import { SYNC, type Softphone } from '../protocol/harness.js';
import { CALL, evalIn, newChannel, openProbe, openWindowAndRemotes, pause, types, WINDOW } from './probe-harness.js';

describe('probe: re-renders', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('idle owner: HubSpot’s click-to-call while no element is attached reaches the new element', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await phone.command({ op: 'detach' });
    await pause(50);
    phone.host.dialNumber('+15551239999');
    await pause(50);
    await phone.command({ op: 'attach' });
    const dial = await phone.waitForEvent('softphone-dial-number', { timeout: 2000 }).catch(() => null);
    expect(dial?.detail.phoneNumber, 'softphone-dial-number in the new element').to.equal('+15551239999');
  });

  it('idle owner: a re-render does not answer HubSpot’s handshake a second time', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await phone.command({ op: 'detach' });
    await pause(50);
    await phone.command({ op: 'attach' });
    await phone.until((s) => s.isOwner);
    await pause(200);
    expect(types(phone), 'what HubSpot heard').to.deep.equal(['READY', 'INITIALIZED']);
  });

  it('remote mid-call: a re-render does not answer HubSpot’s handshake a second time', async () => {
    frames = await openWindowAndRemotes(1);
    const [win, remote] = frames as [Softphone, Softphone];
    await win.call('incomingCall', CALL);
    await remote.until((s) => s.call?.status === 'ringing');
    await remote.command({ op: 'detach' });
    await pause(50);
    await remote.command({ op: 'attach' });
    await remote.until((s) => s.call?.status === 'ringing', { what: 'the ringing card in the new element' });
    await pause(200);
    expect(types(remote), 'what the remote’s HubSpot heard').to.deep.equal(['READY', 'INITIALIZED']);
  });

  it('remote: a click made while the window reloads survives a re-render of the remote', async () => {
    frames = await openWindowAndRemotes(1);
    const [win, remote] = frames as [Softphone, Softphone];
    await win.call('incomingCall', CALL);
    await win.call('answerCall');
    await remote.until((s) => s.call?.status === 'connected');
    win.host.reload(WINDOW, { holdSync: true });
    await win.until((s) => !s.ready);
    await remote.click('hangup-button');
    // The remote's page re-renders (the click changed the vendor's UI state).
    await remote.command({ op: 'detach' });
    await pause(30);
    await remote.command({ op: 'attach' });
    win.host.sync();
    const ended = await win.host.waitFor('CALL_ENDED', { timeout: 3000 }).catch(() => null);
    expect(ended?.data ?? 'no CALL_ENDED: the click was lost with the remote’s session', 'the Hang up clicked in the remote').to.deep.include({ callEndStatus: 'COMPLETED' });
  });

  it('owner removed mid-call, call finished on the detached element: the session lets go (ownership can move)', async () => {
    const channel = newChannel();
    const a = await openProbe({ sync: SYNC, channel, id: 'probe-host-0' });
    await a.until((s) => s.isOwner);
    const b = await openProbe({ sync: SYNC, channel, id: 'probe-host-1' });
    frames = [a, b];
    await a.call('incomingCall', CALL);
    await b.until((s) => s.call?.status === 'ringing');
    await a.command({ op: 'detach' });
    // The vendor still holds the element it rendered and finishes the call on it.
    await a.call('endCall');
    await a.call('completeCall');
    await a.host.waitFor('CALL_COMPLETED');
    // No element, no call: nothing is left for this page to own. Another frame should be able to own.
    const moved = await b.until((s) => s.isOwner, { timeout: 2500, what: 'ownership moving to the other frame' }).then(() => true, () => false);
    expect(moved, 'the other frame became the owner').to.equal(true);
  });

  it('owner removed mid-call and never re-added: ring-timeout still fires, END_CALL still ends it', async () => {
    const phone = await openProbe({ channel: newChannel(), attrs: { 'ring-timeout': '1' } });
    frames = [phone];
    await phone.call('incomingCall', CALL);
    await phone.command({ op: 'detach' });
    const ended = await phone.host.waitFor('CALL_ENDED', { timeout: 3000 });
    expect(ended.data).to.include({ callEndStatus: 'MISSED' });
    await phone.command({ op: 'attach' });
    await phone.call('completeCall');
    await phone.call('incomingCall', CALL);
    await phone.command({ op: 'detach' });
    phone.host.endCall();
    const second = await phone.host.waitFor('CALL_ENDED', { index: 1 });
    expect(second.data).to.include({ callEndStatus: 'REJECTED' });
  });

  it('before the handshake: reportError() survives a re-render and reaches HubSpot once SYNC comes', async () => {
    const phone = await openProbe({ channel: newChannel(), holdSync: true });
    frames = [phone];
    await phone.call('reportError', 'Sign-in failed');
    await phone.command({ op: 'detach' });
    await pause(50);
    await phone.command({ op: 'attach' });
    phone.host.sync();
    await phone.host.waitFor('INITIALIZED');
    await pause(300);
    expect(phone.host.received('ERROR').map((m) => (m.data as any).message)).to.deep.equal(['Sign-in failed']);
  });

  it('two elements at once: removing the newest mid-call hands events to the other', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.command({ op: 'second' });
    await pause(50);
    await phone.call('incomingCall', CALL);
    // Remove the newest (the one the driver did not keep), then HubSpot ends the call.
    await evalIn(phone, `elements[elements.length - 1].remove();`);
    await pause(20);
    phone.host.endCall();
    await phone.host.waitFor('CALL_ENDED');
    await pause(100);
    expect(phone.eventsOf('softphone-end-call-request'), 'event on the remaining element').to.have.length(1);
  });
});
