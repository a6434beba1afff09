/**
 * Two remotes of one calling window, clicking at the same instant. Each click crosses the
 * BroadcastChannel before the window's echo can reach the other remote, so the window gets
 * both. The first must win; the second is moot and must not fire a second cancelable event
 * (the vendor's telephony acts on those) nor end an answered call as REJECTED.
 */
import { expect } from '@open-wc/testing';
import type { Softphone } from '../protocol/harness.js';
import { CALL, openWindowAndRemotes, pause, SCOPE } from './probe-harness.js';

const channelOf = (phone: Softphone) => JSON.parse(new URL(phone.host.iframe.src).searchParams.get('attrs')!).channel as string;

describe('probe: two remotes click at the same instant', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  async function open() {
    frames = await openWindowAndRemotes(2);
    const [win, r1, r2] = frames as [Softphone, Softphone, Softphone];
    await win.call('incomingCall', CALL);
    win.host.createEngagementSucceeded(70);
    for (const r of [r1, r2]) await r.until((s) => s.call?.status === 'ringing' && s.call.engagementId === 70, { what: 'ringing in the remote' });
    return [win, r1, r2] as const;
  }

  it('Answer in both remotes: softphone-answer fires once in the window', async () => {
    const [win, r1, r2] = await open();
    // The window's echo is held back, so both remotes still show the button when clicked: the same moment, made certain.
    await win.command({ op: 'silence' });
    await Promise.all([r1.click('answer-button'), r2.click('answer-button')]);
    await win.host.waitFor('CALL_ANSWERED');
    await pause(300);
    expect(win.host.received('CALL_ANSWERED')).to.have.length(1);
    expect(win.eventsOf('softphone-answer'), 'softphone-answer events in the window').to.have.length(1);
  });

  it('Answer in one remote, Decline in the other: one wins, the answered call is not ended REJECTED', async () => {
    const [win, r1, r2] = await open();
    const { call } = await r2.inspect();
    await r1.click('answer-button');
    await win.host.waitFor('CALL_ANSWERED');
    // r2's user clicked Decline a moment before the answer reached r2: the action it sent then.
    const decline = { v: 1, scope: SCOPE, from: 'r2-page', kind: 'action', id: 'late-decline', action: { type: 'control', event: 'softphone-decline', detail: {}, then: ['endCall', ['REJECTED']], status: 'ringing', callId: call.externalCallId } };
    await r2.command({ op: 'broadcast', channel: channelOf(r2), messages: [decline] });
    await pause(300);
    const sent = win.host.received().filter((m) => m.type.startsWith('CALL_')).map((m) => m.type);
    expect(sent, 'HubSpot heard').to.deep.equal(['CALL_ANSWERED']);
    expect(win.eventsOf('softphone-decline'), 'softphone-decline in the window').to.deep.equal([]);
    expect((await win.inspect()).call.status).to.equal('connected');
  });

  it('Hang up in both remotes: softphone-hangup fires once', async () => {
    const [win, r1, r2] = await open();
    await r1.click('answer-button');
    for (const r of [r1, r2]) await r.until((s) => s.call?.status === 'connected');
    // The window's echo is held back, so both remotes still show the button when clicked: the same moment, made certain.
    await win.command({ op: 'silence' });
    await Promise.all([r1.click('hangup-button'), r2.click('hangup-button')]);
    await win.host.waitFor('CALL_ENDED');
    await pause(300);
    expect(win.host.received('CALL_ENDED')).to.have.length(1);
    expect(win.eventsOf('softphone-hangup'), 'softphone-hangup events in the window').to.have.length(1);
  });

  it('Done in both remotes: one CALL_COMPLETED, one softphone-complete', async () => {
    const [win, r1, r2] = await open();
    await win.call('answerCall');
    await win.call('endCall');
    for (const r of [r1, r2]) await r.until((s) => s.call?.status === 'ended');
    // The window's echo is held back, so both remotes still show the button when clicked: the same moment, made certain.
    await win.command({ op: 'silence' });
    await Promise.all([r1.click('done-button'), r2.click('done-button')]);
    await win.host.waitFor('CALL_COMPLETED');
    await pause(300);
    expect(win.host.received('CALL_COMPLETED')).to.have.length(1);
    expect(win.eventsOf('softphone-complete')).to.have.length(1);
  });

  it('notes typed in two remotes at once end up the same everywhere and in CALL_COMPLETED', async () => {
    const [win, r1, r2] = await open();
    await win.call('answerCall');
    await win.call('endCall');
    for (const r of [r1, r2]) await r.until((s) => s.call?.status === 'ended');
    await Promise.all([r1.input('notes', 'typed in r1'), r2.input('notes', 'typed in r2')]);
    await pause(400);
    const values = [await win.value('notes'), await r1.value('notes'), await r2.value('notes')];
    expect(new Set(values).size, `notes shown: ${JSON.stringify(values)}`).to.equal(1);
    await win.click('done-button');
    const completed = await win.host.waitFor('CALL_COMPLETED');
    expect((completed.data as any).engagementProperties.hs_call_body).to.equal(values[0]);
  });
});
