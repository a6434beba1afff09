/**
 * Everything HubSpot says, through the SDK's own host across a real iframe: every message type
 * has an outcome, late answers go to the call they answer, and setWidgetUrl in both directions.
 */
import { Constants } from '@hubspot/calling-extensions-sdk';
import { expect } from '@open-wc/testing';
import { HOST_OUTCOMES } from '../../src/core/host-outcomes.js';
import { APP_ORIGIN, COMPANY, CONTACT, openSoftphone, type Softphone, pause } from './harness.js';

const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };
const CALL_B = { fromNumber: '+15551230005', toNumber: '+15551230002' };

describe('every SDK message has an outcome', () => {
  it('knows each message type in the SDK’s own handler table, and nothing else', () => {
    expect(Object.keys(HOST_OUTCOMES).sort()).to.deep.equal(Object.keys(Constants.messageHandlerNames).sort());
  });

  it('lists each SDK message type in the README’s protocol table', async () => {
    const readme = await (await fetch('/README.md')).text();
    const table = readme.slice(readme.indexOf('### Every HubSpot message'));
    for (const type of Object.keys(Constants.messageHandlerNames)) expect(table, type).to.match(new RegExp(`\\| \`${type}\` \\|`));
  });
});

describe('HubSpot’s messages, each with its outcome', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  const cases: [type: string, data: unknown, event: string, expected: Record<string, unknown>][] = [
    ['INITIATE_CALL_ID_SUCCEEDED', { externalCallId: 'x-1', engagementId: 9, nested: { a: 1 } }, 'softphone-call-id-initiated', { externalCallId: 'x-1', engagementId: 9 }],
    ['SET_CALL_STATE', { externalCallId: 'x-1', callState: 'ON_HOLD', list: [1] }, 'softphone-call-state', { externalCallId: 'x-1', callState: 'ON_HOLD' }],
    ['INITIATE_CALL_ID_FAILED', { error: { message: 'Invalid phone number' } }, 'softphone-error', { code: 'INITIATE_CALL_ID_FAILED', message: 'Invalid phone number' }],
    ['SET_WIDGET_URL_FAILED', {}, 'softphone-error', { code: 'SET_WIDGET_URL_FAILED', message: 'HubSpot: set widget url failed' }],
    ['FAILED', { error: { message: 'Something broke' } }, 'softphone-error', { code: 'HUBSPOT_FAILED', message: 'Something broke' }],
  ];
  for (const [type, data, event, expected] of cases) {
    it(`${type} → ${event} ${JSON.stringify(expected)}`, async () => {
      phone = await openSoftphone();
      phone.host.send(type, data);
      const got = await phone.waitForEvent(event);
      expect(got.detail).to.deep.equal(expected);
    });
  }

  it('reports finalize success with the call it finalized', async () => {
    phone = await openSoftphone();
    const call = await phone.call('incomingCall', CALL);
    phone.host.createEngagementSucceeded(51);
    await phone.waitForEvent('softphone-engagement');
    await phone.call('finalizeEngagement');
    phone.host.send('FINALIZE_ENGAGEMENT_SUCCEEDED', { engagementId: 51, externalCallId: call.externalCallId });
    const finalized = await phone.waitForEvent('softphone-finalized');
    expect(finalized.detail).to.deep.include({ engagementId: 51 });
    expect(finalized.detail.call).to.include({ externalCallId: call.externalCallId });
  });

  it('shows no banner for a widget URL HubSpot refused, but does for a failure the user should know of', async () => {
    phone = await openSoftphone();
    phone.host.send('SET_WIDGET_URL_FAILED', {});
    await phone.waitForEvent('softphone-error');
    expect((await phone.inspect()).text).to.not.contain('set widget url');
    phone.host.send('INITIATE_CALL_ID_FAILED', { error: { message: 'Invalid phone number' } });
    await phone.until((s) => s.text.includes('Invalid phone number'));
  });
});

describe('late answers go to the call they answer', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  /** Call A rings and ends unanswered; B rings before HubSpot has said anything about A. */
  async function twoCalls(attrs: Record<string, string> = {}) {
    phone = await openSoftphone({ attrs });
    const a = await phone.call('incomingCall', CALL);
    await phone.call('endCall');
    const b = await phone.call('incomingCall', CALL_B);
    return { a, b };
  }

  it('gives A’s engagement and caller ID to A, and B’s to B', async () => {
    const { a, b } = await twoCalls({ 'navigate-on': 'match' });
    const { host } = phone!;
    host.createEngagementSucceeded(71);
    host.callerIdMatchSucceeded([COMPANY]);
    host.createEngagementSucceeded(72);
    host.callerIdMatchSucceeded([CONTACT]);
    await phone!.waitForEvent('softphone-caller-id', { index: 1 });
    const state = await phone!.until((s) => s.call?.engagementId === 72 && s.text.includes('Ada Lovelace'));
    expect(state.text).to.not.contain('Analytical Engines');
    const engagements = phone!.eventsOf('softphone-engagement').map((e) => [e.detail.call.externalCallId, e.detail.engagementId]);
    expect(engagements).to.deep.equal([[a.externalCallId, 71], [b.externalCallId, 72]]);
    expect(phone!.eventsOf('softphone-engagement')[0]!.detail.call).to.include({ status: 'ended', engagementId: 71 });
    const callerIds = phone!.eventsOf('softphone-caller-id').map((e) => [e.detail.call.externalCallId, e.detail.matches[0].callerIdType]);
    expect(callerIds).to.deep.equal([[a.externalCallId, 'COMPANY'], [b.externalCallId, 'CONTACT']]);
    // navigate-on="match" opens B's match only, and B's notes go to B's engagement.
    await host.waitFor('NAVIGATE_TO_RECORD');
    await pause(100);
    expect(host.received('NAVIGATE_TO_RECORD').map((m) => (m.data as any).objectCoordinates)).to.deep.equal([CONTACT.objectCoordinates]);
    await phone!.call('answerCall');
    await phone!.call('endCall');
    expect((await host.waitFor('CALL_ENDED', { index: 1 })).data).to.deep.include({ externalCallId: b.externalCallId, engagementId: 72 });
  });

  it('follows the call HubSpot names, whatever the order', async () => {
    const { a, b } = await twoCalls();
    phone!.host.send('CREATE_ENGAGEMENT_SUCCEEDED', { engagementId: 82, externalCallId: b.externalCallId });
    phone!.host.send('CREATE_ENGAGEMENT_SUCCEEDED', { engagementId: 81 });
    await phone!.waitForEvent('softphone-engagement', { index: 1 });
    expect((await phone!.inspect()).call.engagementId).to.equal(82);
    expect(phone!.eventsOf('softphone-engagement').map((e) => [e.detail.call.externalCallId, e.detail.engagementId])).to.deep.equal([
      [b.externalCallId, 82],
      [a.externalCallId, 81],
    ]);
  });

  it('names the call a failure is about, and does not let a repeated answer shift the rest', async () => {
    const { a, b } = await twoCalls();
    phone!.host.fail('CREATE_ENGAGEMENT_FAILED', 'No portal access');
    const error = await phone!.waitForEvent('softphone-error');
    expect(error.detail).to.deep.equal({ code: 'CREATE_ENGAGEMENT_FAILED', message: 'No portal access', externalCallId: a.externalCallId });
    // HubSpot's deprecated ENGAGEMENT_CREATED beside CREATE_ENGAGEMENT_SUCCEEDED, for B: one answer.
    phone!.host.createEngagementSucceeded(92);
    phone!.host.send('ENGAGEMENT_CREATED', { engagementId: 92 });
    await phone!.waitForEvent('softphone-engagement', { index: 1 });
    expect(phone!.eventsOf('softphone-engagement').map((e) => e.detail.call.externalCallId)).to.deep.equal([b.externalCallId, b.externalCallId]);
    const c = await phone!.call('endCall').then(() => phone!.call('incomingCall', { ...CALL, externalCallId: 'call-c' }));
    phone!.host.createEngagementSucceeded(93);
    await phone!.until((s) => s.call?.engagementId === 93);
    expect(c.externalCallId).to.equal('call-c');
  });

  it('reports an update after Done with the call it completed', async () => {
    phone = await openSoftphone();
    const call = await phone.call('incomingCall', CALL);
    phone.host.createEngagementSucceeded(61);
    await phone.waitForEvent('softphone-engagement');
    await phone.call('endCall');
    await phone.call('completeCall');
    phone.host.updateEngagementSucceeded(61);
    const updated = await phone.waitForEvent('softphone-engagement', { index: 1 });
    expect(updated.detail.call).to.include({ externalCallId: call.externalCallId, engagementId: 61 });
    expect((await phone.inspect()).call).to.equal(null);
  });
});

describe('setWidgetUrl', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  it('asks HubSpot to load another page of the app', async () => {
    phone = await openSoftphone();
    await phone.command({ op: 'callAsync', method: 'setWidgetUrl', args: ['https://calls.example.com/hubspot?team=2'] });
    expect((await phone.host.waitFor('SET_WIDGET_URL')).data).to.deep.equal({ iFrameUrl: 'https://calls.example.com/hubspot?team=2' });
    await phone.call('setWidgetUrl', 'http://localhost:9025/');
    expect((await phone.host.waitFor('SET_WIDGET_URL', { index: 1 })).data).to.deep.equal({ iFrameUrl: 'http://localhost:9025/' });
  });

  it('refuses what is not an https page of the app, and sends nothing', async () => {
    phone = await openSoftphone();
    const bad = ['javascript:alert(1)', 'http://calls.example.com/', '/relative', 'https://user:pw@calls.example.com/', 'data:text/html,x', 42, '', `https://x.example/${'a'.repeat(2100)}`];
    const outcomes = await Promise.all(
      bad.map((url) => phone!.command({ op: 'callAsync', method: 'setWidgetUrl', args: [url] }).then(() => 'sent', (error) => `${error.name}:${error.code}`)),
    );
    expect(outcomes).to.deep.equal(bad.map(() => 'SoftphoneError:INVALID_ARGUMENT'));
    await pause(100);
    expect(phone.host.received('SET_WIDGET_URL')).to.deep.equal([]);
  });

  it('drops HubSpot’s SET_WIDGET_URL to another origin, which would send every later message there', async () => {
    phone = await openSoftphone();
    phone.host.iframe.contentWindow!.postMessage({ type: 'SET_WIDGET_URL', iFrameUrl: 'https://evil.example', messageId: '9_1' }, APP_ORIGIN);
    const error = await phone.waitForEvent('softphone-error');
    expect(error.detail).to.include({ code: 'ORIGIN_REJECTED' });
    expect(error.detail.message).to.contain('SET_WIDGET_URL');
    await phone.call('incomingCall', CALL);
    await phone.host.waitFor('INCOMING_CALL');
  });
});
