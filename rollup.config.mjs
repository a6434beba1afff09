import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyTemplates } from './scripts/minify-templates.mjs';

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
    nodeResolve({ browser: true }),
    minifyTemplates(),
    terser({ ecma: 2021, compress: { passes: 2 }, format: { comments: false } }),
  ],
};
