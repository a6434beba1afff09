/**
 * Rollup plugin for the CDN build of the calling-extensions SDK (its sources, after esbuild
 * has stripped the types). Runs after the plugin that compiles them.
 *
 * - inlines `messageType.SYNC`-style lookups of Constants.ts's string tables as literals, so
 *   a table that nothing else reads is dropped (a table still read, say through
 *   `Constants.messageType`, stays whole);
 * - with `appOnly`, leaves out IFrameManager's host side (creating and sizing the iframe,
 *   re-sending SYNC), which runs only when it is given `iFrameOptions`: the element builds it
 *   in app mode only. The ESM build, which the host helper uses, does not go through here.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseAst } from 'rollup/parseAst';
import { transform } from 'esbuild';
import { applyEdits, keyName, walk } from './edits.mjs';

/** IFrameManager's members that only the host side reaches, and the option that turns it on. */
const HOST_ONLY = {
  file: 'src/IFrameManager.ts',
  className: 'IFrameManager',
  members: ['createIFrame', 'getHostElement', 'updateIFrameSize', 'formatSize', 'handleLoadError', 'sendSync'],
  option: 'iFrameOptions',
};

/** Stands for an identifier or member read, so it is wrapped: `(void 0).x`, not `void 0.x`. */
const UNDEFINED = '(void 0)';

/** `const NAME = { KEY: "value", ...OTHER }` tables whose every entry is a known string. */
export function stringTables(ast) {
  const strings = new Map();
  const tables = new Map();
  const valueOf = (node) => {
    if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
    if (node.type === 'Identifier' && strings.has(node.name)) return strings.get(node.name);
    return undefined;
  };
  for (let statement of ast.body) {
    if (statement.type === 'ExportNamedDeclaration') statement = statement.declaration;
    if (statement?.type !== 'VariableDeclaration' || statement.kind !== 'const') continue;
    for (const { id, init } of statement.declarations) {
      if (id.type !== 'Identifier' || !init) continue;
      if (valueOf(init) !== undefined) strings.set(id.name, valueOf(init));
      if (init.type !== 'ObjectExpression') continue;
      const table = new Map();
      const known = init.properties.every((p) => {
        if (p.type === 'SpreadElement') {
          const spread = p.argument.type === 'Identifier' && tables.get(p.argument.name);
          spread?.forEach((v, k) => table.set(k, v));
          return !!spread;
        }
        const key = p.kind === 'init' && !p.method && keyName(p.key, p.computed);
        const value = key != null && valueOf(p.value);
        if (value === undefined || value === false) return false;
        table.set(key, value);
        return true;
      });
      if (known) tables.set(id.name, table);
    }
  }
  return tables;
}

/** Every name a declaration binds in the module, counted, imports excepted. */
function declaredNames(ast) {
  const counts = new Map();
  const add = (pattern) => {
    if (!pattern) return;
    if (pattern.type === 'Identifier') counts.set(pattern.name, (counts.get(pattern.name) ?? 0) + 1);
    else if (pattern.type === 'ObjectPattern') pattern.properties.forEach((p) => add(p.type === 'RestElement' ? p.argument : p.value));
    else if (pattern.type === 'ArrayPattern') pattern.elements.forEach(add);
    else if (pattern.type === 'AssignmentPattern') add(pattern.left);
    else if (pattern.type === 'RestElement') add(pattern.argument);
  };
  walk(ast, (node) => {
    if (node.type === 'VariableDeclarator') add(node.id);
    else if (node.type === 'CatchClause') add(node.param);
    else if (/Function/.test(node.type)) {
      if (node.type === 'FunctionDeclaration') add(node.id);
      node.params?.forEach(add);
    } else if (node.type === 'ClassDeclaration') add(node.id);
  });
  return counts;
}

const isWriteTarget = (node, parent) =>
  (parent.type === 'AssignmentExpression' && parent.left === node) ||
  parent.type === 'UpdateExpression' ||
  (parent.type === 'UnaryExpression' && parent.operator === 'delete');

/** Edits replacing `table.KEY` (and `Namespace.table.KEY`) with the string it holds. */
function inlineTables(ast, id, tables, constantsFile) {
  const direct = new Map(); // local name -> table
  const namespaces = new Set();
  const own = id === constantsFile;
  if (own) tables.forEach((table, name) => direct.set(name, table));
  for (const node of ast.body) {
    if (node.type !== 'ImportDeclaration' || !node.source.value.startsWith('.')) continue;
    if (resolve(dirname(id), `${node.source.value}.ts`) !== constantsFile) continue;
    for (const s of node.specifiers) {
      if (s.type === 'ImportNamespaceSpecifier') namespaces.add(s.local.name);
      else if (s.type === 'ImportSpecifier' && tables.has(s.imported.name)) direct.set(s.local.name, tables.get(s.imported.name));
    }
  }
  if (!direct.size && !namespaces.size) return [];

  // The walk does not track scopes, so it refuses a module that declares one of these names again.
  const declared = declaredNames(ast);
  for (const name of [...direct.keys(), ...namespaces]) {
    if ((declared.get(name) ?? 0) > (own ? 1 : 0)) throw new Error(`${id}: \`${name}\` is declared twice; not inlining it`);
  }

  const edits = [];
  const tableOf = (node) => {
    if (node.type === 'Identifier') return direct.get(node.name);
    if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && namespaces.has(node.object.name)) {
      return tables.get(keyName(node.property, node.computed));
    }
    return undefined;
  };
  walk(ast, (node, parent) => {
    if (node.type !== 'MemberExpression') return;
    const table = tableOf(node.object);
    const key = table && keyName(node.property, node.computed);
    if (key == null || !table.has(key)) return;
    if (isWriteTarget(node, parent)) throw new Error(`${id}: writes ${key} of a constant table`);
    edits.push([node.start, node.end, JSON.stringify(table.get(key))]);
  });
  return edits;
}

/** Edits leaving out the host side of IFrameManager. */
function dropHostSide(ast, id) {
  const { className, members, option } = HOST_ONLY;
  let cls;
  walk(ast, (node) => {
    if (node.type === 'ClassDeclaration' && node.id?.name === className) cls = node;
  });
  if (!cls) throw new Error(`${id}: class ${className} not found`);
  const edits = [];
  const dropped = [];
  const missing = new Set(members);
  for (const member of cls.body.body) {
    if (missing.delete(member.key && keyName(member.key, member.computed))) dropped.push(member);
  }
  if (missing.size) throw new Error(`${id}: ${className} has no ${[...missing].join(', ')}; update HOST_ONLY`);
  for (const member of dropped) edits.push([member.start, member.end, '']);

  // In app mode the option is never given: the constructor's destructured `iFrameOptions` and
  // `….iFrameOptions` are undefined, and rollup and terser drop the branches they guard.
  const ctor = cls.body.body.find((m) => m.kind === 'constructor');
  let local = null;
  let removed = null;
  walk(ctor, (node) => {
    if (node.type !== 'ObjectPattern' || removed) return;
    const props = node.properties;
    const i = props.findIndex((p) => p.type === 'Property' && keyName(p.key, p.computed) === option);
    if (i < 0) return;
    if (props[i].value.type !== 'Identifier') throw new Error(`${id}: unexpected \`${option}\` pattern`);
    removed = props[i];
    local = removed.value.name;
    const last = i === props.length - 1;
    edits.push(props.length === 1 ? [removed.start, removed.end, ''] : last ? [props[i - 1].end, removed.end, ''] : [removed.start, props[i + 1].start, '']);
  });
  if (!local) throw new Error(`${id}: the constructor does not destructure \`${option}\``);
  const skip = new Set();
  walk(ctor.value.body, (node, parent) => {
    if (node === removed || skip.has(parent)) return void skip.add(node);
    if (node.type === 'Property' && node.shorthand && node.key.name === local) {
      if (parent.type === 'ObjectPattern') throw new Error(`${id}: \`${local}\` redeclared`);
      skip.add(node);
      return void edits.push([node.start, node.end, `${local}: ${UNDEFINED}`]);
    }
    if (node.type !== 'Identifier' || node.name !== local) return;
    if (parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
    if (parent.type === 'Property' && parent.key === node && !parent.computed) return;
    if (isWriteTarget(node, parent) || (parent.type === 'VariableDeclarator' && parent.id === node)) {
      throw new Error(`${id}: \`${local}\` is written`);
    }
    edits.push([node.start, node.end, UNDEFINED]);
  });
  const inDropped = (node) => dropped.some((m) => node.start >= m.start && node.end <= m.end);
  walk(cls.body, (node, parent) => {
    if (node.type !== 'MemberExpression' || keyName(node.property, node.computed) !== option || inDropped(node)) return;
    if (isWriteTarget(node, parent)) throw new Error(`${id}: \`${option}\` is written`);
    edits.push([node.start, node.end, UNDEFINED]);
  });
  return edits;
}

/**
 * @param {{ sdk: string, inline?: boolean, appOnly?: boolean }} options `sdk`: the package
 *   folder, with a trailing slash; `inline`: inline the string tables (default true);
 *   `appOnly`: leave out IFrameManager's host side.
 */
export function sdkTrim({ sdk, inline = true, appOnly = false }) {
  const constantsFile = `${sdk}src/Constants.ts`;
  const hostFile = `${sdk}${HOST_ONLY.file}`;
  let tables;
  return {
    name: 'sdk-trim',
    async buildStart() {
      const { code } = await transform(readFileSync(constantsFile, 'utf8'), { loader: 'ts', target: 'es2022' });
      tables = stringTables(parseAst(code));
    },
    transform(code, id) {
      if (!id.startsWith(sdk) || !id.endsWith('.ts')) return null;
      const ast = this.parse(code);
      const cuts = appOnly && id === hostFile ? dropHostSide(ast, id) : [];
      // Lookups inside code that is cut go with it.
      const inCut = ([start, end]) => cuts.some((cut) => start >= cut[0] && end <= cut[1]);
      const edits = [...cuts, ...(inline ? inlineTables(ast, id, tables, constantsFile).filter((edit) => !inCut(edit)) : [])];
      return edits.length ? applyEdits(code, edits, id) : null;
    },
    generateBundle(_, bundle) {
      if (!appOnly) return;
      // A dropped member that is still called would fail only at run time: fail the build instead.
      const left = new RegExp(`\\b(${HOST_ONLY.members.join('|')})\\b`);
      for (const chunk of Object.values(bundle)) {
        const found = chunk.type === 'chunk' && chunk.code.match(left);
        if (found) this.error(`${chunk.fileName} still uses IFrameManager's host-only ${found[1]}`);
      }
    },
  };
}
