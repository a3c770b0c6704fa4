import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './offline.js';

/** Builds the dashboard bundle (npm run build:web) so serverless-offline serves the current one. */
export function buildDashboard(): void {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (!scripts['build:web']) return;
  const build = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the dashboard failed:\n${build.stdout}${build.stderr}`);
}
