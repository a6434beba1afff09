#!/usr/bin/env node
// Thin launcher; all logic lives in src/server/cli.ts (compiled to dist/server/cli.js).
import { runCli } from '../dist/server/cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
