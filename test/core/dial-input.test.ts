import { expect } from '@open-wc/testing';
import { asYouType, dialable } from '../../src/core/dial-input.js';

describe('the dialpad’s number field', () => {
  describe('dialable(): what a typed or pasted number dials', () => {
    const table: [string, string][] = [
      ['+1 (555) 010-0100', '+15550100100'],
      ['tel:+44-20-7946-0958', '+442079460958'],
      ['  +49 30 1234567  ', '+49301234567'],
      ['(555) 010-0100 ext. 42', '5550100100'],
      ['+1 555 010 0100 x42', '+15550100100'],
      ['+15550100100;ext=7', '+15550100100'],
      ['1-800-FLOWERS', '18003569377'],
      ['020 7946 0958', '02079460958'],
      ['*67 555 0100', '*675550100'],
      ['Call me: +33 1 23 45 67 89', '+33123456789'],
      ['', ''],
    ];
    for (const [typed, number] of table) it(`${JSON.stringify(typed)} dials ${JSON.stringify(number)}`, () => expect(dialable(typed)).to.equal(number));
  });

  describe('asYouType(): the field’s text while typing', () => {
    const table: [string, string | undefined, string][] = [
      ['+', undefined, '+'],
      ['+4', undefined, '+4'],
      ['+44', undefined, '+44'],
      ['+442', undefined, '+44 2'],
      ['+442079460958', undefined, '+44 2079460958'],
      ['+1555', undefined, '+1 555'],
      ['+15550', undefined, '+1 (555) 0'],
      ['+15550100100', undefined, '+1 (555) 010-0100'],
      ['+8613800138000', undefined, '+86 13800138000'],
      ['+971501234567', undefined, '+971 501234567'],
      ['555', 'US', '555'],
      ['5550', 'US', '(555) 0'],
      ['5550100100', 'US', '(555) 010-0100'],
      ['5550100100', 'CA', '(555) 010-0100'],
      ['555010010099', 'US', '555010010099'],
      ['1 555 010 0100', 'US', '1 555 010 0100'],
      ['020 7946 0958', 'GB', '020 7946 0958'],
      ['020  7946-0958', 'GB', '020 7946-0958'],
      ['tel:0301234567', 'DE', '0301234567'],
      ['0800-FLOWERS', 'GB', '0800-3569377'],
      ['*67', 'US', '*67'],
    ];
    for (const [typed, country, shown] of table) {
      it(`${JSON.stringify(typed)}${country ? ` in ${country}` : ''} shows ${JSON.stringify(shown)}`, () => expect(asYouType(typed, country)).to.equal(shown));
    }
    it('what it shows dials what was typed', () => {
      for (const [typed, country] of table) expect(dialable(asYouType(typed, country)), typed).to.equal(dialable(typed));
    });
  });
});
