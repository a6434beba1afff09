/**
 * Issue 10's languages against hostile tags, quick flips while a language's file loads,
 * `strings` beside `lang`, and an element inside another component's shadow root.
 */
import { expect } from '@open-wc/testing';
import de from '../../src/locales/de.js';
import fr from '../../src/locales/fr.js';
import ja from '../../src/locales/ja.js';
import { EN_STRINGS } from '../../src/core/strings.js';
import { type Softphone } from '../protocol/harness.js';
import { CALL, evalIn, newChannel, openProbe, pause } from './probe-harness.js';

const text = async (phone: Softphone) => (await phone.inspect()).text as string;

describe('probe issue 10: languages', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('hostile and invalid tags fall back to English; nothing thrown, nothing polluted, durations still render', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await phone.call('incomingCall', { ...CALL, callStartTime: Date.now() - 65_000 });
    const tags = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'en_US!', '', ' ', 'x-private', 'root', 'und', 'a'.repeat(5000), 'de-'.repeat(300), '<img src=x onerror=alert(1)>', 'en-u-nu-thai', 'zz-ZZ'];
    for (const tag of tags) {
      await evalIn(phone, `el.setAttribute('lang', ${JSON.stringify(tag)});`);
      await pause(40);
      const state = await phone.inspect();
      expect(state.text, tag).to.contain(EN_STRINGS.answer);
      expect(state.uncaught, tag).to.deep.equal([]);
      expect(state.polluted, tag).to.deep.equal([]);
      const [clock] = await phone.read('ring-time');
      expect(clock, tag).to.match(tag === 'en-u-nu-thai' ? /^[๐-๙]:[๐-๙]{2}$/ : /^\d:\d\d$/);
    }
  });

  it('lang flipped faster than a language loads: the last one set wins', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    // Each flip in its own task, so the observer sees each; none of the files has loaded yet.
    await evalIn(phone, `for (const tag of ['de', 'fr', 'ja', 'it']) { el.setAttribute('lang', tag); await new Promise((r) => setTimeout(r)); }`);
    await pause(500);
    expect(await text(phone), 'English for it').to.contain(EN_STRINGS.available);
    await evalIn(phone, `for (const tag of ['ja', 'fr', 'de']) { el.setAttribute('lang', tag); await new Promise((r) => setTimeout(r)); }`);
    await pause(300);
    const shown = await text(phone);
    expect(shown, 'German last').to.contain(de.available);
    expect(shown).to.not.contain(fr.available).and.not.contain(ja.available);
  });

  it('strings set while a language loads still win over it, key by key', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await evalIn(phone, `el.setAttribute('lang', 'fr'); el.strings = { available: 'Dispo !' };`);
    await pause(300);
    await phone.call('incomingCall', CALL);
    await pause(100);
    const shown = await text(phone);
    expect(shown).to.contain(fr.answer);
    await phone.call('endCall');
    await phone.call('completeCall');
    await pause(100);
    expect(await text(phone)).to.contain('Dispo !');
  });

  it('inside another component’s shadow root: follows its own lang as it changes, and inherits its shadow host’s', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await evalIn(phone, `
      const app = document.createElement('div');
      app.id = 'app';
      document.body.append(app);
      app.attachShadow({ mode: 'open' }).append(el);`);
    await pause(100);
    expect(await text(phone)).to.contain(EN_STRINGS.available);
    await evalIn(phone, `el.setAttribute('lang', 'de');`);
    await pause(300);
    expect(await text(phone), 'its own lang, changed').to.contain(de.available);
    await evalIn(phone, `el.removeAttribute('lang'); document.getElementById('app').setAttribute('lang', 'ja');`);
    await pause(300);
    expect(await text(phone), 'its shadow host’s lang').to.contain(ja.available);
  });
});
