/** Custom Elements Manifest from the element's JSDoc: `npm run analyze` writes custom-elements.json. */
export default {
  globs: ['src/element/hubspot-softphone.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'drop-internal-state',
      // Lit's `state: true` properties (`_phase`…) are internal, not attributes or API.
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            for (const key of ['attributes', 'members']) {
              if (declaration[key]) declaration[key] = declaration[key].filter((item) => !item.name.startsWith('_') && !item.name.startsWith('#'));
            }
          }
        }
      },
    },
  ],
};
