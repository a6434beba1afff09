import { expect } from '@open-wc/testing';
import { IDLE, transition, type CallInput, type PhoneState } from '../../src/core/call-machine.js';
import { SoftphoneError } from '../../src/core/errors.js';

const T0 = 1_700_000_000_000;
const incoming = (args: object = { fromNumber: '+15551230001', toNumber: '+15551230002' }, id = 'call-1'): CallInput => ({
  type: 'incoming', args, externalCallId: id, createEngagement: true, now: T0,
});
const outgoing = (args: object = { toNumber: '+15551230003' }, id = 'call-2'): CallInput => ({
  type: 'outgoing', args, externalCallId: id, createEngagement: false, now: T0,
});

/** Runs inputs from IDLE and returns the final transition plus every message sent on the way. */
function run(...inputs: CallInput[]) {
  let state: PhoneState = IDLE;
  const sent: { type: string; data?: unknown }[] = [];
  for (const input of inputs) {
    const next = transition(state, input);
    state = next.state;
    sent.push(...next.send);
  }
  return { state, sent };
}

function expectError(fn: () => unknown, code: string, text: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(SoftphoneError);
    expect((error as SoftphoneError).code).to.equal(code);
    expect((error as Error).message).to.match(text);
    return;
  }
  expect.fail(`expected ${code}`);
}

describe('call machine', () => {
  describe('transitions', () => {
    const cases: { name: string; inputs: CallInput[]; status: string | null; sent: string[]; check?: (s: PhoneState) => void }[] = [
      { name: 'incoming call rings', inputs: [incoming()], status: 'ringing', sent: ['INCOMING_CALL'] },
      { name: 'outgoing call dials', inputs: [outgoing()], status: 'dialing', sent: ['OUTGOING_CALL_STARTED'] },
      { name: 'answer connects', inputs: [incoming(), { type: 'answer', now: T0 + 5000 }], status: 'connected', sent: ['INCOMING_CALL', 'CALL_ANSWERED'],
        check: (s) => expect(s.call!.answeredAt).to.equal(T0 + 5000) },
      { name: 'callee answering an outgoing call connects', inputs: [outgoing(), { type: 'answer', now: T0 + 1 }], status: 'connected', sent: ['OUTGOING_CALL_STARTED', 'CALL_ANSWERED'] },
      { name: 'hang up ends COMPLETED', inputs: [incoming(), { type: 'answer', now: T0 }, { type: 'end', now: T0 + 60_000 }], status: 'ended',
        sent: ['INCOMING_CALL', 'CALL_ANSWERED', 'CALL_ENDED'], check: (s) => expect(s.call!.endStatus).to.equal('COMPLETED') },
      { name: 'unanswered incoming ends MISSED', inputs: [incoming(), { type: 'end', now: T0 }], status: 'ended', sent: ['INCOMING_CALL', 'CALL_ENDED'],
        check: (s) => expect(s.call!.endStatus).to.equal('MISSED') },
      { name: 'unanswered outgoing ends CANCELED', inputs: [outgoing(), { type: 'end', now: T0 }], status: 'ended', sent: ['OUTGOING_CALL_STARTED', 'CALL_ENDED'],
        check: (s) => expect(s.call!.endStatus).to.equal('CANCELED') },
      { name: 'decline ends REJECTED', inputs: [incoming(), { type: 'end', status: 'REJECTED', now: T0 }], status: 'ended', sent: ['INCOMING_CALL', 'CALL_ENDED'],
        check: (s) => expect(s.call!.endStatus).to.equal('REJECTED') },
      { name: 'complete goes idle', inputs: [incoming(), { type: 'end', now: T0 }, { type: 'complete' }], status: null, sent: ['INCOMING_CALL', 'CALL_ENDED', 'CALL_COMPLETED'] },
      { name: 'transfer goes idle', inputs: [incoming(), { type: 'answer', now: T0 }, { type: 'transfer' }], status: null, sent: ['INCOMING_CALL', 'CALL_ANSWERED', 'CALL_TRANSFERRED'] },
      { name: 'same externalCallId twice is one call', inputs: [incoming(), incoming()], status: 'ringing', sent: ['INCOMING_CALL'] },
      { name: 'a new call during wrap-up logs the previous one first', inputs: [incoming(), { type: 'end', now: T0 }, { type: 'notes', text: 'left a message' }, outgoing()],
        status: 'dialing', sent: ['INCOMING_CALL', 'CALL_ENDED', 'CALL_COMPLETED', 'OUTGOING_CALL_STARTED'] },
      { name: 'engagement id is kept on the call', inputs: [incoming(), { type: 'engagement', engagementId: 42 }], status: 'ringing', sent: ['INCOMING_CALL'],
        check: (s) => expect(s.call!.engagementId).to.equal(42) },
      { name: 'finalize sends and keeps the call', inputs: [incoming(), { type: 'engagement', engagementId: 42 }, { type: 'finalize' }], status: 'ringing',
        sent: ['INCOMING_CALL', 'FINALIZE_ENGAGEMENT'] },
      { name: 'a second engagement id does not relabel the call', inputs: [incoming(), { type: 'engagement', engagementId: 42 }, { type: 'engagement', engagementId: 7 }],
        status: 'ringing', sent: ['INCOMING_CALL'], check: (s) => expect(s.call!.engagementId).to.equal(42) },
      { name: 'engagement without a call changes nothing', inputs: [{ type: 'engagement', engagementId: 42 }], status: null, sent: [] },
      { name: 'notes without a call are ignored', inputs: [{ type: 'notes', text: 'x' }], status: null, sent: [], check: (s) => expect(s.notes).to.equal('') },
    ];
    for (const { name, inputs, status, sent, check } of cases) {
      it(name, () => {
        const result = run(...inputs);
        expect(result.state.call?.status ?? null).to.equal(status);
        expect(result.sent.map((m) => m.type)).to.deep.equal(sent);
        check?.(result.state);
      });
    }
  });

  describe('wire payloads', () => {
    it('incomingCall carries both numbers, the id, start time and createEngagement', () => {
      const { sent } = run(incoming({ fromNumber: ' +15551230001 ', toNumber: '+15551230002', callStartTime: T0 - 10 }));
      expect(sent[0]!.data).to.deep.equal({ externalCallId: 'call-1', fromNumber: '+15551230001', toNumber: '+15551230002', callStartTime: T0 - 10, createEngagement: true });
    });

    it('outgoingCall names the number as phoneNumber and toNumber', () => {
      const { sent } = run(outgoing({ toNumber: '+442079460958', fromNumber: '+15551230009' }));
      expect(sent[0]!.data).to.deep.equal({
        externalCallId: 'call-2', phoneNumber: '+442079460958', toNumber: '+442079460958', fromNumber: '+15551230009', callStartTime: T0, createEngagement: false,
      });
    });

    it('callEnded carries the engagementId and status', () => {
      const { sent } = run(incoming(), { type: 'engagement', engagementId: 77 }, { type: 'answer', now: T0 }, { type: 'end', status: 'BUSY', now: T0 });
      expect(sent.at(-1)!.data).to.deep.equal({ externalCallId: 'call-1', engagementId: 77, callEndStatus: 'BUSY' });
    });

    it('callCompleted sends the notes as hs_call_body, merged under the page’s properties', () => {
      const { sent } = run(incoming(), { type: 'engagement', engagementId: 77 }, { type: 'end', now: T0 }, { type: 'notes', text: 'Wants a demo' },
        { type: 'complete', engagementProperties: { hs_call_title: 'Inbound', hs_call_duration: 1200 }, hideWidget: true });
      expect(sent.at(-1)!.data).to.deep.equal({
        externalCallId: 'call-1', engagementId: 77, hideWidget: true,
        engagementProperties: { hs_call_body: 'Wants a demo', hs_call_title: 'Inbound', hs_call_duration: 1200, hs_call_status: 'MISSED' },
      });
    });

    it('blank notes are not sent', () => {
      const { sent } = run(incoming(), { type: 'end', now: T0 }, { type: 'notes', text: '  ' }, { type: 'complete' });
      expect((sent.at(-1)!.data as { engagementProperties: object }).engagementProperties).to.deep.equal({ hs_call_duration: '0', hs_call_status: 'MISSED' });
    });

    describe('what the call itself logs', () => {
      const properties = (...inputs: CallInput[]) => (run(...inputs).sent.at(-1)!.data as { engagementProperties: Record<string, unknown> }).engagementProperties;
      const answered = (talk: number, status?: string): CallInput[] => [incoming(), { type: 'answer', now: T0 + 5000 }, { type: 'end', status, now: T0 + 5000 + talk }];
      const table: [string, CallInput[], Record<string, unknown>][] = [
        ['talk time in ms, from answer to end, as HubSpot’s demo logs it', answered(61_250), { hs_call_duration: '61250', hs_call_status: 'COMPLETED' }],
        ['an unanswered call talked for 0 ms', [incoming(), { type: 'end', status: 'NO_ANSWER', now: T0 + 9000 }], { hs_call_duration: '0', hs_call_status: 'NO_ANSWER' }],
        ['BUSY as it is', answered(10, 'BUSY'), { hs_call_duration: '10', hs_call_status: 'BUSY' }],
        ['FAILED as it is', [outgoing(), { type: 'end', status: 'FAILED', now: T0 }], { hs_call_duration: '0', hs_call_status: 'FAILED' }],
        ['a dialled call given up is CANCELED', [outgoing(), { type: 'end', now: T0 }], { hs_call_duration: '0', hs_call_status: 'CANCELED' }],
        ['a declined call is CANCELED: HubSpot’s hs_call_status has no REJECTED', [incoming(), { type: 'end', status: 'REJECTED', now: T0 }], { hs_call_duration: '0', hs_call_status: 'CANCELED' }],
        ['a missed call is MISSED', [incoming(), { type: 'end', now: T0 }], { hs_call_duration: '0', hs_call_status: 'MISSED' }],
        ['the recording the telephony set', [...answered(1000), { type: 'flag', method: 'setRecording', name: 'recording', value: false, recordingUrl: 'https://rec.example/a.mp3' }],
          { hs_call_duration: '1000', hs_call_status: 'COMPLETED', hs_call_recording_url: 'https://rec.example/a.mp3' }],
        ['the outcome picked, as hs_call_disposition', [...answered(1000), { type: 'outcome', text: 'f240bbac-87c9-4f6e-bf70-924b57d47db7' }],
          { hs_call_duration: '1000', hs_call_status: 'COMPLETED', hs_call_disposition: 'f240bbac-87c9-4f6e-bf70-924b57d47db7' }],
        ['no outcome picked (or picked back to none): none sent', [...answered(1000), { type: 'outcome', text: 'x' }, { type: 'outcome', text: '' }], { hs_call_duration: '1000', hs_call_status: 'COMPLETED' }],
      ];
      for (const [name, inputs, expected] of table) {
        it(name, () => expect(properties(...inputs, { type: 'complete' })).to.deep.equal(expected));
      }

      it('the page’s own properties win over every one of them', () => {
        const page = { hs_call_duration: '5', hs_call_status: 'BUSY', hs_call_recording_url: 'https://mine.example/r.wav', hs_call_disposition: 'mine', hs_call_body: 'mine' };
        const inputs = [...answered(1000), { type: 'flag', method: 'setRecording', name: 'recording', value: true, recordingUrl: 'https://rec.example/a.mp3' }, { type: 'outcome', text: 'theirs' }, { type: 'notes', text: 'typed' }] as CallInput[];
        expect(properties(...inputs, { type: 'complete', engagementProperties: page })).to.deep.equal(page);
      });

      it('a new call from wrap-up logs the previous one with all of it', () => {
        const { sent } = run(...answered(2000), { type: 'outcome', text: 'o-1' }, outgoing());
        expect(sent.find((m) => m.type === 'CALL_COMPLETED')!.data).to.deep.include({ engagementProperties: { hs_call_duration: '2000', hs_call_status: 'COMPLETED', hs_call_disposition: 'o-1' } });
      });

      it('a new call starts with no outcome and no flags', () => {
        const { state } = run(...answered(2000), { type: 'outcome', text: 'o-1' }, { type: 'flag', method: 'setMuted', name: 'muted', value: true }, outgoing());
        expect(state.outcome).to.equal(undefined);
        expect(state.call!.muted).to.equal(undefined);
      });
    });

    describe('the telephony’s mute, hold and recording', () => {
      const flag = (name: 'muted' | 'held' | 'recording', value: unknown, recordingUrl?: unknown): CallInput =>
        ({ type: 'flag', method: `set${name[0]!.toUpperCase()}${name.slice(1)}`, name, value, recordingUrl });
      it('are shown on the call, and send HubSpot nothing', () => {
        const { state, sent } = run(incoming(), { type: 'answer', now: T0 }, flag('muted', true), flag('held', true), flag('recording', true, 'https://r.example/1.wav'), flag('held', false));
        expect(state.call).to.deep.include({ muted: true, held: false, recording: true, recordingUrl: 'https://r.example/1.wav' });
        expect(sent.map((m) => m.type)).to.deep.equal(['INCOMING_CALL', 'CALL_ANSWERED']);
        expect(Object.isFrozen(state.call)).to.equal(true);
      });
      it('may be set while ringing, dialling, connected or ended', () => {
        for (const inputs of [[incoming()], [outgoing()], [incoming(), { type: 'answer', now: T0 }], [incoming(), { type: 'end', now: T0 }]] as CallInput[][]) {
          expect(run(...inputs, flag('muted', true)).state.call!.muted).to.equal(true);
        }
      });
      const bad: [string, PhoneState, CallInput, string, RegExp][] = [
        ['with no call', IDLE, flag('muted', true), 'INVALID_STATE', /setMuted\(\) needs a .*there is none/],
        ['not a boolean', run(incoming()).state, flag('held', 'yes'), 'INVALID_ARGUMENT', /setHeld\(\) takes true or false\.$/],
        ['an http recording', run(incoming()).state, flag('recording', true, 'http://r.example/1.wav'), 'INVALID_ARGUMENT', /setRecording\(\) takes true or false, and an https recording URL/],
        ['a recording URL that is not a string', run(incoming()).state, flag('recording', true, { toString: () => 'https://x.example' }), 'INVALID_ARGUMENT', /https recording URL/],
        ['a recording URL with a space', run(incoming()).state, flag('recording', true, 'https://r.example/a b.wav'), 'INVALID_ARGUMENT', /https recording URL/],
      ];
      for (const [name, state, input, code, text] of bad) {
        it(`throw ${code} ${name}, and change nothing`, () => {
          expectError(() => transition(state, input), code, text);
        });
      }
    });

    it('snapshots are frozen', () => {
      const { state } = run(incoming());
      expect(Object.isFrozen(state.call)).to.equal(true);
    });
  });

  describe('bad input throws and changes nothing', () => {
    const ringing = run(incoming()).state;
    const ended = run(incoming(), { type: 'end', now: T0 }).state;
    const cases: [string, PhoneState, CallInput, string, RegExp][] = [
      ['not an object', IDLE, incoming(null as unknown as object), 'INVALID_ARGUMENT', /takes \{ fromNumber, toNumber \}/],
      ['fromNumber not E.164', IDLE, incoming({ fromNumber: '555-1234', toNumber: '+15551230002' }), 'INVALID_ARGUMENT', /fromNumber must be E\.164, like \+15551234567/],
      ['toNumber missing', IDLE, incoming({ fromNumber: '+15551230001' }), 'INVALID_ARGUMENT', /toNumber/],
      ['number with letters', IDLE, outgoing({ toNumber: '+1555CALLNOW' }), 'INVALID_ARGUMENT', /E\.164/],
      ['number too long', IDLE, outgoing({ toNumber: '+1234567890123456' }), 'INVALID_ARGUMENT', /E\.164/],
      ['number as a number', IDLE, outgoing({ toNumber: 15551230003 }), 'INVALID_ARGUMENT', /E\.164/],
      ['bad callStartTime', IDLE, outgoing({ toNumber: '+15551230003', callStartTime: 'now' }), 'INVALID_ARGUMENT', /callStartTime/],
      ['empty externalCallId', IDLE, incoming(undefined, ' '), 'INVALID_ARGUMENT', /externalCallId/],
      ['a second call while ringing', ringing, outgoing(undefined, 'other'), 'INVALID_STATE', /end it first/],
      ['the current call\'s id for an outgoing call', ringing, outgoing(undefined, 'call-1'), 'INVALID_STATE', /its own id/],
      ['the current call\'s id with another caller', ringing, incoming({ fromNumber: '+15559990000', toNumber: '+15551230002' }), 'INVALID_STATE', /its own id/],
      ['the current call\'s id with another callee', ringing, incoming({ fromNumber: '+15551230001', toNumber: '+15559990000' }), 'INVALID_STATE', /its own id/],
      ['answer with nothing ringing', IDLE, { type: 'answer', now: T0 }, 'INVALID_STATE', /there is none: start one with incomingCall\(\) or outgoingCall\(\)/],
      ['answer after the end', ended, { type: 'answer', now: T0 }, 'INVALID_STATE', /ended/],
      ['end twice', ended, { type: 'end', now: T0 }, 'INVALID_STATE', /ended/],
      ['unknown end status', ringing, { type: 'end', status: 'HUNG_UP', now: T0 }, 'INVALID_ARGUMENT', /COMPLETED, FAILED/],
      ['complete while ringing', ringing, { type: 'complete' }, 'INVALID_STATE', /ended call/],
      ['properties with an object value', ended, { type: 'complete', engagementProperties: { hs_call_body: {} } }, 'INVALID_ARGUMENT', /engagementProperties/],
      ['hideWidget not boolean', ended, { type: 'complete', hideWidget: 'yes' }, 'INVALID_ARGUMENT', /hideWidget/],
      ['transfer with no call', IDLE, { type: 'transfer' }, 'INVALID_STATE', /transferCall/],
      ['finalize before the engagement id', ringing, { type: 'finalize' }, 'INVALID_STATE', /engagementId/],
    ];
    for (const [name, state, input, code, message] of cases) {
      it(name, () => {
        const before = JSON.stringify(state);
        expectError(() => transition(state, input), code, message);
        expect(JSON.stringify(state)).to.equal(before);
      });
    }
  });
});
