/**
 * National phone numbers to E.164, by ISO 3166-1 alpha-2 country. Loaded on demand (it is not
 * in the CDN core): `loadCallingCodes()` in src/session/on-demand.ts.
 *
 * Every ISO 3166-1 country, and Kosovo as XK. Left out, on purpose: places without public
 * numbering (AQ BV HM TF UM) or without an ISO code (Ascension, Tristan da Cunha); local
 * numbers without their area code (7-digit NANP, say); Brazil's carrier-selection prefix
 * (0 + 2-digit carrier) and Argentina's national mobile '15', which give null rather than a
 * wrong number; numbers written with their country code but no '+' or '00', which look
 * national. Gabon's leading 0 is stripped like most countries' but is not verified.
 */
import { E164 } from '../core/phone-number.js';

/** Countries by calling code: `44GB GG IM JE` is four countries on +44. */
const CALLING_CODES =
  '1US CA AG AI AS BB BM BS DM DO GD GU JM KN KY LC MP MS PR SX TC TT VC VG VI 7RU KZ ' +
  '20EG 27ZA 30GR 31NL 32BE 33FR 34ES 36HU 39IT VA 40RO 41CH 43AT 44GB GG IM JE 45DK 46SE 47NO SJ 48PL 49DE ' +
  '51PE 52MX 53CU 54AR 55BR 56CL 57CO 58VE 60MY 61AU CX CC 62ID 63PH 64NZ PN 65SG 66TH ' +
  '81JP 82KR 84VN 86CN 90TR 91IN 92PK 93AF 94LK 95MM 98IR ' +
  '211SS 212MA EH 213DZ 216TN 218LY 220GM 221SN 222MR 223ML 224GN 225CI 226BF 227NE 228TG 229BJ ' +
  '230MU 231LR 232SL 233GH 234NG 235TD 236CF 237CM 238CV 239ST 240GQ 241GA 242CG 243CD 244AO 245GW 246IO ' +
  '248SC 249SD 250RW 251ET 252SO 253DJ 254KE 255TZ 256UG 257BI 258MZ 260ZM 261MG 262RE YT 263ZW ' +
  '264NA 265MW 266LS 267BW 268SZ 269KM 290SH 291ER 297AW 298FO 299GL ' +
  '350GI 351PT 352LU 353IE 354IS 355AL 356MT 357CY 358FI AX 359BG 370LT 371LV 372EE 373MD 374AM 375BY ' +
  '376AD 377MC 378SM 380UA 381RS 382ME 383XK 385HR 386SI 387BA 389MK 420CZ 421SK 423LI ' +
  '500FK GS 501BZ 502GT 503SV 504HN 505NI 506CR 507PA 508PM 509HT 590GP BL MF 591BO 592GY 593EC 594GF ' +
  '595PY 596MQ 597SR 598UY 599CW BQ 670TL 672NF 673BN 674NR 675PG 676TO 677SB 678VU 679FJ 680PW 681WF ' +
  '682CK 683NU 685WS 686KI 687NC 688TV 689PF 690TK 691FM 692MH 850KP 852HK 853MO 855KH 856LA 880BD 886TW ' +
  '960MV 961LB 962JO 963SY 964IQ 965KW 966SA 967YE 968OM 970PS 971AE 972IL 973BH 974QA 975BT 976MN 977NP ' +
  '992TJ 993TM 994AZ 995GE 996KG 998UZ';

const codes = new Map<string, string>();
let code = '';
for (const [, digits, country] of CALLING_CODES.matchAll(/(\d*)([A-Z]{2})/g)) codes.set(country!, (code = digits || code));
const callingCodes = new Set(codes.values());

/** An ISO 3166-1 alpha-2 country this table knows (any case). */
export const isCountry = (country: unknown): boolean => typeof country === 'string' && codes.has(country.toUpperCase());

/** A country's calling code: `GB` is `44`. */
export const callingCodeOf = (country: string): string | undefined => codes.get(country.toUpperCase());

/** The calling code an international number's digits start with (calling codes are prefix-free). */
export function leadingCallingCode(digits: string): string | undefined {
  return [1, 2, 3].map((n) => digits.slice(0, n)).find((prefix) => callingCodes.has(prefix));
}

/**
 * The national form, capturing the national significant number (which starts with 1-9 where
 * there is a trunk prefix), by country or by calling code. Most countries: an optional leading 0.
 */
const NATIONAL: Record<string, RegExp> = {
  // North America: 10 digits, the area code not starting with 0 or 1.
  1: /^1?([2-9]\d{9})$/,
  // Russia and Kazakhstan: trunk 8.
  7: /^8?([1-9]\d{9})$/,
  BY: /^(?:0|80?)?([1-9]\d{8})$/,
  // Lithuania is moving its trunk prefix from 8 to 0.
  LT: /^[08]?([1-9]\d{7})$/,
  TM: /^8?([1-9]\d{7})$/,
  HU: /^(?:06)?([1-9]\d{7,8})$/,
  MX: /^(?:01|04[45])?([1-9]\d{9})$/,
  AR: /^0?([1-9]\d{9})$/,
  BR: /^0?([1-9]\d{9,10})$/,
  // The leading 0 is part of the number.
  IT: /^(\d{6,})$/,
  SM: /^(\d{6,})$/,
  VA: /^(\d{6,})$/,
  CI: /^(\d{10})$/,
  CG: /^(\d{9})$/,
};
const TRUNK_0 = /^0?([1-9]\d{3,})$/;

/**
 * `number` as E.164, read as dialled in `countryCode` (ISO 3166-1 alpha-2): national, or with
 * the international prefix (00, 0011 in Australia, 011 in North America), or already with '+'.
 * Spaces, dots, dashes, slashes and parentheses are ignored; a '+' number is taken as it is,
 * whatever the country. Null when it cannot tell.
 */
export function nationalToE164(number: string, countryCode: string): string | null {
  if (typeof number !== 'string' || typeof countryCode !== 'string') return null;
  const compact = number.replace(/[\s.\-/()]/g, '');
  const country = countryCode.toUpperCase();
  const callingCode = codes.get(country);
  let e164: string | undefined;
  if (compact.startsWith('+')) e164 = compact;
  else if (callingCode && /^\d+$/.test(compact)) {
    const international = (callingCode === '1' ? /^(?:011|00)(\d+)$/ : /^00(?:11)?(\d+)$/).exec(compact);
    const national = (NATIONAL[country] ?? NATIONAL[callingCode] ?? TRUNK_0).exec(compact);
    e164 = international ? `+${international[1]}` : national ? `+${callingCode}${national[1]}` : undefined;
  }
  return e164 && E164.test(e164) ? e164 : null;
}
