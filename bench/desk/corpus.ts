/**
 * Seeded wire copy for the desk benchmark: articles built from the labelled check-worthiness sentences and the
 * demo article's paragraphs, so the extractor finds claims in them as it would in real copy. Same seed, same articles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCheckworthyTsv } from '../../scripts/training/data.js';
import { seededRandom } from '../../scripts/stats.js';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const DEMO_TEXT = readFileSync(join(ROOT, 'data/articles/nato-russia-talks-2022-01-12.txt'), 'utf8');

const sentences = parseCheckworthyTsv(readFileSync(join(ROOT, 'data/checkworthiness/CT24_checkworthy_english_train.tsv'), 'utf8'))
  .map((s) => s.text.trim())
  .filter((text) => text.length >= 30 && text.length <= 400 && /[.!?]["”']?$/.test(text));
const demoParagraphs = DEMO_TEXT.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 80);
const PLACES = ['LONDON', 'BRUSSELS', 'WASHINGTON', 'GENEVA', 'BERLIN', 'PARIS', 'WARSAW', 'KYIV', 'ROME', 'MADRID'];

export interface WireArticle {
  title: string;
  text: string;
  source: string;
  publishedAt: string;
}

/** Article `index` of the set `seed`: a dateline, 5–9 paragraphs of 2–4 labelled sentences, one or two demo paragraphs. */
export function wireArticle(seed: number, index: number): WireArticle {
  const random = seededRandom(seed * 1_000_003 + index);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const paragraphs: string[] = [];
  const count = 5 + Math.floor(random() * 5);
  for (let p = 0; p < count; p++) {
    paragraphs.push(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(sentences)).join(' '));
  }
  for (let d = 0, n = 1 + Math.floor(random() * 2); d < n; d++) paragraphs.splice(Math.floor(random() * paragraphs.length), 0, pick(demoParagraphs));
  const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 330) * 86_400_000);
  paragraphs[0] = `${pick(PLACES)}, ${day.toISOString().slice(0, 10)} (Wire) — ${paragraphs[0]}`;
  return {
    title: `Wire ${seed}-${index}: ${paragraphs[1]!.split(' ').slice(0, 8).join(' ')}`,
    text: paragraphs.join('\n\n'),
    source: 'Bench Wire',
    publishedAt: day.toISOString().slice(0, 10),
  };
}

/** A text of exactly `length` characters in English sentences (the largest article the API accepts is 200,000). */
export function longEnglish(length: number, seed = 7): string {
  const random = seededRandom(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const paragraph = Array.from({ length: 4 }, () => sentences[Math.floor(random() * sentences.length)]!).join(' ');
    parts.push(paragraph);
    size += paragraph.length + 2;
  }
  return parts.join('\n\n').slice(0, length).replace(/\s+$/, '.').padEnd(length, '.');
}

/** The worst case for item size: every character 3 bytes in UTF-8 (CJK), in sentences, exactly `length` characters. */
export function longThreeByte(length: number, seed = 11): string {
  const random = seededRandom(seed);
  let out = '';
  while (out.length < length) {
    const words = 8 + Math.floor(random() * 20);
    for (let w = 0; w < words; w++) out += String.fromCharCode(0x4e00 + Math.floor(random() * 0x5000));
    out += '。';
    if (random() < 0.15) out += '\n\n';
  }
  return out.slice(0, length);
}
