import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './offline.js';

/** Where npm start keeps its data: CLAIMDESK_DATA_DIR if set (tests point it at a temporary folder), else .data/. */
export const DATA_DIR = process.env.CLAIMDESK_DATA_DIR ? resolve(process.env.CLAIMDESK_DATA_DIR) : join(ROOT, '.data');
const SECRET_FILE = join(DATA_DIR, 'jwt-secret');

/** The local stage's signing secret: CLAIMDESK_JWT_SECRET if set, else generated once under .data/ and reused. */
export function localSecret(): string {
  if (process.env.CLAIMDESK_JWT_SECRET) return process.env.CLAIMDESK_JWT_SECRET;
  if (existsSync(SECRET_FILE)) return readFileSync(SECRET_FILE, 'utf8').trim();
  mkdirSync(dirname(SECRET_FILE), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}
