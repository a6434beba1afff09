/**
 * The vendor's own calling page for the simulator (`?app=<url>`, `npm start -- --app <url>`):
 * checked the same way by the page (simulator.js) and by scripts/start.mjs.
 */

/** The query parameter that names the page: `/demo/?app=https://…`. */
export const APP_PARAM = 'app';

const EXAMPLE = 'http://localhost:3000/calling.html';

/** `{ url }` (normalised) for an absolute http(s) URL, else `{ error }` saying what to give instead. */
export function parseAppUrl(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return { error: `Give the address of your calling page, for example ${EXAMPLE}.` };
  const shown = JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
  let url;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return { error: `${shown} is not an http or https address: give the whole URL, starting with http:// or https:// (for example ${EXAMPLE}).` };
  }
  if (url.username || url.password) {
    return { error: `${shown} has a user name or password in it, and browsers refuse to load such a URL in a frame: remove the "user:password@" part.` };
  }
  return { url: url.href };
}

/** The simulator's address with `?app=` set (or removed, for the demo softphone), other parameters kept. */
export function withAppUrl(simulatorUrl, appUrl) {
  const url = new URL(simulatorUrl);
  if (appUrl) url.searchParams.set(APP_PARAM, appUrl);
  else url.searchParams.delete(APP_PARAM);
  return url.href;
}
