/**
 * Issue 12's in-call controls and dialpad at odd moments, on one element in a real handshake:
 * what a finished call leaves behind for the next one, HubSpot's click-to-call through the
 * dialpad, and `fromNumbers` a page got wrong.
 */
import { expect } from '@open-wc/testing';
import { pause } from '../protocol/harness.js';
import { mount, unmount, type Mounted } from '../element/mount.js';

const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };
const NEXT = { fromNumber: '+15551230003', toNumber: '+15551230002' };

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await pause(10);
  expect(check(), what).to.equal(true);
}

async function connect(m: Mounted, call = CALL) {
  m.el.incomingCall(call);
  m.el.answerCall();
  await until(() => m.parts('mute-button').length === 1, 'the connected view with its controls');
}

describe('probe: issue 12 controls', () => {
  afterEach(unmount);

  for (const [button, part] of [['keypad-button', 'keypad'], ['notes-button', 'notes']] as const) {
    it(`${part} left open when a call ends is closed on the next call, whose caller is shown`, async () => {
      const m = await mount({ controls: 'mute keypad' });
      await connect(m);
      m.part(button).click();
      await m.el.updateComplete;
      expect(m.parts(part), `${part} open`).to.have.length(1);
      m.el.endCall();
      m.el.completeCall();
      await connect(m, NEXT);
      await m.el.updateComplete;
      expect(m.part(button).getAttribute('aria-expanded'), `${button} on the next call`).to.equal('false');
      expect(m.parts(part), `${part} on the next call`).to.have.length(0);
      expect(getComputedStyle(m.part('caller-number')).display, 'the next caller’s number').not.to.equal('none');
    });
  }

  it('HubSpot’s click-to-call of a national number, dialled by the dialpad, keeps the record clicked', async () => {
    const m = await mount({ dialpad: '', 'default-country': 'US' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    m.host.dialNumber('(555) 010-0199', { portalId: 123, calleeInfo: { calleeId: 101, calleeObjectTypeId: '0-1' } });
    await m.host.waitFor('OUTGOING_CALL_STARTED');
    expect(m.el.call?.toNumber).to.equal('+15550100199');
    expect(m.el.call?.callee, 'the callee of the dialled call').to.deep.equal({ portalId: 123, objectId: 101, objectTypeId: '0-1' });
  });

  it('HubSpot’s click-to-call of a formatted international number, dialled by the dialpad, keeps the record clicked', async () => {
    const m = await mount({ dialpad: '' });
    await until(() => m.parts('dialpad').length === 1, 'the dialpad loads');
    m.host.dialNumber('+1 555-010-0199', { portalId: 123, calleeInfo: { calleeId: 101, calleeObjectTypeId: '0-1' } });
    await m.host.waitFor('OUTGOING_CALL_STARTED');
    expect(m.el.call?.callee, 'the callee of the dialled call').to.deep.equal({ portalId: 123, objectId: 101, objectTypeId: '0-1' });
  });

  it('a from-number that cannot be written as JSON is left out; the dialpad still draws and dials', async () => {
    const m = await mount({ dialpad: '' });
    const cyclic: Record<string, unknown> = { e164PhoneNumber: 5550100 };
    cyclic.self = cyclic;
    m.el.fromNumbers = [cyclic as never, { e164PhoneNumber: '+15550100001' }, { e164PhoneNumber: 1n as never }];
    await pause(100);
    await until(() => m.parts('dial-button').length === 1, 'the dialpad');
    const field = m.part('dial-input') as HTMLInputElement;
    field.value = '+15550100199';
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    m.part('dial-button').click();
    const started = await m.host.waitFor('OUTGOING_CALL_STARTED');
    expect(started.data).to.deep.include({ toNumber: '+15550100199', fromNumber: '+15550100001' });
  });
});
