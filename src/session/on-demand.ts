/**
 * Optional files, loaded on first use. Bundlers see a plain dynamic import. In the CDN script,
 * rollup (scripts/extras-beside-script.mjs) loads `extras/<name>.js` from beside the script
 * itself instead, so a page never pays for a table it does not use. A failed load (offline, CSP)
 * rejects: the caller falls back.
 */
/** HubSpot's click-to-call, its quirks absorbed. */
export const loadDialNumber = (): Promise<typeof import('../extras/dial-number.js')> => import('../extras/dial-number.js');

/** Syncing with other frames and tabs, and the checks for a call kept across a reload. */
export const loadSync = (): Promise<typeof import('../extras/sync.js')> => import('../extras/sync.js');
