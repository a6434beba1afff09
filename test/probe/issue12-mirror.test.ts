/**
 * Issue 12's controls across a calling window and its remotes: clicks that cross (two remotes
 * at once, the window ending the call meanwhile), a transfer and DTMF from a remote, a reload
 * and a re-render with the call's flags set, and hostile `control` actions on the channel.
 */
import { expect } from '@open-wc/testing';
import type { Softphone } from '../protocol/harness.js';
import { CALL, evalIn, openWindowAndRemotes, pause, SCOPE, WINDOW } from './probe-harness.js';

const ALL = 'mute hold keypad transfer record';
const OUTCOMES = [{ id: 'o-connected', label: 'Connected' }, { id: 'o-voicemail', label: 'Left voicemail' }];

const pressed = (phone: Softphone, part: string) =>
  evalIn(phone, `return el.shadowRoot.querySelector('[part~="${part}"]')?.getAttribute('aria-pressed') ?? null;`);

describe('probe: issue 12 across frames', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  async function connected(remotes = 1) {
    frames = await openWindowAndRemotes(remotes, { attrs: { controls: ALL }, query: { onReady: `el.outcomes = ${JSON.stringify(OUTCOMES)};` } });
    const [win] = frames as [Softphone];
    const call = await win.call('incomingCall', CALL);
    await win.call('answerCall');
    for (const f of frames) await f.until((s) => s.call?.status === 'connected');
    for (const f of frames) await evalIn(f, `for (let i = 0; i < 100 && !el.shadowRoot.querySelector('[part~=hold-button]'); i++) await new Promise((r) => setTimeout(r, 10));`);
    return call.externalCallId as string;
  }

  it('two remotes press Hold at the same moment: the call is held, and the window’s page is asked once', async () => {
    await connected(2);
    const [win, a, b] = frames as [Softphone, Softphone, Softphone];
    await Promise.all([a.click('hold-button'), b.click('hold-button')]);
    await win.until((s) => s.call?.held === true);
    await pause(300);
    expect(win.eventsOf('softphone-hold-change').map((e) => e.detail.held), 'softphone-hold-change in the window').to.deep.equal([true]);
    for (const f of frames) expect((await f.inspect()).call.held).to.equal(true);
  });

  it('a remote’s Mute crossing the window’s hang-up is dropped; nothing fires, nothing throws', async () => {
    const id = await connected();
    const [win, remote] = frames as [Softphone, Softphone];
    await win.call('endCall');
    // The remote pressed Mute on the connected call it still showed: its action comes after the end.
    const mute = { v: 1, scope: SCOPE, from: 'remote-late', kind: 'action', id: 'late-mute', action: { type: 'control', callId: id, status: 'connected', event: 'softphone-mute-change', detail: { muted: true }, then: ['setMuted', [true]] } };
    await remote.command({ op: 'broadcast', channel: (await evalIn(remote, 'return el.channel;')) as string, messages: [mute] });
    await pause(300);
    expect(win.eventsOf('softphone-mute-change')).to.deep.equal([]);
    const state = await win.inspect();
    expect(state.call.status).to.equal('ended');
    expect(state.call.muted).to.equal(undefined);
    expect(state.uncaught).to.deep.equal([]);
  });

  it('Transfer and keypad digits in a remote reach the window’s page once each', async () => {
    const id = await connected();
    const [win, remote] = frames as [Softphone, Softphone];
    await remote.click('keypad-button');
    await evalIn(remote, `for (let i = 0; i < 100 && !el.shadowRoot.querySelector('[part~=keypad]'); i++) await new Promise((r) => setTimeout(r, 10));`);
    for (const index of [0, 11, 4]) await evalIn(remote, `el.shadowRoot.querySelectorAll('[part~=keypad] button')[${index}].click();`);
    await remote.click('transfer-button');
    await remote.click('transfer-button').catch(() => null);
    await win.until((s) => s.call === null);
    await pause(300);
    expect(win.eventsOf('softphone-dtmf').map((e) => e.detail.digit)).to.deep.equal(['1', '#', '5']);
    expect(remote.eventsOf('softphone-dtmf')).to.deep.equal([]);
    expect(win.eventsOf('softphone-transfer-request')).to.have.length(1);
    expect(win.host.received('CALL_TRANSFERRED').map((m) => (m.data as any).externalCallId)).to.deep.equal([id]);
  });

  it('the window reloads with the call muted, held and recording, and in wrap-up with an outcome: all come back', async () => {
    await connected();
    const [win, remote] = frames as [Softphone, Softphone];
    await win.call('setMuted', true);
    await win.call('setHeld', true);
    await win.call('setRecording', true, 'https://rec.example/1.mp3');
    await remote.until((s) => s.call?.recording === true);
    win.host.reload(WINDOW);
    await win.host.waitFor('INITIALIZED', { index: 1 });
    const back = await win.until((s) => s.isOwner && s.call?.status === 'connected', { what: 'the call back in the window' });
    expect([back.call.muted, back.call.held, back.call.recording, back.call.recordingUrl]).to.deep.equal([true, true, true, 'https://rec.example/1.mp3']);
    await remote.until((s) => s.isOwner === false && s.call?.held === true);
    expect(await pressed(remote, 'mute-button')).to.equal('true');
    await win.call('endCall');
    await remote.until((s) => s.call?.status === 'ended');
    await evalIn(remote, `
      for (let i = 0; i < 100 && !el.shadowRoot.querySelector('[part=outcome]'); i++) await new Promise((r) => setTimeout(r, 10));
      const select = el.shadowRoot.querySelector('[part=outcome]');
      select.value = 'o-voicemail';
      select.dispatchEvent(new Event('change', { bubbles: true }));`);
    await remote.input('notes', 'voicemail left');
    await pause(200);
    win.host.reload(WINDOW);
    await win.host.waitFor('INITIALIZED', { index: 2 });
    await win.until((s) => s.isOwner && s.call?.status === 'ended', { what: 'wrap-up back in the window' });
    await remote.click('done-button');
    await win.host.waitFor('CALL_COMPLETED');
    const props = (win.host.received('CALL_COMPLETED')[0]!.data as any).engagementProperties;
    expect(props).to.deep.include({ hs_call_body: 'voicemail left', hs_call_disposition: 'o-voicemail', hs_call_recording_url: 'https://rec.example/1.mp3' });
  });

  it('a re-render of the window mid-call draws the controls again with the call’s flags', async () => {
    await connected();
    const [win] = frames as [Softphone];
    await win.call('setMuted', true);
    await win.command({ op: 'detach' });
    await pause(50);
    await win.command({ op: 'attach' });
    await win.until((s) => s.call?.muted === true);
    await evalIn(win, `for (let i = 0; i < 100 && !el.shadowRoot.querySelector('[part~=mute-button]'); i++) await new Promise((r) => setTimeout(r, 10));`);
    expect(await pressed(win, 'mute-button')).to.equal('true');
    await win.click('mute-button');
    await win.until((s) => s.call?.muted === false, { what: 'unmuted from the new element' });
  });

  it('Hang up pressed in a remote while it still showed the call dialling ends the call the callee has just answered', async () => {
    frames = await openWindowAndRemotes(1, { attrs: { controls: ALL } });
    const [win, remote] = frames as [Softphone, Softphone];
    const call = await win.call('outgoingCall', { toNumber: CALL.toNumber });
    await remote.until((s) => s.call?.status === 'dialing');
    await win.call('answerCall');
    const hangup = { v: 1, scope: SCOPE, from: 'remote-late', kind: 'action', id: 'late-hangup', action: { type: 'control', callId: call.externalCallId, status: 'dialing', event: 'softphone-hangup', detail: {}, then: ['endCall', []] } };
    await remote.command({ op: 'broadcast', channel: (await evalIn(remote, 'return el.channel;')) as string, messages: [hangup] });
    expect((await win.host.waitFor('CALL_ENDED')).data).to.deep.include({ externalCallId: call.externalCallId, callEndStatus: 'COMPLETED' });
    expect(win.eventsOf('softphone-hangup')).to.have.length(1);
  });

  it('an Answer pressed in a remote while it still showed the call ringing is dropped once the call was answered elsewhere', async () => {
    frames = await openWindowAndRemotes(1, { attrs: { controls: ALL } });
    const [win, remote] = frames as [Softphone, Softphone];
    const call = await win.call('incomingCall', CALL);
    await remote.until((s) => s.call?.status === 'ringing');
    await win.call('answerCall');
    const answer = { v: 1, scope: SCOPE, from: 'remote-late', kind: 'action', id: 'late-answer', action: { type: 'control', callId: call.externalCallId, status: 'ringing', event: 'softphone-answer', detail: {}, then: ['answerCall', []] } };
    await remote.command({ op: 'broadcast', channel: (await evalIn(remote, 'return el.channel;')) as string, messages: [answer] });
    await pause(300);
    expect(win.eventsOf('softphone-answer')).to.have.length(0);
    expect(win.host.received('CALL_ANSWERED')).to.have.length(1);
  });

  describe('hostile control actions on the channel', () => {
    const hostile = (callId: string, action: Record<string, unknown>, n = 1) => ({
      v: 1, scope: SCOPE, from: 'evil', kind: 'action', id: `evil-${n}-${Math.random().toString(36).slice(2)}`,
      action: { type: 'control', callId, status: 'connected', ...action },
    });

    it('a well-formed one is carried out like the remote’s own button (the channel is heard)', async () => {
      const id = await connected();
      const [win, remote] = frames as [Softphone, Softphone];
      const channel = (await evalIn(remote, 'return el.channel;')) as string;
      await remote.command({ op: 'broadcast', channel, messages: [hostile(id, { event: 'softphone-mute-change', detail: { muted: true }, then: ['setMuted', [true]] })] });
      await win.until((s) => s.call?.muted === true);
      expect(win.eventsOf('softphone-mute-change')).to.have.length(1);
    });

    for (const [name, action] of [
      ['a DTMF "digit" that is no key', { event: 'softphone-dtmf', detail: { digit: 'x'.repeat(200) } }],
      ['a mute whose detail is not a boolean', { event: 'softphone-mute-change', detail: { muted: 'yes' }, then: ['setMuted', ['yes']] }],
      ['a mute whose default does the opposite', { event: 'softphone-mute-change', detail: { muted: true }, then: ['setMuted', [false]] }],
      ['a hold whose default is another method', { event: 'softphone-hold-change', detail: { held: true }, then: ['endCall', ['FAILED']] }],
      ['an Answer button that hangs up', { event: 'softphone-answer', detail: {}, then: ['endCall', []] }],
      ['a DTMF with a default', { event: 'softphone-dtmf', detail: { digit: '5' }, then: ['transferCall', []] }],
      ['a dial to a number that is not E.164', { event: 'softphone-dial', detail: { toNumber: 'javascript:1' }, then: ['outgoingCall', [{ toNumber: 'javascript:1' }]] }],
      ['a well-formed dial during the connected call (the page would place a second call)', { event: 'softphone-dial', detail: { toNumber: '+15550100199' }, then: ['outgoingCall', [{ toNumber: '+15550100199' }]] }],
      ['a control whose callId is not an id', { callId: 5, event: 'softphone-mute-change', detail: { muted: true }, then: ['setMuted', [true]] }],
      ['a setMuted() with a recording URL', { type: 'method', name: 'setMuted', args: [true, 'https://evil.example/r.mp3'] }],
    ] as const) {
      it(`${name}: dropped, the page hears nothing`, async () => {
        const id = await connected();
        const [win, remote] = frames as [Softphone, Softphone];
        const before = win.events.length;
        await remote.command({ op: 'broadcast', channel: (await evalIn(remote, 'return el.channel;')) as string, messages: [hostile(id, action as never)] });
        await pause(300);
        const fired = win.events.slice(before).map((e) => e.event).filter((e) => e !== 'softphone-call-change');
        expect(fired, 'events in the window').to.deep.equal([]);
        const state = await win.inspect();
        expect([state.call.status, state.call.muted, state.call.held, state.call.recordingUrl]).to.deep.equal(['connected', undefined, undefined, undefined]);
        expect(state.uncaught, 'thrown in the window').to.deep.equal([]);
      });
    }
  });
});
