import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transform } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extrasBesideScript } from './scripts/extras-beside-script.mjs';
import { assumeAdoptedStyleSheets, dropDecoratorSupport, dropPolyfillHooks, dropVersionStamps } from './scripts/lit-trim.mjs';
import { minifyTemplates } from './scripts/minify-templates.mjs';
import { shortPrivateNames } from './scripts/private-names.mjs';
import { sdkTrim } from './scripts/sdk-trim.mjs';

const SDK = fileURLToPath(new URL('./node_modules/@hubspot/calling-extensions-sdk/', import.meta.url));

/**
 * Builds the SDK into the classic script from the TypeScript sources its npm package ships,
 * not its webpack bundle: same code, but rollup can drop what the element never uses.
 * Its package.json is read for `version` only.
 */
function sdkFromSource() {
  return {
    name: 'sdk-from-source',
    resolveId: (source) => (source === '@hubspot/calling-extensions-sdk' ? `${SDK}index.ts` : null),
    load(id) {
      if (id !== `${SDK}package.json`) return null;
      const { version } = JSON.parse(readFileSync(id, 'utf8'));
      return `export default { version: ${JSON.stringify(version)} };`;
    },
    async transform(code, id) {
      if (!id.startsWith(SDK) || !id.endsWith('.ts')) return null;
      // Fields are assigned in the constructor, as in the SDK's own build (and our tsconfig):
      // no `options;onMessageHandler;…` declarations in the bundle.
      const tsconfigRaw = { compilerOptions: { useDefineForClassFields: false } };
      const result = await transform(code, { loader: 'ts', target: 'es2022', sourcemap: true, sourcefile: id, tsconfigRaw });
      return { code: result.code, map: result.map };
    },
  };
}

/** tsc's source map, so a rebuilt file still maps to src/ (rollup does not read `sourceMappingURL`). */
function tscSourceMaps() {
  return {
    name: 'tsc-source-maps',
    load: (id) => (existsSync(`${id}.map`) ? { code: readFileSync(id, 'utf8'), map: readFileSync(`${id}.map`, 'utf8') } : null),
  };
}

const minify = () => terser({ ecma: 2022, compress: { passes: 2, unsafe_arrows: true, unsafe_methods: true, keep_fargs: false }, format: { comments: false } });

/** Folders of files loaded on demand: optional features, and the languages besides English. */
const ON_DEMAND = ['extras', 'locales'];

/**
 * The files loaded on demand, src/<folder>/<name>.ts: tsc's dist/<folder>/<name>.js rebuilt in place, minified
 * and self-contained, so the CDN script loads it from beside itself and bundlers import the same file.
 */
const extras = ON_DEMAND.flatMap((folder) =>
  readdirSync(new URL(`./src/${folder}/`, import.meta.url))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => `dist/${folder}/${name.replace(/\.ts$/, '.js')}`),
).map((file) => ({ input: file, output: { file, format: 'es', sourcemap: true }, plugins: [tscSourceMaps(), minify()] }));

/** The CDN build: one classic script with lit and the SDK inlined, from tsc's output in dist/. */
const cdn = {
  input: 'dist/index.js',
  output: {
    file: 'dist/hubspot-softphone.min.js',
    format: 'iife',
    name: 'HubSpotSoftphone',
    sourcemap: true,
    inlineDynamicImports: true,
  },
  plugins: [
    sdkFromSource(),
    // The element runs the SDK's IFrameManager in app mode only; the host helper uses the ESM build.
    sdkTrim({ sdk: SDK, appOnly: true }),
    dropPolyfillHooks(),
    assumeAdoptedStyleSheets(),
    dropDecoratorSupport(),
    dropVersionStamps(),
    // Only the SDK's import() is inlined; dist/extras/* and dist/locales/* load from beside the script.
    extrasBesideScript({ folders: ON_DEMAND.map((folder) => fileURLToPath(new URL(`./dist/${folder}/`, import.meta.url))) }),
    nodeResolve({ browser: true, extensions: ['.ts', '.js'] }),
    minifyTemplates(),
    minify(),
    shortPrivateNames(),
  ],
};

export default [cdn, ...extras];
