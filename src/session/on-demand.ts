import type { SoftphoneStrings } from '../core/strings.js';

/**
 * Optional files, loaded on first use. Bundlers see a plain dynamic import. In the CDN script,
 * rollup (scripts/extras-beside-script.mjs) loads `extras/<name>.js` from beside the script
 * itself instead, so a page never pays for what it does not use. A failed load (offline, CSP,
 * not served) rejects, so the caller falls back, and says once on the console what to fix.
 */
const missing = new Set<string>();
const loud = <T>(file: string, load: Promise<T>): Promise<T> =>
  load.catch((error) => {
    if (!missing.has(file)) console.warn(`[hubspot-softphone] Could not load ${file}: serve dist/${file.split('/')[0]}/ beside the script (with CORS if it is on another origin).`, error);
    missing.add(file);
    throw error;
  });

/** HubSpot's click-to-call, its quirks absorbed. */
export const loadDialNumber = (): Promise<typeof import('../extras/dial-number.js')> => loud('extras/dial-number.js', import('../extras/dial-number.js'));

/** Syncing with other frames and tabs, and the checks for a call kept across a reload. */
export const loadSync = (): Promise<typeof import('../extras/sync.js')> => loud('extras/sync.js', import('../extras/sync.js'));

/** The support-ticket report behind `diagnose()`. */
export const loadDiagnose = (): Promise<typeof import('../extras/diagnose.js')> => loud('extras/diagnose.js', import('../extras/diagnose.js'));

type Strings = Promise<{ default: Partial<SoftphoneStrings> }>;
/** The built-in languages besides English, one small file each (literal imports, so bundlers find them). */
const LOCALES: Record<string, () => Strings> = {
  de: () => import('../locales/de.js'),
  es: () => import('../locales/es.js'),
  fr: () => import('../locales/fr.js'),
  ja: () => import('../locales/ja.js'),
  'pt-BR': () => import('../locales/pt-BR.js'),
};

/**
 * The strings of the built-in language for a BCP 47 tag (`de-AT` is German, any Portuguese is
 * pt-BR), loaded once per page; none for English and the rest, or when the file cannot load.
 */
export function loadLocale(lang: string): Promise<Partial<SoftphoneStrings>> {
  const base = lang.toLowerCase().split('-')[0]!;
  const tag = base === 'pt' ? 'pt-BR' : base;
  const load = LOCALES[tag];
  return load ? (loaded[tag] ??= loud(`locales/${tag}.js`, load()).then((module) => module.default, () => ({}))) : Promise.resolve({});
}

const loaded: Record<string, Promise<Partial<SoftphoneStrings>>> = {};

/** The `ringtone` player. */
export const loadRingtone = (): Promise<typeof import('../extras/ringtone.js')> => loud('extras/ringtone.js', import('../extras/ringtone.js'));

/** The words for misconfiguration warnings. */
export const loadWarnings = (): Promise<typeof import('../extras/warnings.js')> => loud('extras/warnings.js', import('../extras/warnings.js'));

/** The check of `setWidgetUrl()`'s URL. */
export const loadWidgetUrl = (): Promise<typeof import('../extras/widget-url.js')> => loud('extras/widget-url.js', import('../extras/widget-url.js'));

/** The built-in controls, dialpad and outcome picker. */
export const loadControls = (): Promise<typeof import('../extras/controls.js')> => loud('extras/controls.js', import('../extras/controls.js'));
