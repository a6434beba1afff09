/**
 * The built-in call controls, dialpad and outcome picker (extras/controls.js), inside a real
 * HubSpot handshake: what they draw, the events they fire and their default actions, what the
 * telephony sets, what Done logs, and that a page without them never loads them.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import de from '../../src/locales/de.js';
import { CONTROLS_EN } from '../../src/core/strings.js';
import type { SoftphoneError } from '../../src/index.js';
import { pause } from '../protocol/harness.js';
import { expectAccessible, mount, unmount, type Mounted } from './mount.js';

const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };
const ALL = 'mute hold keypad transfer record';
const OUTCOMES = [
  { id: 'f240bbac-87c9-4f6e-bf70-924b57d47db7', label: 'Connected' },
  { id: '73a0d17f-1163-4015-bdd5-ec830791da20', label: 'No answer' },
];
const FROM = [
  { e164PhoneNumber: '+15550100001', friendlyName: 'Sales line' },
  { e164PhoneNumber: '+15550100002', friendlyName: 'Support line' },
];

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await pause(10);
  expect(check(), what).to.equal(true);
}

/** The element once its built-in controls have loaded and drawn. */
async function mountWith(attrs: Record<string, string | null>, props: Record<string, unknown> = {}): Promise<Mounted> {
  const m = await mount(attrs);
  Object.assign(m.el, props);
  await m.el.updateComplete;
  return m;
}

async function connected(m: Mounted) {
  m.el.incomingCall(CALL);
  m.el.answerCall();
  await until(() => m.parts('hangup-button').length === 1, 'the connected view');
  return m.el.call!;
}

const pressed = (m: Mounted, part: string) => m.part(part).getAttribute('aria-pressed');
const resources = (m: Mounted) => m.win.performance.getEntriesByType('resource').map((e) => e.name);

function spyWarnings(m: Mounted): string[] {
  const warnings: string[] = [];
  const original = m.win.console.warn;
  m.win.console.warn = (...args: unknown[]) => (warnings.push(args.map(String).join(' ')), original(...args));
  return warnings;
}

function thrown(fn: () => unknown): SoftphoneError {
  try {
    fn();
  } catch (error) {
    return error as SoftphoneError;
  }
  throw new Error('expected a SoftphoneError');
}

describe('built-in controls', () => {
  afterEach(unmount);

  it('a page without controls, dialpad or outcomes draws none and never loads extras/controls.js', async () => {
    const m = await mount();
    await connected(m);
    m.el.endCall();
    await m.el.updateComplete;
    await pause(50);
    expect(m.parts('mute-button')).to.have.length(0);
    expect(m.parts('outcome')).to.have.length(0);
    expect(resources(m).filter((url) => url.includes('controls'))).to.deep.equal([]);
  });

  it('draws each control asked for, in a fixed order, with a stable part; toggles say whether they are on', async () => {
    const m = await mountWith({ controls: 'record mute transfer' });
    await connected(m);
    await until(() => m.parts('mute-button').length === 1, 'the controls load');
    const parts = [...m.el.shadowRoot!.querySelectorAll('.controls button')].map((b) => b.getAttribute('part'));
    expect(parts).to.deep.equal(['mute-button', 'transfer-button', 'record-button']);
    expect(pressed(m, 'mute-button')).to.equal('false');
    expect(pressed(m, 'record-button')).to.equal('false');
    expect(m.part('transfer-button').hasAttribute('aria-pressed')).to.equal(false);
    expect(m.part('mute-button').closest('[role=group]')!.getAttribute('aria-label')).to.equal(CONTROLS_EN.callControls);
  });

  it('are shown only once the call is connected', async () => {
    const m = await mountWith({ controls: ALL, dialpad: '' });
    // Loaded (the dialpad shows), so their absence while dialling means something.
    await until(() => m.parts('dialpad').length === 1, 'the controls’ code loaded');
    m.el.outgoingCall({ toNumber: '+15551230009' });
    await m.el.updateComplete;
    await pause(50);
    expect(m.parts('mute-button')).to.have.length(0);
    m.el.answerCall();
    await until(() => m.parts('mute-button').length === 1, 'the controls on the connected call');
  });

  it('warns once about a control it does not have, naming the ones it has', async () => {
    const m = await mount();
    const warnings = spyWarnings(m);
    m.el.controls = 'mute shout';
    await connected(m);
    await until(() => m.parts('mute-button').length === 1, 'the controls load');
    m.el.requestUpdate();
    await m.el.updateComplete;
    expect(warnings.filter((w) => w.includes('"shout"'))).to.have.length(1);
    expect(warnings.find((w) => w.includes('"shout"'))).to.contain('mute hold keypad transfer record');
  });

  for (const [token, flag, event, method] of [
    ['mute', 'muted', 'softphone-mute-change', 'setMuted'],
    ['hold', 'held', 'softphone-hold-change', 'setHeld'],
    ['record', 'recording', 'softphone-record-change', 'setRecording'],
  ] as const) {
    describe(`${token}`, () => {
      it(`a click fires ${event} {${flag}, call}, cancelable; by default the call shows it, and a second click turns it off`, async () => {
        const m = await mountWith({ controls: ALL });
        const call = await connected(m);
        await until(() => m.parts(`${token}-button`).length === 1, 'the controls load');
        const fired = oneEvent(m.el, event);
        m.part(`${token}-button`).click();
        const e = (await fired) as CustomEvent;
        expect(e.cancelable).to.equal(true);
        expect(e.detail).to.deep.equal({ [flag]: true, call: { ...call, status: 'connected' } });
        await m.el.updateComplete;
        expect(m.el.call![flag]).to.equal(true);
        expect(pressed(m, `${token}-button`)).to.equal('true');
        const off = oneEvent(m.el, event);
        m.part(`${token}-button`).click();
        expect(((await off) as CustomEvent).detail[flag]).to.equal(false);
        await m.el.updateComplete;
        expect(pressed(m, `${token}-button`)).to.equal('false');
      });

      it(`prevented, nothing changes until the telephony calls ${method}()`, async () => {
        const m = await mountWith({ controls: ALL });
        await connected(m);
        await until(() => m.parts(`${token}-button`).length === 1, 'the controls load');
        m.el.addEventListener(event, (e) => e.preventDefault(), { once: true });
        m.part(`${token}-button`).click();
        await m.el.updateComplete;
        expect(m.el.call![flag]).to.equal(undefined);
        expect(pressed(m, `${token}-button`)).to.equal('false');
        const changed = oneEvent(m.el, 'softphone-call-change');
        const snapshot = (m.el[method] as (b: boolean) => unknown)(true) as Record<string, unknown>;
        expect(snapshot[flag]).to.equal(true);
        expect(((await changed) as CustomEvent).detail.call[flag]).to.equal(true);
        await m.el.updateComplete;
        expect(pressed(m, `${token}-button`)).to.equal('true');
      });
    });
  }

  it('a held call says so, and its timer keeps counting', async () => {
    const m = await mountWith({ controls: 'hold' });
    await connected(m);
    m.el.setHeld(true);
    await until(() => m.parts('call-state').length === 1, 'the held badge');
    expect(m.part('call-state').textContent).to.contain(CONTROLS_EN.onHold);
    const before = m.part('timer').textContent;
    await until(() => m.part('timer').textContent !== before, 'the timer ticking on hold');
    m.el.setHeld(false);
    await m.el.updateComplete;
    expect(m.parts('call-state')).to.have.length(0);
  });

  it('setMuted(), setHeld() and setRecording() refuse bad input and change nothing', async () => {
    const m = await mount();
    expect(thrown(() => m.el.setMuted(true)).code).to.equal('INVALID_STATE');
    await connected(m);
    const before = m.el.call;
    expect(thrown(() => m.el.setHeld('yes' as unknown as boolean)).code).to.equal('INVALID_ARGUMENT');
    const error = thrown(() => m.el.setRecording(true, 'http://recordings.example/1.mp3'));
    expect(error.code).to.equal('INVALID_ARGUMENT');
    expect(error.message).to.contain('https');
    expect(m.el.call).to.equal(before);
  });

  it('the keypad opens and closes, and each key fires softphone-dtmf {digit}, not cancelable; typing a digit on it presses it', async () => {
    const m = await mountWith({ controls: 'keypad' });
    const call = await connected(m);
    await until(() => m.parts('keypad-button').length === 1, 'the controls load');
    expect(m.part('keypad-button').getAttribute('aria-expanded')).to.equal('false');
    m.part('keypad-button').click();
    await m.el.updateComplete;
    expect(m.part('keypad-button').getAttribute('aria-expanded')).to.equal('true');
    const keys = [...m.part('keypad').querySelectorAll('button')];
    // Each key is named by its digit alone: the letters are hidden from assistive technology.
    expect(keys.map((k) => k.querySelector('span')!.textContent)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    expect(keys.every((k) => !k.querySelector('small') || k.querySelector('small')!.getAttribute('aria-hidden') === 'true')).to.equal(true);
    expect(keys[1]!.textContent!.replace(/\s/g, '')).to.equal('2ABC');
    const digits: CustomEvent[] = [];
    m.el.addEventListener('softphone-dtmf', (e) => digits.push(e as CustomEvent));
    keys[4]!.click();
    keys[4]!.focus();
    await sendKeys({ press: '#' });
    await sendKeys({ press: '9' });
    expect(digits.map((e) => e.detail.digit)).to.deep.equal(['5', '#', '9']);
    expect(digits[0]!.cancelable).to.equal(false);
    expect(digits[0]!.detail.call.externalCallId).to.equal(call.externalCallId);
    m.part('keypad-button').click();
    await m.el.updateComplete;
    expect(m.parts('keypad')).to.have.length(0);
  });

  it('Transfer fires softphone-transfer-request {call}, cancelable; by default the call is transferred', async () => {
    const m = await mountWith({ controls: 'transfer' });
    const call = await connected(m);
    await until(() => m.parts('transfer-button').length === 1, 'the controls load');
    m.el.addEventListener('softphone-transfer-request', (e) => e.preventDefault(), { once: true });
    m.part('transfer-button').click();
    await pause(50);
    expect(m.host.received('CALL_TRANSFERRED')).to.have.length(0);
    expect(m.el.call?.status).to.equal('connected');
    const request = oneEvent(m.el, 'softphone-transfer-request');
    m.part('transfer-button').click();
    expect(((await request) as CustomEvent).detail.call.externalCallId).to.equal(call.externalCallId);
    expect((await m.host.waitFor('CALL_TRANSFERRED')).data).to.deep.equal({ externalCallId: call.externalCallId });
    expect(m.el.call).to.equal(null);
  });

  it('notes typed during the call (collapsible) carry into wrap-up and go as hs_call_body', async () => {
    const m = await mountWith({ controls: 'mute' });
    await connected(m);
    await until(() => m.parts('mute-button').length === 1, 'the controls load');
    const disclosure = m.part('notes-button');
    expect(disclosure.getAttribute('aria-expanded')).to.equal('false');
    expect(m.parts('notes')).to.have.length(0);
    disclosure.click();
    await m.el.updateComplete;
    expect(disclosure.getAttribute('aria-expanded')).to.equal('true');
    const field = m.part('notes') as HTMLTextAreaElement;
    field.value = 'Asked about pricing';
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    m.el.endCall();
    await m.el.updateComplete;
    expect((m.part('notes') as HTMLTextAreaElement).value).to.equal('Asked about pricing');
    m.part('done-button').click();
    const completed = await m.host.waitFor('CALL_COMPLETED');
    expect((completed.data as { engagementProperties: object }).engagementProperties).to.deep.include({ hs_call_body: 'Asked about pricing', hs_call_status: 'COMPLETED' });
  });

  it('Done logs the talk time, the status and the recording the telephony set; the page’s properties win', async () => {
    const m = await mount();
    await connected(m);
    await pause(120);
    m.el.setRecording(false, 'https://recordings.example/call-1.mp3');
    m.el.endCall();
    m.el.completeCall({ engagementProperties: { hs_call_title: 'Renewal', hs_call_status: 'BUSY' } });
    const { engagementProperties } = (await m.host.waitFor('CALL_COMPLETED')).data as { engagementProperties: Record<string, string> };
    expect(Number(engagementProperties.hs_call_duration)).to.be.within(100, 5000);
    expect(engagementProperties).to.deep.include({ hs_call_status: 'BUSY', hs_call_recording_url: 'https://recordings.example/call-1.mp3', hs_call_title: 'Renewal' });
  });
});

describe('built-in dialpad', () => {
  afterEach(unmount);

  const input = (m: Mounted) => m.part('dial-input') as HTMLInputElement;
  async function type(m: Mounted, text: string) {
    input(m).value = text;
    input(m).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await m.el.updateComplete;
  }

  it('draws a number field, keys with their letters, backspace and Call in idle', async () => {
    const m = await mountWith({ dialpad: '' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    expect(m.parts('dial-input')).to.have.length(1);
    expect(m.parts('dial-button')).to.have.length(1);
    expect(input(m).type).to.equal('tel');
    expect(m.parts('from-number')).to.have.length(0);
    const keys = [...m.part('dialpad-keys').querySelectorAll('button')];
    expect(keys.map((k) => k.textContent!.replace(/\s/g, ''))).to.deep.equal(['1', '2ABC', '3DEF', '4GHI', '5JKL', '6MNO', '7PQRS', '8TUV', '9WXYZ', '*', '0+', '#']);
    keys[4]!.click();
    keys[4]!.click();
    keys[4]!.click();
    await m.el.updateComplete;
    expect(input(m).value).to.equal('555');
    m.part('backspace-button').click();
    await m.el.updateComplete;
    expect(input(m).value).to.equal('55');
  });

  it('formats as you type, with default-country national numbers, and Call dials E.164 through softphone-dial', async () => {
    const m = await mountWith({ dialpad: '', 'default-country': 'US' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    await type(m, '5550100100');
    expect(input(m).value).to.equal('(555) 010-0100');
    const dial = oneEvent(m.el, 'softphone-dial');
    m.part('dial-button').click();
    const e = (await dial) as CustomEvent;
    expect(e.cancelable).to.equal(true);
    expect(e.detail).to.deep.equal({ toNumber: '+15550100100' });
    const started = await m.host.waitFor('OUTGOING_CALL_STARTED');
    expect(started.data).to.deep.include({ toNumber: '+15550100100', phoneNumber: '+15550100100' });
    expect(m.el.call?.status).to.equal('dialing');
  });

  it('shows each keystroke formatted at once, keeping the caret after the digit it was after', async () => {
    const m = await mountWith({ dialpad: '', 'default-country': 'US' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    const field = input(m);
    field.focus();
    await sendKeys({ type: '5550100100' });
    await m.el.updateComplete;
    expect(field.value).to.equal('(555) 010-0100');
    // A character that does not dial is not kept on screen.
    await sendKeys({ type: '!' });
    await m.el.updateComplete;
    expect(field.value).to.equal('(555) 010-0100');
    // Deleting the space the formatting put in: the same number, shown formatted again.
    field.setSelectionRange(6, 6);
    await sendKeys({ press: 'Backspace' });
    await m.el.updateComplete;
    expect(field.value).to.equal('(555) 010-0100');
    // An edit in the middle keeps the caret where it was typed.
    field.setSelectionRange(1, 1);
    await sendKeys({ press: 'Delete' });
    await m.el.updateComplete;
    expect(field.value).to.equal('(550) 100-100');
    expect(field.selectionStart).to.equal(1);
    await sendKeys({ type: '9' });
    await m.el.updateComplete;
    expect(field.value).to.equal('(955) 010-0100');
    expect(field.selectionStart).to.equal(2);
  });

  it('holding 0 types +, a tap types 0', async () => {
    const m = await mountWith({ dialpad: '' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    const zero = [...m.part('dialpad-keys').querySelectorAll('button')][10]!;
    zero.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await pause(650);
    zero.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    zero.click();
    await m.el.updateComplete;
    expect(input(m).value).to.equal('+');
    zero.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    zero.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    zero.click();
    await pause(650);
    await m.el.updateComplete;
    expect(input(m).value).to.equal('+0');
  });

  it('takes a pasted number as it comes (tel:, dashes, an extension)', async () => {
    const m = await mountWith({ dialpad: '' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    await type(m, 'tel:+44-20-7946-0958');
    expect(input(m).value).to.equal('+44 2079460958');
    m.part('dial-button').click();
    expect((await m.host.waitFor('OUTGOING_CALL_STARTED')).data).to.deep.include({ toNumber: '+442079460958' });
  });

  it('a national number without default-country says to add the country code, and sends nothing', async () => {
    const m = await mountWith({ dialpad: '' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    await type(m, '020 7946 0958');
    m.part('dial-button').click();
    await m.el.updateComplete;
    const alert = m.el.shadowRoot!.getElementById('dial-error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.equal(CONTROLS_EN.needCountry);
    expect(input(m).getAttribute('aria-invalid')).to.equal('true');
    expect(m.el.shadowRoot!.activeElement).to.equal(input(m));
    await type(m, 'hello');
    m.part('dial-button').click();
    await m.el.updateComplete;
    expect(alert.textContent).to.equal(CONTROLS_EN.notANumber);
    await pause(50);
    expect(m.host.received('OUTGOING_CALL_STARTED')).to.have.length(0);
  });

  it('prevented, softphone-dial leaves the call to the page', async () => {
    const m = await mountWith({ dialpad: '' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    m.el.addEventListener('softphone-dial', (e) => e.preventDefault(), { once: true });
    await type(m, '+15550100100');
    m.part('dial-button').click();
    await pause(50);
    expect(m.host.received('OUTGOING_CALL_STARTED')).to.have.length(0);
    expect(m.el.call).to.equal(null);
  });

  it('fromNumbers: a picker, the first by default, the last one used remembered across a reload', async () => {
    const m = await mountWith({ dialpad: '' }, { fromNumbers: FROM });
    await until(() => m.parts('from-number').length === 1, 'the from-number picker');
    const picker = m.part('from-number') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).to.deep.equal(['Sales line (+15550100001)', 'Support line (+15550100002)']);
    expect(picker.value).to.equal('+15550100001');
    picker.value = '+15550100002';
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await type(m, '+15550100100');
    const dial = oneEvent(m.el, 'softphone-dial');
    m.part('dial-button').click();
    expect(((await dial) as CustomEvent).detail).to.deep.equal({ toNumber: '+15550100100', fromNumber: '+15550100002' });
    expect((await m.host.waitFor('OUTGOING_CALL_STARTED')).data).to.deep.include({ fromNumber: '+15550100002' });
    m.el.endCall();
    m.el.completeCall();
    await m.host.waitFor('CALL_COMPLETED');
    const channel = m.el.channel;
    // A new page load on the same channel picks the same number.
    const again = await mountWith({ dialpad: '', channel }, { fromNumbers: FROM });
    await until(() => again.parts('from-number').length === 1, 'the picker again');
    expect((again.part('from-number') as HTMLSelectElement).value).to.equal('+15550100002');
  });

  it('a from-number that is not E.164 is left out, with one warning', async () => {
    const m = await mount({ dialpad: '' });
    const warnings = spyWarnings(m);
    m.el.fromNumbers = [{ e164PhoneNumber: '555-0100' }, ...FROM];
    await until(() => m.parts('from-number').length === 1, 'the picker');
    expect((m.part('from-number') as HTMLSelectElement).options).to.have.length(2);
    m.el.requestUpdate();
    await m.el.updateComplete;
    expect(warnings.filter((w) => w.includes('555-0100'))).to.have.length(1);
  });

  it('HubSpot’s click-to-call dials at once through softphone-dial, with the default country', async () => {
    const m = await mountWith({ dialpad: '', 'default-country': 'US' }, { fromNumbers: FROM });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    const dial = oneEvent(m.el, 'softphone-dial');
    m.host.dialNumber('(555) 010-0199');
    expect(((await dial) as CustomEvent).detail).to.deep.equal({ toNumber: '+15550100199', fromNumber: '+15550100001' });
    expect((await m.host.waitFor('OUTGOING_CALL_STARTED')).data).to.deep.include({ toNumber: '+15550100199' });
  });

  it('default-country, even without a dialpad: a click-to-call’s national number arrives as E.164; HubSpot’s own countryCode wins', async () => {
    const m = await mount({ 'default-country': 'US' });
    let dial = oneEvent(m.el, 'softphone-dial-number');
    m.host.dialNumber('(555) 010-0199');
    expect(((await dial) as CustomEvent).detail).to.deep.include({ phoneNumber: '+15550100199' });
    dial = oneEvent(m.el, 'softphone-dial-number');
    m.host.dialNumber('020 7946 0958', { countryCode: 'GB' });
    expect(((await dial) as CustomEvent).detail).to.deep.include({ phoneNumber: '+442079460958', countryCode: 'GB' });
    m.el.removeAttribute('default-country');
    await m.el.updateComplete;
    dial = oneEvent(m.el, 'softphone-dial-number');
    m.host.dialNumber('(555) 010-0198');
    expect(((await dial) as CustomEvent).detail.phoneNumber).to.equal('(555) 010-0198');
  });

  it('a click-to-call that came before the dialpad’s code loaded is still dialled', async () => {
    const m = await mount({ 'default-country': 'US' });
    const heard = oneEvent(m.el, 'softphone-dial-number');
    m.host.dialNumber('(555) 010-0197');
    await heard;
    // No built-in controls yet: nothing dials. Then the page turns the dialpad on.
    m.el.dialpad = true;
    expect((await m.host.waitFor('OUTGOING_CALL_STARTED')).data).to.deep.include({ toNumber: '+15550100197' });
    // A later element with a dialpad (a re-render), once that call is over, does not dial it again.
    m.el.endCall();
    m.el.completeCall();
    const fresh = m.el.cloneNode() as typeof m.el;
    fresh.dialpad = true;
    m.el.replaceWith(fresh);
    await until(() => !!fresh.shadowRoot?.querySelector('[part~=dialpad]'), 'the new element’s dialpad');
    await pause(100);
    expect(m.host.received('OUTGOING_CALL_STARTED')).to.have.length(1);
  });

  it('a click-to-call the page already dialled is not dialled again by a dialpad turned on later', async () => {
    const m = await mount({ 'default-country': 'US' });
    m.el.addEventListener('softphone-dial-number', (e) => m.el.outgoingCall({ toNumber: e.detail.phoneNumber }), { once: true });
    m.host.dialNumber('(555) 010-0196');
    await m.host.waitFor('OUTGOING_CALL_STARTED');
    m.el.endCall();
    m.el.completeCall();
    m.el.dialpad = true;
    await until(() => m.parts('dialpad').length === 1, 'the dialpad');
    await pause(100);
    expect(m.host.received('OUTGOING_CALL_STARTED')).to.have.length(1);
  });

  it('a click-to-call listener that starts the call itself is not dialled twice', async () => {
    const m = await mountWith({ dialpad: '' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    m.el.addEventListener('softphone-dial-number', (e) => m.el.outgoingCall({ toNumber: e.detail.phoneNumber }), { once: true });
    const dials: unknown[] = [];
    m.el.addEventListener('softphone-dial', (e) => dials.push(e));
    m.host.dialNumber('+15550100199');
    await m.host.waitFor('OUTGOING_CALL_STARTED');
    await pause(100);
    expect(m.host.received('OUTGOING_CALL_STARTED')).to.have.length(1);
    // The page's telephony is not asked to place a second one either.
    expect(dials).to.have.length(0);
  });

  it('click-to-call in wrap-up dials, logging the call that ended first', async () => {
    const m = await mountWith({ dialpad: '' }, { outcomes: OUTCOMES });
    const first = await connected(m);
    m.el.endCall();
    await until(() => m.parts('done-button').length === 1, 'wrap-up');
    m.host.dialNumber('+15550100199');
    const started = await m.host.waitFor('OUTGOING_CALL_STARTED');
    expect(started.data).to.deep.include({ toNumber: '+15550100199' });
    expect((m.host.received('CALL_COMPLETED')[0]!.data as { externalCallId: string }).externalCallId).to.equal(first.externalCallId);
    expect(m.host.received().map((r) => r.type).filter((t) => /CALL_COMPLETED|OUTGOING/.test(t))).to.deep.equal(['CALL_COMPLETED', 'OUTGOING_CALL_STARTED']);
  });

  it('click-to-call in wrap-up waits in the dialpad while a required outcome is missing', async () => {
    const m = await mountWith({ dialpad: '', 'outcome-required': '' }, { outcomes: OUTCOMES });
    await connected(m);
    m.el.endCall();
    await until(() => m.parts('outcome').length === 1, 'wrap-up');
    m.host.dialNumber('+15550100199');
    await pause(150);
    expect(m.host.received('OUTGOING_CALL_STARTED')).to.have.length(0);
    const picker = m.part('outcome') as HTMLSelectElement;
    picker.value = OUTCOMES[0]!.id;
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    m.part('done-button').click();
    await m.host.waitFor('CALL_COMPLETED');
    await until(() => m.parts('dial-input').length === 1, 'the dialpad');
    expect(input(m).value).to.equal('+1 (555) 010-0199');
    m.part('dial-button').click();
    expect((await m.host.waitFor('OUTGOING_CALL_STARTED')).data).to.deep.include({ toNumber: '+15550100199' });
  });

  it('dial-confirm: click-to-call fills the number and focuses Call; nothing goes until Call', async () => {
    const m = await mountWith({ dialpad: '', 'dial-confirm': '' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    m.host.dialNumber('+15550100199');
    await until(() => input(m).value === '+1 (555) 010-0199', 'the number filled in, formatted');
    await until(() => m.el.shadowRoot!.activeElement === m.part('dial-button'), 'Call focused');
    await pause(50);
    expect(m.host.received('OUTGOING_CALL_STARTED')).to.have.length(0);
    m.part('dial-button').click();
    expect((await m.host.waitFor('OUTGOING_CALL_STARTED')).data).to.deep.include({ toNumber: '+15550100199' });
  });
});

describe('built-in call outcome', () => {
  afterEach(unmount);

  async function wrapUp(m: Mounted) {
    await connected(m);
    m.el.endCall();
    await until(() => m.parts('outcome').length === 1, 'the outcome picker');
    return m.part('outcome') as HTMLSelectElement;
  }
  const pick = (picker: HTMLSelectElement, id: string) => {
    picker.value = id;
    picker.dispatchEvent(new Event('change', { bubbles: true }));
  };

  it('offers the outcomes in wrap-up, optional by default; the pick goes as hs_call_disposition', async () => {
    const m = await mountWith({}, { outcomes: OUTCOMES });
    const picker = await wrapUp(m);
    expect([...picker.options].map((o) => o.textContent)).to.deep.equal([CONTROLS_EN.noOutcome, 'Connected', 'No answer']);
    expect(picker.required).to.equal(false);
    pick(picker, OUTCOMES[1]!.id);
    await m.el.updateComplete;
    m.part('done-button').click();
    const { engagementProperties } = (await m.host.waitFor('CALL_COMPLETED')).data as { engagementProperties: Record<string, string> };
    expect(engagementProperties.hs_call_disposition).to.equal(OUTCOMES[1]!.id);
  });

  it('with none picked Done sends no disposition', async () => {
    const m = await mountWith({}, { outcomes: OUTCOMES });
    await wrapUp(m);
    m.part('done-button').click();
    const { engagementProperties } = (await m.host.waitFor('CALL_COMPLETED')).data as { engagementProperties: Record<string, string> };
    expect(engagementProperties).not.to.have.property('hs_call_disposition');
  });

  it('outcome-required: Done waits for a pick, says so and moves focus to the picker', async () => {
    const m = await mountWith({ 'outcome-required': '' }, { outcomes: OUTCOMES });
    const picker = await wrapUp(m);
    expect(picker.required).to.equal(true);
    expect(picker.options[0]!.textContent).to.equal(CONTROLS_EN.chooseOutcome);
    m.part('done-button').click();
    await m.el.updateComplete;
    await pause(50);
    expect(m.host.received('CALL_COMPLETED')).to.have.length(0);
    expect(m.el.shadowRoot!.getElementById('outcome-error')!.textContent).to.equal(CONTROLS_EN.outcomeNeeded);
    expect(picker.getAttribute('aria-invalid')).to.equal('true');
    expect(m.el.shadowRoot!.activeElement).to.equal(picker);
    pick(picker, OUTCOMES[0]!.id);
    await m.el.updateComplete;
    expect(picker.getAttribute('aria-invalid')).to.equal('false');
    m.part('done-button').click();
    expect(((await m.host.waitFor('CALL_COMPLETED')).data as { engagementProperties: Record<string, string> }).engagementProperties.hs_call_disposition).to.equal(OUTCOMES[0]!.id);
  });

  it('outcomes that cannot be sent are not offered, and hold nothing back', async () => {
    const m = await mountWith({ 'outcome-required': '' }, { outcomes: [{ label: 'no id' }, { id: '', label: 'empty' }, { id: 'x'.repeat(256), label: 'too long' }] });
    await connected(m);
    m.el.endCall();
    await until(() => m.parts('done-button').length === 1, 'wrap-up');
    await pause(50);
    expect(m.parts('outcome')).to.have.length(0);
    m.part('done-button').click();
    await m.host.waitFor('CALL_COMPLETED');
  });

  it('an outcome no longer offered (outcomes changed in wrap-up) is not sent, and a required one is asked for again', async () => {
    const m = await mountWith({}, { outcomes: OUTCOMES });
    let picker = await wrapUp(m);
    pick(picker, OUTCOMES[0]!.id);
    m.el.outcomes = [OUTCOMES[1]!];
    await m.el.updateComplete;
    m.part('done-button').click();
    let { engagementProperties } = (await m.host.waitFor('CALL_COMPLETED')).data as { engagementProperties: Record<string, string> };
    expect(engagementProperties).not.to.have.property('hs_call_disposition');
    m.el.outcomeRequired = true;
    m.el.outcomes = OUTCOMES;
    picker = await wrapUp(m);
    pick(picker, OUTCOMES[0]!.id);
    m.el.outcomes = [OUTCOMES[1]!];
    await m.el.updateComplete;
    m.part('done-button').click();
    await m.el.updateComplete;
    await pause(50);
    expect(m.host.received('CALL_COMPLETED')).to.have.length(1);
    expect(m.el.shadowRoot!.getElementById('outcome-error')!.textContent).to.equal(CONTROLS_EN.outcomeNeeded);
    pick(m.part('outcome') as HTMLSelectElement, OUTCOMES[1]!.id);
    m.part('done-button').click();
    ({ engagementProperties } = (await m.host.waitFor('CALL_COMPLETED', { index: 1 })).data as { engagementProperties: Record<string, string> });
    expect(engagementProperties.hs_call_disposition).to.equal(OUTCOMES[1]!.id);
  });

  it('a Done held for its outcome says nothing about the next call', async () => {
    const m = await mountWith({ 'outcome-required': '' }, { outcomes: OUTCOMES });
    await wrapUp(m);
    m.part('done-button').click();
    await m.el.updateComplete;
    expect(m.el.shadowRoot!.getElementById('outcome-error')!.textContent).to.equal(CONTROLS_EN.outcomeNeeded);
    // Completed another way (the page, another frame): the next wrap-up starts clean.
    m.el.completeCall();
    await m.host.waitFor('CALL_COMPLETED');
    const picker = await wrapUp(m);
    expect(m.el.shadowRoot!.getElementById('outcome-error')!.textContent).to.equal('');
    expect(picker.getAttribute('aria-invalid')).to.equal('false');
  });

  it('the page’s completeCall() is not held back by outcome-required', async () => {
    const m = await mountWith({ 'outcome-required': '' }, { outcomes: OUTCOMES });
    await wrapUp(m);
    m.el.completeCall();
    await m.host.waitFor('CALL_COMPLETED');
  });
});

describe('built-in controls: strings, accessibility, keyboard', () => {
  afterEach(unmount);

  it('speak the element’s language, and strings override them', async () => {
    const m = await mountWith({ controls: ALL, lang: 'de' });
    await connected(m);
    await until(() => m.parts('mute-button').length === 1 && m.part('mute-button').textContent!.includes(de.mute), 'German controls');
    m.el.strings = { mute: 'Silence' };
    await m.el.updateComplete;
    expect(m.part('mute-button').textContent).to.contain('Silence');
    expect(m.part('hold-button').textContent).to.contain(de.hold);
  });

  for (const theme of ['light', 'dark']) {
    it(`are axe-clean in every new state, ${theme}`, async () => {
      const m = await mountWith({ controls: ALL, dialpad: '', 'outcome-required': '', theme, 'default-country': 'US' }, { fromNumbers: FROM, outcomes: OUTCOMES });
      // The element is the whole calling page, as in HubSpot (axe checks contrast against what is behind it).
      m.win.document.body.style.margin = '0';
      await until(() => m.parts('dialpad').length === 1, 'the dialpad');
      await expectAccessible(m.el);
      input(m).value = '020';
      input(m).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      m.part('dial-button').click();
      await m.el.updateComplete;
      await expectAccessible(m.el);
      await connected(m);
      await until(() => m.parts('mute-button').length === 1, 'the controls');
      m.part('keypad-button').click();
      m.el.setHeld(true);
      m.el.setRecording(true);
      m.el.setMuted(true);
      await m.el.updateComplete;
      await expectAccessible(m.el);
      m.part('notes-button').click();
      await m.el.updateComplete;
      expect(m.parts('keypad'), 'the notes take the keypad’s place').to.have.length(0);
      await expectAccessible(m.el);
      m.el.endCall();
      await until(() => m.parts('outcome').length === 1, 'the outcome picker');
      await expectAccessible(m.el);
      m.part('done-button').click();
      await m.el.updateComplete;
      await expectAccessible(m.el);
    });
  }

  const input = (m: Mounted) => m.part('dial-input') as HTMLInputElement;

  it('a whole outbound call by keyboard alone: dial, mute, a DTMF digit, hang up, an outcome, Done', async () => {
    const m = await mountWith({ controls: ALL, dialpad: '', 'outcome-required': '', 'default-country': 'US' }, { outcomes: OUTCOMES });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad');
    const events: string[] = [];
    for (const type of ['softphone-dial', 'softphone-mute-change', 'softphone-dtmf', 'softphone-hangup', 'softphone-complete']) {
      m.el.addEventListener(type, (e) => events.push(`${type}${(e as CustomEvent).detail.digit ?? ''}`));
    }
    // Focus enters the frame at the availability switch, as a Tab from HubSpot would bring it.
    m.part('availability-toggle').focus();
    const tabTo = async (target: () => Element, what: string) => {
      for (let i = 0; i < 40 && m.el.shadowRoot!.activeElement !== target(); i++) await sendKeys({ press: 'Tab' });
      expect(m.el.shadowRoot!.activeElement, what).to.equal(target());
    };
    await tabTo(() => input(m), 'the number field');
    await sendKeys({ type: '5550100100' });
    await sendKeys({ press: 'Enter' });
    await m.host.waitFor('OUTGOING_CALL_STARTED');
    await m.el.updateComplete;
    // The field went with the dialpad: focus is on the call's heading, not lost to the page.
    expect(m.el.shadowRoot!.activeElement, 'focus after Call').to.equal(m.part('caller-name'));
    m.el.answerCall();
    await until(() => m.parts('mute-button').length === 1, 'the controls');
    await tabTo(() => m.part('mute-button'), 'Mute');
    await sendKeys({ press: 'Enter' });
    await until(() => m.el.call?.muted === true, 'muted');
    await tabTo(() => m.part('keypad-button'), 'Keypad');
    await sendKeys({ press: ' ' });
    await until(() => m.parts('keypad').length === 1, 'the keypad open');
    await tabTo(() => m.part('keypad').querySelectorAll('button')[4]!, 'the 5 key');
    await sendKeys({ press: 'Enter' });
    await tabTo(() => m.part('hangup-button'), 'Hang up');
    await sendKeys({ press: 'Enter' });
    await until(() => m.parts('outcome').length === 1, 'wrap-up');
    await tabTo(() => m.part('outcome'), 'the outcome');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => (m.part('outcome') as HTMLSelectElement).value === OUTCOMES[0]!.id, 'an outcome picked by keyboard');
    await tabTo(() => m.part('done-button'), 'Done');
    await sendKeys({ press: 'Enter' });
    const completed = await m.host.waitFor('CALL_COMPLETED');
    expect((completed.data as { engagementProperties: Record<string, string> }).engagementProperties.hs_call_disposition).to.equal(OUTCOMES[0]!.id);
    expect(events).to.deep.equal(['softphone-dial', 'softphone-mute-change', 'softphone-dtmf5', 'softphone-hangup', 'softphone-complete']);
  });
});
