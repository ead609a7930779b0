#!/usr/bin/env node
/**
 * Summarises a V8 CPU profile (.cpuprofile, as `BENCH_CPU_PROF=<dir>` makes the benchmark's server write): self time
 * by package — an npm package, an area of Henji's source (`henji:kernel/ledger`), Node's own code (`node:`), or V8's
 * pseudo-frames ((garbage collector), (program), (idle)) — and by function, as shares of the busy time (idle left out).
 *
 *   node bench/profile-summary.mjs <file.cpuprofile | dir> [--top 30] [--package <name>] [--callers <function>]
 *
 * A directory means its newest .cpuprofile. `--package` lists only that package's functions; `--callers` shows whose
 * calls a function's self time comes from (the nearest frames of other packages, e.g. `--callers writev`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const top = Number(option('--top', '30'));
const onlyPackage = option('--package', null);
const callersOf = option('--callers', null);
let file = args[0];
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs <file.cpuprofile | dir> [--top 30] [--package <name>]\n');
  process.exit(2);
}
if (statSync(file).isDirectory()) {
  const newest = readdirSync(file)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(file, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) throw new Error(`no .cpuprofile in ${file}`);
  file = newest;
}

const profile = JSON.parse(readFileSync(file, 'utf8'));

/** Which package a frame belongs to, from its script URL. */
function packageOf(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node:';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const src = clean.match(/\/(apps\/server\/src|packages\/[^/]+\/src)\/(.*)$/);
  if (src) {
    const [area, rest] = [src[1], src[2].split('/')];
    const prefix = area === 'apps/server/src' ? 'henji' : `henji-${area.split('/')[1]}`;
    return `${prefix}:${rest.length > 2 ? rest.slice(0, 2).join('/') : rest.length > 1 ? rest[0] : rest[0].replace(/\.ts$/, '')}`;
  }
  return clean;
}

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

const byPackage = new Map();
const byFunction = new Map();
let busy = 0;
let idle = 0;
for (const [id, us] of selfUs) {
  const { callFrame } = nodes.get(id);
  const name = callFrame.functionName || '(anonymous)';
  if (name === '(idle)') {
    idle += us;
    continue;
  }
  busy += us;
  const pkg = packageOf(callFrame.url, name);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  if (onlyPackage && pkg !== onlyPackage) continue;
  const where = callFrame.url ? `${path.basename(callFrame.url.replace(/^file:\/\//, ''))}:${callFrame.lineNumber + 1}` : '';
  const key = `${name} ${where ? `(${where})` : ''} [${pkg}]`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}

/** For `--callers`: the frames above each sample of the function, up to the third one outside native code and Node. */
const parents = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
const byCaller = new Map();
if (callersOf) {
  for (const [id, us] of selfUs) {
    if (nodes.get(id).callFrame.functionName !== callersOf) continue;
    const chain = [];
    for (let p = parents.get(id); p !== undefined && chain.length < 3; p = parents.get(p)) {
      const { callFrame } = nodes.get(p);
      const pkg = packageOf(callFrame.url, callFrame.functionName || '(anonymous)');
      if (pkg === '(native)' || pkg === 'node:' || pkg === '(root)') continue;
      chain.push(`${callFrame.functionName || '(anonymous)'} [${pkg}]`);
    }
    const key = chain.join(' < ') || '(no JavaScript caller)';
    byCaller.set(key, (byCaller.get(key) ?? 0) + us);
  }
}

const pct = (us) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
const secs = (us) => `${(us / 1e6).toFixed(2)} s`;
const list = (m) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `${pct(us)}  ${secs(us).padStart(9)}  ${k}`)
    .join('\n');

console.log(`${file}\nbusy ${secs(busy)}, idle ${secs(idle)} (shares below are of the busy time)\n`);
console.log(`self time by package:\n${list(byPackage)}\n`);
console.log(`self time by function${onlyPackage ? ` in ${onlyPackage}` : ''}:\n${list(byFunction)}`);
if (callersOf) console.log(`\nself time of ${callersOf} by caller:\n${list(byCaller)}`);
