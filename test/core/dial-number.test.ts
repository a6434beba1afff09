import { expect } from '@open-wc/testing';
import { isRepeatDial, needsCountry, readDialNumber } from '../../src/core/dial-number.js';
import type { DialNumberDetail } from '../../src/core/types.js';
import { nationalToE164 } from '../../src/extras/calling-codes.js';

/** DIAL_NUMBER as HubSpot sent it in calling-extensions-sdk#216 and #228. */
const ISSUE_216 = {
  phoneNumber: '+380961234567',
  phone_number: '+380961234567',
  countryCode: 'UA',
  calleeInfo: { calleeId: 37621684164, calleeObjectTypeId: '0-1' },
  ownerId: 275088328,
  subjectId: 0,
  objectId: 0,
  startTimestamp: 1726736715220,
  portalId: 145006115,
  toPhoneNumberSrc: 'phone',
  threadId: 0,
};
const CALLEE = { portalId: 145006115, objectId: 37621684164, objectTypeId: '0-1' };
const { objectId: _, ...WITHOUT_OBJECT_ID } = ISSUE_216;
const { calleeInfo: __, ...WITHOUT_CALLEE_INFO } = ISSUE_216;

describe('readDialNumber', () => {
  const cases: [string, Record<string, unknown>, Partial<DialNumberDetail>, string[]?][] = [
    ['#216: objectId 0 becomes the callee', ISSUE_216, { objectId: CALLEE.objectId, callee: CALLEE, phone_number: '+380961234567', countryCode: 'UA', threadId: 0 }],
    ['#228: a missing objectId becomes the callee', WITHOUT_OBJECT_ID, { objectId: CALLEE.objectId, callee: CALLEE }],
    ['#207: the contact being viewed gives way to the contact called', { ...ISSUE_216, objectId: 51, objectType: 'CONTACT', calleeInfo: { calleeId: 2, calleeObjectTypeId: '0-1' } }, { objectId: 2, callee: { ...CALLEE, objectId: 2 } }],
    ['another record without objectType is taken as the callee’s kind', { ...ISSUE_216, objectId: 51 }, { objectId: CALLEE.objectId }],
    ['a ticket the call was made from is kept', { ...ISSUE_216, objectId: 900, objectType: 'TICKET' }, { objectId: 900, objectType: 'TICKET', callee: CALLEE }],
    ['a contact the call was made from is kept when a company is called', { ...ISSUE_216, objectId: 7, objectType: 'CONTACT', calleeInfo: { calleeId: 3, calleeObjectTypeId: '0-2' } }, { objectId: 7, callee: { ...CALLEE, objectId: 3, objectTypeId: '0-2' } }],
    ['a company the call was made from is kept when a contact is called', { ...ISSUE_216, objectId: 7, objectType: 'COMPANY' }, { objectId: 7, callee: CALLEE }],
    ['without calleeInfo, a contact objectId is the callee', { ...WITHOUT_CALLEE_INFO, objectId: 9, objectType: 'CONTACT' }, { objectId: 9, callee: { ...CALLEE, objectId: 9 } }, ['calleeInfo']],
    ['without calleeInfo, a company objectId is the callee', { ...WITHOUT_CALLEE_INFO, objectId: 9, objectType: 'COMPANY' }, { callee: { ...CALLEE, objectId: 9, objectTypeId: '0-2' } }, ['calleeInfo']],
    ['without calleeInfo, objectId 0 is no callee', WITHOUT_CALLEE_INFO, { objectId: 0 }, ['callee', 'calleeInfo']],
    ['without calleeInfo, an objectId without objectType is no callee', { ...WITHOUT_CALLEE_INFO, objectId: 5 }, { objectId: 5 }, ['callee', 'calleeInfo']],
    ['without calleeInfo, a ticket is no callee', { ...WITHOUT_CALLEE_INFO, objectId: 5, objectType: 'TICKET' }, { objectId: 5 }, ['callee', 'calleeInfo']],
    ['without calleeInfo, an inherited objectType is no callee', { ...WITHOUT_CALLEE_INFO, objectId: 5, objectType: 'constructor' }, { objectId: 5 }, ['callee', 'calleeInfo']],
    ['a broken calleeInfo is no callee, and objectId does not stand in for it', { ...ISSUE_216, objectId: 51, objectType: 'CONTACT', calleeInfo: { calleeId: '2', calleeObjectTypeId: 'CONTACT' } }, { objectId: 51, calleeInfo: { calleeId: '2', calleeObjectTypeId: 'CONTACT' } }, ['callee']],
    ['an unsafe calleeId is no callee', { ...ISSUE_216, calleeInfo: { calleeId: 2 ** 53, calleeObjectTypeId: '0-1' } }, { objectId: 0 }, ['callee']],
    ['no portalId, no callee', { ...ISSUE_216, portalId: undefined }, { objectId: 0 }, ['callee', 'portalId']],
    ['a national number is trimmed; phone_number stays as it came', { ...ISSUE_216, phoneNumber: ' 096 123 4567 ', phone_number: ' 096 123 4567 ' }, { phoneNumber: '096 123 4567', phone_number: ' 096 123 4567 ' }],
  ];
  for (const [name, data, expected, absent = []] of cases) {
    it(name, () => {
      const detail = readDialNumber(data)!;
      expect(detail).to.deep.include(expected);
      for (const key of absent) expect(detail, key).to.not.have.property(key);
    });
  }

  it('copies the dial payload without nested objects or prototype keys', () => {
    const data = JSON.parse('{"phoneNumber":" +15551230003 ","objectId":9,"objectType":"CONTACT","deep":{"a":1},"__proto__":{"polluted":true},"calleeInfo":{"calleeId":9,"nested":{"x":1}}}');
    const detail = readDialNumber(data)!;
    expect(detail).to.deep.equal({ phoneNumber: '+15551230003', objectId: 9, objectType: 'CONTACT', calleeInfo: { calleeId: 9 } });
    // An Object.assign-style copy would have taken the payload's __proto__ as its prototype.
    expect(Object.getPrototypeOf(detail)).to.equal(Object.prototype);
    expect(Object.hasOwn(detail, '__proto__')).to.equal(false);
  });

  it('bounds strings, and refuses a number too long to be one rather than cut it into another', () => {
    const detail = readDialNumber({ phoneNumber: '5'.repeat(64), phone_number: 'x'.repeat(100_000) })!;
    expect([detail.phoneNumber.length, detail.phone_number!.length]).to.deep.equal([64, 256]);
    expect(readDialNumber({ phoneNumber: '5'.repeat(65) })).to.equal(null);
  });

  for (const data of [{ phoneNumber: '' }, { phoneNumber: '   ' }, { phoneNumber: 5 }, undefined, null, 'x', []]) {
    it(`refuses ${JSON.stringify(data)}`, () => expect(readDialNumber(data)).to.equal(null));
  }
});

describe('isRepeatDial', () => {
  const dial = (phoneNumber: string, startTimestamp?: number): DialNumberDetail => ({ phoneNumber, ...(startTimestamp !== undefined && { startTimestamp }) });
  const AT = 1_000_000;
  const cases: [string, { detail: DialNumberDetail; at: number } | null, DialNumberDetail, number, boolean][] = [
    ['the first dial', null, dial('+15551234567', 1), AT, false],
    ['the same click again (#210), even late', { detail: dial('+15551234567', 1), at: AT }, dial('+15551234567', 1), AT + 10_000, true],
    ['a second click: a new startTimestamp', { detail: dial('+15551234567', 1), at: AT }, dial('+15551234567', 2), AT + 100, false],
    ['another number, same startTimestamp', { detail: dial('+15551234567', 1), at: AT }, dial('+15551234568', 1), AT, false],
    ['no startTimestamps, within 2 s', { detail: dial('+15551234567'), at: AT }, dial('+15551234567'), AT + 2000, true],
    ['no startTimestamps, after 2 s', { detail: dial('+15551234567'), at: AT }, dial('+15551234567'), AT + 2001, false],
    ['one startTimestamp, within 2 s', { detail: dial('+15551234567', 1), at: AT }, dial('+15551234567'), AT + 500, true],
    ['no startTimestamps, another number', { detail: dial('+15551234567'), at: AT }, dial('+15551234568'), AT, false],
    ['the clock went back an hour', { detail: dial('+15551234567'), at: AT }, dial('+15551234567'), AT - 3_600_000, false],
  ];
  for (const [name, previous, detail, now, repeat] of cases) it(`${name}: ${repeat}`, () => expect(isRepeatDial(previous, detail, now)).to.equal(repeat));
});

describe('needsCountry', () => {
  const cases: [string, unknown, boolean][] = [
    ['096 123 4567', 'UA', true],
    ['(555) 123-4567', 'US', true],
    ['+380 96 123 4567', 'UA', true],
    ['096 123 4567', 'ua', true],
    ['+380961234567', 'UA', false],
    ['096 123 4567', undefined, false],
    ['096 123 4567', 'UKR', false],
    ['096 123 4567', 38, false],
    ['call me', 'US', false],
  ];
  for (const [phoneNumber, countryCode, needed] of cases) {
    it(`${phoneNumber} in ${countryCode}: ${needed}`, () => expect(needsCountry({ phoneNumber, countryCode } as DialNumberDetail)).to.equal(needed));
  }
});

describe('nationalToE164', () => {
  const cases: [string, string, string | null][] = [
    ['(555) 123-4567', 'US', '+15551234567'],
    ['1 555 123 4567', 'US', '+15551234567'],
    ['416.555.0123', 'CA', '+14165550123'],
    ['876 555 0123', 'JM', '+18765550123'],
    ['555-1234', 'US', null],
    ['(055) 123-4567', 'US', null],
    ['011 44 20 7946 0018', 'US', '+442079460018'],
    ['020 7946 0018', 'GB', '+442079460018'],
    ['020 7946 0018', 'gb', '+442079460018'],
    ['0044 20 7946 0018', 'GB', '+442079460018'],
    ['0114 496 0000', 'GB', '+441144960000'],
    ['06 1234 5678', 'IT', '+390612345678'],
    ['333 123 4567', 'IT', '+393331234567'],
    ['06 6988 3712', 'VA', '+390669883712'],
    ['0549 123456', 'SM', '+3780549123456'],
    ['07 08 12 34 56', 'CI', '+2250708123456'],
    ['096 123 4567', 'UA', '+380961234567'],
    ['098765 43210', 'IN', '+919876543210'],
    ['8 912 345-67-89', 'RU', '+79123456789'],
    ['912 345 67 89', 'RU', '+79123456789'],
    ['800 123 45 67', 'RU', '+78001234567'],
    ['8 701 234 5678', 'KZ', '+77012345678'],
    ['8 029 123-45-67', 'BY', '+375291234567'],
    ['8 612 34567', 'LT', '+37061234567'],
    ['06 1 234 5678', 'HU', '+3612345678'],
    ['06 30 123 4567', 'HU', '+36301234567'],
    ['030 123456', 'DE', '+4930123456'],
    ['0151/12345678', 'DE', '+4915112345678'],
    ['01 23 45 67 89', 'FR', '+33123456789'],
    ['0412 345 678', 'AU', '+61412345678'],
    ['0011 44 20 7946 0018', 'AU', '+442079460018'],
    ['03-1234-5678', 'JP', '+81312345678'],
    ['55 1234 5678', 'MX', '+525512345678'],
    ['044 55 1234 5678', 'MX', '+525512345678'],
    ['(11) 91234-5678', 'BR', '+5511912345678'],
    ['011 4321-1234', 'AR', '+541143211234'],
    ['011 15 1234-5678', 'AR', null],
    ['+44 20 7946 0018', 'US', '+442079460018'],
    ['+442079460018', 'ZZ', '+442079460018'],
    ['020 7946 0018', 'ZZ', null],
    ['020 7946 0018', 'GBR', null],
    ['020 7946 0018', 'constructor', null],
    ['020 7946 0018', '', null],
    ['call me', 'US', null],
    ['', 'GB', null],
    ['+', 'GB', null],
    ['++442079460018', 'GB', null],
    ['+0442079460018', 'GB', null],
    ['020 7946 0018 x12', 'GB', null],
    ['0', 'GB', null],
    ['0123', 'GB', null],
    ['0', 'IT', null],
    ['0708 1234', 'CI', null],
    [`0${'1'.repeat(20)}`, 'GB', null],
  ];
  for (const [number, country, e164] of cases) it(`${JSON.stringify(number)} in ${JSON.stringify(country)}: ${e164}`, () => expect(nationalToE164(number, country)).to.equal(e164));

  it('refuses what is not a string', () => {
    expect(nationalToE164(5551234567 as unknown as string, 'US')).to.equal(null);
    expect(nationalToE164('5551234567', null as unknown as string)).to.equal(null);
  });
});
