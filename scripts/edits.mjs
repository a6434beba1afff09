/**
 * Shared by the build-time trim plugins: walks a rollup (ESTree) AST and applies text edits,
 * returning a source map so rollup can chain it to the maps before it.
 */

/** Calls visit(node, parent) for every node, depth first. */
export function walk(node, visit, parent = null) {
  if (!node || typeof node.type !== 'string') return;
  visit(node, parent);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'start' || key === 'end') continue;
    if (Array.isArray(value)) for (const child of value) walk(child, visit, node);
    else if (value && typeof value === 'object') walk(value, visit, node);
  }
}

/** The key of a non-computed `a.b` / `{ b: … }`, or of a string-literal `a["b"]`; else null. */
export function keyName(key, computed) {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return null;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function vlq(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v) digit |= 32;
    out += B64[digit];
  } while (v);
  return out;
}

/**
 * Applies [start, end, text] edits (non-overlapping) to code. The map has a segment at every
 * token of the untouched text, and one at the start of each replacement.
 */
export function applyEdits(code, edits, source) {
  edits = [...edits].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < edits.length; i++) {
    if (edits[i][0] < edits[i - 1][1]) throw new Error(`${source}: overlapping edits at ${edits[i][0]}`);
  }
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const position = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo, offset - lineStarts[lo]];
  };

  let out = '';
  const lines = [];
  let line = '';
  let column = 0;
  let last = [0, 0]; // previous segment's original line and column, for the deltas
  let lastColumn = 0;
  const segment = (offset) => {
    const [l, c] = position(offset);
    line += `${line ? ',' : ''}${vlq(column - lastColumn)}A${vlq(l - last[0])}${vlq(c - last[1])}`;
    lastColumn = column;
    last = [l, c];
  };
  const emit = (text, origin, everyToken) => {
    for (const match of text.matchAll(/\n|[\w$]+|[^\w$\s]|[^\S\n]+/g)) {
      if (match[0] === '\n') {
        lines.push(line);
        line = '';
        column = lastColumn = 0;
        continue;
      }
      const isSpace = /^\s/.test(match[0]);
      // Inserted text maps, as a whole, to where the text it replaces began.
      if (!isSpace && (everyToken || match.index === 0 || !line)) segment(everyToken ? origin + match.index : origin);
      column += match[0].length;
    }
    out += text;
  };

  let cursor = 0;
  for (const [start, end, text] of edits) {
    emit(code.slice(cursor, start), cursor, true);
    emit(text, start, false);
    cursor = end;
  }
  emit(code.slice(cursor), cursor, true);
  lines.push(line);
  return { code: out, map: { version: 3, sources: [source], names: [], mappings: lines.join(';') } };
}
