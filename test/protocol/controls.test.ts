/**
 * The built-in controls across real frames: HubSpot's calling window owns the call and each
 * remote (a cross-origin iframe under its own HubSpotHost) shows the owner's mute, hold and
 * recording, and hands its clicks, keypad digits, dialpad calls and outcome to the window,
 * where the telephony runs. A reload keeps all of it.
 */
import { expect } from '@open-wc/testing';
import type { SyncContext } from '../../src/host/hubspot-host.js';
import { SYNC, openFrames, openSoftphone, pause, type Softphone } from './harness.js';

const WINDOW: SyncContext = { ...SYNC, iframeLocation: 'window', usesCallingWindow: true };
const REMOTE: SyncContext = { ...SYNC, iframeLocation: 'remote', usesCallingWindow: true };
const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };
const OUTCOMES = [{ id: 'f240bbac-87c9-4f6e-bf70-924b57d47db7', label: 'Connected' }, { id: '73a0d17f-1163-4015-bdd5-ec830791da20', label: 'No answer' }];
const ATTRS = { controls: 'mute hold keypad transfer record', dialpad: '', 'default-country': 'US' };
describe('built-in controls with a calling window', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const frame of frames) frame.dispose();
    frames = [];
  });

  async function open() {
    frames = await openFrames([WINDOW, REMOTE, REMOTE], ATTRS);
    const [win, r1, r2] = frames as [Softphone, Softphone, Softphone];
    await win.until((s) => s.isOwner, { what: 'the window owning the call' });
    for (const frame of frames) await frame.set('outcomes', OUTCOMES);
    return [win, r1, r2] as const;
  }

  it('remotes show the telephony’s mute, hold and recording, and their clicks happen once, in the window', async () => {
    const [win, r1, r2] = await open();
    await win.call('incomingCall', CALL);
    await win.call('answerCall');
    await win.call('setMuted', true);
    for (const remote of [r1, r2]) {
      await remote.until((s) => s.call?.muted === true && s.text.includes('Mute'), { what: 'the mirrored mute' });
      expect(await remote.attribute('mute-button', 'aria-pressed')).to.equal('true');
    }
    await r1.click('hold-button');
    await r2.until((s) => s.call?.held === true && s.text.includes('On hold'), { what: 'the hold, shown in the other remote' });
    expect(await r2.attribute('hold-button', 'aria-pressed')).to.equal('true');
    expect(win.eventsOf('softphone-hold-change').map((e) => e.detail.held)).to.deep.equal([true]);
    // A remote's own page hears nothing: the telephony is the window's.
    expect(r1.eventsOf('softphone-hold-change')).to.have.length(0);
    await r2.click('record-button');
    await win.until((s) => s.call?.recording === true, { what: 'recording' });
    await r1.click('mute-button');
    await win.until((s) => s.call?.muted === false, { what: 'unmuted from a remote' });
    expect(win.eventsOf('softphone-mute-change').map((e) => e.detail.muted)).to.deep.equal([false]);
    await pause(100);
    expect(win.eventsOf('softphone-hold-change')).to.have.length(1);
    expect(win.eventsOf('softphone-record-change')).to.have.length(1);
    // HubSpot hears nothing of any of it.
    expect(win.host.received().map((m) => m.type).filter((t) => t.startsWith('CALL_'))).to.deep.equal(['CALL_ANSWERED']);
  });

  it('a keypad digit and Transfer pressed in a remote reach the window’s telephony once', async () => {
    const [win, r1] = await open();
    const call = await win.call('incomingCall', CALL);
    await win.call('answerCall');
    await r1.until((s) => s.text.includes('Keypad'), { what: 'the remote’s controls' });
    await r1.click('keypad-button');
    await r1.until((s) => /1\s*2\s*ABC/.test(s.text), { what: 'the remote’s keypad' });
    await r1.click('key', 4);
    expect((await win.waitForEvent('softphone-dtmf')).detail.digit).to.equal('5');
    await r1.click('transfer-button');
    expect((await win.waitForEvent('softphone-transfer-request')).detail.call.externalCallId).to.equal(call.externalCallId);
    expect((await win.host.waitFor('CALL_TRANSFERRED')).data).to.deep.equal({ externalCallId: call.externalCallId });
    await r1.until((s) => s.call === null, { what: 'the remote idle again' });
    await pause(100);
    expect(win.eventsOf('softphone-dtmf')).to.have.length(1);
    expect(r1.eventsOf('softphone-dtmf')).to.have.length(0);
    expect(win.host.received('CALL_TRANSFERRED')).to.have.length(1);
  });

  it('a remote’s dialpad call is dialled by the window, once', async () => {
    const [win, r1] = await open();
    await r1.until((s) => s.text.includes('Call'), { what: 'the remote’s dialpad' });
    await r1.input('dial-input', '5550100100');
    await r1.click('dial-button');
    const dial = await win.waitForEvent('softphone-dial');
    expect(dial.detail).to.deep.equal({ toNumber: '+15550100100' });
    const started = await win.host.waitFor('OUTGOING_CALL_STARTED');
    expect(started.data).to.deep.include({ toNumber: '+15550100100' });
    await r1.until((s) => s.call?.status === 'dialing', { what: 'the remote showing the call' });
    await pause(100);
    expect(win.host.received('OUTGOING_CALL_STARTED')).to.have.length(1);
    expect(r1.eventsOf('softphone-dial')).to.have.length(0);
  });

  it('an outcome picked in one remote is Done from another, with the window’s talk time', async () => {
    const [win, r1, r2] = await open();
    const call = await win.call('incomingCall', CALL);
    await win.call('answerCall');
    await win.call('endCall');
    await r1.until((s) => s.text.includes('Call outcome'), { what: 'the outcome picker' });
    await r1.choose('outcome', OUTCOMES[0]!.id);
    await r2.until((s) => s.text.includes('Call outcome'), { what: 'the remote’s wrap-up' });
    for (let tries = 0; (await r2.value('outcome')) !== OUTCOMES[0]!.id && tries < 100; tries++) await pause(20);
    expect(await r2.value('outcome')).to.equal(OUTCOMES[0]!.id);
    await r2.click('done-button');
    const completed = (await win.host.waitFor('CALL_COMPLETED')).data as { externalCallId: string; engagementProperties: Record<string, string> };
    expect(completed.externalCallId).to.equal(call.externalCallId);
    expect(completed.engagementProperties).to.deep.include({ hs_call_disposition: OUTCOMES[0]!.id, hs_call_status: 'COMPLETED' });
    expect(completed.engagementProperties.hs_call_duration).to.match(/^\d+$/);
  });
});

describe('built-in controls across a reload', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  async function reload() {
    const before = phone!.host.received('INITIALIZED').length;
    phone!.host.reload({ ...SYNC, engagementId: 41 });
    await phone!.host.waitFor('INITIALIZED', { index: before });
    await phone!.until((s) => s.isOwner, { what: 'the reloaded frame owning the call' });
  }

  it('keeps mute, hold, recording and its URL, then the notes and the outcome, and Done sends them', async () => {
    phone = await openSoftphone({ attrs: ATTRS });
    await phone.set('outcomes', OUTCOMES);
    const call = await phone.call('incomingCall', CALL);
    phone.host.createEngagementSucceeded(41);
    await phone.call('answerCall');
    await phone.call('setMuted', true);
    await phone.call('setHeld', true);
    await phone.call('setRecording', true, 'https://recordings.example/41.mp3');
    await reload();
    const state = await phone.until((s) => s.call?.externalCallId === call.externalCallId && s.text.includes('On hold'), { what: 'the call back, on hold' });
    expect(state.call).to.deep.include({ muted: true, held: true, recording: true, recordingUrl: 'https://recordings.example/41.mp3' });
    await phone.call('endCall');
    await phone.set('outcomes', OUTCOMES);
    await phone.until((s) => s.text.includes('Call outcome'), { what: 'wrap-up' });
    await phone.input('notes', 'Call back Friday');
    await phone.choose('outcome', OUTCOMES[1]!.id);
    await pause(50);
    await reload();
    await phone.set('outcomes', OUTCOMES);
    await phone.until((s) => s.call?.status === 'ended' && s.text.includes('Call outcome'), { what: 'wrap-up back' });
    expect(await phone.value('outcome')).to.equal(OUTCOMES[1]!.id);
    expect(await phone.value('notes')).to.equal('Call back Friday');
    await phone.click('done-button');
    const { engagementProperties } = (await phone.host.waitFor('CALL_COMPLETED')).data as { engagementProperties: Record<string, string> };
    expect(engagementProperties).to.deep.include({
      hs_call_body: 'Call back Friday',
      hs_call_disposition: OUTCOMES[1]!.id,
      hs_call_recording_url: 'https://recordings.example/41.mp3',
      hs_call_status: 'COMPLETED',
    });
  });
});
