/**
 * Rollup plugin, placed after terser: renames `#private` members again, per outermost class
 * and most used first. Terser names them once for the whole file in the order it meets them,
 * so past 54 names a busy field gets two letters; private names are lexically scoped, so each
 * class can start again from one letter.
 *
 * A class and every class nested in it are one unit with one-to-one renaming, so a nested
 * class that reads an outer class's field, or shadows its name, resolves as before.
 */
import { applyEdits, walk } from './edits.mjs';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';

/** Name makers whose letters go most frequent in the code first, which gzip codes shortest. */
function namer(code) {
  const count = (c) => code.split(c).length;
  const first = [...LETTERS].sort((a, b) => count(b) - count(a) || a.localeCompare(b));
  const rest = [...first, ...'0123456789'];
  return (n) => {
    let name = first[n % first.length];
    for (n = Math.floor(n / first.length); n > 0; n = Math.floor((n - 1) / rest.length)) name += rest[(n - 1) % rest.length];
    return name;
  };
}

const isClass = (node) => node.type === 'ClassDeclaration' || node.type === 'ClassExpression';

export function shortPrivateNames() {
  return {
    name: 'short-private-names',
    renderChunk(code, chunk) {
      const units = [];
      const collect = (node) => {
        if (isClass(node)) {
          const names = new Map();
          walk(node, (inner) => {
            if (inner.type !== 'PrivateIdentifier') return;
            if (!names.has(inner.name)) names.set(inner.name, []);
            names.get(inner.name).push(inner);
          });
          if (names.size) units.push(names);
          return;
        }
        for (const [key, value] of Object.entries(node)) {
          if (key === 'start' || key === 'end') continue;
          for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child.type === 'string') collect(child);
        }
      };
      collect(this.parse(code));
      const nthName = namer(code);
      const edits = [];
      for (const names of units) {
        const byUse = [...names.values()].sort((a, b) => b.length - a.length);
        byUse.forEach((nodes, i) => {
          const name = nthName(i);
          // A PrivateIdentifier's range includes the `#`.
          for (const node of nodes) if (node.name !== name) edits.push([node.start, node.end, `#${name}`]);
        });
      }
      return edits.length ? applyEdits(code, edits, chunk.fileName) : null;
    },
  };
}
