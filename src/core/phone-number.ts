import { SoftphoneError } from './errors.js';

export const E164 = /^\+[1-9]\d{1,14}$/;

/** Returns the trimmed number, or throws INVALID_ARGUMENT naming the field. */
export function requireE164(value: unknown, field: string): string {
  const trimmed = typeof value === 'string' ? value.trim() : value;
  if (typeof trimmed !== 'string' || !E164.test(trimmed)) {
    throw new SoftphoneError(
      'INVALID_ARGUMENT',
      `${field} must be E.164, like +15551234567 (got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}).`,
    );
  }
  return trimmed;
}

/** Default display form: North American numbers grouped, others left as dialled. */
export function formatPhoneNumber(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp ? `+1 ${nanp[1]}-${nanp[2]}-${nanp[3]}` : number;
}
