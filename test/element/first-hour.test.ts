/**
 * What a vendor meets in the first hour, inside a real HubSpot handshake: attributes with bad
 * values warn once and keep their defaults, `debug` follows its attribute, errors go with the
 * call they were about, the built-in languages (inherited, followed, Intl digits, right to
 * left), and the ringtone.
 */
import { expect, oneEvent } from '@open-wc/testing';
import de from '../../src/locales/de.js';
import fr from '../../src/locales/fr.js';
import ja from '../../src/locales/ja.js';
import ptBR from '../../src/locales/pt-BR.js';
import { EN_STRINGS } from '../../src/core/strings.js';
import { pause } from '../protocol/harness.js';
import { mount, unmount, type Mounted } from './mount.js';
import { silentWav } from './silent-wav.js';

const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };

/** Waits until `check` holds (the strings of another language load on demand). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await pause(10);
  expect(check(), what).to.equal(true);
}

function spyWarnings(m: Mounted): string[] {
  const warnings: string[] = [];
  const original = m.win.console.warn;
  m.win.console.warn = (...args: unknown[]) => (warnings.push(args.map(String).join(' ')), original(...args));
  return warnings;
}

describe('attributes with bad values', () => {
  afterEach(unmount);

  const cases: [string, string, string, unknown][] = [
    ['width', 'abc', 'width', undefined],
    ['height', '-3', 'height', undefined],
    ['ring-timeout', 'soon', 'ringTimeout', 0],
    ['sync-timeout', '0', 'syncTimeout', 30000],
    ['navigate-on', 'sometimes', 'navigateOn', 'none'],
    ['theme', 'neon', 'theme', 'light'],
  ];

  it('each warns once, naming the attribute and its value, and keeps its default', async () => {
    const m = await mount();
    const warnings = spyWarnings(m);
    for (const [attribute, bad, property, fallback] of cases) {
      m.el.setAttribute(attribute, bad);
      await m.el.updateComplete;
      expect((m.el as unknown as Record<string, unknown>)[property], attribute).to.equal(fallback);
      // The same mistake again says nothing new.
      m.el.removeAttribute(attribute);
      await m.el.updateComplete;
      m.el.setAttribute(attribute, bad);
      await m.el.updateComplete;
    }
    m.el.setAttribute('width', '400');
    await m.el.updateComplete;
    expect(m.el.width).to.equal(400);
    await until(() => warnings.length >= cases.length, 'the warnings load');
    await pause(50);
    expect(warnings).to.have.length(cases.length);
    for (const [[attribute, bad], warning] of cases.map((c, i) => [c, warnings[i]!] as const)) {
      expect(warning).to.contain(`${attribute}="${bad}" is not`).and.contain('using');
    }
  });

  it('debug takes effect when it changes: the SDK logs HubSpot’s messages only while it is on', async () => {
    const m = await mount();
    const logged: unknown[][] = [];
    const original = m.win.console.log;
    m.win.console.log = (...args: unknown[]) => (logged.push(args), original(...args));
    m.el.debug = true;
    await m.el.updateComplete;
    m.host.visibilityChanged(true);
    await oneEvent(m.el, 'softphone-visibility-change');
    expect(logged.some((args) => JSON.stringify(args).includes('calling-extensions-sdk'))).to.equal(true);
    logged.length = 0;
    m.el.debug = false;
    await m.el.updateComplete;
    m.host.visibilityChanged(false);
    await oneEvent(m.el, 'softphone-visibility-change');
    expect(logged).to.deep.equal([]);
  });
});

describe('errors go with what they were about', () => {
  afterEach(unmount);

  it('a failed engagement’s banner stays through wrap-up, goes back to idle with the call, and never reaches the next call', async () => {
    const m = await mount();
    m.el.incomingCall(CALL);
    m.host.fail('CREATE_ENGAGEMENT_FAILED', 'HubSpot could not log it');
    await oneEvent(m.el, 'softphone-error');
    await m.el.updateComplete;
    expect(m.part('error').textContent).to.contain('HubSpot could not log it');
    m.el.answerCall();
    m.el.endCall();
    await m.el.updateComplete;
    expect(m.parts('error')).to.have.length(1);
    m.el.completeCall();
    await m.el.updateComplete;
    expect(m.parts('availability-toggle')).to.have.length(1);
    expect(m.parts('error')).to.have.length(0);
    m.el.incomingCall(CALL);
    await m.el.updateComplete;
    expect(m.parts('error')).to.have.length(0);
  });

  it('a late failure about an earlier call is reported with that call, and shows no banner over the current one', async () => {
    const m = await mount();
    const first = m.el.incomingCall(CALL);
    m.el.endCall();
    m.el.completeCall();
    m.el.incomingCall({ ...CALL, fromNumber: '+15551230009' });
    // HubSpot's answer about the first call's engagement comes only now.
    m.host.fail('CREATE_ENGAGEMENT_FAILED', 'The first call was not logged');
    const { detail } = await oneEvent(m.el, 'softphone-error');
    expect(detail).to.include({ code: 'CREATE_ENGAGEMENT_FAILED', externalCallId: first.externalCallId });
    await m.el.updateComplete;
    expect(m.parts('error')).to.have.length(0);
    expect(m.parts('incoming-card')).to.have.length(1);
  });

  it('an error shown while idle goes when a call starts, and a new error shows again', async () => {
    const m = await mount();
    m.host.fail('NAVIGATE_TO_RECORD_FAILED', 'No such record');
    await oneEvent(m.el, 'softphone-error');
    await m.el.updateComplete;
    expect(m.parts('error')).to.have.length(1);
    m.el.outgoingCall({ toNumber: '+15551230003' });
    await m.el.updateComplete;
    expect(m.parts('error')).to.have.length(0);
    m.host.fail('NAVIGATE_TO_RECORD_FAILED', 'Still no such record');
    await oneEvent(m.el, 'softphone-error');
    await m.el.updateComplete;
    expect(m.part('error').textContent).to.contain('Still no such record');
    (m.part('error').querySelector('button') as HTMLButtonElement).click();
    await m.el.updateComplete;
    expect(m.parts('error')).to.have.length(0);
  });
});

describe('languages', () => {
  afterEach(unmount);

  it('picks the element’s lang, follows it as it changes, and falls back to English', async () => {
    const m = await mount();
    expect(m.text()).to.contain(EN_STRINGS.available);
    m.el.setAttribute('lang', 'de');
    await until(() => m.text().includes(de.available), 'German');
    m.el.setAttribute('lang', 'fr-CA');
    await until(() => m.text().includes(fr.available), 'French for fr-CA');
    m.el.setAttribute('lang', 'pt');
    await until(() => m.text().includes(ptBR.available), 'Brazilian Portuguese for pt');
    m.el.setAttribute('lang', 'it');
    await until(() => m.text().includes(EN_STRINGS.available), 'English for a language not built in');
    m.el.setAttribute('lang', 'en_US!');
    await until(() => m.text().includes(EN_STRINGS.available), 'English for a tag that is not one');
  });

  it('inherits lang from the document, follows the document’s changes, and strings still win', async () => {
    const m = await mount();
    m.win.document.documentElement.lang = 'ja';
    await until(() => m.text().includes(ja.available), 'Japanese from <html lang>');
    m.el.strings = { available: 'Bereit' };
    await m.el.updateComplete;
    expect(m.text()).to.contain('Bereit');
    m.el.strings = {};
    m.win.document.body.setAttribute('lang', 'de');
    await until(() => m.text().includes(de.available), 'German from the nearest ancestor');
  });

  it('shows a call in German and Japanese, durations in the language’s digits', async () => {
    const m = await mount({ lang: 'de' });
    await until(() => m.text().includes(de.available), 'German');
    m.el.incomingCall({ ...CALL, callStartTime: Date.now() - 65_000 });
    await m.el.updateComplete;
    expect(m.part('answer-button').textContent).to.contain(de.answer);
    expect(m.part('decline-button').textContent).to.contain(de.decline);
    // The clock last ticked up to a second before the call came.
    expect(m.part('ring-time').textContent).to.match(/^1:0[4-6]$/);
    m.el.setAttribute('lang', 'ja');
    await until(() => m.part('answer-button').textContent!.includes(ja.answer), 'Japanese');
    m.el.setAttribute('lang', 'ar-EG');
    await until(() => /^[٠-٩]:[٠-٩]{2}$/.test(m.part('ring-time').textContent!), 'Arabic-Indic digits for ar-EG');
    expect(m.part('answer-button').textContent).to.contain(EN_STRINGS.answer);
  });

  it('lays out right to left on a dir="rtl" page: the switch’s state on the left, numbers still left to right', async () => {
    const m = await mount({ lang: 'ar' });
    const toggle = m.part('availability-toggle');
    const side = () => {
      const track = toggle.querySelector('.track')!.getBoundingClientRect();
      const state = toggle.querySelector('small')!.getBoundingClientRect();
      return state.left < track.left ? 'left' : 'right';
    };
    expect(side()).to.equal('right');
    m.win.document.documentElement.dir = 'rtl';
    await m.el.updateComplete;
    expect(side()).to.equal('left');
    m.el.incomingCall(CALL);
    await m.el.updateComplete;
    expect(getComputedStyle(m.part('caller-name')).direction).to.equal('rtl');
    expect(getComputedStyle(m.part('caller-number')).direction).to.equal('ltr');
    const [decline, answer] = [m.part('decline-button').getBoundingClientRect(), m.part('answer-button').getBoundingClientRect()];
    expect(answer.left, 'the buttons mirror: Decline on the right').to.be.below(decline.left);
  });
});

describe('ringtone', () => {
  afterEach(unmount);

  /** Records play() and pause() on the frame's media elements, then lets them run (or refuses play, as blocked autoplay does). */
  function spyMedia(m: Mounted, { blocked = false } = {}): string[] {
    const log: string[] = [];
    const proto = m.win.HTMLMediaElement.prototype;
    const { play, pause: stop } = proto;
    proto.play = function (this: HTMLMediaElement) {
      log.push(`play ${this.loop ? 'loop' : 'once'}`);
      if (blocked) return Promise.reject(new m.win.DOMException('The user has not interacted with the document.', 'NotAllowedError'));
      // Headless Firefox blocks audible autoplay: the ring is still started and stopped alike.
      return play.call(this).catch(() => {});
    };
    proto.pause = function (this: HTMLMediaElement) {
      log.push('pause');
      return stop.call(this);
    };
    return log;
  }

  const ways: [string, (m: Mounted) => void][] = [
    ['answered', (m) => m.el.answerCall()],
    ['declined', (m) => m.part('decline-button').click()],
    ['ended by HubSpot', (m) => m.host.endCall()],
    ['withdrawn by the caller', (m) => m.el.endCall('MISSED')],
  ];
  for (const [how, stop] of ways) {
    it(`plays in a loop while a call rings, and stops when it is ${how}`, async () => {
      const m = await mount({ ringtone: silentWav() });
      const log = spyMedia(m);
      m.el.incomingCall(CALL);
      await until(() => log.includes('play loop'), 'the ring starts');
      stop(m);
      await until(() => log.at(-1) === 'pause', 'the ring stops');
      await pause(50);
      expect(log).to.deep.equal(['play loop', 'pause']);
    });
  }

  it('does not ring for an outgoing call, nor without a ringtone', async () => {
    const m = await mount();
    const log = spyMedia(m);
    m.el.incomingCall(CALL);
    await pause(200);
    m.el.endCall();
    m.el.completeCall();
    m.el.setAttribute('ringtone', silentWav());
    m.el.outgoingCall({ toNumber: '+15551230003' });
    await pause(200);
    expect(log).to.deep.equal([]);
  });

  it('blocked autoplay: the card still rings, and RINGTONE_BLOCKED fires once with what to do', async () => {
    const m = await mount({ ringtone: silentWav() });
    spyMedia(m, { blocked: true });
    const errors: { code: string; message: string }[] = [];
    m.el.addEventListener('softphone-error', (e) => errors.push(e.detail));
    m.el.incomingCall(CALL);
    await until(() => errors.length > 0, 'the block is reported');
    expect(m.parts('incoming-card')).to.have.length(1);
    m.el.endCall();
    m.el.completeCall();
    m.el.incomingCall(CALL);
    await pause(200);
    expect(errors.map((e) => e.code)).to.deep.equal(['RINGTONE_BLOCKED']);
    expect(errors[0]!.message).to.contain('clicked in this widget');
  });
});
