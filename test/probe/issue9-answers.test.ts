/**
 * Issue 9 probes: HubSpot's late answers (engagement, caller ID, update) in odd orders, with
 * odd ids, duplicated, and across reloads, through the SDK's own host across a real iframe.
 */
import { expect } from '@open-wc/testing';
import { COMPANY, CONTACT, type Softphone } from '../protocol/harness.js';
import { CALL, newChannel, openProbe, pause } from './probe-harness.js';

const CALL_B = { fromNumber: '+15551230005', toNumber: '+15551230002' };
const engagements = (phone: Softphone) => phone.eventsOf('softphone-engagement').map((e) => [e.detail.call?.externalCallId ?? null, e.detail.engagementId]);

describe('issue9: late answers in odd orders', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  /** A call that HubSpot has fully answered (engagement, no caller-ID match), ended and completed. */
  async function completedCall(number: typeof CALL, engagementId: number, index: number) {
    const call = await phone!.call('incomingCall', number);
    phone!.host.createEngagementSucceeded(engagementId);
    phone!.host.fail('CALLER_ID_MATCH_FAILED', 'No match');
    await phone!.until((s) => s.call?.engagementId === engagementId);
    await phone!.call('endCall');
    await phone!.call('completeCall');
    await phone!.host.waitFor('CALL_COMPLETED', { index });
    return call;
  }

  it('reports an update with the call whose engagement it updated, even when HubSpot answers the later completion first', async () => {
    phone = await openProbe({ channel: newChannel() });
    const a = await completedCall(CALL, 61, 0);
    const b = await completedCall(CALL_B, 62, 1);
    const before = phone.eventsOf('softphone-engagement').length;
    // Two updates in flight; HubSpot's HTTP answers need not come back in order. Each carries its engagementId.
    phone.host.updateEngagementSucceeded(62);
    phone.host.updateEngagementSucceeded(61);
    await phone.waitForEvent('softphone-engagement', { index: before + 1 });
    expect(engagements(phone).slice(before)).to.deep.equal([
      [b.externalCallId, 62],
      [a.externalCallId, 61],
    ]);
  });

  it('reports a finalize with the call whose engagement it finalized, even when HubSpot answers the later one first', async () => {
    phone = await openProbe({ channel: newChannel() });
    const calls = [];
    for (const [i, number] of [CALL, CALL_B].entries()) {
      const call = await phone.call('incomingCall', number);
      phone.host.createEngagementSucceeded(51 + i);
      phone.host.fail('CALLER_ID_MATCH_FAILED', 'No match');
      await phone.until((s) => s.call?.engagementId === 51 + i);
      await phone.call('finalizeEngagement');
      await phone.host.waitFor('FINALIZE_ENGAGEMENT', { index: i });
      await phone.call('endCall');
      await phone.call('completeCall');
      calls.push(call.externalCallId);
    }
    phone.host.send('FINALIZE_ENGAGEMENT_SUCCEEDED', { engagementId: 52 });
    phone.host.send('FINALIZE_ENGAGEMENT_SUCCEEDED', { engagementId: 51 });
    await phone.waitForEvent('softphone-finalized', { index: 1 });
    expect(phone.eventsOf('softphone-finalized').map((e) => [e.detail.call?.externalCallId, e.detail.engagementId])).to.deep.equal([
      [calls[1], 52],
      [calls[0], 51],
    ]);
  });

  it('gives nothing to a call from answers sent before it started, and its own answers still land', async () => {
    phone = await openProbe({ channel: newChannel() });
    phone.host.createEngagementSucceeded(50);
    phone.host.callerIdMatchSucceeded([COMPANY]);
    await pause(150);
    const a = await phone.call('incomingCall', CALL);
    await pause(100);
    let state = await phone.inspect();
    expect(state.call.engagementId).to.equal(undefined);
    expect(state.call.callerIdMatches).to.deep.equal([]);
    phone.host.createEngagementSucceeded(51);
    phone.host.callerIdMatchSucceeded([CONTACT]);
    state = await phone.until((s) => s.call?.engagementId === 51 && s.text.includes('Ada Lovelace'));
    expect(state.text).to.not.contain('Analytical Engines');
    expect(state.call.externalCallId).to.equal(a.externalCallId);
  });

  it('answers that name unknown or prototype ids change no call and do not use up the real call’s turn', async () => {
    phone = await openProbe({ channel: newChannel() });
    const a = await phone.call('incomingCall', CALL);
    for (const externalCallId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nope']) {
      phone.host.send('CREATE_ENGAGEMENT_SUCCEEDED', { engagementId: 700 + externalCallId.length, externalCallId });
      phone.host.send('CALLER_ID_MATCH_SUCCEEDED', { callerIdMatches: [COMPANY], externalCallId });
      phone.host.send('CREATE_ENGAGEMENT_FAILED', { error: { message: `x ${externalCallId}` }, externalCallId });
    }
    // Own `__proto__` keys, as JSON.parse makes them.
    phone.host.send('CREATE_ENGAGEMENT_SUCCEEDED', JSON.parse('{"engagementId": 799, "__proto__": {"externalCallId": "evil"}}'));
    await pause(200);
    let state = await phone.inspect();
    expect(state.polluted).to.deep.equal([]);
    expect(state.uncaught).to.deep.equal([]);
    expect(state.text).to.not.contain('Analytical Engines');
    phone.host.createEngagementSucceeded(701);
    phone.host.callerIdMatchSucceeded([CONTACT]);
    state = await phone.until((s) => s.text.includes('Ada Lovelace'));
    // The `__proto__`-keyed one is an unnamed answer, the first for A: 799. Nothing named another id took A's turn.
    expect(state.call).to.include({ externalCallId: a.externalCallId, engagementId: 799 });
    const errors = phone.eventsOf('softphone-error').map((e) => e.detail.externalCallId);
    expect(errors).to.deep.equal(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nope']);
  });

  it('takes HubSpot’s repeated engagement ids, interleaved across two calls, as one answer each', async () => {
    phone = await openProbe({ channel: newChannel() });
    const a = await phone.call('incomingCall', CALL);
    await phone.call('endCall');
    const b = await phone.call('incomingCall', CALL_B);
    phone.host.send('ENGAGEMENT_CREATED', { engagementId: 71 });
    phone.host.createEngagementSucceeded(71);
    phone.host.createEngagementSucceeded(71);
    phone.host.createEngagementSucceeded(72);
    phone.host.send('ENGAGEMENT_CREATED', { engagementId: 72 });
    phone.host.send('ENGAGEMENT_CREATED', { engagementId: 71 });
    await phone.waitForEvent('softphone-engagement', { index: 5 });
    expect((await phone.inspect()).call).to.include({ externalCallId: b.externalCallId, engagementId: 72 });
    for (const [id, engagementId] of engagements(phone)) expect(id).to.equal(engagementId === 71 ? a.externalCallId : b.externalCallId);
  });

  it('a CREATE_ENGAGEMENT_FAILED then SUCCEEDED for one call: the call gets the engagement, the failure names it', async () => {
    phone = await openProbe({ channel: newChannel() });
    const a = await phone.call('incomingCall', CALL);
    phone.host.fail('CREATE_ENGAGEMENT_FAILED', 'Transient');
    phone.host.createEngagementSucceeded(81);
    await phone.until((s) => s.call?.engagementId === 81);
    expect(phone.eventsOf('softphone-error')[0]!.detail).to.deep.include({ code: 'CREATE_ENGAGEMENT_FAILED', externalCallId: a.externalCallId });
    await phone.call('endCall');
    expect((await phone.host.waitFor('CALL_ENDED')).data).to.deep.include({ externalCallId: a.externalCallId, engagementId: 81 });
  });

  it('a FAILED then a named SUCCEEDED for the earlier call leaves the next call’s turn alone', async () => {
    phone = await openProbe({ channel: newChannel() });
    const a = await phone.call('incomingCall', CALL);
    await phone.call('endCall');
    const b = await phone.call('incomingCall', CALL_B);
    phone.host.fail('CREATE_ENGAGEMENT_FAILED', 'Transient');
    phone.host.send('CREATE_ENGAGEMENT_SUCCEEDED', { engagementId: 81, externalCallId: a.externalCallId });
    phone.host.createEngagementSucceeded(82);
    await phone.until((s) => s.call?.engagementId === 82);
    expect(engagements(phone)).to.deep.equal([
      [a.externalCallId, 81],
      [b.externalCallId, 82],
    ]);
  });

  it('answers after completeCall go to the completed call and leave the next call alone', async () => {
    phone = await openProbe({ channel: newChannel() });
    const a = await phone.call('incomingCall', CALL);
    await phone.call('endCall');
    await phone.call('completeCall');
    const b = await phone.call('incomingCall', CALL_B);
    phone.host.createEngagementSucceeded(91);
    phone.host.callerIdMatchSucceeded([COMPANY]);
    phone.host.createEngagementSucceeded(92);
    phone.host.callerIdMatchSucceeded([CONTACT]);
    const state = await phone.until((s) => s.call?.engagementId === 92 && s.text.includes('Ada Lovelace'));
    expect(state.text).to.not.contain('Analytical Engines');
    expect(engagements(phone)).to.deep.equal([
      [a.externalCallId, 91],
      [b.externalCallId, 92],
    ]);
    expect(phone.eventsOf('softphone-caller-id')[0]!.detail.call).to.include({ externalCallId: a.externalCallId });
  });
});

describe('issue9: reloads while answers are pending', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  async function reload(index: number) {
    phone!.host.reload();
    await phone!.host.waitFor('INITIALIZED', { index });
    await phone!.until((s) => s.isOwner, { what: 'the reloaded frame owning the call' });
  }

  it('after a reload, an earlier call’s late answers do not land on the restored call', async () => {
    phone = await openProbe({ channel: newChannel() });
    const a = await phone.call('incomingCall', CALL);
    await phone.call('endCall');
    const b = await phone.call('incomingCall', CALL_B);
    await reload(1);
    expect((await phone.inspect()).call).to.include({ externalCallId: b.externalCallId, status: 'ringing' });
    // HubSpot now answers A's INCOMING_CALL, then B's.
    phone.host.createEngagementSucceeded(71);
    phone.host.callerIdMatchSucceeded([COMPANY]);
    phone.host.createEngagementSucceeded(72);
    phone.host.callerIdMatchSucceeded([CONTACT]);
    await pause(300);
    const state = await phone.inspect();
    expect(state.call, `A was ${a.externalCallId}`).to.include({ externalCallId: b.externalCallId, engagementId: 72 });
    expect(state.text).to.not.contain('Analytical Engines');
    await phone.call('answerCall');
    await phone.call('endCall');
    expect((await phone.host.waitFor('CALL_ENDED', { index: 1 })).data).to.deep.include({ externalCallId: b.externalCallId, engagementId: 72 });
  });

  it('after a reload, the completed call’s late update is not reported as the next call’s', async () => {
    phone = await openProbe({ channel: newChannel() });
    const a = await phone.call('incomingCall', CALL);
    phone.host.createEngagementSucceeded(61);
    phone.host.fail('CALLER_ID_MATCH_FAILED', 'No match');
    await phone.until((s) => s.call?.engagementId === 61);
    await phone.call('endCall');
    await phone.call('completeCall');
    await phone.host.waitFor('CALL_COMPLETED');
    await reload(1);
    const b = await phone.call('incomingCall', CALL_B);
    const before = phone.eventsOf('softphone-engagement').length;
    phone.host.updateEngagementSucceeded(61);
    const update = await phone.waitForEvent('softphone-engagement', { index: before });
    expect(update.detail.engagementId).to.equal(61);
    expect(update.detail.call?.externalCallId ?? null, `B is ${b.externalCallId}, A was ${a.externalCallId}`).to.not.equal(b.externalCallId);
    expect((await phone.inspect()).call.engagementId).to.equal(undefined);
  });

  for (const state of ['ringing', 'connected', 'ended'] as const) {
    it(`reloading with the only call ${state} and its answers pending: they land on it once it is back`, async () => {
      phone = await openProbe({ channel: newChannel() });
      const a = await phone.call('incomingCall', CALL);
      if (state !== 'ringing') await phone.call('answerCall');
      if (state === 'ended') await phone.call('endCall');
      await reload(1);
      phone.host.createEngagementSucceeded(33);
      phone.host.callerIdMatchSucceeded([CONTACT]);
      const s = await phone.until((x) => x.call?.engagementId === 33 && x.text.includes('Ada Lovelace'));
      expect(s.call).to.include({ externalCallId: a.externalCallId, status: state });
    });
  }
});
