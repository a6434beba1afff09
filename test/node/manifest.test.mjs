// The README's API tables must say exactly what the Custom Elements Manifest (built from the
// element's JSDoc) says: same attributes, methods, events, slots, parts and CSS properties.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'hubspot-softphone');

/** The README section under `### heading`, up to the next heading. */
function section(heading) {
  const start = readme.indexOf(`### ${heading}\n`);
  assert.ok(start >= 0, `README has no "### ${heading}" section`);
  const end = readme.indexOf('\n#', start + 4);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The first cell of each table row, without backticks (header and rule rows skipped). */
function firstColumn(text) {
  return text
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('|---'))
    .slice(1)
    .map((line) => line.split('|')[1].trim());
}

const names = (cells) => cells.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].split('(')[0]));
const sorted = (list) => [...new Set(list)].sort();

test('the manifest describes <hubspot-softphone>', () => {
  assert.ok(element, 'custom-elements.json has no hubspot-softphone');
  assert.equal(element.customElement, true);
});

test('attributes match the README table', () => {
  // `lang` is the standard global attribute, documented for completeness.
  const documented = names(firstColumn(section('Attributes and properties'))).filter((n) => n !== 'lang');
  assert.deepEqual(sorted(documented), sorted(element.attributes.map((a) => a.name)));
});

test('public methods match the README table', () => {
  const documented = names(firstColumn(section('Methods (your telephony -> HubSpot)')));
  const methods = element.members.filter((m) => m.kind === 'method' && !m.privacy && !m.static).map((m) => m.name);
  assert.deepEqual(sorted(documented), sorted(methods));
});

test('events match the README table', () => {
  const documented = names(firstColumn(section('Events (HubSpot and the user -> your page)')));
  assert.deepEqual(sorted(documented), sorted(element.events.map((e) => e.name)));
});

test('slots match the README table', () => {
  const documented = firstColumn(section('Slots')).map((cell) => (cell === '(default)' ? '' : cell.replace(/`/g, '')));
  assert.deepEqual(sorted(documented), sorted(element.slots.map((s) => s.name)));
});

test('parts match the README list', () => {
  const documented = [...section('Parts').split('```')[0].matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
  assert.deepEqual(sorted(documented), sorted(element.cssParts.map((p) => p.name)));
});

test('CSS custom properties match the README table', () => {
  const documented = names(firstColumn(section('CSS custom properties')));
  assert.deepEqual(sorted(documented), sorted(element.cssProperties.map((p) => p.name)));
});

test('every public property and method is documented in the JSDoc', () => {
  const undocumented = element.members.filter((m) => !m.privacy && !m.static && !m.description).map((m) => m.name);
  assert.deepEqual(undocumented, []);
});
