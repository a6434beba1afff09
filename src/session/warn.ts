import type { WarningKind, WARNINGS } from '../extras/warnings.js';
import { loadWarnings } from './on-demand.js';

const warned = new Set<string>();
/** One load for every warning, so they print in the order they happened. */
let words: ReturnType<typeof loadWarnings> | undefined;

/** One console warning per misconfiguration (it would repeat on every render); its words load on demand. */
export function warn<K extends WarningKind>(kind: K, ...args: Parameters<(typeof WARNINGS)[K]>): void {
  const key = [kind, ...args].join(' ');
  if (warned.has(key)) return;
  warned.add(key);
  (words ??= loadWarnings()).then(({ WARNINGS }) => console.warn(`[hubspot-softphone] ${(WARNINGS[kind] as (...a: string[]) => string)(...args)}`), () => {});
}
