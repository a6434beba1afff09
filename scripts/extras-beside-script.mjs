import { dirname, resolve, sep } from 'node:path';

/**
 * Optional files live beside the CDN script (`dist/extras/<name>.js`, `dist/locales/<lang>.js`, ES modules) and load from
 * the script's own URL, wherever a page serves it from. tsc's output imports them relative to
 * itself (`import('../extras/calling-codes.js')`); in the classic script that becomes
 * `loadExtra('./extras/calling-codes.js')`, resolved against `document.currentScript.src`
 * captured when the script runs, or a `<script src$="hubspot-softphone.min.js">`, or the page.
 * `import()` works from a classic script; a failed load (offline, CSP) rejects, and so does a
 * bad base URL (the loader is async). A script on another origin needs CORS on its extras, as
 * CDNs send. The loader is added to the IIFE (its intro, run first) only when a module in it
 * imports an extra: rollup renders the modules before it asks for the intro.
 */
export function extrasBesideScript({ folders }) {
  const roots = folders.map((folder) => resolve(folder) + sep);
  const onDemand = (id) => roots.some((root) => id?.startsWith(root));
  const LOAD = '__softphoneLoadExtra';
  const SCRIPT = '__softphoneScriptUrl';
  const loader =
    `const ${SCRIPT}=document.currentScript?.src;` +
    `const ${LOAD}=async(path)=>import(new URL(path,${SCRIPT}||document.querySelector('script[src$="hubspot-softphone.min.js"]')?.src||location.href).href);`;
  let used = false;
  return {
    name: 'extras-beside-script',
    renderStart: () => void (used = false),
    resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string' || !importer || !specifier.startsWith('.')) return null;
      const id = resolve(dirname(importer), specifier);
      return onDemand(id) ? { id, external: true } : null;
    },
    renderDynamicImport({ targetModuleId }) {
      if (!onDemand(targetModuleId)) return null;
      used = true;
      return { left: `${LOAD}(`, right: ')' };
    },
    intro: () => (used ? loader : ''),
  };
}
