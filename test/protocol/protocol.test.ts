import { expect } from '@open-wc/testing';
import { APP_ORIGIN, COMPANY, CONTACT, HOST_ORIGIN, openSoftphone, type Softphone, pause } from './harness.js';

const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };

describe('protocol across origins', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  it('answers SYNC and sends a full initialized payload', async () => {
    phone = await openSoftphone({ attrs: { available: '', width: '320', height: '540' } });
    expect(phone.host.received('INITIALIZED')[0]!.data).to.deep.equal({ isLoggedIn: true, isAvailable: true, sizeInfo: { width: 320, height: 540 } });
    const ready = await phone.waitForEvent('softphone-ready');
    expect(ready.detail).to.deep.equal({ portalId: 123, userId: 456, ownerId: 789, iframeLocation: 'widget', usesCallingWindow: false, hostUrl: HOST_ORIGIN });
    expect(APP_ORIGIN).to.not.equal(HOST_ORIGIN);
  });

  it('sends the engagementId HubSpot gives when it reloads the app', async () => {
    phone = await openSoftphone();
    phone.host.reload({ portalId: 123, engagementId: 4242, iframeLocation: 'widget' });
    expect((await phone.host.waitFor('INITIALIZED', { index: 1 })).data).to.deep.include({ engagementId: 4242 });
  });

  it('carries every app → HubSpot message, in order, once', async () => {
    phone = await openSoftphone();
    const { host } = phone;
    await phone.set('available', true);
    await phone.set('loggedIn', false);
    await phone.set('loggedIn', true);
    await phone.set('width', 380);
    await phone.set('height', 620);
    const call = await phone.call('incomingCall', CALL);
    host.createEngagementSucceeded(31);
    await phone.waitForEvent('softphone-engagement');
    await phone.call('answerCall');
    await phone.call('navigateToRecord', CONTACT.objectCoordinates, 'NEW_TAB');
    await phone.call('finalizeEngagement');
    await phone.call('endCall', 'BUSY');
    await phone.call('completeCall', { engagementProperties: { hs_call_title: 'Support' }, hideWidget: true });
    await phone.call('outgoingCall', { toNumber: '+15551230003' });
    await phone.call('transferCall');
    await phone.call('reportError', 'Line dropped');
    await host.waitFor('ERROR');
    const id = call.externalCallId;
    // Talk time in ms, from answer to end, as a string.
    const talked = (host.received('CALL_COMPLETED')[0]!.data as { engagementProperties: { hs_call_duration: string } }).engagementProperties.hs_call_duration;
    expect(talked).to.match(/^\d+$/);
    expect(host.received().map(({ type, data }) => [type, data])).to.deep.equal([
      ['READY', {}],
      ['INITIALIZED', { isLoggedIn: true, isAvailable: false }],
      ['USER_AVAILABLE', undefined],
      ['LOGGED_OUT', undefined],
      ['LOGGED_IN', undefined],
      ['RESIZE_WIDGET', { width: 380, height: 620 }],
      ['INCOMING_CALL', { externalCallId: id, ...CALL, callStartTime: call.startedAt, createEngagement: true }],
      ['CALL_ANSWERED', { externalCallId: id }],
      ['NAVIGATE_TO_RECORD', { objectCoordinates: CONTACT.objectCoordinates, openIn: 'NEW_TAB', engagementId: 31 }],
      ['FINALIZE_ENGAGEMENT', { externalCallId: id, engagementId: 31 }],
      ['CALL_ENDED', { externalCallId: id, engagementId: 31, callEndStatus: 'BUSY' }],
      ['CALL_COMPLETED', { externalCallId: id, engagementId: 31, hideWidget: true, engagementProperties: { hs_call_duration: talked, hs_call_status: 'BUSY', hs_call_title: 'Support' } }],
      ['OUTGOING_CALL_STARTED', host.received('OUTGOING_CALL_STARTED')[0]!.data],
      ['CALL_TRANSFERRED', { externalCallId: (host.received('OUTGOING_CALL_STARTED')[0]!.data as { externalCallId: string }).externalCallId }],
      ['ERROR', { message: 'Line dropped' }],
    ]);
    expect(host.received('OUTGOING_CALL_STARTED')[0]!.data).to.include({ toNumber: '+15551230003', phoneNumber: '+15551230003', createEngagement: true });
  });

  it('handles every HubSpot → app event and still completes a call', async () => {
    phone = await openSoftphone();
    const { host } = phone;
    await phone.call('incomingCall', CALL);
    const events: [string, unknown, string | null][] = [
      ['DIAL_NUMBER', { phoneNumber: '+15551239999' }, 'softphone-dial-number'],
      ['CALLER_ID_MATCH_SUCCEEDED', { callerIdMatches: [CONTACT, COMPANY] }, 'softphone-caller-id'],
      ['CALLER_ID_MATCH_FAILED', { error: { message: 'x' } }, 'softphone-error'],
      ['CREATE_ENGAGEMENT_SUCCEEDED', { engagementId: 1 }, 'softphone-engagement'],
      ['ENGAGEMENT_CREATED', { engagementId: 2 }, 'softphone-engagement'],
      ['CREATE_ENGAGEMENT_FAILED', { error: { message: 'x' } }, 'softphone-error'],
      ['UPDATE_ENGAGEMENT_SUCCEEDED', { engagementId: 3 }, 'softphone-engagement'],
      ['UPDATE_ENGAGEMENT_FAILED', { error: { message: 'x' } }, 'softphone-error'],
      ['NAVIGATE_TO_RECORD_FAILED', { error: { message: 'x' } }, 'softphone-error'],
      ['FINALIZE_ENGAGEMENT_SUCCEEDED', { engagementId: 3 }, 'softphone-finalized'],
      ['FINALIZE_ENGAGEMENT_FAILED', { error: { message: 'x' } }, 'softphone-error'],
      ['PUBLISH_TO_CHANNEL_SUCCEEDED', { engagementId: 3 }, 'softphone-finalized'],
      ['PUBLISH_TO_CHANNEL_FAILED', { error: { message: 'x' } }, 'softphone-error'],
      ['VISIBILITY_CHANGED', { isMinimized: false, isHidden: true }, 'softphone-visibility-change'],
      ['SET_CALL_STATE', { state: 'x' }, 'softphone-call-state'],
      ['INITIATE_CALL_ID_SUCCEEDED', {}, 'softphone-call-id-initiated'],
      ['INITIATE_CALL_ID_FAILED', {}, 'softphone-error'],
      ['SET_WIDGET_URL_FAILED', {}, 'softphone-error'],
      ['FAILED', { error: { message: 'x' } }, 'softphone-error'],
      ['SOMETHING_NEW', { x: 1 }, null],
      ['END_CALL', undefined, 'softphone-end-call-request'],
    ];
    for (const [type, data, event] of events) {
      const before = event ? phone.eventsOf(event).length : 0;
      host.send(type, data);
      if (event) await phone.waitForEvent(event, { index: before });
    }
    // The SDK itself answers a type it does not know.
    expect((await host.waitFor('ERROR')).data).to.deep.include({ type: 'UNKNOWN_MESSAGE_TYPE' });
    expect(phone.eventsOf('softphone-engagement').map((e) => e.detail.engagementId)).to.deep.equal([1, 2, 3]);
    expect(phone.eventsOf('softphone-error').map((e) => e.detail.code)).to.deep.equal([
      'CALLER_ID_MATCH_FAILED', 'CREATE_ENGAGEMENT_FAILED', 'UPDATE_ENGAGEMENT_FAILED', 'NAVIGATE_TO_RECORD_FAILED',
      'FINALIZE_ENGAGEMENT_FAILED', 'FINALIZE_ENGAGEMENT_FAILED', 'INITIATE_CALL_ID_FAILED', 'SET_WIDGET_URL_FAILED', 'HUBSPOT_FAILED',
    ]);
    expect((await host.waitFor('CALL_ENDED')).data).to.include({ engagementId: 1, callEndStatus: 'REJECTED' });
    await phone.call('completeCall');
    expect((await host.waitFor('CALL_COMPLETED')).data).to.include({ engagementId: 1 });
  });

  it('sends property changes and calls in the order the page made them', async () => {
    phone = await openSoftphone({ attrs: { 'logged-in': null } });
    await phone.batch(
      { op: 'set', prop: 'loggedIn', value: true },
      { op: 'set', prop: 'available', value: true },
      { op: 'call', method: 'outgoingCall', args: [{ toNumber: '+15551230003' }] },
      { op: 'set', prop: 'available', value: false },
      { op: 'call', method: 'endCall', args: [] },
    );
    await phone.host.waitFor('CALL_ENDED');
    await pause(100);
    expect(phone.host.received().map((m) => m.type)).to.deep.equal([
      'READY', 'INITIALIZED', 'LOGGED_IN', 'USER_AVAILABLE', 'OUTGOING_CALL_STARTED', 'USER_UNAVAILABLE', 'CALL_ENDED',
    ]);
  });

  it('keeps what the page does before the handshake and delivers it in order, once', async () => {
    phone = await openSoftphone({ holdSync: true });
    const call = await phone.call('incomingCall', CALL);
    await phone.set('available', true);
    await phone.call('answerCall');
    await phone.call('endCall');
    await pause(200);
    expect(phone.host.received()).to.deep.equal([]);
    phone.host.sync();
    await phone.host.waitFor('CALL_ENDED');
    await pause(100);
    expect(phone.host.received().map((m) => m.type)).to.deep.equal(['READY', 'INITIALIZED', 'INCOMING_CALL', 'CALL_ANSWERED', 'CALL_ENDED']);
    expect(phone.host.received('INITIALIZED')[0]!.data).to.deep.equal({ isLoggedIn: true, isAvailable: true });
    expect(phone.host.received('INCOMING_CALL')[0]!.data).to.include({ externalCallId: call.externalCallId });
  });

  it('shows the not-in-HubSpot state after sync-timeout and still recovers on a late SYNC', async () => {
    phone = await openSoftphone({ holdSync: true, attrs: { 'sync-timeout': '300' } });
    expect((await phone.inspect()).text).to.contain('Connecting to HubSpot');
    expect((await phone.waitForEvent('softphone-error')).detail.code).to.equal('SYNC_TIMEOUT');
    expect((await phone.inspect()).text).to.contain('Open this inside HubSpot');
    phone.host.sync();
    await phone.waitForEvent('softphone-ready');
    const state = await phone.inspect();
    expect(state.ready).to.equal(true);
    expect(state.text).to.contain('Available for calls');
  });

  describe('origin guard', () => {
    it('ignores a host whose origin is not allowed', async () => {
      phone = await openSoftphone({ attrs: { 'allowed-origins': 'https://app.hubspot.com' }, waitReady: false });
      const error = await phone.waitForEvent('softphone-error');
      expect(error.detail).to.deep.equal({ code: 'ORIGIN_REJECTED', message: `Ignored a message from ${HOST_ORIGIN}: origin not in allowed-origins.` });
      await pause(300);
      expect(phone.host.ready).to.equal(false);
      expect(phone.host.received()).to.deep.equal([]);
      expect(phone.eventsOf('softphone-error')).to.have.length(1);
    });

    it('drops a SYNC whose hostUrl is not the sender', async () => {
      phone = await openSoftphone({ holdSync: true });
      phone.host.iframe.contentWindow!.postMessage({ type: 'SYNC', hostUrl: 'https://evil.example', portalId: 666, messageId: '1_1' }, APP_ORIGIN);
      const error = await phone.waitForEvent('softphone-error');
      expect(error.detail.message).to.contain('hostUrl');
      phone.host.sync();
      const ready = await phone.waitForEvent('softphone-ready');
      expect(ready.detail.portalId).to.equal(123);
      await phone.host.waitFor('INITIALIZED');
    });

    it('drops a SYNC without hostUrl, which the SDK would answer to the referrer', async () => {
      phone = await openSoftphone({ holdSync: true });
      phone.host.iframe.contentWindow!.postMessage({ type: 'SYNC', portalId: 666, messageId: '1_1' }, APP_ORIGIN);
      expect((await phone.waitForEvent('softphone-error')).detail.message).to.contain('hostUrl');
      phone.host.sync();
      expect((await phone.waitForEvent('softphone-ready')).detail.portalId).to.equal(123);
    });

    it('does not take a READY before any SYNC as the handshake', async () => {
      phone = await openSoftphone({ holdSync: true });
      await phone.call('incomingCall', CALL);
      phone.host.iframe.contentWindow!.postMessage({ type: 'READY', data: {}, messageId: '1_1' }, APP_ORIGIN);
      await pause(200);
      expect((await phone.inspect()).ready).to.equal(false);
      phone.host.sync();
      await phone.host.waitFor('INCOMING_CALL');
      expect(phone.host.received().map((m) => m.type)).to.deep.equal(['READY', 'INITIALIZED', 'INCOMING_CALL']);
    });

    it('leaves the page’s own messages alone', async () => {
      phone = await openSoftphone();
      // The page posts to itself, as a sign-in popup or a setImmediate polyfill would.
      await phone.command({ op: 'selfPost' });
      await pause(200);
      const shaped = { type: 'DIAL_NUMBER', data: { phoneNumber: '+19005550000' } };
      expect((await phone.inspect()).selfMessages).to.deep.equal([
        { type: 'oauth', token: 't' },
        'tick$1',
        { ...shaped, messageId: '1_1' },
        { ...shaped, messageId: '1_2' },
      ]);
      expect(phone.eventsOf('softphone-error')).to.deep.equal([]);
      expect(phone.eventsOf('softphone-dial-number')).to.deep.equal([]);
    });

    it('ignores HubSpot-shaped messages from any window but the parent', async () => {
      phone = await openSoftphone();
      const sibling = document.createElement('iframe');
      const spoof = { type: 'DIAL_NUMBER', data: { phoneNumber: '+19005550000' }, messageId: '1_2' };
      sibling.srcdoc = `<script>parent.document.querySelector('#hubspot-host iframe').contentWindow.postMessage(${JSON.stringify(spoof)}, '*');</script>`;
      document.body.append(sibling);
      await phone.waitForEvent('softphone-error');
      phone.host.dialNumber('+15551239999');
      await phone.waitForEvent('softphone-dial-number');
      await pause(100);
      sibling.remove();
      expect(phone.eventsOf('softphone-dial-number').map((e) => e.detail.phoneNumber)).to.deep.equal(['+15551239999']);
    });
  });

  it('rejects bad input inside the frame and sends nothing', async () => {
    phone = await openSoftphone();
    const error = await phone.call('incomingCall', { fromNumber: 'call me', toNumber: '+15551230002' }).catch((e) => e);
    expect(error).to.include({ isSoftphoneError: true, code: 'INVALID_ARGUMENT' });
    await pause(100);
    expect(phone.host.received().map((m) => m.type)).to.deep.equal(['READY', 'INITIALIZED']);
    expect((await phone.inspect()).call).to.equal(null);
  });

  it('works from the CDN script alone', async () => {
    // This page reports no element events, so no waiting for ownership.
    phone = await openSoftphone({ src: `${APP_ORIGIN}/test/protocol/fixtures/cdn.html?host=${encodeURIComponent(HOST_ORIGIN)}`, waitReady: false });
    await phone.host.waitFor('INITIALIZED');
    const ready = await phone.waitForEvent('cdn-ready');
    expect(ready.detail).to.include.members(['HubSpotSoftphone', 'SoftphoneError', 'formatPhoneNumber']);
    phone.host.dialNumber('+15551234567');
    expect((await phone.host.waitFor('OUTGOING_CALL_STARTED')).data).to.include({ toNumber: '+15551234567' });
  });
});
