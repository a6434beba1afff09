/**
 * Optional files, loaded on first use. Bundlers see a plain dynamic import. In the CDN script,
 * rollup (scripts/extras-beside-script.mjs) loads `extras/<name>.js` from beside the script
 * itself instead, so a page never pays for what it does not use. A failed load (offline, CSP,
 * not served) rejects, so the caller falls back, and says once on the console what to fix.
 */
const missing = new Set<string>();
const loud = <T>(file: string, load: Promise<T>): Promise<T> =>
  load.catch((error) => {
    if (!missing.has(file)) console.warn(`[hubspot-softphone] Could not load extras/${file}: serve dist/extras/ beside the script (with CORS if it is on another origin).`, error);
    missing.add(file);
    throw error;
  });

/** HubSpot's click-to-call, its quirks absorbed. */
export const loadDialNumber = (): Promise<typeof import('../extras/dial-number.js')> => loud('dial-number.js', import('../extras/dial-number.js'));

/** Syncing with other frames and tabs, and the checks for a call kept across a reload. */
export const loadSync = (): Promise<typeof import('../extras/sync.js')> => loud('sync.js', import('../extras/sync.js'));
