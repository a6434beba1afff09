import { expect } from '@open-wc/testing';
import { IDLE, type PhoneState } from '../../src/core/call-machine.js';
import { asksNothingNew, envelope, readMirrorMessage, type MirrorAction } from '../../src/core/mirror-messages.js';
import { callingWindowUrl, roleFor, syncScope } from '../../src/core/ownership.js';
import { readCallSnapshot, readPhoneState } from '../../src/core/phone-state.js';
import { CALL_LIMIT_MS, RINGING_LIMIT_MS, readStoredCall, restorable, storedCall } from '../../src/core/stored-call.js';
import type { CallSnapshot, HostContext } from '../../src/core/types.js';

const NOW = 1_700_000_000_000;
const CONTACT = { callerIdType: 'CONTACT', objectCoordinates: { portalId: 1, objectId: 2, objectTypeId: '0-1' }, firstName: 'Ada', lastName: 'L', email: '' };
const RINGING: CallSnapshot = {
  externalCallId: 'c1', direction: 'INBOUND', status: 'ringing', fromNumber: '+15551230001', toNumber: '+15551230002',
  callerIdMatches: [CONTACT as never], startedAt: NOW - 5000,
};
const CONNECTED: CallSnapshot = { ...RINGING, status: 'connected', engagementId: 9, answeredAt: NOW - 4000 };
const ENDED: CallSnapshot = { ...CONNECTED, status: 'ended', endedAt: NOW - 1000, endStatus: 'COMPLETED' };
const state = (call: CallSnapshot | null, notes = ''): PhoneState => ({ call, notes });
const CONTEXT: HostContext = { portalId: 1, userId: 2 };

describe('ownership rules', () => {
  const roles: [HostContext, string][] = [
    [{ usesCallingWindow: true, iframeLocation: 'remote' }, 'mirror'],
    [{ usesCallingWindow: true, iframeLocation: 'window' }, 'candidate'],
    [{ usesCallingWindow: true, iframeLocation: 'widget' }, 'candidate'],
    [{ usesCallingWindow: false, iframeLocation: 'remote' }, 'candidate'],
    [{ iframeLocation: 'remote' }, 'candidate'],
    [{}, 'candidate'],
  ];
  for (const [context, role] of roles) it(`${JSON.stringify(context)} is a ${role}`, () => expect(roleFor(context)).to.equal(role));

  it('scopes sync to one portal and user', () => {
    expect(syncScope({ portalId: 1, userId: 2 })).to.equal('1:2');
    expect(syncScope({ portalId: 1 })).to.equal('1:');
    expect(syncScope({})).to.equal(':');
  });

  it('knows the calling window page only with hostUrl and portalId', () => {
    expect(callingWindowUrl({ hostUrl: 'https://app.hubspot.com', portalId: 5 })).to.equal('https://app.hubspot.com/calling-integration-popup-ui/5');
    expect(callingWindowUrl({ portalId: 5 })).to.equal(null);
    expect(callingWindowUrl({ hostUrl: 'https://app.hubspot.com' })).to.equal(null);
  });
});

describe('phone state from another frame or storage', () => {
  it('reads every kind of call back exactly', () => {
    for (const call of [RINGING, CONNECTED, ENDED, { ...RINGING, direction: 'OUTBOUND', status: 'dialing', fromNumber: '' } as CallSnapshot]) {
      expect(readCallSnapshot(JSON.parse(JSON.stringify(call)))).to.deep.equal(call);
    }
  });

  const broken: [string, unknown][] = [
    ['not an object', 'call'],
    ['an empty id', { ...RINGING, externalCallId: '' }],
    ['a long id', { ...RINGING, externalCallId: 'x'.repeat(256) }],
    ['an unknown status', { ...RINGING, status: 'held' }],
    ['an outbound ringing call', { ...RINGING, direction: 'OUTBOUND' }],
    ['an inbound call with no caller', { ...RINGING, fromNumber: '' }],
    ['a number that is not E.164', { ...RINGING, toNumber: '555' }],
    ['an engagement id that is not a positive integer', { ...RINGING, engagementId: -1 }],
    ['a start time that is not a time', { ...RINGING, startedAt: 'today' }],
    ['an ended call without its status', { ...ENDED, endStatus: undefined }],
    ['an end status that is not HubSpot’s', { ...ENDED, endStatus: 'BORED' }],
    ['a live call with an end', { ...CONNECTED, endedAt: NOW }],
    ['matches that are not a list', { ...RINGING, callerIdMatches: {} }],
  ];
  for (const [why, value] of broken) it(`refuses ${why}`, () => expect(readCallSnapshot(value)).to.equal(null));

  it('drops unknown keys and bad matches, and freezes the copy', () => {
    const read = readCallSnapshot({ ...RINGING, __proto__: { polluted: true }, extra: 1, callerIdMatches: [CONTACT, { callerIdType: 'ROBOT' }] })!;
    expect(read).to.deep.equal(RINGING);
    expect(Object.isFrozen(read)).to.equal(true);
  });

  it('reads idle and bounded notes, refuses oversized notes', () => {
    expect(readPhoneState({ call: null, notes: '' })).to.deep.equal(IDLE);
    expect(readPhoneState({ call: ENDED, notes: 'hi' })).to.deep.equal(state(ENDED, 'hi'));
    expect(readPhoneState({ call: ENDED, notes: 'x'.repeat(65_537) })).to.equal(null);
    expect(readPhoneState({ call: ENDED })).to.equal(null);
  });
});

describe('the stored call and when to restore it', () => {
  const stored = (call: CallSnapshot, notes = '', savedAt = NOW) => readStoredCall(JSON.stringify(storedCall('1:2', state(call, notes), ['a1'], savedAt)));

  it('round-trips through sessionStorage text, and stores nothing for idle', () => {
    expect(stored(ENDED, 'notes')).to.deep.equal({ v: 1, scope: '1:2', savedAt: NOW, state: state(ENDED, 'notes'), done: ['a1'], awaiting: [] });
    expect(storedCall('1:2', IDLE, [], NOW)).to.equal(null);
  });

  it('keeps the calls waiting for HubSpot’s answers, and only well-formed ones', () => {
    const waits = [{ kind: 'engagement', callId: 'a', at: NOW }, { kind: 'callerId', callId: 'b', at: NOW }] as const;
    const record = JSON.parse(JSON.stringify(storedCall('1:2', state(RINGING), [], NOW, waits)));
    expect(readStoredCall(JSON.stringify(record))!.awaiting).to.deep.equal(waits);
    record.awaiting.push({ kind: 'nonsense', callId: 'c', at: NOW }, { kind: 'update', callId: 5, at: NOW }, { kind: 'update', callId: 'd', at: 'now' }, null);
    expect(readStoredCall(JSON.stringify(record))!.awaiting).to.deep.equal(waits);
  });

  for (const raw of [null, '', '{', '[]', '{"v":2}', JSON.stringify({ v: 1, scope: '1:2', savedAt: NOW, state: { call: null, notes: '' }, done: [] })]) {
    it(`reads ${JSON.stringify(raw)} as nothing stored`, () => expect(readStoredCall(raw)).to.equal(null));
  }

  const cases: [string, CallSnapshot, HostContext, number, boolean][] = [
    ['a ringing call, no engagement named', RINGING, CONTEXT, NOW, true],
    ['a connected call, its engagement named', CONNECTED, { ...CONTEXT, engagementId: 9 }, NOW, true],
    ['a connected call, no engagement named', CONNECTED, CONTEXT, NOW, true],
    ['wrap-up', ENDED, CONTEXT, NOW, true],
    ['another engagement named', CONNECTED, { ...CONTEXT, engagementId: 10 }, NOW, false],
    ['another portal', CONNECTED, { portalId: 7, userId: 2 }, NOW, false],
    ['another user', CONNECTED, { portalId: 1, userId: 3 }, NOW, false],
    ['ringing past the ringing limit', RINGING, CONTEXT, RINGING.startedAt + RINGING_LIMIT_MS + 1, false],
    ['connected within the call limit', CONNECTED, CONTEXT, RINGING.startedAt + RINGING_LIMIT_MS + 1, true],
    ['connected past the call limit', CONNECTED, CONTEXT, RINGING.startedAt + CALL_LIMIT_MS + 1, false],
  ];
  for (const [what, call, context, now, restores] of cases) {
    it(`${restores ? 'restores' : 'discards'} ${what}`, () => {
      const result = restorable(stored(call), context, now);
      if (restores) expect(result).to.deep.equal(state(call));
      else expect(result).to.equal(null);
    });
  }

  it('takes the engagement HubSpot names for a call whose answer the reload beat', () => {
    expect(restorable(stored(RINGING), { ...CONTEXT, engagementId: 11 }, NOW)!.call).to.deep.equal({ ...RINGING, engagementId: 11 });
  });

  it('does not trust a record saved in the future', () => {
    expect(restorable(stored(RINGING, '', NOW + 3_600_000), CONTEXT, NOW)).to.equal(null);
  });
});

describe('messages between frames', () => {
  const SCOPE = '1:2';
  const read = (message: Record<string, unknown>) => readMirrorMessage({ v: 1, scope: SCOPE, from: 'frame-a', ...message }, SCOPE);

  it('reads each kind back as it was sent', () => {
    const sent = [
      { kind: 'hello', from: 'a' },
      { kind: 'bye', from: 'a' },
      { kind: 'state', from: 'a', seq: 3, state: { phone: state(CONNECTED, 'n'), available: true }, done: ['x'] },
      { kind: 'action', from: 'a', id: 'i1', action: { type: 'control', event: 'softphone-answer', detail: {}, then: ['answerCall', []], status: 'ringing', callId: 'c1' } },
      { kind: 'action', from: 'a', id: 'i8', action: { type: 'control', event: 'softphone-dial', detail: { toNumber: '+15550100100', fromNumber: '+15550100001' }, then: ['outgoingCall', [{ toNumber: '+15550100100', fromNumber: '+15550100001' }]] } },
      { kind: 'action', from: 'a', id: 'i9', action: { type: 'control', event: 'softphone-dtmf', detail: { digit: '#' }, status: 'connected', callId: 'c1' } },
      { kind: 'action', from: 'a', id: 'i10', action: { type: 'outcome', callId: 'c1', text: 'f240bbac-87c9-4f6e-bf70-924b57d47db7' } },
      { kind: 'action', from: 'a', id: 'i2', action: { type: 'notes', callId: 'c1', text: 'hello' } },
      { kind: 'action', from: 'a', id: 'i3', action: { type: 'record', callId: 'c1', objectCoordinates: CONTACT.objectCoordinates } },
      { kind: 'action', from: 'a', id: 'i4', action: { type: 'availability', available: false } },
      { kind: 'action', from: 'a', id: 'i5', action: { type: 'method', name: 'endCall', args: ['BUSY'], callId: 'c1' } },
      { kind: 'action', from: 'a', id: 'i6', action: { type: 'method', name: 'incomingCall', args: [{ toNumber: '+1' }] } },
      { kind: 'action', from: 'a', id: 'i7', action: { type: 'host', name: 'DIAL_NUMBER', data: { phoneNumber: '+1' } } },
    ] as const;
    for (const message of sent) expect(readMirrorMessage(JSON.parse(JSON.stringify(envelope(SCOPE, message))), SCOPE)).to.deep.equal(message);
  });

  const refused: [string, unknown][] = [
    ['another scope', { v: 1, scope: '9:9', from: 'a', kind: 'hello' }],
    ['another version', { v: 2, scope: SCOPE, from: 'a', kind: 'hello' }],
    ['no sender', { v: 1, scope: SCOPE, kind: 'hello' }],
    ['a huge sender id', { v: 1, scope: SCOPE, from: 'x'.repeat(65), kind: 'hello' }],
    ['an unknown kind', { v: 1, scope: SCOPE, from: 'a', kind: 'takeover' }],
    ['null', null],
    ['a string', 'state'],
  ];
  for (const [why, data] of refused) it(`ignores ${why}`, () => expect(readMirrorMessage(data, SCOPE)).to.equal(null));

  const badStates: [string, Record<string, unknown>][] = [
    ['a negative seq', { kind: 'state', seq: -1, state: { phone: IDLE, available: true }, done: [] }],
    ['a fractional seq', { kind: 'state', seq: 1.5, state: { phone: IDLE, available: true }, done: [] }],
    ['no availability', { kind: 'state', seq: 1, state: { phone: IDLE }, done: [] }],
    ['a broken call', { kind: 'state', seq: 1, state: { phone: { call: { status: 'ringing' }, notes: '' }, available: true }, done: [] }],
    ['done ids that are not strings', { kind: 'state', seq: 1, state: { phone: IDLE, available: true }, done: [1] }],
    ['too many done ids', { kind: 'state', seq: 1, state: { phone: IDLE, available: true }, done: Array(65).fill('x') }],
  ];
  for (const [why, message] of badStates) it(`ignores a state with ${why}`, () => expect(read(message)).to.equal(null));

  const badActions: [string, unknown][] = [
    ['an unknown type', { type: 'takeover' }],
    ['a click, as the old protocol sent it', { type: 'click', name: 'answer', callId: 'c1' }],
    ['a control that fires no event of ours', { type: 'control', event: 'click', detail: {}, callId: 'c1' }],
    ['a control whose default is not a method', { type: 'control', event: 'softphone-answer', detail: {}, then: ['constructor', []], callId: 'c1' }],
    ['a control with too many arguments', { type: 'control', event: 'softphone-answer', detail: {}, then: ['endCall', [1, 2, 3]], callId: 'c1' }],
    ['a control whose detail is not plain', { type: 'control', event: 'softphone-dtmf', detail: { digit: { x: 1 } }, callId: 'c1' }],
    ['a control with a status but no call', { type: 'control', event: 'softphone-answer', detail: {}, status: 'ringing' }],
    ['a control with a status that is none', { type: 'control', event: 'softphone-answer', detail: {}, status: 'exploded', callId: 'c1' }],
    ['an outcome too long', { type: 'outcome', callId: 'c1', text: 'x'.repeat(256) }],
    ['notes that are not text', { type: 'notes', callId: 'c1', text: 5 }],
    ['oversized notes', { type: 'notes', callId: 'c1', text: 'x'.repeat(65_537) }],
    ['a record without coordinates', { type: 'record', callId: 'c1', objectCoordinates: { portalId: 1 } }],
    ['availability that is not a boolean', { type: 'availability', available: 'yes' }],
    ['a method the element does not have', { type: 'method', name: 'constructor', args: [] }],
    ['a method with too many arguments', { type: 'method', name: 'endCall', args: [1, 2, 3] }],
    ['a method whose call id is not text', { type: 'method', name: 'endCall', args: [], callId: 5 }],
    ['a HubSpot event that is not forwarded', { type: 'host', name: 'CREATE_ENGAGEMENT_SUCCEEDED', data: {} }],
  ];
  for (const [why, action] of badActions) it(`ignores an action with ${why}`, () => expect(read({ kind: 'action', id: 'i', action })).to.equal(null));
});

describe('a toggle pressed twice at once', () => {
  const on = { externalCallId: 'c1', direction: 'INBOUND', status: 'connected', fromNumber: '+15551230001', toNumber: '+15551230002', callerIdMatches: [], startedAt: 1, muted: true } as CallSnapshot;
  const press = (event: string, detail: Record<string, unknown>) => ({ type: 'control', callId: 'c1', status: 'connected', event, detail }) as MirrorAction;
  const table: [string, MirrorAction, CallSnapshot | null, boolean][] = [
    ['Mute on a call the mirrors were shown muted asks nothing new', press('softphone-mute-change', { muted: true }), on, true],
    ['Unmute on it asks', press('softphone-mute-change', { muted: false }), on, false],
    ['Hold on a call not held asks', press('softphone-hold-change', { held: true }), on, false],
    ['Hold off on a call not held asks nothing new', press('softphone-hold-change', { held: false }), on, true],
    ['a keypad digit always asks', press('softphone-dtmf', { digit: '5' }), on, false],
    ['Hang up always asks', press('softphone-hangup', {}), on, false],
    ['with no call shown, a toggle asks', press('softphone-mute-change', { muted: true }), null, false],
    ['notes are not a toggle', { type: 'notes', callId: 'c1', text: 'x' }, on, false],
  ];
  for (const [name, action, call, moot] of table) it(name, () => expect(asksNothingNew(action, call)).to.equal(moot));
});
