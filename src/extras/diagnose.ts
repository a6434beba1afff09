import { DEFAULT_ALLOWED_ORIGINS, originOf, parseAllowedOrigins } from '../core/origins.js';
import type { CallSnapshot, HostContext } from '../core/types.js';
import { SDK_VERSION, VERSION } from '../core/version.js';
import type { SoftphoneErrorDetail } from '../element/events.js';

/** What the page's session alone knows: whom it refused and why, when the handshake's steps came, the last errors, its phase and role, the tab sync's status. */
export type SessionFacts = [
  rejected: ReadonlyMap<string, string>,
  times: { connected?: number; synced?: number; initialized?: number },
  errors: readonly (SoftphoneErrorDetail & { at: number })[],
  phase: 'connecting' | 'ready' | 'timeout',
  role: 'pending' | 'owner' | 'mirror',
  ownerStatus: string | undefined,
];

/** The element's public side that the report reads. */
export interface DiagnosedElement {
  allowedOrigins?: string;
  channel: string;
  readonly hostContext: HostContext | null;
  readonly call: CallSnapshot | null;
  readonly ready: boolean;
}

type Policy = 'allowed' | 'blocked' | 'unknown';

/** A support-ticket report: every field below, and all of it as `text` to paste. */
export interface Diagnosis {
  text: string;
  /** `sdk`: the SDK version this build was made and tested with (the CDN script inlines it). */
  versions: { element: string; sdk: string; userAgent: string };
  origin: string;
  /** The page around this frame: HubSpot's hostUrl once it got through, else what the browser tells. */
  parentOrigin: string | null;
  framed: boolean;
  /** Whether allowed-origins lets the parent talk to the element; null when the parent is unknown. */
  allowed: boolean | null;
  /** Why not, and what to do. */
  whyNot: string | null;
  allowedOrigins: string;
  invalidAllowedOrigins: string[];
  rejected: Record<string, string>;
  handshake: { phase: SessionFacts[3]; ready: boolean; syncAfterMs: number | null; initializedAfterMs: number | null };
  context: HostContext | null;
  /** `ownerStatus`: whether the owner has been heard (`waiting`, `present`, `gone`), null before the sync code loaded; `locks`: the held and pending Web Locks of this softphone (null where the browser will not say). */
  ownership: { role: SessionFacts[4]; isOwner: boolean; channel: string; ownerStatus: string | null; locks: string[] | null };
  call: CallSnapshot | null;
  permissionsPolicy: { microphone: Policy; autoplay: Policy };
  autoplay: string;
  microphonePermission: string;
  notificationPermission: string;
  storage: { sessionStorage: boolean; localStorage: boolean; broadcastChannel: boolean; webLocks: boolean };
  errors: SessionFacts[2];
}

const attempt = <T>(probe: () => T, fallback: T): T => {
  try {
    return probe();
  } catch {
    return fallback;
  }
};


function storageWorks(name: 'sessionStorage' | 'localStorage'): boolean {
  return attempt(() => {
    const key = 'hubspot-softphone:diagnose';
    window[name].setItem(key, '1');
    window[name].removeItem(key);
    return true;
  }, false);
}

/** What the iframe's `allow` attribute (its permissions policy) lets this frame do; Firefox does not say. */
function policyAllows(feature: string): Policy {
  type WithPolicy = { allowsFeature(feature: string): boolean };
  const policy = (document as unknown as { permissionsPolicy?: WithPolicy; featurePolicy?: WithPolicy }).permissionsPolicy ??
    (document as unknown as { featurePolicy?: WithPolicy }).featurePolicy;
  return policy ? (attempt(() => policy.allowsFeature(feature), false) ? 'allowed' : 'blocked') : 'unknown';
}

const since = (from: number | undefined, to: number | undefined) => (from && to ? to - from : null);

export async function diagnose(element: DiagnosedElement, [rejectedBy, times, errors, phase, role, ownerStatus]: SessionFacts): Promise<Diagnosis> {
  const allowedOrigins = element.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS;
  const context = element.hostContext;
  const framed = attempt(() => window.parent !== window, true);
  const ancestor = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins?.[0];
  const parentOrigin = framed ? originOf(context?.hostUrl) ?? ancestor ?? originOf(document.referrer) : null;
  const policy = parseAllowedOrigins(allowedOrigins);
  const allowed = parentOrigin ? policy.allows(parentOrigin) : null;
  const whyNot = !framed
    ? "This page is not in a frame: HubSpot loads calling apps in its call widget's iframe. Open it from HubSpot."
    : allowed === false
      ? `${parentOrigin} is not in allowed-origins ("${allowedOrigins}"). If it is yours, add it: allowed-origins="${`${allowedOrigins} ${parentOrigin}`.trim()}".`
      : allowed === null
        ? 'The parent frame did not say its origin (no handshake yet, no referrer).'
        : null;
  const microphonePermission = await attempt(
    () => navigator.permissions.query({ name: 'microphone' as PermissionName }).then((status) => status.state, () => 'unknown'),
    Promise.resolve('unknown'),
  );
  const locks = await attempt(
    () =>
      navigator.locks.query().then(
        ({ held = [], pending = [] }) => [...held.map((l) => `held ${l.name}`), ...pending.map((l) => `pending ${l.name}`)].filter((l) => l.includes('hubspot-softphone')),
        () => null,
      ),
    Promise.resolve(null),
  );
  const report: Omit<Diagnosis, 'text'> = {
    versions: { element: VERSION, sdk: SDK_VERSION, userAgent: navigator.userAgent },
    origin: location.origin,
    parentOrigin,
    framed,
    allowed,
    whyNot,
    allowedOrigins,
    invalidAllowedOrigins: policy.invalid,
    rejected: Object.fromEntries(rejectedBy),
    handshake: { phase, ready: element.ready, syncAfterMs: since(times.connected, times.synced), initializedAfterMs: since(times.connected, times.initialized) },
    context,
    ownership: { role, isOwner: role === 'owner', channel: element.channel, ownerStatus: ownerStatus ?? null, locks },
    call: element.call,
    permissionsPolicy: { microphone: policyAllows('microphone'), autoplay: policyAllows('autoplay') },
    autoplay: attempt(() => (navigator as Navigator & { getAutoplayPolicy?: (type: string) => string }).getAutoplayPolicy?.('mediaelement') ?? 'unknown', 'unknown'),
    microphonePermission,
    notificationPermission: typeof Notification === 'function' ? Notification.permission : 'unsupported',
    storage: {
      sessionStorage: storageWorks('sessionStorage'),
      localStorage: storageWorks('localStorage'),
      broadcastChannel: typeof BroadcastChannel === 'function',
      webLocks: !!navigator.locks,
    },
    errors,
  };
  return { ...report, text: toText(report) };
}

/** `key: value` lines, nested keys dotted, times as ISO: readable in a ticket and easy to grep. */
function toText(report: object): string {
  const lines = ['hubspot-softphone diagnosis, ' + new Date().toISOString()];
  const walk = (value: unknown, path: string): void => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (!entries.length) lines.push(`${path}: (none)`);
      for (const [key, inner] of entries) walk(inner, path ? `${path}.${key}` : key);
    } else if (Array.isArray(value)) {
      if (!value.length) lines.push(`${path}: (none)`);
      value.forEach((item, i) => (item && typeof item === 'object' && 'at' in item ? lines.push(`${path}[${i}]: ${new Date(item.at).toISOString()} ${item.code} ${item.message}`) : walk(item, `${path}[${i}]`)));
    } else {
      lines.push(`${path}: ${value ?? '(none)'}`);
    }
  };
  walk(report, '');
  return lines.join('\n');
}
