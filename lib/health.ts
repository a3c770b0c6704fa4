import type { Desk } from './desk.js';
import { tableAnswers } from './store/health.js';

/** Resolves once the table answers a read; 503 otherwise. */
export async function storageAnswers(desk: Desk): Promise<void> {
  await tableAnswers(desk.storage);
}
