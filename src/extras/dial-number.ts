import { isRepeatDial, needsCountry, readDialNumber } from '../core/dial-number.js';
import type { DialNumberDetail } from '../core/types.js';
import { nationalToE164 } from './calling-codes.js';

/**
 * Loaded on demand (see src/session/on-demand.ts) at HubSpot's first click-to-call: its payload
 * quirks absorbed (a repeated event, a wrong objectId, a national number with its countryCode).
 */
export { isRepeatDial, needsCountry, readDialNumber, nationalToE164 };

/** The page's last click-to-call, as HubSpot sent it: a repeat of it is dropped. */
let last: { detail: DialNumberDetail; at: number } | null = null;

/**
 * HubSpot's DIAL_NUMBER received at `at`, read: the detail to hand the page, or null (unreadable,
 * or a repeat). A national number becomes E.164 with HubSpot's `countryCode`, or without one,
 * the element's `default-country`.
 */
export function receiveDial(data: unknown, at: number, defaultCountry?: string): DialNumberDetail | null {
  const detail = readDialNumber(data);
  if (!detail || isRepeatDial(last, detail, at)) return null;
  last = { detail: { ...detail }, at };
  const country = needsCountry(detail) ? detail.countryCode! : defaultCountry;
  if (country && needsCountry({ ...detail, countryCode: country })) detail.phoneNumber = nationalToE164(detail.phoneNumber, country) ?? detail.phoneNumber;
  return detail;
}
