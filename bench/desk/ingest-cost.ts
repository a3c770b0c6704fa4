/**
 * 1. Ingest cost: DynamoDB requests and consumed capacity per article through the domain's own ingest
 * (lib/articles submitArticle), counted by middleware on the desk's document client; the largest article the API
 * accepts, stored and read back whole, and its largest item against DynamoDB's 400 KB limit.
 */
import { ARTICLE_TEXT_MAX } from '../../schemas/article.js';
import { readArticle, submitArticle } from '../../lib/articles.js';
import { normaliseArticleText } from '../../lib/text.js';
import { deskOn } from '../../test/support/desk.js';
import type { Storage } from '../../test/support/stack.js';
import { countRequests, summarise } from './count.js';
import { DEMO_TEXT, longEnglish, longThreeByte, wireArticle } from './corpus.js';
import { median } from './stats.js';

const WRITE_BATCH = 25;
const ITEM_LIMIT = 400 * 1024;

export interface IngestCostRow {
  name: string;
  chars: number;
  claims: number;
  items: number;
  floor: number;
  writeRequests: number;
  requests: number;
  byCommand: Record<string, number>;
  writeCapacity: number;
  readCapacity: number;
  largestItem: number;
  ms: number;
}

export interface IngestCost {
  rows: IngestCostRow[];
  /** Medians over the wire articles. */
  typical: { claims: number; items: number; floor: number; writeRequests: number; requests: number; writeCapacity: number; readCapacity: number; overFloor: number; worstOverFloor: number };
  largest: { name: string; chars: number; utf8Bytes: number; claims: number; largestItem: number; ofLimit: number; readBackWhole: boolean; readBackMs: number; readRequests: number }[];
}

const person = { name: 'bench-editor', roles: ['editor' as const] };

export async function ingestCost(storage: Storage, articles: number): Promise<IngestCost> {
  const desk = deskOn(storage);
  const counter = countRequests(desk.storage.db);
  const rows: IngestCostRow[] = [];
  const ingest = async (name: string, text: string) => {
    counter.take();
    const t0 = performance.now();
    const result = await submitArticle(desk, { text, title: name } as Parameters<typeof submitArticle>[1], person);
    const took = performance.now() - t0;
    const s = summarise(counter.take());
    const row: IngestCostRow = {
      name,
      chars: result.article.text.length,
      claims: result.claims.length,
      items: s.distinctItems,
      floor: Math.ceil(s.distinctItems / WRITE_BATCH),
      writeRequests: s.writeRequests,
      requests: s.requests,
      byCommand: s.byCommand,
      writeCapacity: s.writeCapacity,
      readCapacity: s.readCapacity,
      largestItem: s.largestItem,
      ms: took,
    };
    rows.push(row);
    return { row, articleId: result.article.articleId, text: result.article.text };
  };

  await ingest('demo article', DEMO_TEXT);
  for (let i = 0; i < articles; i++) {
    const a = wireArticle(101, i);
    await ingest(`wire 101-${i}`, a.text);
  }
  const wire = rows.slice(1);
  const typical = {
    claims: median(wire.map((r) => r.claims)),
    items: median(wire.map((r) => r.items)),
    floor: median(wire.map((r) => r.floor)),
    writeRequests: median(wire.map((r) => r.writeRequests)),
    requests: median(wire.map((r) => r.requests)),
    writeCapacity: median(wire.map((r) => r.writeCapacity)),
    readCapacity: median(wire.map((r) => r.readCapacity)),
    overFloor: median(wire.map((r) => r.writeRequests - r.floor)),
    worstOverFloor: Math.max(...rows.map((r) => r.writeRequests - r.floor)),
  };

  const largest: IngestCost['largest'] = [];
  for (const [name, raw] of [
    ['200,000 characters of English', longEnglish(ARTICLE_TEXT_MAX)],
    ['200,000 characters of CJK (3 UTF-8 bytes each)', longThreeByte(ARTICLE_TEXT_MAX)],
  ] as const) {
    const text = normaliseArticleText(raw);
    const { row, articleId } = await ingest(name, text);
    counter.take();
    const t0 = performance.now();
    const back = await readArticle(desk, articleId);
    const readBackMs = performance.now() - t0;
    const reads = counter.take();
    largest.push({
      name,
      chars: text.length,
      utf8Bytes: Buffer.byteLength(text, 'utf8'),
      claims: row.claims,
      largestItem: row.largestItem,
      ofLimit: row.largestItem / ITEM_LIMIT,
      readBackWhole: back.article.text === text && back.claims.length === row.claims,
      readBackMs,
      readRequests: reads.length,
    });
  }
  return { rows, typical, largest };
}
