import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transform } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minifyTemplates } from './scripts/minify-templates.mjs';

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
      const result = await transform(code, { loader: 'ts', target: 'es2022', sourcemap: true, sourcefile: id });
      return { code: result.code, map: result.map };
    },
  };
}

/** The CDN build: one classic script with lit and the SDK inlined, from tsc's output in dist/. */
export default {
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
    nodeResolve({ browser: true, extensions: ['.ts', '.js'] }),
    minifyTemplates(),
    terser({ ecma: 2022, compress: { passes: 2 }, format: { comments: false } }),
  ],
};
