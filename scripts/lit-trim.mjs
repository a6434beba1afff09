/**
 * Rollup plugin: reads of lit's polyfill-support hooks (`globalThis.litElementPolyfillSupport`
 * and the like, set only by lit's polyfill-support.js for ShadyDOM browsers) become undefined,
 * so terser drops the calls. The CDN build is ES2022, which no browser that needs ShadyDOM runs.
 * Hydration support (`litElementHydrateSupport`) is a different hook and stays.
 */
import { applyEdits, keyName, walk } from './edits.mjs';

export const POLYFILL_HOOKS = ['reactiveElementPolyfillSupport', 'litHtmlPolyfillSupport', 'litElementPolyfillSupport'];

const LIT = /[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/;

export function dropPolyfillHooks() {
  return {
    name: 'drop-polyfill-hooks',
    transform(code, id) {
      if (!LIT.test(id) || !POLYFILL_HOOKS.some((hook) => code.includes(hook))) return null;
      const edits = [];
      walk(this.parse(code), (node, parent) => {
        if (node.type !== 'MemberExpression' || !POLYFILL_HOOKS.includes(keyName(node.property, node.computed))) return;
        if (parent.type === 'AssignmentExpression' && parent.left === node) return;
        edits.push([node.start, node.end, '(void 0)']);
      });
      return edits.length ? applyEdits(code, edits, id) : null;
    },
  };
}

const CSS_TAG = /[\\/]@lit[\\/]reactive-element[\\/]css-tag\.js$/;
const FEATURE_TEST = 't.ShadowRoot&&(void 0===t.ShadyCSS||t.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype';

/**
 * Rollup plugin: lit's test for constructable stylesheets becomes `true`, so its `<style>`
 * fallback drops out. Every browser the ES2022 bundle targets that HubSpot supports has them
 * (Chrome 73, Firefox 101, Safari 16.4). The build fails if lit's code changes shape.
 */
export function assumeAdoptedStyleSheets() {
  return {
    name: 'assume-adopted-style-sheets',
    transform(code, id) {
      if (!CSS_TAG.test(id)) return null;
      if (!code.includes(FEATURE_TEST)) this.error('lit css-tag.js changed: update scripts/lit-trim.mjs');
      return { code: code.replace(FEATURE_TEST, '!0'), map: null };
    },
  };
}

const REACTIVE_ELEMENT = /[\\/]@lit[\\/]reactive-element[\\/]reactive-element\.js$/;
/** What reactive-element.js does only for decorators: their metadata and initializers. */
const DECORATOR_SUPPORT = [
  'Symbol.metadata??=Symbol("metadata"),a.litPropertyMetadata??=new WeakMap;',
  'const t=this[Symbol.metadata];if(null!==t){const s=litPropertyMetadata.get(t);if(void 0!==s)for(const[t,i]of s)this.elementProperties.set(t,i)}',
  'static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}',
  ',void 0!==t.l&&(this.l=[...t.l])',
  ',this.constructor.l?.forEach(t=>t(this))',
];

/**
 * Rollup plugin: lit's support for decorators (standard decorators' metadata, legacy
 * `addInitializer`) drops out. The element declares `static properties`; a page that
 * subclasses the CDN script's class with decorators should import the npm build instead.
 * The build fails if lit's code changes shape.
 */
export function dropDecoratorSupport() {
  return {
    name: 'drop-decorator-support',
    transform(code, id) {
      if (!REACTIVE_ELEMENT.test(id)) return null;
      let trimmed = code;
      for (const piece of DECORATOR_SUPPORT) {
        if (!trimmed.includes(piece)) this.error(`lit reactive-element.js changed (no ${piece.slice(0, 40)}…): update scripts/lit-trim.mjs`);
        trimmed = trimmed.replace(piece, '');
      }
      return { code: trimmed, map: null };
    },
  };
}

const VERSION_STAMP = /\(\w+\.(?:litHtml|litElement|reactiveElement)Versions\?\?=\[\]\)\.push\("[\d.]+"\)/g;
const STAMPED = /[\\/]node_modules[\\/](lit-html[\\/]lit-html|lit-element[\\/]lit-element|@lit[\\/]reactive-element[\\/]reactive-element)\.js$/;

/**
 * Rollup plugin: lit's version stamps (`globalThis.litHtmlVersions.push(…)` and the like, read
 * only by lit's dev-mode check for several copies on a page) drop out: the CDN script's lit is
 * its own. The build fails if a stamp is missing.
 */
export function dropVersionStamps() {
  return {
    name: 'drop-version-stamps',
    transform(code, id) {
      if (!STAMPED.test(id)) return null;
      if (!code.match(VERSION_STAMP)) this.error(`no lit version stamp in ${id}: update scripts/lit-trim.mjs`);
      return { code: code.replace(VERSION_STAMP, 'void 0'), map: null };
    },
  };
}
