// The README is also the npm page, where a relative link or picture leads nowhere: every link
// and image must be absolute (or an in-page #anchor), and a CDN URL into this package must name
// package.json's version and a file the package ships (`npm pack --dry-run --json`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const ROOT = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));

/** The README without code: fenced blocks and inline code spans hold examples, not links. */
const prose = readme.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)[^`\n][\s\S]*?\1/g, '');

/** Every link and image target in the prose: markdown `[..](url)` / `![..](url)`, references, HTML src/href. */
function targets(text) {
  const found = [];
  for (const m of text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) found.push(m[1]);
  for (const m of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) found.push(m[1]);
  for (const m of text.matchAll(/\b(?:src|href|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) found.push(m[1] ?? m[2]);
  return found;
}

const ABSOLUTE = /^[a-z][a-z\d+.-]*:/i;
/** A CDN URL into this package: `https://cdn.jsdelivr.net/npm/hubspot-softphone@1.2.3/docs/x.png`, unpkg alike. */
const CDN = new RegExp(`https://(?:cdn\\.jsdelivr\\.net/npm|unpkg\\.com)/${pkg.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:@([^/\\s"'<>)]+))?(/[^\\s"'<>)#?]*)?`, 'g');

test('every link and image in the README is absolute or an in-page anchor', () => {
  const all = targets(prose);
  assert.ok(all.length > 10, `found only ${all.length} links: is the pattern still right?`);
  const relative = all.filter((url) => !url.startsWith('#') && !ABSOLUTE.test(url));
  assert.deepEqual(relative, [], 'relative links do not resolve on the npm page: use https://cdn.jsdelivr.net/npm/<name>@<version>/<path>');
});

test('links and images into the package are pinned to package.json’s version', () => {
  const unpinned = targets(prose).filter((url) => [...url.matchAll(CDN)].some((m) => m[1] !== pkg.version));
  assert.deepEqual(unpinned, [], `links into the package must name ${pkg.name}@${pkg.version}`);
});

test('a version named in any CDN URL of the README, code included, is package.json’s', () => {
  const stale = [...readme.matchAll(CDN)].filter((m) => m[1] !== undefined && m[1] !== pkg.version).map((m) => m[0]);
  assert.deepEqual(stale, [], `bump these to ${pkg.version}`);
});

test('every CDN URL of the README names a file the package ships', () => {
  let packed;
  try {
    packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (error) {
    assert.fail(`npm pack --dry-run --json failed: ${error.stderr || error.message}`);
  }
  const shipped = new Set(packed[0].files.map((f) => f.path));
  const urls = [...readme.matchAll(CDN)];
  assert.ok(urls.length > 0, 'the README names no CDN URL into the package');
  const missing = urls.filter((m) => !m[2] || !shipped.has(m[2].slice(1))).map((m) => m[0]);
  const hint = shipped.has('dist/hubspot-softphone.min.js') ? 'add them to package.json "files"' : 'dist/ is not built: run "npm run build" first';
  assert.deepEqual(missing, [], `npm pack would not ship these (${hint})`);
});
