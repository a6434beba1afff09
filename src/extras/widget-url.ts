import type { Outbound } from '../core/call-machine.js';
import { SoftphoneError } from '../core/errors.js';

/** Loaded on demand (see src/session/on-demand.ts) by `setWidgetUrl()`, which few pages call. */
const LOCAL = /^(localhost|127\.0\.0\.1|\[::1\])$/;

/** HubSpot loads this URL into the calling frame: an https page of the app (http only on this machine), nothing else. */
export function widgetUrlRequest(url: unknown): Outbound {
  let parsed: URL | null = null;
  try {
    parsed = typeof url === 'string' && url.length <= 2048 ? new URL(url) : null;
  } catch {}
  const secure = parsed?.protocol === 'https:' || (parsed?.protocol === 'http:' && LOCAL.test(parsed.hostname));
  if (!parsed || !secure || parsed.username || parsed.password) {
    throw new SoftphoneError('INVALID_ARGUMENT', 'setWidgetUrl() needs an absolute https: URL of your calling page, like https://calls.example.com/hubspot.');
  }
  return { type: 'SET_WIDGET_URL', data: { iFrameUrl: parsed.href } };
}
