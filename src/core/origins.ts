/** Who may talk to the element: exact origins, or `*` inside the leftmost host label. */
export const DEFAULT_ALLOWED_ORIGINS = 'https://app.hubspot.com https://app-*.hubspot.com';

/** An absolute URL's origin, or null for anything that is not one. */
export function originOf(url: unknown): string | null {
  try {
    return new URL(url as string).origin;
  } catch {
    return null;
  }
}

export interface OriginPolicy {
  /** The value was `*`: every origin is allowed (the element warns once). */
  readonly allowsAll: boolean;
  /** Entries that are neither an origin nor a pattern: they match nothing (the element warns once). */
  readonly invalid: string[];
  allows(origin: unknown): boolean;
}

/** scheme://first-label.more.labels[:port]; only the first label may hold `*`. */
const ENTRY = /^https?:\/\/[a-z0-9*-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

function toPattern(entry: string): RegExp | null {
  const origin = entry.replace(/\/$/, '');
  return ENTRY.test(origin) ? new RegExp(`^${origin.replace(/[./]/g, '\\$&').replace(/\*/g, '[a-z0-9-]+')}$`, 'i') : null;
}

export function parseAllowedOrigins(value: string | null | undefined): OriginPolicy {
  const entries = (value ?? DEFAULT_ALLOWED_ORIGINS).trim().split(/\s+/);
  const allowsAll = entries.includes('*');
  // An entry that is not an origin (no scheme, a path, `*` elsewhere) matches nothing.
  const patterns = entries.map(toPattern).filter((p): p is RegExp => !!p);
  return {
    allowsAll,
    invalid: entries.filter((entry) => entry && entry !== '*' && !toPattern(entry)),
    allows: (origin) =>
      typeof origin === 'string' && origin !== 'null' && (allowsAll || patterns.some((p) => p.test(origin))),
  };
}
