/**
 * Reloads and re-renders mid-call. HubSpot reloads the calling iframe when the user navigates
 * (host.reload() sets the iframe's src and SYNCs again, with the call's engagementId or none);
 * a framework replaces the element (the driver's detach / attach).
 */
import { expect } from '@open-wc/testing';
import type { SyncContext } from '../../src/host/hubspot-host.js';
import { CONTACT, SYNC, openSoftphone, type Softphone, pause } from './harness.js';

const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };
const callTypes = (phone: Softphone) => phone.host.received().map((m) => m.type).filter((t) => /CALL|INCOMING/.test(t));

describe('reload mid-call', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  async function reload(context: SyncContext) {
    const before = phone!.host.received('INITIALIZED').length;
    phone!.host.reload(context);
    const initialized = await phone!.host.waitFor('INITIALIZED', { index: before });
    return initialized.data as Record<string, unknown>;
  }

  it('brings a ringing call back with its caller ID and Answer', async () => {
    phone = await openSoftphone();
    const call = await phone.call('incomingCall', CALL);
    phone.host.createEngagementSucceeded(31);
    phone.host.callerIdMatchSucceeded([CONTACT]);
    await phone.until((s) => s.call?.callerIdMatches.length === 1 && s.call.engagementId === 31);
    expect(await reload({ ...SYNC, engagementId: 31 })).to.deep.equal({ isLoggedIn: true, isAvailable: false, engagementId: 31 });
    const state = await phone.until((s) => s.call?.status === 'ringing', { what: 'the ringing card back' });
    expect(state.text).to.contain('Ada Lovelace').and.contain('Answer');
    const restored = await phone.waitForEvent('softphone-call-change', { where: (d) => d.restored });
    expect(restored.detail.call).to.deep.equal(call && { ...call, engagementId: 31, callerIdMatches: [CONTACT] });
    await phone.click('answer-button');
    expect((await phone.host.waitFor('CALL_ANSWERED')).data).to.deep.equal({ externalCallId: call.externalCallId });
    expect(callTypes(phone)).to.deep.equal(['INCOMING_CALL', 'CALL_ANSWERED']);
  });

  it('keeps a connected call’s timer running from the original answer', async () => {
    phone = await openSoftphone();
    const call = await phone.call('incomingCall', { ...CALL, callStartTime: Date.now() - 60_000 });
    phone.host.createEngagementSucceeded(32);
    const answered = await phone.call('answerCall');
    await pause(1100);
    await reload({ ...SYNC, engagementId: 32 });
    const state = await phone.until((s) => s.call?.status === 'connected');
    expect(state.call.answeredAt).to.equal(answered.answeredAt);
    const [timer] = await phone.read('timer');
    expect(timer).to.match(/^0:0[1-3]$/);
    await phone.click('hangup-button');
    expect((await phone.host.waitFor('CALL_ENDED')).data).to.deep.equal({ externalCallId: call.externalCallId, engagementId: 32, callEndStatus: 'COMPLETED' });
    expect(callTypes(phone)).to.deep.equal(['INCOMING_CALL', 'CALL_ANSWERED', 'CALL_ENDED']);
  });

  it('keeps wrap-up notes as typed, and Done still completes, when HubSpot re-SYNCs without an engagementId', async () => {
    phone = await openSoftphone();
    const call = await phone.call('outgoingCall', { toNumber: CALL.toNumber });
    phone.host.createEngagementSucceeded(33);
    await phone.until((s) => s.call?.engagementId === 33);
    await phone.call('answerCall');
    await phone.call('endCall');
    await phone.input('notes', 'Call back Tuesday');
    await reload(SYNC);
    await phone.until((s) => s.call?.status === 'ended', { what: 'wrap-up back' });
    expect(await phone.value('notes')).to.equal('Call back Tuesday');
    await phone.click('done-button');
    const completed = (await phone.host.waitFor('CALL_COMPLETED')).data as { engagementProperties: object };
    expect(completed).to.deep.include({ externalCallId: call.externalCallId, engagementId: 33 });
    expect(completed.engagementProperties).to.deep.include({ hs_call_body: 'Call back Tuesday' });
    expect(callTypes(phone)).to.deep.equal(['OUTGOING_CALL_STARTED', 'CALL_ANSWERED', 'CALL_ENDED', 'CALL_COMPLETED']);
    // Completed: a later reload finds nothing to restore.
    await reload(SYNC);
    await pause(100);
    expect((await phone.inspect()).call).to.equal(null);
  });

  it('adopts the engagementId HubSpot names when the reload came before HubSpot’s answer', async () => {
    phone = await openSoftphone();
    const call = await phone.call('incomingCall', CALL);
    expect(await reload({ ...SYNC, engagementId: 40 })).to.include({ engagementId: 40 });
    await phone.until((s) => s.call?.engagementId === 40);
    await phone.call('endCall');
    expect((await phone.host.waitFor('CALL_ENDED')).data).to.deep.equal({ externalCallId: call.externalCallId, engagementId: 40, callEndStatus: 'MISSED' });
  });

  const discarded: [string, (base: SyncContext) => SyncContext][] = [
    ['HubSpot names another engagement', (base) => ({ ...base, engagementId: 999 })],
    ['another portal', (base) => ({ ...base, portalId: 777 })],
    ['another user', (base) => ({ ...base, userId: 888 })],
  ];
  for (const [why, context] of discarded) {
    it(`discards the stored call for ${why}`, async () => {
      phone = await openSoftphone();
      await phone.call('incomingCall', CALL);
      phone.host.createEngagementSucceeded(34);
      await phone.until((s) => s.call?.engagementId === 34);
      const initialized = await reload(context(SYNC));
      expect(initialized).to.not.have.property('engagementId', 34);
      await phone.until((s) => s.isOwner);
      await pause(100);
      const state = await phone.inspect();
      expect(state.call).to.equal(null);
      expect(state.text).to.contain('Available for calls');
      expect(phone.eventsOf('softphone-call-change').some((e) => e.detail.restored)).to.equal(false);
    });
  }

  it('discards a stored call that rang too long ago to be real', async () => {
    phone = await openSoftphone();
    await phone.call('incomingCall', { ...CALL, callStartTime: Date.now() - 11 * 60_000 });
    await reload(SYNC);
    await phone.until((s) => s.isOwner);
    expect((await phone.inspect()).call).to.equal(null);
  });

  it('does again, on top of the restored call, what the page did before the new handshake', async () => {
    phone = await openSoftphone();
    const call = await phone.call('incomingCall', CALL);
    phone.host.reload(SYNC, { holdSync: true });
    await phone.until((s) => !s.ready, { what: 'the reloaded page waiting for SYNC' });
    // The reloaded page's telephony offers a call of its own before HubSpot has SYNCed.
    await phone.call('incomingCall', { ...CALL, externalCallId: 'new-after-reload' });
    phone.host.sync();
    const error = await phone.waitForEvent('softphone-error');
    expect(error.detail).to.deep.include({ code: 'INVALID_STATE' });
    const state = await phone.until((s) => s.call?.externalCallId === call.externalCallId);
    expect(state.call.status).to.equal('ringing');
    await pause(100);
    expect(phone.host.received('INCOMING_CALL')).to.have.length(1);
  });
});

describe('element replaced mid-call (a framework re-render)', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  it('gives the new element the same call, with what HubSpot said while no element was attached', async () => {
    phone = await openSoftphone();
    const call = await phone.call('incomingCall', CALL);
    await phone.call('answerCall');
    await phone.command({ op: 'detach' });
    phone.host.createEngagementSucceeded(61);
    phone.host.callerIdMatchSucceeded([CONTACT]);
    phone.host.endCall();
    await phone.host.waitFor('CALL_ENDED');
    await pause(50);
    await phone.command({ op: 'attach' });
    const restored = await phone.waitForEvent('softphone-call-change', { where: (d) => d.restored });
    expect(restored.detail.call).to.deep.include({ externalCallId: call.externalCallId, status: 'ended', engagementId: 61, endStatus: 'COMPLETED' });
    const state = await phone.until((s) => s.text.includes('Ada Lovelace') && s.text.includes('Call ended'));
    expect(state.isOwner).to.equal(true);
    await phone.click('done-button');
    await phone.host.waitFor('CALL_COMPLETED');
    await pause(100);
    expect(phone.host.received().map((m) => m.type)).to.deep.equal(['READY', 'INITIALIZED', 'INCOMING_CALL', 'CALL_ANSWERED', 'CALL_ENDED', 'CALL_COMPLETED']);
    expect(phone.host.received('CALL_ENDED')[0]!.data).to.deep.include({ engagementId: 61 });
  });

  it('swaps elements in one task (React key, Vue v-if) without a gap HubSpot could see', async () => {
    phone = await openSoftphone();
    const call = await phone.call('incomingCall', CALL);
    await phone.batch({ op: 'detach' }, { op: 'attach' });
    phone.host.createEngagementSucceeded(62);
    await phone.waitForEvent('softphone-engagement');
    await phone.click('answer-button');
    expect((await phone.host.waitFor('CALL_ANSWERED')).data).to.deep.equal({ externalCallId: call.externalCallId });
    expect(phone.host.received('INITIALIZED')).to.have.length(1);
  });
});
