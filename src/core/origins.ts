/** Who may talk to the element: exact origins, or `*` inside the leftmost host label. */
export const DEFAULT_ALLOWED_ORIGINS = 'https://app.hubspot.com https://app-*.hubspot.com';

export interface OriginPolicy {
  /** The value was `*`: every origin is allowed (the element warns once). */
  readonly allowsAll: boolean;
  /** Entries that are not origins, so the element can say which one to fix. */
  readonly invalid: readonly string[];
  allows(origin: unknown): boolean;
}

const ENTRY = /^(https?:\/\/)([^/:]+)(:\d{1,5})?\/?$/i;
const LABEL = /^[a-z0-9-]+$/i;

function toPattern(entry: string): RegExp | null {
  const match = ENTRY.exec(entry);
  if (!match) return null;
  const [, scheme, host, port = ''] = match;
  const [first, ...rest] = host!.split('.');
  if (!rest.every((label) => LABEL.test(label))) return null;
  if (!LABEL.test(first!.replace(/\*/g, 'x'))) return null;
  const firstLabel = first!.split('*').map(escape).join('[a-z0-9-]+');
  return new RegExp(`^${escape(scheme!)}${[firstLabel, ...rest.map(escape)].join('\\.')}${port}$`, 'i');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function parseAllowedOrigins(value: string | null | undefined): OriginPolicy {
  const entries = (value ?? DEFAULT_ALLOWED_ORIGINS).trim().split(/\s+/).filter(Boolean);
  const allowsAll = entries.includes('*');
  const patterns: RegExp[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    if (entry === '*') continue;
    const pattern = toPattern(entry);
    if (pattern) patterns.push(pattern);
    else invalid.push(entry);
  }
  return {
    allowsAll,
    invalid,
    allows: (origin) =>
      typeof origin === 'string' && origin !== 'null' && (allowsAll || patterns.some((p) => p.test(origin))),
  };
}

/** The origin of an absolute http(s) URL, or null. */
export function originOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? origin : null;
  } catch {
    return null;
  }
}
