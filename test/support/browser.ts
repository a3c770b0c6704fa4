/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). In CI a missing Chromium fails the
 * run loudly; on a developer's machine the browser tests skip with a message saying what to install.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);

export const chromiumPath: string | undefined = CANDIDATES.find((path) => existsSync(path));

const missing = 'Chromium not found (looked at ' + CANDIDATES.join(', ') + '). Install it: apt-get install -y chromium';

if (!chromiumPath && process.env.CI === 'true') throw new Error(`${missing}. The browser tests cannot be skipped in CI.`);
if (!chromiumPath) console.warn(`[dashboard tests skipped] ${missing}`);

/** Whether the browser tests can run here (false only off CI, when Chromium is missing). */
export const hasChromium = chromiumPath !== undefined;

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error(missing);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}
