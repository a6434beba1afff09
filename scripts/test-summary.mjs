/** Adds up Node's and the browser runner's results into one closing line for CI. */
import { existsSync, readFileSync } from 'node:fs';

const [log, browserJson] = process.argv.slice(2);
const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
const sum = (pattern) => [...text.matchAll(pattern)].reduce((total, m) => total + Number(m[1]), 0);
const count = (pattern) => [...text.matchAll(pattern)].length;
// Node's spec reporter totals, plus the simulator check's TAP lines.
let passed = sum(/^ℹ pass (\d+)$/gm) + count(/^ok \d+ - /gm);
let failed = sum(/^ℹ fail (\d+)$/gm) + count(/^not ok \d+ - /gm);
if (existsSync(browserJson)) {
  const browser = JSON.parse(readFileSync(browserJson, 'utf8'));
  passed += browser.passed;
  failed += browser.failed;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
