/**
 * Hostile and broken input through the real cross-origin protocol: thousands of generated
 * host messages, then a normal call must still work. Also every public method with bad
 * arguments: each must either work or throw a SoftphoneError, never anything else.
 */
import { expect } from '@open-wc/testing';
import { ANSWER_TIMEOUT_MS } from '../../src/core/answers.js';
import { APP_ORIGIN, COMPANY, CONTACT, openSoftphone, type Softphone, seededRandom } from './harness.js';

const MESSAGES = 10_000;
const TYPES = [
  'SYNC', 'READY', 'DIAL_NUMBER', 'END_CALL', 'VISIBILITY_CHANGED', 'SET_CALL_STATE', 'SET_WIDGET_URL', 'FAILED', 'ERROR',
  'CALLER_ID_MATCH_SUCCEEDED', 'CALLER_ID_MATCH_FAILED', 'CREATE_ENGAGEMENT_SUCCEEDED', 'CREATE_ENGAGEMENT_FAILED',
  'ENGAGEMENT_CREATED', 'UPDATE_ENGAGEMENT_SUCCEEDED', 'UPDATE_ENGAGEMENT_FAILED', 'NAVIGATE_TO_RECORD_FAILED',
  'FINALIZE_ENGAGEMENT_SUCCEEDED', 'FINALIZE_ENGAGEMENT_FAILED', 'PUBLISH_TO_CHANNEL_SUCCEEDED', 'PUBLISH_TO_CHANNEL_FAILED',
  'INITIATE_CALL_ID_SUCCEEDED', 'INITIATE_CALL_ID_FAILED', 'SET_WIDGET_URL_FAILED', 'INCOMING_CALL', 'UNKNOWN_THING', '', 'constructor', '__proto__',
];

const HUGE = 'x'.repeat(1 << 20);

function deep(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { child: value, list: [value] };
  return value;
}

function generator(rand: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const values: (() => unknown)[] = [
    () => undefined, () => null, () => 0, () => -1, () => 1.5, () => NaN, () => 2 ** 60, () => '', () => 'text', () => true,
    () => [], () => [1, 'a', null], () => ({}), () => '<img src=x onerror=alert(1)>',
    () => (rand() < 0.02 ? HUGE : 'y'.repeat(Math.floor(rand() * 5000))),
    () => (rand() < 0.05 ? deep(200) : deep(3)),
    () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    () => ({ phoneNumber: pick([123, '', '+15551230000', null, {}, HUGE.slice(0, 1000)]) }),
    () => ({ engagementId: pick([1, -1, '5', 2 ** 53, 0.5, null, {}]) }),
    () => ({ callerIdMatches: pick([null, 'x', [null], [CONTACT, COMPANY], [{ ...CONTACT, objectCoordinates: { portalId: 'x' } }], Array(200).fill(CONTACT)]) }),
    () => ({ isMinimized: pick([true, 'yes', 1, null]), isHidden: pick([false, {}, undefined]) }),
    () => ({ error: pick([null, 'x', { message: pick([1, '', 'oops', HUGE.slice(0, 10_000)]) }]) }),
    () => ({ hostUrl: pick(['https://evil.example', location.origin, 42]), portalId: 666, iframeLocation: pick(['window', 'remote', 7]) }),
    // Answers naming a call (late-answer correlation), SET_WIDGET_URL's target, DIAL_NUMBER's quirks.
    () => ({ externalCallId: pick(['x', '', 5, null, '__proto__']), engagementId: pick([3, 0, null]) }),
    () => ({ iFrameUrl: pick(['https://evil.example', location.origin, 'javascript:alert(1)', 42]) }),
    () => ({ phoneNumber: pick(['096 123 4567', '(555) 123-4567', '+15551230000']), countryCode: pick(['UA', 'US', 'ZZ', 7, null]), calleeInfo: pick([{ calleeId: 5, calleeObjectTypeId: '0-1' }, { calleeId: 'x' }, null]), objectId: pick([0, 5, -1]), startTimestamp: pick([1, 2]) }),
  ];
  let lastId = '1_1';
  return () => {
    const message: Record<string, unknown> = { type: pick(TYPES), data: pick(values)() };
    const id = rand();
    // Fresh ids, replayed ids, missing ids and ids that look like the app's own.
    if (id < 0.6) message.messageId = lastId = `${Math.floor(rand() * 1e6)}_${Math.floor(rand() * 1e6)}`;
    else if (id < 0.8) message.messageId = lastId;
    else if (id < 0.9) message.messageId = pick([0, null, {}, '']);
    if (rand() < 0.1) Object.assign(message, pick(values)() ?? {});
    return rand() < 0.02 ? pick([null, 'string message', 42, [message]]) : message;
  };
}

describe('fuzzing', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  it(`survives ${MESSAGES} generated host messages and then completes a normal call`, async function () {
    this.timeout(120_000);
    phone = await openSoftphone({ attrs: { 'navigate-on': 'match' } });
    // Both sides' SDKs log every message at debug level; with megabyte payloads that floods the runner.
    await phone.command({ op: 'quiet' });
    const debug = console.debug;
    console.debug = () => {};
    try {
      await fuzzThenCall(phone);
    } finally {
      console.debug = debug;
    }
  });

  it('public methods given bad arguments work or throw a SoftphoneError, nothing else', async () => {
    phone = await openSoftphone();
    const bad = [undefined, null, 0, NaN, '', 'x', '+1', '+15551230000', true, [], {}, { toNumber: 5 }, { fromNumber: [] }, ['+15551230000'],
      { fromNumber: '+15551230001', toNumber: '+15551230002', externalCallId: 7 }, { fromNumber: '+15551230001', toNumber: '+15551230002', callStartTime: 'now' },
      { portalId: 1, objectId: 2, objectTypeId: 3 }, { engagementProperties: { a: {} } }, { engagementProperties: [] }, { hideWidget: 'no' },
      'COMPLETED', 'HUNG_UP', 'x'.repeat(100_000)];
    const outcomes = new Set<string>();
    for (const method of ['incomingCall', 'outgoingCall', 'answerCall', 'endCall', 'completeCall', 'transferCall', 'finalizeEngagement', 'navigateToRecord', 'reportError']) {
      const argLists = bad.flatMap((a) => [[a], [a, a], [{ fromNumber: '+15551230001', toNumber: '+15551230002' }, a]]);
      for (const result of await phone.command({ op: 'tryCalls', method, argLists })) outcomes.add(`${method} ${result}`);
      const { call } = await phone.inspect();
      if (call?.status !== 'ended' && call) await phone.call('endCall');
      if ((await phone.inspect()).call) await phone.call('completeCall');
    }
    const unexpected = [...outcomes].filter((o) => !/ (ok|SoftphoneError:INVALID_(ARGUMENT|STATE))$/.test(o));
    expect(unexpected).to.deep.equal([]);
    expect((await phone.inspect()).uncaught).to.deep.equal([]);
  });
});

async function fuzzThenCall(phone: Softphone) {
  const next = generator(seededRandom(20261121));
  const target = phone.host.iframe.contentWindow!;
  await phone.call('incomingCall', { fromNumber: '+15551230001', toNumber: '+15551230002' });
  for (let i = 0; i < MESSAGES; i++) {
    const message = next();
    try {
      target.postMessage(message, APP_ORIGIN);
    } catch {
      // A value the browser cannot clone never leaves the host; nothing to test.
    }
    // Let the frame breathe now and then, and vary the call state the messages meet.
    if (i % 500 === 499) {
      const { call } = await phone.inspect();
      if (!call) await phone.call('incomingCall', { fromNumber: '+15551230001', toNumber: '+15551230002' });
      else if (call.status === 'ringing') await phone.call('answerCall');
      else if (call.status === 'connected') await phone.call('endCall');
      else await phone.call('completeCall');
    }
  }
  const after = await phone.inspect();
  expect(after.uncaught).to.deep.equal([]);
  expect(after.polluted).to.deep.equal([]);
  expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  expect(after.ready).to.equal(true);

  // Whatever state the fuzz left, finish it; once the answers the storm's calls never got have lapsed, one normal call end to end.
  if (after.call && after.call.status !== 'ended') await phone.call('endCall');
  if ((await phone.inspect()).call) await phone.call('completeCall');
  await new Promise((r) => setTimeout(r, ANSWER_TIMEOUT_MS + 200));
  const { host } = phone;
  const before = host.received('CALL_COMPLETED').length;
  const call = await phone.call('incomingCall', { fromNumber: '+15551239876', toNumber: '+15551230002' });
  host.createEngagementSucceeded(777);
  host.callerIdMatchSucceeded([CONTACT]);
  await phone.waitForEvent('softphone-caller-id', { index: phone.eventsOf('softphone-caller-id').length });
  await phone.click('answer-button');
  await phone.click('hangup-button');
  await phone.input('notes', 'after the storm');
  await phone.click('done-button');
  const completed = await host.waitFor('CALL_COMPLETED', { index: before });
  expect(completed.data).to.deep.include({ externalCallId: call.externalCallId });
  expect((completed.data as { engagementProperties: object }).engagementProperties).to.deep.include({ hs_call_body: 'after the storm' });
  const ended = host.received('CALL_ENDED').find((m) => (m.data as { externalCallId: string }).externalCallId === call.externalCallId)!;
  expect(ended.data).to.deep.equal({ externalCallId: call.externalCallId, engagementId: 777, callEndStatus: 'COMPLETED' });
  expect((await phone.inspect()).call).to.equal(null);
  expect((await phone.inspect()).uncaught).to.deep.equal([]);
}
