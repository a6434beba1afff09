/**
 * HubSpot's calling window: one `window` frame owns the call, one `remote` frame per HubSpot
 * tab mirrors it. Every frame is a real cross-origin iframe with its own HubSpotHost (the SDK's
 * IFrameManager in host mode), as each HubSpot tab and the calling window are.
 */
import { expect } from '@open-wc/testing';
import type { SyncContext } from '../../src/host/hubspot-host.js';
import { COMPANY, CONTACT, SYNC, openFrames, type Softphone, pause } from './harness.js';

const WINDOW: SyncContext = { ...SYNC, iframeLocation: 'window', usesCallingWindow: true };
const REMOTE: SyncContext = { ...SYNC, iframeLocation: 'remote', usesCallingWindow: true };
const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };
const types = (phone: Softphone) => phone.host.received().map((m) => m.type);

describe('calling window with remote frames', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const frame of frames) frame.dispose();
    frames = [];
  });

  async function open(count = 2) {
    frames = await openFrames([WINDOW, ...Array<SyncContext>(count).fill(REMOTE)]);
    await frames[0]!.until((s) => s.isOwner, { what: 'the window owning the call' });
    return frames as [Softphone, Softphone, Softphone];
  }

  it('rings once at HubSpot and in every remote, with caller ID and record links', async () => {
    const [win, r1, r2] = await open();
    await win.call('incomingCall', CALL);
    win.host.createEngagementSucceeded(77);
    win.host.callerIdMatchSucceeded([CONTACT, COMPANY]);
    for (const remote of [r1, r2]) {
      const state = await remote.until((s) => s.text.includes('Ada Lovelace') && s.call?.engagementId === 77, { what: 'the mirrored ringing card' });
      expect(state.text).to.contain('Incoming call').and.contain('Analytical Engines Ltd');
      expect(state.isOwner).to.equal(false);
      expect(await remote.read('record-link')).to.have.length(2);
      expect(await remote.read('answer-button')).to.have.length(1);
    }
    await pause(100);
    expect(win.host.received('INCOMING_CALL')).to.have.length(1);
    // A remote tells HubSpot nothing but its own handshake answer.
    for (const remote of [r1, r2]) expect(types(remote)).to.deep.equal(['READY', 'INITIALIZED']);
  });

  it('carries out a remote’s Answer, Hang up, notes and Done once each, in the window', async () => {
    const [win, r1, r2] = await open();
    const call = await win.call('incomingCall', CALL);
    win.host.createEngagementSucceeded(77);
    await r2.until((s) => s.call?.engagementId === 77);
    await r2.click('answer-button');
    await win.host.waitFor('CALL_ANSWERED');
    await r1.until((s) => s.call?.status === 'connected', { what: 'the connected call' });
    expect((await r1.read('timer'))[0]).to.match(/^0:0\d$/);
    await r1.click('hangup-button');
    expect((await win.host.waitFor('CALL_ENDED')).data).to.deep.equal({ externalCallId: call.externalCallId, engagementId: 77, callEndStatus: 'COMPLETED' });
    await r1.until((s) => s.text.includes('Call ended'));
    await r1.input('notes', 'Wants a demo');
    await r2.until((s) => s.text.includes('Call ended'));
    for (let tries = 0; (await r2.value('notes')) !== 'Wants a demo' && tries < 100; tries++) await pause(20);
    expect(await r2.value('notes')).to.equal('Wants a demo');
    await r2.click('done-button');
    const completed = await win.host.waitFor('CALL_COMPLETED');
    expect(completed.data).to.deep.include({ externalCallId: call.externalCallId, engagementId: 77 });
    expect((completed.data as { engagementProperties: object }).engagementProperties).to.deep.include({ hs_call_body: 'Wants a demo' });
    await r1.until((s) => s.call === null && s.text.includes('Available for calls'), { what: 'idle again' });
    await pause(150);
    expect(win.eventsOf('softphone-answer')).to.have.length(1);
    expect(win.eventsOf('softphone-hangup')).to.have.length(1);
    expect(win.eventsOf('softphone-complete')).to.have.length(1);
    expect(types(win).filter((t) => t.startsWith('CALL_'))).to.deep.equal(['CALL_ANSWERED', 'CALL_ENDED', 'CALL_COMPLETED']);
    expect([...r1.eventsOf('softphone-answer'), ...r2.eventsOf('softphone-answer')]).to.deep.equal([]);
    for (const remote of [r1, r2]) expect(types(remote)).to.deep.equal(['READY', 'INITIALIZED']);
  });

  it('takes availability and record links from a remote to the window', async () => {
    const [win, r1, r2] = await open();
    await r1.click('availability-toggle');
    await win.host.waitFor('USER_AVAILABLE');
    await r2.until((s) => s.available, { what: 'the switch on in the other remote' });
    expect((await win.inspect()).available).to.equal(true);
    expect(win.eventsOf('softphone-availability-change').map((e) => e.detail)).to.deep.equal([{ available: true }]);
    await win.call('incomingCall', CALL);
    win.host.callerIdMatchSucceeded([CONTACT, COMPANY]);
    await r2.until((s) => s.text.includes('Analytical Engines Ltd'));
    await r2.click('record-link', 1);
    expect((await win.host.waitFor('NAVIGATE_TO_RECORD')).data).to.deep.include({ objectCoordinates: COMPANY.objectCoordinates });
    expect(win.eventsOf('softphone-navigate')).to.have.length(1);
  });

  it('hands HubSpot’s click-to-call and END_CALL in a remote to the window, where the telephony runs', async () => {
    const [win, r1] = await open();
    r1.host.dialNumber('+15551239999');
    expect((await win.waitForEvent('softphone-dial-number')).detail.phoneNumber).to.equal('+15551239999');
    await win.call('outgoingCall', { toNumber: '+15551239999' });
    await r1.until((s) => s.call?.status === 'dialing');
    r1.host.endCall();
    expect((await win.host.waitFor('CALL_ENDED')).data).to.include({ callEndStatus: 'CANCELED' });
    expect(r1.eventsOf('softphone-dial-number')).to.deep.equal([]);
    expect(win.eventsOf('softphone-end-call-request')).to.have.length(1);
  });

  it('tells HubSpot of a call once when the telephony offers it in a remote as well', async () => {
    const [win, r1, r2] = await open();
    const id = 'sip-call-1';
    await r1.call('incomingCall', { ...CALL, externalCallId: id });
    await win.call('incomingCall', { ...CALL, externalCallId: id });
    await r2.call('incomingCall', { ...CALL, externalCallId: id });
    await r2.until((s) => s.call?.externalCallId === id);
    await pause(150);
    expect(win.host.received('INCOMING_CALL').map((m) => (m.data as { externalCallId: string }).externalCallId)).to.deep.equal([id]);
    // A remote's method validates like the owner's, and what fails is not forwarded.
    expect(await r1.call('endCall', 'LOUDLY').catch((e) => e)).to.include({ isSoftphoneError: true, code: 'INVALID_ARGUMENT' });
    expect(await r1.call('answerCall').catch((e) => e)).to.include({ status: 'connected' });
    await win.host.waitFor('CALL_ANSWERED');
    await pause(100);
    expect(win.host.received('CALL_ENDED')).to.deep.equal([]);
  });

  it('withdraws the call in every remote when the window closes, and offers to open it again', async () => {
    const [win, r1, r2] = await open();
    await win.call('incomingCall', CALL);
    await r1.until((s) => s.call?.status === 'ringing');
    const closedAt = Date.now();
    win.dispose();
    for (const remote of [r1, r2]) {
      const state = await remote.until((s) => s.text.includes('The calling window is closed'), { timeout: 4000, what: 'the closed-window message' });
      expect(state.call).to.equal(null);
      expect(await remote.read('open-window-button')).to.deep.equal(['Open calling window']);
    }
    expect(Date.now() - closedAt).to.be.below(3000);
    const error = await r1.call('answerCall').catch((e) => e);
    expect(error).to.include({ code: 'INVALID_STATE' });
    frames = [r1, r2];
  });

  it('withdraws the call when the window dies without a goodbye (its lock comes free)', async () => {
    const [win, r1] = await open(1);
    await win.call('incomingCall', CALL);
    await r1.until((s) => s.call?.status === 'ringing');
    await win.command({ op: 'silence' });
    const diedAt = Date.now();
    win.dispose();
    await r1.until((s) => s.call === null && s.text.includes('The calling window is closed'), { timeout: 4000, what: 'the withdrawn call' });
    expect(Date.now() - diedAt).to.be.below(3000);
    frames = [r1];
  });

  it('keeps showing the call while a silent window still holds it (a hidden, throttled window is not a dead one)', async () => {
    const [win, r1] = await open(1);
    await win.call('incomingCall', CALL);
    await r1.until((s) => s.call?.status === 'ringing');
    await win.command({ op: 'silence' });
    await pause(2500);
    expect((await r1.inspect()).call?.status).to.equal('ringing');
  });

  it('keeps the call in the remotes through a reload of the window, and a click made meanwhile happens once', async () => {
    const [win, r1, r2] = await open();
    const call = await win.call('incomingCall', CALL);
    win.host.createEngagementSucceeded(77);
    await win.call('answerCall');
    await r1.until((s) => s.call?.status === 'connected' && s.call.engagementId === 77);
    win.host.reload({ ...WINDOW, engagementId: 77 }, { holdSync: true });
    await win.until((s) => !s.ready, { what: 'the reloaded window waiting for SYNC' });
    // Clicked while the window is away: kept by the remote and carried out by the reloaded window.
    await r1.click('hangup-button');
    win.host.sync();
    const initialized = await win.host.waitFor('INITIALIZED', { index: 1 });
    expect(initialized.data).to.deep.include({ engagementId: 77 });
    expect((await win.host.waitFor('CALL_ENDED')).data).to.deep.equal({ externalCallId: call.externalCallId, engagementId: 77, callEndStatus: 'COMPLETED' });
    await r2.until((s) => s.call?.status === 'ended');
    await pause(200);
    expect(types(win).filter((t) => t.startsWith('CALL_') || t === 'INCOMING_CALL')).to.deep.equal(['INCOMING_CALL', 'CALL_ANSWERED', 'CALL_ENDED']);
    const restored = win.eventsOf('softphone-call-change').find((e) => e.detail.restored);
    expect(restored?.detail.call).to.include({ externalCallId: call.externalCallId, status: 'connected', answeredAt: (await r2.inspect()).call.answeredAt });
  });

  it('never lets a remote own the call, and warns once about a second element on one page', async () => {
    const [win, r1] = await open(1);
    await r1.command({ op: 'second' });
    // The warning's words load on demand.
    await pause(300);
    const state = await r1.inspect();
    expect(state.isOwner).to.equal(false);
    expect(state.warnings.filter((w) => w.includes('Two elements on one page'))).to.have.length(1);
    expect(win.eventsOf('softphone-ownership-change').map((e) => e.detail)).to.deep.equal([{ isOwner: true }]);
    expect(r1.eventsOf('softphone-ownership-change').map((e) => e.detail)).to.deep.equal([{ isOwner: false }]);
  });
});
