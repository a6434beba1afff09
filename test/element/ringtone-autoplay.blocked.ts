/**
 * Run by its own group (web-test-runner.config.mjs) in a Chromium that blocks autoplay until a
 * user gesture, as browsers do for a frame the user has not touched: the real refusal, not a stub.
 */
import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { pause } from '../protocol/harness.js';
import { mount, unmount } from './mount.js';
import { silentWav } from './silent-wav.js';

const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };

describe('ringtone with autoplay blocked', () => {
  afterEach(unmount);

  it('the card rings without sound and RINGTONE_BLOCKED fires once; after a click in the widget the next ring plays', async () => {
    const m = await mount({ ringtone: silentWav() });
    const errors: string[] = [];
    m.el.addEventListener('softphone-error', (e) => errors.push(e.detail.code));
    const played: string[] = [];
    const { play } = m.win.HTMLMediaElement.prototype;
    m.win.HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      const result = play.call(this);
      result.then(() => played.push('played'), (error: DOMException) => played.push(error.name));
      return result;
    };

    m.el.incomingCall(CALL);
    for (let i = 0; i < 100 && !errors.length; i++) await pause(20);
    expect(errors).to.deep.equal(['RINGTONE_BLOCKED']);
    expect(played).to.deep.equal(['NotAllowedError']);
    expect(m.parts('incoming-card')).to.have.length(1);
    m.el.endCall();
    m.el.completeCall();
    await m.el.updateComplete;

    // A real click in the frame (the availability switch) is the user's gesture.
    const frame = m.host.iframe.getBoundingClientRect();
    const toggle = m.part('availability-toggle').getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(frame.left + toggle.left + toggle.width / 2), Math.round(frame.top + toggle.top + toggle.height / 2)] });
    m.el.incomingCall(CALL);
    for (let i = 0; i < 100 && played.length < 2; i++) await pause(20);
    expect(played).to.deep.equal(['NotAllowedError', 'played']);
    expect(errors).to.deep.equal(['RINGTONE_BLOCKED']);
  });
});
