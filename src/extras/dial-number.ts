/**
 * Loaded on demand (see src/session/on-demand.ts) at HubSpot's first click-to-call: its payload
 * quirks absorbed (a repeated event, a wrong objectId, a national number with its countryCode).
 */
export { isRepeatDial, needsCountry, readDialNumber } from '../core/dial-number.js';
export { nationalToE164 } from './calling-codes.js';
