import { expect } from '@open-wc/testing';
import { callElapsed, formatDuration, matchName } from '../../src/core/format.js';
import { formatPhoneNumber, requireE164 } from '../../src/core/phone-number.js';
import type { CallSnapshot } from '../../src/core/types.js';

describe('formatting', () => {
  const durations: [number, string][] = [[0, '0:00'], [999, '0:00'], [61_000, '1:01'], [3_599_000, '59:59'], [3_600_000, '1:00:00'], [3_725_000, '1:02:05'], [-5, '0:00']];
  for (const [ms, text] of durations) it(`${ms} ms reads ${text}`, () => expect(formatDuration(ms)).to.equal(text));

  const numbers: [string, string][] = [['+15551234567', '+1 555-123-4567'], ['+442079460958', '+442079460958'], ['+1555', '+1555']];
  for (const [number, text] of numbers) it(`${number} displays as ${text}`, () => expect(formatPhoneNumber(number)).to.equal(text));

  // A name with nothing visible in it is no name; bidi controls never survive (U+200E/F, U+202A-E, U+2066-9, U+061C).
  const contact = (firstName: string, lastName = '', email = 'a@x') =>
    matchName({ callerIdType: 'CONTACT', objectCoordinates: { portalId: 1, objectId: 1, objectTypeId: '0-1' }, firstName, lastName, email });
  const company = (name: string) => matchName({ callerIdType: 'COMPANY', objectCoordinates: { portalId: 1, objectId: 2, objectTypeId: '0-2' }, name });
  const names: [string, string, string][] = [
    ['zero-width space, joiner and non-joiner', contact('\u200b\u200d', '\u200c'), 'a@x'],
    ['bidi marks and isolates', contact('\u200e\u200f', '\u2066\u2067\u2068\u2069'), 'a@x'],
    ['embeddings and overrides', contact('\u202a\u202b\u202c\u202d\u202e'), 'a@x'],
    ['BOM, soft hyphen, word joiner, tag characters', contact('\ufeff\u00ad', '\u2060\u{e0041}'), 'a@x'],
    ['whitespace of every width', contact('\u00a0\u2003\u3000\t', '\n'), 'a@x'],
    ['combining marks with no base', contact('\u0301\u0302\u20dd'), 'a@x'],
    ['Hangul fillers and a Braille blank', contact('\u3164\u115f', '\u2800'), 'a@x'],
    ['an invisible email too', contact('\u200b', '', '\u200b'), ''],
    ['an override around a name', contact('\u202eAda', 'Lovelace\u202c'), 'Ada Lovelace'],
    ['an isolate and marks inside a name', contact('A\u2067da\u200f', '\u061cLovelace'), 'Ada Lovelace'],
    ['a joiner that belongs to the name', contact('\u0645\u200c\u0646'), '\u0645\u200c\u0646'],
    ['an Arabic name', contact('محمد', 'علي'), 'محمد علي'],
    ['a decomposed accent', contact('Zoe\u0308'), 'Zoe\u0308'],
    ['a first name only', contact('Ada'), 'Ada'],
    ['no name at all', contact(''), 'a@x'],
    ['a company', company('Acme'), 'Acme'],
    ['a company with a zero-width name', company('\u200b\u2063'), ''],
    ['a company wrapped in an override', company('\u202eAcme\u202c Ltd'), 'Acme Ltd'],
  ];
  for (const [name, actual, expected] of names) it(`names a match with ${name}`, () => expect(actual).to.equal(expected));

  it('names contacts, falling back to email, and companies', () => {
    const c = { portalId: 1, objectId: 1, objectTypeId: '0-1' };
    expect(matchName({ callerIdType: 'CONTACT', objectCoordinates: c, firstName: 'Ada', lastName: '', email: 'a@x' })).to.equal('Ada');
    expect(matchName({ callerIdType: 'CONTACT', objectCoordinates: c, firstName: '', lastName: '', email: 'a@x' })).to.equal('a@x');
    expect(matchName({ callerIdType: 'COMPANY', objectCoordinates: c, name: 'Acme' })).to.equal('Acme');
  });

  it('times ringing from the start and talking from the answer', () => {
    const call = { startedAt: 1000, answeredAt: 4000 } as CallSnapshot;
    expect(callElapsed({ ...call, answeredAt: undefined }, 6000)).to.equal(5000);
    expect(callElapsed(call, 6000)).to.equal(2000);
    expect(callElapsed({ ...call, endedAt: 5000 }, 9000)).to.equal(1000);
  });

  it('accepts E.164 after trimming only', () => {
    expect(requireE164(' +15551234567\n', 'n')).to.equal('+15551234567');
    expect(() => requireE164('+1 555 123 4567', 'n')).to.throw(/E\.164/);
    expect(() => requireE164('+0123', 'n')).to.throw(/E\.164/);
  });
});
