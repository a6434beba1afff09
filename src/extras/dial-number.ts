import { isRepeatDial, needsCountry, readDialNumber } from '../core/dial-number.js';
import { E164 } from '../core/phone-number.js';
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
 * or a repeat). A number that is not E.164 is made so where it can be: written with spaces or
 * dashes, or national, read in HubSpot's `countryCode`, else the element's `default-country`.
 * So the call the page (or the dialpad) makes to it is known as this click's, with its callee.
 */
export function receiveDial(data: unknown, at: number, defaultCountry?: unknown): DialNumberDetail | null {
  const detail = readDialNumber(data);
  if (!detail || isRepeatDial(last, detail, at)) return null;
  last = { detail: { ...detail }, at };
  const country = needsCountry(detail) ? detail.countryCode! : typeof defaultCountry === 'string' ? defaultCountry : '';
  if (!E164.test(detail.phoneNumber)) detail.phoneNumber = nationalToE164(detail.phoneNumber, country) ?? detail.phoneNumber;
  return detail;
}
