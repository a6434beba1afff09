import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      // <hubspot-softphone> is a custom element: Vue renders it as is instead of resolving a component.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'hubspot-softphone' } },
    }),
  ],
  // Relative asset URLs: the built page is served from any path (scripts/frameworks.mjs serves
  // it from /demo/frameworks/vue/dist/).
  base: './',
  build: { outDir: 'dist', emptyOutDir: true },
});
