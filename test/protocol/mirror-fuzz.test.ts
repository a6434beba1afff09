/**
 * The protocol between frames is untrusted input like HubSpot's: generated BroadcastChannel
 * messages (unknown kinds, wrong types, replays, foreign scopes, oversized values) reach the
 * calling window and a remote; afterwards neither has crashed or is stuck, an action replayed
 * fifty times happened once, and a whole call still works from the remote.
 */
import { expect } from '@open-wc/testing';
import type { SyncContext } from '../../src/host/hubspot-host.js';
import { CONTACT, SYNC, openFrames, type Softphone, seededRandom, pause } from './harness.js';

const WINDOW: SyncContext = { ...SYNC, iframeLocation: 'window', usesCallingWindow: true };
const REMOTE: SyncContext = { ...SYNC, iframeLocation: 'remote', usesCallingWindow: true };
const SCOPE = `${SYNC.portalId}:${SYNC.userId}`;
const MESSAGES = 3000;

const CALL = {
  externalCallId: 'fake-1', direction: 'INBOUND', status: 'ringing', fromNumber: '+15551230009', toNumber: '+15551230002',
  callerIdMatches: [CONTACT], startedAt: Date.now(),
};

function generator(rand: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const junk = () => pick<unknown>([undefined, null, 0, -1, 1.5, NaN, 2 ** 60, '', 'x', true, [], {}, [1, 'a'], 'y'.repeat(70_000), { __proto__: { polluted: true } }]);
  const action = () =>
    pick<unknown>([
      { type: pick(['click', 'notes', 'record', 'availability', 'method', 'host', 'explode', junk()]), name: pick(['answer', 'decline', 'complete', 'endCall', 'incomingCall', 'DIAL_NUMBER', 'END_CALL', 'constructor', junk()]), callId: pick(['fake-1', junk()]), text: junk(), available: pick([true, false, junk()]), args: pick([[], [junk()], [junk(), junk(), junk()], junk()]), data: junk(), objectCoordinates: pick([CONTACT.objectCoordinates, junk()]) },
      // The buttons' actions (the call's own and the built-in controls'), and the outcome.
      {
        type: pick(['control', 'outcome']),
        callId: pick(['fake-1', undefined, 5, junk()]),
        status: pick(['ringing', 'connected', 'dialing', 'ended', undefined, junk()]),
        event: pick(['softphone-answer', 'softphone-decline', 'softphone-mute-change', 'softphone-dtmf', 'softphone-dial', 'softphone-transfer-request', 'click', junk()]),
        detail: pick([{}, { muted: true }, { digit: '5' }, { toNumber: '+15550100199' }, { muted: junk() }, junk()]),
        then: pick([undefined, ['answerCall', []], ['setMuted', [true]], ['endCall', ['REJECTED']], ['outgoingCall', [{ toNumber: '+15550100199' }]], [junk(), junk()], junk()]),
        text: pick(['o-1', '', junk()]),
      },
      junk(),
    ]);
  const state = () => pick<unknown>([{ phone: { call: pick([CALL, { ...CALL, status: junk() }, null, junk()]), notes: pick(['', junk()]) }, available: pick([true, junk()]) }, junk()]);
  return () => {
    const message: Record<string, unknown> = {
      v: pick([1, 1, 1, 2, junk()]),
      // Mostly this user's scope; sometimes another portal's, which must be ignored.
      scope: pick([SCOPE, SCOPE, SCOPE, '999:1', junk()]),
      from: pick(['fake-owner', `f${Math.floor(rand() * 5)}`, '', 'x'.repeat(100), junk()]),
      kind: pick(['hello', 'bye', 'state', 'action', 'takeover', junk()]),
      seq: pick([0, 1, Math.floor(rand() * 1e6), -1, 1.5, junk()]),
      state: state(),
      done: pick([[], ['a'], Array(100).fill('z'), junk()]),
      id: pick([`id-${Math.floor(rand() * 20)}`, junk()]),
      action: action(),
    };
    return rand() < 0.03 ? junk() : message;
  };
}

describe('fuzzing the messages between frames', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const frame of frames) frame.dispose();
    frames = [];
  });

  it(`survives ${MESSAGES} generated BroadcastChannel messages, carries out a replayed action once, and still completes a call`, async function () {
    this.timeout(60_000);
    const channel = `fuzz-${Math.random().toString(36).slice(2)}`;
    frames = await openFrames([WINDOW, REMOTE], { channel });
    const [win, remote] = frames as [Softphone, Softphone];
    await win.until((s) => s.isOwner);
    for (const frame of frames) await frame.command({ op: 'quiet' });

    const next = generator(seededRandom(20261201));
    for (let i = 0; i < MESSAGES; i += 250) {
      const batch = Array.from({ length: 250 }, next);
      // Half from the remote's page, half from the window's: each element hears the other page's channel.
      await (i % 500 ? win : remote).command({ op: 'broadcast', channel, messages: batch });
    }
    // One action, replayed fifty times with the same id.
    const replayed = { v: 1, scope: SCOPE, from: 'replayer', kind: 'action', id: 'replay-1', action: { type: 'method', name: 'reportError', args: ['replayed'] } };
    await remote.command({ op: 'broadcast', channel, messages: Array(50).fill(replayed) });
    // A page of the other origin on the same channel name: a separate channel, never heard.
    const foreign = new BroadcastChannel(channel);
    foreign.postMessage({ v: 1, scope: SCOPE, from: 'foreign', kind: 'state', seq: 1e9, state: { phone: { call: CALL, notes: '' }, available: true }, done: [] });
    foreign.close();
    await pause(300);

    for (const frame of frames) {
      const state = await frame.inspect();
      expect(state.uncaught).to.deep.equal([]);
      expect(state.polluted).to.deep.equal([]);
    }
    expect(win.host.received('ERROR').filter((m) => (m.data as { message?: string }).message === 'replayed')).to.have.length(1);
    expect((await win.inspect()).isOwner).to.equal(true);
    expect((await remote.inspect()).isOwner).to.equal(false);

    // Whatever the fuzz left (a same-origin message may drive the owner, as the page itself may), finish it.
    const left = (await win.inspect()).call;
    if (left && left.status !== 'ended') await win.call('endCall');
    if ((await win.inspect()).call) await win.call('completeCall');
    // The owner's next word corrects any fake state the remote was shown.
    const call = await win.call('incomingCall', { fromNumber: '+15551239876', toNumber: '+15551230002' });
    win.host.createEngagementSucceeded(888);
    await remote.until((s) => s.call?.externalCallId === call.externalCallId && s.call.engagementId === 888, { what: 'the real call in the remote' });
    await remote.click('answer-button');
    await remote.until((s) => s.call?.status === 'connected');
    await remote.click('hangup-button');
    await remote.until((s) => s.call?.status === 'ended');
    await remote.input('notes', 'after the storm');
    await pause(100);
    const before = win.host.received('CALL_COMPLETED').length;
    await remote.click('done-button');
    const completed = await win.host.waitFor('CALL_COMPLETED', { index: before });
    expect(completed.data).to.deep.include({ externalCallId: call.externalCallId, engagementId: 888 });
    expect((completed.data as { engagementProperties: object }).engagementProperties).to.deep.include({ hs_call_body: 'after the storm' });
    await remote.until((s) => s.call === null);
    for (const frame of frames) expect((await frame.inspect()).uncaught).to.deep.equal([]);
  });
});
