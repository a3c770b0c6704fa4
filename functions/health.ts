import { storageAnswers } from '../lib/health.js';
import { httpHandler, withoutStorage, type Routes } from './http.js';

export const routes: Routes = {
  'GET /health': async ({ desk }) => {
    await storageAnswers(desk);
    return { status: 200, body: { status: 'ok' } };
  },
  // For uptime checks: answers while the function runs, touching neither storage nor keys.
  'GET /health/live': withoutStorage(async () => ({ status: 200, body: { status: 'ok' } })),
};

// No route here authenticates or pages: the function reads no keys, and its role has no SSM access.
export const handler = httpHandler(routes, { keys: false });
