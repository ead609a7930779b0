#!/usr/bin/env node
// Offline verifier for a Henji proof bundle: henji-verify-bundle bundle.json [--public-key BASE64]
// Needs only Node.js and this package (run through tsx, which the repository installs).
import { readFile } from 'node:fs/promises';
import { register } from 'tsx/esm/api';

register();
const { verifyBundle } = await import('../src/index.ts');

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const keyAt = args.indexOf('--public-key');
if (!file) {
  console.error('usage: henji-verify-bundle BUNDLE.json [--public-key BASE64]');
  process.exit(2);
}
const bundle = JSON.parse(await readFile(file, 'utf8'));
const report = await verifyBundle(bundle, keyAt >= 0 ? args[keyAt + 1] : undefined);
console.log(JSON.stringify(report, null, 2));
process.exit(report.ok ? 0 : 1);
