import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the built page is served from any path (scripts/frameworks.mjs serves
  // it from /demo/frameworks/react/dist/).
  base: './',
  resolve: {
    // hubspot-softphone is linked (file:../../..), so its dist/react/index.js would otherwise
    // look for `react` and `@lit/react` in the repository's own node_modules: React is not
    // there (the page fails to load), and a second copy would break hooks. These resolve
    // from this app instead. An app that installs hubspot-softphone from the registry needs
    // none of this.
    dedupe: ['react', 'react-dom', '@lit/react'],
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
