import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import { EN_STRINGS } from '../../src/core/strings.js';
import type { CallSnapshot, ObjectCoordinates } from '../../src/core/types.js';
import { styles } from '../../src/element/styles.js';
import { inCallView } from '../../src/element/views/in-call.js';
import type { ViewContext } from '../../src/element/views/view-context.js';
import { wrapUpView } from '../../src/element/views/wrap-up.js';
import { COMPANY, CONTACT } from '../protocol/harness.js';
import { expectAccessible, mount, settle, unmount } from './mount.js';

const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };

describe('<hubspot-softphone> in HubSpot', () => {
  afterEach(unmount);

  describe('idle', () => {
    it('shows the login slot while signed out', async () => {
      const { el, host, part } = await mount({ 'logged-in': null });
      expect(host.received('INITIALIZED')[0]!.data).to.deep.include({ isLoggedIn: false });
      const login = el.ownerDocument.createElement('button');
      login.slot = 'login';
      login.textContent = 'Sign in with Acme';
      el.append(login);
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=login]')!;
      expect(slot.assignedElements()).to.deep.equal([login]);
      login.remove();
      await settle(el);
      expect(part('status').textContent).to.contain('Sign in to start calling.');
      el.loggedIn = true;
      await settle(el);
      await host.waitFor('LOGGED_IN');
      expect(part('availability-toggle')).to.exist;
    });

    it('flips availability with the switch and tells HubSpot', async () => {
      const { el, host, part } = await mount();
      const toggle = part('availability-toggle');
      expect(toggle.getAttribute('role')).to.equal('switch');
      expect(toggle.getAttribute('aria-checked')).to.equal('false');
      const event = oneEvent(el, 'softphone-availability-change');
      toggle.click();
      expect((await event).detail).to.deep.equal({ available: true });
      await settle(el);
      expect(el.available).to.equal(true);
      expect(toggle.getAttribute('aria-checked')).to.equal('true');
      await host.waitFor('USER_AVAILABLE');
      toggle.click();
      await host.waitFor('USER_UNAVAILABLE');
    });

    it('keeps the switch where it was when the page prevents the change', async () => {
      const { el, host, part } = await mount();
      el.addEventListener('softphone-availability-change', (e) => e.preventDefault());
      part('availability-toggle').click();
      await settle(el);
      expect(el.available).to.equal(false);
      expect(part('availability-toggle').getAttribute('aria-checked')).to.equal('false');
      el.reportError('marker');
      await host.waitFor('ERROR');
      expect(host.received('USER_AVAILABLE')).to.have.length(0);
    });

    it('works from the keyboard', async () => {
      const { el, host, part } = await mount();
      part('availability-toggle').focus();
      await sendKeys({ press: ' ' });
      await host.waitFor('USER_AVAILABLE');
      expect(el.available).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await host.waitFor('USER_UNAVAILABLE');
    });

    it('sends resizeWidget when width or height changes', async () => {
      const { el, host } = await mount({ width: '300', height: '500' });
      expect(host.received('INITIALIZED')[0]!.data).to.deep.include({ sizeInfo: { width: 300, height: 500 } });
      el.width = 360;
      await settle(el);
      expect((await host.waitFor('RESIZE_WIDGET')).data).to.deep.equal({ width: 360, height: 500 });
    });

    it('passes DIAL_NUMBER on as softphone-dial-number', async () => {
      const { el, host } = await mount();
      const event = oneEvent(el, 'softphone-dial-number');
      host.dialNumber('+15551239999', { objectId: 7, objectType: 'CONTACT', calleeInfo: { calleeId: 7 } });
      const { detail } = await event;
      expect(detail).to.include({ phoneNumber: '+15551239999', objectId: 7, objectType: 'CONTACT' });
      expect(detail.calleeInfo).to.deep.equal({ calleeId: 7 });
    });

    it('passes visibility changes on', async () => {
      const { el, host } = await mount();
      const event = oneEvent(el, 'softphone-visibility-change');
      host.visibilityChanged(true);
      expect((await event).detail).to.deep.equal({ isMinimized: true, isHidden: false });
    });
  });

  describe('incoming call', () => {
    it('rings with the number, announces it, and lists every caller-ID match', async () => {
      const { el, host, part, parts } = await mount();
      const change = oneEvent(el, 'softphone-call-change');
      const call = el.incomingCall(CALL);
      expect((await change).detail).to.deep.equal({ call, previous: null, restored: false });
      await settle(el);
      expect(part('incoming-card')).to.exist;
      expect(part('caller-number').textContent).to.equal('+1 555-123-0001');
      expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Incoming call from +1 555-123-0001');
      const sent = await host.waitFor('INCOMING_CALL');
      expect(sent.data).to.include({ ...CALL, externalCallId: call.externalCallId, createEngagement: true });

      const callerId = oneEvent(el, 'softphone-caller-id');
      host.callerIdMatchSucceeded([CONTACT, COMPANY]);
      expect((await callerId).detail.matches).to.have.length(2);
      await settle(el);
      expect(part('caller-name').textContent).to.equal('Ada Lovelace');
      expect(parts('record-link').map((l) => l.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        'Ada Lovelace Contact · ada@example.com',
        'Analytical Engines Ltd Company',
      ]);
      expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Incoming call from Ada Lovelace');
    });

    it('opens the record of the match the user picks', async () => {
      const { el, host, part } = await mount();
      el.incomingCall(CALL);
      host.createEngagementSucceeded(555);
      await oneEvent(el, 'softphone-engagement');
      host.callerIdMatchSucceeded([CONTACT, COMPANY]);
      await oneEvent(el, 'softphone-caller-id');
      await settle(el);
      const navigate = oneEvent(el, 'softphone-navigate');
      part('record-link', 1).click();
      expect((await navigate).detail).to.deep.equal({ objectCoordinates: COMPANY.objectCoordinates });
      expect((await host.waitFor('NAVIGATE_TO_RECORD')).data).to.deep.equal({ objectCoordinates: COMPANY.objectCoordinates, engagementId: 555 });
    });

    it('lets the page take over navigation', async () => {
      const { el, host, part } = await mount();
      el.incomingCall(CALL);
      host.callerIdMatchSucceeded([CONTACT]);
      await oneEvent(el, 'softphone-caller-id');
      await settle(el);
      el.addEventListener('softphone-navigate', (e) => e.preventDefault());
      part('record-link').click();
      el.reportError('marker');
      await host.waitFor('ERROR');
      expect(host.received('NAVIGATE_TO_RECORD')).to.have.length(0);
    });

    it('renders markup in caller names as text', async () => {
      const { el, host, part } = await mount();
      el.incomingCall(CALL);
      const evil = '<img src=x onerror="window.pwned=1">';
      host.callerIdMatchSucceeded([{ ...CONTACT, firstName: evil, lastName: '<b>bold</b>' }]);
      await oneEvent(el, 'softphone-caller-id');
      await settle(el);
      expect(part('caller-name').textContent).to.equal(`${evil} <b>bold</b>`);
      expect(el.shadowRoot!.querySelector('img, b b')).to.equal(null);
      expect((el.ownerDocument.defaultView as unknown as { pwned?: number }).pwned).to.equal(undefined);
    });

    it('answers, times the call, hangs up, takes notes and completes', async () => {
      const { el, host, part } = await mount();
      el.incomingCall(CALL);
      host.createEngagementSucceeded(901);
      await oneEvent(el, 'softphone-engagement');
      await settle(el);
      const answer = oneEvent(el, 'softphone-answer');
      part('answer-button').click();
      expect((await answer).detail.call.status).to.equal('ringing');
      await settle(el);
      expect(el.call!.status).to.equal('connected');
      expect(part('timer').textContent).to.equal('0:00');
      await host.waitFor('CALL_ANSWERED');

      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=actions]');
      expect(slot).to.exist;
      const hangup = oneEvent(el, 'softphone-hangup');
      part('hangup-button').click();
      await hangup;
      expect((await host.waitFor('CALL_ENDED')).data).to.deep.equal({ externalCallId: el.call!.externalCallId, engagementId: 901, callEndStatus: 'COMPLETED' });
      await settle(el);
      expect(part('wrap-up').textContent).to.contain('Completed');
      const notes = part('notes') as HTMLTextAreaElement;
      notes.value = 'Wants the annual plan';
      notes.dispatchEvent(new Event('input'));
      part('done-button').click();
      const completed = await host.waitFor('CALL_COMPLETED');
      expect(completed.data).to.deep.include({ engagementId: 901, hideWidget: false });
      expect((completed.data as { engagementProperties: object }).engagementProperties).to.deep.include({ hs_call_body: 'Wants the annual plan', hs_call_status: 'COMPLETED' });
      await settle(el);
      expect(el.call).to.equal(null);
      expect(part('availability-toggle')).to.exist;
    });

    it('lets the page complete the call with its own wrap-up fields', async () => {
      const { el, host, part } = await mount();
      el.incomingCall(CALL);
      el.endCall();
      await settle(el);
      const notes = part('notes') as HTMLTextAreaElement;
      notes.value = 'Renewal';
      notes.dispatchEvent(new Event('input'));
      el.addEventListener('softphone-complete', (e) => {
        e.preventDefault();
        el.completeCall({ engagementProperties: { hs_call_disposition: 'connected' } });
      });
      part('done-button').click();
      const { data } = await host.waitFor('CALL_COMPLETED');
      expect((data as { engagementProperties: object }).engagementProperties).to.deep.include({ hs_call_body: 'Renewal', hs_call_disposition: 'connected' });
      el.reportError('marker');
      await host.waitFor('ERROR');
      expect(host.received('CALL_COMPLETED')).to.have.length(1);
    });

    it('lets the page answer once its media is up', async () => {
      const { el, host, part } = await mount();
      el.incomingCall(CALL);
      await settle(el);
      el.addEventListener('softphone-answer', (e) => e.preventDefault(), { once: true });
      part('answer-button').click();
      await settle(el);
      expect(el.call!.status).to.equal('ringing');
      el.answerCall();
      await host.waitFor('CALL_ANSWERED');
      expect(el.call!.status).to.equal('connected');
    });

    it('declines as REJECTED', async () => {
      const { el, host, part } = await mount();
      el.incomingCall(CALL);
      await settle(el);
      part('decline-button').click();
      expect((await host.waitFor('CALL_ENDED')).data).to.include({ callEndStatus: 'REJECTED' });
      await settle(el);
      expect(part('wrap-up').textContent).to.contain('Declined');
    });

    it('ends an unanswered call as MISSED after ring-timeout', async () => {
      const { el, host } = await mount({ 'ring-timeout': '1' });
      el.incomingCall(CALL);
      expect((await host.waitFor('CALL_ENDED', { timeout: 3000 })).data).to.include({ callEndStatus: 'MISSED' });
      expect(el.call!.endStatus).to.equal('MISSED');
    });

    it('ends the call when HubSpot asks', async () => {
      const { el, host } = await mount();
      el.incomingCall(CALL);
      el.answerCall();
      const request = oneEvent(el, 'softphone-end-call-request');
      host.endCall();
      expect((await request).detail.call.status).to.equal('connected');
      expect((await host.waitFor('CALL_ENDED')).data).to.include({ callEndStatus: 'COMPLETED' });
    });

    it('keeps the status a listener chose when HubSpot ends the call', async () => {
      const { el, host } = await mount();
      el.incomingCall(CALL);
      el.answerCall();
      el.addEventListener('softphone-end-call-request', () => el.endCall('FAILED'));
      host.endCall();
      expect((await host.waitFor('CALL_ENDED')).data).to.include({ callEndStatus: 'FAILED' });
      el.reportError('marker');
      await host.waitFor('ERROR');
      expect(host.received('CALL_ENDED')).to.have.length(1);
    });

    for (const [navigateOn, matches, when, expected] of [
      ['match', [CONTACT], 'match', 1],
      ['match', [CONTACT, COMPANY], 'match', 0],
      ['answer', [COMPANY], 'answer', 1],
      ['none', [CONTACT], 'answer', 0],
    ] as const) {
      it(`navigate-on="${navigateOn}" with ${matches.length} match(es) opens ${expected} record(s)`, async () => {
        const { el, host } = await mount({ 'navigate-on': navigateOn });
        el.incomingCall(CALL);
        host.callerIdMatchSucceeded([...matches]);
        await oneEvent(el, 'softphone-caller-id');
        if (when === 'answer') el.answerCall();
        el.reportError('marker');
        await host.waitFor('ERROR');
        const sent = host.received('NAVIGATE_TO_RECORD');
        expect(sent).to.have.length(expected);
        if (expected) expect(sent[0]!.data).to.deep.equal({ objectCoordinates: matches[0]!.objectCoordinates });
      });
    }
  });

  describe('outbound call', () => {
    it('dials, connects when the callee answers, and ends', async () => {
      const { el, host, part } = await mount();
      el.outgoingCall({ toNumber: '+442079460958', fromNumber: '+15551230002' });
      await settle(el);
      expect(part('call').textContent).to.contain('Calling');
      expect((await host.waitFor('OUTGOING_CALL_STARTED')).data).to.include({ toNumber: '+442079460958', phoneNumber: '+442079460958' });
      el.answerCall();
      await settle(el);
      expect(part('call').textContent).to.contain('On call');
      el.endCall();
      expect((await host.waitFor('CALL_ENDED')).data).to.include({ callEndStatus: 'COMPLETED' });
    });

    it('transfers and finalizes', async () => {
      const { el, host } = await mount();
      el.outgoingCall({ toNumber: '+15551230003' });
      host.createEngagementSucceeded(42);
      await oneEvent(el, 'softphone-engagement');
      el.finalizeEngagement();
      expect((await host.waitFor('FINALIZE_ENGAGEMENT')).data).to.deep.equal({ externalCallId: el.call!.externalCallId, engagementId: 42 });
      el.transferCall();
      await host.waitFor('CALL_TRANSFERRED');
      expect(el.call).to.equal(null);
    });

    it('creates no engagement when create-engagement="false"', async () => {
      const { el, host } = await mount({ 'create-engagement': 'false' });
      el.outgoingCall({ toNumber: '+15551230003' });
      expect((await host.waitFor('OUTGOING_CALL_STARTED')).data).to.include({ createEngagement: false });
    });
  });

  describe('bad input', () => {
    const cases: [string, (el: any) => unknown, string, RegExp][] = [
      ['a number that is not E.164', (el) => el.incomingCall({ fromNumber: '555 1234', toNumber: '+15551230002' }), 'INVALID_ARGUMENT', /fromNumber must be E\.164, like \+15551234567/],
      ['no arguments', (el) => el.outgoingCall(), 'INVALID_ARGUMENT', /takes \{ fromNumber, toNumber \}/],
      ['answer with nothing ringing', (el) => el.answerCall(), 'INVALID_STATE', /answerCall\(\) needs a ringing or dialing call/],
      ['complete with no call', (el) => el.completeCall(), 'INVALID_STATE', /completeCall/],
      ['bad record coordinates', (el) => el.navigateToRecord({ objectId: 'x' }), 'INVALID_ARGUMENT', /portalId, objectId, objectTypeId/],
      ['bad openIn', (el) => el.navigateToRecord(CONTACT.objectCoordinates, 'POPUP'), 'INVALID_ARGUMENT', /openIn/],
      ['empty error message', (el) => el.reportError('  '), 'INVALID_ARGUMENT', /reportError/],
      ['end with no call', (el) => el.endCall(), 'INVALID_STATE', /endCall/],
    ];
    for (const [name, act, code, message] of cases) {
      it(`${name} throws ${code} and sends nothing`, async () => {
        const { el, host } = await mount();
        const before = host.received().length;
        let error: any;
        try {
          act(el);
        } catch (e) {
          error = e;
        }
        expect(error?.name).to.equal('SoftphoneError');
        expect(error.code).to.equal(code);
        expect(error.message).to.match(message);
        el.reportError('marker');
        await host.waitFor('ERROR');
        expect(host.received().length).to.equal(before + 1);
      });
    }

    it('a second call while one rings leaves the first untouched', async () => {
      const { el } = await mount();
      const first = el.incomingCall(CALL);
      expect(() => el.outgoingCall({ toNumber: '+15551230003' })).to.throw(/end it first/);
      expect(el.call).to.equal(first);
    });

    it('the same externalCallId twice is one INCOMING_CALL', async () => {
      const { el, host } = await mount();
      const first = el.incomingCall({ ...CALL, externalCallId: 'abc' });
      expect(el.incomingCall({ ...CALL, externalCallId: 'abc' })).to.equal(first);
      el.reportError('marker');
      await host.waitFor('ERROR');
      expect(host.received('INCOMING_CALL')).to.have.length(1);
    });
  });

  describe('errors from HubSpot', () => {
    for (const [type, code, shown, named] of [
      // The answers to an incoming call name it; the others are not about a call the element knows to be waiting.
      ['CREATE_ENGAGEMENT_FAILED', 'CREATE_ENGAGEMENT_FAILED', true, true],
      ['UPDATE_ENGAGEMENT_FAILED', 'UPDATE_ENGAGEMENT_FAILED', true, false],
      ['CALLER_ID_MATCH_FAILED', 'CALLER_ID_MATCH_FAILED', false, true],
      ['NAVIGATE_TO_RECORD_FAILED', 'NAVIGATE_TO_RECORD_FAILED', true, false],
      ['FINALIZE_ENGAGEMENT_FAILED', 'FINALIZE_ENGAGEMENT_FAILED', true, false],
    ] as const) {
      it(`${type} becomes softphone-error ${code}${shown ? ' and a dismissable banner' : ''}`, async () => {
        const { el, host, parts, part } = await mount();
        const call = el.incomingCall(CALL);
        const error = oneEvent(el, 'softphone-error');
        host.fail(type, 'HubSpot said no');
        expect((await error).detail).to.deep.equal({ code, message: 'HubSpot said no', ...(named && { externalCallId: call.externalCallId }) });
        await settle(el);
        expect(parts('error')).to.have.length(shown ? 1 : 0);
        if (!shown) return;
        expect(part('error').getAttribute('role')).to.equal('alert');
        part('error').querySelector('button')!.click();
        await settle(el);
        expect(parts('error')).to.have.length(0);
      });
    }

    it('uses a readable message when HubSpot sends none', async () => {
      const { el, host } = await mount();
      const error = oneEvent(el, 'softphone-error');
      host.send('CREATE_ENGAGEMENT_FAILED', {});
      expect((await error).detail.message).to.equal('HubSpot: create engagement failed');
    });

    it('reportError sends HubSpot an alert', async () => {
      const { el, host } = await mount();
      el.reportError('  Microphone blocked  ');
      expect((await host.waitFor('ERROR')).data).to.deep.equal({ message: 'Microphone blocked' });
    });
  });

  describe('names from HubSpot', () => {
    /** Gives the current call these caller-ID matches and waits for them to show. */
    const matched = async (m: Awaited<ReturnType<typeof mount>>, matches: unknown[]) => {
      const event = oneEvent(m.el, 'softphone-caller-id');
      m.host.callerIdMatchSucceeded(matches as never);
      await event;
      await settle(m.el);
    };

    it('treats a name of invisible characters as none: the email, then "Unknown caller" or the number', async () => {
      const m = await mount();
      const { el, part, parts } = m;
      el.incomingCall(CALL);
      await matched(m, [{ ...CONTACT, firstName: '\u200b\u2066\u2069', lastName: '\u00ad\u0301\ufeff' }]);
      expect(part('caller-name').textContent).to.equal('ada@example.com');
      await matched(m, [{ ...COMPANY, name: ' \u200b\u200e\u202e\u2063 ' }]);
      expect(part('caller-name').textContent).to.equal('Unknown caller');
      expect(part('caller-number').textContent).to.equal('+1 555-123-0001');
      expect(parts('record-link').map((link) => link.querySelector('b')!.textContent)).to.deep.equal(['Unknown caller']);
      el.endCall();
      el.completeCall();
      el.outgoingCall({ toNumber: '+15551230003' });
      await matched(m, [{ ...CONTACT, firstName: '\u200d', lastName: '', email: '\u200b' }]);
      expect(part('caller-name').textContent).to.equal('+1 555-123-0003');
      expect(parts('caller-number')).to.have.length(0);
    });

    it('strips bidi controls and isolates each name, so it cannot reorder the text around it', async () => {
      const m = await mount();
      const { el, part, parts } = m;
      el.incomingCall(CALL);
      await matched(m, [{ ...CONTACT, firstName: '\u202eשרה', lastName: 'כהן\u2066' }, { ...COMPANY, name: 'شركة\u200f \u2067Acme' }]);
      const heading = part('caller-name');
      expect(heading.querySelector(':scope > bdi')!.textContent).to.equal('שרה כהן');
      expect(parts('record-link').map((link) => link.querySelector('b > bdi')?.textContent)).to.deep.equal(['שרה כהן', 'شركة Acme']);
      expect(el.shadowRoot!.textContent).to.not.match(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      expect(getComputedStyle(heading.querySelector('bdi')!).unicodeBidi).to.equal('isolate');
      expect(getComputedStyle(part('caller-number')).unicodeBidi).to.equal('isolate');
    });

    const zalgo = 'Z' + Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x300 + (i % 0x70))).join('');
    for (const [what, name] of [
      ['a 256-letter word', 'W'.repeat(256)],
      ['a letter under 200 combining marks', zalgo],
    ]) {
      it(`keeps ${what} inside a 320px card, clipped to three lines above the buttons`, async () => {
        const m = await mount();
        const { el, host, part, parts } = m;
        host.iframe.style.width = '400px';
        host.iframe.style.height = '900px';
        Object.assign(el.style, { width: '320px', boxSizing: 'border-box' });
        el.incomingCall(CALL);
        await matched(m, [{ ...CONTACT, firstName: name, lastName: '' }, { ...COMPANY, name }]);
        /** Fails if `box` is taller than three of its lines, does not end above `below`, or paints outside itself. */
        const expectBounded = (box: HTMLElement, below: HTMLElement) => {
          const style = getComputedStyle(box);
          const rect = box.getBoundingClientRect();
          expect(rect.height).to.be.at.most(3 * parseFloat(style.lineHeight) + 1);
          expect(rect.bottom).to.be.at.most(below.getBoundingClientRect().top);
          // Marks stacked above or below a line are ink outside its box: overflow: hidden clips them to it.
          expect(style.overflowY).to.equal('hidden');
        };
        const expectNarrow = (box: HTMLElement) => expect(box.scrollWidth).to.be.at.most(box.clientWidth);
        expect(el.getBoundingClientRect().width).to.equal(320);
        expectNarrow(el);
        expectNarrow(part('incoming-card'));
        expectBounded(part('caller-name'), part('caller-number'));
        const links = parts('record-link');
        expectBounded(links[0]!.querySelector('b')!, links[1]!);
        expectBounded(links[1]!.querySelector('b')!, part('answer-button'));
        expect(links[1]!.getBoundingClientRect().bottom).to.be.at.most(part('answer-button').getBoundingClientRect().top);

        el.answerCall();
        await settle(el);
        expectNarrow(el);
        expectNarrow(part('call'));
        expectBounded(part('caller-name'), part('caller-number'));
        expect(parts('record-link').at(-1)!.getBoundingClientRect().bottom).to.be.at.most(part('timer').getBoundingClientRect().top);
        expect(el.getBoundingClientRect().width).to.equal(320);
      });
    }
  });

  describe('the record HubSpot dialled (callee)', () => {
    const callee: ObjectCoordinates = { portalId: 123, objectId: 77, objectTypeId: '0-1' };
    const dialled: CallSnapshot = {
      externalCallId: 'c1',
      direction: 'OUTBOUND',
      status: 'dialing',
      fromNumber: '+15551230002',
      toNumber: '+15551230003',
      callerIdMatches: [],
      callee,
      startedAt: Date.now(),
    };
    let box: HTMLElement;
    let opened: ObjectCoordinates[];
    /** Renders a view the way the element does: in a shadow root with the element's styles. */
    const show = (view: unknown) => {
      render(view, box.shadowRoot!);
      return [...box.shadowRoot!.querySelectorAll<HTMLElement>('[part~="record-link"]')];
    };
    const ctx = () => ({ s: EN_STRINGS, format: (n: string) => n, now: Date.now(), openRecord: (record: ObjectCoordinates) => opened.push(record), more: () => '' }) as unknown as ViewContext;
    const views: [string, (call: CallSnapshot) => unknown][] = [
      ['dialing', (call) => inCallView(call, ctx(), () => {})],
      ['connected', (call) => inCallView({ ...call, status: 'connected', answeredAt: call.startedAt }, ctx(), () => {})],
      ['ended', (call) => wrapUpView({ ...call, status: 'ended', endedAt: call.startedAt, endStatus: 'COMPLETED' }, '', ctx(), () => {}, () => {})],
    ];

    beforeEach(() => {
      box = document.createElement('div');
      box.attachShadow({ mode: 'open' }).adoptedStyleSheets = [styles.styleSheet!];
      document.body.append(box);
      opened = [];
    });
    afterEach(() => box.remove());

    it('links the contact HubSpot dialled from click-to-call, in the element', async () => {
      const { el, host, part, parts } = await mount();
      const dial = oneEvent(el, 'softphone-dial-number');
      host.dialNumber('+15551230003', { portalId: 123, objectId: 77, objectType: 'CONTACT' });
      await dial;
      el.outgoingCall({ toNumber: '+15551230003' });
      await settle(el);
      expect(el.call!.callee).to.deep.equal(callee);
      expect(parts('record-link').map((link) => link.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Open record Contact']);
      part('record-link').click();
      expect((await host.waitFor('NAVIGATE_TO_RECORD')).data).to.deep.include({ objectCoordinates: callee });
    });

    for (const [status, view] of views) {
      for (const [objectTypeId, text] of [
        ['0-1', 'Open record Contact'],
        ['0-2', 'Open record Company'],
        ['2-123', 'Open record'],
      ]) {
        it(`${status}: one record link opens the ${objectTypeId} record when nothing matched`, async () => {
          const record = { ...callee, objectTypeId };
          const links = show(view({ ...dialled, callee: record }));
          expect(links.map((link) => link.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([text]);
          links[0]!.click();
          expect(opened).to.deep.equal([record]);
          await expectAccessible(box);
        });
      }

      it(`${status}: caller-ID matches replace the callee link`, () => {
        const links = show(view({ ...dialled, callerIdMatches: [CONTACT] }));
        expect(links.map((link) => link.querySelector('b')!.textContent)).to.deep.equal(['Ada Lovelace']);
        links[0]!.click();
        expect(opened).to.deep.equal([CONTACT.objectCoordinates]);
      });

      it(`${status}: no callee and no match, no record link`, () => {
        expect(show(view({ ...dialled, callee: undefined }))).to.deep.equal([]);
      });
    }
  });

  describe('customising', () => {
    it('takes label overrides and a number formatter', async () => {
      const { el, part } = await mount();
      el.strings = { answer: 'Pick up', incomingCall: 'Ring ring' };
      el.formatPhoneNumber = (n) => n.replace('+1', '(US) ');
      el.incomingCall(CALL);
      await settle(el);
      expect(part('answer-button').textContent!.trim()).to.equal('Pick up');
      expect(part('incoming-card').textContent).to.contain('Ring ring');
      expect(part('caller-number').textContent).to.equal('(US) 5551230001');
    });

    it('switches to the dark theme', async () => {
      const { el } = await mount();
      const light = getComputedStyle(el).backgroundColor;
      el.theme = 'dark';
      await settle(el);
      expect(el.getAttribute('theme')).to.equal('dark');
      expect(getComputedStyle(el).backgroundColor).to.not.equal(light);
      el.style.setProperty('--hubspot-softphone-background', 'rgb(1, 2, 3)');
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(1, 2, 3)');
    });
  });

  describe('accessibility', () => {
    for (const theme of ['light', 'dark']) {
      it(`has no axe violations in any state (${theme})`, async () => {
        const { el, host, part } = await mount({ theme });
        await expectAccessible(el);
        el.loggedIn = false;
        await settle(el);
        await expectAccessible(el);
        el.loggedIn = true;
        el.available = true;
        el.incomingCall(CALL);
        host.callerIdMatchSucceeded([CONTACT, COMPANY]);
        await oneEvent(el, 'softphone-caller-id');
        await settle(el);
        await expectAccessible(el);
        el.answerCall();
        await settle(el);
        await expectAccessible(el);
        el.endCall();
        host.fail('CREATE_ENGAGEMENT_FAILED', 'Could not log the call');
        await oneEvent(el, 'softphone-error');
        await settle(el);
        expect(part('error')).to.exist;
        await expectAccessible(el);
        el.completeCall();
        el.outgoingCall({ toNumber: '+15551230003' });
        await settle(el);
        await expectAccessible(el);
      });
    }

    for (const theme of ['light', 'dark']) {
      it(`says plainly that the calling window is closed, with a button that opens it, axe-clean (${theme})`, async () => {
        // A remote frame with no calling window at all: nobody holds the owner's lock.
        const { el, win, part, text } = await mount({ theme }, { portalId: 123, userId: 456, iframeLocation: 'remote', usesCallingWindow: true });
        for (let tries = 0; !text().includes('The calling window is closed') && tries < 100; tries++) await new Promise((r) => setTimeout(r, 20));
        expect(text()).to.contain('The calling window is closed');
        expect(el.isOwner).to.equal(false);
        await expectAccessible(el);
        const opened: unknown[] = [];
        win.open = ((...args: unknown[]) => (opened.push(args), null)) as typeof win.open;
        part('open-window-button').click();
        expect(opened).to.deep.equal([[`${location.origin}/calling-integration-popup-ui/123`, '_blank']]);
        expect(() => el.answerCall()).to.throw(/calling window is closed/);
      });
    }

    it('moves focus to the new view’s heading, never onto a button, when the focused control goes away', async () => {
      const { el, part } = await mount();
      el.incomingCall(CALL);
      await settle(el);
      part('answer-button').focus();
      part('answer-button').click();
      await settle(el);
      expect(el.shadowRoot!.activeElement).to.equal(part('caller-name'));
      part('hangup-button').focus();
      part('hangup-button').click();
      await settle(el);
      expect(el.shadowRoot!.activeElement).to.equal(part('caller-name'));
      part('done-button').focus();
      part('done-button').click();
      await settle(el);
      expect(el.shadowRoot!.activeElement).to.equal(part('availability-toggle'));
    });

    it('announces names with $ patterns literally', async () => {
      const { el, host } = await mount();
      el.incomingCall(CALL);
      host.callerIdMatchSucceeded([{ ...COMPANY, name: "$` $& $' Ltd" }]);
      await oneEvent(el, 'softphone-caller-id');
      await settle(el);
      expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal("Incoming call from $` $& $' Ltd");
    });

    it('completes a whole inbound call from the keyboard alone', async () => {
      const { el, host, win } = await mount();
      const focused = () => el.shadowRoot!.activeElement?.getAttribute('part');
      /** Presses Tab until `part` has focus: the way a keyboard user gets there. */
      const tabTo = async (part: string) => {
        for (let i = 0; i < 12 && focused() !== part; i++) await sendKeys({ press: 'Tab' });
        expect(focused()).to.equal(part);
      };
      host.iframe.focus();
      win.document.body.focus();
      el.incomingCall(CALL);
      host.callerIdMatchSucceeded([CONTACT]);
      await oneEvent(el, 'softphone-caller-id');
      await settle(el);
      await tabTo('answer-button');
      await sendKeys({ press: 'Enter' });
      await host.waitFor('CALL_ANSWERED');
      await settle(el);
      await tabTo('hangup-button');
      await sendKeys({ press: 'Enter' });
      await host.waitFor('CALL_ENDED');
      await settle(el);
      await tabTo('notes');
      await sendKeys({ type: 'Called back' });
      await tabTo('done-button');
      await sendKeys({ press: 'Enter' });
      const { data } = await host.waitFor('CALL_COMPLETED');
      expect((data as { engagementProperties: object }).engagementProperties).to.deep.include({ hs_call_body: 'Called back' });
    });

    it('never takes focus from the page when a call rings', async () => {
      const { el, win } = await mount();
      const input = win.document.createElement('input');
      win.document.body.append(input);
      input.focus();
      el.incomingCall(CALL);
      await settle(el);
      expect(win.document.activeElement).to.equal(input);
    });
  });
});

describe('<hubspot-softphone> lifecycle', () => {
  afterEach(unmount);

  it('keeps timing a call when the element is moved', async () => {
    const { el, host, win } = await mount({ 'ring-timeout': '1' });
    el.incomingCall(CALL);
    await settle(el);
    const box = win.document.createElement('div');
    win.document.body.append(box);
    box.append(el);
    expect((await host.waitFor('CALL_ENDED', { timeout: 3000 })).data).to.include({ callEndStatus: 'MISSED' });
  });

  it('stops its display ticker once removed, while the page keeps timing the call for HubSpot', async () => {
    const { el, host, win } = await mount({ 'ring-timeout': '1' });
    el.incomingCall(CALL);
    el.remove();
    const intervals: unknown[] = [];
    const original = win.setInterval;
    win.setInterval = ((...args: Parameters<typeof setInterval>) => intervals.push(args) && original(...args)) as typeof setInterval;
    expect((await host.waitFor('CALL_ENDED', { timeout: 3000 })).data).to.include({ callEndStatus: 'MISSED' });
    win.setInterval = original;
    expect(el.call!.status).to.equal('ended');
    expect(intervals).to.deep.equal([]);
  });

  it('keeps the first engagement id when a late one arrives for the previous call', async () => {
    const { el, host } = await mount();
    el.incomingCall(CALL);
    host.createEngagementSucceeded(1);
    await oneEvent(el, 'softphone-engagement');
    el.endCall();
    el.outgoingCall({ toNumber: '+15551230003' });
    host.createEngagementSucceeded(2);
    await oneEvent(el, 'softphone-engagement');
    host.updateEngagementSucceeded(1);
    await oneEvent(el, 'softphone-engagement');
    el.endCall();
    expect((await host.waitFor('CALL_ENDED', { index: 1 })).data).to.include({ engagementId: 2 });
  });
});
