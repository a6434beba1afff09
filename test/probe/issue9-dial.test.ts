/**
 * Issue 9 probes: HubSpot's DIAL_NUMBER (click-to-call) with odd payloads, repeated, in a
 * calling window's remote, and the callee record link of the call dialled for it.
 */
import { expect } from '@open-wc/testing';
import { COMPANY, CONTACT, type Softphone } from '../protocol/harness.js';
import { newChannel, openProbe, openWindowAndRemotes, pause } from './probe-harness.js';

const CLICK = {
  portalId: 123,
  objectId: 4711,
  objectType: 'DEAL',
  countryCode: 'GB',
  calleeInfo: { calleeId: 1001, calleeObjectTypeId: '0-1' },
};

describe('issue9: DIAL_NUMBER with odd payloads', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  it('never throws and never invents a number, whatever phoneNumber and countryCode are', async () => {
    phone = await openProbe({ channel: newChannel() });
    await phone.command({ op: 'quiet' });
    const cases: [phoneNumber: unknown, countryCode: unknown][] = [
      ['+', 'US'],
      ['+++', 'US'],
      ['()-. /', 'US'],
      ['#', 'GB'],
      ['٠٩٦١٢٣٤٥٦٧', 'UA'],
      ['０９６１２３４５６７', 'UA'],
      ['x'.repeat(100_000), 'US'],
      ['5'.repeat(5000), 'US'],
      ['096 123 4567', '__proto__'],
      ['096 123 4567', 'constructor'],
      ['096 123 4567', 'U'],
      ['096 123 4567', 'UAX'],
      ['096 123 4567', { toString: null }],
      ['096 123 4567', ['UA']],
      ['096 123 4567', 12],
      [12345, 'US'],
      [null, 'US'],
      [{ toString: '+15551234567' }, 'US'],
      ['', 'US'],
      ['   ', 'US'],
    ];
    for (const [i, [phoneNumber, countryCode]] of cases.entries()) {
      phone.host.send('DIAL_NUMBER', { phoneNumber, countryCode, startTimestamp: 1000 + i });
    }
    await pause(500);
    const state = await phone.inspect();
    expect(state.uncaught).to.deep.equal([]);
    expect(state.polluted).to.deep.equal([]);
    const dials = phone.eventsOf('softphone-dial-number').map((e) => e.detail);
    for (const d of dials) {
      expect(d.phoneNumber).to.be.a('string');
      expect(d.phoneNumber.length).to.be.at.most(64);
      // A number only changes when it became E.164; nothing without a digit ever becomes one.
      const sent = cases[d.startTimestamp - 1000]![0] as string;
      if (d.phoneNumber !== sent.trim().slice(0, 64)) expect(d.phoneNumber, `from ${JSON.stringify(sent.slice(0, 20))}`).to.match(/^\+[1-9]\d{1,14}$/);
    }
    // The strings without a digit, non-strings and blanks give nothing a vendor could dial as a number they saw.
    for (const d of dials) expect(typeof cases[d.startTimestamp - 1000]![0]).to.equal('string');
    // The odd country codes leave the national number as HubSpot sent it.
    for (const d of dials.filter((x) => (cases[x.startTimestamp - 1000]![0] as string) === '096 123 4567')) expect(d.phoneNumber).to.equal('096 123 4567');
  });

  it('does not cut a long number down into a different valid one', async () => {
    phone = await openProbe({ channel: newChannel() });
    // What HubSpot sent dials +155512345678 (E.164, 12 digits) once the separators go; cut at 64 characters it would be +15551234567.
    const sent = `+1 555 123 4567${' '.repeat(60)}8`;
    phone.host.send('DIAL_NUMBER', { phoneNumber: sent, countryCode: 'US', startTimestamp: 1 });
    const dial = await phone.waitForEvent('softphone-dial-number').catch(() => null);
    if (dial) expect(dial.detail.phoneNumber).to.not.equal('+15551234567');
  });

  it('turns a national number with HubSpot’s countryCode into E.164, and keeps the callee the user clicked', async () => {
    phone = await openProbe({ channel: newChannel() });
    phone.host.dialNumber('020 7946 0018', CLICK);
    const { detail } = await phone.waitForEvent('softphone-dial-number');
    expect(detail).to.deep.include({ phoneNumber: '+442079460018', objectId: 4711, objectType: 'DEAL' });
    expect(detail.callee).to.deep.equal({ portalId: 123, objectId: 1001, objectTypeId: '0-1' });
  });
});

describe('issue9: DIAL_NUMBER in a calling window’s remote', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('one click that HubSpot delivers twice in a remote is one softphone-dial-number, in the window', async () => {
    frames = await openWindowAndRemotes(2);
    const [win, r1, r2] = frames as [Softphone, Softphone, Softphone];
    const startTimestamp = Date.now();
    r1.host.dialNumber('+15551239999', { startTimestamp });
    r1.host.dialNumber('+15551239999', { startTimestamp });
    // HubSpot's other tab hears of the same click too.
    r2.host.dialNumber('+15551239999', { startTimestamp });
    await win.waitForEvent('softphone-dial-number');
    await pause(400);
    expect(win.eventsOf('softphone-dial-number')).to.have.length(1);
    expect(r1.eventsOf('softphone-dial-number')).to.deep.equal([]);
    expect(r2.eventsOf('softphone-dial-number')).to.deep.equal([]);
    // A second click on the same number is a new click.
    r1.host.dialNumber('+15551239999', { startTimestamp: startTimestamp + 5000 });
    await win.waitForEvent('softphone-dial-number', { index: 1 });
  });

  it('a repeat without startTimestamp, 2 s apart or less, is one click; later it is another', async () => {
    frames = await openWindowAndRemotes(1);
    const [win, r1] = frames as [Softphone, Softphone];
    r1.host.send('DIAL_NUMBER', { phoneNumber: '+15551239998' });
    r1.host.send('DIAL_NUMBER', { phoneNumber: ' +15551239998 ' });
    await win.waitForEvent('softphone-dial-number');
    await pause(300);
    expect(win.eventsOf('softphone-dial-number')).to.have.length(1);
  });

  it('the call dialled for the click shows the callee’s record link in the window and the remote, dialing to wrap-up', async () => {
    frames = await openWindowAndRemotes(1);
    const [win, r1] = frames as [Softphone, Softphone];
    r1.host.dialNumber('020 7946 0018', { ...CLICK, startTimestamp: Date.now() });
    r1.host.dialNumber('020 7946 0018', { ...CLICK, startTimestamp: Date.now() - 1 });
    const { detail } = await win.waitForEvent('softphone-dial-number');
    await win.call('outgoingCall', { toNumber: detail.phoneNumber });
    for (const status of ['dialing', 'connected', 'ended']) {
      if (status === 'connected') await win.call('answerCall');
      if (status === 'ended') await win.call('endCall');
      for (const f of [win, r1]) {
        await f.until((s) => s.call?.status === status, { what: status });
        expect(await f.read('record-link'), `${status} record link`).to.have.length(1);
      }
    }
    await r1.click('record-link');
    expect((await win.host.waitFor('NAVIGATE_TO_RECORD')).data).to.deep.include({ objectCoordinates: { portalId: 123, objectId: 1001, objectTypeId: '0-1' } });
  });
});

describe('issue9: caller names that show nothing', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  const blanks: [string, string][] = [
    ['C0 control characters', '\u0001\u0002\u0007'],
    ['DEL and C1 controls', '\u007f\u0085\u009f'],
    ['Hangul fillers', '\u3164\uFFA0'],
    ['zero-width and word joiners', '\u200B\u2060\uFEFF'],
    ['tag characters', '\u{E0041}\u{E0042}'],
    ['a lone combining mark', '\u0301'],
  ];
  for (const [what, name] of blanks) {
    it(`a company named only ${what} shows as an unknown caller, not as a blank heading`, async () => {
      phone = await openProbe({ channel: newChannel() });
      await phone.call('incomingCall', { fromNumber: '+15551230001', toNumber: '+15551230002' });
      phone.host.callerIdMatchSucceeded([{ ...COMPANY, name }]);
      await phone.waitForEvent('softphone-caller-id');
      const [heading] = await phone.read('caller-name');
      expect(heading!.replace(/[\p{Cc}\p{Cf}\p{M}\s\u3164\uFFA0]/gu, '')).to.not.equal('');
    });
  }

  it('a contact named only invisibles goes by email', async () => {
    phone = await openProbe({ channel: newChannel() });
    await phone.call('incomingCall', { fromNumber: '+15551230001', toNumber: '+15551230002' });
    phone.host.callerIdMatchSucceeded([{ ...CONTACT, firstName: '\u0001', lastName: '\u200B' }]);
    await phone.waitForEvent('softphone-caller-id');
    expect(await phone.read('caller-name')).to.deep.equal([CONTACT.email]);
  });
});
