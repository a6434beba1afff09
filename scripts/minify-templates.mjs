/**
 * Rollup plugin: squeezes the whitespace out of Lit's css`` / html`` / svg`` templates,
 * which terser leaves alone. Only the literal parts change, never the expressions.
 * A css`` template with no expressions becomes `unsafeCSS(`…`)`, the same stylesheet: `css`'s
 * checks of its values (and their long error text) then drop out of the bundle.
 */
const TAGS = new Set(['css', 'html', 'svg']);

function squeeze(tag, text) {
  const spaced = text.replace(/\s+/g, ' ');
  // The last declaration of a rule needs no semicolon.
  if (tag === 'css') return spaced.replace(/\s*([{};,])\s*/g, '$1').replace(/:\s+/g, ':').replace(/;}/g, '}');
  // Whitespace between two tags is layout-neutral in these templates (grid and flex containers).
  return spaced.replace(/> </g, '><');
}

function collect(node, edits) {
  if (!node || typeof node.type !== 'string') return;
  if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && TAGS.has(node.tag.name)) {
    for (const quasi of node.quasi.quasis) {
      const raw = quasi.value.raw;
      const next = squeeze(node.tag.name, raw);
      if (next !== raw) edits.push([quasi.start, quasi.end, next]);
    }
    if (node.tag.name === 'css' && node.quasi.expressions.length === 0) {
      edits.push([node.tag.start, node.tag.end, 'unsafeCSS(']);
      edits.push([node.end, node.end, ')']);
    }
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => collect(child, edits));
    else if (value && typeof value === 'object' && value !== node) collect(value, edits);
  }
}

export function minifyTemplates() {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (id.includes('node_modules') || !/\b(css|html|svg)\s*`/.test(code)) return null;
      const edits = [];
      collect(this.parse(code), edits);
      edits.sort((a, b) => b[0] - a[0]);
      for (const [start, end, text] of edits) code = code.slice(0, start) + text + code.slice(end);
      if (edits.some(([, , text]) => text === 'unsafeCSS(')) code = code.replace(/import \{ css \} from 'lit';/, "import { css, unsafeCSS } from 'lit';");
      return { code, map: null };
    },
  };
}
