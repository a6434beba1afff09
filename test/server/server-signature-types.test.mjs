// Proves test/types/server-signature.ts can fail: it is compiled against
// mutated copies of dist/server's declarations, and every mutant that breaks
// the promised signature API must give it type errors.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist/server');
const TYPE_TEST = readFileSync(join(ROOT, 'test/types/server-signature.ts'), 'utf8');

const MUTANTS = {
  unchanged: null,
  'verifySignatureV3 returns SignatureCheck': ['signature.d.ts', 'verifySignatureV3(input: SignatureV3Input): boolean;', 'verifySignatureV3(input: SignatureV3Input): SignatureCheck;'],
  'verifySignatureV3 returns any': ['signature.d.ts', 'verifySignatureV3(input: SignatureV3Input): boolean;', 'verifySignatureV3(input: SignatureV3Input): any;'],
  'verifySignatureV1 returns SignatureCheck': ['signature.d.ts', 'verifySignatureV1(input: SignatureV1Input): boolean;', 'verifySignatureV1(input: SignatureV1Input): SignatureCheck;'],
  'verifySignatureV2 returns any': ['signature.d.ts', 'verifySignatureV2(input: SignatureV2Input): boolean;', 'verifySignatureV2(input: SignatureV2Input): any;'],
  'SeenSignature returns unknown': ['replay.d.ts', '=> boolean | Promise<boolean>;', '=> unknown;'],
  'verifySignatureV1 returns any': ['signature.d.ts', 'verifySignatureV1(input: SignatureV1Input): boolean;', 'verifySignatureV1(input: SignatureV1Input): any;'],
  'verifySignatureV1 returns true': ['signature.d.ts', 'verifySignatureV1(input: SignatureV1Input): boolean;', 'verifySignatureV1(input: SignatureV1Input): true;'],
  'verifySignatureV2 returns true': ['signature.d.ts', 'verifySignatureV2(input: SignatureV2Input): boolean;', 'verifySignatureV2(input: SignatureV2Input): true;'],
  'checkSignatureV1 returns boolean': ['signature.d.ts', 'checkSignatureV1(input: SignatureV1Input): SignatureCheck;', 'checkSignatureV1(input: SignatureV1Input): boolean;'],
  'checkSignatureV2 returns any': ['signature.d.ts', 'checkSignatureV2(input: SignatureV2Input): SignatureCheck;', 'checkSignatureV2(input: SignatureV2Input): any;'],
  'checkSignatureV3 returns boolean': ['signature.d.ts', 'checkSignatureV3(input: SignatureV3Input): SignatureCheck;', 'checkSignatureV3(input: SignatureV3Input): boolean;'],
  'SignatureCheck is not narrowed by ok': ['signature.d.ts', '    readonly ok: true;\n} | {\n    readonly ok: false;', '    readonly ok: boolean;\n} | {\n    readonly ok: boolean;'],
  'SignatureFailureReason loses mismatch': ['signature.d.ts', " | 'invalid-input' | 'mismatch';", " | 'invalid-input';"],
};

let dir;
/** mutant name -> number of type errors in its copy of the type test. */
const errors = new Map();

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'server-signature-types-'));
  const files = [];
  for (const [name, mutation] of Object.entries(MUTANTS)) {
    const slug = name.replace(/[^a-z0-9]+/gi, '-');
    const base = join(dir, slug);
    mkdirSync(join(base, 'server'), { recursive: true });
    for (const file of readdirSync(DIST).filter((f) => f.endsWith('.d.ts'))) cpSync(join(DIST, file), join(base, 'server', file));
    if (mutation) {
      const [file, from, to] = mutation;
      const path = join(base, 'server', file);
      const text = readFileSync(path, 'utf8');
      assert.ok(text.includes(from), `mutation "${name}" does not apply`);
      writeFileSync(path, text.replace(from, to));
    }
    const testFile = join(base, 'server-signature.ts');
    writeFileSync(testFile, TYPE_TEST.replace("from 'hubspot-softphone/server'", "from './server/index.js'"));
    files.push([name, testFile]);
  }
  const program = ts.createProgram(
    files.map(([, f]) => f),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      strict: true,
      noEmit: true,
      types: [],
      typeRoots: [join(ROOT, 'node_modules/@types')],
    },
  );
  const diagnostics = ts.getPreEmitDiagnostics(program);
  for (const [name, file] of files) {
    errors.set(name, diagnostics.filter((d) => d.file?.fileName === file.replaceAll('\\', '/')).length);
  }
  const global = diagnostics.filter((d) => !d.file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(global, []);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the signature type test catches API regressions', { timeout: 30_000 }, () => {
  test('unchanged declarations compile cleanly', () => {
    assert.equal(errors.get('unchanged'), 0);
  });
  for (const name of Object.keys(MUTANTS).filter((n) => n !== 'unchanged')) {
    test(`fails when ${name}`, () => {
      assert.ok(errors.get(name) > 0, `type test still passes when ${name}`);
    });
  }
});
