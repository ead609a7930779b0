#!/usr/bin/env node
// Offline verifier for a Henji proof bundle: henji-verify-bundle bundle.json [--public-key BASE64] [--json]
// Prints a plain-language summary of what it verified (subject, entries, checkpoint, verdict); --json prints the
// machine-readable report instead. Exits 0 when everything verifies, 1 otherwise, 2 on a usage error.
// Needs only Node.js and this package (run through tsx, which the repository installs).
import { readFile } from 'node:fs/promises';
import { register } from 'tsx/esm/api';

register();
const { summarizeBundle, verifyBundle } = await import('../src/index.ts');

const args = process.argv.slice(2);
const keyAt = args.indexOf('--public-key');
const file = args.find((a, i) => !a.startsWith("--") && (keyAt < 0 || i !== keyAt + 1));
if (!file || (keyAt >= 0 && !args[keyAt + 1])) {
  console.error('usage: henji-verify-bundle BUNDLE.json [--public-key BASE64] [--json]');
  process.exit(2);
}
const bundle = JSON.parse(await readFile(file, 'utf8'));
const report = await verifyBundle(bundle, keyAt >= 0 ? args[keyAt + 1] : undefined);
if (args.includes('--json')) console.log(JSON.stringify(report, null, 2));
else {
  // The names of actions and subject types, when the verifier runs inside Henji's repository; optional.
  let labels = {};
  try {
    const { LEDGER_VOCABULARY } = await import('../../contracts/src/ledger-vocabulary.ts');
    labels = LEDGER_VOCABULARY['zh-CN'];
  } catch {
    // A verifier copied out on its own prints actions as recorded.
  }
  console.log(summarizeBundle(bundle, report, labels));
}
process.exit(report.ok ? 0 : 1);
