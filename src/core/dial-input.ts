import { callingCodeOf, leadingCallingCode } from '../extras/calling-codes.js';

/**
 * The dialpad's number field, as pure rules (only extras/controls.js uses them, so the calling
 * codes they need are never in the CDN core).
 */

/** Letters on a phone's keys, for vanity numbers (1-800-FLOWERS). */
const LETTERS = 'ABC DEF GHI JKL MNO PQRS TUV WXYZ'.split(' ');
const letterDigit = (letter: string) => String(LETTERS.findIndex((keys) => keys.includes(letter.toUpperCase())) + 2);

/** Text from where the number starts (a `tel:` prefix or words before it dropped), letters as their keys' digits. */
const fromNumber = (text: string) => text.trim().replace(/^tel:/i, '').replace(/^[^\d+*#]+/, '').replace(/[a-z]/gi, letterDigit);

/**
 * What a pasted or typed number dials: a `tel:` prefix, words before the number, an extension
 * or pause, and every mark but digits, a leading '+', `*` and `#` are dropped; letters after
 * the first digit (1-800-FLOWERS) become their keys' digits.
 */
export function dialable(text: string): string {
  const number = fromNumber(text.replace(/\s*(?:[;,].*|(?:ext\.?|x)\s*\d+)$/i, ''));
  return (number.startsWith('+') ? '+' : '') + number.replace(/[^\d*#]/g, '');
}

/** North American digits grouped as typed: (555) 010-0100. */
function nanp(digits: string): string {
  const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  if (digits.length > 10) return digits;
  if (!exchange) return area;
  return `(${area}) ${exchange}${line && `-${line}`}`;
}

/**
 * The field's text while typing: an international number gets a space after its calling code
 * (and North America's grouping); a national one is grouped the North American way where that
 * is the default country, and otherwise kept with the spaces, dashes and dots the user typed.
 */
export function asYouType(text: string, defaultCountry?: string): string {
  const number = dialable(text);
  if (/[*#]/.test(number)) return number;
  if (number.startsWith('+')) {
    const digits = number.slice(1);
    const code = leadingCallingCode(digits);
    if (!code) return number;
    const rest = digits.slice(code.length);
    return `+${code}${rest && ` ${code === '1' ? nanp(rest) : rest}`}`;
  }
  if (defaultCountry && callingCodeOf(defaultCountry) === '1' && !/^(?:1|0)/.test(number)) return nanp(number);
  return fromNumber(text).replace(/[^\d\s.\-()]/g, '').replace(/\s{2,}/g, ' ');
}
