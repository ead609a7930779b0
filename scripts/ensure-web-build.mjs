// Builds the web app when apps/web/dist is missing or older than its sources, so `npm start` always serves the UI.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'apps/web');
const built = path.join(web, 'dist/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const sources = [path.join(web, 'src'), path.join(root, 'packages')];
const sourceTime = Math.max(...sources.filter(existsSync).map(newest), statSync(path.join(web, 'index.html')).mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sourceTime) {
  console.log('building the web app…');
  execSync('npm run build -w @henji/web', { cwd: root, stdio: 'inherit' });
}
