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
        engagementProperties: { hs_call_body: 'Wants a demo', hs_call_title: 'Inbound', hs_call_duration: 1200 },
      });
    });

    it('blank notes are not sent', () => {
      const { sent } = run(incoming(), { type: 'end', now: T0 }, { type: 'notes', text: '  ' }, { type: 'complete' });
      expect((sent.at(-1)!.data as { engagementProperties: object }).engagementProperties).to.deep.equal({});
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
