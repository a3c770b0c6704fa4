import { storageAnswers } from '../lib/health.js';
import { httpHandler } from './http.js';

export const handler = httpHandler({
  'GET /health': async ({ desk }) => {
    await storageAnswers(desk);
    return { status: 200, body: { status: 'ok' } };
  },
});
